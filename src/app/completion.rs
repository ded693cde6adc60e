//! Completion rules as the app applies them: lesson done, course completed, hours credited.
//! Pure functions over the record; the one place the app decides them.

use crate::app::Notice;
use crate::course::{Course, Lesson};
use crate::progress::{Progress, Stamp};

/// Whether a lesson is complete: every page seen and its quiz, if any, passed.
#[must_use]
pub fn lesson_done(progress: &Progress, course: &Course, lesson: &Lesson) -> bool {
    crate::domain::lesson_done(progress, course, lesson)
}

/// Fraction of a course's lessons complete (0.0 to 1.0).
#[must_use]
pub fn course_ratio(progress: &Progress, course: &Course) -> f64 {
    crate::domain::course_ratio(progress, course)
}

/// The first lesson not yet complete (or 0), where the course screen starts.
#[must_use]
pub fn first_unfinished_lesson(progress: &Progress, course: &Course) -> usize {
    course
        .lessons
        .iter()
        .position(|l| !lesson_done(progress, course, l))
        .unwrap_or(0)
}

/// Marks lessons and the course complete at `now` when their conditions hold (never
/// un-marks); returns a notice when the course was completed just now.
pub fn mark_completion(progress: &mut Progress, course: &Course, now: Stamp) -> Option<Notice> {
    let mut all = true;
    for l in &course.lessons {
        let done = lesson_done(progress, course, l);
        // Only touch lessons that were opened: an entry means 'started' on screen.
        let lp = progress
            .courses
            .get_mut(&course.id)
            .and_then(|cp| cp.lessons.get_mut(l.id()));
        match lp {
            Some(lp) if done && lp.completed.is_none() => lp.completed = Some(now),
            Some(lp) => all &= lp.completed.is_some(),
            None => all = false,
        }
    }
    let cp = progress.courses.entry(course.id.clone()).or_default();
    // The one rule decides (it also asks for the course's `min_minutes` of active time).
    if all && cp.completed.is_none() && crate::domain::course_completed(progress, course) {
        let cp = progress.courses.entry(course.id.clone()).or_default();
        cp.completed = Some(now);
        cp.completed_version = Some(course.version.clone());
        cp.completed_hours = Some(course.hours);
        return Some(Notice::CourseComplete {
            title: course.title.clone(),
            hours: course.hours,
        });
    }
    None
}
