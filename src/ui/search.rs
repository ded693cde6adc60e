//! The search box with its matches, the outline, and the highlight of a match in the reader.
//!
//! A match is shown in the theme's highlight, always bold and underlined too: never by colour
//! alone, so it reads in every theme, without colour and on a monochrome screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Padding, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::{Theme, centered, truncate};
use crate::app::search::{IndexState, MAX_HITS, Outline};
use crate::app::{App, LessonState};
use crate::keymap::{self, Place};
use crate::text::find;

/// What marks a matched word in every theme, whatever its colours.
pub const FOUND: Modifier = Modifier::BOLD.union(Modifier::UNDERLINED);

/// How a matched word is drawn in `theme`.
#[must_use]
pub fn found(theme: Theme) -> Style {
    theme.highlight().add_modifier(FOUND)
}

/// The selected row's mark, so selection is not shown by colour alone.
const MARK: &str = "▶ ";

/// Text from course files, made safe for the terminal.
fn safe(s: &str) -> String {
    crate::sanitize::line(s).into_owned()
}

/// A bordered box over most of the screen; returns its inner area.
fn frame_box(frame: &mut Frame, area: Rect, title: &str, theme: Theme) -> Rect {
    let rect = centered(
        area,
        area.width.saturating_sub(4).min(100),
        area.height.saturating_sub(2),
    );
    frame.render_widget(Clear, rect);
    // A column blank inside the border each side, as the other boxes keep (ui/overlay.rs).
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .padding(Padding::horizontal(1))
        .title(title.to_string())
        .border_style(theme.accent());
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}

/// The first row of a list of `rows` rows, `each` high, so `selected` shows in `height`.
fn window(selected: usize, rows: usize, each: usize, height: usize) -> (usize, usize) {
    let fit = (height / each.max(1)).max(1);
    let first = selected
        .saturating_sub(fit - 1)
        .min(rows.saturating_sub(fit));
    (first, fit)
}

/// Draws the search box: the query, how many matches, the matches, the keys.
pub(super) fn draw(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    let inner = frame_box(frame, area, find::TITLE, theme);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let s = &app.search;
    let width = usize::from(inner.width);
    // The last search, offered as one block that typing replaces: shown reversed, and said.
    let query_style = if s.replace_on_type {
        Style::new().add_modifier(Modifier::REVERSED)
    } else {
        Style::new()
    };
    let mut lines = vec![Line::from(vec![
        Span::styled(find::PROMPT, theme.accent()),
        Span::styled(safe(&s.query), query_style),
        Span::raw("█"),
    ])];
    let mut status = match &s.index {
        IndexState::Absent | IndexState::Building => find::INDEXING.to_string(),
        IndexState::Ready(_) if s.query.trim().is_empty() => find::EMPTY.to_string(),
        IndexState::Ready(_) => find::count(s.hits.len(), s.hits.len() >= MAX_HITS),
    };
    if s.replace_on_type {
        status.push_str(find::LAST_SEARCH);
    }
    lines.push(Line::styled(truncate(&status, width), theme.muted()));
    // Rows for matches: all but the query, the count and the footer.
    let rows = usize::from(inner.height).saturating_sub(3);
    let (first, fit) = window(s.selected, s.hits.len(), 2, rows);
    for (i, hit) in s.hits.iter().enumerate().skip(first).take(fit) {
        let Some(e) = s.entry(hit) else { continue };
        let course = app
            .course(e.course)
            .map_or(String::new(), |c| safe(&c.title));
        let place = find::place(
            &course,
            &safe(&app.lesson_title(e.course, e.lesson)),
            e.page,
        );
        let (mark, style) = if i == s.selected {
            (MARK, theme.selected())
        } else {
            ("  ", Style::new())
        };
        lines.push(Line::styled(
            truncate(&format!("{mark}{place}"), width),
            style.add_modifier(Modifier::BOLD),
        ));
        let mut spans = vec![Span::raw("    ")];
        spans.extend(snippet(
            &e.text,
            &hit.ranges,
            width.saturating_sub(4),
            found(theme),
        ));
        lines.push(Line::from(spans));
    }
    draw_lines_and_footer(frame, inner, lines, Place::Search, theme);
}

/// A window of `text` at most `width` cells wide around its first match, the matched
/// `ranges` (byte ranges) drawn in `mark`.
#[must_use]
pub fn snippet(
    text: &str,
    ranges: &[std::ops::Range<usize>],
    width: usize,
    mark: Style,
) -> Vec<Span<'static>> {
    if width == 0 {
        return vec![];
    }
    let first = ranges.first().map_or(0, |r| r.start);
    // Start far enough left that some context shows before the match.
    let mut start = first;
    let mut before = 0;
    for (i, ch) in text[..first.min(text.len())].char_indices().rev() {
        before += UnicodeWidthStr::width(ch.encode_utf8(&mut [0; 4]) as &str);
        if before > width / 3 {
            break;
        }
        start = i;
    }
    // Begin at a word, and never cut off a lone letter or two of the line's start.
    if start > 0 {
        if text[..start].width() <= 2 {
            start = 0;
        } else if let Some(sp) = text[start..first].find(' ') {
            start += sp + 1;
        }
    }
    let mut spans = Vec::new();
    let mut left = width;
    if start > 0 {
        spans.push(Span::raw("…"));
        left -= 1;
    }
    // Pieces from `start`: plain text between matches, and the matches.
    let mut pieces: Vec<(usize, usize, bool)> = Vec::new();
    let mut at = start;
    for r in ranges
        .iter()
        .filter(|r| r.end > start && r.end <= text.len())
    {
        let from = r.start.max(start);
        if from > at {
            pieces.push((at, from, false));
        }
        pieces.push((from, r.end, true));
        at = r.end;
    }
    if at < text.len() {
        pieces.push((at, text.len(), false));
    }
    for (from, to, found) in pieces {
        let piece = &text[from..to];
        let w = piece.width();
        let style = if found { mark } else { Style::new() };
        if w < left || (w == left && to == text.len()) {
            spans.push(Span::styled(piece.to_string(), style));
            left -= w;
        } else {
            spans.push(Span::styled(truncate(piece, left), style));
            break;
        }
    }
    spans
}

/// The reader's visible lines with the open match's words marked, when this page holds it.
#[must_use]
pub fn highlight_page(
    app: &App,
    state: &LessonState,
    lines: Vec<Line<'static>>,
    theme: Theme,
) -> Vec<Line<'static>> {
    let Some((e, words)) = app.search.open_match() else {
        return lines;
    };
    if (e.course, e.lesson, e.page) != (state.course, state.lesson, state.page + 1) {
        return lines;
    }
    lines
        .into_iter()
        .map(|l| highlight(&l, &words, found(theme)))
        .collect()
}

/// `line` with every whole-word, case-insensitive occurrence of `words` drawn in `mark`
/// (over the text's own style).
#[must_use]
pub fn highlight(line: &Line<'static>, words: &[String], mark: Style) -> Line<'static> {
    let chars: Vec<(char, Style)> = line
        .spans
        .iter()
        .flat_map(|s| s.content.chars().map(move |c| (c, s.style)))
        .collect();
    let lower: Vec<char> = chars
        .iter()
        .map(|(c, _)| c.to_lowercase().next().unwrap_or(*c))
        .collect();
    let mut marked = vec![false; chars.len()];
    for word in words {
        let w: Vec<char> = word.chars().collect();
        if w.is_empty() || w.len() > lower.len() {
            continue;
        }
        for i in 0..=lower.len() - w.len() {
            let edge_before = i == 0 || !lower[i - 1].is_alphanumeric();
            let edge_after = lower.get(i + w.len()).is_none_or(|c| !c.is_alphanumeric());
            if edge_before && edge_after && lower[i..i + w.len()] == w[..] {
                marked[i..i + w.len()].fill(true);
            }
        }
    }
    if !marked.contains(&true) {
        return line.clone();
    }
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_style: Option<Style> = None;
    for ((c, style), m) in chars.into_iter().zip(marked) {
        let style = if m { style.patch(mark) } else { style };
        if run_style.is_some_and(|s| s != style) {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                run_style.unwrap_or_default(),
            ));
        }
        run_style = Some(style);
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, run_style.unwrap_or_default()));
    }
    Line {
        spans,
        ..line.clone()
    }
}

/// Draws `lines` in a box's `inner` area and the keys of `place` on its last row, whatever
/// the number of lines.
fn draw_lines_and_footer(
    frame: &mut Frame,
    inner: Rect,
    lines: Vec<Line<'_>>,
    place: Place,
    theme: Theme,
) {
    let body = Rect {
        height: inner.height.saturating_sub(1),
        ..inner
    };
    frame.render_widget(Paragraph::new(lines), body);
    let foot = Rect {
        y: inner.y + inner.height.saturating_sub(1),
        height: 1.min(inner.height),
        ..inner
    };
    let keys = keymap::footer_fit(place, &[], usize::from(inner.width));
    frame.render_widget(Paragraph::new(keys).style(theme.muted()), foot);
}

/// Draws a lesson's outline: its headings, indented by level, with their pages.
pub(super) fn draw_outline(outline: &Outline, frame: &mut Frame, area: Rect, theme: Theme) {
    let inner = frame_box(frame, area, find::OUTLINE, theme);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let width = usize::from(inner.width);
    let mut lines = Vec::new();
    if outline.items.is_empty() {
        lines.push(Line::styled(find::NO_HEADINGS, theme.muted()));
    }
    let rows = usize::from(inner.height).saturating_sub(1);
    let (first, fit) = window(outline.selected, outline.items.len(), 1, rows);
    for (i, (level, text, page)) in outline.items.iter().enumerate().skip(first).take(fit) {
        let (mark, style) = if i == outline.selected {
            (MARK, theme.selected())
        } else {
            ("  ", Style::new())
        };
        let indent = "  ".repeat(level.saturating_sub(1).min(4));
        let page = find::page(page + 1);
        let left = truncate(
            &format!("{mark}{indent}{}", safe(text)),
            width.saturating_sub(page.width() + 1),
        );
        lines.push(Line::styled(
            super::spread(&left, &page, inner.width),
            style,
        ));
    }
    draw_lines_and_footer(frame, inner, lines, Place::Outline, theme);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(spans: &[Span]) -> (String, String) {
        let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
        let marks: String = spans
            .iter()
            .flat_map(|s| {
                let m = if s.style.add_modifier.contains(FOUND) {
                    '^'
                } else {
                    ' '
                };
                std::iter::repeat_n(m, s.content.chars().count())
            })
            .collect();
        (text, marks)
    }

    const MARKED: Style = Style::new().add_modifier(FOUND);

    fn one(r: std::ops::Range<usize>) -> Vec<std::ops::Range<usize>> {
        vec![r]
    }

    #[test]
    fn a_snippet_keeps_the_match_in_view_and_marks_it() {
        let text =
            "Procedural justice rests on four pillars: voice, neutrality, respect and trust.";
        let at = text.find("neutrality").unwrap();
        let (s, m) = shown(&snippet(text, &one(at..at + 10), 30, MARKED));
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.width() <= 30, "{s}");
        let i = s.find("neutrality").unwrap();
        let ci = s[..i].chars().count();
        assert_eq!(&m[ci..ci + 10], "^^^^^^^^^^", "{s}\n{m}");
        assert_eq!(m.matches('^').count(), 10);
        // Short text: whole, no ellipsis.
        let (s, _) = shown(&snippet("calm down", &one(0..4), 30, MARKED));
        assert_eq!(s, "calm down");
        assert!(snippet("calm", &one(0..4), 0, MARKED).is_empty());
    }

    #[test]
    fn highlight_marks_whole_words_in_any_case_keeping_styles() {
        let line = Line::from(vec![
            Span::raw("Calm is "),
            Span::styled("calmness", Style::new().add_modifier(Modifier::ITALIC)),
            Span::raw(" and CALM."),
        ]);
        let out = highlight(&line, &["calm".to_string()], MARKED);
        let (s, m) = shown(&out.spans);
        assert_eq!(s, "Calm is calmness and CALM.");
        assert_eq!(m, "^^^^                 ^^^^ ");
        assert!(
            out.spans
                .iter()
                .any(|s| s.style.add_modifier.contains(Modifier::ITALIC))
        );
    }
}
