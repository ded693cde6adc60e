//! The leave dialog: y keeps what is under way for later, d discards it, n or Esc stays and
//! Enter does nothing; the same whether it came from Esc or q, for a quiz attempt and for a
//! scenario run, in both front ends. And `d` on the quiz start screen, which only y confirms.

use super::{Harness, Overlay, QuizPhase, Screen, Store, assessment, key, scenario_harness};
use ratatui::crossterm::event::KeyCode;
use rollcall::app::{Msg, Subject};

/// What is on disk now, as a restarted rollcall would read it.
fn on_disk(h: &Harness) -> rollcall::progress::Progress {
    Store::new(h.dir.path(), "tester").unwrap().load().unwrap()
}

/// The assessment's attempt under way, if any, in `p`.
fn open(p: &rollcall::progress::Progress) -> bool {
    p.open_attempt("final", "01-final").is_some()
}

/// An assessment with one answer given, the leave dialog opened by `via` (Esc or q).
fn mid_attempt(via: KeyCode) -> Harness {
    let mut h = assessment();
    h.send(&[Msg::Enter]);
    h.give(true);
    key(&mut h, via);
    assert_eq!(
        h.app.overlay,
        Some(Overlay::ConfirmLeave {
            quit: via == KeyCode::Char('q'),
            subject: Subject::Quiz,
            discarding: false
        })
    );
    h
}

#[test]
fn y_keeps_the_attempt_for_later_whether_left_with_esc_or_q() {
    let mut h = mid_attempt(KeyCode::Esc);
    let dialog = h.screen_text(80, 24);
    assert!(dialog.contains("Leave the quiz?"), "{dialog}");
    assert!(
        dialog.contains("open the quiz again to continue"),
        "{dialog}"
    );
    assert!(
        dialog.contains("y keep for later · d discard · n stay"),
        "{dialog}"
    );
    // The footer names the dialog's keys, not the question's beneath it (Enter does nothing).
    let footer = dialog.lines().last().unwrap();
    assert!(footer.contains("y keep for later"), "{footer}");
    assert!(!footer.contains("Enter"), "{footer}");
    key(&mut h, KeyCode::Char('y'));
    assert!(!matches!(h.app.screen, Screen::Quiz(_)));
    assert!(!h.app.quitting);
    let after = h.screen_text(80, 24);
    assert!(after.contains("Attempt kept for later"), "{after}");
    let saved = on_disk(&h);
    assert!(open(&saved), "Esc then y threw the attempt away");
    assert!(saved.attempts.is_empty(), "kept, never a score");
    // The course screen says so beside the lesson.
    h.send(&[Msg::Back]);
    let course = h.screen_text(120, 24);
    assert!(
        course.contains("quiz attempt in progress (1 answer)"),
        "{after}\n{course}"
    );
    // Where the full status does not fit, it still says so.
    let narrow = h.screen_text(50, 24);
    assert!(narrow.contains("attempt in progress"), "{narrow}");
    h.send(&[Msg::Enter]);
    // Opening the quiz again offers to continue it.
    h.send(&[Msg::NextPage]);
    let start = h.screen_text(80, 24);
    assert!(start.contains("1 of 4 questions answered"), "{start}");
    assert!(
        start.contains("Press Enter to continue where you left off, or d to discard it."),
        "{start}"
    );

    let mut h = mid_attempt(KeyCode::Char('q'));
    key(&mut h, KeyCode::Char('y'));
    assert!(h.app.quitting);
    assert!(open(&on_disk(&h)));
}

#[test]
fn d_then_y_discards_the_attempt_whether_left_with_esc_or_q() {
    for via in [KeyCode::Esc, KeyCode::Char('q')] {
        let mut h = mid_attempt(via);
        let before = on_disk(&h);
        assert!(open(&before));
        // d alone discards nothing: only y confirms a destructive choice, everywhere.
        key(&mut h, KeyCode::Char('d'));
        assert!(!h.app.quitting);
        assert!(open(&on_disk(&h)), "{via:?} then d discarded before y");
        let asked = h.screen_text(80, 24);
        assert!(asked.contains("Discard this attempt?"), "{asked}");
        assert!(asked.contains("y discard · n back"), "{asked}");
        key(&mut h, KeyCode::Enter);
        key(&mut h, KeyCode::Char('d'));
        assert!(open(&on_disk(&h)), "Enter or d discarded");
        key(&mut h, KeyCode::Char('y'));
        assert_eq!(h.app.quitting, via == KeyCode::Char('q'), "{via:?}");
        assert!(h.app.overlay.is_none());
        let mut after = on_disk(&h);
        assert!(!open(&after), "{via:?} then d kept the attempt");
        // A tombstone: an older copy from elsewhere cannot bring it back.
        after.merge(&before);
        assert!(!open(&after));
        assert!(after.attempts.is_empty());
        if via == KeyCode::Esc {
            assert!(!matches!(h.app.screen, Screen::Quiz(_)));
            let text = h.screen_text(80, 24);
            assert!(text.contains("Attempt discarded"), "{text}");
        }
    }
}

#[test]
fn n_after_d_goes_back_to_the_three_ways_out() {
    for back in [KeyCode::Char('n'), KeyCode::Esc] {
        let mut h = mid_attempt(KeyCode::Esc);
        key(&mut h, KeyCode::Char('d'));
        key(&mut h, back);
        assert_eq!(
            h.app.overlay,
            Some(Overlay::ConfirmLeave {
                quit: false,
                subject: Subject::Quiz,
                discarding: false
            }),
            "{back:?}"
        );
        assert!(open(&on_disk(&h)));
        key(&mut h, KeyCode::Char('n'));
        assert!(h.app.overlay.is_none() && h.app.screen.in_attempt());
    }
}

#[test]
fn n_and_esc_stay_and_enter_does_nothing() {
    for via in [KeyCode::Esc, KeyCode::Char('q')] {
        for stay in [KeyCode::Char('n'), KeyCode::Esc] {
            let mut h = mid_attempt(via);
            key(&mut h, KeyCode::Enter);
            assert!(h.app.overlay.is_some(), "Enter closed the dialog");
            h.send(&[Msg::Enter]);
            assert!(h.app.overlay.is_some(), "Enter closed the dialog");
            key(&mut h, stay);
            assert!(h.app.overlay.is_none(), "{via:?} {stay:?}");
            assert!(!h.app.quitting);
            assert!(h.app.screen.in_attempt());
            assert_eq!(h.quiz().pos, 1, "the same question");
            assert!(open(&on_disk(&h)));
        }
    }
}

#[test]
fn a_scenario_run_is_asked_about_in_its_own_words() {
    let mut h = scenario_harness();
    h.send(&[Msg::Pick(2), Msg::Enter]);
    for via in [KeyCode::Esc, KeyCode::Char('q')] {
        key(&mut h, via);
        assert_eq!(
            h.app.overlay,
            Some(Overlay::ConfirmLeave {
                quit: via == KeyCode::Char('q'),
                subject: Subject::Scenario,
                discarding: false
            })
        );
        let dialog = h.screen_text(80, 24);
        assert!(dialog.contains("Leave the scenario?"), "{dialog}");
        assert!(!dialog.contains("Leave the quiz?"), "{dialog}");
        assert!(dialog.contains("this run?"), "{dialog}");
        assert!(dialog.contains("open the scenario again"), "{dialog}");
        key(&mut h, KeyCode::Enter);
        assert!(h.app.overlay.is_some(), "Enter closed the dialog");
        key(&mut h, KeyCode::Char('n'));
        assert!(h.app.overlay.is_none() && h.app.screen.in_attempt());
    }
    // y keeps the run for later, never as a finished run.
    key(&mut h, KeyCode::Esc);
    key(&mut h, KeyCode::Char('y'));
    assert!(matches!(h.app.screen, Screen::Course(_)));
    assert!(h.screen_text(80, 24).contains("Run kept for later"));
    assert!(h.app.progress.runs.is_empty());
    assert_eq!(open_runs(&h), 1);
    // d, then y, discards it.
    let mut h = scenario_harness();
    h.send(&[Msg::Pick(2), Msg::Enter]);
    key(&mut h, KeyCode::Esc);
    key(&mut h, KeyCode::Char('d'));
    assert!(h.screen_text(80, 24).contains("Discard this run?"));
    assert_eq!(open_runs(&h), 1, "d alone discarded the run");
    key(&mut h, KeyCode::Char('y'));
    assert!(matches!(h.app.screen, Screen::Course(_)));
    assert!(h.screen_text(80, 24).contains("Run discarded"));
    assert!(h.app.progress.runs.is_empty(), "a discarded run is no run");
    assert_eq!(open_runs(&h), 0);
}

/// Scenario runs under way in the record on disk.
fn open_runs(h: &Harness) -> usize {
    on_disk(h)
        .runs_in_progress
        .iter()
        .filter(|r| r.is_open())
        .count()
}

#[test]
fn screen_reader_mode_offers_the_same_three_choices() {
    let mut probe = assessment();
    probe.send(&[Msg::Enter]);
    let first = super::plain_answers(&probe)[0].clone();
    // An empty line and an unknown word leave the question asked; n stays; then y keeps.
    let keep = format!("\n{first}\nb\n\nn\nb\ny\n");
    let (out, app, _dir) = super::plain_run_in(assessment(), &keep);
    super::assert_plain(&out);
    assert!(
        out.contains("Leave this attempt? Keep it: open the quiz again to continue."),
        "{out}"
    );
    assert!(
        out.contains("Type y to keep it for later, d to discard it, or n to stay."),
        "{out}"
    );
    assert!(out.contains("Attempt kept for later"), "{out}");
    assert!(open(&app.progress));
    // d asks; n goes back; d again, then y, discards.
    let discard = format!("\n{first}\nb\nd\nn\nd\ny\n");
    let (out, app, _dir) = super::plain_run_in(assessment(), &discard);
    assert!(
        out.contains(
            "Discard this attempt? Nothing from it is recorded, and it cannot be continued."
        ),
        "{out}"
    );
    assert!(
        out.contains("Type y to discard it, or n to go back."),
        "{out}"
    );
    assert!(out.contains("Attempt discarded"), "{out}");
    assert!(!open(&app.progress));
    assert!(app.progress.attempts.is_empty());
}

/// An assessment whose attempt was left for later, back at its start screen.
fn start_with_attempt_kept() -> Harness {
    let mut h = mid_attempt(KeyCode::Esc);
    key(&mut h, KeyCode::Char('y'));
    h.send(&[Msg::NextPage]);
    assert_eq!(h.quiz().phase, QuizPhase::Start);
    assert!(h.quiz().resume.is_some());
    h
}

#[test]
fn d_on_the_start_screen_asks_and_only_y_discards() {
    let mut h = start_with_attempt_kept();
    let start = h.screen_text(100, 24);
    assert!(start.contains("d discard"), "{start}");
    assert!(start.contains("or d to discard it"), "{start}");
    for keep in [KeyCode::Char('n'), KeyCode::Esc, KeyCode::Enter] {
        key(&mut h, KeyCode::Char('d'));
        let asking = h.screen_text(100, 24);
        assert!(
            asking.contains("Discard the attempt in progress?"),
            "{asking}"
        );
        assert!(asking.contains("y discard · n keep it"), "{asking}");
        key(&mut h, keep);
        if keep == KeyCode::Enter {
            assert!(h.quiz().confirm_discard, "Enter answered the question");
            assert_eq!(h.quiz().phase, QuizPhase::Start, "Enter started");
            key(&mut h, KeyCode::Char('n'));
        }
        assert!(!h.quiz().confirm_discard, "{keep:?}");
        assert_eq!(h.quiz().phase, QuizPhase::Start, "{keep:?}");
        assert!(h.quiz().resume.is_some(), "{keep:?} discarded");
        assert!(open(&on_disk(&h)), "{keep:?} discarded");
    }
    let before = on_disk(&h);
    key(&mut h, KeyCode::Char('d'));
    key(&mut h, KeyCode::Char('y'));
    assert!(h.quiz().resume.is_none());
    let after_text = h.screen_text(100, 24);
    assert!(after_text.contains("Attempt discarded"), "{after_text}");
    assert!(!after_text.contains("questions answered"), "{after_text}");
    let mut after = on_disk(&h);
    assert!(!open(&after));
    after.merge(&before);
    assert!(!open(&after), "an old copy cannot bring it back");
    assert!(after.attempts.is_empty());
    // With nothing in progress, d asks nothing and Enter starts afresh.
    key(&mut h, KeyCode::Char('d'));
    assert!(!h.quiz().confirm_discard);
    h.send(&[Msg::Enter]);
    assert_eq!(h.quiz().phase, QuizPhase::Asking);
    assert_eq!(h.quiz().pos, 0);
}

#[test]
fn screen_reader_mode_discards_from_the_start_screen_only_on_yes() {
    let mut probe = assessment();
    probe.send(&[Msg::Enter]);
    let first = super::plain_answers(&probe)[0].clone();
    // Keep the attempt, come back to the start, d, an empty line, n: kept; d, y: discarded.
    let input = format!("\n{first}\nb\ny\n\nd\n\nn\nd\ny\n");
    let (out, app, _dir) = super::plain_run_in(assessment(), &input);
    super::assert_plain(&out);
    assert!(
        out.contains("Empty line: continue. d: discard it. b: back."),
        "{out}"
    );
    assert!(
        out.contains("Discard the attempt in progress? Nothing from it will be recorded."),
        "{out}"
    );
    assert!(
        out.contains("Type y to discard it, or n to keep it."),
        "{out}"
    );
    let asked = out.find("Discard the attempt in progress?").unwrap();
    assert!(out[asked..].contains("Not a command here"), "{out}");
    assert!(out.contains("Attempt discarded"), "{out}");
    assert!(!open(&app.progress));
    assert!(app.progress.attempts.is_empty());
}

/// The rows of the box drawn with rounded corners, between its top and bottom borders.
fn dialog_rows(screen: &str) -> Vec<String> {
    let lines: Vec<&str> = screen.lines().collect();
    let top = lines.iter().position(|l| l.contains('╭')).unwrap();
    let bottom = lines.iter().position(|l| l.contains('╰')).unwrap();
    let left = lines[top].chars().position(|c| c == '╭').unwrap();
    let right = lines[top].chars().position(|c| c == '╮').unwrap();
    lines[top + 1..bottom]
        .iter()
        .map(|l| l.chars().skip(left).take(right - left + 1).collect())
        .collect()
}

#[test]
fn the_leave_dialog_keeps_a_margin_inside_its_border_at_40x10_and_80x24() {
    let h = mid_attempt(KeyCode::Esc);
    for (w, rows) in [(40, 10), (80, 24)] {
        let screen = h.screen_text(w, rows);
        for row in dialog_rows(&screen) {
            // Every wrapped line starts a column in from the border and ends one before it.
            assert!(
                row.starts_with("│ ") && row.ends_with(" │"),
                "{row:?}\n{screen}"
            );
        }
        assert!(screen.contains("n stay"), "{screen}");
        snapshot!(format!("leave_dialog_{w}x{rows}"), screen);
    }
    // Quitting asks a longer question: at 40x10 the keys still show, inside the border.
    let h = mid_attempt(KeyCode::Char('q'));
    let screen = h.screen_text(40, 10);
    let rows = dialog_rows(&screen);
    assert!(
        rows.iter()
            .all(|r| r.starts_with("│ ") && r.ends_with(" │")),
        "{screen}"
    );
    assert!(rows.iter().any(|r| r.contains("n stay")), "{screen}");
}
