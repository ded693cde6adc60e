//! The course screen: every lesson's status, and the selected one's whole status (attempts
//! left, when a retake opens) never cut, at 80x24 and 40x10.

use super::{Harness, Msg, QuizPhase, Screen, assessment, plain_run_in};

/// The assessment taken and failed once, back on the course screen.
fn failed_once() -> Harness {
    let mut h = assessment();
    h.send(&[Msg::Enter]);
    for _ in 0..4 {
        h.give(false);
    }
    assert!(matches!(h.quiz().phase, QuizPhase::Results(_)));
    h.send(&[Msg::Back]);
    assert!(matches!(h.app.screen, Screen::Course(_)));
    h
}

#[test]
fn attempts_left_and_the_retake_time_show_for_the_selected_lesson_on_small_screens() {
    let h = failed_once();
    let wide = h.screen_text(80, 24);
    assert!(wide.contains("1 attempt left"), "{wide}");
    assert!(wide.contains("retake from 2026-11-25 10:00"), "{wide}");
    snapshot!("course_attempt_rules_80x24", wide);
    let small = h.screen_text(40, 10);
    assert!(small.contains("1 attempt left"), "{small}");
    assert!(small.contains("retake from 2026-11-25 10:00"), "{small}");
    snapshot!("course_attempt_rules_40x10", small);
    // The screen-reader mode says the same facts.
    let (out, _, _) = plain_run_in(failed_once(), "");
    assert!(
        out.contains("not passed yet, 1 attempt left, retake from 2026-11-25 10:00"),
        "{out}"
    );
}

/// The course with id `id` from the shipped courses, open on its course screen.
pub(super) fn shipped_course(id: &str) -> Harness {
    let mut h = Harness::with(std::path::Path::new("courses"), None);
    let order = h.app.ctx().library_order();
    let pos = order
        .iter()
        .position(|&i| h.app.library.courses[i].id == id)
        .unwrap();
    for _ in 0..pos {
        h.send(&[Msg::Down]);
    }
    h.send(&[Msg::Enter]);
    assert!(matches!(h.app.screen, Screen::Course(_)));
    h
}

#[test]
fn the_time_left_wraps_whole_and_long_titles_keep_a_status() {
    let h = shipped_course("crisis-intervention");
    let text = h.screen_text(80, 24);
    assert!(text.contains("minutes of active time remaining"), "{text}");
    // Every lesson row ends in a status, however long its title.
    for row in text
        .lines()
        .filter(|l| l.contains(". ") && l.starts_with(['▶', ' ']))
    {
        let row = row.trim_end();
        if row.chars().nth(5).is_some_and(|c| c.is_ascii_digit()) {
            assert!(
                row.ends_with("not started") || row.ends_with("not played"),
                "{row}"
            );
        }
    }
    snapshot!("course_long_titles_80x24", text);
    let h = shipped_course("cultural-competency");
    snapshot!("course_long_titles_cultural_80x24", h.screen_text(80, 24));
}

#[test]
fn a_meter_label_gets_the_room_it_needs() {
    let mut h = shipped_course("communication");
    h.send(&[Msg::Down, Msg::Enter, Msg::LastPage, Msg::NextPage]);
    assert!(
        matches!(h.app.screen, Screen::Scenario(_)),
        "{:?}",
        h.app.screen
    );
    let wide = h.screen_text(80, 24);
    assert!(wide.contains("Stairway step reached ░"), "{wide}");
    let small = h.screen_text(40, 10);
    assert!(small.contains("Stairway step reached ░"), "{small}");
    snapshot!("scenario_meter_labels_40x10", small);
}

#[test]
fn one_question_and_one_lesson_are_said_in_the_singular() {
    let dir = tempfile::tempdir().unwrap();
    let course = dir.path().join("review");
    std::fs::create_dir_all(&course).unwrap();
    std::fs::write(
        course.join("course.toml"),
        "title = \"Review Test\"\nsummary = \"One of each.\"\nversion = \"1\"\nhours = 0.5\n\n\
         [[lessons]]\nfile = \"01-only.md\"\nquiz = \"01-only.quiz.toml\"\n",
    )
    .unwrap();
    std::fs::write(course.join("01-only.md"), "# Only\n\nOne page.\n").unwrap();
    std::fs::write(
        course.join("01-only.quiz.toml"),
        "title = \"Only quiz\"\n\n[[questions]]\nprompt = \"Calm helps.\"\nanswer = true\n\
         explanation = \"It does.\"\n",
    )
    .unwrap();
    let mut h = Harness::with(dir.path(), None);
    h.send(&[Msg::Enter, Msg::Enter, Msg::NextPage]);
    assert_eq!(h.quiz().phase, QuizPhase::Start);
    let start = h.screen_text(80, 24);
    assert!(start.contains("1 question · pass mark"), "{start}");
    let (out, _, _) = plain_run_in(Harness::with(dir.path(), None), "1\n");
    assert!(out.contains("Review Test, 1 lesson, 0 complete"), "{out}");
}
