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
    let root = cli.courses.clone().unwrap_or_else(|| PathBuf::from("."));
    let dir = match &cli.courses {
        Some(root) => root.join(&args.id),
        None => PathBuf::from(&args.id),
    };
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
    for (name, text) in skeleton(&title) {
        let path = dir.join(name);
        fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
        println!("wrote {}", display_path(&path));
    }
    println!(
        "created course `{}`; edit the files, then run `rollcall check {}`",
        args.id,
        display_path(&dir)
    );
    Ok(ExitCode::SUCCESS)
}

/// `stop-and-search` becomes `Stop And Search`.
fn title_from_id(id: &str) -> String {
    id.split('-')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |c| {
                c.to_uppercase().chain(chars).collect::<String>()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The files of a new course: name and text.
fn skeleton(title: &str) -> [(&'static str, String); 3] {
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
    [("course.toml", course), (LESSON, lesson), (QUIZ, quiz)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_from_ids() {
        assert_eq!(title_from_id("stop-and-search"), "Stop And Search");
        assert_eq!(title_from_id("a--b2"), "A B2");
    }

    #[test]
    fn skeleton_checks_clean_even_with_quotes_in_the_title() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("x");
        fs::create_dir(&dir).unwrap();
        for (name, text) in skeleton("The \"right\" way \\ back") {
            fs::write(dir.join(name), text).unwrap();
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
