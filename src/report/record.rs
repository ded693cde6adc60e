//! A learner's own record (the TUI's My record screen): completed courses and hours.

use jiff::civil::Date;

use super::{BestScore, best_score};
use crate::course::Library;
use crate::domain;
use crate::progress::{Progress, Stamp};

/// One completed course on a learner's own record.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordEntry {
    /// Course id.
    pub course: String,
    /// Title (the course id when the course is no longer in the library).
    pub title: String,
    /// When it was completed.
    pub completed: Stamp,
    /// Its local date.
    pub completed_date: Option<Date>,
    /// Best quiz results.
    pub best: Option<BestScore>,
    /// Credit hours.
    pub hours: f64,
}

/// The "My record" screen's data: one learner's completions and credit hours.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MyRecord {
    /// Learner name.
    pub learner: String,
    /// Completed courses, most recent first.
    pub completed: Vec<RecordEntry>,
    /// Hours credited for completions dated this calendar year.
    pub hours_this_year: f64,
    /// Hours credited overall.
    pub hours_total: f64,
}

/// Builds the learner's own record as of `today`.
pub fn my_record(progress: &Progress, library: &Library, today: Date) -> MyRecord {
    let mut completed: Vec<RecordEntry> = progress
        .courses
        .iter()
        .filter_map(|(id, record)| {
            let meta = library.course(id);
            // Only what the one rule credits; hours must be a real number.
            let credit = domain::course_credit(progress, id, meta);
            let domain::Status::Completed { at } = credit.status else {
                return None;
            };
            let hours = record
                .completed_hours
                .or_else(|| meta.map(|m| m.hours))
                .filter(|h| h.is_finite() && *h >= 0.0)
                .unwrap_or(0.0);
            Some(RecordEntry {
                course: id.clone(),
                title: meta.map_or_else(|| id.clone(), |m| m.title.clone()),
                completed_date: Some(at.date()),
                completed: at,
                best: best_score(progress, id),
                hours,
            })
        })
        .collect();
    completed.sort_by(|a, b| {
        b.completed_date
            .cmp(&a.completed_date)
            .then_with(|| a.course.cmp(&b.course))
    });
    let hours_total = completed.iter().map(|e| e.hours).sum::<f64>() + 0.0;
    let hours_this_year = completed
        .iter()
        .filter(|e| e.completed_date.is_some_and(|d| d.year() == today.year()))
        .map(|e| e.hours)
        .sum::<f64>()
        + 0.0;
    MyRecord {
        learner: progress.learner.clone(),
        completed,
        hours_this_year,
        hours_total,
    }
}
