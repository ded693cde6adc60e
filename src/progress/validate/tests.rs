use super::*;
use crate::progress::CourseProgress;

fn attempt(id: &str, score: usize, total: usize) -> Attempt {
    #[allow(clippy::cast_precision_loss)]
    let percent = if total == 0 {
        0.0
    } else {
        score as f64 * 100.0 / total as f64
    };
    Attempt {
        id: id.into(),
        course: "c".into(),
        lesson: "l".into(),
        quiz: "l.quiz.toml".into(),
        course_version: "1".into(),
        started: "2026-01-05T10:00:00+01:00".into(),
        finished: "2026-01-05T10:05:00+01:00".into(),
        score,
        total,
        percent,
        passed: total > 0 && score * 100 >= 80 * total,
        pass_percent: 80,
        answers: vec![],
        active_seconds: None,
    }
}

fn now() -> Stamp {
    "2026-06-01T00:00:00Z".into()
}

#[test]
fn a_consistent_attempt_has_no_problems() {
    assert!(attempt_flags(&attempt("a", 4, 5), now()).is_empty());
    assert!(attempt_flags(&attempt("a", 1, 5), now()).is_empty());
}

#[test]
fn score_above_total_is_score_out_of_range() {
    let mut a = attempt("a", 999, 3);
    a.percent = 100.0;
    a.passed = true;
    assert!(attempt_problems(&a).contains(&Flag::ScoreOutOfRange));
    assert_eq!(Flag::ScoreOutOfRange.name(), "score-out-of-range");
}

#[test]
fn nan_or_out_of_range_or_inconsistent_percent_is_flagged() {
    for p in [f64::NAN, f64::INFINITY, -1.0, 100.5, 33.0] {
        let mut a = attempt("a", 4, 5);
        a.percent = p;
        assert!(attempt_problems(&a).contains(&Flag::PercentMismatch), "{p}");
    }
}

#[test]
fn passed_must_agree_with_the_pass_mark() {
    let mut a = attempt("a", 0, 5);
    a.passed = true;
    assert!(attempt_problems(&a).contains(&Flag::PassedMismatch));
    let mut b = attempt("b", 5, 5);
    b.passed = false;
    assert!(attempt_problems(&b).contains(&Flag::PassedMismatch));
    let mut c = attempt("c", 5, 5);
    c.pass_percent = 0;
    assert!(
        attempt_problems(&c).contains(&Flag::PassedMismatch),
        "no pass mark, no pass"
    );
}

#[test]
fn times_more_than_a_day_ahead_are_flagged() {
    let mut a = attempt("a", 4, 5);
    a.finished = "2026-06-01T23:00:00Z".into();
    assert!(
        attempt_flags(&a, now()).is_empty(),
        "within a day is clock drift"
    );
    a.finished = "2026-06-03T00:00:00Z".into();
    assert_eq!(attempt_flags(&a, now()), [Flag::FutureTimestamp]);
    let mut p = Progress::new("x");
    p.courses.insert(
        "c".into(),
        CourseProgress {
            completed: Some("2027-01-01T00:00:00Z".into()),
            ..CourseProgress::default()
        },
    );
    assert_eq!(check(&p, None, now()).courses["c"], [Flag::FutureTimestamp]);
}

#[test]
fn negative_or_infinite_hours_are_flagged_and_not_credited() {
    for h in [-1.0, f64::INFINITY, f64::NAN] {
        let mut p = Progress::new("x");
        p.courses.insert(
            "c".into(),
            CourseProgress {
                completed: Some("2026-01-01T00:00:00Z".into()),
                completed_hours: Some(h),
                ..CourseProgress::default()
            },
        );
        let f = check(&p, None, now());
        assert_eq!(f.courses["c"], [Flag::HoursOutOfRange], "{h}");
        assert_eq!(credible(&p, &f).courses["c"].completed, None);
    }
}

#[test]
fn duplicate_attempt_ids_with_different_content_are_flagged_and_dropped() {
    let mut p = Progress::new("x");
    p.attempts.push(attempt("same", 1, 5));
    p.attempts.push(attempt("same", 5, 5));
    p.attempts.push(attempt("ok", 4, 5));
    let f = check(&p, None, now());
    assert_eq!(f.attempts["same"], [Flag::DuplicateAttemptId]);
    let credited = credible(&p, &f);
    let kept: Vec<&str> = credited.attempts.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(kept, ["ok"]);
    // The same attempt twice (two machines) is not a problem.
    let mut q = Progress::new("x");
    q.attempts.push(attempt("same", 1, 5));
    q.attempts.push(attempt("same", 1, 5));
    assert!(check(&q, None, now()).is_empty());
}

#[test]
fn a_learner_field_that_is_not_the_file_name_credits_nobody() {
    let mut p = Progress::new("asmith");
    p.attempts.push(attempt("a", 5, 5));
    let f = check(&p, Some("jdoe"), now());
    assert_eq!(f.record, [Flag::LearnerMismatch]);
    assert_eq!(Flag::LearnerMismatch.name(), "learner-mismatch");
    assert!(credible(&p, &f).attempts.is_empty());
    assert!(check(&p, Some("asmith"), now()).is_empty());
}

#[test]
fn a_learner_field_differing_from_the_file_name_only_in_case_is_no_mismatch() {
    let mut p = Progress::new("JDoe");
    p.attempts.push(attempt("a", 5, 5));
    assert!(check(&p, Some("jdoe"), now()).is_empty());
    assert!(check(&p, Some("JDOE"), now()).is_empty());
    // One letter more is someone else.
    assert_eq!(
        check(&p, Some("jdoe2"), now()).record,
        [Flag::LearnerMismatch]
    );
}
