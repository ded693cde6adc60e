//! Records a coordinator can trust (issue 11): hand-written, forged, impossible or future records credit nothing.

use super::{
    FLAGS, Path, Value, attempt_toml, big_progress_file, csv_rows, fixtures, report_on, rollcall,
    row_of, run, toml_quote,
};

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
fn a_learner_field_differing_from_the_file_name_only_in_case_is_the_same_learner() {
    let text =
        "schema = 1\nlearner = \"Bob\"\n".to_string() + &attempt_toml("a-1", 5, 5, "100.0", true);
    let files = [("bob.toml", text)];
    let rows = csv_rows(&report_on(&files, "csv"));
    let row = row_of(&rows, "bob", "de-escalation");
    assert_eq!(row[FLAGS], "", "not a mismatch: {row:?}");
    assert_eq!(row[11], "5", "the best score is credited: {row:?}");
    let table = report_on(&files, "table").stdout;
    assert!(!table.contains("learner-mismatch"), "{table}");
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
