//! Carries out the app's effects: file reads, saves, learner switches. No terminal here, so
//! tests drive the whole app through [`drive`].

use std::path::PathBuf;
use std::sync::Arc;

pub mod gaps;
pub mod saver;

use crate::app::msg::SaveFailure;
use crate::app::{App, Effect, Msg};
use crate::course::read_text_file;
use crate::progress::store::{self, Store};
use crate::quiz::load_quiz;

/// Something that watches a lesson file and reports edits (see `--watch`); dropping it
/// stops the watch.
pub trait Watcher: Send {}

impl Watcher for crate::watch::Watcher {}

/// Starts watching a file; calls the callback on each edit.
pub type WatchFn = Box<dyn FnMut(&std::path::Path) -> Option<Box<dyn Watcher>> + Send>;

/// Sends a message to the event loop from any thread.
pub type Post = Arc<dyn Fn(Msg) + Send + Sync>;

/// State the effects need: where progress goes, and the current watcher.
pub struct Runtime {
    /// The data folder.
    pub data_dir: PathBuf,
    /// The current learner's store.
    pub store: Option<Store>,
    /// Starts a watcher for a lesson file, when `--watch` is on.
    pub watch_fn: Option<WatchFn>,
    /// Source of shuffle seeds (seeded in tests for repeatable screens).
    pub rng: fastrand::Rng,
    /// The clock (a fixed one in tests); read only here, at the edge.
    pub clock: fn() -> jiff::Zoned,
    /// The save worker; without one (tests), saves are written before `perform` returns.
    pub saver: Option<saver::Saver>,
    /// Sends a message to the event loop from another thread; without it (tests, the
    /// screen-reader mode) background work such as the search index is done before `perform`
    /// returns.
    pub post: Option<Post>,
    /// The gaps between inputs (time on task), from a monotonic clock.
    pub gaps: gaps::Gaps,
    /// The active watcher, dropped to stop watching.
    watcher: Option<Box<dyn Watcher>>,
}

impl std::fmt::Debug for Runtime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runtime")
            .field("data_dir", &self.data_dir)
            .field("store", &self.store)
            .finish_non_exhaustive()
    }
}

impl Runtime {
    /// A runtime saving to `store` (None: saving disabled) in `data_dir`.
    pub fn new(data_dir: PathBuf, store: Option<Store>) -> Self {
        Self {
            data_dir,
            store,
            watch_fn: None,
            rng: fastrand::Rng::new(),
            clock: jiff::Zoned::now,
            saver: None,
            post: None,
            gaps: gaps::Gaps::new(gaps::DEFAULT_MAX_GAP),
            watcher: None,
        }
    }

    /// Carries out one effect; returns the message that reports its result, if any.
    pub fn perform(&mut self, effect: Effect) -> Option<Msg> {
        match effect {
            Effect::LoadLesson {
                course,
                lesson,
                path,
                reload,
            } => Some(Msg::LessonLoaded {
                course,
                lesson,
                result: read_text_file(&path),
                reload,
            }),
            Effect::LoadScenario {
                course,
                lesson,
                path,
            } => Some(Msg::ScenarioLoaded {
                course,
                lesson,
                result: crate::scenario::load_scenario(&path).map(Arc::new),
            }),
            Effect::LoadQuiz {
                course,
                lesson,
                path,
            } => Some(Msg::QuizLoaded {
                course,
                lesson,
                result: load_quiz(&path).map(Arc::new),
            }),
            Effect::LoadTitles { course, lessons } => {
                let titles = lessons
                    .into_iter()
                    .filter_map(|(i, path)| {
                        let text = read_text_file(&path).ok()?;
                        Some((i, crate::course::first_heading(&text)?))
                    })
                    .collect();
                Some(Msg::TitlesLoaded { course, titles })
            }
            Effect::LoadQuizRules { course, quizzes } => {
                let quizzes = quizzes
                    .into_iter()
                    .filter_map(|(i, path)| Some((i, Arc::new(load_quiz(&path).ok()?))))
                    .collect();
                Some(Msg::QuizRulesLoaded { course, quizzes })
            }
            Effect::BuildIndex { lessons } => {
                let Some(post) = self.post.clone() else {
                    return Some(build_index(&lessons));
                };
                // Reading every lesson can take a while on a large library: the frame for the
                // key that asked shows 'indexing…' meanwhile.
                let spawned = std::thread::Builder::new()
                    .name("rollcall-index".into())
                    .spawn(move || post(build_index(&lessons)));
                spawned.is_err().then(|| build_index(&[]))
            }
            Effect::NewAttempt => Some(Msg::AttemptReady {
                id: uuid::Uuid::new_v4().to_string(),
                seed: self.rng.u64(..),
                started: crate::app::stamp(&(self.clock)()),
            }),
            Effect::Save {
                progress,
                seq,
                urgent,
            } => {
                let store = self.store.as_ref()?;
                if let Some(saver) = &mut self.saver {
                    // The worker reports when the record is on disk.
                    return (!saver.save(store.clone(), progress, seq, urgent)).then(|| {
                        Msg::Saved {
                            seq,
                            result: Err(SaveFailure::other("the save thread stopped")),
                        }
                    });
                }
                let result = store.save(&progress).map_err(|e| (&e).into());
                Some(Msg::Saved { seq, result })
            }
            Effect::CheckFolder {
                settings,
                key,
                path,
            } => {
                let result = crate::config::readable_folder(&path);
                Some(Msg::FolderChecked {
                    settings,
                    key,
                    path,
                    result,
                })
            }
            Effect::SaveSetting { path, key, value } => {
                let result = match path {
                    Some(path) => crate::config::settings::save(&path, key, &value),
                    None => Err(crate::config::settings::SaveError::NoFile),
                };
                Some(Msg::SettingSaved {
                    key,
                    result: result.map_err(|e| e.to_string()),
                })
            }
            Effect::ListLearners => {
                let mut names = store::list_learners(&self.data_dir);
                // The current learner has no file until there is something to save: list them.
                if let Some(current) = &self.store
                    && !names.iter().any(|n| n == current.learner())
                {
                    names.push(current.learner().to_string());
                    names.sort();
                }
                Some(Msg::Learners(names))
            }
            Effect::LoadLearner { name, keep, seq } => {
                // Saves under way for this learner finish first, in order.
                self.flush();
                // Keep what the current learner has in memory before switching; if that fails,
                // stay with this learner so nothing held only in memory is dropped.
                if let Some(store) = &self.store
                    && let Err(e) = store.save(&keep)
                {
                    return Some(Msg::Saved {
                        seq,
                        result: Err((&e).into()),
                    });
                }
                let mut learner = name;
                let result = Store::new(&self.data_dir, &learner)
                    .and_then(|s| {
                        // `Learner05` opens `learner05.toml`: shown as the record spells them.
                        let p = s.load();
                        learner = match &p {
                            Ok(p) => store::display_learner(s.learner(), &p.learner),
                            Err(_) => s.learner(),
                        }
                        .to_string();
                        self.store = Some(s);
                        p
                    })
                    .map_err(|e| e.to_string());
                if result.is_err() {
                    self.store = None;
                }
                Some(Msg::LearnerLoaded { learner, result })
            }
            Effect::Watch(path) => {
                self.watcher = None;
                if let (Some(path), Some(start)) = (path, self.watch_fn.as_mut()) {
                    self.watcher = start(&path);
                }
                None
            }
            Effect::Quit => None,
        }
    }
}

impl Runtime {
    /// Waits until every save asked for is written (or has failed) and reported.
    pub fn flush(&self) {
        if let Some(saver) = &self.saver {
            saver.flush();
        }
    }
}

/// Reads every lesson and builds the search index; unreadable lessons are left out.
fn build_index(lessons: &[(usize, usize, PathBuf)]) -> Msg {
    let texts: Vec<(usize, usize, String)> = lessons
        .iter()
        .filter_map(|(c, l, path)| Some((*c, *l, read_text_file(path).ok()?)))
        .collect();
    let titles = texts
        .iter()
        .filter_map(|(c, l, text)| Some(((*c, *l), crate::course::first_heading(text)?)))
        .collect();
    let index = crate::search::Index::build(texts.iter().map(|(c, l, t)| (*c, *l, t.as_str())));
    Msg::IndexBuilt {
        index: Arc::new(index),
        titles,
    }
}

/// An input from the learner (a key, a line typed): first the gap since the previous input
/// (time on task, credited to what is on screen), then the message it maps to, if any.
pub fn input(app: &mut App, runtime: &mut Runtime, msg: Option<Msg>) {
    let gap = runtime.gaps.input();
    drive(app, runtime, Msg::Gap(gap));
    if let Some(msg) = msg {
        drive(app, runtime, msg);
    }
}

/// Feeds a message to the app and carries out every effect that follows, to completion.
/// The clock is read here, once per message, and passed in.
pub fn drive(app: &mut App, runtime: &mut Runtime, msg: Msg) {
    let now = (runtime.clock)();
    let mut queue = std::collections::VecDeque::from(app.update(msg, &now));
    while let Some(effect) = queue.pop_front() {
        if let Some(reply) = runtime.perform(effect) {
            queue.extend(app.update(reply, &now));
        }
    }
}
