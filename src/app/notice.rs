//! Typed messages to the learner. State holds these values; `crate::text` turns them into
//! words, so a front end (or a translation) can phrase them its own way.

/// A one-line notice shown in the status line (or announced by the screen-reader front end).
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// Problems in the settings files at start: the first, and how many more.
    SettingsProblem {
        /// The first problem.
        first: crate::config::Warning,
        /// How many more there are.
        more: usize,
    },
    /// A setting was changed and written to the settings file.
    SettingSaved(crate::config::Key),
    /// A value a setting cannot take.
    BadSetting(crate::config::Key),
    /// A folder typed for a setting cannot be read: nothing changed.
    FolderRefused {
        /// `courses` or `data_dir`.
        key: crate::config::Key,
        /// The folder.
        path: std::path::PathBuf,
        /// Why it cannot be used.
        why: String,
    },
    /// A setting was changed for this session but could not be written.
    SettingNotSaved(String),
    /// A global key was pressed during a quiz attempt.
    FinishQuizFirst,
    /// A broken course was chosen in the library.
    CannotOpenCourse(String),
    /// A watched lesson could not be re-read; the last good version stays.
    NotReloaded(String),
    /// A lesson could not be read.
    CannotOpenLesson(String),
    /// A watched lesson was re-read.
    LessonReloaded,
    /// A lesson opened at the saved page (1-based).
    ResumedAt {
        /// The page, 1-based.
        page: usize,
    },
    /// The course was just completed.
    CourseComplete {
        /// Course title.
        title: String,
        /// Hours credited.
        hours: f64,
    },
    /// Past the last page of a lesson without a quiz.
    EndOfLesson,
    /// A quiz could not be read.
    CannotOpenQuiz(String),
    /// A quiz attempt or scenario run under way was left and discarded.
    Discarded(crate::app::Subject),
    /// A quiz attempt or scenario run under way was left and kept for later.
    KeptForLater(crate::app::Subject),
    /// An attempt was left before its first answer: there was nothing to keep.
    NothingToKeep,
    /// The learner changed.
    LearnerSwitched(String),
    /// A number key with no choice of that number in the scenario.
    NoSuchChoice(usize),
    /// A scenario step was taken back.
    SteppedBack,
    /// `b` at the start of a scenario run.
    NothingToStepBack,
    /// A scenario run under way was continued where it was left.
    RunResumed,
    /// A scenario run reached an ending.
    ScenarioEnded {
        /// Whether the ending passes.
        passed: bool,
    },
    /// A scenario could not be read.
    CannotOpenScenario(String),
    /// The learner's progress file cannot be read; nothing is saved until it is repaired.
    ProgressUnreadable(String),
    /// Quitting waits for a save still under way.
    SavingBeforeQuit,
    /// The learner's record has problems (see `crate::progress::validate`): nothing flagged
    /// is credited and the file is not written over.
    RecordFlagged(Vec<crate::progress::validate::Flag>),
    /// Quitting was called off after a save failed for want of space.
    StayedUnsaved,
    /// The quiz's `max_attempts` are used up.
    NoAttemptsLeft,
    /// The quiz's `retake_after` wait is not over.
    RetakeOpens {
        /// When the next attempt may start.
        at: crate::progress::Stamp,
    },
    /// A search match was opened: its number among the matches.
    SearchMatch {
        /// The match, 1-based.
        n: usize,
        /// How many matches.
        of: usize,
    },
    /// `]` or `[` with no search active.
    NoSearch,
}

/// A hint under a quiz question: what to do before Enter can check the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// Pick-one or true/false with nothing chosen yet.
    ChooseFirst,
    /// Typed answer left empty.
    TypeAnswer,
    /// Order question with items still unpicked.
    PickEveryItem,
    /// Select-all with nothing selected.
    SelectAtLeastOne,
}

/// Where the last quiz attempt stands on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttemptSave {
    /// Being written; not yet durable.
    Saving,
    /// Durable on disk.
    Saved,
    /// Not saved, and why.
    NotSaved(String),
}
