//! Reading a scenario file: the TOML as written, then every check that needs only the file,
//! reporting every problem at once with its place and a hint.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::{
    Choice, Condition, Delta, MAX_CHOICES, MAX_METER, Meter, Node, Op, Rating, Route, Scenario,
    analysis,
};
use crate::course::{is_valid_id, read_text_file, toml_error};
use crate::diagnostic::{Diagnostic, LineIndex, Severity};

/// A scenario file as written. Required keys are optional here so that every missing one is
/// reported at once, with a hint, rather than only the first.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScenario {
    id: Option<Spanned<String>>,
    title: Option<Spanned<String>>,
    version: Option<String>,
    start: Option<Spanned<String>>,
    pass: Option<Spanned<String>>,
    #[serde(default)]
    meters: Vec<Spanned<RawMeter>>,
    #[serde(default)]
    nodes: Vec<Spanned<RawNode>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeter {
    id: Spanned<String>,
    label: Option<String>,
    start: Option<Spanned<i64>>,
    max: Spanned<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNode {
    id: Spanned<String>,
    text: Option<Spanned<String>>,
    ending: Option<Spanned<String>>,
    #[serde(default)]
    routes: Vec<Spanned<RawRoute>>,
    #[serde(default)]
    choices: Vec<Spanned<RawChoice>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRoute {
    #[serde(rename = "if")]
    when: Option<Spanned<String>>,
    next: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChoice {
    id: Option<Spanned<String>>,
    text: Option<Spanned<String>>,
    next: Option<Spanned<String>>,
    consequence: Option<Spanned<String>>,
    coaching: Option<Spanned<String>>,
    rating: Option<Spanned<String>>,
    effects: Option<Spanned<toml::Table>>,
}

/// Loads and validates a scenario file.
///
/// # Errors
/// Every error found, each with file, line and a hint; never empty.
pub fn load_scenario(path: &Path) -> Result<Scenario, Vec<Diagnostic>> {
    let source = read_text_file(path).map_err(|e| vec![e])?;
    parse_scenario(path, &source)
}

/// Parses and validates scenario text; `path` is used in messages. Warnings are dropped (see
/// [`check_scenario`]).
///
/// # Errors
/// Every error found, each with file, line and a hint; never empty.
pub fn parse_scenario(path: &Path, source: &str) -> Result<Scenario, Vec<Diagnostic>> {
    let (scenario, diagnostics) = validate(path, source);
    scenario.ok_or_else(|| {
        diagnostics
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect()
    })
}

/// Every error and warning in scenario text, in file order of discovery (for `rollcall check`).
pub fn check_scenario(path: &Path, source: &str) -> Vec<Diagnostic> {
    validate(path, source).1
}

/// Collects diagnostics with their place in one file.
pub(super) struct Sink<'a> {
    path: &'a Path,
    source: &'a str,
    /// Line starts of `source`, so many diagnostics in a large file stay linear.
    index: LineIndex,
    /// Everything found so far.
    pub(super) out: Vec<Diagnostic>,
}

impl Sink<'_> {
    /// An error at `span`.
    pub(super) fn error(&mut self, span: Range<usize>, message: String, help: &str) {
        let d = Diagnostic::error(self.path, message)
            .at_indexed(&self.index, self.source, span)
            .with_help(help);
        self.out.push(d);
    }

    /// A warning at `span`.
    pub(super) fn warning(&mut self, span: Range<usize>, message: String, help: &str) {
        let d = Diagnostic::warning(self.path, message)
            .at_indexed(&self.index, self.source, span)
            .with_help(help);
        self.out.push(d);
    }

    fn errors(&self) -> bool {
        self.out.iter().any(|d| d.severity == Severity::Error)
    }
}

/// Where things are in the file, for the graph checks' messages.
pub(super) struct Spans {
    /// Each node's id.
    pub(super) nodes: Vec<Range<usize>>,
    /// Each node's choices' `effects` (or the choice, when it has none).
    pub(super) effects: Vec<Vec<Range<usize>>>,
    /// The `start` key.
    pub(super) start: Range<usize>,
}

/// A reference to a node that may not resolve.
type Target = Option<usize>;

/// A node's targets: routes then choices.
pub(super) type Edges = (Vec<Target>, Vec<Target>);

fn validate(path: &Path, source: &str) -> (Option<Scenario>, Vec<Diagnostic>) {
    let raw: RawScenario = match toml::from_str(source) {
        Ok(r) => r,
        Err(e) => return (None, vec![toml_error(path, source, &e)]),
    };
    let mut sink = Sink {
        path,
        source,
        index: LineIndex::new(source),
        out: Vec::new(),
    };
    let top = 0..0;
    let id = required_text(
        &mut sink,
        raw.id.as_ref(),
        &top,
        "id",
        "id = \"knife-in-the-lot\"",
    );
    if let (Some(raw_id), Some(id)) = (&raw.id, &id)
        && !is_valid_id(id)
    {
        sink.error(
            raw_id.span(),
            format!("scenario id `{id}` is not valid"),
            "use only lowercase letters, digits and '-' (it is kept in training records)",
        );
    }
    let title = required_text(
        &mut sink,
        raw.title.as_ref(),
        &top,
        "title",
        "title = \"A man with a knife in an empty lot\"",
    );
    let pass = match &raw.pass {
        None => Rating::Acceptable,
        Some(p) => rating(&mut sink, p, "pass").unwrap_or(Rating::Acceptable),
    };
    let meters = meters(&mut sink, &raw.meters);
    let meter_index: HashMap<&str, usize> = meters
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id.as_str(), i))
        .collect();

    let mut node_index: HashMap<&str, usize> = HashMap::with_capacity(raw.nodes.len());
    let mut duplicates = false;
    for (i, n) in raw.nodes.iter().enumerate() {
        let n = n.get_ref();
        let id = n.id.get_ref().as_str();
        if id.trim().is_empty() {
            sink.error(
                n.id.span(),
                "a node's id is empty".into(),
                "give every node an id such as \"arrival\"",
            );
            continue;
        }
        match node_index.entry(id) {
            Entry::Occupied(_) => {
                duplicates = true;
                sink.error(
                    n.id.span(),
                    format!("node id `{id}` is used twice"),
                    "give each node its own id; choices and routes name nodes by id",
                );
            }
            Entry::Vacant(v) => {
                v.insert(i);
            }
        }
    }
    if raw.nodes.is_empty() {
        sink.error(
            top.clone(),
            "the scenario has no nodes".into(),
            "add [[nodes]] tables: a start node with choices and at least one ending",
        );
    }
    let start = match &raw.start {
        None => {
            sink.error(
                top.clone(),
                "missing key `start`".into(),
                "name the first node: start = \"arrival\"",
            );
            None
        }
        Some(s) => target(&mut sink, &node_index, s, "`start`"),
    };

    let mut nodes = Vec::with_capacity(raw.nodes.len());
    let mut spans = Spans {
        nodes: Vec::with_capacity(raw.nodes.len()),
        effects: Vec::with_capacity(raw.nodes.len()),
        start: raw.start.as_ref().map_or(top.clone(), Spanned::span),
    };
    // Targets per node: routes then choices, `None` where a name did not resolve.
    let mut edges: Vec<Edges> = Vec::with_capacity(raw.nodes.len());
    for n in &raw.nodes {
        let (node, node_edges, effect_spans) =
            node(&mut sink, n.get_ref(), &node_index, &meter_index);
        spans.nodes.push(n.get_ref().id.span());
        spans.effects.push(effect_spans);
        nodes.push(node);
        edges.push(node_edges);
    }
    if !raw.nodes.is_empty() && !nodes.iter().any(|n| n.ending == Some(Rating::Best)) {
        sink.error(
            spans.start.clone(),
            "the scenario has no `best` ending".into(),
            "add a node with ending = \"best\": the way the call should go",
        );
    }
    if let Some(start) = start {
        analysis::check_graph(
            &mut sink, &nodes, &edges, start, &spans, &meters, duplicates,
        );
    }
    let ok = !sink.errors();
    let scenario = match (ok, id, title, start) {
        (true, Some(id), Some(title), Some(start)) => Some(Scenario {
            id,
            title,
            version: raw.version.filter(|v| !v.trim().is_empty()),
            start,
            pass,
            meters,
            nodes,
        }),
        _ => None,
    };
    (scenario, sink.out)
}

fn required_text(
    sink: &mut Sink<'_>,
    value: Option<&Spanned<String>>,
    top: &Range<usize>,
    key: &str,
    example: &str,
) -> Option<String> {
    match value {
        None => {
            sink.error(
                top.clone(),
                format!("missing key `{key}`"),
                &format!("add {example}"),
            );
            None
        }
        Some(v) if v.get_ref().trim().is_empty() => {
            sink.error(
                v.span(),
                format!("`{key}` is empty"),
                &format!("write it, e.g. {example}"),
            );
            None
        }
        Some(v) => Some(v.get_ref().trim().to_string()),
    }
}

fn rating(sink: &mut Sink<'_>, value: &Spanned<String>, key: &str) -> Option<Rating> {
    let r = Rating::parse(value.get_ref().trim());
    if r.is_none() {
        sink.error(
            value.span(),
            format!("`{key}` is `{}`, not a rating", value.get_ref()),
            "use \"best\", \"acceptable\" or \"poor\"",
        );
    }
    r
}

fn target(
    sink: &mut Sink<'_>,
    index: &HashMap<&str, usize>,
    name: &Spanned<String>,
    what: &str,
) -> Option<usize> {
    let found = index.get(name.get_ref().as_str()).copied();
    if found.is_none() {
        sink.error(
            name.span(),
            format!(
                "{what} names node `{}`, which does not exist",
                name.get_ref()
            ),
            "use the id of a [[nodes]] table in this file (ids are case-sensitive)",
        );
    }
    found
}

fn meters(sink: &mut Sink<'_>, raw: &[Spanned<RawMeter>]) -> Vec<Meter> {
    let mut meters: Vec<Meter> = Vec::with_capacity(raw.len());
    for m in raw {
        let m = m.get_ref();
        let id = m.id.get_ref().trim();
        if id.is_empty() {
            sink.error(
                m.id.span(),
                "a meter's id is empty".into(),
                "give the meter an id such as \"tension\"",
            );
            continue;
        }
        if meters.iter().any(|p| p.id == id) {
            sink.error(
                m.id.span(),
                format!("meter id `{id}` is used twice"),
                "give each meter its own id",
            );
            continue;
        }
        let max = *m.max.get_ref();
        let max = match u32::try_from(max) {
            Ok(v) if (1..=MAX_METER).contains(&v) => v,
            _ => {
                sink.error(
                    m.max.span(),
                    format!("meter `{id}` has max = {max}"),
                    &format!("use a whole number from 1 to {MAX_METER}"),
                );
                1
            }
        };
        let (start, start_span) = m
            .start
            .as_ref()
            .map_or((0, m.id.span()), |s| (*s.get_ref(), s.span()));
        let start = match u32::try_from(start) {
            Ok(v) if v <= max => v,
            _ => {
                sink.error(
                    start_span,
                    format!("meter `{id}` starts at {start}, outside 0..={max}"),
                    "start the meter between 0 and its max",
                );
                0
            }
        };
        meters.push(Meter {
            id: id.to_string(),
            label: m
                .label
                .as_deref()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .unwrap_or(id)
                .to_string(),
            start,
            max,
        });
    }
    meters
}

/// Validates one node; returns it (with unresolved targets as index 0), its targets (routes,
/// choices) and the span of each choice's effects.
fn node(
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
