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

/// A snapshot from a module under `app/`, kept with the suite's others in `snapshots/`.
macro_rules! snapshot {
    ($name:expr, $value:expr) => {{
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path("../snapshots");
        settings.bind(|| insta::assert_snapshot!($name, $value));
    }};
}

mod assessment;
mod checks;
mod course_screen;
mod learners;
mod learning;
mod leave;
mod migrate;
mod question_scroll;
mod reading;
mod results;
mod resume;
mod runs;
mod scenarios;
mod screen_reader;
mod screens;
mod start_screen;
mod time;
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
