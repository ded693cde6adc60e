//! Attempt rules of a quiz (`max_attempts`, `retake_after`): how many attempts a learner has
//! used and has left, and when the next may start. Used by the quiz and course screens and by
//! reports, so they cannot disagree.
//!
//! Only finished attempts count: an attempt in progress is not a score and uses nothing until
//! it is submitted.

use std::time::Duration;

use crate::progress::{Progress, Stamp};

/// A quiz's attempt rules.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rule {
    /// Attempts a learner may make (`None`: no limit).
    pub max_attempts: Option<u32>,
    /// Wait after an attempt before the next may start.
    pub retake_after: Option<Duration>,
}

impl Rule {
    /// The rules of a quiz.
    #[must_use]
    pub fn of(quiz: &crate::quiz::Quiz) -> Rule {
        Rule {
            max_attempts: quiz.max_attempts,
            retake_after: quiz.retake_after,
        }
    }

    /// Whether the quiz limits attempts at all.
    #[must_use]
    pub fn limits(&self) -> bool {
        self.max_attempts.is_some() || self.retake_after.is_some()
    }
}

/// Where a learner stands against a quiz's rules at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// Finished attempts.
    pub used: u32,
    /// Attempts left (`None`: no limit).
    pub left: Option<u32>,
    /// When the next attempt may start, if that is later than now (never when none are left).
    pub opens: Option<Stamp>,
}

impl Standing {
    /// Whether a new attempt may start now.
    #[must_use]
    pub fn may_start(&self) -> bool {
        self.left != Some(0) && self.opens.is_none()
    }
}

/// Finished attempts at one lesson's quiz.
#[must_use]
pub fn used(progress: &Progress, course: &str, lesson: &str) -> u32 {
    u32::try_from(progress.attempts_for(course, lesson).count()).unwrap_or(u32::MAX)
}

/// Where the learner stands at `now` against `rule` for one lesson's quiz.
#[must_use]
pub fn standing(
    progress: &Progress,
    course: &str,
    lesson: &str,
    rule: Rule,
    now: Stamp,
) -> Standing {
    let used = used(progress, course, lesson);
    let left = rule.max_attempts.map(|max| max.saturating_sub(used));
    let last = progress
        .attempts_for(course, lesson)
        .map(|a| a.finished)
        .max();
    let opens = match (rule.retake_after, last) {
        _ if left == Some(0) => None,
        (Some(wait), Some(last)) => after(last, wait).filter(|&at| at > now),
        _ => None,
    };
    Standing { used, left, opens }
}

/// `wait` after `at`, in `at`'s offset (`None` past the end of time).
fn after(at: Stamp, wait: Duration) -> Option<Stamp> {
    let wait = jiff::SignedDuration::try_from(wait).ok()?;
    let ts = at.timestamp().checked_add(wait).ok()?;
    Some(Stamp::new(ts, at.offset()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Attempt;

    fn attempt(id: &str, finished: &str) -> Attempt {
        Attempt {
            id: id.into(),
            course: "c".into(),
            lesson: "l".into(),
            quiz: "l.quiz.toml".into(),
            course_version: "1".into(),
            started: finished.into(),
            finished: finished.into(),
            score: 0,
            total: 1,
            percent: 0.0,
            passed: false,
            pass_percent: 80,
            answers: vec![],
            active_seconds: None,
        }
    }

    const RULE: Rule = Rule {
        max_attempts: Some(2),
        retake_after: Some(Duration::from_hours(24)),
    };

    #[test]
    fn no_rules_no_limits() {
        let mut p = Progress::new("x");
        p.attempts.push(attempt("1", "2026-01-01T10:00:00+00:00"));
        let s = standing(
            &p,
            "c",
            "l",
            Rule::default(),
            "2026-01-01T10:00:01+00:00".into(),
        );
        assert_eq!((s.used, s.left, s.opens), (1, None, None));
        assert!(s.may_start());
    }

    #[test]
    fn retake_opens_after_the_wait_and_attempts_run_out() {
        let mut p = Progress::new("x");
        let fresh = standing(&p, "c", "l", RULE, "2026-01-01T09:00:00+00:00".into());
        assert_eq!((fresh.used, fresh.left, fresh.opens), (0, Some(2), None));
        p.attempts.push(attempt("1", "2026-01-01T10:00:00-05:00"));
        let soon = standing(&p, "c", "l", RULE, "2026-01-02T09:59:59-05:00".into());
        assert_eq!(soon.left, Some(1));
        assert_eq!(soon.opens, Some("2026-01-02T10:00:00-05:00".into()));
        assert!(!soon.may_start());
        // The wait is an instant: the same moment in another offset opens it too.
        let then = standing(&p, "c", "l", RULE, "2026-01-02T15:00:00+00:00".into());
        assert_eq!(then.opens, None);
        assert!(then.may_start());
        p.attempts.push(attempt("2", "2026-01-03T10:00:00-05:00"));
        let spent = standing(&p, "c", "l", RULE, "2026-02-01T00:00:00+00:00".into());
        assert_eq!((spent.used, spent.left, spent.opens), (2, Some(0), None));
        assert!(!spent.may_start());
    }

    #[test]
    fn other_lessons_do_not_count() {
        let mut p = Progress::new("x");
        let mut other = attempt("1", "2026-01-01T10:00:00+00:00");
        other.lesson = "m".into();
        p.attempts.push(other);
        assert_eq!(used(&p, "c", "l"), 0);
    }
}
