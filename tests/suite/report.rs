//! `rollcall report` and `rollcall export xapi` over progress files from three machines.

// Test helpers may panic: a failed setup is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// A snapshot from a module under this one, kept with the suite's others in `snapshots/`.
macro_rules! snapshot {
    ($name:expr, $value:expr) => {{
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path("../snapshots");
        settings.bind(|| insta::assert_snapshot!($name, $value));
    }};
}

mod fitting;
mod merge;
mod records;
mod scenarios;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn machines() -> Vec<PathBuf> {
    ["station-a", "laptop-b", "laptop-c"]
        .iter()
        .map(|m| fixtures().join("machines").join(m))
        .collect()
}

/// A rollcall command with no ROLLCALL_* variables and fixture courses.
fn rollcall(data_dir: &Path) -> Command {
    let mut cmd = crate::isolated::command();
    cmd.env_remove("COLUMNS");
    cmd.arg("--courses")
        .arg(fixtures().join("records-courses"))
        .arg("--data-dir")
        .arg(data_dir);
    cmd
}

/// Every file under the machines folder with its bytes and modification time.
fn snapshot_inputs() -> BTreeMap<PathBuf, (Vec<u8>, std::time::SystemTime)> {
    let mut out = BTreeMap::new();
    for dir in machines() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let meta = std::fs::metadata(&path).unwrap();
            out.insert(
                path.clone(),
                (std::fs::read(&path).unwrap(), meta.modified().unwrap()),
            );
        }
    }
    out
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn report(args: &[&str]) -> Run {
    let empty = tempfile::tempdir().unwrap();
    let mut cmd = rollcall(empty.path());
    cmd.arg("report").args(machines()).args(args);
    run(&mut cmd)
}

const HEADER: [&str; 22] = [
    "learner",
    "course",
    "title",
    "version",
    "provider",
    "certification",
    "course_hours",
    "hours_credited",
    "status",
    "completed_date",
    "completed_at",
    "best_score",
    "best_total",
    "best_percent",
    "attempts",
    "in_library",
    "flags",
    "best_ending",
    "scenarios_passed",
    "scenarios",
    "runs",
    "active_minutes",
];

const EXPECTED: [[&str; 16]; 7] = [
    [
        "asmith",
        "de-escalation",
        "De-escalation Fundamentals",
        "1.2",
        "Regional Training Academy",
        "POST-1234",
        "2",
        "2",
        "completed",
        "2026-04-01",
        "2026-04-01T10:00:00+00:00",
        "10",
        "10",
        "100",
        "2",
        "yes",
    ],
    [
        "asmith",
        "procedural-justice",
        "Procedural Justice",
        "1.0",
        "rollcall open curriculum",
        "",
        "1.5",
        "1.5",
        "completed",
        "2026-03-12",
        "2026-03-12T16:01:00+00:00",
        "4",
        "4",
        "100",
        "2",
        "yes",
    ],
    [
        "asmith",
        "crisis-intervention",
        "Crisis Intervention, with a title long enough to need cutting in narrow tables",
        "2.0",
        "",
        "POST-9876",
        "3",
        "",
        "not-started",
        "",
        "",
        "",
        "",
        "",
        "0",
        "yes",
    ],
    [
        "jdoe",
        "de-escalation",
        "De-escalation Fundamentals",
        "1.1",
        "Regional Training Academy",
        "POST-1234",
        "2",
        "2",
        "completed",
        "2026-02-03",
        "2026-02-03T14:05:00-05:00",
        "9",
        "10",
        "90",
        "3",
        "yes",
    ],
    [
        "jdoe",
        "procedural-justice",
        "Procedural Justice",
        "1.0",
        "rollcall open curriculum",
        "",
        "1.5",
        "",
        "not-started",
        "",
        "",
        "",
        "",
        "",
        "0",
        "yes",
    ],
    [
        "jdoe",
        "crisis-intervention",
        "Crisis Intervention, with a title long enough to need cutting in narrow tables",
        "2.0",
        "",
        "POST-9876",
        "3",
        "",
        "not-started",
        "",
        "",
        "",
        "",
        "",
        "0",
        "yes",
    ],
    [
        "jdoe",
        "firearms-2019",
        "",
        "3.0",
        "",
        "",
        "4",
        "4",
        "completed",
        "2025-12-10",
        "2025-12-10T10:00:00-05:00",
        "9",
        "10",
        "90",
        "1",
        "no",
    ],
];

fn assert_corrupt_listed(stderr: &str) {
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(lines[0].contains("bjones.toml"), "{stderr}");
    assert!(lines[0].contains("not a valid progress file"), "{stderr}");
    assert!(lines[0].contains("line 4"), "{stderr}");
}

fn unicode_width(s: &str) -> usize {
    s.chars().count()
}

fn csv_rows(out: &Run) -> Vec<Vec<String>> {
    let mut reader = csv::Reader::from_reader(out.stdout.as_bytes());
    reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

fn keys(rows: &[Vec<String>]) -> Vec<String> {
    rows.iter().map(|r| format!("{}/{}", r[0], r[1])).collect()
}

/// A record of one valid passing attempt at de-escalation 01-why, as `learner`.
fn attempt_toml(id: &str, score: usize, total: usize, percent: &str, passed: bool) -> String {
    format!(
        "\n[[attempts]]\nid = \"{id}\"\ncourse = \"de-escalation\"\nlesson = \"01-why\"\n\
         quiz = \"01-why.quiz.toml\"\ncourse_version = \"1.2\"\n\
         started = \"2026-03-01T10:00:00+00:00\"\nfinished = \"2026-03-01T10:05:00+00:00\"\n\
         score = {score}\ntotal = {total}\npercent = {percent}\npassed = {passed}\n\
         pass_percent = 80\n"
    )
}

/// Writes `files` into a fresh folder and runs `report --format FORMAT` on it.
fn report_on(files: &[(&str, String)], format: &str) -> Run {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let empty = tempfile::tempdir().unwrap();
    run(rollcall(empty.path())
        .args(["report", "--format", format])
        .arg(dir.path()))
}

fn row_of<'a>(rows: &'a [Vec<String>], learner: &str, course: &str) -> &'a Vec<String> {
    rows.iter()
        .find(|r| r[0] == learner && r[1] == course)
        .unwrap_or_else(|| panic!("no row {learner}/{course} in {rows:?}"))
}

const FLAGS: usize = 16;

fn toml_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '"' => out.push_str("\\\""),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A progress file of about 15 MB: thousands of attempts, as years of use would leave.
fn big_progress_file(path: &Path) {
    use std::fmt::Write as _;
    let mut text = String::from("schema = 1\nlearner = \"jdoe\"\n");
    let mut i = 0u64;
    while text.len() < 15_000_000 {
        text.push_str(&attempt_toml(
            &format!("00000000-0000-4000-8000-{i:012x}"),
            4,
            5,
            "80.0",
            true,
        ));
        for q in 1..=5 {
            let _ = write!(
                text,
                "\n[[attempts.answers]]\nquestion = {q}\ncorrect = true\n\n\
                 [attempts.answers.answer]\nchoices = [1]\n"
            );
        }
        i += 1;
    }
    std::fs::write(path, text).unwrap();
}

/// `rollcall` over the scenario drill course and two learners' recorded runs.
fn drill(args: &[&str]) -> Run {
    let empty = tempfile::tempdir().unwrap();
    let mut cmd = crate::isolated::command();
    cmd.env_remove("COLUMNS")
        .arg("--courses")
        .arg(fixtures().join("scenario-courses"))
        .arg("--data-dir")
        .arg(empty.path())
        .args(args)
        .arg(fixtures().join("scenario-runs"));
    run(&mut cmd)
}

/// `rollcall` over the drill course and hand-made runs that are wrong in one way each.
fn bad_runs(args: &[&str]) -> Run {
    let empty = tempfile::tempdir().unwrap();
    let mut cmd = crate::isolated::command();
    cmd.env_remove("COLUMNS")
        .arg("--courses")
        .arg(fixtures().join("scenario-courses"))
        .arg("--data-dir")
        .arg(empty.path())
        .args(args)
        .arg(fixtures().join("bad-runs"));
    let mut out = run(&mut cmd);
    let here = fixtures().join("bad-runs").display().to_string();
    out.stderr = out.stderr.replace(&here, "<bad-runs>");
    out
}
