//! Effects: work for the runtime (file I/O, leaving). Each carries the values it needs, so
//! the runtime never reads the app's state.

use std::path::PathBuf;

use crate::progress::Progress;

/// Work for the runtime: file I/O and leaving.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Read a lesson file.
    LoadLesson {
        /// Course index.
        course: usize,
        /// Lesson index.
        lesson: usize,
        /// The lesson file.
        path: PathBuf,
        /// Keep the page (watch reload).
        reload: bool,
    },
    /// Read and validate a scenario file.
    LoadScenario {
        /// Course index.
        course: usize,
        /// Lesson index.
        lesson: usize,
        /// The scenario file.
        path: PathBuf,
    },
    /// Read a quiz file.
    LoadQuiz {
        /// Course index.
        course: usize,
        /// Lesson index.
        lesson: usize,
        /// The quiz file.
        path: PathBuf,
    },
    /// Read the first headings of lessons that have no title in course.toml.
    LoadTitles {
        /// Course index.
        course: usize,
        /// (lesson index, lesson file) for each lesson without a title.
        lessons: Vec<(usize, PathBuf)>,
    },
    /// Read the attempt rules (`max_attempts`, `retake_after`) of a course's quizzes.
    LoadQuizRules {
        /// Course index.
        course: usize,
        /// (lesson index, quiz file) for each lesson with a quiz.
        quizzes: Vec<(usize, PathBuf)>,
    },
    /// Build the search index over these lesson files, in the background where possible.
    BuildIndex {
        /// (course index, lesson index, lesson file) for every lesson with pages.
        lessons: Vec<(usize, usize, PathBuf)>,
    },
    /// Make an id, seed and start time for a new attempt.
    NewAttempt,
    /// Save the record (the store merges it with what is on disk).
    Save {
        /// The whole in-memory record.
        progress: Box<Progress>,
        /// Sequence number: a later save holds everything an earlier one did.
        seq: u64,
        /// Write at once (a quiz attempt) rather than waiting to coalesce (a page position).
        urgent: bool,
    },
    /// List the learners in the data folder.
    ListLearners,
    /// See whether a folder typed on the Settings screen can be read.
    CheckFolder {
        /// The settings with the change made, applied when it can.
        settings: Box<crate::config::Settings>,
        /// `courses` or `data_dir`.
        key: crate::config::Key,
        /// The folder.
        path: PathBuf,
    },
    /// Write one setting to the settings file.
    SaveSetting {
        /// The settings file (`None`: there is no settings folder).
        path: Option<PathBuf>,
        /// The setting.
        key: crate::config::Key,
        /// Its new value.
        value: crate::config::settings::Value,
    },
    /// Switch to another learner, first saving the current one's record.
    LoadLearner {
        /// The learner to switch to.
        name: String,
        /// The current learner's record, saved before switching (when saving works).
        keep: Box<Progress>,
        /// Sequence number of that save.
        seq: u64,
    },
    /// Watch this lesson file for edits (None: stop watching).
    Watch(Option<PathBuf>),
    /// Leave the program.
    Quit,
}
