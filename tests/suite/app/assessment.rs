//! Assessments (issue 12): feedback = "end", attempt limits and retake timing, leaving never confirmed by Enter.

use super::{
    GIVEAWAYS, Harness, Msg, Overlay, QuizPhase, Screen, Store, Terminal, TestBackend,
    assert_plain, assessment, day_and_a_minute_later_clock, day_later_clock, key, plain_answers,
    plain_run_in, reopen_quiz,
};

#[test]
fn feedback_end_shows_nothing_before_submission_and_everything_after() {
    let mut h = assessment();
    let start = h.screen_text(80, 24);
    assert!(start.contains("only after the last question"), "{start}");
    h.send(&[Msg::Enter]);
    let asked: Vec<String> = {
        let q = h.quiz();
        q.arrangement
            .ids(q.quiz.as_ref().unwrap())
            .iter()
            .map(ToString::to_string)
            .collect()
    };
    assert_eq!(asked.len(), 4, "draw = 4");
    for n in 0..4 {
        assert_eq!(h.quiz().phase, QuizPhase::Asking);
        assert_eq!(h.quiz().pos, n);
        h.give(n % 2 == 0);
        if n < 3 {
            assert_eq!(h.quiz().phase, QuizPhase::Asking, "no feedback phase");
            let text = h.screen_text(100, 40);
            for word in GIVEAWAYS {
                assert!(
                    !text.contains(word),
                    "{word:?} shown before submission:\n{text}"
                );
            }
        }
    }
    let QuizPhase::Results(score) = h.quiz().phase.clone() else {
        panic!("{:?}", h.quiz().phase)
    };
    assert_eq!((score.points, score.total), (2, 4));
    // The review holds every asked question: its verdict, the answers and the explanation.
    let text = h.screen_text(100, 200);
    for n in 1..=4 {
        let verdict = if n % 2 == 1 { "right" } else { "not quite" };
        assert!(
            text.contains(&format!("Question {n} of 4: {verdict}")),
            "{text}"
        );
    }
    let quiz = h.quiz().quiz.clone().unwrap();
    for id in &asked {
        let question = quiz.question(id).unwrap();
        let why = question.explanation.as_deref().unwrap();
        let first_words: String = why.split(' ').take(2).collect::<Vec<_>>().join(" ");
        assert!(
            text.contains(&first_words),
            "{first_words:?} missing:\n{text}"
        );
    }
    // The review scrolls: Down moves it, and it stops with its last line at the bottom.
    let top = h.screen_text(80, 24);
    h.send(&vec![Msg::Down; 400]);
    let bottom = h.screen_text(80, 24);
    assert_ne!(top, bottom);
    assert!(bottom.contains("Esc back to the course"), "{bottom}");
    // The next attempt opens tomorrow: no r retake, in the results or the footer.
    assert!(!bottom.contains("r retake"), "{bottom}");
    let saved = Store::new(h.dir.path(), "tester").unwrap().load().unwrap();
    assert_eq!(saved.attempts.len(), 1);
    let ids: Vec<&str> = saved.attempts[0]
        .answers
        .iter()
        .map(|a| a.id.as_deref().unwrap())
        .collect();
    assert_eq!(ids, asked, "the attempt records the ids asked, in order");
}

#[test]
fn feedback_end_review_colours_carry_the_verdict() {
    let mut h = assessment();
    h.send(&[Msg::Enter]);
    for n in 0..4 {
        h.give(n == 0);
    }
    let mut app = h.app.clone();
    app.size = (80, 60);
    let mut terminal = Terminal::new(TestBackend::new(80, 60)).unwrap();
    terminal.draw(|f| rollcall::ui::view(&app, f)).unwrap();
    let buf = terminal.backend().buffer().clone();
    let row_of = |needle: &str| {
        (0..60u16)
            .find(|&y| {
                let line: String = (0..80u16)
                    .map(|x| buf[(x, y)].symbol().to_string())
                    .collect();
                line.contains(needle)
            })
            .unwrap_or_else(|| panic!("{needle:?} not on screen"))
    };
    let fg = |y: u16| {
        (0..80u16)
            .map(|x| &buf[(x, y)])
            .find(|c| c.symbol() == "Q")
            .map(|c| c.fg)
            .unwrap()
    };
    let right = fg(row_of("Question 1 of 4: right"));
    let wrong = fg(row_of("Question 2 of 4: not quite"));
    assert_ne!(
        right, wrong,
        "right and wrong differ in colour as well as in words"
    );
    snapshot!("feedback_end_results", h.screen_text(80, 60));
}

#[test]
fn feedback_end_in_screen_reader_mode() {
    // The same draw as the terminal would make (the runtime's seed is fixed): learn it there.
    let mut probe = assessment();
    probe.send(&[Msg::Enter]);
    let answers = plain_answers(&probe);
    let input = format!("\n{}\n", answers.join("\n"));
    let (out, app, _dir) = plain_run_in(assessment(), &input);
    assert_plain(&out);
    let at_results = out.find("Score: 2 of 4").unwrap_or_else(|| panic!("{out}"));
    let before = &out[..at_results];
    for word in ["Correct.", "Not quite", "Why:", "Not a command"] {
        assert!(
            !before.contains(word),
            "{word:?} said before submission:\n{before}"
        );
    }
    let after = &out[at_results..];
    for line in [
        "Question 1 of 4: right.",
        "Question 2 of 4: not quite.",
        "You answered:",
        "Why:",
    ] {
        assert!(after.contains(line), "{line:?} missing:\n{after}");
    }
    assert_eq!(app.progress.attempts.len(), 1);
}

#[test]
fn attempt_limits_and_retake_timing_with_an_injected_clock() {
    let mut h = assessment();
    h.send(&[Msg::Enter]);
    for _ in 0..4 {
        h.give(true);
    }
    assert!(matches!(h.quiz().phase, QuizPhase::Results(_)));
    let text = h.screen_text(80, 24);
    assert!(text.contains("Attempts: 1 of 2 used, 1 left."), "{text}");
    assert!(
        text.contains("The next attempt opens 2026-11-25 10:00 (in 24 h 0 min)."),
        "{text}"
    );
    // r does not start an attempt before the wait is over, and says when it will.
    h.send(&[Msg::Retake]);
    assert!(matches!(h.quiz().phase, QuizPhase::Results(_)));
    let text = h.screen_text(80, 24);
    assert!(
        text.contains("The next attempt opens 2026-11-25 10:00."),
        "{text}"
    );
    // The course screen says so too.
    h.send(&[Msg::Back]);
    assert!(matches!(h.app.screen, Screen::Course(_)));
    let course = h.screen_text(100, 24);
    assert!(course.contains("retake from 2026-11-25 10:00"), "{course}");
    // A minute before the day is over: still closed.
    h.rt.clock = day_later_clock;
    reopen_quiz(&mut h);
    let start = h.screen_text(80, 24);
    assert!(start.contains("(in 1 min)"), "{start}");
    h.send(&[Msg::Enter]);
    assert_eq!(h.quiz().phase, QuizPhase::Start);
    // A minute after: open, and the second attempt is the last.
    h.rt.clock = day_and_a_minute_later_clock;
    reopen_quiz(&mut h);
    let start = h.screen_text(80, 24);
    assert!(!start.contains("opens"), "{start}");
    h.send(&[Msg::Enter]);
    assert_eq!(h.quiz().phase, QuizPhase::Asking);
    for _ in 0..4 {
        h.give(false);
    }
    let text = h.screen_text(80, 24);
    assert!(text.contains("No attempts left (2 of 2 used)."), "{text}");
    h.send(&[Msg::Retake]);
    assert!(matches!(h.quiz().phase, QuizPhase::Results(_)));
    assert!(
        h.screen_text(80, 24)
            .contains("No attempts left at this quiz.")
    );
    h.send(&[Msg::Back]);
    assert!(h.screen_text(100, 24).contains("no attempts left"));
    assert_eq!(h.app.progress.attempts.len(), 2);
}

#[test]
fn defect_2_enter_never_confirms_leaving_an_attempt() {
    use ratatui::crossterm::event::KeyCode;
    let mut h = Harness::new();
    h.open_first_lesson();
    h.take_quiz(&[true]);
    // Esc then Enter: the question stays, the attempt is not thrown away.
    key(&mut h, KeyCode::Esc);
    assert!(matches!(h.app.overlay, Some(Overlay::ConfirmLeave { .. })));
    key(&mut h, KeyCode::Enter);
    assert!(
        matches!(h.app.overlay, Some(Overlay::ConfirmLeave { .. })),
        "Enter answered the question"
    );
    assert!(h.app.screen.in_attempt(), "Enter left the attempt");
    // Sent directly (the screen-reader mode's empty line) it does not confirm either.
    h.send(&[Msg::Enter]);
    assert!(h.app.screen.in_attempt(), "Enter left the attempt");
    // Quitting mid-attempt: Enter does not quit.
    h.app.overlay = None;
    key(&mut h, KeyCode::Char('q'));
    key(&mut h, KeyCode::Enter);
    assert!(!h.app.quitting, "Enter quit in the middle of an attempt");
    // y, and only y, confirms.
    h.app.overlay = None;
    key(&mut h, KeyCode::Esc);
    key(&mut h, KeyCode::Char('y'));
    assert!(!h.app.screen.in_attempt());
}
