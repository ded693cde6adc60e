//! `rollcall sync`.

use std::process::ExitCode;

use anyhow::Context;

use crate::cli::{Cli, Command};
use crate::cmd::{EXIT_FAILED, EXIT_OFFLINE, EXIT_PROBLEMS};
use crate::lrs::{self, Endpoint, HttpClient, SendOptions, SentLog, Stop};
use crate::report::{self, validate, xapi};

/// Environment variable for the LRS user.
const USER_ENV: &str = "ROLLCALL_LRS_USER";
/// Environment variable for the LRS password.
const PASSWORD_ENV: &str = "ROLLCALL_LRS_PASSWORD";

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// Runs the command.
///
/// # Errors
/// When the command cannot run.
pub fn run(cli: &Cli) -> anyhow::Result<ExitCode> {
    let Some(Command::Sync(args)) = &cli.command else {
        anyhow::bail!("internal error: not the sync command");
    };
    let data_dir = super::report::data_dir(cli)?;
    let settings_path = data_dir.join("settings.toml");
    let settings = match std::fs::read_to_string(&settings_path) {
        Ok(text) => lrs::parse_settings(&text)
            .map_err(|e| anyhow::anyhow!("{}: {e}", settings_path.display()))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => lrs::LrsSettings::default(),
        Err(e) => {
            return Err(e).with_context(|| format!("cannot read {}", settings_path.display()));
        }
    };
    let url = args
        .lrs
        .clone()
        .filter(|u| !u.is_empty())
        .or(settings.url)
        .context("no LRS given: pass --lrs URL, set ROLLCALL_LRS_URL, or set url under [lrs] in settings.toml in the data folder")?;
    let endpoint = Endpoint {
        url: url.trim().to_string(),
        user: args
            .user
            .clone()
            .or_else(|| env(USER_ENV))
            .or(settings.user),
        password: args
            .password
            .clone()
            .or_else(|| env(PASSWORD_ENV))
            .or(settings.password),
    };
    let shown = endpoint.display_url();
    if !validate::is_iri(&shown) {
        anyhow::bail!("--lrs {shown}: expected an http(s) URL");
    }
    let base = xapi::base_iri(&args.homepage);
    if !validate::is_iri(&base) {
        anyhow::bail!(
            "--homepage {}: expected an absolute http(s) URL",
            args.homepage
        );
    }

    let library = super::report::library(cli)?;
    let inputs = if data_dir.is_dir() {
        super::report::read_inputs(cli, std::slice::from_ref(&data_dir))?
    } else {
        report::Inputs::default()
    };
    let mut problems = !inputs.skipped.is_empty();
    let all = super::export::learner_statements(cli, &base, &library, &inputs);

    let log_path = lrs::sent_log_path(&data_dir);
    let mut log = SentLog::load(&log_path).unwrap_or_else(|e| {
        // The log only saves work: without it everything is sent again, and the LRS keeps
        // one copy of each statement.
        eprintln!(
            "rollcall: warning: {}: {e}; sending everything again",
            log_path.display()
        );
        SentLog::default()
    });
    let mut pending = Vec::new();
    for s in all.iter().filter(|s| {
        let id = s
            .get("id")
            .and_then(serde_json::Value::as_str)
            .unwrap_or("");
        !log.contains(&endpoint.url, id)
    }) {
        let errors = validate::statement(s);
        if errors.is_empty() {
            pending.push(s.clone());
        } else {
            problems = true;
            eprintln!(
                "rollcall: not sending an invalid statement: {}",
                errors.join("; ")
            );
        }
    }
    if pending.is_empty() {
        println!(
            "Nothing new to send to {shown} ({} statements already there).",
            all.len()
        );
        return Ok(exit(problems));
    }

    let client = HttpClient::new(endpoint.clone());
    let mut opts = SendOptions::default();
    if let Some(n) = env("ROLLCALL_SYNC_BATCH").and_then(|v| v.parse().ok()) {
        opts.batch_size = n;
    }
    let url = endpoint.url.clone();
    let outcome = lrs::send(&client, &pending, &opts, &mut |ids| {
        log.add(&url, ids);
        log.save(&log_path)
            .map_err(|e| format!("cannot write {}: {e}", log_path.display()))
    });
    for (id, reason) in &outcome.rejected {
        problems = true;
        eprintln!("rollcall: the LRS refused statement {id}: {reason}");
    }
    let sent = outcome.confirmed.len();
    let left = pending.len() - sent - outcome.rejected.len();
    match outcome.stop {
        None => {
            println!("Sent {sent} statements to {shown}.");
            Ok(exit(problems))
        }
        Some(Stop::Offline(why) | Stop::Unavailable(why)) => {
            println!(
                "LRS not reachable ({why}): sent {sent}, {left} left for the next sync; nothing is lost."
            );
            Ok(ExitCode::from(EXIT_OFFLINE))
        }
        Some(Stop::Refused(why)) => {
            eprintln!(
                "rollcall: error: the LRS at {shown} refused the credentials ({why}); check --user/--password, ROLLCALL_LRS_USER/ROLLCALL_LRS_PASSWORD or settings.toml"
            );
            Ok(ExitCode::from(EXIT_FAILED))
        }
        Some(Stop::Local(why)) => {
            eprintln!("rollcall: error: {why}");
            Ok(ExitCode::from(EXIT_FAILED))
        }
    }
}

fn exit(problems: bool) -> ExitCode {
    if problems {
        ExitCode::from(EXIT_PROBLEMS)
    } else {
        ExitCode::SUCCESS
    }
}
