//! Time on task (issue 12): active time per page and attempt, a capped gap, what a course still needs.

use super::{Harness, Msg, QuizPhase, Screen, Store, after, hand_clock};

#[test]
fn active_time_accrues_per_page_and_attempt_and_a_suspended_gap_counts_only_the_cap() {
    let mut h = Harness::new();
    let t = hand_clock(&mut h);
    after(&mut h, &t, 0, Msg::Enter); // library -> course
    after(&mut h, &t, 40, Msg::Enter); // 40 s on the course screen: not time on task
    after(&mut h, &t, 120, Msg::NextPage); // 2 minutes reading page 1
    // The lid closed on page 2 for three hours: counts as the 5-minute cap.
    after(&mut h, &t, 3 * 3600, Msg::Down);
    after(&mut h, &t, 30, Msg::NextPage);
    let lesson = h.app.progress.lesson("sample", "01-first").unwrap();
    assert_eq!(lesson.active_seconds.page(1), 120);
    assert_eq!(lesson.active_seconds.page(2), 300 + 30);
    assert_eq!(lesson.active_seconds.total(), 450);
    // Page 3, then the quiz: 10 s per input during the attempt.
    after(&mut h, &t, 15, Msg::NextPage); // 15 s on page 3 -> quiz start screen
    after(&mut h, &t, 50, Msg::Enter); // 50 s on the start screen: not counted
    let Screen::Quiz(q) = &h.app.screen else {
        panic!("no quiz")
    };
    assert_eq!(q.phase, QuizPhase::Asking);
    let mut questions = 0;
    while matches!(&h.app.screen, Screen::Quiz(q) if q.in_attempt()) {
        after(&mut h, &t, 10, Msg::Down); // 10 s thinking about each question
        h.answer(true);
        questions += 1;
    }
    let attempt = h.app.progress.attempts.last().expect("attempt recorded");
    assert_eq!(attempt.active_seconds, Some(10 * questions));
    // Time on the results screen is not the attempt's (it is recorded already).
    after(&mut h, &t, 200, Msg::Down);
    assert_eq!(
        h.app.progress.attempts.last().unwrap().active_seconds,
        Some(10 * questions)
    );
    // The record on disk has it too, after the save at quit.
    after(&mut h, &t, 5, Msg::Quit);
    h.rt.flush();
    let saved = Store::new(h.dir.path(), "tester").unwrap().load().unwrap();
    assert_eq!(
        saved
            .lesson("sample", "01-first")
            .unwrap()
            .active_seconds
            .total(),
        450 + 15
    );
    assert_eq!(
        rollcall::domain::active_seconds(&saved, "sample"),
        Some(465 + 10 * questions)
    );
}

#[test]
fn the_course_screen_shows_the_active_time_a_course_still_needs() {
    let mut h = Harness::new();
    let sample = h
        .app
        .library
        .courses
        .iter()
        .position(|c| c.id == "sample")
        .unwrap();
    h.app.library.courses[sample].min_minutes = 10;
    let t = hand_clock(&mut h);
    after(&mut h, &t, 0, Msg::Enter);
    let text = h.screen_text(100, 24);
    assert!(
        text.contains("10 minutes of active time remaining"),
        "{text}"
    );
    after(&mut h, &t, 5, Msg::Enter);
    after(&mut h, &t, 150, Msg::Back); // 2.5 minutes on page 1
    let text = h.screen_text(100, 24);
    assert!(
        text.contains("8 minutes of active time remaining"),
        "{text}"
    );
}
