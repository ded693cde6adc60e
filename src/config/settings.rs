//! The settings file: its keys, reading it (warning rather than failing on a bad value) and
//! changing one key in place (comments and other tables, such as `[lrs]`, kept).
//!
//! ```toml
//! theme = "dark"            # dark, light, high-contrast, monochrome
//! reading_width = 100       # widest lesson text column; wider screens centre it
//! learner = "jdoe"          # who trains on this machine when --learner is not given
//! courses = "/srv/courses"  # the courses folder when --courses is not given
//! data_dir = "/srv/records" # the data folder when --data-dir is not given
//! max_gap_minutes = 5       # a longer pause between two inputs counts as this long
//! credit_ratio = 2          # report flags credit-exceeds-time when credited hours exceed
//!                           # this many times the active time
//!
//! [lrs]                     # read by `sync` (see crate::lrs)
//! url = "https://lrs.example/xapi"
//! ```
//!
//! `[defaults]` with `learner` and `courses` (the earlier form) is still read; keys at the
//! top win over it.

use std::path::{Path, PathBuf};

use crate::fsio::{self, Links};
use crate::lrs::LrsSettings;
use crate::ui::ThemeName;

/// Largest settings file read.
const MAX_BYTES: u64 = 64 * 1024;
/// Narrowest reading width allowed.
pub const READING_WIDTH_MIN: u16 = 40;
/// Widest reading width allowed.
pub const READING_WIDTH_MAX: u16 = 240;
/// The step of Left/Right on the reading width.
pub const READING_WIDTH_STEP: u16 = 10;
/// The longest gap between two inputs counted as active time, in minutes, unless set.
pub const MAX_GAP_DEFAULT: u16 = 5;
/// Largest `max_gap_minutes`: an hour without input is not time on task.
pub const MAX_GAP_MAX: u16 = 60;
/// `credit_ratio` unless set.
pub const CREDIT_RATIO_DEFAULT: u16 = 2;
/// Largest `credit_ratio`.
pub const CREDIT_RATIO_MAX: u16 = 20;

/// A key of the settings file, in the order the Settings screen lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    /// `theme`.
    Theme,
    /// `reading_width`.
    ReadingWidth,
    /// `learner`.
    Learner,
    /// `courses`.
    Courses,
    /// `data_dir`.
    DataDir,
    /// `max_gap_minutes`.
    MaxGapMinutes,
    /// `credit_ratio`.
    CreditRatio,
}

impl Key {
    /// Every key, in screen order.
    pub const ALL: [Key; 7] = [
        Key::Theme,
        Key::ReadingWidth,
        Key::Learner,
        Key::Courses,
        Key::DataDir,
        Key::MaxGapMinutes,
        Key::CreditRatio,
    ];

    /// The key as written in the file.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Key::Theme => "theme",
            Key::ReadingWidth => "reading_width",
            Key::Learner => "learner",
            Key::Courses => "courses",
            Key::DataDir => "data_dir",
            Key::MaxGapMinutes => "max_gap_minutes",
            Key::CreditRatio => "credit_ratio",
        }
    }

    /// Whether a change shows at once (else at the next start).
    #[must_use]
    pub fn applies_now(self) -> bool {
        matches!(self, Key::Theme | Key::ReadingWidth)
    }

    /// Whether the value is typed in (Enter) rather than stepped (Left/Right).
    #[must_use]
    pub fn is_text(self) -> bool {
        matches!(self, Key::Learner | Key::Courses | Key::DataDir)
    }
}

/// A value to write for a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A string (theme name, learner, folder).
    Text(String),
    /// A whole number (reading width).
    Number(u16),
}

impl Value {
    /// The value in TOML syntax.
    fn to_toml(&self) -> String {
        match self {
            Value::Text(s) => toml::Value::String(s.clone()).to_string(),
            Value::Number(n) => n.to_string(),
        }
    }
}

/// What one settings file holds; keys it does not set are `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileSettings {
    /// `theme`.
    pub theme: Option<ThemeName>,
    /// `reading_width`.
    pub reading_width: Option<u16>,
    /// `learner` (or `[defaults] learner`).
    pub learner: Option<String>,
    /// `courses` (or `[defaults] courses`), as written.
    pub courses: Option<PathBuf>,
    /// `data_dir`, as written.
    pub data_dir: Option<PathBuf>,
    /// `max_gap_minutes`.
    pub max_gap_minutes: Option<u16>,
    /// `credit_ratio`.
    pub credit_ratio: Option<u16>,
    /// `[lrs]`.
    pub lrs: LrsSettings,
}

impl FileSettings {
    /// These settings, with `lower`'s where these have none.
    #[must_use]
    pub fn or(self, lower: FileSettings) -> FileSettings {
        FileSettings {
            theme: self.theme.or(lower.theme),
            reading_width: self.reading_width.or(lower.reading_width),
            learner: self.learner.or(lower.learner),
            courses: self.courses.or(lower.courses),
            data_dir: self.data_dir.or(lower.data_dir),
            max_gap_minutes: self.max_gap_minutes.or(lower.max_gap_minutes),
            credit_ratio: self.credit_ratio.or(lower.credit_ratio),
            lrs: LrsSettings {
                url: self.lrs.url.or(lower.lrs.url),
                user: self.lrs.user.or(lower.lrs.user),
                password: self.lrs.password.or(lower.lrs.password),
                homepage: self.lrs.homepage.or(lower.lrs.homepage),
            },
        }
    }
}

/// What is wrong with one line of a settings file (words in `crate::text::settings_warning`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A key rollcall does not know (ignored).
    UnknownKey(String),
    /// A known key with a value it cannot take (the default is used).
    BadValue(Key),
}

/// A problem in a settings file: which file, which line, what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The file, for display.
    pub file: String,
    /// The line, 1-based.
    pub line: usize,
    /// What is wrong.
    pub problem: Problem,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::text::settings_warning(self))
    }
}

/// A settings file read: its values and what was wrong in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// The values that could be used.
    pub file: FileSettings,
    /// Unknown keys and bad values, by line.
    pub warnings: Vec<Warning>,
}

/// Reads a settings file's text. Unknown keys and bad values are warnings (the value falls
/// back to its default); only text that is not TOML, or an `[lrs]` table that cannot be
/// used, is an error (the message gives the line and never a value that may be secret).
///
/// # Errors
/// As above; `shown` names the file in messages.
pub fn parse(text: &str, shown: &str) -> Result<Parsed, String> {
    let lrs = crate::lrs::parse_settings(text).map_err(|e| format!("{shown}: {e}"))?;
    let root = toml::de::DeTable::parse(text)
        .map_err(|_| format!("{shown}: not a valid settings file"))?;
    let mut parsed = Parsed {
        file: FileSettings {
            lrs,
            ..FileSettings::default()
        },
        warnings: Vec::new(),
    };
    let line = |span: std::ops::Range<usize>| crate::diagnostic::line_col(text, span.start).0;
    let mut defaults = FileSettings::default();
    for (key, value) in root.get_ref() {
        let at = line(key.span());
        match key.get_ref().as_ref() {
            "lrs" => {}
            "defaults" => {
                let Some(table) = value.get_ref().as_table() else {
                    parsed.warnings.push(warning(
                        shown,
                        at,
                        Problem::UnknownKey("defaults".into()),
                    ));
                    continue;
                };
                for (key, value) in table {
                    let at = line(key.span());
                    match key.get_ref().as_ref() {
                        "learner" => read(
                            &mut defaults,
                            Key::Learner,
                            value.get_ref(),
                            shown,
                            at,
                            &mut parsed.warnings,
                        ),
                        "courses" => read(
                            &mut defaults,
                            Key::Courses,
                            value.get_ref(),
                            shown,
                            at,
                            &mut parsed.warnings,
                        ),
                        other => parsed.warnings.push(warning(
                            shown,
                            at,
                            Problem::UnknownKey(format!("defaults.{other}")),
                        )),
                    }
                }
            }
            name => match Key::ALL.into_iter().find(|k| k.name() == name) {
                Some(k) => read(
                    &mut parsed.file,
                    k,
                    value.get_ref(),
                    shown,
                    at,
                    &mut parsed.warnings,
                ),
                None => {
                    parsed
                        .warnings
                        .push(warning(shown, at, Problem::UnknownKey(name.to_string())));
                }
            },
        }
    }
    parsed.file = std::mem::take(&mut parsed.file).or(defaults);
    parsed.warnings.sort_by_key(|w| w.line);
    Ok(parsed)
}

fn warning(shown: &str, line: usize, problem: Problem) -> Warning {
    Warning {
        file: shown.to_string(),
        line,
        problem,
    }
}

/// Reads one key's value into `into`, or warns.
fn read(
    into: &mut FileSettings,
    key: Key,
    value: &toml::de::DeValue<'_>,
    shown: &str,
    line: usize,
    warnings: &mut Vec<Warning>,
) {
    let text = value.as_str().map(str::trim).filter(|s| !s.is_empty());
    let ok = match key {
        Key::Theme => {
            into.theme = text.and_then(ThemeName::parse);
            into.theme.is_some()
        }
        Key::ReadingWidth => {
            into.reading_width = whole(value, READING_WIDTH_MIN, READING_WIDTH_MAX);
            into.reading_width.is_some()
        }
        Key::MaxGapMinutes => {
            into.max_gap_minutes = whole(value, 1, MAX_GAP_MAX);
            into.max_gap_minutes.is_some()
        }
        Key::CreditRatio => {
            into.credit_ratio = whole(value, 1, CREDIT_RATIO_MAX);
            into.credit_ratio.is_some()
        }
        Key::Learner => {
            into.learner = text.map(str::to_string);
            into.learner.is_some()
        }
        Key::Courses => {
            into.courses = text.map(PathBuf::from);
            into.courses.is_some()
        }
        Key::DataDir => {
            into.data_dir = text.map(PathBuf::from);
            into.data_dir.is_some()
        }
    };
    if !ok {
        warnings.push(warning(shown, line, Problem::BadValue(key)));
    }
}

/// A whole number from `min` to `max`, if `value` is one.
fn whole(value: &toml::de::DeValue<'_>, min: u16, max: u16) -> Option<u16> {
    value
        .as_integer()
        .and_then(|n| i64::from_str_radix(&n.as_str().replace('_', ""), n.radix()).ok())
        .and_then(|n| u16::try_from(n).ok())
        .filter(|n| (min..=max).contains(n))
}

/// Reads the settings file at `path` (never following a link); a missing file is empty.
///
/// # Errors
/// When the file exists but cannot be read, is not TOML, or holds an LRS password that other
/// users can read.
pub fn load(path: &Path) -> Result<Parsed, String> {
    let shown = crate::diagnostic::display_path(path);
    let text = match fsio::read_text(path, MAX_BYTES, Links::Refuse) {
        Ok(text) => text,
        Err(e) if e.is_not_found() => return Ok(Parsed::default()),
        Err(e) => return Err(e.to_string()),
    };
    let parsed = parse(&text, &shown)?;
    if parsed.file.lrs.password.is_some() {
        crate::lrs::private_or_refuse(path)?;
    }
    Ok(parsed)
}

/// The settings in use: the file's values with the defaults filled in, and where the file is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The colour theme.
    pub theme: ThemeName,
    /// Widest text column for lesson pages; wider terminals centre it.
    pub reading_width: u16,
    /// `learner` from the file (the default learner), if set.
    pub learner: Option<String>,
    /// `courses` from the file, if set.
    pub courses: Option<PathBuf>,
    /// `data_dir` from the file, if set.
    pub data_dir: Option<PathBuf>,
    /// The longest gap between two inputs counted as active time, in minutes.
    pub max_gap_minutes: u16,
    /// `report` flags `credit-exceeds-time` when credited hours exceed this many times the
    /// active time.
    pub credit_ratio: u16,
    /// The settings file the Settings screen writes (`None`: no settings folder found).
    pub path: Option<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            theme: ThemeName::Dark,
            reading_width: crate::app::MAX_TEXT_WIDTH,
            learner: None,
            courses: None,
            data_dir: None,
            max_gap_minutes: MAX_GAP_DEFAULT,
            credit_ratio: CREDIT_RATIO_DEFAULT,
            path: None,
        }
    }
}

impl Settings {
    /// The settings from a file's values; the theme defaults to monochrome under `NO_COLOR`.
    #[must_use]
    pub fn from_file(file: &FileSettings, no_color: bool, path: Option<PathBuf>) -> Settings {
        Settings {
            theme: file.theme.unwrap_or(ThemeName::default_for(no_color)),
            reading_width: file.reading_width.unwrap_or(crate::app::MAX_TEXT_WIDTH),
            learner: file.learner.clone(),
            courses: file.courses.clone(),
            data_dir: file.data_dir.clone(),
            max_gap_minutes: file.max_gap_minutes.unwrap_or(MAX_GAP_DEFAULT),
            credit_ratio: file.credit_ratio.unwrap_or(CREDIT_RATIO_DEFAULT),
            path,
        }
    }

    /// The value of `key` as it would be written, or `None` when unset.
    #[must_use]
    pub fn value(&self, key: Key) -> Option<Value> {
        let path = |p: &Option<PathBuf>| p.as_ref().map(|p| Value::Text(p.display().to_string()));
        match key {
            Key::Theme => Some(Value::Text(self.theme.as_str().into())),
            Key::ReadingWidth => Some(Value::Number(self.reading_width)),
            Key::Learner => self.learner.clone().map(Value::Text),
            Key::Courses => path(&self.courses),
            Key::DataDir => path(&self.data_dir),
            Key::MaxGapMinutes => Some(Value::Number(self.max_gap_minutes)),
            Key::CreditRatio => Some(Value::Number(self.credit_ratio)),
        }
    }

    /// Steps a stepped key (theme, reading width) forward or back; returns the new value.
    pub fn step(&mut self, key: Key, back: bool) -> Option<Value> {
        match key {
            Key::Theme => self.theme = self.theme.step(back),
            Key::ReadingWidth => {
                let w = if back {
                    self.reading_width.saturating_sub(READING_WIDTH_STEP)
                } else {
                    self.reading_width.saturating_add(READING_WIDTH_STEP)
                };
                self.reading_width = w.clamp(READING_WIDTH_MIN, READING_WIDTH_MAX);
            }
            Key::MaxGapMinutes => {
                self.max_gap_minutes = step(self.max_gap_minutes, back).clamp(1, MAX_GAP_MAX);
            }
            Key::CreditRatio => {
                self.credit_ratio = step(self.credit_ratio, back).clamp(1, CREDIT_RATIO_MAX);
            }
            Key::Learner | Key::Courses | Key::DataDir => return None,
        }
        self.value(key)
    }

    /// Sets any key from typed text (a theme's name, a number of columns, a name or a
    /// folder); a value the key cannot take changes nothing (`None`).
    pub fn set_text(&mut self, key: Key, text: &str) -> Option<Value> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        match key {
            Key::Theme => self.theme = ThemeName::parse(&text.to_ascii_lowercase())?,
            Key::ReadingWidth => {
                self.reading_width = text
                    .parse()
                    .ok()
                    .filter(|n| (READING_WIDTH_MIN..=READING_WIDTH_MAX).contains(n))?;
            }
            Key::MaxGapMinutes => {
                self.max_gap_minutes = text
                    .parse()
                    .ok()
                    .filter(|n| (1..=MAX_GAP_MAX).contains(n))?;
            }
            Key::CreditRatio => {
                self.credit_ratio = text
                    .parse()
                    .ok()
                    .filter(|n| (1..=CREDIT_RATIO_MAX).contains(n))?;
            }
            Key::Learner => self.learner = Some(text.to_string()),
            Key::Courses => self.courses = Some(PathBuf::from(text)),
            Key::DataDir => self.data_dir = Some(PathBuf::from(text)),
        }
        self.value(key)
    }
}

/// One up or one down.
fn step(n: u16, back: bool) -> u16 {
    if back {
        n.saturating_sub(1)
    } else {
        n.saturating_add(1)
    }
}

mod write;

pub use write::{SaveError, save, set_in_text};

#[cfg(test)]
mod tests;
