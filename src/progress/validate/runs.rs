//! The checks of finished scenario runs: what can be checked from the record alone (times,
//! active time, the shape of the path, a best ending marked failed), and, where the lesson's
//! scenario is at hand in the version the run records, whether the path was possible there,
//! ends at the recorded ending, and whether `passed` agrees with the scenario's `pass`.

use super::{Findings, Flag, in_the_future};
use crate::progress::{Progress, Stamp};
use crate::scenario::{Rating, Run, RunRecord, Scenario, ScenarioBook};

/// Active time a run may hold beyond its span from start to finish: the clocks differ (active
/// time is measured with a monotonic clock, the span with the wall clock), by one capped gap
/// at most.
pub const ACTIVE_SLACK_SECONDS: i64 = 5 * 60;

/// Every problem with one run as of `now` that its record alone shows.
pub fn run_flags(run: &RunRecord, now: Stamp) -> Vec<Flag> {
    let mut flags = Vec::new();
    // A finished run's path ends at its ending: a node where no choice was taken.
    if run.path.last().is_none_or(|last| last.choice.is_some()) {
        flags.push(Flag::RunPathImpossible);
    }
    // No scenario can fail its best ending (`pass` is at most best).
    if run.ending == Rating::Best && !run.passed {
        flags.push(Flag::PassedMismatch);
    }
    if run.finished.timestamp() < run.started.timestamp() {
        flags.push(Flag::TimesOutOfOrder);
    }
    if in_the_future(run.started, now) || in_the_future(run.finished, now) {
        flags.push(Flag::FutureTimestamp);
    }
    // The span is 0 when the times are out of order.
    let span = run.started.millis_until(run.finished) / 1000;
    if run.active_seconds < 0 || run.active_seconds > span + ACTIVE_SLACK_SECONDS {
        flags.push(Flag::ActiveTimeOutOfRange);
    }
    flags
}

/// Every problem with one run in its scenario (`version`: what runs of it record now, if
/// known). Empty when the scenario is another one or another version: nothing more can be
/// checked then.
pub fn run_scenario_flags(
    run: &RunRecord,
    scenario: &Scenario,
    version: Option<&str>,
) -> Vec<Flag> {
    if run.scenario != scenario.id || version.is_some_and(|v| v != run.version) {
        return Vec::new();
    }
    let ending = Run::replay(scenario, &run.path).and_then(|r| r.ending(scenario));
    match ending {
        Some(e) if e == run.ending => {
            if run.passed == scenario.passes(e) {
                Vec::new()
            } else {
                vec![Flag::PassedMismatch]
            }
        }
        // Not possible there, or not ending where the record says.
        _ => vec![Flag::RunPathImpossible],
    }
}

/// One line per flagged run in the progress file at `path`, naming the file, the run and what
/// is wrong with it (for warnings: a merged record no longer knows which file held a run).
pub fn file_notes(
    path: &std::path::Path,
    progress: &Progress,
    book: &ScenarioBook,
    now: Stamp,
) -> Vec<String> {
    let mut findings = Findings::default();
    for run in &progress.runs {
        let flags = run_flags(run, now);
        if !flags.is_empty() {
            findings.runs.insert(run.id.clone(), flags);
        }
    }
    check_scenarios(&mut findings, progress, book);
    progress
        .runs
        .iter()
        .filter_map(|r| {
            let mut flags = findings.runs.get(&r.id)?.clone();
            flags.sort_unstable();
            flags.dedup();
            let names: Vec<&str> = flags.iter().map(|f| f.name()).collect();
            Some(format!(
                "{}: run {} ({}/{}) is not credited: {}",
                crate::diagnostic::display_path(path),
                r.id,
                r.course,
                r.lesson,
                names.join(", ")
            ))
        })
        .collect()
}

/// Adds the problems the scenarios in `book` show to `findings` (see [`super::check`] for
/// those the record alone shows).
pub fn check_scenarios(findings: &mut Findings, progress: &Progress, book: &ScenarioBook) {
    for run in &progress.runs {
        let Some(scenario) = book.get(&run.course, &run.lesson) else {
            continue;
        };
        let flags = run_scenario_flags(run, scenario, book.version(&run.course, &run.lesson));
        if !flags.is_empty() {
            let list = findings.runs.entry(run.id.clone()).or_default();
            list.extend(flags);
            list.sort_unstable();
            list.dedup();
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::scenario::{RunContext, Step};

    const SRC: &str = "id = \"s\"\ntitle = \"S\"\nstart = \"a\"\npass = \"acceptable\"\nversion = \"2\"\n\
        [[meters]]\nid = \"m\"\nstart = 1\nmax = 5\n\
        [[nodes]]\nid = \"a\"\ntext = \"A\"\n\
        [[nodes.routes]]\nif = \"m >= 5\"\nnext = \"bad\"\n\
        [[nodes.choices]]\nid = \"go\"\ntext = \"Go\"\nnext = \"good\"\nconsequence = \"C\"\ncoaching = \"K\"\nrating = \"best\"\n\
        [[nodes.choices]]\nid = \"push\"\ntext = \"Push\"\nnext = \"a\"\nconsequence = \"C\"\ncoaching = \"K\"\nrating = \"poor\"\neffects = { m = 4 }\n\
        [[nodes]]\nid = \"good\"\nending = \"best\"\ntext = \"E\"\n\
        [[nodes]]\nid = \"bad\"\nending = \"poor\"\ntext = \"E\"\n";

    fn scenario() -> Scenario {
        crate::scenario::parse_scenario(Path::new("s.scenario.toml"), SRC).unwrap()
    }

    fn at(s: &str) -> Stamp {
        s.parse().unwrap()
    }

    /// A consistent run taking `choices` (indices).
    fn run(choices: &[usize]) -> RunRecord {
        let s = scenario();
        let mut r = Run::new(&s);
        for &c in choices {
            r.choose(&s, c);
        }
        let ctx = RunContext {
            learner: "jdoe",
            course: "c",
            course_version: "1",
            lesson: "l",
            started: at("2026-01-05T10:00:00+01:00"),
            finished: at("2026-01-05T10:05:00+01:00"),
        };
        let mut record = RunRecord::new(&s, &r, ctx).unwrap();
        record.active_seconds = 120;
        record
    }

    fn now() -> Stamp {
        at("2026-06-01T00:00:00Z")
    }

    fn step(node: &str, choice: Option<&str>) -> Step {
        Step {
            node: node.into(),
            choice: choice.map(String::from),
        }
    }

    #[test]
    fn consistent_runs_have_no_problems() {
        let s = scenario();
        for r in [run(&[0]), run(&[1])] {
            assert!(run_flags(&r, now()).is_empty(), "{r:?}");
            assert!(run_scenario_flags(&r, &s, Some("2")).is_empty(), "{r:?}");
        }
        assert_eq!(run(&[1]).path.len(), 3, "push, routed through a, to bad");
    }

    #[test]
    fn an_unknown_node_or_choice_is_an_impossible_path() {
        let s = scenario();
        let mut r = run(&[0]);
        r.path[0].node = "nowhere".into();
        assert_eq!(
            run_scenario_flags(&r, &s, Some("2")),
            [Flag::RunPathImpossible]
        );
        let mut r = run(&[0]);
        r.path[0].choice = Some("fly".into());
        assert_eq!(
            run_scenario_flags(&r, &s, Some("2")),
            [Flag::RunPathImpossible]
        );
    }

    #[test]
    fn a_choice_that_does_not_lead_to_the_next_node_is_an_impossible_path() {
        let s = scenario();
        let mut r = run(&[0]);
        r.path = vec![step("a", Some("go")), step("bad", None)];
        r.ending = Rating::Poor;
        r.passed = false;
        assert_eq!(
            run_scenario_flags(&r, &s, Some("2")),
            [Flag::RunPathImpossible]
        );
        // A route left out of the path is not the path walked either.
        let mut r = run(&[1]);
        r.path.remove(1);
        assert_eq!(
            run_scenario_flags(&r, &s, Some("2")),
            [Flag::RunPathImpossible]
        );
    }

    #[test]
    fn an_ending_that_is_not_where_the_path_ends_is_an_impossible_path() {
        let s = scenario();
        let mut r = run(&[1]);
        r.ending = Rating::Best;
        r.passed = true;
        assert_eq!(
            run_scenario_flags(&r, &s, Some("2")),
            [Flag::RunPathImpossible]
        );
        // Stopping short of an ending: the record alone shows a path ending at a choice.
        let mut r = run(&[0]);
        r.path = vec![step("a", Some("go"))];
        assert_eq!(run_flags(&r, now()), [Flag::RunPathImpossible]);
        assert_eq!(
            run_scenario_flags(&r, &s, Some("2")),
            [Flag::RunPathImpossible]
        );
        r.path.clear();
        assert_eq!(run_flags(&r, now()), [Flag::RunPathImpossible]);
    }

    #[test]
    fn passed_must_agree_with_the_ending_and_the_scenarios_pass() {
        let s = scenario();
        let mut r = run(&[1]);
        r.passed = true;
        assert!(
            run_flags(&r, now()).is_empty(),
            "a poor pass needs the scenario"
        );
        assert_eq!(
            run_scenario_flags(&r, &s, Some("2")),
            [Flag::PassedMismatch]
        );
        let mut r = run(&[0]);
        r.passed = false;
        assert_eq!(
            run_flags(&r, now()),
            [Flag::PassedMismatch],
            "best always passes"
        );
        assert_eq!(
            run_scenario_flags(&r, &s, Some("2")),
            [Flag::PassedMismatch]
        );
    }

    #[test]
    fn another_version_or_scenario_checks_only_what_the_record_shows() {
        let s = scenario();
        let mut r = run(&[1]);
        r.passed = true;
        r.path[0].node = "nowhere".into();
        assert!(run_scenario_flags(&r, &s, Some("3")).is_empty());
        r.scenario = "other".into();
        assert!(run_scenario_flags(&r, &s, Some("2")).is_empty());
        // An unknown version (a scenario without one, inserted by hand) is checked.
        r.scenario = "s".into();
        assert!(!run_scenario_flags(&r, &s, None).is_empty());
    }

    #[test]
    fn times_out_of_order_or_ahead_are_flagged() {
        let mut r = run(&[0]);
        r.finished = at("2026-01-05T09:00:00+01:00");
        r.active_seconds = 0;
        assert_eq!(run_flags(&r, now()), [Flag::TimesOutOfOrder]);
        let mut r = run(&[0]);
        r.finished = at("2099-01-05T09:00:00+01:00");
        assert_eq!(run_flags(&r, now()), [Flag::FutureTimestamp]);
    }

    #[test]
    fn negative_or_absurd_active_time_is_flagged() {
        let mut r = run(&[0]);
        r.active_seconds = -1;
        assert_eq!(run_flags(&r, now()), [Flag::ActiveTimeOutOfRange]);
        // Five minutes from start to finish: up to five more for the clocks' difference.
        r.active_seconds = 600;
        assert!(run_flags(&r, now()).is_empty());
        r.active_seconds = 601;
        assert_eq!(run_flags(&r, now()), [Flag::ActiveTimeOutOfRange]);
        r.active_seconds = i64::MAX;
        assert_eq!(run_flags(&r, now()), [Flag::ActiveTimeOutOfRange]);
    }

    #[test]
    fn flagged_runs_are_found_and_never_credited() {
        let mut p = Progress::new("jdoe");
        let good = run(&[0]);
        let mut bad = run(&[0]);
        bad.id = "bad".into();
        bad.path[0].choice = Some("fly".into());
        let mut late = run(&[0]);
        late.id = "late".into();
        late.active_seconds = -5;
        p.runs = vec![good.clone(), bad, late];
        let mut findings = super::super::check(&p, None, now());
        assert_eq!(findings.runs.len(), 1, "{findings:?}");
        assert_eq!(findings.runs["late"], [Flag::ActiveTimeOutOfRange]);
        let mut book = ScenarioBook::default();
        book.insert("c", "l", scenario());
        check_scenarios(&mut findings, &p, &book);
        assert_eq!(findings.runs["bad"], [Flag::RunPathImpossible]);
        assert_eq!(
            findings.for_course(&p, "c"),
            [Flag::RunPathImpossible, Flag::ActiveTimeOutOfRange]
        );
        let credible = super::super::credible(&p, &findings);
        assert_eq!(credible.runs, [good]);
    }
}
