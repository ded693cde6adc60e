//! Quiz attempts in progress: saved after every answer so a crash, a kill or a call does not
//! lose them, and never counted as a score anywhere (only [`super::Attempt`]s are).
//!
//! Merge rule (two machines, or the app's record and the file): entries are keyed by attempt
//! id. A finished attempt with the same id supersedes the entry (it is dropped). A discarded
//! entry (a tombstone, kept so a copy elsewhere cannot bring the attempt back) supersedes a
//! live one. Between two live copies the one with more answers wins (an attempt only grows),
//! then the later `updated`. The result does not depend on the order of merging.
//!
//! The rule is generic ([`Underway`]): scenario runs under way
//! (`crate::scenario::RunInProgress`) merge by it too.

use serde::{Deserialize, Serialize};

use super::{GivenAnswer, Stamp};

/// An attempt under way.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InProgress {
    /// The attempt id (the finished attempt keeps it).
    pub id: String,
    /// Course id.
    pub course: String,
    /// Lesson id.
    pub lesson: String,
    /// When the attempt started.
    pub started: Stamp,
    /// When the last answer was saved (or the attempt was discarded).
    pub updated: Stamp,
    /// The shuffle seed, in decimal (TOML integers stop at 2^63).
    pub seed: String,
    /// The question ids asked, in the order asked.
    pub asked: Vec<String>,
    /// When the learner discarded it; a discarded entry keeps no answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discarded: Option<Stamp>,
    /// Answers given so far, in the order asked.
    #[serde(default)]
    pub answers: Vec<GivenAnswer>,
}

impl InProgress {
    /// The shuffle seed (0 if the file's is not a number).
    #[must_use]
    pub fn seed(&self) -> u64 {
        self.seed.parse().unwrap_or(0)
    }

    /// Whether the learner may continue it (not discarded).
    #[must_use]
    pub fn is_open(&self) -> bool {
        self.discarded.is_none()
    }

    /// This entry as a tombstone: discarded at `at`, its answers dropped.
    #[must_use]
    pub fn discard(&self, at: Stamp) -> InProgress {
        InProgress {
            discarded: Some(at),
            updated: at,
            answers: Vec::new(),
            ..self.clone()
        }
    }
}

impl Underway for InProgress {
    fn id(&self) -> &str {
        &self.id
    }
    fn started(&self) -> Stamp {
        self.started
    }
    fn updated(&self) -> Stamp {
        self.updated
    }
    fn discarded(&self) -> bool {
        self.discarded.is_some()
    }
    fn walked(&self) -> usize {
        self.answers.len()
    }
    fn tombstone(&self, at: Stamp) -> Self {
        self.discard(at)
    }
}

/// Something under way, saved as it goes and merged by the module's rule.
pub trait Underway: Clone + std::fmt::Debug {
    /// Its id (the finished record keeps it).
    fn id(&self) -> &str;
    /// When it started.
    fn started(&self) -> Stamp;
    /// When it was last saved (or discarded).
    fn updated(&self) -> Stamp;
    /// Whether it is a tombstone.
    fn discarded(&self) -> bool;
    /// How far it has gone; only grows while it is under way, so of two live copies the one
    /// that went further is the later.
    fn walked(&self) -> usize;
    /// Its tombstone, discarded at `at`.
    #[must_use]
    fn tombstone(&self, at: Stamp) -> Self;
}

/// Turns the live entry with this id into a tombstone discarded at `at`; whether one was.
pub fn discard_id<T: Underway>(entries: &mut [T], id: &str, at: Stamp) -> bool {
    let mut changed = false;
    for p in entries
        .iter_mut()
        .filter(|p| p.id() == id && !p.discarded())
    {
        *p = p.tombstone(at);
        changed = true;
    }
    changed
}

/// Whether `a` wins over another copy `b` of the same entry (see the module's rule).
fn beats<T: Underway>(a: &T, b: &T) -> bool {
    let rank = |p: &T| (p.discarded(), p.walked(), p.updated());
    match rank(a).cmp(&rank(b)) {
        std::cmp::Ordering::Equal => format!("{a:?}") >= format!("{b:?}"),
        o => o.is_gt(),
    }
}

/// Merges `theirs` into `ours` by the module's rule; `finished` holds the ids of finished
/// records, which supersede entries with their id.
pub fn merge<T: Underway>(ours: &mut Vec<T>, theirs: &[T], finished: &[&str]) {
    let mut all: Vec<T> = Vec::new();
    for p in std::mem::take(ours)
        .into_iter()
        .chain(theirs.iter().cloned())
    {
        match all.iter_mut().find(|q| q.id() == p.id()) {
            Some(q) if beats(&p, q) => *q = p,
            Some(_) => {}
            None => all.push(p),
        }
    }
    all.retain(|p| !finished.contains(&p.id()));
    all.sort_by(|a, b| a.started().cmp(&b.started()).then(a.id().cmp(b.id())));
    *ours = all;
}

#[cfg(test)]
#[allow(clippy::cloned_ref_to_slice_refs)] // Copies side by side read as the two machines.
mod tests {
    use super::*;
    use crate::quiz::Answer;

    fn live(id: &str, answered: usize, updated: &str) -> InProgress {
        InProgress {
            id: id.into(),
            course: "c".into(),
            lesson: "l".into(),
            started: "2026-01-01T10:00:00+00:00".into(),
            updated: updated.into(),
            seed: "18446744073709551615".into(),
            asked: vec!["a".into(), "b".into(), "c".into()],
            discarded: None,
            answers: (0..answered)
                .map(|n| GivenAnswer {
                    question: n + 1,
                    id: Some(["a", "b", "c"][n].into()),
                    answer: Answer::Bool(true),
                    correct: true,
                })
                .collect(),
        }
    }

    fn merged(a: &[InProgress], b: &[InProgress], finished: &[&str]) -> Vec<InProgress> {
        let mut ours = a.to_vec();
        merge(&mut ours, b, finished);
        ours
    }

    #[test]
    fn more_answers_win_then_later_updates_in_any_order() {
        let one = live("x", 1, "2026-01-01T10:01:00+00:00");
        let two = live("x", 2, "2026-01-01T10:02:00+00:00");
        assert_eq!(
            merged(&[one.clone()], &[two.clone()], &[]),
            vec![two.clone()]
        );
        assert_eq!(
            merged(&[two.clone()], &[one.clone()], &[]),
            vec![two.clone()]
        );
        let later = live("x", 2, "2026-01-01T10:03:00+00:00");
        assert_eq!(
            merged(&[later.clone()], &[two.clone()], &[]),
            vec![later.clone()]
        );
        assert_eq!(merged(&[two.clone()], &[later.clone()], &[]), vec![later]);
        assert_eq!(
            merged(&[two.clone()], &[two.clone()], &[]),
            vec![two],
            "idempotent"
        );
    }

    #[test]
    fn a_discard_and_a_finished_attempt_supersede() {
        let two = live("x", 2, "2026-01-01T10:02:00+00:00");
        let gone =
            live("x", 1, "2026-01-01T10:01:00+00:00").discard("2026-01-01T10:05:00+00:00".into());
        // The other machine's copy, with more answers, cannot bring a discarded attempt back.
        assert_eq!(
            merged(&[gone.clone()], &[two.clone()], &[]),
            vec![gone.clone()]
        );
        assert_eq!(merged(&[two.clone()], &[gone.clone()], &[]), vec![gone]);
        assert!(merged(&[two.clone()], &[], &["x"]).is_empty());
        let other = live("y", 0, "2026-01-01T10:00:00+00:00");
        assert_eq!(merged(&[two], &[other.clone()], &["x"]), vec![other]);
    }

    #[test]
    fn the_seed_survives_toml() {
        let p = live("x", 1, "2026-01-01T10:01:00+00:00");
        assert_eq!(p.seed(), u64::MAX);
    }
}
