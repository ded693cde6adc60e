//! Learner names: where the name comes from, which names can be file names, and who has a
//! progress file in a data folder.

use std::fs;
use std::path::Path;

use super::StoreError;

/// Environment variable naming the learner.
pub const LEARNER_ENV: &str = "ROLLCALL_LEARNER";
/// Learner used when no name is given and the login name is unknown.
pub const DEFAULT_LEARNER: &str = "learner";
/// Longest learner name, in characters.
pub const MAX_LEARNER_CHARS: usize = 64;
/// Longest learner name in bytes, so `<learner>.toml.broken-<time>` stays a legal file name.
const MAX_LEARNER_BYTES: usize = 160;

/// The learner: `flag`, else `$ROLLCALL_LEARNER`, else the login name (`USER`/`USERNAME`,
/// made safe for a file name), else `learner`.
///
/// # Errors
/// [`StoreError::InvalidLearner`] when the flag or the variable names an invalid learner; a
/// login name is sanitized instead.
pub fn resolve_learner(flag: Option<&str>) -> Result<String, StoreError> {
    let env = std::env::var_os(LEARNER_ENV).map(|v| v.to_string_lossy().into_owned());
    let login = ["USER", "USERNAME"]
        .iter()
        .filter_map(std::env::var_os)
        .map(|v| v.to_string_lossy().into_owned())
        .find(|v| !v.trim().is_empty());
    pick_learner(flag, env, login)
}

/// [`resolve_learner`] with its inputs passed in.
fn pick_learner(
    flag: Option<&str>,
    env: Option<String>,
    login: Option<String>,
) -> Result<String, StoreError> {
    if let Some(name) = flag {
        validate_learner(name)?;
        return Ok(name.to_string());
    }
    if let Some(name) = env.filter(|v| !v.is_empty()) {
        return match learner_problem(&name) {
            None => Ok(name),
            Some(reason) => Err(StoreError::InvalidLearner {
                name,
                reason: format!("{reason} (from {LEARNER_ENV})"),
            }),
        };
    }
    Ok(login.map_or_else(|| DEFAULT_LEARNER.to_string(), |l| sanitize_learner(&l)))
}

/// Checks that `name` can be a learner (and so a file name on every platform).
///
/// # Errors
/// [`StoreError::InvalidLearner`] saying what is wrong.
pub fn validate_learner(name: &str) -> Result<(), StoreError> {
    match learner_problem(name) {
        None => Ok(()),
        Some(reason) => Err(StoreError::InvalidLearner {
            name: name.to_string(),
            reason,
        }),
    }
}

/// Turns any text (a login name) into a valid learner name, or `learner` if nothing is left.
pub fn sanitize_learner(raw: &str) -> String {
    let mapped: String = raw
        .chars()
        .map(|c| if allowed_char(c) { c } else { '_' })
        .take(MAX_LEARNER_CHARS)
        .collect();
    let trimmed = mapped.trim_matches(|c| c == ' ' || c == '.');
    if learner_problem(trimmed).is_none() {
        trimmed.to_string()
    } else {
        DEFAULT_LEARNER.to_string()
    }
}

fn allowed_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, ' ' | '.' | '_' | '-')
}

/// What makes `name` unusable as a learner, if anything.
fn learner_problem(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("it is empty".into());
    }
    if name.chars().count() > MAX_LEARNER_CHARS || name.len() > MAX_LEARNER_BYTES {
        return Some("it is too long".into());
    }
    if let Some(c) = name.chars().find(|&c| !allowed_char(c)) {
        return Some(if c.is_control() {
            "it contains a control character".into()
        } else if matches!(c, '/' | '\\') {
            format!("it contains the path separator {c:?}")
        } else {
            format!("it contains {c:?}")
        });
    }
    if name.chars().all(|c| c == '.') {
        return Some("it is only dots".into());
    }
    // These file names belong to the settings, roster and sent-ids files in the same folder.
    if name.eq_ignore_ascii_case("settings")
        || name.eq_ignore_ascii_case("roster")
        || name.to_ascii_lowercase().ends_with(".sent")
    {
        return Some("that name is reserved for rollcall's own files".into());
    }
    // A leading dot hides the file (and is how temp files are named); Windows drops a
    // trailing dot or space, which would make two learners share a file.
    if name.starts_with('.') {
        return Some("it starts with '.'".into());
    }
    if name.starts_with(' ') || name.ends_with(' ') || name.ends_with('.') {
        return Some("it starts or ends with a space, or ends with '.'".into());
    }
    // Progress folders travel between machines on USB sticks: keep names legal on Windows.
    crate::platform::reserved_name(name)
}

/// The form of a learner's name that identifies them: `jdoe` and `JDoe` are one learner.
/// Every comparison of learner names goes through this (or [`same_learner`]).
#[must_use]
pub fn learner_key(name: &str) -> String {
    name.to_lowercase()
}

/// Whether two names are one learner: they differ at most in case.
#[must_use]
pub fn same_learner(a: &str, b: &str) -> bool {
    a == b || learner_key(a) == learner_key(b)
}

/// The name to show for the learner whose file is `file`'s and whose record calls them
/// `recorded`: the record's own spelling when it is the same learner (a file name's case
/// can change on the way, on a FAT stick for one), else the file's.
#[must_use]
pub fn display_learner<'a>(file: &'a str, recorded: &'a str) -> &'a str {
    if same_learner(file, recorded) {
        recorded
    } else {
        file
    }
}

/// Learners with a file in `dir` whose name differs from `learner` only in case (not
/// `learner` itself).
#[must_use]
pub fn case_twins(dir: &Path, learner: &str) -> Vec<String> {
    list_learners(dir)
        .into_iter()
        .filter(|l| l != learner && same_learner(l, learner))
        .collect()
}

/// The name of `learner`'s progress file in `dir`: their own when it exists, else the one
/// existing file whose name differs only in case, else `learner` (a new file).
///
/// # Errors
/// [`StoreError::CaseTwins`] when several files differ from `learner` only in case and none
/// is spelled as given: which one is meant cannot be guessed.
pub(super) fn file_learner(dir: &Path, learner: &str) -> Result<String, StoreError> {
    if dir.join(format!("{learner}.toml")).is_file() {
        // On a case-insensitive file system this also finds `JDoe.toml` for `jdoe`: keep the
        // name as written on disk.
        let twins = case_twins(dir, learner);
        return Ok(match twins.as_slice() {
            [one] if !list_learners(dir).iter().any(|l| l == learner) => one.clone(),
            _ => learner.to_string(),
        });
    }
    let mut twins = case_twins(dir, learner);
    match twins.len() {
        0 => Ok(learner.to_string()),
        1 => Ok(twins.remove(0)),
        _ => Err(StoreError::CaseTwins {
            dir: dir.to_path_buf(),
            names: twins,
        }),
    }
}

/// Learners with a progress file in `dir` (`<learner>.toml`), sorted; empty if unreadable.
pub fn list_learners(dir: &Path) -> Vec<String> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let learner = name.strip_suffix(".toml")?;
            learner_problem(learner)
                .is_none()
                .then(|| learner.to_string())
        })
        .collect();
    names.sort();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_learner_names() {
        for name in [
            "jdoe",
            "J. Doe",
            "officer_12-b",
            "José Núñez",
            "a.b",
            "x",
            &"a".repeat(MAX_LEARNER_CHARS),
            "console",
            "com0",
        ] {
            assert!(validate_learner(name).is_ok(), "{name:?}");
        }
    }
    #[test]
    fn names_of_rollcall_files_are_reserved() {
        for name in ["settings", "Settings", "jdoe.sent", "roster", "Roster"] {
            let err = validate_learner(name).unwrap_err().to_string();
            assert!(err.contains("reserved"), "{name}: {err}");
        }
    }
    #[test]
    fn invalid_learner_names() {
        let cases = [
            ("", "empty"),
            ("a/b", "path separator '/'"),
            ("a\\b", "path separator '\\\\'"),
            ("..", "only dots"),
            (".", "only dots"),
            ("...", "only dots"),
            (".hidden", "starts with '.'"),
            ("a\nb", "control character"),
            ("a\u{7f}", "control character"),
            ("tab\there", "control character"),
            ("a:b", "contains ':'"),
            ("a*", "contains '*'"),
            (" jdoe", "space"),
            ("jdoe ", "space"),
            ("jdoe.", "ends with '.'"),
            ("CON", "reserved"),
            ("nul.txt", "reserved"),
            ("Com1", "reserved"),
            ("lpt9", "reserved"),
            ("Nul .txt", "reserved"),
            ("com\u{b9}", "reserved"),
            ("aux.a.b", "reserved"),
        ];
        for (name, want) in cases {
            let err = validate_learner(name).expect_err(name).to_string();
            assert!(err.contains(want), "{name:?}: {err}");
            assert!(err.starts_with("invalid learner name"), "{err}");
        }
        let long = "a".repeat(MAX_LEARNER_CHARS + 1);
        assert!(
            validate_learner(&long)
                .unwrap_err()
                .to_string()
                .contains("too long")
        );
        let wide = "€".repeat(60); // 60 characters but 180 bytes
        assert!(validate_learner(&wide).is_err());
    }
    #[test]
    fn login_names_are_sanitized() {
        assert_eq!(sanitize_learner("jdoe"), "jdoe");
        assert_eq!(sanitize_learner("CORP\\jdoe"), "CORP_jdoe");
        assert_eq!(sanitize_learner("a/b:c"), "a_b_c");
        assert_eq!(sanitize_learner(".hidden"), "hidden");
        assert_eq!(sanitize_learner(" jdoe. "), "jdoe");
        assert_eq!(sanitize_learner("..."), DEFAULT_LEARNER);
        assert_eq!(sanitize_learner(""), DEFAULT_LEARNER);
        assert_eq!(sanitize_learner("NUL"), DEFAULT_LEARNER);
        assert_eq!(sanitize_learner(&"x".repeat(100)).len(), MAX_LEARNER_CHARS);
        for raw in ["\u{0}\u{1}", "a\tb", "../../etc/passwd", "\u{fffd}"] {
            let s = sanitize_learner(raw);
            assert!(validate_learner(&s).is_ok(), "{raw:?} -> {s:?}");
        }
    }
    #[test]
    fn learner_resolution_order() {
        let some = |s: &str| Some(s.to_string());
        assert_eq!(pick_learner(Some("a"), some("b"), some("c")).unwrap(), "a");
        assert_eq!(pick_learner(None, some("b"), some("c")).unwrap(), "b");
        assert_eq!(pick_learner(None, some(""), some("c")).unwrap(), "c");
        assert_eq!(pick_learner(None, None, some("c d/e")).unwrap(), "c d_e");
        assert_eq!(pick_learner(None, None, None).unwrap(), DEFAULT_LEARNER);
        assert!(pick_learner(Some("../x"), None, None).is_err());
        assert!(pick_learner(Some(""), None, some("c")).is_err());
        let err = pick_learner(None, some("a/b"), some("c")).unwrap_err();
        assert!(err.to_string().contains("ROLLCALL_LEARNER"), "{err}");
    }
    #[test]
    fn one_learner_whatever_the_case_shown_as_their_record_spells_them() {
        assert!(same_learner("jdoe", "JDoe"));
        assert!(same_learner("José", "JOSÉ"));
        assert!(!same_learner("jdoe", "jdoe2"));
        assert_eq!(display_learner("jdoe", "JDoe"), "JDoe");
        assert_eq!(display_learner("jdoe", "asmith"), "jdoe");
    }
    #[test]
    fn list_learners_finds_only_progress_files() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "b.toml",
            "a.toml",
            "a.toml.lock",
            ".a.toml.tmp-abcdef",
            "a.toml.broken-20261124T101500",
            "notes.txt",
            ".hidden.toml",
        ] {
            fs::write(dir.path().join(name), "").unwrap();
        }
        fs::create_dir(dir.path().join("d.toml")).unwrap();
        assert_eq!(list_learners(dir.path()), ["a", "b"]);
        assert!(list_learners(&dir.path().join("missing")).is_empty());
    }
}
