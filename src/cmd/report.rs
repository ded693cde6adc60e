//! `rollcall report`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

use crate::cli::{Cli, Command, Format};
use crate::course::Library;
use crate::progress::Stamp;
use crate::report::{self, Filter, Inputs, format};

/// This machine's progress folder, as the app resolves it.
pub(crate) fn data_dir(cli: &Cli) -> anyhow::Result<PathBuf> {
    Ok(crate::config::Config::load(cli)?.data_dir)
}

/// The course library for record metadata (the built-in courses when there is no courses
/// folder); rows for courses it lacks show what the progress files know.
pub(crate) fn library(cli: &Cli) -> anyhow::Result<Library> {
    let config = crate::config::Config::load(cli)?;
    let courses = crate::locate::Courses::find(config.courses.as_deref())?;
    courses.load().map_err(|d| anyhow::anyhow!("{d}"))
}

/// Reads the inputs (or this machine's data folder) and lists what was skipped on stderr.
pub(crate) fn read_inputs(cli: &Cli, paths: &[PathBuf]) -> anyhow::Result<Inputs> {
    let paths = if paths.is_empty() {
        let dir = data_dir(cli)?;
        if !dir.exists() {
            // A machine nobody has trained on yet: nothing to report, nothing wrong.
            eprintln!(
                "rollcall: note: no progress on this machine yet ({})",
                dir.display()
            );
            return Ok(Inputs::default());
        }
        vec![dir]
    } else {
        paths.to_vec()
    };
    let inputs = report::read_inputs(&paths);
    for skipped in &inputs.skipped {
        let line = format!("skipped {}: {}", skipped.path.display(), skipped.reason);
        eprintln!("rollcall: {}", crate::sanitize::line(&line));
    }
    for dir in &inputs.empty_dirs {
        let line = format!("no progress files in {}", dir.display());
        eprintln!("rollcall: note: {}", crate::sanitize::line(&line));
    }
    Ok(inputs)
}

fn parse_date(flag: &str, value: Option<&String>) -> anyhow::Result<Option<jiff::civil::Date>> {
    value
        .map(|v| {
            v.parse::<jiff::civil::Date>()
                .with_context(|| format!("{flag} {v}: expected a date as YYYY-MM-DD"))
        })
        .transpose()
}

/// Runs the command.
///
/// # Errors
/// When the command cannot run.
pub fn run(cli: &Cli) -> anyhow::Result<ExitCode> {
    let Some(Command::Report(args)) = &cli.command else {
        anyhow::bail!("internal error: not the report command");
    };
    if let Some(crate::cli::ReportCommand::Items(items)) = &args.command {
        return crate::cmd::items::run(cli, items);
    }
    let filter = Filter {
        course: args.course.clone(),
        learner: cli.learner.clone(),
        since: parse_date("--since", args.since.as_ref())?,
        until: parse_date("--until", args.until.as_ref())?,
        status: args.status,
    };
    let library = library(cli)?;
    let mut inputs = read_inputs(cli, &args.paths)?;
    // A flagged run is named with the file that holds it (the merge forgets which one did).
    let scenarios = crate::scenario::ScenarioBook::load(&library);
    for source in &inputs.sources {
        let notes = crate::progress::validate::runs::file_notes(
            &source.path,
            &source.progress,
            &scenarios,
            Stamp::now(),
        );
        for line in notes {
            eprintln!("rollcall: warning: {}", crate::sanitize::line(&line));
        }
    }
    // The sources are moved into the merge: a big record is held once.
    let learners = report::merge_owned(std::mem::take(&mut inputs.sources));
    warn_case_twins(learners.keys());
    crate::cmd::known_course(
        args.course.as_deref(),
        report::course_ids(&learners, &library),
    )?;
    crate::cmd::known_learner(cli.learner.as_deref(), learners.keys().map(String::as_str))?;
    let mut built = report::build_report(&learners, &library, &filter, Stamp::now());
    let settings = crate::config::Config::load(cli)?.settings;
    report::flag_time(&mut built, settings.credit_ratio);
    if let Some(url) = &args.verify_lrs {
        super::sync::verify_report(cli, args, url, &mut built)?;
    }
    let out = match args.format {
        Format::Table => format::to_table(&built, crate::cmd::table_width(args.wide)),
        Format::Csv => format::to_csv(&built).context("cannot write CSV")?,
        Format::Json => {
            serde_json::to_string_pretty(&format::to_json(&built, &inputs.skipped))? + "\n"
        }
    };
    out!("{}", crate::cmd::terminal_safe(&out, args.format));
    Ok(exit_code(&inputs))
}

/// Exit code 1 when an input file could not be used (it was skipped and said so), else 0.
pub(crate) fn exit_code(inputs: &Inputs) -> ExitCode {
    if inputs.skipped.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(crate::cmd::EXIT_PROBLEMS)
    }
}

/// Says which learners differ only in case: rollcall treats them as one learner now, but
/// their files are reported apart (not merged, nothing dropped) until someone merges them.
fn warn_case_twins<'a>(names: impl Iterator<Item = &'a String>) {
    let mut by_key: std::collections::BTreeMap<String, Vec<&str>> =
        std::collections::BTreeMap::new();
    for name in names {
        by_key
            .entry(crate::progress::store::learner_key(name))
            .or_default()
            .push(name);
    }
    for twins in by_key.values().filter(|t| t.len() > 1) {
        let line = format!(
            "learners {} differ only in case: they are one learner, shown apart until their \
             progress files are merged by hand",
            twins.join(" and ")
        );
        eprintln!("rollcall: warning: {}", crate::sanitize::line(&line));
    }
}
