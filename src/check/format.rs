//! Check output: rustc-style text for people, JSON for scripts.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

use unicode_width::UnicodeWidthStr;

use super::Report;
use crate::diagnostic::{Diagnostic, LineIndex, Severity, display_path};
use crate::sanitize;

impl Report {
    /// A path as shown in output (relabelled when it is in a temporary copy).
    fn shown(&self, path: &Path) -> String {
        if let Some((dir, label)) = &self.relabel
            && let Ok(rest) = path.strip_prefix(dir)
        {
            let rest = display_path(rest);
            return if rest.is_empty() {
                label.clone()
            } else {
                format!("{label}/{rest}")
            };
        }
        display_path(path)
    }

    /// The summary line: `N errors, M warnings in K courses`.
    pub fn summary(&self) -> String {
        format!(
            "{}, {} in {}",
            plural(self.errors(), "error"),
            plural(self.warnings(), "warning"),
            plural(self.courses, "course")
        )
    }

    /// Every diagnostic in the style of rustc, then the summary line.
    pub fn to_human(&self) -> String {
        let mut out = String::new();
        // One index per file: many diagnostics in one large file stay linear.
        let mut indexes: HashMap<&Path, LineIndex> = HashMap::new();
        for d in &self.diagnostics {
            self.write_one(&mut out, d, &mut indexes);
            out.push('\n');
        }
        out.push_str(&self.summary());
        out.push('\n');
        // Messages quote course text (a key, a file name): whatever a file held, the report
        // itself carries nothing a terminal would act on, not only what `check` prints.
        match crate::sanitize::text(&out) {
            std::borrow::Cow::Borrowed(_) => out,
            std::borrow::Cow::Owned(clean) => clean,
        }
    }

    fn write_one<'a>(
        &'a self,
        out: &mut String,
        d: &'a Diagnostic,
        indexes: &mut HashMap<&'a Path, LineIndex>,
    ) {
        let severity = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = writeln!(out, "{severity}: {}", d.message);
        let mut location = self.shown(&d.path);
        if let Some(line) = d.line {
            let _ = write!(location, ":{line}");
            if let Some(col) = d.column {
                let _ = write!(location, ":{col}");
            }
        }
        let snippet = d.line.and_then(|line| {
            let source = self.sources.get(&d.path)?;
            let index = indexes
                .entry(d.path.as_path())
                .or_insert_with(|| LineIndex::new(source));
            // Cleaned here, not only at the edge, so the caret below lines up with what shows.
            let text = sanitize::line(index.line(source, line)?).into_owned();
            Some((line, text, source))
        });
        let gutter = snippet
            .as_ref()
            .map_or(1, |(line, ..)| line.to_string().len());
        let pad = " ".repeat(gutter);
        let _ = writeln!(out, "{pad}--> {location}");
        if let Some((line, text, source)) = &snippet {
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{line} | {}", text.trim_end());
            if let Some(span) = &d.span {
                let line_start = source[..span.start.min(source.len())]
                    .rfind('\n')
                    .map_or(0, |i| i + 1);
                let line_end = source[line_start..]
                    .find('\n')
                    .map_or(source.len(), |i| line_start + i);
                let before = source.get(line_start..span.start).unwrap_or_default();
                let marked = source
                    .get(span.start..span.end.min(line_end))
                    .unwrap_or_default()
                    .trim_end();
                let _ = writeln!(
                    out,
                    "{pad} | {}{}",
                    " ".repeat(sanitize::line(before).width()),
                    "^".repeat(sanitize::line(marked).width().max(1))
                );
            }
        }
        if let Some(help) = &d.help {
            let _ = writeln!(out, "{pad} = help: {help}");
        }
    }

    /// The diagnostics and the summary as a JSON document.
    pub fn to_json(&self) -> serde_json::Value {
        let diagnostics: Vec<serde_json::Value> = self
            .diagnostics
            .iter()
            .map(|d| {
                serde_json::json!({
                    "severity": d.severity,
                    "file": self.shown(&d.path),
                    "line": d.line,
                    "column": d.column,
                    "message": d.message,
                    "help": d.help,
                })
            })
            .collect();
        serde_json::json!({
            "diagnostics": diagnostics,
            "summary": {
                "errors": self.errors(),
                "warnings": self.warnings(),
                "courses": self.courses,
            },
        })
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_output_marks_the_span() {
        let source = "title = \"T\"\nhours = 500.0\n";
        let mut r = Report {
            courses: 1,
            ..Report::default()
        };
        r.sources.insert("c/course.toml".into(), source.into());
        r.push(
            Diagnostic::error("c/course.toml", "hours = 500 is out of range")
                .at(source, 20..25)
                .with_help("use 0 < hours <= 100"),
        );
        r.push(Diagnostic::warning("c/x.txt", "unused"));
        insta::assert_snapshot!(r.to_human(), @r"
        error: hours = 500 is out of range
         --> c/course.toml:2:9
          |
        2 | hours = 500.0
          |         ^^^^^
          = help: use 0 < hours <= 100

        warning: unused
         --> c/x.txt

        1 error, 1 warning in 1 course
        ");
    }

    #[test]
    fn relabels_temporary_paths() {
        let mut r = Report::default();
        r.push(Diagnostic::warning("/tmp/x/c/a.md", "w"));
        r.relabel(Path::new("/tmp/x"), "(built-in)");
        assert_eq!(r.to_json()["diagnostics"][0]["file"], "(built-in)/c/a.md");
    }
}
