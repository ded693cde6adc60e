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

/// The courses in use: a folder on disk, or the built-in courses unpacked to a temporary
/// folder that lives as long as this value.
#[derive(Debug)]
pub struct Courses {
    /// The courses folder.
    pub root: PathBuf,
    /// Whether these are the built-in courses.
    pub builtin: bool,
    _temp: Option<tempfile::TempDir>,
}

impl Courses {
    /// The courses folder the app would use: see [`courses_dir`]; the built-in courses when
    /// there is none.
    ///
    /// # Errors
    /// When the built-in courses cannot be unpacked.
    pub fn find(flag: Option<&Path>) -> std::io::Result<Self> {
        if let Some(root) = courses_dir(flag) {
            return Ok(Self {
                root,
                builtin: false,
                _temp: None,
            });
        }
        let temp = crate::builtin::unpack_to_temp()?;
        Ok(Self {
            root: temp.path().to_path_buf(),
            builtin: true,
            _temp: Some(temp),
        })
    }

    /// Loads the library from these courses.
    ///
    /// # Errors
    /// When the folder cannot be read.
    pub fn load(&self) -> Result<crate::course::Library, crate::diagnostic::Diagnostic> {
        crate::course::load_library(&self.root)
    }
}
