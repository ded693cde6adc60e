//! A report that fits: terminal widths, separate hour columns, unknown ids with did-you-mean, sorting, help (issue 16).

use super::{Value, csv_rows, machines, report, report_on, rollcall, row_of, run, unicode_width};

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
