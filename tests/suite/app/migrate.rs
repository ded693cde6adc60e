//! Schema-1 records (answers by position) get question ids when the course is opened at
//! the version the attempts were taken at, and are written so; never across versions.

use super::{Harness, Store};
use rollcall::app::Msg;
use std::path::Path;

/// A library holding the schema-1 fixture's course at `version`, its lesson's quiz with ids.
fn library(root: &Path, version: &str) {
    let dir = root.join("de-escalation");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("course.toml"),
        format!(
            "title = \"De-escalation\"\nsummary = \"s\"\nversion = \"{version}\"\nhours = 2.0\n\n\
             [[lessons]]\nfile = \"01-why-slow-down.md\"\nquiz = \"01-why-slow-down.quiz.toml\"\n"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("01-why-slow-down.md"),
        "# Why slow down\n\nText.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("01-why-slow-down.quiz.toml"),
        "title = \"Why slow down\"\n\n\
         [[questions]]\nid = \"calm-reply\"\nprompt = \"Pick the calm reply.\"\n\
         [[questions.choices]]\ntext = \"Shout\"\n[[questions.choices]]\ntext = \"Argue\"\n\
         [[questions.choices]]\ntext = \"Calm reply\"\ncorrect = true\n\n\
         [[questions]]\nid = \"time-buys-options\"\nprompt = \"Rushing is safer.\"\nanswer = false\n\n\
         [[questions]]\nid = \"crisis-line\"\nprompt = \"Which number?\"\naccept = [\"988\"]\n\n\
         [[questions]]\nid = \"sara\"\nprompt = \"Order.\"\norder = [\"A\", \"B\", \"C\"]\n",
    )
    .unwrap();
}

/// The schema-1 fixture as the learner the harness plays.
fn schema_1() -> rollcall::progress::Progress {
    let text = std::fs::read_to_string("tests/fixtures/progress/schema1.toml").unwrap();
    let mut p = rollcall::progress::parse(&text).unwrap();
    p.learner = "tester".into();
    p
}

/// Opens the course and quits: the record in memory, and on disk.
fn open_course_and_quit(
    version: &str,
) -> (rollcall::progress::Progress, rollcall::progress::Progress) {
    let root = tempfile::tempdir().unwrap();
    library(root.path(), version);
    let mut h = Harness::with(root.path(), Some(schema_1()));
    h.send(&[Msg::Enter, Msg::Quit]);
    assert!(h.app.quitting);
    let disk = Store::new(h.dir.path(), "tester").unwrap().load().unwrap();
    (h.app.progress, disk)
}

fn ids(p: &rollcall::progress::Progress) -> Vec<Vec<Option<String>>> {
    p.attempts
        .iter()
        .map(|a| a.answers.iter().map(|g| g.id.clone()).collect())
        .collect()
}

#[test]
fn opening_the_course_at_the_same_version_writes_question_ids() {
    let (_, saved) = open_course_and_quit("1.0");
    let want: Vec<Option<String>> = ["calm-reply", "time-buys-options", "crisis-line", "sara"]
        .iter()
        .map(|s| Some((*s).to_string()))
        .collect();
    assert_eq!(ids(&saved), vec![want.clone(), want, vec![]]);
    // The original answers are kept, and nothing was added.
    let old = schema_1();
    assert_eq!(saved.attempts.len(), old.attempts.len());
    for (new, old) in saved.attempts.iter().zip(&old.attempts) {
        let positions: Vec<usize> = new.answers.iter().map(|g| g.question).collect();
        let before: Vec<usize> = old.answers.iter().map(|g| g.question).collect();
        assert_eq!(positions, before);
        assert_eq!((new.score, new.passed), (old.score, old.passed));
    }
}

#[test]
fn another_version_leaves_the_positions_alone() {
    let (memory, saved) = open_course_and_quit("1.1");
    assert_eq!(memory.attempts.len(), 3);
    assert!(ids(&memory).iter().flatten().all(Option::is_none));
    assert!(ids(&saved).iter().flatten().all(Option::is_none));
}
