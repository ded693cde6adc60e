//! `rollcall courses unpack DIR`.

use std::process::ExitCode;

use crate::builtin;
use crate::cli::{Cli, Command, CoursesAction};
use crate::cmd::EXIT_FAILED;
use crate::diagnostic::display_path;

/// Runs the command.
///
/// # Errors
/// Never: failures are reported and mapped to exit code 2.
pub fn run(cli: &Cli) -> anyhow::Result<ExitCode> {
    let Some(Command::Courses {
        action: CoursesAction::Unpack { dir },
    }) = &cli.command
    else {
        anyhow::bail!("internal: `courses` called for another command");
    };
    match builtin::unpack(dir) {
        Ok(written) => {
            for path in &written {
                outln!("wrote {}", display_path(path));
            }
            let n = builtin::course_ids().len();
            outln!(
                "unpacked {n} course{} into {}; check edits with `rollcall check {}`",
                if n == 1 { "" } else { "s" },
                display_path(dir),
                display_path(dir)
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!(
                "rollcall: error: cannot unpack into {}: {e}",
                display_path(dir)
            );
            Ok(ExitCode::from(EXIT_FAILED))
        }
    }
}
