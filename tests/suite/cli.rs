//! End-to-end tests of the authoring commands: check, preview, new, courses unpack,
//! completions and man.

// Helpers outside #[test] functions count as non-test code for clippy's unwrap lints.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

#[path = "../../fuzz/src/lib.rs"]
mod fuzz_props;
#[path = "fuzz/regressions.rs"]
mod fuzz_regressions;
#[path = "sanitize/output.rs"]
mod sanitize_output;

/// Every fixture under tests/fixtures/broken-courses, one course per error or warning.
const FIXTURES: &[&str] = &[
    // course.toml errors
    "toml-syntax",
    "missing-key",
    "wrong-type",
    "unknown-key",
    "no-lessons",
    "missing-lesson",
    "missing-quiz",
    "duplicate-lesson",
    "path-outside",
    "path-absolute",
    "hours-out-of-range",
    "pass-percent",
    "bad_id",
    "lesson-without-file",
    "missing-scenario",
    "reviewed-and-minutes",
    "check-errors",
    "check-keys",
    "check-last-page",
    "check-lints",
    "check-no-pages",
    "check-bad-quiz",
    "check-path-outside",
    // lesson file errors
    "binary-file",
    "bad-utf8",
    // quiz errors
    "quiz-syntax",
    "quiz-unknown-key",
    "quiz-pass-percent",
    "no-questions",
    "no-correct-answer",
    "no-answer-form",
    "two-answer-forms",
    "one-choice",
    "duplicate-choice",
    "empty-accept",
    "short-order",
    "bad-question-id",
    // scenario errors
    "scenario-syntax",
    "scenario-unknown-key",
    "scenario-missing-keys",
    "scenario-bad-next",
    "scenario-bad-route",
    "scenario-unreachable",
    "scenario-no-way-out",
    "scenario-no-best",
    "scenario-duplicate-ids",
    "scenario-choice-keys",
    "scenario-unknown-meter",
    "scenario-bad-meter",
    "scenario-bad-rating",
    "scenario-choices-and-ending",
    "scenario-dead-end",
    // scenario warnings
    "scenario-meter-range",
    "scenario-no-coaching",
    "scenario-route-loop",
    // everything at once: checking goes on after the first error
    "many-errors",
    // warnings
    "setext-rule",
    "long-page",
    "no-feedback",
    "no-explanation",
    "broken-link",
    "unused-file",
    "no-hours",
    "empty-lesson",
    "no-question-ids",
    "draw-over-pool",
    "final-practice",
];

/// Fixtures that need a file made at run time (see their tests).
const MADE_AT_RUN_TIME: &[&str] = &["huge-file"];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken-courses")
}

/// The binary with no ROLLCALL_* variables from the caller's environment.
fn rollcall(cwd: &Path) -> Command {
    let mut cmd = crate::isolated::command();
    cmd.env_remove("NO_COLOR").current_dir(cwd);
    cmd
}

/// [`rollcall`] as a `std::process::Command`, for tests that choose its standard streams.
fn std_rollcall(cwd: &Path) -> std::process::Command {
    let mut cmd = crate::isolated::std_command();
    cmd.env_remove("NO_COLOR").current_dir(cwd);
    cmd
}

/// Runs `rollcall check ARGS` in `cwd`; returns stdout and the exit code.
fn check(cwd: &Path, args: &[&str]) -> (String, i32) {
    let out = rollcall(cwd).arg("check").args(args).output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        out.status.code().unwrap(),
    )
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn snapshot(name: &str, stdout: &str, code: i32) {
    insta::assert_snapshot!(format!("check_{name}"), format!("{stdout}[exit {code}]"));
}

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

/// A courses folder holding the `new` skeleton, for preview tests.
fn preview_courses() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    rollcall(tmp.path())
        .args(["--courses", "courses", "new", "demo"])
        .assert()
        .success();
    tmp
}

fn preview(cwd: &Path, args: &[&str]) -> (String, String, i32) {
    let out = rollcall(cwd)
        .args(["--courses", "courses", "preview"])
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap(),
    )
}

#[test]
fn preview_prints_plain_pages_when_not_a_terminal() {
    let tmp = preview_courses();
    let (first, _, code) = preview(tmp.path(), &["demo"]);
    assert_eq!(code, 0);
    let (title, pages) = first.split_once('\n').unwrap();
    assert!(title.contains(" › Introduction"), "{title}");
    assert!(pages.starts_with("──── page 1/"), "{first}");
    assert!(first.contains("Introduction"), "{first}");
    assert!(
        first.contains("Replace this text with the lesson."),
        "{first}"
    );
    assert!(
        !first.contains('\x1b'),
        "plain output has no escapes: {first:?}"
    );
    // The same lesson by number, by name, with --plain and at another width.
    assert_eq!(preview(tmp.path(), &["demo/1"]).0, first);
    assert_eq!(preview(tmp.path(), &["demo/01-introduction"]).0, first);
    assert_eq!(
        preview(tmp.path(), &["demo/01-introduction.md", "--plain"]).0,
        first
    );
    let (narrow, _, code) = preview(tmp.path(), &["demo", "--width", "30"]);
    assert_eq!(code, 0);
    assert!(narrow.contains("page 1/"), "{narrow}");
}

#[test]
fn preview_shows_a_knowledge_check_after_its_page_with_its_answers() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check-courses");
    let out = rollcall(&fixtures)
        .args(["--courses", ".", "preview", "knowledge/1"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{text}");
    let check = text
        .find("──── knowledge check after page 1 ────")
        .unwrap_or_else(|| panic!("no check in:\n{text}"));
    let page2 = text.find("──── page 2/").unwrap();
    assert!(
        check < page2,
        "the check comes between pages 1 and 2:\n{text}"
    );
    assert!(text.contains("(right)"), "{text}");
}

#[test]
fn preview_names_what_exists_when_the_target_is_unknown() {
    let tmp = preview_courses();
    let (_, err, code) = preview(tmp.path(), &["nope"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no course `nope`; the courses are: demo"),
        "{err}"
    );
    let (_, err, code) = preview(tmp.path(), &["demo/7"]);
    assert_eq!(code, 2);
    assert!(err.contains("has no lesson `7`"), "{err}");
    assert!(err.contains("1  01-introduction  (Introduction)"), "{err}");
    // Issue 16 defect 9, for preview: a near miss names what was probably meant.
    let (_, err, code) = preview(tmp.path(), &["dmo"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no course `dmo` (did you mean `demo`?)"),
        "{err}"
    );
    let (_, err, code) = preview(tmp.path(), &["demo/01-introductoin"]);
    assert_eq!(code, 2);
    assert!(err.contains("(did you mean `01-introduction`?)"), "{err}");
    let (_, err, code) = preview(tmp.path(), &["demo", "--width", "3"]);
    assert_eq!(code, 2);
    assert!(err.contains("--width must be at least"), "{err}");
}

#[test]
fn preview_falls_back_to_the_built_in_courses() {
    let tmp = tempfile::tempdir().unwrap();
    // A built-in course that loads (content may be mid-edit while this test is written).
    let copy = rollcall::builtin::unpack_to_temp().unwrap();
    let library = rollcall::course::load_library(copy.path()).unwrap();
    let course = library
        .courses
        .first()
        .expect("a built-in course that loads");
    let out = rollcall(tmp.path())
        .args(["preview", &format!("{}/1", course.id)])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.lines().nth(1).unwrap().starts_with("──── page 1/"),
        "{stdout}"
    );
}

#[test]
fn completions_and_man_page() {
    let tmp = tempfile::tempdir().unwrap();
    for (shell, marker) in [
        ("bash", "_rollcall()"),
        ("zsh", "#compdef rollcall"),
        ("fish", "complete -c rollcall"),
    ] {
        let out = rollcall(tmp.path())
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains(marker), "{shell}: {text}");
        assert!(text.contains("preview"), "{shell} completes subcommands");
    }
    let out = rollcall(tmp.path()).arg("man").output().unwrap();
    assert!(out.status.success());
    let man = String::from_utf8(out.stdout).unwrap();
    assert!(
        man.starts_with(".ie") || man.contains(".TH rollcall"),
        "{man}"
    );
    assert!(man.contains("check"), "{man}");
}

/// Copies `from` to `to` with every LF in a UTF-8 text file turned into CRLF, as a Windows
/// editor would save it; other files are copied as they are.
fn copy_dir_crlf(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir_crlf(&entry.path(), &target);
        } else {
            let bytes = fs::read(entry.path()).unwrap();
            match String::from_utf8(bytes) {
                Ok(text) => fs::write(target, text.replace('\n', "\r\n")).unwrap(),
                Err(e) => fs::write(target, e.into_bytes()).unwrap(),
            }
        }
    }
}

/// Course files saved with CRLF line ends (Windows editors) check and preview exactly like
/// the same files with LF ends: same diagnostics, same lines and columns, same pages.
#[test]
fn crlf_course_files_behave_like_lf() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixtures(), &tmp.path().join("lf"));
    copy_dir_crlf(&fixtures(), &tmp.path().join("crlf"));
    let (lf, lf_code) = check(tmp.path(), &["lf"]);
    let (crlf, crlf_code) = check(tmp.path(), &["crlf"]);
    assert_eq!(crlf.replace("crlf/", "lf/"), lf);
    assert_eq!(crlf_code, lf_code);
    assert!(
        !crlf.contains('\r'),
        "no carriage return reaches the terminal"
    );

    let courses = Path::new(env!("CARGO_MANIFEST_DIR")).join("courses");
    copy_dir_crlf(&courses, &tmp.path().join("bundled"));
    let (out, code) = check(tmp.path(), &["bundled"]);
    assert_eq!(code, 0, "{out}");
    let preview = |root: &str| {
        let out = rollcall(tmp.path())
            .args(["--courses", root, "preview", "--plain", "--width", "60"])
            .arg("de-escalation/1")
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    copy_dir(&courses, &tmp.path().join("bundled-lf"));
    let text = preview("bundled");
    assert_eq!(text, preview("bundled-lf"));
    assert!(!text.contains('\r'));
}

/// `report items` over a progress folder: one row per question id, flags after 20 answers,
/// CSV that parses back and JSON with the statistics.
#[test]
fn report_items_analyses_each_question() {
    use rollcall::progress::{Attempt, GivenAnswer, Progress};
    use rollcall::quiz::Answer;
    let tmp = tempfile::tempdir().unwrap();
    let course = tmp.path().join("courses/c");
    fs::create_dir_all(&course).unwrap();
    fs::write(
        course.join("course.toml"),
        "title = \"C\"\nsummary = \"S\"\nversion = \"1\"\nhours = 1.0\n[[lessons]]\nfile = \"01.md\"\nquiz = \"01.quiz.toml\"\n",
    )
    .unwrap();
    fs::write(course.join("01.md"), "# One\n").unwrap();
    fs::write(
        course.join("01.quiz.toml"),
        "[[questions]]\nid = \"pick\"\nprompt = \"p\"\n[[questions.choices]]\ntext = \"right\"\ncorrect = true\n[[questions.choices]]\ntext = \"wrong\"\n[[questions.choices]]\ntext = \"never\"\n\n[[questions]]\nid = \"tf\"\nprompt = \"t\"\nanswer = true\n",
    )
    .unwrap();
    let mut p = Progress::new("jdoe");
    let t: rollcall::progress::Stamp = "2026-11-01T10:00:00Z".parse().unwrap();
    for i in 0..20 {
        // Half get `pick` right; the ones who do score higher overall.
        let right = i % 2 == 0;
        let answers = vec![
            GivenAnswer {
                question: 1,
                id: Some("pick".into()),
                answer: Answer::Choices(vec![usize::from(!right)]),
                correct: right,
            },
            // An old record without ids: matched by position.
            GivenAnswer {
                question: 2,
                id: None,
                answer: Answer::Bool(true),
                correct: true,
            },
        ];
        p.attempts.push(Attempt {
            id: format!("00000000-0000-4000-8000-{i:012}"),
            course: "c".into(),
            lesson: "01".into(),
            quiz: "01.quiz.toml".into(),
            course_version: "1".into(),
            started: t,
            finished: t,
            score: 1 + usize::from(right),
            total: 2,
            percent: if right { 100.0 } else { 50.0 },
            passed: right,
            pass_percent: 80,
            answers,
            active_seconds: None,
        });
    }
    let data = tmp.path().join("data");
    fs::create_dir_all(&data).unwrap();
    fs::write(data.join("jdoe.toml"), toml::to_string(&p).unwrap()).unwrap();
    let run = |format: &str| {
        let out = rollcall(tmp.path())
            .args([
                "--courses",
                "courses",
                "report",
                "items",
                "data",
                "--format",
                format,
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let csv_text = run("csv");
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert_eq!(
        rows,
        [
            [
                "c",
                "01",
                "pick",
                "pick-one",
                "20",
                "50",
                "1.00",
                "1:50% 2:50% 3:0%",
                "unused-distractor"
            ],
            [
                "c",
                "01",
                "tf",
                "true-false",
                "20",
                "100",
                "",
                "true:100% false:0%",
                "too-easy"
            ],
        ]
    );
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(json["items"][0]["question"], "pick");
    assert_eq!(json["items"][0]["picks"][2]["text"], "never");
    assert_eq!(json["items"][1]["flags"][0], "too-easy");
    let table = run("table");
    assert!(table.contains("unused-distractor"), "{table}");
    assert!(table.contains("2 questions, 2 flagged"), "{table}");
}

/// A courses folder holding the `new` skeleton with a scenario lesson.
fn scenario_courses() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    rollcall(tmp.path())
        .args(["--courses", "courses", "new", "demo", "--scenario"])
        .assert()
        .success();
    tmp
}

#[test]
fn new_with_a_scenario_checks_clean_and_adds_to_an_existing_course() {
    let tmp = scenario_courses();
    let (stdout, code) = check(tmp.path(), &["courses"]);
    assert_eq!(
        (stdout.as_str(), code),
        ("0 errors, 0 warnings in 1 course\n", 0)
    );
    // Adding one to an existing course appends a lesson and still checks clean.
    let out = rollcall(tmp.path())
        .args(["--courses", "courses", "new", "demo", "--scenario"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(
        tmp.path()
            .join("courses/demo/03-practice-call.scenario.toml")
            .is_file()
    );
    let (stdout, code) = check(tmp.path(), &["courses"]);
    assert_eq!(
        (stdout.as_str(), code),
        ("0 errors, 0 warnings in 1 course\n", 0)
    );
    let course = rollcall::course::load_course(&tmp.path().join("courses/demo")).unwrap();
    assert_eq!(course.lessons.len(), 3);
}

#[test]
fn preview_prints_a_scenario_as_text() {
    let tmp = scenario_courses();
    let (out, err, code) = preview(tmp.path(), &["demo/2"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(preview(tmp.path(), &["demo/02-practice-call"]).0, out);
    insta::assert_snapshot!("preview_scenario", out);
}

#[test]
fn scenario_graph_renders_with_dot() {
    use std::io::Write as _;
    let tmp = scenario_courses();
    let file = tmp
        .path()
        .join("courses/demo/02-practice-call.scenario.toml");
    let out = rollcall(tmp.path())
        .args(["scenario", "graph"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let dot = String::from_utf8(out.stdout).unwrap();
    insta::assert_snapshot!("scenario_graph", dot);
    assert!(
        dot.contains("\"arrival\" -> \"listening\" [label=\"introduce (best)\""),
        "{dot}"
    );
    // Graphviz must accept it. CI installs `dot`; elsewhere the check is skipped, loudly.
    let rendered = std::process::Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn();
    let Ok(mut child) = rendered else {
        assert!(
            std::env::var_os("CI").is_none(),
            "graphviz `dot` is required in CI"
        );
        eprintln!("skipping the Graphviz render: `dot` is not installed");
        return;
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(dot.as_bytes())
        .unwrap();
    let svg = child.wait_with_output().unwrap();
    assert!(
        svg.status.success(),
        "{}",
        String::from_utf8_lossy(&svg.stderr)
    );
    let svg = String::from_utf8(svg.stdout).unwrap();
    assert!(svg.contains("<svg"), "{svg}");
    assert!(svg.contains("introduce (best)"), "{svg}");

    // A broken scenario: the errors, exit 1, no graph.
    let broken = fixtures().join("scenario-bad-next/01-call.scenario.toml");
    let out = rollcall(tmp.path())
        .args(["scenario", "graph"])
        .arg(&broken)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("names node `hrut`"),
        "{out:?}"
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

/// Issue 16 defect 12: the man page lacked FILES, ENVIRONMENT and EXIT STATUS, and named a
/// page per subcommand (`rollcall-check(1)`) that does not exist.
#[test]
fn man_page_has_keys_files_environment_exit_status_and_no_missing_pages() {
    let tmp = tempfile::tempdir().unwrap();
    let out = rollcall(tmp.path()).arg("man").output().unwrap();
    assert!(out.status.success());
    let man = String::from_utf8(out.stdout).unwrap();
    for section in [
        ".SH KEYS\n",
        ".SH FILES\n",
        ".SH ENVIRONMENT\n",
        ".SH \"EXIT STATUS\"\n",
        ".SH COMMANDS\n",
    ] {
        assert!(man.contains(section), "{section}");
    }
    assert!(!man.contains("(1)"), "names a page that is not installed");
    for var in [
        "ROLLCALL_LEARNER",
        "ROLLCALL_DATA_DIR",
        "ROLLCALL_COURSES",
        "NO_COLOR",
    ] {
        assert!(man.contains(var), "{var}");
    }
    assert!(man.contains("rollcall check"), "the commands are listed");
}

/// Issue 16 defect 12: `rollcall man | head` failed with "Broken pipe". Every command that
/// prints ends quietly when its reader has gone.
#[cfg(unix)]
#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    let tmp = tempfile::tempdir().unwrap();
    let courses = fixtures().join("many-errors");
    let courses = courses.to_str().unwrap();
    for args in [
        &["man"][..],
        &["completions", "bash"],
        &["check", courses],
        &["courses", "unpack", "out"],
        &["--data-dir", ".", "report"],
        &["--data-dir", ".", "progress"],
        &["preview", "de-escalation"],
    ] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = std_rollcall(tmp.path())
            .args(args)
            .stdout(writer)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("Broken pipe"), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{args:?}: {:?} {stderr}",
            out.status
        );
    }
}

/// Issue 16 defect 12: without a terminal, rollcall wrote escape sequences to its output
/// before saying it needs one.
#[test]
fn without_a_terminal_no_escape_bytes_come_before_the_error() {
    let tmp = tempfile::tempdir().unwrap();
    let out = std_rollcall(tmp.path())
        .env("TERM", "xterm-256color")
        .env_remove("ROLLCALL_SCREEN_READER")
        .args(["--data-dir", "data"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        !out.stdout.contains(&0x1b),
        "{:?}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(
        !out.stderr.contains(&0x1b),
        "{:?}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("needs a terminal"), "{stderr}");
}

/// Writes a course folder `name` under `root` from (file, text) pairs.
fn write_course(root: &Path, name: &str, files: &[(&str, &str)]) {
    let dir = root.join(name);
    fs::create_dir_all(&dir).unwrap();
    for (file, text) in files {
        fs::write(dir.join(file), text).unwrap();
    }
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

/// `--help` is written from doc comments: rustdoc's backticks around `$ROLLCALL_COURSES` once
/// printed as "$`ROLLCALL_COURSES`".
#[test]
fn help_text_prints_no_rustdoc_markup() {
    let tmp = tempfile::tempdir().unwrap();
    for args in [
        &["--help"][..],
        &["report", "--help"],
        &["sync", "--help"],
        &["compliance", "--help"],
    ] {
        let out = rollcall(tmp.path()).args(args).output().unwrap();
        let help = String::from_utf8(out.stdout).unwrap();
        assert!(!help.contains("$`"), "{args:?}: {help}");
        assert!(!help.contains("`POSTed`"), "{args:?}: {help}");
    }
}
