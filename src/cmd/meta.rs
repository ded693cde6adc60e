//! `rollcall completions SHELL` and `rollcall man`: generated from the clap definitions.

use std::io::Write as _;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::CommandFactory as _;

use crate::cli::{Cli, Command};

/// Runs the command.
///
/// # Errors
/// When standard output cannot be written.
pub fn run(cli: &Cli) -> anyhow::Result<ExitCode> {
    let mut command = Cli::command();
    let mut out = std::io::stdout().lock();
    match &cli.command {
        Some(Command::Completions { shell }) => {
            clap_complete::generate(*shell, &mut command, "rollcall", &mut out);
        }
        Some(Command::Man) => {
            clap_mangen::Man::new(command)
                .render(&mut out)
                .context("writing the man page")?;
        }
        _ => anyhow::bail!("internal: `meta` called for another command"),
    }
    out.flush().context("writing to standard output")?;
    Ok(ExitCode::SUCCESS)
}
