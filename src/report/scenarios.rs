//! Scenario results in a course, for the report: the best ending reached, how many of the
//! course's scenarios a run has passed, and how many runs there were.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::course::Course;
use crate::progress::Progress;
use crate::scenario::Rating;

/// One learner's scenario results in one course.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ScenarioResults {
    /// The best ending reached, taking each scenario's best and keeping the weakest of those
    /// (so `best` means every scenario played reached a best ending); `None` before any run.
    pub best_ending: Option<Rating>,
    /// Scenarios with at least one run at a passing ending.
    pub passed: usize,
    /// Scenarios in the course (the library's lessons with one, else those with runs).
    pub scenarios: usize,
    /// Runs that reached an ending (each counted once however many machines hold it).
    pub runs: usize,
}

/// The results in `course` (`meta` its library entry, if any); `None` for a course with no
/// scenario and no runs.
#[must_use]
pub fn scenario_results(
    progress: &Progress,
    course: &str,
    meta: Option<&Course>,
) -> Option<ScenarioResults> {
    // Per lesson: its best ending, and whether a run passed.
    let mut lessons: BTreeMap<&str, (Rating, bool)> = BTreeMap::new();
    let mut ids: Vec<&str> = Vec::new();
    for run in progress.runs.iter().filter(|r| r.course == course) {
        ids.push(run.id.as_str());
        let entry = lessons
            .entry(run.lesson.as_str())
            .or_insert((run.ending, run.passed));
        entry.0 = entry.0.max(run.ending);
        entry.1 |= run.passed;
    }
    ids.sort_unstable();
    ids.dedup();
    let in_library = meta.map_or(0, |c| {
        c.lessons.iter().filter(|l| l.scenario.is_some()).count()
    });
    let scenarios = in_library.max(lessons.len());
    if scenarios == 0 {
        return None;
    }
    Some(ScenarioResults {
        best_ending: lessons.values().map(|(best, _)| *best).min(),
        passed: lessons.values().filter(|(_, passed)| *passed).count(),
        scenarios,
        runs: ids.len(),
    })
}
