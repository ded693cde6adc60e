//! `rollcall report items`: item analysis of quiz questions across progress files, and how
//! often each scenario choice was taken at each node.

use std::fmt::Write as _;
use std::process::ExitCode;

use crate::cli::{Cli, Format, ItemsArgs};
use crate::compliance::format::csv_string;
use crate::progress::Attempt;
use crate::quiz::QuizBook;
use crate::quiz::items::{ItemStats, item_stats};
use crate::scenario::{ChoiceStats, RunRecord, ScenarioBook, choice_stats};

/// CSV columns, in order.
pub const CSV_HEADER: [&str; 9] = [
    "course",
    "lesson",
    "question",
    "form",
    "asked",
    "percent_correct",
    "discrimination",
    "picks",
    "flags",
];

/// Runs the command.
///
/// # Errors
/// When the command cannot run.
pub fn run(cli: &Cli, args: &ItemsArgs) -> anyhow::Result<ExitCode> {
    let library = crate::cmd::report::library(cli)?;
    let inputs = crate::cmd::report::read_inputs(cli, &args.paths)?;
    let learners = crate::report::merge_by_learner(&inputs.sources);
    let known = crate::report::course_ids(&learners, &library);
    crate::cmd::known_course(args.course.as_deref(), known)?;
    let scenarios = ScenarioBook::load(&library);
    // Item statistics are made of the same credible records as the report: a forged or
    // impossible attempt or run must not move an item's figures either.
    let now = crate::progress::Stamp::now();
    let checked: Vec<_> = learners
        .values()
        .filter(|m| !m.mismatched)
        .map(|m| m.check_with(now, Some(&scenarios)))
        .collect();
    let left_out: (usize, usize) = checked.iter().fold((0, 0), |(a, r), c| {
        (
            a + c.progress.attempts.len() - c.credible.attempts.len(),
            r + c.progress.runs.len() - c.credible.runs.len(),
        )
    });
    if left_out != (0, 0) {
        eprintln!(
            "rollcall: warning: {}",
            left_out_note(left_out.0, left_out.1)
        );
    }
    let in_course = |course: &str| args.course.as_ref().is_none_or(|c| c == course);
    let attempts: Vec<&Attempt> = checked
        .iter()
        .flat_map(|c| &c.credible.attempts)
        .filter(|a| in_course(&a.course))
        .collect();
    let book = QuizBook::load(&library);
    let stats = item_stats(&attempts, |a| book.get(&a.course, &a.lesson));
    let runs: Vec<&RunRecord> = checked
        .iter()
        .flat_map(|c| &c.credible.runs)
        .filter(|r| in_course(&r.course))
        .collect();
    let choices = choice_stats(&runs, |course, lesson| scenarios.get(course, lesson));
    let out = match (args.format, args.scenarios) {
        (Format::Table, false) if !choices.is_empty() => {
            format!("{}\n{}", to_table(&stats), choices_table(&choices))
        }
        (Format::Table, false) => to_table(&stats),
        (Format::Table, true) => choices_table(&choices),
        (Format::Csv, false) => to_csv(&stats),
        (Format::Csv, true) => choices_csv(&choices),
        (Format::Json, _) => {
            serde_json::to_string_pretty(
                &serde_json::json!({ "items": stats, "choices": choices }),
            )? + "\n"
        }
    };
    out!("{}", crate::cmd::terminal_safe(&out, args.format));
    Ok(crate::cmd::report::exit_code(&inputs))
}

/// What the statistics leave out, for standard error.
fn left_out_note(attempts: usize, runs: usize) -> String {
    let count = |n: usize, what: &str| match n {
        0 => None,
        1 => Some(format!("1 flagged {what}")),
        n => Some(format!("{n} flagged {what}s")),
    };
    let parts: Vec<String> = [count(attempts, "attempt"), count(runs, "run")]
        .into_iter()
        .flatten()
        .collect();
    format!(
        "left out of the statistics: {} (`rollcall report` says what is wrong with each)",
        parts.join(" and ")
    )
}

fn discrimination(d: Option<f64>) -> String {
    d.map_or_else(String::new, |d| format!("{d:.2}"))
}

fn picks(s: &ItemStats) -> String {
    s.picks
        .iter()
        .map(|p| format!("{}:{:.0}%", p.option, p.rate * 100.0))
        .collect::<Vec<_>>()
        .join(" ")
}

fn flags(s: &ItemStats) -> String {
    s.flags
        .iter()
        .map(|f| f.key())
        .collect::<Vec<_>>()
        .join(" ")
}

fn row(s: &ItemStats) -> [String; 9] {
    [
        s.course.clone(),
        s.lesson.clone(),
        s.question.clone(),
        s.form.unwrap_or_default().to_string(),
        s.asked.to_string(),
        format!("{:.0}", s.percent_correct),
        discrimination(s.discrimination),
        picks(s),
        flags(s),
    ]
}

/// The statistics as CSV with a header row; cells a spreadsheet would run as formulas are
/// neutralised.
pub fn to_csv(stats: &[ItemStats]) -> String {
    csv_string(&CSV_HEADER, stats.iter().map(|s| row(s).to_vec()))
}

/// Cells under their header in columns two spaces apart: the columns `right` picks (numbers)
/// right-aligned, the others left-aligned.
fn aligned<const N: usize>(
    header: [&str; N],
    rows: &[[String; N]],
    right: impl Fn(usize) -> bool,
) -> String {
    let mut widths = header.map(|h| h.chars().count());
    for r in rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |cells: &[String]| {
        let mut l = String::new();
        for (i, (c, w)) in cells.iter().zip(widths).enumerate() {
            if right(i) {
                let _ = write!(l, "{c:>w$}  ");
            } else {
                let _ = write!(l, "{c:<w$}  ");
            }
        }
        out.push_str(l.trim_end());
        out.push('\n');
    };
    line(&header.map(String::from));
    for r in rows {
        line(r);
    }
    out
}

/// The statistics as an aligned table for people.
pub fn to_table(stats: &[ItemStats]) -> String {
    if stats.is_empty() {
        return "no quiz answers found\n".to_string();
    }
    let header = [
        "COURSE", "LESSON", "QUESTION", "FORM", "ASKED", "RIGHT%", "DISCR", "PICKS", "FLAGS",
    ];
    let rows: Vec<[String; 9]> = stats.iter().map(row).collect();
    // Numbers right-aligned, text left-aligned.
    let mut out = aligned(header, &rows, |i| (4..=6).contains(&i));
    let flagged = stats.iter().filter(|s| !s.flags.is_empty()).count();
    let _ = writeln!(
        out,
        "{} questions, {flagged} flagged (flags need at least {} answers)",
        stats.len(),
        crate::quiz::items::MIN_ANSWERS
    );
    out
}

/// CSV columns of the scenario choices (`--scenarios`), in order.
pub const CHOICES_CSV_HEADER: [&str; 8] = [
    "course",
    "lesson",
    "node",
    "choice",
    "rating",
    "taken",
    "decisions",
    "percent_taken",
];

fn choice_row(c: &ChoiceStats) -> [String; 8] {
    [
        c.course.clone(),
        c.lesson.clone(),
        c.node.clone(),
        c.choice.clone(),
        c.rating.map(|r| r.as_str().to_string()).unwrap_or_default(),
        c.taken.to_string(),
        c.decisions.to_string(),
        format!("{:.0}", c.percent),
    ]
}

/// The scenario choices as CSV with a header row.
pub fn choices_csv(choices: &[ChoiceStats]) -> String {
    csv_string(
        &CHOICES_CSV_HEADER,
        choices.iter().map(|c| choice_row(c).to_vec()),
    )
}

/// The scenario choices as an aligned table: one row per choice at each node a run decided
/// at, with how many of the decisions there took it.
pub fn choices_table(choices: &[ChoiceStats]) -> String {
    if choices.is_empty() {
        return "no scenario runs found\n".to_string();
    }
    let header = [
        "COURSE", "LESSON", "NODE", "CHOICE", "RATING", "TAKEN", "OF", "TAKEN%",
    ];
    let rows: Vec<[String; 8]> = choices
        .iter()
        .map(|c| {
            let mut r = choice_row(c);
            if r[4].is_empty() {
                "(gone)".clone_into(&mut r[4]);
            }
            r
        })
        .collect();
    let mut out = aligned(header, &rows, |i| i >= 5);
    let nodes: std::collections::HashSet<(&str, &str, &str)> = choices
        .iter()
        .map(|c| (c.course.as_str(), c.lesson.as_str(), c.node.as_str()))
        .collect();
    let _ = writeln!(
        out,
        "{} choices at {} decision points",
        choices.len(),
        nodes.len()
    );
    out
}
