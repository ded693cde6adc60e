//! Knowledge checks' own screens (issue 14): the start screen says Esc skips, the results
//! are the check's (right of total, nothing recorded, back to the lesson), not a quiz's.

use super::{Harness, Msg, QuizPhase, Screen, Store, check_harness, lesson_page};

/// The check after page 1 of the fixture's lesson, on its start screen.
fn at_check() -> Harness {
    let mut h = check_harness();
    h.open_first_lesson();
    h.send(&[Msg::NextPage]);
    assert_eq!(h.quiz().check, Some(0));
    assert_eq!(h.quiz().phase, QuizPhase::Start);
    h
}

/// The last row of a screen: the footer.
fn footer(screen: &str) -> &str {
    screen.lines().last().unwrap_or("")
}

#[test]
fn a_check_start_footer_says_esc_skips() {
    let h = at_check();
    let start = h.screen_text(80, 24);
    assert!(footer(&start).contains("Esc skip"), "{start}");
    assert!(!footer(&start).contains("Esc back"), "{start}");
    assert!(!start.contains("pass mark"), "{start}");
}

#[test]
fn a_check_has_its_own_results_and_r_tries_it_again() {
    let mut h = at_check();
    h.send(&[Msg::Enter]);
    h.answer(true);
    h.answer(false);
    assert!(matches!(h.quiz().phase, QuizPhase::Results(_)));
    let results = h.screen_text(80, 24);
    assert!(
        results.contains("Knowledge check: 1 of 2 right. Practice: nothing was recorded."),
        "{results}"
    );
    assert!(results.contains("Enter back to the lesson"), "{results}");
    for quiz_word in [
        "Score",
        "Pass mark",
        "PASSED",
        "retake",
        "attempt",
        "Attempt",
        "course",
    ] {
        assert!(!results.contains(quiz_word), "{quiz_word:?} in {results}");
    }
    // Each question on a short line, right or not in a mark and a word (not colour alone).
    assert!(
        results.contains("✓ right: What was on page one?"),
        "{results}"
    );
    assert!(
        results.contains("✗ not quite: Is this practice?"),
        "{results}"
    );
    insta::with_settings!({ snapshot_path => "../snapshots" }, {
        snapshot!("knowledge_check_results_80x24", results);
        snapshot!("knowledge_check_results_40x10", h.screen_text(40, 10));
    });
    // r runs the check again: practice, still nothing recorded.
    h.send(&[Msg::Retake]);
    assert_eq!(h.quiz().phase, QuizPhase::Asking);
    assert_eq!(h.quiz().check, Some(0));
    h.answer(true);
    h.answer(true);
    let again = h.screen_text(80, 24);
    assert!(again.contains("2 of 2 right"), "{again}");
    h.send(&[Msg::Enter]);
    assert!(matches!(h.app.screen, Screen::Lesson(_)));
    assert_eq!(lesson_page(&h), Some(2));
    assert!(h.app.progress.attempts.is_empty());
}

#[test]
fn screen_reader_announces_a_knowledge_check_at_start_and_end() {
    // Open the course and the lesson, turn to page 2 (the check opens), start it, answer
    // right then wrong, go on to the results, back to the lesson, read on to the quiz.
    let (out, app, _dir) = super::plain_run_in(check_harness(), "\n\n\n\n1\n\nf\n\n\n\n");
    super::assert_plain(&out);
    assert!(
        out.contains(
            "knowledge check: Check: page one. 2 questions, practice only: nothing is recorded"
        ),
        "{out}"
    );
    assert!(out.contains("b: skip the check"), "{out}");
    assert!(!out.contains("pass mark"), "{out}");
    assert!(
        out.contains("Knowledge check: 1 of 2 right. Practice: nothing was recorded."),
        "{out}"
    );
    assert!(out.contains("Empty line: back to the lesson."), "{out}");
    assert!(!out.contains("Score:"), "{out}");
    assert!(app.progress.attempts.is_empty());
    insta::with_settings!({ snapshot_path => "../snapshots" }, {
        snapshot!("screen_reader_knowledge_check", out);
    });
}

#[test]
fn screen_reader_plays_the_using_rollcall_check_after_page_2() {
    // The built-in tour, alone in a library (the other courses do not matter here).
    let root = tempfile::tempdir().unwrap();
    let course = root.path().join("using-rollcall");
    std::fs::create_dir_all(&course).unwrap();
    for entry in std::fs::read_dir("courses/using-rollcall").unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, course.join(path.file_name().unwrap())).unwrap();
    }
    let h = Harness::with(root.path(), None);
    // Course, lesson 1, page 2, page 3 (the check opens), start, two answers, back.
    let (out, app, _dir) = super::plain_run_in(h, "1\n\n\n\n\n1\n\nf\n\n\n");
    super::assert_plain(&out);
    assert!(out.contains("Moving Around, knowledge check:"), "{out}");
    // The check's title already says what it is: said once, not twice.
    assert!(
        out.contains("Moving Around, knowledge check: turning pages."),
        "{out}"
    );
    assert!(!out.contains("knowledge check: Knowledge check"), "{out}");
    // Each question on the results is read whole, not cut at a wrapped line's end.
    assert!(
        out.contains("True or false: a wrong answer here lowers your score for the lesson."),
        "{out}"
    );
    assert!(out.contains("practice only: nothing is recorded"), "{out}");
    assert!(out.contains("Knowledge check: "), "{out}");
    assert!(
        out.contains("right. Practice: nothing was recorded."),
        "{out}"
    );
    assert!(out.contains("Empty line: back to the lesson."), "{out}");
    assert!(
        out.contains("page 3 of"),
        "back on the page after the check: {out}"
    );
    assert!(app.progress.attempts.is_empty(), "a check records nothing");
}

#[test]
fn time_in_a_check_counts_toward_the_lesson_on_the_page_it_follows() {
    let mut h = check_harness();
    let t = super::hand_clock(&mut h);
    super::after(&mut h, &t, 0, Msg::Enter); // library -> course
    super::after(&mut h, &t, 0, Msg::Enter); // course -> lesson, page 1
    super::after(&mut h, &t, 60, Msg::NextPage); // 60 s on page 1; the check opens
    assert_eq!(h.quiz().check, Some(0));
    super::after(&mut h, &t, 5, Msg::Enter); // the start screen: not time on task
    assert_eq!(h.quiz().phase, QuizPhase::Asking);
    super::after(&mut h, &t, 20, Msg::Down); // 20 s on the first question
    h.answer(true);
    super::after(&mut h, &t, 30, Msg::TrueFalse(true)); // 30 s on the second
    h.send(&[Msg::Enter]);
    super::after(&mut h, &t, 10, Msg::Enter); // 10 s reading its feedback
    assert!(matches!(h.quiz().phase, QuizPhase::Results(_)));
    super::after(&mut h, &t, 40, Msg::Enter); // 40 s on the results: not counted
    assert_eq!(lesson_page(&h), Some(2));
    let lesson = h.app.progress.lesson("knowledge", "01-lesson").unwrap();
    // The check's 60 s are the page it follows (page 1), beside its own 60 s of reading.
    assert_eq!(lesson.active_seconds.page(1), 60 + 20 + 30 + 10);
    assert_eq!(lesson.active_seconds.page(2), 0);
    assert!(h.app.progress.attempts.is_empty(), "still no attempt");
}

#[test]
fn a_knowledge_check_opens_past_its_page_records_nothing_and_returns() {
    let mut h = check_harness();
    h.open_first_lesson();
    h.send(&[Msg::NextPage]);
    // The page turned (and was recorded) before the check opened on top.
    let Screen::Quiz(q) = &h.app.screen else {
        panic!("no check: {:?}", h.app.screen)
    };
    assert_eq!(q.check, Some(0));
    assert!(!q.in_attempt());
    let seen = &h.app.progress.courses["knowledge"].lessons["01-lesson"];
    assert_eq!((seen.page, seen.pages_seen.len()), (2, 2));
    snapshot!("knowledge_check_start_80x24", h.screen_text(80, 24));
    h.send(&[Msg::Enter]);
    // Feedback after each question, whatever the file says (it says "end").
    h.give(true);
    assert!(matches!(
        &h.app.screen,
        Screen::Quiz(q) if matches!(q.phase, QuizPhase::Checked { .. })
    ));
    assert!(
        h.app.progress.in_progress.is_empty(),
        "never saved as under way"
    );
    h.send(&[Msg::Enter]);
    h.give(false);
    h.send(&[Msg::Enter]);
    assert!(matches!(
        &h.app.screen,
        Screen::Quiz(q) if matches!(q.phase, QuizPhase::Results(_))
    ));
    // The results never claim a save that did not happen.
    let results = h.screen_text(80, 24);
    assert!(!results.contains("Attempt saved"), "{results}");
    assert!(
        results.contains("Practice: nothing was recorded."),
        "{results}"
    );
    h.send(&[Msg::Enter]);
    assert_eq!(lesson_page(&h), Some(2));
    assert!(
        h.app.progress.attempts.is_empty(),
        "a check is never an attempt"
    );
    assert!(h.app.overlay.is_none());
    // Back and forth in the same visit: not offered again.
    h.send(&[Msg::PrevPage, Msg::NextPage]);
    assert_eq!(lesson_page(&h), Some(2));
    h.send(&[Msg::NextPage]);
    assert_eq!(lesson_page(&h), Some(3));
    let stored = Store::new(h.dir.path(), "tester").unwrap().load().unwrap();
    assert!(stored.attempts.is_empty());
}

#[test]
fn a_knowledge_check_is_skipped_with_esc_and_left_mid_way_without_asking() {
    let mut h = check_harness();
    h.open_first_lesson();
    h.send(&[Msg::NextPage]);
    assert!(matches!(&h.app.screen, Screen::Quiz(q) if q.check == Some(0)));
    h.send(&[Msg::Back]);
    assert_eq!(lesson_page(&h), Some(2));
    // A new visit offers it again; leaving mid-check asks nothing and records nothing.
    h.send(&[Msg::Back]);
    h.send(&[Msg::Enter]);
    h.send(&[Msg::FirstPage, Msg::NextPage]);
    assert!(matches!(&h.app.screen, Screen::Quiz(q) if q.check == Some(0)));
    h.send(&[Msg::Enter]);
    h.give(true);
    h.send(&[Msg::Back]);
    assert!(h.app.overlay.is_none());
    assert_eq!(lesson_page(&h), Some(2));
    assert!(h.app.progress.attempts.is_empty());
}
