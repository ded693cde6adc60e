//! Words for the learner: every typed notice and hint becomes text here, and only here.
//! A front end that phrases things differently, or a translation, replaces this table.

pub mod lesson;
pub mod quiz;
pub mod scenario;

use crate::app::{AttemptSave, Hint, Notice, Subject};

/// The words for a notice.
#[must_use]
pub fn notice(n: &Notice) -> String {
    match n {
        Notice::FinishQuizFirst => "Finish or leave the quiz first (Esc).".into(),
        Notice::SettingsProblem { first, more: 0 } => settings_warning(first),
        Notice::SettingsProblem { first, more } => {
            format!(
                "{} (and {more} more: the Settings screen lists them)",
                settings_warning(first)
            )
        }
        Notice::SettingSaved(key) if key.applies_now() => {
            format!("{} saved.", setting_label(*key))
        }
        Notice::SettingSaved(key) => format!(
            "{} saved; it applies from the next start.",
            setting_label(*key)
        ),
        Notice::BadSetting(key) => {
            format!("{} must be {}.", setting_label(*key), setting_expects(*key))
        }
        Notice::FolderRefused { key, path, why } => format!(
            "{} not changed: {} is not a folder that can be read ({}).",
            setting_label(*key),
            crate::sanitize::line(&crate::diagnostic::display_path(path)),
            crate::sanitize::line(why)
        ),
        Notice::SettingNotSaved(why) => format!("Setting not saved: {why}"),
        Notice::CannotOpenCourse(e) => format!("Cannot open: {e}"),
        Notice::NotReloaded(e) => format!("Not reloaded (kept the last good version): {e}"),
        Notice::CannotOpenLesson(e) => format!("Cannot open lesson: {e}"),
        Notice::LessonReloaded => "Lesson reloaded from disk.".into(),
        Notice::ResumedAt { page } => format!("Resumed at page {page}."),
        Notice::CourseComplete { title, hours } => format!("Course complete: {title} ({hours} h)."),
        Notice::EndOfLesson => "End of lesson.".into(),
        Notice::CannotOpenQuiz(e) => format!("Cannot open quiz: {e}"),
        Notice::Discarded(Subject::Quiz) => "Attempt discarded: nothing was recorded.".into(),
        Notice::Discarded(Subject::Scenario) => "Run discarded: nothing was recorded.".into(),
        Notice::KeptForLater(Subject::Quiz) => {
            "Attempt kept for later: open the quiz again to continue.".into()
        }
        Notice::KeptForLater(Subject::Scenario) => {
            "Run kept for later: open the scenario again to continue.".into()
        }
        Notice::NothingToKeep => "Left before the first answer: nothing to keep.".into(),
        Notice::LearnerSwitched(name) => format!("Learner: {name}"),
        Notice::NoSuchChoice(n) => format!("There is no choice {n} here."),
        Notice::RunResumed => "Run continued where you left it.".into(),
        Notice::SteppedBack => "Stepped back one decision (practice: try the other door).".into(),
        Notice::NothingToStepBack => "Nothing to step back from yet.".into(),
        Notice::ScenarioEnded { passed: true } => "Run finished: a passing ending.".into(),
        Notice::ScenarioEnded { passed: false } => {
            "Run finished: this ending does not pass. Press r to run it again.".into()
        }
        Notice::CannotOpenScenario(e) => format!("Cannot open scenario: {e}"),
        Notice::ProgressUnreadable(why) => why.clone(),
        Notice::SavingBeforeQuit => "Saving your progress before closing…".into(),
        Notice::RecordFlagged(flags) => {
            let what: Vec<&str> = flags.iter().map(|f| flag(*f)).collect();
            format!(
                "Your training record has problems: {}. Nothing from them is credited here. \
                 rollcall will not write to this file until it is repaired, so progress made \
                 now is not saved; ask your training coordinator to check the record.",
                what.join("; ")
            )
        }
        Notice::StayedUnsaved => {
            "Still here: your progress is kept in memory. Free some disk space; the next save \
             retries."
                .into()
        }
        Notice::NoAttemptsLeft => "No attempts left at this quiz.".into(),
        Notice::RetakeOpens { at } => {
            format!("The next attempt opens {}.", quiz::when(*at))
        }
        Notice::SearchMatch { n, of } => {
            format!("Match {n} of {of} (] next, [ previous).")
        }
        Notice::NoSearch => "No search yet: press / to search every course.".into(),
    }
}

/// A record problem in words (the report's `flags` column names them for coordinators).
#[must_use]
pub fn flag(f: crate::progress::validate::Flag) -> &'static str {
    use crate::progress::validate::Flag;
    match f {
        Flag::UnsupportedCompletion => "a course marked completed without the pages and quizzes",
        Flag::ScoreOutOfRange => "a quiz score above its number of questions",
        Flag::PercentMismatch => "a quiz percent that does not match its score",
        Flag::PassedMismatch => "a quiz or scenario run marked passed or failed against its result",
        Flag::HoursOutOfRange => "hours that cannot be right",
        Flag::FutureTimestamp => "a time in the future",
        Flag::DuplicateAttemptId => "two different quiz attempts with the same id",
        Flag::LearnerMismatch => "the file names a different learner",
        Flag::RunPathImpossible => "a scenario run along a path its scenario does not have",
        Flag::TimesOutOfOrder => "a run that finished before it started",
        Flag::ActiveTimeOutOfRange => "a run's active time that cannot be right",
        Flag::CreditExceedsTime => "more hours credited than the active time recorded supports",
        Flag::TimeNotRecorded => "a completion with no active time recorded",
    }
}

/// Why saving is off for a record with problems (the status line).
#[must_use]
pub fn record_flagged_short() -> String {
    "this record has problems; it is left as it is until repaired".into()
}

/// The question when quitting would lose progress a full disk kept from being saved.
#[must_use]
pub fn disk_full_question(attempt: bool) -> [&'static str; 2] {
    [
        if attempt {
            "The disk is full: your last quiz attempt is not saved."
        } else {
            "The disk is full: your latest progress is not saved."
        },
        "Quit anyway and lose it? y quits; any other key stays.",
    ]
}

/// The question before creating a learner whose name is close to a known one (or, when the
/// names differ only in case, before switching to the known learner).
#[must_use]
pub fn similar_learner(typed: &str, known: &str) -> String {
    if crate::progress::store::same_learner(typed, known) {
        format!(
            "\"{typed}\" is the learner \"{known}\" (names ignore case). Switch to \"{known}\"? \
             y switches; n goes back."
        )
    } else {
        format!(
            "A learner named \"{known}\" already exists. Create a new learner \"{typed}\"? \
             y creates it; n goes back."
        )
    }
}

/// A course nobody has opened yet, in the library.
pub const NOT_STARTED: &str = "not started";

/// A lesson's scenario on the course screen: runs, the best ending and whether one passed
/// (`runs` are this learner's runs of that lesson), e.g. `scenario: 2 runs, best ending:
/// acceptable, not passed yet`. "ending" is said because the rating alone read as
/// "best best".
#[must_use]
pub fn scenario_status(runs: &[&crate::scenario::RunRecord]) -> String {
    let Some(best) = runs.iter().map(|r| r.ending).max() else {
        return "scenario: not played".into();
    };
    let passed = if runs.iter().any(|r| r.passed) {
        "passed"
    } else {
        "not passed yet"
    };
    let n = runs.len();
    format!(
        "scenario: {n} run{}, best ending: {best}, {passed}",
        if n == 1 { "" } else { "s" }
    )
}

/// Pages of a lesson not read yet, on the course screen.
#[must_use]
pub fn pages_unread(n: usize) -> String {
    if n == 1 {
        "1 page unread".into()
    } else {
        format!("{n} pages unread")
    }
}

/// `n` things, singular for one: `1 question`, `5 questions`.
#[must_use]
pub fn counted(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Words of the search box and the outline.
pub mod find {
    /// The search box's title.
    pub const TITLE: &str = " Search every course ";
    /// Before the query.
    pub const PROMPT: &str = "Search: ";
    /// While the index is being built.
    pub const INDEXING: &str = "indexing…";
    /// Nothing typed yet.
    pub const EMPTY: &str = "Type a word or two: every lesson of every course is searched.";
    /// After the count when the box reopens on the last search.
    pub const LAST_SEARCH: &str = " · typing starts a new search";
    /// The outline's title.
    pub const OUTLINE: &str = " Outline ";
    /// A lesson without headings.
    pub const NO_HEADINGS: &str = "This lesson has no headings.";

    /// How many matches (`capped`: only the best are listed).
    #[must_use]
    pub fn count(n: usize, capped: bool) -> String {
        match (n, capped) {
            (0, _) => "No matches.".into(),
            (1, _) => "1 match".into(),
            (n, false) => format!("{n} matches"),
            (n, true) => format!("the best {n} matches"),
        }
    }

    /// Where a match is: `Course › Lesson · page 3`.
    #[must_use]
    pub fn place(course: &str, lesson: &str, page: usize) -> String {
        format!("{course} › {lesson} · page {page}")
    }

    /// A heading's page in the outline.
    #[must_use]
    pub fn page(page: usize) -> String {
        format!("page {page}")
    }

    /// The screen-reader mode: the results of a search, numbered.
    #[must_use]
    pub fn said_results(query: &str, count: &str) -> String {
        format!("Search for {query}: {count}")
    }

    /// The screen-reader mode: one numbered match.
    #[must_use]
    pub fn said_hit(n: usize, place: &str, text: &str) -> String {
        format!("{n}. {place}: {text}")
    }

    /// The screen-reader mode: what to type in the results.
    pub const SAID_RESULTS_HOW: &str =
        "Type a number to open that page, a slash and words to search again, or b to close.";
    /// The screen-reader mode: the index is not ready.
    pub const SAID_INDEXING: &str = "Indexing the courses; type the search again in a moment.";
    /// The screen-reader mode: the outline's first line.
    #[must_use]
    pub fn said_outline(title: &str) -> String {
        format!("Outline of {title}:")
    }
    /// The screen-reader mode: one numbered heading.
    #[must_use]
    pub fn said_heading(n: usize, text: &str, page: usize) -> String {
        format!("{n}. {text}, page {page}")
    }
    /// The screen-reader mode: what to type in the outline.
    pub const SAID_OUTLINE_HOW: &str = "Type a number to go to that heading, or b to close.";
}

/// The words for a quiz hint.
#[must_use]
pub fn hint(h: Hint) -> &'static str {
    match h {
        Hint::ChooseFirst => "Choose an answer first: ↑/↓ then Enter, or a number key.",
        Hint::TypeAnswer => "Type an answer, then press Enter.",
        Hint::PickEveryItem => "Pick every item in order first (1-9 or Enter).",
        Hint::SelectAtLeastOne => "Select at least one choice (Space or 1-9), then press Enter.",
    }
}

/// A required course's badge in the library: `OVERDUE`, `due in 12 days`, `due 2027-03-31`,
/// or the renewal date of a done course that recurs (nothing for one that does not: its ✓ says
/// it).
#[must_use]
pub fn due_badge(d: &crate::compliance::Duty, today: jiff::civil::Date) -> String {
    use crate::compliance::Standing;
    let days = |due: jiff::civil::Date| (due - today).get_days();
    match (d.status, d.next_due) {
        (Standing::Overdue, _) => "OVERDUE".into(),
        (Standing::DueSoon, Some(due)) if due < today => "due now (grace)".into(),
        (Standing::DueSoon, Some(due)) if due == today => "due today".into(),
        (Standing::DueSoon, Some(due)) => match days(due) {
            1 => "due tomorrow".into(),
            n => format!("due in {n} days"),
        },
        (Standing::Compliant, Some(due)) => format!("renew by {due}"),
        (Standing::Compliant, None) => String::new(),
        (_, Some(due)) => format!("due {due}"),
        (_, None) => "required".into(),
    }
}

/// The course screen's line about a required course.
#[must_use]
pub fn due_line(d: &crate::compliance::Duty, today: jiff::civil::Date) -> String {
    use crate::compliance::Standing;
    match (d.status, d.next_due) {
        (Standing::Overdue, Some(due)) => format!(
            "Required: OVERDUE since {due} ({} days past any grace period). Complete it now.",
            d.days_overdue
        ),
        (Standing::Compliant, Some(due)) => {
            format!("Required: done. Next recertification due {due}.")
        }
        (Standing::Compliant, None) => "Required: done.".into(),
        _ => format!("Required: {}.", due_badge(d, today)),
    }
}

/// What a course with `min_minutes` still needs: "12 minutes of active time remaining".
#[must_use]
pub fn time_remaining(minutes: u64) -> String {
    let unit = if minutes == 1 { "minute" } else { "minutes" };
    format!("{minutes} {unit} of active time remaining")
}

/// The words for where the last attempt stands on disk.
#[must_use]
pub fn attempt_save(s: &AttemptSave) -> String {
    match s {
        AttemptSave::Saving => "Attempt saving…".into(),
        AttemptSave::Saved => "Attempt saved.".into(),
        AttemptSave::NotSaved(why) => format!("not saved: {why}"),
    }
}

/// The words for a problem in a settings file: `file:line: what (what happens instead)`.
#[must_use]
pub fn settings_warning(w: &crate::config::Warning) -> String {
    use crate::config::settings::Problem;
    let what = match &w.problem {
        Problem::UnknownKey(key) => {
            format!("unknown setting `{}` (ignored)", crate::sanitize::line(key))
        }
        Problem::BadValue(key) => format!(
            "{} must be {}; using the default",
            key.name(),
            setting_expects(*key)
        ),
        Problem::UnusableFolder {
            key,
            path,
            why,
            using,
        } => {
            let path = crate::sanitize::line(&crate::diagnostic::display_path(path)).into_owned();
            let why = crate::sanitize::line(why).into_owned();
            match using {
                Some(dir) => format!(
                    "{} {path} cannot be used ({why}); progress is kept in {} this time",
                    key.name(),
                    crate::sanitize::line(&crate::diagnostic::display_path(dir))
                ),
                None => format!(
                    "{} {path} cannot be used ({why}); using the default courses this time",
                    key.name()
                ),
            }
        }
    };
    format!("{}:{}: {what}", crate::sanitize::line(&w.file), w.line)
}

/// What a setting takes, in words.
#[must_use]
pub fn setting_expects(key: crate::config::Key) -> String {
    use crate::config::Key;
    use crate::config::settings::{READING_WIDTH_MAX, READING_WIDTH_MIN};
    match key {
        Key::Theme => {
            let names: Vec<&str> = crate::ui::ThemeName::ALL
                .iter()
                .map(|t| t.as_str())
                .collect();
            format!("one of {}", names.join(", "))
        }
        Key::ReadingWidth => {
            format!("a number of columns from {READING_WIDTH_MIN} to {READING_WIDTH_MAX}")
        }
        Key::Learner => "a learner's name".into(),
        Key::Courses | Key::DataDir => "a folder".into(),
        Key::MaxGapMinutes => format!(
            "a whole number of minutes from 1 to {}",
            crate::config::settings::MAX_GAP_MAX
        ),
        Key::CreditRatio => format!(
            "a whole number from 1 to {}",
            crate::config::settings::CREDIT_RATIO_MAX
        ),
    }
}

/// A setting's label on the Settings screen.
#[must_use]
pub fn setting_label(key: crate::config::Key) -> &'static str {
    use crate::config::Key;
    match key {
        Key::Theme => "Theme",
        Key::ReadingWidth => "Reading width",
        Key::Learner => "Default learner",
        Key::Courses => "Courses folder",
        Key::DataDir => "Data folder",
        Key::MaxGapMinutes => "Longest pause",
        Key::CreditRatio => "Credit ratio",
    }
}

/// A setting's value on the Settings screen (sanitized: it comes from a file).
#[must_use]
pub fn setting_value(settings: &crate::config::Settings, key: crate::config::Key) -> String {
    use crate::config::Key;
    use crate::config::settings::Value;
    match (key, settings.value(key)) {
        (Key::ReadingWidth, Some(Value::Number(n))) => format!("{n} columns"),
        (Key::MaxGapMinutes, Some(Value::Number(1))) => "1 minute".into(),
        (Key::MaxGapMinutes, Some(Value::Number(n))) => format!("{n} minutes"),
        (Key::CreditRatio, Some(Value::Number(n))) => format!("flag hours over {n}x active time"),
        (_, Some(Value::Text(t))) => crate::sanitize::line(&t).into_owned(),
        (_, Some(Value::Number(n))) => n.to_string(),
        (Key::Learner, None) => "not set (the login name)".into(),
        (Key::Courses, None) => "not set (found automatically)".into(),
        (_, None) => "not set (the usual place)".into(),
    }
}
