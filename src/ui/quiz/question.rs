//! A question being answered. Its text has an area of its own above the choices, at most
//! about half the height when both do not fit, with its own scroll (`QuizState.prompt_scroll`)
//! and a cue in words when there is more; the choices scroll below it to keep the selection
//! in view. So on a small screen the question's opening lines can always be brought back
//! while the choices stay usable (issue 16 defect 6).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::super::Theme;
use super::review::push_prefixed;
use crate::app::{App, Ctx, QuizPhase, QuizState, Screen};
use crate::keymap::{Cmd, label};
use crate::markdown;
use crate::quiz::QuestionKind;

/// How a question's rows are shared between its text and its choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    /// Rows for the text, with the cue row (or the blank row before the choices).
    pub prompt_rows: usize,
    /// Lines of the text shown at once.
    pub text_rows: usize,
    /// Lines of the text in all.
    pub text_lines: usize,
    /// The text is longer than its rows: it scrolls, and a cue says so.
    pub overflows: bool,
    /// Largest scroll offset of the text.
    pub max_scroll: usize,
}

/// Shares `height` rows between a text of `text` lines and `rest` lines of choices.
#[must_use]
pub fn split(height: usize, text: usize, rest: usize) -> Split {
    // The text with a blank row under it, before the choices.
    let need = text + 1;
    let whole = Split {
        prompt_rows: need.min(height),
        text_rows: text.min(height),
        text_lines: text,
        overflows: false,
        max_scroll: 0,
    };
    if need + rest <= height {
        return whole;
    }
    // Up to half the rows (more when the choices need fewer): the choices stay usable.
    let rows = height
        .div_ceil(2)
        .max(height.saturating_sub(rest))
        .min(need);
    if rows >= need {
        return whole;
    }
    // The text scrolls; one row of its share is the cue (when there are two to share).
    let text_rows = if rows >= 2 { rows - 1 } else { rows };
    Split {
        prompt_rows: rows,
        text_rows,
        text_lines: text,
        overflows: text > text_rows,
        max_scroll: text.saturating_sub(text_rows),
    }
}

/// The question's text, and the choices and input below it, as drawn at `width`.
struct Parts {
    /// The rendered question text, without trailing blank lines.
    text: Vec<Line<'static>>,
    /// The choices or input, and any hint.
    rest: Vec<Line<'static>>,
    /// First and last line of `rest` to keep in view (the selected choice, or the hint).
    focus: (usize, usize),
}

fn parts(q: &QuizState, width: u16, theme: Theme) -> Parts {
    let Some(question) = q.question() else {
        return Parts {
            text: vec![],
            rest: vec![],
            focus: (0, 0),
        };
    };
    let mut text = markdown::render(&question.prompt, width);
    while text.last().is_some_and(|l| l.width() == 0) {
        text.pop();
    }
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut focus = (0, 0);
    let items = q.items();
    let cursor_on =
        |row: usize| row == q.input.cursor && (q.input.chosen || question.kind.is_multi());
    let row_style = |row: usize| {
        if cursor_on(row) {
            theme.selected()
        } else {
            ratatui::style::Style::new()
        }
    };
    match &question.kind {
        QuestionKind::Choice(choices) => {
            let multi = question.kind.is_multi();
            if multi {
                lines.push(Line::styled("Select all that apply.", theme.muted()));
            }
            for (row, &i) in items.iter().enumerate() {
                let first = lines.len();
                let pointer = if cursor_on(row) { "▸ " } else { "  " };
                let mark = match (multi, q.input.toggled.get(row).copied().unwrap_or(false)) {
                    (true, true) => format!("{pointer}[x] "),
                    (true, false) => format!("{pointer}[ ] "),
                    (false, _) => pointer.to_string(),
                };
                let prefix = format!("{mark}{}. ", row + 1);
                push_prefixed(&mut lines, &prefix, &choices[i].text, width, row_style(row));
                if row == q.input.cursor {
                    focus = (first, lines.len().saturating_sub(1));
                }
            }
        }
        QuestionKind::TrueFalse(_) => {
            for (row, label) in ["True", "False"].iter().enumerate() {
                if row == q.input.cursor {
                    focus = (lines.len(), lines.len());
                }
                let mark = if cursor_on(row) { "▸ " } else { "  " };
                lines.push(Line::styled(
                    format!("{mark}{}. {label}", row + 1),
                    row_style(row),
                ));
            }
        }
        QuestionKind::Typed(_) => {
            lines.push(Line::styled("Type your answer:", theme.muted()));
            let text = &q.input.text;
            let at = q.input.text_cursor;
            let before: String = text.chars().take(at).collect();
            let cursor: String = text
                .chars()
                .nth(at)
                .map_or_else(|| " ".to_string(), |c| c.to_string());
            let after: String = text.chars().skip(at + 1).collect();
            focus = (lines.len(), lines.len());
            lines.push(Line::from(vec![
                Span::raw("> "),
                Span::raw(before),
                Span::styled(cursor, theme.selected()),
                Span::raw(after),
            ]));
        }
        QuestionKind::Order(order) => {
            lines.push(Line::styled(
                "Pick the items in the order they belong.",
                theme.muted(),
            ));
            for (row, &i) in items.iter().enumerate() {
                let first = lines.len();
                let picked = q.input.picked.iter().position(|&p| p == row);
                let pointer = if picked.is_none() && row == q.input.cursor {
                    "▸"
                } else {
                    " "
                };
                let mark = picked.map_or_else(
                    || format!("{pointer}    "),
                    |n| format!("{pointer}({}) ", n + 1),
                );
                let style = if picked.is_some() {
                    theme.muted()
                } else {
                    row_style(row)
                };
                let prefix = format!("{mark}{}. ", row + 1);
                push_prefixed(&mut lines, &prefix, &order[i], width, style);
                if row == q.input.cursor {
                    focus = (first, lines.len().saturating_sub(1));
                }
            }
            if !q.input.picked.is_empty() {
                lines.push(Line::default());
                lines.push(Line::styled("Your order:", theme.muted()));
                for (n, &row) in q.input.picked.iter().enumerate() {
                    let text = items.get(row).map_or("", |&i| order[i].as_str());
                    lines.push(Line::raw(format!("  {}. {text}", n + 1)));
                }
            }
        }
    }
    if let Some(hint) = &q.input.hint {
        lines.push(Line::default());
        lines.push(Line::styled(crate::text::hint(*hint), theme.warn()));
        // The hint answers the key just pressed: show it, with the selection if both fit.
        focus.1 = lines.len() - 1;
    }
    Parts {
        text,
        rest: lines,
        focus,
    }
}

/// The split of the current question in `ctx`'s size (the rows the quiz screen gives it).
#[must_use]
pub fn question_split(q: &QuizState, ctx: &Ctx) -> Split {
    let p = parts(q, ctx.text_width(), Theme::monochrome());
    split(
        ctx.rows_below(crate::app::screens::quiz::RESERVED_ROWS),
        p.text.len(),
        p.rest.len(),
    )
}

/// Whether a question is on screen whose text is longer than its area (the footer then
/// names the keys that scroll it).
#[must_use]
pub fn question_overflows(app: &App) -> bool {
    match &app.screen {
        Screen::Quiz(q) if q.phase == QuizPhase::Asking => question_split(q, &app.ctx()).overflows,
        _ => false,
    }
}

/// The first line of `rest` to show in `rows` so that the focus is in view: its end if
/// possible, its start always.
fn choices_top(focus: (usize, usize), total: usize, rows: usize) -> usize {
    let (start, end) = focus;
    (end + 1)
        .saturating_sub(rows)
        .min(start)
        .min(total.saturating_sub(rows))
}

/// Draws the question in `area` (`body`: the screen's body, for the scroll bar;
/// `assumed_max`: the text's last scroll as update computed it, for a one-row status line).
pub(super) fn draw(
    q: &QuizState,
    frame: &mut Frame,
    (area, body): (Rect, Rect),
    width: u16,
    assumed_max: usize,
    theme: Theme,
) {
    let p = parts(q, width, theme);
    let height = usize::from(area.height);
    let s = split(height, p.text.len(), p.rest.len());
    // The view never changes state: a scroll left from a taller screen is clamped here. When
    // a long notice takes rows (a save failing with its reason), a text scrolled to its end
    // stays at its end, as the lesson reader's does: its last lines are never out of reach.
    let top = if q.prompt_scroll > 0 && q.prompt_scroll >= assumed_max {
        s.max_scroll
    } else {
        q.prompt_scroll.min(s.max_scroll)
    };
    let mut lines: Vec<Line> = p.text.into_iter().skip(top).take(s.text_rows).collect();
    if s.overflows && s.prompt_rows > s.text_rows {
        let last = top + s.text_rows;
        let up = (top > 0).then(|| label(Cmd::QuestionUp));
        let down = (last < s.text_lines).then(|| label(Cmd::QuestionDown));
        let cue = crate::text::quiz::question_more(top + 1, last, s.text_lines, up, down);
        lines.push(Line::styled(
            super::super::truncate(&cue, usize::from(width)),
            theme.muted(),
        ));
    }
    let prompt_rows = u16::try_from(s.prompt_rows).unwrap_or(area.height);
    frame.render_widget(
        Paragraph::new(lines),
        Rect {
            height: prompt_rows.min(area.height),
            ..area
        },
    );
    let rest_area = Rect {
        y: area.y + prompt_rows.min(area.height),
        height: area.height.saturating_sub(prompt_rows),
        ..area
    };
    let rows = usize::from(rest_area.height);
    let total = p.rest.len();
    let first = choices_top(p.focus, total, rows);
    let shown: Vec<Line> = p.rest.into_iter().skip(first).take(rows).collect();
    frame.render_widget(Paragraph::new(shown), rest_area);
    // Say when there are more choices than fit, as the lesson reader does.
    if total > rows && rows > 0 {
        let bar = Rect {
            x: body.x,
            width: body.width,
            ..rest_area
        };
        let mut state = ScrollbarState::new(total.saturating_sub(rows)).position(first);
        // Under three rows the arrows would leave no track: the track alone says it.
        let arrows = rows >= 3;
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(arrows.then_some("↑"))
                .end_symbol(arrows.then_some("↓")),
            bar,
            &mut state,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everything_fits_no_scroll() {
        let s = split(10, 3, 4);
        assert_eq!((s.prompt_rows, s.text_rows, s.overflows), (4, 3, false));
    }

    #[test]
    fn a_long_text_gets_about_half_with_a_cue_row() {
        let s = split(5, 9, 8);
        assert_eq!((s.prompt_rows, s.text_rows), (3, 2));
        assert!(s.overflows);
        assert_eq!(s.max_scroll, 7);
    }

    #[test]
    fn a_short_text_is_whole_while_the_choices_scroll() {
        let s = split(5, 1, 8);
        assert_eq!((s.prompt_rows, s.text_rows, s.overflows), (2, 1, false));
    }

    #[test]
    fn few_choices_leave_the_text_more_rows() {
        let s = split(10, 20, 2);
        assert_eq!((s.prompt_rows, s.text_rows), (8, 7));
    }

    #[test]
    fn tiny_heights_never_underflow() {
        for h in 0..4 {
            for t in 0..4 {
                for r in 0..4 {
                    let s = split(h, t, r);
                    assert!(s.prompt_rows <= h.max(t + 1));
                    assert!(s.text_rows <= t);
                }
            }
        }
    }

    #[test]
    fn the_focus_stays_in_view() {
        assert_eq!(choices_top((6, 7), 8, 2), 6);
        assert_eq!(choices_top((0, 1), 8, 2), 0);
        // A choice taller than the rows: its start wins.
        assert_eq!(choices_top((2, 6), 8, 2), 2);
    }
}
