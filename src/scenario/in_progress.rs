//! Scenario runs under way: saved after every choice and every step back, so a crash, a kill
//! or a quit does not lose them, and never counted as a finished run anywhere (only
//! [`super::RunRecord`]s are).
//!
//! They merge by the quiz's rule for attempts under way ([`crate::progress::in_progress`]):
//! keyed by run id; a finished run with the id supersedes; a discarded entry (a tombstone)
//! beats a live one; else the longer walk (every choice and every step back counts, so the
//! save after a `b` beats the one before it), then the later `updated`.

use serde::{Deserialize, Serialize};

use super::engine::Step;
use super::{Run, RunContext, Scenario};
use crate::progress::Stamp;
use crate::progress::in_progress::Underway;

/// A scenario run under way, as kept in the progress file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunInProgress {
    /// The run id (the finished run keeps it: see [`super::record::run_id`]).
    pub id: String,
    /// Course id.
    pub course: String,
    /// Lesson id.
    pub lesson: String,
    /// Scenario id.
    pub scenario: String,
    /// Scenario version (its `version`, else the course's).
    pub version: String,
    /// When the run started.
    pub started: Stamp,
    /// When it was last saved (or discarded).
    pub updated: Stamp,
    /// When the learner discarded it; a discarded entry keeps no path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discarded: Option<Stamp>,
    /// Steps taken back so far.
    #[serde(default)]
    pub backs: u32,
    /// Active seconds so far (capped gaps between inputs); signed like the finished run's.
    #[serde(default)]
    pub active_seconds: i64,
    /// The path so far, as a finished run's: nodes passed and the choice taken at each, the
    /// node on screen last.
    #[serde(default)]
    pub path: Vec<Step>,
}

impl RunInProgress {
    /// The run as it stands; `at.finished` is when it is saved.
    #[must_use]
    pub fn new(scenario: &Scenario, run: &Run, at: RunContext<'_>, active_seconds: i64) -> Self {
        Self {
            id: super::record::run_id(&at, &scenario.id),
            course: at.course.to_string(),
            lesson: at.lesson.to_string(),
            scenario: scenario.id.clone(),
            version: scenario.version_or(at.course_version),
            started: at.started,
            updated: at.finished,
            discarded: None,
            backs: run.backs(),
            active_seconds,
            path: run.path(scenario),
        }
    }

    /// Whether the learner may continue it (not discarded).
    #[must_use]
    pub fn is_open(&self) -> bool {
        self.discarded.is_none()
    }

    /// This entry as a tombstone: discarded at `at`, its path dropped.
    #[must_use]
    pub fn discard(&self, at: Stamp) -> Self {
        Self {
            discarded: Some(at),
            updated: at,
            path: Vec::new(),
            ..self.clone()
        }
    }

    /// Decisions taken so far (steps with a choice).
    #[must_use]
    pub fn decisions(&self) -> usize {
        self.path.iter().filter(|s| s.choice.is_some()).count()
    }

    /// The run rebuilt in `scenario` (version `version`): the same node, path, meters and
    /// steps back. `None` when the scenario or its version is not the run's, or the path is
    /// not possible in it (the file changed since).
    #[must_use]
    pub fn replay(&self, scenario: &Scenario, version: &str) -> Option<Run> {
        if self.scenario != scenario.id || self.version != version || !self.is_open() {
            return None;
        }
        Run::replay(scenario, &self.path).map(|run| run.with_backs(self.backs))
    }
}

impl Underway for RunInProgress {
    fn id(&self) -> &str {
        &self.id
    }
    fn started(&self) -> Stamp {
        self.started
    }
    fn updated(&self) -> Stamp {
        self.updated
    }
    fn discarded(&self) -> bool {
        self.discarded.is_some()
    }
    fn walked(&self) -> usize {
        // A choice adds one decision; a step back removes one and adds a back: so decisions
        // plus twice the backs grows by one with every move.
        self.decisions() + 2 * usize::try_from(self.backs).unwrap_or(usize::MAX / 4)
    }
    fn tombstone(&self, at: Stamp) -> Self {
        self.discard(at)
    }
}

#[cfg(test)]
#[allow(clippy::cloned_ref_to_slice_refs)] // Copies side by side read as the two machines.
mod tests {
    use std::path::Path;

    use super::*;
    use crate::progress::{Progress, in_progress::merge};

    const SRC: &str = "id = \"s\"\ntitle = \"S\"\nstart = \"a\"\n\
        [[meters]]\nid = \"m\"\nstart = 1\nmax = 5\n\
        [[nodes]]\nid = \"a\"\ntext = \"A\"\n\
        [[nodes.choices]]\nid = \"go\"\ntext = \"Go\"\nnext = \"b\"\nconsequence = \"C\"\ncoaching = \"K\"\nrating = \"best\"\neffects = { m = 2 }\n\
        [[nodes.choices]]\nid = \"stay\"\ntext = \"Stay\"\nnext = \"a\"\nconsequence = \"C\"\ncoaching = \"K\"\nrating = \"poor\"\n\
        [[nodes]]\nid = \"b\"\ntext = \"B\"\n\
        [[nodes.choices]]\nid = \"on\"\ntext = \"On\"\nnext = \"end\"\nconsequence = \"C\"\ncoaching = \"K\"\nrating = \"best\"\n\
        [[nodes]]\nid = \"end\"\nending = \"best\"\ntext = \"E\"\n";

    fn scenario() -> Scenario {
        crate::scenario::parse_scenario(Path::new("s.scenario.toml"), SRC).unwrap()
    }

    fn at(minute: u8) -> Stamp {
        format!("2026-11-24T10:{minute:02}:00-05:00")
            .parse()
            .unwrap()
    }

    fn ctx(updated: u8) -> RunContext<'static> {
        RunContext {
            learner: "jdoe",
            course: "c",
            course_version: "2.0",
            lesson: "l",
            started: at(0),
            finished: at(updated),
        }
    }

    /// The run after `choices` (indices), with one step back after the first when `back`.
    fn saved(choices: &[usize], back: bool, updated: u8) -> RunInProgress {
        let s = scenario();
        let mut run = Run::new(&s);
        for (i, &c) in choices.iter().enumerate() {
            run.choose(&s, c);
            if back && i == 0 {
                run.back();
                run.choose(&s, c);
            }
        }
        RunInProgress::new(&s, &run, ctx(updated), i64::from(updated) * 60)
    }

    fn merged(a: &[RunInProgress], b: &[RunInProgress], finished: &[&str]) -> Vec<RunInProgress> {
        let mut ours = a.to_vec();
        merge(&mut ours, b, finished);
        ours
    }

    #[test]
    fn a_saved_run_replays_to_the_same_node_meters_and_backs() {
        let s = scenario();
        let p = saved(&[1, 0], true, 3);
        assert_eq!(p.decisions(), 2);
        assert_eq!(p.backs, 1);
        let run = p.replay(&s, "2.0").unwrap();
        assert_eq!(s.nodes[run.node()].id, "b");
        assert_eq!(run.meters(), [3]);
        assert_eq!(run.backs(), 1);
        assert_eq!(run.path(&s), p.path);
        // Another version, another scenario, or a path the file no longer allows: no replay.
        assert!(p.replay(&s, "1.0").is_none());
        let mut other = p.clone();
        other.path[1].choice = Some("fly".into());
        assert!(other.replay(&s, "2.0").is_none());
        let mut moved = p.clone();
        moved.path.last_mut().unwrap().node = "a".into();
        assert!(moved.replay(&s, "2.0").is_none());
        assert!(p.discard(at(9)).replay(&s, "2.0").is_none());
    }

    #[test]
    fn the_run_id_is_the_finished_runs() {
        let s = scenario();
        let mut run = Run::new(&s);
        run.choose(&s, 0);
        let p = RunInProgress::new(&s, &run, ctx(1), 60);
        run.choose(&s, 0);
        let done = crate::scenario::RunRecord::new(&s, &run, ctx(4)).unwrap();
        assert_eq!(p.id, done.id);
        let mut progress = Progress::new("jdoe");
        progress.runs_in_progress.push(p.clone());
        let mut other = Progress::new("jdoe");
        other.runs.push(done);
        progress.merge(&other);
        assert!(
            progress.runs_in_progress.is_empty(),
            "the finished run supersedes"
        );
    }

    #[test]
    fn the_longer_walk_wins_then_the_later_update_in_any_order() {
        let one = saved(&[0], false, 1);
        let two = saved(&[0, 0], false, 2);
        assert_eq!(merged(&[one.clone()], &[two.clone()], &[]), [two.clone()]);
        assert_eq!(merged(&[two.clone()], &[one.clone()], &[]), [two.clone()]);
        // A step back shortens the path but lengthens the walk: the save after it wins.
        let s = scenario();
        let mut run = two.replay(&s, "2.0").unwrap();
        run.back();
        let backed = RunInProgress::new(&s, &run, ctx(3), 180);
        assert!(backed.path.len() < two.path.len());
        assert_eq!(
            merged(&[two.clone()], &[backed.clone()], &[]),
            [backed.clone()]
        );
        assert_eq!(
            merged(&[backed.clone()], &[two.clone()], &[]),
            [backed.clone()]
        );
        let later = saved(&[0, 0], false, 5);
        assert_eq!(
            merged(&[later.clone()], &[two.clone()], &[]),
            [later.clone()]
        );
        assert_eq!(
            merged(&[two.clone()], &[later.clone()], &[]),
            [later.clone()]
        );
        assert_eq!(
            merged(&[two.clone()], &[two.clone()], &[]),
            [two],
            "idempotent"
        );
    }

    #[test]
    fn a_discard_beats_a_longer_live_copy_and_a_finished_run_supersedes() {
        let two = saved(&[0, 0], false, 2);
        let gone = saved(&[0], false, 1).discard(at(9));
        assert!(gone.path.is_empty());
        assert_eq!(merged(&[gone.clone()], &[two.clone()], &[]), [gone.clone()]);
        assert_eq!(merged(&[two.clone()], &[gone.clone()], &[]), [gone]);
        assert!(merged(&[two.clone()], &[], &[two.id.as_str()]).is_empty());
    }

    #[test]
    fn it_survives_toml() {
        let mut p = Progress::new("jdoe");
        p.runs_in_progress.push(saved(&[1, 0], true, 3));
        let text = crate::progress::to_toml(&p).unwrap();
        assert_eq!(crate::progress::parse(&text).unwrap(), p);
    }
}
