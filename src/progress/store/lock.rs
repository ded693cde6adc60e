//! A learner's exclusive lock: `<learner>.toml.lock`, a file beside the progress file (the
//! progress file itself is replaced by a rename on every save, so it cannot carry the lock).
//!
//! On Unix the lock file is removed when the save is done, so no `.lock` files pile up in the
//! data folder. Removing a lock file is only safe with a check after locking: a copy that
//! opened the file before it was removed would otherwise hold a lock on a file nobody else
//! can see, while a third copy creates and locks a new one. So after taking the lock a copy
//! checks that the path still names the file it locked, and starts again if not; the file is
//! removed only by its holder, while the lock is held. Elsewhere (Windows: an open file
//! cannot be removed and reopened under its name reliably) the file stays; it is empty and
//! harmless, and holds no data.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

use crate::fsio;

/// Attempts before giving up when the lock file keeps being replaced under us.
const MAX_TRIES: usize = 1000;

/// The lock, held until dropped.
#[derive(Debug)]
pub(super) struct Held {
    /// Released when closed, after `drop` has removed the path.
    _file: File,
    /// The lock file to remove on drop, when removing it is safe.
    remove: Option<PathBuf>,
}

impl Drop for Held {
    fn drop(&mut self) {
        // Still locked here: the file is closed (and the lock released) after this runs.
        if let Some(path) = &self.remove {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Takes the exclusive lock at `path`, waiting for another copy to finish.
///
/// # Errors
/// When the lock file cannot be opened or locked.
pub(super) fn acquire(path: &Path) -> io::Result<Held> {
    for _ in 0..MAX_TRIES {
        let file = fsio::open_lock_file(path)?;
        match file.lock() {
            Ok(()) => {}
            // Some network and FUSE file systems cannot lock: saving without the lock (risking
            // a race with a second copy) still beats not saving at all. Nobody relies on the
            // file there, so it is left alone.
            Err(e) if e.kind() == io::ErrorKind::Unsupported => {
                return Ok(Held {
                    _file: file,
                    remove: None,
                });
            }
            Err(e) => return Err(e),
        }
        if still_at(&file, path)? {
            return Ok(Held {
                _file: file,
                remove: cfg!(unix).then(|| path.to_path_buf()),
            });
        }
        // The copy before us removed the file we waited on: lock the one at the path now.
    }
    Err(io::Error::other(format!(
        "{} kept changing while rollcall waited for it",
        path.display()
    )))
}

/// Whether `path` still names the file `file` has open.
#[cfg(unix)]
fn still_at(file: &File, path: &Path) -> io::Result<bool> {
    use std::os::unix::fs::MetadataExt;
    let held = file.metadata()?;
    match std::fs::symlink_metadata(path) {
        Ok(now) => Ok(now.dev() == held.dev() && now.ino() == held.ino()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

/// Elsewhere lock files are never removed, so the path always names the locked file.
#[cfg(not(unix))]
fn still_at(_file: &File, _path: &Path) -> io::Result<bool> {
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn the_lock_file_goes_when_the_lock_is_released() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("jdoe.toml.lock");
        let held = acquire(&path).unwrap();
        assert!(path.exists());
        drop(held);
        assert!(!path.exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_lock_on_a_removed_file_is_not_taken() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("jdoe.toml.lock");
        // A copy that opened the old file before its holder removed it.
        let stale = fsio::open_lock_file(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        assert!(!still_at(&stale, &path).unwrap());
        let _held = acquire(&path).unwrap();
        assert!(path.exists(), "a new lock file at the path");
    }
}
