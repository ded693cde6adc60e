//! Issue 16 defect 6 (last part): a question's text scrolls apart from its choices, so its
//! opening lines can always be brought back while the choices stay usable.

use super::{Harness, Msg, QuizPhase, key};
use ratatui::crossterm::event::KeyCode;
use std::path::Path;

/// The quiz whose first question is a long scenario stem, started, at 40x10.
fn long_question() -> Harness {
    let mut h = Harness::with(Path::new("tests/fixtures/long-question"), None);
    h.send(&[Msg::Enter, Msg::Enter, Msg::NextPage]);
    assert_eq!(h.quiz().phase, QuizPhase::Start);
    h.send(&[Msg::Enter, Msg::Resize(40, 10)]);
    assert_eq!(h.quiz().phase, QuizPhase::Asking);
    h
}

#[test]
fn defect_6_question_text_scrolls_apart_from_the_choices_at_40x10() {
    let mut h = long_question();
    let top = h.screen_text(40, 10);
    assert!(top.contains("FIRST LINE"), "{top}");
    // The text does not fit: a cue in words says there is more, and which key shows it.
    assert!(top.contains("▼") && top.contains("PgDn"), "{top}");
    // Moving to the last choice keeps the question's opening in place.
    h.send(&[Msg::Down, Msg::Down, Msg::Down, Msg::Down]);
    let last = h.screen_text(40, 10);
    assert!(last.contains("FIRST LINE"), "{last}");
    assert!(last.contains("▸ 4."), "the selection stays visible: {last}");
    // PageDown scrolls the question alone, to its end; the selection stays where it was.
    for _ in 0..20 {
        key(&mut h, KeyCode::PageDown);
    }
    let end = h.screen_text(40, 10);
    assert!(
        end.contains("LAST LINE") || end.contains("what do you do first"),
        "{end}"
    );
    assert!(!end.contains("FIRST LINE"), "{end}");
    assert!(end.contains("▲") && end.contains("PgUp"), "{end}");
    assert!(end.contains("▸ 4."), "{end}");
    assert_eq!(
        h.quiz().input.cursor,
        3,
        "PageDown never moves the selection"
    );
    // PageUp brings the opening lines back.
    for _ in 0..20 {
        key(&mut h, KeyCode::PageUp);
    }
    let back = h.screen_text(40, 10);
    assert!(back.contains("FIRST LINE"), "{back}");
    assert!(back.contains("▸ 4."), "{back}");
    // The answer still goes through.
    h.send(&[Msg::Enter]);
    assert!(matches!(h.quiz().phase, QuizPhase::Checked { .. }));
}

#[test]
fn question_scroll_snapshots_at_40x10() {
    // Kept with the suite's other snapshots.
    insta::with_settings!({ snapshot_path => "../snapshots" }, {
        let mut h = long_question();
        h.send(&[Msg::Down, Msg::Down]);
        insta::assert_snapshot!("question_scroll_top_40x10", h.screen_text(40, 10));
        // Styles: the cue is muted words (not colour alone), the selection inverse.
        insta::assert_snapshot!("question_scroll_top_40x10_styled", h.screen_styled(40, 10));
        key(&mut h, KeyCode::PageDown);
        key(&mut h, KeyCode::PageDown);
        insta::assert_snapshot!("question_scroll_down_40x10", h.screen_text(40, 10));
        insta::assert_snapshot!("question_scroll_down_40x10_styled", h.screen_styled(40, 10));
    });
}

#[test]
fn a_long_question_never_panics_at_any_size_and_fits_whole_when_there_is_room() {
    let mut h = long_question();
    h.send(&[Msg::Down, Msg::Down]);
    key(&mut h, KeyCode::PageDown);
    for (w, hgt) in [(1, 1), (20, 5), (40, 10), (200, 50)] {
        h.send(&[Msg::Resize(w, hgt)]);
        let _ = h.screen_text(w, hgt);
        key(&mut h, KeyCode::PageDown);
        key(&mut h, KeyCode::PageUp);
        let _ = h.screen_text(w, hgt);
    }
    // At 200x50 it all fits: no cue, no scroll keys in the footer, the scroll back at 0.
    let wide = h.screen_text(200, 50);
    assert!(
        wide.contains("FIRST LINE") && wide.contains("LAST LINE"),
        "{wide}"
    );
    assert!(!wide.contains("PgDn") && !wide.contains("▼"), "{wide}");
    assert_eq!(h.quiz().prompt_scroll, 0);
    // The footer names the keys only while the text does not fit.
    h.send(&[Msg::Resize(120, 12)]);
    let tight = h.screen_text(120, 12);
    assert!(tight.contains("PgUp/PgDn question"), "{tight}");
    // The next question starts at its top.
    key(&mut h, KeyCode::PageDown);
    assert!(h.quiz().prompt_scroll > 0);
    h.send(&[Msg::Enter, Msg::Enter]);
    assert_eq!(h.quiz().pos, 1);
    assert_eq!(h.quiz().prompt_scroll, 0);
}

#[test]
fn screen_reader_mode_reads_the_whole_question() {
    let h = Harness::with(Path::new("tests/fixtures/long-question"), None);
    let (out, _, _) = super::plain_run_in(h, "\n\n\n\n");
    assert!(
        out.contains("FIRST LINE") && out.contains("what do you do first?"),
        "{out}"
    );
}

#[test]
fn page_down_after_answering_scrolls_the_feedback_before_going_on() {
    // PgDn scrolled the question a moment ago: pressed again on the feedback it must not skip
    // the feedback unread.
    let mut h = long_question();
    h.send(&[Msg::Down, Msg::Enter]);
    assert!(matches!(h.quiz().phase, QuizPhase::Checked { .. }));
    key(&mut h, KeyCode::PageDown);
    assert!(
        matches!(h.quiz().phase, QuizPhase::Checked { .. }),
        "PgDn skipped the feedback"
    );
    assert!(h.quiz().input.cursor > 0, "PgDn scrolls the feedback");
    key(&mut h, KeyCode::PageUp);
    assert_eq!(h.quiz().input.cursor, 0, "PgUp scrolls it back");
    // At its end, PgDn goes on, as Space and PgDn turn the page at a page's end.
    for _ in 0..30 {
        if h.quiz().pos == 1 {
            break;
        }
        key(&mut h, KeyCode::PageDown);
    }
    assert_eq!(h.quiz().pos, 1);
    assert_eq!(h.quiz().phase, QuizPhase::Asking);
}

#[test]
fn screen_reader_results_read_each_question_whole_on_one_line() {
    // Start, answer both questions, and read the results: the long stem is not cut at its
    // first wrapped line or its first paragraph.
    let h = Harness::with(Path::new("tests/fixtures/long-question"), None);
    let (out, _, _) = super::plain_run_in(h, "\n\n\n\n1\n\nt\n\n");
    let review = &out[out.find("Review:").unwrap_or_else(|| panic!("{out}"))..];
    let line = review
        .lines()
        .find(|l| l.contains("FIRST LINE"))
        .unwrap_or_else(|| panic!("{review}"));
    assert!(line.starts_with("1. "), "{line}");
    assert!(line.contains("holding a folding chair."), "{line}");
    assert!(line.ends_with("what do you do first?"), "{line}");
}

#[test]
fn a_long_notice_does_not_put_the_end_of_a_question_out_of_reach() {
    let mut h = long_question();
    h.send(&[Msg::Resize(40, 16)]);
    for _ in 0..20 {
        key(&mut h, KeyCode::PageDown);
    }
    assert!(h.screen_text(40, 16).contains("LAST LINE"));
    // A save failing with a long reason takes more status rows, and so rows from the text:
    // scrolled to its end, the text stays at its end.
    h.app.save = rollcall::app::SaveState::Failed(format!(
        "cannot write progress file {}: No space left on device (os error 28)",
        "/a/rather/long/path/to/the/data".repeat(2)
    ));
    let screen = h.screen_text(40, 16);
    assert!(screen.contains("LAST LINE"), "{screen}");
}
