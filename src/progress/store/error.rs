//! Why progress could not be loaded or saved.

use std::io;
use std::path::PathBuf;

use super::learner::MAX_LEARNER_CHARS;
use crate::progress::SCHEMA;

/// Why progress could not be loaded or saved. Messages say which file, what is wrong and how
/// to recover.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The learner name cannot be used as a file name.
    #[error(
        "invalid learner name {name:?}: {reason}; use letters, digits, spaces, '.', '_' and '-' \
         (at most {MAX_LEARNER_CHARS} characters)"
    )]
    InvalidLearner {
        /// The name as given.
        name: String,
        /// What is wrong with it.
        reason: String,
    },
    /// Several progress files differ only in case and none is spelled as asked.
    #[error(
        "{} are progress files of one learner (the names differ only in case); merge their \
         records by hand into one file, or choose the learner spelled exactly as one of them",
        names.iter().map(|n| format!("{}", dir.join(format!("{n}.toml")).display())).collect::<Vec<_>>().join(" and ")
    )]
    CaseTwins {
        /// The data folder.
        dir: PathBuf,
        /// The learners, as their files spell them.
        names: Vec<String>,
    },
    /// No data folder was given and the platform has none (no home folder).
    #[error(
        "cannot find a folder for progress files (no home folder); pass --data-dir DIR or set \
         ROLLCALL_DATA_DIR"
    )]
    NoDataDir,
    /// The file is not a valid progress record (bad TOML, wrong types, truncated).
    #[error(
        "progress file {} cannot be read: {problem}; it has been left untouched: run `rollcall \
         progress --repair` to move it aside and start fresh",
        path.display()
    )]
    Corrupt {
        /// The progress file.
        path: PathBuf,
        /// What is wrong with it.
        problem: String,
    },
    /// The file was written by a newer rollcall.
    #[error(
        "progress file {} was written by a newer rollcall (schema {found}; this one reads schema \
         {SCHEMA} and older); it has been left untouched: update rollcall, or run `rollcall \
         progress --repair` to move it aside and start fresh",
        path.display()
    )]
    NewerSchema {
        /// The progress file.
        path: PathBuf,
        /// The schema found in it.
        found: u32,
    },
    /// The file exists but could not be read (permissions, I/O error).
    #[error(
        "cannot read progress file {}: {source}; check that you may read it",
        path.display()
    )]
    Read {
        /// The progress file.
        path: PathBuf,
        /// The I/O error.
        source: io::Error,
    },
    /// The file could not be written (read-only or full disk, permissions).
    #[error(
        "cannot save progress file {}: {source}; check that the folder is writable and the disk \
         is not full, or pass --data-dir DIR",
        path.display()
    )]
    Write {
        /// The progress file.
        path: PathBuf,
        /// The I/O error.
        source: io::Error,
    },
    /// The record could not be serialized (not expected for records built by rollcall).
    #[error("cannot save progress file {}: {problem}", path.display())]
    Serialize {
        /// The progress file.
        path: PathBuf,
        /// What went wrong.
        problem: String,
    },
    /// `--repair` could not move the broken file aside.
    #[error(
        "cannot move progress file {} aside to {}: {source}; move or delete it by hand",
        path.display(),
        to.display()
    )]
    Repair {
        /// The progress file.
        path: PathBuf,
        /// Where it was to go.
        to: PathBuf,
        /// The I/O error.
        source: io::Error,
    },
}

impl StoreError {
    /// Whether the progress file exists but cannot be used (corrupt or newer): the app should
    /// run without saving for this learner until `rollcall progress --repair`.
    pub fn is_unreadable_file(&self) -> bool {
        matches!(self, Self::Corrupt { .. } | Self::NewerSchema { .. })
    }

    /// Whether a save failed for want of space (a full disk or a file-size limit): the hook
    /// for "quitting with an unsaved attempt asks first" — the app keeps the attempt in
    /// memory and asks before it exits, instead of quitting on a lost record.
    pub fn is_out_of_space(&self) -> bool {
        let Self::Write { source, .. } = self else {
            return false;
        };
        source.kind() == io::ErrorKind::StorageFull
            || source.kind() == io::ErrorKind::FileTooLarge
            || source.raw_os_error() == Some(FILE_TOO_LARGE_ERRNO)
    }
}

/// `EFBIG` (a file-size limit, as `ulimit -f` sets): on Linux and macOS alike.
const FILE_TOO_LARGE_ERRNO: i32 = 27;
