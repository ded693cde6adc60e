//! `requirements.toml` in a courses folder, checked with the courses.

use std::path::Path;

use super::Report;
use crate::compliance::requirements::{FILE_NAME, Requirements};
use crate::diagnostic::Diagnostic;

/// Checks `dir/requirements.toml` when there is one, against the course ids in `ids`.
pub(super) fn check(dir: &Path, ids: &[String], report: &mut Report) {
    let path = dir.join(FILE_NAME);
    if !path.exists() {
        return;
    }
    let source = match crate::compliance::read_text(&path) {
        Ok(s) => s,
        Err(e) => {
            report.push(Diagnostic::error(&path, e.to_string()));
            return;
        }
    };
    let ids = ids.iter().cloned().collect();
    let parsed = Requirements::parse(&path, &source, &ids);
    report.sources.insert(path, source);
    report.extend(parsed.problems);
}
