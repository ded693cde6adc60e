//! Scenario results beside quiz scores, per-choice item analysis and flagged runs (issue 13).

use super::{FLAGS, HEADER, Value, bad_runs, csv_rows, drill, report, row_of, unicode_width};

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
    snapshot!("report_scenario_table", table);
    // A report with no scenario anywhere has no scenario columns in its table.
    assert!(!report(&[]).stdout.contains("ENDING"));
}

/// At 80 columns the active minutes sit beside the hours and outlast the scenario columns;
/// the best ending and the scenarios passed each have a labelled column (they shared an
/// unlabelled `ENDING` cell, `best 1/1`), the less needed dropped first.
#[test]
fn narrow_report_keeps_active_minutes_beside_hours_and_labels_scenario_columns() {
    let table = drill(&["report"]);
    let header = table.stdout.lines().next().unwrap();
    assert!(header.contains("HOURS  ACTIVE MIN"), "{header}");
    assert!(header.contains("SCEN PASSED"), "{header}");
    assert!(
        !header.contains("RUNS"),
        "runs go before the active minutes: {header}"
    );
    for line in table.stdout.lines() {
        assert!(unicode_width(line) <= 80, "{line}");
    }
    assert!(table.stdout.contains("officer-a"), "{}", table.stdout);
    let wide = drill(&["report", "--wide"]);
    let header = wide.stdout.lines().next().unwrap();
    for word in ["ACTIVE MIN", "BEST ENDING", "SCEN PASSED", "RUNS", "TRIES"] {
        assert!(header.contains(word), "{word} in {header}");
    }
    let a = wide
        .stdout
        .lines()
        .find(|l| l.starts_with("officer-a"))
        .unwrap();
    assert!(a.contains(" best "), "{a}");
    assert!(a.contains(" 1/1 "), "{a}");
}

#[test]
fn report_items_counts_each_choice_at_each_node() {
    let table = drill(&["report", "items"]);
    assert_eq!(table.code, 0, "{}", table.stderr);
    snapshot!("report_items_scenario_table", table.stdout);
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
    snapshot!(
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
