//! The author's views of a scenario: plain text for `rollcall preview` and a Graphviz DOT graph
//! for `rollcall scenario graph`.

use std::fmt::Write as _;

use super::{Node, Rating, Scenario};
use crate::markdown;

/// Drops control characters (escape sequences included) from one-line text read from a file.
fn clean(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).collect()
}

fn block(out: &mut String, text: &str, width: u16, indent: usize) {
    markdown::push_plain_indented(out, text, width, indent);
}

fn pass_phrase(scenario: &Scenario) -> &'static str {
    match scenario.pass {
        Rating::Best => "only a best ending passes",
        Rating::Acceptable => "a best or acceptable ending passes",
        Rating::Poor => "any ending passes",
    }
}

fn ending_phrase(scenario: &Scenario, rating: Rating) -> String {
    let verdict = if scenario.passes(rating) {
        "passes"
    } else {
        "does not pass"
    };
    format!("ending: {rating}, {verdict}")
}

/// The whole scenario as text: every node with its routes and choices, each choice's
/// consequence and coaching, and where it leads. Markdown is wrapped at `width`.
pub fn to_text(scenario: &Scenario, width: u16) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Scenario: {} ({})",
        clean(&scenario.title),
        clean(&scenario.id)
    );
    let _ = writeln!(
        out,
        "Starts at: {}; {}.",
        clean(&scenario.nodes[scenario.start].id),
        pass_phrase(scenario)
    );
    if !scenario.meters.is_empty() {
        let meters: Vec<String> = scenario
            .meters
            .iter()
            .map(|m| format!("{} {} of {}", clean(&m.label), m.start, m.max))
            .collect();
        let _ = writeln!(out, "Meters at the start: {}.", meters.join(", "));
    }
    for node in &scenario.nodes {
        out.push('\n');
        node_text(&mut out, scenario, node, width);
    }
    out
}

fn node_text(out: &mut String, scenario: &Scenario, node: &Node, width: u16) {
    let id = clean(&node.id);
    let heading = match node.ending {
        Some(r) => format!("──── {id} ({}) ────", ending_phrase(scenario, r)),
        None => format!("──── {id} ────"),
    };
    let _ = writeln!(out, "{heading}");
    block(out, &node.text, width, 0);
    for r in &node.routes {
        let m = &scenario.meters[r.when.meter];
        let _ = writeln!(
            out,
            "  If {} {} {}: go to {}",
            clean(&m.id),
            r.when.op.as_str(),
            r.when.value,
            clean(&scenario.nodes[r.next].id)
        );
    }
    for (i, c) in node.choices.iter().enumerate() {
        out.push('\n');
        let _ = writeln!(out, "  {}. {}", i + 1, clean(&c.text));
        let mut facts = vec![
            format!("id {}", clean(&c.id)),
            c.rating.as_str().to_string(),
            format!("leads to {}", clean(&scenario.nodes[c.next].id)),
        ];
        for d in &c.effects {
            facts.push(format!(
                "{} {:+}",
                clean(&scenario.meters[d.meter].id),
                d.by
            ));
        }
        let _ = writeln!(out, "     [{}]", facts.join("; "));
        let _ = writeln!(out, "     Consequence:");
        block(out, &c.consequence, width, 7);
        if let Some(coaching) = &c.coaching {
            let _ = writeln!(out, "     Coaching:");
            block(out, coaching, width, 7);
        }
    }
}

/// A DOT string literal.
fn quote(s: &str) -> String {
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    for c in s.chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            '\n' => q.push_str("\\n"),
            c if c.is_control() => {}
            c => q.push(c),
        }
    }
    q.push('"');
    q
}

/// Fill colour of an ending (colour is never the only mark: the label names the rating).
fn fill(rating: Rating) -> &'static str {
    match rating {
        Rating::Best => "#b7e4c7",
        Rating::Acceptable => "#ffe8a3",
        Rating::Poor => "#f4b6b6",
    }
}

/// The scenario as a Graphviz DOT digraph: endings grouped and filled by rating, the start
/// node bold, choice edges labelled `id (rating)`, routes dotted and labelled with their
/// condition.
pub fn to_dot(scenario: &Scenario) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "digraph {} {{", quote(&scenario.id));
    let _ = writeln!(out, "  label={};", quote(&scenario.title));
    let _ = writeln!(out, "  labelloc=t;");
    let _ = writeln!(out, "  node [shape=box, style=rounded];");
    for (i, node) in scenario.nodes.iter().enumerate() {
        if node.ending.is_none() {
            let extra = if i == scenario.start {
                ", penwidth=3, xlabel=\"start\""
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "  {} [label={}{extra}];",
                quote(&node.id),
                quote(&node.id)
            );
        }
    }
    for rating in [Rating::Best, Rating::Acceptable, Rating::Poor] {
        let endings: Vec<&Node> = scenario
            .nodes
            .iter()
            .filter(|n| n.ending == Some(rating))
            .collect();
        if endings.is_empty() {
            continue;
        }
        let _ = writeln!(out, "  subgraph {} {{", quote(&format!("cluster_{rating}")));
        let verdict = if scenario.passes(rating) {
            "passes"
        } else {
            "does not pass"
        };
        let _ = writeln!(
            out,
            "    label={};",
            quote(&format!("{rating} endings ({verdict})"))
        );
        for node in endings {
            let _ = writeln!(
                out,
                "    {} [label={}, shape=doubleoctagon, style=filled, fillcolor={}];",
                quote(&node.id),
                quote(&format!("{}\n{rating}", node.id)),
                quote(fill(rating))
            );
        }
        let _ = writeln!(out, "  }}");
    }
    for node in &scenario.nodes {
        for r in &node.routes {
            let m = &scenario.meters[r.when.meter];
            let _ = writeln!(
                out,
                "  {} -> {} [label={}, style=dotted];",
                quote(&node.id),
                quote(&scenario.nodes[r.next].id),
                quote(&format!(
                    "if {} {} {}",
                    m.id,
                    r.when.op.as_str(),
                    r.when.value
                ))
            );
        }
        for c in &node.choices {
            let style = match c.rating {
                Rating::Best => "bold",
                Rating::Acceptable => "solid",
                Rating::Poor => "dashed",
            };
            let _ = writeln!(
                out,
                "  {} -> {} [label={}, style={style}];",
                quote(&node.id),
                quote(&scenario.nodes[c.next].id),
                quote(&format!("{} ({})", c.id, c.rating))
            );
        }
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_escape_and_drop_controls() {
        assert_eq!(quote("a\"b\\c\nd\x1b[31m"), "\"a\\\"b\\\\c\\nd[31m\"");
    }
}
