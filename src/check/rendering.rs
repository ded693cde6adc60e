//! Markdown that will render badly: a table without its `|---|` line (shown as text with
//! pipes), table rows with more cells than the header (the extra cells are dropped), raw HTML
//! (rollcall shows it as written, tags and all) and footnote references with no definition on
//! the same page (each page is rendered on its own, so the reference stays `[^1]`).

use std::collections::BTreeSet;
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::Report;
use crate::diagnostic::Diagnostic;
use crate::markdown;

/// Checks each page of a lesson.
pub(super) fn check(path: &Path, source: &str, report: &mut Report) {
    for page in markdown::split_pages(source) {
        Page {
            path,
            source,
            start: page.start,
            text: &source[page],
        }
        .check(report);
    }
}

struct Page<'a> {
    path: &'a Path,
    source: &'a str,
    /// Where the page starts in `source`.
    start: usize,
    text: &'a str,
}

impl Page<'_> {
    fn check(&self, report: &mut Report) {
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_FOOTNOTES;
        let mut code: Vec<Range<usize>> = Vec::new();
        let mut html_lines = BTreeSet::new();
        let mut columns = 0;
        let mut in_block = false;
        for (event, range) in Parser::new_ext(self.text, options).into_offset_iter() {
            match event {
                Event::Start(Tag::CodeBlock(_)) | Event::Code(_) => code.push(range),
                Event::Start(Tag::Paragraph) => self.pipes_in_paragraph(range, report),
                Event::Start(Tag::Table(aligns)) => columns = aligns.len(),
                Event::Start(Tag::TableHead | Tag::TableRow) => {
                    self.extra_cells(range, columns, report);
                }
                Event::End(TagEnd::Table) => columns = 0,
                // One warning for a whole HTML block (its lines come as one event each).
                Event::Start(Tag::HtmlBlock) => {
                    in_block = true;
                    self.html(range, report);
                }
                Event::End(TagEnd::HtmlBlock) => in_block = false,
                Event::Html(_) | Event::InlineHtml(_) if !in_block => {
                    let line = self.text[..range.start].matches('\n').count();
                    if html_lines.insert(line) {
                        self.html(range, report);
                    }
                }
                _ => {}
            }
        }
        self.footnotes(&code, report);
    }

    fn warn(&self, range: Range<usize>, message: String, help: &str) -> Diagnostic {
        let range = self.start + range.start..self.start + range.end;
        Diagnostic::warning(self.path, message)
            .at(self.source, range)
            .with_help(help.to_string())
    }

    /// A paragraph whose lines start with `|`: a table missing its `|---|` line.
    fn pipes_in_paragraph(&self, range: Range<usize>, report: &mut Report) {
        let text = &self.text[range.clone()];
        let mut offset = range.start;
        for line in text.split_inclusive('\n') {
            let trimmed = line.trim();
            if trimmed.starts_with('|') && trimmed.matches('|').count() >= 2 {
                let lead = line.len() - line.trim_start().len();
                let at = offset + lead..offset + lead + trimmed.len();
                report.push(self.warn(
                    at,
                    "this looks like a table row, but the lines are shown as text".into(),
                    "a table needs a line such as `|---|---|` right under its header row, with \
                     one `---` per column",
                ));
                return;
            }
            offset += line.len();
        }
    }

    /// A table row with more cells than the header has columns: the extra cells are dropped.
    fn extra_cells(&self, range: Range<usize>, columns: usize, report: &mut Report) {
        let row = self.text[range.clone()].lines().next().unwrap_or("").trim();
        let cells = cell_count(row);
        if columns > 0 && cells > columns {
            report.push(self.warn(
                range.start..range.start + row.len(),
                format!("this table row has {cells} cells but the table has {columns} columns"),
                "the extra cells are not shown: add the column to the header row and the \
                 `|---|` line, or remove the extra cells (write `\\|` for a `|` inside a cell)",
            ));
        }
    }

    fn html(&self, range: Range<usize>, report: &mut Report) {
        let first_line = self.text[range.clone()]
            .lines()
            .next()
            .unwrap_or("")
            .trim_end();
        report.push(self.warn(
            range.start..range.start + first_line.len(),
            "raw HTML is shown as it is written, tags and all".into(),
            "write it in Markdown instead (**bold**, *italic*, lists, tables), or put it in a \
             code block if the tags are the point",
        ));
    }

    /// `[^label]` with no `[^label]: ...` on the same page.
    fn footnotes(&self, code: &[Range<usize>], report: &mut Report) {
        let mut defined = BTreeSet::new();
        let mut refs = Vec::new();
        let mut from = 0;
        while let Some(found) = self.text[from..].find("[^") {
            let at = from + found;
            from = at + 2;
            let Some(len) = self.text[from..].find(']') else {
                break;
            };
            let label = &self.text[from..from + len];
            if label.is_empty() || label.contains(char::is_whitespace) {
                continue;
            }
            let end = from + len + 1;
            if code.iter().any(|c| c.contains(&at)) {
                continue;
            }
            let line_start = self.text[..at].rfind('\n').map_or(0, |n| n + 1);
            let is_definition =
                self.text[line_start..at].trim().is_empty() && self.text[end..].starts_with(':');
            if is_definition {
                defined.insert(label.to_lowercase());
            } else {
                refs.push((at..end, label));
            }
        }
        for (range, label) in refs {
            if !defined.contains(&label.to_lowercase()) {
                report.push(self.warn(
                    range,
                    format!("footnote `[^{label}]` has no definition on this page"),
                    "each page is shown on its own: put `[^LABEL]: the note` on the same page \
                     (before the next `---`)",
                ));
            }
        }
    }
}

/// Cells in a table row's source line: `|` separators not escaped with `\`, without the
/// optional leading and trailing pipes.
fn cell_count(row: &str) -> usize {
    let mut count = 1;
    let mut escaped = false;
    for c in row.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => count += 1,
            _ => escaped = false,
        }
    }
    if row.starts_with('|') {
        count -= 1;
    }
    if row.len() > 1 && row.ends_with('|') && !row.ends_with("\\|") {
        count -= 1;
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(source: &str) -> Vec<String> {
        let mut report = Report::default();
        check(Path::new("l.md"), source, &mut report);
        report
            .diagnostics
            .iter()
            .map(|d| format!("{}: {}", d.line.unwrap_or(0), d.message))
            .collect()
    }

    #[test]
    fn clean_markdown_has_nothing_to_say() {
        let src = "# T\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nText.[^1]\n\n[^1]: Note.\n\n\
                   ```\n<b>[^x]</b> | a | b |\n```\n\n`<i>` and `[^y]`\n";
        assert_eq!(messages(src), Vec::<String>::new());
    }

    #[test]
    fn tables_html_and_footnotes_that_render_badly() {
        let src = "# T\n\n| a | b |\n| c | d |\n\nSome <b>bold</b> text.\n\n<div>\nx\n</div>\n\n\
                   A claim.[^1]\n\n---\n\n[^1]: The source.\n\n| a | b |\n|---|---|\n| 1 | 2 | 3 |\n";
        assert_eq!(
            messages(src),
            [
                "3: this looks like a table row, but the lines are shown as text",
                "6: raw HTML is shown as it is written, tags and all",
                "8: raw HTML is shown as it is written, tags and all",
                "12: footnote `[^1]` has no definition on this page",
                "20: this table row has 3 cells but the table has 2 columns",
            ]
        );
    }

    #[test]
    fn cells_are_counted_like_gfm() {
        assert_eq!(cell_count("| a | b |"), 2);
        assert_eq!(cell_count("a | b"), 2);
        assert_eq!(cell_count("| a \\| b | c |"), 2);
        assert_eq!(cell_count("| a | b | c"), 3);
    }
}
