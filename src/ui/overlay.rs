//! Overlays: help, confirm leaving a quiz, learner picker, notices, a full disk at quit.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Padding, Paragraph, Wrap};

use super::{Theme, centered};
use crate::app::{App, LearnerPicker, Overlay};
use crate::keymap::{self, Place};

/// Width of the help box.
const HELP_WIDTH: u16 = 70;

/// The help overlay's lines for a screen `width` wide: the key column narrows on a small
/// screen so each row's words stay together.
fn help_lines(theme: Theme, width: u16) -> Vec<Line<'static>> {
    let inner = usize::from(HELP_WIDTH.min(width).saturating_sub(2 + 2 * MARGIN));
    let col = inner.saturating_sub(24).clamp(6, 24);
    let mut lines: Vec<Line> = keymap::help_rows()
        .map(|(k, what)| Line::raw(format!("{k:<col$} {what}")))
        .collect();
    lines.push(Line::default());
    for note in keymap::HELP_NOTES {
        lines.push(Line::styled((*note).to_string(), theme.muted()));
    }
    lines
}

/// Columns kept blank inside a box's border on each side, so wrapped lines never touch it.
const MARGIN: u16 = 1;

/// Rows `lines` take wrapped in a box `w` wide on a screen `width` wide.
fn wrapped_rows(lines: &[Line], w: u16, width: u16) -> usize {
    let inner = w.min(width).saturating_sub(2 + 2 * MARGIN).max(1);
    Paragraph::new(lines.to_vec())
        .wrap(Wrap { trim: false })
        .line_count(inner)
}

/// How far the help can scroll on a screen of `size`: it scrolls rather than being cut.
#[must_use]
pub fn help_max_scroll(size: (u16, u16)) -> usize {
    let rows = wrapped_rows(&help_lines(Theme::monochrome(), size.0), HELP_WIDTH, size.0);
    rows.saturating_sub(usize::from(size.1.saturating_sub(2)))
}

pub(super) fn draw(app: &App, overlay: &Overlay, frame: &mut Frame, area: Rect, theme: Theme) {
    let mut scroll = 0;
    let (title, lines, w): (std::borrow::Cow<str>, Vec<Line>, u16) = match overlay {
        Overlay::Search => return super::search::draw(app, frame, area, theme),
        Overlay::Outline(o) => return super::search::draw_outline(o, frame, area, theme),
        Overlay::Help { scroll: s } => {
            scroll = (*s).min(help_max_scroll((area.width, area.height)));
            (" Keys ".into(), help_lines(theme, area.width), HELP_WIDTH)
        }
        Overlay::ConfirmLeave {
            quit,
            subject,
            discarding,
        } => {
            const W: u16 = 52;
            // Each sentence's wrapped lines indented under it (inside the box's margin), so
            // the three stay apart on a narrow screen.
            let text_width = usize::from(W.min(area.width).saturating_sub(4).max(1));
            let margined = |text: &str, style: Style| -> Vec<Line<'static>> {
                super::wrap(text, text_width, 2)
                    .into_iter()
                    .map(|l| Line::styled(l, style))
                    .collect()
            };
            let (title, question, place) = if *discarding {
                (
                    crate::text::quiz::leave_discard_title(*subject),
                    crate::text::quiz::leave_discard_question(*subject).to_vec(),
                    Place::LeaveDiscard,
                )
            } else {
                (
                    crate::text::quiz::leave_title(*subject),
                    crate::text::quiz::leave_question(*quit, *subject).to_vec(),
                    Place::Confirm,
                )
            };
            let mut lines: Vec<Line> = question
                .iter()
                .flat_map(|l| margined(l, Style::new()))
                .collect();
            // The keys wrap between items, never inside one ("n stay" stays together).
            let keys = keymap::footer(place).replace(' ', "\u{a0}");
            let keys: Vec<Line> = margined(&keys.replace("\u{a0}·\u{a0}", " · "), theme.accent())
                .into_iter()
                .map(|l| {
                    let text = l.to_string().replace('\u{a0}', " ");
                    Line::styled(text, l.style)
                })
                .collect();
            // The blank line before the keys goes first when the box would not fit.
            if lines.len() + 1 + keys.len() + 2 <= usize::from(area.height) {
                lines.push(Line::default());
            }
            lines.extend(keys);
            (format!(" {title} ").into(), lines, W)
        }
        Overlay::DiskFull { attempt } => (
            " Not saved ".into(),
            crate::text::disk_full_question(*attempt)
                .iter()
                .map(|l| Line::styled(*l, theme.bad()))
                .collect(),
            60,
        ),
        Overlay::Notice(notice) => (
            " Notice ".into(),
            vec![
                Line::raw(crate::text::notice(notice)),
                Line::default(),
                Line::styled("Any key closes this.", theme.muted()),
            ],
            70,
        ),
        Overlay::Learner(p) => (
            " Switch learner ".into(),
            picker_lines(app, p, area, theme),
            64,
        ),
    };
    // Size the box for the wrapped text; what does not fit scrolls (help) or is windowed
    // (the picker).
    let rows = wrapped_rows(&lines, w, area.width);
    let h = u16::try_from(rows + 2).unwrap_or(u16::MAX);
    let rect = centered(area, w, h);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0))
            .block(
                Block::bordered()
                    .border_type(BorderType::Rounded)
                    .padding(Padding::horizontal(MARGIN))
                    .title(title)
                    .border_style(theme.accent()),
            ),
        rect,
    );
}

/// The picker: a window of names that keeps the selection in view, the 'new learner' field,
/// and the question when a new name is close to a known one.
fn picker_lines(app: &App, p: &LearnerPicker, area: Rect, theme: Theme) -> Vec<Line<'static>> {
    let mut tail = Vec::new();
    let on_field = p.selected >= p.names.len();
    let field = format!(
        "{}New learner: {}{}",
        if on_field { Theme::MARK } else { "  " },
        p.input,
        if on_field { "█" } else { "" }
    );
    tail.push(Line::styled(
        field,
        if on_field {
            theme.selection()
        } else {
            Style::new()
        },
    ));
    if let Some(e) = &p.error {
        tail.push(Line::styled(e.clone(), theme.bad()));
    }
    if let Some(known) = &p.similar {
        tail.push(Line::styled(
            crate::text::similar_learner(p.input.trim(), known),
            theme.warn(),
        ));
    }
    tail.push(Line::default());
    tail.push(Line::styled(keymap::footer(Place::Picker), theme.muted()));
    // Rows left for names inside the border, below the heading and above the field.
    let fixed = wrapped_rows(&tail, 64, area.width) + 1 + 2;
    let room = usize::from(area.height).saturating_sub(fixed).max(1);
    let first = (p.selected.min(p.names.len().saturating_sub(1)) + 1).saturating_sub(room);
    let mut lines = vec![Line::styled("Who is training? ", theme.muted())];
    for (i, name) in p.names.iter().enumerate().skip(first).take(room) {
        let style = if i == p.selected {
            theme.selection()
        } else {
            Style::new()
        };
        let mark = if i == p.selected { Theme::MARK } else { "  " };
        let current = if crate::progress::store::same_learner(name, &app.learner) {
            " (current)"
        } else {
            ""
        };
        lines.push(Line::styled(format!("{mark}{name}{current}"), style));
    }
    lines.extend(tail);
    lines
}
