//! What the screen-reader front end prints for each screen: sentences in reading order,
//! choices numbered, no drawing characters.

use crate::app::{App, Overlay, QuizPhase, QuizState, Screen, course_ratio, lesson_done};
use crate::markdown;
use crate::quiz::{Answer, QuestionKind};

/// Width for wrapping page text: long enough that sentences rarely break.
pub const WIDTH: u16 = 100;

/// The current screen (or overlay) as lines of text, in reading order.
#[must_use]
pub fn screen(app: &App) -> Vec<String> {
    match &app.overlay {
        Some(Overlay::ConfirmLeave { quit }) => {
            return vec![
                if *quit {
                    "Quit rollcall in the middle of this attempt? Nothing from it will be recorded."
                } else {
                    "Leave this attempt? Nothing from it will be recorded."
                }
                .into(),
                "Type y to leave, or n to stay.".into(),
            ];
        }
        Some(Overlay::Notice(n)) => {
            return vec![
                format!("Notice: {}", crate::text::notice(n)),
                "Press Enter to go on.".into(),
            ];
        }
        Some(Overlay::Learner(p)) => {
            let mut out = vec!["Switch learner. Who is training?".to_string()];
            for (i, name) in p.names.iter().enumerate() {
                let current = if *name == app.learner {
                    " (current)"
                } else {
                    ""
                };
                out.push(format!("{}. {name}{current}", i + 1));
            }
            if let Some(e) = &p.error {
                out.push(format!("Not switched: {e}"));
            }
            out.push("Type a number, or a new learner's name; an empty line cancels.".into());
            return out;
        }
        Some(Overlay::Help) | None => {}
    }
    match &app.screen {
        Screen::Library(_) => library(app),
        Screen::Course(c) => course(app, c.course, c.selected),
        Screen::Lesson(l) => {
            let mut out = vec![format!(
                "{}, lesson {} of {}, page {} of {}.",
                app.course(l.course).map_or("", |c| c.title.as_str()),
                l.lesson + 1,
                app.course(l.course).map_or(0, |c| c.lessons.len()),
                l.page + 1,
                l.pages.len().max(1),
            )];
            if l.loading {
                out.push("Loading.".into());
            } else if let Some(page) = l.pages.get(l.page) {
                out.extend(text(page));
            }
            out.push(if l.page + 1 < l.pages.len() {
                "Empty line: next page. p: previous page. b: back.".into()
            } else {
                "Empty line: go on. p: previous page. b: back.".into()
            });
            out
        }
        Screen::Quiz(q) => quiz(app, q),
        Screen::Record(_) => record(app),
        Screen::Scenario(sc) => scenario(sc),
    }
}

/// A scenario read out: the situation and its numbered choices, a consequence, or the end.
fn scenario(sc: &crate::app::screens::ScenarioState) -> Vec<String> {
    use crate::app::screens::scenario::ScenarioPhase;
    let (Some(scenario), Some(run)) = (&sc.scenario, &sc.run) else {
        return match &sc.phase {
            ScenarioPhase::Failed(why) => {
                vec![format!("The scenario did not load: {why}. b: back.")]
            }
            _ => vec!["Loading.".into()],
        };
    };
    let mut out = vec![format!("Scenario: {}.", scenario.title)];
    // The gauges as words: label and value, in the scenario's meter order.
    if !matches!(sc.phase, ScenarioPhase::Debrief) && !scenario.meters.is_empty() {
        let meters: Vec<String> = scenario
            .meters
            .iter()
            .zip(run.meters())
            .map(|(m, v)| format!("{} {v} of {}", m.label, m.max))
            .collect();
        out.push(format!("{}.", meters.join(", ")));
    }
    match &sc.phase {
        ScenarioPhase::Consequence { node, choice } => {
            if let Some(c) = scenario
                .nodes
                .get(*node)
                .and_then(|n| n.choices.get(*choice))
            {
                out.push(format!("You chose: {}.", c.text));
                out.extend(text(&c.consequence));
            }
            out.push("Empty line: go on. b: step back. x: leave.".into());
        }
        ScenarioPhase::Debrief => out.extend(debrief(scenario, run)),
        _ => {
            if let Some(node) = run.current(scenario) {
                out.extend(text(&node.text));
                for (i, c) in node.choices.iter().enumerate() {
                    out.push(format!("{}. {}", i + 1, c.text));
                }
            }
            out.push(if run.decisions().is_empty() {
                "Type a choice's number. x: leave.".into()
            } else {
                "Type a choice's number. b: step back. x: leave.".into()
            });
        }
    }
    out
}

/// The debrief read out: the ending, then each decision with its consequence, its coaching
/// and the best option where another was taken.
fn debrief(scenario: &crate::scenario::Scenario, run: &crate::scenario::Run) -> Vec<String> {
    let mut out = Vec::new();
    let ending = run.ending(scenario).map_or("none", |r| r.as_str());
    let passed = if run.passed(scenario) {
        "passes"
    } else {
        "does not pass"
    };
    out.push(format!("Debrief. Ending: {ending}, {passed}."));
    if let Some(node) = run.current(scenario) {
        out.extend(text(&node.text));
    }
    let decisions = run.decisions();
    out.push(format!(
        "Your {} decision{}:",
        decisions.len(),
        if decisions.len() == 1 { "" } else { "s" }
    ));
    for (i, d) in decisions.iter().enumerate() {
        let Some(node) = scenario.nodes.get(d.node) else {
            continue;
        };
        let Some(c) = node.choices.get(d.choice) else {
            continue;
        };
        out.push(format!(
            "Decision {}: {} (rated {}).",
            i + 1,
            c.text,
            c.rating
        ));
        out.extend(text(&c.consequence));
        if let Some(coaching) = &c.coaching {
            out.push("Coaching:".into());
            out.extend(text(coaching));
        }
        if let Some(best) = scenario.best_choice(d.node)
            && node.choices[best].rating > c.rating
        {
            out.push(format!("Best option here: {}.", node.choices[best].text));
        }
    }
    if run.backs() > 0 {
        out.push(format!("Steps taken back: {}.", run.backs()));
    }
    out.push("r: run it again. Empty line: go on. x: back to the course.".into());
    out
}

/// Markdown as plain lines for reading.
fn text(src: &str) -> Vec<String> {
    markdown::to_plain(&markdown::render_for_reading(src, WIDTH))
        .lines()
        .map(str::to_string)
        .collect()
}

fn library(app: &App) -> Vec<String> {
    let n = app.library.courses.len();
    let mut out = vec![format!(
        "Library, {n} course{}. Learner: {}.{}",
        if n == 1 { "" } else { "s" },
        app.learner,
        if app.builtin {
            " Built-in courses."
        } else {
            ""
        }
    )];
    let today = app.now.date();
    let duties = app
        .duties
        .for_learner(&app.learner, &app.progress, &app.library, today);
    // The same order the library screen uses (required courses first), so numbers match.
    for (row, &i) in app.ctx().library_order().iter().enumerate() {
        let Some(c) = app.library.courses.get(i) else {
            continue;
        };
        let done = app.progress.courses.get(&c.id).and_then(|p| p.completed);
        let mut state = match done {
            Some(d) => format!("completed {}", d.date()),
            None => format!(
                "{} complete",
                crate::ui::pct(course_ratio(&app.progress, c) * 100.0)
            ),
        };
        if let Some(d) = duties.get(&c.id) {
            let badge = crate::text::due_badge(d, today);
            if !badge.is_empty() {
                state = format!("{badge}, {state}");
            }
        }
        out.push(format!(
            "{}. {}: {state}, {}, {} lesson{}. {}",
            row + 1,
            c.title,
            hours(c.hours),
            c.lessons.len(),
            if c.lessons.len() == 1 { "" } else { "s" },
            c.summary
        ));
    }
    for (j, b) in app.library.broken.iter().enumerate() {
        out.push(format!(
            "{}. {} cannot be opened: {}",
            n + j + 1,
            b.id,
            b.error
        ));
    }
    if n == 0 && app.library.broken.is_empty() {
        out.push(format!(
            "No courses found in {}.",
            app.library.root.display()
        ));
    }
    out.push("Type a course's number to open it.".into());
    out
}

fn course(app: &App, idx: usize, selected: usize) -> Vec<String> {
    let Some(c) = app.course(idx) else {
        return vec![];
    };
    let done = c
        .lessons
        .iter()
        .filter(|l| lesson_done(&app.progress, c, l))
        .count();
    let mut out = vec![
        format!(
            "{}, {} lessons, {done} complete, {}, version {}.",
            c.title,
            c.lessons.len(),
            hours(c.hours),
            c.version
        ),
        c.summary.clone(),
    ];
    if let Some(d) = app.progress.courses.get(&c.id).and_then(|p| p.completed) {
        out.push(format!("Completed {}.", d.date()));
    }
    if !c.objectives.is_empty() {
        out.push("You will be able to:".into());
        out.extend(c.objectives.iter().map(|o| format!("- {o}")));
    }
    out.push("Lessons:".into());
    for (i, l) in c.lessons.iter().enumerate() {
        let lp = app.progress.lesson(&c.id, l.id());
        let state = if lesson_done(&app.progress, c, l) {
            "done".to_string()
        } else {
            match lp {
                Some(p) if p.pages_total > 0 => format!("page {} of {}", p.page, p.pages_total),
                _ => "not started".to_string(),
            }
        };
        let quiz = if l.quiz.is_none() {
            String::new()
        } else {
            match app.progress.best_attempt(&c.id, l.id()) {
                None => ", quiz not taken".into(),
                Some(a) => format!(
                    ", quiz best {} of {}, {}",
                    a.score,
                    a.total,
                    if app.progress.quiz_passed(&c.id, l.id()) {
                        "passed"
                    } else {
                        "not passed yet"
                    }
                ),
            }
        };
        out.push(format!(
            "{}. {}: {state}{quiz}.",
            i + 1,
            app.lesson_title(idx, i)
        ));
    }
    out.push(format!(
        "Type a lesson's number, or an empty line for lesson {}. b: back.",
        selected + 1
    ));
    out
}

fn quiz(app: &App, q: &QuizState) -> Vec<String> {
    let title = q.quiz.as_ref().map_or("Quiz", |z| z.title.as_str());
    match &q.phase {
        QuizPhase::Loading | QuizPhase::Starting => vec!["Loading the quiz.".into()],
        QuizPhase::Start => {
            let n = q.quiz.as_ref().map_or(0, |z| z.questions.len());
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
            out.push("Empty line: start. b: back.".into());
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
                crate::text::attempt_save(&app.attempt_save()),
            ];
            out.push("Review:".into());
            for (n, a) in q.answers.iter().enumerate() {
                let prompt = q
                    .quiz
                    .as_ref()
                    .and_then(|z| z.questions.get(a.question.saturating_sub(1)))
                    .map(|qq| text(&qq.prompt).into_iter().find(|l| !l.trim().is_empty()))
                    .unwrap_or_default()
                    .unwrap_or_default();
                let mark = if a.correct { "right" } else { "wrong" };
                out.push(format!("{}. {mark}: {}", n + 1, prompt.trim()));
            }
            out.push(
                "Type 1 to retake the quiz, or an empty line to go back to the course.".into(),
            );
            out
        }
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
    if let (QuestionKind::Choice(choices), Some(Answer::Choices(picked))) =
        (&question.kind, q.last_answer().map(|a| &a.answer))
    {
        for &i in q.items() {
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
    out.push("Empty line: continue.".into());
    out
}

fn record(app: &App) -> Vec<String> {
    let today = app.now.date();
    let record = crate::report::my_record(&app.progress, &app.library, today);
    let mut out = vec![format!("My record: {}.", app.learner)];
    if record.completed.is_empty() {
        out.push("No completed courses yet.".into());
    }
    for e in &record.completed {
        let date = e
            .completed_date
            .map_or_else(|| e.completed.to_string(), |d| d.to_string());
        let best = e.best.as_ref().map_or_else(String::new, |b| {
            format!(
                ", best score {} of {} ({})",
                b.score,
                b.total,
                crate::ui::pct(b.percent)
            )
        });
        out.push(format!(
            "{}: completed {date}{best}, {:.1} hours.",
            e.title, e.hours
        ));
    }
    out.push(format!(
        "Hours this year ({}): {:.1}. Hours overall: {:.1}.",
        today.year(),
        record.hours_this_year,
        record.hours_total
    ));
    out.push("Empty line or b: back.".into());
    out
}

/// Hours credited, in words ("1 hour", "1.5 hours").
fn hours(h: f64) -> String {
    if (h - 1.0).abs() < f64::EPSILON {
        "1 hour".into()
    } else {
        format!("{h} hours")
    }
}
