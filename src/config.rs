//! Where things are and who is training, resolved once for every command, in layers:
//! built-in defaults < the settings file < the environment < command-line flags.
//!
//! The settings file is `settings.toml` in the data folder, so the data folder itself comes
//! from flags, the environment or the defaults only. Besides `[lrs]` (read by `lrs`, with
//! its rule that a file holding a password must be private), it may hold a `[defaults]`
//! table:
//!
//! ```toml
//! [defaults]
//! learner = "jdoe"          # who trains on this machine when --learner is not given
//! courses = "/srv/courses"  # the courses folder when --courses is not given
//! ```
//!
//! Reading the process environment happens once, in [`Env::from_process`]; [`resolve`] is
//! pure, so the order of the layers is tested without touching the environment.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::fsio::{self, Links};
use crate::lrs::LrsSettings;
use crate::progress::store::{self, StoreError};

/// The settings file's name, in the data folder.
pub const SETTINGS_FILE: &str = "settings.toml";
/// Largest settings file read.
const MAX_SETTINGS_BYTES: u64 = 64 * 1024;

/// The `ROLLCALL_*` variables that choose folders, learner and LRS, read once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Env {
    /// `ROLLCALL_DATA_DIR`.
    pub data_dir: Option<OsString>,
    /// `ROLLCALL_LEARNER`.
    pub learner: Option<String>,
    /// `ROLLCALL_COURSES`.
    pub courses: Option<OsString>,
    /// `ROLLCALL_LRS_URL`.
    pub lrs_url: Option<String>,
    /// `ROLLCALL_LRS_USER`.
    pub lrs_user: Option<String>,
    /// `ROLLCALL_LRS_PASSWORD`.
    pub lrs_password: Option<String>,
    /// The login name (`USER`, else `USERNAME`), for the default learner.
    pub login: Option<String>,
}

impl Env {
    /// The variables of this process (empty values count as unset).
    pub fn from_process() -> Env {
        let os = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        let text = |name: &str| os(name).map(|v| v.to_string_lossy().into_owned());
        Env {
            data_dir: os(store::DATA_DIR_ENV),
            learner: text(store::LEARNER_ENV),
            courses: os(crate::locate::COURSES_ENV),
            lrs_url: text("ROLLCALL_LRS_URL"),
            lrs_user: text("ROLLCALL_LRS_USER"),
            lrs_password: text("ROLLCALL_LRS_PASSWORD"),
            login: text("USER")
                .or_else(|| text("USERNAME"))
                .filter(|v| !v.trim().is_empty()),
        }
    }
}

/// What the command line says (the top layer).
#[derive(Debug, Clone, Copy, Default)]
pub struct Flags<'a> {
    /// `--data-dir`.
    pub data_dir: Option<&'a Path>,
    /// `--learner`.
    pub learner: Option<&'a str>,
    /// `--courses`.
    pub courses: Option<&'a Path>,
}

impl<'a> Flags<'a> {
    /// The global flags of a parsed command line.
    pub fn of(cli: &'a crate::cli::Cli) -> Flags<'a> {
        Flags {
            data_dir: cli.data_dir.as_deref(),
            learner: cli.learner.as_deref(),
            courses: cli.courses.as_deref(),
        }
    }
}

/// The `[defaults]` table of the settings file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Defaults {
    /// The learner when no flag or variable names one.
    pub learner: Option<String>,
    /// The courses folder when no flag or variable names one.
    pub courses: Option<PathBuf>,
}

/// The settings file's layers (a missing file is empty).
#[derive(Debug, Clone, Default)]
pub struct FileLayer {
    /// `[defaults]`.
    pub defaults: Defaults,
    /// `[lrs]`.
    pub lrs: LrsSettings,
}

/// Everything resolved.
#[derive(Debug, Clone)]
pub struct Config {
    /// The data folder (progress, settings, sent log).
    pub data_dir: PathBuf,
    /// The settings file (it may not exist).
    pub settings_path: PathBuf,
    /// The learner.
    pub learner: String,
    /// The courses folder, when one is named; `None` leaves the search to `locate`.
    pub courses: Option<PathBuf>,
    /// LRS connection: flags (as given by the command) over environment over file.
    pub lrs: LrsSettings,
}

/// Why the configuration could not be resolved.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// No data folder, or an invalid learner.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The settings file exists but cannot be used.
    #[error("{0}")]
    Settings(String),
}

/// Reads the settings file's `[defaults]` and `[lrs]` (never following a link).
///
/// # Errors
/// When the file exists but cannot be read or parsed, or holds a password others can read.
pub fn read_file_layer(path: &Path) -> Result<FileLayer, ConfigError> {
    #[derive(Deserialize)]
    struct File {
        #[serde(default)]
        defaults: Defaults,
    }
    let shown = crate::diagnostic::display_path(path);
    let defaults = match fsio::read_text(path, MAX_SETTINGS_BYTES, Links::Refuse) {
        Ok(text) => toml::from_str::<File>(&text)
            .map(|f| f.defaults)
            .map_err(|e| {
                // The `[lrs]` reader below gives the message for its own table; here only
                // `[defaults]` problems are reported, by line (never echoing a value).
                let line = e
                    .span()
                    .map_or(0, |s| crate::diagnostic::line_col(&text, s.start).0);
                ConfigError::Settings(format!(
                    "{shown}: line {line}: [defaults] takes learner and courses (text values)"
                ))
            })?,
        Err(e) if e.is_not_found() => Defaults::default(),
        Err(e) => return Err(ConfigError::Settings(e.to_string())),
    };
    let lrs = crate::lrs::load_settings(path).map_err(ConfigError::Settings)?;
    Ok(FileLayer { defaults, lrs })
}

/// The layers put together: flags over environment over file over defaults.
/// `portable` and `platform` are the default data folders (beside the program, per user).
///
/// # Errors
/// When no data folder can be found, or the learner named is not a valid name.
pub fn resolve(
    flags: Flags<'_>,
    env: &Env,
    file: impl FnOnce(&Path) -> Result<FileLayer, ConfigError>,
    portable: impl FnOnce() -> Option<PathBuf>,
    platform: impl FnOnce() -> Option<PathBuf>,
) -> Result<Config, ConfigError> {
    let data_dir = if let Some(dir) = flags.data_dir {
        dir.to_path_buf()
    } else if let Some(dir) = &env.data_dir {
        PathBuf::from(dir)
    } else {
        portable().or_else(platform).ok_or(StoreError::NoDataDir)?
    };
    let settings_path = data_dir.join(SETTINGS_FILE);
    let layer = file(&settings_path)?;
    let learner = match (flags.learner, &env.learner, &layer.defaults.learner) {
        (Some(name), _, _) => {
            store::validate_learner(name)?;
            name.to_string()
        }
        (None, Some(name), _) => {
            store::validate_learner(name).map_err(|e| match e {
                StoreError::InvalidLearner { name, reason } => StoreError::InvalidLearner {
                    name,
                    reason: format!("{reason} (from {})", store::LEARNER_ENV),
                },
                other => other,
            })?;
            name.clone()
        }
        (None, None, Some(name)) => {
            store::validate_learner(name).map_err(|e| match e {
                StoreError::InvalidLearner { name, reason } => StoreError::InvalidLearner {
                    name,
                    reason: format!("{reason} (from [defaults] in {SETTINGS_FILE})"),
                },
                other => other,
            })?;
            name.clone()
        }
        (None, None, None) => env.login.as_deref().map_or_else(
            || store::DEFAULT_LEARNER.to_string(),
            store::sanitize_learner,
        ),
    };
    let courses = flags
        .courses
        .map(Path::to_path_buf)
        .or_else(|| env.courses.as_ref().map(PathBuf::from))
        .or_else(|| {
            // A relative folder in the settings file is relative to the data folder.
            layer.defaults.courses.as_ref().map(|c| data_dir.join(c))
        });
    let lrs = LrsSettings {
        url: env.lrs_url.clone().or(layer.lrs.url),
        user: env.lrs_user.clone().or(layer.lrs.user),
        password: env.lrs_password.clone().or(layer.lrs.password),
        homepage: layer.lrs.homepage,
    };
    Ok(Config {
        data_dir,
        settings_path,
        learner,
        courses,
        lrs,
    })
}

impl Config {
    /// Resolves the configuration of this process for a parsed command line.
    ///
    /// # Errors
    /// As [`resolve`].
    pub fn load(cli: &crate::cli::Cli) -> Result<Config, ConfigError> {
        resolve(
            Flags::of(cli),
            &Env::from_process(),
            read_file_layer,
            || {
                crate::locate::exe_dir()
                    .map(|d| d.join(store::PORTABLE_DIR))
                    .filter(|d| d.is_dir())
            },
            || {
                directories::ProjectDirs::from("", "", "rollcall")
                    .map(|dirs| dirs.data_dir().to_path_buf())
            },
        )
    }
}

mod settings;

pub use settings::Settings;

#[cfg(test)]
mod tests;
