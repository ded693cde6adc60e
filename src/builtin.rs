//! The courses built into the binary, for a laptop that has only the program.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use include_dir::{Dir, DirEntry, include_dir};

/// The `courses/` folder of the source tree, embedded at build time.
static COURSES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/courses");

/// Ids of the built-in courses (folders holding a `course.toml`), sorted.
pub fn course_ids() -> Vec<String> {
    let mut ids: Vec<String> = course_dirs()
        .filter_map(|d| d.path().file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .collect();
    ids.sort();
    ids
}

fn course_dirs() -> impl Iterator<Item = &'static Dir<'static>> {
    COURSES
        .dirs()
        .filter(|d| d.get_file(d.path().join("course.toml")).is_some())
}

/// Writes every built-in course into `dest` (created if missing) and returns the files written,
/// in order.
///
/// # Errors
/// When a course folder already exists in `dest` (nothing is written then), or on I/O failure.
pub fn unpack(dest: &Path) -> io::Result<Vec<PathBuf>> {
    // Refuse before writing anything, so a refused unpack leaves `dest` untouched.
    for dir in course_dirs() {
        let target = dest.join(dir.path());
        if target.exists() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!(
                    "{} already exists; move it away or unpack somewhere else",
                    target.display()
                ),
            ));
        }
    }
    fs::create_dir_all(dest)?;
    let mut written = Vec::new();
    for dir in course_dirs() {
        write_dir(dir, dest, &mut written)?;
    }
    Ok(written)
}

fn write_dir(dir: &Dir<'_>, dest: &Path, written: &mut Vec<PathBuf>) -> io::Result<()> {
    fs::create_dir_all(dest.join(dir.path()))?;
    let mut entries: Vec<&DirEntry<'_>> = dir.entries().iter().collect();
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        match entry {
            DirEntry::Dir(sub) => write_dir(sub, dest, written)?,
            DirEntry::File(file) => {
                let target = dest.join(file.path());
                fs::write(&target, file.contents())?;
                written.push(target);
            }
        }
    }
    Ok(())
}

/// Unpacks the built-in courses into a new temporary folder, removed when the guard drops.
///
/// # Errors
/// When the temporary folder cannot be created or written.
pub fn unpack_to_temp() -> io::Result<tempfile::TempDir> {
    let dir = tempfile::Builder::new()
        .prefix("rollcall-courses-")
        .tempdir()?;
    unpack(dir.path())?;
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unpacks_every_course_and_refuses_to_overwrite() {
        let ids = course_ids();
        assert!(!ids.is_empty(), "courses/ should hold at least one course");
        let tmp = tempfile::tempdir().unwrap();
        let written = unpack(tmp.path()).unwrap();
        for id in &ids {
            assert!(tmp.path().join(id).join("course.toml").is_file());
        }
        assert!(written.iter().all(|p| p.is_file()));
        let err = unpack(tmp.path()).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
    }

    #[test]
    fn temp_copy_is_removed_on_drop() {
        let tmp = unpack_to_temp().unwrap();
        let path = tmp.path().to_path_buf();
        assert!(path.join(&course_ids()[0]).is_dir());
        drop(tmp);
        assert!(!path.exists());
    }
}
