//! Where things are and who is training, resolved once for every command, in layers:
//! built-in defaults < the settings file < the environment < command-line flags.
//!
//! The settings file (keys in [`settings`]) is, first that applies:
//! `rollcall-data/settings.toml` beside the program when that folder exists (portable use:
//! the settings travel with the stick), `$XDG_CONFIG_HOME/rollcall/settings.toml`, else the
//! platform's config folder (`~/.config/rollcall` on Linux, `%APPDATA%\rollcall\config` on
//! Windows). A `settings.toml` in the data folder (where `[lrs]` and `[defaults]` lived
//! before) is still read, under the settings file.
//!
//! Reading the process environment happens once, in [`Env::from_process`]; [`resolve`] is
//! pure, so the order of the layers is tested without touching the environment.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::lrs::LrsSettings;
use crate::progress::store::{self, StoreError};

pub mod settings;

pub use settings::{Key, Settings, Warning};

/// The settings file's name.
pub const SETTINGS_FILE: &str = "settings.toml";

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
    /// `XDG_CONFIG_HOME` (used when absolute, as the XDG rules say).
    pub config_home: Option<OsString>,
    /// Whether `NO_COLOR` is set (the default theme is then monochrome).
    pub no_color: bool,
}

impl Env {
    /// The variables of this process (empty values count as unset).
    #[must_use]
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
            config_home: os("XDG_CONFIG_HOME"),
            no_color: os("NO_COLOR").is_some(),
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
    #[must_use]
    pub fn of(cli: &'a crate::cli::Cli) -> Flags<'a> {
        Flags {
            data_dir: cli.data_dir.as_deref(),
            learner: cli.learner.as_deref(),
            courses: cli.courses.as_deref(),
        }
    }
}

/// Where rollcall's own folders are on this machine (found at the edge, passed in).
#[derive(Debug, Clone, Default)]
pub struct Places {
    /// `rollcall-data/` beside the program, when it exists.
    pub portable: Option<PathBuf>,
    /// The platform's data folder for rollcall.
    pub platform_data: Option<PathBuf>,
    /// The platform's config folder for rollcall.
    pub platform_config: Option<PathBuf>,
}

impl Places {
    /// The folders of this machine and program.
    #[must_use]
    pub fn of_process() -> Places {
        let dirs = directories::ProjectDirs::from("", "", "rollcall");
        Places {
            portable: crate::locate::exe_dir()
                .map(|d| d.join(store::PORTABLE_DIR))
                .filter(|d| d.is_dir()),
            platform_data: dirs.as_ref().map(|d| d.data_dir().to_path_buf()),
            platform_config: dirs.as_ref().map(|d| d.config_dir().to_path_buf()),
        }
    }
}

/// Everything resolved.
#[derive(Debug, Clone)]
pub struct Config {
    /// The data folder (progress, sent log).
    pub data_dir: PathBuf,
    /// The learner.
    pub learner: String,
    /// The courses folder, when one is named; `None` leaves the search to `locate`.
    pub courses: Option<PathBuf>,
    /// LRS connection: environment over file.
    pub lrs: LrsSettings,
    /// `[lrs]` of the settings files alone (commands apply their own flags and environment).
    pub file_lrs: LrsSettings,
    /// The settings in use, and the file the Settings screen writes.
    pub settings: Settings,
    /// Unknown keys and bad values in the settings files (each fell back to its default).
    pub warnings: Vec<Warning>,
    /// Where the courses folder was read, when it is the settings file's (not a flag's or
    /// the environment's): such a folder that cannot be used falls back to the default.
    pub courses_from: Option<settings::Origin>,
    /// Where the data folder was read, when it is the settings file's.
    pub data_dir_from: Option<settings::Origin>,
    /// The data folder used when none is named (`None`: there is none on this machine).
    pub default_data_dir: Option<PathBuf>,
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

/// The settings file for these places and environment (`None`: no config folder at all).
#[must_use]
pub fn settings_path(env: &Env, places: &Places) -> Option<PathBuf> {
    if let Some(p) = &places.portable {
        return Some(p.join(SETTINGS_FILE));
    }
    let xdg = env
        .config_home
        .as_ref()
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .map(|p| p.join("rollcall"));
    xdg.or_else(|| places.platform_config.clone())
        .map(|d| d.join(SETTINGS_FILE))
}

/// A settings file read, with its relative folders made relative to the file's folder.
fn read_settings(
    path: &Path,
    file: &mut impl FnMut(&Path) -> Result<settings::Parsed, ConfigError>,
) -> Result<settings::Parsed, ConfigError> {
    let mut parsed = file(path)?;
    let base = path.parent().unwrap_or(Path::new(""));
    for p in [&mut parsed.file.courses, &mut parsed.file.data_dir]
        .into_iter()
        .flatten()
    {
        if p.is_relative() {
            *p = base.join(&*p);
        }
    }
    Ok(parsed)
}

/// Reads a settings file from disk (see [`settings::load`]).
///
/// # Errors
/// When the file exists but cannot be used.
pub fn read_file(path: &Path) -> Result<settings::Parsed, ConfigError> {
    settings::load(path).map_err(ConfigError::Settings)
}

/// The data folder and the settings files' values: the settings file, and under it the data
/// folder's own `settings.toml` (the earlier place).
///
/// # Errors
/// When no data folder can be found or a settings file cannot be used.
fn locate(
    flags: Flags<'_>,
    env: &Env,
    places: &Places,
    mut file: impl FnMut(&Path) -> Result<settings::Parsed, ConfigError>,
) -> Result<(PathBuf, Option<PathBuf>, settings::Parsed), ConfigError> {
    let path = settings_path(env, places);
    let main = match &path {
        Some(p) => read_settings(p, &mut file)?,
        None => settings::Parsed::default(),
    };
    let data_dir = if let Some(dir) = flags.data_dir {
        dir.to_path_buf()
    } else if let Some(dir) = &env.data_dir {
        PathBuf::from(dir)
    } else if let Some(dir) = &main.file.data_dir {
        dir.clone()
    } else {
        places
            .portable
            .clone()
            .or_else(|| places.platform_data.clone())
            .ok_or(StoreError::NoDataDir)?
    };
    let old = data_dir.join(SETTINGS_FILE);
    let mut merged = main;
    if path.as_ref() != Some(&old) {
        let lower = read_settings(&old, &mut file)?;
        merged.file = merged.file.or(lower.file);
        merged.warnings.extend(lower.warnings);
    }
    Ok((data_dir, path, merged))
}

/// The layers put together: flags over environment over settings files over defaults.
///
/// # Errors
/// When no data folder can be found, a settings file cannot be used, or the learner named is
/// not a valid name.
pub fn resolve(
    flags: Flags<'_>,
    env: &Env,
    places: &Places,
    file: impl FnMut(&Path) -> Result<settings::Parsed, ConfigError>,
) -> Result<Config, ConfigError> {
    let (data_dir, path, parsed) = locate(flags, env, places, file)?;
    let from = |name: &str, source: String| {
        store::validate_learner(name).map_err(|e| match e {
            StoreError::InvalidLearner { name, reason } => StoreError::InvalidLearner {
                name,
                reason: format!("{reason} (from {source})"),
            },
            other => other,
        })
    };
    let learner = match (flags.learner, &env.learner, &parsed.file.learner) {
        (Some(name), _, _) => {
            store::validate_learner(name)?;
            name.to_string()
        }
        (None, Some(name), _) => {
            from(name, store::LEARNER_ENV.to_string())?;
            name.clone()
        }
        (None, None, Some(name)) => {
            from(name, format!("learner in {SETTINGS_FILE}"))?;
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
        .or_else(|| parsed.file.courses.clone());
    let courses_from = parsed
        .file
        .courses_at
        .clone()
        .filter(|_| flags.courses.is_none() && env.courses.is_none());
    let data_dir_from = parsed
        .file
        .data_dir_at
        .clone()
        .filter(|_| flags.data_dir.is_none() && env.data_dir.is_none());
    let file_lrs = parsed.file.lrs.clone();
    let lrs = LrsSettings {
        url: env.lrs_url.clone().or_else(|| file_lrs.url.clone()),
        user: env.lrs_user.clone().or_else(|| file_lrs.user.clone()),
        password: env
            .lrs_password
            .clone()
            .or_else(|| file_lrs.password.clone()),
        homepage: file_lrs.homepage.clone(),
    };
    Ok(Config {
        data_dir,
        learner,
        courses,
        lrs,
        file_lrs,
        settings: Settings::from_file(&parsed.file, env.no_color, path),
        warnings: parsed.warnings,
        courses_from,
        data_dir_from,
        default_data_dir: places
            .portable
            .clone()
            .or_else(|| places.platform_data.clone()),
    })
}

/// `[lrs]` of this process's settings files, for a data folder the command already chose.
///
/// # Errors
/// When a settings file cannot be used (or holds a password others can read).
pub fn file_lrs(data_dir: &Path) -> Result<LrsSettings, ConfigError> {
    let flags = Flags {
        data_dir: Some(data_dir),
        ..Flags::default()
    };
    let (_, _, parsed) = locate(
        flags,
        &Env::from_process(),
        &Places::of_process(),
        read_file,
    )?;
    Ok(parsed.file.lrs)
}

/// Whether `path` is a folder that can be read (I/O: called at the edges), or why not.
///
/// # Errors
/// The reason, in words, when it is not.
pub fn readable_folder(path: &Path) -> Result<(), String> {
    std::fs::read_dir(path)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

impl Config {
    /// Sets aside a courses or data folder from the settings file that cannot be used
    /// (`usable` says why not), with a warning naming the file and line: the default is used
    /// this time, so rollcall starts and the folder can be fixed on the Settings screen. The
    /// data folder's warning names the folder used instead and comes first, so the notice
    /// shown at start is that one. A folder from a flag or the environment is kept (it is an
    /// error where it is used).
    pub fn set_aside_unusable_folders(&mut self, usable: impl Fn(&Path) -> Result<(), String>) {
        let mut first = Vec::new();
        if let Some(at) = self.data_dir_from.clone()
            && let Some(default) = self.default_data_dir.clone()
            && let Err(why) = usable(&self.data_dir)
        {
            let path = std::mem::replace(&mut self.data_dir, default.clone());
            self.data_dir_from = None;
            first.push(unusable(at, Key::DataDir, path, why, Some(default)));
        }
        if let Some(at) = self.courses_from.clone()
            && let Some(dir) = self.courses.clone()
            && let Err(why) = usable(&dir)
        {
            self.courses = None;
            self.courses_from = None;
            first.push(unusable(at, Key::Courses, dir, why, None));
        }
        first.append(&mut self.warnings);
        self.warnings = first;
    }

    /// Prints the settings files' warnings to standard error (for commands; the TUI shows
    /// them as a notice).
    pub fn warn_stderr(&self) {
        for w in &self.warnings {
            eprintln!("rollcall: warning: {w}");
        }
    }

    /// Resolves the configuration of this process for a parsed command line.
    ///
    /// # Errors
    /// As [`resolve`].
    pub fn load(cli: &crate::cli::Cli) -> Result<Config, ConfigError> {
        resolve(
            Flags::of(cli),
            &Env::from_process(),
            &Places::of_process(),
            read_file,
        )
    }
}

fn unusable(
    at: settings::Origin,
    key: Key,
    path: PathBuf,
    why: String,
    using: Option<PathBuf>,
) -> Warning {
    Warning {
        file: at.file,
        line: at.line,
        problem: settings::Problem::UnusableFolder {
            key,
            path,
            why,
            using,
        },
    }
}

#[cfg(test)]
mod tests;
