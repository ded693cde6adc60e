//! The department's roster: who the officers are, and which learner names are theirs.
//!
//! A spreadsheet export (`roster.csv`) or `roster.toml`. Every bad row is reported at once,
//! with its line, and the good rows are still used.

use std::collections::BTreeMap;
use std::path::Path;

use jiff::civil::Date;
use serde::Deserialize;

use crate::diagnostic::Diagnostic;

/// Columns of `roster.csv`, in the documented order.
pub const CSV_COLUMNS: [&str; 7] = [
    "officer_id",
    "name",
    "learners",
    "unit",
    "role",
    "status",
    "hire_date",
];

/// An officer's employment status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OfficerStatus {
    /// Working: requirements apply.
    Active,
    /// On leave: exempt while away.
    Leave,
    /// No longer with the department: exempt.
    Separated,
}

impl OfficerStatus {
    fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "" | "active" => Some(Self::Active),
            "leave" => Some(Self::Leave),
            "separated" => Some(Self::Separated),
            _ => None,
        }
    }
}

/// One officer on the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Officer {
    /// Badge or POST id: unique.
    pub id: String,
    /// Display name, as printed on certificates.
    pub name: String,
    /// Learner names this officer uses on machines (matched without regard to case).
    pub learners: Vec<String>,
    /// Unit (e.g. Patrol), may be empty.
    pub unit: String,
    /// Role (e.g. sergeant), may be empty.
    pub role: String,
    /// Employment status.
    pub status: OfficerStatus,
    /// Hire date, when known (for `within` rules).
    pub hire_date: Option<Date>,
    /// Line in the roster file.
    pub line: usize,
}

/// A roster that was read, with what was wrong in it.
#[derive(Debug, Clone, Default)]
pub struct Roster {
    /// Officers from the good rows, in file order.
    pub officers: Vec<Officer>,
    /// One diagnostic per bad row or field.
    pub problems: Vec<Diagnostic>,
}

/// The identity form of a learner name: case folded, so `jdoe` and `JDoe` are one person.
pub fn identity(learner: &str) -> String {
    crate::progress::store::learner_key(learner.trim())
}

impl Roster {
    /// The officer a learner name belongs to.
    pub fn officer_for(&self, learner: &str) -> Option<&Officer> {
        let key = identity(learner);
        self.officers
            .iter()
            .find(|o| o.learners.iter().any(|l| identity(l) == key))
    }

    /// Parses `source` read from `path` (CSV unless the name ends in `.toml`).
    pub fn parse(path: &Path, source: &str) -> Self {
        let rows = if path.extension().is_some_and(|e| e == "toml") {
            toml_rows(path, source)
        } else {
            csv_rows(path, source)
        };
        let mut roster = Roster::default();
        match rows {
            Ok(rows) => {
                for row in rows {
                    roster.add(path, &row);
                }
            }
            Err(d) => roster.problems.push(d),
        }
        roster
    }

    fn add(&mut self, path: &Path, row: &RawRow) {
        let line = row.line;
        let err = |msg: String, help: &str| {
            Diagnostic::error(path, msg)
                .at_line(line)
                .with_help(help.to_string())
        };
        let mut bad = false;
        let id = row.officer_id.trim().to_string();
        if id.is_empty() {
            self.problems.push(err(
                "officer_id is empty".into(),
                "every officer needs a badge or POST id",
            ));
            bad = true;
        } else if let Some(first) = self.officers.iter().find(|o| o.id == id) {
            self.problems.push(err(
                format!("officer_id `{id}` is already used on line {}", first.line),
                "each officer appears once; give the other learner names in `learners`",
            ));
            bad = true;
        }
        let status = OfficerStatus::parse(&row.status);
        if status.is_none() {
            self.problems.push(err(
                format!(
                    "status `{}` is not active, leave or separated",
                    row.status.trim()
                ),
                "use active, leave or separated",
            ));
            bad = true;
        }
        let hire = row.hire_date.trim();
        let hire_date = if hire.is_empty() {
            None
        } else if let Ok(d) = hire.parse::<Date>() {
            Some(d)
        } else {
            self.problems.push(err(
                format!("hire_date `{hire}` is not a date"),
                "write dates as YYYY-MM-DD",
            ));
            bad = true;
            None
        };
        let learners: Vec<String> = row
            .learners
            .iter()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
        for learner in &learners {
            if let Some(other) = self.officer_for(learner)
                && other.id != id
            {
                self.problems.push(err(
                    format!(
                        "learner `{learner}` already belongs to officer `{}`",
                        other.id
                    ),
                    "a learner name can map to one officer only",
                ));
                bad = true;
            }
        }
        if learners.is_empty() && !bad {
            self.problems.push(
                Diagnostic::warning(path, format!("officer `{id}` has no learner names"))
                    .at_line(line)
                    .with_help("list the names they sign in with, separated by `;`"),
            );
        }
        if bad {
            return;
        }
        let Some(status) = status else { return };
        self.officers.push(Officer {
            id,
            name: row.name.trim().to_string(),
            learners,
            unit: row.unit.trim().to_string(),
            role: row.role.trim().to_string(),
            status,
            hire_date,
            line,
        });
    }
}

/// One row before validation.
#[derive(Debug, Default)]
struct RawRow {
    line: usize,
    officer_id: String,
    name: String,
    learners: Vec<String>,
    unit: String,
    role: String,
    status: String,
    hire_date: String,
}

fn csv_rows(path: &Path, source: &str) -> Result<Vec<RawRow>, Diagnostic> {
    // Spreadsheets on Windows write a byte-order mark and CRLF; both are fine.
    // The csv crate miscounts lines after a CRLF with trimming on, so lines end in LF here.
    let source = source
        .strip_prefix('\u{feff}')
        .unwrap_or(source)
        .replace("\r\n", "\n");
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(source.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| Diagnostic::error(path, format!("cannot read the header row: {e}")))?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase().replace([' ', '-'], "_"))
        .collect();
    let col = |name: &str| headers.iter().position(|h| h == name);
    let Some(id_col) = col("officer_id") else {
        return Err(
            Diagnostic::error(path, "the header row has no `officer_id` column")
                .at_line(1)
                .with_help(format!("the columns are: {}", CSV_COLUMNS.join(","))),
        );
    };
    let cols = CSV_COLUMNS.map(col);
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e
                    .position()
                    .map_or(0, |p| usize::try_from(p.line()).unwrap_or(0));
                return Err(Diagnostic::error(path, format!("cannot read row: {e}")).at_line(line));
            }
        };
        let line = record
            .position()
            .map_or(0, |p| usize::try_from(p.line()).unwrap_or(0));
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let get = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").to_string();
        rows.push(RawRow {
            line,
            officer_id: get(Some(id_col)),
            name: get(cols[1]),
            learners: get(cols[2]).split(';').map(str::to_string).collect(),
            unit: get(cols[3]),
            role: get(cols[4]),
            status: get(cols[5]),
            hire_date: get(cols[6]),
        });
    }
    Ok(rows)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlRoster {
    #[serde(default)]
    officers: Vec<toml::Spanned<TomlOfficer>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlOfficer {
    officer_id: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    learners: Vec<String>,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    hire_date: Option<toml::Value>,
}

fn toml_rows(path: &Path, source: &str) -> Result<Vec<RawRow>, Diagnostic> {
    let file: TomlRoster = toml::from_str(source).map_err(|e| {
        let d = Diagnostic::error(path, e.message().to_string());
        match e.span() {
            Some(span) => d.at(source, span),
            None => d,
        }
    })?;
    Ok(file
        .officers
        .into_iter()
        .map(|o| {
            let (line, _) = crate::diagnostic::line_col(source, o.span().start);
            let o = o.into_inner();
            RawRow {
                line,
                officer_id: o.officer_id,
                name: o.name,
                learners: o.learners,
                unit: o.unit,
                role: o.role,
                status: o.status,
                hire_date: match o.hire_date {
                    Some(toml::Value::String(s)) => s,
                    Some(v) => v.to_string(),
                    None => String::new(),
                },
            }
        })
        .collect())
}

/// Learner names in `names` that belong to no officer, sorted, each once (by identity).
pub fn unmatched<'a>(roster: &Roster, names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    for name in names {
        if roster.officer_for(name).is_none() {
            out.entry(identity(name))
                .or_insert_with(|| name.to_string());
        }
    }
    out.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &str = "officer_id,name,learners,unit,role,status,hire_date\r\n\
        1001,Jane Doe,jdoe;JDoe;DOEJ-LAPTOP,Patrol,officer,active,2020-01-15\r\n\
        1002,Sam Lee,slee,Patrol,sergeant,leave,2019-06-01\r\n\
        1001,Dup Licate,dup,Patrol,officer,active,\r\n\
        1003,Bad Status,bstat,Patrol,officer,retired,2021-01-01\r\n\
        1004,Bad Date,bdate,Patrol,officer,active,01/02/2020\r\n\
        1005,Stolen Name,jdoe,Patrol,officer,active,\r\n";

    #[test]
    fn csv_reports_every_bad_row_and_keeps_the_good_ones() {
        let r = Roster::parse(Path::new("roster.csv"), CSV);
        let ids: Vec<&str> = r.officers.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids, ["1001", "1002"]);
        let lines: Vec<Option<usize>> = r.problems.iter().map(|d| d.line).collect();
        assert_eq!(lines, [Some(4), Some(5), Some(6), Some(7)]);
        assert!(r.problems[0].message.contains("already used on line 2"));
        assert!(
            r.problems[3]
                .message
                .contains("`jdoe` already belongs to officer `1001`")
        );
    }

    #[test]
    fn learner_names_match_without_case() {
        let r = Roster::parse(Path::new("roster.csv"), CSV);
        assert_eq!(r.officer_for("JDOE").map(|o| o.id.as_str()), Some("1001"));
        assert_eq!(
            r.officer_for("doej-laptop").map(|o| o.id.as_str()),
            Some("1001")
        );
        assert_eq!(
            unmatched(&r, ["jdoe", "ghost", "GHOST", "slee"]),
            ["ghost".to_string()]
        );
    }

    #[test]
    fn toml_roster_reads_the_same_fields() {
        let src = "[[officers]]\nofficer_id = \"7\"\nname = \"A B\"\nlearners = [\"ab\"]\nhire_date = 2024-05-01\n\n[[officers]]\nofficer_id = \"7\"\n";
        let r = Roster::parse(Path::new("roster.toml"), src);
        assert_eq!(r.officers.len(), 1);
        assert_eq!(r.officers[0].hire_date, Some(jiff::civil::date(2024, 5, 1)));
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].line, Some(7));
    }

    #[test]
    fn a_missing_id_column_is_one_clear_error() {
        let r = Roster::parse(Path::new("roster.csv"), "name,unit\nA,B\n");
        assert!(r.officers.is_empty());
        assert!(r.problems[0].message.contains("officer_id"));
    }
}
