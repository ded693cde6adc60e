//! A finished scenario run as kept in the progress file, and how a run becomes one.

use serde::{Deserialize, Serialize};

use super::engine::Step;
use super::{Rating, Run, Scenario};
use crate::progress::Stamp;

/// A scenario run that reached an ending, as kept in the progress file (only ever added to;
/// merged by `id`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunRecord {
    /// Unique run id.
    pub id: String,
    /// Course id.
    pub course: String,
    /// Lesson id.
    pub lesson: String,
    /// Scenario id.
    pub scenario: String,
    /// Scenario version (its `version`, else the course's).
    pub version: String,
    /// Nodes passed and the choice taken at each, in order.
    pub path: Vec<Step>,
    /// Steps taken back during the run.
    pub backs: u32,
    /// The ending reached.
    pub ending: Rating,
    /// Whether that ending passes the scenario.
    pub passed: bool,
    /// When the run started.
    pub started: Stamp,
    /// When it reached its ending.
    pub finished: Stamp,
    /// Active seconds from start to ending (capped gaps between inputs). Signed, so that a
    /// hand-edited negative value is read and flagged rather than making the file unreadable.
    pub active_seconds: i64,
}

/// Where a run happened and when, for [`RunRecord::new`].
#[derive(Debug, Clone, Copy)]
pub struct RunContext<'a> {
    /// Learner name (part of the run id).
    pub learner: &'a str,
    /// Course id.
    pub course: &'a str,
    /// Course version (used when the scenario has none).
    pub course_version: &'a str,
    /// Lesson id.
    pub lesson: &'a str,
    /// Start of the run.
    pub started: Stamp,
    /// End of the run.
    pub finished: Stamp,
}

/// A run's id: derived from who ran which scenario where, and when the run started (to the
/// millisecond), so it is known from the first choice on and the finished run keeps it.
#[must_use]
pub fn run_id(at: &RunContext<'_>, scenario: &str) -> String {
    let key = format!(
        "{}\n{}\n{}\n{}\n{}",
        at.learner, at.course, at.lesson, scenario, at.started
    );
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, key.as_bytes()).to_string()
}

impl RunRecord {
    /// The record of a run at an ending; `None` if the run has not ended. The id is derived
    /// from who, where and when it started ([`run_id`]), so the same run saved twice merges
    /// into one, and its entry under way (`RunInProgress`) has the same id.
    #[must_use]
    pub fn new(scenario: &Scenario, run: &Run, at: RunContext<'_>) -> Option<Self> {
        let ending = run.ending(scenario)?;
        let path = run.path(scenario);
        let millis = at.started.millis_until(at.finished);
        Some(Self {
            id: run_id(&at, &scenario.id),
            course: at.course.to_string(),
            lesson: at.lesson.to_string(),
            scenario: scenario.id.clone(),
            version: scenario.version_or(at.course_version),
            path,
            backs: run.backs(),
            ending,
            passed: scenario.passes(ending),
            started: at.started,
            finished: at.finished,
            active_seconds: (millis / 1000).max(0),
        })
    }

    /// The score of the run's ending: best 1.0, acceptable 0.5, poor 0.
    #[must_use]
    pub fn score(&self) -> f64 {
        self.ending.score()
    }
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // Tests compare with exact, representable constants.
mod tests {
    use std::path::Path;

    use super::*;
    use crate::progress::Progress;

    fn record(minute: u8) -> RunRecord {
        let src = "id = \"s\"\ntitle = \"S\"\nstart = \"a\"\n[[nodes]]\nid = \"a\"\ntext = \"A\"\n[[nodes.choices]]\nid = \"go\"\ntext = \"Go\"\nnext = \"end\"\nconsequence = \"C\"\ncoaching = \"K\"\nrating = \"best\"\n[[nodes]]\nid = \"end\"\nending = \"best\"\ntext = \"E\"\n";
        let s = crate::scenario::parse_scenario(Path::new("s.scenario.toml"), src).unwrap();
        let mut run = Run::new(&s);
        assert!(
            RunRecord::new(&s, &run, ctx(minute)).is_none(),
            "no ending yet"
        );
        run.choose(&s, 0);
        RunRecord::new(&s, &run, ctx(minute)).unwrap()
    }

    fn ctx(minute: u8) -> RunContext<'static> {
        let at = |m: u8| -> Stamp { format!("2026-11-24T10:{m:02}:00-05:00").parse().unwrap() };
        RunContext {
            learner: "jdoe",
            course: "c",
            course_version: "2.0",
            lesson: "01-s",
            started: at(minute),
            finished: at(minute + 3),
        }
    }

    #[test]
    fn a_run_becomes_a_record() {
        let r = record(0);
        assert_eq!(r.version, "2.0");
        assert_eq!(r.active_seconds, 180);
        assert!(r.passed);
        assert_eq!(r.score(), 1.0);
        assert_eq!(r.path.len(), 2);
        assert_eq!(record(0).id, r.id, "the same run has the same id");
        assert_ne!(record(10).id, r.id);
    }

    #[test]
    fn runs_from_two_machines_merge_by_id_and_are_only_added() {
        let mut a = Progress::new("jdoe");
        a.runs = vec![record(0), record(10)];
        let mut b = Progress::new("jdoe");
        b.runs = vec![record(20), record(0)];
        a.merge(&b);
        let minutes: Vec<i64> = a.runs.iter().map(|r| r.active_seconds).collect();
        assert_eq!(minutes, [180, 180, 180]);
        assert_eq!(a.runs.len(), 3);
        let before = a.clone();
        a.merge(&Progress::new("jdoe"));
        assert_eq!(a, before, "merging nothing removes nothing");
        // Through the file format and back.
        let text = toml::to_string(&a).unwrap();
        assert!(text.contains("[[runs]]"), "{text}");
        let back: Progress = toml::from_str(&text).unwrap();
        assert_eq!(back, a);
    }
}
