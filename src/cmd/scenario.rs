//! `rollcall scenario graph FILE`: a scenario as a Graphviz DOT graph, for authors.

use std::io::{self, Write as _};
use std::process::ExitCode;

use anyhow::Context as _;

use crate::cli::{Cli, Command, ScenarioAction};
use crate::cmd::EXIT_PROBLEMS;
use crate::scenario;

/// Runs the command.
///
/// # Errors
/// When standard output cannot be written.
pub fn run(cli: &Cli) -> anyhow::Result<ExitCode> {
    let Some(Command::Scenario { action }) = &cli.command else {
        anyhow::bail!("internal: `scenario` called for another command");
    };
    let ScenarioAction::Graph { file } = action;
    match scenario::load_scenario(file) {
        Ok(s) => {
            let mut out = io::stdout().lock();
            out.write_all(scenario::to_dot(&s).as_bytes())
                .and_then(|()| out.flush())
                .context("writing the graph")?;
            Ok(ExitCode::SUCCESS)
        }
        Err(errors) => {
            for e in &errors {
                eprintln!("rollcall: error: {e}");
            }
            // Only about what the file says: a file that cannot be read has nothing to check.
            if errors.iter().any(|e| e.line.is_some()) {
                eprintln!(
                    "rollcall: the scenario has errors; run `rollcall check` on its course for details"
                );
            }
            Ok(ExitCode::from(EXIT_PROBLEMS))
        }
    }
}
