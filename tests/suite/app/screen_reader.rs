//! The screen-reader front end: a whole course read aloud, and the same state as the TUI.

use super::{Harness, Msg, Screen, Store, assert_plain, comparable, plain_run};

#[test]
fn screen_reader_transcript_of_a_whole_course() {
    // Pages, help, an unknown command, a failed attempt, a retake that is left and resumed,
    // a passed attempt, the second lesson, my record and a learner switch, from a file.
    let input = std::fs::read_to_string("tests/fixtures/plain/course.txt").unwrap();
    let (out, app, dir) = plain_run(&input);
    assert_plain(&out);
    assert!(out.contains("Score: 1 of 5 (20%). Not passed."), "{out}");
    assert!(out.contains("Score: 5 of 5 (100%). Passed."), "{out}");
    assert!(out.contains("Not quite: the answer was"), "{out}");
    assert!(out.contains("Attempt saved."), "{out}");
    assert!(out.contains("Course complete: Sample Course"), "{out}");
    assert_eq!(app.learner, "Officer Diaz");
    let saved = Store::new(dir.path(), "tester").unwrap().load().unwrap();
    assert_eq!(saved.attempts.len(), 2);
    assert!(saved.courses["sample"].completed.is_some());
    snapshot!("screen_reader_course", out);
}

#[test]
fn both_front_ends_reach_the_same_state() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent};
    // The TUI: keys through the keymap.
    let mut tui = Harness::new();
    let keys: Vec<KeyCode> = [
        "\r", "\r", "l", "l", "l", "\r", "1", "\r", "\r", "1", "3", "\r", "\r", "t", "\r", "\r",
        "9", "8", "8", "\r", "\r", "3", "4", "2", "1", "\r", "\r", "\r",
    ]
    .iter()
    .map(|k| match *k {
        "\r" => KeyCode::Enter,
        k => KeyCode::Char(k.chars().next().unwrap()),
    })
    .collect();
    for code in keys {
        let msg = rollcall::keymap::key_to_msg(&tui.app, KeyEvent::from(code)).unwrap();
        tui.send(&[msg]);
    }
    // The screen-reader mode: lines through its commands, with the same app and update.
    let mut plain = Harness::new();
    plain.send(&[Msg::Resize(80, 24)]);
    for line in [
        "1", "", "", "", "", "", "1", "", "1 3", "", "t", "", "988", "", "3 4 2 1", "", "",
    ] {
        let rollcall::plain::Command::Send(msgs) = rollcall::plain::command(&plain.app, line)
        else {
            panic!("{line:?} is not a command")
        };
        plain.send(&msgs);
    }
    assert!(matches!(tui.app.screen, Screen::Course(_)));
    assert_eq!(tui.app.progress.attempts.len(), 1);
    assert!(tui.app.progress.attempts[0].passed);
    assert_eq!(comparable(&tui.app), comparable(&plain.app));
}

#[test]
fn screen_reader_asks_before_a_near_learner_name_and_reads_unread_pages() {
    let (out, app, _dir) = plain_run("1\n1\n\nb\nl\ntester2\nn\ntester2\ny\nq\n");
    assert_plain(&out);
    assert!(
        out.contains("1 page unread") || out.contains("2 pages unread"),
        "{out}"
    );
    assert!(out.contains("already exists"), "{out}");
    assert_eq!(app.learner, "tester2");
}
