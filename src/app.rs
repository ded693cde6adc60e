//! Application state and `update`: every state change happens here, and no I/O.
//!
//! Keys become [`Msg`]s in [`keys::key_to_msg`]; [`App::update`] changes state and returns
//! [`Effect`]s that the runtime (`crate::runtime`) carries out, feeding results back as
//! messages. That split lets tests drive the whole app without a terminal.

pub mod keys;
pub mod quiz;

use std::sync::Arc;

use ratatui::text::Line;

use crate::course::{Course, Library};
use crate::diagnostic::Diagnostic;
use crate::markdown;
use crate::progress::{Attempt, Progress};
use crate::quiz::Quiz;

pub use quiz::{QuizPhase, QuizState};

/// Widest text column: long lines are hard to read, even on a wide terminal.
pub const MAX_TEXT_WIDTH: u16 = 100;

/// Smallest terminal the layout supports; below it a 'please enlarge' message shows.
pub const MIN_SIZE: (u16, u16) = (40, 10);

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
        started: String,
    },
    /// The store saved (with the merged record) or failed.
    Saved(Result<Progress, String>),
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

/// Work for the runtime: file I/O and leaving.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Read a lesson file.
    LoadLesson {
        /// Course index.
        course: usize,
        /// Lesson index.
        lesson: usize,
        /// Keep the page (watch reload).
        reload: bool,
    },
    /// Read a quiz file.
    LoadQuiz {
        /// Course index.
        course: usize,
        /// Lesson index.
        lesson: usize,
    },
    /// Read the first headings of a course's lessons that have no title in course.toml.
    LoadTitles {
        /// Course index.
        course: usize,
    },
    /// Make an id, seed and start time for a new attempt.
    NewAttempt,
    /// Save the record (the store merges it with what is on disk).
    Save(Box<Progress>),
    /// List the learners in the data folder.
    ListLearners,
    /// Switch to another learner.
    LoadLearner(String),
    /// Watch this lesson file for edits (None: stop watching).
    Watch(Option<std::path::PathBuf>),
    /// Leave the program.
    Quit,
}

/// The screens, each with its own state.
#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    /// All courses.
    Library {
        /// Selected row (courses, then broken courses).
        selected: usize,
    },
    /// One course's lessons.
    Course {
        /// Course index in the library.
        course: usize,
        /// Selected lesson.
        selected: usize,
    },
    /// Reading a lesson.
    Lesson(LessonState),
    /// A quiz: start screen, questions, results.
    Quiz(Box<QuizState>),
    /// This learner's completed courses.
    Record {
        /// Scroll offset.
        scroll: u16,
    },
}

/// The lesson reader's state.
#[derive(Debug, Clone, PartialEq)]
pub struct LessonState {
    /// Course index.
    pub course: usize,
    /// Lesson index.
    pub lesson: usize,
    /// Title (from course.toml or the first heading).
    pub title: String,
    /// Markdown source of each page.
    pub pages: Vec<String>,
    /// Current page, 0-based.
    pub page: usize,
    /// First visible line of the page.
    pub scroll: usize,
    /// The current page rendered at `width`.
    pub lines: Vec<Line<'static>>,
    /// Width `lines` were rendered at.
    pub width: u16,
    /// Still reading the file.
    pub loading: bool,
}

/// Overlays drawn over the screen.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    /// Key help.
    Help,
    /// Leave a quiz attempt (recording nothing)? `quit`: leave the program too.
    ConfirmLeave {
        /// Quit the program rather than go back.
        quit: bool,
    },
    /// Pick or type a learner.
    Learner(LearnerPicker),
    /// A message that must be read (e.g. a broken progress file).
    Notice(String),
}

/// The learner picker: known names plus a field for a new one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LearnerPicker {
    /// Known learners.
    pub names: Vec<String>,
    /// Selected row; `names.len()` is the 'new learner' field.
    pub selected: usize,
    /// Text typed for a new learner.
    pub input: String,
    /// Why the typed name was refused.
    pub error: Option<String>,
}

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
    /// A one-line status message.
    pub status: Option<String>,
    /// Use colours.
    pub color: bool,
    /// Reload lessons on edit.
    pub watch: bool,
    /// Lesson titles read from files, by (course, lesson).
    pub titles: std::collections::HashMap<(usize, usize), String>,
    /// Set once the app should stop.
    pub quitting: bool,
    /// Source of timestamps (a fixed clock in tests).
    pub clock: fn() -> String,
}

impl App {
    /// A new app on the library screen.
    pub fn new(library: Library, learner: &str, progress: Progress) -> Self {
        Self {
            library,
            builtin: false,
            learner: learner.to_string(),
            progress,
            save: SaveState::Saved,
            screen: Screen::Library { selected: 0 },
            history: Vec::new(),
            overlay: None,
            size: (80, 24),
            status: None,
            color: true,
            watch: false,
            titles: std::collections::HashMap::new(),
            quitting: false,
            clock: crate::progress::now_rfc3339,
        }
    }

    /// The course at an index.
    pub fn course(&self, idx: usize) -> Option<&Course> {
        self.library.courses.get(idx)
    }

    /// A lesson's title: course.toml's, else its first heading once read, else from the file name.
    pub fn lesson_title(&self, course: usize, lesson: usize) -> String {
        let Some(l) = self.course(course).and_then(|c| c.lessons.get(lesson)) else {
            return String::new();
        };
        l.title
            .clone()
            .or_else(|| self.titles.get(&(course, lesson)).cloned())
            .unwrap_or_else(|| l.display_title())
    }

    /// Width at which lesson text is wrapped for the current terminal size.
    pub fn text_width(&self) -> u16 {
        self.size.0.saturating_sub(4).clamp(1, MAX_TEXT_WIDTH)
    }

    /// Rows available for lesson text: the screen less the header, lesson title, status line
    /// and footer (see `ui::view`).
    pub fn body_height(&self) -> usize {
        usize::from(self.size.1.saturating_sub(4)).max(1)
    }

    /// Handles one message; returns the effects to carry out.
    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Resize(w, h) => {
                self.size = (w, h);
                self.rewrap();
                return vec![];
            }
            Msg::Saved(result) => {
                self.on_saved(result);
                return vec![];
            }
            Msg::Terminate => return self.quit(),
            Msg::Learners(names) => {
                if let Some(Overlay::Learner(p)) = &mut self.overlay {
                    p.selected = names.iter().position(|n| *n == self.learner).unwrap_or(0);
                    p.names = names;
                }
                return vec![];
            }
            Msg::LearnerLoaded { learner, result } => return self.on_learner(learner, result),
            Msg::LessonLoaded {
                course,
                lesson,
                result,
                reload,
            } => return self.on_lesson_loaded(course, lesson, result, reload),
            Msg::QuizLoaded {
                course,
                lesson,
                result,
            } => return self.on_quiz_loaded(course, lesson, result),
            Msg::AttemptReady { id, seed, started } => {
                if let Screen::Quiz(q) = &mut self.screen {
                    q.begin(id, seed, started);
                }
                return vec![];
            }
            Msg::TitlesLoaded { course, titles } => {
                for (lesson, title) in titles {
                    self.titles.insert((course, lesson), title);
                }
                return vec![];
            }
            Msg::FileChanged => {
                if let Screen::Lesson(l) = &self.screen {
                    return vec![Effect::LoadLesson {
                        course: l.course,
                        lesson: l.lesson,
                        reload: true,
                    }];
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
                self.overlay = Some(Overlay::Help);
                vec![]
            }
            Msg::Quit => {
                if self.in_attempt() {
                    self.overlay = Some(Overlay::ConfirmLeave { quit: true });
                    vec![]
                } else {
                    self.quit()
                }
            }
            Msg::SwitchLearner | Msg::Record if self.in_attempt() => {
                self.status = Some("Finish or leave the quiz first (Esc).".into());
                vec![]
            }
            Msg::SwitchLearner => {
                self.overlay = Some(Overlay::Learner(LearnerPicker::default()));
                vec![Effect::ListLearners]
            }
            Msg::Record if matches!(self.screen, Screen::Record { .. }) => self.back(),
            Msg::Record => {
                self.push(Screen::Record { scroll: 0 });
                vec![]
            }
            msg => self.update_screen(msg),
        }
    }

    fn in_attempt(&self) -> bool {
        matches!(&self.screen, Screen::Quiz(q) if q.in_attempt())
    }

    fn quit(&mut self) -> Vec<Effect> {
        self.quitting = true;
        let mut effects = vec![Effect::Watch(None)];
        // One last try for anything a failed save left only in memory.
        if matches!(self.save, SaveState::Failed(_)) {
            effects.extend(self.save_effect());
        }
        effects.push(Effect::Quit);
        effects
    }

    fn push(&mut self, screen: Screen) {
        let old = std::mem::replace(&mut self.screen, screen);
        self.history.push(old);
    }

    fn back(&mut self) -> Vec<Effect> {
        if let Some(prev) = self.history.pop() {
            self.screen = prev;
            self.refresh_course_selection();
        }
        match &self.screen {
            // Back in a lesson from its quiz: watch its file again.
            Screen::Lesson(l) if self.watch => {
                let path = self
                    .course(l.course)
                    .and_then(|c| c.lessons.get(l.lesson))
                    .map(|l| l.path.clone());
                vec![Effect::Watch(path)]
            }
            Screen::Lesson(_) => vec![],
            _ => vec![Effect::Watch(None)],
        }
    }

    /// After returning to a course screen, keep its selection valid.
    fn refresh_course_selection(&mut self) {
        if let Screen::Course { course, selected } = &mut self.screen {
            let n = self
                .library
                .courses
                .get(*course)
                .map_or(0, |c| c.lessons.len());
            *selected = (*selected).min(n.saturating_sub(1));
        }
    }

    fn update_overlay(&mut self, overlay: Overlay, msg: Msg) -> Vec<Effect> {
        match overlay {
            Overlay::Help | Overlay::Notice(_) => {
                if msg == Msg::Quit && matches!(overlay, Overlay::Help) {
                    return self.update(Msg::Quit);
                }
                vec![]
            }
            Overlay::ConfirmLeave { quit } => match msg {
                Msg::Confirm(true) | Msg::Enter => {
                    if quit {
                        self.quit()
                    } else {
                        self.status = Some("Attempt abandoned: nothing was recorded.".into());
                        self.back()
                    }
                }
                Msg::Confirm(false) | Msg::Back => vec![],
                _ => {
                    self.overlay = Some(Overlay::ConfirmLeave { quit });
                    vec![]
                }
            },
            Overlay::Learner(picker) => self.update_picker(picker, msg),
        }
    }

    fn update_picker(&mut self, mut p: LearnerPicker, msg: Msg) -> Vec<Effect> {
        let on_field = p.selected >= p.names.len();
        match msg {
            Msg::Back => return vec![],
            Msg::Quit => return self.quit(),
            Msg::Up => p.selected = p.selected.saturating_sub(1),
            Msg::Down => p.selected = (p.selected + 1).min(p.names.len()),
            Msg::Input(c)
                if p.input.chars().count() < crate::progress::store::MAX_LEARNER_CHARS =>
            {
                // Typing a name goes to the 'new learner' field wherever the selection was.
                p.selected = p.names.len();
                p.input.push(c);
                p.error = None;
            }
            Msg::Backspace if on_field => {
                p.input.pop();
            }
            Msg::Enter => {
                let name = if on_field {
                    p.input.trim().to_string()
                } else {
                    p.names[p.selected].clone()
                };
                match crate::progress::store::validate_learner(&name) {
                    Ok(()) => return vec![Effect::LoadLearner(name)],
                    Err(e) => p.error = Some(e.to_string()),
                }
            }
            _ => {}
        }
        self.overlay = Some(Overlay::Learner(p));
        vec![]
    }

    fn on_learner(&mut self, learner: String, result: Result<Progress, String>) -> Vec<Effect> {
        self.overlay = None;
        self.learner.clone_from(&learner);
        match result {
            Ok(progress) => {
                self.progress = progress;
                self.save = SaveState::Saved;
                self.status = Some(format!("Learner: {learner}"));
            }
            Err(why) => {
                self.progress = Progress::new(&learner);
                self.save = SaveState::Disabled(why.clone());
                self.overlay = Some(Overlay::Notice(why));
            }
        }
        self.history.clear();
        self.screen = Screen::Library { selected: 0 };
        // Save at once so a new learner appears in the picker from now on.
        let mut effects = vec![Effect::Watch(None)];
        effects.extend(self.save_effect());
        effects
    }

    fn on_saved(&mut self, result: Result<Progress, String>) {
        match result {
            Ok(merged) => {
                self.progress = merged;
                if !matches!(self.save, SaveState::Disabled(_)) {
                    self.save = SaveState::Saved;
                }
            }
            Err(why) => {
                if !matches!(self.save, SaveState::Disabled(_)) {
                    self.save = SaveState::Failed(why);
                }
            }
        }
    }

    /// The effect that saves the record, unless saving is disabled for this learner.
    fn save_effect(&self) -> Vec<Effect> {
        if matches!(self.save, SaveState::Disabled(_)) {
            vec![]
        } else {
            vec![Effect::Save(Box::new(self.progress.clone()))]
        }
    }

    fn update_screen(&mut self, msg: Msg) -> Vec<Effect> {
        match &self.screen {
            Screen::Library { .. } => self.update_library(msg),
            Screen::Course { .. } => self.update_course(msg),
            Screen::Lesson(_) => self.update_lesson(msg),
            Screen::Quiz(_) => self.update_quiz(msg),
            Screen::Record { .. } => self.update_record(msg),
        }
    }

    fn update_record(&mut self, msg: Msg) -> Vec<Effect> {
        if let Screen::Record { scroll } = &mut self.screen {
            match msg {
                Msg::Up => *scroll = scroll.saturating_sub(1),
                Msg::Down => *scroll = scroll.saturating_add(1),
                Msg::Back | Msg::Enter | Msg::Record => return self.back(),
                _ => {}
            }
        }
        vec![]
    }

    fn update_library(&mut self, msg: Msg) -> Vec<Effect> {
        let rows = self.library.courses.len() + self.library.broken.len();
        let Screen::Library { selected } = &mut self.screen else {
            return vec![];
        };
        match msg {
            Msg::Up => *selected = selected.saturating_sub(1),
            Msg::Down => *selected = (*selected + 1).min(rows.saturating_sub(1)),
            Msg::FirstPage => *selected = 0,
            Msg::LastPage => *selected = rows.saturating_sub(1),
            Msg::Enter => {
                let idx = *selected;
                if let Some(course) = self.library.courses.get(idx) {
                    let id = course.id.clone();
                    let first = first_unfinished_lesson(&self.progress, course);
                    let entry = self.progress.courses.entry(id).or_default();
                    let mut effects = vec![Effect::LoadTitles { course: idx }];
                    if entry.first_opened.is_none() {
                        entry.first_opened = Some((self.clock)());
                        effects.extend(self.save_effect());
                    }
                    self.push(Screen::Course {
                        course: idx,
                        selected: first,
                    });
                    return effects;
                }
                if let Some(b) = self.library.broken.get(idx - self.library.courses.len()) {
                    self.status = Some(format!("Cannot open: {}", b.error));
                }
            }
            Msg::Back => {}
            _ => {}
        }
        vec![]
    }

    fn update_course(&mut self, msg: Msg) -> Vec<Effect> {
        let Screen::Course { course, selected } = &mut self.screen else {
            return vec![];
        };
        let (course, n) = (
            *course,
            self.library
                .courses
                .get(*course)
                .map_or(0, |c| c.lessons.len()),
        );
        match msg {
            Msg::Up => *selected = selected.saturating_sub(1),
            Msg::Down => *selected = (*selected + 1).min(n.saturating_sub(1)),
            Msg::FirstPage => *selected = 0,
            Msg::LastPage => *selected = n.saturating_sub(1),
            Msg::Enter => {
                let lesson = *selected;
                if lesson < n {
                    return self.open_lesson(course, lesson);
                }
            }
            Msg::Back => return self.back(),
            _ => {}
        }
        vec![]
    }

    fn open_lesson(&mut self, course: usize, lesson: usize) -> Vec<Effect> {
        let title = self.lesson_title(course, lesson);
        self.push(Screen::Lesson(LessonState {
            course,
            lesson,
            title,
            pages: vec![],
            page: 0,
            scroll: 0,
            lines: vec![],
            width: 0,
            loading: true,
        }));
        let mut effects = vec![Effect::LoadLesson {
            course,
            lesson,
            reload: false,
        }];
        if self.watch {
            let path = self
                .course(course)
                .and_then(|c| c.lessons.get(lesson))
                .map(|l| l.path.clone());
            effects.push(Effect::Watch(path));
        }
        effects
    }

    fn on_lesson_loaded(
        &mut self,
        course: usize,
        lesson: usize,
        result: Result<String, Diagnostic>,
        reload: bool,
    ) -> Vec<Effect> {
        let text = match result {
            Ok(text) => text,
            Err(e) => {
                if reload {
                    self.status = Some(format!("Not reloaded (kept the last good version): {e}"));
                    return vec![];
                }
                // Leave the reader: there is nothing to show.
                if matches!(&self.screen, Screen::Lesson(l) if l.course == course && l.lesson == lesson)
                {
                    self.back();
                }
                self.status = Some(format!("Cannot open lesson: {e}"));
                return vec![];
            }
        };
        if let Some(h) = crate::course::first_heading(&text) {
            self.titles.insert((course, lesson), h);
        }
        let title = self.lesson_title(course, lesson);
        let course_id = self
            .course(course)
            .map(|c| c.id.clone())
            .unwrap_or_default();
        let lesson_id = self
            .course(course)
            .and_then(|c| c.lessons.get(lesson))
            .map(|l| l.id().to_string())
            .unwrap_or_default();
        let saved_page = self
            .progress
            .lesson(&course_id, &lesson_id)
            .map_or(1, |l| l.page.max(1));
        let Screen::Lesson(state) = &mut self.screen else {
            return vec![];
        };
        if state.course != course || state.lesson != lesson {
            return vec![];
        }
        state.pages = markdown::split_pages(&text)
            .into_iter()
            .map(|r| text[r].to_string())
            .collect();
        if state.pages.is_empty() {
            state.pages.push(String::new());
        }
        state.title = title;
        state.loading = false;
        let last = state.pages.len() - 1;
        if reload {
            state.page = state.page.min(last);
            self.status = Some("Lesson reloaded from disk.".into());
        } else {
            state.page = (saved_page - 1).min(last);
            state.scroll = 0;
            if state.page > 0 {
                self.status = Some(format!("Resumed at page {}.", state.page + 1));
            }
        }
        state.width = 0;
        self.rewrap();
        self.record_page_view()
    }

    /// Renders the current page for the current width, keeping the reader's place.
    fn rewrap(&mut self) {
        let width = self.text_width();
        let color = self.color;
        let height = self.body_height();
        if let Screen::Lesson(state) = &mut self.screen {
            if state.loading || state.width == width {
                return;
            }
            let old_total = state.lines.len().max(1);
            let mut lines =
                markdown::render(&state.pages[state.page.min(state.pages.len() - 1)], width);
            if !color {
                markdown::strip_colors(&mut lines);
            }
            // Keep the same fraction of the page above the top line.
            if state.width != 0 {
                state.scroll = state.scroll * lines.len() / old_total;
            }
            state.lines = lines;
            state.width = width;
            state.scroll = state.scroll.min(max_scroll(state.lines.len(), height));
        }
    }

    fn update_lesson(&mut self, msg: Msg) -> Vec<Effect> {
        let height = self.body_height();
        let Screen::Lesson(state) = &mut self.screen else {
            return vec![];
        };
        if state.loading {
            return if msg == Msg::Back {
                self.back()
            } else {
                vec![]
            };
        }
        let last = state.pages.len().saturating_sub(1);
        let target = match msg {
            Msg::Up => {
                state.scroll = state.scroll.saturating_sub(1);
                return vec![];
            }
            Msg::Down => {
                state.scroll = (state.scroll + 1).min(max_scroll(state.lines.len(), height));
                return vec![];
            }
            Msg::NextPage | Msg::Toggle | Msg::Enter if state.page < last => state.page + 1,
            Msg::NextPage | Msg::Toggle | Msg::Enter => return self.finish_lesson(),
            Msg::PrevPage if state.page > 0 => state.page - 1,
            Msg::FirstPage => 0,
            Msg::LastPage => last,
            Msg::Back => return self.back(),
            _ => return vec![],
        };
        if target == state.page {
            return vec![];
        }
        state.page = target;
        state.scroll = 0;
        state.width = 0;
        self.rewrap();
        self.record_page_view()
    }

    /// Records the current page as seen and as the resume point; completes the lesson when due.
    fn record_page_view(&mut self) -> Vec<Effect> {
        let Screen::Lesson(state) = &self.screen else {
            return vec![];
        };
        let (course, lesson, page, total) = (
            state.course,
            state.lesson,
            state.page + 1,
            state.pages.len(),
        );
        let Some((course_id, lesson_id)) = self.ids(course, lesson) else {
            return vec![];
        };
        let now = (self.clock)();
        let entry = self
            .progress
            .courses
            .entry(course_id)
            .or_default()
            .lessons
            .entry(lesson_id)
            .or_default();
        entry.page = page;
        entry.viewed_at = Some(now);
        entry.pages_total = total;
        entry.pages_seen.insert(page);
        self.update_completion(course);
        self.save_effect()
    }

    fn ids(&self, course: usize, lesson: usize) -> Option<(String, String)> {
        let c = self.course(course)?;
        Some((c.id.clone(), c.lessons.get(lesson)?.id().to_string()))
    }

    /// Marks lessons and the course complete when their conditions hold (never un-marks).
    fn update_completion(&mut self, course: usize) {
        let Some(c) = self.library.courses.get(course) else {
            return;
        };
        let now = (self.clock)();
        let mut all = true;
        for l in &c.lessons {
            let done = lesson_done(&self.progress, c, l);
            // Only touch lessons that were opened: an entry means 'started' on screen.
            let lp = self
                .progress
                .courses
                .get_mut(&c.id)
                .and_then(|cp| cp.lessons.get_mut(l.id()));
            match lp {
                Some(lp) if done && lp.completed.is_none() => lp.completed = Some(now.clone()),
                Some(lp) => all &= lp.completed.is_some(),
                None => all = false,
            }
        }
        let cp = self.progress.courses.entry(c.id.clone()).or_default();
        if all && cp.completed.is_none() {
            cp.completed = Some(now);
            cp.completed_version = Some(c.version.clone());
            cp.completed_hours = Some(c.hours);
            self.status = Some(format!("Course complete: {} ({} h).", c.title, c.hours));
        }
    }

    fn finish_lesson(&mut self) -> Vec<Effect> {
        let Screen::Lesson(state) = &self.screen else {
            return vec![];
        };
        let (course, lesson) = (state.course, state.lesson);
        let has_quiz = self
            .course(course)
            .and_then(|c| c.lessons.get(lesson))
            .is_some_and(|l| l.quiz.is_some());
        if has_quiz {
            self.push(Screen::Quiz(Box::new(QuizState::loading(course, lesson))));
            return vec![Effect::Watch(None), Effect::LoadQuiz { course, lesson }];
        }
        self.status = Some("End of lesson.".into());
        let mut effects = self.back();
        if let Screen::Course { selected, .. } = &mut self.screen {
            let n = self
                .library
                .courses
                .get(course)
                .map_or(0, |c| c.lessons.len());
            *selected = (lesson + 1).min(n.saturating_sub(1));
        }
        effects.extend(self.save_effect());
        effects
    }

    fn on_quiz_loaded(
        &mut self,
        course: usize,
        lesson: usize,
        result: Result<Arc<Quiz>, Vec<Diagnostic>>,
    ) -> Vec<Effect> {
        let Screen::Quiz(q) = &mut self.screen else {
            return vec![];
        };
        if q.course != course || q.lesson != lesson {
            return vec![];
        }
        match result {
            Ok(quiz) => {
                let pass = quiz
                    .pass_percent
                    .or_else(|| self.library.courses.get(course).map(|c| c.pass_percent))
                    .unwrap_or(crate::course::DEFAULT_PASS_PERCENT);
                q.set_quiz(quiz, pass);
                vec![]
            }
            Err(errors) => {
                let first = errors.first().map(ToString::to_string).unwrap_or_default();
                self.back();
                self.status = Some(format!("Cannot open quiz: {first}"));
                vec![]
            }
        }
    }

    fn update_quiz(&mut self, msg: Msg) -> Vec<Effect> {
        let Screen::Quiz(q) = &mut self.screen else {
            return vec![];
        };
        match q.update(msg) {
            quiz::Outcome::None => vec![],
            quiz::Outcome::Start => vec![Effect::NewAttempt],
            quiz::Outcome::Leave => {
                if q.in_attempt() {
                    self.overlay = Some(Overlay::ConfirmLeave { quit: false });
                    vec![]
                } else {
                    // Back to the course screen, past the lesson's last page.
                    self.history.pop_if(|s| matches!(s, Screen::Lesson(_)));
                    self.back()
                }
            }
            quiz::Outcome::Finished(attempt) => self.record_attempt(*attempt),
        }
    }

    fn record_attempt(&mut self, mut attempt: Attempt) -> Vec<Effect> {
        let Screen::Quiz(q) = &self.screen else {
            return vec![];
        };
        let course = q.course;
        let Some((course_id, lesson_id)) = self.ids(q.course, q.lesson) else {
            return vec![];
        };
        let c = &self.library.courses[course];
        attempt.course = course_id;
        attempt.lesson = lesson_id;
        attempt.course_version.clone_from(&c.version);
        attempt.quiz = c.lessons[q.lesson]
            .quiz
            .as_ref()
            .and_then(|p| p.strip_prefix(&c.dir).ok())
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        attempt.finished = (self.clock)();
        self.progress.attempts.push(attempt);
        self.update_completion(course);
        self.save_effect()
    }
}

/// Largest useful scroll offset for a page of `lines` in `height` rows.
pub fn max_scroll(lines: usize, height: usize) -> usize {
    lines.saturating_sub(height)
}

/// Whether a lesson is complete: every page seen and its quiz, if any, passed.
pub fn lesson_done(progress: &Progress, course: &Course, lesson: &crate::course::Lesson) -> bool {
    let id = lesson.id();
    let pages = progress.lesson(&course.id, id).is_some_and(|l| {
        l.completed.is_some()
            || (l.pages_total > 0 && (1..=l.pages_total).all(|p| l.pages_seen.contains(&p)))
    });
    pages && (lesson.quiz.is_none() || progress.quiz_passed(&course.id, id))
}

/// Fraction of a course's lessons complete (0.0 to 1.0).
pub fn course_ratio(progress: &Progress, course: &Course) -> f64 {
    if progress
        .courses
        .get(&course.id)
        .is_some_and(|c| c.completed.is_some())
    {
        return 1.0;
    }
    let done = course
        .lessons
        .iter()
        .filter(|l| lesson_done(progress, course, l))
        .count();
    #[allow(clippy::cast_precision_loss)]
    let ratio = done as f64 / course.lessons.len().max(1) as f64;
    ratio
}

/// The first lesson not yet complete (or 0), where the course screen starts.
fn first_unfinished_lesson(progress: &Progress, course: &Course) -> usize {
    course
        .lessons
        .iter()
        .position(|l| !lesson_done(progress, course, l))
        .unwrap_or(0)
}
