#![allow(clippy::float_cmp)] // Tests compare with exact, representable constants.

use std::path::PathBuf;

use super::*;
use crate::progress::{Attempt, CourseProgress, Stamp};

fn library() -> Library {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/records-courses");
    crate::course::load_library(&root).unwrap()
}

fn attempt(id: &str, course: &str, lesson: &str, score: usize, total: usize) -> Attempt {
    #[allow(clippy::cast_precision_loss)]
    let percent = score as f64 * 100.0 / total as f64;
    Attempt {
        id: id.into(),
        course: course.into(),
        lesson: lesson.into(),
        quiz: format!("{lesson}.quiz.toml"),
        course_version: "1.2".into(),
        started: "2026-01-05T10:00:00+01:00".into(),
        finished: "2026-01-05T10:05:00+01:00".into(),
        score,
        total,
        percent,
        passed: percent >= 80.0,
        pass_percent: 80,
        answers: vec![],
        active_seconds: None,
    }
}

/// Adds the evidence a completion needs: every library lesson's pages seen and its quiz
/// passed (a 1/1 attempt where none passed yet).
fn evidence(p: &mut Progress, course: &str) {
    let lib = library();
    let c = lib.course(course).unwrap();
    for lesson in &c.lessons {
        let id = lesson.id().to_string();
        p.courses.entry(course.into()).or_default().lessons.insert(
            id.clone(),
            crate::progress::LessonProgress {
                page: 1,
                viewed_at: Some("2026-01-05T09:00:00+01:00".into()),
                pages_seen: [1].into(),
                pages_total: 1,
                completed: None,
                active_seconds: crate::progress::PageTime::default(),
            },
        );
        if !crate::domain::quiz_passed(p, course, &id) {
            p.attempts
                .push(attempt(&format!("ev-{course}-{id}"), course, &id, 1, 1));
        }
    }
}

fn completed(when: &str, hours: Option<f64>) -> CourseProgress {
    CourseProgress {
        completed: Some(when.into()),
        completed_version: Some("1.2".into()),
        completed_hours: hours,
        ..CourseProgress::default()
    }
}

#[test]
fn progress_file_names() {
    assert!(is_progress_file_name("jdoe.toml"));
    assert!(is_progress_file_name("j.doe.toml"));
    assert!(!is_progress_file_name("settings.toml"));
    assert!(!is_progress_file_name("jdoe.sent.toml"));
    assert!(!is_progress_file_name(".tmpXYZ.toml"));
    assert!(!is_progress_file_name(".toml"));
    assert!(!is_progress_file_name("notes.txt"));
}

#[test]
fn best_score_adds_the_best_attempt_of_each_quiz() {
    let mut p = Progress::new("x");
    p.attempts.push(attempt("1", "c", "a", 2, 5));
    p.attempts.push(attempt("2", "c", "a", 4, 5));
    p.attempts.push(attempt("3", "c", "b", 1, 3));
    p.attempts.push(attempt("4", "other", "a", 3, 3));
    let best = best_score(&p, "c").unwrap();
    assert_eq!((best.score, best.total), (5, 8));
    assert!((best.percent - 62.5).abs() < 1e-9);
    assert_eq!(best_score(&p, "none"), None);
}

#[test]
fn merged_learners_count_shared_attempts_once_and_keep_earliest_completion() {
    let mut a = Progress::new("jdoe");
    a.attempts
        .push(attempt("1", "de-escalation", "01-why", 3, 5));
    a.courses.insert(
        "de-escalation".into(),
        completed("2026-02-02T10:00:00+00:00", Some(2.0)),
    );
    let mut b = a.clone();
    b.attempts
        .push(attempt("2", "de-escalation", "01-why", 5, 5));
    b.courses.insert(
        "de-escalation".into(),
        completed("2026-02-01T23:30:00-05:00", Some(2.0)),
    );
    evidence(&mut b, "de-escalation");
    let sources = [a, b].map(|progress| Source {
        path: PathBuf::new(),
        progress,
    });
    let learners = merge_by_learner(&sources);
    let report = build_report(&learners, &library(), &Filter::default(), Stamp::now());
    let row = &report.rows[0];
    assert_eq!(row.course, "de-escalation");
    assert_eq!(
        row.attempts, 3,
        "two, and the pass that completes lesson 02"
    );
    assert!(row.flags.is_empty(), "{:?}", row.flags);
    // 23:30 at -05:00 is earlier than 10:00 UTC the next day; its local date is the 1st.
    assert_eq!(row.completed, Some("2026-02-01T23:30:00-05:00".into()));
    assert_eq!(row.completed_date, Some(jiff::civil::date(2026, 2, 1)));
    assert_eq!(report.totals.completions, 1);
    assert_eq!(
        report.rows.len(),
        3,
        "plus the two library courses not started"
    );
    assert!(
        report.rows[1..]
            .iter()
            .all(|r| r.status == Status::NotStarted && r.attempts == 0)
    );
}

#[test]
fn learner_filter_ignores_case_and_status_filter_applies() {
    let mut learners = BTreeMap::new();
    learners.insert("JDoe".to_string(), Progress::new("JDoe").into());
    learners.insert("asmith".to_string(), Progress::new("asmith").into());
    let filter = Filter {
        learner: Some("jdoe".into()),
        status: Some(Status::NotStarted),
        ..Filter::default()
    };
    let report = build_report(&learners, &library(), &filter, Stamp::now());
    assert_eq!(report.rows.len(), 3);
    assert!(report.rows.iter().all(|r| r.learner == "JDoe"));
    assert_eq!(report.totals.learners, 1);
    assert_eq!(report.totals.hours, 0.0);
    assert!(report.totals.hours.is_sign_positive());
    assert!(format::totals_line(&report).ends_with(" 0 hours credited"));
}

#[test]
fn local_dates() {
    assert_eq!(
        local_date("2026-12-31T23:59:00-08:00"),
        Some(jiff::civil::date(2026, 12, 31))
    );
    assert_eq!(local_date("yesterday"), None);
    assert_eq!(local_date("2026-13-01T00:00:00Z"), None);
}

#[test]
fn my_record_sums_hours_this_year_and_overall() {
    let lib = library();
    let mut p = Progress::new("jdoe");
    p.courses.insert(
        "de-escalation".into(),
        completed("2026-03-01T10:00:00+00:00", None),
    );
    p.courses.insert(
        "procedural-justice".into(),
        completed("2025-11-20T10:00:00+00:00", Some(1.0)),
    );
    p.courses
        .insert("crisis-intervention".into(), CourseProgress::default());
    p.courses.insert(
        "retired-course".into(),
        completed("2026-01-02T10:00:00+00:00", Some(0.5)),
    );
    p.attempts
        .push(attempt("1", "de-escalation", "01-why", 4, 5));
    evidence(&mut p, "de-escalation");
    evidence(&mut p, "procedural-justice");
    // A retired course: the file's own evidence (its one lesson seen) is all there is.
    p.courses.get_mut("retired-course").unwrap().lessons.insert(
        "only".into(),
        crate::progress::LessonProgress {
            page: 1,
            pages_seen: [1].into(),
            pages_total: 1,
            ..Default::default()
        },
    );
    let record = my_record(&p, &lib, jiff::civil::date(2026, 6, 1));
    assert_eq!(record.learner, "jdoe");
    let courses: Vec<&str> = record.completed.iter().map(|e| e.course.as_str()).collect();
    assert_eq!(
        courses,
        ["de-escalation", "retired-course", "procedural-justice"]
    );
    let first = &record.completed[0];
    assert_eq!(first.title, "De-escalation Fundamentals");
    assert_eq!(first.hours, 2.0, "library hours when none were recorded");
    assert_eq!(
        first.best.map(|b| (b.score, b.total)),
        Some((5, 6)),
        "4/5 at 01-why and the 1/1 pass at 02-tactics"
    );
    assert_eq!(record.completed[1].title, "retired-course");
    assert_eq!(
        record.completed[2].hours, 1.0,
        "hours recorded at completion win"
    );
    assert!((record.hours_this_year - 2.5).abs() < 1e-9);
    assert!((record.hours_total - 3.5).abs() < 1e-9);
}

#[test]
fn table_truncates_and_csv_quotes() {
    let mut learners = BTreeMap::new();
    learners.insert(
        "o'brien, pat".to_string(),
        Progress::new("o'brien, pat").into(),
    );
    let report = build_report(&learners, &library(), &Filter::default(), Stamp::now());
    let csv = format::to_csv(&report).unwrap();
    assert!(csv.contains("\"o'brien, pat\",de-escalation"), "{csv}");
    let table = format::to_table(&report, Some(70));
    assert!(table.lines().all(|l| l.chars().count() <= 70), "{table}");
    assert_eq!(format::truncate("Crisis Intervention", 8), "Crisis …");
    assert_eq!(format::hours_text(2.0), "2");
    assert_eq!(format::hours_text(1.25), "1.25");
    assert_eq!(
        format::to_table(&Report::default(), None),
        "No records match.\n0 learners, 0 completions, 0 hours credited\n"
    );
}

/// A scenario run recorded as `[[runs]]` in a file, with `id` and the given ending.
pub(super) fn run_record(
    id: &str,
    lesson: &str,
    ending: &str,
    passed: bool,
) -> crate::scenario::RunRecord {
    toml::from_str(&format!(
        "id = \"{id}\"\ncourse = \"de-escalation\"\nlesson = \"{lesson}\"\nscenario = \"s\"\n\
         version = \"1\"\npath = [{{ node = \"a\", choice = \"go\" }}, {{ node = \"end\" }}]\n\
         backs = 0\nending = \"{ending}\"\npassed = {passed}\n\
         started = \"2026-02-01T09:00:00-05:00\"\nfinished = \"2026-02-01T09:05:00-05:00\"\n\
         active_seconds = 300\n"
    ))
    .unwrap()
}

#[test]
fn merging_by_learner_keeps_the_runs_of_the_first_copy() {
    let mut a = Progress::new("jdoe");
    a.runs.push(run_record("r1", "01-why", "best", true));
    let mut b = Progress::new("jdoe");
    b.runs.push(run_record("r1", "01-why", "best", true));
    b.runs.push(run_record("r2", "01-why", "poor", false));
    let sources = [a, b].map(|progress| Source {
        path: PathBuf::from("jdoe.toml"),
        progress,
    });
    let one = merge_by_learner(&sources[..1]);
    assert_eq!(one["jdoe"].progress.runs.len(), 1);
    let both = merge_by_learner(&sources);
    assert_eq!(both["jdoe"].progress.runs.len(), 2);
}

/// Issue 12: "a 1.5-hour course was credited after about 4 minutes of clicking": the report
/// shows the active minutes and flags the credit as advice, without withholding it.
#[test]
fn credit_beyond_the_active_time_is_flagged_and_old_records_say_no_time() {
    let row = |hours: Option<f64>, active: Option<u64>| Row {
        learner: "jdoe".into(),
        course: "de-escalation".into(),
        title: None,
        version: None,
        provider: None,
        certification: None,
        course_hours: Some(1.5),
        hours_credited: hours,
        status: if hours.is_some() {
            Status::Completed
        } else {
            Status::InProgress
        },
        completed: None,
        completed_date: None,
        best: None,
        attempts: 0,
        active_minutes: active,
        scenarios: None,
        flags: Vec::new(),
        lrs: None,
    };
    let mut report = Report {
        rows: vec![
            row(Some(1.5), Some(4)),
            row(Some(1.5), Some(45)),
            row(Some(1.5), Some(44)),
            row(Some(1.5), None),
            row(None, Some(1)),
        ],
        totals: Totals::default(),
    };
    flag_time(&mut report, 2);
    let flags: Vec<Vec<&str>> = report
        .rows
        .iter()
        .map(|r| r.flags.iter().map(|f| f.name()).collect())
        .collect();
    assert_eq!(
        flags,
        [
            vec!["credit-exceeds-time"],
            vec![],
            vec!["credit-exceeds-time"],
            vec!["time-not-recorded"],
            vec![],
        ]
    );
    assert!(report.rows[0].flags.iter().all(|f| !f.withholds_credit()));
    assert_eq!(
        report.rows[0].hours_credited,
        Some(1.5),
        "advice keeps the credit"
    );
    let csv = format::to_csv(&report).unwrap();
    let first = csv.lines().nth(1).unwrap();
    assert!(first.ends_with(",4"), "active_minutes last: {first}");
    let table = format::to_table(&report, None);
    assert!(
        table.contains("! jdoe de-escalation: check time: credit-exceeds-time"),
        "{table}"
    );
}
