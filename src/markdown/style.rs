//! The renderer's styles, in one place.
//!
//! Only the sixteen ANSI colours are used, so the terminal's own theme decides the exact shade
//! (they stay readable on dark and light backgrounds). Every element that matters also differs
//! by modifier, so it still reads when colours are stripped for `NO_COLOR`.

use ratatui::style::{Color, Modifier, Style};

/// Secondary text: link URLs, rules, quote bars, table separators, clip marks.
pub(crate) const MUTED: Style = Style::new().fg(Color::DarkGray);
/// `inline code` and code blocks.
pub(crate) const CODE: Style = Style::new().fg(Color::Yellow);
/// Link text.
pub(crate) const LINK: Style = Style::new()
    .fg(Color::Blue)
    .add_modifier(Modifier::UNDERLINED);
/// Footnote references such as `[1]` and footnote numbers.
pub(crate) const FOOTNOTE: Style = Style::new().fg(Color::Blue);
/// `[image: alt]`.
pub(crate) const IMAGE: Style = Style::new()
    .fg(Color::DarkGray)
    .add_modifier(Modifier::ITALIC);
/// Table header cells and the labels of a table laid out as records.
pub(crate) const TABLE_HEAD: Style = Style::new().add_modifier(Modifier::BOLD);
/// A checked task box.
pub(crate) const TASK_DONE: Style = Style::new().fg(Color::Green);
/// An open task box.
pub(crate) const TASK_OPEN: Style = Style::new();

/// Emphasis.
pub(crate) const EMPHASIS: Style = Style::new().add_modifier(Modifier::ITALIC);
/// Strong emphasis.
pub(crate) const STRONG: Style = Style::new().add_modifier(Modifier::BOLD);
/// Strikethrough.
pub(crate) const STRIKE: Style = Style::new().add_modifier(Modifier::CROSSED_OUT);

/// Heading style by level (1 to 6).
pub(crate) fn heading(level: u8) -> Style {
    match level {
        1 => Style::new()
            .fg(Color::Cyan)
            .add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED)),
        2 => Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        3 => Style::new().add_modifier(Modifier::BOLD),
        4 => Style::new().add_modifier(Modifier::BOLD.union(Modifier::ITALIC)),
        5 => Style::new().add_modifier(Modifier::ITALIC),
        _ => Style::new().add_modifier(Modifier::DIM.union(Modifier::ITALIC)),
    }
}
