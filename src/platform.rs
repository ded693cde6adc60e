//! What differs between Windows and the rest, kept in one place: replacing a file that another
//! program holds open, and the file names Windows reserves.
//!
//! Everything here compiles and is tested on every platform; only [`replace_file`]'s idea of
//! "busy" depends on the platform. Its Windows side is tested end to end under Wine by
//! `.ci/windows.sh`, with a helper that holds the progress file open as a virus scanner does.

use std::io;
use std::path::Path;
use std::time::Duration;

/// How long [`replace_file`] keeps retrying a rename that another program blocks, in total.
pub const REPLACE_RETRY_FOR: Duration = Duration::from_secs(3);
/// The first wait between tries; each wait doubles up to [`MAX_WAIT`].
const FIRST_WAIT: Duration = Duration::from_millis(10);
/// The longest single wait between tries.
const MAX_WAIT: Duration = Duration::from_millis(250);

/// Windows error codes that mean "another program has this file open right now".
#[cfg(windows)]
mod code {
    /// `ERROR_ACCESS_DENIED`: also what a rename over a file being deleted or scanned gives.
    pub const ACCESS_DENIED: i32 = 5;
    /// `ERROR_SHARING_VIOLATION`: open without `FILE_SHARE_DELETE` (scanners, backup tools).
    pub const SHARING_VIOLATION: i32 = 32;
    /// `ERROR_LOCK_VIOLATION`: a byte range of the file is locked.
    pub const LOCK_VIOLATION: i32 = 33;
}

/// Renames `tmp` over `dest`, replacing it.
///
/// On Windows a virus scanner, backup tool or indexer that has `dest` open makes the rename
/// fail with a sharing violation (or access denied) for a moment; this retries with a growing
/// wait for at most [`REPLACE_RETRY_FOR`] in all, then returns the last error, saying that
/// another program kept the file open. Elsewhere a rename over an open file just works, so
/// any error is returned at once. `tmp` is left in place on error.
///
/// # Errors
/// The rename's error (after the retries on Windows).
pub fn replace_file(tmp: &Path, dest: &Path) -> io::Result<()> {
    retry_while_busy(
        || std::fs::rename(tmp, dest),
        is_busy,
        std::thread::sleep,
        REPLACE_RETRY_FOR,
    )
}

/// Whether `e` means another program holds the file open for now (Windows only).
#[cfg(windows)]
fn is_busy(e: &io::Error) -> bool {
    matches!(
        e.raw_os_error(),
        Some(code::ACCESS_DENIED | code::SHARING_VIOLATION | code::LOCK_VIOLATION)
    )
}

/// Whether `e` means another program holds the file open for now: never, off Windows.
#[cfg(not(windows))]
fn is_busy(_e: &io::Error) -> bool {
    false
}

/// Runs `op` until it succeeds, fails with an error `busy` does not accept, or the waits
/// between tries add up to `budget`. The clock is `sleep`, so tests can run it instantly.
fn retry_while_busy(
    mut op: impl FnMut() -> io::Result<()>,
    busy: impl Fn(&io::Error) -> bool,
    mut sleep: impl FnMut(Duration),
    budget: Duration,
) -> io::Result<()> {
    let mut waited = Duration::ZERO;
    let mut wait = FIRST_WAIT;
    let mut tries = 0u32;
    loop {
        tries += 1;
        let e = match op() {
            Ok(()) => return Ok(()),
            Err(e) => e,
        };
        if !busy(&e) {
            return Err(e);
        }
        if waited >= budget {
            return Err(io::Error::new(
                e.kind(),
                format!(
                    "{e} (another program, perhaps a virus scanner or backup tool, kept the file \
                     open: tried {tries} times over {:.1} s)",
                    waited.as_secs_f64()
                ),
            ));
        }
        let step = wait.min(budget.saturating_sub(waited));
        sleep(step);
        waited += step;
        wait = (wait * 2).min(MAX_WAIT);
    }
}

/// Why `name` cannot be a file or folder name on Windows, if it cannot: a reserved device
/// name (`CON`, `PRN`, `AUX`, `NUL`, `COM1`-`COM9`, `LPT1`-`LPT9`, in any case, with or without
/// an extension) or a trailing dot or space (which Windows drops, so two names would share a
/// file).
///
/// Checked on every platform, so that a record or course made on Linux opens on Windows.
pub fn reserved_name(name: &str) -> Option<String> {
    if name.ends_with('.') || name.ends_with(' ') {
        return Some(format!(
            "{name:?} ends with a dot or a space, which Windows drops from file names"
        ));
    }
    // Windows treats `NUL.txt`, `nul .tar.gz` and `NUL` alike: the part before the first dot,
    // without trailing spaces, is what names the device.
    let stem = name.split('.').next().unwrap_or(name).trim_end_matches(' ');
    if is_device(stem) {
        return Some(format!("{stem:?} is a reserved device name on Windows"));
    }
    None
}

/// Whether `stem` names a Windows device.
fn is_device(stem: &str) -> bool {
    let upper = stem.to_ascii_uppercase();
    if matches!(
        upper.as_str(),
        "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$"
    ) {
        return true;
    }
    let mut chars = upper.chars();
    let prefix: String = chars.by_ref().take(3).collect();
    let rest: Vec<char> = chars.collect();
    // COM0 and LPT0 are not devices; the superscript digits are (Windows maps them to 1-3).
    (prefix == "COM" || prefix == "LPT") && matches!(rest.as_slice(), ['1'..='9' | '¹' | '²' | '³'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    fn busy_error() -> io::Error {
        io::Error::new(io::ErrorKind::PermissionDenied, "in use")
    }

    #[test]
    fn retry_succeeds_once_the_file_is_free() {
        let tries = Cell::new(0);
        let slept = Cell::new(Duration::ZERO);
        let result = retry_while_busy(
            || {
                tries.set(tries.get() + 1);
                if tries.get() < 4 {
                    Err(busy_error())
                } else {
                    Ok(())
                }
            },
            |_| true,
            |d| slept.set(slept.get() + d),
            REPLACE_RETRY_FOR,
        );
        assert!(result.is_ok());
        assert_eq!(tries.get(), 4);
        // 10 + 20 + 40 ms of backoff.
        assert_eq!(slept.get(), Duration::from_millis(70));
    }

    #[test]
    fn retry_gives_up_after_the_budget_and_says_why() {
        let tries = Cell::new(0u32);
        let slept = Cell::new(Duration::ZERO);
        let err = retry_while_busy(
            || {
                tries.set(tries.get() + 1);
                Err(busy_error())
            },
            |_| true,
            |d| {
                assert!(d <= MAX_WAIT);
                slept.set(slept.get() + d);
            },
            REPLACE_RETRY_FOR,
        )
        .unwrap_err();
        assert_eq!(
            slept.get(),
            REPLACE_RETRY_FOR,
            "waits add up to the budget exactly"
        );
        assert_eq!(err.kind(), io::ErrorKind::PermissionDenied);
        let msg = err.to_string();
        assert!(msg.starts_with("in use (another program"), "{msg}");
        assert!(msg.contains("3.0 s"), "{msg}");
        assert!(tries.get() > 10 && tries.get() < 30, "{}", tries.get());
    }

    #[test]
    fn other_errors_are_not_retried() {
        let tries = Cell::new(0);
        let err = retry_while_busy(
            || {
                tries.set(tries.get() + 1);
                Err(io::Error::from(io::ErrorKind::NotFound))
            },
            |_| false,
            |_| panic!("must not wait"),
            REPLACE_RETRY_FOR,
        )
        .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
        assert_eq!(tries.get(), 1);
    }

    #[test]
    fn replace_file_replaces_and_reports_a_missing_source() {
        let dir = tempfile::tempdir().unwrap();
        let tmp = dir.path().join("new");
        let dest = dir.path().join("dest");
        std::fs::write(&dest, "old").unwrap();
        std::fs::write(&tmp, "new").unwrap();
        replace_file(&tmp, &dest).unwrap();
        assert_eq!(std::fs::read_to_string(&dest).unwrap(), "new");
        assert!(!tmp.exists());
        let err = replace_file(&tmp, &dest).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
        assert_eq!(std::fs::read_to_string(&dest).unwrap(), "new");
    }

    #[test]
    fn reserved_device_names_in_any_case_with_or_without_extension() {
        for name in [
            "CON",
            "con",
            "Prn",
            "aux",
            "NUL",
            "nul.txt",
            "NUL .txt",
            "nul.tar.gz",
            "COM1",
            "com9",
            "Lpt1",
            "LPT9.toml",
            "COM¹",
            "lpt³",
            "CONIN$",
            "conout$.x",
        ] {
            let why = reserved_name(name).unwrap_or_else(|| panic!("{name:?} allowed"));
            assert!(why.contains("reserved device name"), "{name:?}: {why}");
        }
    }

    #[test]
    fn trailing_dots_and_spaces_are_refused() {
        for name in ["jdoe.", "jdoe ", "a..", "x. ", "con."] {
            let why = reserved_name(name).unwrap_or_else(|| panic!("{name:?} allowed"));
            assert!(why.contains("dot or a space"), "{name:?}: {why}");
        }
    }

    #[test]
    fn ordinary_names_pass() {
        for name in [
            "jdoe",
            "console",
            "com0",
            "lpt0",
            "com10",
            "com1a",
            "auxiliary",
            "nullify",
            "de-escalation",
            "J. Doe",
            "a.con",
            "x.nul",
            "José Núñez",
            "",
        ] {
            assert_eq!(reserved_name(name), None, "{name:?}");
        }
    }
}
