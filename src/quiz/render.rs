//! A quiz as plain text for authors and reviewers (`rollcall preview` shows a lesson's
//! knowledge checks this way): every question with its right answer, feedback and explanation.

use std::fmt::Write as _;

use super::{Feedback, QuestionKind, Quiz};
use crate::markdown::push_plain_indented;
use crate::sanitize;

/// The whole quiz as text, Markdown wrapped at `width`; nothing in it can drive a terminal.
pub fn to_text(quiz: &Quiz, width: u16) -> String {
    let mut out = String::new();
    let when = match quiz.feedback {
        Feedback::Each => "feedback after each question",
        Feedback::End => "feedback after the last question",
    };
    let _ = writeln!(
        out,
        "{} ({} questions; {when})",
        sanitize::line(&quiz.title),
        quiz.questions.len()
    );
    for (n, q) in quiz.questions.iter().enumerate() {
        out.push('\n');
        let _ = writeln!(
            out,
            "{}. [{}, {}]",
            n + 1,
            sanitize::line(&q.id),
            q.kind.form_name()
        );
        push_plain_indented(&mut out, &q.prompt, width, 3);
        match &q.kind {
            QuestionKind::Choice(choices) => {
                // Numbered as the player numbers them (the file's order; the player may
                // shuffle them).
                for (i, c) in choices.iter().enumerate() {
                    let mark = if c.correct { "  (right)" } else { "" };
                    let _ = writeln!(out, "   {}. {}{mark}", i + 1, sanitize::line(&c.text));
                    if let Some(f) = &c.feedback {
                        push_plain_indented(&mut out, f, width, 6);
                    }
                }
            }
            QuestionKind::TrueFalse(answer) => {
                let _ = writeln!(out, "   Answer: {answer}");
            }
            QuestionKind::Typed(accept) => {
                let accept: Vec<_> = accept.iter().map(|a| sanitize::line(a)).collect();
                let _ = writeln!(out, "   Accepted: {}", accept.join(" | "));
            }
            QuestionKind::Order(items) => {
                let _ = writeln!(out, "   Right order:");
                for (i, item) in items.iter().enumerate() {
                    let _ = writeln!(out, "   {}. {}", i + 1, sanitize::line(item));
                }
            }
        }
        if let Some(e) = &q.explanation {
            let _ = writeln!(out, "   Explanation:");
            push_plain_indented(&mut out, e, width, 6);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::parse_quiz;

    #[test]
    fn every_question_shows_its_answer_feedback_and_explanation() {
        let quiz = parse_quiz(
            std::path::Path::new("check.quiz.toml"),
            r#"title = "Knowledge check: \u001b[31mred"
[[questions]]
id = "first"
prompt = "Which comes first?"
explanation = "Distance first."
[[questions.choices]]
text = "Step back"
correct = true
feedback = "Distance buys time."
[[questions.choices]]
text = "Step in"
feedback = "No time left."
[[questions]]
id = "second"
prompt = "A check is scored."
answer = false
"#,
        )
        .unwrap();
        let text = to_text(&quiz, 60);
        assert!(!text.contains('\u{1b}'), "{text}");
        for want in [
            "(2 questions; feedback after each question)",
            "1. [first, pick-one]",
            "   1. Step back  (right)",
            "      Distance buys time.",
            "   2. Step in\n      No time left.",
            "   Explanation:\n      Distance first.",
            "2. [second, true-false]",
            "   Answer: false",
        ] {
            assert!(text.contains(want), "{want:?} missing from:\n{text}");
        }
    }
}
