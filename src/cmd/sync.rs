//! `rollcall sync`, and the LRS connection settings it shares with `report --verify-lrs`.

use std::io::BufRead as _;
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use crate::cli::{Cli, Command, SyncArgs};
use crate::cmd::{EXIT_FAILED, EXIT_OFFLINE, EXIT_PROBLEMS};
use crate::lrs::{self, Endpoint, HttpClient, LrsSettings, SendOptions, SentLog, Stop};
use crate::report::{self, validate, xapi};
use crate::sanitize;

/// Environment variable for the LRS user.
const USER_ENV: &str = "ROLLCALL_LRS_USER";
/// Environment variable for the LRS password.
const PASSWORD_ENV: &str = "ROLLCALL_LRS_PASSWORD";
/// Least time between two progress lines on a long sync.
const PROGRESS_EVERY: Duration = Duration::from_secs(2);

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The `[lrs]` settings of the settings file and the data folder's (refused when a password in them is not private).
pub(crate) fn settings(data_dir: &Path) -> anyhow::Result<LrsSettings> {
    crate::config::file_lrs(data_dir).map_err(anyhow::Error::from)
}

/// Where and as whom to connect: flags over environment over settings.
pub(crate) struct Connection {
    /// The endpoint with its credentials.
    pub endpoint: Endpoint,
    /// Base IRI of learner accounts.
    pub base: String,
}

/// Resolves the endpoint, credentials and homepage, refusing what would leak the password.
pub(crate) fn connection(
    settings: LrsSettings,
    url: Option<&str>,
    user: Option<&str>,
    password: Option<String>,
    homepage: Option<&str>,
    allow_insecure_http: bool,
) -> anyhow::Result<Connection> {
    let url = url
        .filter(|u| !u.trim().is_empty())
        .map(str::to_string)
        .or(settings.url)
        .ok_or_else(|| anyhow::anyhow!("no LRS given: pass --lrs URL, set ROLLCALL_LRS_URL, or set url under [lrs] in settings.toml in the data folder"))?;
    let endpoint = Endpoint {
        url: url.trim().to_string(),
        user: user
            .map(str::to_string)
            .or_else(|| env(USER_ENV))
            .or(settings.user),
        password: password.or_else(|| env(PASSWORD_ENV)).or(settings.password),
    };
    let shown = endpoint.display_url();
    if !validate::is_iri(&shown) {
        anyhow::bail!("LRS {shown}: expected an http(s) URL");
    }
    endpoint
        .check_transport(allow_insecure_http)
        .map_err(anyhow::Error::msg)?;
    let homepage = homepage
        .map(str::to_string)
        .or(settings.homepage)
        .ok_or_else(|| anyhow::anyhow!(
            "no homepage given: pass --homepage URL or set homepage under [lrs] in settings.toml (the base IRI of learner accounts in the LRS, e.g. your department's site; keep it the same for every sync)"
        ))?;
    let base = xapi::base_iri(&homepage);
    if !validate::is_iri(&base) {
        anyhow::bail!("homepage {homepage}: expected an absolute http(s) URL");
    }
    Ok(Connection { endpoint, base })
}

/// The password from the first line of standard input.
fn password_from_stdin() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| anyhow::anyhow!("reading the password from standard input: {e}"))?;
    let password = line.trim_end_matches(['\r', '\n']).to_string();
    if password.is_empty() {
        anyhow::bail!("--password-stdin: standard input held no password");
    }
    Ok(password)
}

/// The password flags: `--password VALUE` is refused (every user can see it in `ps`).
pub(crate) fn password_flags(
    given: Option<&Option<String>>,
    stdin: bool,
) -> anyhow::Result<Option<String>> {
    if given.is_some() {
        anyhow::bail!(
            "--password is not taken on the command line, where every user of this machine can see it: use --password-stdin, the {PASSWORD_ENV} environment variable, or password under [lrs] in settings.toml (chmod 600)"
        );
    }
    stdin.then(password_from_stdin).transpose()
}

/// Runs the command.
///
/// # Errors
/// When the command cannot run.
pub fn run(cli: &Cli) -> anyhow::Result<ExitCode> {
    let Some(Command::Sync(args)) = &cli.command else {
        anyhow::bail!("internal error: not the sync command");
    };
    let password = password_flags(args.password.as_ref(), args.password_stdin)?;
    let data_dir = super::report::data_dir(cli)?;
    let Connection { endpoint, base } = connection(
        settings(&data_dir)?,
        args.lrs.as_deref(),
        args.user.as_deref(),
        password,
        args.homepage.as_deref(),
        args.allow_insecure_http,
    )?;
    let started = Instant::now();
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
            "rollcall: warning: {}: {}; sending everything again",
            log_path.display(),
            sanitize::line(&e)
        );
        SentLog::default()
    });
    let plan = plan(&all, &log, &endpoint.url, &base);
    problems |= plan.invalid > 0 || !plan.elsewhere.is_empty();
    report_elsewhere(&plan.elsewhere, &endpoint, &base);
    let shown = endpoint.display_url();
    if plan.pending.is_empty() {
        if plan.elsewhere.is_empty() {
            outln!(
                "Nothing new to send to {shown} ({} statements already there).",
                plan.already
            );
        }
        return Ok(exit(problems));
    }
    Ok(send_pending(
        args,
        &endpoint,
        &base,
        &plan.pending,
        &mut log,
        &log_path,
        started,
        problems,
    ))
}

/// What a sync will do with each statement.
struct Plan {
    pending: Vec<serde_json::Value>,
    already: usize,
    invalid: usize,
    /// Ids sent to this LRS under another homepage, with that homepage.
    elsewhere: Vec<(String, String)>,
}

fn plan(all: &[serde_json::Value], log: &SentLog, url: &str, base: &str) -> Plan {
    let mut plan = Plan {
        pending: Vec::new(),
        already: 0,
        invalid: 0,
        elsewhere: Vec::new(),
    };
    for s in all {
        let id = s
            .get("id")
            .and_then(serde_json::Value::as_str)
            .unwrap_or("");
        if log.contains(url, base, id) {
            plan.already += 1;
        } else if let Some(other) = log.sent_elsewhere(url, base, id) {
            plan.elsewhere.push((id.to_string(), other.to_string()));
        } else {
            let errors = validate::statement(s);
            if errors.is_empty() {
                plan.pending.push(s.clone());
            } else {
                plan.invalid += 1;
                eprintln!(
                    "rollcall: not sending an invalid statement: {}",
                    sanitize::line(&errors.join("; "))
                );
            }
        }
    }
    plan
}

/// Says which records went to this LRS under another homepage: they are not sent again (the
/// LRS already holds their ids), and "nothing new" would hide them.
fn report_elsewhere(elsewhere: &[(String, String)], endpoint: &Endpoint, base: &str) {
    let mut by_homepage = std::collections::BTreeMap::<&str, usize>::new();
    for (_, h) in elsewhere {
        *by_homepage.entry(h.as_str()).or_default() += 1;
    }
    for (homepage, n) in by_homepage {
        eprintln!(
            "rollcall: warning: {n} statements were already sent to {} under homepage {}, not {}; they are not sent again under this homepage (the LRS keeps their ids). To go on as before, use --homepage {}",
            endpoint.display_url(),
            sanitize::line(homepage),
            sanitize::line(base),
            sanitize::line(homepage),
        );
    }
}

#[allow(clippy::too_many_arguments)]
fn send_pending(
    args: &SyncArgs,
    endpoint: &Endpoint,
    base: &str,
    pending: &[serde_json::Value],
    log: &mut SentLog,
    log_path: &Path,
    started: Instant,
    mut problems: bool,
) -> ExitCode {
    let timeout = Duration::from_secs(args.timeout.max(1));
    let client = HttpClient::with_timeout(endpoint.clone(), timeout);
    let mut opts = SendOptions {
        deadline: Some(started + Duration::from_secs(args.time_limit.max(1))),
        ..SendOptions::default()
    };
    if let Some(n) = env("ROLLCALL_SYNC_BATCH").and_then(|v| v.parse().ok()) {
        opts.batch_size = n;
    }
    let url = endpoint.url.clone();
    let total = pending.len();
    let mut done = 0;
    let mut last_note = Instant::now();
    let outcome = lrs::send(&client, pending, &opts, &mut |ids| {
        log.add(&url, base, ids);
        done += ids.len();
        if done < total && last_note.elapsed() >= PROGRESS_EVERY {
            eprintln!("rollcall: sent {done} of {total} statements…");
            last_note = Instant::now();
        }
        log.save(log_path)
            .map_err(|e| format!("cannot write {}: {e}", log_path.display()))
    });
    for (id, reason) in &outcome.rejected {
        problems = true;
        eprintln!("rollcall: the LRS refused statement {id}: {reason}");
    }
    let sent = outcome.confirmed.len();
    let left = total - sent - outcome.rejected.len();
    let shown = endpoint.display_url();
    let rest = format!("sent {sent}, {left} left for the next sync");
    match outcome.stop {
        None => {
            sayln!("Sent {sent} statements to {shown}.");
            exit(problems)
        }
        Some(Stop::Offline(why) | Stop::Unavailable(why)) => {
            sayln!(
                "LRS not reachable ({}): {rest}; nothing is lost.",
                sanitize::line(&why)
            );
            ExitCode::from(EXIT_OFFLINE)
        }
        Some(Stop::Redirected { status, location }) => {
            let to = location.as_deref().map_or_else(
                || "no Location given".to_string(),
                |l| format!("Location: {}", lrs::redact_url(l)),
            );
            eprintln!(
                "rollcall: error: the LRS at {shown} answered HTTP {status} ({to}); redirects are not followed, because a redirected POST loses its statements: {rest}. If the LRS moved, pass its new address with --lrs"
            );
            ExitCode::from(EXIT_OFFLINE)
        }
        Some(Stop::BadAnswer(why)) => {
            eprintln!(
                "rollcall: error: the LRS at {shown} did not show that it stored the statements ({why}): {rest}"
            );
            ExitCode::from(EXIT_OFFLINE)
        }
        Some(Stop::TimeLimit) => {
            eprintln!(
                "rollcall: the time limit of {} s for one sync ran out: {rest}",
                args.time_limit
            );
            ExitCode::from(EXIT_OFFLINE)
        }
        Some(Stop::Refused(why)) => {
            eprintln!(
                "rollcall: error: the LRS at {shown} refused the credentials ({why}); check --user, --password-stdin, ROLLCALL_LRS_USER/ROLLCALL_LRS_PASSWORD or settings.toml"
            );
            ExitCode::from(EXIT_FAILED)
        }
        Some(Stop::Local(why)) => {
            eprintln!("rollcall: error: {}", sanitize::line(&why));
            ExitCode::from(EXIT_FAILED)
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

/// `report --verify-lrs`: marks each credited completion `confirmed` when the LRS holds its
/// statement, else `local-only`.
///
/// # Errors
/// When the LRS settings are incomplete or unsafe, or the LRS cannot be asked.
pub(crate) fn verify_report(
    cli: &Cli,
    args: &crate::cli::ReportArgs,
    url: &str,
    report: &mut report::Report,
) -> anyhow::Result<()> {
    let data_dir = super::report::data_dir(cli)?;
    let Connection { endpoint, base } = connection(
        settings(&data_dir)?,
        Some(url),
        None,
        None,
        args.homepage.as_deref(),
        args.allow_insecure_http,
    )?;
    let client = HttpClient::new(endpoint.clone());
    let mut held = std::collections::BTreeMap::new();
    for row in &mut report.rows {
        if row.status != crate::cli::Status::Completed {
            continue;
        }
        if !held.contains_key(&row.learner) {
            let h = lrs::verify::fetch(&client, &base, &row.learner).map_err(|e| {
                anyhow::anyhow!(
                    "cannot verify against {}: {}",
                    endpoint.display_url(),
                    sanitize::line(&e.0)
                )
            })?;
            held.insert(row.learner.clone(), h);
        }
        row.lrs = held
            .get(&row.learner)
            .map(|h| h.course_completion(&base, &row.learner, &row.course));
    }
    Ok(())
}
