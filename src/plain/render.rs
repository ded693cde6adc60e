//! What the screen-reader front end prints for each screen: sentences in reading order,
//! choices numbered, no drawing characters.

use crate::app::{App, Overlay, Screen, course_ratio, lesson_done};
use crate::markdown;

/// Width for wrapping page text: long enough that sentences rarely break.
pub const WIDTH: u16 = 100;

/// The current screen (or overlay) as lines of text, in reading order.
#[must_use]
pub fn screen(app: &App) -> Vec<String> {
    match &app.overlay {
        Some(Overlay::ConfirmLeave {
            subject,
            discarding: true,
            ..
        }) => {
            return vec![
                crate::text::quiz::leave_discard_question(*subject).join(" "),
                crate::text::quiz::leave_discard_choices_typed().into(),
            ];
        }
        Some(Overlay::ConfirmLeave { quit, subject, .. }) => {
            return vec![
                crate::text::quiz::leave_question(*quit, *subject).join(" "),
                crate::text::quiz::leave_choices_typed().into(),
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
                let current = if crate::progress::store::same_learner(name, &app.learner) {
                    " (current)"
                } else {
                    ""
                };
                out.push(format!("{}. {name}{current}", i + 1));
            }
            if let Some(e) = &p.error {
                out.push(format!("Not switched: {e}"));
            }
            if let Some(known) = &p.similar {
                out.push(crate::text::similar_learner(p.input.trim(), known));
                return out;
            }
            out.push("Type a number, or a new learner's name; an empty line cancels.".into());
            return out;
        }
        Some(Overlay::Search) => return super::find::results(app),
        Some(Overlay::Outline(o)) => return super::find::outline(app, o),
        Some(Overlay::DiskFull { attempt }) => {
            return crate::text::disk_full_question(*attempt)
                .iter()
                .map(|l| (*l).to_string())
                .collect();
        }
        Some(Overlay::Help { .. }) | None => {}
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
        Screen::Quiz(q) => super::quiz::screen(app, q),
        Screen::Record(_) => record(app),
        Screen::Scenario(sc) => scenario(sc),
        Screen::Settings(_) => settings(app),
    }
}

/// The settings read out, numbered, with how to change one.
fn settings(app: &App) -> Vec<String> {
    use crate::config::Key;
    let file = app.settings.path.as_ref().map_or_else(
        || "not saved: there is no settings folder".to_string(),
        |p| {
            let p = crate::diagnostic::display_path(p);
            if app.settings_file_exists {
                format!("saved in {p}")
            } else {
                format!("will be saved in {p}")
            }
        },
    );
    let mut out = vec![format!("Settings, {file}.")];
    if !app.settings_warnings.is_empty() {
        out.push("Problems found in the settings at start:".into());
        out.extend(
            app.settings_warnings
                .iter()
                .map(crate::text::settings_warning),
        );
    }
    for (i, key) in Key::ALL.into_iter().enumerate() {
        out.push(format!(
            "{}. {}: {}.",
            i + 1,
            crate::text::setting_label(key),
            crate::text::setting_value(&app.settings, key)
        ));
    }
    let themes: Vec<&str> = crate::ui::ThemeName::ALL
        .iter()
        .map(|t| t.as_str())
        .collect();
    out.push(format!(
        "Type a number and a new value, for example: 1 {}. Themes: {}. Empty line: back.",
        crate::ui::ThemeName::HighContrast,
        themes.join(", ")
    ));
    out
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
        ScenarioPhase::Resume { confirm_discard } => {
            use crate::text::scenario as words;
            if let Some(p) = &sc.resume {
                out.push(words::resume_line(p.started, p.decisions()));
            }
            if *confirm_discard {
                out.push(words::discard_question().join(" "));
                out.push(words::discard_choices_typed().into());
            } else {
                out.push(words::resume_keys_typed().into());
            }
        }
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
pub(super) fn text(src: &str) -> Vec<String> {
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
            "{}, {}, {done} complete, {}, version {}.",
            c.title,
            crate::text::counted(c.lessons.len(), "lesson", "lessons"),
            hours(c.hours),
            c.version
        ),
        c.summary.clone(),
    ];
    if let Some(d) = app.progress.courses.get(&c.id).and_then(|p| p.completed) {
        out.push(format!("Completed {}.", d.date()));
    } else if let Some(minutes) = crate::domain::minutes_remaining(&app.progress, c) {
        out.push(format!("{}.", crate::text::time_remaining(minutes)));
    }
    if !c.objectives.is_empty() {
        out.push("You will be able to:".into());
        out.extend(c.objectives.iter().map(|o| format!("- {o}")));
    }
    out.push("Lessons:".into());
    for i in 0..c.lessons.len() {
        let state = app
            .lesson_status(idx, i)
            .map(|s| crate::text::lesson::said(&s))
            .unwrap_or_default();
        out.push(format!("{}. {}: {state}.", i + 1, app.lesson_title(idx, i)));
    }
    out.push(format!(
        "Type a lesson's number, or an empty line for lesson {}. b: back.",
        selected + 1
    ));
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
