//! Every quiz of a library, loaded once, for the commands that read many records.

use std::collections::HashMap;

use super::{Quiz, load_quiz};
use crate::course::Library;

/// The quizzes of a library by (course id, lesson id); quizzes that do not load are left out.
#[derive(Debug, Clone, Default)]
pub struct QuizBook {
    quizzes: HashMap<(String, String), Quiz>,
}

impl QuizBook {
    /// Loads every lesson's quiz in `library`.
    pub fn load(library: &Library) -> Self {
        let mut quizzes = HashMap::new();
        for course in &library.courses {
            for lesson in &course.lessons {
                if let Some(quiz) = lesson.quiz.as_ref().and_then(|p| load_quiz(p).ok()) {
                    quizzes.insert((course.id.clone(), lesson.id().to_string()), quiz);
                }
            }
        }
        Self { quizzes }
    }

    /// The quiz of one lesson.
    pub fn get(&self, course: &str, lesson: &str) -> Option<&Quiz> {
        self.quizzes.get(&(course.to_string(), lesson.to_string()))
    }

    /// Adds a quiz (for tests and callers that load quizzes themselves).
    pub fn insert(&mut self, course: &str, lesson: &str, quiz: Quiz) {
        self.quizzes
            .insert((course.to_string(), lesson.to_string()), quiz);
    }
}
