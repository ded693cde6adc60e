//! Overlays: help, confirm leaving a quiz, learner picker, notices.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

use super::{Theme, centered};
use crate::app::{App, Overlay};
use crate::keymap::{self, Place};

pub(super) fn draw(app: &App, overlay: &Overlay, frame: &mut Frame, area: Rect, theme: Theme) {
    let (title, lines, w): (&str, Vec<Line>, u16) = match overlay {
        Overlay::Help => {
            let mut lines: Vec<Line> = keymap::help_rows()
                .map(|(k, what)| Line::raw(format!(" {k:<26} {what}")))
                .collect();
            lines.push(Line::default());
            for note in keymap::HELP_NOTES {
                lines.push(Line::styled(format!(" {note}"), theme.muted()));
            }
            (" Keys ", lines, 70)
        }
        Overlay::ConfirmLeave { quit } => (
            " Leave the quiz? ",
            vec![
                Line::raw(if *quit {
                    " Quit rollcall in the middle of this attempt?"
                } else {
                    " Leave this attempt?"
                }),
                Line::raw(" Nothing from this attempt will be recorded."),
                Line::default(),
                Line::styled(
                    format!(" {}", keymap::footer(Place::Confirm)),
                    theme.accent(),
                ),
            ],
            52,
        ),
        Overlay::Notice(notice) => (
            " Notice ",
            vec![
                Line::raw(crate::text::notice(notice)),
                Line::default(),
                Line::styled(" Any key closes this.", theme.muted()),
            ],
            70,
        ),
        Overlay::Learner(p) => {
            let mut lines = vec![Line::styled(" Who is training? ", theme.muted())];
            for (i, name) in p.names.iter().enumerate() {
                let style = if i == p.selected {
                    theme.selected()
                } else {
                    ratatui::style::Style::new()
                };
                let current = if *name == app.learner {
                    " (current)"
                } else {
                    ""
                };
                let mark = if i == p.selected { Theme::MARK } else { "  " };
                lines.push(Line::styled(format!(" {mark}{name}{current}"), style));
            }
            let on_field = p.selected >= p.names.len();
            let field = format!(
                " {}New learner: {}{}",
                if on_field { Theme::MARK } else { "  " },
                p.input,
                if on_field { "█" } else { "" }
            );
            lines.push(Line::styled(
                field,
                if on_field {
                    theme.selected()
                } else {
                    ratatui::style::Style::new()
                },
            ));
            if let Some(e) = &p.error {
                lines.push(Line::styled(format!(" {e}"), theme.bad()));
            }
            lines.push(Line::default());
            lines.push(Line::styled(
                format!(" {}", keymap::footer(Place::Picker)),
                theme.muted(),
            ));
            (" Switch learner ", lines, 64)
        }
    };
    // Size the box for the wrapped text so the last line ('any key closes') always shows.
    let inner = usize::from(w.min(area.width).saturating_sub(2)).max(1);
    let rows: usize = lines.iter().map(|l| l.width().div_ceil(inner).max(1)).sum();
    let h = u16::try_from(rows + 2).unwrap_or(u16::MAX);
    let rect = centered(area, w, h);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::bordered()
                .border_type(BorderType::Rounded)
                .title(title)
                .border_style(theme.accent()),
        ),
        rect,
    );
}
