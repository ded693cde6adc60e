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
mod tests {
    use std::cell::RefCell;
    use std::collections::{BTreeMap, VecDeque};

    use super::*;

    /// Answers from a script, holds what a real LRS would, and records what was posted.
    #[derive(Default)]
    struct Fake {
        replies: RefCell<VecDeque<Result<Reply, Unreachable>>>,
        posted: RefCell<Vec<Vec<String>>>,
        held: BTreeMap<String, Value>,
    }

    impl Fake {
        fn new(replies: Vec<Result<(u16, &str), &str>>) -> Self {
            Self {
                replies: RefCell::new(
                    replies
                        .into_iter()
                        .map(|r| {
                            r.map(|(s, b)| Reply::new(s, b))
                                .map_err(|e| Unreachable(e.into()))
                        })
                        .collect(),
                ),
                ..Self::default()
            }
        }

        fn holding(mut self, statements: &[Value]) -> Self {
            for s in statements {
                self.held.insert(statement_id(s), s.clone());
            }
            self
        }
    }

    impl Transport for Fake {
        fn post_statements(&self, batch: &[Value]) -> Result<Reply, Unreachable> {
            self.posted
                .borrow_mut()
                .push(batch.iter().map(statement_id).collect());
            self.replies
                .borrow_mut()
                .pop_front()
                .unwrap_or(Err(Unreachable("script ended".into())))
        }

        fn get_statement(&self, id: &str) -> Result<Option<Value>, Unreachable> {
            Ok(self.held.get(id).cloned())
        }
    }

    fn statements(n: usize) -> Vec<Value> {
        (0..n)
            .map(|i| {
                serde_json::json!({
                    "id": format!("s{i}"),
                    "actor": { "account": { "homePage": "https://a.example", "name": "jdoe" } },
                    "verb": { "id": "http://adlnet.gov/expapi/verbs/passed" },
                    "object": { "id": format!("https://a.example/q{i}") },
                })
            })
            .collect()
    }

    fn ids(n: std::ops::Range<usize>) -> String {
        serde_json::to_string(&n.map(|i| format!("s{i}")).collect::<Vec<_>>()).unwrap()
    }

    fn opts(batch_size: usize) -> SendOptions {
        SendOptions {
            batch_size,
            retries: 2,
            backoff: Duration::from_millis(1),
            deadline: None,
        }
    }

    fn run(fake: &Fake, n: usize, batch: usize) -> (Outcome, Vec<Vec<String>>) {
        let mut remembered = Vec::new();
        let outcome = send(fake, &statements(n), &opts(batch), &mut |ids| {
            remembered.push(ids.to_vec());
            Ok(())
        });
        (outcome, remembered)
    }

    #[test]
    fn batches_are_remembered_one_by_one() {
        let fake = Fake::new(vec![
            Ok((200, &ids(0..2))),
            Ok((204, "")),
            Ok((200, &ids(4..5))),
        ]);
        let (outcome, remembered) = run(&fake, 5, 2);
        assert_eq!(outcome.stop, None);
        assert_eq!(outcome.confirmed.len(), 5);
        assert_eq!(remembered, [vec!["s0", "s1"], vec!["s2", "s3"], vec!["s4"]]);
    }

    #[test]
    fn a_redirect_is_a_failure_naming_the_location_and_nothing_is_marked_sent() {
        let fake = Fake::new(vec![Ok((301, ""))]);
        fake.replies.borrow_mut()[0].as_mut().unwrap().location =
            Some("https://new.example/xapi/statements".into());
        let (outcome, remembered) = run(&fake, 3, 2);
        assert_eq!(
            outcome.stop,
            Some(Stop::Redirected {
                status: 301,
                location: Some("https://new.example/xapi/statements".into())
            })
        );
        assert!(remembered.is_empty() && outcome.confirmed.is_empty());
        assert_eq!(fake.posted.borrow().len(), 1, "never re-sent elsewhere");
    }

    #[test]
    fn a_200_that_is_not_the_ids_sent_stores_nothing() {
        for body in ["<html>OK</html>", "", "{}", "[1,2]", r#"["s0","s1","zzz"]"#] {
            let fake = Fake::new(vec![Ok((200, body))]);
            let (outcome, remembered) = run(&fake, 2, 2);
            assert!(
                matches!(outcome.stop, Some(Stop::BadAnswer(_))),
                "{body:?}: {outcome:?}"
            );
            assert!(remembered.is_empty(), "{body:?}");
        }
    }

    #[test]
    fn a_short_id_list_counts_only_when_the_lrs_holds_the_rest() {
        let all = statements(3);
        // The LRS listed only s2 as new; it holds s0 and s1 from before.
        let fake = Fake::new(vec![Ok((200, &ids(2..3)))]).holding(&all[..2]);
        let (outcome, _) = run(&fake, 3, 3);
        assert_eq!(outcome.stop, None);
        assert_eq!(outcome.confirmed, ["s0", "s1", "s2"]);
        // It does not hold s1: nothing in the batch counts.
        let fake = Fake::new(vec![Ok((200, &ids(2..3)))]).holding(&all[..1]);
        let (outcome, remembered) = run(&fake, 3, 3);
        assert!(
            matches!(outcome.stop, Some(Stop::BadAnswer(_))),
            "{outcome:?}"
        );
        assert!(remembered.is_empty());
    }

    #[test]
    fn other_success_codes_are_failures() {
        for status in [201, 202, 100] {
            let fake = Fake::new(vec![Ok((status, ""))]);
            let (outcome, remembered) = run(&fake, 1, 1);
            assert!(matches!(outcome.stop, Some(Stop::BadAnswer(_))), "{status}");
            assert!(remembered.is_empty());
        }
    }

    #[test]
    fn a_conflict_counts_as_stored_only_after_a_check() {
        let all = statements(4);
        let mut other = all[1].clone();
        other["actor"]["account"]["homePage"] = "https://other.example".into();
        let fake = Fake::new(vec![
            Ok((409, "Differing statements already exist")),
            Ok((409, "")),
            Ok((409, "")),
            Ok((200, &ids(2..3))),
            Ok((400, "bad verb")),
        ])
        .holding(&[all[0].clone(), other]);
        let (outcome, _) = run(&fake, 4, 4);
        assert_eq!(outcome.confirmed, ["s0", "s2"]);
        assert_eq!(outcome.rejected.len(), 2);
        assert!(
            outcome.rejected[0].1.contains("different statement"),
            "{outcome:?}"
        );
        assert_eq!(
            outcome.rejected[1],
            ("s3".to_string(), "HTTP 400: bad verb".to_string())
        );
        assert_eq!(outcome.stop, None);
        assert_eq!(fake.posted.borrow().len(), 5);
    }

    #[test]
    fn retries_then_goes_offline_keeping_what_was_confirmed() {
        let fake = Fake::new(vec![
            Ok((200, &ids(0..2))),
            Err("connection refused"),
            Ok((503, "busy")),
            Err("connection refused"),
        ]);
        let (outcome, remembered) = run(&fake, 4, 2);
        assert_eq!(outcome.confirmed, ["s0", "s1"]);
        assert_eq!(remembered.len(), 1);
        assert_eq!(
            outcome.stop,
            Some(Stop::Offline("connection refused".into()))
        );
        assert_eq!(fake.posted.borrow().len(), 4, "one try and two retries");
    }

    #[test]
    fn a_retry_that_succeeds_goes_on() {
        let fake = Fake::new(vec![Err("reset"), Ok((500, "oops")), Ok((200, &ids(0..1)))]);
        let (outcome, _) = run(&fake, 1, 1);
        assert_eq!(outcome.confirmed, ["s0"]);
        assert_eq!(outcome.stop, None);
    }

    #[test]
    fn refused_credentials_stop_at_once() {
        let fake = Fake::new(vec![Ok((401, "Invalid authentication credentials"))]);
        let (outcome, remembered) = run(&fake, 3, 2);
        assert!(matches!(outcome.stop, Some(Stop::Refused(_))));
        assert!(remembered.is_empty());
        assert_eq!(fake.posted.borrow().len(), 1);
    }

    #[test]
    fn the_time_limit_stops_before_the_next_batch() {
        let fake = Fake::new(vec![Ok((200, &ids(0..2)))]);
        let mut o = opts(2);
        o.deadline = Some(Instant::now());
        let outcome = send(&fake, &statements(4), &o, &mut |_| Ok(()));
        assert_eq!(outcome.stop, Some(Stop::TimeLimit));
        assert!(fake.posted.borrow().is_empty());
    }

    #[test]
    fn a_failed_save_stops_sending() {
        let fake = Fake::new(vec![Ok((200, &ids(0..2))), Ok((200, &ids(2..4)))]);
        let outcome = send(&fake, &statements(4), &opts(2), &mut |_| {
            Err("disk full".into())
        });
        assert_eq!(outcome.stop, Some(Stop::Local("disk full".into())));
        assert_eq!(fake.posted.borrow().len(), 1);
    }

    #[test]
    fn server_text_in_messages_is_inert() {
        let fake = Fake::new(vec![Ok((400, "bad \x1b]0;PWNED\x07 \u{202e}verb"))]);
        let (outcome, _) = run(&fake, 1, 1);
        assert_eq!(outcome.rejected[0].1, "HTTP 400: bad verb");
    }
}
