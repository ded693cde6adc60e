//! An attempt in progress is never a score: `progress`, `report` (table, CSV, JSON),
//! `report items`, `export xapi` and `compliance` over a record holding a finished attempt
//! (1 of 5) and an attempt under way with four right answers count only the finished one.

// Test helpers may panic: a failed setup is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use serde_json::Value;

/// A library with one course (a five-question quiz, a requirement for everyone), a roster,
/// and `pdoe`'s record: a finished attempt scoring 1 of 5 and, if `under_way`, an attempt in
/// progress with four right answers; else that attempt finished (4 of 5), as a control.
fn setup(root: &Path, under_way: bool) {
    let course = root.join("courses/safety");
    std::fs::create_dir_all(&course).unwrap();
    std::fs::create_dir_all(root.join("data")).unwrap();
    std::fs::write(
        course.join("course.toml"),
        "title = \"Scene Safety\"\nsummary = \"s\"\nversion = \"1.0\"\nhours = 2.0\n\n\
         [[lessons]]\nfile = \"01-basics.md\"\ntitle = \"Basics\"\nquiz = \"01-basics.quiz.toml\"\n",
    )
    .unwrap();
    std::fs::write(
        course.join("01-basics.md"),
        "# Basics\n\nOne.\n\n---\n\nTwo.\n",
    )
    .unwrap();
    let mut quiz = "title = \"Basics check\"\npass_percent = 80\n".to_string();
    for i in 1..=5 {
        quiz += &format!(
            "\n[[questions]]\nid = \"q{i}\"\nprompt = \"Statement {i} is true.\"\nanswer = true\n"
        );
    }
    std::fs::write(course.join("01-basics.quiz.toml"), quiz).unwrap();
    std::fs::write(
        root.join("courses/requirements.toml"),
        "[[require]]\ncourse = \"safety\"\nwho = \"all\"\ndue = \"2027-03-31\"\n",
    )
    .unwrap();
    std::fs::write(
        root.join("roster.csv"),
        "officer_id,name,learners,unit,role,status,hire_date\n\
         2001,Pat Doe,pdoe,Patrol,officer,active,2015-03-01\n",
    )
    .unwrap();
    let answer = |i: usize, right: bool| {
        format!("question = {i}\nid = \"q{i}\"\nanswer = {{ bool = {right} }}\ncorrect = {right}\n")
    };
    let mut record = "schema = 4\nlearner = \"pdoe\"\n\n[courses.safety]\n\
        first_opened = \"2026-11-20T09:00:00-05:00\"\n\n[courses.safety.lessons.01-basics]\n\
        page = 2\nviewed_at = \"2026-11-20T09:10:00-05:00\"\npages_seen = [1, 2]\n\
        pages_total = 2\n"
        .to_string();
    let finished = |id: &str, score: usize, at: &str| {
        format!(
            "\n[[attempts]]\nid = \"{id}\"\ncourse = \"safety\"\nlesson = \"01-basics\"\n\
             quiz = \"01-basics.quiz.toml\"\ncourse_version = \"1.0\"\n\
             started = \"2026-11-20T09:{at}:00-05:00\"\nfinished = \"2026-11-20T09:{at}:30-05:00\"\n\
             score = {score}\ntotal = 5\npercent = {}.0\npassed = {}\npass_percent = 80\n",
            score * 20,
            score >= 4
        )
    };
    if under_way {
        record += "\n[[in_progress]]\nid = \"under-way-1\"\ncourse = \"safety\"\n\
            lesson = \"01-basics\"\nstarted = \"2026-11-20T09:20:00-05:00\"\n\
            updated = \"2026-11-20T09:24:00-05:00\"\nseed = \"7\"\n\
            asked = [\"q1\", \"q2\", \"q3\", \"q4\", \"q5\"]\n";
        for i in 1..=4 {
            record += &format!("\n[[in_progress.answers]]\n{}", answer(i, true));
        }
    }
    record += &finished("finished-1", 1, "11");
    for i in 1..=5 {
        record += &format!("\n[[attempts.answers]]\n{}", answer(i, i == 1));
    }
    if !under_way {
        record += &finished("under-way-1", 4, "20");
        for i in 1..=4 {
            record += &format!("\n[[attempts.answers]]\n{}", answer(i, true));
        }
    }
    std::fs::write(root.join("data/pdoe.toml"), record).unwrap();
}

/// rollcall on the setup in `root`: its courses and data folder, the settings folder
/// empty (inside `root`, so nobody's own settings count).
fn rollcall(root: &Path, args: &[&str]) -> String {
    let out = crate::isolated::command()
        .env("XDG_CONFIG_HOME", root.join("config"))
        .env_remove("COLUMNS")
        .arg("--courses")
        .arg(root.join("courses"))
        .arg("--data-dir")
        .arg(root.join("data"))
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

/// What each command says of pdoe's best score and attempts, and what it credits.
#[derive(Debug, PartialEq)]
struct Seen {
    progress_table: (bool, bool),
    progress_json: (Value, Value),
    report_table: bool,
    report_csv: (String, String),
    report_json: (Value, Value, Value),
    items_asked: Vec<String>,
    xapi_scores: Vec<Value>,
    xapi_answered: usize,
    compliance: String,
}

fn seen(root: &Path) -> Seen {
    let table = rollcall(root, &["progress", "--learner", "pdoe"]);
    let progress = json(&rollcall(
        root,
        &["progress", "--learner", "pdoe", "--format", "json"],
    ));
    let quiz = &progress["courses"][0]["quizzes"][0];
    let report_table = rollcall(root, &["report"]);
    let csv = rollcall(root, &["report", "--format", "csv"]);
    let mut csv = csv::Reader::from_reader(csv.as_bytes());
    let headers = csv.headers().unwrap().clone();
    let row = csv.records().next().unwrap().unwrap();
    let cell = |name: &str| row[headers.iter().position(|h| h == name).unwrap()].to_string();
    let report = json(&rollcall(root, &["report", "--format", "json"]));
    let items = rollcall(root, &["report", "items", "--format", "csv"]);
    let xapi = json(&rollcall(
        root,
        &["export", "xapi", "--homepage", "https://pd.example/"],
    ));
    let statements = xapi.as_array().unwrap();
    let compliance = rollcall(
        root,
        &[
            "compliance",
            "--roster",
            root.join("roster.csv").to_str().unwrap(),
            "--as-of",
            "2026-12-01",
            "--format",
            "csv",
        ],
    );
    let mut compliance = csv::Reader::from_reader(compliance.as_bytes());
    let status = compliance
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "status");
    let compliance = compliance.records().next().unwrap().unwrap()[status.unwrap()].to_string();
    Seen {
        progress_table: (
            table.contains("20%"),
            table.contains("1 quiz attempt recorded"),
        ),
        progress_json: (quiz["best_percent"].clone(), quiz["attempts"].clone()),
        report_table: report_table.contains("1/5 20%"),
        report_csv: (cell("best_percent"), cell("attempts")),
        report_json: (
            report["rows"][0]["best_percent"].clone(),
            report["rows"][0]["attempts"].clone(),
            report["totals"]["completions"].clone(),
        ),
        items_asked: items
            .lines()
            .skip(1)
            .map(|l| l.split(',').nth(4).unwrap().to_string())
            .collect(),
        xapi_scores: statements
            .iter()
            .filter_map(|s| s["result"].get("score").map(|v| v["raw"].clone()))
            .collect(),
        xapi_answered: statements
            .iter()
            .filter(|s| s["verb"]["id"].as_str().unwrap().ends_with("/answered"))
            .count(),
        compliance,
    }
}

#[test]
fn an_attempt_in_progress_never_counts_as_a_score_or_an_attempt() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path(), true);
    let got = seen(dir.path());
    assert_eq!(
        got,
        Seen {
            progress_table: (true, true),
            progress_json: (20.0.into(), 1.into()),
            report_table: true,
            report_csv: ("20".into(), "1".into()),
            report_json: (20.0.into(), 1.into(), 0.into()),
            items_asked: vec!["1".into(); 5],
            xapi_scores: vec![1.into()],
            xapi_answered: 5,
            compliance: "not-started".into(),
        }
    );
    // The control: the same answers in a finished attempt do count, so the checks above
    // would see an attempt in progress that was counted.
    let control = tempfile::tempdir().unwrap();
    setup(control.path(), false);
    let counted = seen(control.path());
    assert_eq!(counted.progress_json, (80.0.into(), 2.into()));
    assert_eq!(counted.report_csv, ("80".into(), "2".into()));
    assert_eq!(counted.items_asked, ["2", "2", "2", "2", "1"]);
    assert_eq!(counted.xapi_scores.len(), 2);
    assert_eq!(counted.xapi_answered, 9);
}
