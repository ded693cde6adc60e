//! A strict check of the xAPI 1.0.3 statements rollcall writes: required fields, IRIs, UUID
//! form, score ranges, ISO 8601 durations and timestamps. `sync` refuses to send a statement
//! that fails it, and the tests run every exported statement through it.

use serde_json::{Map, Value};

use interaction::{interaction, response_names_components};

mod interaction;

/// Every problem found in one statement; empty when it is valid.
pub fn statement(s: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    let Some(obj) = s.as_object() else {
        return vec!["a statement must be a JSON object".into()];
    };
    let allowed = [
        "id",
        "actor",
        "verb",
        "object",
        "result",
        "context",
        "timestamp",
    ];
    for key in obj.keys() {
        if !allowed.contains(&key.as_str()) {
            errors.push(format!("unexpected property `{key}`"));
        }
    }
    match obj.get("id").and_then(Value::as_str) {
        Some(id) if is_uuid(id) => {}
        Some(id) => errors.push(format!("id `{id}` is not a lowercase hyphenated UUID")),
        None => errors.push("missing id".into()),
    }
    match obj.get("actor") {
        Some(a) => agent(a, "actor", &mut errors),
        None => errors.push("missing actor".into()),
    }
    match obj.get("verb").and_then(Value::as_object) {
        Some(v) => {
            iri_field(v, "id", "verb.id", &mut errors);
            if let Some(id) = v.get("id").and_then(Value::as_str)
                && is_iri(id)
                && !super::xapi::verbs::ALL.contains(&id)
            {
                errors.push(format!("verb.id `{id}` is not a verb rollcall writes"));
            }
            lang_map(v.get("display"), "verb.display", true, &mut errors);
        }
        None => errors.push("missing verb".into()),
    }
    match obj.get("object") {
        Some(o) => activity(o, "object", &mut errors),
        None => errors.push("missing object".into()),
    }
    if let Some(r) = obj.get("result") {
        result(r, &mut errors);
    }
    if let Some(c) = obj.get("context") {
        context(c, &mut errors);
    }
    if let (Some(def), Some(response)) = (
        obj.get("object").and_then(|o| o.get("definition")),
        obj.get("result")
            .and_then(|r| r.get("response"))
            .and_then(Value::as_str),
    ) {
        response_names_components(def, response, &mut errors);
    }
    match obj.get("timestamp").and_then(Value::as_str) {
        Some(t) if is_timestamp(t) => {}
        Some(t) => errors.push(format!(
            "timestamp `{t}` is not ISO 8601 with milliseconds and offset"
        )),
        None => errors.push("missing timestamp".into()),
    }
    errors
}

/// Whether `s` is a UUID in its lowercase hyphenated form (8-4-4-4-12 hex digits).
pub fn is_uuid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
}

/// Whether `s` is an absolute http(s) IRI with a host and no characters IRIs forbid.
pub fn is_iri(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    let Some(rest) = rest else { return false };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty()
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>\"{}|\\^`".contains(c))
}

/// Whether `s` is `YYYY-MM-DDTHH:MM:SS.mmm±HH:MM` (or `Z`) and a real instant.
pub fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let shape = b.len() >= 24
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
        && b[19] == b'.'
        && digits(20..23)
        && (s.get(23..) == Some("Z")
            || (b.len() == 29
                && matches!(b[23], b'+' | b'-')
                && digits(24..26)
                && b[26] == b':'
                && digits(27..29)));
    shape && s.parse::<jiff::Timestamp>().is_ok()
}

/// Whether `s` is an ISO 8601 duration such as `PT1M5.25S` or `P1DT2H`.
pub fn is_duration(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('P') else {
        return false;
    };
    let (date, time) = match rest.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (rest, None),
    };
    let parts = |text: &str, units: &str, frac_unit: char| -> Option<usize> {
        let mut count = 0;
        let mut number = String::new();
        let mut last = None;
        for c in text.chars() {
            if c.is_ascii_digit() || c == '.' {
                number.push(c);
                continue;
            }
            let pos = units.find(c)?;
            if last.is_some_and(|l| pos <= l) || number.is_empty() {
                return None;
            }
            let ok_number = if c == frac_unit {
                number.parse::<f64>().is_ok() && !number.starts_with('.') && !number.ends_with('.')
            } else {
                number.bytes().all(|b| b.is_ascii_digit())
            };
            if !ok_number {
                return None;
            }
            number.clear();
            last = Some(pos);
            count += 1;
        }
        number.is_empty().then_some(count)
    };
    let Some(date_parts) = parts(date, "YMWD", '\0') else {
        return false;
    };
    match time {
        None => date_parts > 0,
        Some(t) => parts(t, "HMS", 'S').is_some_and(|n| n > 0),
    }
}

fn iri_field(obj: &Map<String, Value>, key: &str, path: &str, errors: &mut Vec<String>) {
    match obj.get(key).and_then(Value::as_str) {
        Some(iri) if is_iri(iri) => {}
        Some(iri) => errors.push(format!("{path} `{iri}` is not an absolute IRI")),
        None => errors.push(format!("missing {path}")),
    }
}

fn lang_map(value: Option<&Value>, path: &str, required: bool, errors: &mut Vec<String>) {
    let Some(value) = value else {
        if required {
            errors.push(format!("missing {path}"));
        }
        return;
    };
    let Some(map) = value.as_object().filter(|m| !m.is_empty()) else {
        errors.push(format!("{path} must be a non-empty language map"));
        return;
    };
    for (tag, text) in map {
        let tag_ok = !tag.is_empty()
            && tag.split('-').all(|p| {
                !p.is_empty() && p.len() <= 8 && p.bytes().all(|b| b.is_ascii_alphanumeric())
            });
        if !tag_ok {
            errors.push(format!("{path}: `{tag}` is not a language tag"));
        }
        if !text.is_string() {
            errors.push(format!("{path}.{tag} must be a string"));
        }
    }
}

fn agent(value: &Value, path: &str, errors: &mut Vec<String>) {
    let Some(a) = value.as_object() else {
        errors.push(format!("{path} must be an object"));
        return;
    };
    if a.get("objectType").is_some_and(|t| t != "Agent") {
        errors.push(format!("{path}.objectType must be Agent"));
    }
    let ifis = ["mbox", "mbox_sha1sum", "openid", "account"]
        .iter()
        .filter(|k| a.contains_key(**k))
        .count();
    if ifis != 1 {
        errors.push(format!("{path} needs exactly one identifier, found {ifis}"));
    }
    if let Some(account) = a.get("account") {
        match account.as_object() {
            Some(acc) => {
                iri_field(acc, "homePage", &format!("{path}.account.homePage"), errors);
                if acc
                    .get("name")
                    .and_then(Value::as_str)
                    .is_none_or(str::is_empty)
                {
                    errors.push(format!("{path}.account.name must be a non-empty string"));
                }
            }
            None => errors.push(format!("{path}.account must be an object")),
        }
    }
}

fn activity(value: &Value, path: &str, errors: &mut Vec<String>) {
    let Some(o) = value.as_object() else {
        errors.push(format!("{path} must be an object"));
        return;
    };
    if o.get("objectType").is_some_and(|t| t != "Activity") {
        errors.push(format!("{path}.objectType must be Activity"));
    }
    iri_field(o, "id", &format!("{path}.id"), errors);
    if let Some(def) = o.get("definition") {
        let Some(def) = def.as_object() else {
            errors.push(format!("{path}.definition must be an object"));
            return;
        };
        lang_map(
            def.get("name"),
            &format!("{path}.definition.name"),
            false,
            errors,
        );
        lang_map(
            def.get("description"),
            &format!("{path}.definition.description"),
            false,
            errors,
        );
        if def.contains_key("type") {
            iri_field(def, "type", &format!("{path}.definition.type"), errors);
        }
        interaction(def, &format!("{path}.definition"), errors);
    }
}

fn extensions(value: Option<&Value>, path: &str, errors: &mut Vec<String>) {
    let Some(value) = value else { return };
    match value.as_object() {
        Some(map) => {
            for (key, v) in map {
                if !is_iri(key) {
                    errors.push(format!("{path}: key `{key}` is not an IRI"));
                }
                let name = key.rsplit('/').next().unwrap_or(key);
                if key.contains("/xapi/extensions/") && name == super::xapi::PATH_EXTENSION {
                    scenario_path(v, &format!("{path}.{name}"), errors);
                }
            }
        }
        None => errors.push(format!("{path} must be an object")),
    }
}

/// A run's path: a non-empty array of `{ "node": id, "choice": id }` steps (`choice` absent
/// where none was taken, always at the last step, which is the ending).
fn scenario_path(value: &Value, path: &str, errors: &mut Vec<String>) {
    let Some(steps) = value.as_array().filter(|s| !s.is_empty()) else {
        errors.push(format!("{path} must be a non-empty array of steps"));
        return;
    };
    let id_ok = |v: Option<&Value>| v.and_then(Value::as_str).is_some_and(|s| !s.is_empty());
    for (i, step) in steps.iter().enumerate() {
        let Some(obj) = step.as_object() else {
            errors.push(format!("{path}[{i}] must be an object"));
            continue;
        };
        if !id_ok(obj.get("node")) {
            errors.push(format!("{path}[{i}].node must be a non-empty string"));
        }
        if obj.contains_key("choice") && !id_ok(obj.get("choice")) {
            errors.push(format!("{path}[{i}].choice must be a non-empty string"));
        }
        if obj.keys().any(|k| k != "node" && k != "choice") {
            errors.push(format!(
                "{path}[{i}] holds a key other than node and choice"
            ));
        }
    }
    if steps.last().is_some_and(|s| s.get("choice").is_some()) {
        errors.push(format!(
            "{path} must end at a node (the ending), not a choice"
        ));
    }
}

fn result(value: &Value, errors: &mut Vec<String>) {
    let Some(r) = value.as_object() else {
        errors.push("result must be an object".into());
        return;
    };
    for key in ["success", "completion"] {
        if r.get(key).is_some_and(|v| !v.is_boolean()) {
            errors.push(format!("result.{key} must be a boolean"));
        }
    }
    if r.get("response").is_some_and(|v| !v.is_string()) {
        errors.push("result.response must be a string".into());
    }
    if let Some(d) = r.get("duration")
        && !d.as_str().is_some_and(is_duration)
    {
        errors.push(format!("result.duration {d} is not an ISO 8601 duration"));
    }
    if let Some(score) = r.get("score") {
        let Some(sc) = score.as_object() else {
            errors.push("result.score must be an object".into());
            return;
        };
        let num = |k: &str| sc.get(k).and_then(Value::as_f64);
        match num("scaled") {
            Some(s) if (0.0..=1.0).contains(&s) => {}
            Some(s) => errors.push(format!("result.score.scaled {s} is outside 0..1")),
            None => errors.push("result.score.scaled is missing".into()),
        }
        if let (Some(min), Some(max)) = (num("min"), num("max")) {
            if min >= max {
                errors.push("result.score.min must be below max".into());
            }
            if let Some(raw) = num("raw")
                && !(min..=max).contains(&raw)
            {
                errors.push(format!("result.score.raw {raw} is outside min..max"));
            }
            if let (Some(raw), Some(scaled)) = (num("raw"), num("scaled"))
                && ((raw - min) / (max - min) - scaled).abs() > 0.001
            {
                errors.push("result.score.scaled does not match raw".into());
            }
        }
    }
    extensions(r.get("extensions"), "result.extensions", errors);
}

fn context(value: &Value, errors: &mut Vec<String>) {
    let Some(c) = value.as_object() else {
        errors.push("context must be an object".into());
        return;
    };
    if let Some(ca) = c.get("contextActivities") {
        let Some(ca) = ca.as_object() else {
            errors.push("context.contextActivities must be an object".into());
            return;
        };
        for (kind, list) in ca {
            if !["parent", "grouping", "category", "other"].contains(&kind.as_str()) {
                errors.push(format!("context.contextActivities.{kind} is not allowed"));
            }
            match list.as_array() {
                Some(items) => {
                    for item in items {
                        activity(item, &format!("context.contextActivities.{kind}[]"), errors);
                    }
                }
                None => errors.push(format!("context.contextActivities.{kind} must be an array")),
            }
        }
    }
    if let Some(sref) = c.get("statement") {
        let is_ref = sref.get("objectType").and_then(Value::as_str) == Some("StatementRef");
        let id_ok = sref.get("id").and_then(Value::as_str).is_some_and(is_uuid);
        if !is_ref || !id_ok {
            errors.push("context.statement must be a StatementRef with a UUID id".into());
        }
    }
    if c.get("platform").is_some_and(|p| !p.is_string()) {
        errors.push("context.platform must be a string".into());
    }
    extensions(c.get("extensions"), "context.extensions", errors);
}

#[cfg(test)]
mod tests;
