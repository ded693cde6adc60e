//! Words for the learner: every typed notice and hint becomes text here, and only here.
//! A front end that phrases things differently, or a translation, replaces this table.

pub mod quiz;

use crate::app::{AttemptSave, Hint, Notice};

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
        Notice::NoSuchChoice(n) => format!("There is no choice {n} here."),
        Notice::SteppedBack => "Stepped back one decision (practice: try the other door).".into(),
        Notice::NothingToStepBack => "Nothing to step back from yet.".into(),
        Notice::ScenarioEnded { passed: true } => "Run finished: a passing ending.".into(),
        Notice::ScenarioEnded { passed: false } => {
            "Run finished: this ending does not pass. Press r to run it again.".into()
        }
        Notice::CannotOpenScenario(e) => format!("Cannot open scenario: {e}"),
        Notice::ProgressUnreadable(why) => why.clone(),
        Notice::SavingBeforeQuit => "Saving your progress before closing…".into(),
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

/// A required course's badge in the library: `OVERDUE`, `due in 12 days`, `due 2027-03-31`,
/// or the renewal date of a done course that recurs (nothing for one that does not: its ✓ says
/// it).
#[must_use]
pub fn due_badge(d: &crate::compliance::Duty, today: jiff::civil::Date) -> String {
    use crate::compliance::Standing;
    let days = |due: jiff::civil::Date| (due - today).get_days();
    match (d.status, d.next_due) {
        (Standing::Overdue, _) => "OVERDUE".into(),
        (Standing::DueSoon, Some(due)) if due < today => "due now (grace)".into(),
        (Standing::DueSoon, Some(due)) if due == today => "due today".into(),
        (Standing::DueSoon, Some(due)) => match days(due) {
            1 => "due tomorrow".into(),
            n => format!("due in {n} days"),
        },
        (Standing::Compliant, Some(due)) => format!("renew by {due}"),
        (Standing::Compliant, None) => String::new(),
        (_, Some(due)) => format!("due {due}"),
        (_, None) => "required".into(),
    }
}

/// The course screen's line about a required course.
#[must_use]
pub fn due_line(d: &crate::compliance::Duty, today: jiff::civil::Date) -> String {
    use crate::compliance::Standing;
    match (d.status, d.next_due) {
        (Standing::Overdue, Some(due)) => format!(
            "Required: OVERDUE since {due} ({} days past any grace period). Complete it now.",
            d.days_overdue
        ),
        (Standing::Compliant, Some(due)) => {
            format!("Required: done. Next recertification due {due}.")
        }
        (Standing::Compliant, None) => "Required: done.".into(),
        _ => format!("Required: {}.", due_badge(d, today)),
    }
}

/// The words for where the last attempt stands on disk.
#[must_use]
pub fn attempt_save(s: &AttemptSave) -> String {
    match s {
        AttemptSave::Saving => "Attempt saving…".into(),
        AttemptSave::Saved => "Attempt saved.".into(),
        AttemptSave::NotSaved(why) => format!("not saved: {why}"),
    }
}
