//! Running the real binary with the developer's own environment kept out: no `ROLLCALL_*`
//! variable is handed down, and the config, data and home folders are those of an empty home
//! made for this test run. Without this a `settings.toml` in the developer's own config
//! folder (a theme, a courses folder, a learner) could change what a test sees.
//!
//! A test that sets one of these variables itself (`.env(..)` after this) wins.
#![allow(clippy::unwrap_used)] // A test run that cannot make its empty home fails loudly.

use std::path::PathBuf;
use std::process::Command as StdCommand;
use std::sync::LazyLock;

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_rollcall");

/// The empty home of this test run (inside the target folder, never the user's). A static
/// is never dropped, so earlier runs' homes are removed here once they are an hour old (a
/// run still going in another process keeps its own).
static HOME: LazyLock<tempfile::TempDir> = LazyLock::new(|| {
    let tmp = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    for entry in std::fs::read_dir(tmp).into_iter().flatten().flatten() {
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().is_ok_and(|age| age.as_secs() > 3600));
        if stale && entry.file_name().to_string_lossy().starts_with("home-") {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
    tempfile::Builder::new()
        .prefix("home-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap()
});

/// The variables that choose where the settings file and the default data folder are, each
/// pointing into the empty home. `XDG_CONFIG_HOME` is read by rollcall itself on every
/// platform, so it isolates the settings file on Windows too (where the platform's folders
/// come from the shell, not from `APPDATA`); `HOME` and `XDG_DATA_HOME` cover the default
/// data folder on Unix.
#[must_use]
pub fn vars() -> [(&'static str, PathBuf); 3] {
    let home = HOME.path();
    [
        ("HOME", home.to_path_buf()),
        ("XDG_CONFIG_HOME", home.join(".config")),
        ("XDG_DATA_HOME", home.join(".local/share")),
    ]
}

/// Keeps the developer's environment out of `cmd` (see the module's doc).
pub fn isolate(cmd: &mut StdCommand) -> &mut StdCommand {
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("ROLLCALL_") {
            cmd.env_remove(key);
        }
    }
    cmd.envs(vars())
}

/// The binary, isolated, as a `std::process::Command` (for tests that choose its streams).
#[must_use]
pub fn std_command() -> StdCommand {
    let mut cmd = StdCommand::new(BIN);
    isolate(&mut cmd);
    cmd
}

/// The binary, isolated.
#[must_use]
pub fn command() -> assert_cmd::Command {
    assert_cmd::Command::from_std(std_command())
}
