//! The hidden `save-loop` command: saves attempts one by one, for the crash-safety tests.

#[cfg(any(debug_assertions, feature = "test-commands"))]
use std::io::{self, Write};
#[cfg(any(debug_assertions, feature = "test-commands"))]
use std::process::ExitCode;

#[cfg(any(debug_assertions, feature = "test-commands"))]
use anyhow::Context;

#[cfg(any(debug_assertions, feature = "test-commands"))]
use crate::progress::store::Store;
use crate::progress::{Attempt, GivenAnswer, LessonProgress, Progress, Stamp};
use crate::quiz::Answer;

/// Saves `count` attempts one by one, printing `saved <id>` only once each save returned.
/// The crash tests kill this mid-loop and check every reported attempt survived.
#[cfg(any(debug_assertions, feature = "test-commands"))]
pub(super) fn run(store: &Store, count: usize, tag: &str) -> anyhow::Result<ExitCode> {
    let mut out = io::stdout().lock();
    for i in 0..count {
        let id = format!("{tag}-{i}");
        let progress = loop_record(store.learner(), &id, i);
        store
            .save(&progress)
            .with_context(|| format!("attempt {id} not saved"))?;
        writeln!(out, "saved {id}")?;
        out.flush()?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A record holding one realistic attempt (and the page position that goes with it).
#[cfg(any(debug_assertions, feature = "test-commands", test))]
pub(super) fn loop_record(learner: &str, id: &str, i: usize) -> Progress {
    let started = Stamp::now();
    let answers = vec![
        GivenAnswer {
            question: 1,
            id: None,
            answer: Answer::Choices(vec![i % 4]),
            correct: i % 4 == 1,
        },
        GivenAnswer {
            question: 2,
            id: None,
            answer: Answer::Bool(i.is_multiple_of(2)),
            correct: i.is_multiple_of(2),
        },
        GivenAnswer {
            question: 3,
            id: None,
            answer: Answer::Text("988".into()),
            correct: true,
        },
        GivenAnswer {
            question: 4,
            id: None,
            answer: Answer::Order(vec![2, 0, 1]),
            correct: !i.is_multiple_of(3),
        },
    ];
    let score = answers.iter().filter(|a| a.correct).count();
    let total = answers.len();
    #[allow(clippy::cast_precision_loss)] // tiny counts
    let pct = score as f64 / total as f64 * 100.0;
    let mut progress = Progress::new(learner);
    progress.attempts.push(Attempt {
        id: id.to_string(),
        course: "de-escalation".into(),
        lesson: "01-why-slow-down".into(),
        quiz: "01-why-slow-down.quiz.toml".into(),
        course_version: "1.0".into(),
        started,
        finished: Stamp::now(),
        score,
        total,
        percent: pct,
        passed: pct >= 80.0,
        pass_percent: 80,
        answers,
        active_seconds: None,
    });
    let page = i % 6 + 1;
    let course = progress.courses.entry("de-escalation".into()).or_default();
    course.first_opened = Some(started);
    course.lessons.insert(
        "01-why-slow-down".into(),
        LessonProgress {
            page,
            viewed_at: Some(started),
            pages_seen: [page].into(),
            pages_total: 6,
            completed: None,
            active_seconds: crate::progress::PageTime::default(),
        },
    );
    progress
}
