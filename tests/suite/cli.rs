//! End-to-end tests of the authoring commands: check, preview, new, courses unpack,
//! completions and man.

// Helpers outside #[test] functions count as non-test code for clippy's unwrap lints.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

#[path = "../../fuzz/src/lib.rs"]
mod fuzz_props;
#[path = "fuzz/regressions.rs"]
mod fuzz_regressions;
#[path = "sanitize/output.rs"]
mod sanitize_output;

/// A snapshot from a module under this one, kept with the suite's others in `snapshots/`.
macro_rules! snapshot {
    ($name:expr, $value:expr) => {{
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path("../snapshots");
        settings.bind(|| insta::assert_snapshot!($name, $value));
    }};
}

mod check;
mod commands;
mod preview;

/// Every fixture under tests/fixtures/broken-courses, one course per error or warning.
const FIXTURES: &[&str] = &[
    // course.toml errors
    "toml-syntax",
    "toml-control-char",
    "missing-key",
    "wrong-type",
    "unknown-key",
    "no-lessons",
    "missing-lesson",
    "missing-quiz",
    "duplicate-lesson",
    "path-outside",
    "path-absolute",
    "hours-out-of-range",
    "pass-percent",
    "bad_id",
    "lesson-without-file",
    "missing-scenario",
    "reviewed-and-minutes",
    "check-errors",
    "check-keys",
    "check-last-page",
    "check-lints",
    "check-no-pages",
    "check-bad-quiz",
    "check-path-outside",
    "unknown-key-hides",
    "wrong-types-hide",
    // lesson file errors
    "binary-file",
    "bad-utf8",
    // quiz errors
    "quiz-syntax",
    "quiz-unknown-key",
    "quiz-pass-percent",
    "no-questions",
    "no-correct-answer",
    "no-answer-form",
    "two-answer-forms",
    "one-choice",
    "duplicate-choice",
    "empty-accept",
    "short-order",
    "bad-question-id",
    // scenario errors
    "scenario-syntax",
    "scenario-unknown-key",
    "scenario-missing-keys",
    "scenario-bad-next",
    "scenario-bad-route",
    "scenario-unreachable",
    "scenario-no-way-out",
    "scenario-no-best",
    "scenario-duplicate-ids",
    "scenario-choice-keys",
    "scenario-unknown-meter",
    "scenario-bad-meter",
    "scenario-bad-rating",
    "scenario-choices-and-ending",
    "scenario-dead-end",
    "scenario-dangling-hides",
    "scenario-same-id",
    // scenario warnings
    "scenario-meter-range",
    "scenario-no-coaching",
    "scenario-route-loop",
    // everything at once: checking goes on after the first error
    "many-errors",
    // warnings
    "setext-rule",
    "long-page",
    "no-feedback",
    "no-explanation",
    "broken-link",
    "unused-file",
    "no-hours",
    "empty-lesson",
    "no-question-ids",
    "draw-over-pool",
    "final-practice",
];

/// Fixtures that need a file made at run time (see their tests).
const MADE_AT_RUN_TIME: &[&str] = &["huge-file"];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken-courses")
}

/// The binary with no ROLLCALL_* variables from the caller's environment.
fn rollcall(cwd: &Path) -> Command {
    let mut cmd = crate::isolated::command();
    cmd.env_remove("NO_COLOR").current_dir(cwd);
    cmd
}

/// [`rollcall`] as a `std::process::Command`, for tests that choose its standard streams.
fn std_rollcall(cwd: &Path) -> std::process::Command {
    let mut cmd = crate::isolated::std_command();
    cmd.env_remove("NO_COLOR").current_dir(cwd);
    cmd
}

/// Runs `rollcall check ARGS` in `cwd`; returns stdout and the exit code.
fn check(cwd: &Path, args: &[&str]) -> (String, i32) {
    let out = rollcall(cwd).arg("check").args(args).output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        out.status.code().unwrap(),
    )
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn snapshot(name: &str, stdout: &str, code: i32) {
    insta::assert_snapshot!(format!("check_{name}"), format!("{stdout}[exit {code}]"));
}

/// A courses folder holding the `new` skeleton, for preview tests.
fn preview_courses() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    rollcall(tmp.path())
        .args(["--courses", "courses", "new", "demo"])
        .assert()
        .success();
    tmp
}

fn preview(cwd: &Path, args: &[&str]) -> (String, String, i32) {
    let out = rollcall(cwd)
        .args(["--courses", "courses", "preview"])
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap(),
    )
}

/// Copies `from` to `to` with every LF in a UTF-8 text file turned into CRLF, as a Windows
/// editor would save it; other files are copied as they are.
fn copy_dir_crlf(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir_crlf(&entry.path(), &target);
        } else {
            let bytes = fs::read(entry.path()).unwrap();
            match String::from_utf8(bytes) {
                Ok(text) => fs::write(target, text.replace('\n', "\r\n")).unwrap(),
                Err(e) => fs::write(target, e.into_bytes()).unwrap(),
            }
        }
    }
}

/// A courses folder holding the `new` skeleton with a scenario lesson.
fn scenario_courses() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    rollcall(tmp.path())
        .args(["--courses", "courses", "new", "demo", "--scenario"])
        .assert()
        .success();
    tmp
}

/// Writes a course folder `name` under `root` from (file, text) pairs.
fn write_course(root: &Path, name: &str, files: &[(&str, &str)]) {
    let dir = root.join(name);
    fs::create_dir_all(&dir).unwrap();
    for (file, text) in files {
        fs::write(dir.join(file), text).unwrap();
    }
}
