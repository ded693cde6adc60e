//! One node of a scenario file: its text, routes and choices, each checked with its place.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;

use super::{Edges, RawChoice, RawNode, RawRoute, Sink, Target, rating, target};
use crate::course::is_valid_id;
use crate::scenario::{Choice, Condition, Delta, MAX_CHOICES, Node, Op, Rating, Route};

/// Validates one node; returns it (with unresolved targets as index 0), its targets (routes,
/// choices) and the span of each choice's effects.
pub(super) fn node(
    sink: &mut Sink<'_>,
    raw: &RawNode,
    nodes: &HashMap<&str, usize>,
    meters: &HashMap<&str, usize>,
) -> (Node, Edges, Vec<Range<usize>>) {
    let id = raw.id.get_ref().clone();
    let text = match &raw.text {
        None => {
            sink.error(
                raw.id.span(),
                format!("node `{id}` has no `text`"),
                "add text = \"\"\"what the officer sees and hears\"\"\"",
            );
            String::new()
        }
        Some(t) if t.get_ref().trim().is_empty() => {
            sink.error(
                t.span(),
                format!("node `{id}` has empty text"),
                "write what the officer sees and hears (Markdown)",
            );
            String::new()
        }
        Some(t) => t.get_ref().trim().to_string(),
    };
    let ending = raw.ending.as_ref().and_then(|e| rating(sink, e, "ending"));
    match (&raw.ending, raw.choices.is_empty()) {
        (Some(e), false) => sink.error(
            e.span(),
            format!("node `{id}` has both choices and an ending"),
            "an ending node has no choices: remove `ending`, or move the choices to another node",
        ),
        (None, true) => sink.error(
            raw.id.span(),
            format!("node `{id}` has neither choices nor an ending"),
            "add [[nodes.choices]], or ending = \"best\" | \"acceptable\" | \"poor\"",
        ),
        _ => {}
    }
    if raw.ending.is_some()
        && let Some(r) = raw.routes.first()
    {
        sink.error(
            r.span(),
            format!("ending node `{id}` has routes"),
            "routes are tried before choices; an ending has none: move the routes to the node before it",
        );
    }
    if raw.choices.len() > MAX_CHOICES {
        sink.error(
            raw.choices[MAX_CHOICES].span(),
            format!(
                "node `{id}` has {} choices, more than {MAX_CHOICES}",
                raw.choices.len()
            ),
            "keys 1-9 pick choices: split the decision over two nodes",
        );
    }
    let mut routes = Vec::with_capacity(raw.routes.len());
    let mut route_targets = Vec::with_capacity(raw.routes.len());
    for r in &raw.routes {
        let (route, t) = route(sink, r, &id, nodes, meters);
        route_targets.push(t);
        if let Some(route) = route {
            routes.push(route);
        }
    }
    let mut choices = Vec::with_capacity(raw.choices.len());
    let mut choice_targets = Vec::with_capacity(raw.choices.len());
    let mut effect_spans = Vec::with_capacity(raw.choices.len());
    for (i, c) in raw.choices.iter().enumerate() {
        let (choice, t) = choice(sink, c, i, &id, nodes, meters);
        if choices.iter().any(|p: &Choice| p.id == choice.id) {
            sink.error(
                c.get_ref().id.as_ref().map_or(c.span(), Spanned::span),
                format!("choice id `{}` is used twice in node `{id}`", choice.id),
                "give each choice of a node its own id",
            );
        }
        choice_targets.push(t);
        effect_spans.push(
            c.get_ref()
                .effects
                .as_ref()
                .map_or_else(|| c.span(), Spanned::span),
        );
        choices.push(choice);
    }
    let node = Node {
        id,
        text,
        routes,
        choices,
        ending: if raw.choices.is_empty() { ending } else { None },
        line: sink.index.line_col(sink.source, raw.id.span().start).0,
    };
    (node, (route_targets, choice_targets), effect_spans)
}

fn route(
    sink: &mut Sink<'_>,
    raw: &Spanned<RawRoute>,
    node: &str,
    nodes: &HashMap<&str, usize>,
    meters: &HashMap<&str, usize>,
) -> (Option<Route>, Target) {
    let r = raw.get_ref();
    let next = match &r.next {
        None => {
            sink.error(
                raw.span(),
                format!("a route of node `{node}` has no `next`"),
                "add next = \"node-id\": where the route leads",
            );
            None
        }
        Some(n) => target(sink, nodes, n, "a route"),
    };
    let when = match &r.when {
        None => {
            sink.error(
                raw.span(),
                format!("a route of node `{node}` has no `if`"),
                "add if = \"tension >= 8\" (METER >=, <=, >, < or == a whole number)",
            );
            None
        }
        Some(w) => condition(sink, w, meters),
    };
    let route = match (when, next) {
        (Some(when), Some(next)) => Some(Route { when, next }),
        _ => None,
    };
    (route, next)
}

/// Parses `METER OP INTEGER`.
fn condition(
    sink: &mut Sink<'_>,
    raw: &Spanned<String>,
    meters: &HashMap<&str, usize>,
) -> Option<Condition> {
    let text = raw.get_ref().trim();
    let help = "write METER OP NUMBER, e.g. \"tension >= 8\" (OP is >=, <=, >, < or ==)";
    let parsed = [
        (">=", Op::Ge),
        ("<=", Op::Le),
        ("==", Op::Eq),
        (">", Op::Gt),
        ("<", Op::Lt),
    ]
    .into_iter()
    .find_map(|(s, op)| {
        let (left, right) = text.split_once(s)?;
        Some((left.trim(), op, right.trim()))
    });
    let Some((name, op, value)) = parsed else {
        sink.error(
            raw.span(),
            format!("route condition `{text}` has no comparison"),
            help,
        );
        return None;
    };
    let Ok(value) = value.parse::<i64>() else {
        sink.error(
            raw.span(),
            format!("route condition `{text}` does not compare with a whole number"),
            help,
        );
        return None;
    };
    let Some(&meter) = meters.get(name) else {
        sink.error(
            raw.span(),
            format!("route condition names meter `{name}`, which does not exist"),
            "use the id of a [[meters]] table in this file",
        );
        return None;
    };
    Some(Condition { meter, op, value })
}

fn choice(
    sink: &mut Sink<'_>,
    raw: &Spanned<RawChoice>,
    i: usize,
    node: &str,
    nodes: &HashMap<&str, usize>,
    meters: &HashMap<&str, usize>,
) -> (Choice, Target) {
    let c = raw.get_ref();
    let n = i + 1;
    let id = match &c.id {
        Some(id) if is_valid_id(id.get_ref()) => id.get_ref().clone(),
        Some(id) if id.get_ref().trim().is_empty() => {
            sink.error(
                id.span(),
                format!("choice {n} of node `{node}` has an empty id"),
                "give the choice a short id such as \"step-back\"",
            );
            n.to_string()
        }
        Some(id) => {
            sink.warning(
                id.span(),
                format!(
                    "choice id `{}` has characters other than a-z, 0-9 and '-'",
                    id.get_ref()
                ),
                "use only lowercase letters, digits and '-' (it is kept in training records)",
            );
            id.get_ref().clone()
        }
        None => {
            sink.warning(
                raw.span(),
                format!("choice {n} of node `{node}` has no id"),
                "add id = \"short-name\": records and reports name choices by id (the number is used until then)",
            );
            n.to_string()
        }
    };
    let mut missing = |key: &str, example: &str| {
        sink.error(
            raw.span(),
            format!("choice {n} of node `{node}` has no `{key}`"),
            &format!("add {example}"),
        );
    };
    let text = c.text.as_ref().map(|t| t.get_ref().trim().to_string());
    let consequence = c
        .consequence
        .as_ref()
        .map(|t| t.get_ref().trim().to_string());
    if text.as_deref().is_none_or(str::is_empty) {
        missing("text", "text = \"what the officer does\"");
    }
    if consequence.as_deref().is_none_or(str::is_empty) {
        missing("consequence", "consequence = \"\"\"what happens next\"\"\"");
    }
    if c.next.is_none() {
        missing("next", "next = \"node-id\": where the choice leads");
    }
    if c.rating.is_none() {
        missing("rating", "rating = \"best\" | \"acceptable\" | \"poor\"");
    }
    let next = c
        .next
        .as_ref()
        .and_then(|t| target(sink, nodes, t, "a choice"));
    let rating = c.rating.as_ref().and_then(|r| rating(sink, r, "rating"));
    let coaching = c
        .coaching
        .as_ref()
        .map(|t| t.get_ref().trim().to_string())
        .filter(|t| !t.is_empty());
    if coaching.is_none() {
        sink.warning(
            c.text.as_ref().map_or(raw.span(), Spanned::span),
            format!("choice `{id}` of node `{node}` has no coaching"),
            "add coaching = \"...\": the debrief shows it, and it is where the teaching goes",
        );
    }
    let mut effects = Vec::new();
    if let Some(table) = &c.effects {
        for (name, value) in table.get_ref() {
            let Some(&meter) = meters.get(name.as_str()) else {
                sink.error(
                    table.span(),
                    format!("effects name meter `{name}`, which does not exist"),
                    "use the id of a [[meters]] table in this file",
                );
                continue;
            };
            let Some(by) = value.as_integer() else {
                sink.error(
                    table.span(),
                    format!("the effect on `{name}` is not a whole number"),
                    "write effects = { tension = 2 } or { tension = -1 }",
                );
                continue;
            };
            effects.push(Delta { meter, by });
        }
    }
    let choice = Choice {
        id,
        text: text.unwrap_or_default(),
        next: next.unwrap_or(0),
        consequence: consequence.unwrap_or_default(),
        coaching,
        rating: rating.unwrap_or(Rating::Poor),
        effects,
    };
    (choice, next)
}
