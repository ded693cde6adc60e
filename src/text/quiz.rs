//! Words of the quiz screens that both front ends say: how feedback works, the review,
//! attempts left, an attempt in progress, and the leave dialog.

/// The start screen's lines on when answers are marked.
#[must_use]
pub fn how_feedback(at_end: bool) -> [&'static str; 2] {
    if at_end {
        [
            "Each question is worth one point. This is an assessment: you see",
            "which answers were right, and why, only after the last question.",
        ]
    } else {
        [
            "Each question is worth one point. After each answer you see",
            "whether it was right, why, and what to remember.",
        ]
    }
}

/// The heading of one question in the results review.
#[must_use]
pub fn review_heading(n: usize, total: usize, correct: bool) -> String {
    let verdict = if correct { "right" } else { "not quite" };
    format!("Question {n} of {total}: {verdict}")
}
