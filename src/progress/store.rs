//! The on-disk progress store. (Placeholder: replaced by the real store.)

use std::path::{Path, PathBuf};

use crate::progress::Progress;

/// Longest learner name accepted.
pub const MAX_LEARNER_LEN: usize = 64;

/// Why the store failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A bad learner name.
    #[error("invalid learner name: {0}")]
    InvalidLearner(String),
    /// I/O.
    #[error("{0}")]
    Io(String),
}

/// Checks a learner name.
///
/// # Errors
/// When the name is empty, too long or has path characters.
pub fn validate_learner(name: &str) -> Result<(), StoreError> {
    if name.is_empty() || name.len() > MAX_LEARNER_LEN || name.contains(['/', '\\']) {
        return Err(StoreError::InvalidLearner(name.into()));
    }
    Ok(())
}

/// The data folder.
///
/// # Errors
/// Never in the placeholder.
pub fn resolve_data_dir(flag: Option<&Path>) -> Result<PathBuf, StoreError> {
    Ok(flag.map_or_else(|| PathBuf::from("rollcall-data"), Path::to_path_buf))
}

/// The learner.
///
/// # Errors
/// On a bad name.
pub fn resolve_learner(flag: Option<&str>) -> Result<String, StoreError> {
    let name = flag.unwrap_or("learner").to_string();
    validate_learner(&name)?;
    Ok(name)
}

/// Known learners.
pub fn list_learners(dir: &Path) -> Vec<String> {
    let _ = dir;
    vec![]
}

/// A learner's progress file.
#[derive(Debug, Clone)]
pub struct Store {
    path: PathBuf,
    learner: String,
}

impl Store {
    /// A store for a learner in a folder.
    ///
    /// # Errors
    /// On a bad name.
    pub fn new(dir: &Path, learner: &str) -> Result<Self, StoreError> {
        validate_learner(learner)?;
        Ok(Self {
            path: dir.join(format!("{learner}.toml")),
            learner: learner.into(),
        })
    }
    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }
    /// The learner.
    pub fn learner(&self) -> &str {
        &self.learner
    }
    /// Loads.
    ///
    /// # Errors
    /// Never in the placeholder.
    pub fn load(&self) -> Result<Progress, StoreError> {
        Ok(Progress::new(&self.learner))
    }
    /// Saves.
    ///
    /// # Errors
    /// Never in the placeholder.
    pub fn save(&self, progress: &Progress) -> Result<Progress, StoreError> {
        Ok(progress.clone())
    }
}
