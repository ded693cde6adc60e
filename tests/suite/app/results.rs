//! The results screen's footer offers `r retake` only when the attempt rules allow one now.

use super::{Harness, QuizPhase, assessment};
use rollcall::app::Msg;

/// The footer: the screen's last row.
fn footer(h: &Harness) -> String {
    let text = h.screen_text(100, 24);
    text.lines().last().unwrap_or_default().to_string()
}

#[test]
fn the_results_footer_offers_a_retake_only_when_one_may_start_now() {
    // retake_after = "24h": no retake now, and the footer says nothing of r.
    let mut h = assessment();
    h.send(&[Msg::Enter]);
    for _ in 0..4 {
        h.give(true);
    }
    assert!(matches!(h.quiz().phase, QuizPhase::Results(_)));
    let closed = footer(&h);
    assert!(!closed.contains("retake"), "{closed}");
    assert!(closed.contains("Esc back"), "{closed}");
    // A quiz without attempt rules: r retakes.
    let mut h = Harness::new();
    h.open_first_lesson();
    h.take_quiz(&[true; 5]);
    assert!(matches!(h.quiz().phase, QuizPhase::Results(_)));
    let open = footer(&h);
    assert!(open.contains("r retake"), "{open}");
}
