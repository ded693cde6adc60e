//! A learner's united record checked against the record rules: what is wrong, and what may
//! be credited.

use super::Merged;
use crate::course::Library;
use crate::domain;
use crate::progress::validate as rules;
use crate::progress::{Progress, Stamp};

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
    /// Validates the merged record as of `now`, scenario runs by their records alone.
    pub fn check(&self, now: Stamp) -> Checked<'_> {
        self.check_with(now, None)
    }

    /// Validates the merged record as of `now`; scenario runs also against the scenarios in
    /// `scenarios` (their paths, endings and verdicts), where the run's version is theirs.
    pub fn check_with(
        &self,
        now: Stamp,
        scenarios: Option<&crate::scenario::ScenarioBook>,
    ) -> Checked<'_> {
        let mut findings = rules::check(&self.progress, None, now);
        if let Some(book) = scenarios {
            rules::check_scenarios(&mut findings, &self.progress, book);
        }
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

    /// One line per problem, for messages: `attempt <id>: <flags>`, `run <id> (<course>/<lesson>):
    /// <flags>`, `course <id>: <flags>`.
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
        for run in &self.progress.runs {
            if let Some(flags) = self.findings.runs.get(&run.id) {
                out.push(format!(
                    "run {} ({}/{}): {}",
                    run.id,
                    run.course,
                    run.lesson,
                    join(flags)
                ));
            }
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
