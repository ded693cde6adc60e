//! The progress store and `rollcall progress`: round trips, old schemas, broken files left
//! alone, failing disks, two copies saving at once, and copies killed mid-save.

// clippy's allow-unwrap-in-tests covers #[test] functions only, not their helpers.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};

use assert_cmd::Command;
use rollcall::progress::store::{Store, StoreError};
use rollcall::progress::{Attempt, LessonProgress, Progress, SCHEMA};
use rollcall::quiz::Answer;

/// A snapshot from a module under this one, kept with the suite's others in `snapshots/`.
macro_rules! snapshot {
    ($name:expr, $value:expr) => {{
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path("../snapshots");
        settings.bind(|| insta::assert_snapshot!($name, $value));
    }};
}

mod command;
mod concurrency;
mod records;
mod saving;

const BIN: &str = env!("CARGO_BIN_EXE_rollcall");

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/progress")
        .join(name)
}

/// A temp folder for tests that save hundreds of times. On Linux it is on tmpfs when there is
/// one: fsync there is free, and on a busy shared disk fsync otherwise dominates the run time.
/// Nothing these tests check depends on fsync (only a power cut would show its absence).
fn busy_tempdir() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir()
        && let Ok(dir) = tempfile::Builder::new().prefix("rollcall-").tempdir_in(shm)
    {
        return dir;
    }
    tempfile::tempdir().unwrap()
}

/// `rollcall` with no ROLLCALL_* settings from the environment, run in `cwd`, so neither the
/// user's real data nor the repository's `courses/` folder is used.
fn rollcall(cwd: &Path) -> Command {
    let mut cmd = crate::isolated::command();
    cmd.current_dir(cwd);
    cmd
}

fn std_rollcall(data: &Path) -> StdCommand {
    let mut cmd = crate::isolated::std_command();
    cmd.current_dir(data)
        .arg("--data-dir")
        .arg(data)
        .args(["--learner", "jdoe"]);
    cmd
}

fn attempt(id: &str, lesson: &str, percent: f64) -> Attempt {
    Attempt {
        id: id.into(),
        course: "de-escalation".into(),
        lesson: lesson.into(),
        quiz: format!("{lesson}.quiz.toml"),
        course_version: "1.0".into(),
        started: "2026-11-24T10:00:00.000-05:00".into(),
        finished: format!("2026-11-24T10:0{}:00.000-05:00", id.len() % 10)
            .as_str()
            .into(),
        score: 3,
        total: 4,
        percent,
        passed: percent >= 80.0,
        pass_percent: 80,
        answers: vec![rollcall::progress::GivenAnswer {
            question: 1,
            id: None,
            answer: Answer::Text("time".into()),
            correct: true,
        }],
        active_seconds: None,
    }
}

/// A record with one attempt: something to save.
fn one_attempt() -> Progress {
    let mut p = Progress::new("jdoe");
    p.attempts.push(attempt("a1", "01-why-slow-down", 100.0));
    p
}

fn ids(p: &Progress) -> BTreeSet<String> {
    p.attempts.iter().map(|a| a.id.clone()).collect()
}

fn lock_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.unwrap().file_name().into_string().ok())
        .filter(|n| Path::new(n).extension().is_some_and(|e| e == "lock"))
        .collect()
}

fn temp_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.unwrap().file_name().into_string().ok())
        .filter(|n| n.starts_with('.') && n.contains(".toml.tmp-"))
        .collect()
}

/// Puts a fixture in place as `jdoe.toml` and returns its bytes.
fn install(dir: &Path, fixture_name: &str) -> Vec<u8> {
    let bytes = fs::read(fixture(fixture_name)).unwrap();
    fs::write(dir.join("jdoe.toml"), &bytes).unwrap();
    bytes
}

fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().clone();
    String::from_utf8(out.stdout).unwrap()
}
