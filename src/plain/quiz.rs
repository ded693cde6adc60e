//! The quiz read out: start, each question, feedback, results with their review.

use super::render::text;
use crate::app::{App, QuizPhase, QuizState};
use crate::quiz::{Answer, Question, QuestionKind};

/// The quiz screen as lines of text, in reading order.
pub(super) fn screen(app: &App, q: &QuizState) -> Vec<String> {
    let title = q.quiz.as_ref().map_or("Quiz", |z| z.title.as_str());
    match &q.phase {
        QuizPhase::Loading | QuizPhase::Starting => vec!["Loading the quiz.".into()],
        QuizPhase::Start if q.check.is_some() => {
            let n = q.quiz.as_ref().map_or(0, |z| z.asked_count());
            crate::text::quiz::check_start_plain(&app.lesson_title(q.course, q.lesson), title, n)
                .into()
        }
        QuizPhase::Results(_) if q.check.is_some() => check_results(q),
        QuizPhase::Start => {
            let n = q.quiz.as_ref().map_or(0, |z| z.asked_count());
            let mut out = vec![format!(
                "{}, quiz: {title}. {n} questions, pass mark {}%.",
                app.lesson_title(q.course, q.lesson),
                q.pass_percent
            )];
            let ids = app
                .course(q.course)
                .and_then(|c| Some((c.id.clone(), c.lessons.get(q.lesson)?.id().to_string())));
            if let Some((c, l)) = ids {
                out.push(match app.progress.best_attempt(&c, &l) {
                    None => "Not taken yet.".into(),
                    Some(a) => format!(
                        "Best so far: {} of {}, {}.",
                        a.score,
                        a.total,
                        if app.progress.quiz_passed(&c, &l) {
                            "passed"
                        } else {
                            "not passed yet"
                        }
                    ),
                });
            }
            if let Some(r) = &q.resume {
                out.push(crate::text::quiz::resume_line(
                    r.answers.len(),
                    r.asked.len(),
                ));
            }
            let (standing, may_start) = standing(app, q);
            out.extend(standing);
            out.extend(
                crate::text::quiz::how_feedback(q.feedback_at_end())
                    .join(" ")
                    .lines()
                    .map(String::from),
            );
            if q.confirm_discard {
                out.push(crate::text::quiz::discard_question().join(" "));
                out.push(crate::text::quiz::discard_choices_typed().into());
            } else {
                out.push(crate::text::quiz::start_keys_typed(q.resume.is_some(), may_start).into());
            }
            out
        }
        QuizPhase::Asking => question(q),
        QuizPhase::Checked { correct } => feedback(q, *correct),
        QuizPhase::Results(score) => {
            let mut out = vec![
                format!(
                    "Score: {} of {} ({}). {}. Pass mark {}%.",
                    score.points,
                    score.total,
                    crate::ui::pct(score.percent),
                    if score.passed { "Passed" } else { "Not passed" },
                    q.pass_percent
                ),
                // A knowledge check has its own results (check_results).
                crate::text::attempt_save(&app.attempt_save()),
            ];
            let (standing, may_retake) = standing(app, q);
            out.extend(standing);
            out.push("Review:".into());
            if q.feedback_at_end() {
                out.extend(full_review(q));
            }
            for (n, a) in q
                .answers
                .iter()
                .enumerate()
                .filter(|_| !q.feedback_at_end())
            {
                let mark = if a.correct { "right" } else { "wrong" };
                out.push(format!("{}. {mark}: {}", n + 1, prompt_line(q, a)));
            }
            out.push(if may_retake {
                "Type 1 to retake the quiz, or an empty line to go back to the course.".into()
            } else {
                "Empty line: back to the course.".into()
            });
            out
        }
    }
}

/// An answered question's whole prompt as text on one line: a listener hears the question,
/// not the part of it that fitted the first wrapped line.
fn prompt_line(q: &QuizState, a: &crate::progress::GivenAnswer) -> String {
    q.quiz
        .as_ref()
        .and_then(|z| z.questions.get(a.question.saturating_sub(1)))
        .map(|qq| {
            text(&qq.prompt)
                .iter()
                .map(|l| l.trim())
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_default()
}

/// A knowledge check's results: how many were right and that nothing was recorded, each
/// question in a short line, and the way back to the lesson (no score, pass mark or attempt).
fn check_results(q: &QuizState) -> Vec<String> {
    let right = q.answers.iter().filter(|a| a.correct).count();
    let mut out = vec![crate::text::quiz::check_results(right, q.answers.len())];
    for (n, a) in q.answers.iter().enumerate() {
        out.push(format!(
            "{}. {}",
            n + 1,
            crate::text::quiz::check_result_line(a.correct, &prompt_line(q, a))
        ));
    }
    out.push(crate::text::quiz::check_results_keys_plain().into());
    out
}

/// Attempts used and left and when the next opens; whether a retake may start now.
fn standing(app: &App, q: &QuizState) -> (Vec<String>, bool) {
    let ctx = app.ctx();
    match (q.standing(&ctx), &q.quiz) {
        (Some(s), Some(quiz)) => (
            crate::text::quiz::standing(
                &s,
                crate::domain::attempts::Rule::of(quiz),
                crate::progress::Stamp::from_zoned(ctx.now),
            ),
            s.may_start(),
        ),
        _ => (vec![], true),
    }
}

fn question(q: &QuizState) -> Vec<String> {
    let Some(question) = q.question() else {
        return vec![];
    };
    let mut out = vec![format!(
        "Question {} of {}.",
        q.pos + 1,
        q.arrangement.questions.len()
    )];
    out.extend(text(&question.prompt));
    let items = q.items();
    match &question.kind {
        QuestionKind::Choice(choices) => {
            for (row, &i) in items.iter().enumerate() {
                out.push(format!("{}. {}", row + 1, choices[i].text));
            }
            out.push(if question.kind.is_multi() {
                "Select all that apply: type their numbers separated by spaces, for example 1 3."
            } else {
                "Type the number of your answer."
            }
            .into());
        }
        QuestionKind::TrueFalse(_) => {
            out.push("1. True".into());
            out.push("2. False".into());
            out.push("Type t for true or f for false.".into());
        }
        QuestionKind::Typed(_) => out.push("Type your answer.".into()),
        QuestionKind::Order(order) => {
            for (row, &i) in items.iter().enumerate() {
                out.push(format!("{}. {}", row + 1, order[i]));
            }
            out.push(
                "Put them in order: type every number, first to last, separated by spaces.".into(),
            );
        }
    }
    out
}

fn feedback(q: &QuizState, correct: bool) -> Vec<String> {
    let Some(question) = q.question() else {
        return vec![];
    };
    let given = q.last_answer().map(|a| &a.answer);
    let mut out = review(question, q.items(), given, correct);
    out.push("Empty line: continue.".into());
    out
}

/// Right or not (with the right answer), the feedback of the chosen choices, the explanation.
fn review(
    question: &Question,
    items: &[usize],
    given: Option<&Answer>,
    correct: bool,
) -> Vec<String> {
    let right: String = match &question.kind {
        QuestionKind::Choice(choices) => choices
            .iter()
            .filter(|c| c.correct)
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join("; and "),
        QuestionKind::TrueFalse(b) => if *b { "true" } else { "false" }.into(),
        QuestionKind::Typed(accept) => accept.first().cloned().unwrap_or_default(),
        QuestionKind::Order(order) => order
            .iter()
            .enumerate()
            .map(|(n, s)| format!("{}. {s}", n + 1))
            .collect::<Vec<_>>()
            .join("; "),
    };
    let mut out = vec![if correct {
        "Correct.".to_string()
    } else {
        format!("Not quite: the answer was {right}.")
    }];
    if let (QuestionKind::Choice(choices), Some(Answer::Choices(picked))) = (&question.kind, given)
    {
        for &i in items {
            let c = &choices[i];
            if let Some(f) = c
                .feedback
                .as_ref()
                .filter(|_| picked.contains(&i) || c.correct)
            {
                out.push(format!("{}: {f}", c.text));
            }
        }
    }
    if let Some(expl) = &question.explanation {
        out.push("Why:".into());
        out.extend(text(expl));
    }
    out
}

/// Every question of a submitted assessment: the prompt, what was answered, the review.
fn full_review(q: &QuizState) -> Vec<String> {
    let Some(quiz) = &q.quiz else { return vec![] };
    let total = q.answers.len();
    let mut out = Vec::new();
    for (n, a) in q.answers.iter().enumerate() {
        let index = a.question.saturating_sub(1);
        let Some(question) = quiz.questions.get(index) else {
            continue;
        };
        let items = q
            .arrangement
            .items
            .get(index)
            .map_or(&[][..], Vec::as_slice);
        out.push(format!(
            "{}.",
            crate::text::quiz::review_heading(n + 1, total, a.correct)
        ));
        out.extend(text(&question.prompt));
        out.push(format!(
            "You answered: {}.",
            given_words(question, &a.answer)
        ));
        out.extend(review(question, items, Some(&a.answer), a.correct));
    }
    out
}

/// An answer in words: the chosen choices' text, true or false, the typed text, the order.
fn given_words(question: &Question, answer: &Answer) -> String {
    match (&question.kind, answer) {
        (QuestionKind::Choice(choices), Answer::Choices(picked)) => picked
            .iter()
            .filter_map(|&i| choices.get(i).map(|c| c.text.as_str()))
            .collect::<Vec<_>>()
            .join("; and "),
        (QuestionKind::Order(order), Answer::Order(picked)) => picked
            .iter()
            .enumerate()
            .filter_map(|(n, &i)| order.get(i).map(|s| format!("{}. {s}", n + 1)))
            .collect::<Vec<_>>()
            .join("; "),
        (_, Answer::Bool(b)) => if *b { "true" } else { "false" }.into(),
        (_, Answer::Text(t)) => t.clone(),
        _ => String::new(),
    }
}
