//! `rollcall progress` (show or repair a learner's record) and the hidden `save-loop` used by
//! the crash-safety tests.
//!
//! `rollcall progress --format json` prints one object; its field names are stable:
//!
//! ```text
//! {
//!   "learner":  string          the learner's name
//!   "file":     string          path of the progress file
//!   "attempts": number          quiz attempts recorded, all courses
//!   "flagged_runs": [           scenario runs not credited, and why (absent when none)
//!     { "id": string, "course": string, "lesson": string, "flags": [string] }
//!   ]
//!   "courses": [                courses with any progress, in library order, then by id
//!     {
//!       "id":                string         course id (folder name)
//!       "title":             string | null  title from the course library; null if not found
//!       "in_library":        bool           whether the course was found in the library
//!       "lessons_done":      number         lessons completed
//!       "lessons_total":     number | null  lessons in the course; null if not in the library
//!       "first_opened":      string | null  RFC 3339
//!       "completed":         string | null  RFC 3339; null while no completion is credited
//!       "completed_version": string | null  course version at completion
//!       "hours":             number | null  credit hours recorded at completion
//!       "course_hours":      number | null  credit hours the library gives the course
//!       "attempts":          number         quiz attempts in this course
//!       "flags":            [string]       why something recorded is not credited (report's
//!                                          flag names, e.g. "unsupported-completion")
//!       "quizzes": [                        lessons with a quiz (library order) or attempts
//!         {
//!           "lesson":       string          lesson id (file name without .md)
//!           "title":        string | null   lesson title from the library
//!           "attempts":     number
//!           "best_percent": number | null   best score, 0 to 100; null if never attempted
//!           "passed":       bool            whether any attempt passed
//!         }
//!       ]
//!     }
//!   ]
//! }
//! ```

use std::collections::BTreeSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;

use crate::cli::{Cli, Command, Format, ProgressArgs};
use crate::course::{Course, Library};
use crate::domain;
use crate::progress::store::Store;
use crate::progress::validate as rules;
use crate::progress::{Progress, Stamp};

mod output;
#[cfg(any(debug_assertions, feature = "test-commands", test))]
mod save_loop;

use output::{table, write_csv};
#[cfg(test)]
use save_loop::loop_record;

/// Runs `progress` or `save-loop`.
///
/// # Errors
/// When the data folder, learner or progress file cannot be used (exit 2).
pub fn run(cli: &Cli) -> anyhow::Result<ExitCode> {
    // Folders and learner in layers: flags, environment, settings file, defaults.
    let config = crate::config::Config::load(cli)?;
    config.warn_stderr();
    let store = Store::new(&config.data_dir, &config.learner)?;
    match &cli.command {
        #[cfg(any(debug_assertions, feature = "test-commands"))]
        Some(Command::SaveLoop { count, tag }) => save_loop::run(&store, *count, tag),
        Some(Command::Progress(args)) => show_or_repair(&config, &store, args),
        _ => anyhow::bail!("internal error: `progress` called for another command"),
    }
}

fn show_or_repair(
    config: &crate::config::Config,
    store: &Store,
    args: &ProgressArgs,
) -> anyhow::Result<ExitCode> {
    let mut out = io::stdout().lock();
    if args.repair {
        let path = store.path().display();
        match store.repair()? {
            Some(to) => writeln!(
                out,
                "moved the unreadable progress file {path} to {}; {} starts with a fresh record",
                to.display(),
                store.learner()
            )?,
            None if store.path().exists() => {
                writeln!(out, "progress file {path} reads fine; nothing to repair")?;
            }
            None => writeln!(
                out,
                "no progress file for {} yet ({path}); nothing to repair",
                store.learner()
            )?,
        }
        return Ok(ExitCode::SUCCESS);
    }
    for twin in crate::progress::store::case_twins(store.dir(), store.learner()) {
        let line = format!(
            "{} is also {}'s (the names differ only in case) and is not shown here; merge the \
             two files by hand",
            store.dir().join(format!("{twin}.toml")).display(),
            store.learner()
        );
        eprintln!("rollcall: warning: {}", crate::sanitize::line(&line));
    }
    let progress = store.load()?;
    let library = courses_dir_library(config.courses.as_deref());
    let summary = summarize(&progress, store.path(), library.as_ref(), Stamp::now());
    let text = match args.format {
        Format::Table => table(&summary, crate::cmd::table_width(args.wide)),
        Format::Json => serde_json::to_string_pretty(&summary)? + "\n",
        Format::Csv => {
            let mut buf = Vec::new();
            write_csv(&mut buf, &summary)?;
            String::from_utf8(buf)?
        }
    };
    out.write_all(crate::cmd::terminal_safe(&text, args.format).as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The course library for titles and lesson counts; `None` (ids only) when there is no
/// courses folder or it cannot be read.
fn courses_dir_library(flag: Option<&Path>) -> Option<Library> {
    let courses = crate::locate::Courses::find(flag).ok()?;
    match courses.load() {
        Ok(library) => Some(library),
        Err(diagnostic) => {
            let line = format!("{diagnostic}; showing course ids only");
            eprintln!("rollcall: warning: {}", crate::sanitize::line(&line));
            None
        }
    }
}

/// A learner's record as printed (and as the JSON output).
#[derive(Debug, Clone, PartialEq, Serialize)]
struct Summary {
    learner: String,
    file: PathBuf,
    attempts: usize,
    /// Scenario runs the checks do not credit, and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    flagged_runs: Vec<FlaggedRun>,
    courses: Vec<CourseRow>,
}

/// A scenario run that is not credited.
#[derive(Debug, Clone, PartialEq, Serialize)]
struct FlaggedRun {
    id: String,
    course: String,
    lesson: String,
    /// Report's flag names.
    flags: Vec<&'static str>,
}

/// One course of the record.
#[derive(Debug, Clone, PartialEq, Serialize)]
struct CourseRow {
    id: String,
    title: Option<String>,
    in_library: bool,
    lessons_done: usize,
    lessons_total: Option<usize>,
    first_opened: Option<Stamp>,
    completed: Option<Stamp>,
    completed_version: Option<String>,
    hours: Option<f64>,
    course_hours: Option<f64>,
    /// Active minutes recorded (whole, rounded down); `None` when the record holds no time
    /// for the course (written before rollcall recorded time on task).
    active_minutes: Option<u64>,
    attempts: usize,
    quizzes: Vec<QuizRow>,
    /// Why something recorded is not credited (report's flag names).
    flags: Vec<&'static str>,
    /// A completion the record claims but the checks do not credit.
    #[serde(skip)]
    not_credited: Option<Stamp>,
}

/// One quiz of a course row.
#[derive(Debug, Clone, PartialEq, Serialize)]
struct QuizRow {
    lesson: String,
    title: Option<String>,
    attempts: usize,
    best_percent: Option<f64>,
    passed: bool,
}

fn summarize(progress: &Progress, file: &Path, library: Option<&Library>, now: Stamp) -> Summary {
    // The file name is the learner; only what the checks pass is credited.
    let file_learner = file
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_suffix(".toml"));
    let mut findings = rules::check(progress, file_learner, now);
    // Runs are checked against their scenarios where the library has them.
    if let Some(library) = library {
        let scenarios = crate::scenario::ScenarioBook::load(library);
        rules::check_scenarios(&mut findings, progress, &scenarios);
    }
    let credible = rules::credible(progress, &findings);
    let flagged_runs = progress
        .runs
        .iter()
        .filter_map(|r| {
            Some(FlaggedRun {
                id: r.id.clone(),
                course: r.course.clone(),
                lesson: r.lesson.clone(),
                flags: findings.runs.get(&r.id)?.iter().map(|f| f.name()).collect(),
            })
        })
        .collect();
    let mut ids: BTreeSet<&str> = progress.courses.keys().map(String::as_str).collect();
    ids.extend(progress.attempts.iter().map(|a| a.course.as_str()));
    let library_courses = library.map_or(&[][..], |l| l.courses.as_slice());
    // Library order first (as the app shows them), then courses it does not have, by id.
    let mut ordered: Vec<(&str, Option<&Course>)> = library_courses
        .iter()
        .filter(|c| ids.contains(c.id.as_str()))
        .map(|c| (c.id.as_str(), Some(c)))
        .collect();
    ordered.extend(
        ids.iter()
            .filter(|id| !library_courses.iter().any(|c| c.id == **id))
            .map(|id| (*id, None)),
    );
    Summary {
        learner: progress.learner.clone(),
        file: file.to_path_buf(),
        attempts: progress.attempts.len(),
        flagged_runs,
        courses: ordered
            .into_iter()
            .map(|(id, course)| course_row(progress, &credible, &findings, id, course))
            .collect(),
    }
}

fn course_row(
    all: &Progress,
    progress: &Progress,
    findings: &rules::Findings,
    id: &str,
    course: Option<&Course>,
) -> CourseRow {
    let recorded = progress.courses.get(id);
    // The one rule, as the app and `report` apply it.
    let lessons_done = match course {
        Some(c) => domain::lessons_done(progress, c),
        None => recorded.map_or(0, |c| {
            c.lessons
                .iter()
                .filter(|(lesson, l)| {
                    domain::lesson_pages_seen(l)
                        && (progress.attempts_for(id, lesson).next().is_none()
                            || domain::quiz_passed(progress, id, lesson))
                })
                .count()
        }),
    };
    let credit = domain::course_credit(progress, id, course);
    let completed = match credit.status {
        domain::Status::Completed { at } => Some(at),
        _ => None,
    };
    let mut flags = findings.for_course(all, id);
    if completed.is_none() && flags.is_empty() && !credit.refused.is_empty() {
        flags.push(rules::Flag::UnsupportedCompletion);
    }
    let not_credited = all
        .courses
        .get(id)
        .and_then(|c| c.completed)
        .filter(|_| completed.is_none());
    // Quizzes the course has, in order, then lessons with attempts it no longer has.
    let mut lessons: Vec<(String, Option<String>)> = course.map_or_else(Vec::new, |c| {
        c.lessons
            .iter()
            .filter(|l| l.quiz.is_some())
            .map(|l| (l.id().to_string(), Some(l.display_title())))
            .collect()
    });
    let attempted: BTreeSet<&str> = progress
        .attempts
        .iter()
        .filter(|a| a.course == id)
        .map(|a| a.lesson.as_str())
        .collect();
    for lesson in attempted {
        if !lessons.iter().any(|(l, _)| l == lesson) {
            lessons.push((lesson.to_string(), None));
        }
    }
    let quizzes = lessons
        .into_iter()
        .map(|(lesson, title)| QuizRow {
            attempts: progress.attempts_for(id, &lesson).count(),
            best_percent: progress.best_attempt(id, &lesson).map(|a| a.percent),
            passed: progress.quiz_passed(id, &lesson),
            lesson,
            title,
        })
        .collect();
    CourseRow {
        id: id.to_string(),
        title: course.map(|c| c.title.clone()),
        in_library: course.is_some(),
        lessons_done,
        lessons_total: course.map(|c| c.lessons.len()),
        first_opened: recorded.and_then(|c| c.first_opened),
        completed,
        completed_version: completed
            .and_then(|_| recorded.and_then(|c| c.completed_version.clone())),
        hours: completed.and(recorded.and_then(|c| c.completed_hours)),
        course_hours: course.map(|c| c.hours),
        active_minutes: domain::active_seconds(progress, id).map(|s| s / 60),
        attempts: all.attempts.iter().filter(|a| a.course == id).count(),
        flags: flags.iter().map(|f| f.name()).collect(),
        not_credited,
        quizzes,
    }
}

#[cfg(test)]
mod tests {
    use super::output::cells;
    use super::*;

    #[test]
    fn summary_without_library_uses_ids() {
        let mut p = loop_record("jdoe", "a", 1);
        p.merge(&loop_record("jdoe", "b", 2));
        let s = summarize(&p, Path::new("/d/jdoe.toml"), None, Stamp::now());
        assert_eq!(s.attempts, 2);
        assert_eq!(s.courses.len(), 1);
        let row = &s.courses[0];
        assert_eq!(row.id, "de-escalation");
        assert_eq!(row.title, None);
        assert_eq!(row.lessons_total, None);
        assert_eq!(row.quizzes.len(), 1);
        assert_eq!(row.quizzes[0].attempts, 2);
        assert_eq!(cells(row)[1], "0/?");
        assert!(table(&s, None).contains("de-escalation"));
    }

    #[test]
    fn empty_record_says_so() {
        let s = summarize(
            &Progress::new("jdoe"),
            Path::new("jdoe.toml"),
            None,
            Stamp::now(),
        );
        assert!(table(&s, None).contains("No progress recorded yet."));
    }

    #[test]
    fn loop_record_is_consistent() {
        for i in 0..12 {
            let p = loop_record("x", "id", i);
            let a = &p.attempts[0];
            assert_eq!(a.score, a.answers.iter().filter(|g| g.correct).count());
            assert_eq!(a.passed, a.percent >= 80.0);
        }
    }
}
