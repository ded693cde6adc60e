//! Learners and their records in the TUI: the picker, near names, a flagged record, a full disk (issues 11 and 16).

use super::{Harness, Msg, Overlay, Progress, SaveState, Store, flat, key, keys};

#[test]
fn learner_picker_scrolls_and_keeps_the_selection_visible() {
    use ratatui::crossterm::event::KeyCode;
    let mut h = Harness::new();
    key(&mut h, KeyCode::Char('L'));
    let names: Vec<String> = (1..=40).map(|i| format!("officer{i:02}")).collect();
    h.send(&[Msg::Learners(names)]);
    for _ in 0..39 {
        key(&mut h, KeyCode::Down);
    }
    let text = h.screen_text(80, 24);
    assert!(text.contains("officer40"), "{text}");
    key(&mut h, KeyCode::Down);
    let text = h.screen_text(80, 24);
    assert!(text.contains("New learner:"), "{text}");
}

#[test]
fn a_new_learner_close_to_a_known_name_asks_first() {
    use ratatui::crossterm::event::KeyCode;
    for typed in ["JDoe", "jdo", "jdoe2"] {
        let mut h = Harness::new();
        key(&mut h, KeyCode::Char('L'));
        h.send(&[Msg::Learners(vec!["asmith".into(), "jdoe".into()])]);
        keys(&mut h, typed);
        key(&mut h, KeyCode::Enter);
        assert_eq!(h.app.learner, "tester", "{typed}: created without asking");
        assert!(matches!(h.app.overlay, Some(Overlay::Learner(_))));
        let text = h.screen_text(80, 24);
        assert!(flat(&text).contains("jdoe"), "{text}");
        key(&mut h, KeyCode::Char('n'));
        assert_eq!(h.app.learner, "tester");
        // Enter is not a yes: only y creates (or switches).
        key(&mut h, KeyCode::Enter);
        key(&mut h, KeyCode::Enter);
        assert_eq!(
            h.app.learner, "tester",
            "{typed}: Enter answered the question"
        );
        key(&mut h, KeyCode::Enter);
        key(&mut h, KeyCode::Char('y'));
        if typed == "JDoe" {
            // The same name but for case is the known learner.
            assert_eq!(h.app.learner, "jdoe");
        } else {
            assert_eq!(h.app.learner, typed);
        }
    }
    // A name not close to any asks nothing.
    let mut h = Harness::new();
    key(&mut h, KeyCode::Char('L'));
    h.send(&[Msg::Learners(vec!["jdoe".into()])]);
    keys(&mut h, "bwayne");
    key(&mut h, KeyCode::Enter);
    assert_eq!(h.app.learner, "bwayne");
}

#[test]
fn a_flagged_record_shows_a_notice_credits_nothing_and_is_not_overwritten() {
    let h = Harness::new();
    // Another learner's file with an impossible score, switched to from the picker.
    let bad = "schema = 2\nlearner = \"bad\"\n\n[[attempts]]\nid = \"a1\"\ncourse = \"sample\"\n\
               lesson = \"01-first\"\nquiz = \"01-first.quiz.toml\"\ncourse_version = \"2.1\"\n\
               started = \"2026-11-20T10:00:00-05:00\"\nfinished = \"2026-11-20T10:05:00-05:00\"\n\
               score = 999\ntotal = 3\npercent = 33300.0\npassed = true\npass_percent = 60\n";
    let path = h.dir.path().join("bad.toml");
    std::fs::write(&path, bad).unwrap();
    let mut h = h;
    h.send(&[Msg::SwitchLearner]);
    for c in "bad".chars() {
        h.send(&[Msg::Input(c)]);
    }
    h.send(&[Msg::Enter]);
    assert_eq!(h.app.learner, "bad");
    let text = h.screen_text(80, 24);
    assert!(matches!(h.app.overlay, Some(Overlay::Notice(_))), "{text}");
    assert!(flat(&text).contains("score"), "{text}");
    assert!(!h.app.progress.quiz_passed("sample", "01-first"));
    h.send(&[Msg::Back, Msg::Enter, Msg::Enter, Msg::NextPage]);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        bad,
        "file rewritten"
    );
}

#[test]
fn quitting_after_a_save_failed_for_a_full_disk_asks_first() {
    use ratatui::crossterm::event::KeyCode;
    use rollcall::app::SaveFailure;
    let full = || SaveFailure {
        why: "cannot write progress file: No space left on device (os error 28)".into(),
        out_of_space: true,
    };
    let mut h = Harness::new();
    // The injected saver: saves go nowhere, and the test reports each one failing.
    h.rt.store = None;
    h.open_first_lesson();
    h.take_quiz(&[true, true, true, true, true]);
    let seq = h.app.save_sent;
    h.send(&[Msg::Saved {
        seq,
        result: Err(full()),
    }]);
    key(&mut h, KeyCode::Esc);
    key(&mut h, KeyCode::Char('q'));
    // Quitting retries the save; it fails again for want of space.
    let seq = h.app.save_sent;
    h.send(&[Msg::Saved {
        seq,
        result: Err(full()),
    }]);
    assert!(!h.app.quitting, "quit silently on a full disk");
    assert!(matches!(
        h.app.overlay,
        Some(Overlay::DiskFull { attempt: true })
    ));
    let text = h.screen_text(80, 24);
    assert!(flat(&text).contains("quiz attempt is not saved"), "{text}");
    // Anything but y stays (Enter too).
    key(&mut h, KeyCode::Enter);
    assert!(!h.app.quitting && h.app.overlay.is_none());
    assert_eq!(
        h.app.progress.attempts.len(),
        1,
        "the attempt is kept in memory"
    );
    // y quits and loses it.
    key(&mut h, KeyCode::Char('q'));
    let seq = h.app.save_sent;
    h.send(&[Msg::Saved {
        seq,
        result: Err(full()),
    }]);
    key(&mut h, KeyCode::Char('y'));
    assert!(h.app.quitting);
}

/// The app as `rollcall --learner NAME` starts it, over the fixture courses and `data`.
fn started_as(data: &tempfile::TempDir, learner: &str) -> Harness {
    use clap::Parser as _;
    let cli = rollcall::cli::Cli::try_parse_from([
        "rollcall",
        "--courses",
        "tests/fixtures/courses",
        "--data-dir",
        data.path().to_str().unwrap(),
        "--learner",
        learner,
    ])
    .unwrap();
    let (app, mut rt) = rollcall::tui::prepare(&cli).unwrap();
    rt.clock = super::fixed_clock;
    let mut h = Harness {
        app,
        rt,
        dir: tempfile::tempdir().unwrap(),
    };
    h.send(&[Msg::Resize(80, 24)]);
    h
}

#[test]
fn a_learner_named_in_another_case_is_the_same_learner_shown_as_stored_and_saves() {
    let data = tempfile::tempdir().unwrap();
    let mut first = started_as(&data, "JDoe");
    first.open_first_lesson();
    first.send(&[Msg::NextPage]);
    assert_eq!(first.app.save, SaveState::Saved);
    assert!(data.path().join("JDoe.toml").is_file());
    let mut again = started_as(&data, "jdoe");
    assert_eq!(
        again.app.learner, "JDoe",
        "the stored display form is shown"
    );
    assert!(again.app.overlay.is_none(), "{:?}", again.app.overlay);
    assert_eq!(again.app.save, SaveState::Saved);
    again.open_first_lesson();
    again.send(&[Msg::NextPage, Msg::NextPage]);
    assert_eq!(again.app.save, SaveState::Saved);
    let text = again.screen_text(80, 24);
    assert!(!flat(&text).contains("not saved"), "{text}");
    let names: Vec<String> = std::fs::read_dir(data.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["JDoe.toml"], "one learner, one file");
    let saved = std::fs::read_to_string(data.path().join("JDoe.toml")).unwrap();
    assert!(saved.contains("learner = \"JDoe\""), "{saved}");
}

#[test]
fn a_typed_name_equal_but_for_case_switches_to_that_learner_not_a_near_one() {
    use ratatui::crossterm::event::KeyCode;
    let mut h = Harness::new();
    for name in ["learner01", "learner05"] {
        Store::new(h.dir.path(), name)
            .unwrap()
            .save(&{
                let mut p = Progress::new(name);
                p.courses.insert(
                    "sample".into(),
                    rollcall::progress::CourseProgress::default(),
                );
                p
            })
            .unwrap();
    }
    key(&mut h, KeyCode::Char('L'));
    keys(&mut h, "Learner05");
    key(&mut h, KeyCode::Enter);
    let text = flat(&h.screen_text(80, 24));
    assert!(
        text.contains("\"Learner05\" is the learner \"learner05\" (names ignore case)"),
        "{text}"
    );
    assert!(!text.contains("named \"learner01\""), "{text}");
    key(&mut h, KeyCode::Char('y'));
    assert_eq!(
        h.app.learner, "learner05",
        "the stored display form is shown"
    );
    assert_eq!(h.app.save, SaveState::Saved);
}
