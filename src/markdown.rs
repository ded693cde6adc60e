//! Markdown to terminal lines: a pure renderer with no terminal in it.
//!
//! (Placeholder implementation: the real renderer replaces the bodies, keeping the API.)

use std::ops::Range;

use ratatui::text::Line;

/// Byte ranges of each page of a lesson: pages end at a thematic break (`---`).
pub fn split_pages(src: &str) -> Vec<Range<usize>> {
    std::iter::once(0..src.len()).collect()
}

/// Renders Markdown to styled lines wrapped to `width` display columns.
pub fn render(src: &str, width: u16) -> Vec<Line<'static>> {
    let _ = width;
    src.lines().map(|l| Line::raw(l.to_string())).collect()
}

/// The lines as plain text, one line per row, without trailing spaces.
pub fn to_plain(lines: &[Line<'_>]) -> String {
    let mut out = String::new();
    for line in lines {
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        out.push_str(text.trim_end());
        out.push('\n');
    }
    out
}

/// Removes colours from every style, keeping bold, italic and the like (for `NO_COLOR`).
pub fn strip_colors(lines: &mut [Line<'static>]) {
    for line in lines {
        line.style.fg = None;
        line.style.bg = None;
        for span in &mut line.spans {
            span.style.fg = None;
            span.style.bg = None;
        }
    }
}
