//! The compliance report as a table, CSV, JSON, and a CSV for a state POST upload.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use super::{Completion, Compliance, Row};
use crate::report::format::truncate;

/// Columns of the compliance CSV.
pub const CSV_HEADER: [&str; 9] = [
    "officer_id",
    "name",
    "unit",
    "course",
    "status",
    "last_completed",
    "next_due",
    "days_overdue",
    "note",
];

/// Columns a POST upload may ask for, in the default order.
pub const POST_COLUMNS: [&str; 10] = [
    "officer_id",
    "name",
    "course",
    "title",
    "certification",
    "completed",
    "hours",
    "version",
    "provider",
    "verification",
];

/// A POST column list that names a column we do not have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown column `{0}`: the columns are {cols}", cols = POST_COLUMNS.join(","))]
pub struct UnknownColumn(pub String);

/// Parses `--columns a,b,c`; empty means every column in the default order.
///
/// # Errors
/// When a name is not in [`POST_COLUMNS`].
pub fn post_columns(spec: Option<&str>) -> Result<Vec<&'static str>, UnknownColumn> {
    let Some(spec) = spec.filter(|s| !s.trim().is_empty()) else {
        return Ok(POST_COLUMNS.to_vec());
    };
    spec.split(',')
        .map(|c| {
            let c = c.trim();
            POST_COLUMNS
                .iter()
                .find(|k| **k == c)
                .copied()
                .ok_or_else(|| UnknownColumn(c.to_string()))
        })
        .collect()
}

/// A CSV cell that a spreadsheet will not run as a formula: cells starting with `=`, `+`,
/// `-`, `@`, tab or carriage return get a leading `'`.
pub fn safe_cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// CSV with a header row and CRLF line ends, each row's cells neutralised ([`safe_cell`]).
pub fn csv_string(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to memory cannot fail; a failed record would only be left out.
    let _ = w.write_record(header);
    for row in rows {
        let _ = w.write_record(row.iter().map(|c| safe_cell(c)));
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}

fn date_or_dash(d: Option<jiff::civil::Date>) -> String {
    d.map_or_else(|| "-".into(), |d| d.to_string())
}

fn csv_row(r: &Row) -> Vec<String> {
    vec![
        r.officer_id.clone(),
        r.name.clone(),
        r.unit.clone(),
        r.course.clone(),
        r.status.key().into(),
        r.last_completed.map(|d| d.to_string()).unwrap_or_default(),
        r.next_due.map(|d| d.to_string()).unwrap_or_default(),
        r.days_overdue.to_string(),
        r.note.clone().unwrap_or_default(),
    ]
}

/// The rows as CSV (CRLF, header row).
pub fn to_csv(report: &Compliance) -> String {
    csv_string(&CSV_HEADER, report.rows.iter().map(csv_row))
}

/// The report as JSON: rows, per-unit totals and unmatched learner names.
pub fn to_json(report: &Compliance) -> serde_json::Value {
    serde_json::to_value(report).unwrap_or(serde_json::Value::Null)
}

/// One completion for a POST upload, with what the roster and the library know.
#[derive(Debug, Clone)]
pub struct PostRecord<'a> {
    /// Officer id.
    pub officer_id: &'a str,
    /// Officer name.
    pub name: &'a str,
    /// Course title, when the course is in the library.
    pub title: Option<&'a str>,
    /// POST certification number of the course.
    pub certification: Option<&'a str>,
    /// Provider.
    pub provider: Option<&'a str>,
    /// The completion.
    pub completion: &'a Completion,
}

/// Completions as a POST upload CSV in the order of `columns`.
pub fn to_post_csv(records: &[PostRecord<'_>], columns: &[&str]) -> String {
    let rows = records.iter().map(|r| {
        columns
            .iter()
            .map(|c| match *c {
                "officer_id" => r.officer_id.to_string(),
                "name" => r.name.to_string(),
                "course" => r.completion.course.clone(),
                "title" => r.title.unwrap_or_default().to_string(),
                "certification" => r.certification.unwrap_or_default().to_string(),
                "completed" => r.completion.last.to_string(),
                "hours" => crate::report::format::hours_text(r.completion.hours),
                "version" => r.completion.version.clone().unwrap_or_default(),
                "provider" => r.provider.unwrap_or_default().to_string(),
                "verification" => r.completion.statement_id.clone(),
                _ => String::new(),
            })
            .collect()
    });
    csv_string(columns, rows)
}

/// The rows as an aligned table that fits `width` columns (names and course ids are
/// shortened first), the per-unit totals, and the unmatched learners.
pub fn to_table(report: &Compliance, width: Option<usize>) -> String {
    let mut out = String::new();
    if report.rows.is_empty() {
        out.push_str("No required courses apply to anyone on the roster.\n");
    } else {
        let header = [
            "OFFICER", "NAME", "COURSE", "STATUS", "LAST", "NEXT DUE", "LATE",
        ];
        let cells: Vec<[String; 7]> = report
            .rows
            .iter()
            .map(|r| {
                [
                    r.officer_id.clone(),
                    r.name.clone(),
                    r.course.clone(),
                    r.status.key().to_uppercase(),
                    date_or_dash(r.last_completed),
                    date_or_dash(r.next_due),
                    if r.days_overdue > 0 {
                        format!("{}d", r.days_overdue)
                    } else {
                        "-".into()
                    },
                ]
            })
            .collect();
        let mut widths: Vec<usize> = (0..7)
            .map(|i| {
                cells
                    .iter()
                    .map(|c| c[i].width())
                    .chain([header[i].width()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        if let Some(limit) = width {
            // Shrink the name, then the course, down to a floor, to fit the terminal.
            for (col, floor) in [(1, 10), (2, 12)] {
                let total: usize = widths.iter().sum::<usize>() + 2 * (widths.len() - 1);
                if total > limit {
                    widths[col] = widths[col].saturating_sub(total - limit).max(floor);
                }
            }
        }
        let line = |cols: &[String]| {
            let mut s = String::new();
            for (i, c) in cols.iter().enumerate() {
                let c = truncate(c, widths[i]);
                if i > 0 {
                    s.push_str("  ");
                }
                if i == 6 {
                    let _ = write!(s, "{c:>w$}", w = widths[i]);
                } else if i == cols.len() - 1 {
                    s.push_str(&c);
                } else {
                    let pad = widths[i].saturating_sub(c.width());
                    s.push_str(&c);
                    s.push_str(&" ".repeat(pad));
                }
            }
            s.trim_end().to_string() + "\n"
        };
        out.push_str(&line(&header.map(String::from)));
        for c in &cells {
            out.push_str(&line(c));
        }
    }
    if !report.units.is_empty() {
        let w = report
            .units
            .keys()
            .map(|u| u.width())
            .max()
            .unwrap_or(0)
            .max(4);
        let _ = writeln!(
            out,
            "\n{:<w$}  OFFICERS  COMPLIANT  DUE SOON  OVERDUE  NOT STARTED  EXEMPT",
            "UNIT"
        );
        for (unit, t) in &report.units {
            let _ = writeln!(
                out,
                "{:<w$}  {:>8}  {:>9}  {:>8}  {:>7}  {:>11}  {:>6}",
                truncate(unit, w),
                t.officers,
                t.compliant,
                t.due_soon,
                t.overdue,
                t.not_started,
                t.exempt
            );
        }
    }
    if !report.unmatched.is_empty() {
        let _ = writeln!(
            out,
            "\nLearners on machines that match no roster entry: {}",
            report.unmatched.join(", ")
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(safe_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(safe_cell("-1"), "'-1");
        assert_eq!(safe_cell("@SUM"), "'@SUM");
        assert_eq!(safe_cell("\tx"), "'\tx");
        assert_eq!(safe_cell("Jane"), "Jane");
    }

    #[test]
    fn post_columns_follow_the_order_given_and_reject_unknown_names() {
        assert_eq!(
            post_columns(Some("officer_id,certification,completed,hours")).unwrap(),
            ["officer_id", "certification", "completed", "hours"]
        );
        assert_eq!(post_columns(None).unwrap().len(), POST_COLUMNS.len());
        assert!(post_columns(Some("officer_id,badge")).is_err());
    }
}
