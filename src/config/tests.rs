use super::*;

fn layer(learner: Option<&str>, courses: Option<&str>, url: Option<&str>) -> FileLayer {
    FileLayer {
        defaults: Defaults {
            learner: learner.map(String::from),
            courses: courses.map(PathBuf::from),
        },
        lrs: LrsSettings {
            url: url.map(String::from),
            ..LrsSettings::default()
        },
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

fn go(flags: Flags<'_>, env: &Env, file: FileLayer) -> Config {
    resolve(
        flags,
        env,
        |_| Ok(file),
        || Some("/portable".into()),
        || Some("/platform".into()),
    )
    .unwrap()
}

#[test]
fn flags_beat_the_environment_which_beats_the_file_which_beats_defaults() {
    let file = || {
        layer(
            Some("file-learner"),
            Some("file-courses"),
            Some("https://file.example"),
        )
    };
    let flags = Flags {
        data_dir: Some(Path::new("/flag-data")),
        learner: Some("flag-learner"),
        courses: Some(Path::new("/flag-courses")),
    };
    let c = go(flags, &env(), file());
    assert_eq!(c.data_dir, Path::new("/flag-data"));
    assert_eq!(c.settings_path, Path::new("/flag-data/settings.toml"));
    assert_eq!(c.learner, "flag-learner");
    assert_eq!(c.courses.as_deref(), Some(Path::new("/flag-courses")));

    let c = go(Flags::default(), &env(), file());
    assert_eq!(c.data_dir, Path::new("/env-data"));
    assert_eq!(c.learner, "env-learner");
    assert_eq!(c.courses.as_deref(), Some(Path::new("/env-courses")));
    assert_eq!(c.lrs.url.as_deref(), Some("https://env.example"));

    let bare = Env {
        login: Some("login".into()),
        ..Env::default()
    };
    let c = go(Flags::default(), &bare, file());
    assert_eq!(c.data_dir, Path::new("/portable"));
    assert_eq!(c.learner, "file-learner");
    assert_eq!(
        c.courses.as_deref(),
        Some(Path::new("/portable/file-courses")),
        "relative to the data folder"
    );
    assert_eq!(c.lrs.url.as_deref(), Some("https://file.example"));

    let c = go(Flags::default(), &bare, FileLayer::default());
    assert_eq!(c.learner, "login");
    assert_eq!(c.courses, None);
    let c = go(Flags::default(), &Env::default(), FileLayer::default());
    assert_eq!(c.learner, store::DEFAULT_LEARNER);
}

#[test]
fn the_settings_file_is_read_from_the_resolved_data_folder() {
    let mut asked = None;
    let flags = Flags {
        data_dir: Some(Path::new("/d")),
        ..Flags::default()
    };
    resolve(
        flags,
        &Env::default(),
        |p| {
            asked = Some(p.to_path_buf());
            Ok(FileLayer::default())
        },
        || None,
        || None,
    )
    .unwrap();
    assert_eq!(asked.as_deref(), Some(Path::new("/d/settings.toml")));
}

#[test]
fn an_invalid_learner_says_which_layer_named_it() {
    let err = resolve(
        Flags::default(),
        &Env::default(),
        |_| Ok(layer(Some("../x"), None, None)),
        || Some("/p".into()),
        || None,
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("[defaults] in settings.toml"),
        "{err}"
    );
    let bad_env = Env {
        learner: Some("a/b".into()),
        ..Env::default()
    };
    let err = resolve(
        Flags::default(),
        &bad_env,
        |_| Ok(FileLayer::default()),
        || Some("/p".into()),
        || None,
    )
    .unwrap_err();
    assert!(err.to_string().contains("ROLLCALL_LEARNER"), "{err}");
    let err = resolve(
        Flags::default(),
        &Env::default(),
        |_| Ok(FileLayer::default()),
        || None,
        || None,
    )
    .unwrap_err();
    assert!(matches!(err, ConfigError::Store(StoreError::NoDataDir)));
}

#[test]
fn the_file_layer_reads_defaults_and_lrs_and_refuses_links() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(SETTINGS_FILE);
    assert!(read_file_layer(&path).unwrap().defaults == Defaults::default());
    std::fs::write(
        &path,
        "[defaults]\nlearner = \"jdoe\"\ncourses = \"c\"\n\n[lrs]\nurl = \"https://lrs.example\"\n",
    )
    .unwrap();
    let l = read_file_layer(&path).unwrap();
    assert_eq!(l.defaults.learner.as_deref(), Some("jdoe"));
    assert_eq!(l.lrs.url.as_deref(), Some("https://lrs.example"));
    std::fs::write(&path, "[defaults]\nlearner = 3\n").unwrap();
    assert!(
        read_file_layer(&path)
            .unwrap_err()
            .to_string()
            .contains("line 2")
    );
    #[cfg(unix)]
    {
        let other = dir.path().join("other.toml");
        std::fs::rename(&path, &other).unwrap();
        std::os::unix::fs::symlink(&other, &path).unwrap();
        assert!(
            read_file_layer(&path)
                .unwrap_err()
                .to_string()
                .contains("symbolic link")
        );
    }
}
