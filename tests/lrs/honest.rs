//! Sync never claims what the LRS did not store, and never leaks the password: each test runs
//! the real binary against a scripted LRS on loopback (see `fake.rs`).

use std::path::Path;
use std::time::{Duration, Instant};

use super::fake::{Answer, FakeLrs, Request};
use super::{Run, data_dir, rollcall};

const HOMEPAGE: &str = "https://dept.example";

fn sync_to(data: &Path, url: &str, extra: &[&str]) -> Run {
    let out = rollcall(data)
        .args(["sync", "--lrs", url, "--homepage", HOMEPAGE])
        .args(extra)
        .env("ROLLCALL_LRS_USER", "u")
        .env("ROLLCALL_LRS_PASSWORD", "fake-secret")
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn nothing_marked_sent(data: &Path) {
    assert!(
        !rollcall::lrs::sent_log_path(data).exists(),
        "a sent log was written"
    );
}

#[test]
fn a_redirected_post_fails_naming_the_location_and_marks_nothing_sent() {
    let lrs = FakeLrs::start(|_| Answer {
        headers: vec![(
            "Location".into(),
            "https://moved.example/xAPI/statements".into(),
        )],
        ..Answer::new(301, "")
    });
    let data = data_dir();
    let run = sync_to(data.path(), &lrs.url, &[]);
    assert_eq!(run.code, 3, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("https://moved.example/xAPI/statements"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("not followed"), "{}", run.stderr);
    nothing_marked_sent(data.path());
    let seen = lrs.seen();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert_eq!(
        seen[0].method, "POST",
        "a redirect is never turned into a GET"
    );
    assert_eq!(seen[0].path, "/xAPI/statements");
}

#[test]
fn a_200_whose_body_is_not_the_ids_sent_marks_nothing_sent() {
    for body in ["<html>Welcome</html>", "[]", "{\"ok\":true}"] {
        let body = body.to_string();
        let lrs = FakeLrs::start(move |_| Answer::new(200, body.clone()));
        let data = data_dir();
        let run = sync_to(data.path(), &lrs.url, &[]);
        assert_eq!(run.code, 3, "{}{}", run.stdout, run.stderr);
        assert!(!run.stdout.contains("Sent"), "{}", run.stdout);
        assert!(run.stderr.contains("did not show"), "{}", run.stderr);
        nothing_marked_sent(data.path());
    }
}

#[test]
fn a_dripping_answer_fails_at_the_request_deadline() {
    let lrs = FakeLrs::start(|req: &Request| Answer {
        drip: Some(Duration::from_millis(300)),
        ..Answer::stored(req)
    });
    let data = data_dir();
    let start = Instant::now();
    let run = sync_to(data.path(), &lrs.url, &["--timeout", "1"]);
    assert_eq!(run.code, 3, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("no complete answer within 1 s"),
        "{}",
        run.stdout
    );
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
    nothing_marked_sent(data.path());
}

#[test]
fn a_well_behaved_lrs_gets_everything_once_with_the_password_from_stdin() {
    let lrs = FakeLrs::start(Answer::stored);
    let data = data_dir();
    let out = rollcall(data.path())
        .args([
            "sync",
            "--lrs",
            &lrs.url,
            "--homepage",
            HOMEPAGE,
            "--user",
            "u",
        ])
        .arg("--password-stdin")
        .write_stdin("stdin-secret\n")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.starts_with("Sent "), "{stdout}");
    let auth = format!("Basic {}", rollcall::lrs::base64(b"u:stdin-secret"));
    for req in lrs.seen() {
        assert_eq!(req.header("authorization"), Some(auth.as_str()));
    }
    let again = sync_to(data.path(), &lrs.url, &[]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(again.stdout.starts_with("Nothing new"), "{}", again.stdout);
}

#[test]
fn records_sent_under_another_homepage_are_reported_not_hidden() {
    let lrs = FakeLrs::start(Answer::stored);
    let data = data_dir();
    let first = sync_to(data.path(), &lrs.url, &[]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let out = rollcall(data.path())
        .args([
            "sync",
            "--lrs",
            &lrs.url,
            "--homepage",
            "https://other.example",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert!(!stdout.contains("Nothing new"), "{stdout}");
    assert!(
        stderr.contains(&format!("under homepage {HOMEPAGE}")),
        "{stderr}"
    );
    assert!(
        stderr.contains("--homepage https://dept.example"),
        "{stderr}"
    );
}

#[test]
fn sync_requires_an_explicit_homepage() {
    let data = data_dir();
    let out = rollcall(data.path())
        .args(["sync", "--lrs", "http://127.0.0.1:9/xAPI"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no homepage given"), "{err}");
    assert!(!err.contains("rollcall.invalid"), "{err}");
}

#[test]
fn a_long_sync_shows_progress_and_stops_at_its_time_limit() {
    let lrs = FakeLrs::start(|req: &Request| Answer {
        delay: Duration::from_millis(400),
        ..Answer::stored(req)
    });
    let data = data_dir();
    let out = rollcall(data.path())
        .args([
            "sync",
            "--lrs",
            &lrs.url,
            "--homepage",
            HOMEPAGE,
            "--time-limit",
            "3",
        ])
        .env("ROLLCALL_SYNC_BATCH", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("rollcall: sent "), "progress: {stderr}");
    assert!(stderr.contains("time limit of 3 s"), "{stderr}");
    let log = rollcall::lrs::SentLog::load(&rollcall::lrs::sent_log_path(data.path())).unwrap();
    let sent = log.ids(&lrs.url).len();
    assert!(sent > 0, "what was stored is remembered");
    assert_eq!(lrs.seen().len(), sent, "one POST per stored statement");
}

#[test]
fn lrs_error_bodies_are_inert_on_the_terminal() {
    let lrs = FakeLrs::start(|_| Answer::new(400, "bad\x1b]0;PWNED\x07 \u{202e}statement\x1b[2J"));
    let data = data_dir();
    let run = sync_to(data.path(), &lrs.url, &[]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("HTTP 400: bad statement"),
        "{}",
        run.stderr
    );
    for c in run.stderr.chars().chain(run.stdout.chars()) {
        assert!(
            !rollcall::sanitize::is_hidden_char(c) || c == '\n',
            "{:?}",
            run.stderr
        );
    }
    assert!(!run.stderr.contains("PWNED"));
}

#[test]
fn a_password_value_on_the_command_line_is_refused_with_the_alternatives() {
    let data = data_dir();
    let out = rollcall(data.path())
        .args([
            "sync",
            "--lrs",
            "https://lrs.example/xAPI",
            "--homepage",
            HOMEPAGE,
        ])
        .args(["--password", "cmdline-secret"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    for hint in ["--password-stdin", "ROLLCALL_LRS_PASSWORD", "settings.toml"] {
        assert!(err.contains(hint), "{err}");
    }
    assert!(!err.contains("cmdline-secret"), "{err}");
}

#[test]
fn help_never_prints_environment_values() {
    let data = data_dir();
    let out = rollcall(data.path())
        .args(["sync", "--help"])
        .env("ROLLCALL_LRS_URL", "https://u:env-secret@lrs.example/xAPI")
        .env("ROLLCALL_LRS_PASSWORD", "env-secret")
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("--lrs"), "{help}");
    assert!(!help.contains("env-secret"), "{help}");
}

#[test]
fn basic_auth_over_plain_http_to_another_host_is_refused() {
    let data = data_dir();
    let run = sync_to(data.path(), "http://lrs.example/xAPI", &[]);
    assert_eq!(run.code, 2, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("--allow-insecure-http"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("fake-secret"));
    // To this machine it is allowed (the fake LRS is on loopback).
    let lrs = FakeLrs::start(Answer::stored);
    assert_eq!(sync_to(data.path(), &lrs.url, &[]).code, 0);
}

#[test]
fn verify_lrs_follows_more_pages_on_the_same_lrs() {
    let data = data_dir();
    let base = HOMEPAGE.to_string();
    let completion = |learner: &str, course: &str| {
        serde_json::json!({
            "id": rollcall::report::xapi::record_statement_id(learner, course, "", rollcall::report::xapi::verbs::COMPLETED).to_string(),
            "actor": { "account": { "homePage": base, "name": learner } },
            "verb": { "id": rollcall::report::xapi::verbs::COMPLETED },
            "object": { "id": rollcall::report::xapi::course_iri(&base, course) },
        })
    };
    let page2 = serde_json::json!({ "statements": [completion("asmith", "procedural-justice")], "more": "" }).to_string();
    let page1 =
        serde_json::json!({ "statements": [], "more": "/xAPI/statements?page=2" }).to_string();
    let lrs = FakeLrs::start(move |req: &Request| {
        if req.path.contains("page=2") {
            Answer::new(200, page2.clone())
        } else {
            Answer::new(200, page1.clone())
        }
    });
    let out = rollcall(data.path())
        .args([
            "report",
            "--format",
            "csv",
            "--verify-lrs",
            &lrs.url,
            "--homepage",
            HOMEPAGE,
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("procedural-justice") && stdout.contains(",confirmed"),
        "{stdout}"
    );
    assert!(stdout.contains(",local-only"), "{stdout}");
    assert!(
        lrs.seen().iter().any(|r| r.path.contains("page=2")),
        "more was followed"
    );
}
