use std::path::PathBuf;

use super::*;
use crate::course::Library;
use crate::progress::{CourseProgress, LessonProgress};

fn library() -> Library {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/records-courses");
    crate::course::load_library(&root).unwrap()
}

fn attempt(id: &str, lesson: &str, score: usize, total: usize) -> Attempt {
    #[allow(clippy::cast_precision_loss)]
    let percent = score as f64 * 100.0 / total as f64;
    Attempt {
        id: id.into(),
        course: "de-escalation".into(),
        lesson: lesson.into(),
        quiz: format!("{lesson}.quiz.toml"),
        course_version: "1.2".into(),
        started: "2026-01-05T10:00:00+01:00".into(),
        finished: "2026-01-05T10:05:00+01:00".into(),
        score,
        total,
        percent,
        passed: score * 100 >= 80 * total,
        pass_percent: 80,
        answers: vec![],
        active_seconds: None,
    }
}

fn seen(pages: usize) -> LessonProgress {
    LessonProgress {
        page: pages,
        viewed_at: Some("2026-01-05T09:00:00+01:00".into()),
        pages_seen: (1..=pages).collect(),
        pages_total: pages,
        completed: None,
        active_seconds: crate::progress::PageTime::default(),
    }
}

/// The four-line hand-written file of issue 11: `completed = ...` and nothing else.
fn hand_written_completion() -> Progress {
    let mut p = Progress::new("jdoe");
    p.courses.insert(
        "de-escalation".into(),
        CourseProgress {
            completed: Some("2026-01-05T12:00:00+01:00".into()),
            completed_hours: Some(1.5),
            ..CourseProgress::default()
        },
    );
    p
}

#[test]
fn a_completion_without_evidence_is_not_credited() {
    let lib = library();
    let p = hand_written_completion();
    let credit = course_credit(&p, "de-escalation", lib.course("de-escalation"));
    assert_eq!(credit.status, Status::InProgress);
    assert_eq!(credit.hours, None);
    assert!(!credit.refused.is_empty());
    // Without the library, the file's own evidence is needed, and there is none.
    let credit = course_credit(&p, "de-escalation", None);
    assert_eq!(credit.status, Status::InProgress);
}

#[test]
fn a_completion_with_every_page_seen_and_quiz_passed_is_credited_with_its_hours() {
    let lib = library();
    let course = lib.course("de-escalation").unwrap();
    let mut p = hand_written_completion();
    let record = p.courses.get_mut("de-escalation").unwrap();
    record.lessons.insert("01-why".into(), seen(3));
    record.lessons.insert("02-tactics".into(), seen(2));
    p.attempts.push(attempt("a", "01-why", 4, 5));
    assert_eq!(
        missing(&p, course),
        [Missing::Quiz {
            lesson: "02-tactics".into()
        }]
    );
    assert!(!course_completed(&p, course));
    p.attempts.push(attempt("b", "02-tactics", 5, 5));
    assert!(course_completed(&p, course));
    let credit = course_credit(&p, "de-escalation", Some(course));
    assert!(matches!(credit.status, Status::Completed { .. }));
    assert_eq!(credit.hours, Some(1.5), "hours recorded at completion");
    assert_eq!(lessons_done(&p, course), 2);
    assert!((course_ratio(&p, course) - 1.0).abs() < f64::EPSILON);
}

#[test]
fn a_lesson_is_done_only_with_every_page_seen_and_its_quiz_passed() {
    let lib = library();
    let course = lib.course("de-escalation").unwrap();
    let lesson = &course.lessons[0];
    let mut p = Progress::new("jdoe");
    let mut partial = seen(3);
    partial.pages_seen = [1, 3].into();
    partial.completed = Some("2026-01-05T12:00:00+01:00".into());
    p.courses
        .entry("de-escalation".into())
        .or_default()
        .lessons
        .insert("01-why".into(), partial);
    p.attempts.push(attempt("a", "01-why", 5, 5));
    assert!(
        !lesson_done(&p, course, lesson),
        "a completed time without page 2 seen is not evidence"
    );
    assert!(page_seen(&p, "de-escalation", "01-why", 3));
    assert!(!page_seen(&p, "de-escalation", "01-why", 2));
    p.courses
        .get_mut("de-escalation")
        .unwrap()
        .lessons
        .get_mut("01-why")
        .unwrap()
        .pages_seen
        .insert(2);
    assert!(lesson_done(&p, course, lesson));
}

#[test]
fn a_pass_whose_numbers_disagree_does_not_count() {
    let mut p = Progress::new("jdoe");
    let mut fake = attempt("a", "01-why", 0, 5);
    fake.passed = true;
    p.attempts.push(fake);
    assert!(!quiz_passed(&p, "de-escalation", "01-why"));
    let mut huge = attempt("b", "01-why", 999, 3);
    huge.passed = true;
    huge.percent = 100.0;
    p.attempts.push(huge);
    assert!(!quiz_passed(&p, "de-escalation", "01-why"));
}

#[test]
fn an_older_version_completion_is_judged_on_the_files_own_evidence() {
    let lib = library();
    let mut p = hand_written_completion();
    let record = p.courses.get_mut("de-escalation").unwrap();
    record.completed_version = Some("0.9".into());
    record.lessons.insert("01-old".into(), seen(2));
    p.attempts.push(attempt("a", "01-old", 5, 5));
    let credit = course_credit(&p, "de-escalation", lib.course("de-escalation"));
    assert!(
        matches!(credit.status, Status::Completed { .. }),
        "{credit:?}"
    );
}

#[test]
fn one_percent_rule_rounds_halves_up_and_stays_in_range() {
    use super::{percent_label, whole_percent};
    assert_eq!(percent_label(62.5), "63%");
    assert_eq!(percent_label(2.0 * 100.0 / 3.0), "67%");
    assert_eq!(percent_label(0.5), "1%");
    assert_eq!(percent_label(99.4), "99%");
    assert_eq!(whole_percent(f64::NAN), 0);
    assert_eq!(whole_percent(-3.0), 0);
    assert_eq!(whole_percent(1e9), 100);
    // The screen and the report say the same thing for the same attempt.
    assert_eq!(
        crate::ui::pct(62.5),
        crate::report::format::percent_label(62.5)
    );
}

/// Every lesson of the records-courses de-escalation course done, with `secs` seconds of
/// active time on a page of lesson 1 (or none recorded at all).
fn all_done(secs: Option<u64>) -> Progress {
    let mut p = Progress::new("jdoe");
    let record = p.courses.entry("de-escalation".into()).or_default();
    let mut one = seen(3);
    if let Some(s) = secs {
        one.active_seconds.raise("s1", 1, s);
    }
    record.lessons.insert("01-why".into(), one);
    record.lessons.insert("02-tactics".into(), seen(2));
    p.attempts.push(attempt("a", "01-why", 5, 5));
    p.attempts.push(attempt("b", "02-tactics", 5, 5));
    p
}

#[test]
fn min_minutes_gates_completion_until_active_time_reaches_it() {
    let mut lib = library();
    let course = lib
        .courses
        .iter_mut()
        .find(|c| c.id == "de-escalation")
        .unwrap();
    course.min_minutes = 30;
    let course = &*course;
    // Every lesson done after 4 minutes: not complete, 26 minutes to go.
    let p = all_done(Some(4 * 60));
    assert_eq!(
        missing(&p, course),
        [Missing::MinMinutes {
            required: 30,
            active_seconds: 240
        }]
    );
    assert!(!course_completed(&p, course));
    assert_eq!(minutes_remaining(&p, course), Some(26));
    // A part minute still to go counts as a minute.
    assert_eq!(
        minutes_remaining(&all_done(Some(29 * 60 + 1)), course),
        Some(1)
    );
    // A record from before time on task has none: the gate holds.
    assert_eq!(minutes_remaining(&all_done(None), course), Some(30));
    // Time in attempts and on other lessons counts too.
    let mut p = all_done(Some(20 * 60));
    p.attempts[0].active_seconds = Some(5 * 60);
    p.courses
        .get_mut("de-escalation")
        .unwrap()
        .lessons
        .get_mut("02-tactics")
        .unwrap()
        .active_seconds
        .raise("s2", 2, 5 * 60);
    assert_eq!(active_seconds(&p, "de-escalation"), Some(30 * 60));
    assert!(course_completed(&p, course));
    assert_eq!(minutes_remaining(&p, course), None);
    // A recorded completion is credited only once the time is there.
    let mut early = all_done(Some(60));
    early.courses.get_mut("de-escalation").unwrap().completed =
        Some("2026-01-05T12:00:00+01:00".into());
    let credit = course_credit(&early, "de-escalation", Some(course));
    assert_eq!(credit.status, Status::InProgress);
    assert!(matches!(credit.refused[..], [Missing::MinMinutes { .. }]));
    // Without min_minutes, time does not matter.
    let mut lib = library();
    let course = lib
        .courses
        .iter_mut()
        .find(|c| c.id == "de-escalation")
        .unwrap();
    course.min_minutes = 0;
    assert!(course_completed(&all_done(None), course));
    assert_eq!(minutes_remaining(&all_done(None), course), None);
}

#[test]
fn active_seconds_is_none_only_without_any_time_recorded() {
    let p = all_done(None);
    assert_eq!(active_seconds(&p, "de-escalation"), None);
    assert_eq!(active_seconds(&p, "elsewhere"), None);
    let mut p = all_done(None);
    p.attempts[1].active_seconds = Some(0);
    assert_eq!(active_seconds(&p, "de-escalation"), Some(0));
}
