//! The block tree laid out at a width: containers lay out their children narrower, then prefix
//! them (bullets, quote bars), so every wrapped line keeps its hanging indent.

use pulldown_cmark::Alignment;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::parse::{Block, Doc, Inlines, List, Table};
use super::style;
use super::wrap::{Piece, clip, cluster_len, cluster_width, longest_word, natural_width, wrap};

/// Words longer than this may be broken inside a table cell (URLs, say) rather than forcing
/// the table to be shown as records.
const MAX_UNBROKEN_WORD: usize = 15;
/// Width of the short rule above footnotes.
const FOOTNOTE_RULE: usize = 20;

/// Lays out a parsed page at `width` columns (at least 1).
pub(crate) fn layout(doc: &Doc, width: usize) -> Vec<Line<'static>> {
    let width = width.max(1);
    let mut out = Vec::new();
    blocks(&doc.blocks, width, 0, true, &mut out);
    if !doc.footnotes.is_empty() {
        if !out.is_empty() {
            out.push(Line::default());
        }
        out.push(rule(width.min(FOOTNOTE_RULE)));
        for (n, body) in &doc.footnotes {
            let marker = vec![Span::styled(format!("[{n}] "), style::FOOTNOTE)];
            let mut inner = Vec::new();
            let (first, rest, inner_w) = prefixes(marker, width);
            blocks(body, inner_w, 0, true, &mut inner);
            prefix_lines(inner, &first, &rest, &mut out);
        }
    }
    for line in &mut out {
        merge_spans(line);
    }
    out
}

/// Joins neighbouring spans of one style (prefixes, padding and text meet at many seams).
fn merge_spans(line: &mut Line<'static>) {
    if line.spans.len() < 2 {
        return;
    }
    let mut merged: Vec<Span<'static>> = Vec::with_capacity(line.spans.len());
    for span in line.spans.drain(..) {
        match merged.last_mut() {
            Some(last) if last.style == span.style => last.content.to_mut().push_str(&span.content),
            _ => merged.push(span),
        }
    }
    line.spans = merged;
}

/// Lays out `list` one after another, with a blank line between blocks when `spaced`.
fn blocks(list: &[Block], width: usize, depth: usize, spaced: bool, out: &mut Vec<Line<'static>>) {
    for b in list {
        let mark = out.len();
        let sep = spaced && !out.is_empty();
        if sep {
            out.push(Line::default());
        }
        block(b, width, depth, out);
        if sep && out.len() == mark + 1 {
            // The block drew nothing (an HTML comment, say): no separator either.
            out.pop();
        }
    }
}

fn block(b: &Block, width: usize, depth: usize, out: &mut Vec<Line<'static>>) {
    match b {
        Block::Heading(pieces) | Block::Para(pieces) => out.extend(wrap(pieces, width)),
        Block::Code(lines) => {
            for line in lines {
                out.push(Line::from(clip(line, width, style::CODE)));
            }
        }
        Block::Quote(children) => {
            let bar = vec![Span::styled("│ ", style::MUTED)];
            let (bar, _, inner_w) = prefixes(bar, width);
            let mut inner = Vec::new();
            blocks(children, inner_w, depth, true, &mut inner);
            prefix_lines(inner, &bar, &bar, out);
        }
        Block::List(l) => list(l, width, depth, out),
        Block::Table(t) => table(t, width, out),
        Block::Rule => out.push(rule(width)),
        Block::Html(lines) => {
            for line in lines {
                out.extend(wrap(&[Piece::Text(line.clone(), Style::new())], width));
            }
        }
    }
}

fn rule(width: usize) -> Line<'static> {
    Line::from(Span::styled("─".repeat(width), style::MUTED))
}

fn list(l: &List, width: usize, depth: usize, out: &mut Vec<Line<'static>>) {
    let last_number = l
        .start
        .map(|s| s.saturating_add(l.items.len().saturating_sub(1) as u64));
    let number_w = last_number.map_or(0, |n| n.to_string().len());
    for (i, item) in l.items.iter().enumerate() {
        if i > 0 && l.loose {
            out.push(Line::default());
        }
        let mut marker = Vec::with_capacity(2);
        if let Some(start) = l.start {
            let n = start.saturating_add(i as u64);
            marker.push(Span::raw(format!("{n:>number_w$}. ")));
        } else if item.task.is_none() {
            let bullet = match depth % 3 {
                0 => "• ",
                1 => "◦ ",
                _ => "▪ ",
            };
            marker.push(Span::raw(bullet));
        }
        match item.task {
            Some(true) => marker.push(Span::styled("[x] ", style::TASK_DONE)),
            Some(false) => marker.push(Span::styled("[ ] ", style::TASK_OPEN)),
            None => {}
        }
        let (first, rest, inner_w) = prefixes(marker, width);
        let mut inner = Vec::new();
        blocks(&item.blocks, inner_w, depth + 1, l.loose, &mut inner);
        if inner.is_empty() {
            inner.push(Line::default());
        }
        prefix_lines(inner, &first, &rest, out);
    }
}

/// The first-line prefix, the continuation prefix (spaces as wide) and the width left inside.
/// When the prefix would leave no room, it is cut so that at least one column remains.
fn prefixes(
    marker: Vec<Span<'static>>,
    width: usize,
) -> (Vec<Span<'static>>, Vec<Span<'static>>, usize) {
    let marker_w: usize = marker.iter().map(Span::width).sum();
    let (first, used) = if marker_w < width {
        (marker, marker_w)
    } else {
        let cut = truncate_spans(marker, width - 1);
        let used = cut.iter().map(Span::width).sum();
        (cut, used)
    };
    let rest = if used == 0 {
        Vec::new()
    } else {
        vec![Span::raw(" ".repeat(used))]
    };
    (first, rest, width - used)
}

fn truncate_spans(spans: Vec<Span<'static>>, max: usize) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    let mut used = 0;
    for span in spans {
        let s = span.content.as_ref();
        let mut end = 0;
        while end < s.len() {
            let n = cluster_len(&s[end..]);
            let w = cluster_width(&s[end..end + n]);
            if used + w > max {
                break;
            }
            used += w;
            end += n;
        }
        if end > 0 {
            out.push(Span::styled(s[..end].to_string(), span.style));
        }
        if end < s.len() {
            break;
        }
    }
    out
}

/// Prepends `first` to the first line and `rest` to the others; blank lines get the prefix
/// without its trailing spaces, so nothing ends in whitespace.
fn prefix_lines(
    inner: Vec<Line<'static>>,
    first: &[Span<'static>],
    rest: &[Span<'static>],
    out: &mut Vec<Line<'static>>,
) {
    for (i, line) in inner.into_iter().enumerate() {
        let prefix = if i == 0 { first } else { rest };
        let mut spans = Vec::with_capacity(prefix.len() + line.spans.len());
        spans.extend_from_slice(prefix);
        if line.spans.is_empty() {
            while let Some(last) = spans.last_mut() {
                let trimmed = last.content.trim_end();
                if trimmed.is_empty() {
                    spans.pop();
                } else {
                    if trimmed.len() != last.content.len() {
                        last.content = trimmed.to_string().into();
                    }
                    break;
                }
            }
        }
        spans.extend(line.spans);
        out.push(Line::from(spans));
    }
}

fn table(t: &Table, width: usize, out: &mut Vec<Line<'static>>) {
    let cols = t
        .rows
        .iter()
        .map(Vec::len)
        .chain(std::iter::once(t.head.len()))
        .max()
        .unwrap_or(0);
    if cols == 0 {
        return;
    }
    let column = |c: usize, measure: fn(&[Piece]) -> usize| {
        std::iter::once(&t.head)
            .chain(&t.rows)
            .filter_map(|row| row.get(c))
            .map(|cell| measure(cell))
            .max()
            .unwrap_or(0)
            .max(1)
    };
    let natural: Vec<usize> = (0..cols).map(|c| column(c, natural_width)).collect();
    let minimum: Vec<usize> = (0..cols)
        .map(|c| column(c, longest_word).min(MAX_UNBROKEN_WORD))
        .collect();
    let seps = 3 * (cols - 1);
    let avail = width.saturating_sub(seps);
    let min_sum: usize = minimum.iter().sum();
    let widths = if natural.iter().sum::<usize>() <= avail {
        natural
    } else if min_sum <= avail {
        // Every column gets its longest word; what is left goes to the columns that still
        // want more, narrowest wants first.
        let wants: Vec<usize> = natural
            .iter()
            .zip(&minimum)
            .map(|(n, m)| n.saturating_sub(*m))
            .collect();
        fit_columns(&wants, avail - min_sum)
            .iter()
            .zip(&minimum)
            .map(|(extra, m)| extra + m)
            .collect()
    } else {
        // Columns too narrow to hold their words read badly: one record per row instead.
        records(t, width, out);
        return;
    };
    out.extend(row_lines(&t.head, &widths, &t.aligns, style::TABLE_HEAD));
    let mut sep = Vec::with_capacity(cols * 2);
    for (c, w) in widths.iter().enumerate() {
        if c > 0 {
            sep.push("─┼─".to_string());
        }
        sep.push("─".repeat(*w));
    }
    out.push(Line::from(Span::styled(sep.concat(), style::MUTED)));
    for row in &t.rows {
        out.extend(row_lines(row, &widths, &t.aligns, Style::new()));
    }
}

/// Column widths summing to `avail`: narrow columns keep their natural width, the wide ones
/// share what is left equally (water filling).
fn fit_columns(natural: &[usize], avail: usize) -> Vec<usize> {
    let mut sorted = natural.to_vec();
    sorted.sort_unstable();
    let mut used = 0;
    for (k, &w) in sorted.iter().enumerate() {
        let left = sorted.len() - k;
        if used + w * left <= avail {
            used += w;
            continue;
        }
        let cap = (avail - used) / left;
        let mut extra = (avail - used).saturating_sub(cap * left);
        return natural
            .iter()
            .map(|&n| {
                if n <= cap {
                    n
                } else if extra > 0 {
                    extra -= 1;
                    cap + 1
                } else {
                    cap
                }
            })
            .collect();
    }
    natural.to_vec()
}

fn row_lines(
    row: &[Inlines],
    widths: &[usize],
    aligns: &[Alignment],
    cell_style: Style,
) -> Vec<Line<'static>> {
    let cells: Vec<Vec<Line<'static>>> = widths
        .iter()
        .enumerate()
        .map(|(c, &w)| {
            let lines = row.get(c).map_or_else(Vec::new, |cell| wrap(cell, w));
            lines
                .into_iter()
                .map(|line| patch_line(line, cell_style))
                .collect()
        })
        .collect();
    let height = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let last = widths.len() - 1;
    (0..height)
        .map(|i| {
            let mut spans = Vec::new();
            for (c, &w) in widths.iter().enumerate() {
                if c > 0 {
                    spans.push(Span::styled(" │ ", style::MUTED));
                }
                let line = cells[c].get(i);
                let used = line.map_or(0, Line::width);
                let gap = w.saturating_sub(used);
                let (before, after) = match aligns.get(c).copied().unwrap_or(Alignment::None) {
                    Alignment::Right => (gap, 0),
                    Alignment::Center => (gap / 2, gap - gap / 2),
                    Alignment::Left | Alignment::None => (0, gap),
                };
                if before > 0 {
                    spans.push(Span::raw(" ".repeat(before)));
                }
                if let Some(line) = line {
                    spans.extend(line.spans.iter().cloned());
                }
                if after > 0 && c < last {
                    spans.push(Span::raw(" ".repeat(after)));
                }
            }
            Line::from(spans)
        })
        .collect()
}

/// A table too wide to draw as a grid: each row as `Header: value` lines.
fn records(t: &Table, width: usize, out: &mut Vec<Line<'static>>) {
    if t.rows.is_empty() {
        for cell in &t.head {
            let pieces: Inlines = cell
                .iter()
                .map(|p| patch_piece(p, style::TABLE_HEAD))
                .collect();
            out.extend(wrap(&pieces, width));
        }
    }
    for (r, row) in t.rows.iter().enumerate() {
        if r > 0 {
            out.push(Line::default());
        }
        for (c, cell) in row.iter().enumerate() {
            let mut pieces: Inlines = Vec::new();
            if let Some(head) = t.head.get(c).filter(|h| !h.is_empty()) {
                pieces.extend(head.iter().map(|p| patch_piece(p, style::TABLE_HEAD)));
                pieces.push(Piece::Text(": ".into(), style::TABLE_HEAD));
            }
            pieces.extend(cell.iter().cloned());
            out.extend(wrap(&pieces, width));
        }
    }
}

fn patch_piece(p: &Piece, st: Style) -> Piece {
    match p {
        Piece::Text(t, s) => Piece::Text(t.clone(), st.patch(*s)),
        Piece::Break => Piece::Break,
    }
}

fn patch_line(mut line: Line<'static>, st: Style) -> Line<'static> {
    for span in &mut line.spans {
        span.style = st.patch(span.style);
    }
    line
}
