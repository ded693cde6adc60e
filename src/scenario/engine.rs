//! A run through a scenario: where the learner is, the meters, the decisions taken and the
//! steps taken back. Pure: no clock, no I/O; the player and the records build on it.

use serde::{Deserialize, Serialize};

use super::{Choice, Node, Rating, Scenario};

/// One decision taken in a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// The node whose choices were shown.
    pub node: usize,
    /// The choice taken there.
    pub choice: usize,
    /// Meter values before the choice (restored by [`Run::back`]).
    pub meters_before: Vec<u32>,
    /// Nodes passed through by routes after the choice, before the next node shown.
    pub passed: Vec<usize>,
}

/// One step of a run's path, by id: a node, and the choice taken there if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// Node id.
    pub node: String,
    /// Choice id, for a node where a choice was taken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choice: Option<String>,
}

/// A run in progress (or finished, when it is at an ending).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    node: usize,
    meters: Vec<u32>,
    /// Nodes routed through from `start` before the first node shown.
    passed_at_start: Vec<usize>,
    decisions: Vec<Decision>,
    backs: u32,
}

impl Run {
    /// A new run at the scenario's start (after any routes there).
    pub fn new(scenario: &Scenario) -> Self {
        let meters = scenario.start_meters();
        let (node, passed_at_start) = settle(scenario, scenario.start, &meters);
        Self {
            node,
            meters,
            passed_at_start,
            decisions: Vec::new(),
            backs: 0,
        }
    }

    /// Index of the node shown now.
    pub fn node(&self) -> usize {
        self.node
    }

    /// The node shown now.
    pub fn current<'a>(&self, scenario: &'a Scenario) -> Option<&'a Node> {
        scenario.nodes.get(self.node)
    }

    /// Meter values, in the scenario's meter order.
    pub fn meters(&self) -> &[u32] {
        &self.meters
    }

    /// The decisions that stand, in order (a step back removes the last).
    pub fn decisions(&self) -> &[Decision] {
        &self.decisions
    }

    /// The run that walked `path` (node and choice ids, as [`Run::path`] gives them) from the
    /// start; `None` when that path is not possible in this scenario (an unknown node or
    /// choice, a choice that does not lead to the next node, a route not taken or taken
    /// where the path says otherwise, or a path that goes on past where it ends).
    #[must_use]
    pub fn replay(scenario: &Scenario, path: &[Step]) -> Option<Run> {
        let mut run = Run::new(scenario);
        for step in path {
            let Some(choice) = &step.choice else {
                continue;
            };
            let node = run.current(scenario)?;
            if node.id != step.node {
                return None;
            }
            let index = node.choices.iter().position(|c| c.id == *choice)?;
            run.choose(scenario, index)?;
        }
        // Routes and the last node must come out as recorded.
        (run.path(scenario) == path).then_some(run)
    }

    /// This run with `backs` steps back counted (a run rebuilt from its saved path).
    #[must_use]
    pub fn with_backs(mut self, backs: u32) -> Self {
        self.backs = backs;
        self
    }

    /// How many times the learner stepped back.
    pub fn backs(&self) -> u32 {
        self.backs
    }

    /// The ending reached, if the run is at one.
    pub fn ending(&self, scenario: &Scenario) -> Option<Rating> {
        self.current(scenario).and_then(|n| n.ending)
    }

    /// Whether the run reached an ending that passes.
    pub fn passed(&self, scenario: &Scenario) -> bool {
        self.ending(scenario).is_some_and(|r| scenario.passes(r))
    }

    /// Takes choice `index` (0-based) at the current node: applies its effects (clamped),
    /// moves to its next node and follows routes there. Returns the choice, or `None` when
    /// there is no such choice (at an ending, or out of range) and nothing changed.
    pub fn choose<'a>(&mut self, scenario: &'a Scenario, index: usize) -> Option<&'a Choice> {
        let choice = self.current(scenario)?.choices.get(index)?;
        let before = self.meters.clone();
        for d in &choice.effects {
            if let (Some(v), Some(m)) = (self.meters.get_mut(d.meter), scenario.meters.get(d.meter))
            {
                let moved = i64::from(*v)
                    .saturating_add(d.by)
                    .clamp(0, i64::from(m.max));
                *v = u32::try_from(moved).unwrap_or(m.max);
            }
        }
        let (node, passed) = settle(scenario, choice.next, &self.meters);
        self.decisions.push(Decision {
            node: self.node,
            choice: index,
            meters_before: before,
            passed,
        });
        self.node = node;
        Some(choice)
    }

    /// Undoes the last decision (node and meters as they were); counts a step back. Returns
    /// whether there was a decision to undo.
    pub fn back(&mut self) -> bool {
        let Some(last) = self.decisions.pop() else {
            return false;
        };
        self.node = last.node;
        self.meters = last.meters_before;
        self.backs += 1;
        true
    }

    /// The path so far by id: every node shown or routed through, with the choice taken.
    pub fn path(&self, scenario: &Scenario) -> Vec<Step> {
        let id = |i: usize| {
            scenario
                .nodes
                .get(i)
                .map(|n| n.id.clone())
                .unwrap_or_default()
        };
        let mut steps: Vec<Step> = self
            .passed_at_start
            .iter()
            .map(|&n| Step {
                node: id(n),
                choice: None,
            })
            .collect();
        for d in &self.decisions {
            steps.push(Step {
                node: id(d.node),
                choice: scenario
                    .nodes
                    .get(d.node)
                    .and_then(|n| n.choices.get(d.choice))
                    .map(|c| c.id.clone()),
            });
            steps.extend(d.passed.iter().map(|&n| Step {
                node: id(n),
                choice: None,
            }));
        }
        steps.push(Step {
            node: id(self.node),
            choice: None,
        });
        steps
    }
}

/// Follows routes from `node`: returns the node to show and the nodes routed away from. A
/// route back to a node already passed stops there (check warns about such loops).
fn settle(scenario: &Scenario, mut node: usize, meters: &[u32]) -> (usize, Vec<usize>) {
    let mut passed = Vec::new();
    while let Some(n) = scenario.nodes.get(node) {
        let Some(route) = n.routes.iter().find(|r| r.when.holds(meters)) else {
            break;
        };
        if route.next == node || passed.contains(&route.next) {
            break;
        }
        passed.push(node);
        node = route.next;
    }
    (node, passed)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::scenario::parse_scenario;

    const KNIFE: &str = r#"
id = "knife"
title = "Knife"
start = "arrival"
pass = "acceptable"

[[meters]]
id = "tension"
label = "Tension"
start = 6
max = 10

[[nodes]]
id = "arrival"
text = "A man with a knife."

[[nodes.routes]]
if = "tension >= 10"
next = "hurt"

[[nodes.choices]]
id = "rush"
text = "Rush him"
next = "arrival"
consequence = "He backs away, shouting."
coaching = "Closing distance raises tension."
rating = "poor"
effects = { tension = 3 }

[[nodes.choices]]
id = "talk"
text = "Talk from cover"
next = "talking"
consequence = "He listens."
coaching = "Distance buys time."
rating = "best"
effects = { tension = -2 }

[[nodes]]
id = "talking"
text = "He is talking."

[[nodes.choices]]
id = "wait"
text = "Keep talking"
next = "resolved"
consequence = "He puts the knife down."
coaching = "Good."
rating = "best"

[[nodes.choices]]
id = "grab"
text = "Grab the knife"
next = "cut"
consequence = "A scuffle."
coaching = "Too soon."
rating = "acceptable"
effects = { tension = 20 }

[[nodes]]
id = "resolved"
ending = "best"
text = "He is in care."

[[nodes]]
id = "cut"
ending = "acceptable"
text = "A cut hand."

[[nodes]]
id = "hurt"
ending = "poor"
text = "Someone was hurt."
"#;

    fn knife() -> Scenario {
        parse_scenario(Path::new("k.scenario.toml"), KNIFE).unwrap()
    }

    fn ids(run: &Run, s: &Scenario) -> Vec<String> {
        run.path(s)
            .into_iter()
            .map(|s| match s.choice {
                Some(c) => format!("{}/{c}", s.node),
                None => s.node,
            })
            .collect()
    }

    #[test]
    fn best_path_passes_with_full_score() {
        let s = knife();
        let mut run = Run::new(&s);
        assert_eq!(run.meters(), [6]);
        assert_eq!(run.choose(&s, 1).map(|c| c.id.as_str()), Some("talk"));
        assert_eq!(run.meters(), [4]);
        run.choose(&s, 0);
        assert_eq!(run.ending(&s), Some(Rating::Best));
        assert!(run.passed(&s));
        assert_eq!(run.ending(&s).map(Rating::score), Some(1.0));
        assert_eq!(ids(&run, &s), ["arrival/talk", "talking/wait", "resolved"]);
        // Nothing to choose at an ending.
        assert!(run.choose(&s, 0).is_none());
    }

    #[test]
    fn meters_clamp_and_routes_fire_before_choices() {
        let s = knife();
        let mut run = Run::new(&s);
        run.choose(&s, 0);
        assert_eq!(run.meters(), [9]);
        assert_eq!(s.nodes[run.node()].id, "arrival");
        run.choose(&s, 0);
        // 12 clamps to 10, and the route at `arrival` fires on arrival.
        assert_eq!(run.meters(), [10]);
        assert_eq!(run.ending(&s), Some(Rating::Poor));
        assert!(!run.passed(&s));
        assert_eq!(
            ids(&run, &s),
            ["arrival/rush", "arrival/rush", "arrival", "hurt"]
        );
    }

    #[test]
    fn back_restores_node_and_meters_and_counts() {
        let s = knife();
        let mut run = Run::new(&s);
        assert!(!run.back());
        run.choose(&s, 1);
        run.choose(&s, 1);
        assert_eq!(run.meters(), [10]);
        assert_eq!(run.ending(&s), Some(Rating::Acceptable));
        assert!(run.passed(&s));
        assert!(run.back());
        assert_eq!(run.meters(), [4]);
        assert_eq!(s.nodes[run.node()].id, "talking");
        assert_eq!(run.backs(), 1);
        assert_eq!(run.decisions().len(), 1);
        assert!(run.choose(&s, 5).is_none());
        assert_eq!(run.decisions().len(), 1);
    }

    #[test]
    fn best_choice_for_the_debrief() {
        let s = knife();
        assert_eq!(s.best_choice(0), Some(1));
        assert_eq!(s.best_choice(2), None);
    }

    #[test]
    fn route_loops_stop() {
        let src = r#"
id = "loop"
title = "Loop"
start = "a"
[[meters]]
id = "m"
max = 3
start = 1
[[nodes]]
id = "a"
text = "A"
[[nodes.routes]]
if = "m >= 1"
next = "b"
[[nodes.choices]]
id = "end"
text = "End"
next = "done"
consequence = "Done."
coaching = "c"
rating = "best"
[[nodes]]
id = "b"
text = "B"
[[nodes.routes]]
if = "m >= 1"
next = "a"
[[nodes.choices]]
id = "end"
text = "End"
next = "done"
consequence = "Done."
coaching = "c"
rating = "best"
[[nodes]]
id = "done"
ending = "best"
text = "Done"
"#;
        let s = parse_scenario(Path::new("l.scenario.toml"), src).unwrap();
        let run = Run::new(&s);
        assert_eq!(s.nodes[run.node()].id, "b");
        assert_eq!(ids(&run, &s), ["a", "b"]);
    }
}
