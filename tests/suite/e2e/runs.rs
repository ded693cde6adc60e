//! A scenario run under way survives SIGKILL of the real binary in a pseudo-terminal.

use std::path::Path;
use std::time::{Duration, Instant};

use super::{Session, TIMEOUT};

/// Starts rollcall on the drill course and opens its scenario, from whichever screen rollcall
/// opens on, until `expect` shows.
fn drill(data: &Path, expect: &str) -> Session {
    let courses = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scenario-courses");
    let courses = courses.to_string_lossy().into_owned();
    let args = ["--courses", courses.as_str(), "--learner", "officer"];
    // Tall enough for the whole debrief.
    let mut s = Session::start_sized(&args, data, Path::new(env!("CARGO_MANIFEST_DIR")), 80, 60);
    let start = Instant::now();
    let mut last = String::new();
    while start.elapsed() < TIMEOUT {
        let screen = s.screen();
        if screen.contains(expect) {
            return s;
        }
        // Press once per screen: a key sent while a screen opens is not lost, only repeated.
        if screen != last {
            if screen.contains("Enter open") {
                s.press("\r");
            }
            last = screen;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("never reached {expect:?}; screen:\n{}", s.screen());
}

/// The run under way on disk, once it holds `decisions` decisions.
fn under_way_with(data: &Path, decisions: usize) -> rollcall::scenario::RunInProgress {
    let has = |p: &rollcall::progress::Progress| {
        p.runs_in_progress
            .first()
            .is_some_and(|r| r.decisions() == decisions)
    };
    let record = super::saved_record(data, has);
    assert!(
        has(&record),
        "no run in progress with {decisions} decisions on disk"
    );
    record.runs_in_progress[0].clone()
}

#[test]
fn a_scenario_run_survives_sigkill_and_continues_at_decision_3() {
    let data = tempfile::tempdir().unwrap();
    let mut s = drill(data.path(), "1. Introduce yourself");
    s.wait_for("decision 1");
    // A poor choice (tension 7, back where it started), then a good one.
    s.press("2");
    s.wait_for("\"Calm down?\"");
    s.press("\r");
    s.wait_for("7/10");
    s.wait_for("decision 2");
    s.press("1");
    s.wait_for("The customer turns to you");
    s.press("\r");
    s.wait_for("decision 3");
    s.wait_for("1. Sum up what you heard");
    let before = under_way_with(data.path(), 2);
    let pid = s.child.process_id().unwrap();
    let killed = std::process::Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    s.wait_exit();
    // Restarted: the scenario says a run is in progress; Enter continues at decision 3.
    let mut again = drill(data.path(), "A run of this scenario is in progress");
    again.wait_for("2 decisions");
    again.press("\r");
    again.wait_for("decision 3");
    again.wait_for("1. Sum up what you heard");
    again.wait_for("5/10");
    again.press("1");
    again.wait_for("Yes, that's it.");
    again.press("\r");
    again.wait_for("Ending: best, passes");
    // The debrief lists every decision, those from before the kill too.
    again.wait_for("1. Tell the customer to calm down or leave");
    again.wait_for("2. Introduce yourself and ask the customer what happened");
    again.wait_for("3. Sum up what you heard and ask what would help now");
    let done = super::saved_record(data.path(), |p| !p.runs.is_empty());
    assert_eq!(done.runs.len(), 1);
    assert_eq!(done.runs[0].id, before.id);
    let path: Vec<String> = done.runs[0]
        .path
        .iter()
        .map(|p| format!("{}/{}", p.node, p.choice.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        path,
        [
            "arrival/order",
            "arrival/introduce",
            "listening/reflect",
            "resolved/"
        ]
    );
    assert!(done.runs_in_progress.is_empty());
    again.press("q");
    assert_eq!(again.wait_exit(), 0);
}
