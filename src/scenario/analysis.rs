//! Whole-graph checks: every node reachable, every path able to end, routes that loop, and
//! meters pushed past their range. Each is linear in nodes and edges (the meter check is
//! bounded by the meters' ranges), so hostile files stay fast.

use std::collections::{HashSet, VecDeque};

use super::parse::{Edges, Sink, Spans};
use super::{Meter, Node, Op};

/// Runs every graph check, adding to `sink`.
pub(super) fn check_graph(
    sink: &mut Sink<'_>,
    nodes: &[Node],
    edges: &[Edges],
    start: usize,
    spans: &Spans,
    meters: &[Meter],
) {
    let n = nodes.len();
    // Over the names that resolve, so every unreachable node is reported in one run; a node
    // that a broken name probably meant (or a second node of one id) is reported with that.
    let reached = reachable(edges, start);
    for (i, node) in nodes.iter().enumerate() {
        if !reached[i] && !sink.meant[i] {
            sink.error(
                spans.nodes[i].clone(),
                format!("node `{}` cannot be reached from `start`", node.id),
                "lead a choice or a route to it, or remove it",
            );
        }
    }
    // Which nodes can reach an ending. A node with a target that did not resolve has already
    // been reported; count it as able to end so one typo does not cascade.
    let mut reverse: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut can_end = vec![false; n];
    let mut queue = VecDeque::new();
    for (i, (routes, choices)) in edges.iter().enumerate() {
        let unresolved = routes.iter().chain(choices).any(Option::is_none);
        if nodes[i].ending.is_some() || unresolved {
            can_end[i] = true;
            queue.push_back(i);
        }
        for &t in routes.iter().chain(choices).flatten() {
            reverse[t].push(i);
        }
    }
    while let Some(i) = queue.pop_front() {
        for &p in &reverse[i] {
            if !can_end[p] {
                can_end[p] = true;
                queue.push_back(p);
            }
        }
    }
    for (i, node) in nodes.iter().enumerate() {
        if reached[i] && !can_end[i] && !node.choices.is_empty() {
            sink.error(
                spans.nodes[i].clone(),
                format!("from node `{}` no ending can be reached", node.id),
                "every path must be able to end: give a choice here (or in the loop it is in) a way toward an ending",
            );
        }
    }
    route_loops(sink, nodes, spans);
    let errors = sink
        .out
        .iter()
        .any(|d| d.severity == crate::diagnostic::Severity::Error);
    if !errors {
        meter_ranges(sink, nodes, start, spans, meters);
    }
}

/// Nodes reachable from `start` over resolved targets.
fn reachable(edges: &[Edges], start: usize) -> Vec<bool> {
    let mut seen = vec![false; edges.len()];
    let mut stack = vec![start];
    seen[start] = true;
    while let Some(i) = stack.pop() {
        let (routes, choices) = &edges[i];
        for &t in routes.iter().chain(choices).flatten() {
            if !seen[t] {
                seen[t] = true;
                stack.push(t);
            }
        }
    }
    seen
}

/// Warns about cycles made of routes alone: meters do not change on a route, so such a loop
/// could go round for ever (the player stops it where it closes).
fn route_loops(sink: &mut Sink<'_>, nodes: &[Node], spans: &Spans) {
    // 0 = unseen, 1 = on the current path, 2 = done.
    let mut state = vec![0u8; nodes.len()];
    for root in 0..nodes.len() {
        if state[root] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        state[root] = 1;
        while let Some(&mut (i, ref mut next)) = stack.last_mut() {
            if let Some(route) = nodes[i].routes.get(*next) {
                *next += 1;
                let t = route.next;
                match state[t] {
                    0 => {
                        state[t] = 1;
                        stack.push((t, 0));
                    }
                    1 => sink.warning(
                        spans.nodes[t].clone(),
                        format!("routes can loop back to node `{}` with no choice between", nodes[t].id),
                        "meters do not change on a route, so the loop would not end: make one of the conditions exclude the others",
                    ),
                    _ => {}
                }
            } else {
                state[i] = 2;
                stack.pop();
            }
        }
    }
}

/// A range of possible values of each meter.
type Ranges = Vec<(i64, i64)>;

/// Follows every path with the range each meter can hold on arrival at each node (clamped as
/// at run time), and warns where a choice's effect can push a meter past its range, and where
/// a route's condition can never hold.
fn meter_ranges(
    sink: &mut Sink<'_>,
    nodes: &[Node],
    start: usize,
    spans: &Spans,
    meters: &[Meter],
) {
    if meters.is_empty() {
        return;
    }
    for (i, node) in nodes.iter().enumerate() {
        for (ri, r) in node.routes.iter().enumerate() {
            let m = &meters[r.when.meter];
            if intersect(&(0, i64::from(m.max)), r.when.op, r.when.value).is_none() {
                // At the route's `if` (this check runs only when every route read, so the
                // routes and their places line up).
                let at = spans.routes[i]
                    .get(ri)
                    .map_or_else(|| spans.nodes[i].clone(), Clone::clone);
                sink.warning(
                    at,
                    format!(
                        "the route `{} {} {}` of node `{}` can never be taken: `{}` stays within 0..={}",
                        m.id,
                        r.when.op.as_str(),
                        r.when.value,
                        node.id,
                        m.id,
                        m.max
                    ),
                    "compare with a value inside the meter's range",
                );
            }
        }
    }
    let mut at: Vec<Option<Ranges>> = vec![None; nodes.len()];
    at[start] = Some(
        meters
            .iter()
            .map(|m| (i64::from(m.start), i64::from(m.start)))
            .collect(),
    );
    let mut queue = VecDeque::from([start]);
    let mut queued = vec![false; nodes.len()];
    queued[start] = true;
    let mut warned: HashSet<(usize, usize, usize)> = HashSet::new();
    while let Some(i) = queue.pop_front() {
        queued[i] = false;
        let Some(mut current) = at[i].clone() else {
            continue;
        };
        let mut out: Vec<(usize, Ranges)> = Vec::new();
        let mut shown = true;
        for r in &nodes[i].routes {
            let c = r.when;
            if let Some(taken) = intersect(&current[c.meter], c.op, c.value) {
                let mut ranges = current.clone();
                ranges[c.meter] = taken;
                out.push((r.next, ranges));
            }
            // Past a route that did not fire, its condition is known to be false.
            let negated = match c.op {
                Op::Ge => intersect(&current[c.meter], Op::Lt, c.value),
                Op::Le => intersect(&current[c.meter], Op::Gt, c.value),
                Op::Gt => intersect(&current[c.meter], Op::Le, c.value),
                Op::Lt => intersect(&current[c.meter], Op::Ge, c.value),
                Op::Eq => Some(current[c.meter]).filter(|&r| r != (c.value, c.value)),
            };
            if let Some(r) = negated {
                current[c.meter] = r;
            } else {
                shown = false;
                break;
            }
        }
        if shown {
            for (ci, choice) in nodes[i].choices.iter().enumerate() {
                let mut ranges = current.clone();
                for d in &choice.effects {
                    let max = i64::from(meters[d.meter].max);
                    let (lo, hi) = ranges[d.meter];
                    let (lo, hi) = (lo.saturating_add(d.by), hi.saturating_add(d.by));
                    if (hi > max || lo < 0) && warned.insert((i, ci, d.meter)) {
                        let m = &meters[d.meter];
                        let (side, limit) = if hi > max {
                            ("above", max)
                        } else {
                            ("below", 0)
                        };
                        sink.warning(
                            spans.effects[i][ci].clone(),
                            format!(
                                "choice `{}` of node `{}` can push `{}` {side} {limit} (it stops at {limit})",
                                choice.id, nodes[i].id, m.id
                            ),
                            "make the effect smaller, or raise the meter's max if the range is too small",
                        );
                    }
                    ranges[d.meter] = (lo.clamp(0, max), hi.clamp(0, max));
                }
                out.push((choice.next, ranges));
            }
        }
        for (t, ranges) in out {
            let changed = match &mut at[t] {
                slot @ None => {
                    *slot = Some(ranges);
                    true
                }
                Some(old) => {
                    let mut changed = false;
                    for (o, n) in old.iter_mut().zip(&ranges) {
                        if n.0 < o.0 || n.1 > o.1 {
                            *o = (o.0.min(n.0), o.1.max(n.1));
                            changed = true;
                        }
                    }
                    changed
                }
            };
            if changed && !queued[t] {
                queued[t] = true;
                queue.push_back(t);
            }
        }
    }
}

/// The part of `range` where `value OP v` holds, if any.
fn intersect(range: &(i64, i64), op: Op, v: i64) -> Option<(i64, i64)> {
    let (lo, hi) = *range;
    let (lo, hi) = match op {
        Op::Ge => (lo.max(v), hi),
        Op::Gt => (lo.max(v.saturating_add(1)), hi),
        Op::Le => (lo, hi.min(v)),
        Op::Lt => (lo, hi.min(v.saturating_sub(1))),
        Op::Eq => (lo.max(v), hi.min(v)),
    };
    (lo <= hi).then_some((lo, hi))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intersections() {
        assert_eq!(intersect(&(0, 10), Op::Ge, 8), Some((8, 10)));
        assert_eq!(intersect(&(0, 10), Op::Gt, 10), None);
        assert_eq!(intersect(&(0, 10), Op::Lt, 0), None);
        assert_eq!(intersect(&(3, 5), Op::Eq, 4), Some((4, 4)));
        assert_eq!(intersect(&(3, 5), Op::Le, 4), Some((3, 4)));
    }

    /// Every node but the start unreachable and every choice naming no node: all reported,
    /// in time linear in the nodes (a look for "did you mean" per broken name would not be).
    #[test]
    fn broken_names_hide_no_unreachable_node_even_in_a_hostile_file() {
        use std::fmt::Write as _;
        let n = 10_000;
        let mut s = String::from(
            "id = \"big\"\ntitle = \"Big\"\nstart = \"n0\"\n\n\
             [[nodes]]\nid = \"end\"\nending = \"best\"\ntext = \"The end.\"\n\n",
        );
        for i in 0..n {
            let _ = write!(
                s,
                "[[nodes]]\nid = \"n{i}\"\ntext = \"T\"\n\n[[nodes.choices]]\nid = \"go\"\n\
                 text = \"Go\"\nnext = \"gone-{i}\"\nconsequence = \"C\"\ncoaching = \"W\"\n\
                 rating = \"best\"\n\n"
            );
        }
        let t0 = std::time::Instant::now();
        let out = crate::scenario::check_scenario(std::path::Path::new("big"), &s);
        let took = t0.elapsed();
        let count = |what: &str| out.iter().filter(|d| d.message.contains(what)).count();
        assert_eq!(count("which does not exist"), n);
        // `end` and every node but the start.
        assert_eq!(count("cannot be reached"), n);
        assert!(took.as_secs() < 10, "{took:?}");
    }
}
