//! The learner's settings: what the Settings screen shows and changes.

use crate::ui::ThemeName;

/// Settings that change how rollcall looks and reads, resolved (defaults filled in).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The colour theme.
    pub theme: ThemeName,
    /// Widest text column for lesson pages; wider terminals centre it.
    pub reading_width: u16,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            theme: ThemeName::Dark,
            reading_width: crate::app::MAX_TEXT_WIDTH,
        }
    }
}
