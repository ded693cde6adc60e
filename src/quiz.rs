//! Quiz files (`*.quiz.toml`): types, validation, drawing an attempt and pure grading.
//!
//! [`parse`] turns the file into a [`Quiz`]; [`draw`] picks and orders the questions of one
//! attempt; grading and scoring live here.

mod book;
mod draw;
pub mod items;
mod parse;
mod render;
#[cfg(test)]
mod tests;
pub mod xapi;

use std::collections::BTreeMap;
use std::time::Duration;

use serde::{Deserialize, Serialize};

pub use book::QuizBook;
pub use draw::{Arrangement, arrange, rearrange};
pub use parse::{derived_id, is_valid_question_id, load_quiz, parse_quiz, parse_retake_after};
pub use render::to_text;

/// When a learner sees whether an answer was right.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Feedback {
    /// After every question (practice).
    #[default]
    Each,
    /// Only after the attempt is submitted (assessment).
    End,
}

/// A validated quiz.
#[derive(Debug, Clone, PartialEq)]
pub struct Quiz {
    /// Title shown on the start screen.
    pub title: String,
    /// Pass mark set by the quiz itself, overriding the course's.
    pub pass_percent: Option<u8>,
    /// Shuffle question and choice order per attempt.
    pub shuffle: bool,
    /// When right/wrong, the right answer and explanations are shown.
    pub feedback: Feedback,
    /// Ask this many questions drawn from the pool (never more than the pool).
    pub draw: Option<usize>,
    /// Draw this many questions from each named group.
    pub draw_groups: BTreeMap<String, usize>,
    /// Most attempts a learner may make.
    pub max_attempts: Option<u32>,
    /// Time a learner waits after an attempt before the next one.
    pub retake_after: Option<Duration>,
    /// The pool of questions, in file order.
    pub questions: Vec<Question>,
    /// Lines of the top-level keys, for `check` messages.
    pub lines: KeyLines,
}

/// 1-based lines of a quiz file's top-level keys, where given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyLines {
    /// `draw`.
    pub draw: Option<usize>,
    /// `feedback`.
    pub feedback: Option<usize>,
    /// `[draw_groups]`.
    pub draw_groups: Option<usize>,
}

/// One question.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// Stable id: given in the file, else derived from the position (`q1`, `q2`, ...).
    pub id: String,
    /// Whether the file gave the id (`check` warns when it did not).
    pub id_given: bool,
    /// Group for `[draw_groups]`.
    pub group: Option<String>,
    /// Markdown prompt.
    pub prompt: String,
    /// Markdown shown after the answer is checked.
    pub explanation: Option<String>,
    /// The answer form.
    pub kind: QuestionKind,
    /// 1-based line of the question in the quiz file.
    pub line: usize,
}

/// The four answer forms.
#[derive(Debug, Clone, PartialEq)]
pub enum QuestionKind {
    /// Choices: one correct (pick one) or several (select all that apply).
    Choice(Vec<Choice>),
    /// True or false.
    TrueFalse(bool),
    /// A typed answer matching one of these.
    Typed(Vec<String>),
    /// Items in the right order.
    Order(Vec<String>),
}

/// One choice of a choice question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// Text shown.
    pub text: String,
    /// Whether choosing it is right.
    pub correct: bool,
    /// Why it is right or wrong.
    pub feedback: Option<String>,
}

impl QuestionKind {
    /// Whether this is a 'select all that apply' question.
    pub fn is_multi(&self) -> bool {
        matches!(self, Self::Choice(c) if c.iter().filter(|c| c.correct).count() > 1)
    }

    /// A short name of the form, for reports and checks.
    pub fn form_name(&self) -> &'static str {
        match self {
            Self::Choice(_) if self.is_multi() => "select-all",
            Self::Choice(_) => "pick-one",
            Self::TrueFalse(_) => "true-false",
            Self::Typed(_) => "typed",
            Self::Order(_) => "order",
        }
    }

    /// Number of items the learner picks among (choices or order items).
    pub fn item_count(&self) -> usize {
        match self {
            Self::Choice(c) => c.len(),
            Self::Order(o) => o.len(),
            Self::TrueFalse(_) => 2,
            Self::Typed(_) => 0,
        }
    }
}

impl Quiz {
    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// Position (0-based, file order) of the question with this id.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.questions.iter().position(|q| q.id == id)
    }

    /// The id of the question at a 1-based position in the file, as schema-1 progress records
    /// refer to questions (for migrating them to ids).
    pub fn id_at(&self, number: usize) -> Option<&str> {
        let q = self.questions.get(number.checked_sub(1)?)?;
        Some(&q.id)
    }

    /// Whether attempts ask a subset of the pool.
    pub fn draws(&self) -> bool {
        self.draw.is_some() || !self.draw_groups.is_empty()
    }

    /// How many questions one attempt asks.
    pub fn asked_count(&self) -> usize {
        draw::asked_count(self)
    }
}

/// What a learner answered. Indices always refer to the file's original order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// Chosen choices (one for pick-one).
    Choices(Vec<usize>),
    /// True or false.
    Bool(bool),
    /// Typed text.
    Text(String),
    /// Order items in the order picked.
    Order(Vec<usize>),
}

/// Folds a typed answer for comparing: trims, joins runs of white space, lowercases and drops
/// punctuation and dashes around the answer (`  Time. `, `— time —` and `time` match).
pub fn normalize(s: &str) -> String {
    fold_surrounding(s).to_lowercase()
}

/// [`normalize`] without the lowercasing: white space joined, punctuation and dashes around
/// the text dropped (the accepted answers' xAPI patterns keep their case).
pub fn fold_surrounding(s: &str) -> String {
    let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
    trim_surrounding(&joined).to_string()
}

/// `s` without the white space, punctuation and dashes around it. Dashes inside stay
/// (`de-escalation`), and so does one directly before a digit: that is a minus sign (`-40`).
fn trim_surrounding(s: &str) -> &str {
    let around = |c: char| c.is_whitespace() || is_punctuation(c) || is_dash(c);
    let mut rest = s.trim_end_matches(around);
    loop {
        let mut chars = rest.chars();
        match chars.next() {
            Some(c) if is_dash(c) && chars.as_str().starts_with(|d: char| d.is_ascii_digit()) => {
                return rest;
            }
            Some(c) if around(c) => rest = chars.as_str(),
            _ => return rest,
        }
    }
}

/// The dashes typed around an answer as punctuation: hyphen-minus, en dash and em dash.
fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2013}' | '\u{2014}')
}

/// Punctuation that may surround a typed answer without changing it.
fn is_punctuation(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '"'
            | '\''
            | '`'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '*'
            | '_'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201c}'
            | '\u{201d}'
            | '\u{ab}'
            | '\u{bb}'
            | '\u{bf}'
            | '\u{a1}'
            | '\u{2026}'
    )
}

/// Whether `answer` is fully right for `question`.
pub fn grade(question: &Question, answer: &Answer) -> bool {
    match (&question.kind, answer) {
        (QuestionKind::Choice(choices), Answer::Choices(picked)) => {
            let mut picked = picked.clone();
            picked.sort_unstable();
            picked.dedup();
            let correct: Vec<usize> = choices
                .iter()
                .enumerate()
                .filter(|(_, c)| c.correct)
                .map(|(i, _)| i)
                .collect();
            picked == correct
        }
        (QuestionKind::TrueFalse(right), Answer::Bool(given)) => right == given,
        (QuestionKind::Typed(accept), Answer::Text(given)) => {
            let given = normalize(given);
            !given.is_empty() && accept.iter().any(|a| normalize(a) == given)
        }
        (QuestionKind::Order(items), Answer::Order(picked)) => {
            picked.len() == items.len() && picked.iter().enumerate().all(|(i, &p)| i == p)
        }
        _ => false,
    }
}

/// Grades an answer to the question with id `id`; `None` when the quiz has no such question
/// (it was removed since the answer was given).
pub fn grade_by_id(quiz: &Quiz, id: &str, answer: &Answer) -> Option<bool> {
    quiz.question(id).map(|q| grade(q, answer))
}

/// The result of a finished attempt.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    /// Questions answered fully right.
    pub points: usize,
    /// Number of questions.
    pub total: usize,
    /// points / total × 100.
    pub percent: f64,
    /// percent >= pass mark.
    pub passed: bool,
}

/// Scores a list of per-question results against a pass mark.
pub fn score(results: &[bool], pass_percent: u8) -> Score {
    let total = results.len();
    let points = results.iter().filter(|r| **r).count();
    #[allow(clippy::cast_precision_loss)]
    let percent = if total == 0 {
        0.0
    } else {
        points as f64 * 100.0 / total as f64
    };
    Score {
        points,
        total,
        percent,
        // Compare in integers so 4/5 = 80% passes an 80% mark despite float rounding.
        passed: total > 0 && points * 100 >= usize::from(pass_percent) * total,
    }
}
