//! Footers: for each place, the commands shown and what they do; labels come from the table.

mod line;

pub use line::{footer, footer_fit, footer_with};

use super::{Cmd, all_bindings};
use crate::app::{App, QuizPhase, ScenarioPhase, Screen};
use crate::quiz::QuestionKind;

/// Where the learner is, for the footer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The library.
    Library,
    /// A course.
    Course,
    /// The lesson reader.
    Lesson,
    /// My record.
    Record,
    /// The Settings screen on a stepped setting (theme, numbers): Enter is the next value.
    Settings,
    /// The Settings screen on a typed setting (learner, folders): Enter starts typing.
    SettingsText,
    /// Typing a setting's value.
    SettingsEdit,
    /// A quiz being read or started.
    QuizLoading,
    /// The quiz start screen.
    QuizStart,
    /// The quiz start screen when the attempt rules allow no attempt now (it says when).
    QuizClosed,
    /// A knowledge check's start screen.
    CheckStart,
    /// A knowledge check's results.
    CheckResults,
    /// The quiz start screen with an attempt in progress to continue.
    QuizResume,
    /// Discard the attempt in progress? Only y says yes.
    QuizDiscard,
    /// A pick-one question.
    PickOne,
    /// A select-all question.
    SelectAll,
    /// A true/false question.
    TrueFalse,
    /// A typed-answer question.
    Typed,
    /// An order question.
    Order,
    /// Feedback after an answer.
    Feedback,
    /// Quiz results.
    Results,
    /// Quiz results when the attempt rules allow no retake now (the results say when).
    ResultsNoRetake,
    /// The learner picker.
    Picker,
    /// Leave a quiz attempt or scenario run: keep it, discard it, or stay?
    Confirm,
    /// The leave dialog after `d`: discard it? Only y says yes; n goes back.
    LeaveDiscard,
    /// A scenario being read.
    ScenarioLoading,
    /// A scenario run under way found in the record: continue or discard it.
    ScenarioResume,
    /// Discard that run? Only y says yes.
    ScenarioDiscard,
    /// A scenario situation with its choices.
    Situation,
    /// A choice's consequence.
    Consequence,
    /// A scenario's debrief.
    Debrief,
    /// The search box.
    Search,
    /// The lesson reader while a search is active.
    LessonSearch,
    /// A lesson's outline.
    Outline,
}

/// The footer's place for the current screen.
#[must_use]
pub fn place(screen: &Screen) -> Place {
    match screen {
        Screen::Library(_) => Place::Library,
        Screen::Course(_) => Place::Course,
        Screen::Lesson(_) => Place::Lesson,
        Screen::Record(_) => Place::Record,
        Screen::Settings(s) if s.editing.is_some() => Place::SettingsEdit,
        Screen::Settings(s) if s.key().is_text() => Place::SettingsText,
        Screen::Settings(_) => Place::Settings,
        Screen::Scenario(s) => match s.phase {
            ScenarioPhase::Situation => Place::Situation,
            ScenarioPhase::Consequence { .. } => Place::Consequence,
            ScenarioPhase::Debrief => Place::Debrief,
            ScenarioPhase::Loading | ScenarioPhase::Failed(_) => Place::ScenarioLoading,
            ScenarioPhase::Resume {
                confirm_discard: false,
            } => Place::ScenarioResume,
            ScenarioPhase::Resume {
                confirm_discard: true,
            } => Place::ScenarioDiscard,
        },
        Screen::Quiz(q) => match (&q.phase, q.question().map(|q| &q.kind)) {
            (QuizPhase::Start, _) if q.check.is_some() => Place::CheckStart,
            (QuizPhase::Results(_), _) if q.check.is_some() => Place::CheckResults,
            (QuizPhase::Start, _) if q.confirm_discard => Place::QuizDiscard,
            (QuizPhase::Start, _) if q.resume.is_some() => Place::QuizResume,
            (QuizPhase::Start, _) => Place::QuizStart,
            (QuizPhase::Asking, Some(QuestionKind::Typed(_))) => Place::Typed,
            (QuizPhase::Asking, Some(QuestionKind::TrueFalse(_))) => Place::TrueFalse,
            (QuizPhase::Asking, Some(QuestionKind::Order(_))) => Place::Order,
            (QuizPhase::Asking, Some(k)) if k.is_multi() => Place::SelectAll,
            (QuizPhase::Asking, _) => Place::PickOne,
            (QuizPhase::Checked { .. }, _) => Place::Feedback,
            (QuizPhase::Results(_), _) => Place::Results,
            _ => Place::QuizLoading,
        },
    }
}

/// The footer's place for the app as it stands: [`place`], refined by what the screen alone
/// does not know (a search under way; whether the attempt rules allow a retake now).
#[must_use]
pub fn place_in(app: &App) -> Place {
    // A dialog takes the keys, so the footer names its keys, not the screen's beneath it.
    match app.overlay {
        Some(crate::app::Overlay::ConfirmLeave {
            discarding: true, ..
        }) => return Place::LeaveDiscard,
        Some(crate::app::Overlay::ConfirmLeave { .. }) => return Place::Confirm,
        Some(crate::app::Overlay::Learner(_)) => return Place::Picker,
        _ => {}
    }
    match place(&app.screen) {
        Place::Lesson if app.search.active() => Place::LessonSearch,
        Place::Results => match &app.screen {
            Screen::Quiz(q) if q.standing(&app.ctx()).is_some_and(|s| !s.may_start()) => {
                Place::ResultsNoRetake
            }
            _ => Place::Results,
        },
        // An attempt under way is QuizResume: it may always be continued.
        Place::QuizStart => match &app.screen {
            Screen::Quiz(q) if q.standing(&app.ctx()).is_some_and(|s| !s.may_start()) => {
                Place::QuizClosed
            }
            _ => Place::QuizStart,
        },
        place => place,
    }
}

/// A footer item: the commands' labels joined by `join`, then what they do.
pub type Item = (&'static [Cmd], &'static str, &'static str);

/// The footer items for a place, in order.
#[must_use]
#[allow(clippy::match_same_arms)] // A table: one row per place, even when two rows agree.
pub fn footer_items(place: Place) -> &'static [Item] {
    use Cmd::{
        Back, Discard, Down, Enter, First, Help, Last, Learner, Next, NextMatch, No, Pick,
        PickTrueFalse, Prev, PrevMatch, Quit, Record, Retake, Search, Settings, StepBack, Toggle,
        TrueFalse, Type, Undo, Up, Yes,
    };
    const MOVE: &[Cmd] = &[Up, Down];
    match place {
        Place::Library => &[
            (MOVE, "/", "move"),
            (&[Enter], "", "open"),
            (&[Record], "", "my record"),
            (&[Settings], "", "settings"),
            (&[Learner], "", "learner"),
            (&[Help], "", "help"),
            (&[Quit], "", "quit"),
        ],
        Place::Course => &[
            (MOVE, "/", "move"),
            (&[Enter], "", "open"),
            (&[Back], "", "back"),
            (&[Help], "", "help"),
            (&[Quit], "", "quit"),
        ],
        Place::Lesson => &[
            (&[Prev, Next], "/", "page"),
            (MOVE, "/", "scroll"),
            (&[First, Last], "/", "first/last"),
            (&[Back], "", "back"),
            (&[Help], "", "help"),
            (&[Quit], "", "quit"),
        ],
        Place::Settings => &[
            (MOVE, "/", "move"),
            (&[Prev, Next], "/", "change"),
            (&[Enter], "", "next value"),
            (&[Back], "", "back"),
            (&[Quit], "", "quit"),
        ],
        Place::SettingsText => &[
            (MOVE, "/", "move"),
            (&[Enter], "", "type a new value"),
            (&[Back], "", "back"),
            (&[Quit], "", "quit"),
        ],
        Place::SettingsEdit => &[
            (&[Type], "", "the value"),
            (&[Enter], "", "save"),
            (&[Back], "", "cancel"),
        ],
        Place::Record => &[
            (MOVE, "/", "scroll"),
            (&[Back], "", "back"),
            (&[Quit], "", "quit"),
        ],
        Place::QuizLoading => &[(&[Back], "", "back")],
        Place::QuizStart => &[
            (&[Enter], "", "start"),
            (&[Back], "", "back"),
            (&[Help], "", "help"),
            (&[Quit], "", "quit"),
        ],
        Place::QuizClosed => &[
            (&[Back], "", "back"),
            (&[Help], "", "help"),
            (&[Quit], "", "quit"),
        ],
        // A knowledge check is practice: Esc skips it, back to the page.
        Place::CheckStart => &[
            (&[Enter], "", "start"),
            (&[Back], "", "skip"),
            (&[Help], "", "help"),
            (&[Quit], "", "quit"),
        ],
        Place::CheckResults => &[
            (&[Enter], "", "back to the lesson"),
            (&[Retake], "", "try again"),
            (MOVE, "/", "scroll"),
            (&[Quit], "", "quit"),
        ],
        Place::QuizResume => &[
            (&[Enter], "", "continue"),
            (&[Discard], "", "discard"),
            (&[Back], "", "back"),
            (&[Help], "", "help"),
            (&[Quit], "", "quit"),
        ],
        Place::QuizDiscard => &[(&[Yes], "", "discard"), (&[No], "", "keep it")],
        Place::Typed => &[
            (&[Type], "", "the answer"),
            (&[Enter], "", "answer"),
            (&[Back], "", "leave"),
        ],
        Place::TrueFalse => &[
            (&[TrueFalse, PickTrueFalse], " or ", "choose"),
            (&[Enter], "", "answer"),
            (&[Back], "", "leave"),
        ],
        Place::Order => &[
            (&[Pick, Enter], " or ", "pick next"),
            (&[Undo], "", "undo"),
            (&[Enter], "", "answer"),
            (&[Back], "", "leave"),
        ],
        Place::SelectAll => &[
            (&[Toggle, Pick], "/", "toggle"),
            (MOVE, "/", "move"),
            (&[Enter], "", "answer"),
            (&[Back], "", "leave"),
        ],
        Place::PickOne => &[
            (&[Up, Down], "/", ""),
            (&[Pick], " or ", "choose"),
            (&[Enter], "", "answer"),
            (&[Back], "", "leave"),
        ],
        Place::Feedback => &[
            (&[Enter], "", "continue"),
            (MOVE, "/", "scroll"),
            (&[Back], "", "leave"),
        ],
        Place::Results => &[
            (&[Retake], "", "retake"),
            (MOVE, "/", "scroll"),
            (&[Back], "", "back"),
            (&[Quit], "", "quit"),
        ],
        Place::ResultsNoRetake => &[
            (MOVE, "/", "scroll"),
            (&[Back], "", "back"),
            (&[Quit], "", "quit"),
        ],
        Place::Picker => &[
            (MOVE, "/", "choose"),
            (&[Type], "", "a new name"),
            (&[Enter], "", "switch"),
            (&[Back], "", "cancel"),
        ],
        Place::Confirm => &[
            (&[Yes], "", "keep for later"),
            (&[Discard], "", "discard"),
            (&[No], "", "stay"),
        ],
        Place::LeaveDiscard => &[(&[Yes], "", "discard"), (&[No], "", "back")],
        Place::ScenarioLoading => &[(&[Back], "", "back")],
        Place::ScenarioResume => &[
            (&[Enter], "", "continue the run"),
            (&[Discard], "", "discard it"),
            (&[Back], "", "back"),
            (&[Help], "", "help"),
        ],
        Place::ScenarioDiscard => &[(&[Yes], "", "discard"), (&[No], "", "keep it")],
        Place::Situation => &[
            (&[Pick], "", "choose"),
            (&[StepBack], "", "step back"),
            (MOVE, "/", "scroll"),
            (&[Back], "", "leave"),
            (&[Help], "", "help"),
        ],
        Place::Consequence => &[
            (&[Enter], "", "continue"),
            (&[StepBack], "", "step back"),
            (MOVE, "/", "scroll"),
            (&[Back], "", "leave"),
        ],
        Place::Search => &[
            (&[Type], "", "to search"),
            (MOVE, "/", "choose"),
            (&[Enter], "", "open"),
            (&[Back], "", "end"),
        ],
        Place::LessonSearch => &[
            (&[Prev, Next], "/", "page"),
            (&[NextMatch, PrevMatch], "/", "match"),
            (MOVE, "/", "scroll"),
            (&[Search], "", "search"),
            (&[Back], "", "back"),
            (&[Help], "", "help"),
        ],
        Place::Outline => &[
            (MOVE, "/", "move"),
            (&[Enter], "", "go there"),
            (&[Back], "", "close"),
        ],
        Place::Debrief => &[
            (MOVE, "/", "scroll"),
            (&[First, Last], "/", "top/end"),
            (&[Enter], "", "continue"),
            (&[Retake], "", "run again"),
            (&[Back], "", "back"),
        ],
    }
}

/// A command's short key label from the table (`PgDn`), for words that name a key.
#[must_use]
pub fn label(cmd: Cmd) -> &'static str {
    all_bindings()
        .find(|b| b.cmd == cmd)
        .map_or("", |b| b.short)
}

/// The footer item added while a question's text is longer than its area.
pub const QUESTION_SCROLL: Item = (&[Cmd::QuestionUp, Cmd::QuestionDown], "/", "question");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_footer_command_has_a_binding() {
        use Place::*;
        for place in [
            Library,
            Course,
            Lesson,
            Record,
            QuizLoading,
            QuizStart,
            QuizClosed,
            CheckStart,
            CheckResults,
            QuizResume,
            QuizDiscard,
            PickOne,
            SelectAll,
            TrueFalse,
            Typed,
            Order,
            Feedback,
            Results,
            ResultsNoRetake,
            Picker,
            Confirm,
            LeaveDiscard,
            ScenarioResume,
            ScenarioDiscard,
            Situation,
            Consequence,
            Debrief,
            Search,
            LessonSearch,
            Outline,
        ] {
            for (cmds, _, _) in footer_items(place) {
                for &cmd in *cmds {
                    assert!(all_bindings().any(|b| b.cmd == cmd), "{cmd:?} in {place:?}");
                }
            }
        }
    }
}
