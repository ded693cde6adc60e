//! The real binary in a pseudo-terminal: scenarios down the best path and a poor one.

use super::{ESC, saved_runs, start_drill};

#[test]
fn a_scenario_down_the_best_path_with_a_debrief_and_a_second_run() {
    let data = tempfile::tempdir().unwrap();
    let mut s = start_drill(data.path(), 24);
    s.press("1");
    s.wait_for("The customer turns to you");
    s.wait_for("3/10");
    s.press("\r");
    s.wait_for("1. Sum up what you heard");
    s.press("1");
    s.wait_for("Yes, that's it.");
    s.press("\r");
    s.wait_for("Ending: best, passes");
    // The debrief coaches each decision.
    s.wait_for("Coaching:");
    s.wait_for("Your name and an open question");
    // r runs it again from the start, meters reset.
    s.press("r");
    s.wait_for("1. Introduce yourself");
    s.wait_for("5/10");
    s.press("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(s.restored(), "terminal not restored");
    let runs = saved_runs(data.path());
    assert_eq!(runs.len(), 1);
    assert!(runs[0].passed && runs[0].backs == 0);
    assert_eq!(runs[0].ending, rollcall::scenario::Rating::Best);
}

#[test]
fn a_scenario_down_a_poor_path_with_one_step_back() {
    let data = tempfile::tempdir().unwrap();
    // Tall enough for the whole debrief.
    let mut s = start_drill(data.path(), 60);
    s.press("2");
    s.wait_for("\"Calm down?\"");
    s.press("\r");
    s.wait_for("7/10");
    // b steps back one decision: the tension rise is undone.
    s.press("b");
    s.wait_for("Stepped back one decision");
    s.wait_for("5/10");
    s.press("2");
    s.wait_for("\"Calm down?\"");
    // Mid-run, Esc asks first in the scenario's words; Enter does not confirm, n stays.
    s.press(ESC);
    s.wait_for("Leave this run?");
    s.press("\r");
    s.press("n");
    s.wait_gone("Leave this run?");
    s.wait_for("\"Calm down?\"");
    s.press("\r");
    s.wait_for("7/10");
    s.press("2");
    s.wait_for("\"Calm down?\"");
    s.press("\r");
    // Tension 9: the route at the arrival ends the call.
    s.wait_for("Ending: poor, does not pass");
    s.wait_for("Best option here:");
    s.wait_for("Steps taken back: 1");
    s.press(ESC);
    s.wait_for("lessons complete");
    s.press("q");
    assert_eq!(s.wait_exit(), 0);
    let runs = saved_runs(data.path());
    assert_eq!(runs.len(), 1);
    assert!(!runs[0].passed);
    assert_eq!(runs[0].backs, 1);
    let path: Vec<&str> = runs[0].path.iter().map(|p| p.node.as_str()).collect();
    assert_eq!(path, ["arrival", "arrival", "arrival", "escalated"]);
}
