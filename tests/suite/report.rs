//! `rollcall report` and `rollcall export xapi` over progress files from three machines.

// Test helpers may panic: a failed setup is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

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

#[test]
fn csv_merges_three_machines_field_by_field() {
    let before = snapshot_inputs();
    let out = report(&["--format", "csv"]);
    assert_eq!(out.code, 1, "a skipped input means exit 1: {}", out.stderr);
    assert_corrupt_listed(&out.stderr);
    assert!(out.stdout.contains("\r\n"), "RFC 4180 uses CRLF");
    let mut reader = csv::Reader::from_reader(out.stdout.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, HEADER);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), EXPECTED.len());
    for (row, want) in rows.iter().zip(EXPECTED) {
        for (i, field) in want.iter().enumerate() {
            assert_eq!(&row[i], *field, "{} of {:?}", HEADER[i], row);
        }
    }
    assert_eq!(
        snapshot_inputs(),
        before,
        "report must never write its inputs"
    );
}

#[test]
fn json_has_rows_totals_and_skipped() {
    let out = report(&["--format", "json"]);
    assert_eq!(out.code, 1);
    assert_corrupt_listed(&out.stderr);
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), EXPECTED.len());
    for (row, want) in rows.iter().zip(EXPECTED) {
        for (key, field) in HEADER.iter().zip(want) {
            let got = &row[*key];
            let text = match got {
                Value::Null => String::new(),
                Value::String(s) => s.clone(),
                Value::Bool(b) => (if *b { "yes" } else { "no" }).to_string(),
                Value::Number(n) => {
                    let f = n.as_f64().unwrap();
                    if f.fract() == 0.0 {
                        format!("{f:.0}")
                    } else {
                        f.to_string()
                    }
                }
                other => panic!("unexpected {other}"),
            };
            // Versions are strings and keep their ".0"; numbers drop it.
            assert_eq!(text, *field, "{key} of {row}");
        }
    }
    assert_eq!(v["totals"]["learners"], 2);
    assert_eq!(v["totals"]["completions"], 4);
    assert_eq!(v["totals"]["hours"], 9.5);
    let skipped = v["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 1);
    assert!(
        skipped[0]["path"]
            .as_str()
            .unwrap()
            .ends_with("bjones.toml")
    );
}

#[test]
fn table_is_aligned_and_fits_the_width() {
    let empty = tempfile::tempdir().unwrap();
    let wide = run(rollcall(empty.path())
        .env("COLUMNS", "250")
        .arg("report")
        .args(machines()));
    assert_eq!(wide.code, 1);
    let lines: Vec<&str> = wide.stdout.lines().collect();
    // Header, 7 rows, totals, then a note for each completion recorded before time on task.
    assert_eq!(lines.len(), 1 + 7 + 1 + 4, "{}", wide.stdout);
    assert!(
        lines[9..]
            .iter()
            .all(|l| l.ends_with("check time: time-not-recorded")),
        "{}",
        wide.stdout
    );
    assert!(lines[0].starts_with("LEARNER  COURSE"));
    for word in [
        "TITLE",
        "PROVIDER",
        "CERT",
        "HOURS",
        "STATUS",
        "COMPLETED",
        "BEST",
    ] {
        assert!(lines[0].contains(word), "{word} in {}", lines[0]);
    }
    // Aligned: every row's status starts under the STATUS header.
    let col = lines[0].find("STATUS").unwrap();
    for line in &lines[1..8] {
        let rest = &line[col..];
        assert!(
            rest.starts_with("completed") || rest.starts_with("not started"),
            "{line}"
        );
    }
    assert!(lines[4].contains("9/10 90%"), "{}", lines[4]);
    assert!(lines[4].contains("2026-02-03"));
    assert_eq!(
        lines[8], "2 learners, 4 completions, 9.5 hours credited",
        "totals line"
    );

    for width in [100usize, 80, 60] {
        let narrow = run(rollcall(empty.path())
            .env("COLUMNS", width.to_string())
            .arg("report")
            .args(machines()));
        for line in narrow.stdout.lines() {
            assert!(
                unicode_width(line) <= width,
                "{width}: {line} ({})",
                unicode_width(line)
            );
        }
        let first = narrow.stdout.lines().next().unwrap();
        assert!(
            first.contains("STATUS") && first.contains("COMPLETED"),
            "{first}"
        );
    }
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

#[test]
fn filters() {
    let by_course = csv_rows(&report(&["--format", "csv", "--course", "de-escalation"]));
    assert_eq!(
        keys(&by_course),
        ["asmith/de-escalation", "jdoe/de-escalation"]
    );

    let empty = tempfile::tempdir().unwrap();
    let by_learner = csv_rows(&run(rollcall(empty.path())
        .args(["--learner", "jdoe", "report", "--format", "csv"])
        .args(machines())));
    assert_eq!(by_learner.len(), 4);
    assert!(by_learner.iter().all(|r| r[0] == "jdoe"));

    // ROLLCALL_LEARNER names who is training on this machine; it must not filter reports.
    let env_learner = csv_rows(&run(rollcall(empty.path())
        .env("ROLLCALL_LEARNER", "jdoe")
        .args(["report", "--format", "csv"])
        .args(machines())));
    assert_eq!(env_learner.len(), 7);

    let since = csv_rows(&report(&["--format", "csv", "--since", "2026-02-03"]));
    assert_eq!(
        keys(&since),
        [
            "asmith/de-escalation",
            "asmith/procedural-justice",
            "jdoe/de-escalation"
        ]
    );
    let until = csv_rows(&report(&["--format", "csv", "--until", "2026-02-03"]));
    assert_eq!(keys(&until), ["jdoe/de-escalation", "jdoe/firearms-2019"]);
    let window = csv_rows(&report(&[
        "--format",
        "csv",
        "--since",
        "2026-03-12",
        "--until",
        "2026-03-12",
    ]));
    assert_eq!(keys(&window), ["asmith/procedural-justice"]);

    let not_started = csv_rows(&report(&["--format", "csv", "--status", "not-started"]));
    assert_eq!(
        keys(&not_started),
        [
            "asmith/crisis-intervention",
            "jdoe/procedural-justice",
            "jdoe/crisis-intervention"
        ]
    );
    let completed = csv_rows(&report(&["--format", "csv", "--status", "completed"]));
    assert_eq!(completed.len(), 4);
    let table = report(&["--status", "completed", "--course", "procedural-justice"]);
    assert!(
        table
            .stdout
            .contains("1 learner, 1 completion, 1.5 hours credited\n"),
        "{}",
        table.stdout
    );

    let bad = report(&["--since", "03/12/2026"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("YYYY-MM-DD"), "{}", bad.stderr);
}

#[test]
fn in_progress_and_data_folder_default() {
    let station = fixtures().join("machines/station-a");
    // No PATH: this machine's data folder (here --data-dir).
    let out = run(rollcall(&station).args(["report", "--format", "csv"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    let rows = csv_rows(&out);
    let pj = rows
        .iter()
        .find(|r| r[0] == "asmith" && r[1] == "procedural-justice")
        .unwrap();
    assert_eq!(pj[8], "in-progress");
    assert_eq!(pj[11..15], ["2", "4", "50", "1"]);
    let jdoe = rows
        .iter()
        .find(|r| r[0] == "jdoe" && r[1] == "de-escalation")
        .unwrap();
    assert_eq!(jdoe[8], "in-progress");
    assert_eq!(jdoe[3], "1.2", "not completed: the library's version");

    // ROLLCALL_DATA_DIR when no --data-dir.
    let mut cmd = crate::isolated::command();
    cmd.env("ROLLCALL_DATA_DIR", &station)
        .arg("--courses")
        .arg(fixtures().join("records-courses"))
        .args(["report", "--format", "csv"]);
    assert_eq!(csv_rows(&run(&mut cmd)).len(), rows.len());
}

#[test]
fn missing_input_is_listed_and_the_rest_still_comes_out() {
    let empty = tempfile::tempdir().unwrap();
    let out = run(rollcall(empty.path())
        .args(["report", "--format", "csv"])
        .arg(fixtures().join("machines/laptop-b/jdoe.toml"))
        .arg(empty.path().join("nope.toml")));
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("nope.toml: no such file"),
        "{}",
        out.stderr
    );
    assert_eq!(csv_rows(&out).len(), 4);
}

#[test]
fn export_xapi_is_valid_stable_and_deduplicated() {
    let before = snapshot_inputs();
    let export = || {
        let empty = tempfile::tempdir().unwrap();
        run(rollcall(empty.path())
            .args(["export", "xapi", "--homepage", "https://pd.example/"])
            .args(machines()))
    };
    let out = export();
    assert_eq!(out.code, 1);
    assert_corrupt_listed(&out.stderr);
    let statements: Vec<Value> = serde_json::from_str(&out.stdout).unwrap();
    for s in &statements {
        let errors = rollcall::report::validate::statement(s);
        assert!(errors.is_empty(), "{errors:?} in {s}");
        assert_eq!(s["actor"]["account"]["homePage"], "https://pd.example");
    }
    let mut ids: Vec<&str> = statements
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), statements.len(), "ids are unique");
    let verbs = |verb: &str| {
        statements
            .iter()
            .filter(|s| s["verb"]["id"].as_str().unwrap().ends_with(verb))
            .count()
    };
    // 8 distinct attempts (the one seen on two machines counts once).
    assert_eq!(verbs("/passed") + verbs("/failed"), 8);
    assert_eq!(verbs("/failed"), 2);
    // Courses: jdoe de-escalation + firearms-2019, asmith de-escalation + procedural-justice;
    // lessons: jdoe 01-why + 02-tactics, asmith 01-voice.
    assert_eq!(verbs("/completed"), 4 + 3);
    // Lessons with pages seen: jdoe 01-why, 02-tactics and firearms' final; asmith 01-voice,
    // 01-why and 02-tactics (the pages that make their completions evidenced).
    assert_eq!(verbs("/experienced"), 6);

    let a2 = statements
        .iter()
        .find(|s| {
            s["object"]["id"] == "https://pd.example/courses/de-escalation/lessons/01-why/quiz"
                && s["verb"]["id"] == "http://adlnet.gov/expapi/verbs/passed"
                && s["actor"]["account"]["name"] == "jdoe"
        })
        .unwrap();
    assert_eq!(a2["result"]["score"]["raw"], 5);
    assert_eq!(a2["result"]["score"]["max"], 5);
    assert_eq!(a2["result"]["score"]["scaled"], 1.0);
    assert_eq!(a2["result"]["duration"], "PT2M15S");
    assert_eq!(a2["timestamp"], "2026-02-01T09:28:15.000-05:00");
    assert_eq!(
        a2["context"]["contextActivities"]["parent"][0]["id"],
        "https://pd.example/courses/de-escalation"
    );

    let again = export();
    assert_eq!(again.stdout, out.stdout, "exports are stable");
    assert_eq!(
        snapshot_inputs(),
        before,
        "export must never write its inputs"
    );
}

// ---- records a coordinator can trust (issue 11) -----------------------------------------

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

#[test]
fn a_hand_written_completion_is_flagged_and_credits_no_hours() {
    // The four lines of issue 11: a completion with no evidence at all.
    let text = "schema = 1\nlearner = \"jdoe\"\n[courses.de-escalation]\n\
                completed = \"2026-03-01T10:00:00+00:00\"\ncompleted_hours = 1.5\n";
    let files = [("jdoe.toml", text.to_string())];
    let out = report_on(&files, "csv");
    let rows = csv_rows(&out);
    let row = row_of(&rows, "jdoe", "de-escalation");
    assert_eq!(row[8], "in-progress", "{row:?}");
    assert_eq!(row[10], "", "no completion time is credited");
    assert_eq!(row[FLAGS], "unsupported-completion");
    let json: Value = serde_json::from_str(&report_on(&files, "json").stdout).unwrap();
    assert_eq!(json["totals"]["hours"], 0.0);
    assert_eq!(json["totals"]["completions"], 0);
    let jrow = json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["course"] == "de-escalation")
        .unwrap();
    assert_eq!(jrow["flags"], serde_json::json!(["unsupported-completion"]));
    let table = report_on(&files, "table").stdout;
    assert!(table.contains("in progress !"), "{table}");
    assert!(
        table.contains("! jdoe de-escalation: not credited: unsupported-completion"),
        "{table}"
    );
}

#[test]
fn score_out_of_range_and_nan_percent_credit_nothing() {
    let head = "schema = 1\nlearner = \"jdoe\"\n".to_string();
    let text = head
        + &attempt_toml("a-999", 999, 3, "33300.0", true)
        + &attempt_toml("a-nan", 3, 5, "nan", true);
    let out = report_on(&[("jdoe.toml", text)], "csv");
    let rows = csv_rows(&out);
    let row = row_of(&rows, "jdoe", "de-escalation");
    assert_eq!(row[11], "", "no best score from bad attempts: {row:?}");
    let flags: Vec<&str> = row[FLAGS].split(';').collect();
    assert!(flags.contains(&"score-out-of-range"), "{flags:?}");
    assert!(flags.contains(&"percent-mismatch"), "{flags:?}");
}

#[test]
fn a_pass_with_score_zero_is_not_a_pass() {
    let text =
        "schema = 1\nlearner = \"jdoe\"\n".to_string() + &attempt_toml("a-zero", 0, 5, "0.0", true);
    let rows = csv_rows(&report_on(&[("jdoe.toml", text)], "csv"));
    assert_eq!(
        row_of(&rows, "jdoe", "de-escalation")[FLAGS],
        "passed-mismatch"
    );
}

#[test]
fn duplicate_attempt_ids_with_different_content_are_flagged_on_every_path() {
    let head = "schema = 1\nlearner = \"jdoe\"\n".to_string();
    let dir = tempfile::tempdir().unwrap();
    for (machine, score, percent, passed) in [("a", 2, "40.0", false), ("b", 5, "100.0", true)] {
        let m = dir.path().join(machine);
        std::fs::create_dir(&m).unwrap();
        let text = head.clone() + &attempt_toml("same-id", score, 5, percent, passed);
        std::fs::write(m.join("jdoe.toml"), text).unwrap();
    }
    let empty = tempfile::tempdir().unwrap();
    let out = run(rollcall(empty.path())
        .args(["report", "--format", "csv"])
        .arg(dir.path().join("a"))
        .arg(dir.path().join("b")));
    let rows = csv_rows(&out);
    let row = row_of(&rows, "jdoe", "de-escalation");
    assert_eq!(row[FLAGS], "duplicate-attempt-id");
    assert_eq!(row[11], "", "neither copy is credited");
    // export leaves both out, and says so.
    let out = run(rollcall(empty.path())
        .args(["export", "xapi", "--homepage", "https://pd.example/"])
        .arg(dir.path().join("b"))
        .arg(dir.path().join("a")));
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("attempt same-id: duplicate-attempt-id"),
        "{}",
        out.stderr
    );
    let statements: Vec<Value> = serde_json::from_str(&out.stdout).unwrap();
    assert!(
        statements
            .iter()
            .all(|s| !s["verb"]["id"].as_str().unwrap().ends_with("/passed"))
    );
}

#[test]
fn a_learner_field_naming_someone_else_credits_nobody() {
    let text = "schema = 1\nlearner = \"asmith\"\n".to_string()
        + &attempt_toml("a-1", 5, 5, "100.0", true);
    let rows = csv_rows(&report_on(&[("jdoe.toml", text)], "csv"));
    let row = row_of(&rows, "jdoe", "de-escalation");
    assert_eq!(row[FLAGS], "learner-mismatch");
    assert_eq!(row[11], "", "nothing credited to the file's learner");
    assert!(
        rows.iter().all(|r| r[0] != "asmith"),
        "nor to the name inside: {rows:?}"
    );
}

#[test]
fn csv_cells_that_look_like_formulas_are_neutralised() {
    let mut text = "schema = 1\nlearner = \"jdoe\"\n".to_string();
    for id in ["=HYPERLINK(1)", "+1", "-2", "@SUM(A1)", "\tx", "\rx"] {
        text.push_str(&format!(
            "[courses.{}]\nfirst_opened = \"2026-03-01T10:00:00+00:00\"\n",
            toml_quote(id)
        ));
    }
    let out = report_on(&[("jdoe.toml", text)], "csv");
    let rows = csv_rows(&out);
    for id in ["=HYPERLINK(1)", "+1", "-2", "@SUM(A1)", "\tx", "\rx"] {
        let want = format!("'{id}");
        assert!(
            rows.iter().any(|r| r[1] == want),
            "{id:?} not neutralised: {rows:?}"
        );
    }
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?}"
            );
        }
    }
}

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

#[test]
fn a_15_mb_progress_file_reports_in_under_100_mb() {
    let time = Path::new("/usr/bin/time");
    if !cfg!(target_os = "linux") || !time.exists() {
        eprintln!("note: 15 MB memory test skipped: needs Linux and /usr/bin/time");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    big_progress_file(&dir.path().join("jdoe.toml"));
    let empty = tempfile::tempdir().unwrap();
    let out = crate::isolated::isolate(&mut std::process::Command::new(time))
        .arg("-v")
        .arg(env!("CARGO_BIN_EXE_rollcall"))
        .arg("--courses")
        .arg(fixtures().join("records-courses"))
        .arg("--data-dir")
        .arg(empty.path())
        .args(["report", "--format", "csv"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let kib: u64 = stderr
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("Maximum resident set size (kbytes): ")
        })
        .and_then(|v| v.trim().parse().ok())
        .expect("time -v reports the peak");
    assert!(kib < 100 * 1024, "peak {kib} KiB");
    assert!(String::from_utf8_lossy(&out.stdout).contains("jdoe,de-escalation"));
}

#[test]
fn a_record_dated_more_than_a_day_ahead_is_flagged_and_not_credited() {
    let text = "schema = 1\nlearner = \"jdoe\"\n".to_string()
        + &attempt_toml("a-future", 5, 5, "100.0", true)
            .replace("2026-03-01T10:05:00+00:00", "2099-03-01T10:05:00+00:00");
    let rows = csv_rows(&report_on(&[("jdoe.toml", text)], "csv"));
    let row = row_of(&rows, "jdoe", "de-escalation");
    assert_eq!(row[FLAGS], "future-timestamp");
    assert_eq!(row[11], "", "the attempt is not credited");
}

/// Issue 16 defect 8: summing `hours` gave course hours for rows nobody started.
#[test]
fn csv_separates_course_hours_from_hours_credited() {
    let out = report(&["--format", "csv"]);
    let mut reader = csv::Reader::from_reader(out.stdout.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert!(!header.iter().any(|h| h == "hours"), "{header:?}");
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (course_hours, credited, status) = (at("course_hours"), at("hours_credited"), at("status"));
    let rows = csv_rows(&out);
    let mut sum = 0.0;
    for row in &rows {
        if row[status] == "completed" {
            sum += row[credited].parse::<f64>().unwrap();
        } else {
            assert_eq!(row[credited], "", "{row:?}");
        }
    }
    assert!(
        (sum - 9.5).abs() < 1e-9,
        "{sum}: the totals line's 9.5 hours credited"
    );
    let not_started = row_of(&rows, "jdoe", "crisis-intervention");
    assert_eq!(not_started[course_hours], "3");
    let json: Value = serde_json::from_str(&report(&["--format", "json"]).stdout).unwrap();
    let row = &json["rows"][2];
    assert_eq!(row["course"], "crisis-intervention");
    assert_eq!(row["course_hours"], 3.0);
    assert_eq!(row["hours_credited"], Value::Null);
}

/// Issue 16 defect 8: `report` was 180 columns wide when it did not know the width.
#[test]
fn table_fits_80_columns_when_the_width_is_unknown_and_wide_shows_all() {
    let out = report(&[]);
    for line in out.stdout.lines() {
        assert!(
            unicode_width(line) <= 80,
            "{line} ({})",
            unicode_width(line)
        );
    }
    let wide = report(&["--wide"]);
    assert_eq!(wide.code, 1, "{}", wide.stderr);
    let first = wide.stdout.lines().next().unwrap();
    for word in [
        "TITLE", "VERSION", "PROVIDER", "CERT", "HOURS", "BEST", "TRIES",
    ] {
        assert!(first.contains(word), "{word} in {first}");
    }
    assert!(
        wide.stdout
            .contains("long enough to need cutting in narrow tables")
    );
}

/// Issue 16 defect 9: a typo in `--course` printed "No records match." and exit 0.
#[test]
fn unknown_course_or_learner_is_an_error_with_did_you_mean() {
    let out = report(&["--course", "deescalation"]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(out.stderr.contains("deescalation"), "{}", out.stderr);
    assert!(
        out.stderr.contains("did you mean `de-escalation`?"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    // A course only the records know (no longer in the library) is not unknown.
    assert_eq!(report(&["--course", "firearms-2019"]).code, 1);

    let empty = tempfile::tempdir().unwrap();
    let learner = |name: &str| {
        run(rollcall(empty.path())
            .args(["--learner", name, "report"])
            .args(machines()))
    };
    let out = learner("jdo");
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(
        out.stderr.contains("did you mean `jdoe`?"),
        "{}",
        out.stderr
    );
    let far = learner("zzzzzz");
    assert_eq!(far.code, 2);
    assert!(far.stderr.contains("zzzzzz"), "{}", far.stderr);
    assert!(!far.stderr.contains("did you mean"), "{}", far.stderr);
    assert_eq!(
        learner("JDOE").code,
        1,
        "learners are matched ignoring case"
    );
    let export = run(rollcall(empty.path())
        .args(["--learner", "jdo", "export", "xapi"])
        .args(machines()));
    assert_eq!(export.code, 2, "{}", export.stderr);
    assert!(
        export.stderr.contains("did you mean `jdoe`?"),
        "{}",
        export.stderr
    );

    let items = report(&["items", "--course", "deescalation"]);
    assert_eq!(items.code, 2, "{}", items.stdout);
    assert!(
        items.stderr.contains("did you mean `de-escalation`?"),
        "{}",
        items.stderr
    );
}

/// Issue 16 defect 12: `report` sorted `Bob` before `alice`.
#[test]
fn report_sorts_learner_names_ignoring_case() {
    let file = |name: &str| {
        (
            format!("{name}.toml"),
            format!("schema = 1\nlearner = \"{name}\"\n"),
        )
    };
    let files: Vec<(String, String)> = ["carl", "Bob", "alice"].map(file).into();
    let files: Vec<(&str, String)> = files.iter().map(|(n, t)| (n.as_str(), t.clone())).collect();
    let rows = csv_rows(&report_on(&files, "csv"));
    let mut learners: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    learners.dedup();
    assert_eq!(learners, ["alice", "Bob", "carl"]);
}

/// Issue 16 defect 12: `--help` said `report` uses `$ROLLCALL_LEARNER`, and it does not (on
/// purpose: see `filters`). The help must say so.
#[test]
fn report_help_says_the_learner_variable_does_not_filter_it() {
    let empty = tempfile::tempdir().unwrap();
    let out = run(rollcall(empty.path()).args(["report", "--help"]));
    assert_eq!(out.code, 0);
    let help = out.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        help.contains(
            "For report and export: only this learner [default: every learner; $ROLLCALL_LEARNER does not apply]"
        ),
        "{help}"
    );
}

/// Issue 16 defect 8, at the walk-through's narrowest size: a 40-column terminal.
#[test]
fn table_fits_a_40_column_terminal() {
    let empty = tempfile::tempdir().unwrap();
    let out = run(rollcall(empty.path())
        .env("COLUMNS", "40")
        .arg("report")
        .args(machines()));
    for line in out.stdout.lines() {
        assert!(unicode_width(line) <= 40, "{line}\n{}", out.stdout);
    }
    let first = out.stdout.lines().next().unwrap();
    for word in ["LEARNER", "COURSE", "STATUS"] {
        assert!(first.contains(word), "{word} in {first}");
    }
    assert!(
        out.stdout
            .contains("2 learners, 4 completions,\n9.5 hours credited\n"),
        "{}",
        out.stdout
    );
    // The notes under the table wrap rather than lose their reasons.
    let two = run(rollcall(empty.path())
        .env("COLUMNS", "40")
        .arg("report")
        .args(&machines()[..2]));
    assert!(
        two.stdout
            .contains("! asmith de-escalation: not credited:\n  unsupported-completion\n"),
        "{}",
        two.stdout
    );
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

#[test]
fn report_shows_scenario_results_beside_quiz_scores() {
    let csv = drill(&["report", "--format", "csv"]);
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    let mut reader = csv::Reader::from_reader(csv.stdout.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, HEADER, "new columns come after the old ones");
    let rows = csv_rows(&csv);
    let tail = |r: &[String]| r[17..21].join(",");
    assert_eq!(
        tail(row_of(&rows, "officer-a", "drill")),
        "best,1,1,2",
        "the best ending of two runs; its one scenario passed"
    );
    assert_eq!(tail(row_of(&rows, "officer-b", "drill")), "poor,0,1,1");
    let json: Value = serde_json::from_str(&drill(&["report", "--format", "json"]).stdout).unwrap();
    let a = &json["rows"][0];
    assert_eq!(
        (
            &a["best_ending"],
            &a["scenarios_passed"],
            &a["scenarios"],
            &a["runs"]
        ),
        (&"best".into(), &1.into(), &1.into(), &2.into())
    );
    let table = drill(&["report"]).stdout;
    insta::assert_snapshot!("report_scenario_table", table);
    // A report with no scenario anywhere has no scenario columns in its table.
    assert!(!report(&[]).stdout.contains("ENDING"));
}

#[test]
fn report_items_counts_each_choice_at_each_node() {
    let table = drill(&["report", "items"]);
    assert_eq!(table.code, 0, "{}", table.stderr);
    insta::assert_snapshot!("report_items_scenario_table", table.stdout);
    let csv = drill(&["report", "items", "--scenarios", "--format", "csv"]);
    let rows = csv_rows(&csv);
    let lines: Vec<String> = rows.iter().map(|r| r.join(",")).collect();
    assert_eq!(
        lines,
        [
            "drill,01-practice-call,arrival,introduce,best,2,5,40",
            "drill,01-practice-call,arrival,order,poor,3,5,60",
            "drill,01-practice-call,listening,reflect,best,1,2,50",
            "drill,01-practice-call,listening,decide,acceptable,1,2,50",
        ]
    );
    let json: Value =
        serde_json::from_str(&drill(&["report", "items", "--format", "json"]).stdout).unwrap();
    assert_eq!(json["items"], serde_json::json!([]));
    assert_eq!(json["choices"][1]["choice"], "order");
    assert_eq!(json["choices"][1]["taken"], 3);
    assert_eq!(json["choices"][1]["decisions"], 5);
    // --course keeps only that course's runs.
    let only = drill(&["report", "items", "--scenarios", "--course", "drill"]);
    assert!(
        only.stdout.contains("4 choices at 2 decision points"),
        "{}",
        only.stdout
    );
}

#[test]
fn report_items_leaves_flagged_runs_out_of_its_statistics() {
    let csv = bad_runs(&["report", "items", "--scenarios", "--format", "csv"]);
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    assert!(
        csv.stderr
            .contains("left out of the statistics: 10 flagged runs"),
        "{}",
        csv.stderr
    );
    // Only the two runs `report` credits are counted: each made one decision at the start.
    let decisions: Vec<String> = csv_rows(&csv)
        .iter()
        .filter(|r| r[2] == "arrival")
        .map(|r| r[6].clone())
        .collect();
    assert!(decisions.iter().all(|d| d == "2"), "{decisions:?}");
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

#[test]
fn flagged_runs_are_named_with_their_file_and_credit_nothing() {
    let table = bad_runs(&["report"]);
    assert_eq!(table.code, 0, "{}", table.stderr);
    for id in [
        "bad-node",
        "bad-choice",
        "bad-next",
        "bad-ending",
        "bad-passed",
        "bad-order",
        "bad-future",
        "bad-negative",
        "bad-absurd",
        "only-run",
    ] {
        assert!(
            table
                .stderr
                .contains(&format!(" run {id} (drill/01-practice-call)")),
            "{id}: {}",
            table.stderr
        );
    }
    // The right run and the one from another version of the scenario are not flagged.
    assert!(!table.stderr.contains("run-ok"), "{}", table.stderr);
    assert!(!table.stderr.contains("old-version"), "{}", table.stderr);
    insta::assert_snapshot!(
        "report_flagged_runs",
        format!("{}\n--- stderr ---\n{}", table.stdout, table.stderr)
    );
    let rows = csv_rows(&bad_runs(&["report", "--format", "csv"]));
    let c = row_of(&rows, "officer-c", "drill");
    let tail = |r: &[String]| r[17..21].join(",");
    assert_eq!(tail(c), "best,1,1,2", "only the two unflagged runs count");
    let d = row_of(&rows, "officer-d", "drill");
    assert_eq!(
        d[8], "in-progress",
        "a claimed pass on an impossible path: {d:?}"
    );
    assert_eq!(d[FLAGS], "unsupported-completion;run-path-impossible");
    assert_eq!(tail(d), ",0,1,0");
    // export leaves them out and says which and why.
    let export = bad_runs(&["export", "xapi", "--homepage", "https://pd.example/"]);
    assert_eq!(export.code, 1, "{}", export.stderr);
    assert!(
        export.stderr.contains(
            "left out of officer-c's statements: run bad-next (drill/01-practice-call): \
             run-path-impossible"
        ),
        "{}",
        export.stderr
    );
    let statements: Vec<Value> = serde_json::from_str(&export.stdout).unwrap();
    let runs: Vec<&str> = statements
        .iter()
        .filter(|s| s["verb"]["id"].as_str().unwrap().ends_with("/completed"))
        .filter_map(|s| s["object"]["id"].as_str())
        .filter(|id| id.contains("scenario"))
        .collect();
    assert!(runs.len() <= 2, "{runs:?}");
}
