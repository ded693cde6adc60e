//! The on-disk progress store: one TOML file per learner in a data folder.
//!
//! Quiz results are training records, so a save must never lose one that was saved before:
//! - writes are atomic and durable: a temp file in the same folder is written and fsynced, then
//!   renamed over the old file, then the folder is fsynced (Unix);
//! - two copies of rollcall on one learner take an exclusive lock on `<learner>.toml.lock`
//!   (a separate file, so the rename does not replace the locked inode; see [`lock`]), re-read
//!   the file under the lock and merge into it, so neither copy's attempts are lost;
//! - `jdoe` and `JDoe` are one learner: an existing file whose name differs only in case is
//!   that learner's file (its name is kept), and a record with nothing in it is not written,
//!   so choosing a learner creates no file until there is something to save.
//! - a file that cannot be read is never overwritten: the error says which file, what is wrong
//!   and that `rollcall progress --repair` moves it aside.
//!
//! Loading takes no lock: the file is only ever replaced by a rename, so a reader always sees a
//! whole file, and reports can read progress from read-only media.

use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::fsio::{self, Links};
use crate::progress::{self, ParseError, Progress};

mod error;
mod learner;
mod lock;

pub use error::StoreError;
pub use learner::{
    DEFAULT_LEARNER, LEARNER_ENV, MAX_LEARNER_CHARS, case_twins, display_learner, learner_key,
    list_learners, resolve_learner, same_learner, sanitize_learner, validate_learner,
};

/// Environment variable naming the data folder.
pub const DATA_DIR_ENV: &str = "ROLLCALL_DATA_DIR";
/// Folder beside the executable that, when it exists, holds progress (portable use).
pub const PORTABLE_DIR: &str = "rollcall-data";

/// The data folder: `flag`, else `$ROLLCALL_DATA_DIR`, else `rollcall-data/` beside the
/// executable if it exists, else the platform's data folder (`~/.local/share/rollcall`).
///
/// # Errors
/// [`StoreError::NoDataDir`] when none is given and the platform has no data folder.
pub fn resolve_data_dir(flag: Option<&Path>) -> Result<PathBuf, StoreError> {
    pick_data_dir(
        flag,
        std::env::var_os(DATA_DIR_ENV),
        || {
            crate::locate::exe_dir()
                .map(|d| d.join(PORTABLE_DIR))
                .filter(|d| d.is_dir())
        },
        || {
            directories::ProjectDirs::from("", "", "rollcall")
                .map(|dirs| dirs.data_dir().to_path_buf())
        },
    )
}

/// [`resolve_data_dir`] with its inputs passed in, so the order can be tested.
fn pick_data_dir(
    flag: Option<&Path>,
    env: Option<OsString>,
    portable: impl FnOnce() -> Option<PathBuf>,
    platform: impl FnOnce() -> Option<PathBuf>,
) -> Result<PathBuf, StoreError> {
    if let Some(dir) = flag {
        return Ok(dir.to_path_buf());
    }
    if let Some(dir) = env.filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    portable().or_else(platform).ok_or(StoreError::NoDataDir)
}

/// Reads any progress file (for reports).
///
/// # Errors
/// [`StoreError::Read`] when it cannot be read (including when it does not exist),
/// [`StoreError::Corrupt`] or [`StoreError::NewerSchema`] when it is not a usable record.
pub fn load_file(path: &Path) -> Result<Progress, StoreError> {
    match read_progress(path)? {
        Some(p) => Ok(p),
        None => Err(StoreError::Read {
            path: path.to_path_buf(),
            source: io::Error::from(io::ErrorKind::NotFound),
        }),
    }
}

/// Reads and parses a progress file; `None` when it does not exist. This is the one reader of
/// progress files: the app, `progress`, `report`, `export` and `sync` all come through here.
fn read_progress(path: &Path) -> Result<Option<Progress>, StoreError> {
    let text = match fsio::read_text(path, progress::MAX_FILE_BYTES, Links::Refuse) {
        Ok(text) => text,
        Err(e) if e.is_not_found() => return Ok(None),
        Err(fsio::ReadError::Io { source, .. }) => {
            return Err(StoreError::Read {
                path: path.to_path_buf(),
                source,
            });
        }
        // A link, a FIFO, a device, a huge or non-UTF-8 file: not a record rollcall wrote.
        // It is left alone, and `--repair` moves it aside like any unusable file.
        Err(e) => {
            return Err(StoreError::Corrupt {
                path: path.to_path_buf(),
                problem: e.reason(),
            });
        }
    };
    if text.trim().is_empty() {
        return Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            problem: "the file is empty".into(),
        });
    }
    progress::parse(&text).map(Some).map_err(|e| match e {
        ParseError::Invalid(problem) => StoreError::Corrupt {
            path: path.to_path_buf(),
            problem,
        },
        ParseError::NewerSchema { found } => StoreError::NewerSchema {
            path: path.to_path_buf(),
            found,
        },
    })
}

/// One learner's progress file in a data folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Store {
    dir: PathBuf,
    learner: String,
    path: PathBuf,
    lock_path: PathBuf,
}

impl Store {
    /// The store for `learner` in `dir`: checks the name and finds the learner's file when one
    /// exists under a name that differs only in case. Writes nothing.
    ///
    /// # Errors
    /// [`StoreError::InvalidLearner`].
    pub fn new(dir: &Path, learner: &str) -> Result<Store, StoreError> {
        validate_learner(learner)?;
        let learner = learner::file_learner(dir, learner)?;
        let learner = learner.as_str();
        Ok(Store {
            dir: dir.to_path_buf(),
            learner: learner.to_string(),
            path: dir.join(format!("{learner}.toml")),
            lock_path: dir.join(format!("{learner}.toml.lock")),
        })
    }

    /// The progress file (`<dir>/<learner>.toml`).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The learner's name.
    pub fn learner(&self) -> &str {
        &self.learner
    }

    /// The data folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Loads the learner's record; an empty one when there is no file yet.
    ///
    /// # Errors
    /// When the file exists but cannot be read or used; it is left untouched.
    pub fn load(&self) -> Result<Progress, StoreError> {
        Ok(read_progress(&self.path)?.unwrap_or_else(|| Progress::new(&self.learner)))
    }

    /// Saves `progress`: under the lock, merges it into what is on disk now and writes the
    /// result atomically and durably. Returns the merged record.
    ///
    /// # Errors
    /// When the folder cannot be written ([`StoreError::Write`]), or when the file on disk
    /// cannot be read or used, in which case it is not overwritten.
    pub fn save(&self, progress: &Progress) -> Result<Progress, StoreError> {
        // Nothing to keep and no file yet: write nothing (a learner chosen and left at once
        // leaves no empty file behind).
        if *progress == Progress::new(&progress.learner)
            && fs::symlink_metadata(&self.path).is_err()
        {
            return Ok(progress.clone());
        }
        fsio::create_private_dir(&self.dir).map_err(|e| self.write_error(e))?;
        let _lock = self.lock()?;
        let mut merged = read_progress(&self.path)?.unwrap_or_else(|| Progress::new(&self.learner));
        merged.merge(progress);
        let text = progress::to_toml(&merged).map_err(|e| StoreError::Serialize {
            path: self.path.clone(),
            problem: e.to_string(),
        })?;
        self.remove_stale_temp_files();
        fsio::write_atomic(&self.path, text.as_bytes()).map_err(|e| self.write_error(e))?;
        Ok(merged)
    }

    /// Moves an unreadable progress file aside to `<learner>.toml.broken-<local time>` so the
    /// learner starts fresh. Returns where it went, or `None` when the file is missing or fine.
    ///
    /// # Errors
    /// When the file cannot be read at all (permissions) or cannot be moved.
    pub fn repair(&self) -> Result<Option<PathBuf>, StoreError> {
        match read_progress(&self.path) {
            Ok(_) => return Ok(None),
            Err(e) if e.is_unreadable_file() => {}
            Err(e) => return Err(e),
        }
        // Under the lock, look again: another copy may have repaired and saved meanwhile.
        let _lock = self.lock()?;
        match read_progress(&self.path) {
            Ok(_) => return Ok(None),
            Err(e) if e.is_unreadable_file() => {}
            Err(e) => return Err(e),
        }
        let stamp = jiff::Zoned::now().strftime("%Y%m%dT%H%M%S").to_string();
        let base = format!("{}.toml.broken-{stamp}", self.learner);
        let mut to = self.dir.join(&base);
        let mut n = 2;
        while fs::symlink_metadata(&to).is_ok() {
            to = self.dir.join(format!("{base}-{n}"));
            n += 1;
        }
        let repair_error = |source| StoreError::Repair {
            path: self.path.clone(),
            to: to.clone(),
            source,
        };
        fs::rename(&self.path, &to).map_err(repair_error)?;
        fsio::sync_dir(&self.dir).map_err(repair_error)?;
        Ok(Some(to))
    }

    fn write_error(&self, source: io::Error) -> StoreError {
        StoreError::Write {
            path: self.path.clone(),
            source,
        }
    }

    /// Takes the learner's exclusive lock; released (and on Unix its file removed) when the
    /// returned value is dropped.
    fn lock(&self) -> Result<lock::Held, StoreError> {
        lock::acquire(&self.lock_path).map_err(|e| self.write_error(e))
    }

    fn temp_prefix(&self) -> String {
        fsio::temp_prefix(&self.path)
    }

    /// Removes temp files left by a copy that was killed mid-save. Only called under the lock,
    /// when no temp file of this learner can be in use.
    fn remove_stale_temp_files(&self) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        let prefix = self.temp_prefix();
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name();
            let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
                continue;
            };
            // An exact shape check, so learner "a" never matches learner "a.toml.tmp-x"'s files.
            if rest.len() == fsio::TEMP_RAND_LEN && rest.chars().all(|c| c.is_ascii_alphanumeric())
            {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::{Attempt, LessonProgress};

    fn attempt(id: &str) -> Attempt {
        Attempt {
            id: id.into(),
            course: "de-escalation".into(),
            lesson: "01-why-slow-down".into(),
            quiz: "01-why-slow-down.quiz.toml".into(),
            course_version: "1.0".into(),
            started: "2026-11-24T10:00:00.000+01:00".into(),
            finished: "2026-11-24T10:05:00.000+01:00".into(),
            score: 4,
            total: 5,
            percent: 80.0,
            passed: true,
            pass_percent: 80,
            answers: vec![],
            active_seconds: None,
        }
    }

    fn with_attempt(id: &str) -> Progress {
        let mut p = Progress::new("jdoe");
        p.attempts.push(attempt(id));
        p
    }

    #[test]
    fn data_dir_resolution_order() {
        let flag = Path::new("/flag");
        let env = || Some(OsString::from("/env"));
        let portable = || Some(PathBuf::from("/exe/rollcall-data"));
        let platform = || Some(PathBuf::from("/home/x/.local/share/rollcall"));
        let none = || None;
        let pick = |f, e, p: &dyn Fn() -> Option<PathBuf>, q: &dyn Fn() -> Option<PathBuf>| {
            pick_data_dir(f, e, p, q).ok()
        };
        assert_eq!(
            pick(Some(flag), env(), &portable, &platform),
            Some("/flag".into())
        );
        assert_eq!(pick(None, env(), &portable, &platform), Some("/env".into()));
        assert_eq!(
            pick(None, Some(OsString::new()), &portable, &platform),
            Some("/exe/rollcall-data".into())
        );
        assert_eq!(
            pick(None, None, &none, &platform),
            Some("/home/x/.local/share/rollcall".into())
        );
        assert!(matches!(
            pick_data_dir(None, None, none, none),
            Err(StoreError::NoDataDir)
        ));
    }

    #[test]
    fn missing_file_loads_empty_and_save_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(&dir.path().join("sub/dir"), "jdoe").unwrap();
        assert_eq!(store.load().unwrap(), Progress::new("jdoe"));
        assert!(!store.dir().exists(), "load must not create anything");
        let mut p = with_attempt("a1");
        p.courses
            .entry("de-escalation".into())
            .or_default()
            .lessons
            .insert(
                "01-why-slow-down".into(),
                LessonProgress {
                    page: 3,
                    viewed_at: Some("2026-11-24T10:00:00+01:00".into()),
                    pages_seen: [1, 2, 3].into(),
                    pages_total: 6,
                    completed: None,
                    active_seconds: crate::progress::PageTime::default(),
                },
            );
        let saved = store.save(&p).unwrap();
        assert_eq!(saved, p);
        assert_eq!(store.load().unwrap(), p);
        assert_eq!(load_file(store.path()).unwrap(), p);
    }

    #[test]
    fn saves_merge_with_what_is_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path(), "jdoe").unwrap();
        store.save(&with_attempt("a1")).unwrap();
        // A second copy that never saw a1.
        let merged = store.save(&with_attempt("a2")).unwrap();
        let ids: Vec<_> = merged.attempts.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a1", "a2"]);
        assert_eq!(store.load().unwrap(), merged);
    }

    #[test]
    fn stale_temp_files_are_removed_but_not_other_learners() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path(), "a").unwrap();
        let stale = dir.path().join(".a.toml.tmp-AbC123");
        let other = dir.path().join(".a.toml.tmp-x.toml.tmp-AbC123");
        fs::write(&stale, "half").unwrap();
        fs::write(&other, "someone else's").unwrap();
        store.save(&with_attempt("a1")).unwrap();
        assert!(!stale.exists());
        assert!(other.exists());
    }

    #[test]
    fn empty_file_is_corrupt_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path(), "jdoe").unwrap();
        fs::write(store.path(), "\n").unwrap();
        let err = store.save(&with_attempt("a")).unwrap_err();
        assert!(err.to_string().contains("the file is empty"), "{err}");
        assert_eq!(fs::read(store.path()).unwrap(), b"\n");
        let moved = store.repair().unwrap().unwrap();
        assert_eq!(fs::read(moved).unwrap(), b"\n");
        assert_eq!(store.repair().unwrap(), None);
        assert_eq!(store.save(&with_attempt("a")).unwrap().attempts.len(), 1);
    }

    #[test]
    fn not_utf8_is_corrupt() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path(), "jdoe").unwrap();
        fs::write(store.path(), b"schema = 1\n\xff\xfe").unwrap();
        let err = store.load().unwrap_err();
        assert!(err.is_unreadable_file());
        assert!(err.to_string().contains("not UTF-8"), "{err}");
    }
}
