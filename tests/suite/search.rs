//! Search across every course (`/`, `]`, `[`) and a lesson's outline (`o`), driven headlessly.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use std::path::Path;
use std::sync::{Arc, Mutex};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use rollcall::app::search::IndexState;
use rollcall::app::{App, Msg, Notice, Overlay, Screen};
use rollcall::course::load_library;
use rollcall::progress::Progress;
use rollcall::progress::store::Store;
use rollcall::runtime::{Runtime, drive};

fn fixed_clock() -> jiff::Zoned {
    "2026-11-24T10:00:00-05:00[-05:00]".parse().unwrap()
}

struct Harness {
    app: App,
    rt: Runtime,
    _dir: tempfile::TempDir,
}

impl Harness {
    fn new() -> Self {
        Self::with(Path::new("tests/fixtures/courses"))
    }

    fn with(courses: &Path) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let library = load_library(courses).unwrap();
        let store = Store::new(dir.path(), "tester").unwrap();
        let mut app = App::new(library, "tester", Progress::new("tester"));
        let mut rt = Runtime::new(dir.path().to_path_buf(), Some(store));
        rt.clock = fixed_clock;
        drive(&mut app, &mut rt, Msg::Resize(80, 24));
        Self { app, rt, _dir: dir }
    }

    fn send(&mut self, msgs: &[Msg]) {
        for m in msgs {
            drive(&mut self.app, &mut self.rt, m.clone());
        }
    }

    fn search(&mut self, query: &str) {
        self.send(&[Msg::Search]);
        let msgs: Vec<Msg> = query.chars().map(Msg::Input).collect();
        self.send(&msgs);
    }

    fn buffer(&self, w: u16, h: u16) -> Buffer {
        let mut app = self.app.clone();
        app.size = (w, h);
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal.draw(|f| rollcall::ui::view(&app, f)).unwrap();
        terminal.backend().buffer().clone()
    }

    fn text(&self, w: u16, h: u16) -> String {
        let buf = self.buffer(w, h);
        let mut out = String::new();
        for y in 0..h {
            for x in 0..w {
                out.push_str(buf[(x, y)].symbol());
            }
            out.push('\n');
        }
        out
    }

    fn lesson(&self) -> &rollcall::app::LessonState {
        let Screen::Lesson(l) = &self.app.screen else {
            panic!("not in a lesson: {:?}", self.app.screen)
        };
        l
    }
}

/// The text of the cells drawn bold and underlined (the match highlight in every theme), row
/// by row.
fn highlighted(buf: &Buffer) -> Vec<String> {
    let found = Modifier::BOLD | Modifier::UNDERLINED;
    let area = buf.area;
    (0..area.height)
        .map(|y| {
            (0..area.width)
                .filter(|&x| buf[(x, y)].modifier.contains(found))
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

#[test]
fn typing_lists_matches_ranked_with_their_place_and_the_match_marked() {
    let mut h = Harness::new();
    h.search("strong");
    assert_eq!(h.app.overlay, Some(Overlay::Search));
    assert_eq!(h.app.search.hits.len(), 1);
    let text = h.text(80, 24);
    assert!(text.contains("Search: strong"), "{text}");
    assert!(
        text.contains("Sample Course › First Lesson · page 2"),
        "{text}"
    );
    assert!(text.contains("Beta page text with strong words."), "{text}");
    // The match is marked by modifiers, not colour alone.
    assert_eq!(highlighted(&h.buffer(80, 24)), ["strong"]);
    // Fuzzy: a letter left out still finds it; a query word that is nowhere finds nothing.
    h.send(&vec![Msg::Backspace; 6]);
    h.send(&"strng".chars().map(Msg::Input).collect::<Vec<_>>());
    assert!(!h.app.search.hits.is_empty());
    h.send(&" zzzqqq".chars().map(Msg::Input).collect::<Vec<_>>());
    assert!(h.app.search.hits.is_empty());
    assert!(h.text(80, 24).contains("No matches."));
}

#[test]
fn enter_opens_the_page_of_the_match_scrolled_to_it_and_highlighted() {
    let mut h = Harness::new();
    h.search("gamma");
    assert_eq!(h.app.search.hits.len(), 2, "heading and line on page 3");
    h.send(&[Msg::Enter]);
    assert_eq!(h.app.overlay, None);
    let l = h.lesson();
    assert_eq!((l.course, l.lesson, l.page), (0, 0, 2));
    assert_eq!(h.app.status, Some(Notice::SearchMatch { n: 1, of: 2 }));
    let text = h.text(80, 24);
    assert!(text.contains("Gamma page text, the last one."), "{text}");
    assert!(
        text.contains("]/[ match"),
        "the footer names the keys: {text}"
    );
    assert!(
        highlighted(&h.buffer(80, 24))
            .iter()
            .all(|s| s.eq_ignore_ascii_case("gamma")),
        "{:?}",
        highlighted(&h.buffer(80, 24))
    );
    // The page was recorded as seen, as reading it would.
    let lesson = h
        .app
        .progress
        .lesson(&h.app.library.courses[0].id, "01-first");
    assert!(lesson.is_some_and(|l| l.pages_seen.contains(3)));
}

#[test]
fn brackets_step_through_matches_and_esc_in_the_box_ends_the_search() {
    let mut h = Harness::new();
    // `]` with no search says how to start one.
    h.send(&[Msg::NextMatch]);
    assert_eq!(h.app.status, Some(Notice::NoSearch));
    h.search("page");
    let n = h.app.search.hits.len();
    assert!(n >= 4, "{n}");
    h.send(&[Msg::Enter]);
    let first = (h.lesson().lesson, h.lesson().page);
    h.send(&[Msg::NextMatch]);
    assert_eq!(h.app.search.current, Some(1));
    assert_eq!(h.app.status, Some(Notice::SearchMatch { n: 2, of: n }));
    h.send(&[Msg::PrevMatch]);
    assert_eq!((h.lesson().lesson, h.lesson().page), first);
    // Backwards from the first wraps to the last.
    h.send(&[Msg::PrevMatch]);
    assert_eq!(h.app.search.current, Some(n - 1));
    // Forwards from the last wraps to the first; `n` and `p` stay page keys meanwhile.
    h.send(&[Msg::NextMatch]);
    assert_eq!(h.app.search.current, Some(0));
    let page = h.lesson().page;
    h.send(&[Msg::NextPage]);
    assert_eq!(h.lesson().page, page + 1);
    // Matches in another lesson replace the reader: Esc goes back where the search started.
    h.send(&[Msg::Back]);
    assert!(
        matches!(h.app.screen, Screen::Library(_)),
        "{:?}",
        h.app.screen
    );
    // Reopening shows the same search; Esc in the box ends it.
    h.send(&[Msg::Search]);
    assert_eq!(h.app.search.query, "page");
    h.send(&[Msg::Back]);
    assert_eq!(h.app.overlay, None);
    assert!(!h.app.search.active());
    h.send(&[Msg::NextMatch]);
    assert_eq!(h.app.status, Some(Notice::NoSearch));
}

#[test]
fn reopening_the_box_offers_the_last_search_and_typing_starts_a_new_one() {
    let mut h = Harness::new();
    h.search("page");
    h.send(&[Msg::Enter, Msg::Search]);
    // The last search is listed again, and said to be replaced by typing.
    assert_eq!(h.app.search.query, "page");
    let text = h.text(80, 24);
    assert!(text.contains("typing starts a new search"), "{text}");
    // Moving through its matches keeps it whole; the first letter starts anew.
    h.send(&[Msg::Down, Msg::Input('q')]);
    assert_eq!(h.app.search.query, "q");
    h.send(&[Msg::Input('u')]);
    assert_eq!(h.app.search.query, "qu", "only the first letter replaces");
    // Backspace on the offered search takes it all.
    h.send(&[Msg::Back]);
    h.search("page");
    h.send(&[Msg::Enter, Msg::Search, Msg::Backspace]);
    assert_eq!(h.app.search.query, "");
}

#[test]
fn the_index_is_built_in_the_background_and_the_box_says_indexing_until_then() {
    let mut h = Harness::new();
    let posted: Arc<Mutex<Vec<Msg>>> = Arc::default();
    let sink = posted.clone();
    h.rt.post = Some(Arc::new(move |m| sink.lock().unwrap().push(m)));
    h.search("dispatch");
    assert_eq!(h.app.search.index, IndexState::Building);
    assert!(h.text(80, 24).contains("indexing…"));
    assert!(h.app.search.hits.is_empty());
    // The index arrives as a message; what was typed meanwhile is answered.
    let msg = loop {
        if let Some(m) = posted.lock().unwrap().pop() {
            break m;
        }
        std::thread::yield_now();
    };
    assert!(matches!(msg, Msg::IndexBuilt { .. }));
    h.send(&[msg]);
    assert_eq!(h.app.search.hits.len(), 1);
    // Built once: opening the box again asks for nothing.
    h.send(&[Msg::Back, Msg::Search]);
    assert!(posted.lock().unwrap().is_empty());
    assert!(matches!(h.app.search.index, IndexState::Ready(_)));
}

#[test]
fn search_waits_while_a_quiz_attempt_is_under_way() {
    let mut h = Harness::new();
    h.send(&[
        Msg::Enter,
        Msg::Enter,
        Msg::LastPage,
        Msg::NextPage,
        Msg::Enter,
    ]);
    assert!(h.app.screen.in_attempt());
    h.send(&[Msg::Search]);
    assert_eq!(h.app.overlay, None);
    assert_eq!(h.app.status, Some(Notice::FinishQuizFirst));
}

#[test]
fn snapshots_with_styles_of_the_box_and_the_highlighted_page() {
    let mut h = Harness::new();
    h.search("text");
    insta::assert_snapshot!("search_box_80x24", h.text(80, 24));
    insta::assert_debug_snapshot!("search_box_80x24_styles", h.buffer(80, 24));
    insta::assert_debug_snapshot!("search_box_40x10_styles", h.buffer(40, 10));
    h.send(&[Msg::Down, Msg::Enter]);
    insta::assert_snapshot!("search_page_80x24", h.text(80, 24));
    insta::assert_debug_snapshot!("search_page_80x24_styles", h.buffer(80, 24));
    insta::assert_debug_snapshot!("search_page_40x10_styles", h.buffer(40, 10));
}

#[test]
fn outline_lists_headings_with_pages_and_enter_goes_there() {
    let mut h = Harness::new();
    h.send(&[Msg::Enter, Msg::Enter]);
    h.send(&[Msg::Outline]);
    let Some(Overlay::Outline(o)) = &h.app.overlay else {
        panic!("no outline: {:?}", h.app.overlay)
    };
    let titles: Vec<(&str, usize)> = o.items.iter().map(|(_, t, p)| (t.as_str(), *p)).collect();
    assert_eq!(
        titles,
        [("First Lesson", 0), ("Beta page", 1), ("Gamma page", 2)]
    );
    insta::assert_snapshot!("outline_80x24", h.text(80, 24));
    insta::assert_debug_snapshot!("outline_40x10_styles", h.buffer(40, 10));
    h.send(&[Msg::Down, Msg::Down, Msg::Enter]);
    assert_eq!(h.app.overlay, None);
    assert_eq!(h.lesson().page, 2);
    // Esc closes it without moving.
    h.send(&[Msg::Outline, Msg::Up, Msg::Back]);
    assert_eq!(h.app.overlay, None);
    assert_eq!(h.lesson().page, 2);
}

#[test]
fn tiny_terminals_never_panic_with_search_or_outline_open() {
    let mut h = Harness::new();
    h.send(&[Msg::Enter, Msg::Enter, Msg::Outline]);
    let outline = h.app.overlay.clone();
    h.send(&[Msg::Back]);
    h.search("page");
    let search = h.app.overlay.clone();
    for overlay in [outline, search] {
        h.app.overlay.clone_from(&overlay);
        for w in [1, 2, 5, 10, 20, 39, 40, 41, 60] {
            for hh in [1, 2, 3, 5, 9, 10, 11, 14] {
                let _ = h.buffer(w, hh);
            }
        }
    }
    // And the highlighted reader.
    h.app.overlay = Some(Overlay::Search);
    h.send(&[Msg::Enter]);
    for w in [1, 10, 40, 41] {
        for hh in [1, 5, 10, 11] {
            let _ = h.buffer(w, hh);
        }
    }
}

#[test]
fn escape_bytes_in_a_lesson_never_reach_the_results() {
    let dir = tempfile::tempdir().unwrap();
    let course = dir.path().join("evil");
    std::fs::create_dir_all(&course).unwrap();
    std::fs::write(
        course.join("course.toml"),
        "title = \"Evil\"\nsummary = \"s\"\nversion = \"1\"\nhours = 1.0\n\n[[lessons]]\nfile = \"01-a.md\"\n",
    )
    .unwrap();
    std::fs::write(
        course.join("01-a.md"),
        "# Head\u{1b}[2J\n\nThe \u{1b}]0;PWNED\u{7}zebra\u{1b}[31m crossing.\n",
    )
    .unwrap();
    let mut h = Harness::with(dir.path());
    h.search("zebra");
    assert_eq!(h.app.search.hits.len(), 1);
    let text = h.text(80, 24);
    assert!(
        !text.contains('\u{1b}') && !text.contains("PWNED"),
        "{text}"
    );
    assert!(text.contains("zebra crossing."), "{text}");
}

fn plain_run(input: &str) -> String {
    let h = Harness::new();
    let Harness { app, mut rt, _dir } = h;
    let mut out = Vec::new();
    rollcall::plain::run(app, &mut rt, &mut input.as_bytes(), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn screen_reader_searches_with_a_slash_and_opens_a_numbered_match() {
    let out = plain_run("/strong\n1\no\n3\n]\nq\n");
    assert!(out.contains("Search for strong: 1 match"), "{out}");
    assert!(
        out.contains("1. Sample Course › First Lesson · page 2: Beta page text with strong words."),
        "{out}"
    );
    assert!(out.contains("page 2 of 3."), "{out}");
    assert!(out.contains("Match 1 of 1"), "{out}");
    assert!(out.contains("Outline of First Lesson:"), "{out}");
    assert!(out.contains("3. Gamma page, page 3"), "{out}");
    assert!(out.contains("page 3 of 3."), "{out}");
    assert!(
        out.bytes().all(|b| b == b'\n' || b >= 0x20),
        "a control byte"
    );
}
