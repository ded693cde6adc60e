//! The quiz start screen: it offers to start only when an attempt may start, and it scrolls
//! (with its discard question in view) on a small terminal.

use super::{
    Harness, Msg, QuizPhase, assessment, day_and_a_minute_later_clock, day_later_clock, flat, key,
    plain_run_in, reopen_quiz,
};
use ratatui::crossterm::event::KeyCode;

/// The last row of a screen: the footer.
fn footer(screen: &str) -> &str {
    screen.lines().last().unwrap_or("")
}

/// The assessment after one attempt, reopened while the retake is not open yet.
fn retake_closed() -> Harness {
    let mut h = assessment();
    h.send(&[Msg::Enter]);
    for _ in 0..4 {
        h.give(true);
    }
    assert!(matches!(h.quiz().phase, QuizPhase::Results(_)));
    h.rt.clock = day_later_clock;
    reopen_quiz(&mut h);
    h
}

#[test]
fn a_start_screen_that_cannot_start_offers_no_enter() {
    let mut h = retake_closed();
    let start = h.screen_text(80, 24);
    assert!(
        start.contains("The next attempt opens 2026-11-25 10:00 (in 1 min)."),
        "{start}"
    );
    assert!(!start.contains("Press Enter"), "{start}");
    assert!(!footer(&start).contains("Enter"), "{start}");
    assert!(footer(&start).contains("Esc back"), "{start}");
    // Open again: the start prompt and Enter are back.
    h.rt.clock = day_and_a_minute_later_clock;
    reopen_quiz(&mut h);
    let open = h.screen_text(80, 24);
    assert!(open.contains("Press Enter to start."), "{open}");
    assert!(footer(&open).contains("Enter start"), "{open}");
    // Both attempts used: none left, and nothing offers to start one.
    h.send(&[Msg::Enter]);
    for _ in 0..4 {
        h.give(false);
    }
    reopen_quiz(&mut h);
    let spent = h.screen_text(80, 24);
    assert!(spent.contains("No attempts left (2 of 2 used)."), "{spent}");
    assert!(!spent.contains("Press Enter"), "{spent}");
    assert!(!footer(&spent).contains("Enter"), "{spent}");
}

#[test]
fn screen_reader_start_that_cannot_start_offers_no_empty_line() {
    let (out, _, _) = plain_run_in(retake_closed(), "");
    assert!(out.contains("The next attempt opens"), "{out}");
    assert!(!out.contains("Empty line: start."), "{out}");
    assert!(out.contains("b: back."), "{out}");
}

/// The assessment's start screen with an attempt kept for later, on a 40x10 terminal.
fn resume_at_40x10() -> Harness {
    let mut h = assessment();
    h.send(&[Msg::Enter]);
    h.give(true);
    key(&mut h, KeyCode::Esc);
    key(&mut h, KeyCode::Char('y'));
    reopen_quiz(&mut h);
    assert!(h.quiz().resume.is_some());
    h.send(&[Msg::Resize(40, 10)]);
    h
}

#[test]
fn the_start_screen_scrolls_at_40x10_and_shows_the_discard_question() {
    let mut h = resume_at_40x10();
    let top = h.screen_text(40, 10);
    assert!(flat(&top).contains("4 questions · pass mark 75%"), "{top}");
    assert!(!flat(&top).contains("or d to discard it."), "{top}");
    // Down reaches the last line, and stops there.
    for _ in 0..30 {
        key(&mut h, KeyCode::Down);
    }
    let bottom = h.screen_text(40, 10);
    assert!(flat(&bottom).contains("or d to discard it."), "{bottom}");
    assert!(!flat(&bottom).contains("pass mark"), "{bottom}");
    // PgUp scrolls back a screen at a time to the top, staying on the start screen.
    for _ in 0..5 {
        key(&mut h, KeyCode::PageUp);
        assert_eq!(h.quiz().phase, QuizPhase::Start);
        if flat(&h.screen_text(40, 10)).contains("pass mark") {
            break;
        }
    }
    assert_eq!(h.screen_text(40, 10), top);
    // PgDn scrolls a screen down.
    key(&mut h, KeyCode::PageDown);
    assert_eq!(h.quiz().phase, QuizPhase::Start);
    assert_ne!(h.screen_text(40, 10), top);
    // d asks whether to discard the attempt: the question is in view, not below the fold,
    // from the top of the screen as from anywhere.
    for scrolled in [false, true] {
        if !scrolled {
            for _ in 0..5 {
                key(&mut h, KeyCode::Up);
            }
        }
        key(&mut h, KeyCode::Char('d'));
        let asked = h.screen_text(40, 10);
        assert!(
            flat(&asked).contains("Discard the attempt in progress?"),
            "{asked}"
        );
        key(&mut h, KeyCode::Char('n'));
        assert!(h.quiz().resume.is_some());
        key(&mut h, KeyCode::PageDown);
    }
}
