use super::*;
use std::path::Path;

fn shown() -> &'static str {
    "/home/u/.config/rollcall/settings.toml"
}

#[test]
fn every_key_is_read() {
    let p = parse(
        "theme = \"high-contrast\"\nreading_width = 80\nlearner = \"jdoe\"\ncourses = \"/c\"\ndata_dir = \"/d\"\n",
        shown(),
    )
    .unwrap();
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    assert_eq!(p.file.theme, Some(ThemeName::HighContrast));
    assert_eq!(p.file.reading_width, Some(80));
    assert_eq!(p.file.learner.as_deref(), Some("jdoe"));
    assert_eq!(p.file.courses.as_deref(), Some(Path::new("/c")));
    assert_eq!(p.file.data_dir.as_deref(), Some(Path::new("/d")));
}

#[test]
fn an_unknown_key_warns_with_file_and_line_and_the_rest_is_read() {
    let p = parse(
        "# my settings\ntheme = \"light\"\ncolour = \"blue\"\n\n[defaults]\nlearner = \"a\"\nshell = 1\n[lrs]\nurl = \"https://lrs.example\"\n",
        shown(),
    )
    .unwrap();
    assert_eq!(p.file.theme, Some(ThemeName::Light));
    assert_eq!(p.file.learner.as_deref(), Some("a"));
    let words: Vec<String> = p.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        words,
        [
            format!("{}:3: unknown setting `colour` (ignored)", shown()),
            format!("{}:7: unknown setting `defaults.shell` (ignored)", shown()),
        ]
    );
}

#[test]
fn a_bad_value_gives_file_and_line_and_falls_back_to_the_default() {
    let p = parse(
        "theme = \"purple\"\nreading_width = 5\nlearner = 3\n",
        shown(),
    )
    .unwrap();
    assert_eq!(p.file, FileSettings::default());
    let words: Vec<String> = p.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(words.len(), 3);
    assert!(
        words[0].starts_with(&format!(
            "{}:1: theme must be one of dark, light, high-contrast, monochrome",
            shown()
        )),
        "{}",
        words[0]
    );
    assert!(
        words[1].starts_with(&format!(
            "{}:2: reading_width must be a number of columns from 40 to 240",
            shown()
        )),
        "{}",
        words[1]
    );
    assert!(
        words[2].starts_with(&format!("{}:3: learner must be", shown())),
        "{}",
        words[2]
    );
    assert!(words.iter().all(|w| w.ends_with("using the default")));
    let s = Settings::from_file(&p.file, false, None);
    assert_eq!(s.theme, ThemeName::Dark);
    assert_eq!(s.reading_width, 100);
}

#[test]
fn a_key_name_from_the_file_cannot_reach_the_terminal_raw() {
    let p = parse("\"a\\u001b[2Jb\" = 1\n", shown()).unwrap();
    let w = p.warnings[0].to_string();
    assert!(!w.contains('\u{1b}'), "{w:?}");
}

#[test]
fn setting_a_key_keeps_comments_and_the_lrs_table() {
    let text = "# rollcall settings\ntheme = \"dark\" # was dark\n\n[lrs]\nurl = \"https://lrs.example\" # the LRS\n";
    let out = set_in_text(text, Key::Theme, &Value::Text("light".into()));
    assert_eq!(
        out,
        "# rollcall settings\ntheme = \"light\"\n\n[lrs]\nurl = \"https://lrs.example\" # the LRS\n"
    );
    let out = set_in_text(&out, Key::ReadingWidth, &Value::Number(80));
    assert_eq!(
        out,
        "# rollcall settings\ntheme = \"light\"\nreading_width = 80\n\n[lrs]\nurl = \"https://lrs.example\" # the LRS\n"
    );
    let p = parse(&out, shown()).unwrap();
    assert_eq!(p.file.reading_width, Some(80));
    assert_eq!(p.file.lrs.url.as_deref(), Some("https://lrs.example"));
    // Only a table: the key goes above it.
    let out = set_in_text(
        "[lrs]\nurl = \"u\"\n",
        Key::Theme,
        &Value::Text("light".into()),
    );
    assert_eq!(out, "theme = \"light\"\n\n[lrs]\nurl = \"u\"\n");
    // Quotes in a value are written so they read back the same.
    let name = "O'Brien \"Bo\"";
    let out = set_in_text("", Key::Learner, &Value::Text(name.into()));
    assert_eq!(out.lines().count(), 1, "{out}");
    assert_eq!(
        parse(&out, shown()).unwrap().file.learner.as_deref(),
        Some(name)
    );
    // A key of the same name inside a table is not the top-level key.
    let out = set_in_text(
        "[defaults]\nlearner = \"a\"\n",
        Key::Learner,
        &Value::Text("b".into()),
    );
    let p = parse(&out, shown()).unwrap();
    assert_eq!(p.file.learner.as_deref(), Some("b"), "{out}");
}

#[test]
fn save_writes_atomically_creates_the_folder_and_never_overwrites_a_broken_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rollcall").join("settings.toml");
    save(&path, Key::Theme, &Value::Text("monochrome".into())).unwrap();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "theme = \"monochrome\"\n"
    );
    save(&path, Key::Theme, &Value::Text("light".into())).unwrap();
    assert_eq!(load(&path).unwrap().file.theme, Some(ThemeName::Light));
    // A top-level array with a line that looks like a table header: the edit would land
    // inside it, so the file is left alone.
    let tricky = "data = [\n[1, 2],\n]\n";
    std::fs::write(&path, tricky).unwrap();
    assert!(save(&path, Key::Theme, &Value::Text("dark".into())).is_err());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), tricky);
    std::fs::write(&path, "theme = \n").unwrap();
    let e = save(&path, Key::Theme, &Value::Text("dark".into())).unwrap_err();
    assert!(e.to_string().contains("line 1"), "{e}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "theme = \n");
}

#[test]
fn stepping_wraps_themes_and_clamps_the_width() {
    let mut s = Settings::default();
    assert_eq!(s.step(Key::Theme, false), Some(Value::Text("light".into())));
    assert_eq!(s.step(Key::Theme, true), Some(Value::Text("dark".into())));
    assert_eq!(
        s.step(Key::Theme, true),
        Some(Value::Text("monochrome".into()))
    );
    s.reading_width = READING_WIDTH_MAX;
    assert_eq!(
        s.step(Key::ReadingWidth, false),
        Some(Value::Number(READING_WIDTH_MAX))
    );
    assert_eq!(s.step(Key::Learner, false), None);
    assert_eq!(s.set_text(Key::ReadingWidth, "30"), None);
    assert_eq!(s.set_text(Key::ReadingWidth, "72"), Some(Value::Number(72)));
    assert_eq!(
        s.set_text(Key::Theme, "High-Contrast"),
        Some(Value::Text("high-contrast".into()))
    );
    assert_eq!(s.set_text(Key::Learner, "  "), None);
}

#[test]
fn time_on_task_keys_are_read_and_checked_with_file_and_line() {
    let p = parse("max_gap_minutes = 10\ncredit_ratio = 3\n", shown()).unwrap();
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    let s = Settings::from_file(&p.file, false, None);
    assert_eq!((s.max_gap_minutes, s.credit_ratio), (10, 3));
    let s = Settings::from_file(&FileSettings::default(), false, None);
    assert_eq!(
        (s.max_gap_minutes, s.credit_ratio),
        (MAX_GAP_DEFAULT, CREDIT_RATIO_DEFAULT)
    );
    let p = parse(
        "theme = \"dark\"\nmax_gap_minutes = 0\n\ncredit_ratio = \"2x\"\n",
        shown(),
    )
    .unwrap();
    assert_eq!((p.file.max_gap_minutes, p.file.credit_ratio), (None, None));
    let words: Vec<String> = p.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(words.len(), 2, "{words:?}");
    assert!(
        words[0].starts_with(&format!(
            "{}:2: max_gap_minutes must be a whole number of minutes from 1 to 60",
            shown()
        )),
        "{}",
        words[0]
    );
    assert!(
        words[1].starts_with(&format!(
            "{}:4: credit_ratio must be a whole number from 1 to 20",
            shown()
        )),
        "{}",
        words[1]
    );
    let mut s = Settings::default();
    assert_eq!(s.step(Key::MaxGapMinutes, false), Some(Value::Number(6)));
    assert_eq!(s.set_text(Key::CreditRatio, "0"), None);
    assert_eq!(s.set_text(Key::CreditRatio, "4"), Some(Value::Number(4)));
}
