//! Reading defects from the walk-through (issue 16), each named for what it checks.

use super::{
    Harness, Msg, Overlay, SaveState, Screen, course_library, flat, key, lesson, pass_quiz,
};

#[test]
fn space_and_pagedown_scroll_before_turning_the_page() {
    use ratatui::crossterm::event::KeyCode;
    let courses = tempfile::tempdir().unwrap();
    let long = (1..=60)
        .map(|i| format!("Line {i} of the long page.\n\n"))
        .collect::<Vec<_>>()
        .concat();
    let text = format!("# Long\n\n{long}---\n\n## Second page\n\nShort.\n");
    course_library(courses.path(), &[("long", "Long Course", "S.", &text)]);
    for turn in [KeyCode::PageDown, KeyCode::Char(' ')] {
        let mut h = Harness::with(courses.path(), None);
        h.open_first_lesson();
        key(&mut h, turn);
        assert_eq!(
            lesson(&h).page,
            0,
            "{turn:?} turned the page before its end"
        );
        assert!(lesson(&h).scroll > 0, "{turn:?} did not scroll");
        for _ in 0..30 {
            if h.screen_text(80, 24).contains("Line 60 of") {
                break;
            }
            key(&mut h, turn);
        }
        assert_eq!(lesson(&h).page, 0);
        assert!(h.screen_text(80, 24).contains("Line 60 of"));
        key(&mut h, turn);
        assert_eq!(lesson(&h).page, 1, "{turn:?} at the bottom turns the page");
    }
    // n and Right still turn at once.
    for turn in [KeyCode::Char('n'), KeyCode::Right] {
        let mut h = Harness::with(courses.path(), None);
        h.open_first_lesson();
        key(&mut h, turn);
        assert_eq!(lesson(&h).page, 1, "{turn:?}");
    }
}

#[test]
fn course_screen_shows_unread_pages_and_done_needs_every_page() {
    let mut h = Harness::new();
    h.open_first_lesson();
    // Straight to the last page, past it to the quiz, and pass it: page 2 was never read.
    h.send(&[Msg::LastPage, Msg::NextPage]);
    pass_quiz(&mut h);
    h.send(&[Msg::Back]);
    assert!(matches!(h.app.screen, Screen::Course(_)));
    let text = h.screen_text(80, 24);
    let row = text.lines().find(|l| l.contains("First Lesson")).unwrap();
    assert!(row.contains("1 page unread"), "{text}");
    assert!(!row.contains('✓'), "done with a page unread: {text}");
}

#[test]
fn help_scrolls_at_40x10_and_closes_only_on_esc_question_mark_or_q() {
    use ratatui::crossterm::event::KeyCode;
    let mut h = Harness::new();
    h.send(&[Msg::Resize(40, 10)]);
    key(&mut h, KeyCode::Char('?'));
    assert_eq!(h.app.overlay, Some(Overlay::Help { scroll: 0 }));
    assert!(!h.screen_text(40, 10).contains("switch learner"));
    key(&mut h, KeyCode::Char('x'));
    key(&mut h, KeyCode::Enter);
    assert!(
        matches!(h.app.overlay, Some(Overlay::Help { .. })),
        "help closed on any key"
    );
    for _ in 0..40 {
        key(&mut h, KeyCode::Down);
    }
    let end = h.screen_text(40, 10);
    assert!(
        end.contains("closes it."),
        "scrolled to the last line: {end}"
    );
    key(&mut h, KeyCode::Esc);
    assert_eq!(h.app.overlay, None);
    key(&mut h, KeyCode::Char('?'));
    key(&mut h, KeyCode::Char('?'));
    assert_eq!(h.app.overlay, None, "? closes help");
    key(&mut h, KeyCode::Char('?'));
    key(&mut h, KeyCode::Char('q'));
    assert_eq!(h.app.overlay, None, "q closes help");
    assert!(!h.app.quitting, "q in help closes it rather than quitting");
}

#[test]
fn narrow_lists_drop_the_status_column_before_the_title() {
    let mut h = Harness::new();
    h.send(&[Msg::Resize(40, 10), Msg::Enter]);
    let text = h.screen_text(40, 10);
    assert!(text.contains("1. First Lesson"), "{text}");
    assert!(text.contains("2. Second Lesson"), "{text}");
}

#[test]
fn long_errors_wrap_in_the_notice_instead_of_being_cut() {
    let root = tempfile::tempdir().unwrap();
    let courses = root
        .path()
        .join("a-folder-with-a-rather-long-name-for-the-department-courses");
    course_library(&courses, &[("gone", "Gone", "S.", "# Gone\n\nText.\n")]);
    let mut h = Harness::with(&courses, None);
    let path = courses.join("gone/01-only.md");
    std::fs::remove_file(&path).unwrap();
    h.send(&[Msg::Enter, Msg::Enter]);
    let why = rollcall::course::read_text_file(&path)
        .unwrap_err()
        .to_string();
    let last = why.split_whitespace().last().unwrap().to_string();
    let text = h.screen_text(80, 24);
    assert!(flat(&text).contains("Cannot open lesson"), "{text}");
    assert!(
        flat(&text).contains(&last),
        "the reason was cut: {why}\n{text}"
    );
}

#[test]
fn wide_library_keeps_gauges_beside_titles_and_shows_whole_summaries() {
    let courses = tempfile::tempdir().unwrap();
    let summary = format!("{}the end.", "Words of a long summary ".repeat(7));
    course_library(
        courses.path(),
        &[("wide", "Wide Course", &summary, "# W\n\nText.\n")],
    );
    let h = Harness::with(courses.path(), None);
    let text = h.screen_text(200, 50);
    assert!(text.contains("the end."), "summary cut: {text}");
    let row: Vec<char> = text
        .lines()
        .find(|l| l.contains("Wide Course"))
        .unwrap()
        .chars()
        .collect();
    let s: String = row.iter().collect();
    let title_end = s[..s.find("Wide Course").unwrap()].chars().count() + "Wide Course".len();
    let gap = row[title_end..].iter().take_while(|c| **c == ' ').count();
    assert!(gap < 30, "gauge {gap} columns from the title: {s}");
}

#[test]
fn selection_is_marked_not_only_coloured() {
    use ratatui::crossterm::event::KeyCode;
    let mut h = Harness::new();
    h.app.settings.theme = rollcall::ui::ThemeName::Monochrome;
    let selected_row = |h: &Harness, what: &str| {
        let text = h.screen_text(80, 24);
        text.lines()
            .find(|l| l.contains(what))
            .unwrap_or_else(|| panic!("{what}: {text}"))
            .to_string()
    };
    assert!(selected_row(&h, "Sample Course").contains('▶'));
    h.send(&[Msg::Enter]);
    assert!(selected_row(&h, "First Lesson").contains('▶'));
    assert!(!selected_row(&h, "Second Lesson").contains('▶'));
    key(&mut h, KeyCode::Char('L'));
    h.send(&[Msg::Learners(vec!["asmith".into(), "tester".into()])]);
    assert!(selected_row(&h, "tester (current)").contains('▶'));
    assert!(!selected_row(&h, "asmith").contains('▶'));
}

#[test]
fn esc_from_results_selects_the_next_lesson() {
    let mut h = Harness::new();
    h.open_first_lesson();
    h.send(&[Msg::NextPage, Msg::NextPage, Msg::NextPage]);
    pass_quiz(&mut h);
    h.send(&[Msg::Back]);
    let Screen::Course(c) = &h.app.screen else {
        panic!("{:?}", h.app.screen)
    };
    assert_eq!(c.selected, 1);
}

#[test]
fn left_on_the_quiz_start_goes_back_to_the_last_page() {
    use ratatui::crossterm::event::KeyCode;
    let mut h = Harness::new();
    h.open_first_lesson();
    h.send(&[Msg::LastPage, Msg::NextPage]);
    assert!(matches!(h.app.screen, Screen::Quiz(_)));
    key(&mut h, KeyCode::Left);
    assert_eq!(lesson(&h).page, 2);
}

#[test]
fn quiz_header_names_the_quiz_once_in_full() {
    let mut h = Harness::new();
    h.open_first_lesson();
    h.send(&[Msg::LastPage, Msg::NextPage]);
    let text = h.screen_text(60, 24);
    let title_row = text.lines().nth(1).unwrap();
    assert!(title_row.contains("Sample quiz"), "{text}");
    assert!(!title_row.contains('…'), "{text}");
    assert_eq!(text.matches("Sample quiz").count(), 1, "{text}");
}

#[test]
fn number_keys_jump_in_the_library() {
    use ratatui::crossterm::event::KeyCode;
    let mut h = Harness::new();
    key(&mut h, KeyCode::Char('2'));
    let Screen::Library(l) = &h.app.screen else {
        panic!()
    };
    assert_eq!(l.selected, 1);
}

#[test]
fn the_library_starts_on_the_last_course_used_and_marks_started_courses() {
    let courses = tempfile::tempdir().unwrap();
    course_library(
        courses.path(),
        &[
            ("alpha", "Alpha Course", "A.", "# A\n\nText.\n"),
            ("beta", "Beta Course", "B.", "# B\n\nText.\n"),
        ],
    );
    let mut h = Harness::with(courses.path(), None);
    let row = |h: &Harness, what: &str| {
        let text = h.screen_text(80, 24);
        text.lines().find(|l| l.contains(what)).unwrap().to_string()
    };
    assert!(row(&h, "Beta Course").contains("not started"));
    h.send(&[Msg::Down, Msg::Enter, Msg::Enter, Msg::Back, Msg::Back]);
    assert!(!row(&h, "Beta Course").contains("not started"));
    assert!(row(&h, "Alpha Course").contains("not started"));
    let saved = h.app.progress.clone();
    let again = Harness::with(courses.path(), Some(saved));
    let Screen::Library(l) = &again.app.screen else {
        panic!()
    };
    assert_eq!(l.selected, 1, "the library opens on the course last used");
}

#[test]
fn a_long_notice_does_not_hide_the_end_of_the_page() {
    use ratatui::crossterm::event::KeyCode;
    let courses = tempfile::tempdir().unwrap();
    let long = (1..=60)
        .map(|i| format!("Line {i} of the long page.\n\n"))
        .collect::<Vec<_>>()
        .concat();
    let text = format!("# Long\n\n{long}---\n\n## Second page\n\nShort.\n");
    course_library(courses.path(), &[("long", "Long Course", "S.", &text)]);
    let mut h = Harness::with(courses.path(), None);
    h.open_first_lesson();
    for _ in 0..150 {
        key(&mut h, KeyCode::Down);
    }
    assert_eq!(lesson(&h).page, 0);
    assert!(h.screen_text(80, 24).contains("Line 60 of"));
    // A save failing with a long reason takes three rows of the status line.
    h.app.save = SaveState::Failed(format!(
        "cannot write progress file {}: No space left on device (os error 28)",
        "/a/rather/long/path/to/the/data/folder".repeat(3)
    ));
    let screen = h.screen_text(80, 24);
    assert!(screen.contains("Line 60 of"), "{screen}");
    assert!(flat(&screen).contains("(will retry)"), "{screen}");
}
