//! The library API of the progress store: round trips, schema 1, files it must never overwrite, errors instead of panics.

use super::{
    Answer, BIN, LessonProgress, Path, Progress, SCHEMA, StdCommand, Store, StoreError, attempt,
    fixture, fs, ids, install, one_attempt, temp_files,
};
use rollcall::progress::store;

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
