//! The Settings screen and the settings file, driven headlessly: a change applies at once,
//! is written to the file, and the screen-reader front end can do the same.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use std::path::{Path, PathBuf};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rollcall::app::{App, Msg, Screen};
use rollcall::course::load_library;
use rollcall::progress::Progress;
use rollcall::progress::store::Store;
use rollcall::runtime::{Runtime, drive};
use rollcall::ui::ThemeName;

struct Harness {
    app: App,
    rt: Runtime,
    dir: tempfile::TempDir,
}

impl Harness {
    /// The fixture courses, with the settings file in a temporary config folder.
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let library = load_library(Path::new("tests/fixtures/courses")).unwrap();
        let store = Store::new(dir.path(), "tester").unwrap();
        let mut app = App::new(library, "tester", Progress::new("tester"));
        app.settings.path = Some(dir.path().join("config/rollcall/settings.toml"));
        let mut rt = Runtime::new(dir.path().to_path_buf(), Some(store));
        drive(&mut app, &mut rt, Msg::Resize(80, 24));
        Self { app, rt, dir }
    }

    fn send(&mut self, msgs: &[Msg]) {
        for m in msgs {
            drive(&mut self.app, &mut self.rt, m.clone());
        }
    }

    fn file(&self) -> PathBuf {
        self.dir.path().join("config/rollcall/settings.toml")
    }

    fn screen_text(&self, w: u16, h: u16) -> String {
        let mut app = self.app.clone();
        app.size = (w, h);
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal.draw(|f| rollcall::ui::view(&app, f)).unwrap();
        let buf = terminal.backend().buffer().clone();
        let mut out = String::new();
        for y in 0..h {
            for x in 0..w {
                out.push_str(buf[(x, y)].symbol());
            }
            out.push('\n');
        }
        out
    }
}

#[test]
fn the_settings_screen_changes_the_theme_at_once_and_saves_it() {
    let mut h = Harness::new();
    h.send(&[Msg::Settings]);
    assert!(matches!(h.app.screen, Screen::Settings(_)));
    let text = h.screen_text(80, 24);
    assert!(text.contains("▶ Theme"), "{text}");
    assert!(text.contains("settings.toml"), "the file is shown: {text}");
    assert!(!h.file().exists(), "nothing is written before a change");
    h.send(&[Msg::NextPage]);
    assert_eq!(h.app.settings.theme, ThemeName::Light);
    let file = std::fs::read_to_string(h.file()).unwrap();
    assert_eq!(file, "theme = \"light\"\n");
    let text = h.screen_text(80, 24);
    assert!(text.contains("Theme saved."), "{text}");
    let tmp = h.dir.path().to_str().unwrap();
    insta::assert_snapshot!("settings_screen", text.replace(tmp, "<tmp>"));
    // Back to the library, which is drawn in the new theme.
    h.send(&[Msg::Back]);
    assert!(matches!(h.app.screen, Screen::Library(_)));
    assert_eq!(h.app.settings.theme, ThemeName::Light);
}

#[test]
fn the_reading_width_applies_to_the_open_lesson_and_is_centred() {
    let mut h = Harness::new();
    h.send(&[Msg::Resize(200, 50), Msg::Enter, Msg::Enter]);
    let Screen::Lesson(l) = &h.app.screen else {
        panic!("no lesson")
    };
    assert_eq!(l.width, 100, "the default reading width");
    // S, down to the reading width, four steps narrower, back to the page.
    h.send(&[Msg::Settings, Msg::Down]);
    h.send(&[Msg::PrevPage, Msg::PrevPage, Msg::PrevPage, Msg::PrevPage]);
    assert_eq!(h.app.settings.reading_width, 60);
    assert!(
        std::fs::read_to_string(h.file())
            .unwrap()
            .contains("reading_width = 60")
    );
    h.send(&[Msg::Back]);
    let Screen::Lesson(l) = &h.app.screen else {
        panic!("not back at the lesson")
    };
    assert_eq!(l.width, 60);
    assert!(l.lines.iter().all(|line| line.width() <= 60));
    // Centred: the text starts (200 - 60) / 2 columns in.
    let text = h.screen_text(200, 50);
    let first = l.lines.iter().find(|l| l.width() > 0).unwrap().to_string();
    // Below the header and the lesson title bar.
    let row = text
        .lines()
        .skip(2)
        .find(|r| r.contains(first.trim()))
        .unwrap();
    let indent = row.chars().take_while(|c| *c == ' ').count();
    let lead = first.chars().take_while(|c| *c == ' ').count();
    assert_eq!(indent - lead, 70, "{row:?}");
}

#[test]
fn a_typed_value_is_kept_and_a_bad_one_is_refused() {
    let mut h = Harness::new();
    // Down to the default learner, Enter to type, a name, Enter.
    h.send(&[Msg::Settings, Msg::Down, Msg::Down, Msg::Enter]);
    for c in "jdoe".chars() {
        h.send(&[Msg::Input(c)]);
    }
    // While typing, letters are text, not commands (S would close the screen).
    h.send(&[Msg::Enter]);
    assert_eq!(h.app.settings.learner.as_deref(), Some("jdoe"));
    assert!(
        h.screen_text(80, 24)
            .contains("Default learner saved; it applies from the next start.")
    );
    h.send(&[Msg::SetSetting {
        key: rollcall::config::Key::ReadingWidth,
        text: "7".into(),
    }]);
    assert_eq!(h.app.settings.reading_width, 100);
    assert!(
        h.screen_text(80, 24)
            .contains("Reading width must be a number of columns from 40 to 240.")
    );
    let file = std::fs::read_to_string(h.file()).unwrap();
    assert_eq!(file, "learner = \"jdoe\"\n");
}

#[test]
fn without_a_settings_folder_a_change_lasts_for_the_session_and_says_so() {
    let mut h = Harness::new();
    h.app.settings.path = None;
    h.send(&[Msg::Settings, Msg::NextPage]);
    assert_eq!(h.app.settings.theme, ThemeName::Light);
    let text = h.screen_text(80, 24);
    assert!(text.contains("Setting not saved"), "{text}");
}

#[test]
fn the_screen_reader_mode_lists_and_changes_settings() {
    let Harness { app, mut rt, dir } = Harness::new();
    let mut out = Vec::new();
    let input = "s\n1 high-contrast\n2 wide\n\nq\n";
    let app = rollcall::plain::run(app, &mut rt, &mut input.as_bytes(), &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("1. Theme: dark."), "{out}");
    assert!(out.contains("1. Theme: high-contrast."), "{out}");
    assert!(out.contains("Reading width must be"), "{out}");
    assert_eq!(app.settings.theme, ThemeName::HighContrast);
    let file = std::fs::read_to_string(dir.path().join("config/rollcall/settings.toml")).unwrap();
    assert_eq!(file, "theme = \"high-contrast\"\n");
}

#[test]
fn a_command_warns_about_an_unknown_key_and_a_bad_value_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    std::fs::create_dir_all(config.join("rollcall")).unwrap();
    let file = config.join("rollcall/settings.toml");
    std::fs::write(
        &file,
        "# mine\nreading_width = \"wide\"\nfont = \"large\"\n[lrs]\nurl = \"https://lrs.example\"\n",
    )
    .unwrap();
    let out = crate::isolated::command()
        .args(["progress", "--learner", "jdoe", "--data-dir"])
        .arg(dir.path().join("data"))
        .env("XDG_CONFIG_HOME", &config)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let err = String::from_utf8(out.stderr).unwrap();
    let shown = file.to_string_lossy().replace('\\', "/");
    assert!(
        err.contains(&format!(
            "{shown}:2: reading_width must be a number of columns from 40 to 240; using the default"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("{shown}:3: unknown setting `font` (ignored)")),
        "{err}"
    );
}

/// The shared runner keeps a developer's own settings file out of every test: here a config
/// folder handed down by the shell that runs the tests holds a learner and a bad theme, and
/// neither reaches the binary. Without the runner (the first run) both would show.
#[test]
fn a_developers_own_settings_file_does_not_reach_a_test_run() {
    let dir = tempfile::tempdir().unwrap();
    let own = dir.path().join("own-config");
    std::fs::create_dir_all(own.join("rollcall")).unwrap();
    std::fs::write(
        own.join("rollcall/settings.toml"),
        "theme = \"no-such-theme\"\nlearner = \"leaked\"\n",
    )
    .unwrap();
    let run = |isolated: bool| {
        let mut cmd = std::process::Command::new(crate::isolated::BIN);
        // What the developer's shell would hand down.
        cmd.env("XDG_CONFIG_HOME", &own)
            .env("HOME", dir.path())
            .env_remove("ROLLCALL_LEARNER");
        if isolated {
            crate::isolated::isolate(&mut cmd);
        }
        let out = cmd
            .arg("progress")
            .arg("--data-dir")
            .arg(dir.path().join("data"))
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    };
    let leaked = run(false);
    assert!(leaked.contains("Progress of leaked"), "{leaked}");
    assert!(
        leaked.contains("no-such-theme") || leaked.contains("theme must be"),
        "{leaked}"
    );
    let kept_out = run(true);
    assert!(!kept_out.contains("leaked"), "{kept_out}");
    assert!(!kept_out.contains("own-config"), "{kept_out}");
}

/// The screen's text with the harness's temporary folder shown as `<tmp>`.
fn shown(h: &Harness, w: u16, rows: u16) -> String {
    let tmp = h.dir.path().to_str().unwrap();
    h.screen_text(w, rows).replace(tmp, "<tmp>")
}

#[test]
fn at_40x10_the_list_scrolls_to_the_selected_row_and_its_explanation() {
    let mut h = Harness::new();
    h.send(&[Msg::Resize(40, 10), Msg::Settings]);
    for _ in 0..6 {
        h.send(&[Msg::Down]);
    }
    let text = shown(&h, 40, 10);
    assert!(text.contains("▶ Credit ratio"), "{text}");
    assert!(text.contains("more above"), "{text}");
    insta::assert_snapshot!("settings_40x10_last_row", text);
    h.send(&[Msg::NextPage]);
    let text = shown(&h, 40, 10);
    assert!(
        text.contains("▶ Credit ratio     flag hours over 3x"),
        "{text}"
    );
    // At the top again: the rest is below, and says so.
    h.send(&[Msg::Pick(1)]);
    let text = shown(&h, 40, 10);
    assert!(text.contains("▶ Theme"), "{text}");
    assert!(text.contains("more below"), "{text}");
}

#[test]
fn every_row_is_in_view_when_selected_at_every_size_and_tiny_sizes_do_not_panic() {
    let mut h = Harness::new();
    h.send(&[Msg::Settings]);
    for (w, rows) in [(40, 10), (41, 11), (50, 12), (60, 15), (80, 24), (45, 20)] {
        for (i, key) in rollcall::config::Key::ALL.into_iter().enumerate() {
            h.send(&[Msg::Resize(w, rows), Msg::Pick(i + 1)]);
            let text = h.screen_text(w, rows);
            let label = rollcall::text::setting_label(key);
            assert!(
                text.contains(&format!("▶ {label}")),
                "{w}x{rows} {label}:\n{text}"
            );
            // Its explanation's first words too.
            assert!(
                text.contains(&format!("{label}:")),
                "{w}x{rows} {label}:\n{text}"
            );
        }
    }
    for (w, rows) in [(1, 1), (40, 1), (40, 3), (5, 40), (0, 0), (39, 9)] {
        h.send(&[Msg::Resize(w, rows)]);
        let _ = h.screen_text(w, rows);
    }
}

#[test]
fn a_folder_that_does_not_exist_is_refused_and_nothing_is_written() {
    let mut h = Harness::new();
    // Courses folder: Enter, the path, Enter.
    h.send(&[Msg::Settings, Msg::Pick(4), Msg::Enter]);
    for c in "/nonexistent/x".chars() {
        h.send(&[Msg::Input(c)]);
    }
    h.send(&[Msg::Enter]);
    assert_eq!(h.app.settings.courses, None);
    assert!(!h.file().exists(), "nothing written");
    let text = shown(&h, 80, 24);
    assert!(
        text.contains("Courses folder not changed: /nonexistent/x is not a folder"),
        "{text}"
    );
    // The data folder as well, and a file is no folder either.
    let file = h.dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    h.send(&[Msg::SetSetting {
        key: rollcall::config::Key::DataDir,
        text: file.to_str().unwrap().into(),
    }]);
    assert_eq!(h.app.settings.data_dir, None);
    assert!(!h.file().exists(), "nothing written");
    assert!(shown(&h, 80, 24).contains("Data folder not changed:"));
    // A folder that is there is taken.
    let dir = h.dir.path().join("courses-here");
    std::fs::create_dir(&dir).unwrap();
    h.send(&[Msg::SetSetting {
        key: rollcall::config::Key::Courses,
        text: dir.to_str().unwrap().into(),
    }]);
    assert_eq!(h.app.settings.courses.as_deref(), Some(dir.as_path()));
    assert!(
        std::fs::read_to_string(h.file())
            .unwrap()
            .contains("courses = ")
    );
}

#[test]
fn the_footer_says_what_enter_does_on_the_selected_row() {
    let mut h = Harness::new();
    h.send(&[Msg::Settings, Msg::Pick(2)]);
    let text = shown(&h, 80, 24);
    let footer = text.lines().last().unwrap();
    assert!(!footer.contains("type"), "{footer}");
    assert!(footer.contains("Enter next value"), "{footer}");
    h.send(&[Msg::Pick(4)]);
    let text = shown(&h, 80, 24);
    let footer = text.lines().last().unwrap();
    assert!(footer.contains("Enter type a new value"), "{footer}");
    assert!(
        !footer.contains("change"),
        "no ←/→ on a typed row: {footer}"
    );
}

#[test]
fn the_file_is_will_be_saved_until_it_exists() {
    let mut h = Harness::new();
    h.send(&[Msg::Settings]);
    let text = shown(&h, 80, 24);
    assert!(text.contains("Will be saved in <tmp>/config"), "{text}");
    h.send(&[Msg::NextPage]);
    let text = shown(&h, 80, 24);
    assert!(text.contains(" Saved in <tmp>/config"), "{text}");
}

#[test]
fn every_settings_warning_is_listed_on_the_settings_screen() {
    let mut h = Harness::new();
    let parsed = rollcall::config::settings::parse(
        "colour = 1\nshape = 2\nreading_width = 3\n",
        "/c/settings.toml",
    )
    .unwrap();
    h.app.settings_warnings = parsed.warnings;
    h.send(&[Msg::Settings]);
    let text = shown(&h, 80, 24);
    for line in [
        "/c/settings.toml:1: unknown setting `colour`",
        "/c/settings.toml:2: unknown setting `shape`",
        "/c/settings.toml:3: reading_width must be",
    ] {
        assert!(text.contains(line), "{line}:\n{text}");
    }
    insta::assert_snapshot!("settings_screen_warnings", text);
}

/// A courses or data folder named in the settings file that cannot be used warns with the
/// file and line and the default is used, so rollcall starts and it can be fixed on the
/// Settings screen. A `--courses` that cannot be read is still an error.
#[test]
fn an_unusable_folder_from_the_settings_file_falls_back_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    std::fs::create_dir_all(config.join("rollcall")).unwrap();
    let file = config.join("rollcall/settings.toml");
    let data = dir.path().join("data");
    std::fs::write(
        &file,
        "# mine\ncourses = \"/nonexistent/x\"\ndata_dir = \"/nonexistent/d\"\n",
    )
    .unwrap();
    let shown = file.to_string_lossy().replace('\\', "/");
    let out = crate::isolated::command()
        .args(["--screen-reader", "--learner", "jdoe"])
        .env("XDG_CONFIG_HOME", &config)
        .env("XDG_DATA_HOME", &data)
        .current_dir(dir.path())
        .write_stdin("s\n\nq\n")
        .output()
        .unwrap();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{all}");
    assert!(all.contains(&format!("{shown}:2: courses")), "{all}");
    assert!(all.contains("/nonexistent/x"), "{all}");
    assert!(all.contains(&format!("{shown}:3: data_dir")), "{all}");
    assert!(all.contains("/nonexistent/d"), "{all}");
    // The data folder used instead is named.
    assert!(all.contains("progress is kept in"), "{all}");
    // An explicit --courses that cannot be read is still an error.
    let out = crate::isolated::command()
        .args(["--screen-reader", "--courses", "/nonexistent/x"])
        .env("XDG_CONFIG_HOME", &config)
        .write_stdin("q\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
}
