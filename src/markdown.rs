//! Markdown to terminal lines: a pure renderer with no terminal in it.
//!
//! Lessons are `CommonMark` with GFM tables, strikethrough, task lists and footnotes. A page is
//! parsed into a small block tree (`parse`), then laid out at a width (`layout`) with one
//! word-wrapping routine that measures display width (`wrap`). All course text is cleaned of
//! control characters and escape sequences (`crate::sanitize`) before it reaches a span.

use std::ops::Range;

use pulldown_cmark::{Event, Parser};
use ratatui::text::Line;

mod layout;
mod parse;
mod reading;
mod style;
mod text;
mod tree;
mod wrap;

#[cfg(test)]
mod tests;

/// The parser options lessons are read with (tables, footnotes, ...), for other readers of
/// lesson text such as the search index.
#[must_use]
pub fn parser_options() -> pulldown_cmark::Options {
    parse::options()
}

/// Byte ranges of each page of a lesson: pages end at a thematic break (`---`).
///
/// Only a top-level break ends a page: `---` in a code block, under a paragraph line (a setext
/// heading) or inside a quote or list does not. Pages holding only whitespace are dropped, and
/// there is always at least one page (`0..0` for a lesson with no content).
#[must_use]
pub fn split_pages(src: &str) -> Vec<Range<usize>> {
    let mut pages = Vec::new();
    let mut start = 0;
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(src, parse::options()).into_offset_iter() {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Rule if depth == 0 => {
                pages.push(start..range.start);
                start = range.end;
            }
            _ => {}
        }
    }
    pages.push(start..src.len());
    pages.retain(|r| src.get(r.clone()).is_some_and(|s| !s.trim().is_empty()));
    if pages.is_empty() {
        pages.push(0..0);
    }
    pages
}

/// Renders Markdown to styled lines wrapped to `width` display columns.
///
/// No line is wider than `width` (a width of 0 is taken as 1). Paragraphs wrap at spaces and
/// around wide characters; code blocks are cut at the edge with a `…`.
#[must_use]
pub fn render(src: &str, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width.max(1));
    let src = crate::sanitize::clean(src, crate::sanitize::Mode::Layout);
    let doc = parse::parse(&src);
    let mut lines = layout::layout(&doc, width);
    // The layout keeps to the width by construction; this only guards against a bug there
    // ever reaching the screen as a wrapped or garbled line.
    for line in &mut lines {
        if line.width() > width {
            clip_line(line, width);
        }
    }
    lines
}

/// Renders Markdown for reading aloud, as the screen-reader front end prints it: tables as
/// `column: value` lines row by row, no quote bars or rules; wrapped at `width`.
#[must_use]
pub fn render_for_reading(src: &str, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width.max(1));
    let src = crate::sanitize::clean(src, crate::sanitize::Mode::Layout);
    let mut doc = parse::parse(&src);
    reading::for_reading(&mut doc);
    layout::layout(&doc, width)
}

fn clip_line(line: &mut Line<'static>, width: usize) {
    let mut used = 0;
    let mut spans = Vec::with_capacity(line.spans.len());
    for span in line.spans.drain(..) {
        let w = span.width();
        if used + w <= width {
            used += w;
            spans.push(span);
            continue;
        }
        spans.extend(wrap::clip(&span.content, width - used, span.style));
        break;
    }
    line.spans = spans;
}

/// The lines as plain text, one line per row, without trailing spaces.
#[must_use]
pub fn to_plain(lines: &[Line<'_>]) -> String {
    let mut out = String::new();
    for line in lines {
        let start = out.len();
        for span in &line.spans {
            out.push_str(&span.content);
        }
        let end = start + out[start..].trim_end().len();
        out.truncate(end);
        out.push('\n');
    }
    out
}

/// Markdown rendered as plain text wrapped to `width` less `indent`, each line indented by
/// `indent` spaces (blank lines stay empty): for the author's text views in `preview`.
pub fn push_plain_indented(out: &mut String, text: &str, width: u16, indent: usize) {
    let inner = width
        .saturating_sub(u16::try_from(indent).unwrap_or(u16::MAX))
        .max(10);
    for line in to_plain(&render(text, inner)).lines() {
        if !line.trim().is_empty() {
            out.push_str(&" ".repeat(indent));
            out.push_str(line.trim_end());
        }
        out.push('\n');
    }
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
