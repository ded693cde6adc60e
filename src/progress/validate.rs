//! Every record read is checked before anything is credited from it.
//!
//! A progress file is plain text anyone can edit, and training records decide certification:
//! a record whose numbers disagree with each other is flagged, kept visible, and never
//! credited. The flag names are a contract (report's `flags` column).

use std::collections::BTreeMap;
use std::fmt;

use crate::progress::{Attempt, Progress, Stamp};

pub mod runs;

pub use runs::{check_scenarios, run_flags, run_scenario_flags};

/// How far in the future a time may be before it is not believed (clocks drift, offsets
/// are misset; a day is generous).
pub const FUTURE_SLACK_MS: i64 = 24 * 60 * 60 * 1000;

/// A problem found in a record. Most withhold credit; the two time flags
/// (`credit-exceeds-time`, `time-not-recorded`) are advice to the coordinator and do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Flag {
    /// A course marked completed without the evidence (pages seen, quizzes passed).
    UnsupportedCompletion,
    /// `score` above `total`, or a quiz of no questions.
    ScoreOutOfRange,
    /// `percent` not a number in 0..=100, or not `score / total`.
    PercentMismatch,
    /// `passed` disagrees with the score and the pass mark (a quiz attempt), or with the
    /// ending and the scenario's `pass` (a scenario run).
    PassedMismatch,
    /// Recorded hours not a finite, non-negative number.
    HoursOutOfRange,
    /// A time more than a day in the future.
    FutureTimestamp,
    /// Two attempts share an id but differ.
    DuplicateAttemptId,
    /// The file's `learner` field names someone other than the file name.
    LearnerMismatch,
    /// A scenario run's path is not possible: unknown node or choice ids, a choice that does
    /// not lead to the next node, an ending that is not where the path ends.
    RunPathImpossible,
    /// A record's times are out of order (a run finished before it started).
    TimesOutOfOrder,
    /// A scenario run's active time is negative, or longer than its time from start to end.
    ActiveTimeOutOfRange,
    /// Credited hours exceed the settings' `credit_ratio` times the active time recorded
    /// (advice: a 1.5-hour credit earned in 4 minutes of activity).
    CreditExceedsTime,
    /// A credited completion with no active time recorded at all (written before rollcall
    /// measured time on task, or by hand); advice, not a reason to withhold credit.
    TimeNotRecorded,
}

impl Flag {
    /// Whether the flag withholds credit; the time flags are advice and do not.
    pub fn withholds_credit(self) -> bool {
        !matches!(self, Flag::CreditExceedsTime | Flag::TimeNotRecorded)
    }

    /// The flag as written in reports.
    pub fn name(self) -> &'static str {
        match self {
            Flag::UnsupportedCompletion => "unsupported-completion",
            Flag::ScoreOutOfRange => "score-out-of-range",
            Flag::PercentMismatch => "percent-mismatch",
            Flag::PassedMismatch => "passed-mismatch",
            Flag::HoursOutOfRange => "hours-out-of-range",
            Flag::FutureTimestamp => "future-timestamp",
            Flag::DuplicateAttemptId => "duplicate-attempt-id",
            Flag::LearnerMismatch => "learner-mismatch",
            Flag::RunPathImpossible => "run-path-impossible",
            Flag::TimesOutOfOrder => "times-out-of-order",
            Flag::ActiveTimeOutOfRange => "active-time-out-of-range",
            Flag::CreditExceedsTime => "credit-exceeds-time",
            Flag::TimeNotRecorded => "time-not-recorded",
        }
    }
}

impl fmt::Display for Flag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What is wrong with one attempt's numbers, whatever the time (see [`attempt_flags`]).
pub fn attempt_problems(a: &Attempt) -> Vec<Flag> {
    let mut flags = Vec::new();
    if a.total == 0 || a.score > a.total {
        flags.push(Flag::ScoreOutOfRange);
    }
    #[allow(clippy::cast_precision_loss)] // question counts are small
    let expected = if a.total == 0 {
        0.0
    } else {
        a.score as f64 * 100.0 / a.total as f64
    };
    if !a.percent.is_finite()
        || !(0.0..=100.0).contains(&a.percent)
        || (a.percent - expected).abs() > 0.01
    {
        flags.push(Flag::PercentMismatch);
    }
    let mark = usize::from(a.pass_percent);
    let should_pass = a.total > 0
        && a.score <= a.total
        && (1..=100).contains(&mark)
        && a.score * 100 >= mark * a.total;
    if a.passed != should_pass {
        flags.push(Flag::PassedMismatch);
    }
    flags
}

/// Whether `t` is more than a day after `now`.
pub fn in_the_future(t: Stamp, now: Stamp) -> bool {
    now.millis_until(t) > FUTURE_SLACK_MS
}

/// Every problem with one attempt as of `now`.
pub fn attempt_flags(a: &Attempt, now: Stamp) -> Vec<Flag> {
    let mut flags = attempt_problems(a);
    if in_the_future(a.started, now) || in_the_future(a.finished, now) {
        flags.push(Flag::FutureTimestamp);
    }
    flags
}

/// Problems found in one learner's record, by what they touch.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Findings {
    /// By attempt id: attempts that must not be credited.
    pub attempts: BTreeMap<String, Vec<Flag>>,
    /// By run id: scenario runs that must not be credited.
    pub runs: BTreeMap<String, Vec<Flag>>,
    /// By course id: course-level problems (times, hours).
    pub courses: BTreeMap<String, Vec<Flag>>,
    /// About the whole record (learner mismatch).
    pub record: Vec<Flag>,
}

impl Findings {
    /// Whether nothing is wrong.
    pub fn is_empty(&self) -> bool {
        self.attempts.is_empty()
            && self.runs.is_empty()
            && self.courses.is_empty()
            && self.record.is_empty()
    }

    /// Flags that touch one course (its own, its attempts', the record's), sorted, once each.
    pub fn for_course(&self, progress: &Progress, course: &str) -> Vec<Flag> {
        let mut out: Vec<Flag> = self.record.clone();
        out.extend(self.courses.get(course).into_iter().flatten());
        for a in progress.attempts.iter().filter(|a| a.course == course) {
            out.extend(self.attempts.get(&a.id).into_iter().flatten());
        }
        for r in progress.runs.iter().filter(|r| r.course == course) {
            out.extend(self.runs.get(&r.id).into_iter().flatten());
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Checks a whole record as of `now`. `file_learner` is the learner the file name gives
/// (`None` when the record did not come from a learner's file); the record's `learner` field
/// must name the same learner, case aside.
pub fn check(progress: &Progress, file_learner: Option<&str>, now: Stamp) -> Findings {
    let mut findings = Findings::default();
    // Names that differ only in case are one learner (`jdoe.toml` may hold `JDoe`).
    if file_learner.is_some_and(|f| !crate::progress::store::same_learner(f, &progress.learner)) {
        findings.record.push(Flag::LearnerMismatch);
    }
    let mut by_id: BTreeMap<&str, &Attempt> = BTreeMap::new();
    for a in &progress.attempts {
        let mut flags = attempt_flags(a, now);
        if let Some(first) = by_id.get(a.id.as_str()) {
            if *first != a {
                flags.push(Flag::DuplicateAttemptId);
            }
        } else {
            by_id.insert(&a.id, a);
        }
        if !flags.is_empty() {
            findings
                .attempts
                .entry(a.id.clone())
                .or_default()
                .extend(flags);
        }
    }
    for list in findings.attempts.values_mut() {
        list.sort_unstable();
        list.dedup();
    }
    for run in &progress.runs {
        let flags = run_flags(run, now);
        if !flags.is_empty() {
            findings.runs.insert(run.id.clone(), flags);
        }
    }
    for (id, course) in &progress.courses {
        let mut flags = Vec::new();
        if course
            .completed_hours
            .is_some_and(|h| !h.is_finite() || h < 0.0)
        {
            flags.push(Flag::HoursOutOfRange);
        }
        let times = [course.first_opened, course.completed]
            .into_iter()
            .chain(
                course
                    .lessons
                    .values()
                    .flat_map(|l| [l.viewed_at, l.completed]),
            )
            .flatten();
        if times.into_iter().any(|t| in_the_future(t, now)) {
            flags.push(Flag::FutureTimestamp);
        }
        if !flags.is_empty() {
            findings.courses.insert(id.clone(), flags);
        }
    }
    findings
}

/// The record with every flagged attempt and run left out and every flagged course's completion
/// removed: what may be credited. Attempts that share an id keep only the first, and only
/// when all copies agree.
pub fn credible(progress: &Progress, findings: &Findings) -> Progress {
    if findings.is_empty() {
        return progress.clone();
    }
    let mut out = progress.clone();
    if !findings.record.is_empty() {
        // A record that is not this learner's credits nobody.
        out.attempts.clear();
        out.runs.clear();
        for course in out.courses.values_mut() {
            course.completed = None;
            course.completed_hours = None;
        }
        return out;
    }
    out.attempts
        .retain(|a| !findings.attempts.contains_key(&a.id));
    out.runs.retain(|r| !findings.runs.contains_key(&r.id));
    for (id, course) in &mut out.courses {
        if findings.courses.contains_key(id) {
            course.completed = None;
            course.completed_hours = None;
        }
    }
    out
}

#[cfg(test)]
mod tests;
