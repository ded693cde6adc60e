use std::collections::HashMap;

use super::settings::{FileSettings, Parsed};
use super::*;
use crate::ui::ThemeName;

fn file(learner: Option<&str>, courses: Option<&str>, url: Option<&str>) -> Parsed {
    Parsed {
        file: FileSettings {
            learner: learner.map(String::from),
            courses: courses.map(PathBuf::from),
            lrs: LrsSettings {
                url: url.map(String::from),
                ..LrsSettings::default()
            },
            ..FileSettings::default()
        },
        warnings: vec![],
    }
}

fn env() -> Env {
    Env {
        data_dir: Some("/env-data".into()),
        learner: Some("env-learner".into()),
        courses: Some("/env-courses".into()),
        lrs_url: Some("https://env.example".into()),
        login: Some("login".into()),
        ..Env::default()
    }
}

fn places() -> Places {
    Places {
        portable: None,
        platform_data: Some("/platform".into()),
        platform_config: Some("/config/rollcall".into()),
    }
}

/// Resolves with these files (by path; others are missing).
fn go_with(flags: Flags<'_>, env: &Env, places: &Places, files: &[(&str, Parsed)]) -> Config {
    let files: HashMap<PathBuf, Parsed> = files
        .iter()
        .map(|(p, f)| (PathBuf::from(p), f.clone()))
        .collect();
    resolve(flags, env, places, |p| {
        Ok(files.get(p).cloned().unwrap_or_default())
    })
    .unwrap()
}

#[test]
fn flags_beat_the_environment_which_beats_the_file_which_beats_defaults() {
    let f = || {
        file(
            Some("file-learner"),
            Some("file-courses"),
            Some("https://file.example"),
        )
    };
    let files = [("/config/rollcall/settings.toml", f())];
    let flags = Flags {
        data_dir: Some(Path::new("/flag-data")),
        learner: Some("flag-learner"),
        courses: Some(Path::new("/flag-courses")),
    };
    let c = go_with(flags, &env(), &places(), &files);
    assert_eq!(c.data_dir, Path::new("/flag-data"));
    assert_eq!(
        c.settings.path.as_deref(),
        Some(Path::new("/config/rollcall/settings.toml"))
    );
    assert_eq!(c.learner, "flag-learner");
    assert_eq!(c.courses.as_deref(), Some(Path::new("/flag-courses")));

    let c = go_with(Flags::default(), &env(), &places(), &files);
    assert_eq!(c.data_dir, Path::new("/env-data"));
    assert_eq!(c.learner, "env-learner");
    assert_eq!(c.courses.as_deref(), Some(Path::new("/env-courses")));
    assert_eq!(c.lrs.url.as_deref(), Some("https://env.example"));
    assert_eq!(c.file_lrs.url.as_deref(), Some("https://file.example"));

    let bare = Env {
        login: Some("login".into()),
        ..Env::default()
    };
    let c = go_with(Flags::default(), &bare, &places(), &files);
    assert_eq!(c.data_dir, Path::new("/platform"));
    assert_eq!(c.learner, "file-learner");
    assert_eq!(
        c.courses.as_deref(),
        Some(Path::new("/config/rollcall/file-courses")),
        "relative to the settings file's folder"
    );
    assert_eq!(c.lrs.url.as_deref(), Some("https://file.example"));

    let c = go_with(Flags::default(), &bare, &places(), &[]);
    assert_eq!(c.learner, "login");
    assert_eq!(c.courses, None);
    let c = go_with(Flags::default(), &Env::default(), &places(), &[]);
    assert_eq!(c.learner, store::DEFAULT_LEARNER);
}

#[test]
fn the_settings_file_is_portable_then_xdg_then_the_platform_folder() {
    let xdg = Env {
        config_home: Some("/xdg".into()),
        ..Env::default()
    };
    assert_eq!(
        settings_path(&xdg, &places()).as_deref(),
        Some(Path::new("/xdg/rollcall/settings.toml"))
    );
    // XDG says a relative XDG_CONFIG_HOME is ignored.
    let relative = Env {
        config_home: Some("xdg".into()),
        ..Env::default()
    };
    assert_eq!(
        settings_path(&relative, &places()).as_deref(),
        Some(Path::new("/config/rollcall/settings.toml"))
    );
    let stick = Places {
        portable: Some("/stick/rollcall-data".into()),
        ..places()
    };
    assert_eq!(
        settings_path(&xdg, &stick).as_deref(),
        Some(Path::new("/stick/rollcall-data/settings.toml"))
    );
    assert_eq!(settings_path(&Env::default(), &Places::default()), None);
}

#[test]
fn the_data_folder_can_come_from_the_settings_file_and_its_old_settings_are_still_read() {
    let mut main = file(None, None, None);
    main.file.data_dir = Some("/records".into());
    main.file.theme = Some(ThemeName::Light);
    // The data folder's own settings.toml (the earlier place): [lrs] and learner.
    let old = file(Some("old-learner"), Some("c"), Some("https://old.example"));
    let c = go_with(
        Flags::default(),
        &Env::default(),
        &places(),
        &[
            ("/config/rollcall/settings.toml", main),
            ("/records/settings.toml", old),
        ],
    );
    assert_eq!(c.data_dir, Path::new("/records"));
    assert_eq!(c.learner, "old-learner");
    assert_eq!(c.courses.as_deref(), Some(Path::new("/records/c")));
    assert_eq!(c.lrs.url.as_deref(), Some("https://old.example"));
    assert_eq!(c.settings.theme, ThemeName::Light);
    // The settings file wins over the old one.
    let mut main = file(Some("new-learner"), None, Some("https://new.example"));
    main.file.data_dir = Some("/records".into());
    let c = go_with(
        Flags::default(),
        &Env::default(),
        &places(),
        &[
            ("/config/rollcall/settings.toml", main),
            (
                "/records/settings.toml",
                file(Some("old"), None, Some("https://old.example")),
            ),
        ],
    );
    assert_eq!(c.learner, "new-learner");
    assert_eq!(c.lrs.url.as_deref(), Some("https://new.example"));
}

#[test]
fn no_color_makes_monochrome_the_default_theme_but_the_file_decides() {
    let no_color = Env {
        no_color: true,
        ..Env::default()
    };
    let c = go_with(Flags::default(), &no_color, &places(), &[]);
    assert_eq!(c.settings.theme, ThemeName::Monochrome);
    let c = go_with(Flags::default(), &Env::default(), &places(), &[]);
    assert_eq!(c.settings.theme, ThemeName::Dark);
    let mut chosen = file(None, None, None);
    chosen.file.theme = Some(ThemeName::HighContrast);
    let c = go_with(
        Flags::default(),
        &no_color,
        &places(),
        &[("/config/rollcall/settings.toml", chosen)],
    );
    assert_eq!(c.settings.theme, ThemeName::HighContrast);
}

#[test]
fn an_invalid_learner_says_which_layer_named_it() {
    let err = resolve(Flags::default(), &Env::default(), &places(), |_| {
        Ok(file(Some("../x"), None, None))
    })
    .unwrap_err();
    assert!(
        err.to_string().contains("learner in settings.toml"),
        "{err}"
    );
    let bad_env = Env {
        learner: Some("a/b".into()),
        ..Env::default()
    };
    let err = resolve(Flags::default(), &bad_env, &places(), |_| {
        Ok(Parsed::default())
    })
    .unwrap_err();
    assert!(err.to_string().contains("ROLLCALL_LEARNER"), "{err}");
    let err = resolve(
        Flags::default(),
        &Env::default(),
        &Places::default(),
        |_| Ok(Parsed::default()),
    )
    .unwrap_err();
    assert!(matches!(err, ConfigError::Store(StoreError::NoDataDir)));
}

#[test]
fn the_file_reader_reads_old_defaults_and_lrs_and_refuses_links() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(SETTINGS_FILE);
    assert_eq!(read_file(&path).unwrap(), Parsed::default());
    std::fs::write(
        &path,
        "[defaults]\nlearner = \"jdoe\"\ncourses = \"c\"\n\n[lrs]\nurl = \"https://lrs.example\"\n",
    )
    .unwrap();
    let l = read_file(&path).unwrap();
    assert_eq!(l.file.learner.as_deref(), Some("jdoe"));
    assert_eq!(l.file.lrs.url.as_deref(), Some("https://lrs.example"));
    assert!(l.warnings.is_empty());
    // Not TOML: an error with the line.
    std::fs::write(&path, "theme = \"dark\"\nlearner = \n").unwrap();
    assert!(read_file(&path).unwrap_err().to_string().contains("line 2"));
    #[cfg(unix)]
    {
        std::fs::write(&path, "theme = \"dark\"\n").unwrap();
        let other = dir.path().join("other.toml");
        std::fs::rename(&path, &other).unwrap();
        std::os::unix::fs::symlink(&other, &path).unwrap();
        assert!(
            read_file(&path)
                .unwrap_err()
                .to_string()
                .contains("symbolic link")
        );
    }
}

/// A courses or data folder from the settings file that cannot be used falls back to the
/// default with a warning naming the file and line (and, for data, the folder used); one
/// from a flag or the environment is kept, to fail where it is used.
#[test]
fn an_unusable_folder_from_the_settings_file_is_set_aside_with_file_and_line() {
    let parsed = settings::parse(
        "# mine\ncourses = \"/gone/courses\"\ndata_dir = \"/gone/data\"\n",
        "/config/rollcall/settings.toml",
    )
    .unwrap();
    let files = [("/config/rollcall/settings.toml", parsed)];
    let bare = Env::default();
    let gone = |p: &Path| {
        if p.starts_with("/gone") {
            Err("no such folder".to_string())
        } else {
            Ok(())
        }
    };
    let mut c = go_with(Flags::default(), &bare, &places(), &files);
    assert_eq!(c.data_dir, Path::new("/gone/data"));
    c.set_aside_unusable_folders(gone);
    assert_eq!(c.data_dir, Path::new("/platform"));
    assert_eq!(c.courses, None);
    // The Settings screen still shows what the file says, to be fixed there.
    assert_eq!(
        c.settings.courses.as_deref(),
        Some(Path::new("/gone/courses"))
    );
    let words: Vec<String> = c.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        words,
        [
            "/config/rollcall/settings.toml:3: data_dir /gone/data cannot be used (no such \
             folder); progress is kept in /platform this time",
            "/config/rollcall/settings.toml:2: courses /gone/courses cannot be used (no such \
             folder); using the default courses this time",
        ]
    );
    // From the environment (or a flag): kept, no warning.
    let env = Env {
        courses: Some("/gone/env-courses".into()),
        data_dir: Some("/gone/env-data".into()),
        ..Env::default()
    };
    let mut c = go_with(Flags::default(), &env, &places(), &files);
    c.set_aside_unusable_folders(gone);
    assert_eq!(c.courses.as_deref(), Some(Path::new("/gone/env-courses")));
    assert_eq!(c.data_dir, Path::new("/gone/env-data"));
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    // Usable: kept.
    let mut c = go_with(Flags::default(), &bare, &places(), &files);
    c.set_aside_unusable_folders(|_| Ok(()));
    assert_eq!(c.courses.as_deref(), Some(Path::new("/gone/courses")));
    assert!(c.warnings.is_empty());
}
