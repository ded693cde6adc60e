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

    /// Every diagnostic in the style of rustc, then the summary line, each line as long as
    /// it is (for pipes and files: tests and scripts read it byte for byte).
    pub fn to_human(&self) -> String {
        self.to_human_width(None)
    }

    /// [`Report::to_human`] with the messages and hints wrapped at spaces to `width` columns
    /// (a terminal's); the quoted source line and the path are left whole.
    pub fn to_human_width(&self, width: Option<usize>) -> String {
        let mut out = String::new();
        // One index per file: many diagnostics in one large file stay linear.
        let mut indexes: HashMap<&Path, LineIndex> = HashMap::new();
        for d in &self.diagnostics {
            self.write_one(&mut out, d, &mut indexes, width);
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
        width: Option<usize>,
    ) {
        let severity = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let head = format!("{severity}: ");
        push_wrapped(out, &head, &d.message, width);
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
            push_wrapped(out, &format!("{pad} = help: "), help, width);
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

/// `text` after `head` as lines of at most `width` columns broken at spaces, the lines after
/// the first indented to line up under the text (`None`: one line). A word longer than a
/// line stays whole: a path or key cut in two would not be found.
fn push_wrapped(out: &mut String, head: &str, text: &str, width: Option<usize>) {
    out.push_str(head);
    let Some(width) = width else {
        out.push_str(text);
        out.push('\n');
        return;
    };
    let indent = " ".repeat(head.width());
    let mut used = head.width();
    let mut first = true;
    for word in text.split(' ') {
        if !first && used + 1 + word.width() > width && used > indent.len() {
            out.push('\n');
            out.push_str(&indent);
            used = indent.len();
        } else if !first {
            out.push(' ');
            used += 1;
        }
        out.push_str(word);
        used += word.width();
        first = false;
    }
    out.push('\n');
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

    /// In a terminal the message and hint wrap to its width under their text; the source
    /// line and path stay whole, and without a width the output is as before, byte for byte.
    #[test]
    fn human_output_wraps_messages_and_hints_to_the_width() {
        let mut r = Report {
            courses: 1,
            ..Report::default()
        };
        r.push(
            Diagnostic::warning("c/course.toml", "unknown key `titel` in course.toml, which rollcall does not read")
                .with_help("the keys are title, summary, version, hours, provider, certification, lessons, requirements and more; did you mean `title`?"),
        );
        let wrapped = r.to_human_width(Some(40));
        insta::assert_snapshot!(wrapped, @r"
        warning: unknown key `titel` in
                 course.toml, which rollcall
                 does not read
         --> c/course.toml
          = help: the keys are title, summary,
                  version, hours, provider,
                  certification, lessons,
                  requirements and more; did you
                  mean `title`?

        0 errors, 1 warning in 1 course
        ");
        for line in wrapped.lines() {
            assert!(line.width() <= 40, "{line}");
        }
        let whole = r.to_human();
        assert_eq!(r.to_human_width(None), whole);
        assert!(whole.lines().any(|l| l.width() > 100), "{whole}");
    }

    #[test]
    fn relabels_temporary_paths() {
        let mut r = Report::default();
        r.push(Diagnostic::warning("/tmp/x/c/a.md", "w"));
        r.relabel(Path::new("/tmp/x"), "(built-in)");
        assert_eq!(r.to_json()["diagnostics"][0]["file"], "(built-in)/c/a.md");
    }
}
