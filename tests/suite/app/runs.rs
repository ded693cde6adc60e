//! Scenario runs that survive: saved after every choice and step back, continued after a kill
//! or a quit, discarded only when the learner says so.

use super::{Harness, ScenarioPhase, Screen, Store};
use rollcall::app::Msg;
use rollcall::scenario::Rating;
use std::path::Path;
use std::time::Duration;

const COURSES: &str = "tests/fixtures/scenario-courses";

/// Snapshots of this file sit with the suite's others.
macro_rules! snapshot {
    ($name:expr, $value:expr) => {{
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path("../snapshots");
        settings.bind(|| insta::assert_snapshot!($name, $value));
    }};
}

/// What is on disk now, as a restarted rollcall would read it.
fn on_disk(h: &Harness) -> rollcall::progress::Progress {
    Store::new(h.dir.path(), "tester").unwrap().load().unwrap()
}

/// A new rollcall on the record left on disk, at the scenario-alone lesson.
fn restart(h: &Harness) -> Harness {
    let mut again = Harness::with(Path::new(COURSES), Some(on_disk(h)));
    again.send(&[Msg::Enter, Msg::Enter]);
    again
}

fn state(h: &Harness) -> &rollcall::app::ScenarioState {
    match &h.app.screen {
        Screen::Scenario(s) => s,
        other => panic!("not in a scenario: {other:?}"),
    }
}

/// Node ids and choice ids of the run on screen.
fn path(h: &Harness) -> Vec<String> {
    let s = state(h);
    s.run
        .as_ref()
        .unwrap()
        .path(s.scenario.as_ref().unwrap())
        .iter()
        .map(|p| format!("{}/{}", p.node, p.choice.as_deref().unwrap_or("")))
        .collect()
}

/// Each input of a run with a step back, as (message, whether it changes the run).
fn inputs() -> Vec<Msg> {
    vec![
        Msg::Pick(2), // order: tension 5 -> 7, back to arrival
        Msg::Enter,
        Msg::StepBack, // undone: tension 5, one back
        Msg::Pick(2),  // order again
        Msg::Enter,
        Msg::Pick(1), // introduce: tension 7 -> 5, to listening
        Msg::Enter,
        Msg::Pick(1), // reflect: the best ending
        Msg::Enter,
    ]
}

#[test]
fn a_run_continues_after_a_simulated_kill_at_each_step() {
    let all = inputs();
    // The uninterrupted run, for comparison.
    let mut whole = super::scenario_harness();
    whole.send(&all);
    let expected = whole.app.progress.runs[0].clone();
    for killed_after in 1..all.len() {
        let mut h = super::scenario_harness();
        h.send(&[Msg::Gap(Duration::from_secs(20))]);
        for m in &all[..killed_after] {
            h.send(&[Msg::Gap(Duration::from_secs(10)), m.clone()]);
        }
        let (path_then, meters_then, backs_then) = {
            let s = state(&h);
            let run = s.run.as_ref().unwrap();
            (path(&h), run.meters().to_vec(), run.backs())
        };
        // The kill: nothing more happens; a new rollcall starts from what is on disk.
        let saved = on_disk(&h);
        assert!(
            saved.runs.is_empty(),
            "a run under way is never a finished run"
        );
        assert_eq!(
            saved.runs_in_progress.len(),
            1,
            "after input {killed_after}"
        );
        let kept = &saved.runs_in_progress[0];
        assert_eq!(kept.backs, backs_then);
        let mut again = restart(&h);
        let s = state(&again);
        assert_eq!(
            s.phase,
            ScenarioPhase::Resume {
                confirm_discard: false
            },
            "after input {killed_after}"
        );
        let offer = again.screen_text(80, 24);
        assert!(
            offer.contains("A run of this scenario is in progress: started 2026-11-24 10:00"),
            "{offer}"
        );
        let decisions = kept.decisions();
        assert!(offer.contains(&format!("{decisions} decision")), "{offer}");
        // Enter never discards: it continues at the same node, path, meters and backs.
        again.send(&[Msg::Enter]);
        assert_eq!(path(&again), path_then, "after input {killed_after}");
        let run = state(&again).run.as_ref().unwrap();
        assert_eq!(run.meters(), meters_then);
        assert_eq!(run.backs(), backs_then);
        // A kill on a consequence continues on the next situation (or, at an ending, on
        // that consequence): the rest of the inputs from the next choice or step back.
        let next = all[killed_after..]
            .iter()
            .position(|m| matches!(m, Msg::Pick(_) | Msg::StepBack))
            .map_or(all.len(), |i| i + killed_after);
        let rest: Vec<Msg> = if state(&again).phase == ScenarioPhase::Situation {
            all[next..].to_vec()
        } else {
            all[killed_after..].to_vec()
        };
        for m in rest {
            again.send(&[Msg::Gap(Duration::from_secs(10)), m]);
        }
        assert_eq!(state(&again).phase, ScenarioPhase::Debrief);
        let done = on_disk(&again);
        assert_eq!(done.runs.len(), 1, "after input {killed_after}");
        let run = &done.runs[0];
        assert_eq!(run.id, kept.id, "the finished run keeps the id");
        assert_eq!(run.path, expected.path);
        assert_eq!((run.backs, run.ending), (1, Rating::Best));
        assert!(run.passed);
        assert!(
            done.runs_in_progress.is_empty(),
            "the finished run supersedes it"
        );
        // Time on task carried on from the saved count (20 s before the first input, 10 s
        // before each after): nothing counted twice, nothing after the kill lost but the
        // gaps never sent.
        assert!(
            run.active_seconds >= kept.active_seconds,
            "{} < {}",
            run.active_seconds,
            kept.active_seconds
        );
        assert!(run.active_seconds <= 20 + 10 * i64::try_from(all.len()).unwrap());
        assert!(kept.active_seconds >= 20, "saved with the run");
    }
}

#[test]
fn d_discards_a_run_in_progress_only_after_y() {
    use ratatui::crossterm::event::KeyCode;
    let mut h = super::scenario_harness();
    h.send(&[Msg::Pick(2), Msg::Enter]);
    let before = on_disk(&h);
    let mut again = restart(&h);
    snapshot!("scenario_resume", again.screen_text(80, 24));
    snapshot!("scenario_resume_small", again.screen_text(40, 10));
    super::key(&mut again, KeyCode::Char('d'));
    assert_eq!(
        state(&again).phase,
        ScenarioPhase::Resume {
            confirm_discard: true
        }
    );
    let question = again.screen_text(80, 24);
    assert!(
        question.contains("Discard the run in progress?"),
        "{question}"
    );
    snapshot!("scenario_resume_discard", question);
    // Enter never confirms; n keeps it.
    super::key(&mut again, KeyCode::Enter);
    assert_eq!(
        state(&again).phase,
        ScenarioPhase::Resume {
            confirm_discard: true
        }
    );
    super::key(&mut again, KeyCode::Char('n'));
    assert_eq!(
        state(&again).phase,
        ScenarioPhase::Resume {
            confirm_discard: false
        }
    );
    assert!(
        again
            .app
            .progress
            .open_run("drill", "01-practice-call")
            .is_some()
    );
    super::key(&mut again, KeyCode::Char('d'));
    super::key(&mut again, KeyCode::Char('y'));
    assert_eq!(state(&again).phase, ScenarioPhase::Situation);
    assert!(again.screen_text(80, 24).contains("5/10"), "a new run");
    let mut after = on_disk(&again);
    assert!(after.open_run("drill", "01-practice-call").is_none());
    // A copy from before (another machine) cannot bring it back.
    after.merge(&before);
    assert!(after.open_run("drill", "01-practice-call").is_none());
    assert!(after.runs.is_empty());
}

#[test]
fn quitting_mid_run_keeps_it_and_its_time() {
    use ratatui::crossterm::event::KeyCode;
    let mut h = super::scenario_harness();
    h.send(&[Msg::Gap(Duration::from_secs(30)), Msg::Pick(1), Msg::Enter]);
    h.send(&[Msg::Gap(Duration::from_secs(40))]);
    super::key(&mut h, KeyCode::Char('q'));
    super::key(&mut h, KeyCode::Char('y'));
    assert!(h.app.quitting);
    let saved = on_disk(&h);
    let kept = saved.open_run("drill", "01-practice-call").unwrap();
    assert_eq!(kept.decisions(), 1);
    assert_eq!(
        kept.active_seconds, 70,
        "the time since the last choice too"
    );
    let mut again = restart(&h);
    again.send(&[Msg::Enter, Msg::Gap(Duration::from_secs(5)), Msg::Pick(1)]);
    again.send(&[Msg::Enter]);
    assert_eq!(again.app.progress.runs[0].active_seconds, 75);
}

#[test]
fn sigterm_mid_run_keeps_it_and_its_time() {
    let mut h = super::scenario_harness();
    h.send(&[Msg::Gap(Duration::from_secs(30)), Msg::Pick(1), Msg::Enter]);
    h.send(&[Msg::Gap(Duration::from_secs(40)), Msg::Terminate]);
    assert!(h.app.quitting);
    let saved = on_disk(&h);
    let kept = saved.open_run("drill", "01-practice-call").unwrap();
    assert_eq!(kept.decisions(), 1);
    assert_eq!(
        kept.active_seconds, 70,
        "the time since the last choice too"
    );
}

#[test]
fn screen_reader_mode_continues_an_interrupted_run_at_decision_2() {
    // First run: one choice, then the input ends (as when the reader is killed).
    let h = Harness::with(Path::new(COURSES), None);
    let (out, _app, dir) = super::plain_run_in(h, "\n\n1\n\n");
    assert!(out.contains("You chose: Introduce yourself"), "{out}");
    let saved = Store::new(dir.path(), "tester").unwrap().load().unwrap();
    assert_eq!(saved.runs_in_progress.len(), 1);
    // Second run: the scenario says a run is in progress; d then n keeps it; an empty line
    // continues at the second decision.
    let again = Harness::with(Path::new(COURSES), Some(saved));
    let (out, app, _dir) = super::plain_run_in(again, "\n\nd\nn\n\n1\n\n");
    super::assert_plain(&out);
    assert!(
        out.contains(
            "A run of this scenario is in progress: started 2026-11-24 10:00, 1 decision taken."
        ),
        "{out}"
    );
    assert!(out.contains("Discard the run in progress?"), "{out}");
    let resumed = out.rfind("in progress: started").unwrap();
    assert!(out[resumed..].contains("Sum up what you heard"), "{out}");
    assert!(out.contains("Debrief. Ending: best, passes."), "{out}");
    assert_eq!(app.progress.runs.len(), 1);
    assert_eq!(app.progress.runs[0].path.len(), 3);
    assert!(app.progress.runs_in_progress.is_empty());
}

#[test]
fn a_run_kept_on_leaving_is_offered_when_the_scenario_opens_again() {
    use ratatui::crossterm::event::KeyCode;
    let mut h = super::scenario_harness();
    h.send(&[Msg::Pick(2), Msg::Enter, Msg::Pick(1)]);
    let before = path(&h);
    super::key(&mut h, KeyCode::Esc);
    super::key(&mut h, KeyCode::Char('y'));
    assert!(matches!(h.app.screen, Screen::Course(_)));
    // The same session: open the lesson again.
    super::key(&mut h, KeyCode::Enter);
    assert_eq!(
        state(&h).phase,
        ScenarioPhase::Resume {
            confirm_discard: false
        }
    );
    assert!(h.screen_text(80, 24).contains("2 decisions"));
    super::key(&mut h, KeyCode::Enter);
    // Left on a consequence: it goes on from the next situation, the path unchanged.
    assert_eq!(state(&h).phase, ScenarioPhase::Situation);
    assert_eq!(path(&h), before);
    h.send(&[Msg::Pick(1), Msg::Enter]);
    assert_eq!(state(&h).phase, ScenarioPhase::Debrief);
    let debrief = h.screen_text(80, 60);
    for n in 1..=3 {
        assert!(debrief.contains(&format!("  {n}. ")), "{debrief}");
    }
    assert!(on_disk(&h).runs_in_progress.is_empty());
}
