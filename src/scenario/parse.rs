//! Reading a scenario file: the TOML as written, then every check that needs only the file,
//! reporting every problem at once with its place and a hint.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::{MAX_METER, Meter, Rating, Scenario, analysis};
use crate::course::{is_valid_id, read_text_file, toml_error};
use crate::diagnostic::{Diagnostic, LineIndex, Severity};

mod node;

use node::node;

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
    /// Node ids in file order, for "did you mean" on a name that names no node.
    node_ids: Vec<String>,
    /// The nodes such a name probably meant: reported with the name, not again as unreachable.
    pub(super) meant: Vec<bool>,
    /// How many more ids to compare with names that name no node: each look compares with every
    /// id, so a hostile file with thousands of broken names stays near-linear.
    suggestions_left: usize,
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
    /// Each node's routes' `if` (or the route, when it has none), in file order.
    pub(super) routes: Vec<Vec<Range<usize>>>,
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
        node_ids: raw
            .nodes
            .iter()
            .map(|n| n.get_ref().id.get_ref().clone())
            .collect(),
        meant: vec![false; raw.nodes.len()],
        suggestions_left: 50_000,
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
                // Reported as used twice; no name can reach it, so not also as unreachable.
                sink.meant[i] = true;
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
        routes: Vec::with_capacity(raw.nodes.len()),
    };
    // Targets per node: routes then choices, `None` where a name did not resolve.
    let mut edges: Vec<Edges> = Vec::with_capacity(raw.nodes.len());
    for n in &raw.nodes {
        let (node, node_edges, effect_spans) =
            node(&mut sink, n.get_ref(), &node_index, &meter_index);
        spans.nodes.push(n.get_ref().id.span());
        spans.routes.push(
            n.get_ref()
                .routes
                .iter()
                .map(|r| {
                    r.get_ref()
                        .when
                        .as_ref()
                        .map_or_else(|| r.span(), Spanned::span)
                })
                .collect(),
        );
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
        analysis::check_graph(&mut sink, &nodes, &edges, start, &spans, &meters);
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
        let mut meant = None;
        if sink.suggestions_left >= sink.node_ids.len() {
            sink.suggestions_left -= sink.node_ids.len();
            meant =
                crate::suggest::closest(name.get_ref(), sink.node_ids.iter().map(String::as_str))
                    .and_then(|id| index.get(id).copied());
        }
        let help = match meant {
            Some(i) => {
                sink.meant[i] = true;
                format!(
                    "did you mean `{}`? Use the id of a [[nodes]] table in this file (ids are case-sensitive)",
                    sink.node_ids[i]
                )
            }
            None => {
                "use the id of a [[nodes]] table in this file (ids are case-sensitive)".to_string()
            }
        };
        sink.error(
            name.span(),
            format!(
                "{what} names node `{}`, which does not exist",
                name.get_ref()
            ),
            &help,
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
