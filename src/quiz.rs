//! Quiz files (`*.quiz.toml`): types, validation and pure grading.

use std::path::Path;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::course::{read_text_file, toml_error};
use crate::diagnostic::Diagnostic;

/// A quiz file as written by the author.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuizFile {
    title: Option<String>,
    pass_percent: Option<Spanned<i64>>,
    #[serde(default)]
    shuffle: bool,
    #[serde(default)]
    questions: Vec<Spanned<RawQuestion>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
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

/// A validated quiz.
#[derive(Debug, Clone, PartialEq)]
pub struct Quiz {
    /// Title shown on the start screen.
    pub title: String,
    /// Pass mark set by the quiz itself, overriding the course's.
    pub pass_percent: Option<u8>,
    /// Shuffle question and choice order per attempt.
    pub shuffle: bool,
    /// The questions, in file order.
    pub questions: Vec<Question>,
}

/// One question.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
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

/// Loads and validates a quiz file.
///
/// # Errors
/// Every problem found, each with file, line and a hint; never empty.
pub fn load_quiz(path: &Path) -> Result<Quiz, Vec<Diagnostic>> {
    let source = read_text_file(path).map_err(|e| vec![e])?;
    parse_quiz(path, &source)
}

/// Parses and validates quiz text; `path` is used in messages.
///
/// # Errors
/// Every problem found, each with file, line and a hint; never empty.
pub fn parse_quiz(path: &Path, source: &str) -> Result<Quiz, Vec<Diagnostic>> {
    let file: QuizFile = toml::from_str(source).map_err(|e| vec![toml_error(path, source, &e)])?;
    let mut errors = Vec::new();
    let pass_percent = file.pass_percent.as_ref().and_then(|p| {
        let v = u8::try_from(*p.get_ref()).ok().filter(|v| *v <= 100);
        if v.is_none() {
            errors.push(
                Diagnostic::error(
                    path,
                    format!("pass_percent = {} is out of range", p.get_ref()),
                )
                .at(source, p.span())
                .with_help("use a whole number from 0 to 100"),
            );
        }
        v
    });
    if file.questions.is_empty() {
        errors.push(
            Diagnostic::error(path, "the quiz has no questions")
                .at_line(1)
                .with_help("add a [[questions]] table"),
        );
    }
    let mut questions = Vec::new();
    for q in &file.questions {
        match validate_question(path, source, q) {
            Ok(q) => questions.push(q),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Quiz {
        title: file
            .title
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| "Check your understanding".into()),
        pass_percent,
        shuffle: file.shuffle,
        questions,
    })
}

fn validate_question(
    path: &Path,
    source: &str,
    q: &Spanned<RawQuestion>,
) -> Result<Question, Vec<Diagnostic>> {
    let span = q.span();
    let raw = q.get_ref();
    let err = |msg: String, span: std::ops::Range<usize>, help: &str| {
        Diagnostic::error(path, msg)
            .at(source, span)
            .with_help(help.to_string())
    };
    let mut errors = Vec::new();
    if raw.prompt.get_ref().trim().is_empty() {
        errors.push(err(
            "the question's prompt is empty".into(),
            raw.prompt.span(),
            "write the question in `prompt`",
        ));
    }
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
            errors.push(err(
                "the question has no answer form".into(),
                span.clone(),
                help_forms,
            ));
            None
        }
        1 => check_form(raw, &err, &mut errors),
        _ => {
            errors.push(err(
                "the question has more than one answer form".into(),
                present[1].clone(),
                help_forms,
            ));
            None
        }
    };
    match kind {
        Some(kind) if errors.is_empty() => Ok(Question {
            prompt: raw.prompt.get_ref().trim().to_string(),
            explanation: raw
                .explanation
                .as_ref()
                .map(|e| e.trim().to_string())
                .filter(|e| !e.is_empty()),
            kind,
            line: crate::diagnostic::line_col(source, span.start).0,
        }),
        _ => Err(errors),
    }
}

fn check_form(
    raw: &RawQuestion,
    err: &impl Fn(String, std::ops::Range<usize>, &str) -> Diagnostic,
    errors: &mut Vec<Diagnostic>,
) -> Option<QuestionKind> {
    if let Some(choices) = &raw.choices {
        let list = choices.get_ref();
        if list.len() < 2 {
            errors.push(err(
                format!(
                    "a choice question needs 2 or more choices, found {}",
                    list.len()
                ),
                choices.span(),
                "add another [[questions.choices]] entry",
            ));
        } else if list.len() > 9 {
            errors.push(err(
                format!(
                    "a question can have at most 9 choices, found {}",
                    list.len()
                ),
                choices.span(),
                "keys 1-9 pick choices: split the question",
            ));
        }
        if !list.iter().any(|c| c.get_ref().correct) {
            errors.push(err(
                "no choice is marked correct".into(),
                choices.span(),
                "add `correct = true` to the right choice(s)",
            ));
        }
        for (i, c) in list.iter().enumerate() {
            let text = c.get_ref().text.trim();
            if text.is_empty() {
                errors.push(err(
                    "a choice has empty text".into(),
                    c.span(),
                    "write the choice in `text`",
                ));
            } else if list[..i].iter().any(|p| p.get_ref().text.trim() == text) {
                errors.push(err(
                    format!("duplicate choice `{text}`"),
                    c.span(),
                    "remove or reword one of the two choices",
                ));
            }
        }
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
        let list: Vec<String> = accept
            .get_ref()
            .iter()
            .map(|a| normalize(a))
            .filter(|a| !a.is_empty())
            .collect();
        if list.is_empty() {
            errors.push(err(
                "`accept` has no answers".into(),
                accept.span(),
                "list at least one accepted answer, e.g. accept = [\"988\"]",
            ));
        }
        return Some(QuestionKind::Typed(accept.get_ref().clone()));
    }
    if let Some(order) = &raw.order {
        let list = order.get_ref();
        if list.len() < 2 {
            errors.push(err(
                format!(
                    "an order question needs 2 or more items, found {}",
                    list.len()
                ),
                order.span(),
                "list the steps in the right order",
            ));
        } else if list.len() > 9 {
            errors.push(err(
                format!(
                    "an order question can have at most 9 items, found {}",
                    list.len()
                ),
                order.span(),
                "keys 1-9 pick items: shorten the list",
            ));
        }
        for (i, item) in list.iter().enumerate() {
            if item.trim().is_empty() {
                errors.push(err(
                    "an order item is empty".into(),
                    order.span(),
                    "remove the empty item",
                ));
            } else if list[..i].iter().any(|p| p.trim() == item.trim()) {
                errors.push(err(
                    format!("duplicate order item `{}`", item.trim()),
                    order.span(),
                    "each item must be different so the order is unambiguous",
                ));
            }
        }
        return Some(QuestionKind::Order(list.clone()));
    }
    None
}

/// Lowercases, trims and folds runs of white space, for comparing typed answers.
pub fn normalize(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
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

/// The order in which one attempt shows questions and each question's items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arrangement {
    /// Question indices in the order shown.
    pub questions: Vec<usize>,
    /// For each question (by original index), its item indices in the order shown.
    pub items: Vec<Vec<usize>>,
}

/// Arranges an attempt: shuffled with `seed` when the quiz asks for it; order questions are
/// always shown shuffled (never in the right order when that can be avoided).
pub fn arrange(quiz: &Quiz, seed: u64) -> Arrangement {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut questions: Vec<usize> = (0..quiz.questions.len()).collect();
    if quiz.shuffle {
        rng.shuffle(&mut questions);
    }
    let items = quiz
        .questions
        .iter()
        .map(|q| {
            let n = q.kind.item_count();
            let mut idx: Vec<usize> = (0..n).collect();
            match q.kind {
                QuestionKind::Order(_) => {
                    rng.shuffle(&mut idx);
                    if idx.iter().enumerate().all(|(i, &v)| i == v) {
                        idx.rotate_left(1);
                    }
                }
                QuestionKind::Choice(_) if quiz.shuffle => rng.shuffle(&mut idx),
                _ => {}
            }
            idx
        })
        .collect();
    Arrangement { questions, items }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quiz(src: &str) -> Result<Quiz, Vec<Diagnostic>> {
        parse_quiz(Path::new("q.quiz.toml"), src)
    }

    const ALL_FORMS: &str = r#"
shuffle = true
[[questions]]
prompt = "Pick one"
explanation = "why"
[[questions.choices]]
text = "A"
correct = true
feedback = "yes"
[[questions.choices]]
text = "B"
feedback = "no"

[[questions]]
prompt = "Select all"
[[questions.choices]]
text = "A"
correct = true
[[questions.choices]]
text = "B"
correct = true
[[questions.choices]]
text = "C"

[[questions]]
prompt = "True?"
answer = false

[[questions]]
prompt = "Number?"
accept = ["988", "nine eight eight"]

[[questions]]
prompt = "Order"
order = ["one", "two", "three"]
"#;

    #[test]
    fn parses_every_form() {
        let q = quiz(ALL_FORMS).unwrap();
        let forms: Vec<_> = q.questions.iter().map(|q| q.kind.form_name()).collect();
        assert_eq!(
            forms,
            ["pick-one", "select-all", "true-false", "typed", "order"]
        );
        assert_eq!(q.questions[0].line, 3);
        assert_eq!(q.title, "Check your understanding");
    }

    #[test]
    fn grades_every_form() {
        let q = quiz(ALL_FORMS).unwrap().questions;
        assert!(grade(&q[0], &Answer::Choices(vec![0])));
        assert!(!grade(&q[0], &Answer::Choices(vec![1])));
        assert!(grade(&q[1], &Answer::Choices(vec![1, 0])));
        assert!(!grade(&q[1], &Answer::Choices(vec![0])));
        assert!(!grade(&q[1], &Answer::Choices(vec![0, 1, 2])));
        assert!(grade(&q[2], &Answer::Bool(false)));
        assert!(!grade(&q[2], &Answer::Bool(true)));
        assert!(grade(&q[3], &Answer::Text("  Nine   EIGHT eight ".into())));
        assert!(!grade(&q[3], &Answer::Text("".into())));
        assert!(grade(&q[4], &Answer::Order(vec![0, 1, 2])));
        assert!(!grade(&q[4], &Answer::Order(vec![1, 0, 2])));
        assert!(!grade(&q[4], &Answer::Order(vec![0, 1])));
        assert!(!grade(&q[4], &Answer::Bool(true)));
    }

    #[test]
    fn shuffle_is_repeatable_and_grading_uses_original_order() {
        let q = quiz(ALL_FORMS).unwrap();
        let a = arrange(&q, 42);
        assert_eq!(a, arrange(&q, 42));
        let mut sorted = a.questions.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, vec![0, 1, 2, 3, 4]);
        assert_ne!(
            a.items[4],
            vec![0, 1, 2],
            "order items are never shown solved"
        );
        // Whatever the shown order, picking the original indices grades right.
        let shown_first = a.items[0][0];
        let right = usize::from(shown_first != 0);
        assert!(grade(
            &q.questions[0],
            &Answer::Choices(vec![a.items[0][right]])
        ));
    }

    #[test]
    fn unshuffled_quiz_keeps_file_order() {
        let src = ALL_FORMS.replace("shuffle = true", "");
        let q = quiz(&src).unwrap();
        let a = arrange(&q, 7);
        assert_eq!(a.questions, vec![0, 1, 2, 3, 4]);
        assert_eq!(a.items[0], vec![0, 1]);
    }

    #[test]
    fn scores_with_integer_pass_mark() {
        let s = score(&[true, true, true, true, false], 80);
        assert_eq!((s.points, s.total, s.passed), (4, 5, true));
        assert!((s.percent - 80.0).abs() < 1e-9);
        assert!(!score(&[true, false, false], 80).passed);
        assert!(!score(&[], 0).passed);
    }

    fn first_error(src: &str) -> Diagnostic {
        quiz(src).unwrap_err().remove(0)
    }

    #[test]
    fn validation_errors_have_lines() {
        let e = first_error("[[questions]]\nprompt = \"x\"\n");
        assert!(e.message.contains("no answer form"), "{e}");
        assert_eq!(e.line, Some(1));
        let e = first_error("[[questions]]\nprompt = \"x\"\nanswer = true\naccept = [\"a\"]\n");
        assert!(e.message.contains("more than one"), "{e}");
        assert_eq!(e.line, Some(4));
        let e = first_error(
            "[[questions]]\nprompt = \"x\"\n[[questions.choices]]\ntext = \"a\"\n[[questions.choices]]\ntext = \"b\"\n",
        );
        assert!(e.message.contains("no choice is marked correct"), "{e}");
        let e = first_error(
            "[[questions]]\nprompt = \"x\"\n[[questions.choices]]\ntext = \"a\"\ncorrect = true\n",
        );
        assert!(e.message.contains("2 or more choices"), "{e}");
        let e = first_error("[[questions]]\nprompt = \" \"\nanswer = true\n");
        assert!(e.message.contains("prompt is empty"), "{e}");
        assert_eq!(e.line, Some(2));
        let e = first_error("[[questions]]\nprompt = \"x\"\naccept = []\n");
        assert!(e.message.contains("no answers"), "{e}");
        let e = first_error("[[questions]]\nprompt = \"x\"\norder = [\"a\"]\n");
        assert!(e.message.contains("2 or more items"), "{e}");
        let e = first_error(
            "[[questions]]\nprompt = \"x\"\n[[questions.choices]]\ntext = \"a\"\ncorrect = true\n[[questions.choices]]\ntext = \"a\"\n",
        );
        assert!(e.message.contains("duplicate choice"), "{e}");
        let e = first_error("pass_percent = 120\n[[questions]]\nprompt = \"x\"\nanswer = true\n");
        assert!(e.message.contains("out of range"), "{e}");
        assert_eq!(e.line, Some(1));
        let e = first_error("[[questions]]\nprompt = \"x\"\nanswer = true\ncolour = 1\n");
        assert!(e.message.contains("unknown field"), "{e}");
        assert_eq!(e.line, Some(4));
        let e = first_error("[[questions]\n");
        assert_eq!(e.line, Some(1));
    }

    #[test]
    fn collects_every_error() {
        let errs =
            quiz("[[questions]]\nprompt = \"\"\n\n[[questions]]\nprompt = \"y\"\n").unwrap_err();
        assert_eq!(errs.len(), 3, "{errs:?}");
    }
}
