//! Schema-1 records name a quiz's questions by their position in the file; from schema 4 an
//! answer names its question by id. Ids are filled in only where the position is certain:
//! the attempt was taken at the course version the quiz is read from now. Across versions a
//! question may have moved, so nothing is guessed there. The positions are kept.

use super::{Attempt, Progress};
use crate::quiz::Quiz;

impl Progress {
    /// Fills in the question ids of answers recorded by position in `lesson`'s attempts of
    /// `course` taken at `version` (the course's version now), from `quiz` as read now.
    /// Returns how many attempts changed (they are written with the next save).
    pub fn fill_answer_ids(
        &mut self,
        course: &str,
        lesson: &str,
        version: &str,
        quiz: &Quiz,
    ) -> usize {
        self.attempts
            .iter_mut()
            .filter(|a| a.course == course && a.lesson == lesson && a.course_version == version)
            .map(|a| usize::from(fill_ids(a, quiz)))
            .sum()
    }
}

/// Fills `attempt`'s missing ids when every one of them has a question at its position;
/// whether anything changed.
fn fill_ids(attempt: &mut Attempt, quiz: &Quiz) -> bool {
    let mut ids = Vec::new();
    for (i, given) in attempt.answers.iter().enumerate() {
        if given.id.is_none() {
            // A position the quiz does not have: this record is not the quiz read now.
            let Some(id) = quiz.id_at(given.question) else {
                return false;
            };
            ids.push((i, id.to_string()));
        }
    }
    let changed = !ids.is_empty();
    for (i, id) in ids {
        attempt.answers[i].id = Some(id);
    }
    changed
}

/// Whether two records of one attempt differ only in ids filled in from positions (one
/// copy migrated, the other not yet): they are the same attempt.
pub(super) fn same_but_filled_ids(a: &Attempt, b: &Attempt) -> bool {
    if a.answers.len() != b.answers.len()
        || !a
            .answers
            .iter()
            .zip(&b.answers)
            .all(|(x, y)| x.id.is_none() || y.id.is_none() || x.id == y.id)
    {
        return false;
    }
    // Debug text, as `same_attempt` compares: a NaN percent is equal to itself there.
    let without_ids = |a: &Attempt| {
        let mut a = a.clone();
        for given in &mut a.answers {
            given.id = None;
        }
        format!("{a:?}")
    };
    without_ids(a) == without_ids(b)
}

/// How many of an attempt's answers name their question by id: of two copies of one attempt,
/// a merge keeps the one with more.
pub(super) fn ids_filled(a: &Attempt) -> usize {
    a.answers.iter().filter(|g| g.id.is_some()).count()
}

#[cfg(test)]
mod tests {
    use super::super::{Progress, parse, to_toml};
    use crate::quiz::Quiz;

    /// A progress file as rollcall 0.1 (schema 1) wrote it: answers by position only.
    const SCHEMA_1: &str = include_str!("../../tests/fixtures/progress/schema1.toml");
    const COURSE: &str = "de-escalation";
    const LESSON: &str = "01-why-slow-down";

    /// The lesson's quiz as read now: four questions, in the order the fixture answered them.
    fn quiz(questions: usize) -> Quiz {
        let all = [
            "[[questions]]\nid = \"calm-reply\"\nprompt = \"Pick the calm reply.\"\n\
             [[questions.choices]]\ntext = \"Shout\"\n[[questions.choices]]\ntext = \"Argue\"\n\
             [[questions.choices]]\ntext = \"Calm reply\"\ncorrect = true\n",
            "[[questions]]\nid = \"time-buys-options\"\nprompt = \"Rushing is safer.\"\nanswer = false\n",
            "[[questions]]\nid = \"crisis-line\"\nprompt = \"Which number?\"\naccept = [\"988\"]\n",
            "[[questions]]\nid = \"sara\"\nprompt = \"Order.\"\norder = [\"A\", \"B\", \"C\"]\n",
        ];
        let text = format!("title = \"Why slow down\"\n{}", all[..questions].join("\n"));
        crate::quiz::parse_quiz(std::path::Path::new("q.quiz.toml"), &text).unwrap()
    }

    fn ids(p: &Progress, attempt: usize) -> Vec<Option<&str>> {
        p.attempts[attempt]
            .answers
            .iter()
            .map(|g| g.id.as_deref())
            .collect()
    }

    #[test]
    fn schema_1_answers_get_ids_at_the_same_version_keeping_the_answers() {
        let original = parse(SCHEMA_1).unwrap();
        let mut p = original.clone();
        assert_eq!(p.fill_answer_ids(COURSE, LESSON, "1.0", &quiz(4)), 2);
        let want = [
            Some("calm-reply"),
            Some("time-buys-options"),
            Some("crisis-line"),
            Some("sara"),
        ];
        for i in 0..2 {
            assert_eq!(ids(&p, i), want);
            // The original answers stay as they were: position, answer, verdict.
            for (new, old) in p.attempts[i]
                .answers
                .iter()
                .zip(&original.attempts[i].answers)
            {
                assert_eq!(
                    (new.question, &new.answer, new.correct),
                    (old.question, &old.answer, old.correct)
                );
            }
            let mut stripped = p.attempts[i].clone();
            stripped.answers.iter_mut().for_each(|g| g.id = None);
            assert_eq!(stripped, original.attempts[i]);
        }
        // Another lesson's attempt is not this quiz's.
        assert_eq!(p.attempts[2], original.attempts[2]);
        // Written and read again: the ids are kept; filling again changes nothing.
        let again = parse(&to_toml(&p).unwrap()).unwrap();
        assert_eq!(again.attempts, p.attempts);
        assert_eq!(p.fill_answer_ids(COURSE, LESSON, "1.0", &quiz(4)), 0);
    }

    #[test]
    fn another_course_version_is_never_guessed() {
        let original = parse(SCHEMA_1).unwrap();
        let mut p = original.clone();
        assert_eq!(p.fill_answer_ids(COURSE, LESSON, "1.1", &quiz(4)), 0);
        assert_eq!(p, original);
    }

    #[test]
    fn a_position_the_quiz_does_not_have_fills_nothing_in_that_attempt() {
        let original = parse(SCHEMA_1).unwrap();
        let mut p = original.clone();
        assert_eq!(p.fill_answer_ids(COURSE, LESSON, "1.0", &quiz(3)), 0);
        assert_eq!(p, original);
    }

    #[test]
    fn merging_the_migrated_copy_with_an_old_one_keeps_one_attempt_with_ids() {
        let old = parse(SCHEMA_1).unwrap();
        let mut migrated = old.clone();
        migrated.fill_answer_ids(COURSE, LESSON, "1.0", &quiz(4));
        // Either way round: no duplicate, and the copy with ids wins.
        let mut a = migrated.clone();
        a.merge(&old);
        assert_eq!(a.attempts, migrated.attempts);
        let mut b = old.clone();
        b.merge(&migrated);
        assert_eq!(b.attempts, migrated.attempts);
        let now = crate::progress::Stamp::from("2026-12-01T00:00:00Z");
        assert!(crate::progress::validate::check(&b, Some("jdoe"), now).is_empty());
    }

    #[test]
    fn copies_whose_ids_disagree_are_both_kept() {
        let old = parse(SCHEMA_1).unwrap();
        let mut one = old.clone();
        one.fill_answer_ids(COURSE, LESSON, "1.0", &quiz(4));
        let mut other = one.clone();
        other.attempts[0].answers[0].id = Some("another-question".into());
        one.merge(&other);
        assert_eq!(one.attempts.len(), old.attempts.len() + 1);
    }
}
