//! `rollcall export`.

use std::process::ExitCode;

use crate::cli::{Cli, Command, ExportFormat};
use crate::progress::Stamp;
use crate::report::{self, xapi};

/// Runs the command.
///
/// # Errors
/// When the command cannot run.
pub fn run(cli: &Cli) -> anyhow::Result<ExitCode> {
    let Some(Command::Export { format }) = &cli.command else {
        anyhow::bail!("internal error: not the export command");
    };
    let ExportFormat::Xapi { paths, homepage } = format;
    let base = xapi::base_iri(homepage);
    if !report::validate::is_iri(&base) {
        anyhow::bail!("--homepage {homepage}: expected an absolute http(s) URL");
    }
    let library = super::report::library(cli)?;
    let inputs = super::report::read_inputs(cli, paths)?;
    let names: Vec<String> = inputs
        .sources
        .iter()
        .map(report::Source::file_learner)
        .collect();
    crate::cmd::known_learner(cli.learner.as_deref(), names.iter().map(String::as_str))?;
    let (statements, left_out) = learner_statements_checked(cli, &base, &library, &inputs);
    let mut out = serde_json::to_string_pretty(&statements)?;
    out.push('\n');
    out!("{}", crate::sanitize::json(&out));
    Ok(if inputs.skipped.is_empty() && !left_out {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(crate::cmd::EXIT_PROBLEMS)
    })
}

/// The xAPI statements of every learner in `inputs` (only `--learner`'s, when given). Records
/// are checked first: anything flagged (and any completion without its evidence) is left out,
/// with a message on stderr; the second value says whether anything was left out.
pub(crate) fn learner_statements(
    cli: &Cli,
    base: &str,
    library: &crate::course::Library,
    inputs: &report::Inputs,
) -> Vec<serde_json::Value> {
    learner_statements_checked(cli, base, library, inputs).0
}

/// [`learner_statements`], also saying whether any record was left out.
pub(crate) fn learner_statements_checked(
    cli: &Cli,
    base: &str,
    library: &crate::course::Library,
    inputs: &report::Inputs,
) -> (Vec<serde_json::Value>, bool) {
    let learners = report::merge_by_learner(&inputs.sources);
    let quizzes = crate::quiz::QuizBook::load(library);
    let scenarios = crate::scenario::ScenarioBook::load(library);
    let ctx = xapi::Context {
        base,
        library,
        quizzes: Some(&quizzes),
        scenarios: Some(&scenarios),
    };
    let now = Stamp::now();
    let mut left_out = false;
    let chosen: Vec<_> = learners
        .iter()
        .filter(|(name, _)| {
            cli.learner
                .as_ref()
                .is_none_or(|l| crate::progress::store::same_learner(l, name))
        })
        .map(|(name, merged)| {
            let checked = merged.check_with(now, Some(&scenarios));
            for problem in checked.problems(library) {
                left_out = true;
                let line = format!("left out of {name}'s statements: {problem}");
                eprintln!("rollcall: {}", crate::sanitize::line(&line));
            }
            checked.creditable(library)
        })
        .collect();
    (xapi::statements_for_all(&ctx, chosen.iter()), left_out)
}
