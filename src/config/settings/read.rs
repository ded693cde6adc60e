//! Reading a settings file: each key's value, or a warning rather than a failure for a bad
//! one.

use std::path::{Path, PathBuf};

use super::{CREDIT_RATIO_MAX, Key, MAX_BYTES, MAX_GAP_MAX, READING_WIDTH_MAX, READING_WIDTH_MIN};
use crate::fsio::{self, Links};
use crate::lrs::LrsSettings;
use crate::ui::ThemeName;

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
    /// Where `courses` was read, for a warning when the folder cannot be used.
    pub courses_at: Option<Origin>,
    /// Where `data_dir` was read, likewise.
    pub data_dir_at: Option<Origin>,
}

/// Where a value was read: which settings file, which line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The file, for display.
    pub file: String,
    /// The line, 1-based.
    pub line: usize,
}

impl FileSettings {
    /// These settings, with `lower`'s where these have none.
    #[must_use]
    pub fn or(self, lower: FileSettings) -> FileSettings {
        // Each origin goes with the value kept.
        let courses_at = if self.courses.is_some() {
            self.courses_at
        } else {
            lower.courses_at
        };
        let data_dir_at = if self.data_dir.is_some() {
            self.data_dir_at
        } else {
            lower.data_dir_at
        };
        FileSettings {
            courses_at,
            data_dir_at,
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
    /// A courses or data folder that cannot be used at start (found at the edge); the
    /// default is used this time.
    UnusableFolder {
        /// `courses` or `data_dir`.
        key: Key,
        /// The folder as resolved.
        path: PathBuf,
        /// Why it cannot be used.
        why: String,
        /// The data folder used instead (`None` for the courses: the default search).
        using: Option<PathBuf>,
    },
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

fn origin(shown: &str, line: usize) -> Origin {
    Origin {
        file: shown.to_string(),
        line,
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
            into.courses_at = into.courses.as_ref().map(|_| origin(shown, line));
            into.courses.is_some()
        }
        Key::DataDir => {
            into.data_dir = text.map(PathBuf::from);
            into.data_dir_at = into.data_dir.as_ref().map(|_| origin(shown, line));
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
