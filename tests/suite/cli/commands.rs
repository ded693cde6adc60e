//! The other authoring commands and the binary's manners: completions, man page, CRLF files, item analysis, pipes, no terminal, help text.

use super::{
    Path, check, copy_dir, copy_dir_crlf, fixtures, fs, rollcall, scenario_courses, std_rollcall,
};

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
    let run_with = |format: &str, more: &[&str]| {
        let out = rollcall(tmp.path())
            .env("COLUMNS", "80")
            .args([
                "--courses",
                "courses",
                "report",
                "items",
                "data",
                "--format",
                format,
            ])
            .args(more)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let run = |format: &str| run_with(format, &[]);
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
    // The table fits the width ($COLUMNS): at 80 the form is left out and the picks wrap; at
    // 60 the picks and times asked go too. `--wide` shows every column, each row on one line.
    for line in table.lines() {
        assert!(line.chars().count() <= 80, "{line}\n{table}");
    }
    assert!(!table.contains("FORM"), "{table}");
    assert!(table.contains("1:50% 2:50%"), "{table}");
    let out = rollcall(tmp.path())
        .env("COLUMNS", "60")
        .args(["--courses", "courses", "report", "items", "data"])
        .output()
        .unwrap();
    let narrow = String::from_utf8(out.stdout).unwrap();
    for line in narrow.lines() {
        assert!(line.chars().count() <= 60, "{line}\n{narrow}");
    }
    assert!(!narrow.contains("PICKS"), "{narrow}");
    assert!(narrow.contains("unused-distractor"), "{narrow}");
    let wide = run_with("table", &["--wide"]);
    let header = wide.lines().next().unwrap();
    for word in ["FORM", "ASKED", "PICKS", "FLAGS"] {
        assert!(header.contains(word), "{word} in {header}");
    }
    assert!(wide.contains("1:50% 2:50% 3:0% "), "{wide}");
    // CSV and JSON are the same whatever the width.
    assert_eq!(run_with("csv", &["--wide"]), csv_text);
}

/// `report items` given an `export xapi` file says plainly that xAPI exports are not read,
/// not what a TOML parser made of the JSON; its help names what it reads.
#[test]
fn report_items_says_xapi_exports_are_not_read() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("x.json"), "[\n  {\"id\": \"a\"}\n]\n").unwrap();
    let out = rollcall(tmp.path())
        .args(["report", "items", "x.json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("xAPI exports are not read"), "{stderr}");
    assert!(!stderr.contains("TOML"), "{stderr}");
    let help = rollcall(tmp.path())
        .args(["report", "items", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(!help.contains("exported records"), "{help}");
    assert!(help.contains("--wide"), "{help}");
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
