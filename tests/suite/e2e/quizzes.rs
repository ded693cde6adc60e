//! The real binary in a pseudo-terminal: quizzes failed and passed, left mid-way, and an attempt that survives SIGKILL.

use super::{
    ESC, answer_any, answer_order, in_progress_with, start, start_assessment, take_quiz,
    to_quiz_start,
};

#[test]
fn fail_then_pass_a_quiz_and_find_it_after_restart() {
    let data = tempfile::tempdir().unwrap();
    let mut s = start(data.path());
    s.wait_for("Sample Course");
    take_quiz(&mut s, "911");
    answer_order(&mut s, false);
    // Typed and order wrong: 3/5 = 60% meets this quiz's 60% pass mark.
    s.wait_for("Score: 3/5 (60%) PASSED");
    s.wait_for("Attempt saved.");
    s.press("r");
    s.wait_for("question 1/5");
    s.press("2\r");
    s.wait_for("Not quite.");
    s.press("\r");
    s.press("2\r");
    s.wait_for("Not quite.");
    s.press("\r");
    s.press("f\r");
    s.wait_for("Not quite.");
    s.press("\r");
    s.press("no idea\r");
    s.wait_for("Not quite.");
    s.press("\r");
    s.wait_for("question 5/5");
    answer_order(&mut s, true);
    s.wait_for("Score: 1/5 (20%) NOT PASSED");
    s.press(ESC);
    s.wait_for("quiz: best 3/5 (60%) passed");
    s.press("q");
    assert_eq!(s.wait_exit(), 0);

    // Start again: the score is still there and the lesson resumes at its last page.
    let mut s = start(data.path());
    s.wait_for("Sample Course");
    s.press("\r");
    s.wait_for("quiz: best 3/5 (60%) passed");
    s.press("\r");
    s.wait_for("page 3/3");
    s.wait_for("Resumed at page 3");
    s.press("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn quitting_mid_quiz_asks_and_records_nothing() {
    let data = tempfile::tempdir().unwrap();
    let mut s = start(data.path());
    s.wait_for("Sample Course");
    take_quiz(&mut s, "988");
    s.press("q");
    s.wait_for("open the quiz again to continue");
    s.press("n");
    s.press("q");
    s.wait_for("open the quiz again to continue");
    s.press("y");
    assert_eq!(s.wait_exit(), 0);
    assert!(s.restored());
    // Kept for later, never as a score.
    let record = std::fs::read_to_string(data.path().join("officer.toml")).unwrap();
    assert!(!record.contains("[[attempts]]"), "{record}");
    assert!(record.contains("[[in_progress]]"), "{record}");
}

#[test]
fn an_attempt_survives_sigkill_and_continues_at_question_3() {
    let data = tempfile::tempdir().unwrap();
    let mut s = start_assessment(data.path());
    s.wait_for("Final Course");
    to_quiz_start(&mut s, "Press Enter to start.");
    s.press("\r");
    for n in 1..=2 {
        s.wait_for(&format!("question {n}/4"));
        answer_any(&mut s);
    }
    s.wait_for("question 3/4");
    let before = in_progress_with(data.path(), 2);
    let prompt = |screen: &str| screen.lines().nth(3).unwrap_or("").trim().to_string();
    let third = prompt(&s.screen());
    let pid = s.child.process_id().unwrap();
    let killed = std::process::Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    s.wait_exit();
    let mut again = start_assessment(data.path());
    again.wait_for("Final Course");
    to_quiz_start(&mut again, "2 of 4 questions answered");
    again.press("\r");
    again.wait_for("question 3/4");
    assert_eq!(prompt(&again.screen()), third, "{}", again.screen());
    for n in 3..=4 {
        again.wait_for(&format!("question {n}/4"));
        answer_any(&mut again);
    }
    again.wait_for("Score:");
    let done = super::saved_record(data.path(), |p| !p.attempts.is_empty());
    assert_eq!(done.attempts.len(), 1);
    let asked: Vec<&str> = done.attempts[0]
        .answers
        .iter()
        .map(|a| a.id.as_deref().unwrap())
        .collect();
    assert_eq!(asked, before.asked, "the same questions in the same order");
    assert_eq!(done.attempts[0].id, before.id);
    again.press("q");
    assert_eq!(again.wait_exit(), 0);
}
