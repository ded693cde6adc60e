//! `rollcall check` and `rollcall new`: every fixture, every error at once, in plain words, with did-you-mean.

use super::{
    FIXTURES, MADE_AT_RUN_TIME, Path, check, copy_dir, fixtures, fs, rollcall, snapshot,
    write_course,
};

#[test]
fn every_fixture_is_listed() {
    let mut on_disk: Vec<String> = fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = FIXTURES
        .iter()
        .chain(MADE_AT_RUN_TIME)
        .map(std::string::ToString::to_string)
        .collect();
    listed.sort();
    assert_eq!(on_disk, listed);
}

#[test]
fn check_each_fixture() {
    for name in FIXTURES {
        let (stdout, code) = check(&fixtures(), &[name]);
        let has_error = stdout.lines().any(|l| l.starts_with("error: "));
        assert_eq!(
            code,
            i32::from(has_error),
            "{name}: wrong exit code\n{stdout}"
        );
        assert!(
            stdout.contains(": ") && !stdout.starts_with("0 errors, 0 warnings"),
            "{name}: the fixture should produce a diagnostic\n{stdout}"
        );
        snapshot(name, &stdout, code);
    }
}

#[test]
fn huge_file_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("huge-file");
    copy_dir(&fixtures().join("huge-file"), &dir);
    let line = "A line of lesson text that goes on for a while, repeated.\n";
    let big = line.repeat(1200 * 1024 / line.len());
    fs::write(dir.join("01-lesson.md"), big).unwrap();
    let (stdout, code) = check(tmp.path(), &["huge-file"]);
    assert_eq!(code, 1);
    snapshot("huge-file", &stdout, code);
}

#[cfg(unix)]
#[test]
fn symlink_out_of_the_course_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("symlink-escape");
    copy_dir(&fixtures().join("no-hours"), &dir);
    fs::write(tmp.path().join("secret.md"), "# Not part of the course\n").unwrap();
    fs::remove_file(dir.join("01-lesson.md")).unwrap();
    std::os::unix::fs::symlink("../secret.md", dir.join("01-lesson.md")).unwrap();
    let (stdout, code) = check(tmp.path(), &["symlink-escape"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains("error: path `01-lesson.md` is a link that leads out of the course folder"),
        "{stdout}"
    );
    assert!(
        stdout.contains(" --> symlink-escape/course.toml:6:8"),
        "{stdout}"
    );
    assert!(!stdout.contains("no lesson or quiz uses"), "{stdout}");
}

#[test]
fn whole_folder_counts_courses_and_fails_on_errors() {
    let (stdout, code) = check(&fixtures(), &["."]);
    assert_eq!(code, 1);
    let n = FIXTURES.len() + MADE_AT_RUN_TIME.len();
    assert!(
        stdout.trim_end().ends_with(&format!("in {n} courses")),
        "{}",
        stdout.lines().last().unwrap_or_default()
    );
}

#[test]
fn deny_warnings_fails_on_warnings_only_with_the_flag() {
    assert_eq!(check(&fixtures(), &["no-hours"]).1, 0);
    assert_eq!(check(&fixtures(), &["no-hours", "--deny-warnings"]).1, 1);
    let tmp = tempfile::tempdir().unwrap();
    rollcall(tmp.path())
        .args(["new", "clean"])
        .assert()
        .success();
    assert_eq!(
        check(tmp.path(), &["courses/clean", "--deny-warnings"]).1,
        0
    );
}

#[test]
fn json_output_parses_back() {
    let (stdout, code) = check(&fixtures(), &["many-errors", "--format", "json"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let diags = v["diagnostics"].as_array().unwrap();
    assert_eq!(v["summary"]["errors"], 7);
    assert_eq!(v["summary"]["warnings"], 2);
    assert_eq!(v["summary"]["courses"], 1);
    assert_eq!(diags.len(), 9);
    let first = &diags[0];
    assert_eq!(first["severity"], "error");
    assert_eq!(first["file"], "many-errors/course.toml");
    assert_eq!(first["line"], 1);
    assert_eq!(first["column"], 9);
    assert_eq!(first["message"], "the course title is empty");
    assert_eq!(first["help"], "give the course a title");
    assert!(
        diags
            .iter()
            .any(|d| d["severity"] == "warning" && d["file"] == "many-errors/01-lesson.md")
    );

    let (stdout, code) = check(&fixtures(), &["unused-file", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["diagnostics"][0]["line"], serde_json::Value::Null);
    assert_eq!(v["summary"]["warnings"], 2);
}

#[test]
fn check_of_a_missing_folder_cannot_run() {
    let tmp = tempfile::tempdir().unwrap();
    let out = rollcall(tmp.path())
        .args(["check", "nowhere"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read the folder"));
}

#[test]
fn check_falls_back_to_the_built_in_courses() {
    let tmp = tempfile::tempdir().unwrap();
    let out = rollcall(tmp.path()).arg("check").output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("checking the built-in courses"), "{stderr}");
    let n = rollcall::builtin::course_ids().len();
    assert!(
        stdout.trim_end().ends_with(&format!("in {n} courses")),
        "{stdout}"
    );
    // Paths name the built-in courses, not a temporary folder.
    assert!(!stdout.contains("rollcall-courses-"), "{stdout}");
}

#[test]
fn unpacked_courses_check_clean_of_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let out = rollcall(tmp.path())
        .args(["courses", "unpack", "mine"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    for id in rollcall::builtin::course_ids() {
        assert!(
            stdout.contains(&format!("wrote mine/{id}/course.toml")),
            "{stdout}"
        );
    }
    let (report, code) = check(tmp.path(), &["mine"]);
    assert_eq!(code, 0, "{report}");

    // A second unpack would overwrite: refused, nothing changed.
    let out = rollcall(tmp.path())
        .args(["courses", "unpack", "mine"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
}

#[test]
fn new_course_checks_clean_and_is_not_overwritten() {
    let tmp = tempfile::tempdir().unwrap();
    rollcall(tmp.path())
        .args(["new", "stop-and-search", "--title", "Stop and Search"])
        .assert()
        .success();
    let toml = fs::read_to_string(tmp.path().join("courses/stop-and-search/course.toml")).unwrap();
    assert!(toml.contains("title = \"Stop and Search\""), "{toml}");
    let (stdout, code) = check(tmp.path(), &["courses/stop-and-search"]);
    assert_eq!(
        (stdout.as_str(), code),
        ("0 errors, 0 warnings in 1 course\n", 0)
    );

    let again = rollcall(tmp.path())
        .args(["new", "stop-and-search"])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));

    let bad = rollcall(tmp.path())
        .args(["new", "Bad Id"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not a valid course id"));
    assert!(!tmp.path().join("courses/Bad Id").exists());

    // Names Windows reserves are refused everywhere, so a course made here opens there.
    let reserved = rollcall(tmp.path()).args(["new", "con"]).output().unwrap();
    assert_eq!(reserved.status.code(), Some(2));
    let err = String::from_utf8_lossy(&reserved.stderr);
    assert!(err.contains("reserved device name on Windows"), "{err}");
    assert!(!tmp.path().join("courses/con").exists());
}

#[test]
fn new_writes_under_the_courses_flag() {
    let tmp = tempfile::tempdir().unwrap();
    rollcall(tmp.path())
        .args(["--courses", "lib", "new", "first"])
        .assert()
        .success();
    assert!(tmp.path().join("lib/first/course.toml").is_file());
    let (stdout, code) = check(tmp.path(), &["lib"]);
    assert_eq!(
        (stdout.as_str(), code),
        ("0 errors, 0 warnings in 1 course\n", 0)
    );
}

/// Issue 16 defect 10: `new` wrote into the current folder, where a bare `check` and
/// `preview ID` did not look; titles capitalised every small word.
#[test]
fn new_course_goes_where_check_and_preview_find_it() {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir(tmp.path().join("courses")).unwrap();
    let out = rollcall(tmp.path())
        .args(["new", "use-of-force-reporting"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let said = String::from_utf8(out.stdout).unwrap();
    let dir = tmp.path().join("courses/use-of-force-reporting");
    assert!(dir.join("course.toml").is_file(), "{said}");
    let shown = Path::new("courses").join("use-of-force-reporting");
    assert!(
        said.contains(&format!(
            "created course `use-of-force-reporting` in {}",
            shown.display()
        )),
        "{said}"
    );
    let toml = fs::read_to_string(dir.join("course.toml")).unwrap();
    assert!(
        toml.contains("title = \"Use of Force Reporting\""),
        "{toml}"
    );
    let (stdout, code) = check(tmp.path(), &[]);
    assert_eq!(
        (stdout.as_str(), code),
        ("0 errors, 0 warnings in 1 course\n", 0)
    );
    let preview = rollcall(tmp.path())
        .args(["preview", "use-of-force-reporting"])
        .output()
        .unwrap();
    assert!(preview.status.success(), "{preview:?}");
    assert!(String::from_utf8_lossy(&preview.stdout).contains("Use of Force Reporting"));

    // In a folder that already holds courses (no courses/ in it), the course goes beside
    // them, and rollcall says how to check and preview it from there.
    let own = tempfile::tempdir().unwrap();
    copy_dir(&dir, &own.path().join("first"));
    let out = rollcall(own.path())
        .args(["new", "second"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(own.path().join("second/course.toml").is_file());
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(
        said.contains("rollcall --courses . preview second"),
        "{said}"
    );
}

/// Issue 16 defect 11: `check` stopped at the first `course.toml` error, one per run, in
/// serde's words (`invalid type: string "two", expected f64`).
#[test]
fn check_reports_every_course_toml_error_at_once_in_plain_words() {
    let tmp = tempfile::tempdir().unwrap();
    write_course(
        tmp.path(),
        "bad",
        &[
            (
                "course.toml",
                "title = \"T\"\nsumary = \"x\"\nversion = 1.0\nhours = \"two\"\n\n\
                 [[lessons]]\nfile = \"01-a.md\"\nquizz = \"01-a.quiz.toml\"\n",
            ),
            ("01-a.md", "# A\n\nText.\n"),
        ],
    );
    let (out, code) = check(tmp.path(), &["bad"]);
    assert_eq!(code, 1, "{out}");
    for (place, message) in [
        ("bad/course.toml:1:1", "error: course.toml has no `summary`"),
        (
            "bad/course.toml:2:1",
            "error: unknown key `sumary` (did you mean `summary`?)",
        ),
        (
            "bad/course.toml:3:11",
            "error: `version` should be text in quotes, not a number",
        ),
        (
            "bad/course.toml:4:9",
            "error: `hours` should be a number, not text",
        ),
        (
            "bad/course.toml:8:1",
            "error: unknown key `quizz` (did you mean `quiz`?)",
        ),
    ] {
        assert!(out.contains(message), "{message}\n{out}");
        assert!(out.contains(place), "{place}\n{out}");
    }
    assert!(out.contains("5 errors"), "{out}");
    assert!(out.contains("= help: write it like hours = 2.0"), "{out}");
    for serde_words in ["f64", "invalid type", "unknown field", "expected one of"] {
        assert!(!out.contains(serde_words), "{serde_words}\n{out}");
    }
}

/// Issue 16 defect 11: a lesson file named `01-intro.md` when the folder has an unused
/// `01-introduction.md` said only "not found".
#[test]
fn check_suggests_the_unused_file_for_a_missing_lesson() {
    let tmp = tempfile::tempdir().unwrap();
    write_course(
        tmp.path(),
        "near",
        &[
            (
                "course.toml",
                "title = \"T\"\nsummary = \"s\"\nversion = \"1.0\"\nhours = 1.0\n\n\
                 [[lessons]]\nfile = \"01-intro.md\"\n",
            ),
            ("01-introduction.md", "# Intro\n\nText.\n"),
        ],
    );
    let (out, code) = check(tmp.path(), &["near"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("error: file `01-intro.md` not found"), "{out}");
    assert!(out.contains("near/course.toml:7:8"), "{out}");
    assert!(
        out.contains("= help: did you mean `01-introduction.md`? It is in the course folder"),
        "{out}"
    );
}

/// Issue 16 defect 11: Markdown that renders badly passed `check` silently.
#[test]
fn check_warns_on_markdown_that_renders_badly() {
    let tmp = tempfile::tempdir().unwrap();
    write_course(
        tmp.path(),
        "md",
        &[
            (
                "course.toml",
                "title = \"T\"\nsummary = \"s\"\nversion = \"1.0\"\nhours = 1.0\n\n\
                 [[lessons]]\nfile = \"01-a.md\"\n",
            ),
            (
                "01-a.md",
                "# A\n\n| Step | Why |\n| Arrive | Calm |\n\nSome <b>bold</b> words.\n\n\
                 A claim.[^1]\n\n---\n\n# B\n\n[^1]: The source.\n",
            ),
        ],
    );
    let (out, code) = check(tmp.path(), &["md"]);
    assert_eq!(code, 0, "warnings only: {out}");
    for (place, message) in [
        (
            "md/01-a.md:3:1",
            "warning: this looks like a table row, but the lines are shown as text",
        ),
        (
            "md/01-a.md:6:6",
            "warning: raw HTML is shown as it is written, tags and all",
        ),
        (
            "md/01-a.md:8:9",
            "warning: footnote `[^1]` has no definition on this page",
        ),
    ] {
        assert!(out.contains(message), "{message}\n{out}");
        assert!(out.contains(place), "{place}\n{out}");
    }
    let (_, denied) = check(tmp.path(), &["md", "--deny-warnings"]);
    assert_eq!(denied, 1);
}
