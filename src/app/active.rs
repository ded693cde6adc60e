//! Time on task: each gap between two inputs (measured at the edge with a monotonic clock and
//! capped there, see `crate::runtime::gaps`) is credited to what was on screen during it: the
//! lesson page being read (or the page a knowledge check follows, while it is answered), the
//! quiz attempt or the scenario run under way. Anything else
//! (menus, results, a debrief) earns nothing.
//!
//! Pages are credited in the record at once (per session, see [`crate::progress::PageTime`]);
//! an attempt or a run keeps its time here until it is recorded, and then carries it
//! (`Attempt::active_seconds`, `RunRecord::active_seconds`).

use std::collections::HashMap;
use std::time::Duration;

use crate::app::{App, Effect, QuizPhase, ScenarioPhase, Screen};

/// Unsaved active time after which a (coalesced) save is asked for, so a crash loses little.
const SAVE_EVERY: Duration = Duration::from_secs(30);

/// What this session has credited, exactly (the record keeps whole seconds).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActiveTime {
    /// This session's id: the key of its counters in the record.
    pub session: String,
    /// This session's time per (learner, course id, lesson id, page): by learner too, so that
    /// switching to another learner and back carries on from the same count.
    pages: HashMap<(String, String, String, usize), Duration>,
    /// The attempt or run under way (its key, see [`attempt_key`] and [`run_key`]) and its
    /// time so far.
    pending: Option<(String, Duration)>,
    /// Credited since the last save was asked for.
    unsaved: Duration,
}

/// The key of a quiz attempt's time.
#[must_use]
pub fn attempt_key(attempt_id: &str) -> String {
    format!("attempt:{attempt_id}")
}

/// The key of a scenario run's time (a run is known by when it started).
#[must_use]
pub fn run_key(started: crate::progress::Stamp) -> String {
    format!("run:{started}")
}

/// A fresh session id: 12 hex digits, random, so two machines never share one.
#[must_use]
pub fn new_session_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()[..12].to_string()
}

impl ActiveTime {
    /// Nothing credited yet, for session `session`.
    #[must_use]
    pub fn new(session: String) -> Self {
        Self {
            session,
            ..Self::default()
        }
    }

    /// The time of the attempt or run `key` so far, if it is the one under way.
    #[must_use]
    pub fn pending(&self, key: &str) -> Option<Duration> {
        self.pending
            .as_ref()
            .filter(|(k, _)| k == key)
            .map(|(_, d)| *d)
    }

    /// Carries on counting for `key` from `so_far` (an attempt resumed from the record).
    pub fn resume(&mut self, key: String, so_far: Duration) {
        self.pending = Some((key, so_far));
    }

    /// Ends the attempt or run `key`: its time, or `None` when it was never on screen.
    pub fn take(&mut self, key: &str) -> Option<Duration> {
        let time = self.pending(key);
        if time.is_some() {
            self.pending = None;
        }
        time
    }

    /// Adds `gap` to `key`; another attempt or run under way before is dropped (it was
    /// abandoned, and its time with it).
    fn add_pending(&mut self, key: String, gap: Duration) {
        match &mut self.pending {
            Some((k, d)) if *k == key => *d += gap,
            _ => self.pending = Some((key, gap)),
        }
    }

    /// Whether anything was credited since the last save.
    #[must_use]
    pub fn unsaved(&self) -> bool {
        !self.unsaved.is_zero()
    }

    /// A save was asked for: the record holds everything credited so far.
    pub(super) fn saved(&mut self) {
        self.unsaved = Duration::ZERO;
    }
}

/// Where a gap goes.
enum Target {
    Page {
        course: usize,
        lesson: usize,
        page: usize,
    },
    Pending(String),
    Nothing,
}

impl App {
    /// What the learner was doing during a gap: what is on screen now, before the input that
    /// ended the gap is handled.
    fn target(&self) -> Target {
        match &self.screen {
            Screen::Lesson(l) if !l.loading && !l.pages.is_empty() => Target::Page {
                course: l.course,
                lesson: l.lesson,
                page: l.page + 1,
            },
            // A knowledge check is never recorded, so its time is the lesson's: the page it
            // follows, the one its questions are about.
            Screen::Quiz(q)
                if matches!(q.phase, QuizPhase::Asking | QuizPhase::Checked { .. })
                    && q.check.is_some() =>
            {
                q.check
                    .and_then(|c| self.course(q.course)?.lessons.get(q.lesson)?.checks.get(c))
                    .map_or(Target::Nothing, |c| Target::Page {
                        course: q.course,
                        lesson: q.lesson,
                        page: c.after_page,
                    })
            }
            Screen::Quiz(q) if matches!(q.phase, QuizPhase::Asking | QuizPhase::Checked { .. }) => {
                Target::Pending(attempt_key(&q.attempt_id))
            }
            Screen::Scenario(s)
                if matches!(
                    s.phase,
                    ScenarioPhase::Situation | ScenarioPhase::Consequence { .. }
                ) =>
            {
                s.started
                    .map_or(Target::Nothing, |t| Target::Pending(run_key(t)))
            }
            _ => Target::Nothing,
        }
    }

    /// Credits `gap` (already capped) to what is on screen; may ask for a save.
    #[must_use]
    pub(super) fn on_gap(&mut self, gap: Duration) -> Vec<Effect> {
        match self.target() {
            Target::Nothing => return vec![],
            Target::Pending(key) => {
                self.active.add_pending(key, gap);
                return vec![];
            }
            Target::Page {
                course,
                lesson,
                page,
            } => {
                let Some((course_id, lesson_id)) = self.ctx().ids(course, lesson) else {
                    return vec![];
                };
                let so_far = self
                    .active
                    .pages
                    .entry((
                        self.learner.clone(),
                        course_id.clone(),
                        lesson_id.clone(),
                        page,
                    ))
                    .or_default();
                *so_far += gap;
                let seconds = so_far.as_secs();
                self.progress
                    .lesson_mut(course_id, lesson_id)
                    .active_seconds
                    .raise(&self.active.session, page, seconds);
                self.active.unsaved += gap;
                // Enough time may now have passed to complete a course with `min_minutes`.
                self.update_completion(course);
            }
        }
        if self.active.unsaved >= SAVE_EVERY {
            return self.save_effect(false);
        }
        vec![]
    }
}
