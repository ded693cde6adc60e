//! Completion reports and xAPI statements built from progress records.
//!
//! A coordinator gathers progress files from several machines; [`read_inputs`] reads them
//! (never writing), [`merge_by_learner`] unites each learner's copies and [`build_report`]
//! turns the result into one row per learner and course. The writers live in [`format`] and
//! the xAPI statements in [`xapi`].

mod checked;
pub mod format;
mod inputs;
mod merge;
mod record;
pub mod scenarios;
pub mod validate;
pub mod xapi;

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use crate::cli::Status;
use crate::course::Library;
use crate::domain;
use crate::progress::validate as rules;
use crate::progress::{Progress, Stamp};

pub use checked::Checked;
pub use inputs::{Inputs, Skipped, is_progress_file_name, read_inputs, read_progress_file};
pub use merge::{Merged, Source, merge_by_learner, merge_owned};
pub use record::{MyRecord, RecordEntry, my_record};

/// Every course id a report can name: the library's and those in any learner's records.
pub fn course_ids<'a>(
    learners: &'a BTreeMap<String, Merged>,
    library: &'a Library,
) -> Vec<&'a str> {
    let mut ids: Vec<&str> = library.courses.iter().map(|c| c.id.as_str()).collect();
    for merged in learners.values() {
        let p = &merged.progress;
        ids.extend(p.courses.keys().map(String::as_str));
        ids.extend(p.attempts.iter().map(|a| a.course.as_str()));
    }
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// What to keep in a report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only this course id.
    pub course: Option<String>,
    /// Only this learner (compared ignoring case).
    pub learner: Option<String>,
    /// Only completions on or after this date (the completion's local date).
    pub since: Option<Date>,
    /// Only completions on or before this date.
    pub until: Option<Date>,
    /// Only rows with this status.
    pub status: Option<Status>,
}

/// Best quiz results in a course: for each quiz, its best attempt, added up.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BestScore {
    /// Questions answered right, over the best attempt at each quiz.
    pub score: usize,
    /// Questions in those attempts.
    pub total: usize,
    /// score / total × 100, to one decimal.
    pub percent: f64,
}

/// One learner's record in one course.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Learner name.
    pub learner: String,
    /// Course id.
    pub course: String,
    /// Course title; `None` when the course is not in the library.
    pub title: Option<String>,
    /// Course version: at completion, else the library's, else the latest attempt's.
    pub version: Option<String>,
    /// Training unit or academy.
    pub provider: Option<String>,
    /// State certification number.
    pub certification: Option<String>,
    /// Credit hours the course gives: the library's, else as recorded at completion.
    pub course_hours: Option<f64>,
    /// Credit hours this row credits: only a credited completion credits any.
    pub hours_credited: Option<f64>,
    /// Not started, in progress or completed.
    pub status: Status,
    /// When the course was completed, if credited (the earliest copy wins).
    pub completed: Option<Stamp>,
    /// The local date of `completed`.
    pub completed_date: Option<Date>,
    /// Best quiz results in the course.
    pub best: Option<BestScore>,
    /// Quiz attempts in the course (each counted once however many machines hold it).
    pub attempts: usize,
    /// Active minutes recorded in the course (rounded down); `None` when no time was
    /// recorded at all (records from before time on task).
    pub active_minutes: Option<u64>,
    /// Scenario results; `None` for a course with no scenario and no runs.
    pub scenarios: Option<scenarios::ScenarioResults>,
    /// Why something recorded was not credited (empty when all is well).
    pub flags: Vec<rules::Flag>,
    /// Whether the LRS holds a credited completion (`report --verify-lrs` only).
    pub lrs: Option<crate::lrs::verify::Confirmation>,
}

/// The report's totals over the rows shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Totals {
    /// Distinct learners.
    pub learners: usize,
    /// Completed rows.
    pub completions: usize,
    /// Credit hours of completed rows.
    pub hours: f64,
}

/// A report: rows sorted by learner, then library order, then course id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// One per learner and course.
    pub rows: Vec<Row>,
    /// Over `rows`.
    pub totals: Totals,
}

/// The local date of an RFC 3339 time, when it is one.
pub fn local_date(time: &str) -> Option<Date> {
    time.parse::<Stamp>().ok().map(Stamp::date)
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Builds the rows for every learner: the courses they touched, and the library's courses
/// they never opened as "not started". Records are checked as of `now`; nothing flagged is
/// credited, and each row says why in its flags.
pub fn build_report(
    learners: &BTreeMap<String, Merged>,
    library: &Library,
    filter: &Filter,
    now: Stamp,
) -> Report {
    let mut rows = Vec::new();
    // Runs are checked against their scenarios (read once for every learner).
    let scenarios = crate::scenario::ScenarioBook::load(library);
    // Names sorted as people sort them: `alice`, `Bob`, `carl` (the map sorts `Bob` first).
    let mut sorted: Vec<(&String, &Merged)> = learners.iter().collect();
    sorted.sort_by_cached_key(|(name, _)| (name.to_lowercase(), *name));
    for (name, merged) in sorted {
        if let Some(want) = &filter.learner
            && !crate::progress::store::same_learner(want, name)
        {
            continue;
        }
        let checked = merged.check_with(now, Some(&scenarios));
        let progress = checked.progress;
        let mut ids: Vec<&str> = library.courses.iter().map(|c| c.id.as_str()).collect();
        let mut others: Vec<&str> = progress
            .courses
            .keys()
            .map(String::as_str)
            .chain(progress.attempts.iter().map(|a| a.course.as_str()))
            .filter(|id| library.course(id).is_none())
            .collect();
        others.sort_unstable();
        others.dedup();
        ids.extend(others);
        for id in ids {
            let row = course_row(name, &checked, library, id);
            if keep(&row, filter) {
                rows.push(row);
            }
        }
    }
    let totals = totals(&rows);
    Report { rows, totals }
}

/// Flags credited completions whose hours the recorded active time does not support: more
/// than `ratio` times the active time (`credit-exceeds-time`), or no time at all
/// (`time-not-recorded`). Advice for the coordinator: the credit itself stands.
pub fn flag_time(report: &mut Report, ratio: u16) {
    for row in &mut report.rows {
        let Some(hours) = row.hours_credited else {
            continue;
        };
        let flag = match row.active_minutes {
            None => Some(rules::Flag::TimeNotRecorded),
            #[allow(clippy::cast_precision_loss)] // minutes are far below 2^52
            Some(active) if hours * 60.0 > f64::from(ratio) * active as f64 => {
                Some(rules::Flag::CreditExceedsTime)
            }
            Some(_) => None,
        };
        if let Some(flag) = flag {
            row.flags.push(flag);
            row.flags.sort_unstable();
            row.flags.dedup();
        }
    }
}

fn keep(row: &Row, filter: &Filter) -> bool {
    if filter.course.as_ref().is_some_and(|c| *c != row.course) {
        return false;
    }
    if filter.status.is_some_and(|s| s != row.status) {
        return false;
    }
    if filter.since.is_some() || filter.until.is_some() {
        let Some(date) = row.completed_date else {
            return false;
        };
        if filter.since.is_some_and(|s| date < s) || filter.until.is_some_and(|u| date > u) {
            return false;
        }
    }
    true
}

fn totals(rows: &[Row]) -> Totals {
    let mut learners: Vec<&str> = rows.iter().map(|r| r.learner.as_str()).collect();
    learners.dedup();
    learners.sort_unstable();
    learners.dedup();
    let done = rows.iter().filter(|r| r.status == Status::Completed);
    Totals {
        learners: learners.len(),
        completions: done.clone().count(),
        // `+ 0.0`: an empty float sum is -0.0, which would print as "-0".
        hours: done.filter_map(|r| r.hours_credited).sum::<f64>() + 0.0,
    }
}

/// The best attempt at each quiz in a course, added up; `None` without attempts.
pub fn best_score(progress: &Progress, course: &str) -> Option<BestScore> {
    let mut lessons: Vec<&str> = progress
        .attempts
        .iter()
        .filter(|a| a.course == course)
        .map(|a| a.lesson.as_str())
        .collect();
    lessons.sort_unstable();
    lessons.dedup();
    let (mut score, mut total) = (0, 0);
    for lesson in &lessons {
        if let Some(best) = progress.best_attempt(course, lesson) {
            score += best.score;
            total += best.total;
        }
    }
    if lessons.is_empty() {
        return None;
    }
    #[allow(clippy::cast_precision_loss)] // question counts are small
    let percent = if total == 0 {
        0.0
    } else {
        round1(score as f64 * 100.0 / total as f64)
    };
    Some(BestScore {
        score,
        total,
        percent,
    })
}

fn course_row(learner: &str, checked: &Checked<'_>, library: &Library, id: &str) -> Row {
    let progress = checked.progress;
    let meta = library.course(id);
    let record = progress.courses.get(id);
    let attempts: Vec<_> = progress
        .attempts
        .iter()
        .filter(|a| a.course == id)
        .collect();
    let mut ids: Vec<&str> = attempts.iter().map(|a| a.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    let credit = domain::course_credit(&checked.credible, id, meta);
    let mut flags = checked.findings.for_course(progress, id);
    // A completion the record claims but the evidence (or a flag) does not support.
    if record.is_some_and(|r| r.completed.is_some())
        && !matches!(credit.status, domain::Status::Completed { .. })
        && !flags.iter().any(|f| {
            matches!(
                f,
                rules::Flag::LearnerMismatch
                    | rules::Flag::HoursOutOfRange
                    | rules::Flag::FutureTimestamp
            )
        })
    {
        flags.push(rules::Flag::UnsupportedCompletion);
    }
    flags.sort_unstable();
    flags.dedup();
    let (status, completed) = match credit.status {
        domain::Status::Completed { at } => (Status::Completed, Some(at)),
        domain::Status::InProgress => (Status::InProgress, None),
        domain::Status::NotStarted => (Status::NotStarted, None),
    };
    let version = completed
        .and_then(|_| record.and_then(|r| r.completed_version.clone()))
        .or_else(|| meta.map(|m| m.version.clone()))
        .or_else(|| attempts.last().map(|a| a.course_version.clone()));
    let hours_credited = completed.and(credit.hours);
    Row {
        learner: learner.to_string(),
        course: id.to_string(),
        title: meta.map(|m| m.title.clone()),
        version,
        provider: meta.and_then(|m| m.provider.clone()),
        certification: meta.and_then(|m| m.certification.clone()),
        course_hours: meta.map(|m| m.hours).or(hours_credited),
        hours_credited,
        status,
        completed_date: completed.map(Stamp::date),
        completed,
        best: best_score(&checked.credible, id),
        attempts: ids.len(),
        active_minutes: domain::active_seconds(&checked.credible, id).map(|s| s / 60),
        scenarios: scenarios::scenario_results(&checked.credible, id, meta),
        flags,
        lrs: None,
    }
}

#[cfg(test)]
mod tests;
