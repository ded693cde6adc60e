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

mod quizzes;
mod reading;
mod scenarios;

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

fn start_assessment(data: &Path) -> Session {
    let courses = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/assessment");
    let courses = courses.to_string_lossy().into_owned();
    let args = ["--courses", &courses, "--learner", "officer"];
    Session::start(&args, data, Path::new(env!("CARGO_MANIFEST_DIR")))
}

/// The attempt in progress on disk, once it holds `answers` answers.
/// The officer's record on disk once `ready` holds, polled (saves are asynchronous); after
/// [`TIMEOUT`], the record as it is, for the caller's assertions to report.
fn saved_record(
    data: &Path,
    ready: impl Fn(&rollcall::progress::Progress) -> bool,
) -> rollcall::progress::Progress {
    let store = rollcall::progress::store::Store::new(data, "officer").unwrap();
    let start = Instant::now();
    loop {
        match store.load() {
            Ok(p) if ready(&p) || start.elapsed() > TIMEOUT => return p,
            Err(e) if start.elapsed() > TIMEOUT => panic!("the record does not load: {e}"),
            _ => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}

fn in_progress_with(data: &Path, answers: usize) -> rollcall::progress::InProgress {
    let has = |p: &rollcall::progress::Progress| {
        p.in_progress
            .first()
            .is_some_and(|a| a.answers.len() == answers)
    };
    let record = saved_record(data, has);
    assert!(
        has(&record),
        "no attempt in progress with {answers} answers on disk"
    );
    record.in_progress[0].clone()
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
