//! `rollcall new COURSE-ID`: a small working course to start from.

use std::fs;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;

use crate::cli::{Cli, Command};
use crate::cmd::EXIT_FAILED;
use crate::course::id_problem;
use crate::diagnostic::display_path;

/// Name of the skeleton's lesson file.
const LESSON: &str = "01-introduction.md";
/// Name of the skeleton's quiz file.
const QUIZ: &str = "01-introduction.quiz.toml";
/// Name of the scenario file's part after the lesson number.
const SCENARIO: &str = "practice-call.scenario.toml";

/// Runs the command.
///
/// # Errors
/// When the course folder cannot be written.
pub fn run(cli: &Cli) -> anyhow::Result<ExitCode> {
    let Some(Command::New(args)) = &cli.command else {
        anyhow::bail!("internal: `new` called for another command");
    };
    if let Some(problem) = id_problem(&args.id) {
        eprintln!(
            "rollcall: error: `{}` is not a valid course id: use {problem} (e.g. `stop-and-search`)",
            args.id
        );
        return Ok(ExitCode::from(EXIT_FAILED));
    }
    let (root, found) = courses_root(cli);
    let dir = root.join(&args.id);
    if args.scenario && dir.join("course.toml").is_file() {
        return add_scenario(&dir);
    }
    if dir.exists() {
        eprintln!(
            "rollcall: error: {} already exists; choose another id or remove it",
            display_path(&dir)
        );
        return Ok(ExitCode::from(EXIT_FAILED));
    }
    let title = args
        .title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| title_from_id(&args.id));
    fs::create_dir_all(&root).with_context(|| format!("creating {}", root.display()))?;
    // create_dir (not _all) fails if the folder appeared meanwhile: never write into another's.
    fs::create_dir(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let [(course_name, mut course_toml), lesson, quiz] = skeleton(&title);
    let mut files = vec![lesson, quiz];
    if args.scenario {
        let name = format!("02-{SCENARIO}");
        course_toml.push_str(&scenario_entry(&name, "Practice call"));
        files.push((Name::Owned(name), SCENARIO_TEXT.to_string()));
    }
    files.insert(0, (course_name, course_toml));
    for (name, text) in files {
        let path = dir.join(name.as_ref());
        fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
        outln!("wrote {}", display_path(&path));
    }
    outln!("created course `{}` in {}", args.id, display_path(&dir));
    if found {
        outln!(
            "edit the files, then run `rollcall check` and `rollcall preview {}`",
            args.id
        );
    } else {
        // Here `check` and `preview` do not look by themselves: say how to point them.
        outln!(
            "edit the files, then run `rollcall check {}` and `rollcall --courses {} preview {}`",
            display_path(&dir),
            display_path(&root),
            args.id
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Where a new course goes, and whether `check` and `preview` find it there by themselves:
/// the courses folder the app uses (`--courses`, `$ROLLCALL_COURSES`, the settings file),
/// else `./courses`, made when missing; but when the current folder already holds courses
/// (the author works inside a courses folder), the course goes beside them.
fn courses_root(cli: &Cli) -> (PathBuf, bool) {
    let configured = crate::config::Config::load(cli)
        .ok()
        .and_then(|c| c.courses)
        .or_else(|| cli.courses.clone());
    if let Some(root) = configured {
        return (root, true);
    }
    let local = PathBuf::from("courses");
    if !local.is_dir() && holds_courses(std::path::Path::new(".")) {
        return (PathBuf::from("."), false);
    }
    (local, true)
}

/// Whether `dir` has a course folder in it (a folder with a `course.toml`).
fn holds_courses(dir: &std::path::Path) -> bool {
    fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .filter_map(Result::ok)
            .any(|e| e.path().join("course.toml").is_file())
    })
}

/// A file name, owned or static.
type Name = std::borrow::Cow<'static, str>;

/// The `[[lessons]]` entry for a scenario-only lesson.
fn scenario_entry(file: &str, title: &str) -> String {
    format!(
        "\n[[lessons]]\ntitle = \"{title}\"\nscenario = \"{file}\"   # played as a branching scenario\n# required = false                      # uncomment: any ending completes the lesson\n"
    )
}

/// Adds a scenario lesson to an existing course: writes the scenario file and appends its
/// `[[lessons]]` entry to `course.toml`.
fn add_scenario(dir: &std::path::Path) -> anyhow::Result<ExitCode> {
    let toml_path = dir.join("course.toml");
    let text = fs::read_to_string(&toml_path)
        .with_context(|| format!("reading {}", toml_path.display()))?;
    let lessons = toml::from_str::<toml::Table>(&text)
        .ok()
        .and_then(|t| t.get("lessons").and_then(|l| l.as_array()).map(Vec::len))
        .unwrap_or(0);
    let name = format!("{:02}-{SCENARIO}", lessons + 1);
    let path = dir.join(&name);
    if path.exists() {
        eprintln!(
            "rollcall: error: {} already exists; rename or remove it first",
            display_path(&path)
        );
        return Ok(ExitCode::from(EXIT_FAILED));
    }
    // A course's scenarios need their own ids (runs are recorded by them): number the 2nd on.
    let before = fs::read_dir(dir).map_or(0, |entries| {
        entries
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(SCENARIO))
            .count()
    });
    let (id, title) = if before == 0 {
        ("practice-call".to_string(), "Practice call".to_string())
    } else {
        (
            format!("practice-call-{}", before + 1),
            format!("Practice call {}", before + 1),
        )
    };
    let scenario_text =
        SCENARIO_TEXT.replacen("id = \"practice-call\"", &format!("id = \"{id}\""), 1);
    fs::write(&path, scenario_text).with_context(|| format!("writing {}", path.display()))?;
    outln!("wrote {}", display_path(&path));
    let mut updated = text;
    if !updated.ends_with('\n') {
        updated.push('\n');
    }
    updated.push_str(&scenario_entry(&name, &title));
    fs::write(&toml_path, updated).with_context(|| format!("writing {}", toml_path.display()))?;
    outln!("added the lesson to {}", display_path(&toml_path));
    outln!(
        "edit the scenario, then run `rollcall check {}` and `rollcall scenario graph {}`",
        display_path(dir),
        display_path(&path)
    );
    Ok(ExitCode::SUCCESS)
}

/// A small scenario that passes `check` with no warnings and shows every part of the format.
const SCENARIO_TEXT: &str = r#"# A branching scenario: see docs/course-format.md for every key.
# See its shape with: rollcall scenario graph THIS-FILE | dot -Tsvg > call.svg
id = "practice-call"
title = "A loud customer at the corner shop"
start = "arrival"
pass = "acceptable"          # the lowest ending that passes: best | acceptable | poor

[[meters]]                   # optional: shown as a gauge, moved by choices' effects
id = "tension"
label = "Tension"
start = 5
max = 10

[[nodes]]
id = "arrival"
text = """
Dispatch sends you to the corner shop. A customer is shouting at the clerk about a refund;
the clerk looks frightened. Nobody is hurt and nobody holds a weapon.
"""

[[nodes.routes]]             # tried in order on arrival, before the choices are shown
if = "tension >= 9"
next = "escalated"

[[nodes.choices]]
id = "introduce"
text = "Introduce yourself and ask the customer what happened"
next = "listening"
consequence = """
The customer turns to you. Still loud, but now talking to someone who asked.
"""
coaching = "Your name and an open question give the person a way to talk instead of shout."
rating = "best"
effects = { tension = -2 }

[[nodes.choices]]
id = "order"
text = "Tell the customer to calm down or leave"
next = "arrival"
consequence = """
"Calm down?" The customer's voice rises, and the clerk steps back from the counter.
"""
coaching = "Orders to calm down rarely calm anyone; they tell the person they are not being heard."
rating = "poor"
effects = { tension = 2 }

[[nodes]]
id = "listening"
text = """
The customer explains: a broken phone, a refused refund, a long wait. The clerk nods.
"""

[[nodes.choices]]
id = "reflect"
text = "Sum up what you heard and ask what would help now"
next = "resolved"
consequence = """
"Yes, that's it." The customer's shoulders drop; the clerk offers to call the manager.
"""
coaching = "Reflecting back shows you listened; asking what would help hands some control back."
rating = "best"
effects = { tension = -2 }

[[nodes.choices]]
id = "decide"
text = "Tell them both how it will be settled"
next = "settled"
consequence = """
They go along with it, but the customer leaves muttering that nobody listens.
"""
coaching = "It ended, but a decision imposed without a voice feels unfair, and unfair calls repeat."
rating = "acceptable"

[[nodes]]
id = "resolved"
ending = "best"              # an ending: best | acceptable | poor; it has no choices
text = "The manager arranges a repair. The customer thanks you on the way out."

[[nodes]]
id = "settled"
ending = "acceptable"
text = "The call is over, though the customer still feels unheard."

[[nodes]]
id = "escalated"
ending = "poor"
text = "The customer storms out, knocking over a display. A second call comes in an hour later."
"#;

/// `stop-and-search` becomes `Stop And Search`.
fn title_from_id(id: &str) -> String {
    id.split('-')
        .filter(|w| !w.is_empty())
        .enumerate()
        .map(|(i, w)| {
            if ACRONYMS.contains(&w) {
                return w.to_ascii_uppercase();
            }
            // Small words stay small inside a title, as in "Use of Force Reporting".
            if i > 0 && SMALL_WORDS.contains(&w) {
                return w.to_string();
            }
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |c| {
                c.to_uppercase().chain(chars).collect::<String>()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Words written in capitals in police training titles.
const ACRONYMS: &[&str] = &[
    "ada", "aed", "cit", "cpr", "dui", "dwi", "ems", "ics", "lgbtq", "nims", "oc", "post", "ptsd",
    "swat", "tbi",
];

/// Words left in lower case inside a title (articles, short conjunctions and prepositions).
const SMALL_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "in", "nor", "of", "on", "or", "the", "to",
    "vs", "via", "with",
];

/// The files of a new course: name and text.
fn skeleton(title: &str) -> [(Name, String); 3] {
    let quoted = toml::Value::String(title.to_string()).to_string();
    let course = format!(
        r#"# The course's settings: see docs/course-format.md for every key.
title = {quoted}
summary = "One or two sentences that tell an officer what the course is for."
version = "1.0"
hours = 1.0
# pass_percent = 80
# order = 100
# requires = ["another-course-id"]
# provider = "Regional Training Academy"
objectives = [
  "The first thing a learner will be able to do",
]

[[lessons]]
file = "{LESSON}"
title = "Introduction"
quiz = "{QUIZ}"
"#
    );
    let lesson = "# Introduction

This is the first page of the lesson. Write in plain Markdown: *emphasis*, **strong**,
lists and tables all work.

- Keep pages short: a learner reads one screen at a time.
- A line holding only `---`, after a blank line, starts a new page.

---

## What to do next

1. Replace this text with the lesson.
2. Write the quiz in `01-introduction.quiz.toml`.
3. Run `rollcall check` after every edit.
"
    .to_string();
    let quiz =
        r#"# One question of each form; every question teaches through its explanation or feedback.
title = "Check your understanding"

[[questions]]
id = "page-break"                    # a stable id: lowercase letters, digits and '-'
prompt = "What starts a new page in a lesson?"

[[questions.choices]]
text = "A `---` line after a blank line"
correct = true
feedback = "Right: a thematic break ends the page."

[[questions.choices]]
text = "A `# ` heading at the top"
feedback = "Headings stay on the page they are on."

[[questions]]
id = "course-files"
prompt = "Select every file a course can use."

[[questions.choices]]
text = "course.toml"
correct = true
feedback = "Yes: every course needs one."

[[questions.choices]]
text = "Markdown lessons"
correct = true
feedback = "Yes: each lesson is a Markdown file."

[[questions.choices]]
text = "Word documents"
feedback = "No: convert them to Markdown first."

[[questions]]
id = "check-reports-all"
prompt = "`rollcall check` reports every problem it finds, not only the first."
answer = true
explanation = "It checks every file, so one run shows everything to fix."

[[questions]]
id = "check-command"
prompt = "Which command checks a course folder? (type it)"
accept = ["rollcall check", "check"]
explanation = "`rollcall check` validates every course and quiz in the folder."

[[questions]]
id = "authoring-order"
prompt = "Put the authoring steps in order."
order = ["Write the lesson", "Run rollcall check", "Preview it"]
explanation = "Write, check, then preview with `rollcall preview`."
"#
        .to_string();
    [
        (Name::Borrowed("course.toml"), course),
        (Name::Borrowed(LESSON), lesson),
        (Name::Borrowed(QUIZ), quiz),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scenario_skeleton_checks_clean_and_plays() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("x");
        fs::create_dir(&dir).unwrap();
        for (name, text) in skeleton("X") {
            fs::write(dir.join(name.as_ref()), text).unwrap();
        }
        add_scenario(&dir).unwrap();
        let report = crate::check::check_dir(&dir).unwrap();
        assert!(report.diagnostics.is_empty(), "{}", report.to_human());
        let course = crate::course::load_course(&dir).unwrap();
        let lesson = &course.lessons[1];
        assert_eq!(lesson.id(), "02-practice-call");
        assert!(lesson.path.is_none() && lesson.required);
        let s = crate::scenario::load_scenario(lesson.scenario.as_ref().unwrap()).unwrap();
        let mut run = crate::scenario::Run::new(&s);
        run.choose(&s, 1);
        run.choose(&s, 1);
        assert_eq!(run.ending(&s), Some(crate::scenario::Rating::Poor));
    }

    #[test]
    fn titles_from_ids() {
        assert_eq!(title_from_id("stop-and-search"), "Stop and Search");
        assert_eq!(
            title_from_id("use-of-force-reporting"),
            "Use of Force Reporting"
        );
        assert_eq!(title_from_id("the-ada-and-you"), "The ADA and You");
        assert_eq!(title_from_id("cit-for-patrol"), "CIT for Patrol");
        assert_eq!(title_from_id("a--b2"), "A B2");
    }

    #[test]
    fn skeleton_checks_clean_even_with_quotes_in_the_title() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("x");
        fs::create_dir(&dir).unwrap();
        for (name, text) in skeleton("The \"right\" way \\ back") {
            fs::write(dir.join(name.as_ref()), text).unwrap();
        }
        let report = crate::check::check_dir(&dir).unwrap();
        assert!(report.diagnostics.is_empty(), "{}", report.to_human());
        let course = crate::course::load_course(&dir).unwrap();
        assert_eq!(course.title, "The \"right\" way \\ back");
        let quiz = crate::quiz::load_quiz(&dir.join(QUIZ)).unwrap();
        let forms: Vec<_> = quiz.questions.iter().map(|q| q.kind.form_name()).collect();
        assert_eq!(
            forms,
            ["pick-one", "select-all", "true-false", "typed", "order"]
        );
    }
}
