//! The binary's edge: each subcommand's runner. These do I/O and return `anyhow` errors;
//! everything they compute comes from the library modules.

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
