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

use std::path::PathBuf;

use crate::ui::ThemeName;

mod key;
mod read;
mod write;

pub use key::{Key, Value};
pub use read::{FileSettings, Origin, Parsed, Problem, Warning, load, parse};
pub use write::{SaveError, save, set_in_text};

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

#[cfg(test)]
mod tests;
