//! Sending statements in batches, and the one rule for "the LRS stored it".
//!
//! A batch counts as stored only when the LRS says so in a way xAPI defines: `200` with a JSON
//! array of exactly the ids sent, `204` (already stored), or a `409` or short id list after a
//! check that the LRS holds each missing statement as ours. Anything else (a redirect, a body
//! that is not the ids, a dripping answer cut off by the deadline) is a failure, and the batch
//! stays unsent for the next sync.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use serde_json::Value;

/// Statements per POST.
pub const BATCH_SIZE: usize = 50;

/// An HTTP answer: status, body text, and where a redirect pointed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reply {
    /// HTTP status code.
    pub status: u16,
    /// Response body (may be empty).
    pub body: String,
    /// The `Location` header of a redirect, if any.
    pub location: Option<String>,
}

impl Reply {
    /// A reply with this status and body and no `Location`.
    pub fn new(status: u16, body: impl Into<String>) -> Self {
        Self {
            status,
            body: body.into(),
            location: None,
        }
    }
}

/// The LRS could not be reached at all, or did not answer in time.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Unreachable(pub String);

/// Something that talks xAPI to an LRS.
pub trait Transport {
    /// POSTs `batch` as a JSON array to the statements resource.
    ///
    /// # Errors
    /// When no whole HTTP answer came back (no network, refused, timed out).
    fn post_statements(&self, batch: &[Value]) -> Result<Reply, Unreachable>;

    /// The statement the LRS holds under `id` (`GET statements?statementId=`), if any.
    ///
    /// # Errors
    /// When no usable answer came back.
    fn get_statement(&self, id: &str) -> Result<Option<Value>, Unreachable>;
}

/// How hard `send` tries, and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SendOptions {
    /// Statements per POST.
    pub batch_size: usize,
    /// Extra tries after a failed POST (no answer, 5xx, 429).
    pub retries: u32,
    /// Wait before the first retry; doubled for each further one.
    pub backoff: Duration,
    /// No new request starts after this instant (the total time limit of one sync).
    pub deadline: Option<Instant>,
}

impl Default for SendOptions {
    fn default() -> Self {
        Self {
            batch_size: BATCH_SIZE,
            retries: 2,
            backoff: Duration::from_millis(250),
            deadline: None,
        }
    }
}

/// Why sending stopped before the end. Every variant leaves the unsent batches for next time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stop {
    /// No answer from the LRS (offline is normal: the rest goes next time).
    Offline(String),
    /// The LRS answered, but with errors (5xx, 429) every time.
    Unavailable(String),
    /// The LRS refused the credentials (401/403).
    Refused(String),
    /// The LRS answered a POST with a redirect, which is never followed (a redirected POST
    /// loses its body).
    Redirected {
        /// The 3xx status.
        status: u16,
        /// Where it pointed (`None` when it did not say).
        location: Option<String>,
    },
    /// The LRS answered in a way that does not show it stored the batch.
    BadAnswer(String),
    /// The total time limit for one sync ran out.
    TimeLimit,
    /// Confirmed ids could not be remembered.
    Local(String),
}

/// What a `send` did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Ids the LRS now holds (new, or already stored).
    pub confirmed: Vec<String>,
    /// Statements the LRS refused, with its reason.
    pub rejected: Vec<(String, String)>,
    /// Why it stopped early, if it did.
    pub stop: Option<Stop>,
}

pub(crate) fn statement_id(s: &Value) -> String {
    s.get("id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// A server's text as one short, inert line.
pub(crate) fn one_line(s: &str) -> String {
    let s = crate::sanitize::line(s);
    let line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() > 200 {
        line.chars().take(200).collect::<String>() + "…"
    } else {
        line
    }
}

fn http(reply: &Reply) -> String {
    format!("HTTP {}: {}", reply.status, one_line(&reply.body))
}

fn expired(opts: &SendOptions) -> bool {
    opts.deadline.is_some_and(|d| Instant::now() >= d)
}

/// POSTs with bounded retries; the reply is not a 5xx/429 unless every try was.
fn post_with_retry(
    transport: &dyn Transport,
    batch: &[Value],
    opts: &SendOptions,
) -> Result<Reply, Stop> {
    let mut wait = opts.backoff;
    let mut tries = 0;
    loop {
        if expired(opts) {
            return Err(Stop::TimeLimit);
        }
        let stop = match transport.post_statements(batch) {
            Ok(reply) if reply.status >= 500 || reply.status == 429 => {
                Stop::Unavailable(http(&reply))
            }
            Ok(reply) => return Ok(reply),
            Err(e) => Stop::Offline(e.0),
        };
        if tries >= opts.retries {
            return Err(stop);
        }
        tries += 1;
        std::thread::sleep(wait);
        wait = wait.saturating_mul(2);
    }
}

/// The ids in a `200` body, if it is a JSON array of strings.
fn listed_ids(body: &str) -> Option<Vec<String>> {
    let value: Value = serde_json::from_str(body).ok()?;
    value
        .as_array()?
        .iter()
        .map(|v| v.as_str().map(str::to_string))
        .collect()
}

/// Whether the statement the LRS holds is ours: same id, actor account, verb and object.
fn same_statement(held: &Value, ours: &Value) -> bool {
    let pick = |s: &Value| {
        (
            s.get("id").cloned(),
            s.pointer("/actor/account").cloned(),
            s.pointer("/verb/id").cloned(),
            s.pointer("/object/id").cloned(),
        )
    };
    pick(held) == pick(ours)
}

/// Asks the LRS for each statement it did not confirm; `Ok` when it holds all of them as ours.
fn check_held(transport: &dyn Transport, statements: &[&Value]) -> Result<(), Check> {
    for s in statements {
        let id = statement_id(s);
        match transport.get_statement(&id) {
            Ok(Some(held)) if same_statement(&held, s) => {}
            Ok(Some(_)) => return Err(Check::Different(id)),
            Ok(None) => return Err(Check::Missing(id)),
            Err(e) => return Err(Check::Failed(e.0)),
        }
    }
    Ok(())
}

enum Check {
    Different(String),
    Missing(String),
    Failed(String),
}

/// What one answer to a POST means.
enum Verdict {
    Stored,
    Stop(Stop),
    /// Send the statements one at a time to find the one(s) the LRS refuses.
    Split,
    Rejected(String),
}

fn judge(transport: &dyn Transport, batch: &[Value], reply: &Reply) -> Verdict {
    let sent: BTreeSet<String> = batch.iter().map(statement_id).collect();
    match reply.status {
        200 => {
            let Some(listed) = listed_ids(&reply.body) else {
                return Verdict::Stop(Stop::BadAnswer(format!(
                    "the LRS answered HTTP 200 without the list of statement ids: {}",
                    one_line(&reply.body)
                )));
            };
            let listed: BTreeSet<String> = listed.into_iter().collect();
            if listed == sent {
                return Verdict::Stored;
            }
            if let Some(extra) = listed.difference(&sent).next() {
                return Verdict::Stop(Stop::BadAnswer(format!(
                    "the LRS answered HTTP 200 listing statement {} that was not sent",
                    one_line(extra)
                )));
            }
            // Some LRSs list only the statements new to them; the rest must be there already.
            let missing: Vec<&Value> = batch
                .iter()
                .filter(|s| !listed.contains(&statement_id(s)))
                .collect();
            match check_held(transport, &missing) {
                Ok(()) => Verdict::Stored,
                Err(Check::Failed(why)) => Verdict::Stop(Stop::Offline(why)),
                Err(Check::Missing(id) | Check::Different(id)) => Verdict::Stop(Stop::BadAnswer(
                    format!("the LRS answered HTTP 200 but does not hold statement {id}"),
                )),
            }
        }
        204 => Verdict::Stored,
        300..=399 => Verdict::Stop(Stop::Redirected {
            status: reply.status,
            location: reply.location.as_deref().map(one_line),
        }),
        401 | 403 => Verdict::Stop(Stop::Refused(http(reply))),
        409 if batch.len() == 1 => match check_held(transport, &[&batch[0]]) {
            Ok(()) => Verdict::Stored,
            Err(Check::Failed(why)) => Verdict::Stop(Stop::Offline(why)),
            Err(Check::Different(_)) => Verdict::Rejected(format!(
                "{}; the LRS holds a different statement under this id (another learner account or homepage?)",
                http(reply)
            )),
            Err(Check::Missing(_)) => Verdict::Rejected(http(reply)),
        },
        400..=499 if batch.len() > 1 => Verdict::Split,
        400..=499 => Verdict::Rejected(http(reply)),
        _ => Verdict::Stop(Stop::BadAnswer(format!(
            "the LRS answered {} to a POST of statements",
            http(reply)
        ))),
    }
}

/// Sends `statements` in batches. After each batch the LRS stored, `stored` is called with its
/// ids (to remember them at once, so an interrupted sync loses nothing). A batch the LRS
/// refuses whole (409 for an id it holds with other content, 400 for one bad statement) is
/// sent again one statement at a time.
pub fn send(
    transport: &dyn Transport,
    statements: &[Value],
    opts: &SendOptions,
    stored: &mut dyn FnMut(&[String]) -> Result<(), String>,
) -> Outcome {
    let mut outcome = Outcome::default();
    for batch in statements.chunks(opts.batch_size.max(1)) {
        let mut ok_ids = Vec::new();
        match post_with_retry(transport, batch, opts).map(|r| judge(transport, batch, &r)) {
            Err(stop) | Ok(Verdict::Stop(stop)) => outcome.stop = Some(stop),
            Ok(Verdict::Stored) => ok_ids.extend(batch.iter().map(statement_id)),
            Ok(Verdict::Rejected(why)) => {
                outcome.rejected.push((statement_id(&batch[0]), why));
            }
            Ok(Verdict::Split) => {
                for one in batch {
                    let single = std::slice::from_ref(one);
                    match post_with_retry(transport, single, opts)
                        .map(|r| judge(transport, single, &r))
                    {
                        Err(stop) | Ok(Verdict::Stop(stop)) => {
                            outcome.stop = Some(stop);
                            break;
                        }
                        Ok(Verdict::Stored) => ok_ids.push(statement_id(one)),
                        Ok(Verdict::Rejected(why)) => {
                            outcome.rejected.push((statement_id(one), why));
                        }
                        // One statement is never split; judge only splits batches.
                        Ok(Verdict::Split) => {
                            outcome.rejected.push((statement_id(one), "refused".into()));
                        }
                    }
                }
            }
        }
        if !ok_ids.is_empty() {
            if let Err(e) = stored(&ok_ids) {
                outcome.stop = Some(Stop::Local(e));
            }
            outcome.confirmed.extend(ok_ids);
        }
        if outcome.stop.is_some() {
            return outcome;
        }
    }
    outcome
}

#[cfg(test)]
mod tests;
