//! Compliance for training coordinators: who has done the required training, who is due,
//! who is overdue, from the roster, the requirements and the progress records.
//!
//! Everything here is pure: the command reads the files and passes in `as_of`.

pub mod format;
pub mod period;
pub mod requirements;
pub mod roster;

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use crate::course::Library;
use crate::progress::Progress;
use crate::report::{self, BestScore};
use requirements::{Requirements, Rule};
use roster::{OfficerStatus, Roster};

/// Days before a due date when an officer shows as due soon, unless configured.
pub const DEFAULT_DUE_SOON_DAYS: i64 = 30;

/// One completion of a course by one learner, with its evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Completion {
    /// Learner name as in the progress file.
    pub learner: String,
    /// Course id.
    pub course: String,
    /// When the course was completed (RFC 3339), the first time.
    pub completed: String,
    /// Local date of the first completion.
    pub first: Date,
    /// Local date of the latest completion: a final assessment passed again after the first
    /// completion renews it (that is how an officer recertifies).
    pub last: Date,
    /// Every completion date, the first and each renewal, in order.
    pub dates: Vec<Date>,
    /// Hours credited.
    pub hours: f64,
    /// Course version completed.
    pub version: Option<String>,
    /// Best quiz results.
    pub best: Option<BestScore>,
    /// The xAPI id of the completion statement: the certificate's verification code.
    pub statement_id: String,
}

/// Every course completion in the merged records, under the one completion rule.
///
/// A completion counts only when the record holds it; the renewal date is the latest passed
/// attempt at the course's last quiz on or after the first completion.
pub fn completions(learners: &BTreeMap<String, Progress>, library: &Library) -> Vec<Completion> {
    learners
        .iter()
        .flat_map(|(name, progress)| learner_completions(name, progress, library))
        .collect()
}

/// One learner's course completions (see [`completions`]).
pub fn learner_completions(name: &str, progress: &Progress, library: &Library) -> Vec<Completion> {
    let mut out = Vec::new();
    for (course, record) in &progress.courses {
        let Some(when) = record.completed else {
            continue;
        };
        let first = when.date();
        let meta = library.course(course);
        let final_lesson = meta
            .and_then(|m| m.lessons.iter().rev().find(|l| l.quiz.is_some()))
            .map(|l| l.id().to_string());
        let mut dates: Vec<Date> = progress
            .attempts
            .iter()
            .filter(|a| {
                a.course == *course
                    && a.passed
                    && final_lesson.as_deref().is_none_or(|l| a.lesson == l)
            })
            .map(|a| a.finished.date())
            .filter(|d| *d > first)
            .collect();
        dates.push(first);
        dates.sort_unstable();
        dates.dedup();
        let last = dates.last().copied().unwrap_or(first);
        out.push(Completion {
            learner: name.to_string(),
            course: course.clone(),
            first,
            last,
            dates,
            hours: record
                .completed_hours
                .or_else(|| meta.map(|m| m.hours))
                .unwrap_or(0.0),
            version: record
                .completed_version
                .clone()
                .or_else(|| meta.map(|m| m.version.clone())),
            best: report::best_score(progress, course),
            statement_id: crate::report::xapi::record_statement_id(
                name,
                course,
                "",
                crate::report::xapi::verbs::COMPLETED,
            )
            .to_string(),
            completed: when.to_string(),
        });
    }
    out
}

/// Where an officer stands on one required course.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Standing {
    /// Past the due date (and any grace period).
    Overdue,
    /// Due within the warning window, or inside the grace period.
    DueSoon,
    /// Never completed, not yet due soon.
    NotStarted,
    /// Completed and not due again soon.
    Compliant,
    /// On leave or separated: not required now.
    Exempt,
}

impl Standing {
    /// The word used in every output.
    pub fn key(self) -> &'static str {
        match self {
            Standing::Overdue => "overdue",
            Standing::DueSoon => "due-soon",
            Standing::NotStarted => "not-started",
            Standing::Compliant => "compliant",
            Standing::Exempt => "exempt",
        }
    }
}

/// One officer and one required course.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// Officer id from the roster.
    pub officer_id: String,
    /// Display name.
    pub name: String,
    /// Unit.
    pub unit: String,
    /// Course id.
    pub course: String,
    /// Where they stand.
    pub status: Standing,
    /// Latest completion date, if any.
    pub last_completed: Option<Date>,
    /// When it is next due (`None`: completed once and never again required, or unknown).
    pub next_due: Option<Date>,
    /// Days past the due date (after grace), 0 when not overdue.
    pub days_overdue: i64,
    /// Why a date is missing, when one is.
    pub note: Option<String>,
}

/// The compliance report.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Compliance {
    /// One row per officer and required course, roster order then rule order.
    pub rows: Vec<Row>,
    /// Learner names in the records that belong to no officer.
    pub unmatched: Vec<String>,
    /// Counts per unit (an empty unit shows as `(none)`).
    pub units: BTreeMap<String, UnitTotals>,
}

/// Counts of each standing in one unit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UnitTotals {
    /// Officers on the roster in the unit.
    pub officers: usize,
    /// Rows compliant.
    pub compliant: usize,
    /// Rows due soon.
    pub due_soon: usize,
    /// Rows overdue.
    pub overdue: usize,
    /// Rows not started.
    pub not_started: usize,
    /// Rows exempt.
    pub exempt: usize,
}

impl Compliance {
    /// Whether anyone is overdue (the command's exit code says so).
    pub fn any_overdue(&self) -> bool {
        self.rows.iter().any(|r| r.status == Standing::Overdue)
    }
}

/// Builds the report as of `as_of`.
pub fn build(
    roster: &Roster,
    requirements: &Requirements,
    completions: &[Completion],
    learner_names: &[String],
    as_of: Date,
    due_soon_days: i64,
) -> Compliance {
    let mut rows = Vec::new();
    let mut units: BTreeMap<String, UnitTotals> = BTreeMap::new();
    for officer in &roster.officers {
        let unit_key = if officer.unit.is_empty() {
            "(none)".to_string()
        } else {
            officer.unit.clone()
        };
        let totals = units.entry(unit_key).or_default();
        totals.officers += 1;
        for rule in requirements.rules.iter().filter(|r| r.who.covers(officer)) {
            let last = completions
                .iter()
                .filter(|c| {
                    c.course == rule.course
                        && officer
                            .learners
                            .iter()
                            .any(|l| roster::identity(l) == roster::identity(&c.learner))
                })
                .flat_map(|c| c.dates.iter().copied())
                .filter(|d| *d <= as_of)
                .max();
            let row = standing(officer, rule, last, as_of, due_soon_days);
            match row.status {
                Standing::Overdue => totals.overdue += 1,
                Standing::DueSoon => totals.due_soon += 1,
                Standing::NotStarted => totals.not_started += 1,
                Standing::Compliant => totals.compliant += 1,
                Standing::Exempt => totals.exempt += 1,
            }
            rows.push(row);
        }
    }
    Compliance {
        rows,
        unmatched: roster::unmatched(roster, learner_names.iter().map(String::as_str)),
        units,
    }
}

fn standing(
    officer: &roster::Officer,
    rule: &Rule,
    last: Option<Date>,
    as_of: Date,
    due_soon_days: i64,
) -> Row {
    let mut row = Row {
        officer_id: officer.id.clone(),
        name: officer.name.clone(),
        unit: officer.unit.clone(),
        course: rule.course.clone(),
        status: Standing::NotStarted,
        last_completed: last,
        next_due: None,
        days_overdue: 0,
        note: None,
    };
    if officer.status != OfficerStatus::Active {
        row.status = Standing::Exempt;
        row.note = Some(match officer.status {
            OfficerStatus::Leave => "on leave".into(),
            _ => "separated".into(),
        });
        return row;
    }
    row.next_due = match (last, rule.every) {
        (Some(done), Some(every)) => every.after(done),
        (Some(_), None) => None,
        (None, _) => rule.first_due(officer),
    };
    let Some(due) = row.next_due else {
        if last.is_some() {
            row.status = Standing::Compliant;
        } else {
            row.note = Some("no hire date on the roster for this `within` rule".into());
        }
        return row;
    };
    let overdue_from = rule.grace.and_then(|g| g.after(due)).unwrap_or(due);
    let days_to_due = (due - as_of).get_days();
    if as_of > overdue_from {
        row.status = Standing::Overdue;
        row.days_overdue = i64::from((as_of - overdue_from).get_days());
    } else if as_of > due || i64::from(days_to_due) <= due_soon_days {
        row.status = Standing::DueSoon;
        if as_of > due {
            row.note = Some(format!("in grace until {overdue_from}"));
        }
    } else if last.is_some() {
        row.status = Standing::Compliant;
    }
    row
}

/// What the player needs to show a learner's required courses: the rules, and the roster to
/// tell which of them cover this learner. Loaded once at start.
#[derive(Debug, Clone, Default)]
pub struct Duties {
    /// The good rules of `requirements.toml` (none without one).
    pub rules: Vec<Rule>,
    /// The roster, when the data folder has one.
    pub roster: Option<Roster>,
}

/// One required course as the player shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duty {
    /// Where the learner stands.
    pub status: Standing,
    /// When it is next due, if known.
    pub next_due: Option<Date>,
    /// Days past due (after grace).
    pub days_overdue: i64,
    /// Whether the course recurs (`every`), so a completion has a renewal date.
    pub recurs: bool,
}

impl Duties {
    /// Reads `requirements.toml` beside the courses and the roster in the data folder, for the
    /// player. A missing or unreadable file means no duties; problems are for `check` and
    /// `compliance` to report, not a reason to keep an officer from training.
    pub fn load(
        courses_root: &std::path::Path,
        data_dir: &std::path::Path,
        library: &Library,
    ) -> Self {
        let path = courses_root.join(requirements::FILE_NAME);
        let Ok(text) = read_text(&path) else {
            return Self::default();
        };
        let ids = library.courses.iter().map(|c| c.id.clone()).collect();
        let rules = Requirements::parse(&path, &text, &ids).rules;
        let roster = ["roster.csv", "roster.toml"].iter().find_map(|name| {
            let path = data_dir.join(name);
            read_text(&path).ok().map(|t| Roster::parse(&path, &t))
        });
        Self { rules, roster }
    }

    /// The learner's required courses, by course id, as of `today`.
    ///
    /// Without a roster only `who = "all"` rules with a fixed date apply: a unit, a role or a
    /// hire date cannot be known.
    pub fn for_learner(
        &self,
        learner: &str,
        progress: &Progress,
        library: &Library,
        today: Date,
    ) -> BTreeMap<String, Duty> {
        let mut out = BTreeMap::new();
        if self.rules.is_empty() {
            return out;
        }
        let anonymous;
        let officer = if let Some(o) = self.roster.as_ref().and_then(|r| r.officer_for(learner)) {
            o
        } else {
            anonymous = roster::Officer {
                id: String::new(),
                name: learner.to_string(),
                learners: vec![learner.to_string()],
                unit: String::new(),
                role: String::new(),
                status: OfficerStatus::Active,
                hire_date: None,
                line: 0,
            };
            &anonymous
        };
        let done = learner_completions(learner, progress, library);
        for rule in self.rules.iter().filter(|r| r.who.covers(officer)) {
            let last = done
                .iter()
                .filter(|c| c.course == rule.course)
                .flat_map(|c| c.dates.iter().copied())
                .filter(|d| *d <= today)
                .max();
            let row = standing(officer, rule, last, today, DEFAULT_DUE_SOON_DAYS);
            if row.status == Standing::Exempt
                || (row.next_due.is_none() && row.status == Standing::NotStarted)
            {
                continue;
            }
            out.insert(
                rule.course.clone(),
                Duty {
                    status: row.status,
                    next_due: row.next_due,
                    days_overdue: row.days_overdue,
                    recurs: rule.every.is_some(),
                },
            );
        }
        out
    }

    /// Library order: required courses first (overdue, then due soonest), then the rest in
    /// library order. Indices into `library.courses`.
    pub fn library_order(
        &self,
        learner: &str,
        progress: &Progress,
        library: &Library,
        today: Date,
    ) -> Vec<usize> {
        let duties = self.for_learner(learner, progress, library, today);
        let mut order: Vec<usize> = (0..library.courses.len()).collect();
        // A stable sort keeps library order within each group.
        order.sort_by_key(|&i| {
            let id = &library.courses[i].id;
            match duties.get(id) {
                Some(d) if d.status != Standing::Compliant => {
                    (0, d.status, d.next_due.unwrap_or(Date::MAX))
                }
                Some(_) => (1, Standing::Compliant, Date::MAX),
                None => (2, Standing::Compliant, Date::MAX),
            }
        });
        order
    }
}

/// The candidate nearest to `word` (case or one or two edits apart), for "did you mean".
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (edit_distance(&word, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests;

/// Largest roster or requirements file read (a department of thousands fits many times).
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Reads a roster or requirements file: a real, regular file, size-capped before reading.
///
/// # Errors
/// See [`crate::fsio::ReadError`].
pub fn read_text(path: &std::path::Path) -> Result<String, crate::fsio::ReadError> {
    crate::fsio::read_text(path, MAX_FILE_BYTES, crate::fsio::Links::Refuse)
}
