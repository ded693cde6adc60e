//! The keys of the settings file and the values written for them.

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
    pub(super) fn to_toml(&self) -> String {
        match self {
            Value::Text(s) => toml::Value::String(s.clone()).to_string(),
            Value::Number(n) => n.to_string(),
        }
    }
}
