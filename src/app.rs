//! Application state and routing: every state change happens in `update`, and no I/O.
//!
//! Keys become [`Msg`]s in `crate::keymap::key_to_msg`; [`App::update`] routes each message to the
//! overlay or the current screen (see [`screens`]), carries out what the screen asks for in
//! its [`Outcome`], and returns [`Effect`]s that the runtime (`crate::runtime`) carries out,
//! feeding results back as messages. That split lets tests drive the whole app without a
//! terminal, and lets two front ends (the TUI and the screen-reader mode) share it.

pub mod active;
mod attempts;
pub mod completion;
pub mod effect;
mod learning;
pub mod lesson_status;
pub mod msg;
mod nav;
pub mod notice;
mod overlay;
mod runs;
pub mod screens;
pub mod search;
mod setting;
mod under_way;

use std::collections::HashMap;

use crate::course::{Course, Library};
use crate::progress::Progress;

pub use completion::{course_ratio, lesson_done};
pub use effect::Effect;
pub use msg::{Msg, SaveFailure};
pub use notice::{AttemptSave, Hint, Notice};
pub use overlay::{Overlay, Subject};
pub use screens::lesson::max_scroll;
pub use screens::{
    Action, CourseState, Ctx, LearnerPicker, LessonState, LibraryState, MAX_TEXT_WIDTH, Outcome,
    QuizPhase, QuizState, RecordState, ScenarioPhase, ScenarioState, Screen, SettingsState,
};

/// Smallest terminal the layout supports; below it a 'please enlarge' message shows.
pub const MIN_SIZE: (u16, u16) = (40, 10);

/// Whether saving works for the current learner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Everything shown is on disk.
    Saved,
    /// The last save failed; the record stays in memory and the next save retries.
    Failed(String),
    /// The learner's file is unreadable: nothing is saved until it is repaired.
    Disabled(String),
}

/// The whole application state.
#[derive(Debug, Clone)]
#[allow(clippy::struct_excessive_bools)] // Independent switches (built-in courses, colour, watch…).
pub struct App {
    /// The loaded courses.
    pub library: Library,
    /// Whether the courses are the built-in copy.
    pub builtin: bool,
    /// Current learner.
    pub learner: String,
    /// The learner's record (in memory; saved through effects).
    pub progress: Progress,
    /// Save status.
    pub save: SaveState,
    /// The current screen.
    pub screen: Screen,
    /// Screens to return to with Esc.
    pub history: Vec<Screen>,
    /// Overlay, if any.
    pub overlay: Option<Overlay>,
    /// Terminal size.
    pub size: (u16, u16),
    /// A one-line notice (words from `crate::text`).
    pub status: Option<Notice>,
    /// The learner's settings: theme, reading width, ... (see [`crate::config::Settings`]).
    pub settings: crate::config::Settings,
    /// Whether the settings file exists (read at start; set once a setting is written).
    pub settings_file_exists: bool,
    /// Every problem found in the settings files at start, listed on the Settings screen.
    pub settings_warnings: Vec<crate::config::Warning>,
    /// Reload lessons on edit.
    pub watch: bool,
    /// Lesson titles read from files, by (course, lesson).
    pub titles: HashMap<(usize, usize), String>,
    /// Attempt rules of quizzes read so far, by (course, lesson).
    pub quiz_rules: HashMap<(usize, usize), crate::domain::attempts::Rule>,
    /// Set once the app should stop.
    pub quitting: bool,
    /// The time of the last message (read at the edge and passed to `update`).
    pub now: jiff::Zoned,
    /// Required courses and the roster (empty without `requirements.toml`).
    pub duties: crate::compliance::Duties,
    /// Sequence number of the last save asked for.
    pub save_sent: u64,
    /// Sequence number of the last save reported (written or failed).
    pub save_done: u64,
    /// Sequence number of the save that carries the last quiz attempt.
    pub attempt_seq: u64,
    /// Saves numbered below this belong to an earlier learner: their reports are ignored.
    pub learner_seq: u64,
    /// Sequence number of the last save written successfully.
    pub saved_ok: u64,
    /// Leave even if the last save fails (a signal, or the learner said so).
    pub force_quit: bool,
    /// The search across every course: index, query, matches.
    pub search: search::Search,
    /// Time on task credited in this session (see [`active`]).
    pub active: active::ActiveTime,
}

/// A time as the progress model stores it (to the millisecond, with its offset).
#[must_use]
pub fn stamp(now: &jiff::Zoned) -> crate::progress::Stamp {
    crate::progress::Stamp::from_zoned(now)
}

impl App {
    /// A new app on the library screen.
    #[must_use]
    pub fn new(library: Library, learner: &str, progress: Progress) -> Self {
        Self {
            library,
            builtin: false,
            learner: learner.to_string(),
            progress,
            save: SaveState::Saved,
            screen: Screen::Library(LibraryState::resuming()),
            history: Vec::new(),
            overlay: None,
            size: (80, 24),
            status: None,
            settings: crate::config::Settings::default(),
            settings_file_exists: false,
            settings_warnings: Vec::new(),
            watch: false,
            titles: HashMap::new(),
            quiz_rules: HashMap::new(),
            quitting: false,
            now: jiff::Zoned::default(),
            duties: crate::compliance::Duties::default(),
            save_sent: 0,
            save_done: 0,
            attempt_seq: 0,
            learner_seq: 0,
            saved_ok: 0,
            force_quit: false,
            search: search::Search::default(),
            active: active::ActiveTime::new(active::new_session_id()),
        }
    }

    /// Checks the learner's record as of `now` (see [`crate::progress::validate`]). A
    /// record with problems is shown with a notice that says what is wrong; nothing flagged
    /// is credited on screen, and the file is never written over (saving stops until it is
    /// repaired).
    pub fn check_record(&mut self, now: crate::progress::Stamp) {
        use crate::progress::validate;
        let findings = validate::check(&self.progress, Some(&self.learner), now);
        if findings.is_empty() {
            return;
        }
        let mut flags: Vec<validate::Flag> = findings.record.clone();
        flags.extend(findings.courses.values().flatten());
        flags.extend(findings.attempts.values().flatten());
        flags.extend(findings.runs.values().flatten());
        flags.sort_unstable();
        flags.dedup();
        self.progress = validate::credible(&self.progress, &findings);
        self.save = SaveState::Disabled(crate::text::record_flagged_short());
        self.overlay = Some(Overlay::Notice(Notice::RecordFlagged(flags)));
    }

    /// Where the last quiz attempt stands on disk: it counts as saved only once written.
    #[must_use]
    pub fn attempt_save(&self) -> AttemptSave {
        match &self.save {
            SaveState::Disabled(why) => AttemptSave::NotSaved(why.clone()),
            _ if self.save_done < self.attempt_seq => AttemptSave::Saving,
            SaveState::Failed(why) => AttemptSave::NotSaved(why.clone()),
            SaveState::Saved => AttemptSave::Saved,
        }
    }

    /// Whether a save asked for has not been reported yet.
    #[must_use]
    pub fn save_pending(&self) -> bool {
        self.save_done < self.save_sent
    }

    /// The course at an index.
    #[must_use]
    pub fn course(&self, idx: usize) -> Option<&Course> {
        self.library.courses.get(idx)
    }

    /// A lesson's title: course.toml's, else its first heading once read, else from the file name.
    #[must_use]
    pub fn lesson_title(&self, course: usize, lesson: usize) -> String {
        screens::lesson_title(&self.library, &self.titles, course, lesson)
    }

    /// Width at which lesson text is wrapped for the current terminal size.
    #[must_use]
    pub fn text_width(&self) -> u16 {
        screens::text_width(self.size, self.settings.reading_width)
    }

    /// What screens may read while they update.
    #[must_use]
    pub fn ctx(&self) -> Ctx<'_> {
        Ctx {
            library: &self.library,
            progress: &self.progress,
            titles: &self.titles,
            learner: &self.learner,
            size: self.size,
            settings: &self.settings,
            watch: self.watch,
            now: &self.now,
            duties: &self.duties,
        }
    }

    /// The context and the current screen, borrowed apart so the screen can update.
    fn split(&mut self) -> (Ctx<'_>, &mut Screen) {
        (
            Ctx {
                library: &self.library,
                progress: &self.progress,
                titles: &self.titles,
                learner: &self.learner,
                size: self.size,
                settings: &self.settings,
                watch: self.watch,
                now: &self.now,
                duties: &self.duties,
            },
            &mut self.screen,
        )
    }

    /// Handles one message at time `now`; returns the effects to carry out.
    #[must_use]
    pub fn update(&mut self, msg: Msg, now: &jiff::Zoned) -> Vec<Effect> {
        self.now = now.clone();
        // Results of effects and outside events: not keys, so no overlay sees them.
        match msg {
            Msg::Resize(w, h) => {
                self.size = (w, h);
                return self.route(msg);
            }
            Msg::Saved { seq, result } => {
                self.on_saved(seq, result);
                return vec![];
            }
            Msg::Terminate => {
                self.force_quit = true;
                // A scenario run under way is kept with its time since the last choice.
                let mut effects = self.keep_run_on_screen();
                effects.extend(self.quit());
                return effects;
            }
            msg @ (Msg::SettingSaved { .. } | Msg::FolderChecked { .. }) => {
                return self.on_setting(msg);
            }
            Msg::Gap(gap) => return self.on_gap(gap),
            Msg::Learners(_) => {
                if let Some(Overlay::Learner(mut p)) = self.overlay.take() {
                    let outcome = p.update(&self.ctx(), msg);
                    self.overlay = Some(Overlay::Learner(p));
                    return self.apply(outcome);
                }
                return vec![];
            }
            Msg::LearnerLoaded { learner, result } => return self.on_learner(learner, result),
            Msg::LessonLoaded {
                course,
                lesson,
                ref result,
                reload,
            } => {
                if let Ok(text) = result
                    && let Some(h) = crate::course::first_heading(text)
                {
                    self.titles.insert((course, lesson), h);
                }
                let here = matches!(&self.screen,
                    Screen::Lesson(l) if l.course == course && l.lesson == lesson);
                if !here {
                    if let Err(e) = result
                        && !reload
                    {
                        self.status = Some(Notice::CannotOpenLesson(e.to_string()));
                    }
                    return vec![];
                }
                return self.route(msg);
            }
            Msg::QuizLoaded {
                course,
                lesson,
                result: Ok(ref quiz),
            } => {
                // The quiz as read now: its rules may have changed since the course opened.
                let rule = crate::domain::attempts::Rule::of(quiz);
                self.quiz_rules.insert((course, lesson), rule);
                let mut effects = if self.fill_answer_ids(course, lesson, quiz) > 0 {
                    self.save_effect(false)
                } else {
                    vec![]
                };
                effects.extend(self.route(msg));
                return effects;
            }
            Msg::QuizLoaded { .. }
            | Msg::ScenarioLoaded { .. }
            | Msg::AttemptReady { .. }
            | Msg::FileChanged => {
                return self.route(msg);
            }
            Msg::QuizRulesLoaded { course, quizzes } => {
                let mut filled = 0;
                for (lesson, quiz) in quizzes {
                    let rule = crate::domain::attempts::Rule::of(&quiz);
                    self.quiz_rules.insert((course, lesson), rule);
                    filled += self.fill_answer_ids(course, lesson, &quiz);
                }
                return if filled > 0 {
                    self.save_effect(false)
                } else {
                    vec![]
                };
            }
            Msg::IndexBuilt { index, titles } => return self.index_built(index, titles),
            Msg::TitlesLoaded { course, titles } => {
                for (lesson, title) in titles {
                    self.titles.insert((course, lesson), title);
                }
                return vec![];
            }
            _ => {}
        }
        if let Some(overlay) = self.overlay.take() {
            return self.update_overlay(overlay, msg);
        }
        self.status = None;
        match msg {
            Msg::Help => {
                self.overlay = Some(Overlay::Help { scroll: 0 });
                vec![]
            }
            Msg::Quit => self.quit_or_confirm(),
            Msg::SwitchLearner
            | Msg::Record
            | Msg::Settings
            | Msg::Search
            | Msg::NextMatch
            | Msg::PrevMatch
                if self.screen.in_attempt() =>
            {
                self.status = Some(Notice::FinishQuizFirst);
                vec![]
            }
            Msg::SwitchLearner => {
                self.overlay = Some(Overlay::Learner(LearnerPicker::default()));
                vec![Effect::ListLearners]
            }
            Msg::Settings if matches!(self.screen, Screen::Settings(_)) => self.back(),
            Msg::Settings => {
                self.push(Screen::Settings(SettingsState::default()));
                vec![]
            }
            Msg::Search => self.open_search(),
            Msg::NextMatch => self.step_match(true),
            Msg::PrevMatch => self.step_match(false),
            Msg::Outline => self.open_outline(),
            Msg::Record if matches!(self.screen, Screen::Record(_)) => self.back(),
            Msg::Record => {
                self.push(Screen::Record(RecordState::default()));
                vec![]
            }
            msg => self.route(msg),
        }
    }

    /// Lets the current screen handle a message, then does what it asks.
    pub(super) fn route(&mut self, msg: Msg) -> Vec<Effect> {
        let (ctx, screen) = self.split();
        let outcome = screen.update(&ctx, msg);
        self.apply(outcome)
    }

    /// Carries out a screen's outcome: the notice first, so an action may replace it.
    fn apply(&mut self, outcome: Outcome) -> Vec<Effect> {
        if let Some(n) = outcome.notice {
            self.status = Some(n);
        }
        let Some(action) = outcome.action else {
            return vec![];
        };
        match action {
            Action::Push(screen) => {
                self.push(screen);
                vec![]
            }
            Action::Back => self.back(),
            Action::Run(effects) => effects,
            Action::OpenCourse(idx) => self.open_course(idx),
            Action::OpenLesson { course, lesson } => self.open_lesson(course, lesson),
            Action::PageViewed {
                course,
                lesson,
                page,
                total,
            } => self.page_viewed(course, lesson, page, total),
            Action::LessonFinished { course, lesson } => self.finish_lesson(course, lesson),
            Action::OpenCheck {
                course,
                lesson,
                check,
                page,
                total,
            } => self.open_check(course, lesson, check, page, total),
            Action::StartAttempt => vec![Effect::NewAttempt],
            // A knowledge check returns to the page it was opened on, asking nothing.
            Action::LeaveQuiz if matches!(&self.screen, Screen::Quiz(q) if q.check.is_some()) => {
                self.back()
            }
            Action::LeaveQuiz => {
                if self.screen.in_attempt() {
                    self.ask_leave(false);
                    vec![]
                } else {
                    // Back to the course screen, past the lesson's last page; after the
                    // results, with the next lesson selected.
                    let done = match &self.screen {
                        Screen::Quiz(q) if matches!(q.phase, QuizPhase::Results(_)) => {
                            Some((q.course, q.lesson))
                        }
                        _ => None,
                    };
                    self.history.pop_if(|s| matches!(s, Screen::Lesson(_)));
                    match done {
                        Some((course, lesson)) => self.back_past_lesson(course, lesson),
                        None => self.back(),
                    }
                }
            }
            Action::AttemptFinished(attempt) => self.record_attempt(*attempt),
            Action::SaveInProgress(attempt) => self.save_in_progress(*attempt),
            Action::RunFinished { run, started } => self.record_run(&run, started),
            Action::ScenarioDone { go_on } => self.scenario_done(go_on),
            Action::SaveRun(run) => self.save_run(*run),
            Action::ResumeRun(run) => self.resume_run(&run),
            Action::DiscardRun(id) => self.discard_run_id(&id),
            Action::DiscardAttempt(id) => self.discard_attempt_id(&id),
            Action::SwitchTo(name) => {
                self.save_sent += 1;
                vec![Effect::LoadLearner {
                    name,
                    keep: Box::new(self.progress.clone()),
                    seq: self.save_sent,
                }]
            }
            Action::CheckFolder {
                settings,
                key,
                path,
            } => vec![Effect::CheckFolder {
                settings,
                key,
                path,
            }],
            Action::ChangeSetting { settings, key } => {
                self.settings = *settings;
                self.settings
                    .value(key)
                    .map(|value| Effect::SaveSetting {
                        path: self.settings.path.clone(),
                        key,
                        value,
                    })
                    .into_iter()
                    .collect()
            }
            Action::Quit => self.quit(),
        }
    }
}
