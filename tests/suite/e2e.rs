//! End to end: the real binary in a pseudo-terminal, driven by the keys an officer presses.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.
#![cfg(unix)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

mod runs;

const TIMEOUT: Duration = Duration::from_secs(15);

struct Session {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
}

impl Session {
    fn start(args: &[&str], data: &Path, cwd: &Path) -> Self {
        Self::start_sized(args, data, cwd, 80, 24)
    }

    fn start_sized(args: &[&str], data: &Path, cwd: &Path, cols: u16, rows: u16) -> Self {
        Self::spawn(args, data, cwd, (cols, rows), &[])
    }

    /// Starts rollcall with these extra environment variables.
    fn start_env(args: &[&str], data: &Path, cwd: &Path, env: &[(&str, &str)]) -> Self {
        Self::spawn(args, data, cwd, (80, 24), env)
    }

    fn spawn(
        args: &[&str],
        data: &Path,
        cwd: &Path,
        (cols, rows): (u16, u16),
        env: &[(&str, &str)],
    ) -> Self {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_rollcall"));
        cmd.args(args);
        cmd.arg("--data-dir");
        cmd.arg(data);
        cmd.cwd(cwd);
        cmd.env("TERM", "xterm-256color");
        for var in [
            "ROLLCALL_COURSES",
            "ROLLCALL_DATA_DIR",
            "ROLLCALL_LEARNER",
            "NO_COLOR",
        ] {
            cmd.env_remove(var);
        }
        for (k, v) in crate::isolated::vars() {
            cmd.env(k, v);
        }
        // The settings file in the test's own folder, never the user's.
        cmd.env("XDG_CONFIG_HOME", data.join("config"));
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        // Drop our copy of the slave so the reader sees EOF when the child exits.
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(rows).unwrap(),
            NonZeroU16::new(cols).unwrap(),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (parser.clone(), raw.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Self {
            master: pair.master,
            writer,
            child,
            parser,
            raw,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits until `text` is on screen; panics with the screen after the timeout.
    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if self.screen().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("timed out waiting for {text:?}; screen:\n{}", self.screen());
    }

    /// Waits until `text` is no longer on screen.
    fn wait_gone(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if !self.screen().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "timed out waiting for {text:?} to go; screen:\n{}",
            self.screen()
        );
    }

    fn press(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn resize(&self, cols: u16, rows: u16) {
        // The parser takes the new size before the program can answer the resize: holding
        // its lock across both means a redraw is never parsed at the old size (which left a
        // blank screen under load).
        let mut parser = self.parser.lock().unwrap();
        parser.screen_mut().set_size(
            NonZeroU16::new(rows).unwrap(),
            NonZeroU16::new(cols).unwrap(),
        );
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        drop(parser);
    }

    fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        self.child.kill().ok();
        panic!("rollcall did not exit; screen:\n{}", self.screen());
    }

    /// Whether the terminal was put back: alternate screen left, cursor shown. Polls: the
    /// reader thread may still be copying the last bytes after the child exited.
    fn restored(&self) -> bool {
        let start = Instant::now();
        loop {
            let raw = String::from_utf8_lossy(&self.raw.lock().unwrap()).to_string();
            if raw.contains("\x1b[?1049l") && raw.contains("\x1b[?25h") {
                return true;
            }
            if start.elapsed() > TIMEOUT {
                return false;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

const RIGHT: &str = "\x1b[C";
const LEFT: &str = "\x1b[D";
const DOWN: &str = "\x1b[B";
const ESC: &str = "\x1b";

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/courses")
}

fn courses_args() -> Vec<String> {
    vec![
        "--courses".into(),
        fixtures().to_string_lossy().into_owned(),
        "--learner".into(),
        "officer".into(),
    ]
}

fn start(data: &Path) -> Session {
    let args = courses_args();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    Session::start(&args, data, Path::new(env!("CARGO_MANIFEST_DIR")))
}

#[test]
fn read_a_lesson_page_by_page_and_quit() {
    let data = tempfile::tempdir().unwrap();
    let mut s = start(data.path());
    s.wait_for("Sample Course");
    s.wait_for("learner: officer");
    s.press("\r");
    s.wait_for("0/2 lessons complete");
    s.press("\r");
    s.wait_for("page 1/3");
    s.wait_for("Alpha page text");
    s.press("l");
    s.wait_for("page 2/3");
    s.wait_for("Beta page text");
    s.press(" ");
    s.wait_for("Gamma page text");
    s.press("h");
    s.wait_for("page 2/3");
    s.press(LEFT);
    s.wait_for("page 1/3");
    s.press("G");
    s.wait_for("page 3/3");
    s.press("g");
    s.wait_for("page 1/3");
    s.press(RIGHT);
    s.wait_for("page 2/3");
    s.press("?");
    s.wait_for("Esc, ? or q closes it");
    s.press(ESC);
    s.wait_gone("Esc, ? or q closes it");
    s.press(ESC);
    s.wait_for("not started");
    s.press("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(s.restored(), "terminal not restored");
    // Page saves are coalesced off the key path; quitting waits for them.
    let store = rollcall::progress::store::Store::new(data.path(), "officer").unwrap();
    let saved = store.load().unwrap();
    let lesson = saved.lesson("sample", "01-first").unwrap();
    assert_eq!(lesson.page, 2);
    assert_eq!(lesson.pages_seen, [1, 2, 3].into());
}

#[test]
fn sigterm_right_after_a_page_turn_keeps_the_page() {
    let data = tempfile::tempdir().unwrap();
    let mut s = start(data.path());
    s.wait_for("Sample Course");
    s.press("\r");
    s.wait_for("0/2 lessons complete");
    s.press("\r");
    s.wait_for("Alpha page text");
    s.press("l");
    s.wait_for("Beta page text");
    let pid = s.child.process_id().unwrap();
    std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    s.wait_exit();
    let store = rollcall::progress::store::Store::new(data.path(), "officer").unwrap();
    let saved = store.load().unwrap();
    assert_eq!(saved.lesson("sample", "01-first").unwrap().page, 2);
}

fn take_quiz(s: &mut Session, typed: &str) {
    s.press("\r");
    s.wait_for("Sample Course");
    s.press("\r");
    s.wait_for("page 1/3");
    s.press("G");
    s.wait_for("page 3/3");
    s.press("n");
    s.wait_for("Press Enter to start.");
    s.press("\r");
    s.wait_for("question 1/5");
    // 1: pick one (first choice is right, no shuffle in the fixture).
    s.press("1\r");
    s.wait_for("Right.");
    s.press("\r");
    s.wait_for("question 2/5");
    // 2: select all: 1 and 3.
    s.press("1");
    s.press(DOWN);
    s.press(DOWN);
    s.press(" \r");
    s.wait_for("Right.");
    s.press("\r");
    s.wait_for("question 3/5");
    s.press("t\r");
    s.wait_for("Right.");
    s.press("\r");
    s.wait_for("question 4/5");
    s.press(typed);
    s.press("\r");
    s.wait_for("Why:");
    s.press("\r");
    s.wait_for("question 5/5");
}

/// Picks the order items in the right order by reading their shown numbers off the screen.
fn answer_order(s: &mut Session, right: bool) {
    let mut items = ["Scanning", "Analysis", "Response", "Assessment"];
    if !right {
        items.reverse();
    }
    let screen = s.screen();
    for item in items {
        let line = screen
            .lines()
            .find(|l| l.contains(&format!(". {item}")))
            .unwrap_or_else(|| panic!("{item} not on screen:\n{screen}"));
        let n = line.trim().split('.').next().unwrap().trim().to_string();
        s.press(&n);
    }
    s.press("\r");
    s.wait_for("Right order:");
    s.press("\r");
}

#[test]
fn fail_then_pass_a_quiz_and_find_it_after_restart() {
    let data = tempfile::tempdir().unwrap();
    let mut s = start(data.path());
    s.wait_for("Sample Course");
    take_quiz(&mut s, "911");
    answer_order(&mut s, false);
    // Typed and order wrong: 3/5 = 60% meets this quiz's 60% pass mark.
    s.wait_for("Score: 3/5 (60%) PASSED");
    s.wait_for("Attempt saved.");
    s.press("r");
    s.wait_for("question 1/5");
    s.press("2\r");
    s.wait_for("Not quite.");
    s.press("\r");
    s.press("2\r");
    s.wait_for("Not quite.");
    s.press("\r");
    s.press("f\r");
    s.wait_for("Not quite.");
    s.press("\r");
    s.press("no idea\r");
    s.wait_for("Not quite.");
    s.press("\r");
    s.wait_for("question 5/5");
    answer_order(&mut s, true);
    s.wait_for("Score: 1/5 (20%) NOT PASSED");
    s.press(ESC);
    s.wait_for("quiz: best 3/5 (60%) passed");
    s.press("q");
    assert_eq!(s.wait_exit(), 0);

    // Start again: the score is still there and the lesson resumes at its last page.
    let mut s = start(data.path());
    s.wait_for("Sample Course");
    s.press("\r");
    s.wait_for("quiz: best 3/5 (60%) passed");
    s.press("\r");
    s.wait_for("page 3/3");
    s.wait_for("Resumed at page 3");
    s.press("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn quitting_mid_quiz_asks_and_records_nothing() {
    let data = tempfile::tempdir().unwrap();
    let mut s = start(data.path());
    s.wait_for("Sample Course");
    take_quiz(&mut s, "988");
    s.press("q");
    s.wait_for("open the quiz again to continue");
    s.press("n");
    s.press("q");
    s.wait_for("open the quiz again to continue");
    s.press("y");
    assert_eq!(s.wait_exit(), 0);
    assert!(s.restored());
    // Kept for later, never as a score.
    let record = std::fs::read_to_string(data.path().join("officer.toml")).unwrap();
    assert!(!record.contains("[[attempts]]"), "{record}");
    assert!(record.contains("[[in_progress]]"), "{record}");
}

#[test]
fn tiny_terminal_asks_to_enlarge_and_recovers() {
    let data = tempfile::tempdir().unwrap();
    let mut s = start(data.path());
    s.wait_for("Sample Course");
    s.resize(30, 8);
    s.wait_for("Please enlarge");
    s.resize(1, 1);
    std::thread::sleep(Duration::from_millis(200));
    s.resize(80, 24);
    s.wait_for("Sample Course");
    s.press("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn sigterm_restores_the_terminal() {
    let data = tempfile::tempdir().unwrap();
    let mut s = start(data.path());
    s.wait_for("Sample Course");
    let pid = s.child.process_id().unwrap();
    std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    s.wait_exit();
    assert!(s.restored(), "terminal not restored after SIGTERM");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), dest).unwrap();
        }
    }
}

#[test]
fn watch_shows_edits_and_keeps_the_last_good_version() {
    let data = tempfile::tempdir().unwrap();
    let courses = tempfile::tempdir().unwrap();
    copy_dir(&fixtures(), courses.path());
    let dir = courses.path().to_string_lossy().into_owned();
    let mut s = Session::start(
        &["--watch", "--courses", &dir, "--learner", "author"],
        data.path(),
        courses.path(),
    );
    s.wait_for("Sample Course");
    s.press("\r");
    s.wait_for("0/2 lessons complete");
    s.press("\r");
    s.wait_for("Alpha page text");
    s.press("l");
    s.wait_for("page 2/3");
    let lesson = courses.path().join("sample/01-first.md");
    let text = std::fs::read_to_string(&lesson).unwrap();
    std::fs::write(&lesson, text.replace("Beta page text", "Edited beta text")).unwrap();
    s.wait_for("Edited beta text");
    s.wait_for("page 2/3");
    // A broken edit (not UTF-8) keeps what is on screen and says why.
    std::fs::write(&lesson, b"# Broken \xff\xfe\n").unwrap();
    s.wait_for("Not reloaded");
    assert!(s.screen().contains("Edited beta text"));
    s.press("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn binary_alone_opens_the_built_in_courses() {
    let data = tempfile::tempdir().unwrap();
    let empty = tempfile::tempdir().unwrap();
    let mut s = Session::start(&["--learner", "laptop"], data.path(), empty.path());
    s.wait_for("built-in courses");
    s.wait_for("Using rollcall");
    s.wait_for("De-escalation");
    s.press("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn corrupt_progress_file_is_reported_and_left_alone() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("officer.toml");
    std::fs::write(
        &file,
        "schema = 1\nlearner = \"officer\"\n[[attempts]\nid = ",
    )
    .unwrap();
    let before = std::fs::read(&file).unwrap();
    let mut s = start(data.path());
    s.wait_for("cannot be read");
    s.wait_for("progress --repair");
    s.press(ESC);
    s.wait_gone("Any key closes this.");
    s.wait_for("progress not saved");
    s.press("\r");
    s.wait_for("0/2 lessons complete");
    s.press("\r");
    s.wait_for("page 1/3");
    s.press("l");
    s.wait_for("page 2/3");
    s.press("q");
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "corrupt file was touched"
    );
}

#[test]
fn preview_in_a_terminal_is_styled() {
    let data = tempfile::tempdir().unwrap();
    let dir = fixtures().to_string_lossy().into_owned();
    let mut s = Session::start(
        &["--courses", &dir, "preview", "sample/01-first"],
        data.path(),
        Path::new(env!("CARGO_MANIFEST_DIR")),
    );
    s.wait_for("page 3/3");
    assert_eq!(s.wait_exit(), 0);
    let raw = String::from_utf8_lossy(&s.raw.lock().unwrap()).to_string();
    assert!(raw.contains("\x1b["), "no styles in {raw:?}");
    assert!(s.screen().contains("Gamma page text"));
}

#[test]
fn term_dumb_and_the_flag_start_the_screen_reader_mode() {
    for (flag, term, env) in [
        (true, "xterm-256color", None),
        (false, "dumb", None),
        (false, "xterm", Some("1")),
    ] {
        let data = tempfile::tempdir().unwrap();
        let mut cmd = crate::isolated::std_command();
        cmd.args(courses_args())
            .arg("--data-dir")
            .arg(data.path())
            .env("TERM", term)
            .env_remove("ROLLCALL_SCREEN_READER")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped());
        if flag {
            cmd.arg("--screen-reader");
        }
        if let Some(v) = env {
            cmd.env("ROLLCALL_SCREEN_READER", v);
        }
        let mut child = cmd.spawn().unwrap();
        // Open the course and the first lesson, turn a page, quit.
        child
            .stdin
            .take()
            .unwrap()
            .write_all(b"1\n\n\nq\n")
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("Library, 1 course."), "{text}");
        assert!(text.contains("lesson 1 of 2, page 2 of 3."), "{text}");
        assert!(!text.contains('\x1b'), "escape bytes in {text:?}");
        let store = rollcall::progress::store::Store::new(data.path(), "officer").unwrap();
        assert_eq!(
            store
                .load()
                .unwrap()
                .lesson("sample", "01-first")
                .unwrap()
                .page,
            2
        );
    }
}

#[test]
fn a_theme_chosen_on_the_settings_screen_is_kept_after_a_restart() {
    let data = tempfile::tempdir().unwrap();
    let mut s = start(data.path());
    s.wait_for("Sample Course");
    s.press("S");
    s.wait_for("Reading width");
    s.wait_for("dark");
    s.press(RIGHT);
    s.wait_for("Theme saved.");
    s.press("q");
    assert_eq!(s.wait_exit(), 0);
    let file = data.path().join("config/rollcall/settings.toml");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "theme = \"light\"\n"
    );
    // Restarted: the light theme's paper behind the library, and the screen says light.
    let mut s = start(data.path());
    s.wait_for("Sample Course");
    let start = Instant::now();
    loop {
        let bg = s
            .parser
            .lock()
            .unwrap()
            .screen()
            .cell(20, 40)
            .map(vt100::Cell::bgcolor);
        if bg == Some(vt100::Color::Idx(231)) {
            break;
        }
        assert!(start.elapsed() < TIMEOUT, "background {bg:?}");
        std::thread::sleep(Duration::from_millis(20));
    }
    s.press("S");
    s.wait_for("light");
    s.press("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn no_color_starts_in_the_monochrome_theme() {
    let data = tempfile::tempdir().unwrap();
    let args = courses_args();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut s = Session::start_env(
        &args,
        data.path(),
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &[("NO_COLOR", "1")],
    );
    s.wait_for("Sample Course");
    s.press("S");
    s.wait_for("monochrome");
    s.press("q");
    assert_eq!(s.wait_exit(), 0);
    let raw = String::from_utf8_lossy(&s.raw.lock().unwrap()).to_string();
    // No colour at all: crossterm writes every colour as 38;5 / 48;5 (or 38;2 / 48;2).
    for code in ["[38;5;", "[48;5;", "[38;2;", "[48;2;"] {
        assert!(!raw.contains(code), "{code} under NO_COLOR");
    }
}

#[test]
fn a_flagged_record_at_startup_is_named_in_words_and_left_as_it_is() {
    let data = tempfile::tempdir().unwrap();
    let bad = "schema = 2\nlearner = \"officer\"\n\n[[attempts]]\nid = \"a1\"\n\
               course = \"sample\"\nlesson = \"01-first\"\nquiz = \"01-first.quiz.toml\"\n\
               course_version = \"2.1\"\nstarted = \"2026-11-20T10:00:00-05:00\"\n\
               finished = \"2026-11-20T10:05:00-05:00\"\nscore = 999\ntotal = 3\n\
               percent = 33300.0\npassed = true\npass_percent = 60\n";
    let file = data.path().join("officer.toml");
    std::fs::write(&file, bad).unwrap();
    let mut child = crate::isolated::std_command()
        .args(courses_args())
        .arg("--data-dir")
        .arg(data.path())
        .arg("--screen-reader")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Read the notice, open the course and a lesson, turn a page, quit.
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"\n1\n1\n\nq\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Your training record has problems")
            && text.contains("a quiz score above its number of questions"),
        "{text}"
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        bad,
        "record rewritten"
    );
}

/// The scenario drill course, in a terminal of `rows` rows.
fn start_drill(data: &Path, rows: u16) -> Session {
    let courses = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scenario-courses");
    let courses = courses.to_string_lossy().into_owned();
    let args = ["--courses", courses.as_str(), "--learner", "officer"];
    let mut s = Session::start_sized(&args, data, Path::new(env!("CARGO_MANIFEST_DIR")), 80, rows);
    s.wait_for("Scenario Drill");
    s.press("\r");
    s.wait_for("A loud customer");
    s.press("\r");
    s.wait_for("1. Introduce yourself");
    s.wait_for("5/10");
    s
}

fn saved_runs(data: &Path) -> Vec<rollcall::scenario::RunRecord> {
    let store = rollcall::progress::store::Store::new(data, "officer").unwrap();
    store.load().unwrap().runs
}

#[test]
fn a_scenario_down_the_best_path_with_a_debrief_and_a_second_run() {
    let data = tempfile::tempdir().unwrap();
    let mut s = start_drill(data.path(), 24);
    s.press("1");
    s.wait_for("The customer turns to you");
    s.wait_for("3/10");
    s.press("\r");
    s.wait_for("1. Sum up what you heard");
    s.press("1");
    s.wait_for("Yes, that's it.");
    s.press("\r");
    s.wait_for("Ending: best, passes");
    // The debrief coaches each decision.
    s.wait_for("Coaching:");
    s.wait_for("Your name and an open question");
    // r runs it again from the start, meters reset.
    s.press("r");
    s.wait_for("1. Introduce yourself");
    s.wait_for("5/10");
    s.press("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(s.restored(), "terminal not restored");
    let runs = saved_runs(data.path());
    assert_eq!(runs.len(), 1);
    assert!(runs[0].passed && runs[0].backs == 0);
    assert_eq!(runs[0].ending, rollcall::scenario::Rating::Best);
}

#[test]
fn a_scenario_down_a_poor_path_with_one_step_back() {
    let data = tempfile::tempdir().unwrap();
    // Tall enough for the whole debrief.
    let mut s = start_drill(data.path(), 60);
    s.press("2");
    s.wait_for("\"Calm down?\"");
    s.press("\r");
    s.wait_for("7/10");
    // b steps back one decision: the tension rise is undone.
    s.press("b");
    s.wait_for("Stepped back one decision");
    s.wait_for("5/10");
    s.press("2");
    s.wait_for("\"Calm down?\"");
    // Mid-run, Esc asks first in the scenario's words; Enter does not confirm, n stays.
    s.press(ESC);
    s.wait_for("Leave this run?");
    s.press("\r");
    s.press("n");
    s.wait_gone("Leave this run?");
    s.wait_for("\"Calm down?\"");
    s.press("\r");
    s.wait_for("7/10");
    s.press("2");
    s.wait_for("\"Calm down?\"");
    s.press("\r");
    // Tension 9: the route at the arrival ends the call.
    s.wait_for("Ending: poor, does not pass");
    s.wait_for("Best option here:");
    s.wait_for("Steps taken back: 1");
    s.press(ESC);
    s.wait_for("lessons complete");
    s.press("q");
    assert_eq!(s.wait_exit(), 0);
    let runs = saved_runs(data.path());
    assert_eq!(runs.len(), 1);
    assert!(!runs[0].passed);
    assert_eq!(runs[0].backs, 1);
    let path: Vec<&str> = runs[0].path.iter().map(|p| p.node.as_str()).collect();
    assert_eq!(path, ["arrival", "arrival", "arrival", "escalated"]);
}

#[test]
fn search_a_word_found_on_one_page_and_open_it() {
    let data = tempfile::tempdir().unwrap();
    let mut s = start(data.path());
    s.wait_for("Sample Course");
    s.press("/");
    s.wait_for("Search every course");
    // "strong" is on page 2 of the first lesson and nowhere else.
    s.press("strong");
    s.wait_for("1 match");
    s.wait_for("Sample Course › First Lesson · page 2");
    s.press("\r");
    s.wait_for("page 2/3");
    s.wait_for("Beta page text with strong words.");
    s.wait_for("Match 1 of 1");
    s.wait_gone("Search every course");
    s.press("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(s.restored(), "terminal not restored");
}

fn start_assessment(data: &Path) -> Session {
    let courses = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/assessment");
    let courses = courses.to_string_lossy().into_owned();
    let args = ["--courses", &courses, "--learner", "officer"];
    Session::start(&args, data, Path::new(env!("CARGO_MANIFEST_DIR")))
}

/// The attempt in progress on disk, once it holds `answers` answers.
fn in_progress_with(data: &Path, answers: usize) -> rollcall::progress::InProgress {
    let store = rollcall::progress::store::Store::new(data, "officer").unwrap();
    let start = Instant::now();
    while start.elapsed() < TIMEOUT {
        if let Ok(p) = store.load()
            && let Some(a) = p.in_progress.first()
            && a.answers.len() == answers
        {
            return a.clone();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("no attempt in progress with {answers} answers on disk");
}

/// From the library or the course screen (whichever rollcall opens on), into the only lesson
/// and past its page to the quiz's start screen.
fn to_quiz_start(s: &mut Session, expect: &str) {
    let start = Instant::now();
    let mut last = String::new();
    while start.elapsed() < TIMEOUT {
        let screen = s.screen();
        if screen.contains(expect) {
            return;
        }
        // Press once per screen: a key sent while a screen opens is not lost, only repeated.
        if screen != last {
            if screen.contains("The only page.") {
                s.press(RIGHT);
            } else if screen.contains("Enter open") {
                s.press("\r");
            }
            last = screen;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("never reached {expect:?}; screen:\n{}", s.screen());
}

/// Answers the question on screen with something of the right form (right or wrong).
fn answer_any(s: &mut Session) {
    let screen = s.screen();
    if screen.contains("Type your answer") {
        s.press("988\r");
    } else if screen.contains("in the order they belong") {
        s.press("1234\r");
    } else if screen.contains("1. True") {
        s.press("t\r");
    } else {
        s.press("1\r");
    }
}

#[test]
fn an_attempt_survives_sigkill_and_continues_at_question_3() {
    let data = tempfile::tempdir().unwrap();
    let mut s = start_assessment(data.path());
    s.wait_for("Final Course");
    to_quiz_start(&mut s, "Press Enter to start.");
    s.press("\r");
    for n in 1..=2 {
        s.wait_for(&format!("question {n}/4"));
        answer_any(&mut s);
    }
    s.wait_for("question 3/4");
    let before = in_progress_with(data.path(), 2);
    let prompt = |screen: &str| screen.lines().nth(3).unwrap_or("").trim().to_string();
    let third = prompt(&s.screen());
    let pid = s.child.process_id().unwrap();
    let killed = std::process::Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    s.wait_exit();
    let mut again = start_assessment(data.path());
    again.wait_for("Final Course");
    to_quiz_start(&mut again, "2 of 4 questions answered");
    again.press("\r");
    again.wait_for("question 3/4");
    assert_eq!(prompt(&again.screen()), third, "{}", again.screen());
    for n in 3..=4 {
        again.wait_for(&format!("question {n}/4"));
        answer_any(&mut again);
    }
    again.wait_for("Score:");
    let store = rollcall::progress::store::Store::new(data.path(), "officer").unwrap();
    let start = Instant::now();
    let done = loop {
        let p = store.load().unwrap();
        if !p.attempts.is_empty() || start.elapsed() > TIMEOUT {
            break p;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(done.attempts.len(), 1);
    let asked: Vec<&str> = done.attempts[0]
        .answers
        .iter()
        .map(|a| a.id.as_deref().unwrap())
        .collect();
    assert_eq!(asked, before.asked, "the same questions in the same order");
    assert_eq!(done.attempts[0].id, before.id);
    again.press("q");
    assert_eq!(again.wait_exit(), 0);
}
