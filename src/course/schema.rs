//! The shape of `course.toml`, checked key by key when it does not read into its types, so
//! every unknown key, missing key and value of the wrong kind is reported at once and in plain
//! words (reading into the types stops at the first and speaks of `f64`).

use std::borrow::Cow;
use std::path::Path;

use serde::Deserialize;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::CourseFile;
use crate::diagnostic::Diagnostic;

/// What a key holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Whole,
    Number,
    Bool,
    TextList,
    Lessons,
    Checks,
}

impl Kind {
    fn accepts(self, value: &DeValue<'_>) -> bool {
        match (self, value) {
            (Kind::Text, DeValue::String(_))
            | (Kind::Whole, DeValue::Integer(_))
            | (Kind::Number, DeValue::Integer(_) | DeValue::Float(_))
            | (Kind::Bool, DeValue::Boolean(_)) => true,
            (Kind::TextList, DeValue::Array(items)) => items
                .iter()
                .all(|i| matches!(i.get_ref(), DeValue::String(_))),
            (Kind::Lessons | Kind::Checks, DeValue::Array(items)) => items
                .iter()
                .all(|i| matches!(i.get_ref(), DeValue::Table(_))),
            _ => false,
        }
    }

    fn expected(self) -> &'static str {
        match self {
            Kind::Text => "text in quotes",
            Kind::Whole => "a whole number",
            Kind::Number => "a number",
            Kind::Bool => "true or false",
            Kind::TextList => "a list of texts in quotes",
            Kind::Lessons => "a list of [[lessons]] tables",
            Kind::Checks => "a list of { after_page = 3, quiz = \"...\" } tables",
        }
    }
}

/// A key of a table: its name, what it holds, whether it must be there, and an example.
type Key = (&'static str, Kind, bool, &'static str);

/// The keys of `course.toml` (the fields of `CourseFile`; a test keeps the two in step).
const COURSE_KEYS: &[Key] = &[
    (
        "title",
        Kind::Text,
        true,
        "title = \"De-escalation Fundamentals\"",
    ),
    (
        "summary",
        Kind::Text,
        true,
        "summary = \"One or two sentences for the library\"",
    ),
    ("version", Kind::Text, true, "version = \"1.0\""),
    ("hours", Kind::Number, false, "hours = 2.0"),
    ("pass_percent", Kind::Whole, false, "pass_percent = 80"),
    ("order", Kind::Whole, false, "order = 10"),
    (
        "requires",
        Kind::TextList,
        false,
        "requires = [\"another-course-id\"]",
    ),
    (
        "provider",
        Kind::Text,
        false,
        "provider = \"Regional Training Academy\"",
    ),
    (
        "certification",
        Kind::Text,
        false,
        "certification = \"POST-1234\"",
    ),
    (
        "objectives",
        Kind::TextList,
        false,
        "objectives = [\"What a learner will be able to do\"]",
    ),
    ("min_minutes", Kind::Whole, false, "min_minutes = 60"),
    ("reviewed", Kind::Text, false, "reviewed = \"2026-11\""),
    (
        "lessons",
        Kind::Lessons,
        false,
        "[[lessons]]\nfile = \"01-intro.md\"",
    ),
];

/// The keys of a `[[lessons]]` entry (the fields of `LessonEntry`).
const LESSON_KEYS: &[Key] = &[
    ("file", Kind::Text, false, "file = \"01-intro.md\""),
    ("title", Kind::Text, false, "title = \"Why Slow Down\""),
    (
        "scenario",
        Kind::Text,
        false,
        "scenario = \"01-call.scenario.toml\"",
    ),
    ("required", Kind::Bool, false, "required = false"),
    ("quiz", Kind::Text, false, "quiz = \"01-intro.quiz.toml\""),
    (
        "checks",
        Kind::Checks,
        false,
        "checks = [{ after_page = 3, quiz = \"01-intro-check.quiz.toml\" }]",
    ),
];

/// The keys of a knowledge check (the fields of `CheckEntry`).
const CHECK_KEYS: &[Key] = &[
    ("after_page", Kind::Whole, true, "after_page = 3"),
    (
        "quiz",
        Kind::Text,
        true,
        "quiz = \"01-intro-check.quiz.toml\"",
    ),
];

/// Every problem with the shape of `source` (a `course.toml`); empty when its shape is
/// right (or it is not TOML at all, which the reader reports).
pub(super) fn problems(path: &Path, source: &str) -> Vec<Diagnostic> {
    let Ok(root) = DeTable::parse(source) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let walk = Walk { path, source };
    walk.table(root.get_ref(), COURSE_KEYS, "course.toml", None, &mut out);
    if let Some(lessons) = root.get_ref().get("lessons")
        && let DeValue::Array(items) = lessons.get_ref()
    {
        for item in items {
            if let DeValue::Table(table) = item.get_ref() {
                let at = item.span();
                walk.table(
                    table,
                    LESSON_KEYS,
                    "a [[lessons]] entry",
                    Some(&at),
                    &mut out,
                );
                if let Some(checks) = table.get("checks")
                    && let DeValue::Array(checks) = checks.get_ref()
                {
                    for check in checks {
                        if let DeValue::Table(t) = check.get_ref() {
                            let at = check.span();
                            walk.table(t, CHECK_KEYS, "a knowledge check", Some(&at), &mut out);
                        }
                    }
                }
            }
        }
    }
    out.sort_by_key(|d| (d.line, d.column));
    out
}

/// `course.toml` with what [`problems`] reports taken out, so the checks of meaning (files
/// found, values in range) still run on the rest: unknown keys and values of the wrong kind
/// are dropped, a missing or broken title, summary or version is stood in for, and a knowledge
/// check missing a key is left out. `None` when even that does not read (then [`problems`]
/// is all there is to say).
pub(super) fn repaired(source: &str) -> Option<Repaired> {
    let mut root = DeTable::parse(source).ok()?;
    let span = root.span();
    let table = root.get_mut();
    let source_has_lessons = table.get("lessons").is_some();
    keep_known(table, COURSE_KEYS);
    for &(name, kind, required, _) in COURSE_KEYS {
        if required && kind == Kind::Text && table.get(name).is_none() {
            // A stand-in: the missing key is reported already, and is not empty.
            table.insert(
                Spanned::new(0..0, Cow::Borrowed(name)),
                Spanned::new(0..0, DeValue::String(Cow::Borrowed("?"))),
            );
        }
    }
    let mut had_name = Vec::new();
    let lessons_dropped = table.get("lessons").is_none() && source_has_lessons;
    if let Some(lessons) = table.get_mut("lessons")
        && let DeValue::Array(items) = lessons.get_mut()
    {
        for item in items.iter_mut() {
            if let DeValue::Table(lesson) = item.get_mut() {
                had_name.push(lesson.get("file").is_some() || lesson.get("scenario").is_some());
                keep_known(lesson, LESSON_KEYS);
                if let Some(checks) = lesson.get_mut("checks")
                    && let DeValue::Array(checks) = checks.get_mut()
                {
                    for check in checks.iter_mut() {
                        if let DeValue::Table(t) = check.get_mut() {
                            keep_known(t, CHECK_KEYS);
                        }
                    }
                    *checks = checks
                        .iter()
                        .filter(|c| {
                            c.get_ref()
                                .as_table()
                                .is_some_and(|t| CHECK_KEYS.iter().all(|k| t.get(k.0).is_some()))
                        })
                        .cloned()
                        .collect();
                }
            }
        }
    }
    let root = Spanned::new(span, std::mem::take(table));
    let file = CourseFile::deserialize(toml::de::Deserializer::from(root)).ok()?;
    Some(Repaired {
        file,
        had_name,
        lessons_dropped,
    })
}

/// `course.toml` read past its problems (see [`repaired`]).
pub(super) struct Repaired {
    /// What could be read.
    pub file: CourseFile,
    /// For each lesson, whether it had a `file` or `scenario` key, of whatever kind: a lesson
    /// whose name was of the wrong kind is reported for that, not also for naming nothing.
    pub had_name: Vec<bool>,
    /// Whether `lessons` was there and of the wrong kind (so "no lessons" is not news).
    pub lessons_dropped: bool,
}

impl Repaired {
    /// A file that read with nothing taken out.
    pub(super) fn whole(file: CourseFile) -> Self {
        let had_name = file
            .lessons
            .iter()
            .map(|l| l.get_ref().file.is_some() || l.get_ref().scenario.is_some())
            .collect();
        Self {
            file,
            had_name,
            lessons_dropped: false,
        }
    }
}

/// Drops the keys `keys` does not list and the values of the wrong kind.
fn keep_known(table: &mut DeTable<'_>, keys: &[Key]) {
    let drop: Vec<String> = table
        .iter()
        .filter(|(key, value)| {
            !keys
                .iter()
                .any(|k| k.0 == key.get_ref().as_ref() && k.1.accepts(value.get_ref()))
        })
        .map(|(key, _)| key.get_ref().to_string())
        .collect();
    for key in drop {
        table.remove(key.as_str());
    }
}

struct Walk<'a> {
    path: &'a Path,
    source: &'a str,
}

impl Walk<'_> {
    fn table(
        &self,
        table: &DeTable<'_>,
        keys: &[Key],
        what: &str,
        at: Option<&std::ops::Range<usize>>,
        out: &mut Vec<Diagnostic>,
    ) {
        let names: Vec<&str> = keys.iter().map(|k| k.0).collect();
        for (key, value) in table {
            let name: &str = key.get_ref();
            let Some(&(_, kind, _, example)) = keys.iter().find(|k| k.0 == name) else {
                out.push(
                    Diagnostic::error(
                        self.path,
                        format!(
                            "unknown key `{name}`{}",
                            crate::suggest::did_you_mean(name, names.iter().copied())
                        ),
                    )
                    .at(self.source, key.span())
                    .with_help(format!(
                        "remove it or fix its spelling; {what} takes {}",
                        names.join(", ")
                    )),
                );
                continue;
            };
            if !kind.accepts(value.get_ref()) {
                out.push(self.wrong_kind(name, kind, value, example));
            }
        }
        for &(name, _, required, example) in keys {
            if required && table.get(name).is_none() {
                let d = Diagnostic::error(self.path, format!("{what} has no `{name}`"))
                    .with_help(format!("add it, e.g. {example}"));
                out.push(match at {
                    Some(span) => d.at(self.source, span.clone()),
                    // The top of the file: where a missing key of the course goes.
                    None => Diagnostic {
                        line: Some(1),
                        column: Some(1),
                        ..d
                    },
                });
            }
        }
    }

    fn wrong_kind(
        &self,
        name: &str,
        kind: Kind,
        value: &Spanned<DeValue<'_>>,
        example: &str,
    ) -> Diagnostic {
        // In a list, point at the first item of the wrong kind.
        let (found, span) = match value.get_ref() {
            DeValue::Array(items)
                if matches!(kind, Kind::TextList | Kind::Lessons | Kind::Checks) =>
            {
                items
                    .iter()
                    .find(|i| !matches!(i.get_ref(), DeValue::String(_) | DeValue::Table(_)))
                    .map_or((found(value.get_ref()), value.span()), |i| {
                        (found(i.get_ref()), i.span())
                    })
            }
            other => (found(other), value.span()),
        };
        let message = if found == "a list" || !matches!(value.get_ref(), DeValue::Array(_)) {
            format!("`{name}` should be {}, not {found}", kind.expected())
        } else {
            format!(
                "`{name}` should be {}, but it holds {found}",
                kind.expected()
            )
        };
        Diagnostic::error(self.path, message)
            .at(self.source, span)
            .with_help(format!("write it like {example}"))
    }
}

/// A value's kind in words.
fn found(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "text",
        DeValue::Integer(_) => "a whole number",
        DeValue::Float(_) => "a number with a decimal point",
        DeValue::Boolean(_) => "true or false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names serde lists for an unknown key: the fields of the type.
    fn serde_fields<T: serde::de::DeserializeOwned + std::fmt::Debug>(toml: &str) -> Vec<String> {
        let err = toml::from_str::<T>(toml).unwrap_err().message().to_string();
        // Two fields read "expected `a` or `b`".
        let list = err
            .split("expected one of ")
            .nth(1)
            .or_else(|| err.split(", expected ").nth(1))
            .unwrap_or_else(|| panic!("{err}"))
            .replace(" or ", ", ");
        list.split(", ")
            .map(|f| f.trim().trim_matches('`').to_string())
            .collect()
    }

    #[test]
    fn the_keys_are_the_fields_of_the_types() {
        let course: Vec<&str> = COURSE_KEYS.iter().map(|k| k.0).collect();
        assert_eq!(
            serde_fields::<super::super::CourseFile>(
                "title = \"t\"\nsummary = \"s\"\nversion = \"1\"\nzzz = 1\n"
            ),
            course
        );
        let lesson: Vec<&str> = LESSON_KEYS.iter().map(|k| k.0).collect();
        assert_eq!(
            serde_fields::<super::super::LessonEntry>("zzz = 1\n"),
            lesson
        );
        let check: Vec<&str> = CHECK_KEYS.iter().map(|k| k.0).collect();
        assert_eq!(serde_fields::<super::super::CheckEntry>("zzz = 1\n"), check);
    }

    #[test]
    fn every_problem_at_once_in_plain_words() {
        let src = "title = \"T\"\nsumary = \"x\"\nversion = 1.0\nhours = \"two\"\n\
                   requires = [\"a\", 3]\n\n[[lessons]]\nfile = \"01-a.md\"\nquizz = \"q.toml\"\n\
                   required = \"yes\"\n";
        let got: Vec<String> = problems(Path::new("course.toml"), src)
            .iter()
            .map(|d| format!("{}: {}", d.line.unwrap_or(0), d.message))
            .collect();
        assert_eq!(
            got,
            [
                "1: course.toml has no `summary`",
                "2: unknown key `sumary` (did you mean `summary`?)",
                "3: `version` should be text in quotes, not a number with a decimal point",
                "4: `hours` should be a number, not text",
                "5: `requires` should be a list of texts in quotes, but it holds a whole number",
                "9: unknown key `quizz` (did you mean `quiz`?)",
                "10: `required` should be true or false, not text",
            ]
        );
        assert!(
            problems(
                Path::new("c"),
                "title = \"x\"\nsummary = \"s\"\nversion = \"1\"\n"
            )
            .is_empty()
        );
        assert!(problems(Path::new("c"), "not toml [").is_empty());
    }
}
