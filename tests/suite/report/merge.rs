//! Merging three machines' records: CSV, JSON and table, filters, export.

use super::{
    EXPECTED, HEADER, Value, assert_corrupt_listed, csv_rows, fixtures, keys, machines, report,
    rollcall, run, snapshot_inputs, unicode_width,
};

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
