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
    let mut cmd = Command::cargo_bin("rollcall").unwrap();
    for var in [
        "ROLLCALL_COURSES",
        "ROLLCALL_DATA_DIR",
        "ROLLCALL_LEARNER",
        "ROLLCALL_LRS_URL",
        "ROLLCALL_LRS_USER",
        "ROLLCALL_LRS_PASSWORD",
        "NO_COLOR",
    ] {
        cmd.env_remove(var);
    }
    cmd.current_dir(cwd);
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
    assert_eq!(check(tmp.path(), &["clean", "--deny-warnings"]).1, 0);
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
    let toml = fs::read_to_string(tmp.path().join("stop-and-search/course.toml")).unwrap();
    assert!(toml.contains("title = \"Stop and Search\""), "{toml}");
    let (stdout, code) = check(tmp.path(), &["stop-and-search"]);
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
    assert!(!tmp.path().join("Bad Id").exists());

    // Names Windows reserves are refused everywhere, so a course made here opens there.
    let reserved = rollcall(tmp.path()).args(["new", "con"]).output().unwrap();
    assert_eq!(reserved.status.code(), Some(2));
    let err = String::from_utf8_lossy(&reserved.stderr);
    assert!(err.contains("reserved device name on Windows"), "{err}");
    assert!(!tmp.path().join("con").exists());
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
