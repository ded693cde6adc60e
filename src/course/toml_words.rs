//! A TOML reader's error in the words of the course format: syntax errors and serde's kinds
//! of value in plain words, an unknown key with "did you mean", and a located diagnostic.
//! Course, quiz and scenario files all report through [`toml_error`].

use std::path::Path;

use crate::diagnostic::Diagnostic;

/// The TOML reader's words for a syntax error, in plain words: the whole message, for one
/// that starts with a phrase listed here.
fn syntax_words(message: &str) -> Option<&'static str> {
    [
        (
            "invalid basic string, expected non-double-quote visible characters",
            "text in quotes holds a character that cannot be written there (a control character such as a tab): write \\t for a tab, or remove it",
        ),
        (
            "invalid literal string, expected non-single-quote visible characters",
            "text in single quotes holds a character that cannot be written there (a control character such as a tab): remove it",
        ),
        (
            "invalid basic string, expected `\"`",
            "text in quotes has no closing `\"`",
        ),
        (
            "invalid literal string, expected `'`",
            "text in single quotes has no closing `'`",
        ),
        ("invalid multi-line basic string", "text in triple quotes is not closed"),
        ("string values must be quoted", "text must be in quotes"),
        (
            "missing assignment between key-value pairs",
            "a key must be followed by `=` and its value",
        ),
        ("key with no value", "a key has no value"),
        ("missing value for key", "a key has no value"),
        ("unclosed array table", "a [[table]] name has no closing `]]`"),
        ("unclosed inline table", "a { } table has no closing `}`"),
        ("unclosed array", "a list has no closing `]`"),
        ("unclosed table", "a [table] name has no closing `]`"),
        ("missing comma between array elements", "a `,` is missing between items of a list"),
        ("extra comma in array", "a list has a `,` too many"),
        (
            "invalid unquoted key",
            "a key holds a character a key cannot (use letters, digits, `_` and `-`, or put the key in quotes)",
        ),
        ("duplicate key", "a key is given twice"),
    ]
    .iter()
    .find(|(from, _)| message.starts_with(from))
    .map(|(_, to)| *to)
}

/// Serde's words for kinds of value, in the words of the course format.
fn plain_words(message: &str) -> String {
    [
        ("invalid type: ", "wrong kind of value: "),
        ("expected f64", "expected a number, like 2.0"),
        ("expected f32", "expected a number, like 2.0"),
        ("expected i64", "expected a whole number"),
        ("expected u32", "expected a whole number"),
        ("expected u8", "expected a whole number"),
        ("expected usize", "expected a whole number"),
        ("expected a string", "expected text in quotes"),
        ("expected a boolean", "expected true or false"),
        ("expected a sequence", "expected a list in [ ]"),
        ("floating point", "number"),
        ("integer", "whole number"),
        ("unknown field", "unknown key"),
        ("missing field", "missing key"),
    ]
    .iter()
    .fold(message.to_string(), |m, (from, to)| m.replace(from, to))
}

/// serde's "unknown field `x`, expected one of `a`, `b`" as "unknown key `x` (did you mean
/// `a`?)", with the keys the table takes in the help.
fn unknown_key(path: &Path, source: &str, err: &toml::de::Error, raw: &str) -> Option<Diagnostic> {
    let rest = raw.strip_prefix("unknown field `")?;
    let (key, rest) = rest.split_once('`')?;
    let keys: Vec<&str> = rest
        .strip_prefix(", expected one of ")
        .or_else(|| rest.strip_prefix(", expected "))?
        .split(", ")
        .map(|k| k.trim_matches('`'))
        .collect();
    let d = Diagnostic::error(
        path,
        format!(
            "unknown key `{key}`{}",
            crate::suggest::did_you_mean(key, keys.iter().copied())
        ),
    )
    .with_help(format!(
        "remove it or fix its spelling; this table takes {}",
        keys.join(", ")
    ));
    Some(match err.span() {
        Some(span) => d.at(source, span),
        None => d,
    })
}

/// Turns a TOML parse error into a located diagnostic.
#[must_use]
pub fn toml_error(path: &Path, source: &str, err: &toml::de::Error) -> Diagnostic {
    let raw = err.message().trim().trim_end_matches('.');
    if let Some(d) = unknown_key(path, source, err, raw) {
        return d;
    }
    let message = syntax_words(raw).map_or_else(|| plain_words(raw), str::to_string);
    let help = if message.starts_with("unknown key") {
        "remove the key or fix its spelling (see docs/course-format.md)"
    } else if message.starts_with("missing key") {
        "add the missing key (see docs/course-format.md)"
    } else if message.starts_with("wrong kind of value") {
        "give the value the type the format expects (see docs/course-format.md)"
    } else {
        // Shown under a snippet and on one line alike (a notice, preview): name the place.
        "fix the TOML syntax at the line and column named (see docs/course-format.md)"
    };
    let d = Diagnostic::error(path, message).with_help(help);
    match err.span() {
        Some(span) => d.at(source, span),
        None => d,
    }
}
