//! Words for the learner: every typed notice and hint becomes text here, and only here.
//! A front end that phrases things differently, or a translation, replaces this table.

use crate::app::{Hint, Notice};

/// The words for a notice.
#[must_use]
pub fn notice(n: &Notice) -> String {
    match n {
        Notice::FinishQuizFirst => "Finish or leave the quiz first (Esc).".into(),
        Notice::CannotOpenCourse(e) => format!("Cannot open: {e}"),
        Notice::NotReloaded(e) => format!("Not reloaded (kept the last good version): {e}"),
        Notice::CannotOpenLesson(e) => format!("Cannot open lesson: {e}"),
        Notice::LessonReloaded => "Lesson reloaded from disk.".into(),
        Notice::ResumedAt { page } => format!("Resumed at page {page}."),
        Notice::CourseComplete { title, hours } => format!("Course complete: {title} ({hours} h)."),
        Notice::EndOfLesson => "End of lesson.".into(),
        Notice::CannotOpenQuiz(e) => format!("Cannot open quiz: {e}"),
        Notice::AttemptAbandoned => "Attempt abandoned: nothing was recorded.".into(),
        Notice::LearnerSwitched(name) => format!("Learner: {name}"),
        Notice::ProgressUnreadable(why) => why.clone(),
    }
}

/// The words for a quiz hint.
#[must_use]
pub fn hint(h: Hint) -> &'static str {
    match h {
        Hint::ChooseFirst => "Choose an answer first: ↑/↓ then Enter, or a number key.",
        Hint::TypeAnswer => "Type an answer, then press Enter.",
        Hint::PickEveryItem => "Pick every item in order first (1-9 or Enter).",
        Hint::SelectAtLeastOne => "Select at least one choice (Space or 1-9), then press Enter.",
    }
}
