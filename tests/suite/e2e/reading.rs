//! The real binary in a pseudo-terminal: reading, signals, tiny terminals, watching edits, the built-in courses, themes and the screen-reader mode.

use super::{
    Duration, ESC, Instant, LEFT, Path, RIGHT, Session, TIMEOUT, Write, copy_dir, courses_args,
    fixtures, start,
};

#[test]
fn read_a_lesson_page_by_page_and_quit() {
    let data = tempfile::tempdir().unwrap();
    let mut s = start(data.path());
    s.wait_for("Sample Course");
    s.wait_for("learner: officer");
    s.press("\r");
    s.wait_for("0/2 lessons complete");
    s.press("\r");
    s.wait_for("page 1/3");
    s.wait_for("Alpha page text");
    s.press("l");
    s.wait_for("page 2/3");
    s.wait_for("Beta page text");
    s.press(" ");
    s.wait_for("Gamma page text");
    s.press("h");
    s.wait_for("page 2/3");
    s.press(LEFT);
    s.wait_for("page 1/3");
    s.press("G");
    s.wait_for("page 3/3");
    s.press("g");
    s.wait_for("page 1/3");
    s.press(RIGHT);
    s.wait_for("page 2/3");
    s.press("?");
    s.wait_for("Esc, ? or q closes it");
    s.press(ESC);
    s.wait_gone("Esc, ? or q closes it");
    s.press(ESC);
    s.wait_for("not started");
    s.press("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(s.restored(), "terminal not restored");
    // Page saves are coalesced off the key path; quitting waits for them.
    let store = rollcall::progress::store::Store::new(data.path(), "officer").unwrap();
    let saved = store.load().unwrap();
    let lesson = saved.lesson("sample", "01-first").unwrap();
    assert_eq!(lesson.page, 2);
    assert_eq!(lesson.pages_seen, [1, 2, 3].into());
}

#[test]
fn sigterm_right_after_a_page_turn_keeps_the_page() {
    let data = tempfile::tempdir().unwrap();
    let mut s = start(data.path());
    s.wait_for("Sample Course");
    s.press("\r");
    s.wait_for("0/2 lessons complete");
    s.press("\r");
    s.wait_for("Alpha page text");
    s.press("l");
    s.wait_for("Beta page text");
    let pid = s.child.process_id().unwrap();
    std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    s.wait_exit();
    let store = rollcall::progress::store::Store::new(data.path(), "officer").unwrap();
    let saved = store.load().unwrap();
    assert_eq!(saved.lesson("sample", "01-first").unwrap().page, 2);
}

#[test]
fn tiny_terminal_asks_to_enlarge_and_recovers() {
    let data = tempfile::tempdir().unwrap();
    let mut s = start(data.path());
    s.wait_for("Sample Course");
    s.resize(30, 8);
    s.wait_for("Please enlarge");
    s.resize(1, 1);
    std::thread::sleep(Duration::from_millis(200));
    s.resize(80, 24);
    s.wait_for("Sample Course");
    s.press("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn sigterm_restores_the_terminal() {
    let data = tempfile::tempdir().unwrap();
    let mut s = start(data.path());
    s.wait_for("Sample Course");
    let pid = s.child.process_id().unwrap();
    std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    s.wait_exit();
    assert!(s.restored(), "terminal not restored after SIGTERM");
}

#[test]
fn watch_shows_edits_and_keeps_the_last_good_version() {
    let data = tempfile::tempdir().unwrap();
    let courses = tempfile::tempdir().unwrap();
    copy_dir(&fixtures(), courses.path());
    let dir = courses.path().to_string_lossy().into_owned();
    let mut s = Session::start(
        &["--watch", "--courses", &dir, "--learner", "author"],
        data.path(),
        courses.path(),
    );
    s.wait_for("Sample Course");
    s.press("\r");
    s.wait_for("0/2 lessons complete");
    s.press("\r");
    s.wait_for("Alpha page text");
    s.press("l");
    s.wait_for("page 2/3");
    let lesson = courses.path().join("sample/01-first.md");
    let text = std::fs::read_to_string(&lesson).unwrap();
    std::fs::write(&lesson, text.replace("Beta page text", "Edited beta text")).unwrap();
    s.wait_for("Edited beta text");
    s.wait_for("page 2/3");
    // A broken edit (not UTF-8) keeps what is on screen and says why.
    std::fs::write(&lesson, b"# Broken \xff\xfe\n").unwrap();
    s.wait_for("Not reloaded");
    assert!(s.screen().contains("Edited beta text"));
    s.press("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn binary_alone_opens_the_built_in_courses() {
    let data = tempfile::tempdir().unwrap();
    let empty = tempfile::tempdir().unwrap();
    let mut s = Session::start(&["--learner", "laptop"], data.path(), empty.path());
    s.wait_for("built-in courses");
    s.wait_for("Using rollcall");
    s.wait_for("De-escalation");
    s.press("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn corrupt_progress_file_is_reported_and_left_alone() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("officer.toml");
    std::fs::write(
        &file,
        "schema = 1\nlearner = \"officer\"\n[[attempts]\nid = ",
    )
    .unwrap();
    let before = std::fs::read(&file).unwrap();
    let mut s = start(data.path());
    s.wait_for("cannot be read");
    s.wait_for("progress --repair");
    s.press(ESC);
    s.wait_gone("Any key closes this.");
    s.wait_for("progress not saved");
    s.press("\r");
    s.wait_for("0/2 lessons complete");
    s.press("\r");
    s.wait_for("page 1/3");
    s.press("l");
    s.wait_for("page 2/3");
    s.press("q");
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(
        std::fs::read(&file).unwrap(),
        before,
        "corrupt file was touched"
    );
}

#[test]
fn preview_in_a_terminal_is_styled() {
    let data = tempfile::tempdir().unwrap();
    let dir = fixtures().to_string_lossy().into_owned();
    let mut s = Session::start(
        &["--courses", &dir, "preview", "sample/01-first"],
        data.path(),
        Path::new(env!("CARGO_MANIFEST_DIR")),
    );
    s.wait_for("page 3/3");
    assert_eq!(s.wait_exit(), 0);
    let raw = String::from_utf8_lossy(&s.raw.lock().unwrap()).to_string();
    assert!(raw.contains("\x1b["), "no styles in {raw:?}");
    assert!(s.screen().contains("Gamma page text"));
}

#[test]
fn term_dumb_and_the_flag_start_the_screen_reader_mode() {
    for (flag, term, env) in [
        (true, "xterm-256color", None),
        (false, "dumb", None),
        (false, "xterm", Some("1")),
    ] {
        let data = tempfile::tempdir().unwrap();
        let mut cmd = crate::isolated::std_command();
        cmd.args(courses_args())
            .arg("--data-dir")
            .arg(data.path())
            .env("TERM", term)
            .env_remove("ROLLCALL_SCREEN_READER")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped());
        if flag {
            cmd.arg("--screen-reader");
        }
        if let Some(v) = env {
            cmd.env("ROLLCALL_SCREEN_READER", v);
        }
        let mut child = cmd.spawn().unwrap();
        // Open the course and the first lesson, turn a page, quit.
        child
            .stdin
            .take()
            .unwrap()
            .write_all(b"1\n\n\nq\n")
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("Library, 1 course."), "{text}");
        assert!(text.contains("lesson 1 of 2, page 2 of 3."), "{text}");
        assert!(!text.contains('\x1b'), "escape bytes in {text:?}");
        let store = rollcall::progress::store::Store::new(data.path(), "officer").unwrap();
        assert_eq!(
            store
                .load()
                .unwrap()
                .lesson("sample", "01-first")
                .unwrap()
                .page,
            2
        );
    }
}

#[test]
fn a_theme_chosen_on_the_settings_screen_is_kept_after_a_restart() {
    let data = tempfile::tempdir().unwrap();
    let mut s = start(data.path());
    s.wait_for("Sample Course");
    s.press("S");
    s.wait_for("Reading width");
    s.wait_for("dark");
    s.press(RIGHT);
    s.wait_for("Theme saved.");
    s.press("q");
    assert_eq!(s.wait_exit(), 0);
    let file = data.path().join("config/rollcall/settings.toml");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "theme = \"light\"\n"
    );
    // Restarted: the light theme's paper behind the library, and the screen says light.
    let mut s = start(data.path());
    s.wait_for("Sample Course");
    let start = Instant::now();
    loop {
        let bg = s
            .parser
            .lock()
            .unwrap()
            .screen()
            .cell(20, 40)
            .map(vt100::Cell::bgcolor);
        if bg == Some(vt100::Color::Idx(231)) {
            break;
        }
        assert!(start.elapsed() < TIMEOUT, "background {bg:?}");
        std::thread::sleep(Duration::from_millis(20));
    }
    s.press("S");
    s.wait_for("light");
    s.press("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn no_color_starts_in_the_monochrome_theme() {
    let data = tempfile::tempdir().unwrap();
    let args = courses_args();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut s = Session::start_env(
        &args,
        data.path(),
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &[("NO_COLOR", "1")],
    );
    s.wait_for("Sample Course");
    s.press("S");
    s.wait_for("monochrome");
    s.press("q");
    assert_eq!(s.wait_exit(), 0);
    let raw = String::from_utf8_lossy(&s.raw.lock().unwrap()).to_string();
    // No colour at all: crossterm writes every colour as 38;5 / 48;5 (or 38;2 / 48;2).
    for code in ["[38;5;", "[48;5;", "[38;2;", "[48;2;"] {
        assert!(!raw.contains(code), "{code} under NO_COLOR");
    }
}

#[test]
fn a_flagged_record_at_startup_is_named_in_words_and_left_as_it_is() {
    let data = tempfile::tempdir().unwrap();
    let bad = "schema = 2\nlearner = \"officer\"\n\n[[attempts]]\nid = \"a1\"\n\
               course = \"sample\"\nlesson = \"01-first\"\nquiz = \"01-first.quiz.toml\"\n\
               course_version = \"2.1\"\nstarted = \"2026-11-20T10:00:00-05:00\"\n\
               finished = \"2026-11-20T10:05:00-05:00\"\nscore = 999\ntotal = 3\n\
               percent = 33300.0\npassed = true\npass_percent = 60\n";
    let file = data.path().join("officer.toml");
    std::fs::write(&file, bad).unwrap();
    let mut child = crate::isolated::std_command()
        .args(courses_args())
        .arg("--data-dir")
        .arg(data.path())
        .arg("--screen-reader")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Read the notice, open the course and a lesson, turn a page, quit.
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"\n1\n1\n\nq\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Your training record has problems")
            && text.contains("a quiz score above its number of questions"),
        "{text}"
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        bad,
        "record rewritten"
    );
}

#[test]
fn search_a_word_found_on_one_page_and_open_it() {
    let data = tempfile::tempdir().unwrap();
    let mut s = start(data.path());
    s.wait_for("Sample Course");
    s.press("/");
    s.wait_for("Search every course");
    // "strong" is on page 2 of the first lesson and nowhere else.
    s.press("strong");
    s.wait_for("1 match");
    s.wait_for("Sample Course › First Lesson · page 2");
    s.press("\r");
    s.wait_for("page 2/3");
    s.wait_for("Beta page text with strong words.");
    s.wait_for("Match 1 of 1");
    s.wait_gone("Search every course");
    s.press("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(s.restored(), "terminal not restored");
}
