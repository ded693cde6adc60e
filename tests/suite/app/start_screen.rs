//! The quiz start screen: it offers to start only when an attempt may start, and it scrolls
//! (with its discard question in view) on a small terminal.

use super::{
    Harness, Msg, QuizPhase, assessment, day_and_a_minute_later_clock, day_later_clock,
    plain_run_in, reopen_quiz,
};

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
