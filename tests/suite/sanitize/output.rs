//! Nothing from a file drives the terminal: every command run on hostile course files,
//! progress files and file names writes no escape sequence, C1 control, bidi override or
//! isolate, or zero-width character to stdout or stderr.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

/// A title that would retitle the window, clear the screen, reverse text and hide a cell.
const EVIL: &str =
    "Evil\x1b]0;PWNED\x07\x1b[2J\u{9b}31m\u{202e}txt.exe\u{2066}\u{200b}\x1bP1$r\x1b\\End";

/// Fails on the first character a terminal could act on, naming the stream and the output.
fn assert_inert(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    // CSV ends its records with CRLF: a carriage return is harmless only right before \n.
    let lines = text.replace("\r\n", "\n");
    for c in lines.chars() {
        assert!(
            !(rollcall::sanitize::is_hidden_char(c) && c != '\n' && c != '\t'),
            "{what} holds U+{:04X}: {text:?}",
            u32::from(c)
        );
    }
    // JSON keeps the value, with escapes written as `\u001b` text (inert); elsewhere the
    // whole sequence goes, payload included.
    if !what.contains("json") && !what.contains("xapi") {
        assert!(
            !text.contains("PWNED"),
            "{what} kept the escape's payload: {text:?}"
        );
    }
}

fn run(cmd: &mut Command, what: &str) -> (String, String) {
    let out = cmd.output().unwrap();
    assert_inert(&format!("{what} stdout"), &out.stdout);
    assert_inert(&format!("{what} stderr"), &out.stderr);
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn rollcall(courses: &Path, data: &Path) -> Command {
    let mut cmd = crate::isolated::command();
    cmd.arg("--courses")
        .arg(courses)
        .arg("--data-dir")
        .arg(data)
        .env("COLUMNS", "200");
    cmd
}

/// A courses folder with one course whose every text is hostile, and one whose course.toml
/// does not parse on a hostile line.
fn hostile_courses(root: &Path) {
    let c = root.join("evil");
    fs::create_dir_all(&c).unwrap();
    let q = |s: &str| toml_string(s);
    fs::write(
        c.join("course.toml"),
        format!(
            "title = {}\nsummary = {}\nversion = {}\nhours = 1\nprovider = {}\n\n[[lessons]]\nfile = \"01-a.md\"\ntitle = {}\nquiz = \"01-a.quiz.toml\"\n",
            q(EVIL),
            q(EVIL),
            q("1\x1b]0;PWNED\x07"),
            q(EVIL),
            q(EVIL)
        ),
    )
    .unwrap();
    fs::write(c.join("01-a.md"), format!("# {EVIL}\n\nText {EVIL}\n")).unwrap();
    // A quiz with an error on a hostile line: check shows it as a snippet.
    fs::write(
        c.join("01-a.quiz.toml"),
        format!(
            "title = {}\n[[questions]]\nprompt = {}\nanswer = 7\n",
            q(EVIL),
            q(EVIL)
        ),
    )
    .unwrap();
    let broken = root.join("broken");
    fs::create_dir_all(&broken).unwrap();
    fs::write(
        broken.join("course.toml"),
        format!("title = \"x\"\n{EVIL} = = \n"),
    )
    .unwrap();
}

/// A TOML basic string holding `s` with its control characters as escapes (TOML forbids
/// them raw), so the parsed value carries the raw bytes.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A data folder with a record for a course the library lacks (its id and times are shown
/// as found) and files whose names and contents are hostile.
fn hostile_data(dir: &Path) {
    fs::write(
        dir.join("jdoe.toml"),
        format!(
            // The completion has its evidence (its one lesson's page seen), so export
            // writes statements carrying the hostile ids.
            "schema = 1\nlearner = \"jdoe\"\n\n[courses.evil]\nfirst_opened = \"2026-02-03T13:00:00-05:00\"\n\n[courses.{id}]\nfirst_opened = \"2026-02-03T13:00:00-05:00\"\ncompleted = \"2026-02-03T14:05:00-05:00\"\ncompleted_version = {version}\ncompleted_hours = 1.0\n\n[courses.{id}.lessons.{id}]\npage = 1\nviewed_at = \"2026-02-03T14:00:00-05:00\"\npages_seen = [1]\npages_total = 1\n",
            id = toml_string("x\x1b]0;PWNED\x07\u{202e}y"),
            version = toml_string(EVIL)
        ),
    )
    .unwrap();
    if cfg!(unix) {
        // File names are text from the disk too.
        fs::write(dir.join("bad\x1b]0;PWNED\x07\u{202e}.toml"), "not = [toml").unwrap();
    }
    fs::write(dir.join("broken.toml"), format!("schema = 1\n{EVIL} = [\n")).unwrap();
}

#[test]
fn check_messages_and_snippets_are_inert() {
    let root = tempfile::tempdir().unwrap();
    hostile_courses(root.path());
    let data = tempfile::tempdir().unwrap();
    let (out, _) = run(
        rollcall(root.path(), data.path())
            .arg("check")
            .arg(root.path()),
        "check",
    );
    assert!(out.contains("error"), "{out}");
    run(
        rollcall(root.path(), data.path())
            .args(["check", "--format", "json"])
            .arg(root.path()),
        "check --format json",
    );
}

#[test]
fn preview_headers_and_toml_error_snippets_are_inert() {
    let root = tempfile::tempdir().unwrap();
    hostile_courses(root.path());
    let data = tempfile::tempdir().unwrap();
    let (out, _) = run(
        rollcall(root.path(), data.path()).args(["preview", "evil", "--plain"]),
        "preview",
    );
    assert!(out.contains("Eviltxt.exeEnd"), "{out}");
    let (_, err) = run(
        rollcall(root.path(), data.path()).args(["preview", "broken"]),
        "preview of a course that does not parse",
    );
    assert!(err.contains("error"), "{err}");
}

#[test]
fn report_and_progress_tables_and_skip_messages_are_inert() {
    let root = tempfile::tempdir().unwrap();
    hostile_courses(root.path());
    let data = tempfile::tempdir().unwrap();
    hostile_data(data.path());
    for format in ["table", "csv", "json"] {
        let (out, err) = run(
            rollcall(root.path(), data.path()).args(["report", "--format", format]),
            &format!("report --format {format}"),
        );
        assert!(out.contains("jdoe"), "{out}");
        assert!(err.contains("skipped"), "{err}");
        run(
            rollcall(root.path(), data.path()).args([
                "--learner",
                "jdoe",
                "progress",
                "--format",
                format,
            ]),
            &format!("progress --format {format}"),
        );
    }
    let (out, _) = run(
        rollcall(root.path(), data.path()).args([
            "export",
            "xapi",
            "--homepage",
            "https://lrs.example",
        ]),
        "export xapi",
    );
    let statements: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(statements.as_array().is_some_and(|a| !a.is_empty()));
}

/// Every cell of the TUI drawn over the hostile course: no character a terminal could act on
/// and no escape's payload (ratatui drops C0 controls itself, not bidi or zero-width ones,
/// and not the text after an ESC).
#[test]
fn tui_screens_over_a_hostile_course_are_inert() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use rollcall::app::{App, Msg};

    let root = tempfile::tempdir().unwrap();
    hostile_courses(root.path());
    let library = rollcall::course::load_library(root.path()).unwrap();
    let mut app = App::new(library, "t", rollcall::progress::Progress::new("t"));
    let now: jiff::Zoned = "2026-11-24T10:00:00-05:00[-05:00]".parse().unwrap();
    let _ = app.update(Msg::Resize(120, 30), &now);
    for step in ["library", "course", "lesson"] {
        let mut terminal = Terminal::new(TestBackend::new(120, 30)).unwrap();
        terminal.draw(|f| rollcall::ui::view(&app, f)).unwrap();
        let buf = terminal.backend().buffer();
        let text: String = buf
            .content()
            .iter()
            .map(ratatui::buffer::Cell::symbol)
            .collect();
        assert_inert(&format!("the {step} screen"), text.as_bytes());
        assert!(!text.contains("[2J"), "the {step} screen: {text}");
        let _ = app.update(Msg::Enter, &now);
    }
}
