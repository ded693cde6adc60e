//! The bundled curriculum in `courses/` keeps its shape: a broken edit fails CI.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use std::collections::BTreeSet;
use std::path::Path;

use rollcall::course::{Course, load_library, read_text_file};
use rollcall::markdown::split_pages;
use rollcall::quiz::{Feedback, QuestionKind, Quiz, load_quiz};
use rollcall::scenario::{Rating, Scenario, load_scenario};

mod checks;

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
    if !(3..=6).contains(&course.lessons.len()) {
        p(format!("{} lessons, want 3 to 6", course.lessons.len()));
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
        // A final asks ten; a v2 final draws them from a pool (checked in `check_course_v2`).
        let n = quiz.asked_count();
        let want = if last { 10..=10 } else { 5..=8 };
        if !want.contains(&n) {
            p(format!(
                "{}: {n} questions asked, want {want:?}",
                lesson.file
            ));
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
        // The practice scenario lesson has no quiz.
        let Some(quiz) = lesson.quiz.as_ref() else {
            continue;
        };
        for q in load_quiz(quiz).unwrap().questions {
            forms.insert(q.kind.form_name());
        }
    }
    assert_eq!(forms.len(), 5, "{forms:?}");
    assert!(
        course.lessons.iter().any(|l| l.scenario.is_some()),
        "the tutorial has a practice scenario that teaches the scenario keys"
    );
}

// ---------- Curriculum v2 (issue 14): assessments that measure judgment, honest hours ----------

/// Courses held to the v2 rules. A course also joins as soon as its final draws from a pool
/// (`draw = N`), so a course moving to v2 is checked from its first v2 commit.
const V2: [&str; 4] = [
    "de-escalation",
    "crisis-intervention",
    "communication",
    "cultural-competency",
];

/// Reading speed for credit hours (issue 14).
const WORDS_PER_MINUTE: f64 = 200.0;
/// Minutes allowed per quiz question asked, and per scenario decision.
const MINUTES_PER_QUESTION: f64 = 1.0;
const MINUTES_PER_DECISION: f64 = 0.5;

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Every way through a scenario as (decisions made, words read), following every route and
/// choice whatever the meters say: the text of each node, the choices offered, and the chosen
/// choice's consequence and coaching.
fn scenario_paths(s: &Scenario) -> Vec<(usize, usize)> {
    fn walk(
        s: &Scenario,
        at: usize,
        trail: (usize, usize),
        depth: usize,
        out: &mut Vec<(usize, usize)>,
    ) {
        let node = &s.nodes[at];
        let (decisions, read) = (trail.0, trail.1 + words(&node.text));
        // Validation rejects loops that cannot be left; the depth cap keeps a leavable one finite.
        if node.ending.is_some() || depth > 40 {
            out.push((decisions, read));
            return;
        }
        for r in &node.routes {
            walk(s, r.next, (decisions, read), depth + 1, out);
        }
        let offered: usize = node.choices.iter().map(|c| words(&c.text)).sum();
        for c in &node.choices {
            let told = words(&c.consequence) + c.coaching.as_deref().map_or(0, words);
            walk(
                s,
                c.next,
                (decisions + 1, read + offered + told),
                depth + 1,
                out,
            );
        }
    }
    let mut out = Vec::new();
    walk(s, s.start, (0, 0), 0, &mut out);
    out
}

/// Minutes for one run: the mean over the scenario's paths of reading time plus decisions.
#[allow(clippy::cast_precision_loss)]
fn scenario_minutes(paths: &[(usize, usize)]) -> f64 {
    let total: f64 = paths
        .iter()
        .map(|&(d, w)| w as f64 / WORDS_PER_MINUTE + d as f64 * MINUTES_PER_DECISION)
        .sum();
    total / paths.len().max(1) as f64
}

/// Problems with a teaching lesson's scenario; adds its minutes.
fn check_scenario(path: &Path, minutes: &mut f64) -> Vec<String> {
    let at = path.display();
    let s = match load_scenario(path) {
        Ok(s) => s,
        Err(e) => return vec![format!("{at}: {e:?}")],
    };
    let mut problems = Vec::new();
    let paths = scenario_paths(&s);
    let fewest = paths.iter().map(|p| p.0).min().unwrap_or(0);
    let most = paths.iter().map(|p| p.0).max().unwrap_or(0);
    if fewest < 3 || most > 6 {
        problems.push(format!(
            "{at}: {fewest} to {most} decisions, want 3 to 6 on every path"
        ));
    }
    for c in s.nodes.iter().flat_map(|n| &n.choices) {
        if c.coaching.as_deref().is_none_or(|t| t.trim().is_empty()) {
            problems.push(format!("{at}: choice `{}` has no coaching", c.id));
        }
    }
    if !s
        .nodes
        .iter()
        .flat_map(|n| &n.choices)
        .any(|c| c.rating == Rating::Poor)
    {
        problems.push(format!("{at}: no poor choice, so no tempting wrong path"));
    }
    *minutes += scenario_minutes(&paths);
    problems
}

fn is_v2(course: &Course) -> bool {
    V2.contains(&course.id.as_str())
        || course
            .lessons
            .last()
            .and_then(|l| l.quiz.as_ref())
            .and_then(|q| load_quiz(q).ok())
            .is_some_and(|q| q.draw.is_some())
}

/// Counts over a course's quizzes that show answer patterns a learner could game.
#[derive(Default)]
struct Patterns {
    trues: usize,
    falses: usize,
    single: usize,
    right_longest: usize,
}

impl Patterns {
    fn add(&mut self, quiz: &Quiz) {
        for q in &quiz.questions {
            match &q.kind {
                QuestionKind::TrueFalse(true) => self.trues += 1,
                QuestionKind::TrueFalse(false) => self.falses += 1,
                QuestionKind::Choice(choices) if !q.kind.is_multi() => {
                    self.single += 1;
                    let right = choices
                        .iter()
                        .find(|c| c.correct)
                        .map_or(0, |c| c.text.len());
                    if choices.iter().all(|c| c.correct || c.text.len() < right) {
                        self.right_longest += 1;
                    }
                }
                _ => {}
            }
        }
    }
}

/// A course's minutes of content as issue 14 counts them against its `hours`.
#[derive(Default)]
struct Minutes {
    /// Lesson pages at 200 words a minute.
    reading: f64,
    /// The mean path of each scenario.
    scenarios: f64,
    /// One a question asked: lesson quizzes, the final's draw and the knowledge checks.
    questions: f64,
}

impl Minutes {
    fn total(&self) -> f64 {
        self.reading + self.scenarios + self.questions
    }
}

/// A course's problems under the curriculum rules, and its minutes of content.
fn check_course_v2(course: &Course) -> (Vec<String>, Minutes) {
    let mut problems = Vec::new();
    let mut p = |s: String| problems.push(format!("{}: {s}", course.id));
    if course.reviewed.is_none() {
        p("no `reviewed` month".into());
    }
    let mut minutes = Minutes::default();
    let mut patterns = Patterns::default();
    let mut lesson_prompts = BTreeSet::new();
    let last = course.lessons.len().saturating_sub(1);
    // A course that has started on scenarios (or is listed in V2) needs one per teaching lesson;
    // one that has only moved its final to a pool is not held to that yet.
    let wants_scenarios =
        V2.contains(&course.id.as_str()) || course.lessons.iter().any(|l| l.scenario.is_some());
    for (i, lesson) in course.lessons.iter().enumerate() {
        if let Some(path) = &lesson.path {
            #[allow(clippy::cast_precision_loss)]
            {
                minutes.reading += words(&read_text_file(path).unwrap()) as f64 / WORDS_PER_MINUTE;
            }
        }
        for check in &lesson.checks {
            #[allow(clippy::cast_precision_loss)]
            {
                minutes.questions +=
                    load_quiz(&check.quiz).unwrap().asked_count() as f64 * MINUTES_PER_QUESTION;
            }
        }
        match &lesson.scenario {
            Some(path) => {
                for problem in check_scenario(path, &mut minutes.scenarios) {
                    p(problem);
                }
            }
            None if i < last && wants_scenarios => p(format!(
                "{}: a teaching lesson needs a scenario",
                lesson.file
            )),
            None => {}
        }
        let Some(quiz_path) = &lesson.quiz else {
            continue;
        };
        let quiz = load_quiz(quiz_path).unwrap();
        let at = quiz_path.display();
        #[allow(clippy::cast_precision_loss)]
        {
            minutes.questions += quiz.asked_count() as f64 * MINUTES_PER_QUESTION;
        }
        patterns.add(&quiz);
        for q in quiz.questions.iter().filter(|q| !q.id_given) {
            p(format!("{at}:{}: no stable id", q.line));
        }
        if i < last {
            if quiz.feedback != Feedback::Each {
                p(format!(
                    "{at}: a lesson quiz is practice: feedback = \"each\""
                ));
            }
            lesson_prompts.extend(quiz.questions.iter().map(|q| q.prompt.trim().to_string()));
            continue;
        }
        if quiz.feedback != Feedback::End {
            p(format!("{at}: the final needs feedback = \"end\""));
        }
        match quiz.draw {
            Some(d) if quiz.questions.len() >= 2 * d => {}
            _ => p(format!(
                "{at}: the final needs a pool at least twice its draw ({} questions, draw {:?})",
                quiz.questions.len(),
                quiz.draw
            )),
        }
        if quiz.draw_groups.is_empty() || quiz.questions.iter().any(|q| q.group.is_none()) {
            p(format!(
                "{at}: the final's questions need groups, one per lesson"
            ));
        }
        for q in &quiz.questions {
            if lesson_prompts.contains(q.prompt.trim()) {
                p(format!("{at}: question `{}` repeats a lesson quiz", q.id));
            }
        }
    }
    if patterns.trues.abs_diff(patterns.falses) > 2 {
        p(format!(
            "true/false answers unbalanced: {} true, {} false",
            patterns.trues, patterns.falses
        ));
    }
    if patterns.right_longest * 2 > patterns.single {
        p(format!(
            "the right answer is the longest in {} of {} single-answer questions",
            patterns.right_longest, patterns.single
        ));
    }
    let claimed = course.hours * 60.0;
    if minutes.total() < 0.9 * claimed {
        p(format!(
            "{:.0} minutes of reading, scenarios and questions for a {claimed:.0}-minute claim (need 90%)",
            minutes.total()
        ));
    }
    let min = f64::from(course.min_minutes);
    if !(0.3 * claimed..=claimed).contains(&min) {
        p(format!(
            "min_minutes {} is not a sensible share of {claimed:.0}",
            course.min_minutes
        ));
    }
    (problems, minutes)
}

/// Also prints each course's computation (`-- --nocapture` shows it), for the closing note.
#[test]
fn v2_courses_practice_assess_judgment_and_claim_honest_hours() {
    let lib = library();
    let mut problems = Vec::new();
    for course in lib.courses.iter().filter(|c| is_v2(c)) {
        let (found, m) = check_course_v2(course);
        let claimed = course.hours * 60.0;
        println!(
            "{:<20} {:>5.1} + {:>5.1} + {:>3.0} = {:>5.1} min of {claimed:.0} ({:.0}%), min_minutes {}",
            course.id,
            m.reading,
            m.scenarios,
            m.questions,
            m.total(),
            100.0 * m.total() / claimed,
            course.min_minutes
        );
        problems.extend(found);
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
