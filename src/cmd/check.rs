//! `rollcall check`.

use std::process::ExitCode;

use anyhow::Context as _;

use crate::check::{Report, check_dir};
use crate::cli::{CheckArgs, Cli, Command, Format};
use crate::cmd::{EXIT_FAILED, EXIT_PROBLEMS};
use crate::{builtin, locate, sanitize};

/// Label shown instead of the temporary folder when checking the built-in courses.
const BUILTIN_LABEL: &str = "(built-in)";

/// Runs the command.
///
/// # Errors
/// When the folder cannot be read or the built-in courses cannot be unpacked.
pub fn run(cli: &Cli) -> anyhow::Result<ExitCode> {
    let Some(Command::Check(args)) = &cli.command else {
        anyhow::bail!("internal: `check` called for another command");
    };
    if args.format == Format::Csv {
        eprintln!("rollcall: error: `check` writes table or json, not csv");
        return Ok(ExitCode::from(EXIT_FAILED));
    }
    let report = match gather(cli, args)? {
        Ok(r) => r,
        Err(d) => {
            eprintln!("rollcall: error: {}", sanitize::text(&d.to_string()));
            return Ok(ExitCode::from(EXIT_FAILED));
        }
    };
    match args.format {
        Format::Json => outln!(
            "{}",
            sanitize::json(
                &serde_json::to_string_pretty(&report.to_json()).context("writing JSON")?
            )
        ),
        // Wrapped to the terminal's width only when a person reads it there: piped, every
        // line stays whole, so the output compared by tests and scripts does not move.
        _ => out!(
            "{}",
            sanitize::text(&report.to_human_width(terminal_width()))
        ),
    }
    Ok(if report.failed(args.deny_warnings) {
        ExitCode::from(EXIT_PROBLEMS)
    } else {
        ExitCode::SUCCESS
    })
}

/// The terminal's width when standard output is one, else `None`.
fn terminal_width() -> Option<usize> {
    use std::io::IsTerminal as _;
    if !std::io::stdout().is_terminal() {
        return None;
    }
    ratatui::crossterm::terminal::size()
        .ok()
        .map(|(w, _)| usize::from(w))
        .filter(|&w| w > 0)
}

fn gather(
    cli: &Cli,
    args: &CheckArgs,
) -> anyhow::Result<Result<Report, crate::diagnostic::Diagnostic>> {
    let dir = args
        .dir
        .clone()
        .or_else(|| locate::courses_dir(cli.courses.as_deref()));
    if let Some(dir) = dir {
        return Ok(check_dir(&dir));
    }
    eprintln!("rollcall: no courses folder found; checking the built-in courses");
    let tmp = builtin::unpack_to_temp().context("unpacking the built-in courses")?;
    Ok(check_dir(tmp.path()).map(|mut r| {
        r.relabel(tmp.path(), BUILTIN_LABEL);
        r
    }))
}
