//! The xAPI client over HTTP(S): blocking `ureq` with rustls, never following a redirect, and
//! with every request bounded in time (a server that drips its answer fails).

use std::time::Duration;

use serde_json::Value;

use super::endpoint::{Endpoint, origin};
use super::send::{Reply, Transport, Unreachable, one_line};
use crate::report::xapi::XAPI_VERSION;

/// Longest wait for a connection.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Longest time for one whole request: connect, send, and the complete answer.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Largest answer read to a POST (an id list for one batch is a few kilobytes).
const POST_BODY_LIMIT: u64 = 1 << 20;
/// Largest page of statements read.
const GET_BODY_LIMIT: u64 = 32 << 20;
/// Most `more` pages followed in one query.
const MAX_PAGES: usize = 10_000;

/// An xAPI client over HTTP(S) with `ureq` (blocking, rustls).
pub struct HttpClient {
    agent: ureq::Agent,
    endpoint: Endpoint,
    request_timeout: Duration,
}

impl HttpClient {
    /// A client with the default timeouts.
    pub fn new(endpoint: Endpoint) -> Self {
        Self::with_timeout(endpoint, REQUEST_TIMEOUT)
    }

    /// A client whose every request must be complete within `request_timeout`.
    pub fn with_timeout(endpoint: Endpoint, request_timeout: Duration) -> Self {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            // A redirected POST comes back as a body-less GET: never follow one.
            .max_redirects(0)
            .timeout_connect(Some(CONNECT_TIMEOUT.min(request_timeout)))
            .timeout_global(Some(request_timeout))
            .build();
        Self {
            agent: config.into(),
            endpoint,
            request_timeout,
        }
    }

    fn failed(&self, e: &ureq::Error) -> Unreachable {
        Unreachable(match e {
            ureq::Error::Timeout(_) => format!(
                "no complete answer within {} s",
                self.request_timeout.as_secs_f64()
            ),
            e => one_line(&e.to_string()),
        })
    }

    fn get(
        &self,
        url: &str,
        query: &[(&str, &str)],
    ) -> Result<(Reply, Option<Value>), Unreachable> {
        let mut req = self
            .agent
            .get(url)
            .header("X-Experience-API-Version", XAPI_VERSION);
        if let Some(auth) = self.endpoint.authorization() {
            req = req.header("Authorization", auth);
        }
        for (k, v) in query {
            req = req.query(*k, *v);
        }
        let mut resp = req.call().map_err(|e| self.failed(&e))?;
        let status = resp.status().as_u16();
        let location = location(&resp);
        let body = resp
            .body_mut()
            .with_config()
            .limit(GET_BODY_LIMIT)
            .read_to_string()
            .map_err(|e| self.failed(&e))?;
        let json = if status == 200 {
            serde_json::from_str(&body).ok()
        } else {
            None
        };
        Ok((
            Reply {
                status,
                body,
                location,
            },
            json,
        ))
    }

    /// Fetches statements (`GET {url}/statements` with `query`), following `more` links on
    /// the same origin.
    ///
    /// # Errors
    /// When the LRS cannot be reached or answers with an error or unexpected JSON.
    pub fn get_statements(&self, query: &[(&str, &str)]) -> Result<Vec<Value>, Unreachable> {
        let mut out = Vec::new();
        let (mut reply, mut json) = self.get(&self.endpoint.statements_url(), query)?;
        for _ in 0..MAX_PAGES {
            let value = match (reply.status, json) {
                (200, Some(v)) => v,
                (200, None) => {
                    return Err(Unreachable(format!(
                        "the LRS answered HTTP 200 with something other than statements: {}",
                        one_line(&reply.body)
                    )));
                }
                _ => return Err(Unreachable(describe(&reply))),
            };
            if let Some(list) = value.get("statements").and_then(Value::as_array) {
                out.extend(list.iter().cloned());
            }
            match value.get("more").and_then(Value::as_str) {
                Some(more) if !more.is_empty() => {
                    let next = resolve_more(&self.endpoint.url, more)?;
                    (reply, json) = self.get(&next, &[])?;
                }
                _ => return Ok(out),
            }
        }
        Err(Unreachable(format!(
            "the LRS sent more than {MAX_PAGES} pages of statements"
        )))
    }
}

/// A failed answer in words: the status, a redirect's target, and the body's first words.
fn describe(reply: &Reply) -> String {
    match &reply.location {
        Some(to) if (300..400).contains(&reply.status) => format!(
            "HTTP {} redirecting to {} (not followed)",
            reply.status,
            one_line(to)
        ),
        _ => format!("HTTP {}: {}", reply.status, one_line(&reply.body)),
    }
}

fn location(resp: &ureq::http::Response<ureq::Body>) -> Option<String> {
    resp.headers()
        .get("location")
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
}

/// Resolves an LRS `more` link: a path on the LRS's host, or an absolute URL on the same
/// origin (the credentials go with it, so never to another host).
fn resolve_more(base: &str, more: &str) -> Result<String, Unreachable> {
    if more.contains("://") {
        return if origin(more) == origin(base) {
            Ok(more.to_string())
        } else {
            Err(Unreachable(format!(
                "the LRS pointed the next page at another server ({}); not followed",
                one_line(&crate::lrs::redact_url(more))
            )))
        };
    }
    let origin = origin(base).unwrap_or_default();
    if more.starts_with('/') {
        Ok(format!("{origin}{more}"))
    } else {
        Ok(format!("{origin}/{more}"))
    }
}

impl Transport for HttpClient {
    fn post_statements(&self, batch: &[Value]) -> Result<Reply, Unreachable> {
        let mut req = self
            .agent
            .post(self.endpoint.statements_url())
            .header("X-Experience-API-Version", XAPI_VERSION);
        if let Some(auth) = self.endpoint.authorization() {
            req = req.header("Authorization", auth);
        }
        let mut resp = req.send_json(batch).map_err(|e| self.failed(&e))?;
        let status = resp.status().as_u16();
        let location = location(&resp);
        // An answer cut short (a drip past the deadline, a dropped connection) is no answer:
        // its status alone proves nothing.
        let body = resp
            .body_mut()
            .with_config()
            .limit(POST_BODY_LIMIT)
            .read_to_string()
            .map_err(|e| self.failed(&e))?;
        Ok(Reply {
            status,
            body,
            location,
        })
    }

    fn get_statement(&self, id: &str) -> Result<Option<Value>, Unreachable> {
        let (reply, json) = self.get(&self.endpoint.statements_url(), &[("statementId", id)])?;
        match (reply.status, json) {
            (200, Some(v)) if v.get("id").and_then(Value::as_str) == Some(id) => Ok(Some(v)),
            (200 | 404, _) => Ok(None),
            _ => Err(Unreachable(describe(&reply))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_links_stay_on_the_lrs() {
        let base = "https://lrs.example/xapi";
        assert_eq!(
            resolve_more(base, "/xapi/statements?pit=1").unwrap(),
            "https://lrs.example/xapi/statements?pit=1"
        );
        assert_eq!(
            resolve_more(base, "https://LRS.example/xapi/statements?p=2").unwrap(),
            "https://LRS.example/xapi/statements?p=2"
        );
        assert!(resolve_more(base, "https://evil.example/steal").is_err());
        assert!(resolve_more(base, "http://lrs.example/xapi/statements").is_err());
    }
}
