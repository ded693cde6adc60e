//! The quiz flow without a terminal.
#![allow(unused_must_use)] // Most steps only change state; the tests check that.

use super::*;
use crate::app::Msg;
use crate::app::screens::{Action, Ctx, Outcome};
use crate::quiz::Answer;
use std::path::Path;

/// Updates with an empty library and record (the quiz screens need neither).
fn up(s: &mut QuizState, msg: Msg) -> Outcome {
    let library = crate::course::Library::default();
    let progress = crate::progress::Progress::new("t");
    let titles = std::collections::HashMap::new();
    let now = jiff::Zoned::now();
    let duties = crate::compliance::Duties::default();
    let ctx = Ctx {
        library: &library,
        progress: &progress,
        titles: &titles,
        learner: "t",
        size: (80, 24),
        settings: &crate::config::Settings::default(),
        watch: false,
        now: &now,
        duties: &duties,
    };
    s.update(&ctx, msg)
}

fn state(src: &str) -> QuizState {
    let quiz = crate::quiz::parse_quiz(Path::new("q.toml"), src).unwrap();
    let mut s = QuizState::loading(0, 0);
    s.set_quiz(Arc::new(quiz), 80);
    assert_eq!(up(&mut s, Msg::Enter), Outcome::act(Action::StartAttempt));
    s.begin("id-1".into(), 1, "2026-01-01T00:00:00+00:00".into());
    s
}

#[test]
fn typed_field_edits_at_cursor() {
    let mut s = state("[[questions]]\nprompt = \"n?\"\naccept = [\"988\"]\n");
    for c in "98".chars() {
        up(&mut s, Msg::Input(c));
    }
    up(&mut s, Msg::CursorLeft);
    up(&mut s, Msg::Input('x'));
    assert_eq!(s.input.text, "9x8");
    up(&mut s, Msg::Backspace);
    up(&mut s, Msg::CursorRight);
    up(&mut s, Msg::Input('8'));
    assert_eq!(s.input.text, "988");
    up(&mut s, Msg::Enter);
    assert_eq!(s.phase, QuizPhase::Checked { correct: true });
    match up(&mut s, Msg::Enter).action {
        Some(Action::AttemptFinished(a)) => {
            assert_eq!((a.score, a.total, a.passed), (1, 1, true));
            assert_eq!(a.answers[0].answer, Answer::Text("988".into()));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn order_picks_and_undo() {
    let mut s = state("[[questions]]\nprompt = \"o\"\norder = [\"a\", \"b\", \"c\"]\n");
    let items = s.items().to_vec();
    // Pick rows in the order that puts the file order back.
    let row_of = |orig: usize| items.iter().position(|&i| i == orig).unwrap() + 1;
    up(&mut s, Msg::Pick(row_of(1)));
    up(&mut s, Msg::Backspace);
    assert!(s.input.picked.is_empty());
    up(&mut s, Msg::Enter);
    assert_eq!(s.phase, QuizPhase::Asking, "Enter picks, not checks");
    up(&mut s, Msg::Backspace);
    for orig in 0..3 {
        up(&mut s, Msg::Pick(row_of(orig)));
    }
    up(&mut s, Msg::Enter);
    assert_eq!(s.phase, QuizPhase::Checked { correct: true });
}

#[test]
fn select_all_needs_a_choice() {
    let mut s = state(
        "[[questions]]\nprompt = \"s\"\n[[questions.choices]]\ntext = \"a\"\ncorrect = true\n[[questions.choices]]\ntext = \"b\"\ncorrect = true\n[[questions.choices]]\ntext = \"c\"\n",
    );
    up(&mut s, Msg::Enter);
    assert!(s.input.hint.is_some());
    assert_eq!(s.phase, QuizPhase::Asking);
    up(&mut s, Msg::Pick(1));
    up(&mut s, Msg::Down);
    up(&mut s, Msg::Toggle);
    up(&mut s, Msg::Enter);
    assert_eq!(s.phase, QuizPhase::Checked { correct: true });
}

#[test]
fn a_stray_enter_does_not_answer() {
    let mut s = state("[[questions]]\nprompt = \"t\"\nanswer = true\n");
    up(&mut s, Msg::Enter);
    assert_eq!(s.phase, QuizPhase::Asking);
    assert!(s.input.hint.is_some());
    // The first arrow shows the cursor, Enter then answers with it.
    up(&mut s, Msg::Down);
    up(&mut s, Msg::Enter);
    assert_eq!(s.phase, QuizPhase::Checked { correct: true });
}

#[test]
fn true_false_keys() {
    let mut s = state("[[questions]]\nprompt = \"t\"\nanswer = false\n");
    up(&mut s, Msg::TrueFalse(false));
    up(&mut s, Msg::Enter);
    assert_eq!(s.phase, QuizPhase::Checked { correct: true });
}

#[test]
fn defect_3_first_down_moves_the_mark_in_select_all_and_order() {
    // Select all: the mark is on item 1 from the first frame, so the first Down moves it to
    // item 2 and Space toggles item 2.
    let mut s = state(
        "[[questions]]\nprompt = \"s\"\n[[questions.choices]]\ntext = \"a\"\ncorrect = true\n[[questions.choices]]\ntext = \"b\"\ncorrect = true\n[[questions.choices]]\ntext = \"c\"\n",
    );
    up(&mut s, Msg::Down);
    assert_eq!(s.input.cursor, 1, "first Down in select all");
    up(&mut s, Msg::Toggle);
    assert_eq!(s.input.toggled, vec![false, true, false]);
    up(&mut s, Msg::Up);
    assert_eq!(s.input.cursor, 0);
    // Order: Down, Enter picks item 2, not item 1.
    let mut s = state("[[questions]]\nprompt = \"o\"\norder = [\"a\", \"b\", \"c\"]\n");
    up(&mut s, Msg::Down);
    assert_eq!(s.input.cursor, 1, "first Down in an order question");
    up(&mut s, Msg::Enter);
    assert_eq!(s.input.picked, vec![1]);
}
