//! Quiz attempts as the app keeps them: the attempt rules of the quizzes read so far.

use crate::app::App;
use crate::domain::attempts::{self, Standing};

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

    /// The course screen's note on a lesson's quiz attempts (empty when nothing limits them).
    #[must_use]
    pub fn quiz_note(&self, course: usize, lesson: usize) -> String {
        self.quiz_standing(course, lesson)
            .map(|s| crate::text::quiz::standing_short(&s))
            .unwrap_or_default()
    }
}
