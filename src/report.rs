//! Completion reports and xAPI statements built from progress records.
//!
//! A coordinator gathers progress files from several machines; [`read_inputs`] reads them
//! (never writing), [`merge_by_learner`] unites each learner's copies and [`build_report`]
//! turns the result into one row per learner and course. The writers live in [`format`] and
//! the xAPI statements in [`xapi`].

pub mod format;
pub mod scenarios;
pub mod validate;
pub mod xapi;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::Serialize;

use crate::cli::Status;
use crate::course::Library;
use crate::domain;
use crate::progress::validate as rules;
use crate::progress::{self, Progress, Stamp};

/// One progress file that was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// Where it was read from.
    pub path: PathBuf,
    /// What it holds.
    pub progress: Progress,
}

impl Source {
    /// The learner the file's name gives (`jdoe.toml` → `jdoe`): the file name is the learner.
    pub fn file_learner(&self) -> String {
        let name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match name.strip_suffix(".toml") {
            Some(stem) if !stem.is_empty() => stem.to_string(),
            // Not a learner's file name (or no path at all): trust the record's field.
            _ => self.progress.learner.clone(),
        }
    }
}

/// One learner's copies united, and whether any copy names someone else inside.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// Every copy merged.
    pub progress: Progress,
    /// A copy's `learner` field disagrees with its file name: the record credits nobody.
    pub mismatched: bool,
}

impl From<Progress> for Merged {
    fn from(progress: Progress) -> Self {
        Merged {
            progress,
            mismatched: false,
        }
    }
}

/// A learner's record as checked: what was found wrong, and what may be credited. Borrows
/// the record, and copies it only when something must be left out (records can be big).
#[derive(Debug, Clone, PartialEq)]
pub struct Checked<'a> {
    /// The merged record as read.
    pub progress: &'a Progress,
    /// Problems found.
    pub findings: rules::Findings,
    /// The record without anything flagged: the only input to credit.
    pub credible: std::borrow::Cow<'a, Progress>,
}

impl Merged {
    /// Validates the merged record as of `now`.
    pub fn check(&self, now: Stamp) -> Checked<'_> {
        let mut findings = rules::check(&self.progress, None, now);
        if self.mismatched {
            findings.record.push(rules::Flag::LearnerMismatch);
        }
        let credible = if findings.is_empty() {
            std::borrow::Cow::Borrowed(&self.progress)
        } else {
            std::borrow::Cow::Owned(rules::credible(&self.progress, &findings))
        };
        Checked {
            progress: &self.progress,
            findings,
            credible,
        }
    }
}

/// An input that could not be used, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// The file or folder.
    pub path: PathBuf,
    /// Why it was skipped.
    pub reason: String,
}

/// Everything read from the inputs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Inputs {
    /// Progress files that parsed, in the order found.
    pub sources: Vec<Source>,
    /// Inputs that could not be read.
    pub skipped: Vec<Skipped>,
    /// Folders that held no progress file (worth a note, not an error).
    pub empty_dirs: Vec<PathBuf>,
}

/// Whether a file name in a data folder names a learner's progress file.
///
/// Progress files are `<learner>.toml`; the settings and roster files, hidden files (temporary files of
/// an atomic write) and anything else are not.
#[allow(clippy::case_sensitive_file_extension_comparisons)] // rollcall writes `.toml` itself.
pub fn is_progress_file_name(name: &str) -> bool {
    name.ends_with(".toml")
        && name.len() > ".toml".len()
        && !name.starts_with('.')
        && name != "settings.toml"
        && name != "roster.toml"
        && !name.ends_with(".sent.toml")
}

/// Reads every progress file named by `paths`: a file is read as is, a folder contributes
/// its `<learner>.toml` files (not recursively). Nothing is ever written.
pub fn read_inputs(paths: &[PathBuf]) -> Inputs {
    let mut inputs = Inputs::default();
    for path in paths {
        if path.is_dir() {
            read_dir_into(path, &mut inputs);
        } else {
            read_file_into(path, &mut inputs);
        }
    }
    inputs
}

fn read_dir_into(dir: &Path, inputs: &mut Inputs) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            inputs.skipped.push(Skipped {
                path: dir.to_path_buf(),
                reason: format!("cannot read the folder: {e}"),
            });
            return;
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        // Links are listed too, so the reader can say why it refuses them.
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file() || t.is_symlink()))
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(is_progress_file_name)
        })
        .collect();
    files.sort();
    if files.is_empty() {
        inputs.empty_dirs.push(dir.to_path_buf());
    }
    for file in files {
        read_file_into(&file, inputs);
    }
}

fn read_file_into(path: &Path, inputs: &mut Inputs) {
    match read_progress_file(path) {
        Ok(progress) => inputs.sources.push(Source {
            path: path.to_path_buf(),
            progress,
        }),
        Err(reason) => inputs.skipped.push(Skipped {
            path: path.to_path_buf(),
            reason,
        }),
    }
}

/// Reads and parses one progress file (through the store's one reader); the error is a short
/// reason for the user.
///
/// # Errors
/// When the file cannot be read or is not a progress record.
pub fn read_progress_file(path: &Path) -> Result<Progress, String> {
    use crate::progress::store::StoreError;
    crate::progress::store::load_file(path).map_err(|e| match e {
        StoreError::Read { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
            "no such file or folder".to_string()
        }
        StoreError::Read { source, .. } => format!("cannot read: {source}"),
        StoreError::Corrupt { problem, .. } => format!("not a valid progress file: {problem}"),
        StoreError::NewerSchema { found, .. } => format!(
            "not a valid progress file: schema {found} is newer than this rollcall understands \
             (schema {}); update rollcall",
            progress::SCHEMA
        ),
        other => other.to_string(),
    })
}

/// Unites every copy of each learner's record (attempts by id, earliest completions), by the
/// learner the file name gives; a copy whose `learner` field names someone else marks the
/// record [`Merged::mismatched`].
pub fn merge_by_learner(sources: &[Source]) -> BTreeMap<String, Merged> {
    merge_owned(sources.to_vec())
}

/// [`merge_by_learner`], taking the sources: a learner's first copy is moved, not copied
/// (a big record is held once).
pub fn merge_owned(sources: Vec<Source>) -> BTreeMap<String, Merged> {
    let mut learners: BTreeMap<String, Merged> = BTreeMap::new();
    for source in sources {
        let name = source.file_learner();
        let mismatched = source.progress.learner != name;
        match learners.entry(name) {
            std::collections::btree_map::Entry::Vacant(slot) => {
                // As if merged into an empty record: one copy of each attempt and run, in
                // order. Every other field is kept as read (a field added later too).
                let mut progress = source.progress;
                progress.learner.clone_from(slot.key());
                let attempts = std::mem::take(&mut progress.attempts);
                let runs = std::mem::take(&mut progress.runs);
                progress.merge(&Progress {
                    attempts,
                    runs,
                    ..Progress::new(slot.key())
                });
                slot.insert(Merged {
                    progress,
                    mismatched,
                });
            }
            std::collections::btree_map::Entry::Occupied(mut slot) => {
                let entry = slot.get_mut();
                entry.progress.merge(&source.progress);
                entry.mismatched |= mismatched;
            }
        }
    }
    learners
}

impl Checked<'_> {
    /// What export and sync may send: the credible record with every completion the one
    /// rule does not credit removed (courses and lessons alike).
    pub fn creditable(&self, library: &Library) -> Progress {
        let mut out = self.credible.clone().into_owned();
        let ids: Vec<String> = out.courses.keys().cloned().collect();
        for id in ids {
            let credit = domain::course_credit(&self.credible, &id, library.course(&id));
            if let Some(course) = out.courses.get_mut(&id) {
                if !matches!(credit.status, domain::Status::Completed { .. }) {
                    course.completed = None;
                }
                for lesson in course.lessons.values_mut() {
                    if !domain::lesson_pages_seen(lesson) {
                        lesson.completed = None;
                    }
                }
            }
        }
        out
    }

    /// One line per problem, for messages: `attempt <id>: <flags>`, `course <id>: <flags>`.
    pub fn problems(&self, library: &Library) -> Vec<String> {
        let join = |flags: &[rules::Flag]| {
            flags
                .iter()
                .map(|f| f.name())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut out = Vec::new();
        if !self.findings.record.is_empty() {
            out.push(format!("whole record: {}", join(&self.findings.record)));
        }
        for (id, flags) in &self.findings.attempts {
            out.push(format!("attempt {id}: {}", join(flags)));
        }
        for (id, flags) in &self.findings.courses {
            out.push(format!("course {id}: {}", join(flags)));
        }
        for (id, course) in &self.credible.courses {
            if course.completed.is_some()
                && !matches!(
                    domain::course_credit(&self.credible, id, library.course(id)).status,
                    domain::Status::Completed { .. }
                )
            {
                out.push(format!(
                    "course {id}: {}",
                    rules::Flag::UnsupportedCompletion.name()
                ));
            }
        }
        out
    }
}

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
    // Names sorted as people sort them: `alice`, `Bob`, `carl` (the map sorts `Bob` first).
    let mut sorted: Vec<(&String, &Merged)> = learners.iter().collect();
    sorted.sort_by_cached_key(|(name, _)| (name.to_lowercase(), *name));
    for (name, merged) in sorted {
        if let Some(want) = &filter.learner
            && !want.eq_ignore_ascii_case(name)
        {
            continue;
        }
        let checked = merged.check(now);
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
        .and(record.and_then(|r| r.completed_version.clone()))
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

#[cfg(test)]
mod tests;
