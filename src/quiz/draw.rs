//! One attempt's questions: which are drawn from the pool and in what order they and their
//! items are shown. Everything follows from a seed, so an attempt can be shown again.

use std::collections::HashMap;

use super::{QuestionKind, Quiz};

/// The order in which one attempt shows questions and each question's items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arrangement {
    /// Indices (file order, 0-based) of the questions asked, in the order shown.
    pub questions: Vec<usize>,
    /// For each question of the pool (by original index), its item indices in the order shown.
    pub items: Vec<Vec<usize>>,
}

impl Arrangement {
    /// The ids of the questions asked, in the order shown.
    pub fn ids<'a>(&self, quiz: &'a Quiz) -> Vec<&'a str> {
        self.questions
            .iter()
            .filter_map(|&i| quiz.questions.get(i).map(|q| q.id.as_str()))
            .collect()
    }
}

/// Questions grouped by their `group`, for the groups `[draw_groups]` names.
fn members(quiz: &Quiz) -> HashMap<&str, Vec<usize>> {
    let mut out: HashMap<&str, Vec<usize>> = quiz
        .draw_groups
        .keys()
        .map(|g| (g.as_str(), Vec::new()))
        .collect();
    for (i, q) in quiz.questions.iter().enumerate() {
        if let Some(list) = q.group.as_deref().and_then(|g| out.get_mut(g)) {
            list.push(i);
        }
    }
    out
}

/// How many questions one attempt asks: the quotas of `[draw_groups]` (each at most its
/// group's size), topped up to `draw` from the rest of the pool; without `draw`, every
/// question outside the named groups too. Never more than the pool.
pub(super) fn asked_count(quiz: &Quiz) -> usize {
    let pool = quiz.questions.len();
    if !quiz.draws() {
        return pool;
    }
    let groups = members(quiz);
    let quota: usize = quiz
        .draw_groups
        .iter()
        .map(|(g, &k)| groups.get(g.as_str()).map_or(0, |m| k.min(m.len())))
        .sum();
    match quiz.draw {
        Some(draw) => draw.max(quota).min(pool),
        None => quota + pool - groups.values().map(Vec::len).sum::<usize>(),
    }
}

/// Arranges an attempt with `seed`: draws the questions (see [`Quiz::asked_count`]), shows
/// them shuffled when the quiz asks for it (else in file order), shuffles choices when the
/// quiz shuffles, and always shows order items shuffled (never already solved when that can
/// be avoided).
pub fn arrange(quiz: &Quiz, seed: u64) -> Arrangement {
    let mut rng = fastrand::Rng::with_seed(seed);
    let pool = quiz.questions.len();
    let mut questions: Vec<usize> = if quiz.draws() {
        let mut chosen = vec![false; pool];
        let mut in_named = vec![false; pool];
        let mut groups = members(quiz);
        // BTreeMap order, so the draw does not depend on hashing.
        for (name, &k) in &quiz.draw_groups {
            if let Some(list) = groups.get_mut(name.as_str()) {
                for &i in list.iter() {
                    in_named[i] = true;
                }
                rng.shuffle(list);
                for &i in list.iter().take(k) {
                    chosen[i] = true;
                }
            }
        }
        match quiz.draw {
            Some(draw) => {
                let have = chosen.iter().filter(|c| **c).count();
                let mut rest: Vec<usize> = (0..pool).filter(|&i| !chosen[i]).collect();
                rng.shuffle(&mut rest);
                for &i in rest.iter().take(draw.saturating_sub(have)) {
                    chosen[i] = true;
                }
            }
            None => {
                for (c, named) in chosen.iter_mut().zip(&in_named) {
                    *c |= !named;
                }
            }
        }
        (0..pool).filter(|&i| chosen[i]).collect()
    } else {
        (0..pool).collect()
    };
    if quiz.shuffle {
        rng.shuffle(&mut questions);
    }
    let items = quiz
        .questions
        .iter()
        .map(|q| {
            let n = q.kind.item_count();
            let mut idx: Vec<usize> = (0..n).collect();
            match q.kind {
                QuestionKind::Order(_) => {
                    rng.shuffle(&mut idx);
                    if idx.iter().enumerate().all(|(i, &v)| i == v) {
                        idx.rotate_left(1);
                    }
                }
                QuestionKind::Choice(_) if quiz.shuffle => rng.shuffle(&mut idx),
                _ => {}
            }
            idx
        })
        .collect();
    Arrangement { questions, items }
}

/// The arrangement of an attempt that asked `ids` in this order (a resumed attempt): the same
/// questions in the same order, items shown as `seed` gives them. `None` when a question is
/// no longer in the quiz.
pub fn rearrange(quiz: &Quiz, ids: &[String], seed: u64) -> Option<Arrangement> {
    let mut arrangement = arrange(quiz, seed);
    let index: HashMap<&str, usize> = quiz
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| (q.id.as_str(), i))
        .collect();
    arrangement.questions = ids
        .iter()
        .map(|id| index.get(id.as_str()).copied())
        .collect::<Option<Vec<usize>>>()?;
    Some(arrangement)
}
