//! Knowledge checks in the bundled courses: where a long lesson needs one, and what makes one
//! worth the learner's minute (issue 14, "mid-lesson knowledge checks").

use std::collections::BTreeSet;

use rollcall::course::{Course, read_text_file};
use rollcall::markdown::split_pages;
use rollcall::quiz::{Feedback, QuestionKind, load_quiz};

use super::{TOPICS, library, words};

/// A teaching lesson longer than this is broken up by a check; so is each course's longest.
const LONG_LESSON_WORDS: usize = 1200;

/// Prompts of the course's own quizzes (lesson quizzes and the final): a check must not give
/// away, or repeat, what is assessed.
fn quiz_prompts(course: &Course) -> BTreeSet<String> {
    course
        .lessons
        .iter()
        .filter_map(|l| l.quiz.as_ref())
        .flat_map(|q| load_quiz(q).unwrap().questions)
        .map(|q| q.prompt.trim().to_string())
        .collect()
}

fn check_checks(course: &Course) -> Vec<String> {
    let mut problems = Vec::new();
    let mut p = |s: String| problems.push(format!("{}: {s}", course.id));
    let teaching = &course.lessons[..course.lessons.len().saturating_sub(1)];
    let sized: Vec<(usize, usize)> = teaching
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            let text = read_text_file(l.path.as_ref()?).unwrap();
            Some((i, words(&text)))
        })
        .collect();
    let longest = sized.iter().max_by_key(|(_, w)| *w).map(|(i, _)| *i);
    let prompts = quiz_prompts(course);
    for (i, w) in &sized {
        let lesson = &teaching[*i];
        let wanted = *w > LONG_LESSON_WORDS || Some(*i) == longest;
        match (wanted, lesson.checks.len()) {
            (true, 0) => p(format!("{}: {w} words and no knowledge check", lesson.file)),
            (_, n) if n > 1 => p(format!("{}: {n} checks, want one", lesson.file)),
            _ => {}
        }
        let text = read_text_file(lesson.path.as_ref().unwrap()).unwrap();
        let pages = split_pages(&text).len();
        for check in &lesson.checks {
            let at = check.quiz.display();
            // After the first page there is something to apply; before the last, the lesson's
            // own quiz follows anyway.
            if !(2..pages).contains(&check.after_page) {
                p(format!(
                    "{at}: after page {} of {pages}: put it mid-lesson",
                    check.after_page
                ));
            }
            let quiz = load_quiz(&check.quiz).unwrap();
            if quiz.feedback != Feedback::Each || quiz.draw.is_some() {
                p(format!(
                    "{at}: a check is practice: feedback = \"each\", no draw"
                ));
            }
            if !quiz.title.starts_with("Knowledge check") {
                p(format!("{at}: title should start 'Knowledge check'"));
            }
            if !(2..=3).contains(&quiz.questions.len()) {
                p(format!(
                    "{at}: {} questions, want 2 or 3",
                    quiz.questions.len()
                ));
            }
            for q in &quiz.questions {
                let line = format!("{at}:{}", q.line);
                if !q.id_given {
                    p(format!("{line}: no stable id"));
                }
                if prompts.contains(q.prompt.trim()) {
                    p(format!("{line}: repeats a quiz question"));
                }
                match &q.kind {
                    QuestionKind::Typed(_) => {
                        p(format!(
                            "{line}: a check applies judgment: no typed answers"
                        ));
                    }
                    QuestionKind::Choice(choices) => {
                        if choices.iter().any(|c| c.feedback.is_none()) {
                            p(format!("{line}: every choice needs feedback"));
                        }
                    }
                    QuestionKind::TrueFalse(_) | QuestionKind::Order(_) => {
                        if q.explanation.is_none() {
                            p(format!("{line}: no explanation"));
                        }
                    }
                }
            }
        }
    }
    problems
}

#[test]
fn long_lessons_have_a_knowledge_check_that_applies_the_pages() {
    let lib = library();
    let mut problems = Vec::new();
    for id in TOPICS {
        let course = lib.course(id).unwrap_or_else(|| panic!("missing {id}"));
        problems.extend(check_checks(course));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
