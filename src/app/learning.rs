//! The learner's record as the app keeps it: opening courses and lessons, pages seen, quiz
//! attempts and scenario runs recorded, completion marked, and the saves that follow.
//!
//! These are the parts of [`App::update`] that change `App::progress`; they live apart from the
//! routing in `app.rs` so that each file holds one concept.

use std::path::PathBuf;

use crate::progress::{Attempt, Progress};

use super::{
    App, CourseState, Effect, LessonState, LibraryState, Msg, Notice, Overlay, QuizState,
    SaveFailure, SaveState, ScenarioState, Screen, completion, stamp,
};

impl App {
    pub(super) fn open_course(&mut self, idx: usize) -> Vec<Effect> {
        let Some(course) = self.library.courses.get(idx) else {
            return vec![];
        };
        let first = completion::first_unfinished_lesson(&self.progress, course);
        let lessons: Vec<(usize, PathBuf)> = course
            .lessons
            .iter()
            .enumerate()
            .filter(|(_, l)| l.title.is_none())
            .filter_map(|(i, l)| Some((i, l.path.clone()?)))
            .collect();
        let entry = self.progress.courses.entry(course.id.clone()).or_default();
        let quizzes: Vec<(usize, PathBuf)> = course
            .lessons
            .iter()
            .enumerate()
            .filter_map(|(i, l)| Some((i, l.quiz.clone()?)))
            .collect();
        let mut effects = vec![
            Effect::LoadTitles {
                course: idx,
                lessons,
            },
            Effect::LoadQuizRules {
                course: idx,
                quizzes,
            },
        ];
        if entry.first_opened.is_none() {
            entry.first_opened = Some(stamp(&self.now));
            effects.extend(self.save_effect(false));
        }
        self.push(Screen::Course(CourseState {
            course: idx,
            selected: first,
        }));
        effects
    }

    pub(super) fn lesson_path(&self, course: usize, lesson: usize) -> Option<PathBuf> {
        // A lesson that is a scenario alone has no pages to open.
        self.course(course)?.lessons.get(lesson)?.path.clone()
    }

    pub(super) fn open_lesson(&mut self, course: usize, lesson: usize) -> Vec<Effect> {
        let Some(path) = self.lesson_path(course, lesson) else {
            // A lesson that is a scenario alone opens straight into it.
            return self.open_scenario(course, lesson).unwrap_or_default();
        };
        let title = self.lesson_title(course, lesson);
        self.push(Screen::Lesson(LessonState::loading(course, lesson, title)));
        self.load_lesson(course, lesson, path)
    }

    /// Loads a lesson's file into the reader just opened, and watches it when `--watch` is on.
    pub(super) fn load_lesson(
        &self,
        course: usize,
        lesson: usize,
        path: std::path::PathBuf,
    ) -> Vec<Effect> {
        let mut effects = vec![Effect::LoadLesson {
            course,
            lesson,
            path: path.clone(),
            reload: false,
        }];
        if self.watch {
            effects.push(Effect::Watch(Some(path)));
        }
        effects
    }

    /// Records the page turned to, then opens the knowledge check on top of the reader.
    pub(super) fn open_check(
        &mut self,
        course: usize,
        lesson: usize,
        check: usize,
        page: usize,
        total: usize,
    ) -> Vec<Effect> {
        let mut effects = self.page_viewed(course, lesson, page, total);
        let Some(path) = self
            .course(course)
            .and_then(|c| c.lessons.get(lesson))
            .and_then(|l| l.checks.get(check))
            .map(|c| c.quiz.clone())
        else {
            return effects;
        };
        let mut quiz = QuizState::loading(course, lesson);
        quiz.check = Some(check);
        self.push(Screen::Quiz(Box::new(quiz)));
        effects.push(Effect::LoadQuiz {
            course,
            lesson,
            path,
        });
        effects
    }

    /// Records a page as seen and as the resume point; completes the lesson when due.
    pub(super) fn page_viewed(
        &mut self,
        course: usize,
        lesson: usize,
        page: usize,
        total: usize,
    ) -> Vec<Effect> {
        let Some((course_id, lesson_id)) = self.ctx().ids(course, lesson) else {
            return vec![];
        };
        let now = stamp(&self.now);
        let entry = self.progress.lesson_mut(course_id, lesson_id);
        entry.page = page;
        entry.viewed_at = Some(now);
        entry.pages_total = total;
        entry.pages_seen.insert(page);
        self.update_completion(course);
        self.save_effect(false)
    }

    /// Marks lessons and the course complete when their conditions hold.
    pub(super) fn update_completion(&mut self, course: usize) {
        let Some(c) = self.library.courses.get(course) else {
            return;
        };
        if let Some(n) = completion::mark_completion(&mut self.progress, c, stamp(&self.now)) {
            self.status = Some(n);
        }
    }

    /// Opens the lesson's scenario, if it has one.
    pub(super) fn open_scenario(&mut self, course: usize, lesson: usize) -> Option<Vec<Effect>> {
        let path = self
            .course(course)
            .and_then(|c| c.lessons.get(lesson))
            .and_then(|l| l.scenario.clone())?;
        self.push(Screen::Scenario(Box::new(ScenarioState::loading(
            course, lesson,
        ))));
        Some(vec![
            Effect::Watch(None),
            Effect::LoadScenario {
                course,
                lesson,
                path,
            },
        ])
    }

    /// Leaves a scenario: on to the lesson's quiz, or back to the course.
    pub(super) fn scenario_done(&mut self, go_on: bool) -> Vec<Effect> {
        let Screen::Scenario(s) = &self.screen else {
            return vec![];
        };
        let (course, lesson) = (s.course, s.lesson);
        let quiz = self
            .course(course)
            .and_then(|c| c.lessons.get(lesson))
            .and_then(|l| l.quiz.clone());
        if go_on && let Some(path) = quiz {
            // The quiz takes the scenario's place, so leaving it returns to the course.
            self.screen = Screen::Quiz(Box::new(QuizState::loading(course, lesson)));
            return vec![Effect::LoadQuiz {
                course,
                lesson,
                path,
            }];
        }
        self.history.pop_if(|s| matches!(s, Screen::Lesson(_)));
        let mut effects = self.back_past_lesson(course, lesson);
        // A finished run is a record, like an attempt: written at once.
        effects.extend(self.save_effect(true));
        effects
    }

    /// Records a scenario run that reached an ending.
    pub(super) fn record_run(
        &mut self,
        run: &crate::scenario::Run,
        started: crate::progress::Stamp,
    ) -> Vec<Effect> {
        let Screen::Scenario(s) = &self.screen else {
            return vec![];
        };
        let (course, Some(scenario)) = (s.course, s.scenario.clone()) else {
            return vec![];
        };
        let Some((course_id, lesson_id)) = self.ctx().ids(course, s.lesson) else {
            return vec![];
        };
        let Some(c) = self.library.courses.get(course) else {
            return vec![];
        };
        let at = crate::scenario::RunContext {
            learner: &self.learner,
            course: &course_id,
            course_version: &c.version,
            lesson: &lesson_id,
            started,
            finished: stamp(&self.now),
        };
        let Some(mut record) = crate::scenario::RunRecord::new(&scenario, run, at) else {
            return vec![];
        };
        // Active time (capped gaps between inputs) rather than the wall-clock span.
        if let Some(time) = self.active.take(&super::active::run_key(started)) {
            record.active_seconds = i64::try_from(time.as_secs()).unwrap_or(i64::MAX);
        }
        // The finished run supersedes its entry under way (they share the id).
        self.progress.runs_in_progress.retain(|p| p.id != record.id);
        self.progress.runs.push(record);
        // A run marks its lesson started (a lesson that is a scenario alone has no pages to).
        self.progress.lesson_mut(course_id, lesson_id);
        self.update_completion(course);
        self.save_effect(true)
    }

    pub(super) fn finish_lesson(&mut self, course: usize, lesson: usize) -> Vec<Effect> {
        if let Some(effects) = self.open_scenario(course, lesson) {
            return effects;
        }
        let quiz = self
            .course(course)
            .and_then(|c| c.lessons.get(lesson))
            .and_then(|l| l.quiz.clone());
        if let Some(path) = quiz {
            self.push(Screen::Quiz(Box::new(QuizState::loading(course, lesson))));
            return vec![
                Effect::Watch(None),
                Effect::LoadQuiz {
                    course,
                    lesson,
                    path,
                },
            ];
        }
        self.status = Some(Notice::EndOfLesson);
        let mut effects = self.back_past_lesson(course, lesson);
        effects.extend(self.save_effect(false));
        effects
    }

    /// Back to the course screen with the next lesson selected, as after finishing one.
    #[must_use]
    pub(super) fn back_past_lesson(&mut self, course: usize, lesson: usize) -> Vec<Effect> {
        let effects = self.back();
        if let Screen::Course(c) = &mut self.screen {
            let n = self
                .library
                .courses
                .get(course)
                .map_or(0, |c| c.lessons.len());
            c.selected = (lesson + 1).min(n.saturating_sub(1));
        }
        effects
    }

    pub(super) fn record_attempt(&mut self, mut attempt: Attempt) -> Vec<Effect> {
        let Screen::Quiz(q) = &self.screen else {
            return vec![];
        };
        // A knowledge check is practice: never an attempt.
        if q.check.is_some() {
            return vec![];
        }
        let (course, lesson) = (q.course, q.lesson);
        let Some((course_id, lesson_id)) = self.ctx().ids(course, lesson) else {
            return vec![];
        };
        let Some(c) = self.library.courses.get(course) else {
            return vec![];
        };
        attempt.course = course_id;
        attempt.lesson = lesson_id;
        attempt.course_version.clone_from(&c.version);
        attempt.quiz = c
            .lessons
            .get(lesson)
            .and_then(|l| l.quiz.as_ref())
            .and_then(|p| p.strip_prefix(&c.dir).ok())
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        attempt.finished = stamp(&self.now);
        attempt.active_seconds = self
            .active
            .take(&super::active::attempt_key(&attempt.id))
            .map(|d| d.as_secs());
        self.progress.attempts.push(attempt);
        self.update_completion(course);
        let effects = self.save_effect(true);
        self.attempt_seq = self.save_sent;
        effects
    }

    pub(super) fn on_learner(
        &mut self,
        learner: String,
        result: Result<Progress, String>,
    ) -> Vec<Effect> {
        self.overlay = None;
        self.learner.clone_from(&learner);
        match result {
            Ok(progress) => {
                self.progress = progress;
                self.save = SaveState::Saved;
                self.status = Some(Notice::LearnerSwitched(learner));
                self.check_record(stamp(&self.now));
            }
            Err(why) => {
                self.progress = Progress::new(&learner);
                self.save = SaveState::Disabled(why.clone());
                self.overlay = Some(Overlay::Notice(Notice::ProgressUnreadable(why)));
            }
        }
        self.history.clear();
        self.screen = Screen::Library(LibraryState::resuming());
        // Reports of the earlier learner's saves no longer apply.
        self.learner_seq = self.save_sent + 1;
        self.save_done = self.save_sent;
        self.saved_ok = self.save_sent;
        // Save at once so a new learner appears in the picker from now on.
        let mut effects = vec![Effect::Watch(None)];
        // Open the library on this learner's last course.
        effects.extend(self.route(Msg::Resize(self.size.0, self.size.1)));
        effects.extend(self.save_effect(true));
        effects
    }

    pub(super) fn on_saved(&mut self, seq: u64, result: Result<Progress, SaveFailure>) {
        if seq < self.learner_seq {
            return;
        }
        self.save_done = self.save_done.max(seq);
        match result {
            Ok(mut merged) => {
                self.saved_ok = self.saved_ok.max(seq);
                // Changes made while the save was under way stay: merge them back in.
                merged.merge(&self.progress);
                self.progress = merged;
                if !matches!(self.save, SaveState::Disabled(_)) {
                    self.save = SaveState::Saved;
                }
            }
            Err(failure) => {
                if !matches!(self.save, SaveState::Disabled(_)) {
                    self.save = SaveState::Failed(failure.why);
                }
                // Quitting on a full disk would drop what is only in memory: ask first.
                if failure.out_of_space && self.quitting && !self.force_quit {
                    self.quitting = false;
                    self.status = None;
                    self.overlay = Some(Overlay::DiskFull {
                        attempt: self.attempt_seq > self.saved_ok,
                    });
                }
            }
        }
    }

    /// The effect that saves the record, unless saving is disabled for this learner.
    /// `urgent`: write at once (an attempt) rather than coalescing (a page position).
    #[must_use]
    pub(super) fn save_effect(&mut self, urgent: bool) -> Vec<Effect> {
        if matches!(self.save, SaveState::Disabled(_)) {
            return vec![];
        }
        self.save_sent += 1;
        self.active.saved();
        vec![Effect::Save {
            progress: Box::new(self.progress.clone()),
            seq: self.save_sent,
            urgent,
        }]
    }
}
