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
    /// Quit (asks first during a quiz attempt).
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
    /// Space: toggle a choice in 'select all'.
    Toggle,
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
        result: Result<Progress, String>,
    },
    /// Known learners, for the picker.
    Learners(Vec<String>),
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
    /// The open lesson's file changed on disk.
    FileChanged,
    /// SIGTERM or SIGHUP: save and leave.
    Terminate,
}
