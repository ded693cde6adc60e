//! Every screen at every size and in every theme: snapshots, no panics, no colour where none is wanted.

use super::{Harness, Msg, QuizPhase, Runtime, Screen, Terminal, TestBackend, drive};

#[test]
fn library_lists_good_and_broken_courses() {
    let h = Harness::new();
    let text = h.screen_text(80, 24);
    assert!(text.contains("Sample Course"), "{text}");
    assert!(text.contains("broken (cannot be opened)"), "{text}");
    assert!(text.contains("unknown key `colour`"), "{text}");
    assert!(text.contains("learner: tester"), "{text}");
}

#[test]
fn every_screen_survives_any_size() {
    let mut h = Harness::new();
    let mut screens = vec![h.app.clone()];
    h.send(&[Msg::Enter]);
    screens.push(h.app.clone());
    h.send(&[Msg::Enter]);
    screens.push(h.app.clone());
    h.send(&[Msg::LastPage, Msg::NextPage]);
    screens.push(h.app.clone());
    h.send(&[Msg::Enter]);
    screens.push(h.app.clone());
    h.send(&[Msg::Help]);
    screens.push(h.app.clone());
    for app in screens {
        for (w, hgt) in [
            (1, 1),
            (2, 1),
            (10, 5),
            (39, 9),
            (40, 10),
            (80, 24),
            (200, 50),
        ] {
            let mut a = app.clone();
            let mut rt = Runtime::new(std::env::temp_dir(), None);
            drive(&mut a, &mut rt, Msg::Resize(w, hgt));
            let mut terminal = Terminal::new(TestBackend::new(w, hgt)).unwrap();
            terminal.draw(|f| rollcall::ui::view(&a, f)).unwrap();
        }
    }
    let small = h.screen_text(39, 9);
    assert!(small.contains("Please enlarge"), "{small}");
}

#[test]
fn resize_keeps_the_reader_in_place() {
    let mut h = Harness::new();
    h.open_first_lesson();
    h.send(&[Msg::NextPage, Msg::Resize(50, 20), Msg::Resize(120, 40)]);
    let Screen::Lesson(l) = &h.app.screen else {
        panic!()
    };
    assert_eq!(l.page, 1);
    assert_eq!(l.width, 100, "text column is capped for readability");
}

#[test]
fn no_color_draws_no_colours() {
    let mut h = Harness::new();
    h.app.settings.theme = rollcall::ui::ThemeName::Monochrome;
    h.open_first_lesson();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| rollcall::ui::view(&h.app, f)).unwrap();
    let buf = terminal.backend().buffer();
    for cell in &buf.content {
        assert_eq!(
            cell.fg,
            ratatui::style::Color::Reset,
            "cell {:?}",
            cell.symbol()
        );
        assert_eq!(cell.bg, ratatui::style::Color::Reset);
    }
}

#[test]
fn snapshots_of_each_screen() {
    let mut h = Harness::new();
    snapshot!("library", h.screen_text(80, 24));
    h.send(&[Msg::Enter]);
    snapshot!("course", h.screen_text(80, 24));
    h.send(&[Msg::Enter, Msg::NextPage]);
    snapshot!("lesson", h.screen_text(80, 24));
    h.send(&[Msg::Help]);
    snapshot!("help", h.screen_text(80, 24));
    h.send(&[Msg::Back, Msg::LastPage, Msg::NextPage]);
    snapshot!("quiz_start", h.screen_text(80, 24));
    h.send(&[Msg::Enter]);
    snapshot!("question_pick_one", h.screen_text(80, 24));
    h.answer(true);
    h.send(&[Msg::Pick(1)]);
    snapshot!("question_select_all", h.screen_text(80, 24));
    h.send(&[Msg::Pick(2), Msg::Enter]);
    snapshot!("feedback", h.screen_text(80, 24));
    h.send(&[Msg::Enter]);
    snapshot!("question_true_false", h.screen_text(80, 24));
    h.answer(true);
    h.send(&[Msg::Input('9'), Msg::Input('8')]);
    snapshot!("question_typed", h.screen_text(80, 24));
    h.send(&[Msg::Input('8'), Msg::Enter, Msg::Enter]);
    snapshot!("question_order", h.screen_text(80, 24));
    h.answer(false);
    snapshot!("results", h.screen_text(80, 24));
    h.send(&[Msg::Back, Msg::Record]);
    snapshot!("my_record", h.screen_text(80, 24));
}

/// At 40 columns a footer leaves out whole hints, moving first, rather than cutting one
/// mid-word: help and the primary action stay.
#[test]
fn footers_at_40x10_drop_whole_hints_and_keep_help_and_the_primary_action() {
    let mut h = Harness::new();
    h.send(&[Msg::Resize(40, 10)]);
    let library = h.screen_text(40, 10);
    snapshot!("library_40x10", library);
    let footer = library.lines().last().unwrap();
    assert!(
        footer.contains("Enter open") && footer.contains("? help"),
        "{footer}"
    );
    h.send(&[Msg::Enter, Msg::Enter, Msg::NextPage]);
    let lesson = h.screen_text(40, 10);
    snapshot!("lesson_40x10", lesson);
    let footer = lesson.lines().last().unwrap();
    assert!(
        footer.contains("←/→ page") && footer.contains("? help"),
        "{footer}"
    );
}

/// Every theme on the main screens, with styles: a role that loses its colour must still
/// show (selection mark, ✓/✗ words), and no colour leaks into monochrome or high contrast.
#[test]
fn snapshots_of_the_main_screens_in_each_theme() {
    use rollcall::ui::ThemeName;
    for theme in ThemeName::ALL {
        let mut h = Harness::new();
        h.app.settings.theme = theme;
        let mut shots = vec![("library", h.screen_styled(80, 24))];
        h.send(&[Msg::Enter]);
        shots.push(("course", h.screen_styled(80, 24)));
        h.send(&[Msg::Enter, Msg::NextPage]);
        shots.push(("lesson", h.screen_styled(80, 24)));
        h.send(&[Msg::LastPage, Msg::NextPage, Msg::Enter]);
        shots.push(("question", h.screen_styled(80, 24)));
        while matches!(&h.app.screen, Screen::Quiz(q) if !matches!(q.phase, QuizPhase::Results(_)))
        {
            h.answer(false);
        }
        shots.push(("results", h.screen_styled(80, 24)));
        for (screen, shot) in shots {
            if matches!(theme, ThemeName::Monochrome | ThemeName::HighContrast) {
                let colours = shot
                    .lines()
                    .filter(|l| l.contains("fg:") || l.contains("bg:"))
                    .filter(|l| {
                        !(l.contains("fg: Reset") || l.contains("fg: White"))
                            || !(l.contains("bg: Reset") || l.contains("bg: Black"))
                    })
                    .count();
                assert_eq!(colours, 0, "{theme} {screen}: {shot}");
            }
            snapshot!(format!("theme_{theme}_{screen}"), shot);
        }
    }
}

#[test]
fn random_keys_at_random_sizes_never_panic() {
    let mut rng = fastrand::Rng::with_seed(2026);
    let keys = [
        Msg::Up,
        Msg::Down,
        Msg::Enter,
        Msg::Enter,
        Msg::Back,
        Msg::Help,
        Msg::NextPage,
        Msg::NextPage,
        Msg::PrevPage,
        Msg::FirstPage,
        Msg::LastPage,
        Msg::Toggle,
        Msg::Pick(1),
        Msg::Pick(3),
        Msg::Pick(9),
        Msg::TrueFalse(true),
        Msg::Input('x'),
        Msg::Backspace,
        Msg::CursorLeft,
        Msg::CursorRight,
        Msg::Retake,
        Msg::Record,
        Msg::SwitchLearner,
        Msg::Confirm(false),
        Msg::Confirm(true),
        Msg::Discard,
        Msg::Quit,
        Msg::FileChanged,
    ];
    for _ in 0..20 {
        let mut h = Harness::new();
        for _ in 0..300 {
            let msg = if rng.u8(..20) == 0 {
                Msg::Resize(rng.u16(1..220), rng.u16(1..60))
            } else {
                keys[rng.usize(..keys.len())].clone()
            };
            h.send(&[msg]);
            if rng.u8(..10) == 0 {
                let (w, hh) = h.app.size;
                let _ = h.screen_text(w.max(1), hh.max(1));
            }
        }
    }
}

#[test]
fn emoji_titles_fit_the_header() {
    use unicode_width::UnicodeWidthStr;
    let mut h = Harness::new();
    h.app.library.courses[0].title = "☺\u{FE0F}".repeat(60);
    // The header row as a terminal shows it: a wide symbol covers the cell after it.
    let header_row = |h: &Harness, w: u16| {
        let mut app = h.app.clone();
        app.size = (w, 24);
        let mut terminal = Terminal::new(TestBackend::new(w, 24)).unwrap();
        terminal.draw(|f| rollcall::ui::view(&app, f)).unwrap();
        let buf = terminal.backend().buffer().clone();
        let (mut x, mut row) = (0, String::new());
        while x < w {
            let sym = buf[(x, 0)].symbol();
            row.push_str(sym);
            x += u16::try_from(sym.width().max(1)).unwrap();
        }
        row
    };
    // The title is cut with '…' so the learner's name still shows at the right, and nothing
    // spills past the edge.
    let header_fits = |h: &Harness, w: u16| {
        let header = header_row(h, w);
        assert!(header.width() <= usize::from(w), "{w}: {header:?}");
        assert!(
            header.trim_end().ends_with("learner: tester"),
            "{w}: {header:?}"
        );
        header
    };
    for w in [40, 80, 81] {
        header_fits(&h, w);
    }
    h.send(&[Msg::Enter]);
    let header = header_fits(&h, 80);
    assert!(header.contains('☺') && header.contains('…'), "{header:?}");
}

#[test]
fn keys_do_nothing_while_the_terminal_is_too_small() {
    use ratatui::crossterm::event::KeyCode;
    let mut h = Harness::new();
    h.send(&[Msg::Resize(30, 8)]);
    let key = |c| ratatui::crossterm::event::KeyEvent::from(c);
    assert_eq!(
        rollcall::keymap::key_to_msg(&h.app, key(KeyCode::Enter)),
        None
    );
    assert_eq!(
        rollcall::keymap::key_to_msg(&h.app, key(KeyCode::Char('j'))),
        None
    );
    assert_eq!(
        rollcall::keymap::key_to_msg(&h.app, key(KeyCode::Char('q'))),
        Some(Msg::Quit)
    );
}

#[test]
fn wrapped_lines_in_a_box_keep_a_column_from_its_border() {
    let mut h = Harness::new();
    h.send(&[Msg::Resize(40, 20), Msg::Help]);
    let text = h.screen_text(40, 20);
    // Every row inside the help box: a blank column after the left border and before the
    // right one (continuation lines started against the border: '│scroll').
    let rows: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with('│') && l.ends_with('│'))
        .collect();
    assert!(rows.len() > 5, "{text}");
    for row in rows {
        let inner: Vec<char> = row.chars().collect();
        assert!(
            inner[1] == ' ' && inner[inner.len() - 2] == ' ',
            "text against the border: {row:?}\n{text}"
        );
    }
}
