//! Reconciliation: which credited completions the LRS holds (`report --verify-lrs`).
//!
//! A progress file is a file anyone could edit; a statement in the department's LRS is a
//! record that left the machine. Each learner's course completions are fetched from the LRS
//! (`GET /statements` by agent, following `more`), and a completion is `confirmed`
//! when the LRS holds its statement (same id, same learner account, same course activity),
//! else `local-only`.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::http::HttpClient;
use super::send::Unreachable;
use crate::report::xapi::{self, verbs};

/// Whether the LRS holds a completion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Confirmation {
    /// The LRS holds the completion statement.
    Confirmed,
    /// Only the local record shows it.
    LocalOnly,
}

impl Confirmation {
    /// The word used in every output format.
    pub fn key(self) -> &'static str {
        match self {
            Self::Confirmed => "confirmed",
            Self::LocalOnly => "local-only",
        }
    }
}

/// Completion statements the LRS holds for one learner, by statement id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Held {
    by_id: BTreeMap<String, Value>,
}

impl Held {
    /// From statements the LRS returned.
    pub fn new(statements: impl IntoIterator<Item = Value>) -> Self {
        let by_id = statements
            .into_iter()
            .filter_map(|s| Some((s.get("id")?.as_str()?.to_string(), s)))
            .collect();
        Self { by_id }
    }

    /// Whether the completion of `course` by `learner` (accounts under `base`) is held.
    pub fn course_completion(&self, base: &str, learner: &str, course: &str) -> Confirmation {
        let id = xapi::record_statement_id(learner, course, "", verbs::COMPLETED).to_string();
        let ours = self.by_id.get(&id).is_some_and(|s| {
            s.pointer("/actor/account/homePage").and_then(Value::as_str) == Some(base)
                && s.pointer("/actor/account/name").and_then(Value::as_str) == Some(learner)
                && s.pointer("/verb/id").and_then(Value::as_str) == Some(verbs::COMPLETED)
                && s.pointer("/object/id").and_then(Value::as_str)
                    == Some(xapi::course_iri(base, course).as_str())
        });
        if ours {
            Confirmation::Confirmed
        } else {
            Confirmation::LocalOnly
        }
    }
}

/// The completion statements the LRS holds for `learner` (account under `base`).
///
/// # Errors
/// When the LRS cannot be reached or answers with an error.
pub fn fetch(client: &HttpClient, base: &str, learner: &str) -> Result<Held, Unreachable> {
    let agent = json!({
        "objectType": "Agent",
        "account": { "homePage": base, "name": learner },
    })
    .to_string();
    // By agent only: the verb is checked here (Ralph's file backend ignores a verb filter
    // and returns nothing), and `more` pages are followed.
    let statements = client.get_statements(&[("agent", &agent), ("limit", "500")])?;
    Ok(Held::new(statements))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn completion(base: &str, learner: &str, course: &str) -> Value {
        json!({
            "id": xapi::record_statement_id(learner, course, "", verbs::COMPLETED).to_string(),
            "actor": { "account": { "homePage": base, "name": learner } },
            "verb": { "id": verbs::COMPLETED },
            "object": { "id": xapi::course_iri(base, course) },
        })
    }

    #[test]
    fn a_completion_is_confirmed_only_by_its_own_statement() {
        let base = "https://dept.example";
        let held = Held::new([completion(base, "jdoe", "de-escalation")]);
        assert_eq!(
            held.course_completion(base, "jdoe", "de-escalation"),
            Confirmation::Confirmed
        );
        assert_eq!(
            held.course_completion(base, "jdoe", "other"),
            Confirmation::LocalOnly
        );
        assert_eq!(
            held.course_completion(base, "asmith", "de-escalation"),
            Confirmation::LocalOnly
        );
        // The same id under another homepage is someone else's record.
        let elsewhere = Held::new([completion("https://other.example", "jdoe", "de-escalation")]);
        assert_eq!(
            elsewhere.course_completion(base, "jdoe", "de-escalation"),
            Confirmation::LocalOnly
        );
    }
}
