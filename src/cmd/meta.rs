//! `rollcall completions SHELL` and `rollcall man`: generated from the clap definitions.

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::CommandFactory as _;

use crate::cli::{Cli, Command};

mod man;

/// Runs the command.
///
/// # Errors
/// When standard output cannot be written.
pub fn run(cli: &Cli) -> anyhow::Result<ExitCode> {
    let mut command = Cli::command();
    let mut out = std::io::stdout().lock();
    match &cli.command {
        Some(Command::Completions { shell }) => {
            // Into memory first: clap_complete panics when its writer fails (a closed pipe).
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut command, "rollcall", &mut script);
            out.write_all(&script)
                .context("writing the completion script")?;
        }
        Some(Command::Man) => man::render(command, &mut out).context("writing the man page")?,
        _ => anyhow::bail!("internal: `meta` called for another command"),
    }
    out.flush().context("writing to standard output")?;
    Ok(ExitCode::SUCCESS)
}

/// The KEYS section in roff, generated from the keymap (the help overlay lists the same).
#[must_use]
pub fn keys_section() -> String {
    let mut roff = String::from(".SH KEYS\n");
    for (keys, what) in crate::keymap::help_rows() {
        let _ = write!(
            roff,
            ".TP\n\\fB{}\\fR\n{}\n",
            roff_escape(keys),
            roff_escape(what)
        );
    }
    for note in crate::keymap::HELP_NOTES {
        let _ = write!(roff, ".PP\n{}\n", roff_escape(note));
    }
    roff
}

/// The SCREEN READER MODE section in roff: the line commands of `--screen-reader`.
#[must_use]
pub fn screen_reader_section() -> String {
    let mut roff = String::from(".SH SCREEN READER MODE\n");
    roff.push_str(&roff_escape(
        "With --screen-reader (or TERM=dumb, or ROLLCALL_SCREEN_READER=1) rollcall prints each \
         screen once as plain lines and reads one command per line.",
    ));
    roff.push('\n');
    for line in crate::plain::HELP {
        let _ = write!(roff, ".br\n{}\n", roff_escape(line));
    }
    roff
}

/// Text safe in a roff line: backslashes and hyphens escaped, no leading control character.
fn roff_escape(s: &str) -> String {
    let mut out = s.replace('\\', "\\e").replace('-', "\\-");
    if out.starts_with('.') || out.starts_with('\'') {
        out.insert_str(0, "\\&");
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn keys_section_lists_every_help_row() {
        let roff = super::keys_section();
        assert!(roff.starts_with(".SH KEYS\n"));
        for (keys, _) in crate::keymap::help_rows() {
            assert!(roff.contains(&super::roff_escape(keys)), "{keys}");
        }
        assert!(roff.contains("this help"));
    }
}
