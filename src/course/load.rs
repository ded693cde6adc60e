//! Loading one course folder: `course.toml` read, checked (every problem at once, in plain
//! words) and the files it names found inside the folder.

use std::fs;
use std::path::{Path, PathBuf};

use toml::Spanned;

use super::meant::{meant, unused_names};
use super::schema::Repaired;
use super::toml_words::toml_error;
use super::{
    Check, Course, CourseFile, DEFAULT_PASS_PERCENT, Lesson, LessonEntry, MAX_FILE_BYTES, dir_id,
    id_problem, read_text_file, resolve_inside,
};
use crate::diagnostic::Diagnostic;

/// Loads one course folder: parses `course.toml` and checks the files it names exist inside it.
///
/// # Errors
/// The first problem found, with file, line and a hint.
pub fn load_course(dir: &Path) -> Result<Course, Diagnostic> {
    let errors = course_diagnostics(dir);
    match errors {
        Ok(course) => Ok(course),
        Err(mut all) => Err(all.remove(0)),
    }
}

/// Like [`load_course`], but reports every problem found (for `rollcall check`).
///
/// # Errors
/// Every problem found, in file order; never empty.
pub fn course_diagnostics(dir: &Path) -> Result<Course, Vec<Diagnostic>> {
    read_course(dir).course
}

/// A course folder read as far as it goes, for `rollcall check`: what it names is known even
/// when it has errors, so its lessons are still checked and its files are not "unused".
#[derive(Debug, Clone)]
pub struct CourseRead {
    /// The course, or every problem found in file order (never empty).
    pub course: Result<Course, Vec<Diagnostic>>,
    /// The lessons with the files of theirs that were found (all of them when the course
    /// loaded); a lesson none of whose pages or scenario was found is left out.
    pub lessons: Vec<Lesson>,
    /// Every file `course.toml` names, found or not, and every file a "did you mean" points
    /// at; `None` when `course.toml` could not be read at all (then nothing is known to be
    /// named, and every file would look unused).
    pub named: Option<Vec<PathBuf>>,
}

/// Reads one course folder for `rollcall check`: every problem at once, and past them what
/// can still be read (see [`CourseRead`]).
pub fn read_course(dir: &Path) -> CourseRead {
    let failed = |errors| CourseRead {
        course: Err(errors),
        lessons: Vec::new(),
        named: None,
    };
    let path = dir.join("course.toml");
    let source = match read_text_file(&path) {
        Ok(s) => s,
        Err(e) => return failed(vec![e]),
    };
    let (read, shape) = match toml::from_str::<CourseFile>(&source) {
        Ok(file) => (Repaired::whole(file), Vec::new()),
        Err(e) => {
            // Every key of the wrong shape at once, rather than serde's first; then the
            // rest is still checked, as far as it reads.
            let shape = super::schema::problems(&path, &source);
            match super::schema::repaired(&source) {
                Some(r) if !shape.is_empty() => (r, shape),
                _ if shape.is_empty() => return failed(vec![toml_error(&path, &source, &e)]),
                _ => return failed(shape),
            }
        }
    };
    validate(dir, &path, &source, read, shape)
}

/// The checks of meaning on a `course.toml` that read: titles, ranges, the files it names.
/// `shape` holds the problems with its shape already found (`read` went past them, so
/// nothing here depends on a value reported there).
fn validate(
    dir: &Path,
    path: &Path,
    source: &str,
    read: Repaired,
    shape: Vec<Diagnostic>,
) -> CourseRead {
    let id = dir_id(dir);
    let file = read.file;
    // What the lessons name; the folder is listed only when a name is missing (see `meant`),
    // so opening a library costs no directory listing per course.
    let listed: Vec<&str> = file
        .lessons
        .iter()
        .flat_map(|l| {
            let l = l.get_ref();
            [&l.file, &l.scenario, &l.quiz]
                .into_iter()
                .filter_map(|n| n.as_ref().map(|n| n.get_ref().as_str()))
                .chain(l.checks.iter().map(|c| c.get_ref().quiz.get_ref().as_str()))
        })
        .collect();
    let mut named: Vec<PathBuf> = listed.iter().map(|n| dir.join(n)).collect();
    let mut meant_files = Vec::new();
    let mut errors = Vec::new();
    if let Some(problem) = id_problem(&id) {
        errors.push(
            Diagnostic::error(
                dir,
                format!("course folder name `{id}` is not a valid course id"),
            )
            .with_help(format!("rename the folder using {problem}")),
        );
    }
    let title = file.title.get_ref().trim().to_string();
    if title.is_empty() {
        errors.push(
            Diagnostic::error(path, "the course title is empty")
                .at(source, file.title.span())
                .with_help("give the course a title"),
        );
    }
    let hours = match &file.hours {
        None => 0.0,
        Some(h) => {
            let hours = *h.get_ref();
            if !(hours > 0.0 && hours <= 100.0) {
                errors.push(
                    Diagnostic::error(path, format!("hours = {hours} is out of range"))
                        .at(source, h.span())
                        .with_help(
                            "set the credit hours to a number above 0 and at most 100, e.g. 2.0",
                        ),
                );
            }
            hours
        }
    };
    let pass_percent = match &file.pass_percent {
        None => DEFAULT_PASS_PERCENT,
        Some(p) => match u8::try_from(*p.get_ref()) {
            Ok(v) if v <= 100 => v,
            _ => {
                errors.push(
                    Diagnostic::error(
                        path,
                        format!("pass_percent = {} is out of range", p.get_ref()),
                    )
                    .at(source, p.span())
                    .with_help("use a whole number from 0 to 100"),
                );
                DEFAULT_PASS_PERCENT
            }
        },
    };
    let min_minutes = match &file.min_minutes {
        None => 0,
        Some(m) => match u32::try_from(*m.get_ref()) {
            Ok(v) if (1..=6000).contains(&v) => v,
            _ => {
                errors.push(
                    Diagnostic::error(
                        path,
                        format!("min_minutes = {} is out of range", m.get_ref()),
                    )
                    .at(source, m.span())
                    .with_help("give the active minutes a learner needs, from 1 to 6000, e.g. 60"),
                );
                0
            }
        },
    };
    let reviewed = file.reviewed.as_ref().and_then(|r| {
        let text = r.get_ref().trim();
        if is_year_month(text) {
            Some(text.to_string())
        } else {
            errors.push(
                Diagnostic::error(path, format!("reviewed = \"{text}\" is not a month"))
                    .at(source, r.span())
                    .with_help("write the year and month the facts were checked, e.g. \"2026-11\""),
            );
            None
        }
    });
    if file.lessons.is_empty() && !read.lessons_dropped {
        errors.push(
            Diagnostic::error(path, "the course has no lessons")
                .at_line(1)
                .with_help("add a [[lessons]] table with file = \"01-intro.md\""),
        );
    }
    let mut lessons = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for (i, spanned) in file.lessons.iter().enumerate() {
        let entry = spanned.get_ref();
        let Some(name) = entry.file.as_ref().or(entry.scenario.as_ref()) else {
            if read.had_name.get(i).copied().unwrap_or(false) {
                // Its name is of the wrong kind, reported as such.
                continue;
            }
            errors.push(
                Diagnostic::error(path, "a lesson has neither `file` nor `scenario`")
                    .at(source, spanned.span())
                    .with_help("add file = \"01-intro.md\" (the pages), scenario = \"01-call.scenario.toml\", or both"),
            );
            continue;
        };
        let file_name = name.get_ref();
        if seen.contains(&file_name.as_str()) {
            errors.push(
                Diagnostic::error(path, format!("lesson file `{file_name}` is listed twice"))
                    .at(source, name.span())
                    .with_help("each lesson needs its own file; remove the duplicate entry"),
            );
            continue;
        }
        seen.push(file_name);
        let mut named = |rel: Option<&Spanned<String>>| match rel {
            None => Ok(None),
            Some(r) => match check_course_file(dir, r, (path, source), &listed, &mut meant_files) {
                Ok(p) => Ok(Some(p)),
                Err(e) => {
                    errors.push(e);
                    Err(())
                }
            },
        };
        let lesson_path = named(entry.file.as_ref());
        let scenario = named(entry.scenario.as_ref());
        let quiz = named(entry.quiz.as_ref()).unwrap_or(None);
        let checks = load_checks(
            dir,
            entry,
            (path, source),
            &listed,
            &mut meant_files,
            &mut errors,
        );
        // What was found is still checked, though the course does not load.
        let (lesson_path, scenario) = (lesson_path.unwrap_or(None), scenario.unwrap_or(None));
        if lesson_path.is_none() && scenario.is_none() {
            continue;
        }
        lessons.push(Lesson {
            file: file_name.clone(),
            path: lesson_path,
            // Shown on every screen and in every report: cleaned once, here, of escape
            // sequences and hidden characters (each output path cleans again).
            title: entry
                .title
                .as_deref()
                .map(|t| crate::sanitize::line(t).into_owned())
                .filter(|t| !t.trim().is_empty()),
            scenario,
            required: entry.required.unwrap_or(true),
            quiz,
            checks,
        });
    }
    named.extend(meant_files);
    // Problems of shape first: `load_course` shows the first, and it is the one to fix first.
    errors.splice(0..0, shape);
    if !errors.is_empty() {
        return CourseRead {
            course: Err(errors),
            lessons,
            named: Some(named),
        };
    }
    let course = Course {
        id,
        dir: dir.to_path_buf(),
        title: clean_line(title),
        summary: crate::sanitize::text(file.summary.trim()).into_owned(),
        version: clean_line(file.version),
        hours,
        pass_percent,
        order: file.order,
        requires: file.requires,
        provider: file.provider.map(clean_line),
        certification: file.certification.map(clean_line),
        objectives: file.objectives.into_iter().map(clean_line).collect(),
        min_minutes,
        reviewed,
        lessons: lessons.clone(),
    };
    CourseRead {
        course: Ok(course),
        lessons,
        named: Some(named),
    }
}

/// One line of a course's own words, as every screen and report shows it: no escape
/// sequences or hidden characters (each output path cleans again).
fn clean_line(s: String) -> String {
    match crate::sanitize::line(&s) {
        std::borrow::Cow::Borrowed(_) => s,
        std::borrow::Cow::Owned(clean) => clean,
    }
}

/// A lesson's knowledge checks, in page order; their problems go to `errors`. Whether a
/// check comes before the last page needs the lesson's text, so `rollcall check` sees to that.
fn load_checks(
    dir: &Path,
    entry: &LessonEntry,
    (path, source): (&Path, &str),
    listed: &[&str],
    meant_files: &mut Vec<PathBuf>,
    errors: &mut Vec<Diagnostic>,
) -> Vec<Check> {
    let mut checks: Vec<Check> = Vec::new();
    for spanned in &entry.checks {
        let check = spanned.get_ref();
        let page = check.after_page.get_ref();
        if entry.file.is_none() {
            errors.push(
                Diagnostic::error(path, "a knowledge check in a lesson without pages")
                    .at(source, spanned.span())
                    .with_help(
                        "a check is offered between pages: give the lesson a `file` of pages, or remove `checks` (a scenario is practice already; a quiz can follow it)",
                    ),
            );
            continue;
        }
        let Some(after_page) = usize::try_from(*page).ok().filter(|&p| p >= 1) else {
            errors.push(
                Diagnostic::error(path, format!("after_page = {page} is not a page"))
                    .at(source, check.after_page.span())
                    .with_help("pages count from 1: after_page = 1 offers the check when the learner turns from page 1 to page 2"),
            );
            continue;
        };
        if checks.iter().any(|c| c.after_page == after_page) {
            errors.push(
                Diagnostic::error(
                    path,
                    format!("two knowledge checks after page {after_page}"),
                )
                .at(source, check.after_page.span())
                .with_help("offer one check per page: put both quizzes' questions in one file, or move one to another page"),
            );
            continue;
        }
        match check_course_file(dir, &check.quiz, (path, source), listed, meant_files) {
            Ok(quiz) => checks.push(Check { after_page, quiz }),
            Err(e) => errors.push(e),
        }
    }
    checks.sort_by_key(|c| c.after_page);
    checks
}

/// Whether `s` is a month as `YYYY-MM` (year 2000..=2100).
pub(super) fn is_year_month(s: &str) -> bool {
    let Some((y, m)) = s.split_once('-') else {
        return false;
    };
    y.len() == 4
        && m.len() == 2
        && y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit())
        && y.parse::<u16>().is_ok_and(|y| (2000..=2100).contains(&y))
        && m.parse::<u8>().is_ok_and(|m| (1..=12).contains(&m))
}

/// Checks that a file named in `course.toml` stays inside the course folder and is usable;
/// a file it suggests instead goes to `meant_files`.
fn check_course_file(
    dir: &Path,
    rel: &Spanned<String>,
    (toml_path, toml_source): (&Path, &str),
    listed: &[&str],
    meant_files: &mut Vec<PathBuf>,
) -> Result<PathBuf, Diagnostic> {
    let locate = |msg: String, help: &str| {
        Diagnostic::error(toml_path, msg)
            .at(toml_source, rel.span())
            .with_help(help.to_string())
    };
    let resolved = resolve_inside(dir, rel.get_ref()).map_err(|msg| {
        locate(
            msg,
            "use a path relative to the course folder, such as \"01-intro.md\"",
        )
    })?;
    let meta = fs::metadata(&resolved).map_err(|_| {
        let unused = unused_names(dir, listed);
        let help = match meant(rel.get_ref(), &unused) {
            Some(file) => {
                meant_files.push(dir.join(file));
                format!("did you mean `{file}`? It is in the course folder and no lesson names it")
            }
            None => "create the file or fix the name in course.toml".to_string(),
        };
        locate(format!("file `{}` not found", rel.get_ref()), &help)
    })?;
    if !meta.is_file() {
        return Err(locate(
            format!("`{}` is not a file", rel.get_ref()),
            "point at a Markdown or TOML file",
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(locate(
            format!(
                "file `{}` is {} KiB, over the 1024 KiB limit",
                rel.get_ref(),
                meta.len() / 1024
            ),
            "split the lesson into several smaller lessons",
        ));
    }
    Ok(resolved)
}
