//! Uniting each learner's copies of their record, read from several machines.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::progress::Progress;

/// One progress file that was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// Where it was read from.
    pub path: PathBuf,
    /// What it holds.
    pub progress: Progress,
}

impl Source {
    /// The learner the file's name gives (`jdoe.toml` → `jdoe`): the file name is the learner.
    pub fn file_learner(&self) -> String {
        let name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match name.strip_suffix(".toml") {
            Some(stem) if !stem.is_empty() => stem.to_string(),
            // Not a learner's file name (or no path at all): trust the record's field.
            _ => self.progress.learner.clone(),
        }
    }
}

/// One learner's copies united, and whether any copy names someone else inside.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// Every copy merged.
    pub progress: Progress,
    /// A copy's `learner` field names someone other than its file name does (beyond case):
    /// the record credits nobody.
    pub mismatched: bool,
}

impl From<Progress> for Merged {
    fn from(progress: Progress) -> Self {
        Merged {
            progress,
            mismatched: false,
        }
    }
}

/// Unites every copy of each learner's record (attempts by id, earliest completions), by the
/// learner the file name gives; a copy whose `learner` field names someone else marks the
/// record [`Merged::mismatched`].
pub fn merge_by_learner(sources: &[Source]) -> BTreeMap<String, Merged> {
    merge_owned(sources.to_vec())
}

/// [`merge_by_learner`], taking the sources: a learner's first copy is moved, not copied
/// (a big record is held once).
pub fn merge_owned(sources: Vec<Source>) -> BTreeMap<String, Merged> {
    let mut learners: BTreeMap<String, Merged> = BTreeMap::new();
    for source in sources {
        let name = source.file_learner();
        // `bob.toml` holding `Bob` is Bob's: names that differ only in case are one learner.
        let mismatched = !crate::progress::store::same_learner(&source.progress.learner, &name);
        match learners.entry(name) {
            std::collections::btree_map::Entry::Vacant(slot) => {
                // As if merged into an empty record: one copy of each attempt and run, in
                // order. Every other field is kept as read (a field added later too).
                let mut progress = source.progress;
                progress.learner.clone_from(slot.key());
                let attempts = std::mem::take(&mut progress.attempts);
                let runs = std::mem::take(&mut progress.runs);
                progress.merge(&Progress {
                    attempts,
                    runs,
                    ..Progress::new(slot.key())
                });
                slot.insert(Merged {
                    progress,
                    mismatched,
                });
            }
            std::collections::btree_map::Entry::Occupied(mut slot) => {
                let entry = slot.get_mut();
                entry.progress.merge(&source.progress);
                entry.mismatched |= mismatched;
            }
        }
    }
    learners
}
