//! The progress store and `rollcall progress`: round trips, old schemas, broken files left
//! alone, failing disks, two copies saving at once, and copies killed mid-save.

// clippy's allow-unwrap-in-tests covers #[test] functions only, not their helpers.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};

use assert_cmd::Command;
use rollcall::progress::store::{self, Store, StoreError};
use rollcall::progress::{Attempt, LessonProgress, Progress, SCHEMA};
use rollcall::quiz::Answer;

const BIN: &str = env!("CARGO_BIN_EXE_rollcall");

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/progress")
        .join(name)
}

/// A temp folder for tests that save hundreds of times. On Linux it is on tmpfs when there is
/// one: fsync there is free, and on a busy shared disk fsync otherwise dominates the run time.
/// Nothing these tests check depends on fsync (only a power cut would show its absence).
fn busy_tempdir() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir()
        && let Ok(dir) = tempfile::Builder::new().prefix("rollcall-").tempdir_in(shm)
    {
        return dir;
    }
    tempfile::tempdir().unwrap()
}

/// `rollcall` with no ROLLCALL_* settings from the environment, run in `cwd`, so neither the
/// user's real data nor the repository's `courses/` folder is used.
fn rollcall(cwd: &Path) -> Command {
    let mut cmd = crate::isolated::command();
    cmd.current_dir(cwd);
    cmd
}

fn std_rollcall(data: &Path) -> StdCommand {
    let mut cmd = crate::isolated::std_command();
    cmd.current_dir(data)
        .arg("--data-dir")
        .arg(data)
        .args(["--learner", "jdoe"]);
    cmd
}

fn attempt(id: &str, lesson: &str, percent: f64) -> Attempt {
    Attempt {
        id: id.into(),
        course: "de-escalation".into(),
        lesson: lesson.into(),
        quiz: format!("{lesson}.quiz.toml"),
        course_version: "1.0".into(),
        started: "2026-11-24T10:00:00.000-05:00".into(),
        finished: format!("2026-11-24T10:0{}:00.000-05:00", id.len() % 10)
            .as_str()
            .into(),
        score: 3,
        total: 4,
        percent,
        passed: percent >= 80.0,
        pass_percent: 80,
        answers: vec![rollcall::progress::GivenAnswer {
            question: 1,
            id: None,
            answer: Answer::Text("time".into()),
            correct: true,
        }],
        active_seconds: None,
    }
}

/// A record with one attempt: something to save.
fn one_attempt() -> Progress {
    let mut p = Progress::new("jdoe");
    p.attempts.push(attempt("a1", "01-why-slow-down", 100.0));
    p
}

fn ids(p: &Progress) -> BTreeSet<String> {
    p.attempts.iter().map(|a| a.id.clone()).collect()
}

fn lock_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.unwrap().file_name().into_string().ok())
        .filter(|n| Path::new(n).extension().is_some_and(|e| e == "lock"))
        .collect()
}

fn temp_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.unwrap().file_name().into_string().ok())
        .filter(|n| n.starts_with('.') && n.contains(".toml.tmp-"))
        .collect()
}

/// Puts a fixture in place as `jdoe.toml` and returns its bytes.
fn install(dir: &Path, fixture_name: &str) -> Vec<u8> {
    let bytes = fs::read(fixture(fixture_name)).unwrap();
    fs::write(dir.join("jdoe.toml"), &bytes).unwrap();
    bytes
}

// ---- the library API -------------------------------------------------------------------

#[test]
fn round_trip_keeps_everything() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path(), "J. Doe").unwrap();
    assert_eq!(store.path(), dir.path().join("J. Doe.toml"));
    let mut p = Progress::new("J. Doe");
    p.attempts.push(attempt("a", "01-why-slow-down", 50.0));
    p.attempts.push(attempt("bb", "01-why-slow-down", 100.0));
    let course = p.courses.entry("de-escalation".into()).or_default();
    course.first_opened = Some("2026-11-24T09:00:00.000-05:00".into());
    course.completed = Some("2026-11-24T11:00:00.000-05:00".into());
    course.completed_version = Some("1.0".into());
    course.completed_hours = Some(2.5);
    course.lessons.insert(
        "01-why-slow-down".into(),
        LessonProgress {
            page: 4,
            viewed_at: Some("2026-11-24T10:30:00.000-05:00".into()),
            pages_seen: [1, 2, 3, 4].into(),
            pages_total: 6,
            completed: Some("2026-11-24T10:05:00.000-05:00".into()),
            active_seconds: rollcall::progress::PageTime::default(),
        },
    );
    assert_eq!(store.save(&p).unwrap(), p);
    assert_eq!(store.load().unwrap(), p);
    assert_eq!(store::load_file(store.path()).unwrap(), p);
    let text = fs::read_to_string(store.path()).unwrap();
    assert!(
        text.starts_with(&format!("schema = {}\n", p.schema_needed())),
        "{text}"
    );
    assert!(temp_files(dir.path()).is_empty());
    assert_eq!(store::list_learners(dir.path()), ["J. Doe"]);
}

#[test]
fn schema1_fixture_loads_into_the_current_model() {
    let p = store::load_file(&fixture("schema1.toml")).unwrap();
    assert_eq!(p.schema, SCHEMA);
    assert_eq!(p.learner, "jdoe");
    assert_eq!(p.attempts.len(), 3);
    let first = &p.attempts[0];
    assert_eq!(first.id, "0b6f5a7e-3c1d-4c8e-9f55-2d0c1e7a9b10");
    let answers: Vec<&Answer> = first.answers.iter().map(|a| &a.answer).collect();
    assert_eq!(
        answers,
        [
            &Answer::Choices(vec![2]),
            &Answer::Bool(true),
            &Answer::Text("911".into()),
            &Answer::Order(vec![0, 2, 1]),
        ]
    );
    assert_eq!(
        p.best_attempt("de-escalation", "01-why-slow-down")
            .map(|a| a.percent),
        Some(100.0)
    );
    let course = &p.courses["de-escalation"];
    assert_eq!(course.completed_hours, Some(2.0));
    assert_eq!(course.lessons.len(), 2);
    assert_eq!(
        p.lesson("implicit-bias", "01-what-it-is").map(|l| l.page),
        Some(2)
    );

    // Saving over an old file keeps all of it and writes the current schema.
    let dir = tempfile::tempdir().unwrap();
    install(dir.path(), "schema1.toml");
    let store = Store::new(dir.path(), "jdoe").unwrap();
    let mut new = Progress::new("jdoe");
    new.attempts.push(attempt("new", "01-why-slow-down", 75.0));
    let merged = store.save(&new).unwrap();
    assert_eq!(merged.attempts.len(), 4);
    let reread = store.load().unwrap();
    assert_eq!(reread, merged);
    assert!(ids(&reread).is_superset(&ids(&p)));
    assert_eq!(reread.courses, p.courses);
}

#[test]
fn unreadable_files_are_never_overwritten() {
    for (name, want) in [
        ("truncated.toml", "cannot be read"),
        ("bad-syntax.toml", "cannot be read"),
        ("wrong-types.toml", "cannot be read"),
        ("newer-schema.toml", "newer rollcall (schema 99"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let original = install(dir.path(), name);
        let store = Store::new(dir.path(), "jdoe").unwrap();

        let err = store.load().unwrap_err();
        assert!(err.is_unreadable_file(), "{name}: {err:?}");
        let msg = err.to_string();
        assert!(msg.contains(want), "{name}: {msg}");
        assert!(msg.contains(&store.path().display().to_string()), "{msg}");
        assert!(msg.contains("rollcall progress --repair"), "{msg}");
        assert_eq!(
            fs::read(store.path()).unwrap(),
            original,
            "{name} changed by load"
        );

        let mut p = Progress::new("jdoe");
        p.attempts.push(attempt("x", "01-why-slow-down", 100.0));
        let err = store.save(&p).unwrap_err();
        assert!(err.is_unreadable_file(), "{name}: {err:?}");
        assert_eq!(
            fs::read(store.path()).unwrap(),
            original,
            "{name} changed by save"
        );
        assert!(temp_files(dir.path()).is_empty());
    }
    let err = store::load_file(&fixture("newer-schema.toml")).unwrap_err();
    assert!(matches!(err, StoreError::NewerSchema { found: 99, .. }));
    assert!(err.to_string().contains("update rollcall"), "{err}");
}

#[test]
fn save_under_a_regular_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    fs::write(&file, "x").unwrap();
    let store = Store::new(&file.join("data"), "jdoe").unwrap();
    let err = store.save(&one_attempt()).unwrap_err();
    assert!(matches!(err, StoreError::Write { .. }), "{err:?}");
    assert!(
        err.to_string().starts_with("cannot save progress file"),
        "{err}"
    );
}

/// When the lock cannot be taken (here its path is a folder, which stops root too), nothing
/// is written and the existing file is untouched.
#[test]
fn save_without_the_lock_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let original = install(dir.path(), "schema1.toml");
    fs::create_dir(dir.path().join("jdoe.toml.lock")).unwrap();
    let store = Store::new(dir.path(), "jdoe").unwrap();
    let err = store.save(&Progress::new("jdoe")).unwrap_err();
    assert!(matches!(err, StoreError::Write { .. }), "{err:?}");
    assert_eq!(fs::read(store.path()).unwrap(), original);
}

#[cfg(unix)]
#[test]
fn read_only_folder_is_an_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    fs::create_dir(&data).unwrap();
    let original = install(&data, "schema1.toml");
    fs::set_permissions(&data, fs::Permissions::from_mode(0o555)).unwrap();
    // Root (and CAP_DAC_OVERRIDE) writes through modes: then this test cannot make the folder
    // read-only, and `full_disk_is_an_error_not_a_panic` and the tests above cover the failure.
    let chmod_works = fs::write(data.join("probe"), "x").is_err();
    let store = Store::new(&data, "jdoe").unwrap();
    let result = store.save(&Progress::new("jdoe"));
    fs::set_permissions(&data, fs::Permissions::from_mode(0o755)).unwrap();
    if !chmod_works {
        eprintln!("note: running with the power to write through read-only modes (root?)");
        return;
    }
    let err = result.unwrap_err();
    assert!(matches!(err, StoreError::Write { .. }), "{err:?}");
    assert!(err.to_string().contains("writable"), "{err}");
    assert_eq!(fs::read(store.path()).unwrap(), original);
    // Loading from read-only media still works: it takes no lock.
    fs::set_permissions(&data, fs::Permissions::from_mode(0o555)).unwrap();
    let loaded = store.load();
    fs::set_permissions(&data, fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(loaded.unwrap().attempts.len(), 3);
}

/// A full disk, simulated with a file size limit of 0 (`ulimit -f 0`), which binds root too:
/// writing the temp file fails with EFBIG. SIGXFSZ is ignored (it is inherited across exec)
/// so the write returns the error instead of killing the process.
#[cfg(unix)]
#[test]
fn full_disk_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let original = install(dir.path(), "schema1.toml");
    let out = crate::isolated::isolate(&mut StdCommand::new("sh"))
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 0 && exec \"$@\"")
        .arg("sh")
        .arg(BIN)
        .arg("--data-dir")
        .arg(dir.path())
        .args([
            "--learner",
            "jdoe",
            "save-loop",
            "--count",
            "3",
            "--tag",
            "full",
        ])
        .env_remove("ROLLCALL_DATA_DIR")
        .env_remove("ROLLCALL_LEARNER")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty(), "nothing may be reported saved");
    assert!(stderr.contains("attempt full-0 not saved"), "{stderr}");
    assert!(stderr.contains("cannot save progress file"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(fs::read(dir.path().join("jdoe.toml")).unwrap(), original);
    assert!(temp_files(dir.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("new-data");
    let store = Store::new(&data, "jdoe").unwrap();
    store.save(&one_attempt()).unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(store.path()), 0o600);
    assert!(
        !data.join("jdoe.toml.lock").exists(),
        "the lock file goes after the save"
    );
    assert_eq!(mode(&data), 0o700);
    // A file someone made world-readable becomes private on the next save.
    fs::set_permissions(store.path(), fs::Permissions::from_mode(0o644)).unwrap();
    store.save(&Progress::new("jdoe")).unwrap();
    assert_eq!(mode(store.path()), 0o600);
}

// ---- two copies at once, and copies killed mid-save --------------------------------------

#[test]
fn two_copies_saving_at_once_lose_nothing() {
    let dir = busy_tempdir();
    let spawn = |tag: &str| {
        std_rollcall(dir.path())
            .args(["save-loop", "--count", "200", "--tag", tag])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let a = spawn("a");
    let b = spawn("b");
    for child in [a, b] {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let p = store::load_file(&dir.path().join("jdoe.toml")).unwrap();
    let want: BTreeSet<String> = (0..200)
        .flat_map(|i| [format!("a-{i}"), format!("b-{i}")])
        .collect();
    assert_eq!(ids(&p), want);
    assert_eq!(p.attempts.len(), 400, "no duplicates");
    assert!(temp_files(dir.path()).is_empty());
    assert_eq!(lock_files(dir.path()), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn copies_killed_mid_save_lose_nothing_reported_saved() {
    // On a real disk, where the fsyncs make the write phase long enough for kills to land in.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jdoe.toml");
    // A fixed seed by default so a failure reruns the same pauses; set one to explore.
    let seed = std::env::var("ROLLCALL_TEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_261_124);
    eprintln!("seed {seed} (rerun with ROLLCALL_TEST_SEED={seed})");
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut reported = BTreeSet::new();
    let mut left_temp = 0;
    for round in 0..8 {
        let mut child = std_rollcall(dir.path())
            .args(["save-loop", "--count", "1000000", "--tag"])
            .arg(format!("r{round}"))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut record = |line: String| {
            let id = line.strip_prefix("saved ").unwrap().to_string();
            reported.insert(id);
        };
        for _ in 0..rng.usize(1..=12) {
            record(lines.next().expect("save-loop ended early").unwrap());
        }
        // A save takes a few milliseconds: a random pause lands the kill in a random phase.
        std::thread::sleep(std::time::Duration::from_micros(rng.u64(0..6000)));
        child.kill().unwrap(); // SIGKILL: no destructor, no cleanup
        // Lines printed before the kill are still in the pipe: those saves were reported too.
        for line in lines {
            record(line.unwrap());
        }
        assert!(!child.wait().unwrap().success());
        let p = store::load_file(&path)
            .unwrap_or_else(|e| panic!("round {round}: file unreadable after kill: {e}"));
        let saved = ids(&p);
        let missing: Vec<_> = reported.difference(&saved).collect();
        assert!(missing.is_empty(), "round {round}: lost {missing:?}");
        left_temp += temp_files(dir.path()).len();
    }
    eprintln!("{left_temp} kills landed mid-write (left a temp file)");
    // The next save sweeps temp files left by killed copies.
    Store::new(dir.path(), "jdoe")
        .unwrap()
        .save(&Progress::new("jdoe"))
        .unwrap();
    assert!(temp_files(dir.path()).is_empty());
}

// ---- the `rollcall progress` command -------------------------------------------------------

fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.assert().success().get_output().clone();
    String::from_utf8(out.stdout).unwrap()
}

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

// ---- only real files (issue 11) -----------------------------------------------------------

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
    insta::assert_snapshot!("progress_flagged_runs", text);
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
