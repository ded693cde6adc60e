//! `rollcall compliance`: the roster against the requirements and the records.

use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;

use crate::cli::{Cli, Command, ComplianceFormat};
use crate::cmd::{EXIT_FAILED, EXIT_PROBLEMS};
use crate::compliance::format::{self, PostRecord};
use crate::compliance::requirements::{self, Requirements};
use crate::compliance::roster::Roster;
use crate::compliance::{self, Standing};
use crate::diagnostic::{Diagnostic, Severity};
use crate::report;

/// Text bound for a terminal with nothing that could drive it (names come from spreadsheets):
/// whole escape sequences go, not just their ESC.
fn clean(s: &str) -> String {
    crate::sanitize::text(s).into_owned()
}

fn print_problems(problems: &[Diagnostic]) {
    for d in problems {
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        eprintln!("rollcall: {kind}: {}", clean(&d.to_string()));
    }
}

/// The roster: `flag`, else `roster.csv` or `roster.toml` in the data folder; `None` when
/// there is none. Bad rows are printed on stderr; the good ones are used.
pub(crate) fn load_roster(cli: &Cli, flag: Option<&Path>) -> anyhow::Result<Option<Roster>> {
    let path = if let Some(p) = flag {
        p.to_path_buf()
    } else {
        let dir = crate::cmd::report::data_dir(cli)?;
        match ["roster.csv", "roster.toml"]
            .iter()
            .map(|n| dir.join(n))
            .find(|p| p.exists())
        {
            Some(p) => p,
            None => return Ok(None),
        }
    };
    let text = compliance::read_text(&path)
        .with_context(|| format!("roster {}", clean(&path.display().to_string())))?;
    let roster = Roster::parse(&path, &text);
    print_problems(&roster.problems);
    Ok(Some(roster))
}

/// Each learner's merged record with only what may be credited (records checked, evidence
/// required), as every command that credits completions must read it.
pub(crate) fn creditable(
    sources: &[report::Source],
    library: &crate::course::Library,
    now: crate::progress::Stamp,
) -> std::collections::BTreeMap<String, crate::progress::Progress> {
    // Runs are checked against their scenarios too: a run along an impossible path credits
    // no lesson.
    let scenarios = crate::scenario::ScenarioBook::load(library);
    report::merge_by_learner(sources)
        .into_iter()
        .map(|(name, merged)| {
            let credited = merged.check_with(now, Some(&scenarios)).creditable(library);
            (name, credited)
        })
        .collect()
}

fn today() -> jiff::civil::Date {
    jiff::Zoned::now().date()
}

fn terminal_width() -> Option<usize> {
    if std::io::stdout().is_terminal()
        && let Ok((w, _)) = ratatui::crossterm::terminal::size()
    {
        return Some(usize::from(w));
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .or(Some(80))
}

/// Runs the command.
///
/// # Errors
/// When an input cannot be read at all.
pub fn run(cli: &Cli) -> anyhow::Result<ExitCode> {
    let Some(Command::Compliance(args)) = &cli.command else {
        anyhow::bail!("internal error: not the compliance command");
    };
    let as_of = match &args.as_of {
        Some(v) => v
            .parse::<jiff::civil::Date>()
            .with_context(|| format!("--as-of {v}: expected a date as YYYY-MM-DD"))?,
        None => today(),
    };
    let columns = format::post_columns(args.columns.as_deref())?;
    if args.columns.is_some() && args.format != ComplianceFormat::PostCsv {
        anyhow::bail!("--columns goes with --format post-csv");
    }
    let courses = crate::locate::Courses::find(cli.courses.as_deref())?;
    let library = courses.load().map_err(|d| anyhow::anyhow!("{d}"))?;
    let req_path = courses.root.join(requirements::FILE_NAME);
    if !req_path.exists() {
        eprintln!(
            "rollcall: error: no {} in the courses folder {}",
            requirements::FILE_NAME,
            clean(&courses.root.display().to_string())
        );
        eprintln!(
            "  help: list the required courses there ([[require]] course, who, due or within, every); see docs/compliance.md"
        );
        return Ok(ExitCode::from(EXIT_FAILED));
    }
    let ids: BTreeSet<String> = library.courses.iter().map(|c| c.id.clone()).collect();
    let text = compliance::read_text(&req_path)
        .with_context(|| format!("reading {}", req_path.display()))?;
    let reqs = Requirements::parse(&req_path, &text, &ids);
    print_problems(&reqs.problems);
    let Some(roster) = load_roster(cli, args.roster.as_deref())? else {
        eprintln!(
            "rollcall: error: no roster: put roster.csv in the data folder or pass --roster FILE"
        );
        eprintln!(
            "  help: columns: {}",
            compliance::roster::CSV_COLUMNS.join(",")
        );
        return Ok(ExitCode::from(EXIT_FAILED));
    };
    let inputs = crate::cmd::report::read_inputs(cli, &args.paths)?;
    // Only what the records' checks and the one completion rule credit, as of the day
    // asked (a record is "from the future" only relative to that day's end).
    let now = as_of
        .at(23, 59, 59, 0)
        .to_zoned(jiff::tz::TimeZone::system())
        .map_or_else(
            |_| crate::progress::Stamp::now(),
            |z| crate::progress::Stamp::from_zoned(&z).max(crate::progress::Stamp::now()),
        );
    let learners = creditable(&inputs.sources, &library, now);
    let completions = compliance::completions(&learners, &library);
    let names: Vec<String> = learners.keys().cloned().collect();
    let built = compliance::build(&roster, &reqs, &completions, &names, as_of, args.due_soon);
    let out = match args.format {
        ComplianceFormat::Table => format::to_table(&built, terminal_width()),
        ComplianceFormat::Csv => format::to_csv(&built),
        ComplianceFormat::Json => serde_json::to_string_pretty(&format::to_json(&built))? + "\n",
        ComplianceFormat::PostCsv => {
            let records: Vec<PostRecord<'_>> = completions
                .iter()
                .filter_map(|c| {
                    let officer = roster.officer_for(&c.learner)?;
                    let meta = library.course(&c.course);
                    Some(PostRecord {
                        officer_id: &officer.id,
                        name: &officer.name,
                        title: meta.map(|m| m.title.as_str()),
                        certification: meta.and_then(|m| m.certification.as_deref()),
                        provider: meta.and_then(|m| m.provider.as_deref()),
                        completion: c,
                    })
                })
                .collect();
            format::to_post_csv(&records, &columns)
        }
    };
    out!(
        "{}",
        if args.format == ComplianceFormat::Table {
            clean(&out)
        } else {
            out
        }
    );
    let problems = roster
        .problems
        .iter()
        .chain(&reqs.problems)
        .any(|d| d.severity == Severity::Error);
    Ok(if built.any_overdue() {
        let n = built
            .rows
            .iter()
            .filter(|r| r.status == Standing::Overdue)
            .count();
        eprintln!("rollcall: {n} overdue");
        ExitCode::from(EXIT_PROBLEMS)
    } else if problems {
        ExitCode::from(EXIT_PROBLEMS)
    } else {
        ExitCode::SUCCESS
    })
}
