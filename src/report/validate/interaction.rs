//! xAPI interaction activities (a quiz question as an LRS sees it): the definition's type,
//! its correct-response pattern and components, and a response naming only those components.

use serde_json::{Map, Value};

use super::lang_map;

/// Interaction types rollcall writes, and which component list each may carry.
const INTERACTIONS: [(&str, Option<&str>); 4] = [
    ("choice", Some("choices")),
    ("true-false", None),
    ("fill-in", None),
    ("sequencing", Some("choices")),
];

/// An interaction activity's definition: a known type, a pattern of strings, components with
/// unique ids whose patterns name only those ids.
pub(super) fn interaction(def: &Map<String, Value>, path: &str, errors: &mut Vec<String>) {
    let Some(kind) = def.get("interactionType") else {
        for key in ["correctResponsesPattern", "choices"] {
            if def.contains_key(key) {
                errors.push(format!("{path}.{key} needs an interactionType"));
            }
        }
        return;
    };
    let Some((kind, list)) = kind
        .as_str()
        .and_then(|k| INTERACTIONS.iter().find(|(t, _)| *t == k))
    else {
        errors.push(format!(
            "{path}.interactionType {kind} is not one rollcall writes"
        ));
        return;
    };
    let mut ids: Vec<&str> = Vec::new();
    if let Some(list) = list {
        match def.get(*list).and_then(Value::as_array) {
            Some(items) if !items.is_empty() => {
                for (i, item) in items.iter().enumerate() {
                    let at = format!("{path}.{list}[{i}]");
                    match item.get("id").and_then(Value::as_str) {
                        Some(id) if !id.is_empty() && !id.contains(char::is_whitespace) => {
                            if ids.contains(&id) {
                                errors.push(format!("{at}.id `{id}` is repeated"));
                            }
                            ids.push(id);
                        }
                        _ => errors
                            .push(format!("{at}.id must be a non-empty string without spaces")),
                    }
                    lang_map(
                        item.get("description"),
                        &format!("{at}.description"),
                        true,
                        errors,
                    );
                }
            }
            _ => errors.push(format!(
                "{path}.{list} must be a non-empty array for {kind}"
            )),
        }
    }
    match def.get("correctResponsesPattern").and_then(Value::as_array) {
        Some(patterns) if !patterns.is_empty() => {
            for p in patterns {
                let Some(p) = p.as_str() else {
                    errors.push(format!("{path}.correctResponsesPattern holds a non-string"));
                    continue;
                };
                match *kind {
                    "true-false" if p != "true" && p != "false" => errors.push(format!(
                        "{path}.correctResponsesPattern `{p}` is not true or false"
                    )),
                    "choice" | "sequencing" => {
                        for part in p.split("[,]") {
                            if !ids.contains(&part) {
                                errors.push(format!(
                                    "{path}.correctResponsesPattern names `{part}`, which is not a component id"
                                ));
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        _ => errors.push(format!(
            "{path}.correctResponsesPattern must be a non-empty array of strings"
        )),
    }
}

/// A `choice` or `sequencing` response names only the interaction's component ids, joined
/// by `[,]` (an LRS cannot analyse a response naming choices the activity does not have).
pub(super) fn response_names_components(def: &Value, response: &str, errors: &mut Vec<String>) {
    let kind = def.get("interactionType").and_then(Value::as_str);
    if !matches!(kind, Some("choice" | "sequencing")) {
        return;
    }
    let ids: Vec<&str> = def
        .get("choices")
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|c| c.get("id").and_then(Value::as_str))
                .collect()
        })
        .unwrap_or_default();
    for part in response.split("[,]").filter(|p| !p.is_empty()) {
        if !ids.contains(&part) {
            errors.push(format!(
                "result.response names `{part}`, which is not a component id"
            ));
        }
    }
}
