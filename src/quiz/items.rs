//! Item analysis: how each question performed across many attempts, so authors can fix
//! questions that are too easy, too hard, or that the best learners get wrong.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Answer, QuestionKind, Quiz, derived_id};
use crate::progress::Attempt;

/// Fewest answers before an item is flagged: fewer say more about chance than the question.
pub const MIN_ANSWERS: usize = 20;
/// Above this share right an item is `too-easy`.
pub const TOO_EASY: f64 = 0.95;
/// Below this share right an item is `too-hard`.
pub const TOO_HARD: f64 = 0.30;

/// Something an author should look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemFlag {
    /// More than 95% right (with at least [`MIN_ANSWERS`] answers).
    TooEasy,
    /// Less than 30% right.
    TooHard,
    /// Learners who did worse overall got it right more often than those who did better.
    NegativeDiscrimination,
    /// A wrong choice nobody picks: it is not doing its job.
    UnusedDistractor,
}

impl ItemFlag {
    /// The flag as written in reports.
    pub fn key(self) -> &'static str {
        match self {
            Self::TooEasy => "too-easy",
            Self::TooHard => "too-hard",
            Self::NegativeDiscrimination => "negative-discrimination",
            Self::UnusedDistractor => "unused-distractor",
        }
    }
}

/// How often one option (choice, or true/false) was picked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Pick {
    /// `1`, `2`, ... for choices (file order); `true` or `false`.
    pub option: String,
    /// The choice's text, when the quiz is at hand.
    pub text: Option<String>,
    /// Whether picking it is right.
    pub correct: Option<bool>,
    /// Answers that picked it.
    pub count: usize,
    /// count / times asked.
    pub rate: f64,
}

/// One question's statistics.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemStats {
    /// Course id.
    pub course: String,
    /// Lesson id.
    pub lesson: String,
    /// Question id.
    pub question: String,
    /// Answer form, when the quiz is at hand.
    pub form: Option<&'static str>,
    /// Times answered.
    pub asked: usize,
    /// Times answered right.
    pub correct: usize,
    /// correct / asked × 100.
    pub percent_correct: f64,
    /// Point-biserial correlation between getting this item right and the attempt's percent
    /// (-1..=1); none when everyone (or no one) got it right or all totals are equal.
    pub discrimination: Option<f64>,
    /// Pick rate of each option (choice and true/false questions).
    pub picks: Vec<Pick>,
    /// What to look at.
    pub flags: Vec<ItemFlag>,
}

/// One answer with the score of the attempt it belongs to.
struct Obs<'a> {
    answer: &'a Answer,
    correct: bool,
    total: f64,
}

/// Statistics for every question answered in `attempts`. `quiz_of` gives the quiz an attempt
/// was taken on, when it is at hand (for ids of old answers, choice texts and unused
/// distractors). Rows are sorted by course, lesson and question id.
pub fn item_stats<'q>(
    attempts: &[&Attempt],
    quiz_of: impl Fn(&Attempt) -> Option<&'q Quiz>,
) -> Vec<ItemStats> {
    type Key = (String, String, String);
    let mut obs: BTreeMap<Key, (Option<&'q Quiz>, Vec<Obs<'_>>)> = BTreeMap::new();
    for attempt in attempts.iter().filter(|a| a.total > 0) {
        let quiz = quiz_of(attempt);
        for given in &attempt.answers {
            let id = given
                .id
                .clone()
                .or_else(|| quiz.and_then(|q| q.id_at(given.question)).map(String::from))
                .unwrap_or_else(|| derived_id(given.question));
            let entry = obs
                .entry((attempt.course.clone(), attempt.lesson.clone(), id))
                .or_insert_with(|| (quiz, Vec::new()));
            entry.0 = entry.0.or(quiz);
            entry.1.push(Obs {
                answer: &given.answer,
                correct: given.correct,
                total: attempt.percent,
            });
        }
    }
    obs.into_iter()
        .map(|((course, lesson, id), (quiz, list))| {
            let question = quiz.and_then(|q| q.question(&id));
            let kind = question.map(|q| &q.kind);
            let asked = list.len();
            let correct = list.iter().filter(|o| o.correct).count();
            #[allow(clippy::cast_precision_loss)]
            let share = correct as f64 / asked.max(1) as f64;
            let picks = picks(kind, &list);
            let discrimination = point_biserial(&list);
            let mut flags = Vec::new();
            if asked >= MIN_ANSWERS {
                if share > TOO_EASY {
                    flags.push(ItemFlag::TooEasy);
                }
                if share < TOO_HARD {
                    flags.push(ItemFlag::TooHard);
                }
                if discrimination.is_some_and(|d| d < 0.0) {
                    flags.push(ItemFlag::NegativeDiscrimination);
                }
                // Only choices have distractors: true/false has one wrong option by design.
                if matches!(kind, Some(QuestionKind::Choice(_)))
                    && picks
                        .iter()
                        .any(|p| p.correct == Some(false) && p.count == 0)
                {
                    flags.push(ItemFlag::UnusedDistractor);
                }
            }
            ItemStats {
                course,
                lesson,
                question: id,
                form: kind.map(QuestionKind::form_name),
                asked,
                correct,
                percent_correct: share * 100.0,
                discrimination,
                picks,
                flags,
            }
        })
        .collect()
}

fn picks(kind: Option<&QuestionKind>, list: &[Obs<'_>]) -> Vec<Pick> {
    let asked = list.len().max(1);
    #[allow(clippy::cast_precision_loss)]
    let rate = |count: usize| count as f64 / asked as f64;
    let is_choice = matches!(kind, Some(QuestionKind::Choice(_)))
        || (kind.is_none() && list.iter().any(|o| matches!(o.answer, Answer::Choices(_))));
    if is_choice {
        let known = match kind {
            Some(QuestionKind::Choice(c)) => c.len(),
            _ => 0,
        };
        let seen = list
            .iter()
            .filter_map(|o| match o.answer {
                Answer::Choices(c) => c.iter().max().map(|m| m + 1),
                _ => None,
            })
            .max()
            .unwrap_or(0);
        let mut counts = vec![0usize; known.max(seen)];
        for o in list {
            if let Answer::Choices(c) = o.answer {
                let mut c = c.clone();
                c.sort_unstable();
                c.dedup();
                for i in c {
                    counts[i] += 1;
                }
            }
        }
        let choices = match kind {
            Some(QuestionKind::Choice(c)) => c.as_slice(),
            _ => &[],
        };
        return counts
            .into_iter()
            .enumerate()
            .map(|(i, count)| Pick {
                option: (i + 1).to_string(),
                text: choices.get(i).map(|c| c.text.clone()),
                correct: choices.get(i).map(|c| c.correct),
                count,
                rate: rate(count),
            })
            .collect();
    }
    let is_bool = matches!(kind, Some(QuestionKind::TrueFalse(_)))
        || (kind.is_none() && list.iter().any(|o| matches!(o.answer, Answer::Bool(_))));
    if is_bool {
        let right = match kind {
            Some(QuestionKind::TrueFalse(r)) => Some(*r),
            _ => None,
        };
        return [true, false]
            .into_iter()
            .map(|v| {
                let count = list
                    .iter()
                    .filter(|o| matches!(o.answer, Answer::Bool(b) if *b == v))
                    .count();
                Pick {
                    option: v.to_string(),
                    text: None,
                    correct: right.map(|r| r == v),
                    count,
                    rate: rate(count),
                }
            })
            .collect();
    }
    Vec::new()
}

/// Point-biserial correlation of right/wrong with the attempt's percent.
fn point_biserial(list: &[Obs<'_>]) -> Option<f64> {
    #[allow(clippy::cast_precision_loss)]
    let n = list.len() as f64;
    let right: Vec<f64> = list.iter().filter(|o| o.correct).map(|o| o.total).collect();
    let wrong: Vec<f64> = list
        .iter()
        .filter(|o| !o.correct)
        .map(|o| o.total)
        .collect();
    if right.is_empty() || wrong.is_empty() {
        return None;
    }
    #[allow(clippy::cast_precision_loss)]
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let all_mean = list.iter().map(|o| o.total).sum::<f64>() / n;
    let sd = (list
        .iter()
        .map(|o| (o.total - all_mean).powi(2))
        .sum::<f64>()
        / n)
        .sqrt();
    if sd < 1e-9 {
        return None;
    }
    #[allow(clippy::cast_precision_loss)]
    let p = right.len() as f64 / n;
    Some((mean(&right) - mean(&wrong)) / sd * (p * (1.0 - p)).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::{GivenAnswer, Stamp};
    use std::path::Path;

    const QUIZ: &str = r#"
[[questions]]
id = "pick"
prompt = "p"
[[questions.choices]]
text = "right"
correct = true
[[questions.choices]]
text = "wrong"
[[questions.choices]]
text = "never"

[[questions]]
id = "tf"
prompt = "t"
answer = true
"#;

    fn attempt(percent: f64, answers: Vec<GivenAnswer>) -> Attempt {
        let t: Stamp = "2026-11-01T10:00:00Z".parse().unwrap();
        Attempt {
            id: format!("a{percent}"),
            course: "c".into(),
            lesson: "l".into(),
            quiz: "l.quiz.toml".into(),
            course_version: "1".into(),
            started: t,
            finished: t,
            score: 0,
            total: 2,
            percent,
            passed: false,
            pass_percent: 80,
            answers,
            active_seconds: None,
        }
    }

    fn given(n: usize, id: Option<&str>, answer: Answer, correct: bool) -> GivenAnswer {
        GivenAnswer {
            question: n,
            id: id.map(String::from),
            answer,
            correct,
        }
    }

    /// Four attempts scoring 100, 75, 50 and 25: the two best got `pick` right. By hand:
    /// means 87.5 (right) and 37.5 (wrong), population SD sqrt(781.25) = 27.95, p = q = 0.5,
    /// so r = 50 / 27.95 × 0.5 = 0.894 (= 2/√5). `tf` is right only for the two worst
    /// (old records without ids: matched by position), so r = -0.894.
    #[test]
    fn hand_computed_statistics() {
        let quiz = crate::quiz::parse_quiz(Path::new("q"), QUIZ).unwrap();
        let attempts = [
            attempt(
                100.0,
                vec![
                    given(1, Some("pick"), Answer::Choices(vec![0]), true),
                    given(2, None, Answer::Bool(false), false),
                ],
            ),
            attempt(
                75.0,
                vec![
                    given(1, Some("pick"), Answer::Choices(vec![0]), true),
                    given(2, None, Answer::Bool(false), false),
                ],
            ),
            attempt(
                50.0,
                vec![
                    given(1, Some("pick"), Answer::Choices(vec![1]), false),
                    given(2, None, Answer::Bool(true), true),
                ],
            ),
            attempt(
                25.0,
                vec![
                    given(1, Some("pick"), Answer::Choices(vec![1]), false),
                    given(2, None, Answer::Bool(true), true),
                ],
            ),
        ];
        let refs: Vec<&Attempt> = attempts.iter().collect();
        let stats = item_stats(&refs, |_| Some(&quiz));
        assert_eq!(stats.len(), 2);
        let pick = &stats[0];
        assert_eq!(
            (pick.question.as_str(), pick.asked, pick.correct),
            ("pick", 4, 2)
        );
        assert!((pick.percent_correct - 50.0).abs() < 1e-9);
        let r = pick.discrimination.unwrap();
        assert!((r - 2.0 / 5f64.sqrt()).abs() < 1e-9, "{r}");
        let rates: Vec<(usize, f64)> = pick.picks.iter().map(|p| (p.count, p.rate)).collect();
        assert_eq!(rates, [(2, 0.5), (2, 0.5), (0, 0.0)]);
        assert_eq!(pick.picks[2].text.as_deref(), Some("never"));
        assert_eq!(pick.form, Some("pick-one"));
        assert!(pick.flags.is_empty(), "fewer than 20 answers: no flags");
        let tf = &stats[1];
        assert_eq!(tf.question, "tf");
        assert!((tf.discrimination.unwrap() + 2.0 / 5f64.sqrt()).abs() < 1e-9);
        assert_eq!(tf.picks[0].option, "true");
        assert_eq!(tf.picks[0].correct, Some(true));

        // Twenty times over: now the flags count.
        let many: Vec<&Attempt> = attempts.iter().cycle().take(20).collect();
        let stats = item_stats(&many, |_| Some(&quiz));
        assert_eq!(stats[0].flags, [ItemFlag::UnusedDistractor]);
        assert_eq!(stats[1].flags, [ItemFlag::NegativeDiscrimination]);
    }

    #[test]
    fn easy_and_hard_items() {
        let quiz = crate::quiz::parse_quiz(Path::new("q"), QUIZ).unwrap();
        let right = attempt(
            100.0,
            vec![
                given(1, Some("pick"), Answer::Choices(vec![0]), true),
                given(2, Some("tf"), Answer::Bool(false), false),
            ],
        );
        let refs: Vec<&Attempt> = std::iter::repeat_n(&right, 20).collect();
        let stats = item_stats(&refs, |_| Some(&quiz));
        assert_eq!(
            stats[0].flags,
            [ItemFlag::TooEasy, ItemFlag::UnusedDistractor]
        );
        assert_eq!(stats[1].flags, [ItemFlag::TooHard]);
        assert_eq!(stats[0].discrimination, None, "everyone right: undefined");
        // Without the quiz: ids and picks from the records alone.
        let stats = item_stats(&refs, |_| None);
        assert_eq!(stats[0].picks.len(), 1);
        assert_eq!(stats[0].form, None);
    }
}
