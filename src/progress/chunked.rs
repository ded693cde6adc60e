//! Parsing a big progress file one attempt at a time.
//!
//! A TOML parser builds a tree of the whole document before a record is made of it, and that
//! tree takes about ten times the text: a 15 MB file of attempts needed over 300 MB. Files
//! rollcall writes put the head (schema, learner, courses) first and then one `[[attempts]]`
//! table per attempt, each followed by its `[[attempts.answers]]`. This splits such a file at
//! the `[[attempts]]` lines and parses the head and each attempt on its own, so the tree is
//! never bigger than one attempt. Any file that does not have exactly that shape (multi-line
//! strings, which could hide a header line; other tables after the attempts; attempts
//! written inline in the head) returns `None`, and the caller parses it whole, which also
//! gives its error messages with line numbers.

use serde::Deserialize;

use super::{Attempt, PageSet, Progress, SCHEMA};

/// One `[[attempts]]` table on its own.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OneAttempt {
    attempts: Vec<Attempt>,
}

const ATTEMPT: &str = "[[attempts]]";

/// `[[attempts.answers]]`, `[attempts.answers.answer]` and the like: parts of the attempt
/// above them.
fn is_attempt_subtable(header: &str) -> bool {
    let name = header.trim_start_matches('[').trim_end_matches(']').trim();
    name.starts_with("attempts.")
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_')
        && header.ends_with(']')
}

/// The record, or `None` when the text does not have the simple shape (or has any error).
pub(super) fn parse(source: &str) -> Option<Progress> {
    if source.contains("\"\"\"") || source.contains("'''") {
        return None;
    }
    let (head, rest) = match find_header(source, ATTEMPT) {
        Some(at) => source.split_at(at),
        None => (source, ""),
    };
    let mut progress = parse_head(head)?;
    if !progress.attempts.is_empty() && !rest.is_empty() {
        return None;
    }
    for chunk in split_attempts(rest)? {
        let mut one: OneAttempt = toml::from_str(chunk).ok()?;
        if one.attempts.len() != 1 {
            return None;
        }
        progress.attempts.append(&mut one.attempts);
    }
    Some(progress)
}

/// The byte offset of the first line that is exactly `header` (ignoring trailing space).
fn find_header(text: &str, header: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_end() == header {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

/// Splits the text after the head into one chunk per attempt; `None` when a line looks like
/// any other table header.
fn split_attempts(rest: &str) -> Option<Vec<&str>> {
    let mut chunks = Vec::new();
    let mut start = 0;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed == ATTEMPT {
            if offset > start {
                chunks.push(&rest[start..offset]);
            }
            start = offset;
        } else if trimmed.starts_with('[') && !is_attempt_subtable(trimmed) {
            return None;
        }
        offset += line.len();
    }
    if offset > start {
        chunks.push(&rest[start..offset]);
    }
    Some(chunks)
}

/// Parses the head, with one-line `pages_seen = [1, 2, ...]` lists (schema 1) turned into
/// ranges first, so a runaway list does not become a tree of numbers.
fn parse_head(head: &str) -> Option<Progress> {
    let mut text = String::with_capacity(head.len().min(1 << 20));
    for line in head.split_inclusive('\n') {
        match compact_pages_line(line) {
            Some(compact) => text.push_str(&compact),
            None => text.push_str(line),
        }
    }
    let progress = super::parse_whole(&text).ok()?;
    (progress.schema <= SCHEMA).then_some(progress)
}

/// `pages_seen = [1, 2, 3, 7]` → `pages_seen = "1-3,7"`; `None` for any other line.
fn compact_pages_line(line: &str) -> Option<String> {
    let body = line.trim();
    let value = body
        .strip_prefix("pages_seen")?
        .trim_start()
        .strip_prefix('=')?;
    let list = value.trim().strip_prefix('[')?.strip_suffix(']')?;
    if !list
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b',' || b == b' ' || b == b'\t')
    {
        return None;
    }
    let mut set = PageSet::new();
    for item in list.split(',').map(str::trim) {
        if item.is_empty() {
            continue;
        }
        set.insert(item.parse().ok()?);
    }
    let indent = &line[..line.len() - line.trim_start().len()];
    let end = if line.ends_with('\n') { "\n" } else { "" };
    Some(format!("{indent}pages_seen = \"{set}\"{end}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"schema = 1
learner = "jdoe"

[courses.c]
first_opened = "2026-11-20T09:00:00.000-05:00"

[courses.c.lessons.l]
page = 2
pages_seen = [1, 2, 3, 5]
pages_total = 5

[[attempts]]
id = "a1"
course = "c"
lesson = "l"
quiz = "l.quiz.toml"
course_version = "1.0"
started = "2026-11-20T09:00:00.000-05:00"
finished = "2026-11-20T09:05:00.000-05:00"
score = 1
total = 2
percent = 50.0
passed = false
pass_percent = 80

[[attempts.answers]]
question = 1
answer = { choices = [1] }
correct = true

[[attempts]]
id = "a2"
course = "c"
lesson = "l"
quiz = "l.quiz.toml"
course_version = "1.0"
started = "2026-11-20T09:10:00.000-05:00"
finished = "2026-11-20T09:15:00.000-05:00"
score = 2
total = 2
percent = 100.0
passed = true
pass_percent = 80
"#;

    #[test]
    fn chunked_parse_equals_the_whole_parse() {
        let fast = parse(FILE).unwrap();
        let whole = super::super::parse_whole(FILE).unwrap();
        assert_eq!(fast, whole);
        assert_eq!(fast.attempts.len(), 2);
        assert_eq!(fast.attempts[0].answers.len(), 1);
        assert_eq!(
            fast.courses["c"].lessons["l"].pages_seen,
            PageSet::from([1, 2, 3, 5])
        );
        // What rollcall writes today parses the same way.
        let written = crate::progress::to_toml(&whole).unwrap();
        assert_eq!(
            parse(&written).unwrap(),
            super::super::parse_whole(&written).unwrap()
        );
    }

    #[test]
    fn unusual_shapes_take_the_whole_parse() {
        let later_table = format!("{FILE}\n[courses.d]\n");
        assert!(parse(&later_table).is_none());
        let multiline = FILE.replace(
            "quiz = \"l.quiz.toml\"",
            "quiz = \"\"\"l\n[[attempts]]\"\"\"",
        );
        assert!(parse(&multiline).is_none());
        let inline = FILE.replace("learner = \"jdoe\"", "learner = \"jdoe\"\nattempts = []");
        assert!(parse(&inline).is_none() || parse(&inline).unwrap().attempts.len() == 2);
        let broken = FILE.replace("score = 2", "score = \"two\"");
        assert!(parse(&broken).is_none());
        assert!(parse("schema = 9\nlearner = \"x\"\n").is_none());
    }

    #[test]
    fn one_line_page_lists_are_compacted() {
        assert_eq!(
            compact_pages_line("pages_seen = [1, 2, 3, 7]\n").as_deref(),
            Some("pages_seen = \"1-3,7\"\n")
        );
        assert_eq!(compact_pages_line("pages_seen = \"1-3\"\n"), None);
        assert_eq!(compact_pages_line("page = 1\n"), None);
        assert_eq!(compact_pages_line("pages_seen = [1, 2, # x\n"), None);
    }
}
