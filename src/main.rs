//! The `rollcall` binary: parse the command line, dispatch, map errors to exit codes.

use std::process::ExitCode;

use clap::Parser;
use rollcall::cli::{Cli, Command};
use rollcall::cmd;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        None => rollcall::tui::start(&cli),
        Some(Command::Check(_)) => cmd::check::run(&cli),
        Some(Command::Preview(_)) => cmd::preview::run(&cli),
        Some(Command::New(_)) => cmd::new::run(&cli),
        Some(Command::Scenario { .. }) => cmd::scenario::run(&cli),
        Some(Command::Courses { .. }) => cmd::courses::run(&cli),
        Some(Command::Progress(_)) => cmd::progress::run(&cli),
        #[cfg(any(debug_assertions, feature = "test-commands"))]
        Some(Command::SaveLoop { .. }) => cmd::progress::run(&cli),
        Some(Command::Report(_)) => cmd::report::run(&cli),
        Some(Command::Export { .. }) => cmd::export::run(&cli),
        Some(Command::Sync(_)) => cmd::sync::run(&cli),
        Some(Command::Compliance(_)) => cmd::compliance::run(&cli),
        Some(Command::Certificate(_)) => cmd::certificate::run(&cli),
        Some(Command::Completions { .. } | Command::Man) => cmd::meta::run(&cli),
    };
    match result {
        Ok(code) => code,
        // The reader went away (`rollcall man | head`): it has what it wanted.
        Err(err) if cmd::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            let message = format!("{err:#}");
            eprintln!("rollcall: error: {}", rollcall::sanitize::text(&message));
            ExitCode::from(cmd::EXIT_FAILED)
        }
    }
}
