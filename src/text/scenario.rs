//! Words of the scenario screens that both front ends say: a run in progress found when the
//! scenario opens, and discarding it.

use crate::progress::Stamp;

/// The resume screen's line about the run under way: when it started, how far it went.
#[must_use]
pub fn resume_line(started: Stamp, decisions: usize) -> String {
    format!(
        "A run of this scenario is in progress: started {}, {decisions} decision{} taken.",
        super::quiz::when(started),
        if decisions == 1 { "" } else { "s" }
    )
}

/// What the resume screen's keys do.
#[must_use]
pub fn resume_keys() -> &'static str {
    "Enter continues it where you left it; d discards it and starts a new run."
}

/// The resume screen's keys as the screen-reader mode takes them.
#[must_use]
pub fn resume_keys_typed() -> &'static str {
    "Empty line: continue it. d: discard it and start a new run. x: leave."
}

/// The question before discarding a run under way.
#[must_use]
pub fn discard_question() -> [&'static str; 2] {
    [
        "Discard the run in progress?",
        "Nothing from it will be recorded.",
    ]
}

/// The answers to that question as the screen-reader mode takes them.
#[must_use]
pub fn discard_choices_typed() -> &'static str {
    "Type y to discard it, or n to keep it."
}

/// The title bar's note while a run under way waits to be continued.
#[must_use]
pub fn in_progress_tag() -> &'static str {
    "run in progress "
}
