//! Where rollcall looks for courses.

use std::path::{Path, PathBuf};

/// Environment variable naming the courses folder.
pub const COURSES_ENV: &str = "ROLLCALL_COURSES";

/// The folder holding the running executable, if known.
pub fn exe_dir() -> Option<PathBuf> {
    std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf))
}

/// The courses folder: `--courses`, else `$ROLLCALL_COURSES`, else `./courses`, else
/// `courses/` beside the executable; `None` when none exists (use the built-in courses).
pub fn courses_dir(flag: Option<&Path>) -> Option<PathBuf> {
    if let Some(dir) = flag {
        return Some(dir.to_path_buf());
    }
    if let Some(dir) = std::env::var_os(COURSES_ENV).filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    let local = PathBuf::from("courses");
    if local.is_dir() {
        return Some(local);
    }
    exe_dir().map(|d| d.join("courses")).filter(|d| d.is_dir())
}
