//! `rollcall certificate`: one-page PDF certificates for completed courses.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;

use crate::certificate::{self, Certificate};
use crate::cli::{Cli, Command};
use crate::cmd::EXIT_FAILED;
use crate::compliance::roster::{Roster, identity};
use crate::compliance::{self, Completion};
use crate::course::Library;

/// A file-name-safe form of `s`: letters, digits, `-`, `_` and `.`, nothing else.
fn file_part(s: &str) -> String {
    let out: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    out.trim_start_matches('.').to_string()
}

fn certificate_for(c: &Completion, roster: Option<&Roster>, library: &Library) -> Certificate {
    let officer = roster.and_then(|r| r.officer_for(&c.learner));
    let meta = library.course(&c.course);
    Certificate {
        name: officer
            .map(|o| o.name.clone())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| c.learner.clone()),
        officer_id: officer.map(|o| o.id.clone()),
        learner: c.learner.clone(),
        course_title: meta.map_or_else(|| c.course.clone(), |m| m.title.clone()),
        course_id: c.course.clone(),
        version: c.version.clone(),
        provider: meta.and_then(|m| m.provider.clone()),
        certification: meta.and_then(|m| m.certification.clone()),
        hours: c.hours,
        completed: c.last.to_string(),
        best_score: c
            .best
            .map(|b| format!("{}/{} ({:.0}%)", b.score, b.total, b.percent)),
        verification: c.statement_id.clone(),
    }
}

fn write(path: &Path, cert: &Certificate) -> anyhow::Result<()> {
    let pdf = certificate::render(cert)?;
    crate::fsio::write_atomic(path, &pdf).with_context(|| format!("writing {}", path.display()))?;
    outln!("wrote {}", path.display());
    Ok(())
}

/// Runs the command.
///
/// # Errors
/// When the inputs cannot be read or a PDF cannot be written.
pub fn run(cli: &Cli) -> anyhow::Result<ExitCode> {
    let Some(Command::Certificate(args)) = &cli.command else {
        anyhow::bail!("internal error: not the certificate command");
    };
    let since = args
        .since
        .as_deref()
        .map(|v| {
            v.parse::<jiff::civil::Date>()
                .with_context(|| format!("--since {v}: expected a date as YYYY-MM-DD"))
        })
        .transpose()?;
    let library = crate::cmd::report::library(cli)?;
    let roster = crate::cmd::compliance::load_roster(cli, args.roster.as_deref())?;
    let inputs = crate::cmd::report::read_inputs(cli, &args.paths)?;
    let learners = crate::cmd::compliance::creditable(
        &inputs.sources,
        &library,
        crate::progress::Stamp::now(),
    );
    let completions = compliance::completions(&learners, &library);

    if args.all {
        let dir = args.out_dir.clone().unwrap_or_else(|| PathBuf::from("."));
        crate::fsio::create_private_dir(&dir)
            .or_else(|_| std::fs::create_dir_all(&dir))
            .with_context(|| format!("creating {}", dir.display()))?;
        let mut n = 0;
        for c in completions
            .iter()
            .filter(|c| since.is_none_or(|s| c.last >= s))
        {
            let cert = certificate_for(c, roster.as_ref(), &library);
            let who = cert.officer_id.clone().unwrap_or_else(|| c.learner.clone());
            let name = format!(
                "{}-{}-{}.pdf",
                file_part(&who),
                file_part(&c.course),
                c.last
            );
            write(&dir.join(name), &cert)?;
            n += 1;
        }
        eprintln!("rollcall: {n} certificates");
        return Ok(ExitCode::SUCCESS);
    }

    let Some(course) = args.course.as_deref() else {
        anyhow::bail!("give --course ID, or --all --out-dir DIR");
    };
    let learner = crate::progress::store::resolve_learner(cli.learner.as_deref())?;
    if library.course(course).is_none() && !completions.iter().any(|c| c.course == course) {
        let hint = compliance::closest(course, library.courses.iter().map(|c| c.id.as_str()))
            .map(|c| format!(" (did you mean `{c}`?)"))
            .unwrap_or_default();
        eprintln!("rollcall: error: unknown course `{course}`{hint}");
        return Ok(ExitCode::from(EXIT_FAILED));
    }
    // With a roster, any of the officer's learner names counts; without, the name alone.
    let names: Vec<String> = roster
        .as_ref()
        .and_then(|r| r.officer_for(&learner))
        .map_or_else(|| vec![learner.clone()], |o| o.learners.clone());
    let Some(done) = completions
        .iter()
        .filter(|c| c.course == course && names.iter().any(|n| identity(n) == identity(&c.learner)))
        .max_by_key(|c| c.last)
    else {
        let why = match learners
            .iter()
            .find(|(n, _)| identity(n) == identity(&learner))
        {
            None => format!(
                "there are no records for learner `{learner}`{}",
                crate::suggest::did_you_mean(&learner, learners.keys().map(String::as_str))
            ),
            Some((_, p)) if !p.courses.contains_key(course) => {
                format!("`{learner}` has not started `{course}`")
            }
            Some(_) => format!(
                "`{learner}` has started `{course}` but not completed it (every lesson's pages and every quiz passed)"
            ),
        };
        eprintln!("rollcall: error: no certificate: {why}");
        return Ok(ExitCode::from(EXIT_FAILED));
    };
    let out = args.out.clone().unwrap_or_else(|| {
        PathBuf::from(format!("{}-{}.pdf", file_part(&learner), file_part(course)))
    });
    write(&out, &certificate_for(done, roster.as_ref(), &library))?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::file_part;

    #[test]
    fn file_names_keep_only_safe_characters() {
        assert_eq!(file_part("../etc/passwd"), "_etc_passwd");
        assert_eq!(file_part("jdoe"), "jdoe");
        assert_eq!(file_part("Zoë O'Neil"), "Zo__O_Neil");
    }
}
