//! The report's writers: an aligned table for people, CSV for spreadsheets, JSON for scripts.

use unicode_width::UnicodeWidthStr;

use super::{Report, Row, Skipped};
use crate::cli::Status;
use crate::scenario::Rating;

/// The status as written in CSV and JSON (the `--status` values).
pub fn status_key(status: Status) -> &'static str {
    match status {
        Status::NotStarted => "not-started",
        Status::InProgress => "in-progress",
        Status::Completed => "completed",
    }
}

/// The status as shown to people.
pub fn status_label(status: Status) -> &'static str {
    match status {
        Status::NotStarted => "not started",
        Status::InProgress => "in progress",
        Status::Completed => "completed",
    }
}

/// Hours without needless decimals: `2`, `2.5`, `1.25`.
pub fn hours_text(hours: f64) -> String {
    let s = format!("{:.2}", (hours * 100.0).round() / 100.0 + 0.0);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A percent for people to read: the one rule the screens use too.
pub use crate::domain::percent_label;

/// A percent to one decimal, without a trailing `.0` (the CSV's number).
fn percent_text(p: f64) -> String {
    let s = format!("{p:.1}");
    s.strip_suffix(".0")
        .map_or_else(|| s.clone(), str::to_string)
}

/// The totals line: learners, completions, hours credited.
pub fn totals_line(report: &Report) -> String {
    let t = report.totals;
    format!(
        "{} learner{}, {} completion{}, {} hours credited",
        t.learners,
        if t.learners == 1 { "" } else { "s" },
        t.completions,
        if t.completions == 1 { "" } else { "s" },
        hours_text(t.hours)
    )
}

/// CSV columns, in order.
pub const CSV_HEADER: [&str; 22] = [
    "learner",
    "course",
    "title",
    "version",
    "provider",
    "certification",
    "course_hours",
    "hours_credited",
    "status",
    "completed_date",
    "completed_at",
    "best_score",
    "best_total",
    "best_percent",
    "attempts",
    "in_library",
    "flags",
    // Added with scenarios, after the older columns so their positions hold.
    "best_ending",
    "scenarios_passed",
    "scenarios",
    "runs",
    // Added with time on task, last for the same reason: the table shows it beside the hours,
    // but CSV readers find columns by position and docs/course-format.md promises new ones
    // come after the old (JSON is keyed, so order does not matter there).
    "active_minutes",
];

/// A row's flags as one cell: names joined by `;`.
fn flags_text(row: &Row) -> String {
    row.flags
        .iter()
        .map(|f| f.name())
        .collect::<Vec<_>>()
        .join(";")
}

fn csv_record(row: &Row) -> Vec<String> {
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    vec![
        row.learner.clone(),
        row.course.clone(),
        opt(&row.title),
        opt(&row.version),
        opt(&row.provider),
        opt(&row.certification),
        row.course_hours.map(hours_text).unwrap_or_default(),
        row.hours_credited.map(hours_text).unwrap_or_default(),
        status_key(row.status).to_string(),
        row.completed_date
            .map(|d| d.to_string())
            .unwrap_or_default(),
        row.completed.map(|t| t.to_string()).unwrap_or_default(),
        row.best.map(|b| b.score.to_string()).unwrap_or_default(),
        row.best.map(|b| b.total.to_string()).unwrap_or_default(),
        row.best
            .map(|b| percent_text(b.percent))
            .unwrap_or_default(),
        row.attempts.to_string(),
        if row.title.is_some() { "yes" } else { "no" }.to_string(),
        flags_text(row),
        row.scenarios
            .and_then(|s| s.best_ending)
            .map(|r| r.as_str().to_string())
            .unwrap_or_default(),
        row.scenarios
            .map(|s| s.passed.to_string())
            .unwrap_or_default(),
        row.scenarios
            .map(|s| s.scenarios.to_string())
            .unwrap_or_default(),
        row.scenarios
            .map(|s| s.runs.to_string())
            .unwrap_or_default(),
        row.active_minutes
            .map(|m| m.to_string())
            .unwrap_or_default(),
    ]
}

/// The rows as RFC 4180 CSV with a header row (CRLF line ends). Totals are left to the
/// spreadsheet: a totals row would break sorting and filtering there.
///
/// # Errors
/// Only if writing to memory fails.
pub fn to_csv(report: &Report) -> Result<String, csv::Error> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // The `lrs` column only when the rows were checked against an LRS.
    let verified = report.rows.iter().any(|r| r.lrs.is_some());
    let mut header = CSV_HEADER.to_vec();
    if verified {
        header.push("lrs");
    }
    w.write_record(header)?;
    for row in &report.rows {
        let mut record = csv_record(row);
        if verified {
            record.push(
                row.lrs
                    .map(super::super::lrs::verify::Confirmation::key)
                    .unwrap_or_default()
                    .to_string(),
            );
        }
        // A cell a spreadsheet would run as a formula is neutralised.
        w.write_record(
            record
                .iter()
                .map(|c| crate::compliance::format::safe_cell(c)),
        )?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The report as JSON: `{"rows": [...], "totals": {...}, "skipped": [...]}`.
pub fn to_json(report: &Report, skipped: &[Skipped]) -> serde_json::Value {
    let rows: Vec<serde_json::Value> = report
        .rows
        .iter()
        .map(|r| {
            let mut row = serde_json::json!({
                "learner": r.learner,
                "course": r.course,
                "title": r.title,
                "version": r.version,
                "provider": r.provider,
                "certification": r.certification,
                "course_hours": r.course_hours,
                "hours_credited": r.hours_credited,
                "active_minutes": r.active_minutes,
                "status": status_key(r.status),
                "completed_date": r.completed_date.map(|d| d.to_string()),
                "completed_at": r.completed,
                "best_score": r.best.map(|b| b.score),
                "best_total": r.best.map(|b| b.total),
                "best_percent": r.best.map(|b| b.percent),
                "attempts": r.attempts,
                "best_ending": r.scenarios.and_then(|s| s.best_ending),
                "scenarios_passed": r.scenarios.map(|s| s.passed),
                "scenarios": r.scenarios.map(|s| s.scenarios),
                "runs": r.scenarios.map(|s| s.runs),
                "in_library": r.title.is_some(),
                "flags": r.flags.iter().map(|f| f.name()).collect::<Vec<_>>(),
            });
            if let Some(c) = r.lrs {
                row["lrs"] = c.key().into();
            }
            row
        })
        .collect();
    serde_json::json!({
        "rows": rows,
        "totals": report.totals,
        "skipped": skipped,
    })
}

struct Column {
    header: &'static str,
    cells: Vec<String>,
    /// Narrowest it may be shrunk to before it is dropped.
    min: usize,
    /// Dropped when the table is still too wide: lower goes first; `None` never.
    drop_rank: Option<u8>,
    right: bool,
}

impl Column {
    fn width(&self) -> usize {
        self.cells
            .iter()
            .map(|c| c.width())
            .chain([self.header.width()])
            .max()
            .unwrap_or(0)
    }
}

/// Cuts `s` to `width` columns, ending in `…` when cut.
pub fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    // Measure the growing prefix as a string: per-char widths undercount sequences such as
    // emoji with a variation selector, which would overflow the caller's padding.
    let mut out = String::new();
    for c in s.chars() {
        out.push(c);
        if out.width() + 1 > width {
            out.pop();
            break;
        }
    }
    if width > 0 {
        out.push('…');
    }
    out
}

fn dash(s: Option<&str>) -> String {
    s.unwrap_or("-").to_string()
}

/// The rows as an aligned table that fits `width` columns (`None`: no limit), then the
/// totals line. Long titles and providers are shortened first, then the least needed
/// columns are left out.
pub fn to_table(report: &Report, width: Option<usize>) -> String {
    if report.rows.is_empty() {
        return format!("No records match.\n{}\n", totals_line(report));
    }
    let rows = &report.rows;
    let col = |header, min, drop_rank, right, f: &dyn Fn(&Row) -> String| Column {
        header,
        cells: rows.iter().map(f).collect(),
        min,
        drop_rank,
        right,
    };
    let mut columns = vec![
        col("LEARNER", 0, None, false, &|r| r.learner.clone()),
        col("COURSE", 0, None, false, &|r| r.course.clone()),
        col("TITLE", 12, Some(3), false, &|r| dash(r.title.as_deref())),
        col("VERSION", 0, Some(2), false, &|r| {
            dash(r.version.as_deref())
        }),
        col("PROVIDER", 10, Some(0), false, &|r| {
            dash(r.provider.as_deref())
        }),
        col("CERT", 0, Some(1), false, &|r| {
            dash(r.certification.as_deref())
        }),
        // Time on task beside the hours credited for it, kept longer than the scenario and
        // tries columns when the table is fitted; only the hours and best score outlast it.
        col("HOURS", 0, Some(9), true, &|r| {
            r.hours_credited.map_or_else(|| "-".into(), hours_text)
        }),
        col("ACTIVE MIN", 0, Some(8), true, &|r| {
            r.active_minutes
                .map_or_else(|| "-".into(), |m| m.to_string())
        }),
        col("STATUS", 0, None, false, &|r| {
            // `!`: something recorded is not credited; the lines under the totals say why.
            let mark = if r.flags.is_empty() { "" } else { " !" };
            format!("{}{mark}", status_label(r.status))
        }),
        col("COMPLETED", 0, None, false, &|r| {
            r.completed_date
                .map_or_else(|| "-".into(), |d| d.to_string())
        }),
        col("BEST", 0, Some(10), true, &|r| {
            r.best.map_or_else(
                || "-".into(),
                |b| format!("{}/{} {}", b.score, b.total, percent_label(b.percent)),
            )
        }),
        col("TRIES", 0, Some(4), true, &|r| r.attempts.to_string()),
    ];
    // Scenario columns only when some course shown has a scenario; narrow, the runs go
    // first, then the best ending, then scenarios passed (what a lesson's completion needs).
    if rows.iter().any(|r| r.scenarios.is_some()) {
        columns.push(col("BEST ENDING", 0, Some(6), false, &|r| {
            dash(r.scenarios.and_then(|s| s.best_ending).map(Rating::as_str))
        }));
        columns.push(col("SCEN PASSED", 0, Some(7), true, &|r| {
            r.scenarios
                .map_or_else(|| "-".into(), |s| format!("{}/{}", s.passed, s.scenarios))
        }));
        columns.push(col("RUNS", 0, Some(5), true, &|r| {
            r.scenarios
                .map_or_else(|| "-".into(), |s| s.runs.to_string())
        }));
    }
    if rows.iter().any(|r| r.lrs.is_some()) {
        columns.push(col("LRS", 0, None, false, &|r| {
            dash(r.lrs.map(super::super::lrs::verify::Confirmation::key))
        }));
    }
    let mut widths: Vec<usize> = columns.iter().map(Column::width).collect();
    if let Some(limit) = width {
        fit(&mut columns, &mut widths, limit);
    }
    let mut out = String::new();
    let header: Vec<String> = columns.iter().map(|c| c.header.to_string()).collect();
    push_line(&mut out, &columns, &widths, &header);
    for i in 0..rows.len() {
        let cells: Vec<String> = columns.iter().map(|c| c.cells[i].clone()).collect();
        push_line(&mut out, &columns, &widths, &cells);
    }
    for line in wrap_list(&totals_line(report), width.unwrap_or(usize::MAX)) {
        out.push_str(&line);
        out.push('\n');
    }
    for row in rows.iter().filter(|r| !r.flags.is_empty()) {
        // Flags that withhold credit, then the time flags, which are advice only.
        let (withheld, advice): (Vec<_>, Vec<_>) =
            row.flags.iter().partition(|f| f.withholds_credit());
        let names = |flags: &[&crate::progress::validate::Flag]| {
            flags
                .iter()
                .map(|f| f.name())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut said = Vec::new();
        if !withheld.is_empty() {
            said.push(format!("not credited: {}", names(&withheld)));
        }
        if !advice.is_empty() {
            said.push(format!("check time: {}", names(&advice)));
        }
        let line = format!("! {} {}: {}", row.learner, row.course, said.join("; "));
        for part in wrap_words(&line, width.unwrap_or(usize::MAX).max(20)) {
            out.push_str(&part);
            out.push('\n');
        }
    }
    out
}

/// `a, b, c` as lines of at most `width` columns, broken after commas.
fn wrap_list(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for (i, part) in text.split(", ").enumerate() {
        let last = lines.len() - 1;
        let sep = if i == 0 { "" } else { ", " };
        if i > 0 && lines[last].width() + sep.len() + part.width() > width {
            lines[last].push(',');
            lines.push(part.to_string());
        } else {
            lines[last].push_str(sep);
            lines[last].push_str(part);
        }
    }
    lines
}

/// `text` as lines of at most `width` columns broken at spaces (a word longer than a line is
/// cut with `…`); lines after the first are indented by two spaces.
fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split(' ') {
        let last = lines.len() - 1;
        if !lines[last].trim().is_empty() && lines[last].width() + 1 + word.width() > width {
            lines.push(format!("  {}", truncate(word, width.saturating_sub(2))));
        } else {
            if !lines[last].trim().is_empty() {
                lines[last].push(' ');
            }
            let room = width.saturating_sub(lines[last].width());
            lines[last].push_str(&truncate(word, room));
        }
    }
    lines
}

const GAP: usize = 2;

fn total_width(widths: &[usize]) -> usize {
    widths.iter().sum::<usize>() + GAP * widths.len().saturating_sub(1)
}

fn fit(columns: &mut Vec<Column>, widths: &mut Vec<usize>, limit: usize) {
    // Shrink the free-text columns first: they can be cut and still read.
    for name in ["TITLE", "PROVIDER"] {
        let excess = total_width(widths).saturating_sub(limit);
        if excess == 0 {
            return;
        }
        if let Some(i) = columns.iter().position(|c| c.header == name) {
            let floor = columns[i].min.max(columns[i].header.len());
            widths[i] = widths[i].saturating_sub(excess).max(floor.min(widths[i]));
        }
    }
    while total_width(widths) > limit {
        let victim = columns
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.drop_rank.map(|r| (r, i)))
            .min();
        let Some((_, i)) = victim else { break };
        columns.remove(i);
        widths.remove(i);
    }
    // Still too wide (a 40-column terminal): the ids are cut with `…`, then the date goes.
    for (name, floor) in [("COURSE", 12), ("LEARNER", 8)] {
        let excess = total_width(widths).saturating_sub(limit);
        if let Some(i) = columns.iter().position(|c| c.header == name)
            && excess > 0
        {
            widths[i] = widths[i].saturating_sub(excess).max(floor.min(widths[i]));
        }
    }
    if total_width(widths) > limit
        && let Some(i) = columns.iter().position(|c| c.header == "COMPLETED")
    {
        columns.remove(i);
        widths.remove(i);
    }
    // Give the title back any room freed by dropping columns.
    if let Some(i) = columns.iter().position(|c| c.header == "TITLE") {
        let spare = limit.saturating_sub(total_width(widths));
        widths[i] = (widths[i] + spare).min(columns[i].width());
    }
}

fn push_line(out: &mut String, columns: &[Column], widths: &[usize], cells: &[String]) {
    let mut line = String::new();
    for (i, ((column, width), cell)) in columns.iter().zip(widths).zip(cells).enumerate() {
        let text = truncate(cell, *width);
        let pad = width.saturating_sub(text.width());
        if i > 0 {
            line.push_str(&" ".repeat(GAP));
        }
        if column.right {
            line.push_str(&" ".repeat(pad));
            line.push_str(&text);
        } else {
            line.push_str(&text);
            line.push_str(&" ".repeat(pad));
        }
    }
    out.push_str(line.trim_end());
    out.push('\n');
}

#[cfg(test)]
mod truncate_tests {
    use super::truncate;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn never_wider_than_asked() {
        let s = "☺\u{FE0F}".repeat(30);
        for w in 0..40 {
            assert!(truncate(&s, w).width() <= w.max(1), "width {w}");
        }
        assert_eq!(truncate("abcdef", 4), "abc…");
    }
}
