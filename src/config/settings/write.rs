//! Changing one key of the settings file in place: comments, other keys and tables such as
//! `[lrs]` are kept, and a file that cannot be read back with the new value is left alone.

use std::path::Path;

use super::{Key, MAX_BYTES, Settings, Value, parse};
use crate::fsio::{self, Links};

/// `text` with `key` set to `value` at the top level: the key's line is replaced where it is,
/// or a new line goes after the last top-level key (before the first table). Every other
/// line, comments included, stays as it was.
#[must_use]
pub fn set_in_text(text: &str, key: Key, value: &Value) -> String {
    let new_line = format!("{} = {}", key.name(), value.to_toml());
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let first_table = lines
        .iter()
        .position(|l| l.trim_start().starts_with('['))
        .unwrap_or(lines.len());
    let is_key = |l: &str, name: &str| {
        let l = l.trim_start();
        l.strip_prefix(name)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    };
    if let Some(i) = lines[..first_table]
        .iter()
        .position(|l| is_key(l, key.name()))
    {
        lines[i] = new_line;
    } else {
        let after_last_key = lines[..first_table]
            .iter()
            .rposition(|l| {
                let t = l.trim_start();
                !t.is_empty() && !t.starts_with('#')
            })
            .map_or(0, |i| i + 1);
        let at = if after_last_key == 0 && first_table < lines.len() {
            // Only comments above the first table: the new key goes just above it.
            first_table
        } else {
            after_last_key
        };
        lines.insert(at, new_line);
        if at == first_table && first_table < lines.len() - 1 {
            lines.insert(at + 1, String::new());
        }
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// Why a setting could not be saved.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// No settings folder could be found for this user.
    #[error("no settings folder for this user")]
    NoFile,
    /// The file is there but cannot be read or is not valid: it is left as it is.
    #[error("{0} (fix or remove it; it was not changed)")]
    Unreadable(String),
    /// Writing failed.
    #[error("{path}: {source}")]
    Write {
        /// The file, for display.
        path: String,
        /// The error.
        source: std::io::Error,
    },
}

/// Sets one key in the settings file at `path`, creating the file (and its folder) when
/// needed; atomic and durable, comments and other tables kept. A file that cannot be read
/// or parsed is never overwritten.
///
/// # Errors
/// See [`SaveError`].
pub fn save(path: &Path, key: Key, value: &Value) -> Result<(), SaveError> {
    let shown = crate::diagnostic::display_path(path);
    let text = match fsio::read_text(path, MAX_BYTES, Links::Refuse) {
        Ok(text) => text,
        Err(e) if e.is_not_found() => String::new(),
        Err(e) => return Err(SaveError::Unreadable(e.to_string())),
    };
    parse(&text, &shown).map_err(SaveError::Unreadable)?;
    let updated = set_in_text(&text, key, value);
    // The edit is by lines: make sure the result still reads, with the new value, before it
    // replaces a file the user may have written by hand.
    let reread = parse(&updated, &shown).map_err(SaveError::Unreadable)?;
    if Settings::from_file(&reread.file, false, None)
        .value(key)
        .as_ref()
        != Some(value)
    {
        return Err(SaveError::Unreadable(format!(
            "{shown}: the new {} could not be placed in this file",
            key.name()
        )));
    }
    let write = |e| SaveError::Write {
        path: shown.clone(),
        source: e,
    };
    if let Some(dir) = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty() && !d.exists())
    {
        std::fs::create_dir_all(dir).map_err(write)?;
    }
    fsio::write_atomic(path, updated.as_bytes()).map_err(write)
}
