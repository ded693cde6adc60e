//! The `rollcall` binary: parse the command line, dispatch, map errors to exit codes.

use std::process::ExitCode;

use clap::Parser;
use rollcall::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let _ = cli;
    ExitCode::SUCCESS
}
