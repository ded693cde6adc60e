//! The course format (`course.toml`) and the loader for a folder of courses.
//!
//! The library screen needs only each course's `course.toml` and a cheap look (`stat`) at the
//! files it names, so [`load_library`] never reads lesson text; [`read_text_file`] does that
//! when a lesson is opened.

use std::fs;
use std::path::{Component, Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Diagnostic;

mod load;
mod meant;
mod schema;
mod toml_words;

pub use load::{CourseRead, course_diagnostics, load_course, read_course};
pub use toml_words::toml_error;

/// Largest course file rollcall reads: bigger files are almost surely a mistake.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Pass mark used when neither the quiz nor the course sets one.
pub const DEFAULT_PASS_PERCENT: u8 = 80;

/// `course.toml` as written by the author.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CourseFile {
    /// Course title, shown in the library.
    pub title: Spanned<String>,
    /// One or two sentences shown in the library.
    pub summary: String,
    /// Version string, recorded with every quiz attempt.
    pub version: String,
    /// Credit hours for training records; a course without them counts as 0 hours
    /// (`rollcall check` warns).
    pub hours: Option<Spanned<f64>>,
    /// Default pass mark for the course's quizzes (0..=100).
    pub pass_percent: Option<Spanned<i64>>,
    /// Position in the library; courses without one come last, then by title.
    pub order: Option<i64>,
    /// Course ids to complete first.
    #[serde(default)]
    pub requires: Vec<String>,
    /// Training unit or academy, for records.
    pub provider: Option<String>,
    /// State course certification number, for records.
    pub certification: Option<String>,
    /// Learning objectives.
    #[serde(default)]
    pub objectives: Vec<String>,
    /// Active minutes a learner needs in the course before it completes.
    pub min_minutes: Option<Spanned<i64>>,
    /// Month the course's facts were last checked, `YYYY-MM`.
    pub reviewed: Option<Spanned<String>>,
    /// The lessons, in order.
    #[serde(default)]
    pub lessons: Vec<Spanned<LessonEntry>>,
}

/// One `[[lessons]]` entry of `course.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonEntry {
    /// Markdown file, relative to the course folder (optional when `scenario` is given).
    pub file: Option<Spanned<String>>,
    /// Title; default is the lesson's first `# ` heading.
    pub title: Option<String>,
    /// Scenario file, played after the pages and before the quiz.
    pub scenario: Option<Spanned<String>>,
    /// Whether the scenario must reach a passing ending for the lesson to be done
    /// (default true); when false, any ending will do.
    pub required: Option<bool>,
    /// Quiz file, relative to the course folder.
    pub quiz: Option<Spanned<String>>,
    /// Knowledge checks: practice quizzes offered after a page of the lesson.
    #[serde(default)]
    pub checks: Vec<Spanned<CheckEntry>>,
}

/// One knowledge check of a `[[lessons]]` entry: `{ after_page = 3, quiz = "x.quiz.toml" }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckEntry {
    /// The page (1-based) after which the check is offered.
    pub after_page: Spanned<i64>,
    /// Quiz file, relative to the course folder.
    pub quiz: Spanned<String>,
}

/// A course that loaded: its metadata and where its lessons are.
#[derive(Debug, Clone, PartialEq)]
pub struct Course {
    /// Folder name: lowercase letters, digits and '-'.
    pub id: String,
    /// The course folder.
    pub dir: PathBuf,
    /// Title.
    pub title: String,
    /// Summary for the library.
    pub summary: String,
    /// Version string.
    pub version: String,
    /// Credit hours (0.0 when `course.toml` gives none).
    pub hours: f64,
    /// Default pass mark for quizzes.
    pub pass_percent: u8,
    /// Library position.
    pub order: Option<i64>,
    /// Course ids to complete first.
    pub requires: Vec<String>,
    /// Training unit or academy.
    pub provider: Option<String>,
    /// State certification number.
    pub certification: Option<String>,
    /// Learning objectives.
    pub objectives: Vec<String>,
    /// Active minutes needed before the course completes (0: no minimum).
    pub min_minutes: u32,
    /// Month the facts were last checked (`YYYY-MM`).
    pub reviewed: Option<String>,
    /// Lessons in order.
    pub lessons: Vec<Lesson>,
}

/// A lesson entry with its files resolved inside the course folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lesson {
    /// The lesson's name as written in `course.toml`: its Markdown file, or its scenario file
    /// when it has no pages.
    pub file: String,
    /// Path of the Markdown file; `None` for a lesson that is a scenario alone.
    pub path: Option<PathBuf>,
    /// Title from `course.toml`, if given (else read from the file when opened).
    pub title: Option<String>,
    /// Path of the scenario file, if any.
    pub scenario: Option<PathBuf>,
    /// Whether the scenario must reach a passing ending (else any ending will do).
    pub required: bool,
    /// Path of the quiz file, if any.
    pub quiz: Option<PathBuf>,
    /// Knowledge checks (practice, never recorded), in page order.
    pub checks: Vec<Check>,
}

/// A knowledge check: a practice quiz offered when the learner turns past a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// The page (1-based) after which it is offered; never the last page.
    pub after_page: usize,
    /// Path of its quiz file.
    pub quiz: PathBuf,
}

impl Lesson {
    /// The check offered when turning from page `page` (1-based), if any.
    #[must_use]
    pub fn check_after(&self, page: usize) -> Option<(usize, &Check)> {
        self.checks
            .iter()
            .enumerate()
            .find(|(_, c)| c.after_page == page)
    }
}

impl Lesson {
    /// The lesson's id: its file name without `.md` (or `.scenario.toml`).
    pub fn id(&self) -> &str {
        let name = self.file.rsplit('/').next().unwrap_or(&self.file);
        name.strip_suffix(".md")
            .or_else(|| name.strip_suffix(crate::scenario::SUFFIX))
            .unwrap_or(name)
    }

    /// The title to show: the configured one, else a title made from the file name.
    pub fn display_title(&self) -> String {
        self.title.clone().unwrap_or_else(|| {
            let id = self.id();
            let stem = id.trim_start_matches(|c: char| c.is_ascii_digit() || c == '-');
            let stem = if stem.is_empty() { id } else { stem };
            let mut s = stem.replace(['-', '_'], " ");
            if let Some(first) = s.get(..1) {
                s = first.to_uppercase() + &s[1..];
            }
            s
        })
    }
}

/// A course folder that did not load, with the first reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenCourse {
    /// Folder name.
    pub id: String,
    /// The course folder.
    pub dir: PathBuf,
    /// What is wrong.
    pub error: Diagnostic,
}

/// Every course found in a courses folder.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Library {
    /// The courses folder.
    pub root: PathBuf,
    /// Courses that loaded, sorted by `order` then title.
    pub courses: Vec<Course>,
    /// Courses that did not, sorted by id.
    pub broken: Vec<BrokenCourse>,
}

impl Library {
    /// The course with this id.
    pub fn course(&self, id: &str) -> Option<&Course> {
        self.courses.iter().find(|c| c.id == id)
    }
}

/// Whether `id` is a valid course id (lowercase letters, digits and '-', not a name Windows
/// reserves).
pub fn is_valid_id(id: &str) -> bool {
    id_problem(id).is_none()
}

/// What makes `id` invalid as a course id, if anything, as advice that fits after "use ".
pub fn id_problem(id: &str) -> Option<String> {
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Some("only lowercase letters, digits and '-'".into());
    }
    // Course folders are copied to Windows machines, where `con` or `nul` cannot be a folder.
    crate::platform::reserved_name(id).map(|why| format!("another name: {why}"))
}

/// Loads every course under `root`; one broken course never stops the others.
///
/// # Errors
/// Only when `root` itself cannot be read.
pub fn load_library(root: &Path) -> Result<Library, Diagnostic> {
    let entries = fs::read_dir(root).map_err(|e| {
        Diagnostic::error(root, format!("cannot read the courses folder: {e}"))
            .with_help("pass --courses DIR or set ROLLCALL_COURSES")
    })?;
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("course.toml").is_file())
        .collect();
    dirs.sort();
    let mut library = Library {
        root: root.to_path_buf(),
        ..Library::default()
    };
    for dir in dirs {
        let id = dir_id(&dir);
        match load_course(&dir) {
            Ok(course) => library.courses.push(course),
            Err(error) => library.broken.push(BrokenCourse { id, dir, error }),
        }
    }
    library.courses.sort_by(|a, b| {
        (a.order.is_none(), a.order, &a.title).cmp(&(b.order.is_none(), b.order, &b.title))
    });
    Ok(library)
}

pub(crate) fn dir_id(dir: &Path) -> String {
    dir.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Resolves `rel` inside `dir`, refusing absolute paths, `..` and symlinks that leave `dir`.
///
/// # Errors
/// A message saying why the path is refused.
pub fn resolve_inside(dir: &Path, rel: &str) -> Result<PathBuf, String> {
    if rel.trim().is_empty() {
        return Err("the file name is empty".into());
    }
    let rel_path = Path::new(rel);
    for c in rel_path.components() {
        match c {
            Component::Normal(_) | Component::CurDir => {}
            Component::ParentDir => {
                return Err(format!("path `{rel}` leaves the course folder (`..`)"));
            }
            Component::RootDir | Component::Prefix(_) => {
                return Err(format!("path `{rel}` is absolute"));
            }
        }
    }
    let joined = dir.join(rel_path);
    // With no `..` and no symlink below `dir`, the path cannot leave it: one lstat per
    // component settles that, where resolving both paths costs a readlink per component of
    // each (it dominated opening a library of 10,000 courses).
    let mut below = dir.to_path_buf();
    let mut linked = false;
    for c in rel_path.components() {
        below.push(c);
        match std::fs::symlink_metadata(&below) {
            Ok(m) if m.file_type().is_symlink() => {
                linked = true;
                break;
            }
            Ok(_) => {}
            // Missing: reported by the caller; nothing here leads anywhere.
            Err(_) => break,
        }
    }
    if linked
        && let (Ok(real), Ok(real_dir)) = (joined.canonicalize(), dir.canonicalize())
        && !real.starts_with(&real_dir)
    {
        return Err(format!(
            "path `{rel}` is a link that leads out of the course folder"
        ));
    }
    Ok(joined)
}

/// Reads a course text file: at most 1 MiB, UTF-8, no NUL bytes.
///
/// # Errors
/// A diagnostic naming the file and, for bad UTF-8, the line.
#[allow(clippy::naive_bytecount)] // Cold error paths: not worth a crate.
pub fn read_text_file(path: &Path) -> Result<String, Diagnostic> {
    // The one reader: a FIFO or device put in place of a lesson is an error at once, never a
    // hang; links are followed because the loader checks where they lead.
    let bytes = crate::fsio::read(path, MAX_FILE_BYTES, crate::fsio::Links::Follow).map_err(
        |e| match e {
            crate::fsio::ReadError::TooLarge { .. } => {
                Diagnostic::error(path, "file is over the 1024 KiB limit")
                    .with_help("split it into smaller files")
            }
            crate::fsio::ReadError::Io { source, .. } => {
                Diagnostic::error(path, format!("cannot read file: {source}"))
            }
            other => Diagnostic::error(path, format!("cannot open file: {}", other.reason())),
        },
    )?;
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        let line = bytes[..pos].iter().filter(|&&b| b == b'\n').count() + 1;
        return Err(
            Diagnostic::error(path, "file looks binary (it holds NUL bytes)")
                .at_line(line)
                .with_help("course files must be plain UTF-8 text"),
        );
    }
    String::from_utf8(bytes).map_err(|e| {
        let pos = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..pos].iter().filter(|&&b| b == b'\n').count() + 1;
        Diagnostic::error(path, "file is not valid UTF-8 text")
            .at_line(line)
            .with_help("save the file as UTF-8 in your editor")
    })
}

/// The text of a lesson's first `# ` heading, if any.
pub fn first_heading(markdown: &str) -> Option<String> {
    markdown
        .lines()
        .find_map(|l| l.strip_prefix("# "))
        .map(|t| t.trim().trim_end_matches('#').trim().to_string())
        .filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::load::is_year_month;
    use super::*;

    #[test]
    fn ids() {
        assert!(is_valid_id("de-escalation-2"));
        assert!(!is_valid_id("De-escalation"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("a b"));
        for reserved in ["con", "nul", "com1", "lpt9", "aux", "prn"] {
            let problem = id_problem(reserved).unwrap();
            assert!(problem.contains("reserved device name"), "{problem}");
        }
        assert!(is_valid_id("com0") && is_valid_id("console") && is_valid_id("com-1"));
    }

    #[test]
    fn year_months() {
        assert!(is_year_month("2026-11"));
        for bad in [
            "2026-13", "2026-1", "26-11", "2026/11", "", "2026-00", "1999-01",
        ] {
            assert!(!is_year_month(bad), "{bad}");
        }
    }

    #[test]
    fn min_minutes_and_reviewed() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("c");
        fs::create_dir(&dir).unwrap();
        fs::write(dir.join("01.md"), "# One\n").unwrap();
        let write = |extra: &str| {
            fs::write(
                dir.join("course.toml"),
                format!("title = \"T\"\nsummary = \"S\"\nversion = \"1\"\n{extra}\n[[lessons]]\nfile = \"01.md\"\n"),
            )
            .unwrap();
        };
        write("min_minutes = 90\nreviewed = \"2026-11\"");
        let c = load_course(&dir).unwrap();
        assert_eq!(
            (c.min_minutes, c.reviewed.as_deref()),
            (90, Some("2026-11"))
        );
        write("");
        assert_eq!(load_course(&dir).unwrap().min_minutes, 0);
        write("min_minutes = 0");
        assert!(
            load_course(&dir)
                .unwrap_err()
                .message
                .contains("min_minutes")
        );
        write("reviewed = \"Nov 2026\"");
        let e = load_course(&dir).unwrap_err();
        assert!(e.message.contains("not a month"), "{e}");
        assert_eq!(e.line, Some(4));
    }

    #[test]
    fn resolve_refuses_escape() {
        let dir = Path::new("/tmp/course");
        assert!(resolve_inside(dir, "../x.md").is_err());
        assert!(resolve_inside(dir, "/etc/passwd").is_err());
        assert!(resolve_inside(dir, "a/../../x.md").is_err());
        assert!(resolve_inside(dir, "").is_err());
        assert_eq!(
            resolve_inside(dir, "01.md"),
            Ok(PathBuf::from("/tmp/course/01.md"))
        );
    }

    #[test]
    fn heading_and_titles() {
        assert_eq!(
            first_heading("intro\n# Why it matters #\ntext"),
            Some("Why it matters".into())
        );
        assert_eq!(first_heading("## not level one"), None);
        let l = Lesson {
            file: "02-distance-and-cover.md".into(),
            path: None,
            title: None,
            scenario: None,
            required: true,
            quiz: None,
            checks: vec![],
        };
        assert_eq!(l.id(), "02-distance-and-cover");
        assert_eq!(l.display_title(), "Distance and cover");
        let s = Lesson {
            file: "03-knife.scenario.toml".into(),
            ..l
        };
        assert_eq!(s.id(), "03-knife");
        assert_eq!(s.display_title(), "Knife");
    }
}
