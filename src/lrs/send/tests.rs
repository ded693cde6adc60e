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
