//! `rollcall progress` as people read it (a table that fits the width) and as CSV.

use std::io::Write;

use unicode_width::UnicodeWidthStr;

use super::{CourseRow, Summary};

/// The cells of one table row: course, lessons, best scores, completed, hours.
pub(super) fn cells(row: &CourseRow) -> [String; 6] {
    let lessons = match row.lessons_total {
        Some(total) => format!("{}/{total}", row.lessons_done),
        None => format!("{}/?", row.lessons_done),
    };
    let best = row
        .quizzes
        .iter()
        .map(|q| q.best_percent.map_or_else(|| "-".to_string(), percent))
        .collect::<Vec<_>>()
        .join(" ");
    let completed = row
        .completed
        .map_or_else(|| "-".to_string(), |t| t.date().to_string());
    let hours = row
        .hours
        .map_or_else(|| "-".to_string(), |h| format!("{h:.1}"));
    [
        row.title.clone().unwrap_or_else(|| row.id.clone()),
        lessons,
        if best.is_empty() { "-".into() } else { best },
        completed,
        hours,
        row.active_minutes
            .map_or_else(|| "-".to_string(), |m| m.to_string()),
    ]
}

fn percent(p: f64) -> String {
    crate::domain::percent_label(p)
}

const HEADER: [&str; 6] = [
    "COURSE",
    "LESSONS",
    "BEST SCORES",
    "COMPLETED",
    "HOURS",
    "ACTIVE MIN",
];
/// Columns left out, in this order, when the table is still too wide with short titles.
const DROP_ORDER: [usize; 3] = [5, 2, 4];
/// Narrowest the course title gets before columns are left out.
const TITLE_FLOOR: usize = 24;
const GAP: usize = 2;

/// The record as text that fits `width` columns (`None`: no limit): course titles are
/// shortened first, then the best scores and hours columns are left out, and the notes under
/// the table are wrapped.
pub(super) fn table(summary: &Summary, width: Option<usize>) -> String {
    let limit = width.unwrap_or(usize::MAX);
    let mut out = String::new();
    push_wrapped(
        &mut out,
        &format!(
            "Progress of {} ({})",
            summary.learner,
            summary.file.display()
        ),
        limit,
    );
    if summary.courses.is_empty() {
        out.push_str("No progress recorded yet.\n");
        return out;
    }
    out.push('\n');
    let rows: Vec<[String; 6]> = std::iter::once(HEADER.map(String::from))
        .chain(summary.courses.iter().map(cells))
        .collect();
    let mut widths = [0usize; 6];
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let shown = fit(&mut widths, limit);
    for row in &rows {
        let mut line = String::new();
        for (n, &i) in shown.iter().enumerate() {
            let cell = crate::report::format::truncate(&row[i], widths[i]);
            line.push_str(&cell);
            if n + 1 < shown.len() {
                line.push_str(&" ".repeat(widths[i].saturating_sub(cell.width()) + GAP));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    let mut notes = false;
    for row in summary.courses.iter().filter(|r| !r.flags.is_empty()) {
        if !notes {
            out.push('\n');
            notes = true;
        }
        let claimed = row
            .not_credited
            .map(|t| format!("completion recorded {} ", t.date()))
            .unwrap_or_default();
        let note = format!(
            "! {}: {claimed}not credited ({})",
            row.id,
            row.flags.join(", ")
        );
        push_wrapped(&mut out, &note, limit);
    }
    for run in &summary.flagged_runs {
        if !notes {
            out.push('\n');
            notes = true;
        }
        let note = format!(
            "! run {} ({}/{}): not credited ({})",
            run.id,
            run.course,
            run.lesson,
            run.flags.join(", ")
        );
        push_wrapped(&mut out, &note, limit);
    }
    out.push('\n');
    push_wrapped(
        &mut out,
        &format!(
            "{} quiz attempt{} recorded.",
            summary.attempts,
            if summary.attempts == 1 { "" } else { "s" }
        ),
        limit,
    );
    out
}

/// Fits the columns into `limit`, shrinking `widths` in place; returns the columns to show.
fn fit(widths: &mut [usize; 6], limit: usize) -> Vec<usize> {
    let mut shown: Vec<usize> = (0..widths.len()).collect();
    let total = |shown: &[usize], widths: &[usize; 6]| {
        shown.iter().map(|&i| widths[i]).sum::<usize>() + GAP * shown.len().saturating_sub(1)
    };
    let full_title = widths[0];
    let floor = TITLE_FLOOR.min(full_title);
    let excess = total(&shown, widths).saturating_sub(limit);
    widths[0] = widths[0].saturating_sub(excess).max(floor);
    for drop in DROP_ORDER {
        if total(&shown, widths) <= limit {
            break;
        }
        shown.retain(|&i| i != drop);
    }
    // Room freed by leaving columns out goes back to the title; on a very narrow terminal
    // the title gives up the rest (it is cut with `…`, never the numbers).
    let spare = limit.saturating_sub(total(&shown, widths));
    widths[0] = (widths[0] + spare).min(full_title);
    let excess = total(&shown, widths).saturating_sub(limit);
    widths[0] = widths[0].saturating_sub(excess).max(HEADER[0].len());
    shown
}

/// Appends `text` as lines of at most `width` columns, broken at spaces where it can be.
fn push_wrapped(out: &mut String, text: &str, width: usize) {
    let width = width.max(20);
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.width() + 1 + word.width() > width {
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
        // A single word longer than the line (a long path) is cut into pieces.
        while line.width() > width {
            let head = crate::report::format::truncate(&line, width);
            let keep = head.trim_end_matches('…');
            if keep.is_empty() {
                break;
            }
            let rest = line[keep.len()..].to_string();
            out.push_str(keep);
            out.push('\n');
            line = rest;
        }
    }
    out.push_str(&line);
    out.push('\n');
}

/// The record as CSV: one row per course.
pub(super) fn write_csv(out: &mut impl Write, summary: &Summary) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "learner",
        "course",
        "title",
        "lessons_done",
        "lessons_total",
        "best_scores",
        "completed",
        "course_hours",
        "hours_credited",
        "attempts",
    ])?;
    for row in &summary.courses {
        let [_, _, best, _, _, _] = cells(row);
        w.write_record(
            [
                summary.learner.clone(),
                row.id.clone(),
                row.title.clone().unwrap_or_default(),
                row.lessons_done.to_string(),
                row.lessons_total.map(|t| t.to_string()).unwrap_or_default(),
                best,
                row.completed.map(|t| t.to_string()).unwrap_or_default(),
                row.course_hours.map(|h| h.to_string()).unwrap_or_default(),
                row.hours.map(|h| h.to_string()).unwrap_or_default(),
                row.attempts.to_string(),
            ]
            .iter()
            .map(|c| crate::compliance::format::safe_cell(c)),
        )?;
    }
    w.flush()?;
    Ok(())
}
