//! Words of the quiz screens that both front ends say: how feedback works, the review,
//! attempts left, an attempt in progress, and the leave dialog.

use crate::app::Subject;

/// The start screen's lines on when answers are marked.
#[must_use]
pub fn how_feedback(at_end: bool) -> [&'static str; 2] {
    if at_end {
        [
            "Each question is worth one point. This is an assessment: you see",
            "which answers were right, and why, only after the last question.",
        ]
    } else {
        [
            "Each question is worth one point. After each answer you see",
            "whether it was right, why, and what to remember.",
        ]
    }
}

/// The heading of one question in the results review.
#[must_use]
pub fn review_heading(n: usize, total: usize, correct: bool) -> String {
    let verdict = if correct { "right" } else { "not quite" };
    format!("Question {n} of {total}: {verdict}")
}

/// A time as the quiz screens show it, in the offset it was recorded in: `2026-11-25 10:00`.
#[must_use]
pub fn when(at: crate::progress::Stamp) -> String {
    at.timestamp()
        .to_zoned(jiff::tz::TimeZone::fixed(at.offset()))
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

/// How long until `at`, roughly: `23 h 59 min`, `5 min`, `2 days`.
#[must_use]
pub fn wait(now: crate::progress::Stamp, at: crate::progress::Stamp) -> String {
    let minutes = (now.millis_until(at) + 59_999) / 60_000;
    match minutes {
        m if m >= 48 * 60 => format!("{} days", m / (24 * 60)),
        m if m >= 60 => format!("{} h {} min", m / 60, m % 60),
        m => format!("{m} min"),
    }
}

/// The lines on attempts for the start and results screens (none when the quiz sets no
/// rules).
#[must_use]
pub fn standing(
    s: &crate::domain::attempts::Standing,
    rule: crate::domain::attempts::Rule,
    now: crate::progress::Stamp,
) -> Vec<String> {
    let mut out = Vec::new();
    match (rule.max_attempts, s.left) {
        (Some(max), Some(0)) => out.push(format!("No attempts left ({} of {max} used).", s.used)),
        (Some(max), Some(1)) => out.push(format!("Attempts: {} of {max} used, 1 left.", s.used)),
        (Some(max), Some(n)) => out.push(format!("Attempts: {} of {max} used, {n} left.", s.used)),
        _ => {}
    }
    if let Some(at) = s.opens {
        out.push(format!(
            "The next attempt opens {} (in {}).",
            when(at),
            wait(now, at)
        ));
    }
    out
}

/// The course screen's phrases on a quiz's attempts, each whole: `1 attempt left`, `retake
/// from 11-25 10:00`, `no attempts left`; both the attempts left and when the next opens,
/// so neither hides the other; none when nothing limits the next attempt.
#[must_use]
pub fn standing_short(s: &crate::domain::attempts::Standing) -> Vec<String> {
    let mut out = Vec::new();
    match s.left {
        Some(0) => out.push("no attempts left".to_string()),
        Some(1) => out.push("1 attempt left".to_string()),
        Some(n) => out.push(format!("{n} attempts left")),
        None => {}
    }
    if let Some(at) = s.opens {
        out.push(format!("retake from {}", when(at)));
    }
    out
}

/// The keys under the results.
#[must_use]
pub fn results_keys(may_retake: bool) -> &'static str {
    if may_retake {
        "r retake · Esc back to the course"
    } else {
        "Esc back to the course"
    }
}

/// The start screen's line about an attempt under way.
#[must_use]
pub fn resume_line(answered: usize, total: usize) -> String {
    format!("An attempt is in progress: {answered} of {total} questions answered.")
}

/// The start screen's last line: what Enter does, and `d` when an attempt is under way.
#[must_use]
pub fn start_prompt(resume: bool) -> &'static str {
    if resume {
        "Press Enter to continue where you left off, or d to discard it."
    } else {
        "Press Enter to start."
    }
}

/// The start screen's keys as the screen-reader mode takes them (`may_start`: the attempt
/// rules allow a new attempt now; when not, the lines above say why and when).
#[must_use]
pub fn start_keys_typed(resume: bool, may_start: bool) -> &'static str {
    match (resume, may_start) {
        (true, _) => "Empty line: continue. d: discard it. b: back.",
        (false, true) => "Empty line: start. b: back.",
        (false, false) => "b: back.",
    }
}

/// The start screen's question before discarding the attempt under way.
#[must_use]
pub fn discard_question() -> [&'static str; 2] {
    [
        "Discard the attempt in progress?",
        "Nothing from it will be recorded.",
    ]
}

/// The answers to that question as the screen-reader mode takes them.
#[must_use]
pub fn discard_choices_typed() -> &'static str {
    "Type y to discard it, or n to keep it."
}

/// The leave dialog's title: what is being left.
#[must_use]
pub fn leave_title(subject: Subject) -> &'static str {
    match subject {
        Subject::Quiz => "Leave the quiz?",
        Subject::Scenario => "Leave the scenario?",
    }
}

/// The leave dialog's lines (`quit`: quitting rollcall) in the middle of an attempt or run:
/// the question, then what keeping and discarding mean.
#[must_use]
pub fn leave_question(quit: bool, subject: Subject) -> [&'static str; 3] {
    match (quit, subject) {
        (false, Subject::Quiz) => [
            "Leave this attempt?",
            "Keep it: open the quiz again to continue.",
            "Discard it: nothing from it is recorded.",
        ],
        (true, Subject::Quiz) => [
            "Quit rollcall in the middle of this attempt?",
            "Keep it: open the quiz again to continue.",
            "Discard it: nothing from it is recorded.",
        ],
        (false, Subject::Scenario) => [
            "Leave this run?",
            "Keep it: open the scenario again to continue.",
            "Discard it: nothing from it is recorded.",
        ],
        (true, Subject::Scenario) => [
            "Quit rollcall in the middle of this run?",
            "Keep it: open the scenario again to continue.",
            "Discard it: nothing from it is recorded.",
        ],
    }
}

/// The leave dialog after `d`: only `y` discards.
#[must_use]
pub fn leave_discard_question(subject: Subject) -> [&'static str; 2] {
    match subject {
        Subject::Quiz => [
            "Discard this attempt?",
            "Nothing from it is recorded, and it cannot be continued.",
        ],
        Subject::Scenario => [
            "Discard this run?",
            "Nothing from it is recorded, and it cannot be continued.",
        ],
    }
}

/// The discard question's title.
#[must_use]
pub fn leave_discard_title(subject: Subject) -> &'static str {
    match subject {
        Subject::Quiz => "Discard the attempt?",
        Subject::Scenario => "Discard the run?",
    }
}

/// The discard question's choices as the screen-reader mode asks for them.
#[must_use]
pub fn leave_discard_choices_typed() -> &'static str {
    "Type y to discard it, or n to go back."
}

/// The leave dialog's choices as the screen-reader mode asks for them.
#[must_use]
pub fn leave_choices_typed() -> &'static str {
    "Type y to keep it for later, d to discard it, or n to stay."
}

/// The leave dialog on a terminal too small to draw it (`discarding`: after `d`).
#[must_use]
pub fn leave_tiny(subject: Subject, discarding: bool) -> String {
    if discarding {
        format!(
            "{} y discards it, n goes back.",
            leave_discard_title(subject)
        )
    } else {
        format!(
            "{} y keeps it for later, d asks to discard it, n stays.",
            leave_title(subject)
        )
    }
}

/// The start screen of a knowledge check.
#[must_use]
pub fn check_start(questions: usize) -> String {
    format!(
        "Knowledge check: {questions} question{}, practice only. Enter starts, Esc skips.",
        if questions == 1 { "" } else { "s" }
    )
}

/// A knowledge check's results, in place of the save status: nothing was saved.
#[must_use]
pub fn check_results_not_recorded() -> &'static str {
    "Practice: nothing was recorded."
}

/// The first line of a knowledge check's results: how many were right, and that nothing
/// was recorded (a check has no score, pass mark or attempt).
#[must_use]
pub fn check_results(right: usize, total: usize) -> String {
    format!(
        "Knowledge check: {right} of {total} right. {}",
        check_results_not_recorded()
    )
}

/// One question on a knowledge check's results: `right: What was on page one?`.
#[must_use]
pub fn check_result_line(correct: bool, prompt: &str) -> String {
    let verdict = if correct { "right" } else { "not quite" };
    format!("{verdict}: {prompt}")
}

/// The keys under a knowledge check's results.
#[must_use]
pub fn check_results_keys() -> &'static str {
    "Enter back to the lesson · r try again"
}

/// What a knowledge check is called, which its title may repeat.
const KNOWLEDGE_CHECK: &str = "knowledge check";

/// The screen-reader start of a knowledge check: what it is, that it is practice, and how
/// to start or skip it.
#[must_use]
pub fn check_start_plain(lesson: &str, title: &str, questions: usize) -> [String; 2] {
    // A check's title often says it is one ("Knowledge check: turning pages"): say it once.
    let title = title.trim().trim_end_matches('.');
    let seps = [':', ' ', '-', '—'];
    let title = title
        .get(..KNOWLEDGE_CHECK.len())
        .filter(|head| head.eq_ignore_ascii_case(KNOWLEDGE_CHECK))
        .and(title.get(KNOWLEDGE_CHECK.len()..))
        .filter(|rest| rest.is_empty() || rest.starts_with(seps))
        .map_or(title, |rest| rest.trim_start_matches(seps));
    let what = if title.is_empty() {
        format!("{lesson}, knowledge check.")
    } else {
        format!("{lesson}, knowledge check: {title}.")
    };
    [
        format!(
            "{what} {questions} question{}, practice only: nothing is recorded, and feedback follows each question.",
            if questions == 1 { "" } else { "s" }
        ),
        "Empty line: start. b: skip the check and go back to the lesson.".into(),
    ]
}

/// The screen-reader keys after a knowledge check's results.
#[must_use]
pub fn check_results_keys_plain() -> &'static str {
    "Empty line: back to the lesson. Type 1 to try the check again."
}

/// What a knowledge check keeps: nothing.
#[must_use]
pub fn check_not_recorded() -> &'static str {
    "Nothing is recorded: feedback follows each question."
}

/// The cue under a question's text that does not fit its area: which lines show, and the
/// keys that show the rest (`up`/`down`: their labels, when there is more that way).
#[must_use]
pub fn question_more(
    first: usize,
    last: usize,
    total: usize,
    up: Option<&str>,
    down: Option<&str>,
) -> String {
    let (arrows, keys) = match (up, down) {
        (Some(u), Some(d)) => ("▲▼", format!("{u}/{d}")),
        (None, Some(d)) => ("▼", format!("{d} more")),
        (Some(u), None) => ("▲", format!("{u} back")),
        (None, None) => ("", String::new()),
    };
    format!("{arrows} lines {first}-{last} of {total} · {keys}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_check_title_that_says_knowledge_check_is_not_said_twice() {
        let start = |title| check_start_plain("Moving Around", title, 2)[0].clone();
        assert!(
            start("Knowledge check: turning pages.")
                .starts_with("Moving Around, knowledge check: turning pages. 2 questions")
        );
        assert!(start("Knowledge check").starts_with("Moving Around, knowledge check. 2"));
        assert!(
            start("Check: page one")
                .starts_with("Moving Around, knowledge check: Check: page one. 2")
        );
        assert!(start("Knowledge checks").contains("knowledge check: Knowledge checks."));
    }
}
