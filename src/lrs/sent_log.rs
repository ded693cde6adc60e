//! Statement ids each LRS stored, and under which homepage (the data folder's
//! `lrs/sent.toml`).
//!
//! Statement ids do not depend on the homepage, so a sync under a new homepage would meet the
//! old statements' ids: the log keeps the homepage so `sync` can say so instead of reporting
//! "nothing new".

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::fsio::{self, Links};

/// Largest sent log read (about 25,000 ids per MiB).
const MAX_BYTES: u64 = 64 << 20;

/// Where the sent log lives inside a data folder (a sub-folder, so it is never taken for a
/// learner's progress file).
pub fn sent_log_path(data_dir: &Path) -> PathBuf {
    data_dir.join("lrs").join("sent.toml")
}

/// Homepage recorded for ids from a log written before homepages were kept.
pub const UNKNOWN_HOMEPAGE: &str = "(not recorded)";

/// Statement ids each LRS stored, by LRS and homepage.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SentLog {
    /// By (LRS URL without credentials or trailing slash, homepage).
    sent: BTreeMap<(String, String), BTreeSet<String>>,
}

#[derive(Serialize, Deserialize, Default)]
struct File {
    #[serde(default)]
    sent: Vec<Entry>,
    /// The first format: ids by LRS, no homepage.
    #[serde(default, skip_serializing)]
    lrs: BTreeMap<String, BTreeSet<String>>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    lrs: String,
    homepage: String,
    ids: BTreeSet<String>,
}

fn key(url: &str) -> String {
    super::redact_url(url.trim())
        .trim_end_matches('/')
        .to_string()
}

impl SentLog {
    /// Reads the log; a missing file is an empty log.
    ///
    /// # Errors
    /// When the file exists but cannot be read or parsed.
    pub fn load(path: &Path) -> Result<Self, String> {
        let text = match fsio::read_text(path, MAX_BYTES, Links::Refuse) {
            Ok(text) => text,
            Err(fsio::ReadError::NotFound { .. }) => return Ok(Self::default()),
            Err(e) => return Err(e.to_string()),
        };
        let file: File = toml::from_str(&text).map_err(|e| super::send::one_line(e.message()))?;
        let mut log = Self::default();
        for (url, ids) in file.lrs {
            log.sent
                .entry((key(&url), UNKNOWN_HOMEPAGE.into()))
                .or_default()
                .extend(ids);
        }
        for e in file.sent {
            log.sent
                .entry((key(&e.lrs), e.homepage))
                .or_default()
                .extend(e.ids);
        }
        Ok(log)
    }

    /// Whether the LRS at `url` stored `id` under `homepage`.
    pub fn contains(&self, url: &str, homepage: &str, id: &str) -> bool {
        self.sent
            .get(&(key(url), homepage.to_string()))
            .is_some_and(|ids| ids.contains(id))
    }

    /// Another homepage under which the LRS at `url` stored `id`, if any.
    pub fn sent_elsewhere(&self, url: &str, homepage: &str, id: &str) -> Option<&str> {
        let url = key(url);
        self.sent
            .iter()
            .find(|((u, h), ids)| *u == url && h != homepage && ids.contains(id))
            .map(|((_, h), _)| h.as_str())
    }

    /// Every id the LRS at `url` stored, under any homepage.
    pub fn ids(&self, url: &str) -> BTreeSet<&str> {
        let url = key(url);
        self.sent
            .iter()
            .filter(|((u, _), _)| *u == url)
            .flat_map(|(_, ids)| ids.iter().map(String::as_str))
            .collect()
    }

    /// Records ids the LRS at `url` stored under `homepage`.
    pub fn add(&mut self, url: &str, homepage: &str, ids: &[String]) {
        self.sent
            .entry((key(url), homepage.to_string()))
            .or_default()
            .extend(ids.iter().cloned());
    }

    /// Writes the log atomically (private to the user).
    ///
    /// # Errors
    /// When the folder or file cannot be written.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            fsio::create_private_dir(dir)?;
        }
        let file = File {
            sent: self
                .sent
                .iter()
                .map(|((lrs, homepage), ids)| Entry {
                    lrs: lrs.clone(),
                    homepage: homepage.clone(),
                    ids: ids.clone(),
                })
                .collect(),
            lrs: BTreeMap::new(),
        };
        let text = toml::to_string(&file).map_err(std::io::Error::other)?;
        let mut out = String::from(
            "# Statement ids each Learning Record Store stored, by LRS and homepage: `rollcall\n\
             # sync` sends only the others. Deleting this file is safe: the next sync sends\n\
             # everything again and the LRS keeps one copy of each statement.\n",
        );
        out.push_str(&text);
        fsio::write_atomic(path, out.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_keeps_ids_by_lrs_and_homepage() {
        let dir = tempfile::tempdir().unwrap();
        let path = sent_log_path(dir.path());
        let mut log = SentLog::load(&path).unwrap();
        log.add(
            "https://lrs.example/",
            "https://a.example",
            &["a".into(), "b".into()],
        );
        log.save(&path).unwrap();
        let back = SentLog::load(&path).unwrap();
        assert_eq!(back, log);
        assert!(back.contains("https://lrs.example", "https://a.example", "a"));
        assert!(!back.contains("https://lrs.example", "https://b.example", "a"));
        assert!(!back.contains("https://other.example", "https://a.example", "a"));
        assert_eq!(
            back.sent_elsewhere("https://lrs.example", "https://b.example", "a"),
            Some("https://a.example")
        );
        assert_eq!(
            back.sent_elsewhere("https://lrs.example", "https://a.example", "a"),
            None
        );
        std::fs::write(&path, "not toml [").unwrap();
        assert!(SentLog::load(&path).is_err());
    }

    #[test]
    fn a_log_from_before_homepages_reads_as_not_recorded() {
        let dir = tempfile::tempdir().unwrap();
        let path = sent_log_path(dir.path());
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "[lrs]\n\"https://lrs.example\" = [\"a\"]\n").unwrap();
        let log = SentLog::load(&path).unwrap();
        assert_eq!(
            log.sent_elsewhere("https://lrs.example/", "https://new.example", "a"),
            Some(UNKNOWN_HOMEPAGE)
        );
    }
}
