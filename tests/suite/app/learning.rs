//! Reading and taking quizzes: pages, attempts recorded and saved, learners switched, errors recovered.

use super::{Harness, Msg, Overlay, Path, QuestionKind, QuizPhase, SaveState, Screen, Store};

#[test]
fn pages_turn_and_resume() {
    let mut h = Harness::new();
    h.open_first_lesson();
    assert!(h.screen_text(80, 24).contains("page 1/3"));
    h.send(&[Msg::NextPage]);
    let text = h.screen_text(80, 24);
    assert!(
        text.contains("page 2/3") && text.contains("Beta page text"),
        "{text}"
    );
    h.send(&[Msg::PrevPage, Msg::LastPage]);
    assert!(h.screen_text(80, 24).contains("Gamma page text"));
    h.send(&[Msg::FirstPage, Msg::NextPage]);
    let saved = h.app.progress.clone();
    let lesson = saved.lesson("sample", "01-first").unwrap();
    assert_eq!(lesson.page, 2);
    assert_eq!(lesson.pages_seen, [1, 2, 3].into());
    assert!(
        saved.lesson("sample", "02-second").is_none(),
        "unopened lessons stay unrecorded"
    );

    // A new session with that record resumes at page 2.
    let mut again = Harness::with_progress(Some(saved));
    again.open_first_lesson();
    let text = again.screen_text(80, 24);
    assert!(
        text.contains("page 2/3") && text.contains("Resumed at page 2"),
        "{text}"
    );
}

#[test]
fn passing_quiz_is_recorded_and_completes_the_lesson() {
    let mut h = Harness::new();
    h.open_first_lesson();
    h.take_quiz(&[true, true, true, true, true]);
    let text = h.screen_text(80, 24);
    assert!(text.contains("Score: 5/5 (100%) PASSED"), "{text}");
    assert!(text.contains("Attempt saved."), "{text}");
    let attempt = &h.app.progress.attempts[0];
    assert_eq!((attempt.score, attempt.total, attempt.passed), (5, 5, true));
    assert_eq!(attempt.course_version, "2.1");
    assert_eq!(attempt.quiz, "01-first.quiz.toml");
    assert_eq!(attempt.answers.len(), 5);
    let lesson = h.app.progress.lesson("sample", "01-first").unwrap();
    assert!(lesson.completed.is_some());
    // Esc goes back to the course screen, which shows the quiz status.
    h.send(&[Msg::Back]);
    let text = h.screen_text(80, 24);
    assert!(matches!(h.app.screen, Screen::Course { .. }), "{text}");
    assert!(text.contains("quiz: best 5/5 (100%) passed"), "{text}");
    assert!(text.contains("1/2 lessons complete"), "{text}");
    // Reading the second lesson completes the course.
    h.send(&[Msg::Down, Msg::Enter, Msg::NextPage]);
    let course = &h.app.progress.courses["sample"];
    assert_eq!(
        course.completed,
        Some("2026-11-24T10:00:00.000-05:00".into())
    );
    assert_eq!(course.completed_version.as_deref(), Some("2.1"));
    assert_eq!(course.completed_hours, Some(1.0));
    h.send(&[Msg::Back, Msg::Back, Msg::Record]);
    let text = h.screen_text(80, 24);
    assert!(text.contains("Hours overall: 1.0 h"), "{text}");
    snapshot!("my_record_completed", text);
}

#[test]
fn failing_quiz_then_retake() {
    let mut h = Harness::new();
    h.open_first_lesson();
    h.take_quiz(&[true, false, false, false, true]);
    let text = h.screen_text(80, 24);
    assert!(text.contains("Score: 2/5 (40%) NOT PASSED"), "{text}");
    assert!(text.contains("✗  2."), "{text}");
    assert!(!h.app.progress.quiz_passed("sample", "01-first"));
    h.send(&[Msg::Retake]);
    for _ in 0..5 {
        h.answer(true);
    }
    assert_eq!(h.app.progress.attempts.len(), 2);
    assert_ne!(h.app.progress.attempts[0].id, h.app.progress.attempts[1].id);
    assert!(h.app.progress.quiz_passed("sample", "01-first"));
}

#[test]
fn leaving_an_attempt_asks_and_records_nothing() {
    let mut h = Harness::new();
    h.open_first_lesson();
    h.take_quiz(&[true]);
    h.send(&[Msg::Quit]);
    assert_eq!(
        h.app.overlay,
        Some(Overlay::ConfirmLeave {
            quit: true,
            subject: rollcall::app::Subject::Quiz,
            discarding: false
        })
    );
    h.send(&[Msg::Confirm(false)]);
    assert!(!h.app.quitting && h.app.overlay.is_none());
    h.send(&[Msg::Back, Msg::Confirm(true)]);
    assert!(h.app.progress.attempts.is_empty());
    assert!(!matches!(h.app.screen, Screen::Quiz(_)));
}

#[test]
fn typed_answers_take_q_and_question_marks() {
    let mut h = Harness::new();
    h.open_first_lesson();
    h.take_quiz(&[true, true, true]);
    let Screen::Quiz(q) = &h.app.screen else {
        panic!()
    };
    assert!(matches!(q.question().unwrap().kind, QuestionKind::Typed(_)));
    let key =
        |c| ratatui::crossterm::event::KeyEvent::from(ratatui::crossterm::event::KeyCode::Char(c));
    for c in ['q', '?', 't'] {
        let msg = rollcall::keymap::key_to_msg(&h.app, key(c));
        assert_eq!(msg, Some(Msg::Input(c)));
    }
}

#[test]
fn unsaved_attempt_is_shown_and_kept() {
    let mut h = Harness::new();
    // A data folder that is a file: every save fails.
    let blocker = h.dir.path().join("blocked");
    std::fs::write(&blocker, "not a folder").unwrap();
    h.rt.store = Some(Store::new(&blocker, "tester").unwrap());
    h.open_first_lesson();
    h.take_quiz(&[true, true, true, true, true]);
    let text = h.screen_text(80, 24);
    assert!(matches!(h.app.save, SaveState::Failed(_)), "{text}");
    assert!(text.contains("not saved:"), "{text}");
    assert_eq!(
        h.app.progress.attempts.len(),
        1,
        "attempt kept in memory for a retry"
    );
}

#[test]
fn switch_learner_on_a_shared_workstation() {
    let mut h = Harness::new();
    h.open_first_lesson();
    h.send(&[Msg::NextPage, Msg::Back, Msg::Back]);
    assert!(h.dir.path().join("tester.toml").exists());
    h.send(&[Msg::SwitchLearner]);
    let Some(Overlay::Learner(p)) = &h.app.overlay else {
        panic!("no picker")
    };
    assert_eq!(p.names, vec!["tester".to_string()]);
    // Down to the 'new learner' field, type a bad name, then a good one.
    h.send(&[Msg::Down, Msg::Input('/'), Msg::Enter]);
    let Some(Overlay::Learner(p)) = &h.app.overlay else {
        panic!("picker closed")
    };
    assert!(p.error.is_some());
    h.send(&[Msg::Backspace]);
    for c in "Officer Diaz".chars() {
        h.send(&[Msg::Input(c)]);
    }
    h.send(&[Msg::Enter]);
    assert_eq!(h.app.learner, "Officer Diaz");
    assert!(h.app.progress.courses.is_empty());
    assert!(h.screen_text(80, 24).contains("learner: Officer Diaz"));
    // Back to the first learner: their record is there.
    h.send(&[Msg::SwitchLearner]);
    let Some(Overlay::Learner(p)) = &h.app.overlay else {
        panic!()
    };
    assert_eq!(
        p.names,
        vec!["Officer Diaz".to_string(), "tester".to_string()]
    );
    assert_eq!(p.selected, 0, "the current learner is selected");
    h.send(&[Msg::Down, Msg::Enter]);
    assert_eq!(h.app.learner, "tester");
    // Issue 16 defect 12: a learner chosen and left without doing anything leaves no file.
    assert!(!h.dir.path().join("Officer Diaz.toml").exists());
    assert!(h.app.progress.courses.contains_key("sample"));
}

#[test]
fn a_quiz_that_fails_to_load_watches_its_lesson_again() {
    // A copy of the sample course whose quiz file is broken.
    let courses = tempfile::tempdir().unwrap();
    let sample = courses.path().join("sample");
    std::fs::create_dir(&sample).unwrap();
    for entry in std::fs::read_dir("tests/fixtures/courses/sample").unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, sample.join(path.file_name().unwrap())).unwrap();
    }
    std::fs::write(sample.join("01-first.quiz.toml"), "not = [valid").unwrap();
    let mut h = Harness::with(courses.path(), None);
    h.app.watch = true;
    let watched = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let w = watched.clone();
    h.rt.watch_fn = Some(Box::new(move |path: &Path| {
        w.lock().unwrap().push(path.to_path_buf());
        None
    }));
    h.open_first_lesson();
    assert_eq!(
        watched.lock().unwrap().len(),
        1,
        "the open lesson is watched"
    );
    h.send(&[Msg::LastPage, Msg::NextPage]);
    assert!(
        matches!(h.app.screen, Screen::Lesson(_)),
        "back in the lesson"
    );
    assert!(
        matches!(h.app.status, Some(rollcall::app::Notice::CannotOpenQuiz(_))),
        "{:?}",
        h.app.status
    );
    let watched = watched.lock().unwrap();
    assert_eq!(watched.len(), 2, "the lesson is watched again: {watched:?}");
    assert!(watched[1].ends_with("01-first.md"), "{watched:?}");
}

#[test]
fn feedback_and_record_scroll_stop_at_their_last_line() {
    let mut h = Harness::new();
    h.open_first_lesson();
    h.take_quiz(&[]);
    h.send(&[Msg::Resize(40, 12), Msg::Pick(1), Msg::Enter]);
    let Screen::Quiz(q) = &h.app.screen else {
        panic!()
    };
    assert!(matches!(q.phase, QuizPhase::Checked { .. }));
    let lines = rollcall::ui::quiz::scroll_lines(q, &h.app.ctx());
    let max = lines.saturating_sub(12 - 5);
    assert!(max > 0, "the feedback is taller than the screen");
    h.send(&vec![Msg::Down; 300]);
    let Screen::Quiz(q) = &h.app.screen else {
        panic!()
    };
    assert_eq!(q.input.cursor, max, "no scrolling past the last line");
    // One Up moves at once: no invisible scroll to climb back through.
    h.send(&[Msg::Up]);
    let Screen::Quiz(q) = &h.app.screen else {
        panic!()
    };
    assert_eq!(q.input.cursor, max - 1);

    // My record: the last line stays on screen however far one scrolls.
    let mut h = Harness::new();
    h.send(&[Msg::Resize(80, 10), Msg::Record]);
    h.send(&vec![Msg::Down; 50]);
    let text = h.screen_text(80, 10);
    assert!(text.contains("Coordinators collect"), "{text}");
    let Screen::Record(r) = h.app.screen.clone() else {
        panic!()
    };
    assert!(r.scroll > 0);
    h.send(&[Msg::Up]);
    let Screen::Record(after) = &h.app.screen else {
        panic!()
    };
    assert_eq!(after.scroll + 1, r.scroll, "Up scrolls at once");
}

#[test]
fn library_lists_required_courses_first_with_due_badges_in_words() {
    use rollcall::compliance::Duties;
    use rollcall::compliance::requirements::Requirements;
    let courses = Path::new("tests/fixtures/compliance/courses");
    let mut h = Harness::with(courses, None);
    let ids = ["de-escalation", "crisis-intervention"]
        .map(String::from)
        .into();
    let rules = "[[require]]\ncourse = \"de-escalation\"\ndue = \"2026-12-06\"\n\n\
                 [[require]]\ncourse = \"crisis-intervention\"\ndue = \"2026-10-01\"\n";
    let reqs = Requirements::parse(Path::new("requirements.toml"), rules, &ids);
    assert!(reqs.problems.is_empty(), "{:?}", reqs.problems);
    h.app.duties = Duties {
        rules: reqs.rules,
        roster: None,
    };
    // Library order in the folder is crisis-intervention, de-escalation; the overdue one
    // comes first either way, then the one due soon.
    let text = h.screen_text(80, 24);
    snapshot!("library_due_badges", text);
    let rows: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(" 1. ") || l.contains(" 2. "))
        .collect();
    assert!(
        rows[0].contains("Crisis Intervention") && rows[0].contains("OVERDUE"),
        "{text}"
    );
    assert!(
        rows[1].contains("De-escalation") && rows[1].contains("due in 12 days"),
        "{text}"
    );
    h.send(&[Msg::Down, Msg::Enter]);
    let text = h.screen_text(80, 24);
    assert!(
        text.contains("De-escalation Basics"),
        "row 2 opens the course shown there"
    );
    assert!(text.contains("Required: due in 12 days."), "{text}");
}

#[test]
fn an_attempt_shows_saving_until_it_is_on_disk() {
    for fail in [false, true] {
        let mut h = Harness::new();
        if fail {
            // A data folder that is a file: every save fails.
            let blocker = h.dir.path().join("blocked");
            std::fs::write(&blocker, "not a folder").unwrap();
            h.rt.store = Some(Store::new(&blocker, "tester").unwrap());
        }
        let (tx, rx) = std::sync::mpsc::channel();
        h.rt.saver = Some(
            rollcall::runtime::saver::Saver::start(move |done| {
                let _ = tx.send(done);
            })
            .unwrap(),
        );
        h.open_first_lesson();
        h.take_quiz(&[true, true, true, true, true]);
        let text = h.screen_text(80, 24);
        assert!(text.contains("Attempt saving…"), "{text}");
        assert!(!text.contains("Attempt saved."), "{text}");
        assert!(h.app.save_pending());
        // Feed the worker's reports back, as the terminal loop does.
        while h.app.save_done < h.app.attempt_seq {
            let done = rx.recv_timeout(std::time::Duration::from_secs(10)).unwrap();
            h.send(&[Msg::Saved {
                seq: done.seq,
                result: done.result,
            }]);
        }
        let text = h.screen_text(80, 24);
        if fail {
            assert!(text.contains("not saved:"), "{text}");
            assert!(!text.contains("Attempt saved."), "{text}");
        } else {
            assert!(text.contains("Attempt saved."), "{text}");
            let on_disk = Store::new(h.dir.path(), "tester").unwrap().load().unwrap();
            assert_eq!(on_disk.attempts.len(), 1);
        }
    }
}
