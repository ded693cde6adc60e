//! Reading and validating a quiz file: every problem found, with file, line and a hint.
//!
//! Work stays linear in the file's size (a line index, set-based duplicate checks, one
//! message per kind of problem per question), so a hostile 1 MiB file checks in well under a
//! second.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::path::Path;
use std::time::Duration;

use serde::Deserialize;
use toml::Spanned;

use super::{Choice, Feedback, KeyLines, Question, QuestionKind, Quiz, normalize};
use crate::course::{read_text_file, toml_error};
use crate::diagnostic::{Diagnostic, LineIndex};

/// Most choices or order items a question may have (keys 1-9 pick them).
const MAX_ITEMS: usize = 9;

/// A quiz file as written by the author.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuizFile {
    title: Option<String>,
    pass_percent: Option<Spanned<i64>>,
    #[serde(default)]
    shuffle: bool,
    feedback: Option<Spanned<Feedback>>,
    draw: Option<Spanned<i64>>,
    max_attempts: Option<Spanned<i64>>,
    retake_after: Option<Spanned<String>>,
    draw_groups: Option<Spanned<BTreeMap<String, Spanned<i64>>>>,
    #[serde(default)]
    questions: Vec<Spanned<RawQuestion>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: Option<Spanned<String>>,
    group: Option<Spanned<String>>,
    prompt: Spanned<String>,
    explanation: Option<String>,
    choices: Option<Spanned<Vec<Spanned<RawChoice>>>>,
    answer: Option<Spanned<bool>>,
    accept: Option<Spanned<Vec<String>>>,
    order: Option<Spanned<Vec<String>>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChoice {
    text: String,
    #[serde(default)]
    correct: bool,
    feedback: Option<String>,
}

/// The id a question without one gets from its 1-based position: `q1`, `q2`, ...
pub fn derived_id(number: usize) -> String {
    format!("q{number}")
}

/// Whether `id` is a valid question id: lowercase ASCII letters, digits and '-'.
pub fn is_valid_question_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Parses a `retake_after` value: a whole number followed by `m`, `h` or `d`.
pub fn parse_retake_after(s: &str) -> Option<Duration> {
    let s = s.trim();
    let unit = s.chars().last()?;
    let seconds = match unit {
        'm' => 60,
        'h' => 3600,
        'd' => 86_400,
        _ => return None,
    };
    let digits = &s[..s.len() - 1];
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u64 = digits.parse().ok()?;
    // A year is plenty; a bigger figure is a typo.
    (n > 0 && n.checked_mul(seconds)? <= 366 * 86_400).then(|| Duration::from_secs(n * seconds))
}

/// Loads and validates a quiz file.
///
/// # Errors
/// Every problem found, each with file, line and a hint; never empty.
pub fn load_quiz(path: &Path) -> Result<Quiz, Vec<Diagnostic>> {
    let source = read_text_file(path).map_err(|e| vec![e])?;
    parse_quiz(path, &source)
}

/// Where errors go while a file is validated.
struct Ctx<'a> {
    path: &'a Path,
    source: &'a str,
    index: LineIndex,
    errors: Vec<Diagnostic>,
}

impl Ctx<'_> {
    fn err(&mut self, msg: impl Into<String>, span: Range<usize>, help: &str) {
        let d = Diagnostic::error(self.path, msg)
            .at_indexed(&self.index, self.source, span)
            .with_help(help.to_string());
        self.errors.push(d);
    }

    fn line(&self, span: &Range<usize>) -> usize {
        self.index.line_col(self.source, span.start).0
    }

    /// A whole number in `lo..=hi`, else an error at its span.
    fn int_in(
        &mut self,
        value: Option<&Spanned<i64>>,
        key: &str,
        lo: i64,
        hi: i64,
        help: &str,
    ) -> Option<i64> {
        let v = value?;
        let n = *v.get_ref();
        if (lo..=hi).contains(&n) {
            Some(n)
        } else {
            self.err(format!("{key} = {n} is out of range"), v.span(), help);
            None
        }
    }
}

/// Parses and validates quiz text; `path` is used in messages.
///
/// # Errors
/// Every problem found, each with file, line and a hint; never empty.
pub fn parse_quiz(path: &Path, source: &str) -> Result<Quiz, Vec<Diagnostic>> {
    let file: QuizFile = toml::from_str(source).map_err(|e| vec![toml_error(path, source, &e)])?;
    let mut cx = Ctx {
        path,
        source,
        index: LineIndex::new(source),
        errors: Vec::new(),
    };
    let pass_percent = cx
        .int_in(
            file.pass_percent.as_ref(),
            "pass_percent",
            0,
            100,
            "use a whole number from 0 to 100",
        )
        .and_then(|v| u8::try_from(v).ok());
    let draw = cx
        .int_in(
            file.draw.as_ref(),
            "draw",
            1,
            i64::from(u32::MAX),
            "ask at least 1 question, e.g. draw = 10",
        )
        .and_then(|v| usize::try_from(v).ok());
    let max_attempts = cx
        .int_in(
            file.max_attempts.as_ref(),
            "max_attempts",
            1,
            1000,
            "allow at least 1 attempt, e.g. max_attempts = 3",
        )
        .and_then(|v| u32::try_from(v).ok());
    let retake_after = file.retake_after.as_ref().and_then(|r| {
        let parsed = parse_retake_after(r.get_ref());
        if parsed.is_none() {
            cx.err(
                format!("retake_after = \"{}\" is not a wait time", r.get_ref()),
                r.span(),
                "write a whole number and m, h or d (at most a year), e.g. \"30m\", \"24h\" or \"7d\"",
            );
        }
        parsed
    });
    if file.questions.is_empty() {
        cx.errors.push(
            Diagnostic::error(path, "the quiz has no questions")
                .at_line(1)
                .with_help("add a [[questions]] table"),
        );
    }
    let mut questions = Vec::with_capacity(file.questions.len());
    for (i, q) in file.questions.iter().enumerate() {
        if let Some(q) = validate_question(&mut cx, q, i + 1) {
            questions.push(q);
        }
    }
    check_ids(&mut cx, &file.questions);
    let draw_groups = check_draw_groups(&mut cx, &file);
    let lines = KeyLines {
        draw: file.draw.as_ref().map(|d| cx.line(&d.span())),
        feedback: file.feedback.as_ref().map(|f| cx.line(&f.span())),
        draw_groups: file.draw_groups.as_ref().map(|g| cx.line(&g.span())),
    };
    if !cx.errors.is_empty() {
        return Err(cx.errors);
    }
    Ok(Quiz {
        title: file
            .title
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| "Check your understanding".into()),
        pass_percent,
        shuffle: file.shuffle,
        feedback: file.feedback.map(Spanned::into_inner).unwrap_or_default(),
        draw,
        draw_groups,
        max_attempts,
        retake_after,
        questions,
        lines,
    })
}

/// Ids: well formed, unique, and not equal to the id another question gets from its position.
fn check_ids(cx: &mut Ctx<'_>, questions: &[Spanned<RawQuestion>]) {
    let mut seen: HashMap<String, usize> = HashMap::with_capacity(questions.len());
    for (i, q) in questions.iter().enumerate() {
        let n = i + 1;
        let id = q.get_ref().id.as_ref();
        let text = id.map_or_else(|| derived_id(n), |id| id.get_ref().trim().to_string());
        if let Some(id) = id
            && !is_valid_question_id(&text)
        {
            cx.err(
                format!("question id `{}` is not valid", id.get_ref()),
                id.span(),
                "use lowercase letters, digits and '-', e.g. id = \"knife-first-move\"",
            );
            continue;
        }
        if let Some(&first) = seen.get(&text) {
            let span = id.map_or_else(|| q.span(), Spanned::span);
            let given = if id.is_some() {
                ""
            } else {
                " from its position"
            };
            cx.err(
                format!("question {n} gets id `{text}`{given}, which question {first} already has"),
                span,
                "give every question its own `id` (ids from positions are q1, q2, ...)",
            );
        } else {
            seen.insert(text, n);
        }
    }
}

/// `[draw_groups]`: every named group is used by a question; counts are whole numbers.
fn check_draw_groups(cx: &mut Ctx<'_>, file: &QuizFile) -> BTreeMap<String, usize> {
    let Some(groups) = &file.draw_groups else {
        return BTreeMap::new();
    };
    let used: HashSet<&str> = file
        .questions
        .iter()
        .filter_map(|q| q.get_ref().group.as_ref().map(|g| g.get_ref().trim()))
        .collect();
    let mut out = BTreeMap::new();
    for (name, k) in groups.get_ref() {
        if !used.contains(name.as_str()) {
            cx.err(
                format!("[draw_groups] names `{name}`, but no question has group = \"{name}\""),
                k.span(),
                "set `group` on the questions of that group, or fix the name",
            );
            continue;
        }
        if let Some(k) = cx.int_in(
            Some(k),
            &format!("draw_groups.{name}"),
            0,
            i64::from(u32::MAX),
            "draw a whole number of questions from the group, e.g. 3",
        ) && let Ok(k) = usize::try_from(k)
        {
            out.insert(name.clone(), k);
        }
    }
    out
}

fn validate_question(
    cx: &mut Ctx<'_>,
    q: &Spanned<RawQuestion>,
    number: usize,
) -> Option<Question> {
    let span = q.span();
    let raw = q.get_ref();
    let before = cx.errors.len();
    if raw.prompt.get_ref().trim().is_empty() {
        cx.err(
            "the question's prompt is empty",
            raw.prompt.span(),
            "write the question in `prompt`",
        );
    }
    let group = raw.group.as_ref().and_then(|g| {
        let name = g.get_ref().trim();
        if name.is_empty() {
            cx.err(
                "the question's group is empty",
                g.span(),
                "name the group, e.g. group = \"lesson1\", or remove `group`",
            );
            None
        } else {
            Some(name.to_string())
        }
    });
    let forms = [
        raw.choices.as_ref().map(Spanned::span),
        raw.answer.as_ref().map(Spanned::span),
        raw.accept.as_ref().map(Spanned::span),
        raw.order.as_ref().map(Spanned::span),
    ];
    let present: Vec<_> = forms.iter().flatten().cloned().collect();
    let help_forms = "give exactly one of [[questions.choices]], answer = true/false, accept = [...] or order = [...]";
    let kind = match present.len() {
        0 => {
            cx.err("the question has no answer form", span.clone(), help_forms);
            None
        }
        1 => check_form(cx, raw),
        _ => {
            cx.err(
                "the question has more than one answer form",
                present[1].clone(),
                help_forms,
            );
            None
        }
    };
    let kind = kind.filter(|_| cx.errors.len() == before)?;
    let id = raw.id.as_ref().map(|i| i.get_ref().trim().to_string());
    Some(Question {
        id_given: id.is_some(),
        id: id.unwrap_or_else(|| derived_id(number)),
        group,
        prompt: raw.prompt.get_ref().trim().to_string(),
        explanation: raw
            .explanation
            .as_ref()
            .map(|e| e.trim().to_string())
            .filter(|e| !e.is_empty()),
        kind,
        line: cx.line(&span),
    })
}

/// Checks a list of choice texts or order items: at most one message per kind of problem.
fn check_items<'a>(
    cx: &mut Ctx<'_>,
    items: impl Iterator<Item = (&'a str, Range<usize>)>,
    what: &str,
) {
    let mut seen = HashSet::new();
    let mut empty_reported = false;
    let mut dup_reported = false;
    for (text, span) in items {
        let text = text.trim();
        if text.is_empty() {
            if !empty_reported {
                empty_reported = true;
                cx.err(
                    format!("{what} is empty"),
                    span,
                    "write the text, or remove the empty entry",
                );
            }
        } else if !seen.insert(text) && !dup_reported {
            dup_reported = true;
            cx.err(
                format!(
                    "duplicate {} `{text}`",
                    what.trim_start_matches("a ").trim_start_matches("an ")
                ),
                span,
                "each entry must be different: remove or reword one of the two",
            );
        }
    }
}

fn check_form(cx: &mut Ctx<'_>, raw: &RawQuestion) -> Option<QuestionKind> {
    if let Some(choices) = &raw.choices {
        let list = choices.get_ref();
        if list.len() < 2 {
            cx.err(
                format!(
                    "a choice question needs 2 or more choices, found {}",
                    list.len()
                ),
                choices.span(),
                "add another [[questions.choices]] entry",
            );
        } else if list.len() > MAX_ITEMS {
            cx.err(
                format!(
                    "a question can have at most 9 choices, found {}",
                    list.len()
                ),
                choices.span(),
                "keys 1-9 pick choices: split the question",
            );
        }
        if !list.iter().any(|c| c.get_ref().correct) {
            cx.err(
                "no choice is marked correct",
                choices.span(),
                "add `correct = true` to the right choice(s)",
            );
        }
        check_items(
            cx,
            list.iter().map(|c| (c.get_ref().text.as_str(), c.span())),
            "a choice",
        );
        return Some(QuestionKind::Choice(
            list.iter()
                .map(|c| {
                    let c = c.get_ref();
                    Choice {
                        text: c.text.trim().to_string(),
                        correct: c.correct,
                        feedback: c
                            .feedback
                            .as_ref()
                            .map(|f| f.trim().to_string())
                            .filter(|f| !f.is_empty()),
                    }
                })
                .collect(),
        ));
    }
    if let Some(answer) = &raw.answer {
        return Some(QuestionKind::TrueFalse(*answer.get_ref()));
    }
    if let Some(accept) = &raw.accept {
        if !accept.get_ref().iter().any(|a| !normalize(a).is_empty()) {
            cx.err(
                "`accept` has no answers",
                accept.span(),
                "list at least one accepted answer, e.g. accept = [\"988\"]",
            );
        }
        return Some(QuestionKind::Typed(accept.get_ref().clone()));
    }
    if let Some(order) = &raw.order {
        let list = order.get_ref();
        if list.len() < 2 {
            cx.err(
                format!(
                    "an order question needs 2 or more items, found {}",
                    list.len()
                ),
                order.span(),
                "list the steps in the right order",
            );
        } else if list.len() > MAX_ITEMS {
            cx.err(
                format!(
                    "an order question can have at most 9 items, found {}",
                    list.len()
                ),
                order.span(),
                "keys 1-9 pick items: shorten the list",
            );
        }
        check_items(
            cx,
            list.iter().map(|item| (item.as_str(), order.span())),
            "an order item",
        );
        return Some(QuestionKind::Order(list.clone()));
    }
    None
}
