//! `rollcall check`: every diagnostic in a courses folder, with source snippets.
//!
//! Errors are what the loader and quiz validation reject (so a course that checks clean
//! loads). Warnings are things that load but are probably not what the author meant. Checking
//! never stops at the first problem: a course whose `course.toml` has errors still has its
//! lessons and quizzes checked, as far as they can be found.

mod checks;
mod format;
mod lesson;
pub mod lints;
mod quizzes;
mod rendering;
mod requirements;

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::course;
use crate::diagnostic::{Diagnostic, Severity};

/// Longest page, in rendered lines at [`PAGE_WIDTH`] columns, before `check` warns.
pub const MAX_PAGE_LINES: usize = 60;
/// Width at which page length is measured (the smallest common terminal).
pub const PAGE_WIDTH: u16 = 80;

/// Everything `check` found.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Diagnostics in the order found: course by course, file by file.
    pub diagnostics: Vec<Diagnostic>,
    /// Number of course folders checked.
    pub courses: usize,
    /// Text of the files read, for source snippets.
    sources: HashMap<PathBuf, String>,
    /// Shown in place of this folder in paths (e.g. the temporary copy of built-in courses).
    relabel: Option<(PathBuf, String)>,
}

impl Report {
    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// Whether the check failed: any error, or any warning when warnings are denied.
    pub fn failed(&self, deny_warnings: bool) -> bool {
        self.errors() > 0 || (deny_warnings && self.warnings() > 0)
    }

    /// Shows paths under `dir` as `label/...` instead (for a temporary copy).
    pub fn relabel(&mut self, dir: &Path, label: &str) {
        self.relabel = Some((dir.to_path_buf(), label.to_string()));
    }

    fn push(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.diagnostics.extend(ds);
    }
}

/// Checks `dir`: a courses folder (every sub-folder with a `course.toml`) or one course folder.
///
/// # Errors
/// Only when `dir` itself cannot be read.
pub fn check_dir(dir: &Path) -> Result<Report, Diagnostic> {
    let mut report = Report::default();
    if dir.join("course.toml").is_file() {
        check_course(dir, None, &mut report);
        return Ok(report);
    }
    let entries = fs::read_dir(dir).map_err(|e| {
        Diagnostic::error(dir, format!("cannot read the folder: {e}"))
            .with_help("pass a courses folder or a course folder (one holding course.toml)")
    })?;
    let mut courses = Vec::new();
    let mut others = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if is_hidden(&path) || !path.is_dir() {
            continue;
        }
        if path.join("course.toml").is_file() {
            courses.push(path);
        } else {
            others.push(path);
        }
    }
    courses.sort();
    others.sort();
    if courses.is_empty() {
        report.push(
            Diagnostic::error(dir, "no courses found in this folder").with_help(
                "a course is a folder holding a course.toml; try `rollcall new COURSE-ID`",
            ),
        );
        return Ok(report);
    }
    let ids: Vec<String> = courses.iter().map(|p| file_name(p)).collect();
    for path in &courses {
        check_course(path, Some(&ids), &mut report);
    }
    requirements::check(dir, &ids, &mut report);
    for path in others {
        report.push(
            Diagnostic::warning(
                &path,
                "this folder has no course.toml, so it is not a course",
            )
            .with_help("add a course.toml, or move the folder out of the courses folder"),
        );
    }
    Ok(report)
}

/// Checks one course folder; `siblings` are the course ids beside it, when checking a whole
/// courses folder (to check `requires`).
fn check_course(dir: &Path, siblings: Option<&[String]>, report: &mut Report) {
    report.courses += 1;
    let toml_path = dir.join("course.toml");
    let read = course::read_course(dir);
    if let Err(errors) = &read.course {
        report.extend(errors.iter().cloned());
    }
    let lessons = read.lessons;
    let mut used: BTreeSet<PathBuf> = read.named.iter().flatten().cloned().collect();
    let source = course::read_text_file(&toml_path).ok();
    let root = source.as_deref().and_then(|s| DeTable::parse(s).ok());
    if let (Some(source), Some(root)) = (&source, &root) {
        let root = root.get_ref();
        if root.get("hours").is_none() {
            report.push(
                Diagnostic::warning(
                    &toml_path,
                    "the course has no `hours`, so it counts as 0 credit hours",
                )
                .with_help("add `hours = 1.0` (the credit hours for training records)"),
            );
        }
        let requires = match root.get("requires").map(Spanned::get_ref) {
            Some(DeValue::Array(items)) => items.iter().collect(),
            _ => Vec::new(),
        };
        if let Some(ids) = siblings {
            for req in requires {
                let DeValue::String(name) = req.get_ref() else {
                    continue;
                };
                if !ids.iter().any(|id| id == name) {
                    report.push(
                        Diagnostic::warning(
                            &toml_path,
                            format!(
                                "`requires` names `{name}`, which is not a course in this folder"
                            ),
                        )
                        .at(source, req.span())
                        .with_help(
                            "use the folder name of the course to complete first, or remove it",
                        ),
                    );
                }
            }
        }
    }
    let mut check_quizzes = Vec::new();
    if let Some(source) = source {
        check_quizzes = checks::check(dir, &toml_path, &source, &mut used, report);
        report.sources.insert(toml_path.clone(), source);
    }
    let mut seen_quizzes = BTreeSet::new();
    let mut quizzes = Vec::new();
    let mut seen_scenarios = BTreeSet::new();
    let mut scenario_ids: HashMap<String, PathBuf> = HashMap::new();
    for (i, files) in lessons.iter().enumerate() {
        if let Some(pages) = &files.path
            && let Some(targets) = lesson::check_lesson(dir, pages, report)
        {
            used.extend(targets);
        }
        if let Some(s) = &files.scenario
            && seen_scenarios.insert(s.clone())
            && let Some((id, span)) = quizzes::check_scenario(s, report)
        {
            if let Some(first) = scenario_ids.get(&id) {
                let d = Diagnostic::error(
                    s,
                    format!("scenario id `{id}` is used by `{}` too", file_name(first)),
                )
                .with_help("give each scenario of a course its own id: runs are recorded by it");
                let d = match report.sources.get(s) {
                    Some(source) => d.at(source, span),
                    None => d,
                };
                report.push(d);
            } else {
                scenario_ids.insert(id, s.clone());
            }
        }
        if let Some(q) = &files.quiz
            && seen_quizzes.insert(q.clone())
            && let Some(quiz) = quizzes::check_quiz(q, report)
        {
            report.extend(lints::quiz_lints(
                q,
                &quiz,
                lints::is_final(&quiz, i, lessons.len()),
            ));
            quizzes.push((q.clone(), quiz));
        }
    }
    // Checks after the lesson quizzes, so a repeated prompt is reported on the check.
    quizzes.extend(check_quizzes);
    report.extend(lints::course_lints(&quizzes));
    // Without a list of lessons every file would look unused.
    if read.named.is_some() {
        used.insert(toml_path);
        unused_files(dir, &used, report);
    }
}

/// Warns about every non-hidden file in the course folder that nothing uses.
fn unused_files(dir: &Path, used: &BTreeSet<PathBuf>, report: &mut Report) {
    let used: BTreeSet<PathBuf> = used.iter().filter_map(|p| p.canonicalize().ok()).collect();
    let mut files = Vec::new();
    walk(dir, &mut files);
    files.sort();
    for file in files {
        let is_used = file.canonicalize().is_ok_and(|c| used.contains(&c));
        if !is_used {
            report.push(
                Diagnostic::warning(&file, "no lesson or quiz uses this file").with_help(
                    "name it in course.toml, link to it from a lesson, or remove it (learners never see it)",
                ),
            );
        }
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if is_hidden(&path) {
            continue;
        }
        match entry.file_type() {
            Ok(t) if t.is_dir() => walk(&path, out),
            Ok(_) => out.push(path),
            Err(_) => {}
        }
    }
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) {
        let path = dir.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    fn course(dir: &Path, toml_extra: &str) {
        write(
            dir,
            "course.toml",
            &format!(
                "title = \"T\"\nsummary = \"S\"\nversion = \"1\"\nhours = 1.0\n{toml_extra}\n[[lessons]]\nfile = \"01.md\"\nquiz = \"01.quiz.toml\"\n"
            ),
        );
        write(dir, "01.md", "# One\n\nText.\n");
        write(
            dir,
            "01.quiz.toml",
            "[[questions]]\nid = \"p\"\nprompt = \"P\"\nanswer = true\nexplanation = \"E\"\n",
        );
    }

    fn messages(r: &Report) -> Vec<String> {
        r.diagnostics.iter().map(|d| d.message.clone()).collect()
    }

    #[test]
    fn a_clean_course_has_nothing_to_report() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("c");
        course(&dir, "");
        let r = check_dir(&dir).unwrap();
        assert_eq!(messages(&r), Vec::<String>::new());
        assert_eq!(r.courses, 1);
    }

    #[test]
    fn quiz_warnings_point_at_the_question_and_choice() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("c");
        course(&dir, "");
        write(
            &dir,
            "01.quiz.toml",
            "[[questions]]\nid = \"p\"\nprompt = \"P\"\nanswer = true\n\n[[questions]]\nid = \"q\"\nprompt = \"Q\"\n\n[[questions.choices]]\ntext = \"a\"\ncorrect = true\nfeedback = \"yes\"\n\n[[questions.choices]]\ntext = \"b\"\n",
        );
        let r = check_dir(&dir).unwrap();
        assert_eq!(
            messages(&r),
            [
                "question 1 has no explanation",
                "a choice of question 2 has no feedback"
            ]
        );
        assert_eq!(r.diagnostics[0].line, Some(3));
        assert_eq!(r.diagnostics[1].line, Some(16));
    }

    #[test]
    fn broken_course_toml_still_checks_lessons_and_files() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("c");
        course(&dir, "titel = \"typo\"");
        write(&dir, "01.md", "Title\n---\n");
        write(&dir, "notes.txt", "x");
        write(&dir, ".hidden", "x");
        let r = check_dir(&dir).unwrap();
        let m = messages(&r);
        assert!(m[0].starts_with("unknown key `titel`"), "{m:?}");
        assert!(
            m.iter().any(|m| m.contains("`---` directly under")),
            "{m:?}"
        );
        assert!(
            m.iter().any(|m| m.contains("no lesson or quiz uses")),
            "{m:?}"
        );
        assert_eq!(r.errors(), 1);
        assert_eq!(r.warnings(), 2);
    }

    #[test]
    fn a_value_of_the_wrong_kind_hides_nothing_else() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("c");
        course(&dir, "pass_percent = 180\norder = \"first\"");
        write(
            &dir,
            "course.toml",
            &(fs::read_to_string(dir.join("course.toml")).unwrap()
                + "\n[[lessons]]\nfile = 2\n\n[[lessons]]\nfile = \"02.md\"\nquiz = 3\n"),
        );
        let r = check_dir(&dir).unwrap();
        assert_eq!(
            messages(&r),
            [
                "`order` should be a whole number, not text",
                "`file` should be text in quotes, not a whole number",
                "`quiz` should be text in quotes, not a whole number",
                "pass_percent = 180 is out of range",
                "file `02.md` not found",
            ]
        );
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("c");
        write(
            &dir,
            "course.toml",
            "title = \"T\"\nsummary = \"S\"\nversion = \"1\"\nhours = 1.0\nlessons = 3\n",
        );
        let r = check_dir(&dir).unwrap();
        assert_eq!(
            messages(&r),
            ["`lessons` should be a list of [[lessons]] tables, not a whole number"]
        );
    }

    #[test]
    fn courses_folder_checks_requires_and_stray_folders() {
        let tmp = tempfile::tempdir().unwrap();
        course(&tmp.path().join("a"), "requires = [\"b\", \"nope\"]");
        course(&tmp.path().join("b"), "");
        fs::create_dir(tmp.path().join("stray")).unwrap();
        fs::create_dir(tmp.path().join(".git")).unwrap();
        let r = check_dir(tmp.path()).unwrap();
        assert_eq!(
            messages(&r),
            [
                "`requires` names `nope`, which is not a course in this folder",
                "this folder has no course.toml, so it is not a course"
            ]
        );
        assert_eq!(r.courses, 2);
    }

    #[test]
    fn empty_and_missing_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let r = check_dir(tmp.path()).unwrap();
        assert_eq!(messages(&r), ["no courses found in this folder"]);
        assert!(check_dir(&tmp.path().join("missing")).is_err());
    }
}
