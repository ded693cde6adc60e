//! Branching scenarios played in the TUI and read in the screen-reader mode.

use super::{
    Harness, Msg, Overlay, Path, ScenarioPhase, Screen, Store, assert_plain, scenario_harness,
    scenario_phase,
};

#[test]
fn scenario_best_path_with_consequence_and_debrief() {
    let mut h = scenario_harness();
    let situation = h.screen_text(80, 24);
    assert!(situation.contains("Tension"), "{situation}");
    assert!(
        situation.contains("5/10"),
        "the gauge has its number: {situation}"
    );
    assert!(situation.contains("1. Introduce yourself"), "{situation}");
    snapshot!("scenario_situation", situation);
    snapshot!("scenario_situation_small", h.screen_text(40, 10));
    h.send(&[Msg::Pick(1)]);
    assert!(matches!(
        scenario_phase(&h),
        ScenarioPhase::Consequence { .. }
    ));
    let consequence = h.screen_text(80, 24);
    // The consequence is headed with the decision it follows, not the next one.
    let header = |screen: &str| {
        screen
            .lines()
            .find(|l| l.contains("A loud customer"))
            .map(|l| l.trim_end().to_string())
            .unwrap_or_default()
    };
    assert!(
        header(&consequence).ends_with("decision 1"),
        "{consequence}"
    );
    assert!(
        consequence.contains("3/10"),
        "effects applied: {consequence}"
    );
    snapshot!("scenario_consequence", consequence);
    snapshot!("scenario_consequence_small", h.screen_text(40, 10));
    h.send(&[Msg::Enter]);
    assert!(header(&h.screen_text(80, 24)).ends_with("decision 2"));
    h.send(&[Msg::Pick(1)]);
    assert!(header(&h.screen_text(80, 24)).ends_with("decision 2"));
    h.send(&[Msg::Enter]);
    assert_eq!(scenario_phase(&h), ScenarioPhase::Debrief);
    let debrief = h.screen_text(80, 24);
    assert!(debrief.contains("Ending: best, passes"), "{debrief}");
    // The run is recorded, and a passing run completes this one-scenario course.
    let runs = &h.app.progress.runs;
    assert_eq!(runs.len(), 1);
    assert!(runs[0].passed && runs[0].backs == 0);
    assert_eq!(
        (
            runs[0].course.as_str(),
            runs[0].lesson.as_str(),
            runs[0].scenario.as_str()
        ),
        ("drill", "01-practice-call", "practice-call")
    );
    let path: Vec<String> = runs[0]
        .path
        .iter()
        .map(|s| format!("{}/{}", s.node, s.choice.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        path,
        ["arrival/introduce", "listening/reflect", "resolved/"]
    );
    assert!(h.app.progress.courses["drill"].completed.is_some());
    let saved = std::fs::read_to_string(h.dir.path().join("tester.toml")).unwrap();
    assert!(saved.contains("[[runs]]"), "{saved}");
    snapshot!("scenario_debrief", debrief);
    snapshot!("scenario_debrief_small", h.screen_text(40, 10));
    // r runs it again from the start; Esc at the start leaves without asking.
    h.send(&[Msg::Retake]);
    assert_eq!(scenario_phase(&h), ScenarioPhase::Situation);
    h.send(&[Msg::Back]);
    assert!(matches!(h.app.screen, Screen::Course(_)));
}

#[test]
fn scenario_poor_path_with_a_step_back_and_a_confirmed_leave() {
    let mut h = scenario_harness();
    h.send(&[Msg::Pick(2), Msg::Enter]);
    // Step back: the tension rise is undone.
    h.send(&[Msg::StepBack]);
    assert!(h.screen_text(80, 24).contains("5/10"));
    h.send(&[Msg::Pick(7)]);
    assert_eq!(scenario_phase(&h), ScenarioPhase::Situation);
    assert!(h.screen_text(80, 24).contains("There is no choice 7 here."));
    h.send(&[Msg::Pick(2), Msg::Enter, Msg::Pick(2), Msg::Enter]);
    assert_eq!(scenario_phase(&h), ScenarioPhase::Debrief);
    let debrief = h.screen_text(80, 200);
    assert!(debrief.contains("Ending: poor, does not pass"), "{debrief}");
    assert!(debrief.contains("Best option here:"), "{debrief}");
    assert!(debrief.contains("Steps taken back: 1"), "{debrief}");
    let runs = &h.app.progress.runs;
    assert_eq!(runs.len(), 1);
    assert!(!runs[0].passed && runs[0].backs == 1);
    let completed = h
        .app
        .progress
        .courses
        .get("drill")
        .and_then(|c| c.completed);
    assert!(
        completed.is_none(),
        "a poor ending does not complete the lesson"
    );
    // Mid-run, Esc asks first and only a yes leaves.
    h.send(&[Msg::Retake, Msg::Pick(2), Msg::Enter, Msg::Back]);
    assert!(matches!(h.app.overlay, Some(Overlay::ConfirmLeave { .. })));
    h.send(&[Msg::Confirm(false)]);
    assert!(matches!(h.app.screen, Screen::Scenario(_)));
    h.send(&[Msg::Back, Msg::Confirm(true)]);
    assert!(matches!(h.app.screen, Screen::Course(_)));
    // The course screen says where a scenario-alone lesson stands (it has no pages).
    let course = h.screen_text(80, 24);
    assert!(
        course.contains("scenario: 1 run, best ending: poor, not passed yet"),
        "{course}"
    );
}

#[test]
fn screen_reader_plays_a_scenario_with_a_step_back_and_a_debrief() {
    // A poor choice, b to step back, the rest of the way, the debrief read out, r to run it
    // again and x to leave.
    let h = Harness::with(Path::new("tests/fixtures/scenario-courses"), None);
    let Harness { app, mut rt, dir } = h;
    let mut out = Vec::new();
    let input = "\n\n2\n\nb\n1\n\n2\n\nr\nx\n";
    let app = rollcall::plain::run(app, &mut rt, &mut input.as_bytes(), &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert_plain(&out);
    assert!(out.contains("Stepped back"), "{out}");
    assert!(
        out.contains("Debrief. Ending: acceptable, passes."),
        "{out}"
    );
    assert!(out.contains("Coaching:"), "{out}");
    assert!(
        out.contains("Best option here: Sum up what you heard"),
        "{out}"
    );
    assert!(out.contains("Steps taken back: 1."), "{out}");
    assert!(matches!(app.screen, Screen::Course(_)), "x left after r");
    let saved = Store::new(dir.path(), "tester").unwrap().load().unwrap();
    assert_eq!(saved.runs.len(), 1);
    assert_eq!(saved.runs[0].backs, 1);
    snapshot!("screen_reader_scenario", out);
}

#[test]
fn the_debrief_scrolls_to_its_end_and_top_and_by_screenfuls() {
    // On a small screen the debrief is longer than its area: End, G, Home, g, PgDn and PgUp
    // move through it as in the lesson reader, and the footer says so.
    let mut h = scenario_harness();
    h.send(&[Msg::Resize(80, 12)]);
    h.send(&[Msg::Pick(2), Msg::Enter, Msg::Pick(2), Msg::Enter]);
    assert_eq!(scenario_phase(&h), ScenarioPhase::Debrief);
    let scroll = |h: &Harness| match &h.app.screen {
        Screen::Scenario(s) => s.scroll,
        _ => unreachable!(),
    };
    let top = h.screen_text(80, 12);
    assert!(top.contains("Ending: poor"), "{top}");
    assert!(top.contains("g/G top/end"), "{top}");
    assert!(!top.contains("r: run it again"), "{top}");
    h.send(&[Msg::LastPage]);
    let end = h.screen_text(80, 12);
    assert!(end.contains("r: run it again"), "{end}");
    assert!(!end.contains("Ending: poor"), "{end}");
    let max = scroll(&h);
    assert!(max > 0);
    // Up moves at once from the end (the scroll stays within the text).
    h.send(&[Msg::Down, Msg::Up]);
    assert_eq!(scroll(&h), max - 1);
    h.send(&[Msg::FirstPage]);
    assert_eq!(scroll(&h), 0);
    assert!(h.screen_text(80, 12).contains("Ending: poor"));
    h.send(&[Msg::PageDown]);
    let page = scroll(&h);
    assert!(page > 1 && page <= max, "{page} of {max}");
    h.send(&[Msg::PrevPage]);
    assert_eq!(scroll(&h), 0);
    assert_eq!(scenario_phase(&h), ScenarioPhase::Debrief);
    // Space is PgDn, as the help says ("Space, PgDn  scroll a screen").
    h.send(&[Msg::Toggle]);
    assert_eq!(scroll(&h), page, "Space did not scroll the debrief");
}

#[test]
fn the_choice_on_the_consequence_screen_wraps_whole() {
    let mut h = super::course_screen::shipped_course("using-rollcall");
    h.send(&[Msg::Down, Msg::Down, Msg::Down, Msg::Enter]);
    assert!(
        matches!(h.app.screen, Screen::Scenario(_)),
        "{:?}",
        h.app.screen
    );
    h.send(&[Msg::Pick(2), Msg::Enter, Msg::Pick(1)]);
    assert!(
        matches!(scenario_phase(&h), ScenarioPhase::Consequence { .. }),
        "{:?}",
        scenario_phase(&h)
    );
    let wide = h.screen_text(80, 24);
    assert!(
        super::flat(&wide).contains("ask him to turn it down"),
        "{wide}"
    );
    let small = h.screen_text(40, 10);
    assert!(small.contains("You chose: Apologise for"), "{small}");
    snapshot!("scenario_consequence_long_choice_80x24", wide);
    snapshot!("scenario_consequence_long_choice_40x10", small);
}
