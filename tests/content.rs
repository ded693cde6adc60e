//! The bundled curriculum in `courses/` keeps its shape: a broken edit fails CI.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use std::collections::BTreeSet;
use std::path::Path;

use rollcall::course::{Course, load_library, read_text_file};
use rollcall::markdown::split_pages;
use rollcall::quiz::{QuestionKind, load_quiz};

const TOPICS: [&str; 8] = [
    "de-escalation",
    "implicit-bias",
    "cultural-competency",
    "community-policing",
    "communication",
    "accountability",
    "crisis-intervention",
    "procedural-justice",
];

fn library() -> rollcall::course::Library {
    load_library(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("courses")
            .as_path(),
    )
    .unwrap()
}

#[test]
fn every_course_loads() {
    let lib = library();
    assert!(lib.broken.is_empty(), "broken courses: {:#?}", lib.broken);
    let ids: BTreeSet<&str> = lib.courses.iter().map(|c| c.id.as_str()).collect();
    for id in TOPICS.iter().chain(&["using-rollcall"]) {
        assert!(ids.contains(id), "missing course {id}");
    }
    assert_eq!(
        lib.courses[0].id, "using-rollcall",
        "the tutorial comes first"
    );
}

fn check_course(course: &Course) -> Vec<String> {
    let mut problems = Vec::new();
    let mut p = |s: String| problems.push(format!("{}: {s}", course.id));
    if !(1.0..=4.0).contains(&course.hours) {
        p(format!("hours {} not in 1..=4", course.hours));
    }
    if course.order.is_none() || course.summary.len() < 40 {
        p("needs an order and a real summary".into());
    }
    if !(3..=5).contains(&course.lessons.len()) {
        p(format!("{} lessons, want 3 to 5", course.lessons.len()));
    }
    let mut forms = BTreeSet::new();
    let mut table = false;
    for (i, lesson) in course.lessons.iter().enumerate() {
        // A lesson that is a scenario alone has no pages to measure.
        let Some(path) = lesson.path.as_ref() else {
            continue;
        };
        let text = read_text_file(path).unwrap();
        let pages = split_pages(&text);
        if !(3..=8).contains(&pages.len()) {
            p(format!(
                "{}: {} pages, want 3 to 8",
                lesson.file,
                pages.len()
            ));
        }
        let words = text.split_whitespace().count();
        if !(600..=1500).contains(&words) {
            p(format!("{}: {words} words, want 600 to 1500", lesson.file));
        }
        if !text.contains("Dispatch sends you") {
            p(format!(
                "{}: no 'Dispatch sends you ...' scenario",
                lesson.file
            ));
        }
        table |= text.lines().any(|l| {
            let l = l.trim();
            l.starts_with('|') && l.chars().all(|c| "|-: ".contains(c)) && l.contains("--")
        });
        let last = i + 1 == course.lessons.len();
        if last {
            let last_page = &text[pages.last().unwrap().clone()];
            if !last_page
                .lines()
                .any(|l| l.starts_with('#') && l.contains("Sources"))
            {
                p("the final lesson's last page must be 'Sources'".into());
            }
        }
        let Some(quiz_path) = &lesson.quiz else {
            p(format!("{}: no quiz", lesson.file));
            continue;
        };
        let quiz = match load_quiz(quiz_path) {
            Ok(q) => q,
            Err(e) => {
                p(format!("{}: {e:?}", lesson.file));
                continue;
            }
        };
        let n = quiz.questions.len();
        let want = if last { 10..=10 } else { 5..=8 };
        if !want.contains(&n) {
            p(format!("{}: {n} questions, want {want:?}", lesson.file));
        }
        for q in &quiz.questions {
            forms.insert(q.kind.form_name());
            if q.explanation.is_none() {
                p(format!(
                    "{}:{}: no explanation",
                    quiz_path.display(),
                    q.line
                ));
            }
            if let QuestionKind::Choice(choices) = &q.kind {
                for c in choices {
                    if c.feedback.is_none() {
                        p(format!(
                            "{}:{}: choice '{}' has no feedback",
                            quiz_path.display(),
                            q.line,
                            c.text
                        ));
                    }
                }
            }
        }
    }
    for form in ["pick-one", "select-all", "true-false", "typed", "order"] {
        if !forms.contains(form) {
            p(format!("no {form} question anywhere in the course"));
        }
    }
    if !table {
        p("no table anywhere in the course".into());
    }
    problems
}

#[test]
fn eight_courses_follow_the_curriculum_rules() {
    let lib = library();
    let mut problems = Vec::new();
    for id in TOPICS {
        let course = lib.course(id).unwrap_or_else(|| panic!("missing {id}"));
        problems.extend(check_course(course));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn tutorial_teaches_every_question_form() {
    let lib = library();
    let course = lib.course("using-rollcall").unwrap();
    assert_eq!(course.order, Some(0));
    let mut forms = BTreeSet::new();
    for lesson in &course.lessons {
        for q in load_quiz(lesson.quiz.as_ref().unwrap()).unwrap().questions {
            forms.insert(q.kind.form_name());
        }
    }
    assert_eq!(forms.len(), 5, "{forms:?}");
}
