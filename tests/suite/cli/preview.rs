//! `rollcall preview` and `rollcall scenario graph`: pages, checks and scenarios as text.

use super::{Path, fixtures, preview, preview_courses, rollcall, scenario_courses};

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
fn preview_prints_a_scenario_as_text() {
    let tmp = scenario_courses();
    let (out, err, code) = preview(tmp.path(), &["demo/2"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(preview(tmp.path(), &["demo/02-practice-call"]).0, out);
    snapshot!("preview_scenario", out);
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
    snapshot!("scenario_graph", dot);
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

    // A file that is not there: that, and no advice to check its course.
    let out = rollcall(tmp.path())
        .args(["scenario", "graph", "missing.scenario.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cannot open"), "{stderr}");
    assert!(!stderr.contains("rollcall check"), "{stderr}");
}
