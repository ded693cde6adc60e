//! What an answer looked like against the right one: after each question (`feedback =
//! "each"`) or for every question on the results screen (`feedback = "end"`).

use ratatui::text::Line;

use super::super::Theme;
use crate::app::QuizState;
use crate::markdown;
use crate::quiz::{Answer, Question, QuestionKind};
use crate::ui::wrap;

pub(super) fn prompt_lines(question: &Question, width: u16, lines: &mut Vec<Line<'static>>) {
    lines.extend(markdown::render(&question.prompt, width));
    lines.push(Line::default());
}

pub(super) fn checked_lines(
    q: &QuizState,
    correct: bool,
    width: u16,
    theme: Theme,
) -> Vec<Line<'static>> {
    let Some(question) = q.question() else {
        return vec![];
    };
    let mut lines = vec![verdict(correct, theme), Line::default()];
    let given = q.last_answer().map(|a| &a.answer);
    lines.extend(answer_lines(
        question,
        q.items(),
        given,
        correct,
        width,
        theme,
    ));
    lines
}

/// ✓ Right. / ✗ Not quite.
pub(super) fn verdict(correct: bool, theme: Theme) -> Line<'static> {
    if correct {
        Line::styled("✓ Right.", theme.good())
    } else {
        Line::styled("✗ Not quite.", theme.bad())
    }
}

/// The prompt, the answer given against the right one (with the feedback of each chosen
/// choice) and the explanation. `items`: the shown order of the question's items.
pub(super) fn answer_lines(
    question: &Question,
    items: &[usize],
    given: Option<&Answer>,
    correct: bool,
    width: u16,
    theme: Theme,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    prompt_lines(question, width, &mut lines);
    match (&question.kind, given) {
        (QuestionKind::Choice(choices), Some(Answer::Choices(picked))) => {
            for &i in items {
                let c = &choices[i];
                let chosen = picked.contains(&i);
                let mark = match (chosen, c.correct) {
                    (true, true) => "✓ you chose:",
                    (true, false) => "✗ you chose:",
                    (false, true) => "✓ right answer:",
                    (false, false) => "·",
                };
                let style = if c.correct {
                    theme.good()
                } else if chosen {
                    theme.bad()
                } else {
                    theme.muted()
                };
                push_wrapped(&mut lines, &format!("{mark} {}", c.text), width, style, 2);
                if let Some(f) = c.feedback.as_ref().filter(|_| chosen || c.correct) {
                    push_wrapped(
                        &mut lines,
                        &format!("    {f}"),
                        width,
                        ratatui::style::Style::new(),
                        4,
                    );
                }
            }
        }
        (QuestionKind::TrueFalse(right), Some(Answer::Bool(b))) => {
            lines.push(Line::raw(format!(
                "You answered: {}",
                if *b { "True" } else { "False" }
            )));
            lines.push(Line::styled(
                format!("Right answer: {}", if *right { "True" } else { "False" }),
                theme.good(),
            ));
        }
        (QuestionKind::Typed(accept), Some(Answer::Text(t))) => {
            lines.push(Line::raw(format!("You answered: {t}")));
            let right = accept.first().cloned().unwrap_or_default();
            push_wrapped(
                &mut lines,
                &format!("Right answer: {right}"),
                width,
                theme.good(),
                14,
            );
        }
        (QuestionKind::Order(order), Some(Answer::Order(picked))) => {
            if !correct {
                lines.push(Line::raw("Your order:"));
                for (n, &i) in picked.iter().enumerate() {
                    let item = order.get(i).map_or("", String::as_str);
                    push_wrapped(
                        &mut lines,
                        &format!("   {}. {item}", n + 1),
                        width,
                        theme.muted(),
                        6,
                    );
                }
            }
            lines.push(Line::styled("Right order:", theme.good()));
            for (n, item) in order.iter().enumerate() {
                let yours = picked.get(n) == Some(&n);
                let mark = if yours { "✓" } else { "✗" };
                push_wrapped(
                    &mut lines,
                    &format!(" {mark} {}. {item}", n + 1),
                    width,
                    ratatui::style::Style::new(),
                    6,
                );
            }
        }
        _ => {}
    }
    if let Some(expl) = &question.explanation {
        lines.push(Line::default());
        lines.push(Line::styled("Why:", theme.accent()));
        lines.extend(markdown::render(expl, width));
    }
    lines
}

/// Pushes `prefix` then `text` wrapped to `width`, continuation lines indented under the text.
pub(super) fn push_prefixed(
    lines: &mut Vec<Line<'static>>,
    prefix: &str,
    text: &str,
    width: u16,
    style: ratatui::style::Style,
) {
    use unicode_width::UnicodeWidthStr;
    let pw = prefix.width();
    let inner = usize::from(width.max(1)).saturating_sub(pw).max(1);
    for (n, line) in wrap(text, inner, 0).into_iter().enumerate() {
        let lead = if n == 0 {
            prefix.to_string()
        } else {
            " ".repeat(pw)
        };
        let full = super::super::truncate(&format!("{lead}{line}"), usize::from(width.max(1)));
        lines.push(Line::styled(full, style));
    }
}

/// Pushes `text` wrapped to `width`, continuation lines indented by `indent`.
fn push_wrapped(
    lines: &mut Vec<Line<'static>>,
    text: &str,
    width: u16,
    style: ratatui::style::Style,
    indent: usize,
) {
    let width = usize::from(width.max(1));
    let wrapped = wrap(text, width, indent);
    for l in wrapped {
        lines.push(Line::styled(l, style));
    }
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrap_keeps_lead_and_indents() {
        assert_eq!(
            wrap("  2. aa bb cc", 8, 5),
            vec!["  2. aa", "     bb", "     cc"]
        );
        assert_eq!(wrap("x", 1, 4), vec!["x"]);
    }
}
