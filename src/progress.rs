//! A learner's progress: what is kept, and how two copies of it merge.
//!
//! The on-disk store (atomic, locked, merged writes) lives in [`store`].

pub mod active;
pub mod in_progress;
mod migrate;
pub mod pages;
pub mod stamp;
pub mod store;
pub mod validate;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::quiz::Answer;
pub use active::PageTime;
pub use in_progress::InProgress;
pub use pages::PageSet;
pub use stamp::Stamp;

/// The newest progress file schema this build reads and writes. Schema 2 writes `pages_seen`
/// as ranges (`"1-5,7"`); schema 1 wrote a list of numbers, which is still read. Schema 3 adds
/// `[[runs]]` (scenario runs). Schema 4 adds time on task (`active_seconds` on lessons and
/// attempts), question ids on answers (`id`) and quiz attempts under way (`[[in_progress]]`).
/// Schema 5 adds scenario runs under way (`[[runs_in_progress]]`).
///
/// A file is written with the lowest schema that holds its record ([`Progress::schema_needed`]):
/// a record without runs stays readable by schema-2 builds, and a schema-2 build meeting runs
/// says "written by a newer rollcall" instead of failing on an unknown field.
pub const SCHEMA: u32 = 5;

/// The schema that first had `[[runs_in_progress]]` (scenario runs under way).
const SCHEMA_RUNS_IN_PROGRESS: u32 = 5;

/// The schema that first had `[[in_progress]]` (quiz attempts under way).
const SCHEMA_IN_PROGRESS: u32 = 4;
/// The schema that first had active time and answer ids.
const SCHEMA_TIME: u32 = 4;

/// The schema that first had `[[runs]]`.
const SCHEMA_RUNS: u32 = 3;

/// The schema of a record with nothing newer than ranged `pages_seen`.
const SCHEMA_BASE: u32 = 2;

/// Largest progress file read: anything bigger is not one of ours.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Everything kept for one learner (`<learner>.toml`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    /// File format version; see [`SCHEMA`].
    pub schema: u32,
    /// The learner's name, as in the file name.
    pub learner: String,
    /// Per course, by course id.
    #[serde(default)]
    pub courses: BTreeMap<String, CourseProgress>,
    /// Quiz attempts under way (never a score; see [`in_progress`]). Before `attempts` so
    /// the file's head holds them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub in_progress: Vec<InProgress>,
    /// Scenario runs under way (never a finished run; see `scenario::RunInProgress`). In the
    /// file's head too.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub runs_in_progress: Vec<crate::scenario::RunInProgress>,
    /// Every quiz attempt, oldest first; only ever added to.
    #[serde(default)]
    pub attempts: Vec<Attempt>,
    /// Every scenario run that reached an ending, oldest first; only ever added to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub runs: Vec<crate::scenario::RunRecord>,
}

/// Progress in one course.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CourseProgress {
    /// When the learner first opened the course.
    pub first_opened: Option<Stamp>,
    /// When the course was completed (counted only with its evidence: see `domain`).
    pub completed: Option<Stamp>,
    /// Course version at completion.
    pub completed_version: Option<String>,
    /// Credit hours at completion.
    pub completed_hours: Option<f64>,
    /// Per lesson, by lesson id (file name without `.md`).
    #[serde(default)]
    pub lessons: BTreeMap<String, LessonProgress>,
}

/// Progress in one lesson.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonProgress {
    /// Last page viewed, 1-based.
    pub page: usize,
    /// When that page was viewed: the latest position wins a merge.
    pub viewed_at: Option<Stamp>,
    /// Pages seen, 1-based.
    #[serde(default)]
    pub pages_seen: PageSet,
    /// Number of pages the lesson had when last viewed.
    #[serde(default)]
    pub pages_total: usize,
    /// When the lesson was completed (all pages seen and quiz passed).
    pub completed: Option<Stamp>,
    /// Active seconds per page, per session (see [`PageTime`]); empty in records from before
    /// time on task.
    #[serde(default, skip_serializing_if = "PageTime::is_empty")]
    pub active_seconds: PageTime,
}

/// One finished quiz attempt: a training record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attempt {
    /// Unique id (UUID v4).
    pub id: String,
    /// Course id.
    pub course: String,
    /// Lesson id.
    pub lesson: String,
    /// Quiz file, relative to the course folder.
    pub quiz: String,
    /// Course version at the time.
    pub course_version: String,
    /// When the attempt started.
    pub started: Stamp,
    /// When it finished.
    pub finished: Stamp,
    /// Questions answered right.
    pub score: usize,
    /// Number of questions.
    pub total: usize,
    /// score / total × 100.
    pub percent: f64,
    /// Whether percent reached the pass mark.
    pub passed: bool,
    /// Pass mark used.
    #[serde(default)]
    pub pass_percent: u8,
    /// Each answer given, in the order asked.
    #[serde(default)]
    pub answers: Vec<GivenAnswer>,
    /// Active seconds during the attempt (capped gaps between inputs); `None` in attempts
    /// recorded before time on task.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active_seconds: Option<u64>,
}

/// One answer within an attempt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GivenAnswer {
    /// Question number in the quiz file, 1-based, when the answer was given.
    pub question: usize,
    /// The question's id (quiz format v2); older records have none and are matched to ids
    /// by `question` (see `quiz::Quiz::id_at`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// What was answered (indices in file order, 0-based).
    pub answer: Answer,
    /// Whether it was right.
    pub correct: bool,
}

impl Progress {
    /// An empty record for `learner`.
    pub fn new(learner: &str) -> Self {
        Self {
            schema: SCHEMA,
            learner: learner.to_string(),
            courses: BTreeMap::new(),
            in_progress: Vec::new(),
            runs_in_progress: Vec::new(),
            attempts: Vec::new(),
            runs: Vec::new(),
        }
    }

    /// The lowest schema whose readers understand every field this record uses (what
    /// [`to_toml`] writes). A field added with a new schema adds its line here.
    #[must_use]
    pub fn schema_needed(&self) -> u32 {
        let mut schema = SCHEMA_BASE;
        if !self.runs.is_empty() {
            schema = schema.max(SCHEMA_RUNS);
        }
        if !self.in_progress.is_empty() {
            schema = schema.max(SCHEMA_IN_PROGRESS);
        }
        if !self.runs_in_progress.is_empty() {
            schema = schema.max(SCHEMA_RUNS_IN_PROGRESS);
        }
        let timed =
            self.courses
                .values()
                .any(|c| c.lessons.values().any(|l| !l.active_seconds.is_empty()))
                || self.attempts.iter().any(|a| {
                    a.active_seconds.is_some() || a.answers.iter().any(|g| g.id.is_some())
                });
        if timed {
            schema = schema.max(SCHEMA_TIME);
        }
        schema
    }

    /// Merges `other` into `self`: attempts are united by id, earliest completion and first
    /// opening win, the latest page position wins, pages seen are united.
    ///
    /// Two attempts with one id but different content are both kept: nothing is dropped, and
    /// validation flags the pair (`duplicate-attempt-id`) so neither is credited.
    pub fn merge(&mut self, other: &Progress) {
        let mut have: std::collections::HashMap<String, Vec<usize>> =
            std::collections::HashMap::new();
        // A union: one copy of each attempt, whichever side held it (or held it twice).
        let ours = std::mem::take(&mut self.attempts);
        for attempt in ours.into_iter().chain(other.attempts.iter().cloned()) {
            let same = have.entry(attempt.id.clone()).or_default();
            if let Some(&i) = same
                .iter()
                .find(|&&i| same_attempt(&self.attempts[i], &attempt))
            {
                // One attempt, one copy migrated to question ids: keep the one with ids.
                if migrate::ids_filled(&attempt) > migrate::ids_filled(&self.attempts[i]) {
                    self.attempts[i] = attempt;
                }
            } else {
                same.push(self.attempts.len());
                self.attempts.push(attempt);
            }
        }
        self.sort_attempts();
        let finished: Vec<&str> = self.attempts.iter().map(|a| a.id.as_str()).collect();
        in_progress::merge(&mut self.in_progress, &other.in_progress, &finished);
        for run in &other.runs {
            if !self.runs.iter().any(|r| r.id == run.id) {
                self.runs.push(run.clone());
            }
        }
        self.runs
            .sort_by(|a, b| a.finished.cmp(&b.finished).then(a.id.cmp(&b.id)));
        let finished: Vec<&str> = self.runs.iter().map(|r| r.id.as_str()).collect();
        in_progress::merge(
            &mut self.runs_in_progress,
            &other.runs_in_progress,
            &finished,
        );
        for (id, theirs) in &other.courses {
            self.courses.entry(id.clone()).or_default().merge(theirs);
        }
    }

    /// Puts attempts in the order merges keep: by finishing time, then id.
    pub fn sort_attempts(&mut self) {
        // Two copies of one id that differ (kept for validation to flag) are ordered by
        // their content, so merging is commutative down to the order.
        self.attempts.sort_by(|a, b| {
            a.finished
                .cmp(&b.finished)
                .then(a.id.cmp(&b.id))
                .then_with(|| format!("{a:?}").cmp(&format!("{b:?}")))
        });
    }

    /// One lesson's progress, made (empty) when there is none yet.
    pub fn lesson_mut(&mut self, course: String, lesson: String) -> &mut LessonProgress {
        self.courses
            .entry(course)
            .or_default()
            .lessons
            .entry(lesson)
            .or_default()
    }

    /// Attempts at one lesson's quiz, oldest first.
    pub fn attempts_for<'a>(
        &'a self,
        course: &'a str,
        lesson: &'a str,
    ) -> impl Iterator<Item = &'a Attempt> + 'a {
        self.attempts
            .iter()
            .filter(move |a| a.course == course && a.lesson == lesson)
    }

    /// The best attempt at one lesson's quiz (highest percent, then earliest).
    pub fn best_attempt<'a>(&'a self, course: &'a str, lesson: &'a str) -> Option<&'a Attempt> {
        self.attempts_for(course, lesson)
            .fold(None, |best, a| match best {
                Some(b) if b.percent >= a.percent => Some(b),
                _ => Some(a),
            })
    }

    /// Whether any attempt at one lesson's quiz passed (and its numbers agree).
    pub fn quiz_passed(&self, course: &str, lesson: &str) -> bool {
        crate::domain::quiz_passed(self, course, lesson)
    }

    /// One lesson's progress, if any.
    pub fn lesson(&self, course: &str, lesson: &str) -> Option<&LessonProgress> {
        self.courses.get(course)?.lessons.get(lesson)
    }

    /// The attempt at one lesson's quiz that the learner may continue (the latest started, not
    /// discarded, not finished).
    #[must_use]
    pub fn open_attempt(&self, course: &str, lesson: &str) -> Option<&InProgress> {
        self.in_progress
            .iter()
            .filter(|p| p.course == course && p.lesson == lesson && p.is_open())
            .filter(|p| !self.attempts.iter().any(|a| a.id == p.id))
            .max_by(|a, b| a.started.cmp(&b.started).then(a.id.cmp(&b.id)))
    }

    /// The scenario run at one lesson that the learner may continue (the latest started, not
    /// discarded, not finished).
    #[must_use]
    pub fn open_run(&self, course: &str, lesson: &str) -> Option<&crate::scenario::RunInProgress> {
        self.runs_in_progress
            .iter()
            .filter(|p| p.course == course && p.lesson == lesson && p.is_open())
            .filter(|p| !self.runs.iter().any(|r| r.id == p.id))
            .max_by(|a, b| a.started.cmp(&b.started).then(a.id.cmp(&b.id)))
    }
}

impl CourseProgress {
    /// Merges another copy of the same course's progress into this one.
    pub fn merge(&mut self, other: &CourseProgress) {
        self.first_opened = earliest(self.first_opened, other.first_opened);
        let keep_ours = match (&self.completed, &other.completed) {
            (Some(a), Some(b)) if a != b => a < b,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            // The same completion (or none) on both: keep the larger details, so that the
            // order of merging cannot change the result.
            _ => {
                self.completed_version = self
                    .completed_version
                    .take()
                    .max(other.completed_version.clone());
                self.completed_hours = match (self.completed_hours, other.completed_hours) {
                    (Some(a), Some(b)) => Some(if a.total_cmp(&b).is_ge() { a } else { b }),
                    (a, b) => a.or(b),
                };
                true
            }
        };
        if !keep_ours {
            self.completed = other.completed;
            self.completed_version.clone_from(&other.completed_version);
            self.completed_hours = other.completed_hours;
        }
        for (id, theirs) in &other.lessons {
            self.lessons.entry(id.clone()).or_default().merge(theirs);
        }
    }
}

impl LessonProgress {
    /// Merges another copy of the same lesson's progress into this one.
    pub fn merge(&mut self, other: &LessonProgress) {
        // The later view wins. On the same instant the incoming copy wins: the store merges
        // the app's record into the one on disk, and two page turns can share a timestamp.
        // When neither says when, the further position wins, so the order of merging cannot
        // change the result.
        let theirs_newer = match (&self.viewed_at, &other.viewed_at) {
            (Some(a), Some(b)) => b >= a,
            (None, Some(_)) => true,
            (Some(_), None) => false,
            (None, None) => (other.page, other.pages_total) > (self.page, self.pages_total),
        };
        if theirs_newer {
            self.page = other.page;
            self.viewed_at = other.viewed_at;
            self.pages_total = other.pages_total;
        }
        self.pages_seen.extend(&other.pages_seen);
        self.completed = earliest(self.completed, other.completed);
        self.active_seconds.merge(&other.active_seconds);
    }
}

/// Whether two attempts are the same record, a NaN percent in a hand-edited file included,
/// and a copy whose answers were since given their question ids: merging an attempt with
/// itself must never add it again.
fn same_attempt(a: &Attempt, b: &Attempt) -> bool {
    a == b || format!("{a:?}") == format!("{b:?}") || migrate::same_but_filled_ids(a, b)
}

/// The earlier of two times.
fn earliest(a: Option<Stamp>, b: Option<Stamp>) -> Option<Stamp> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Why a progress file's text could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// Not TOML, wrong types, truncated.
    #[error("{0}")]
    Invalid(String),
    /// Written by a newer rollcall.
    #[error(
        "schema {found} is newer than this rollcall understands (schema {SCHEMA}); update rollcall"
    )]
    NewerSchema {
        /// The schema found in the file.
        found: u32,
    },
}

/// Parses a progress file's text, migrating older schemas to the current one.
///
/// Big files (thousands of attempts) are parsed one attempt at a time, so memory stays near
/// the size of the record rather than of a whole TOML tree; anything unusual takes the plain
/// path, which also gives the error messages.
///
/// # Errors
/// When the text is not a valid progress record or comes from a newer schema.
pub fn parse(source: &str) -> Result<Progress, ParseError> {
    let mut progress = match chunked::parse(source) {
        Some(p) => p,
        None => parse_whole(source)?,
    };
    // Migrations: schema 1 differs only in how `pages_seen` is written, read either way;
    // schema 3 only adds `runs`, which older files simply lack.
    progress.schema = SCHEMA;
    Ok(progress)
}

/// Parses the whole text as one TOML document.
fn parse_whole(source: &str) -> Result<Progress, ParseError> {
    let value: toml::Table = source
        .parse()
        .map_err(|e: toml::de::Error| ParseError::Invalid(one_line(&e.to_string())))?;
    let schema = value
        .get("schema")
        .and_then(toml::Value::as_integer)
        .ok_or_else(|| ParseError::Invalid("missing or invalid `schema` field".into()))?;
    let schema = u32::try_from(schema)
        .map_err(|_| ParseError::Invalid(format!("invalid schema {schema}")))?;
    if schema > SCHEMA {
        return Err(ParseError::NewerSchema { found: schema });
    }
    // Converting the parsed table is about twice as fast as parsing the text again (progress
    // is re-read on every save); only a bad file is parsed again, for a message with a line.
    toml::Value::Table(value)
        .try_into()
        .or_else(|_| toml::from_str(source))
        .map_err(|e| ParseError::Invalid(one_line(&e.to_string())))
}

/// Serializes a record as TOML, under the lowest schema that holds it.
///
/// # Errors
/// Only if a value cannot be expressed in TOML (never for records built by rollcall).
pub fn to_toml(progress: &Progress) -> Result<String, toml::ser::Error> {
    let text = toml::to_string(progress)?;
    // `schema` is the first field, so the first line; rewriting it avoids copying a record
    // of thousands of attempts just to change one number.
    let ours = format!("schema = {}\n", progress.schema);
    let needed = progress.schema_needed();
    match text.strip_prefix(&ours) {
        Some(rest) if needed != progress.schema => Ok(format!("schema = {needed}\n{rest}")),
        _ => Ok(text),
    }
}

fn one_line(s: &str) -> String {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

mod chunked;

#[cfg(test)]
mod tests;
