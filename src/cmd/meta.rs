//! `rollcall meta`.

use std::process::ExitCode;

use crate::cli::Cli;

/// Runs the command.
///
/// # Errors
/// When the command cannot run.
pub fn run(cli: &Cli) -> anyhow::Result<ExitCode> {
    let _ = cli;
    anyhow::bail!("`meta` is not implemented yet")
}
