//! Branching scenarios (`*.scenario.toml`): types, validation and a pure engine.
//!
//! A scenario is a graph of nodes. A node either offers choices (each with a consequence, a
//! coaching note and a rating, leading to another node) or is an ending rated `best`,
//! `acceptable` or `poor`. Meters (such as tension) start at a value, move with choices and may
//! route a node elsewhere before its choices are shown. Parsing and validation live in
//! `scenario/parse.rs` (a node's routes and choices in `scenario/parse/node.rs`), the graph
//! checks in `scenario/analysis.rs`, a run in `scenario/engine.rs`, the records of runs in
//! `scenario/record.rs` (runs under way: `scenario/in_progress.rs`) and `scenario/stats.rs`,
//! and the author's views (text, Graphviz) in `scenario/render.rs`.

mod analysis;
mod book;
mod engine;
mod in_progress;
mod parse;
mod record;
mod render;
mod stats;

use std::fmt;

use serde::{Deserialize, Serialize};

pub use book::ScenarioBook;
pub use engine::{Decision, Run, Step};
pub use in_progress::RunInProgress;
pub use parse::{check_scenario, load_scenario, parse_scenario};
pub use record::{RunContext, RunRecord, run_id};
pub use render::{to_dot, to_text};
pub use stats::{ChoiceStats, choice_stats};

/// Suffix of scenario file names.
pub const SUFFIX: &str = ".scenario.toml";

/// Most choices a node may offer: keys `1`-`9` pick them.
pub const MAX_CHOICES: usize = 9;

/// Largest `max` a meter may have (keeps the range analysis cheap and gauges readable).
pub const MAX_METER: u32 = 1000;

/// A validated scenario. Node, meter and choice references are indices into its vectors.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// Stable id (`[a-z0-9-]+`), recorded with every run.
    pub id: String,
    /// Title shown above the situation.
    pub title: String,
    /// Author's version string, recorded with every run (optional key `version`).
    pub version: Option<String>,
    /// Index of the node the scenario starts at.
    pub start: usize,
    /// The lowest ending that passes.
    pub pass: Rating,
    /// Meters shown as gauges, in file order.
    pub meters: Vec<Meter>,
    /// Nodes in file order.
    pub nodes: Vec<Node>,
}

/// A gauge moved by choices, from 0 to `max`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meter {
    /// Id used by effects and routes.
    pub id: String,
    /// Label shown beside the gauge.
    pub label: String,
    /// Value at the start of a run.
    pub start: u32,
    /// Largest value; values are clamped to `0..=max`.
    pub max: u32,
}

/// One node: a situation with choices, or an ending.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Stable id, recorded in the run's path.
    pub id: String,
    /// Markdown: what the officer sees and hears (or how the call ended).
    pub text: String,
    /// Routes tried in order on arrival, before the choices are shown.
    pub routes: Vec<Route>,
    /// The choices (empty for an ending).
    pub choices: Vec<Choice>,
    /// The ending's rating, for an ending node.
    pub ending: Option<Rating>,
    /// 1-based line of the node's id in the file.
    pub line: usize,
}

/// A jump taken on arrival when a meter condition holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    /// The condition.
    pub when: Condition,
    /// Index of the node to go to.
    pub next: usize,
}

/// `METER OP VALUE`, such as `tension >= 8`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Condition {
    /// Index of the meter.
    pub meter: usize,
    /// The comparison.
    pub op: Op,
    /// The value compared with.
    pub value: i64,
}

/// A comparison in a route condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `>=`
    Ge,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `<`
    Lt,
    /// `==`
    Eq,
}

impl Op {
    /// The operator as written.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ge => ">=",
            Self::Le => "<=",
            Self::Gt => ">",
            Self::Lt => "<",
            Self::Eq => "==",
        }
    }

    /// Whether `left OP right` holds.
    pub fn holds(self, left: i64, right: i64) -> bool {
        match self {
            Self::Ge => left >= right,
            Self::Le => left <= right,
            Self::Gt => left > right,
            Self::Lt => left < right,
            Self::Eq => left == right,
        }
    }
}

impl Condition {
    /// Whether the condition holds for these meter values.
    pub fn holds(&self, meters: &[u32]) -> bool {
        meters
            .get(self.meter)
            .is_some_and(|&v| self.op.holds(i64::from(v), self.value))
    }
}

/// One option offered at a node.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    /// Id, unique in its node (recorded in the run's path).
    pub id: String,
    /// What the learner picks.
    pub text: String,
    /// Index of the node it leads to.
    pub next: usize,
    /// Markdown shown right after the choice: what happens next.
    pub consequence: String,
    /// Shown in the debrief: why it mattered and what a better option was.
    pub coaching: Option<String>,
    /// How good the choice is.
    pub rating: Rating,
    /// Meter changes, clamped to each meter's range when applied.
    pub effects: Vec<Delta>,
}

/// A change to one meter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delta {
    /// Index of the meter.
    pub meter: usize,
    /// Amount added (negative lowers it).
    pub by: i64,
}

/// How good a choice or an ending is, ordered worst to best.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Rating {
    /// A poor choice or ending.
    Poor,
    /// Acceptable, not the best.
    Acceptable,
    /// The best.
    Best,
}

impl Rating {
    /// The rating as written in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Poor => "poor",
            Self::Acceptable => "acceptable",
            Self::Best => "best",
        }
    }

    /// Parses `best`, `acceptable` or `poor`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "best" => Some(Self::Best),
            "acceptable" => Some(Self::Acceptable),
            "poor" => Some(Self::Poor),
            _ => None,
        }
    }

    /// The score of an ending with this rating: best 1.0, acceptable 0.5, poor 0.
    pub fn score(self) -> f64 {
        match self {
            Self::Best => 1.0,
            Self::Acceptable => 0.5,
            Self::Poor => 0.0,
        }
    }

    /// Whether an ending with this rating passes when `pass` is the lowest passing one.
    pub fn passes(self, pass: Rating) -> bool {
        self >= pass
    }
}

impl fmt::Display for Rating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Scenario {
    /// The index of the node with this id.
    pub fn node_index(&self, id: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.id == id)
    }

    /// The choice at `node` rated best (the first, if several), for the debrief.
    pub fn best_choice(&self, node: usize) -> Option<usize> {
        let choices = &self.nodes.get(node)?.choices;
        let best = choices.iter().map(|c| c.rating).max()?;
        choices.iter().position(|c| c.rating == best)
    }

    /// Whether an ending with this rating passes this scenario.
    pub fn passes(&self, ending: Rating) -> bool {
        ending.passes(self.pass)
    }

    /// Meter start values, in meter order.
    pub fn start_meters(&self) -> Vec<u32> {
        self.meters.iter().map(|m| m.start).collect()
    }

    /// The version recorded with a run: the scenario's own, else the course's.
    #[must_use]
    pub fn version_or(&self, course_version: &str) -> String {
        self.version
            .clone()
            .unwrap_or_else(|| course_version.to_string())
    }
}

/// The lesson id part of a scenario file name: `02-knife.scenario.toml` gives `02-knife`.
pub fn stem(file: &str) -> &str {
    let name = file.rsplit('/').next().unwrap_or(file);
    name.strip_suffix(SUFFIX)
        .or_else(|| name.strip_suffix(".toml"))
        .unwrap_or(name)
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // Tests compare with exact, representable constants.
mod tests {
    use super::*;

    #[test]
    fn ratings_order_score_and_pass() {
        assert!(Rating::Best > Rating::Acceptable && Rating::Acceptable > Rating::Poor);
        assert_eq!(Rating::Best.score(), 1.0);
        assert_eq!(Rating::Acceptable.score(), 0.5);
        assert_eq!(Rating::Poor.score(), 0.0);
        assert!(Rating::Best.passes(Rating::Acceptable));
        assert!(Rating::Acceptable.passes(Rating::Acceptable));
        assert!(!Rating::Poor.passes(Rating::Acceptable));
        assert!(Rating::Poor.passes(Rating::Poor));
        assert!(!Rating::Acceptable.passes(Rating::Best));
        for r in [Rating::Best, Rating::Acceptable, Rating::Poor] {
            assert_eq!(Rating::parse(r.as_str()), Some(r));
        }
        assert_eq!(Rating::parse("good"), None);
    }

    #[test]
    fn the_documented_example_checks_clean_and_plays() {
        let doc = include_str!("../docs/course-format.md");
        let from = doc.find("### A complete scenario").unwrap();
        let block = &doc[from..];
        let start = block.find("```toml\n").unwrap() + "```toml\n".len();
        let source = &block[start..start + block[start..].find("\n```").unwrap()];
        let path = std::path::Path::new("doc.scenario.toml");
        assert_eq!(check_scenario(path, source), vec![]);
        let s = parse_scenario(path, source).unwrap();
        let mut run = Run::new(&s);
        run.choose(&s, 1);
        run.choose(&s, 1);
        assert_eq!(run.ending(&s), Some(Rating::Poor));
        assert_eq!(s.best_choice(s.start), Some(0));
    }

    #[test]
    fn stems() {
        assert_eq!(stem("02-knife.scenario.toml"), "02-knife");
        assert_eq!(stem("sub/x.toml"), "x");
    }

    #[test]
    fn conditions() {
        let c = Condition {
            meter: 0,
            op: Op::Ge,
            value: 8,
        };
        assert!(c.holds(&[8]));
        assert!(!c.holds(&[7]));
        assert!(!c.holds(&[]));
    }
}
