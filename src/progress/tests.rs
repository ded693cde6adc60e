use super::*;

fn attempt(id: &str, finished: &str, percent: f64) -> Attempt {
    Attempt {
        id: id.into(),
        course: "c".into(),
        lesson: "l".into(),
        quiz: "l.quiz.toml".into(),
        course_version: "1.0".into(),
        started: finished.into(),
        finished: finished.into(),
        score: 1,
        total: 1,
        percent,
        passed: percent >= 80.0,
        pass_percent: 80,
        answers: vec![],
        active_seconds: None,
    }
}

#[test]
fn merge_unites_attempts_by_id() {
    let mut a = Progress::new("x");
    a.attempts
        .push(attempt("1", "2026-01-01T10:00:00+01:00", 50.0));
    let mut b = Progress::new("x");
    b.attempts
        .push(attempt("1", "2026-01-01T10:00:00+01:00", 50.0));
    b.attempts
        .push(attempt("2", "2026-01-02T10:00:00+01:00", 100.0));
    a.merge(&b);
    assert_eq!(a.attempts.len(), 2);
    assert_eq!(a.best_attempt("c", "l").map(|a| a.id.as_str()), Some("2"));
    assert!(a.quiz_passed("c", "l"));
}

#[test]
fn latest_page_and_earliest_completion_win() {
    let mut ours = LessonProgress {
        page: 2,
        viewed_at: Some("2026-01-01T10:00:00+00:00".into()),
        pages_seen: [1, 2].into(),
        pages_total: 5,
        completed: Some("2026-01-03T00:00:00+00:00".into()),
        active_seconds: crate::progress::PageTime::default(),
    };
    // Same instant as 09:30 UTC is later than 10:00 UTC? No: 11:30+02:00 = 09:30 UTC.
    let older = LessonProgress {
        page: 4,
        viewed_at: Some("2026-01-01T11:30:00+02:00".into()),
        pages_seen: [4].into(),
        pages_total: 5,
        completed: Some("2026-01-02T00:00:00+00:00".into()),
        active_seconds: crate::progress::PageTime::default(),
    };
    ours.merge(&older);
    assert_eq!(ours.page, 2, "older position must not win");
    assert_eq!(ours.pages_seen, [1, 2, 4].into());
    assert_eq!(ours.completed, Some("2026-01-02T00:00:00+00:00".into()));
    let newer = LessonProgress {
        page: 5,
        viewed_at: Some("2026-01-01T10:00:01+00:00".into()),
        ..LessonProgress::default()
    };
    ours.merge(&newer);
    assert_eq!(ours.page, 5);
}

#[test]
fn parse_round_trip_and_schema_checks() {
    let mut p = Progress::new("jdoe");
    p.attempts
        .push(attempt("1", "2026-01-01T10:00:00+01:00", 50.0));
    p.courses.entry("c".into()).or_default().lessons.insert(
        "l".into(),
        LessonProgress {
            page: 2,
            pages_seen: [1, 2].into(),
            ..LessonProgress::default()
        },
    );
    let text = to_toml(&p).unwrap();
    assert_eq!(parse(&text).unwrap(), p);
    assert!(matches!(
        parse("schema = 9\nlearner = \"x\"\n"),
        Err(ParseError::NewerSchema { found: 9 })
    ));
    assert!(matches!(
        parse("schema = 1\nlearner = 3\n"),
        Err(ParseError::Invalid(_))
    ));
    assert!(matches!(
        parse("schema = 1\nlearner = \"x"),
        Err(ParseError::Invalid(_))
    ));
}

#[test]
fn merge_keeps_both_copies_of_a_conflicting_attempt_id_once() {
    let mut a = Progress::new("x");
    a.attempts
        .push(attempt("1", "2026-01-01T10:00:00+01:00", 50.0));
    let mut b = Progress::new("x");
    b.attempts
        .push(attempt("1", "2026-01-01T10:00:00+01:00", 100.0));
    a.merge(&b);
    assert_eq!(a.attempts.len(), 2, "nothing is dropped");
    let again = a.clone();
    a.merge(&again);
    assert_eq!(a.attempts.len(), 2, "merging is idempotent");
    let mut b_then_a = b.clone();
    let mut only_a = Progress::new("x");
    only_a
        .attempts
        .push(attempt("1", "2026-01-01T10:00:00+01:00", 50.0));
    b_then_a.merge(&only_a);
    assert_eq!(
        b_then_a.attempts, a.attempts,
        "the order does not depend on who merged"
    );
}

#[test]
fn the_lowest_schema_that_holds_the_record_is_written() {
    let mut p = Progress::new("x");
    p.attempts
        .push(attempt("1", "2026-01-01T10:00:00+01:00", 50.0));
    let text = to_toml(&p).unwrap();
    assert!(text.starts_with("schema = 2\n"), "{text}");
    assert_eq!(parse(&text).unwrap(), p);
    // Runs need schema 3, so a schema-2 build refuses the file as newer (rather than
    // failing on an unknown field) and leaves it alone.
    let run: crate::scenario::RunRecord = toml::from_str(
        "id = \"r\"\ncourse = \"c\"\nlesson = \"l\"\nscenario = \"s\"\nversion = \"1\"\n\
         path = [{ node = \"a\" }]\nbacks = 0\nending = \"best\"\npassed = true\n\
         started = \"2026-01-01T10:00:00+01:00\"\nfinished = \"2026-01-01T10:01:00+01:00\"\n\
         active_seconds = 60\n",
    )
    .unwrap();
    p.runs.push(run);
    let text = to_toml(&p).unwrap();
    assert!(text.starts_with("schema = 3\n"), "{text}");
    assert_eq!(parse(&text).unwrap(), p);
    // An attempt in progress needs schema 4; it is written in the head, before the
    // attempts, so big files still parse one attempt at a time.
    p.in_progress.push(InProgress {
        id: "2".into(),
        course: "c".into(),
        lesson: "l".into(),
        started: "2026-01-01T11:00:00+01:00".into(),
        updated: "2026-01-01T11:01:00+01:00".into(),
        seed: u64::MAX.to_string(),
        asked: vec!["a".into()],
        discarded: None,
        answers: vec![],
    });
    let text = to_toml(&p).unwrap();
    assert!(text.starts_with("schema = 4\n"), "{text}");
    assert!(
        text.find("[[in_progress]]") < text.find("[[attempts]]"),
        "{text}"
    );
    assert_eq!(parse(&text).unwrap(), p);
    // Active time (or answer ids) need schema 4.
    p.attempts[0].active_seconds = Some(30);
    let text = to_toml(&p).unwrap();
    assert!(text.starts_with("schema = 4\n"), "{text}");
    assert_eq!(parse(&text).unwrap(), p);
    p.attempts[0].active_seconds = None;
    p.courses
        .entry("c".into())
        .or_default()
        .lessons
        .entry("l".into())
        .or_default()
        .active_seconds
        .raise("s", 1, 5);
    assert_eq!(p.schema_needed(), 4);
    // A scenario run under way needs schema 5, in the head as well; without one the record
    // keeps schema 4.
    let run = "id = \"r2\"\ncourse = \"c\"\nlesson = \"l\"\nscenario = \"s\"\nversion = \"1\"\n\
               started = \"2026-01-01T12:00:00+01:00\"\nupdated = \"2026-01-01T12:01:00+01:00\"\n\
               backs = 1\nactive_seconds = 40\npath = [{ node = \"a\", choice = \"go\" }, { node = \"b\" }]\n";
    p.runs_in_progress.push(toml::from_str(run).unwrap());
    let text = to_toml(&p).unwrap();
    assert!(text.starts_with("schema = 5\n"), "{text}");
    assert!(
        text.find("[[runs_in_progress]]") < text.find("[[attempts]]"),
        "{text}"
    );
    assert_eq!(parse(&text).unwrap(), p);
    p.runs_in_progress.clear();
    assert_eq!(p.schema_needed(), 4);
    assert_eq!(SCHEMA, 5);
    // A schema-2 file (no runs) still loads.
    let old = "schema = 2\nlearner = \"x\"\n";
    assert_eq!(parse(old).unwrap(), Progress::new("x"));
}

#[test]
fn schema1_page_lists_are_written_back_as_ranges() {
    let text =
        "schema = 1\nlearner = \"x\"\n[courses.c.lessons.l]\npage = 1\npages_seen = [1, 2, 3]\n";
    let p = parse(text).unwrap();
    assert_eq!(p.schema, SCHEMA);
    let written = to_toml(&p).unwrap();
    assert!(written.contains("pages_seen = \"1-3\""), "{written}");
    assert_eq!(parse(&written).unwrap(), p);
}
