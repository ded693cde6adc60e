//! Knowledge checks: each comes before its lesson's last page, and its quiz checks (and is
//! linted) like any lesson quiz. (The loader reports the rest: a missing file, page 0, two
//! after one page.)

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};

use super::{Report, lints, quizzes};
use crate::course::{self, MAX_FILE_BYTES};
use crate::diagnostic::Diagnostic;
use crate::markdown;
use crate::quiz::Quiz;

/// Checks the knowledge checks named in `source` (the course's `course.toml`), read for its
/// spans so that this works when the course itself did not load; adds their quizzes to `used`
/// and returns those that loaded, for the course-wide lints (a check repeating a quiz's prompt).
pub(super) fn check(
    dir: &Path,
    toml_path: &Path,
    source: &str,
    used: &mut BTreeSet<PathBuf>,
    report: &mut Report,
) -> Vec<(PathBuf, Quiz)> {
    let mut loaded = Vec::new();
    let Ok(root) = DeTable::parse(source) else {
        return loaded;
    };
    let Some(DeValue::Array(lessons)) = root.get_ref().get("lessons").map(toml::Spanned::get_ref)
    else {
        return loaded;
    };
    let usable = |rel: &str| {
        let path = course::resolve_inside(dir, rel).ok()?;
        let meta = std::fs::metadata(&path).ok()?;
        (meta.is_file() && meta.len() <= MAX_FILE_BYTES).then_some(path)
    };
    let mut seen = BTreeSet::new();
    for lesson in lessons {
        let DeValue::Table(lesson) = lesson.get_ref() else {
            continue;
        };
        let Some(DeValue::Array(checks)) = lesson.get("checks").map(toml::Spanned::get_ref) else {
            continue;
        };
        let file = match lesson.get("file").map(toml::Spanned::get_ref) {
            Some(DeValue::String(f)) => Some(f.to_string()),
            _ => None,
        };
        let pages = file
            .as_deref()
            .and_then(usable)
            .and_then(|p| course::read_text_file(&p).ok())
            .map(|text| markdown::split_pages(&text).len());
        for check in checks {
            let DeValue::Table(check) = check.get_ref() else {
                continue;
            };
            if let Some(DeValue::String(rel)) = check.get("quiz").map(toml::Spanned::get_ref) {
                used.insert(dir.join(rel.as_ref()));
                if let Some(path) = usable(rel)
                    && seen.insert(path.clone())
                    && let Some(quiz) = quizzes::check_quiz(&path, report)
                {
                    // A check is practice, never a final: the final-only lints do not apply.
                    report.extend(lints::quiz_lints(&path, &quiz, false));
                    loaded.push((path, quiz));
                }
            }
            let (Some(pages), Some(file), Some(at)) = (pages, &file, check.get("after_page"))
            else {
                continue;
            };
            let DeValue::Integer(n) = at.get_ref() else {
                continue;
            };
            let Ok(page) = n.as_str().parse::<usize>() else {
                continue;
            };
            if page >= 1 && page >= pages {
                let help = if pages > 1 {
                    format!(
                        "a check is offered between pages: use after_page = 1 to {}; questions for the end of the lesson belong in its quiz",
                        pages - 1
                    )
                } else {
                    "a check is offered between pages, and this lesson has one page: put the questions in its quiz, or split the page with `---`".to_string()
                };
                report.push(
                    Diagnostic::error(
                        toml_path,
                        format!(
                            "a knowledge check after page {page}, but `{file}` has {pages} page{}",
                            if pages == 1 { "" } else { "s" }
                        ),
                    )
                    .at(source, at.span())
                    .with_help(help),
                );
            }
        }
    }
    loaded
}
