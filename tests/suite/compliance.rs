//! `rollcall compliance` and `rollcall certificate` over a roster of five officers, two
//! requirements (a fixed date with annual recertification, and a `within` rule) and progress
//! files from two machines.

// Test helpers may panic: a failed setup is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/compliance")
}

/// A rollcall command with no ROLLCALL_* variables, the fixture courses and an empty data dir.
fn rollcall(data_dir: &Path) -> Command {
    let mut cmd = crate::isolated::command();
    cmd.env_remove("COLUMNS");
    cmd.arg("--courses")
        .arg(fixture().join("courses"))
        .arg("--data-dir")
        .arg(data_dir);
    cmd
}

fn compliance(as_of: &str, format: &str) -> (i32, String) {
    let data = tempfile::tempdir().unwrap();
    let out = rollcall(data.path())
        .args(["compliance", "--roster"])
        .arg(fixture().join("roster.csv"))
        .args(["--as-of", as_of, "--format", format])
        .arg(fixture().join("station"))
        .arg(fixture().join("laptop"))
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

/// (officer, course) -> (status, `last_completed`, `next_due`, `days_overdue`) from the CSV.
fn csv_rows(csv_text: &str) -> Vec<[String; 6]> {
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    let headers: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        headers,
        [
            "officer_id",
            "name",
            "unit",
            "course",
            "status",
            "last_completed",
            "next_due",
            "days_overdue",
            "note"
        ]
    );
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            [0, 3, 4, 5, 6, 7].map(|i| rec[i].to_string())
        })
        .collect()
}

fn row<'a>(rows: &'a [[String; 6]], officer: &str, course: &str) -> [&'a str; 4] {
    let r = rows
        .iter()
        .find(|r| r[0] == officer && r[1] == course)
        .unwrap_or_else(|| panic!("no row for {officer} {course}"));
    [&r[2], &r[3], &r[4], &r[5]].map(String::as_str)
}

#[test]
fn before_the_deadlines_nobody_is_overdue() {
    let (code, out) = compliance("2026-12-20", "csv");
    assert_eq!(code, 0, "{out}");
    let rows = csv_rows(&out);
    assert_eq!(rows.len(), 6, "five officers, one of them under both rules");
    // Two learner names, one officer: the laptop's `doej` completion counts for 1001.
    assert_eq!(
        row(&rows, "1001", "de-escalation"),
        ["compliant", "2026-04-10", "2027-04-10", "0"]
    );
    assert_eq!(row(&rows, "1002", "de-escalation")[0], "exempt");
    assert_eq!(
        row(&rows, "1003", "crisis-intervention"),
        ["not-started", "", "2027-03-15", "0"]
    );
    // No progress file at all: still listed, from the roster.
    assert_eq!(
        row(&rows, "1004", "de-escalation"),
        ["not-started", "", "2027-03-31", "0"]
    );
    // Annual recertification from 2026-01-05: due 2027-01-05, within 30 days: due soon.
    assert_eq!(
        row(&rows, "1005", "de-escalation"),
        ["due-soon", "2026-01-05", "2027-01-05", "0"]
    );
}

#[test]
fn at_the_fixed_deadline_the_late_are_due_soon_or_overdue() {
    let (code, out) = compliance("2027-03-31", "csv");
    assert_eq!(code, 1, "someone is overdue: exit 1 for scripts");
    let rows = csv_rows(&out);
    assert_eq!(
        row(&rows, "1004", "de-escalation"),
        ["due-soon", "", "2027-03-31", "0"]
    );
    assert_eq!(
        row(&rows, "1003", "crisis-intervention"),
        ["compliant", "2027-01-20", "", "0"]
    );
    // Renewal due 2027-01-05, grace to 2027-02-04: 55 days late on 2027-03-31.
    assert_eq!(
        row(&rows, "1005", "de-escalation"),
        ["overdue", "2026-01-05", "2027-01-05", "55"]
    );
}

#[test]
fn after_grace_json_has_every_field_units_and_unmatched_learners() {
    let (code, out) = compliance("2027-05-01", "json");
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    let rows = v["rows"].as_array().unwrap();
    let nyet = rows.iter().find(|r| r["officer_id"] == "1004").unwrap();
    assert_eq!(nyet["name"], "Nobody Yet");
    assert_eq!(nyet["unit"], "Patrol");
    assert_eq!(nyet["course"], "de-escalation");
    assert_eq!(nyet["status"], "overdue");
    assert_eq!(nyet["next_due"], "2027-03-31");
    assert_eq!(nyet["days_overdue"], 1);
    assert_eq!(nyet["last_completed"], Value::Null);
    // 1001 renewed 2026-04-10: due 2027-04-10, in grace until 2027-05-10.
    assert_eq!(
        rows.iter().find(|r| r["officer_id"] == "1001").unwrap()["status"],
        "due-soon"
    );
    assert_eq!(v["units"]["Patrol"]["overdue"], 2);
    assert_eq!(v["units"]["Patrol"]["exempt"], 1);
    assert_eq!(v["units"]["Investigations"]["overdue"], 1);
    assert_eq!(v["unmatched"], serde_json::json!(["ghost"]));
}

#[test]
fn the_table_fits_80_columns_and_says_status_in_words() {
    let (_, out) = compliance("2027-05-01", "table");
    for line in out.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 80,
            "{line:?}"
        );
    }
    assert!(out.contains("OVERDUE"));
    assert!(out.contains("EXEMPT"));
    assert!(out.contains("match no roster entry: ghost"));
}

#[test]
fn post_csv_has_the_columns_in_the_order_asked() {
    let (_, out) = compliance("2027-05-01", "post-csv");
    assert!(out.starts_with("officer_id,name,course,title,certification,completed,hours,"));
    let data = tempfile::tempdir().unwrap();
    let out = rollcall(data.path())
        // As of a fixed day: the fixture's 2027 completions are from the future until then,
        // and records from the future are not credited.
        .args([
            "compliance",
            "--as-of",
            "2027-05-01",
            "--format",
            "post-csv",
        ])
        .args(["--columns", "officer_id,certification,completed,hours"])
        .arg("--roster")
        .arg(fixture().join("roster.csv"))
        .arg(fixture().join("station"))
        .arg(fixture().join("laptop"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let mut r = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        ["officer_id", "certification", "completed", "hours"]
    );
    let mut recs: Vec<Vec<String>> = r
        .records()
        .map(|x| x.unwrap().iter().map(String::from).collect())
        .collect();
    recs.sort();
    // The unmatched learner (ghost) is not an officer: not in the upload.
    assert_eq!(
        recs,
        [
            ["1001", "POST-de--001", "2026-04-10", "1.5"],
            ["1003", "POST-cri-001", "2027-01-20", "1.5"],
            ["1005", "POST-de--001", "2026-01-05", "1.5"],
        ]
    );
}

#[test]
fn bad_roster_rows_are_each_reported_and_the_rest_still_read() {
    let dir = tempfile::tempdir().unwrap();
    let roster = dir.path().join("roster.csv");
    std::fs::write(
        &roster,
        "officer_id,name,learners,unit,role,status,hire_date\n\
         1001,Jane Doe,jdoe,Patrol,officer,active,2015-03-01\n\
         1001,Again,again,Patrol,officer,active,\n\
         1009,When,when,Patrol,officer,active,March 2020\n\
         1010,Who,who,Patrol,officer,on duty,\n",
    )
    .unwrap();
    let out = rollcall(dir.path())
        .args(["compliance", "--as-of", "2026-12-20", "--format", "csv"])
        .arg("--roster")
        .arg(&roster)
        .arg(fixture().join("laptop"))
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        err.contains("roster.csv:3: officer_id `1001` is already used on line 2"),
        "{err}"
    );
    assert!(
        err.contains("roster.csv:4: hire_date `March 2020` is not a date"),
        "{err}"
    );
    assert!(err.contains("roster.csv:5: status `on duty`"), "{err}");
    assert_eq!(csv_rows(&text).len(), 1, "the good row is still used");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn check_reports_bad_requirements_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let courses = dir.path().join("courses");
    std::fs::create_dir(&courses).unwrap();
    for c in ["de-escalation", "crisis-intervention"] {
        let from = fixture().join("courses").join(c);
        std::fs::create_dir(courses.join(c)).unwrap();
        for f in std::fs::read_dir(&from).unwrap() {
            let f = f.unwrap();
            std::fs::copy(f.path(), courses.join(c).join(f.file_name())).unwrap();
        }
    }
    std::fs::write(
        courses.join("requirements.toml"),
        "[[require]]\ncourse = \"deescalation\"\ndue = \"2027-03-31\"\nevery = \"yearly\"\n",
    )
    .unwrap();
    let out = crate::isolated::command()
        .arg("check")
        .arg(&courses)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("requirements.toml:2:10"), "{text}");
    assert!(text.contains("unknown course `deescalation`"), "{text}");
    assert!(text.contains("did you mean `de-escalation`?"), "{text}");
    assert!(text.contains("requirements.toml:4:9"), "{text}");
}

/// `pdftotext` of a PDF, or `None` (with a note) on a machine without poppler-utils.
fn pdf_text(pdf: &Path) -> Option<String> {
    let out = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output();
    match out {
        Ok(o) if o.status.success() => Some(String::from_utf8(o.stdout).unwrap()),
        _ => {
            assert!(
                std::env::var_os("CI").is_none(),
                "pdftotext is missing in CI: .ci/run installs poppler-utils"
            );
            eprintln!("note: pdftotext not installed; PDF text not checked");
            None
        }
    }
}

fn certificate(dir: &Path, extra: &[&str]) -> std::process::Output {
    rollcall(dir)
        .current_dir(dir)
        .arg("certificate")
        .arg("--roster")
        .arg(fixture().join("roster.csv"))
        .args(extra)
        .arg(fixture().join("station"))
        .arg(fixture().join("laptop"))
        .output()
        .unwrap()
}

#[test]
fn a_certificate_carries_every_field_and_is_one_letter_page() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("cert.pdf");
    let out = certificate(
        dir.path(),
        &[
            "--learner",
            "jdoe",
            "--course",
            "de-escalation",
            "--out",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let Some(text) = pdf_text(&pdf) else { return };
    // jdoe has not completed it under that name, but the roster maps jdoe and doej to one
    // officer, and the laptop's doej completed it.
    for want in [
        "CERTIFICATE OF COMPLETION",
        "Jane Doe",
        "Officer ID 1001",
        "De-escalation Basics",
        "version 2.0",
        "Test Academy",
        "POST certification number: POST-de--001",
        "1.5 credit hours",
        "Completed 2026-04-10",
        "Best score 1/1 (100%)",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
    // The verification code is the completion statement's id, as export writes it.
    let export = rollcall(dir.path())
        .args(["export", "xapi"])
        .arg(fixture().join("laptop"))
        .output()
        .unwrap();
    let statements: Value = serde_json::from_slice(&export.stdout).unwrap();
    let id = statements
        .as_array()
        .unwrap()
        .iter()
        .find(|s| {
            s["verb"]["id"] == "http://adlnet.gov/expapi/verbs/completed"
                && s["object"]["id"]
                    .as_str()
                    .unwrap()
                    .ends_with("/courses/de-escalation")
        })
        .map(|s| s["id"].as_str().unwrap().to_string())
        .unwrap();
    assert!(text.contains(&format!("Verification code: {id}")), "{text}");
    let info = std::process::Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&info.stdout).contains("Pages:           1"));
    let png = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "72", "-singlefile"])
        .arg(&pdf)
        .arg(dir.path().join("page"))
        .status();
    if png.is_ok_and(|s| s.success()) {
        let page = std::fs::read(dir.path().join("page.png")).unwrap();
        // PNG header: width and height, big-endian, at bytes 16..24. Letter landscape at 72 dpi.
        let w = u32::from_be_bytes(page[16..20].try_into().unwrap());
        let h = u32::from_be_bytes(page[20..24].try_into().unwrap());
        assert_eq!((w, h), (792, 612));
    }
}

#[test]
fn a_certificate_is_refused_with_the_reason_when_not_completed() {
    let dir = tempfile::tempdir().unwrap();
    let out = certificate(
        dir.path(),
        &["--learner", "aruiz", "--course", "de-escalation"],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("`aruiz` has not started `de-escalation`"),
        "{err}"
    );
    let out = certificate(
        dir.path(),
        &["--learner", "aruiz", "--course", "deescalation"],
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("did you mean `de-escalation`?"), "{err}");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no PDF written"
    );
}

#[test]
fn all_certificates_since_a_date_go_to_one_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("certs");
    let out = certificate(
        dir.path(),
        &[
            "--all",
            "--since",
            "2026-04-01",
            "--out-dir",
            out_dir.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut names: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    // aruiz (1003)'s crisis-intervention completion is dated 2027-01-20: while that is more than a
    // day in the future, it is not credited and no certificate is issued for it.
    let mut want = vec![
        "1001-de-escalation-2026-04-10.pdf",
        "1003-crisis-intervention-2027-01-20.pdf",
        "ghost-de-escalation-2026-06-01.pdf",
    ];
    if jiff::Zoned::now().date() < jiff::civil::date(2027, 1, 19) {
        want.remove(1);
    }
    assert_eq!(names, want);
}
