//! Quiz attempts as the app keeps them: the attempt rules of the quizzes read so far, and
//! attempts under way (saved after every answer, discarded on leaving).

use crate::app::{App, Effect, Screen};
use crate::domain::attempts::{self, Standing};
use crate::progress::InProgress;

impl App {
    /// Where the learner stands against a lesson's quiz rules now (`None` when the quiz sets
    /// none, or its rules have not been read).
    #[must_use]
    pub fn quiz_standing(&self, course: usize, lesson: usize) -> Option<Standing> {
        let rule = *self.quiz_rules.get(&(course, lesson))?;
        if !rule.limits() {
            return None;
        }
        let (course_id, lesson_id) = self.ctx().ids(course, lesson)?;
        Some(attempts::standing(
            &self.progress,
            &course_id,
            &lesson_id,
            rule,
            crate::app::stamp(&self.now),
        ))
    }
}

impl App {
    /// Gives the answers of this lesson's schema-1 attempts (by position) their question
    /// ids, where the attempt was taken at the course's version now (never guessed across
    /// versions); how many attempts changed. The next save writes them.
    pub(super) fn fill_answer_ids(
        &mut self,
        course: usize,
        lesson: usize,
        quiz: &crate::quiz::Quiz,
    ) -> usize {
        let Some((course_id, lesson_id)) = self.ctx().ids(course, lesson) else {
            return 0;
        };
        let Some(version) = self.course(course).map(|c| c.version.clone()) else {
            return 0;
        };
        self.progress
            .fill_answer_ids(&course_id, &lesson_id, &version, quiz)
    }
}

impl App {
    /// Keeps an attempt under way in the record and saves it at once: a kill or a crash
    /// after this answer loses nothing.
    pub(super) fn save_in_progress(&mut self, mut attempt: InProgress) -> Vec<Effect> {
        let Screen::Quiz(q) = &self.screen else {
            return vec![];
        };
        // A knowledge check is practice: nothing of it is kept.
        if q.check.is_some() {
            return vec![];
        }
        let Some((course, lesson)) = self.ctx().ids(q.course, q.lesson) else {
            return vec![];
        };
        attempt.course = course;
        attempt.lesson = lesson;
        attempt.updated = crate::app::stamp(&self.now);
        self.progress.in_progress.retain(|p| p.id != attempt.id);
        self.progress.in_progress.push(attempt);
        self.save_effect(true)
    }

    /// Discards the current quiz's attempt under way (a tombstone, so no other copy brings it
    /// back) and saves.
    pub(super) fn discard_in_progress(&mut self) -> Vec<Effect> {
        let Screen::Quiz(q) = &self.screen else {
            return vec![];
        };
        let id = q.attempt_id.clone();
        self.discard_attempt_id(&id)
    }

    /// Discards the attempt under way with this id (a tombstone) and saves.
    pub(super) fn discard_attempt_id(&mut self, id: &str) -> Vec<Effect> {
        let at = crate::app::stamp(&self.now);
        if crate::progress::in_progress::discard_id(&mut self.progress.in_progress, id, at) {
            self.save_effect(true)
        } else {
            vec![]
        }
    }
}
