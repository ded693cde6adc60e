//! The binary's edge: each subcommand's runner. These do I/O and return `anyhow` errors;
//! everything they compute comes from the library modules.

/// `print!` for commands: a failed write (a closed pipe, `rollcall report | head`) returns an
/// error from the command instead of panicking; `main` ends quietly on a closed pipe.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::cmd::write_out(format_args!($($arg)*))?
    };
}

/// `println!` for commands, as [`out!`].
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::cmd::write_out(format_args!("{}\n", format_args!($($arg)*)))?
    };
}

/// `println!` where no error can be returned: a failed write (a closed pipe) is dropped and
/// the command goes on to its exit code, instead of panicking.
macro_rules! sayln {
    ($($arg:tt)*) => {
        let _ = $crate::cmd::write_out(format_args!("{}\n", format_args!($($arg)*)));
    };
}

pub mod certificate;
pub mod check;
pub mod compliance;
pub mod courses;
pub mod export;
pub mod items;
pub mod meta;
pub mod new;
pub mod preview;
pub mod progress;
pub mod report;
pub mod scenario;
pub mod sync;

/// Exit code: the command found problems (check errors, skipped report inputs).
pub const EXIT_PROBLEMS: u8 = 1;
/// Exit code: the command could not run.
pub const EXIT_FAILED: u8 = 2;
/// Exit code: `sync` could not reach the LRS (offline is normal).
pub const EXIT_OFFLINE: u8 = 3;

/// A command's output in `format` with nothing left that could drive a terminal: tables lose
/// escape sequences and hidden characters, JSON gets them as `\u` escapes (the same value),
/// CSV loses them but keeps its CRLF record ends.
pub(crate) fn terminal_safe(out: &str, format: crate::cli::Format) -> std::borrow::Cow<'_, str> {
    use crate::cli::Format;
    use crate::sanitize;
    match format {
        Format::Table => sanitize::text(out),
        Format::Json => sanitize::json(out),
        Format::Csv => sanitize::clean(out, sanitize::Mode::Layout),
    }
}

/// Width for a table: none with `--wide`, else the terminal's, else `$COLUMNS`, else 80 (a
/// pipe or a file: `less` and printouts read 80 columns well; `--wide` or CSV give all).
pub(crate) fn table_width(wide: bool) -> Option<usize> {
    use std::io::IsTerminal as _;
    if wide {
        return None;
    }
    if std::io::stdout().is_terminal()
        && let Ok((w, _)) = ratatui::crossterm::terminal::size()
        && w > 0
    {
        return Some(usize::from(w));
    }
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok());
    Some(columns.filter(|&c: &usize| c > 0).unwrap_or(DEFAULT_WIDTH))
}

/// Table width when neither the terminal nor `$COLUMNS` gives one.
const DEFAULT_WIDTH: usize = 80;

/// Fails (exit 2) when `--course ID` names no course the library or the records know, so a
/// typo is not mistaken for "nobody has done it".
///
/// # Errors
/// "unknown course", with the closest known id when there is one.
pub(crate) fn known_course<'a>(
    course: Option<&str>,
    known: impl IntoIterator<Item = &'a str> + Clone,
) -> anyhow::Result<()> {
    match course {
        Some(id) if !known.clone().into_iter().any(|k| k == id) => anyhow::bail!(
            "unknown course `{id}`: no course in the library or the records has that id{}",
            crate::suggest::did_you_mean(id, known)
        ),
        _ => Ok(()),
    }
}

/// Fails (exit 2) when `--learner NAME` names nobody in the records (compared ignoring case).
///
/// # Errors
/// "unknown learner", with the closest known learner when there is one.
pub(crate) fn known_learner<'a>(
    learner: Option<&str>,
    known: impl IntoIterator<Item = &'a str> + Clone,
) -> anyhow::Result<()> {
    match learner {
        Some(name)
            if !known
                .clone()
                .into_iter()
                .any(|k| crate::progress::store::same_learner(k, name)) =>
        {
            anyhow::bail!(
                "unknown learner `{name}`: no progress file in the records is theirs{}",
                crate::suggest::did_you_mean(name, known)
            )
        }
        _ => Ok(()),
    }
}

/// Writes to standard output and flushes.
///
/// # Errors
/// When standard output cannot be written (a closed pipe among others).
pub(crate) fn write_out(args: std::fmt::Arguments<'_>) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    out.write_fmt(args)?;
    out.flush()
}

/// Whether `err` is a write to a pipe whose reader has gone (`rollcall man | head`): not a
/// failure of rollcall, so it ends quietly.
#[must_use]
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
