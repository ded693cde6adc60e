//! The `rollcall progress` command: table, JSON and CSV, learners by name and environment, repair.

use super::{PathBuf, fixture, fs, install, rollcall, stdout_of};
use rollcall::progress::store;

#[test]
fn progress_table_with_the_course_library() {
    let dir = tempfile::tempdir().unwrap();
    install(dir.path(), "schema1.toml");
    let text = stdout_of(
        rollcall(dir.path())
            .arg("--data-dir")
            .arg(dir.path())
            .arg("--courses")
            .arg(fixture("courses"))
            .args(["--learner", "jdoe", "progress"]),
    );
    let text = text.replace(&dir.path().display().to_string(), "[DATA]");
    let sep = std::path::MAIN_SEPARATOR;
    assert_eq!(
        text,
        format!(
            "Progress of jdoe ([DATA]{sep}jdoe.toml)

COURSE                      LESSONS  BEST SCORES  COMPLETED  HOURS  ACTIVE MIN
De-escalation Fundamentals  2/3      100% 80%     -          -      -
implicit-bias               0/?      -            -          -      -

! de-escalation: completion recorded 2026-11-21 not credited
(unsupported-completion)

3 quiz attempts recorded.
"
        )
    );
}

#[test]
fn progress_json_has_stable_fields() {
    let dir = tempfile::tempdir().unwrap();
    install(dir.path(), "schema1.toml");
    let text = stdout_of(
        rollcall(dir.path())
            .arg("--data-dir")
            .arg(dir.path())
            .arg("--courses")
            .arg(fixture("courses"))
            .args(["--learner", "jdoe", "progress", "--format", "json"]),
    );
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["learner"], "jdoe");
    assert_eq!(
        v["file"].as_str().map(PathBuf::from),
        Some(dir.path().join("jdoe.toml"))
    );
    assert_eq!(v["attempts"], 3);
    let c = &v["courses"][0];
    assert_eq!(c["id"], "de-escalation");
    assert_eq!(c["title"], "De-escalation Fundamentals");
    assert_eq!(c["in_library"], true);
    assert_eq!(c["lessons_done"], 2);
    assert_eq!(c["lessons_total"], 3);
    assert_eq!(c["first_opened"], "2026-11-20T09:12:03.114-05:00");
    // Lesson 03 was never opened: the recorded completion has no evidence, so it is shown
    // as not credited, never as a completion.
    assert_eq!(c["completed"], serde_json::Value::Null);
    assert_eq!(c["completed_version"], serde_json::Value::Null);
    assert_eq!(c["hours"], serde_json::Value::Null);
    assert_eq!(c["flags"], serde_json::json!(["unsupported-completion"]));
    assert_eq!(c["course_hours"], 2.0);
    assert_eq!(c["attempts"], 3);
    let q = &c["quizzes"][0];
    assert_eq!(q["lesson"], "01-why-slow-down");
    assert_eq!(q["title"], "Why Slow Down");
    assert_eq!(q["attempts"], 2);
    assert_eq!(q["best_percent"], 100.0);
    assert_eq!(q["passed"], true);
    assert_eq!(c["quizzes"].as_array().map(Vec::len), Some(2));
    let other = &v["courses"][1];
    assert_eq!(other["id"], "implicit-bias");
    assert_eq!(other["title"], serde_json::Value::Null);
    assert_eq!(other["in_library"], false);
    assert_eq!(other["lessons_total"], serde_json::Value::Null);
    assert_eq!(other["completed"], serde_json::Value::Null);
    assert_eq!(other["quizzes"], serde_json::json!([]));
}

#[test]
fn progress_without_a_library_shows_ids_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    install(dir.path(), "schema1.toml");
    // A courses folder without these courses: rows show what the record knows.
    let empty = tempfile::tempdir().unwrap();
    let mut cmd = rollcall(dir.path());
    cmd.arg("--data-dir")
        .arg(dir.path())
        .arg("--courses")
        .arg(empty.path())
        .args(["--learner", "jdoe", "progress"]);
    let text = stdout_of(&mut cmd);
    assert!(
        text.contains("\nde-escalation  2/?      100% 80%"),
        "{text}"
    );
    let csv = stdout_of(cmd.args(["--format", "csv"]));
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(
            "learner,course,title,lessons_done,lessons_total,best_scores,completed,course_hours,hours_credited,attempts"
        )
    );
    assert_eq!(
        lines.next(),
        Some("jdoe,de-escalation,,2,,100% 80%,2026-11-21T16:40:55.902-05:00,,2,3")
    );
}

#[test]
fn progress_for_a_new_learner_and_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let text = stdout_of(
        rollcall(dir.path())
            .env("ROLLCALL_DATA_DIR", &data)
            .env("ROLLCALL_LEARNER", "Officer 12")
            .arg("progress"),
    );
    assert!(text.contains("Progress of Officer 12"), "{text}");
    assert!(text.contains("No progress recorded yet."), "{text}");
    assert!(
        !data.exists(),
        "showing progress must not create the folder"
    );

    rollcall(dir.path())
        .env("ROLLCALL_DATA_DIR", &data)
        .env("ROLLCALL_LEARNER", "Officer 12")
        .args(["save-loop", "--count", "2", "--tag", "env"])
        .assert()
        .success()
        .stdout("saved env-0\nsaved env-1\n");
    let p = store::load_file(&data.join("Officer 12.toml")).unwrap();
    assert_eq!(p.learner, "Officer 12");
    assert_eq!(p.attempts.len(), 2);
    // The flag wins over the variable.
    let text = stdout_of(
        rollcall(dir.path())
            .env("ROLLCALL_DATA_DIR", &data)
            .env("ROLLCALL_LEARNER", "Officer 12")
            .args(["--learner", "other", "progress"]),
    );
    assert!(text.contains("Progress of other"), "{text}");
}

#[test]
fn bad_learner_names_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["../escape", "a/b", "..", ""] {
        let out = rollcall(dir.path())
            .arg("--data-dir")
            .arg(dir.path())
            .args(["--learner", name, "progress"])
            .assert()
            .code(2)
            .get_output()
            .clone();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("invalid learner name"),
            "{name:?}: {stderr}"
        );
    }
    let out = rollcall(dir.path())
        .arg("--data-dir")
        .arg(dir.path())
        .env("ROLLCALL_LEARNER", "x:y")
        .arg("progress")
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(String::from_utf8_lossy(&out.stderr).contains("ROLLCALL_LEARNER"));
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn unreadable_progress_file_exits_2_and_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let original = install(dir.path(), "truncated.toml");
    let out = rollcall(dir.path())
        .arg("--data-dir")
        .arg(dir.path())
        .args(["--learner", "jdoe", "progress"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&dir.path().join("jdoe.toml").display().to_string()),
        "{stderr}"
    );
    assert!(stderr.contains("rollcall progress --repair"), "{stderr}");
    // save-loop refuses too, and reports nothing saved.
    rollcall(dir.path())
        .arg("--data-dir")
        .arg(dir.path())
        .args(["--learner", "jdoe", "save-loop", "--count", "1"])
        .assert()
        .code(2)
        .stdout("");
    assert_eq!(fs::read(dir.path().join("jdoe.toml")).unwrap(), original);
}

#[test]
fn repair_moves_a_broken_file_aside_and_only_then() {
    let dir = tempfile::tempdir().unwrap();
    let repair = || {
        stdout_of(
            rollcall(dir.path())
                .arg("--data-dir")
                .arg(dir.path())
                .args(["--learner", "jdoe", "progress", "--repair"]),
        )
    };
    let text = repair();
    assert!(text.contains("no progress file for jdoe yet"), "{text}");

    let good = install(dir.path(), "schema1.toml");
    let text = repair();
    assert!(text.contains("reads fine; nothing to repair"), "{text}");
    assert_eq!(fs::read(dir.path().join("jdoe.toml")).unwrap(), good);

    for round in 0..2 {
        let broken = install(dir.path(), "newer-schema.toml");
        let text = repair();
        assert!(
            text.starts_with("moved the unreadable progress file"),
            "{text}"
        );
        assert!(!dir.path().join("jdoe.toml").exists());
        let moved: Vec<PathBuf> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("jdoe.toml.broken-2"))
            })
            .collect();
        assert_eq!(moved.len(), round + 1, "{moved:?}");
        let newest = moved
            .iter()
            .find(|p| text.contains(&p.display().to_string()))
            .expect("the message names where the file went");
        assert_eq!(fs::read(newest).unwrap(), broken);
    }
    // The learner starts fresh, and the moved files are not taken for learners.
    let text = stdout_of(
        rollcall(dir.path())
            .arg("--data-dir")
            .arg(dir.path())
            .args(["--learner", "jdoe", "progress"]),
    );
    assert!(text.contains("No progress recorded yet."), "{text}");
    assert!(store::list_learners(dir.path()).is_empty());
}

/// Issue 16 defect 8: `rollcall progress` was as wide as its longest line whatever the
/// terminal (107 columns with real titles).
#[test]
fn progress_table_fits_the_width_and_wide_shows_all() {
    let dir = tempfile::tempdir().unwrap();
    install(dir.path(), "schema1.toml");
    let progress = |columns: Option<&str>, wide: bool| {
        let mut cmd = rollcall(dir.path());
        cmd.env_remove("COLUMNS")
            .arg("--data-dir")
            .arg(dir.path())
            .arg("--courses")
            .arg(fixture("courses"))
            .args(["--learner", "jdoe", "progress"]);
        if let Some(c) = columns {
            cmd.env("COLUMNS", c);
        }
        if wide {
            cmd.arg("--wide");
        }
        stdout_of(&mut cmd)
    };
    let width = |s: &str| s.chars().count();
    for (columns, limit) in [(None, 80), (Some("60"), 60), (Some("40"), 40)] {
        let text = progress(columns, false);
        for line in text.lines() {
            assert!(width(line) <= limit, "{limit}: {line:?}\n{text}");
        }
        assert!(
            text.contains("COURSE") && text.contains("COMPLETED"),
            "{text}"
        );
        assert!(
            text.contains("unsupported-completion"),
            "notes wrap: {text}"
        );
    }
    let wide = progress(Some("40"), true);
    assert!(
        wide.contains("COURSE                      LESSONS  BEST SCORES  COMPLETED  HOURS"),
        "{wide}"
    );
    assert!(
        wide.contains(
            "! de-escalation: completion recorded 2026-11-21 not credited (unsupported-completion)"
        ),
        "{wide}"
    );
}
