//! The rules of the record, in one place: page seen, lesson done, course completed, hours
//! credited. Pure functions over the progress model and the course library, used by the app,
//! `progress`, `report` and `export` alike, so they can never disagree.
//!
//! A completion counts only with its evidence: every lesson's pages seen, every quiz passed,
//! every required scenario run, and the course's `min_minutes` of active time. A `completed` time in a file without that evidence (a hand-written line) is not
//! credited, and [`course_credit`] says so.

pub mod attempts;

use crate::course::{Course, Lesson};
use crate::progress::{Attempt, LessonProgress, Progress, Stamp};

/// Something a course still needs before it counts as completed.
///
/// Helpers adding course elements add variants here (scenario runs marked `required`,
/// a course's `min_minutes`) and a check in [`missing`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    /// Not every page of this lesson was seen.
    Pages {
        /// Lesson id.
        lesson: String,
    },
    /// This lesson's quiz was not passed.
    Quiz {
        /// Lesson id.
        lesson: String,
    },
    /// This lesson's scenario has no run at a passing ending (any ending, when the lesson
    /// entry says `required = false`).
    Scenario {
        /// Lesson id.
        lesson: String,
    },
    /// Active time on the course has not reached its `min_minutes`.
    MinMinutes {
        /// The course's `min_minutes`.
        required: u32,
        /// Active seconds recorded so far.
        active_seconds: u64,
    },
}

/// Active seconds recorded in a course: every lesson page (every session), quiz attempt and
/// scenario run; `None` when the record holds no time at all for it (written before rollcall
/// recorded time on task), which is not the same as none spent.
#[must_use]
pub fn active_seconds(progress: &Progress, course: &str) -> Option<u64> {
    let pages = progress
        .courses
        .get(course)
        .into_iter()
        .flat_map(|c| c.lessons.values())
        .filter(|l| !l.active_seconds.is_empty())
        .map(|l| l.active_seconds.total());
    let attempts = progress
        .attempts
        .iter()
        .filter(|a| a.course == course)
        .filter_map(|a| a.active_seconds);
    let runs = progress
        .runs
        .iter()
        .filter(|r| r.course == course)
        // A negative time (a hand-edited file) is flagged by validation and counts nothing.
        .map(|r| u64::try_from(r.active_seconds).unwrap_or(0));
    pages
        .chain(attempts)
        .chain(runs)
        .fold(None, |sum, s| Some(s.saturating_add(sum.unwrap_or(0))))
}

/// Whole minutes of active time a course still needs (rounded up); `None` when it sets no
/// `min_minutes` or the learner has reached it.
#[must_use]
pub fn minutes_remaining(progress: &Progress, course: &Course) -> Option<u64> {
    let needed = u64::from(course.min_minutes) * 60;
    let active = active_seconds(progress, &course.id).unwrap_or(0);
    (active < needed).then(|| (needed - active).div_ceil(60))
}

/// Whether `page` (1-based) of a lesson was seen.
#[must_use]
pub fn page_seen(progress: &Progress, course: &str, lesson: &str, page: usize) -> bool {
    progress
        .lesson(course, lesson)
        .is_some_and(|l| l.pages_seen.contains(page))
}

/// Whether every page of a lesson, as many as it had when last viewed, was seen.
#[must_use]
pub fn lesson_pages_seen(lesson: &LessonProgress) -> bool {
    lesson.pages_seen.covers(lesson.pages_total)
}

/// Whether an attempt counts as a pass: it says so and its numbers agree.
#[must_use]
pub fn attempt_passes(attempt: &Attempt) -> bool {
    attempt.passed && crate::progress::validate::attempt_problems(attempt).is_empty()
}

/// Whether any attempt at a lesson's quiz passed.
#[must_use]
pub fn quiz_passed(progress: &Progress, course: &str, lesson: &str) -> bool {
    progress.attempts_for(course, lesson).any(attempt_passes)
}

/// Whether a lesson is done: every page seen, and its quiz (if it has one) passed.
#[must_use]
pub fn lesson_done(progress: &Progress, course: &Course, lesson: &Lesson) -> bool {
    let id = lesson.id();
    pages_done(progress, course, lesson)
        && (lesson.quiz.is_none() || quiz_passed(progress, &course.id, id))
        && scenario_done(progress, course, lesson)
}

/// Whether a lesson's pages were all seen (a lesson that is a scenario alone has none).
fn pages_done(progress: &Progress, course: &Course, lesson: &Lesson) -> bool {
    lesson.path.is_none()
        || progress
            .lesson(&course.id, lesson.id())
            .is_some_and(lesson_pages_seen)
}

/// Whether a lesson's scenario is done: a run reached a passing ending (any ending when the
/// scenario is not `required`). True for a lesson without a scenario.
#[must_use]
pub fn scenario_done(progress: &Progress, course: &Course, lesson: &Lesson) -> bool {
    lesson.scenario.is_none()
        || progress.runs.iter().any(|r| {
            r.course == course.id && r.lesson == lesson.id() && (r.passed || !lesson.required)
        })
}

/// What the course still needs, in lesson order; empty when it is completed.
#[must_use]
pub fn missing(progress: &Progress, course: &Course) -> Vec<Missing> {
    let mut out = Vec::new();
    for lesson in &course.lessons {
        let id = lesson.id();
        if !pages_done(progress, course, lesson) {
            out.push(Missing::Pages { lesson: id.into() });
        }
        if !scenario_done(progress, course, lesson) {
            out.push(Missing::Scenario { lesson: id.into() });
        }
        if lesson.quiz.is_some() && !quiz_passed(progress, &course.id, id) {
            out.push(Missing::Quiz { lesson: id.into() });
        }
    }
    if minutes_remaining(progress, course).is_some() {
        out.push(Missing::MinMinutes {
            required: course.min_minutes,
            active_seconds: active_seconds(progress, &course.id).unwrap_or(0),
        });
    }
    out
}

/// Whether the evidence completes the course (every lesson done).
#[must_use]
pub fn course_completed(progress: &Progress, course: &Course) -> bool {
    !course.lessons.is_empty() && missing(progress, course).is_empty()
}

/// Lessons done in a course.
#[must_use]
pub fn lessons_done(progress: &Progress, course: &Course) -> usize {
    course
        .lessons
        .iter()
        .filter(|l| lesson_done(progress, course, l))
        .count()
}

/// Fraction of a course's lessons done (0.0 to 1.0); 1.0 once a completion is credited.
#[must_use]
pub fn course_ratio(progress: &Progress, course: &Course) -> f64 {
    if matches!(
        course_credit(progress, &course.id, Some(course)).status,
        Status::Completed { .. }
    ) {
        return 1.0;
    }
    #[allow(clippy::cast_precision_loss)] // lesson counts are small
    let ratio = lessons_done(progress, course) as f64 / course.lessons.len().max(1) as f64;
    ratio
}

/// Where a learner stands in a course.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    /// Nothing recorded.
    NotStarted,
    /// Something recorded, no credited completion.
    InProgress,
    /// Completed with its evidence.
    Completed {
        /// When (the earliest copy's time).
        at: Stamp,
    },
}

/// What a course's record is worth: its status, the hours credited and why anything recorded
/// was not credited.
#[derive(Debug, Clone, PartialEq)]
pub struct Credit {
    /// Not started, in progress or completed.
    pub status: Status,
    /// Credit hours for a credited completion: as recorded at completion, else the library's.
    pub hours: Option<f64>,
    /// Why a recorded completion was not credited; empty when nothing was refused.
    pub refused: Vec<Missing>,
}

/// The credit for one course: a recorded completion counts only with its evidence.
///
/// When the library has the course at the version completed, the evidence is every lesson
/// done; when it does not (a retired course, a newer version), the evidence is what the file
/// holds: at least one lesson, each with every page seen, and each quiz attempted passed.
#[must_use]
pub fn course_credit(progress: &Progress, id: &str, course: Option<&Course>) -> Credit {
    let record = progress.courses.get(id);
    let any_attempt = progress.attempts.iter().any(|a| a.course == id);
    let Some(at) = record.and_then(|r| r.completed) else {
        let status = if record.is_some() || any_attempt {
            Status::InProgress
        } else {
            Status::NotStarted
        };
        return Credit {
            status,
            hours: None,
            refused: Vec::new(),
        };
    };
    let same_version = |c: &Course| {
        record
            .and_then(|r| r.completed_version.as_deref())
            .is_none_or(|v| v == c.version)
    };
    let refused = match course.filter(|c| same_version(c)) {
        Some(c) if c.lessons.is_empty() => Vec::new(),
        Some(c) => missing(progress, c),
        None => file_evidence_missing(progress, id),
    };
    if !refused.is_empty() {
        return Credit {
            status: Status::InProgress,
            hours: None,
            refused,
        };
    }
    Credit {
        status: Status::Completed { at },
        hours: record
            .and_then(|r| r.completed_hours)
            .or_else(|| course.map(|c| c.hours)),
        refused,
    }
}

/// The evidence a file alone can give for a course the library does not describe.
fn file_evidence_missing(progress: &Progress, id: &str) -> Vec<Missing> {
    let Some(record) = progress.courses.get(id) else {
        return vec![];
    };
    let mut out: Vec<Missing> = record
        .lessons
        .iter()
        .filter(|(_, l)| !lesson_pages_seen(l))
        .map(|(lesson, _)| Missing::Pages {
            lesson: lesson.clone(),
        })
        .collect();
    if record.lessons.is_empty() {
        out.push(Missing::Pages {
            lesson: String::new(),
        });
    }
    let mut quizzes: Vec<&str> = progress
        .attempts
        .iter()
        .filter(|a| a.course == id)
        .map(|a| a.lesson.as_str())
        .collect();
    quizzes.sort_unstable();
    quizzes.dedup();
    for lesson in quizzes {
        if !quiz_passed(progress, id, lesson) {
            out.push(Missing::Quiz {
                lesson: lesson.into(),
            });
        }
    }
    out
}

/// A percent as a whole number for people to read, the one rule for the screens and the
/// reports: halves round up (62.5 -> 63), and the result stays within 0..=100 (a value that
/// is not a number reads as 0).
#[must_use]
pub fn whole_percent(p: f64) -> u32 {
    if !p.is_finite() {
        return 0;
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // clamped to 0..=100
    let n = (p + 0.5).floor().clamp(0.0, 100.0) as u32;
    n
}

/// A percent for display: `63%` (see [`whole_percent`]).
#[must_use]
pub fn percent_label(p: f64) -> String {
    format!("{}%", whole_percent(p))
}

#[cfg(test)]
mod tests;
