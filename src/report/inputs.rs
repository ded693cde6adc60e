//! Reading a coordinator's inputs: progress files and folders of them, never writing; what
//! cannot be used is listed with the reason, and the rest is still read.

use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::Source;
use crate::progress::{self, Progress};

/// An input that could not be used, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// The file or folder.
    pub path: PathBuf,
    /// Why it was skipped.
    pub reason: String,
}

/// Everything read from the inputs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Inputs {
    /// Progress files that parsed, in the order found.
    pub sources: Vec<Source>,
    /// Inputs that could not be read.
    pub skipped: Vec<Skipped>,
    /// Folders that held no progress file (worth a note, not an error).
    pub empty_dirs: Vec<PathBuf>,
}

/// Whether a file name in a data folder names a learner's progress file.
///
/// Progress files are `<learner>.toml`; the settings and roster files, hidden files (temporary files of
/// an atomic write) and anything else are not.
#[allow(clippy::case_sensitive_file_extension_comparisons)] // rollcall writes `.toml` itself.
pub fn is_progress_file_name(name: &str) -> bool {
    name.ends_with(".toml")
        && name.len() > ".toml".len()
        && !name.starts_with('.')
        && name != "settings.toml"
        && name != "roster.toml"
        && !name.ends_with(".sent.toml")
}

/// Reads every progress file named by `paths`: a file is read as is, a folder contributes
/// its `<learner>.toml` files (not recursively). Nothing is ever written.
pub fn read_inputs(paths: &[PathBuf]) -> Inputs {
    let mut inputs = Inputs::default();
    for path in paths {
        if path.is_dir() {
            read_dir_into(path, &mut inputs);
        } else {
            read_file_into(path, &mut inputs);
        }
    }
    inputs
}

fn read_dir_into(dir: &Path, inputs: &mut Inputs) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            inputs.skipped.push(Skipped {
                path: dir.to_path_buf(),
                reason: format!("cannot read the folder: {e}"),
            });
            return;
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        // Links are listed too, so the reader can say why it refuses them.
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file() || t.is_symlink()))
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(is_progress_file_name)
        })
        .collect();
    files.sort();
    if files.is_empty() {
        inputs.empty_dirs.push(dir.to_path_buf());
    }
    for file in files {
        read_file_into(&file, inputs);
    }
}

fn read_file_into(path: &Path, inputs: &mut Inputs) {
    match read_progress_file(path) {
        Ok(progress) => inputs.sources.push(Source {
            path: path.to_path_buf(),
            progress,
        }),
        Err(reason) => inputs.skipped.push(Skipped {
            path: path.to_path_buf(),
            reason,
        }),
    }
}

/// Reads and parses one progress file (through the store's one reader); the error is a short
/// reason for the user.
///
/// # Errors
/// When the file cannot be read or is not a progress record.
pub fn read_progress_file(path: &Path) -> Result<Progress, String> {
    use crate::progress::store::StoreError;
    // An `export xapi` file given back (or any JSON): say so, not what a TOML parser made of it.
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    {
        return Err(
            "a JSON file: xAPI exports are not read here; give progress files (<learner>.toml) \
             or data folders"
                .to_string(),
        );
    }
    crate::progress::store::load_file(path).map_err(|e| match e {
        StoreError::Read { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
            "no such file or folder".to_string()
        }
        StoreError::Read { source, .. } => format!("cannot read: {source}"),
        StoreError::Corrupt { problem, .. } => format!("not a valid progress file: {problem}"),
        StoreError::NewerSchema { found, .. } => format!(
            "not a valid progress file: schema {found} is newer than this rollcall understands \
             (schema {}); update rollcall",
            progress::SCHEMA
        ),
        other => other.to_string(),
    })
}
