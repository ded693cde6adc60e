//! Messages: a key the user pressed, or the result of an effect.

use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::progress::Progress;
use crate::quiz::Quiz;

/// A message: a key the user pressed, or the result of an effect.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// Move the selection or scroll up.
    Up,
    /// Move the selection or scroll down.
    Down,
    /// Open the selected item, or confirm.
    Enter,
    /// Go back one screen.
    Back,
    /// Quit (asks first during a quiz attempt or a scenario run).
    Quit,
    /// Toggle the help overlay.
    Help,
    /// Next page.
    NextPage,
    /// Previous page.
    PrevPage,
    /// First page.
    FirstPage,
    /// Last page.
    LastPage,
    /// Space: toggle a choice in 'select all'; in a lesson, as [`Msg::PageDown`].
    Toggle,
    /// `PageDown`: scroll a screenful, and turn the page only at its end (as `less` does).
    PageDown,
    /// Scroll a long question's text up (apart from its choices).
    QuestionUp,
    /// Scroll a long question's text down (apart from its choices).
    QuestionDown,
    /// A number key 1-9 (1-based).
    Pick(usize),
    /// True (t) or false (f).
    TrueFalse(bool),
    /// A typed character for a text field.
    Input(char),
    /// Backspace.
    Backspace,
    /// Delete (the character under the cursor in a text field).
    Delete,
    /// Cursor left in a text field.
    CursorLeft,
    /// Cursor right in a text field.
    CursorRight,
    /// Retake the quiz (results screen).
    Retake,
    /// Open the learner picker.
    SwitchLearner,
    /// Open the 'My record' screen.
    Record,
    /// Answer a yes/no question.
    Confirm(bool),
    /// Discard the quiz attempt or scenario run under way (the leave dialog's `d`).
    Discard,
    /// The terminal was resized.
    Resize(u16, u16),
    /// A lesson's text was read.
    LessonLoaded {
        /// Course index.
        course: usize,
        /// Lesson index.
        lesson: usize,
        /// The text, or why it could not be read.
        result: Result<String, Diagnostic>,
        /// Keep the current page (a reload while watching).
        reload: bool,
    },
    /// A scenario was read and validated.
    ScenarioLoaded {
        /// Course index.
        course: usize,
        /// Lesson index.
        lesson: usize,
        /// The scenario, or its problems.
        result: Result<Arc<crate::scenario::Scenario>, Vec<Diagnostic>>,
    },
    /// Step back one decision in a scenario.
    StepBack,
    /// A quiz was read and validated.
    QuizLoaded {
        /// Course index.
        course: usize,
        /// Lesson index.
        lesson: usize,
        /// The quiz, or its problems.
        result: Result<Arc<Quiz>, Vec<Diagnostic>>,
    },
    /// A new attempt may start: a fresh id, seed and start time from the runtime.
    AttemptReady {
        /// Unique attempt id.
        id: String,
        /// Shuffle seed.
        seed: u64,
        /// Start time (RFC 3339).
        started: crate::progress::Stamp,
    },
    /// The store saved (with the merged record) or failed.
    Saved {
        /// The save's sequence number (it covers every earlier one).
        seq: u64,
        /// The merged record, or why nothing was written.
        result: Result<Progress, SaveFailure>,
    },
    /// Known learners, for the picker.
    Learners(Vec<String>),
    /// Open (or close) the Settings screen.
    Settings,
    /// Set a setting from typed text (the screen-reader front end's way to change one).
    SetSetting {
        /// The setting.
        key: crate::config::Key,
        /// Its new value, as typed.
        text: String,
    },
    /// A folder typed for a setting was checked: the settings to use if it can be read.
    FolderChecked {
        /// The settings with the change made.
        settings: Box<crate::config::Settings>,
        /// `courses` or `data_dir`.
        key: crate::config::Key,
        /// The folder checked.
        path: std::path::PathBuf,
        /// Readable, or why not.
        result: Result<(), String>,
    },
    /// A setting was written to the settings file, or why not.
    SettingSaved {
        /// The setting.
        key: crate::config::Key,
        /// Done, or why it could not be written.
        result: Result<(), String>,
    },
    /// The learner changed: name, record (or why it cannot be saved).
    LearnerLoaded {
        /// The learner's name.
        learner: String,
        /// Their record and, if it cannot be saved, why.
        result: Result<Progress, String>,
    },
    /// Lesson titles read from the lessons' first headings.
    TitlesLoaded {
        /// Course index.
        course: usize,
        /// (lesson index, title) for lessons without a title in course.toml.
        titles: Vec<(usize, String)>,
    },
    /// A course's quizzes (those that could be read), for their attempt rules and the
    /// question ids older records lack.
    QuizRulesLoaded {
        /// Course index.
        course: usize,
        /// (lesson index, quiz).
        quizzes: Vec<(usize, Arc<Quiz>)>,
    },
    /// The open lesson's file changed on disk.
    FileChanged,
    /// Open the search box (`/`).
    Search,
    /// Go to the next match of the active search (`]`).
    NextMatch,
    /// Go to the previous match of the active search (`[`).
    PrevMatch,
    /// List the lesson's headings (`o`).
    Outline,
    /// The search index is built.
    IndexBuilt {
        /// The index over every lesson's lines.
        index: Arc<crate::search::Index>,
        /// Lesson titles read from first headings, by (course, lesson).
        titles: Vec<((usize, usize), String)>,
    },
    /// SIGTERM or SIGHUP: save and leave.
    Terminate,
    /// Active time: the gap since the previous input, measured and capped at the edge and sent
    /// just before each input; credited to what is on screen (see `app::active`).
    Gap(std::time::Duration),
}

/// Why a save failed: the words, and whether it was for want of space (then quitting asks
/// before it drops what is only in memory).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveFailure {
    /// What went wrong, for the status line.
    pub why: String,
    /// The disk (or a file-size limit) was full.
    pub out_of_space: bool,
}

impl SaveFailure {
    /// A failure that is not about space.
    #[must_use]
    pub fn other(why: impl Into<String>) -> Self {
        Self {
            why: why.into(),
            out_of_space: false,
        }
    }
}

impl From<&crate::progress::store::StoreError> for SaveFailure {
    fn from(e: &crate::progress::store::StoreError) -> Self {
        Self {
            why: e.to_string(),
            out_of_space: e.is_out_of_space(),
        }
    }
}

impl std::fmt::Display for SaveFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.why)
    }
}

#[cfg(test)]
mod tests {
    use super::SaveFailure;
    use crate::progress::store::StoreError;

    #[test]
    fn a_full_disk_is_told_apart_from_other_save_failures() {
        let write = |errno| StoreError::Write {
            path: "p.toml".into(),
            source: std::io::Error::from_raw_os_error(errno),
        };
        // ENOSPC (28) and EFBIG (27) on Linux.
        assert!(SaveFailure::from(&write(28)).out_of_space);
        assert!(SaveFailure::from(&write(27)).out_of_space);
        assert!(!SaveFailure::from(&write(13)).out_of_space);
    }
}
