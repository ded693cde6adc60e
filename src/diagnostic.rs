//! Problems found in course files: where they are, what is wrong and how to fix it.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file cannot be used as it is.
    Error,
    /// The file works, but probably not as the author meant.
    Warning,
}

/// One problem in one file, with its location when known.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file the problem is in.
    pub path: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column (in characters), when known.
    pub column: Option<usize>,
    /// Byte range in the file, when known (used to underline the source).
    #[serde(skip)]
    pub span: Option<Range<usize>>,
    /// What is wrong, lowercase, no trailing period.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error in `path` with no location yet.
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            path: path.into(),
            line: None,
            column: None,
            span: None,
            message: message.into(),
            help: None,
        }
    }

    /// A warning in `path` with no location yet.
    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(path, message)
        }
    }

    /// Adds a hint on how to fix the problem.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Locates the problem at a byte range of `source`, filling in line and column.
    #[must_use]
    pub fn at(mut self, source: &str, span: Range<usize>) -> Self {
        let span = before_crlf(source, span);
        let (line, column) = line_col(source, span.start);
        self.line = Some(line);
        self.column = Some(column);
        self.span = Some(span);
        self
    }

    /// Like [`Diagnostic::at`], with a prebuilt [`LineIndex`] of `source`: many diagnostics in
    /// one large file stay linear.
    #[must_use]
    pub fn at_indexed(mut self, index: &LineIndex, source: &str, span: Range<usize>) -> Self {
        let span = before_crlf(source, span);
        let (line, column) = index.line_col(source, span.start);
        self.line = Some(line);
        self.column = Some(column);
        self.span = Some(span);
        self
    }

    /// Locates the problem at a 1-based line with no span.
    #[must_use]
    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    /// The location as `path:line:col` (as much as is known).
    pub fn location(&self) -> String {
        let mut s = display_path(&self.path);
        if let Some(line) = self.line {
            s.push_str(&format!(":{line}"));
            if let Some(col) = self.column {
                s.push_str(&format!(":{col}"));
            }
        }
        s
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.message)?;
        if let Some(help) = &self.help {
            write!(f, " (help: {help})")?;
        }
        Ok(())
    }
}

/// In a file with CRLF line ends (saved on Windows) a problem at the end of a line is reported
/// at the '\n'; this moves it to the '\r', so line, column and caret match the same file with
/// LF ends.
fn before_crlf(source: &str, mut span: Range<usize>) -> Range<usize> {
    let at_lf = source
        .get(span.start..)
        .is_some_and(|s| s.starts_with('\n'));
    let after_cr = source.get(..span.start).is_some_and(|s| s.ends_with('\r'));
    if at_lf && after_cr {
        span.start -= 1;
    }
    span
}

/// A path for messages: forward slashes so output is the same on every platform.
pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// 1-based line and column (in characters) of a byte offset; offsets past the end clamp.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = source[line_start..offset].chars().count() + 1;
    (line, column)
}

/// Where each line of a text starts, for finding lines by offset in O(log n).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `source`.
    pub fn new(source: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self { starts }
    }

    /// 1-based line and column (in characters) of a byte offset in the indexed `source`, as
    /// [`line_col`] gives them.
    pub fn line_col(&self, source: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(source.len());
        while !source.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0).min(offset);
        (line, source[start..offset].chars().count() + 1)
    }

    /// The text of 1-based `line` (without its line break), if there is one.
    pub fn line<'a>(&self, source: &'a str, line: usize) -> Option<&'a str> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let end = self.starts.get(line).map_or(source.len(), |&e| e - 1);
        let text = source.get(start..end)?;
        Some(text.strip_suffix('\r').unwrap_or(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_lines_and_chars() {
        let src = "ab\nçd\nef";
        assert_eq!(line_col(src, 0), (1, 1));
        assert_eq!(line_col(src, 3), (2, 1));
        assert_eq!(line_col(src, 5), (2, 2));
        assert_eq!(line_col(src, 100), (3, 3));
    }

    #[test]
    fn line_index_agrees_with_line_col() {
        let src = "ab\nçd\r\n\nef";
        let index = LineIndex::new(src);
        for offset in 0..=src.len() + 2 {
            assert_eq!(
                index.line_col(src, offset),
                line_col(src, offset),
                "{offset}"
            );
        }
        assert_eq!(index.line(src, 2), Some("çd"));
        assert_eq!(index.line(src, 3), Some(""));
        assert_eq!(index.line(src, 4), Some("ef"));
        assert_eq!(index.line(src, 5), None);
        assert_eq!(index.line(src, 0), None);
    }

    #[test]
    fn crlf_line_end_is_located_like_lf() {
        let lf = Diagnostic::error("c.toml", "x").at("a = \"b\nc = 1\n", 6..7);
        let crlf = Diagnostic::error("c.toml", "x").at("a = \"b\r\nc = 1\r\n", 7..8);
        assert_eq!((lf.line, lf.column), (Some(1), Some(7)));
        assert_eq!((crlf.line, crlf.column), (Some(1), Some(7)));
        let src = "a = \"b\r\nc = 1\r\n";
        let indexed = Diagnostic::error("c.toml", "x").at_indexed(&LineIndex::new(src), src, 7..8);
        assert_eq!((indexed.line, indexed.column), (Some(1), Some(7)));
    }

    #[test]
    fn display_has_location_and_help() {
        let d = Diagnostic::error("c/course.toml", "missing key `title`")
            .at("x = 1\ny = 2", 6..7)
            .with_help("add a title");
        assert_eq!(
            d.to_string(),
            "c/course.toml:2:1: missing key `title` (help: add a title)"
        );
    }
}
