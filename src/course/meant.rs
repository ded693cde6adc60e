//! "Did you mean" for a file `course.toml` names that is not there: the unused file of the
//! same kind it most likely meant.

use std::fs;
use std::path::Path;

/// Names of the files directly in `dir` that `named` does not list.
pub(super) fn unused_names(dir: &Path, named: &[&str]) -> Vec<String> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut unused: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| !n.starts_with('.') && n != "course.toml" && !named.contains(&n.as_str()))
        .collect();
    unused.sort();
    unused
}

/// The unused file a missing name most likely meant: the same kind of file (`.md`,
/// `.quiz.toml`, `.scenario.toml`) whose name starts the same way (`01-intro.md` for
/// `01-introduction.md` and back), else one a typo or two away.
pub(super) fn meant<'a>(missing: &str, unused: &'a [String]) -> Option<&'a str> {
    let kind = |n: &str| {
        [".quiz.toml", ".scenario.toml", ".md", ".toml"]
            .into_iter()
            .find(|k| n.ends_with(k))
            .map(|k| (k, n[..n.len() - k.len()].to_lowercase()))
    };
    let (ext, stem) = kind(missing)?;
    let same_kind: Vec<(&'a str, String)> = unused
        .iter()
        .filter_map(|u| {
            kind(u)
                .filter(|(e, _)| *e == ext)
                .map(|(_, s)| (u.as_str(), s))
        })
        .collect();
    let prefixed: Vec<&str> = same_kind
        .iter()
        .filter(|(_, s)| {
            s.len() > 2 && stem.len() > 2 && (s.starts_with(&stem) || stem.starts_with(s.as_str()))
        })
        .map(|(u, _)| *u)
        .collect();
    if let [one] = prefixed.as_slice() {
        return Some(one);
    }
    if let Some(close) = crate::suggest::closest(missing, same_kind.iter().map(|(u, _)| *u)) {
        return Some(close);
    }
    // Else the one file of the kind with the same lesson number (`02-first-contact.md` for
    // `02-contact.md`).
    let number = |s: &str| {
        let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        (digits > 0).then(|| s[..digits].to_string())
    };
    let n = number(&stem)?;
    let numbered: Vec<&str> = same_kind
        .iter()
        .filter(|(_, s)| number(s).as_deref() == Some(n.as_str()))
        .map(|(u, _)| *u)
        .collect();
    match numbered.as_slice() {
        [one] => Some(one),
        _ => None,
    }
}
