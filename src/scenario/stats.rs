//! How often each choice was taken at each node, across recorded runs: the scenario part of
//! `rollcall report items`.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use super::{Rating, RunRecord, Scenario};

/// One choice at one node, with how often runs took it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChoiceStats {
    /// Course id.
    pub course: String,
    /// Lesson id.
    pub lesson: String,
    /// Node id.
    pub node: String,
    /// Choice id.
    pub choice: String,
    /// The choice's rating; `None` when the scenario file no longer has the choice.
    pub rating: Option<Rating>,
    /// Decisions at this node that took this choice.
    pub taken: usize,
    /// Decisions taken at this node.
    pub decisions: usize,
    /// `taken / decisions` × 100, to one decimal.
    pub percent: f64,
}

/// How many decisions took each (node, choice).
type Counts<'a> = HashMap<(&'a str, &'a str), usize>;

/// Per choice, in scenario file order (choices no longer in the file after the rest): how
/// often runs took it among the decisions at its node. Only nodes some run decided at are
/// listed; every choice there is, taken or not. Runs are counted once per id.
pub fn choice_stats<'a>(
    runs: &[&RunRecord],
    scenario_of: impl Fn(&str, &str) -> Option<&'a Scenario>,
) -> Vec<ChoiceStats> {
    // (course, lesson) -> (node, choice) -> count, in a stable order.
    let mut groups: BTreeMap<(&str, &str), Counts<'_>> = BTreeMap::new();
    let mut seen = HashSet::new();
    for run in runs {
        if !seen.insert(run.id.as_str()) {
            continue;
        }
        let counts = groups
            .entry((run.course.as_str(), run.lesson.as_str()))
            .or_default();
        for step in &run.path {
            if let Some(choice) = &step.choice {
                *counts
                    .entry((step.node.as_str(), choice.as_str()))
                    .or_default() += 1;
            }
        }
    }
    let mut out = Vec::new();
    for ((course, lesson), counts) in groups {
        let mut totals: HashMap<&str, usize> = HashMap::new();
        for (&(node, _), n) in &counts {
            *totals.entry(node).or_default() += n;
        }
        let row = |node: &str, choice: &str, rating: Option<Rating>| {
            let taken = counts.get(&(node, choice)).copied().unwrap_or(0);
            let decisions = totals.get(node).copied().unwrap_or(0);
            #[allow(clippy::cast_precision_loss)] // counts of decisions are small
            let percent = (taken as f64 * 1000.0 / decisions.max(1) as f64).round() / 10.0;
            ChoiceStats {
                course: course.to_string(),
                lesson: lesson.to_string(),
                node: node.to_string(),
                choice: choice.to_string(),
                rating,
                taken,
                decisions,
                percent,
            }
        };
        let mut listed: HashSet<(&str, &str)> = HashSet::new();
        if let Some(scenario) = scenario_of(course, lesson) {
            for node in scenario
                .nodes
                .iter()
                .filter(|n| totals.contains_key(n.id.as_str()))
            {
                for c in &node.choices {
                    listed.insert((node.id.as_str(), c.id.as_str()));
                    out.push(row(&node.id, &c.id, Some(c.rating)));
                }
            }
        }
        let mut rest: Vec<(&str, &str)> = counts
            .keys()
            .filter(|k| !listed.contains(*k))
            .copied()
            .collect();
        rest.sort_unstable();
        for (node, choice) in rest {
            out.push(row(node, choice, None));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::scenario::{Run, RunContext, parse_scenario};

    const SRC: &str = "id = \"s\"\ntitle = \"S\"\nstart = \"a\"\n[[nodes]]\nid = \"a\"\ntext = \"A\"\n\
        [[nodes.choices]]\nid = \"go\"\ntext = \"Go\"\nnext = \"end\"\nconsequence = \"C\"\ncoaching = \"K\"\nrating = \"best\"\n\
        [[nodes.choices]]\nid = \"stay\"\ntext = \"Stay\"\nnext = \"a\"\nconsequence = \"C\"\ncoaching = \"K\"\nrating = \"poor\"\n\
        [[nodes.choices]]\nid = \"wait\"\ntext = \"Wait\"\nnext = \"end\"\nconsequence = \"C\"\ncoaching = \"K\"\nrating = \"acceptable\"\n\
        [[nodes]]\nid = \"end\"\nending = \"best\"\ntext = \"E\"\n";

    fn record(s: &Scenario, picks: &[usize], minute: u8) -> RunRecord {
        let mut run = Run::new(s);
        for &p in picks {
            run.choose(s, p);
        }
        let at = |m: u8| format!("2026-11-24T10:{m:02}:00Z").parse().unwrap();
        RunRecord::new(
            s,
            &run,
            RunContext {
                learner: "x",
                course: "c",
                course_version: "1",
                lesson: "l",
                started: at(minute),
                finished: at(minute + 1),
            },
        )
        .unwrap()
    }

    #[test]
    fn every_choice_at_every_decided_node_with_its_share() {
        let s = parse_scenario(Path::new("s.scenario.toml"), SRC).unwrap();
        let a = record(&s, &[1, 0], 0);
        let b = record(&s, &[0], 10);
        let runs = [&a, &b, &a];
        let stats = choice_stats(&runs, |_, _| Some(&s));
        let rows: Vec<(String, usize, usize, f64, Option<Rating>)> = stats
            .iter()
            .map(|r| (r.choice.clone(), r.taken, r.decisions, r.percent, r.rating))
            .collect();
        assert_eq!(
            rows,
            [
                ("go".into(), 2, 3, 66.7, Some(Rating::Best)),
                ("stay".into(), 1, 3, 33.3, Some(Rating::Poor)),
                ("wait".into(), 0, 3, 0.0, Some(Rating::Acceptable)),
            ],
            "a run counted once; a choice never taken is listed"
        );
        // Without the scenario file: only what was taken, by id, with no rating.
        let bare = choice_stats(&runs, |_, _| None);
        assert_eq!(bare.len(), 2);
        assert!(bare.iter().all(|r| r.rating.is_none()));
    }
}
