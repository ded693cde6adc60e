//! Lesson checks: the file itself, page breaks that are really headings, long pages, links.

use std::ops::Range;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag};

use super::{MAX_PAGE_LINES, PAGE_WIDTH, Report};
use crate::course;
use crate::diagnostic::Diagnostic;
use crate::markdown;

/// Checks one lesson file; returns the files its links and images point at (which count as
/// used), or `None` when the file could not be read.
pub(super) fn check_lesson(dir: &Path, path: &Path, report: &mut Report) -> Option<Vec<PathBuf>> {
    let source = match course::read_text_file(path) {
        Ok(s) => s,
        Err(e) => {
            report.push(e);
            return None;
        }
    };
    if source.trim().is_empty() {
        report.push(
            Diagnostic::warning(path, "the lesson is empty")
                .with_help("write the lesson in Markdown, starting with a `# Title` line"),
        );
    }
    setext_rules(path, &source, report);
    long_pages(path, &source, report);
    super::rendering::check(path, &source, report);
    let targets = links(dir, path, &source, report);
    report.sources.insert(path.to_path_buf(), source);
    Some(targets)
}

fn parser(
    source: &str,
) -> pulldown_cmark::OffsetIter<'_, pulldown_cmark::DefaultBrokenLinkCallback> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    Parser::new_ext(source, options).into_offset_iter()
}

/// A `---` right under a paragraph line: `CommonMark` reads a setext heading, not a break.
fn setext_rules(path: &Path, source: &str, report: &mut Report) {
    for (event, range) in parser(source) {
        let Event::Start(Tag::Heading {
            level: HeadingLevel::H2,
            ..
        }) = event
        else {
            continue;
        };
        let text = source[range.clone()].trim_end();
        let Some(nl) = text.rfind('\n') else {
            continue;
        };
        let underline = &text[nl + 1..];
        let trimmed = underline.trim_start();
        if trimmed.is_empty() || !trimmed.chars().all(|c| c == '-' || c == ' ') {
            continue;
        }
        let start = range.start + nl + 1 + (underline.len() - trimmed.len());
        let end = range.start + text.len();
        report.push(
            Diagnostic::warning(
                path,
                "`---` directly under a line of text makes that line a heading, not a page break",
            )
            .at(source, start..end)
            .with_help(
                "put a blank line before `---` to end the page; for a heading, write `## Heading`",
            ),
        );
    }
}

fn long_pages(path: &Path, source: &str, report: &mut Report) {
    let pages = markdown::split_pages(source);
    let count = pages.len();
    for (i, page) in pages.into_iter().enumerate() {
        let lines = markdown::render(&source[page.clone()], PAGE_WIDTH).len();
        if lines <= MAX_PAGE_LINES {
            continue;
        }
        let text = &source[page.clone()];
        let start = page.start + (text.len() - text.trim_start().len());
        let first_line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |n| start + n);
        let which = if count == 1 {
            "the lesson's only page".to_string()
        } else {
            format!("page {} of {count}", i + 1)
        };
        report.push(
            Diagnostic::warning(
                path,
                format!(
                    "{which} is {lines} lines long at {PAGE_WIDTH} columns (over {MAX_PAGE_LINES})"
                ),
            )
            .at(source, start..first_line_end)
            .with_help(
                "split it with a `---` line (after a blank line) so learners need not scroll",
            ),
        );
    }
}

/// Warns about relative links and images that point at no file; returns those that do.
fn links(dir: &Path, path: &Path, source: &str, report: &mut Report) -> Vec<PathBuf> {
    let base = path
        .strip_prefix(dir)
        .ok()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let mut targets = Vec::new();
    for (event, range) in parser(source) {
        let (dest, what) = match &event {
            Event::Start(Tag::Link { dest_url, .. }) => (dest_url, "link to"),
            Event::Start(Tag::Image { dest_url, .. }) => (dest_url, "image"),
            _ => continue,
        };
        let Some(rel) = relative_target(dest) else {
            continue;
        };
        let joined = base.join(&rel);
        let joined = joined.to_string_lossy().replace('\\', "/");
        let warn = |message: String, help: &str| {
            Diagnostic::warning(path, message)
                .at(source, trim_span(source, range.clone()))
                .with_help(help.to_string())
        };
        match course::resolve_inside(dir, &joined) {
            Err(_) => report.push(warn(
                format!("{what} `{dest}` leads out of the course folder"),
                "copy the file into the course folder and link to it there",
            )),
            Ok(target) if target.exists() => targets.push(target),
            Ok(_) => report.push(warn(
                format!("{what} `{dest}` points at no file"),
                "fix the path (relative to the lesson file) or add the file to the course folder",
            )),
        }
    }
    targets
}

/// The file path of a link destination, or `None` for URLs, anchors and empty links.
fn relative_target(dest: &str) -> Option<String> {
    let dest = dest.trim();
    if dest.is_empty() || dest.starts_with('#') || has_scheme(dest) {
        return None;
    }
    let end = dest.find(['#', '?']).unwrap_or(dest.len());
    let path = percent_decode(&dest[..end]);
    (!path.is_empty()).then_some(path)
}

fn has_scheme(dest: &str) -> bool {
    // Two or more letters before ':' (one letter is a Windows drive, which is a path).
    dest.split_once(':').is_some_and(|(scheme, _)| {
        scheme.len() > 1
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The span without trailing white space (a link's range can run to the line end).
fn trim_span(source: &str, range: Range<usize>) -> Range<usize> {
    let text = source.get(range.clone()).unwrap_or_default();
    range.start..range.start + text.trim_end().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets() {
        assert_eq!(
            relative_target("img/a%20b.png#x"),
            Some("img/a b.png".into())
        );
        assert_eq!(relative_target("https://example.org/x"), None);
        assert_eq!(relative_target("mailto:a@b.c"), None);
        assert_eq!(relative_target("#section"), None);
        assert_eq!(relative_target("C:/x.png"), Some("C:/x.png".into()));
    }

    #[test]
    fn setext_only_under_a_paragraph_and_not_in_code() {
        let mut r = Report::default();
        let src = "Title\n---\n\nText\n\n---\n\n```\na\n---\n```\n";
        setext_rules(Path::new("l.md"), src, &mut r);
        assert_eq!(r.diagnostics.len(), 1);
        assert_eq!(r.diagnostics[0].line, Some(2));
        assert_eq!(r.diagnostics[0].span, Some(6..9));
    }
}
