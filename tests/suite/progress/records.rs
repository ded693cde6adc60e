//! Only real files, and records a coordinator can trust (issue 11): symlinks, FIFOs, oversized files, case-folded learners, flagged runs.

use super::{
    Command, Path, Progress, StdCommand, Store, StoreError, attempt, fs, lock_files, one_attempt,
    rollcall, stdout_of,
};

#[cfg(unix)]
#[test]
fn a_symlinked_progress_file_never_gives_one_learner_anothers_record() {
    let dir = tempfile::tempdir().unwrap();
    let victim = Store::new(dir.path(), "victim").unwrap();
    let mut record = Progress::new("victim");
    record
        .attempts
        .push(attempt("v1", "01-why-slow-down", 100.0));
    victim.save(&record).unwrap();
    let victim_bytes = fs::read(victim.path()).unwrap();
    std::os::unix::fs::symlink(victim.path(), dir.path().join("jdoe.toml")).unwrap();

    let jdoe = Store::new(dir.path(), "jdoe").unwrap();
    let err = jdoe.load().unwrap_err();
    assert!(err.is_unreadable_file(), "{err:?}");
    assert!(err.to_string().contains("symbolic link"), "{err}");
    // A save neither inherits the victim's attempts nor writes through the link.
    let mut mine = Progress::new("jdoe");
    mine.attempts.push(attempt("j1", "01-why-slow-down", 50.0));
    assert!(jdoe.save(&mine).is_err());
    assert_eq!(fs::read(victim.path()).unwrap(), victim_bytes);
    // `report` refuses the link and names it.
    let out = rollcall(dir.path())
        .args(["report", "--format", "csv"])
        .arg(dir.path())
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("jdoe.toml") && stderr.contains("symbolic link"),
        "{stderr}"
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("\njdoe,"));
}

#[cfg(unix)]
#[test]
fn a_fifo_progress_file_is_an_error_at_once_not_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("jdoe.toml");
    assert!(
        StdCommand::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let store = Store::new(dir.path(), "jdoe").unwrap();
    let start = std::time::Instant::now();
    let err = store.load().unwrap_err();
    assert!(err.to_string().contains("FIFO"), "{err}");
    let out = rollcall(dir.path())
        .arg("--data-dir")
        .arg(dir.path())
        .args(["--learner", "jdoe", "progress"])
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(String::from_utf8_lossy(&out.stderr).contains("FIFO"));
    assert!(start.elapsed() < std::time::Duration::from_secs(20));
}

#[test]
fn an_oversized_progress_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jdoe.toml");
    let file = fs::File::create(&path).unwrap();
    // Sparse: no disk used, but the size says it is not one of ours.
    file.set_len(rollcall::progress::MAX_FILE_BYTES + 1)
        .unwrap();
    let err = Store::new(dir.path(), "jdoe").unwrap().load().unwrap_err();
    assert!(err.is_unreadable_file(), "{err:?}");
    assert!(err.to_string().contains("limit"), "{err}");
}

#[test]
fn the_settings_file_names_the_learner_below_the_environment_and_flags() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("settings.toml"),
        "[defaults]\nlearner = \"from-file\"\n",
    )
    .unwrap();
    let who = |cmd: &mut Command| {
        let text = stdout_of(cmd.arg("--data-dir").arg(dir.path()).arg("progress"));
        text.lines().next().unwrap_or_default().to_string()
    };
    assert!(who(&mut rollcall(dir.path())).starts_with("Progress of from-file "));
    assert!(
        who(rollcall(dir.path()).env("ROLLCALL_LEARNER", "from-env"))
            .starts_with("Progress of from-env ")
    );
    assert!(
        who(rollcall(dir.path())
            .env("ROLLCALL_LEARNER", "from-env")
            .args(["--learner", "from-flag"]))
        .starts_with("Progress of from-flag ")
    );
}

#[test]
fn a_save_that_failed_for_space_is_told_apart_for_the_quit_prompt() {
    let full = StoreError::Write {
        path: "/d/jdoe.toml".into(),
        source: std::io::Error::from(std::io::ErrorKind::StorageFull),
    };
    assert!(full.is_out_of_space());
    let other = StoreError::Write {
        path: "/d/jdoe.toml".into(),
        source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
    };
    assert!(!other.is_out_of_space());
}

/// Issue 16 defect 12: every learner's folder filled up with `<learner>.toml.lock` files, and
/// choosing a learner wrote an empty record.
#[cfg(unix)]
#[test]
fn no_lock_files_are_left_and_an_empty_record_writes_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path(), "jdoe").unwrap();
    store.save(&Progress::new("jdoe")).unwrap();
    assert!(!store.path().exists(), "nothing to save: no file");
    store.save(&one_attempt()).unwrap();
    assert!(store.path().exists());
    assert_eq!(lock_files(dir.path()), Vec::<String>::new());
    // A lock file left by an older rollcall (or a killed copy) goes at the next save.
    fs::write(dir.path().join("jdoe.toml.lock"), "").unwrap();
    store.save(&one_attempt()).unwrap();
    assert_eq!(lock_files(dir.path()), Vec::<String>::new());
}

/// Issue 16 defect 12: `jdoe` and `JDoe` were two learners with two files.
#[test]
fn learner_names_differing_only_in_case_are_one_learner() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path(), "jdoe").unwrap();
    store.save(&one_attempt()).unwrap();
    let upper = Store::new(dir.path(), "JDoe").unwrap();
    assert_eq!(
        upper.path(),
        store.path(),
        "the existing file, its name kept"
    );
    assert_eq!(upper.learner(), "jdoe");
    assert_eq!(upper.load().unwrap().attempts.len(), 1);
    let text = stdout_of(
        rollcall(dir.path())
            .arg("--data-dir")
            .arg(dir.path())
            .args(["--learner", "JDOE", "progress"]),
    );
    assert!(text.starts_with("Progress of jdoe ("), "{text}");
    assert!(text.contains("1 quiz attempt recorded."), "{text}");

    // Two files that differ only in case (copied from two machines): both are kept, and
    // rollcall says so rather than merging them or picking one silently.
    fs::copy(store.path(), dir.path().join("JDoe.toml")).unwrap();
    let exact = Store::new(dir.path(), "JDoe").unwrap();
    assert_eq!(exact.path(), dir.path().join("JDoe.toml"));
    let err = Store::new(dir.path(), "JDOE").unwrap_err().to_string();
    assert!(
        err.contains("jdoe.toml") && err.contains("JDoe.toml"),
        "{err}"
    );
    let out = rollcall(dir.path())
        .arg("--data-dir")
        .arg(dir.path())
        .args(["--learner", "jdoe", "progress"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("JDoe.toml"), "{stderr}");
    let report = rollcall(dir.path())
        .arg("--data-dir")
        .arg(dir.path())
        .args(["report", "--format", "csv"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&report.stderr);
    assert!(stderr.contains("differ only in case"), "{stderr}");
    let csv = String::from_utf8_lossy(&report.stdout);
    assert!(csv.contains("\njdoe,") && csv.contains("\nJDoe,"), "{csv}");
}

#[test]
fn progress_names_each_flagged_run_and_credits_none_of_them() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    std::fs::copy(
        fixtures.join("bad-runs/officer-c.toml"),
        dir.path().join("officer-c.toml"),
    )
    .unwrap();
    let args = |cmd: &mut Command| {
        cmd.arg("--data-dir")
            .arg(dir.path())
            .arg("--courses")
            .arg(fixtures.join("scenario-courses"))
            .args(["--learner", "officer-c", "progress"]);
    };
    let mut cmd = rollcall(dir.path());
    args(&mut cmd);
    let text = stdout_of(cmd.env("COLUMNS", "100"))
        .replace(&dir.path().display().to_string(), "[DATA]")
        .replace(std::path::MAIN_SEPARATOR, "/");
    snapshot!("progress_flagged_runs", text);
    let mut cmd = rollcall(dir.path());
    args(&mut cmd);
    let v: serde_json::Value =
        serde_json::from_str(&stdout_of(cmd.args(["--format", "json"]))).unwrap();
    let flagged: Vec<(&str, Vec<&str>)> = v["flagged_runs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap(),
                r["flags"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|f| f.as_str().unwrap())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        flagged,
        [
            ("bad-node", vec!["run-path-impossible"]),
            ("bad-choice", vec!["run-path-impossible"]),
            ("bad-next", vec!["run-path-impossible"]),
            ("bad-ending", vec!["run-path-impossible"]),
            ("bad-passed", vec!["passed-mismatch"]),
            ("bad-order", vec!["times-out-of-order"]),
            ("bad-future", vec!["future-timestamp"]),
            ("bad-negative", vec!["active-time-out-of-range"]),
            ("bad-absurd", vec!["active-time-out-of-range"]),
        ]
    );
    // Only the two runs nothing is wrong with count: three minutes each.
    assert_eq!(v["courses"][0]["active_minutes"], 6);
}
