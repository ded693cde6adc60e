use std::collections::BTreeSet;
use std::path::Path;

use jiff::civil::{Date, date};

use super::*;

const ROSTER: &str = "officer_id,name,learners,unit,role,status,hire_date
1001,Jane Doe,jdoe;JDoe,Patrol,officer,active,2015-03-01
1002,Sam Lee,slee,Patrol,sergeant,leave,2012-06-01
1003,Ana Ruiz,aruiz,Investigations,detective,active,2026-12-15
1004,Nobody Yet,nyet,Patrol,officer,active,2010-01-01
";

const RULES: &str = r#"
[[require]]
course = "de-escalation"
who = "all"
due = "2027-03-31"
every = "12mo"
grace = "30d"

[[require]]
course = "crisis-intervention"
units = ["Investigations"]
within = "90d"
"#;

fn setup() -> (Roster, Requirements) {
    let roster = Roster::parse(Path::new("roster.csv"), ROSTER);
    assert!(roster.problems.is_empty(), "{:?}", roster.problems);
    let courses: BTreeSet<String> = ["de-escalation", "crisis-intervention"]
        .map(String::from)
        .into();
    let reqs = Requirements::parse(Path::new("requirements.toml"), RULES, &courses);
    assert!(reqs.problems.is_empty(), "{:?}", reqs.problems);
    (roster, reqs)
}

fn done(learner: &str, course: &str, on: Date) -> Completion {
    Completion {
        learner: learner.into(),
        course: course.into(),
        completed: format!("{on}T10:00:00Z"),
        first: on,
        last: on,
        dates: vec![on],
        hours: 1.5,
        version: Some("2.0".into()),
        best: None,
        statement_id: "id".into(),
    }
}

fn status_of(c: &Compliance, officer: &str, course: &str) -> (Standing, Option<Date>, i64) {
    let r = c
        .rows
        .iter()
        .find(|r| r.officer_id == officer && r.course == course)
        .unwrap();
    (r.status, r.next_due, r.days_overdue)
}

#[test]
fn each_standing_before_at_and_after_the_deadlines() {
    let (roster, reqs) = setup();
    // JDoe (another spelling of jdoe) completed last spring: renews a year later.
    let completions = vec![done("JDoe", "de-escalation", date(2026, 4, 10))];
    let names = vec!["JDoe".to_string(), "ghost".to_string()];
    let at = |d| build(&roster, &reqs, &completions, &names, d, 30);

    let c = at(date(2027, 1, 1));
    assert_eq!(
        status_of(&c, "1001", "de-escalation"),
        (Standing::Compliant, Some(date(2027, 4, 10)), 0)
    );
    assert_eq!(status_of(&c, "1002", "de-escalation").0, Standing::Exempt);
    assert_eq!(
        status_of(&c, "1004", "de-escalation"),
        (Standing::NotStarted, Some(date(2027, 3, 31)), 0)
    );
    // Hired 2026-12-15, 90 days for crisis intervention: due 2027-03-15.
    assert_eq!(
        status_of(&c, "1003", "crisis-intervention"),
        (Standing::NotStarted, Some(date(2027, 3, 15)), 0)
    );
    assert_eq!(c.unmatched, ["ghost"]);
    assert!(!c.any_overdue());

    // 30 days before the fixed date: due soon; on the date: still due soon.
    let c = at(date(2027, 3, 1));
    assert_eq!(status_of(&c, "1004", "de-escalation").0, Standing::DueSoon);
    let c = at(date(2027, 3, 31));
    assert_eq!(status_of(&c, "1004", "de-escalation").0, Standing::DueSoon);
    // Inside the 30-day grace: due soon, with a note; the day after grace ends: overdue.
    let c = at(date(2027, 4, 30));
    assert_eq!(status_of(&c, "1004", "de-escalation").0, Standing::DueSoon);
    let c = at(date(2027, 5, 1));
    assert_eq!(
        status_of(&c, "1004", "de-escalation"),
        (Standing::Overdue, Some(date(2027, 3, 31)), 1)
    );
    assert!(c.any_overdue());
    // Annual recertification lapses too: jdoe's renewal was due 2027-04-10, grace to 05-10.
    let c = at(date(2027, 5, 20));
    assert_eq!(
        status_of(&c, "1001", "de-escalation"),
        (Standing::Overdue, Some(date(2027, 4, 10)), 10)
    );
    let p = &c.units["Patrol"];
    assert_eq!((p.officers, p.overdue, p.exempt), (3, 2, 1));
}

#[test]
fn a_renewal_resets_the_cycle() {
    let (roster, reqs) = setup();
    let mut c = done("jdoe", "de-escalation", date(2026, 4, 10));
    c.last = date(2027, 4, 1);
    c.dates.push(c.last);
    let out = build(&roster, &reqs, &[c], &[], date(2027, 5, 20), 30);
    assert_eq!(
        status_of(&out, "1001", "de-escalation"),
        (Standing::Compliant, Some(date(2028, 4, 1)), 0)
    );
}

#[test]
fn did_you_mean_finds_near_names_only() {
    let ids = ["de-escalation", "implicit-bias"];
    assert_eq!(closest("deescalation", ids), Some("de-escalation"));
    assert_eq!(closest("Implicit-Bias", ids), Some("implicit-bias"));
    assert_eq!(closest("accountability", ids), None);
}
