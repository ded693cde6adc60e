//! The app driven headlessly: messages in, state and `TestBackend` screens out.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use std::path::Path;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rollcall::app::{App, Msg, Overlay, QuizPhase, SaveState, ScenarioPhase, Screen};
use rollcall::course::load_library;
use rollcall::progress::Progress;
use rollcall::progress::store::Store;
use rollcall::quiz::QuestionKind;
use rollcall::runtime::{Runtime, drive};

mod checks;
mod leave;
mod migrate;
mod question_scroll;
mod results;
mod resume;
mod runs;

fn fixed_clock() -> jiff::Zoned {
    "2026-11-24T10:00:00-05:00[-05:00]".parse().unwrap()
}

struct Harness {
    app: App,
    rt: Runtime,
    dir: tempfile::TempDir,
}

impl Harness {
    fn new() -> Self {
        Self::with_progress(None)
    }

    fn with_progress(progress: Option<Progress>) -> Self {
        Self::with(Path::new("tests/fixtures/courses"), progress)
    }

    fn with(courses: &Path, progress: Option<Progress>) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let library = load_library(courses).unwrap();
        let store = Store::new(dir.path(), "tester").unwrap();
        let progress = progress.unwrap_or_else(|| Progress::new("tester"));
        let mut app = App::new(library, "tester", progress);
        let mut rt = Runtime::new(dir.path().to_path_buf(), Some(store));
        rt.rng = fastrand::Rng::with_seed(7);
        rt.clock = fixed_clock;
        drive(&mut app, &mut rt, Msg::Resize(80, 24));
        Self { app, rt, dir }
    }

    fn send(&mut self, msgs: &[Msg]) {
        for m in msgs {
            drive(&mut self.app, &mut self.rt, m.clone());
        }
    }

    fn screen_text(&self, w: u16, h: u16) -> String {
        let mut app = self.app.clone();
        app.size = (w, h);
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal.draw(|f| rollcall::ui::view(&app, f)).unwrap();
        let buf = terminal.backend().buffer().clone();
        let mut out = String::new();
        for y in 0..h {
            for x in 0..w {
                out.push_str(buf[(x, y)].symbol());
            }
            out.push('\n');
        }
        out
    }

    /// The screen with its styles (ratatui's buffer debug form: text, then style runs).
    fn screen_styled(&self, w: u16, h: u16) -> String {
        let mut app = self.app.clone();
        app.size = (w, h);
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal.draw(|f| rollcall::ui::view(&app, f)).unwrap();
        format!("{:?}", terminal.backend().buffer())
    }

    fn open_first_lesson(&mut self) {
        self.send(&[Msg::Enter, Msg::Enter]);
        assert!(matches!(self.app.screen, Screen::Lesson(_)));
    }

    /// Answers the current quiz question right (or wrong) and presses Enter, whatever the
    /// quiz shows next.
    fn give(&mut self, right: bool) {
        let Screen::Quiz(q) = &self.app.screen else {
            panic!("not in a quiz")
        };
        let question = q.question().unwrap().clone();
        let items = q.items().to_vec();
        let row_of = |orig: usize| items.iter().position(|&i| i == orig).unwrap() + 1;
        let msgs: Vec<Msg> = match &question.kind {
            QuestionKind::Choice(choices) if question.kind.is_multi() => choices
                .iter()
                .enumerate()
                .filter(|(_, c)| c.correct == right)
                .map(|(i, _)| Msg::Pick(row_of(i)))
                .collect(),
            QuestionKind::Choice(choices) => {
                let i = choices.iter().position(|c| c.correct == right).unwrap();
                vec![Msg::Pick(row_of(i))]
            }
            QuestionKind::TrueFalse(a) => vec![Msg::TrueFalse(*a == right)],
            QuestionKind::Typed(_) => {
                let text = if right { "988" } else { "911" };
                text.chars().map(Msg::Input).collect()
            }
            QuestionKind::Order(items) => {
                let mut order: Vec<usize> = (0..items.len()).collect();
                if !right {
                    order.reverse();
                }
                order.into_iter().map(|i| Msg::Pick(row_of(i))).collect()
            }
        };
        self.send(&msgs);
        self.send(&[Msg::Enter]);
    }

    /// Answers the current quiz question right (or wrong), sees the feedback, goes on.
    fn answer(&mut self, right: bool) {
        self.give(right);
        let Screen::Quiz(q) = &self.app.screen else {
            panic!()
        };
        assert_eq!(q.phase, QuizPhase::Checked { correct: right });
        self.send(&[Msg::Enter]);
    }

    fn quiz(&self) -> &rollcall::app::QuizState {
        match &self.app.screen {
            Screen::Quiz(q) => q,
            other => panic!("not in a quiz: {other:?}"),
        }
    }

    fn take_quiz(&mut self, rights: &[bool]) {
        // Read every page; next page after the last opens the start screen, Enter starts.
        for _ in 0..10 {
            if matches!(self.app.screen, Screen::Quiz(_)) {
                break;
            }
            self.send(&[Msg::NextPage]);
        }
        let Screen::Quiz(q) = &self.app.screen else {
            panic!("no quiz start screen")
        };
        assert_eq!(q.phase, QuizPhase::Start);
        self.send(&[Msg::Enter]);
        for &r in rights {
            self.answer(r);
        }
    }
}

// ---- Time on task (issue 12) ----

/// A monotonic clock the test moves by hand.
fn hand_clock(h: &mut Harness) -> std::rc::Rc<std::cell::Cell<std::time::Duration>> {
    let t = std::rc::Rc::new(std::cell::Cell::new(std::time::Duration::ZERO));
    let clock = std::rc::Rc::clone(&t);
    h.rt.gaps =
        rollcall::runtime::gaps::Gaps::with_clock(std::time::Duration::from_mins(5), move || {
            clock.get()
        });
    t
}

/// An input `secs` after the previous one.
fn after(h: &mut Harness, t: &std::cell::Cell<std::time::Duration>, secs: u64, msg: Msg) {
    t.set(t.get() + std::time::Duration::from_secs(secs));
    rollcall::runtime::input(&mut h.app, &mut h.rt, Some(msg));
}

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

#[test]
fn library_lists_good_and_broken_courses() {
    let h = Harness::new();
    let text = h.screen_text(80, 24);
    assert!(text.contains("Sample Course"), "{text}");
    assert!(text.contains("broken (cannot be opened)"), "{text}");
    assert!(text.contains("unknown key `colour`"), "{text}");
    assert!(text.contains("learner: tester"), "{text}");
}

#[test]
fn pages_turn_and_resume() {
    let mut h = Harness::new();
    h.open_first_lesson();
    assert!(h.screen_text(80, 24).contains("page 1/3"));
    h.send(&[Msg::NextPage]);
    let text = h.screen_text(80, 24);
    assert!(
        text.contains("page 2/3") && text.contains("Beta page text"),
        "{text}"
    );
    h.send(&[Msg::PrevPage, Msg::LastPage]);
    assert!(h.screen_text(80, 24).contains("Gamma page text"));
    h.send(&[Msg::FirstPage, Msg::NextPage]);
    let saved = h.app.progress.clone();
    let lesson = saved.lesson("sample", "01-first").unwrap();
    assert_eq!(lesson.page, 2);
    assert_eq!(lesson.pages_seen, [1, 2, 3].into());
    assert!(
        saved.lesson("sample", "02-second").is_none(),
        "unopened lessons stay unrecorded"
    );

    // A new session with that record resumes at page 2.
    let mut again = Harness::with_progress(Some(saved));
    again.open_first_lesson();
    let text = again.screen_text(80, 24);
    assert!(
        text.contains("page 2/3") && text.contains("Resumed at page 2"),
        "{text}"
    );
}

#[test]
fn passing_quiz_is_recorded_and_completes_the_lesson() {
    let mut h = Harness::new();
    h.open_first_lesson();
    h.take_quiz(&[true, true, true, true, true]);
    let text = h.screen_text(80, 24);
    assert!(text.contains("Score: 5/5 (100%) PASSED"), "{text}");
    assert!(text.contains("Attempt saved."), "{text}");
    let attempt = &h.app.progress.attempts[0];
    assert_eq!((attempt.score, attempt.total, attempt.passed), (5, 5, true));
    assert_eq!(attempt.course_version, "2.1");
    assert_eq!(attempt.quiz, "01-first.quiz.toml");
    assert_eq!(attempt.answers.len(), 5);
    let lesson = h.app.progress.lesson("sample", "01-first").unwrap();
    assert!(lesson.completed.is_some());
    // Esc goes back to the course screen, which shows the quiz status.
    h.send(&[Msg::Back]);
    let text = h.screen_text(80, 24);
    assert!(matches!(h.app.screen, Screen::Course { .. }), "{text}");
    assert!(text.contains("quiz: best 5/5 (100%) passed"), "{text}");
    assert!(text.contains("1/2 lessons complete"), "{text}");
    // Reading the second lesson completes the course.
    h.send(&[Msg::Down, Msg::Enter, Msg::NextPage]);
    let course = &h.app.progress.courses["sample"];
    assert_eq!(
        course.completed,
        Some("2026-11-24T10:00:00.000-05:00".into())
    );
    assert_eq!(course.completed_version.as_deref(), Some("2.1"));
    assert_eq!(course.completed_hours, Some(1.0));
    h.send(&[Msg::Back, Msg::Back, Msg::Record]);
    let text = h.screen_text(80, 24);
    assert!(text.contains("Hours overall: 1.0 h"), "{text}");
    insta::assert_snapshot!("my_record_completed", text);
}

#[test]
fn failing_quiz_then_retake() {
    let mut h = Harness::new();
    h.open_first_lesson();
    h.take_quiz(&[true, false, false, false, true]);
    let text = h.screen_text(80, 24);
    assert!(text.contains("Score: 2/5 (40%) NOT PASSED"), "{text}");
    assert!(text.contains("✗  2."), "{text}");
    assert!(!h.app.progress.quiz_passed("sample", "01-first"));
    h.send(&[Msg::Retake]);
    for _ in 0..5 {
        h.answer(true);
    }
    assert_eq!(h.app.progress.attempts.len(), 2);
    assert_ne!(h.app.progress.attempts[0].id, h.app.progress.attempts[1].id);
    assert!(h.app.progress.quiz_passed("sample", "01-first"));
}

#[test]
fn leaving_an_attempt_asks_and_records_nothing() {
    let mut h = Harness::new();
    h.open_first_lesson();
    h.take_quiz(&[true]);
    h.send(&[Msg::Quit]);
    assert_eq!(
        h.app.overlay,
        Some(Overlay::ConfirmLeave {
            quit: true,
            subject: rollcall::app::Subject::Quiz
        })
    );
    h.send(&[Msg::Confirm(false)]);
    assert!(!h.app.quitting && h.app.overlay.is_none());
    h.send(&[Msg::Back, Msg::Confirm(true)]);
    assert!(h.app.progress.attempts.is_empty());
    assert!(!matches!(h.app.screen, Screen::Quiz(_)));
}

#[test]
fn typed_answers_take_q_and_question_marks() {
    let mut h = Harness::new();
    h.open_first_lesson();
    h.take_quiz(&[true, true, true]);
    let Screen::Quiz(q) = &h.app.screen else {
        panic!()
    };
    assert!(matches!(q.question().unwrap().kind, QuestionKind::Typed(_)));
    let key =
        |c| ratatui::crossterm::event::KeyEvent::from(ratatui::crossterm::event::KeyCode::Char(c));
    for c in ['q', '?', 't'] {
        let msg = rollcall::keymap::key_to_msg(&h.app, key(c));
        assert_eq!(msg, Some(Msg::Input(c)));
    }
}

#[test]
fn every_screen_survives_any_size() {
    let mut h = Harness::new();
    let mut screens = vec![h.app.clone()];
    h.send(&[Msg::Enter]);
    screens.push(h.app.clone());
    h.send(&[Msg::Enter]);
    screens.push(h.app.clone());
    h.send(&[Msg::LastPage, Msg::NextPage]);
    screens.push(h.app.clone());
    h.send(&[Msg::Enter]);
    screens.push(h.app.clone());
    h.send(&[Msg::Help]);
    screens.push(h.app.clone());
    for app in screens {
        for (w, hgt) in [
            (1, 1),
            (2, 1),
            (10, 5),
            (39, 9),
            (40, 10),
            (80, 24),
            (200, 50),
        ] {
            let mut a = app.clone();
            let mut rt = Runtime::new(std::env::temp_dir(), None);
            drive(&mut a, &mut rt, Msg::Resize(w, hgt));
            let mut terminal = Terminal::new(TestBackend::new(w, hgt)).unwrap();
            terminal.draw(|f| rollcall::ui::view(&a, f)).unwrap();
        }
    }
    let small = h.screen_text(39, 9);
    assert!(small.contains("Please enlarge"), "{small}");
}

#[test]
fn resize_keeps_the_reader_in_place() {
    let mut h = Harness::new();
    h.open_first_lesson();
    h.send(&[Msg::NextPage, Msg::Resize(50, 20), Msg::Resize(120, 40)]);
    let Screen::Lesson(l) = &h.app.screen else {
        panic!()
    };
    assert_eq!(l.page, 1);
    assert_eq!(l.width, 100, "text column is capped for readability");
}

#[test]
fn no_color_draws_no_colours() {
    let mut h = Harness::new();
    h.app.settings.theme = rollcall::ui::ThemeName::Monochrome;
    h.open_first_lesson();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| rollcall::ui::view(&h.app, f)).unwrap();
    let buf = terminal.backend().buffer();
    for cell in &buf.content {
        assert_eq!(
            cell.fg,
            ratatui::style::Color::Reset,
            "cell {:?}",
            cell.symbol()
        );
        assert_eq!(cell.bg, ratatui::style::Color::Reset);
    }
}

#[test]
fn unsaved_attempt_is_shown_and_kept() {
    let mut h = Harness::new();
    // A data folder that is a file: every save fails.
    let blocker = h.dir.path().join("blocked");
    std::fs::write(&blocker, "not a folder").unwrap();
    h.rt.store = Some(Store::new(&blocker, "tester").unwrap());
    h.open_first_lesson();
    h.take_quiz(&[true, true, true, true, true]);
    let text = h.screen_text(80, 24);
    assert!(matches!(h.app.save, SaveState::Failed(_)), "{text}");
    assert!(text.contains("not saved:"), "{text}");
    assert_eq!(
        h.app.progress.attempts.len(),
        1,
        "attempt kept in memory for a retry"
    );
}

#[test]
fn snapshots_of_each_screen() {
    let mut h = Harness::new();
    insta::assert_snapshot!("library", h.screen_text(80, 24));
    h.send(&[Msg::Enter]);
    insta::assert_snapshot!("course", h.screen_text(80, 24));
    h.send(&[Msg::Enter, Msg::NextPage]);
    insta::assert_snapshot!("lesson", h.screen_text(80, 24));
    h.send(&[Msg::Help]);
    insta::assert_snapshot!("help", h.screen_text(80, 24));
    h.send(&[Msg::Back, Msg::LastPage, Msg::NextPage]);
    insta::assert_snapshot!("quiz_start", h.screen_text(80, 24));
    h.send(&[Msg::Enter]);
    insta::assert_snapshot!("question_pick_one", h.screen_text(80, 24));
    h.answer(true);
    h.send(&[Msg::Pick(1)]);
    insta::assert_snapshot!("question_select_all", h.screen_text(80, 24));
    h.send(&[Msg::Pick(2), Msg::Enter]);
    insta::assert_snapshot!("feedback", h.screen_text(80, 24));
    h.send(&[Msg::Enter]);
    insta::assert_snapshot!("question_true_false", h.screen_text(80, 24));
    h.answer(true);
    h.send(&[Msg::Input('9'), Msg::Input('8')]);
    insta::assert_snapshot!("question_typed", h.screen_text(80, 24));
    h.send(&[Msg::Input('8'), Msg::Enter, Msg::Enter]);
    insta::assert_snapshot!("question_order", h.screen_text(80, 24));
    h.answer(false);
    insta::assert_snapshot!("results", h.screen_text(80, 24));
    h.send(&[Msg::Back, Msg::Record]);
    insta::assert_snapshot!("my_record", h.screen_text(80, 24));
}

/// At 40 columns a footer leaves out whole hints, moving first, rather than cutting one
/// mid-word: help and the primary action stay.
#[test]
fn footers_at_40x10_drop_whole_hints_and_keep_help_and_the_primary_action() {
    let mut h = Harness::new();
    h.send(&[Msg::Resize(40, 10)]);
    let library = h.screen_text(40, 10);
    insta::assert_snapshot!("library_40x10", library);
    let footer = library.lines().last().unwrap();
    assert!(
        footer.contains("Enter open") && footer.contains("? help"),
        "{footer}"
    );
    h.send(&[Msg::Enter, Msg::Enter, Msg::NextPage]);
    let lesson = h.screen_text(40, 10);
    insta::assert_snapshot!("lesson_40x10", lesson);
    let footer = lesson.lines().last().unwrap();
    assert!(
        footer.contains("←/→ page") && footer.contains("? help"),
        "{footer}"
    );
}

/// Every theme on the main screens, with styles: a role that loses its colour must still
/// show (selection mark, ✓/✗ words), and no colour leaks into monochrome or high contrast.
#[test]
fn snapshots_of_the_main_screens_in_each_theme() {
    use rollcall::ui::ThemeName;
    for theme in ThemeName::ALL {
        let mut h = Harness::new();
        h.app.settings.theme = theme;
        let mut shots = vec![("library", h.screen_styled(80, 24))];
        h.send(&[Msg::Enter]);
        shots.push(("course", h.screen_styled(80, 24)));
        h.send(&[Msg::Enter, Msg::NextPage]);
        shots.push(("lesson", h.screen_styled(80, 24)));
        h.send(&[Msg::LastPage, Msg::NextPage, Msg::Enter]);
        shots.push(("question", h.screen_styled(80, 24)));
        while matches!(&h.app.screen, Screen::Quiz(q) if !matches!(q.phase, QuizPhase::Results(_)))
        {
            h.answer(false);
        }
        shots.push(("results", h.screen_styled(80, 24)));
        for (screen, shot) in shots {
            if matches!(theme, ThemeName::Monochrome | ThemeName::HighContrast) {
                let colours = shot
                    .lines()
                    .filter(|l| l.contains("fg:") || l.contains("bg:"))
                    .filter(|l| {
                        !(l.contains("fg: Reset") || l.contains("fg: White"))
                            || !(l.contains("bg: Reset") || l.contains("bg: Black"))
                    })
                    .count();
                assert_eq!(colours, 0, "{theme} {screen}: {shot}");
            }
            insta::assert_snapshot!(format!("theme_{theme}_{screen}"), shot);
        }
    }
}

#[test]
fn switch_learner_on_a_shared_workstation() {
    let mut h = Harness::new();
    h.open_first_lesson();
    h.send(&[Msg::NextPage, Msg::Back, Msg::Back]);
    assert!(h.dir.path().join("tester.toml").exists());
    h.send(&[Msg::SwitchLearner]);
    let Some(Overlay::Learner(p)) = &h.app.overlay else {
        panic!("no picker")
    };
    assert_eq!(p.names, vec!["tester".to_string()]);
    // Down to the 'new learner' field, type a bad name, then a good one.
    h.send(&[Msg::Down, Msg::Input('/'), Msg::Enter]);
    let Some(Overlay::Learner(p)) = &h.app.overlay else {
        panic!("picker closed")
    };
    assert!(p.error.is_some());
    h.send(&[Msg::Backspace]);
    for c in "Officer Diaz".chars() {
        h.send(&[Msg::Input(c)]);
    }
    h.send(&[Msg::Enter]);
    assert_eq!(h.app.learner, "Officer Diaz");
    assert!(h.app.progress.courses.is_empty());
    assert!(h.screen_text(80, 24).contains("learner: Officer Diaz"));
    // Back to the first learner: their record is there.
    h.send(&[Msg::SwitchLearner]);
    let Some(Overlay::Learner(p)) = &h.app.overlay else {
        panic!()
    };
    assert_eq!(
        p.names,
        vec!["Officer Diaz".to_string(), "tester".to_string()]
    );
    assert_eq!(p.selected, 0, "the current learner is selected");
    h.send(&[Msg::Down, Msg::Enter]);
    assert_eq!(h.app.learner, "tester");
    // Issue 16 defect 12: a learner chosen and left without doing anything leaves no file.
    assert!(!h.dir.path().join("Officer Diaz.toml").exists());
    assert!(h.app.progress.courses.contains_key("sample"));
}

#[test]
fn random_keys_at_random_sizes_never_panic() {
    let mut rng = fastrand::Rng::with_seed(2026);
    let keys = [
        Msg::Up,
        Msg::Down,
        Msg::Enter,
        Msg::Enter,
        Msg::Back,
        Msg::Help,
        Msg::NextPage,
        Msg::NextPage,
        Msg::PrevPage,
        Msg::FirstPage,
        Msg::LastPage,
        Msg::Toggle,
        Msg::Pick(1),
        Msg::Pick(3),
        Msg::Pick(9),
        Msg::TrueFalse(true),
        Msg::Input('x'),
        Msg::Backspace,
        Msg::CursorLeft,
        Msg::CursorRight,
        Msg::Retake,
        Msg::Record,
        Msg::SwitchLearner,
        Msg::Confirm(false),
        Msg::Confirm(true),
        Msg::Discard,
        Msg::Quit,
        Msg::FileChanged,
    ];
    for _ in 0..20 {
        let mut h = Harness::new();
        for _ in 0..300 {
            let msg = if rng.u8(..20) == 0 {
                Msg::Resize(rng.u16(1..220), rng.u16(1..60))
            } else {
                keys[rng.usize(..keys.len())].clone()
            };
            h.send(&[msg]);
            if rng.u8(..10) == 0 {
                let (w, hh) = h.app.size;
                let _ = h.screen_text(w.max(1), hh.max(1));
            }
        }
    }
}

#[test]
fn emoji_titles_fit_the_header() {
    use unicode_width::UnicodeWidthStr;
    let mut h = Harness::new();
    h.app.library.courses[0].title = "☺\u{FE0F}".repeat(60);
    // The header row as a terminal shows it: a wide symbol covers the cell after it.
    let header_row = |h: &Harness, w: u16| {
        let mut app = h.app.clone();
        app.size = (w, 24);
        let mut terminal = Terminal::new(TestBackend::new(w, 24)).unwrap();
        terminal.draw(|f| rollcall::ui::view(&app, f)).unwrap();
        let buf = terminal.backend().buffer().clone();
        let (mut x, mut row) = (0, String::new());
        while x < w {
            let sym = buf[(x, 0)].symbol();
            row.push_str(sym);
            x += u16::try_from(sym.width().max(1)).unwrap();
        }
        row
    };
    // The title is cut with '…' so the learner's name still shows at the right, and nothing
    // spills past the edge.
    let header_fits = |h: &Harness, w: u16| {
        let header = header_row(h, w);
        assert!(header.width() <= usize::from(w), "{w}: {header:?}");
        assert!(
            header.trim_end().ends_with("learner: tester"),
            "{w}: {header:?}"
        );
        header
    };
    for w in [40, 80, 81] {
        header_fits(&h, w);
    }
    h.send(&[Msg::Enter]);
    let header = header_fits(&h, 80);
    assert!(header.contains('☺') && header.contains('…'), "{header:?}");
}

#[test]
fn keys_do_nothing_while_the_terminal_is_too_small() {
    use ratatui::crossterm::event::KeyCode;
    let mut h = Harness::new();
    h.send(&[Msg::Resize(30, 8)]);
    let key = |c| ratatui::crossterm::event::KeyEvent::from(c);
    assert_eq!(
        rollcall::keymap::key_to_msg(&h.app, key(KeyCode::Enter)),
        None
    );
    assert_eq!(
        rollcall::keymap::key_to_msg(&h.app, key(KeyCode::Char('j'))),
        None
    );
    assert_eq!(
        rollcall::keymap::key_to_msg(&h.app, key(KeyCode::Char('q'))),
        Some(Msg::Quit)
    );
}

#[test]
fn a_quiz_that_fails_to_load_watches_its_lesson_again() {
    // A copy of the sample course whose quiz file is broken.
    let courses = tempfile::tempdir().unwrap();
    let sample = courses.path().join("sample");
    std::fs::create_dir(&sample).unwrap();
    for entry in std::fs::read_dir("tests/fixtures/courses/sample").unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, sample.join(path.file_name().unwrap())).unwrap();
    }
    std::fs::write(sample.join("01-first.quiz.toml"), "not = [valid").unwrap();
    let mut h = Harness::with(courses.path(), None);
    h.app.watch = true;
    let watched = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let w = watched.clone();
    h.rt.watch_fn = Some(Box::new(move |path: &Path| {
        w.lock().unwrap().push(path.to_path_buf());
        None
    }));
    h.open_first_lesson();
    assert_eq!(
        watched.lock().unwrap().len(),
        1,
        "the open lesson is watched"
    );
    h.send(&[Msg::LastPage, Msg::NextPage]);
    assert!(
        matches!(h.app.screen, Screen::Lesson(_)),
        "back in the lesson"
    );
    assert!(
        matches!(h.app.status, Some(rollcall::app::Notice::CannotOpenQuiz(_))),
        "{:?}",
        h.app.status
    );
    let watched = watched.lock().unwrap();
    assert_eq!(watched.len(), 2, "the lesson is watched again: {watched:?}");
    assert!(watched[1].ends_with("01-first.md"), "{watched:?}");
}

#[test]
fn feedback_and_record_scroll_stop_at_their_last_line() {
    let mut h = Harness::new();
    h.open_first_lesson();
    h.take_quiz(&[]);
    h.send(&[Msg::Resize(40, 12), Msg::Pick(1), Msg::Enter]);
    let Screen::Quiz(q) = &h.app.screen else {
        panic!()
    };
    assert!(matches!(q.phase, QuizPhase::Checked { .. }));
    let lines = rollcall::ui::quiz::scroll_lines(q, &h.app.ctx());
    let max = lines.saturating_sub(12 - 5);
    assert!(max > 0, "the feedback is taller than the screen");
    h.send(&vec![Msg::Down; 300]);
    let Screen::Quiz(q) = &h.app.screen else {
        panic!()
    };
    assert_eq!(q.input.cursor, max, "no scrolling past the last line");
    // One Up moves at once: no invisible scroll to climb back through.
    h.send(&[Msg::Up]);
    let Screen::Quiz(q) = &h.app.screen else {
        panic!()
    };
    assert_eq!(q.input.cursor, max - 1);

    // My record: the last line stays on screen however far one scrolls.
    let mut h = Harness::new();
    h.send(&[Msg::Resize(80, 10), Msg::Record]);
    h.send(&vec![Msg::Down; 50]);
    let text = h.screen_text(80, 10);
    assert!(text.contains("Coordinators collect"), "{text}");
    let Screen::Record(r) = h.app.screen.clone() else {
        panic!()
    };
    assert!(r.scroll > 0);
    h.send(&[Msg::Up]);
    let Screen::Record(after) = &h.app.screen else {
        panic!()
    };
    assert_eq!(after.scroll + 1, r.scroll, "Up scrolls at once");
}

#[test]
fn library_lists_required_courses_first_with_due_badges_in_words() {
    use rollcall::compliance::Duties;
    use rollcall::compliance::requirements::Requirements;
    let courses = Path::new("tests/fixtures/compliance/courses");
    let mut h = Harness::with(courses, None);
    let ids = ["de-escalation", "crisis-intervention"]
        .map(String::from)
        .into();
    let rules = "[[require]]\ncourse = \"de-escalation\"\ndue = \"2026-12-06\"\n\n\
                 [[require]]\ncourse = \"crisis-intervention\"\ndue = \"2026-10-01\"\n";
    let reqs = Requirements::parse(Path::new("requirements.toml"), rules, &ids);
    assert!(reqs.problems.is_empty(), "{:?}", reqs.problems);
    h.app.duties = Duties {
        rules: reqs.rules,
        roster: None,
    };
    // Library order in the folder is crisis-intervention, de-escalation; the overdue one
    // comes first either way, then the one due soon.
    let text = h.screen_text(80, 24);
    insta::assert_snapshot!("library_due_badges", text);
    let rows: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(" 1. ") || l.contains(" 2. "))
        .collect();
    assert!(
        rows[0].contains("Crisis Intervention") && rows[0].contains("OVERDUE"),
        "{text}"
    );
    assert!(
        rows[1].contains("De-escalation") && rows[1].contains("due in 12 days"),
        "{text}"
    );
    h.send(&[Msg::Down, Msg::Enter]);
    let text = h.screen_text(80, 24);
    assert!(
        text.contains("De-escalation Basics"),
        "row 2 opens the course shown there"
    );
    assert!(text.contains("Required: due in 12 days."), "{text}");
}

/// The scenario drill course: one lesson that is a scenario alone.
fn scenario_harness() -> Harness {
    let mut h = Harness::with(Path::new("tests/fixtures/scenario-courses"), None);
    h.send(&[Msg::Enter, Msg::Enter]);
    assert!(
        matches!(&h.app.screen, Screen::Scenario(s) if s.scenario.is_some()),
        "{:?}",
        h.app.screen
    );
    h
}

fn scenario_phase(h: &Harness) -> ScenarioPhase {
    match &h.app.screen {
        Screen::Scenario(s) => s.phase.clone(),
        other => panic!("not in a scenario: {other:?}"),
    }
}

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
    insta::assert_snapshot!("scenario_situation", situation);
    insta::assert_snapshot!("scenario_situation_small", h.screen_text(40, 10));
    h.send(&[Msg::Pick(1)]);
    assert!(matches!(
        scenario_phase(&h),
        ScenarioPhase::Consequence { .. }
    ));
    let consequence = h.screen_text(80, 24);
    assert!(
        consequence.contains("3/10"),
        "effects applied: {consequence}"
    );
    insta::assert_snapshot!("scenario_consequence", consequence);
    insta::assert_snapshot!("scenario_consequence_small", h.screen_text(40, 10));
    h.send(&[Msg::Enter, Msg::Pick(1), Msg::Enter]);
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
    insta::assert_snapshot!("scenario_debrief", debrief);
    insta::assert_snapshot!("scenario_debrief_small", h.screen_text(40, 10));
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
        course.contains("scenario: 1 run, best poor, not passed yet"),
        "{course}"
    );
}

#[test]
fn an_attempt_shows_saving_until_it_is_on_disk() {
    for fail in [false, true] {
        let mut h = Harness::new();
        if fail {
            // A data folder that is a file: every save fails.
            let blocker = h.dir.path().join("blocked");
            std::fs::write(&blocker, "not a folder").unwrap();
            h.rt.store = Some(Store::new(&blocker, "tester").unwrap());
        }
        let (tx, rx) = std::sync::mpsc::channel();
        h.rt.saver = Some(
            rollcall::runtime::saver::Saver::start(move |done| {
                let _ = tx.send(done);
            })
            .unwrap(),
        );
        h.open_first_lesson();
        h.take_quiz(&[true, true, true, true, true]);
        let text = h.screen_text(80, 24);
        assert!(text.contains("Attempt saving…"), "{text}");
        assert!(!text.contains("Attempt saved."), "{text}");
        assert!(h.app.save_pending());
        // Feed the worker's reports back, as the terminal loop does.
        while h.app.save_done < h.app.attempt_seq {
            let done = rx.recv_timeout(std::time::Duration::from_secs(10)).unwrap();
            h.send(&[Msg::Saved {
                seq: done.seq,
                result: done.result,
            }]);
        }
        let text = h.screen_text(80, 24);
        if fail {
            assert!(text.contains("not saved:"), "{text}");
            assert!(!text.contains("Attempt saved."), "{text}");
        } else {
            assert!(text.contains("Attempt saved."), "{text}");
            let on_disk = Store::new(h.dir.path(), "tester").unwrap().load().unwrap();
            assert_eq!(on_disk.attempts.len(), 1);
        }
    }
}

/// Runs the screen-reader front end on an input file; returns its output and the app.
fn plain_run(input: &str) -> (String, App, tempfile::TempDir) {
    plain_run_in(Harness::new(), input)
}

/// Runs the screen-reader front end of a harness on an input file.
fn plain_run_in(h: Harness, input: &str) -> (String, App, tempfile::TempDir) {
    let Harness { app, mut rt, dir } = h;
    let mut out = Vec::new();
    let app = rollcall::plain::run(app, &mut rt, &mut input.as_bytes(), &mut out).unwrap();
    (String::from_utf8(out).unwrap(), app, dir)
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
    insta::assert_snapshot!("screen_reader_scenario", out);
}

/// Screen-reader output must be plain: no escape or control bytes but newline, nothing drawn.
fn assert_plain(out: &str) {
    for (n, line) in out.lines().enumerate() {
        for c in line.chars() {
            assert!(
                !c.is_control() && !('\u{2500}'..='\u{259F}').contains(&c),
                "line {}: {c:?} in {line:?}",
                n + 1
            );
        }
    }
    assert!(
        out.bytes().all(|b| b == b'\n' || b >= 0x20),
        "a control byte"
    );
}

#[test]
fn screen_reader_transcript_of_a_whole_course() {
    // Pages, help, an unknown command, a failed attempt, a retake that is left and resumed,
    // a passed attempt, the second lesson, my record and a learner switch, from a file.
    let input = std::fs::read_to_string("tests/fixtures/plain/course.txt").unwrap();
    let (out, app, dir) = plain_run(&input);
    assert_plain(&out);
    assert!(out.contains("Score: 1 of 5 (20%). Not passed."), "{out}");
    assert!(out.contains("Score: 5 of 5 (100%). Passed."), "{out}");
    assert!(out.contains("Not quite: the answer was"), "{out}");
    assert!(out.contains("Attempt saved."), "{out}");
    assert!(out.contains("Course complete: Sample Course"), "{out}");
    assert_eq!(app.learner, "Officer Diaz");
    let saved = Store::new(dir.path(), "tester").unwrap().load().unwrap();
    assert_eq!(saved.attempts.len(), 2);
    assert!(saved.courses["sample"].completed.is_some());
    insta::assert_snapshot!("screen_reader_course", out);
}

/// App state that both front ends must agree on (attempt ids are random).
fn comparable(app: &App) -> String {
    let mut progress = app.progress.clone();
    for a in &mut progress.attempts {
        a.id.clear();
    }
    format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
        app.screen, app.history, app.overlay, app.status, app.save, progress
    )
}

#[test]
fn both_front_ends_reach_the_same_state() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent};
    // The TUI: keys through the keymap.
    let mut tui = Harness::new();
    let keys: Vec<KeyCode> = [
        "\r", "\r", "l", "l", "l", "\r", "1", "\r", "\r", "1", "3", "\r", "\r", "t", "\r", "\r",
        "9", "8", "8", "\r", "\r", "3", "4", "2", "1", "\r", "\r", "\r",
    ]
    .iter()
    .map(|k| match *k {
        "\r" => KeyCode::Enter,
        k => KeyCode::Char(k.chars().next().unwrap()),
    })
    .collect();
    for code in keys {
        let msg = rollcall::keymap::key_to_msg(&tui.app, KeyEvent::from(code)).unwrap();
        tui.send(&[msg]);
    }
    // The screen-reader mode: lines through its commands, with the same app and update.
    let mut plain = Harness::new();
    plain.send(&[Msg::Resize(80, 24)]);
    for line in [
        "1", "", "", "", "", "", "1", "", "1 3", "", "t", "", "988", "", "3 4 2 1", "", "",
    ] {
        let rollcall::plain::Command::Send(msgs) = rollcall::plain::command(&plain.app, line)
        else {
            panic!("{line:?} is not a command")
        };
        plain.send(&msgs);
    }
    assert!(matches!(tui.app.screen, Screen::Course(_)));
    assert_eq!(tui.app.progress.attempts.len(), 1);
    assert!(tui.app.progress.attempts[0].passed);
    assert_eq!(comparable(&tui.app), comparable(&plain.app));
}

/// The course whose only quiz is a drawn assessment: `feedback = "end"`, draw 4 of 6,
/// two attempts, a day between them.
fn assessment() -> Harness {
    let mut h = Harness::with(Path::new("tests/fixtures/assessment"), None);
    h.send(&[Msg::Enter, Msg::Enter, Msg::NextPage]);
    assert_eq!(h.quiz().phase, QuizPhase::Start);
    h
}

/// Everything that would tell a learner whether an answer was right.
const GIVEAWAYS: &[&str] = &[
    "Right",
    "right",
    "Not quite",
    "✓",
    "✗",
    "Why:",
    "temperature",
    "contagious",
    "Both are listening",
    "shows you heard",
    "ICAT",
    "Lifeline",
    "Scanning, Analysis",
    "buys choices",
    "Score",
];

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
    insta::assert_snapshot!("feedback_end_results", h.screen_text(80, 60));
}

/// The lines the screen-reader mode needs to answer the questions of the quiz on screen (an
/// attempt under way), right ones first then wrong ones alternately.
fn plain_answers(h: &Harness) -> Vec<String> {
    let q = h.quiz();
    let quiz = q.quiz.clone().unwrap();
    q.arrangement
        .questions
        .iter()
        .enumerate()
        .map(|(n, &i)| {
            let right = n % 2 == 0;
            let items = &q.arrangement.items[i];
            let row_of = |orig: usize| items.iter().position(|&x| x == orig).unwrap() + 1;
            let question = &quiz.questions[i];
            match &question.kind {
                QuestionKind::Choice(choices) => choices
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.correct == right)
                    .map(|(i, _)| row_of(i).to_string())
                    .take(if question.kind.is_multi() { 9 } else { 1 })
                    .collect::<Vec<_>>()
                    .join(" "),
                QuestionKind::TrueFalse(a) => if *a == right { "t" } else { "f" }.into(),
                QuestionKind::Typed(_) => if right { "988" } else { "911" }.into(),
                QuestionKind::Order(o) => {
                    let mut order: Vec<usize> = (0..o.len()).collect();
                    if !right {
                        order.reverse();
                    }
                    order
                        .iter()
                        .map(|&i| row_of(i).to_string())
                        .collect::<Vec<_>>()
                        .join(" ")
                }
            }
        })
        .collect()
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

// ---- Reading defects (issue 16) and record notices (issue 11) in the TUI ----

/// Sends a key press through the keymap, as the terminal loop does.
fn key(h: &mut Harness, code: ratatui::crossterm::event::KeyCode) {
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
    let ev = KeyEvent::new(code, KeyModifiers::NONE);
    if let Some(m) = rollcall::keymap::key_to_msg(&h.app, ev) {
        h.send(&[m]);
    }
}

/// Types characters as key presses.
fn keys(h: &mut Harness, s: &str) {
    for c in s.chars() {
        key(h, ratatui::crossterm::event::KeyCode::Char(c));
    }
}

/// A library holding courses `(id, title, summary, lesson markdown)`, one lesson each.
fn course_library(root: &Path, courses: &[(&str, &str, &str, &str)]) {
    for (id, title, summary, text) in courses {
        let dir = root.join(id);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("course.toml"),
            format!(
                "title = \"{title}\"\nsummary = \"{summary}\"\nversion = \"1\"\nhours = 1.0\n\n\
                 [[lessons]]\nfile = \"01-only.md\"\n"
            ),
        )
        .unwrap();
        std::fs::write(dir.join("01-only.md"), text).unwrap();
    }
}

fn lesson(h: &Harness) -> &rollcall::app::LessonState {
    let Screen::Lesson(l) = &h.app.screen else {
        panic!("not in a lesson: {:?}", h.app.screen)
    };
    l
}

/// Screen text with runs of blanks and line breaks folded into one space.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn space_and_pagedown_scroll_before_turning_the_page() {
    use ratatui::crossterm::event::KeyCode;
    let courses = tempfile::tempdir().unwrap();
    let long = (1..=60)
        .map(|i| format!("Line {i} of the long page.\n\n"))
        .collect::<Vec<_>>()
        .concat();
    let text = format!("# Long\n\n{long}---\n\n## Second page\n\nShort.\n");
    course_library(courses.path(), &[("long", "Long Course", "S.", &text)]);
    for turn in [KeyCode::PageDown, KeyCode::Char(' ')] {
        let mut h = Harness::with(courses.path(), None);
        h.open_first_lesson();
        key(&mut h, turn);
        assert_eq!(
            lesson(&h).page,
            0,
            "{turn:?} turned the page before its end"
        );
        assert!(lesson(&h).scroll > 0, "{turn:?} did not scroll");
        for _ in 0..30 {
            if h.screen_text(80, 24).contains("Line 60 of") {
                break;
            }
            key(&mut h, turn);
        }
        assert_eq!(lesson(&h).page, 0);
        assert!(h.screen_text(80, 24).contains("Line 60 of"));
        key(&mut h, turn);
        assert_eq!(lesson(&h).page, 1, "{turn:?} at the bottom turns the page");
    }
    // n and Right still turn at once.
    for turn in [KeyCode::Char('n'), KeyCode::Right] {
        let mut h = Harness::with(courses.path(), None);
        h.open_first_lesson();
        key(&mut h, turn);
        assert_eq!(lesson(&h).page, 1, "{turn:?}");
    }
}

/// Answers every question right until the results show.
fn pass_quiz(h: &mut Harness) {
    h.send(&[Msg::Enter]);
    for _ in 0..20 {
        match &h.app.screen {
            Screen::Quiz(q) if q.phase == QuizPhase::Asking => h.answer(true),
            _ => break,
        }
    }
    let Screen::Quiz(q) = &h.app.screen else {
        panic!("left the quiz")
    };
    assert!(matches!(q.phase, QuizPhase::Results(_)), "{:?}", q.phase);
}

#[test]
fn course_screen_shows_unread_pages_and_done_needs_every_page() {
    let mut h = Harness::new();
    h.open_first_lesson();
    // Straight to the last page, past it to the quiz, and pass it: page 2 was never read.
    h.send(&[Msg::LastPage, Msg::NextPage]);
    pass_quiz(&mut h);
    h.send(&[Msg::Back]);
    assert!(matches!(h.app.screen, Screen::Course(_)));
    let text = h.screen_text(80, 24);
    let row = text.lines().find(|l| l.contains("First Lesson")).unwrap();
    assert!(row.contains("1 page unread"), "{text}");
    assert!(!row.contains('✓'), "done with a page unread: {text}");
}

#[test]
fn help_scrolls_at_40x10_and_closes_only_on_esc_question_mark_or_q() {
    use ratatui::crossterm::event::KeyCode;
    let mut h = Harness::new();
    h.send(&[Msg::Resize(40, 10)]);
    key(&mut h, KeyCode::Char('?'));
    assert_eq!(h.app.overlay, Some(Overlay::Help { scroll: 0 }));
    assert!(!h.screen_text(40, 10).contains("switch learner"));
    key(&mut h, KeyCode::Char('x'));
    key(&mut h, KeyCode::Enter);
    assert!(
        matches!(h.app.overlay, Some(Overlay::Help { .. })),
        "help closed on any key"
    );
    for _ in 0..40 {
        key(&mut h, KeyCode::Down);
    }
    let end = h.screen_text(40, 10);
    assert!(
        end.contains("closes it."),
        "scrolled to the last line: {end}"
    );
    key(&mut h, KeyCode::Esc);
    assert_eq!(h.app.overlay, None);
    key(&mut h, KeyCode::Char('?'));
    key(&mut h, KeyCode::Char('?'));
    assert_eq!(h.app.overlay, None, "? closes help");
    key(&mut h, KeyCode::Char('?'));
    key(&mut h, KeyCode::Char('q'));
    assert_eq!(h.app.overlay, None, "q closes help");
    assert!(!h.app.quitting, "q in help closes it rather than quitting");
}

#[test]
fn narrow_lists_drop_the_status_column_before_the_title() {
    let mut h = Harness::new();
    h.send(&[Msg::Resize(40, 10), Msg::Enter]);
    let text = h.screen_text(40, 10);
    assert!(text.contains("1. First Lesson"), "{text}");
    assert!(text.contains("2. Second Lesson"), "{text}");
}

#[test]
fn long_errors_wrap_in_the_notice_instead_of_being_cut() {
    let root = tempfile::tempdir().unwrap();
    let courses = root
        .path()
        .join("a-folder-with-a-rather-long-name-for-the-department-courses");
    course_library(&courses, &[("gone", "Gone", "S.", "# Gone\n\nText.\n")]);
    let mut h = Harness::with(&courses, None);
    let path = courses.join("gone/01-only.md");
    std::fs::remove_file(&path).unwrap();
    h.send(&[Msg::Enter, Msg::Enter]);
    let why = rollcall::course::read_text_file(&path)
        .unwrap_err()
        .to_string();
    let last = why.split_whitespace().last().unwrap().to_string();
    let text = h.screen_text(80, 24);
    assert!(flat(&text).contains("Cannot open lesson"), "{text}");
    assert!(
        flat(&text).contains(&last),
        "the reason was cut: {why}\n{text}"
    );
}

#[test]
fn wide_library_keeps_gauges_beside_titles_and_shows_whole_summaries() {
    let courses = tempfile::tempdir().unwrap();
    let summary = format!("{}the end.", "Words of a long summary ".repeat(7));
    course_library(
        courses.path(),
        &[("wide", "Wide Course", &summary, "# W\n\nText.\n")],
    );
    let h = Harness::with(courses.path(), None);
    let text = h.screen_text(200, 50);
    assert!(text.contains("the end."), "summary cut: {text}");
    let row: Vec<char> = text
        .lines()
        .find(|l| l.contains("Wide Course"))
        .unwrap()
        .chars()
        .collect();
    let s: String = row.iter().collect();
    let title_end = s[..s.find("Wide Course").unwrap()].chars().count() + "Wide Course".len();
    let gap = row[title_end..].iter().take_while(|c| **c == ' ').count();
    assert!(gap < 30, "gauge {gap} columns from the title: {s}");
}

#[test]
fn learner_picker_scrolls_and_keeps_the_selection_visible() {
    use ratatui::crossterm::event::KeyCode;
    let mut h = Harness::new();
    key(&mut h, KeyCode::Char('L'));
    let names: Vec<String> = (1..=40).map(|i| format!("officer{i:02}")).collect();
    h.send(&[Msg::Learners(names)]);
    for _ in 0..39 {
        key(&mut h, KeyCode::Down);
    }
    let text = h.screen_text(80, 24);
    assert!(text.contains("officer40"), "{text}");
    key(&mut h, KeyCode::Down);
    let text = h.screen_text(80, 24);
    assert!(text.contains("New learner:"), "{text}");
}

#[test]
fn a_new_learner_close_to_a_known_name_asks_first() {
    use ratatui::crossterm::event::KeyCode;
    for typed in ["JDoe", "jdo", "jdoe2"] {
        let mut h = Harness::new();
        key(&mut h, KeyCode::Char('L'));
        h.send(&[Msg::Learners(vec!["asmith".into(), "jdoe".into()])]);
        keys(&mut h, typed);
        key(&mut h, KeyCode::Enter);
        assert_eq!(h.app.learner, "tester", "{typed}: created without asking");
        assert!(matches!(h.app.overlay, Some(Overlay::Learner(_))));
        let text = h.screen_text(80, 24);
        assert!(flat(&text).contains("jdoe"), "{text}");
        key(&mut h, KeyCode::Char('n'));
        assert_eq!(h.app.learner, "tester");
        // Enter is not a yes: only y creates (or switches).
        key(&mut h, KeyCode::Enter);
        key(&mut h, KeyCode::Enter);
        assert_eq!(
            h.app.learner, "tester",
            "{typed}: Enter answered the question"
        );
        key(&mut h, KeyCode::Enter);
        key(&mut h, KeyCode::Char('y'));
        if typed == "JDoe" {
            // The same name but for case is the known learner.
            assert_eq!(h.app.learner, "jdoe");
        } else {
            assert_eq!(h.app.learner, typed);
        }
    }
    // A name not close to any asks nothing.
    let mut h = Harness::new();
    key(&mut h, KeyCode::Char('L'));
    h.send(&[Msg::Learners(vec!["jdoe".into()])]);
    keys(&mut h, "bwayne");
    key(&mut h, KeyCode::Enter);
    assert_eq!(h.app.learner, "bwayne");
}

#[test]
fn selection_is_marked_not_only_coloured() {
    use ratatui::crossterm::event::KeyCode;
    let mut h = Harness::new();
    h.app.settings.theme = rollcall::ui::ThemeName::Monochrome;
    let selected_row = |h: &Harness, what: &str| {
        let text = h.screen_text(80, 24);
        text.lines()
            .find(|l| l.contains(what))
            .unwrap_or_else(|| panic!("{what}: {text}"))
            .to_string()
    };
    assert!(selected_row(&h, "Sample Course").contains('▶'));
    h.send(&[Msg::Enter]);
    assert!(selected_row(&h, "First Lesson").contains('▶'));
    assert!(!selected_row(&h, "Second Lesson").contains('▶'));
    key(&mut h, KeyCode::Char('L'));
    h.send(&[Msg::Learners(vec!["asmith".into(), "tester".into()])]);
    assert!(selected_row(&h, "tester (current)").contains('▶'));
    assert!(!selected_row(&h, "asmith").contains('▶'));
}

#[test]
fn esc_from_results_selects_the_next_lesson() {
    let mut h = Harness::new();
    h.open_first_lesson();
    h.send(&[Msg::NextPage, Msg::NextPage, Msg::NextPage]);
    pass_quiz(&mut h);
    h.send(&[Msg::Back]);
    let Screen::Course(c) = &h.app.screen else {
        panic!("{:?}", h.app.screen)
    };
    assert_eq!(c.selected, 1);
}

#[test]
fn left_on_the_quiz_start_goes_back_to_the_last_page() {
    use ratatui::crossterm::event::KeyCode;
    let mut h = Harness::new();
    h.open_first_lesson();
    h.send(&[Msg::LastPage, Msg::NextPage]);
    assert!(matches!(h.app.screen, Screen::Quiz(_)));
    key(&mut h, KeyCode::Left);
    assert_eq!(lesson(&h).page, 2);
}

#[test]
fn quiz_header_names_the_quiz_once_in_full() {
    let mut h = Harness::new();
    h.open_first_lesson();
    h.send(&[Msg::LastPage, Msg::NextPage]);
    let text = h.screen_text(60, 24);
    let title_row = text.lines().nth(1).unwrap();
    assert!(title_row.contains("Sample quiz"), "{text}");
    assert!(!title_row.contains('…'), "{text}");
    assert_eq!(text.matches("Sample quiz").count(), 1, "{text}");
}

#[test]
fn number_keys_jump_in_the_library() {
    use ratatui::crossterm::event::KeyCode;
    let mut h = Harness::new();
    key(&mut h, KeyCode::Char('2'));
    let Screen::Library(l) = &h.app.screen else {
        panic!()
    };
    assert_eq!(l.selected, 1);
}

#[test]
fn the_library_starts_on_the_last_course_used_and_marks_started_courses() {
    let courses = tempfile::tempdir().unwrap();
    course_library(
        courses.path(),
        &[
            ("alpha", "Alpha Course", "A.", "# A\n\nText.\n"),
            ("beta", "Beta Course", "B.", "# B\n\nText.\n"),
        ],
    );
    let mut h = Harness::with(courses.path(), None);
    let row = |h: &Harness, what: &str| {
        let text = h.screen_text(80, 24);
        text.lines().find(|l| l.contains(what)).unwrap().to_string()
    };
    assert!(row(&h, "Beta Course").contains("not started"));
    h.send(&[Msg::Down, Msg::Enter, Msg::Enter, Msg::Back, Msg::Back]);
    assert!(!row(&h, "Beta Course").contains("not started"));
    assert!(row(&h, "Alpha Course").contains("not started"));
    let saved = h.app.progress.clone();
    let again = Harness::with(courses.path(), Some(saved));
    let Screen::Library(l) = &again.app.screen else {
        panic!()
    };
    assert_eq!(l.selected, 1, "the library opens on the course last used");
}

#[test]
fn a_flagged_record_shows_a_notice_credits_nothing_and_is_not_overwritten() {
    let h = Harness::new();
    // Another learner's file with an impossible score, switched to from the picker.
    let bad = "schema = 2\nlearner = \"bad\"\n\n[[attempts]]\nid = \"a1\"\ncourse = \"sample\"\n\
               lesson = \"01-first\"\nquiz = \"01-first.quiz.toml\"\ncourse_version = \"2.1\"\n\
               started = \"2026-11-20T10:00:00-05:00\"\nfinished = \"2026-11-20T10:05:00-05:00\"\n\
               score = 999\ntotal = 3\npercent = 33300.0\npassed = true\npass_percent = 60\n";
    let path = h.dir.path().join("bad.toml");
    std::fs::write(&path, bad).unwrap();
    let mut h = h;
    h.send(&[Msg::SwitchLearner]);
    for c in "bad".chars() {
        h.send(&[Msg::Input(c)]);
    }
    h.send(&[Msg::Enter]);
    assert_eq!(h.app.learner, "bad");
    let text = h.screen_text(80, 24);
    assert!(matches!(h.app.overlay, Some(Overlay::Notice(_))), "{text}");
    assert!(flat(&text).contains("score"), "{text}");
    assert!(!h.app.progress.quiz_passed("sample", "01-first"));
    h.send(&[Msg::Back, Msg::Enter, Msg::Enter, Msg::NextPage]);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        bad,
        "file rewritten"
    );
}

#[test]
fn quitting_after_a_save_failed_for_a_full_disk_asks_first() {
    use ratatui::crossterm::event::KeyCode;
    use rollcall::app::SaveFailure;
    let full = || SaveFailure {
        why: "cannot write progress file: No space left on device (os error 28)".into(),
        out_of_space: true,
    };
    let mut h = Harness::new();
    // The injected saver: saves go nowhere, and the test reports each one failing.
    h.rt.store = None;
    h.open_first_lesson();
    h.take_quiz(&[true, true, true, true, true]);
    let seq = h.app.save_sent;
    h.send(&[Msg::Saved {
        seq,
        result: Err(full()),
    }]);
    key(&mut h, KeyCode::Esc);
    key(&mut h, KeyCode::Char('q'));
    // Quitting retries the save; it fails again for want of space.
    let seq = h.app.save_sent;
    h.send(&[Msg::Saved {
        seq,
        result: Err(full()),
    }]);
    assert!(!h.app.quitting, "quit silently on a full disk");
    assert!(matches!(
        h.app.overlay,
        Some(Overlay::DiskFull { attempt: true })
    ));
    let text = h.screen_text(80, 24);
    assert!(flat(&text).contains("quiz attempt is not saved"), "{text}");
    // Anything but y stays (Enter too).
    key(&mut h, KeyCode::Enter);
    assert!(!h.app.quitting && h.app.overlay.is_none());
    assert_eq!(
        h.app.progress.attempts.len(),
        1,
        "the attempt is kept in memory"
    );
    // y quits and loses it.
    key(&mut h, KeyCode::Char('q'));
    let seq = h.app.save_sent;
    h.send(&[Msg::Saved {
        seq,
        result: Err(full()),
    }]);
    key(&mut h, KeyCode::Char('y'));
    assert!(h.app.quitting);
}

#[test]
fn screen_reader_asks_before_a_near_learner_name_and_reads_unread_pages() {
    let (out, app, _dir) = plain_run("1\n1\n\nb\nl\ntester2\nn\ntester2\ny\nq\n");
    assert_plain(&out);
    assert!(
        out.contains("1 page unread") || out.contains("2 pages unread"),
        "{out}"
    );
    assert!(out.contains("already exists"), "{out}");
    assert_eq!(app.learner, "tester2");
}

fn day_later_clock() -> jiff::Zoned {
    "2026-11-25T09:59:00-05:00[-05:00]".parse().unwrap()
}

fn day_and_a_minute_later_clock() -> jiff::Zoned {
    "2026-11-25T10:01:00-05:00[-05:00]".parse().unwrap()
}

/// From the course screen: open the only lesson and go past its page to the quiz.
fn reopen_quiz(h: &mut Harness) {
    while !matches!(h.app.screen, Screen::Course(_)) {
        h.send(&[Msg::Back]);
    }
    h.send(&[Msg::Enter, Msg::NextPage]);
    assert_eq!(h.quiz().phase, QuizPhase::Start);
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

#[test]
fn a_long_notice_does_not_hide_the_end_of_the_page() {
    use ratatui::crossterm::event::KeyCode;
    let courses = tempfile::tempdir().unwrap();
    let long = (1..=60)
        .map(|i| format!("Line {i} of the long page.\n\n"))
        .collect::<Vec<_>>()
        .concat();
    let text = format!("# Long\n\n{long}---\n\n## Second page\n\nShort.\n");
    course_library(courses.path(), &[("long", "Long Course", "S.", &text)]);
    let mut h = Harness::with(courses.path(), None);
    h.open_first_lesson();
    for _ in 0..150 {
        key(&mut h, KeyCode::Down);
    }
    assert_eq!(lesson(&h).page, 0);
    assert!(h.screen_text(80, 24).contains("Line 60 of"));
    // A save failing with a long reason takes three rows of the status line.
    h.app.save = SaveState::Failed(format!(
        "cannot write progress file {}: No space left on device (os error 28)",
        "/a/rather/long/path/to/the/data/folder".repeat(3)
    ));
    let screen = h.screen_text(80, 24);
    assert!(screen.contains("Line 60 of"), "{screen}");
    assert!(flat(&screen).contains("(will retry)"), "{screen}");
}

/// A harness on the course with a knowledge check after page 1 of its lesson.
fn check_harness() -> Harness {
    Harness::with(Path::new("tests/fixtures/check-courses"), None)
}

fn lesson_page(h: &Harness) -> Option<usize> {
    match &h.app.screen {
        Screen::Lesson(l) => Some(l.page + 1),
        _ => None,
    }
}

#[test]
fn a_knowledge_check_opens_past_its_page_records_nothing_and_returns() {
    let mut h = check_harness();
    h.open_first_lesson();
    h.send(&[Msg::NextPage]);
    // The page turned (and was recorded) before the check opened on top.
    let Screen::Quiz(q) = &h.app.screen else {
        panic!("no check: {:?}", h.app.screen)
    };
    assert_eq!(q.check, Some(0));
    assert!(!q.in_attempt());
    let seen = &h.app.progress.courses["knowledge"].lessons["01-lesson"];
    assert_eq!((seen.page, seen.pages_seen.len()), (2, 2));
    insta::assert_snapshot!("knowledge_check_start_80x24", h.screen_text(80, 24));
    h.send(&[Msg::Enter]);
    // Feedback after each question, whatever the file says (it says "end").
    h.give(true);
    assert!(matches!(
        &h.app.screen,
        Screen::Quiz(q) if matches!(q.phase, QuizPhase::Checked { .. })
    ));
    assert!(
        h.app.progress.in_progress.is_empty(),
        "never saved as under way"
    );
    h.send(&[Msg::Enter]);
    h.give(false);
    h.send(&[Msg::Enter]);
    assert!(matches!(
        &h.app.screen,
        Screen::Quiz(q) if matches!(q.phase, QuizPhase::Results(_))
    ));
    // The results never claim a save that did not happen.
    let results = h.screen_text(80, 24);
    assert!(!results.contains("Attempt saved"), "{results}");
    assert!(
        results.contains("Practice: nothing was recorded."),
        "{results}"
    );
    h.send(&[Msg::Enter]);
    assert_eq!(lesson_page(&h), Some(2));
    assert!(
        h.app.progress.attempts.is_empty(),
        "a check is never an attempt"
    );
    assert!(h.app.overlay.is_none());
    // Back and forth in the same visit: not offered again.
    h.send(&[Msg::PrevPage, Msg::NextPage]);
    assert_eq!(lesson_page(&h), Some(2));
    h.send(&[Msg::NextPage]);
    assert_eq!(lesson_page(&h), Some(3));
    let stored = Store::new(h.dir.path(), "tester").unwrap().load().unwrap();
    assert!(stored.attempts.is_empty());
}

#[test]
fn a_knowledge_check_is_skipped_with_esc_and_left_mid_way_without_asking() {
    let mut h = check_harness();
    h.open_first_lesson();
    h.send(&[Msg::NextPage]);
    assert!(matches!(&h.app.screen, Screen::Quiz(q) if q.check == Some(0)));
    h.send(&[Msg::Back]);
    assert_eq!(lesson_page(&h), Some(2));
    // A new visit offers it again; leaving mid-check asks nothing and records nothing.
    h.send(&[Msg::Back]);
    h.send(&[Msg::Enter]);
    h.send(&[Msg::FirstPage, Msg::NextPage]);
    assert!(matches!(&h.app.screen, Screen::Quiz(q) if q.check == Some(0)));
    h.send(&[Msg::Enter]);
    h.give(true);
    h.send(&[Msg::Back]);
    assert!(h.app.overlay.is_none());
    assert_eq!(lesson_page(&h), Some(2));
    assert!(h.app.progress.attempts.is_empty());
}
