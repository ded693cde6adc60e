//! `requirements.toml`: which courses are required, of whom, by when and how often.
//!
//! It lives in the courses folder, so it travels with the courses a department hands out.

use std::collections::BTreeSet;
use std::ops::Range;
use std::path::Path;

use jiff::civil::Date;
use serde::Deserialize;
use toml::Spanned;

use super::period::Period;
use super::roster::Officer;
use crate::diagnostic::Diagnostic;

/// File name of the requirements file in a courses folder.
pub const FILE_NAME: &str = "requirements.toml";

/// Who a rule applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    /// Every officer.
    All,
    /// Officers in one of `units` (when not empty) and with one of `roles` (when not empty).
    Some {
        /// Units, matched without regard to case.
        units: Vec<String>,
        /// Roles, matched without regard to case.
        roles: Vec<String>,
    },
}

impl Who {
    /// Whether `officer` is covered.
    pub fn covers(&self, officer: &Officer) -> bool {
        match self {
            Who::All => true,
            Who::Some { units, roles } => {
                let any = |list: &[String], v: &str| {
                    list.is_empty() || list.iter().any(|x| x.eq_ignore_ascii_case(v.trim()))
                };
                any(units, &officer.unit) && any(roles, &officer.role)
            }
        }
    }
}

/// When a rule's first completion is due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Due {
    /// On a fixed date.
    On(Date),
    /// Within a period of the officer's hire date, or of `start` for officers hired before it.
    Within {
        /// How long they have.
        period: Period,
        /// When the rule took effect, if given.
        start: Option<Date>,
    },
}

/// One requirement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// Course id.
    pub course: String,
    /// Who must take it.
    pub who: Who,
    /// When the first completion is due.
    pub due: Due,
    /// Recertification period: a completion is good for this long.
    pub every: Option<Period>,
    /// Time after a due date before an officer counts as overdue.
    pub grace: Option<Period>,
    /// Line in the file.
    pub line: usize,
}

impl Rule {
    /// The first due date for `officer`; `None` when it depends on an unknown hire date.
    pub fn first_due(&self, officer: &Officer) -> Option<Date> {
        match &self.due {
            Due::On(d) => Some(*d),
            Due::Within { period, start } => {
                let from = match (officer.hire_date, start) {
                    (Some(h), Some(s)) => h.max(*s),
                    (Some(h), None) => h,
                    (None, Some(s)) => *s,
                    (None, None) => return None,
                };
                period.after(from)
            }
        }
    }
}

/// Requirements that were read, with what was wrong in them.
#[derive(Debug, Clone, Default)]
pub struct Requirements {
    /// The good rules, in file order.
    pub rules: Vec<Rule>,
    /// Errors and warnings, each with its line.
    pub problems: Vec<Diagnostic>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    require: Vec<Spanned<RawRule>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    course: Spanned<String>,
    who: Option<Spanned<String>>,
    #[serde(default)]
    units: Vec<String>,
    #[serde(default)]
    roles: Vec<String>,
    due: Option<Spanned<toml::Value>>,
    within: Option<Spanned<String>>,
    start: Option<Spanned<toml::Value>>,
    every: Option<Spanned<String>>,
    grace: Option<Spanned<String>>,
}

fn date_of(v: &toml::Value) -> Option<Date> {
    match v {
        toml::Value::String(s) => s.trim().parse().ok(),
        toml::Value::Datetime(d) => d.to_string().parse().ok(),
        _ => None,
    }
}

impl Requirements {
    /// Parses `source` (read from `path`), checking course ids against `courses`.
    pub fn parse(path: &Path, source: &str, courses: &BTreeSet<String>) -> Self {
        let mut out = Requirements::default();
        let file: RawFile = match toml::from_str(source) {
            Ok(f) => f,
            Err(e) => {
                let d = Diagnostic::error(path, e.message().to_string()).with_help(
                    "each rule is a [[require]] table with course, who or units/roles, due or within, and optional every and grace",
                );
                out.problems.push(match e.span() {
                    Some(span) => d.at(source, span),
                    None => d,
                });
                return out;
            }
        };
        for raw in file.require {
            let span = raw.span();
            if let Some(rule) = out.rule(path, source, span, &raw.into_inner(), courses) {
                out.rules.push(rule);
            }
        }
        out.overlaps(path);
        out
    }

    fn rule(
        &mut self,
        path: &Path,
        source: &str,
        span: Range<usize>,
        raw: &RawRule,
        courses: &BTreeSet<String>,
    ) -> Option<Rule> {
        let at = |span: Range<usize>, msg: String, help: &str| {
            Diagnostic::error(path, msg)
                .at(source, span)
                .with_help(help.to_string())
        };
        let before = self.problems.len();
        let course = raw.course.get_ref().trim().to_string();
        if !courses.contains(&course) {
            let hint = crate::compliance::closest(&course, courses.iter().map(String::as_str))
                .map_or_else(
                    || "use the id (folder name) of a course in this folder".to_string(),
                    |c| format!("did you mean `{c}`?"),
                );
            self.problems.push(
                Diagnostic::error(path, format!("unknown course `{course}`"))
                    .at(source, raw.course.span())
                    .with_help(hint),
            );
        }
        let who = match &raw.who {
            Some(w) if w.get_ref() != "all" => {
                self.problems.push(at(
                    w.span(),
                    format!("who = \"{}\" is not understood", w.get_ref()),
                    "write who = \"all\", or list units = [...] and/or roles = [...]",
                ));
                Who::All
            }
            Some(w) if !raw.units.is_empty() || !raw.roles.is_empty() => {
                self.problems.push(at(
                    w.span(),
                    "who = \"all\" together with units or roles".into(),
                    "keep either who = \"all\" or units/roles",
                ));
                Who::All
            }
            _ if raw.units.is_empty() && raw.roles.is_empty() => Who::All,
            _ => Who::Some {
                units: raw.units.clone(),
                roles: raw.roles.clone(),
            },
        };
        let period = |this: &mut Self, v: &Option<Spanned<String>>| -> Option<Period> {
            let v = v.as_ref()?;
            match v.get_ref().parse::<Period>() {
                Ok(p) => Some(p),
                Err(e) => {
                    this.problems.push(
                        Diagnostic::error(path, e.to_string())
                            .at(source, v.span())
                            .with_help("write a number and a unit: d (days), w, mo or y"),
                    );
                    None
                }
            }
        };
        let date = |this: &mut Self, v: &Option<Spanned<toml::Value>>, key: &str| {
            let v = v.as_ref()?;
            let d = date_of(v.get_ref());
            if d.is_none() {
                this.problems.push(
                    Diagnostic::error(path, format!("{key} is not a date"))
                        .at(source, v.span())
                        .with_help("write dates as \"YYYY-MM-DD\""),
                );
            }
            d
        };
        let within = period(self, &raw.within);
        let every = period(self, &raw.every);
        let grace = period(self, &raw.grace);
        let due_date = date(self, &raw.due, "due");
        let start = date(self, &raw.start, "start");
        let due = match (&raw.due, &raw.within) {
            (Some(_), Some(w)) => {
                self.problems.push(at(
                    w.span(),
                    "a rule has both `due` and `within`".into(),
                    "use a fixed date (due) or a period after hire (within), not both",
                ));
                None
            }
            (None, None) => {
                self.problems.push(at(
                    span.clone(),
                    format!("the rule for `{course}` says neither `due` nor `within`"),
                    "add due = \"YYYY-MM-DD\" or within = \"90d\"",
                ));
                None
            }
            (Some(_), None) => due_date.map(Due::On),
            (None, Some(_)) => within.map(|period| Due::Within { period, start }),
        };
        if raw.start.is_some() && raw.within.is_none() && raw.due.is_some() {
            self.problems.push(
                Diagnostic::warning(path, "`start` is only used with `within`")
                    .at(source, span.clone())
                    .with_help("remove start, or use within instead of due"),
            );
        }
        if self.problems.len() > before {
            return None;
        }
        Some(Rule {
            course,
            who,
            due: due?,
            every,
            grace,
            line: crate::diagnostic::line_col(source, span.start).0,
        })
    }

    /// Two rules for one course that can both cover one officer make the due date ambiguous.
    fn overlaps(&mut self, path: &Path) {
        for (i, a) in self.rules.iter().enumerate() {
            for b in &self.rules[i + 1..] {
                if a.course != b.course {
                    continue;
                }
                let share = |x: &[String], y: &[String]| {
                    x.is_empty()
                        || y.is_empty()
                        || x.iter()
                            .any(|v| y.iter().any(|w| v.eq_ignore_ascii_case(w)))
                };
                let overlap = match (&a.who, &b.who) {
                    (Who::All, _) | (_, Who::All) => true,
                    (
                        Who::Some {
                            units: ua,
                            roles: ra,
                        },
                        Who::Some {
                            units: ub,
                            roles: rb,
                        },
                    ) => share(ua, ub) && share(ra, rb),
                };
                if overlap {
                    self.problems.push(
                        Diagnostic::error(
                            path,
                            format!(
                                "this rule for `{}` overlaps the rule on line {}",
                                b.course, a.line
                            ),
                        )
                        .at_line(b.line)
                        .with_help("an officer may fall under one rule per course: narrow units or roles, or merge the rules"),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compliance::roster::OfficerStatus;
    use jiff::civil::date;

    fn courses() -> BTreeSet<String> {
        ["de-escalation", "crisis-intervention"]
            .map(String::from)
            .into()
    }

    fn officer(unit: &str, role: &str, hire: Option<Date>) -> Officer {
        Officer {
            id: "1".into(),
            name: "A".into(),
            learners: vec!["a".into()],
            unit: unit.into(),
            role: role.into(),
            status: OfficerStatus::Active,
            hire_date: hire,
            line: 2,
        }
    }

    #[test]
    fn reads_fixed_within_and_recertification_rules() {
        let src = r#"
[[require]]
course = "de-escalation"
who = "all"
due = "2027-03-31"
every = "12mo"
grace = "30d"

[[require]]
course = "crisis-intervention"
units = ["Patrol"]
within = "90d"
start = 2027-01-01
"#;
        let r = Requirements::parse(Path::new("requirements.toml"), src, &courses());
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        assert_eq!(r.rules.len(), 2);
        assert_eq!(r.rules[0].line, 2);
        let old_hand = officer("patrol", "", Some(date(2015, 1, 1)));
        let new_hire = officer("Patrol", "", Some(date(2027, 2, 1)));
        assert_eq!(r.rules[1].first_due(&old_hand), Some(date(2027, 4, 1)));
        assert_eq!(r.rules[1].first_due(&new_hire), Some(date(2027, 5, 2)));
        assert!(r.rules[1].who.covers(&old_hand));
        assert!(!r.rules[1].who.covers(&officer("Records", "", None)));
    }

    #[test]
    fn reports_every_problem_with_its_line() {
        let src = r#"[[require]]
course = "deescalation"
due = "2027-03-31"

[[require]]
course = "de-escalation"
within = "ninety days"

[[require]]
course = "de-escalation"
due = "soon"
every = "12m"

[[require]]
course = "crisis-intervention"
due = "2027-01-01"
within = "90d"
"#;
        let r = Requirements::parse(Path::new("requirements.toml"), src, &courses());
        let got: Vec<(Option<usize>, &str)> = r
            .problems
            .iter()
            .map(|d| (d.line, d.message.as_str()))
            .collect();
        assert_eq!(got.len(), 5, "{got:#?}");
        assert_eq!(got[0].0, Some(2));
        assert!(got[0].1.contains("unknown course `deescalation`"));
        assert_eq!(
            r.problems[0].help.as_deref(),
            Some("did you mean `de-escalation`?")
        );
        assert_eq!(got[1].0, Some(7));
        assert_eq!(got[2].0, Some(12));
        assert_eq!(got[3].0, Some(11));
        assert_eq!(got[4].0, Some(17));
    }

    #[test]
    fn overlapping_rules_for_one_course_are_an_error() {
        let src = "[[require]]\ncourse = \"de-escalation\"\ndue = \"2027-01-01\"\n\n[[require]]\ncourse = \"de-escalation\"\nunits = [\"Patrol\"]\ndue = \"2027-06-01\"\n";
        let r = Requirements::parse(Path::new("requirements.toml"), src, &courses());
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].line, Some(5));
        assert!(
            r.problems[0]
                .message
                .contains("overlaps the rule on line 1")
        );
    }
}
