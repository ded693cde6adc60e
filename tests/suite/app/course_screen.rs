//! The course screen: every lesson's status, and the selected one's whole status (attempts
//! left, when a retake opens) never cut, at 80x24 and 40x10.

use super::{Harness, Msg, QuizPhase, Screen, assessment, plain_run_in};

/// The assessment taken and failed once, back on the course screen.
fn failed_once() -> Harness {
    let mut h = assessment();
    h.send(&[Msg::Enter]);
    for _ in 0..4 {
        h.give(false);
    }
    assert!(matches!(h.quiz().phase, QuizPhase::Results(_)));
    h.send(&[Msg::Back]);
    assert!(matches!(h.app.screen, Screen::Course(_)));
    h
}

#[test]
fn attempts_left_and_the_retake_time_show_for_the_selected_lesson_on_small_screens() {
    let h = failed_once();
    let wide = h.screen_text(80, 24);
    assert!(wide.contains("1 attempt left"), "{wide}");
    assert!(wide.contains("retake from 2026-11-25 10:00"), "{wide}");
    snapshot!("course_attempt_rules_80x24", wide);
    let small = h.screen_text(40, 10);
    assert!(small.contains("1 attempt left"), "{small}");
    assert!(small.contains("retake from 2026-11-25 10:00"), "{small}");
    snapshot!("course_attempt_rules_40x10", small);
    // The screen-reader mode says the same facts.
    let (out, _, _) = plain_run_in(failed_once(), "");
    assert!(
        out.contains("not passed yet, 1 attempt left, retake from 2026-11-25 10:00"),
        "{out}"
    );
}
