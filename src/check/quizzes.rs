//! Quiz and scenario files: each is read, validated, and its problems located.

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::Report;
use crate::course;
use crate::diagnostic::{Diagnostic, LineIndex};
use crate::{quiz, scenario};

/// A quiz read only for the spans of its questions and choices (after it validated).
#[derive(Debug, Deserialize)]
struct LooseQuiz {
    #[serde(default)]
    questions: Vec<LooseQuestion>,
}

#[derive(Debug, Deserialize)]
struct LooseQuestion {
    prompt: Spanned<String>,
    choices: Option<Vec<Spanned<LooseChoice>>>,
}

#[derive(Debug, Deserialize)]
struct LooseChoice {
    text: Spanned<String>,
}

/// Checks one quiz file; the quiz, when it loads (for the lints).
pub(super) fn check_quiz(path: &Path, report: &mut Report) -> Option<quiz::Quiz> {
    let source = match course::read_text_file(path) {
        Ok(s) => s,
        Err(e) => {
            report.push(e);
            return None;
        }
    };
    let quiz = match quiz::parse_quiz(path, &source) {
        Ok(q) => q,
        Err(errors) => {
            report.sources.insert(path.to_path_buf(), source);
            report.extend(errors);
            return None;
        }
    };
    let Ok(loose) = toml::from_str::<LooseQuiz>(&source) else {
        return Some(quiz);
    };
    let index = LineIndex::new(&source);
    for (i, (q, raw)) in quiz.questions.iter().zip(&loose.questions).enumerate() {
        let n = i + 1;
        match &q.kind {
            quiz::QuestionKind::Choice(choices) => {
                let missing: Vec<usize> = (0..choices.len())
                    .filter(|&c| choices[c].feedback.is_none())
                    .collect();
                let Some(&first) = missing.first() else {
                    continue;
                };
                let span = raw
                    .choices
                    .as_ref()
                    .and_then(|c| c.get(first))
                    .map_or_else(|| raw.prompt.span(), |c| c.get_ref().text.span());
                let message = if missing.len() == choices.len() {
                    format!("no choice of question {n} has feedback")
                } else if missing.len() == 1 {
                    format!("a choice of question {n} has no feedback")
                } else {
                    format!(
                        "{} of the {} choices of question {n} have no feedback",
                        missing.len(),
                        choices.len()
                    )
                };
                report.push(
                    Diagnostic::warning(path, message)
                        .at_indexed(&index, &source, span)
                        .with_help("give each choice a `feedback` saying why it is right or wrong"),
                );
            }
            _ if q.explanation.is_none() => {
                report.push(
                    Diagnostic::warning(path, format!("question {n} has no explanation"))
                        .at_indexed(&index, &source, raw.prompt.span())
                        .with_help(
                            "add an `explanation`: it is shown after the answer is checked and is where the teaching goes",
                        ),
                );
            }
            _ => {}
        }
    }
    report.sources.insert(path.to_path_buf(), source);
    Some(quiz)
}

/// Checks a scenario file: every error and warning its validation finds.
/// Returns the scenario's `id` and where it is written, when it has one, so that the course
/// can check no two of its scenarios share one (their records would mix).
pub(super) fn check_scenario(
    path: &Path,
    report: &mut Report,
) -> Option<(String, std::ops::Range<usize>)> {
    /// Just the id of a scenario file, with its place.
    #[derive(serde::Deserialize)]
    struct Id {
        id: toml::Spanned<String>,
    }
    match course::read_text_file(path) {
        Ok(source) => {
            report.extend(scenario::check_scenario(path, &source));
            let id = toml::from_str::<Id>(&source)
                .ok()
                .map(|i| (i.id.get_ref().trim().to_string(), i.id.span()));
            report.sources.insert(path.to_path_buf(), source);
            id
        }
        Err(e) => {
            report.push(e);
            None
        }
    }
}
