//! `rollcall report items`: item analysis of quiz questions across progress files, and how
//! often each scenario choice was taken at each node.

use std::fmt::Write as _;
use std::process::ExitCode;

use unicode_width::UnicodeWidthStr;

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
    let width = crate::cmd::table_width(args.wide);
    let out = match (args.format, args.scenarios) {
        (Format::Table, false) if !choices.is_empty() => {
            format!(
                "{}\n{}",
                to_table(&stats, width),
                choices_table(&choices, width)
            )
        }
        (Format::Table, false) => to_table(&stats, width),
        (Format::Table, true) => choices_table(&choices, width),
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

/// How a table's columns give way when it is wider than the terminal: wrap these at spaces
/// (down to their longest word), else leave these out in order, else cut these with `…`.
struct Give {
    /// Columns right-aligned (numbers); the others are left-aligned.
    right: &'static [usize],
    /// Columns whose cells wrap at spaces onto more lines.
    wrap: &'static [usize],
    /// Columns left out, first the least needed, when wrapping is not enough.
    drop: &'static [usize],
    /// Columns cut with `…` (to no less than their header) when the rest is not enough.
    cut: &'static [usize],
}

const GAP: usize = 2;

/// Cells under their header in columns two spaces apart, fitted to `width` (`None`: every
/// column at full width, `--wide`) as `give` says.
fn aligned<const N: usize>(
    header: [&str; N],
    rows: &[[String; N]],
    give: &Give,
    width: Option<usize>,
) -> String {
    let natural: [usize; N] = std::array::from_fn(|i| {
        rows.iter()
            .map(|r| r[i].width())
            .chain([header[i].width()])
            .max()
            .unwrap_or(0)
    });
    let (shown, widths) = fit(&header, rows, &natural, give, width);
    let mut out = String::new();
    let mut push = |cells: &[Vec<String>]| {
        let height = cells.iter().map(Vec::len).max().unwrap_or(1);
        for k in 0..height {
            let mut l = String::new();
            for (cell, &i) in cells.iter().zip(&shown) {
                let text = cell.get(k).map_or("", String::as_str);
                let pad = " ".repeat(widths[i].saturating_sub(text.width()));
                if give.right.contains(&i) {
                    let _ = write!(l, "{pad}{text}{}", " ".repeat(GAP));
                } else {
                    let _ = write!(l, "{text}{pad}{}", " ".repeat(GAP));
                }
            }
            out.push_str(l.trim_end());
            out.push('\n');
        }
    };
    let lay = |i: usize, text: &str| {
        if give.wrap.contains(&i) {
            wrap_at_spaces(text, widths[i])
        } else {
            vec![crate::report::format::truncate(text, widths[i])]
        }
    };
    push(&shown.iter().map(|&i| lay(i, header[i])).collect::<Vec<_>>());
    for r in rows {
        push(&shown.iter().map(|&i| lay(i, &r[i])).collect::<Vec<_>>());
    }
    out
}

/// The columns shown and their widths within `width`: wrapped columns shrink first, then
/// columns are left out one by one (the wrapped ones widened again each time), then cut.
fn fit<const N: usize>(
    header: &[&str; N],
    rows: &[[String; N]],
    natural: &[usize; N],
    give: &Give,
    width: Option<usize>,
) -> (Vec<usize>, [usize; N]) {
    let mut shown: Vec<usize> = (0..N).collect();
    let mut widths = *natural;
    let Some(limit) = width else {
        return (shown, widths);
    };
    let total = |shown: &[usize], widths: &[usize; N]| {
        shown.iter().map(|&i| widths[i]).sum::<usize>() + GAP * shown.len().saturating_sub(1)
    };
    let longest_word = |i: usize| {
        rows.iter()
            .flat_map(|r| r[i].split(' '))
            .map(UnicodeWidthStr::width)
            .chain([header[i].width()])
            .max()
            .unwrap_or(0)
    };
    let mut dropping = give.drop.iter();
    loop {
        widths = *natural;
        for &i in give.wrap.iter().filter(|i| shown.contains(i)) {
            let excess = total(&shown, &widths).saturating_sub(limit);
            widths[i] = widths[i].saturating_sub(excess).max(longest_word(i));
        }
        if total(&shown, &widths) <= limit {
            break;
        }
        let Some(&gone) = dropping.next() else { break };
        shown.retain(|&i| i != gone);
    }
    for &i in give.cut.iter().filter(|i| shown.contains(i)) {
        let excess = total(&shown, &widths).saturating_sub(limit);
        widths[i] = widths[i].saturating_sub(excess).max(header[i].width());
    }
    (shown, widths)
}

/// `text` as lines of at most `width` columns broken at spaces; a word longer than a line is
/// cut with `…`.
fn wrap_at_spaces(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        match lines.last_mut() {
            Some(last) if last.width() + 1 + word.width() <= width => {
                last.push(' ');
                last.push_str(word);
            }
            _ => lines.push(crate::report::format::truncate(word, width)),
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// The statistics as an aligned table for people, fitted to `width` (`None`: all columns at
/// full width): the picks and flags wrap, then the form, picks and times asked are left out,
/// then the ids are cut.
pub fn to_table(stats: &[ItemStats], width: Option<usize>) -> String {
    if stats.is_empty() {
        return "no quiz answers found\n".to_string();
    }
    let header = [
        "COURSE", "LESSON", "QUESTION", "FORM", "ASKED", "RIGHT%", "DISCR", "PICKS", "FLAGS",
    ];
    let rows: Vec<[String; 9]> = stats.iter().map(row).collect();
    let give = Give {
        right: &[4, 5, 6],
        wrap: &[7, 8],
        drop: &[3, 7, 4],
        cut: &[1, 0, 2],
    };
    let mut out = aligned(header, &rows, &give, width);
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
/// at, with how many of the decisions there took it; fitted to `width` by cutting the ids.
pub fn choices_table(choices: &[ChoiceStats], width: Option<usize>) -> String {
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
    let give = Give {
        right: &[5, 6, 7],
        wrap: &[],
        drop: &[],
        cut: &[1, 0, 3, 2],
    };
    let mut out = aligned(header, &rows, &give, width);
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
