//! The screens: each owns its state and an `update(&mut self, &Ctx, Msg) -> Outcome`.
//!
//! A screen changes only its own state; anything beyond it (opening another screen, recording
//! progress, effects, notices) it asks for in its [`Outcome`], which `App` carries out. A new
//! screen is one new file here plus one arm in [`Screen`] (and its view in `crate::ui`).

pub mod course;
pub mod lesson;
pub mod library;
pub mod picker;
pub mod quiz;
pub mod record;
pub mod scenario;
pub mod settings;

use std::collections::HashMap;

use crate::app::{Effect, Msg, Notice};
use crate::course::{Course, Library};
use crate::progress::{Attempt, Progress};

pub use course::CourseState;
pub use lesson::LessonState;
pub use library::LibraryState;
pub use picker::LearnerPicker;
pub use quiz::{QuizPhase, QuizState};
pub use record::RecordState;
pub use scenario::{ScenarioPhase, ScenarioState};
pub use settings::SettingsState;

/// Widest text column by default: long lines are hard to read, even on a wide terminal
/// (`reading_width` in the settings file changes it).
pub const MAX_TEXT_WIDTH: u16 = 100;

/// What a screen may read while it updates: the app's shared state, read-only, and the time.
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    /// The loaded courses.
    pub library: &'a Library,
    /// The learner's record.
    pub progress: &'a Progress,
    /// Lesson titles read from files, by (course, lesson).
    pub titles: &'a HashMap<(usize, usize), String>,
    /// The current learner.
    pub learner: &'a str,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// The learner's settings (theme, reading width, ...).
    pub settings: &'a crate::config::Settings,
    /// Whether `--watch` is on.
    pub watch: bool,
    /// The time of this message (read once at the edge).
    pub now: &'a jiff::Zoned,
    /// Required courses and the roster.
    pub duties: &'a crate::compliance::Duties,
}

impl Ctx<'_> {
    /// Library rows in display order: required courses first (see
    /// [`crate::compliance::Duties::library_order`]).
    #[must_use]
    pub fn library_order(&self) -> Vec<usize> {
        self.duties
            .library_order(self.learner, self.progress, self.library, self.now.date())
    }

    /// The course at an index.
    #[must_use]
    pub fn course(&self, idx: usize) -> Option<&Course> {
        self.library.courses.get(idx)
    }

    /// A lesson's title: course.toml's, else its first heading once read, else from the file
    /// name.
    #[must_use]
    pub fn lesson_title(&self, course: usize, lesson: usize) -> String {
        lesson_title(self.library, self.titles, course, lesson)
    }

    /// (course id, lesson id) for indices.
    #[must_use]
    pub fn ids(&self, course: usize, lesson: usize) -> Option<(String, String)> {
        let c = self.course(course)?;
        Some((c.id.clone(), c.lessons.get(lesson)?.id().to_string()))
    }

    /// Width at which lesson text is wrapped for the current terminal size.
    #[must_use]
    pub fn text_width(&self) -> u16 {
        text_width(self.size, self.settings.reading_width)
    }

    /// Rows left for a screen's body below `reserved` rows of bars and titles.
    #[must_use]
    pub fn rows_below(&self, reserved: u16) -> usize {
        usize::from(self.size.1.saturating_sub(reserved)).max(1)
    }
}

/// Width at which text is wrapped for a terminal size and the reading width chosen.
#[must_use]
pub fn text_width(size: (u16, u16), reading_width: u16) -> u16 {
    size.0.saturating_sub(4).clamp(1, reading_width.max(1))
}

/// A lesson's title: course.toml's, else its first heading once read, else from the file name.
#[must_use]
#[allow(clippy::implicit_hasher)] // One map type, built by App.
pub fn lesson_title(
    library: &Library,
    titles: &HashMap<(usize, usize), String>,
    course: usize,
    lesson: usize,
) -> String {
    let Some(l) = library
        .courses
        .get(course)
        .and_then(|c| c.lessons.get(lesson))
    else {
        return String::new();
    };
    l.title
        .clone()
        .or_else(|| titles.get(&(course, lesson)).cloned())
        .unwrap_or_else(|| l.display_title())
}

/// What the app should do beyond the screen's own state.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Open a screen on top of this one.
    Push(Screen),
    /// Return to the previous screen.
    Back,
    /// Carry out these effects.
    Run(Vec<Effect>),
    /// Open a course (records when it was first opened).
    OpenCourse(usize),
    /// Open a lesson in the reader.
    OpenLesson {
        /// Course index.
        course: usize,
        /// Lesson index.
        lesson: usize,
    },
    /// A page is on screen: record it as seen and as the resume point.
    PageViewed {
        /// Course index.
        course: usize,
        /// Lesson index.
        lesson: usize,
        /// The page, 1-based.
        page: usize,
        /// Pages in the lesson.
        total: usize,
    },
    /// Past the lesson's last page: on to its quiz, or back to the course.
    LessonFinished {
        /// Course index.
        course: usize,
        /// Lesson index.
        lesson: usize,
    },
    /// A page turned onto a knowledge check: record the page, then open the check on top.
    OpenCheck {
        /// Course index.
        course: usize,
        /// Lesson index.
        lesson: usize,
        /// The check's index in the lesson's checks.
        check: usize,
        /// The page turned to, 1-based.
        page: usize,
        /// Pages in the lesson.
        total: usize,
    },
    /// Ask the runtime for a new quiz attempt.
    StartAttempt,
    /// Leave the quiz (asks first during an attempt).
    LeaveQuiz,
    /// Record a finished attempt.
    AttemptFinished(Box<Attempt>),
    /// Save an attempt under way (after each answer); the app fills in course and lesson.
    SaveInProgress(Box<crate::progress::InProgress>),
    /// Record a scenario run that reached an ending.
    RunFinished {
        /// The run, at its ending.
        run: Box<crate::scenario::Run>,
        /// When it started.
        started: crate::progress::Stamp,
    },
    /// Keep a scenario run under way in the record and save it (after each choice and step
    /// back); the app fills in its active time.
    SaveRun(Box<crate::scenario::RunInProgress>),
    /// A saved run under way continues: its active time carries on from what was saved.
    ResumeRun(Box<crate::scenario::RunInProgress>),
    /// Discard the scenario run under way with this id (a tombstone) and save.
    DiscardRun(String),
    /// Discard the quiz attempt under way with this id (the start screen's `d`, confirmed).
    DiscardAttempt(String),
    /// Leave the scenario: on to the lesson's quiz (`go_on`, when it has one) or back to the
    /// course.
    ScenarioDone {
        /// Continue to the quiz rather than back to the course.
        go_on: bool,
    },
    /// Switch to this learner.
    SwitchTo(String),
    /// Check that a folder typed for a setting can be read, then change it as
    /// [`Action::ChangeSetting`] does (or say why not).
    CheckFolder {
        /// The settings with the change made.
        settings: Box<crate::config::Settings>,
        /// `courses` or `data_dir`.
        key: crate::config::Key,
        /// The folder as it will be read (relative to the settings file's folder).
        path: std::path::PathBuf,
    },
    /// Use these settings from now on and write this one of them to the settings file.
    ChangeSetting {
        /// The settings with the change made.
        settings: Box<crate::config::Settings>,
        /// The setting changed.
        key: crate::config::Key,
    },
    /// Quit the program.
    Quit,
}

/// A screen's answer to a message: an action for the app and a notice for the learner.
#[must_use]
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Outcome {
    /// What the app should do, if anything.
    pub action: Option<Action>,
    /// A notice to show.
    pub notice: Option<Notice>,
}

impl Outcome {
    /// Nothing beyond the screen's own state.
    pub fn none() -> Self {
        Self::default()
    }

    /// An action for the app.
    pub fn act(action: Action) -> Self {
        Self {
            action: Some(action),
            notice: None,
        }
    }

    /// A notice only.
    pub fn say(notice: Notice) -> Self {
        Self {
            action: None,
            notice: Some(notice),
        }
    }

    /// This outcome with a notice.
    pub fn with(mut self, notice: Notice) -> Self {
        self.notice = Some(notice);
        self
    }
}

/// The screens, each with its own state.
#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    /// All courses.
    Library(LibraryState),
    /// One course's lessons.
    Course(CourseState),
    /// Reading a lesson.
    Lesson(LessonState),
    /// A quiz: start screen, questions, results.
    Quiz(Box<QuizState>),
    /// This learner's completed courses.
    Record(RecordState),
    /// A branching scenario: situation, consequence, debrief.
    Scenario(Box<ScenarioState>),
    /// The settings: theme, reading width, default learner, folders.
    Settings(SettingsState),
}

impl Screen {
    /// Routes a message to the screen's own update.
    pub fn update(&mut self, ctx: &Ctx, msg: Msg) -> Outcome {
        // Only the reader scrolls a page before turning it; elsewhere PageDown is next.
        let msg = match (&*self, msg) {
            // The quiz scrolls its feedback a page first too (quiz.rs).
            // So does the scenario player its text (scenario.rs).
            (Screen::Lesson(_) | Screen::Quiz(_) | Screen::Scenario(_), msg) => msg,
            (_, Msg::PageDown) => Msg::NextPage,
            (_, msg) => msg,
        };
        match self {
            Screen::Library(s) => s.update(ctx, msg),
            Screen::Course(s) => s.update(ctx, msg),
            Screen::Lesson(s) => s.update(ctx, msg),
            Screen::Quiz(s) => s.update(ctx, msg),
            Screen::Record(s) => s.update(ctx, msg),
            Screen::Scenario(s) => s.update(ctx, msg),
            Screen::Settings(s) => s.update(ctx, msg),
        }
    }

    /// Whether leaving this screen would lose work (a quiz attempt under way).
    #[must_use]
    pub fn in_attempt(&self) -> bool {
        match self {
            Screen::Quiz(q) => q.in_attempt(),
            Screen::Scenario(s) => s.in_run(),
            _ => false,
        }
    }
}
