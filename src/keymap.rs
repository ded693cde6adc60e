//! The one keymap: every key binding, with its footer label and help text. `key_to_msg`, the
//! help overlay, every footer and the man page's KEYS section are all generated from
//! [`BINDINGS`] and [`footer_items`], so behaviour, help and footers cannot drift apart.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::{App, MIN_SIZE, Msg, Overlay, QuizPhase, ScenarioPhase, Screen};
use crate::quiz::QuestionKind;

/// What a user can do: one name per binding, for footers to refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmd {
    /// Ctrl-C: quit from anywhere.
    Interrupt,
    /// Quit.
    Quit,
    /// Help overlay.
    Help,
    /// Move up / scroll up.
    Up,
    /// Move down / scroll down.
    Down,
    /// Open, check, go on.
    Enter,
    /// Go back.
    Back,
    /// Next page.
    Next,
    /// Previous page.
    Prev,
    /// First page.
    First,
    /// Last page.
    Last,
    /// Toggle a choice.
    Toggle,
    /// Undo the last pick.
    Undo,
    /// Retake the quiz.
    Retake,
    /// Step back one decision in a scenario.
    StepBack,
    /// Switch learner.
    Learner,
    /// My record.
    Record,
    /// Pick choice 1-9.
    Pick,
    /// True / false.
    TrueFalse,
    /// Pick 1 (true) or 2 (false).
    PickTrueFalse,
    /// Typing in a text field.
    Type,
    /// Delete in a text field.
    Delete,
    /// Cursor left / right in a text field.
    Cursor,
    /// Cursor to start / end of a text field.
    Ends,
    /// Yes in a confirmation.
    Yes,
    /// No in a confirmation.
    No,
    /// Any other key (closes help and notices).
    Dismiss,
}

/// A set of bindings that apply together; a context is an ordered list of layers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    /// Everywhere, checked first.
    Always,
    /// Screens (not typing).
    Common,
    /// A true/false question, before `Common`.
    TrueFalse,
    /// Typing in a text field.
    Text,
    /// A yes/no question.
    Confirm,
    /// Help and notices: any key closes.
    Dismiss,
    /// The 'please enlarge' screen: only leaving works.
    TooSmall,
}

/// A key as the keymap matches it (modifiers are ignored except for `Ctrl`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum K {
    /// This key code.
    Code(KeyCode),
    /// Control and this character.
    Ctrl(char),
    /// Any printable character.
    AnyChar,
    /// Any key at all.
    Any,
}

const fn c(ch: char) -> K {
    K::Code(KeyCode::Char(ch))
}

/// One binding: keys in a layer, the message they send, and how help and footers name them.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// What this does.
    pub cmd: Cmd,
    /// Where it applies.
    pub layer: Layer,
    /// The keys.
    pub keys: &'static [K],
    /// The message for a matched key.
    pub msg: fn(KeyCode) -> Option<Msg>,
    /// Short label for footers.
    pub short: &'static str,
    /// (keys, what they do) for the help overlay and the man page; `None`: not listed.
    pub help: Option<(&'static str, &'static str)>,
}

const DIGITS: &[K] = &[
    c('1'),
    c('2'),
    c('3'),
    c('4'),
    c('5'),
    c('6'),
    c('7'),
    c('8'),
    c('9'),
];

fn digit(code: KeyCode) -> Option<Msg> {
    match code {
        KeyCode::Char(d @ '1'..='9') => Some(Msg::Pick(d as usize - '0' as usize)),
        _ => None,
    }
}

/// Every binding, in help order.
pub const BINDINGS: &[Binding] = &[
    Binding {
        cmd: Cmd::Interrupt,
        layer: Layer::Always,
        keys: &[K::Ctrl('c')],
        msg: |_| Some(Msg::Quit),
        short: "Ctrl-C",
        help: None,
    },
    // Common: screens.
    Binding {
        cmd: Cmd::Up,
        layer: Layer::Common,
        keys: &[K::Code(KeyCode::Up), c('k')],
        msg: |_| Some(Msg::Up),
        short: "↑",
        help: Some(("Up/Down, k/j", "move the selection or scroll")),
    },
    Binding {
        cmd: Cmd::Down,
        layer: Layer::Common,
        keys: &[K::Code(KeyCode::Down), c('j')],
        msg: |_| Some(Msg::Down),
        short: "↓",
        help: None,
    },
    Binding {
        cmd: Cmd::Enter,
        layer: Layer::Common,
        keys: &[K::Code(KeyCode::Enter)],
        msg: |_| Some(Msg::Enter),
        short: "Enter",
        help: Some(("Enter", "open; check an answer; go on")),
    },
    Binding {
        cmd: Cmd::Back,
        layer: Layer::Common,
        keys: &[K::Code(KeyCode::Esc)],
        msg: |_| Some(Msg::Back),
        short: "Esc",
        help: Some(("Esc", "go back")),
    },
    Binding {
        cmd: Cmd::Quit,
        layer: Layer::Common,
        keys: &[c('q')],
        msg: |_| Some(Msg::Quit),
        short: "q",
        help: Some(("q", "quit (asks first during a quiz)")),
    },
    Binding {
        cmd: Cmd::Help,
        layer: Layer::Common,
        keys: &[c('?'), K::Code(KeyCode::F(1))],
        msg: |_| Some(Msg::Help),
        short: "?",
        help: Some(("?", "this help")),
    },
    Binding {
        cmd: Cmd::Next,
        layer: Layer::Common,
        keys: &[
            K::Code(KeyCode::Right),
            c('l'),
            c('n'),
            K::Code(KeyCode::PageDown),
        ],
        msg: |_| Some(Msg::NextPage),
        short: "→",
        help: Some(("Right, l, Space, PgDn, n", "next page")),
    },
    Binding {
        cmd: Cmd::Prev,
        layer: Layer::Common,
        keys: &[
            K::Code(KeyCode::Left),
            c('h'),
            c('p'),
            K::Code(KeyCode::PageUp),
        ],
        msg: |_| Some(Msg::PrevPage),
        short: "←",
        help: Some(("Left, h, PgUp, p", "previous page")),
    },
    Binding {
        cmd: Cmd::First,
        layer: Layer::Common,
        keys: &[K::Code(KeyCode::Home), c('g')],
        msg: |_| Some(Msg::FirstPage),
        short: "g",
        help: Some(("g/G, Home/End", "first / last page")),
    },
    Binding {
        cmd: Cmd::Last,
        layer: Layer::Common,
        keys: &[K::Code(KeyCode::End), c('G')],
        msg: |_| Some(Msg::LastPage),
        short: "G",
        help: None,
    },
    Binding {
        cmd: Cmd::Pick,
        layer: Layer::Common,
        keys: DIGITS,
        msg: digit,
        short: "1-9",
        help: Some(("1-9", "pick a choice (toggle in 'select all')")),
    },
    Binding {
        cmd: Cmd::Toggle,
        layer: Layer::Common,
        keys: &[c(' ')],
        msg: |_| Some(Msg::Toggle),
        short: "Space",
        help: Some(("Space", "toggle a choice in 'select all'")),
    },
    Binding {
        cmd: Cmd::TrueFalse,
        layer: Layer::TrueFalse,
        keys: &[c('t'), c('T'), c('f'), c('F')],
        msg: |code| Some(Msg::TrueFalse(matches!(code, KeyCode::Char('t' | 'T')))),
        short: "t/f",
        help: Some(("t / f", "answer true / false")),
    },
    Binding {
        cmd: Cmd::PickTrueFalse,
        layer: Layer::TrueFalse,
        keys: &[c('1'), c('2')],
        msg: digit,
        short: "1/2",
        help: None,
    },
    Binding {
        cmd: Cmd::Undo,
        layer: Layer::Common,
        keys: &[K::Code(KeyCode::Backspace)],
        msg: |_| Some(Msg::Backspace),
        short: "Backspace",
        help: Some(("Backspace", "undo the last pick (order)")),
    },
    Binding {
        cmd: Cmd::Retake,
        layer: Layer::Common,
        keys: &[c('r')],
        msg: |_| Some(Msg::Retake),
        short: "r",
        help: Some(("r", "retake a quiz; run a scenario again")),
    },
    Binding {
        cmd: Cmd::StepBack,
        layer: Layer::Common,
        keys: &[c('b')],
        msg: |_| Some(Msg::StepBack),
        short: "b",
        help: Some(("b", "step back one decision (scenario)")),
    },
    Binding {
        cmd: Cmd::Learner,
        layer: Layer::Common,
        keys: &[c('L')],
        msg: |_| Some(Msg::SwitchLearner),
        short: "L",
        help: Some(("L", "switch learner")),
    },
    Binding {
        cmd: Cmd::Record,
        layer: Layer::Common,
        keys: &[c('R')],
        msg: |_| Some(Msg::Record),
        short: "R",
        help: Some(("R", "my record")),
    },
    // Text fields: characters are text, not commands.
    Binding {
        cmd: Cmd::Enter,
        layer: Layer::Text,
        keys: &[K::Code(KeyCode::Enter)],
        msg: |_| Some(Msg::Enter),
        short: "Enter",
        help: None,
    },
    Binding {
        cmd: Cmd::Back,
        layer: Layer::Text,
        keys: &[K::Code(KeyCode::Esc)],
        msg: |_| Some(Msg::Back),
        short: "Esc",
        help: None,
    },
    Binding {
        cmd: Cmd::Undo,
        layer: Layer::Text,
        keys: &[K::Code(KeyCode::Backspace)],
        msg: |_| Some(Msg::Backspace),
        short: "Backspace",
        help: None,
    },
    Binding {
        cmd: Cmd::Delete,
        layer: Layer::Text,
        keys: &[K::Code(KeyCode::Delete)],
        msg: |_| Some(Msg::Delete),
        short: "Delete",
        help: None,
    },
    Binding {
        cmd: Cmd::Cursor,
        layer: Layer::Text,
        keys: &[K::Code(KeyCode::Left), K::Code(KeyCode::Right)],
        msg: |code| {
            Some(if code == KeyCode::Left {
                Msg::CursorLeft
            } else {
                Msg::CursorRight
            })
        },
        short: "←/→",
        help: None,
    },
    Binding {
        cmd: Cmd::Ends,
        layer: Layer::Text,
        keys: &[K::Code(KeyCode::Home), K::Code(KeyCode::End)],
        msg: |code| {
            Some(if code == KeyCode::Home {
                Msg::FirstPage
            } else {
                Msg::LastPage
            })
        },
        short: "Home/End",
        help: None,
    },
    Binding {
        cmd: Cmd::Up,
        layer: Layer::Text,
        keys: &[K::Code(KeyCode::Up)],
        msg: |_| Some(Msg::Up),
        short: "↑",
        help: None,
    },
    Binding {
        cmd: Cmd::Down,
        layer: Layer::Text,
        keys: &[K::Code(KeyCode::Down)],
        msg: |_| Some(Msg::Down),
        short: "↓",
        help: None,
    },
    Binding {
        cmd: Cmd::Help,
        layer: Layer::Text,
        keys: &[K::Code(KeyCode::F(1))],
        msg: |_| Some(Msg::Help),
        short: "F1",
        help: None,
    },
    Binding {
        cmd: Cmd::Type,
        layer: Layer::Text,
        keys: &[K::AnyChar],
        msg: |code| match code {
            KeyCode::Char(ch) => Some(Msg::Input(ch)),
            _ => None,
        },
        short: "type",
        help: None,
    },
    // Yes/no questions.
    Binding {
        cmd: Cmd::Yes,
        layer: Layer::Confirm,
        keys: &[c('y'), c('Y'), K::Code(KeyCode::Enter)],
        msg: |_| Some(Msg::Confirm(true)),
        short: "y",
        help: None,
    },
    Binding {
        cmd: Cmd::No,
        layer: Layer::Confirm,
        keys: &[c('n'), c('N'), K::Code(KeyCode::Esc)],
        msg: |_| Some(Msg::Confirm(false)),
        short: "n",
        help: None,
    },
    // Help and notices.
    Binding {
        cmd: Cmd::Quit,
        layer: Layer::Dismiss,
        keys: &[c('q')],
        msg: |_| Some(Msg::Quit),
        short: "q",
        help: None,
    },
    Binding {
        cmd: Cmd::Dismiss,
        layer: Layer::Dismiss,
        keys: &[K::Any],
        msg: |_| Some(Msg::Back),
        short: "any key",
        help: None,
    },
    // The 'please enlarge' screen.
    Binding {
        cmd: Cmd::Quit,
        layer: Layer::TooSmall,
        keys: &[c('q')],
        msg: |_| Some(Msg::Quit),
        short: "q",
        help: None,
    },
];

/// Notes under the key list in the help overlay and the man page.
pub const HELP_NOTES: &[&str] = &[
    "Typed answers: ←/→, Backspace, Delete; F1 shows this help.",
    "Any other key closes this help; q quits.",
];

/// Turns a terminal event into a message; `None` for events that mean nothing here.
#[must_use]
pub fn event_to_msg(app: &App, event: &Event) -> Option<Msg> {
    match event {
        // Windows reports releases too: only presses count, or every key fires twice.
        Event::Key(key) if key.kind == KeyEventKind::Press => key_to_msg(app, *key),
        Event::Resize(w, h) => Some(Msg::Resize(*w, *h)),
        _ => None,
    }
}

/// The layers in effect for the app's current screen and overlay, first match wins.
#[must_use]
pub fn layers(app: &App) -> &'static [Layer] {
    let confirm = matches!(app.overlay, Some(Overlay::ConfirmLeave { .. }));
    // On the 'please enlarge' screen nothing is visible, so only leaving works.
    if app.size.0 < MIN_SIZE.0 || app.size.1 < MIN_SIZE.1 {
        return if confirm {
            &[Layer::Always, Layer::TooSmall, Layer::Confirm]
        } else {
            &[Layer::Always, Layer::TooSmall]
        };
    }
    match &app.overlay {
        Some(Overlay::Help | Overlay::Notice(_)) => return &[Layer::Always, Layer::Dismiss],
        Some(Overlay::ConfirmLeave { .. }) => return &[Layer::Always, Layer::Confirm],
        Some(Overlay::Learner(_)) => return &[Layer::Always, Layer::Text],
        None => {}
    }
    if let Screen::Quiz(q) = &app.screen
        && q.phase == QuizPhase::Asking
    {
        return match q.question().map(|q| &q.kind) {
            Some(QuestionKind::Typed(_)) => &[Layer::Always, Layer::Text],
            Some(QuestionKind::TrueFalse(_)) => &[Layer::Always, Layer::TrueFalse, Layer::Common],
            _ => &[Layer::Always, Layer::Common],
        };
    }
    &[Layer::Always, Layer::Common]
}

fn matches(k: K, key: KeyEvent) -> bool {
    match k {
        K::Code(code) => key.code == code,
        K::Ctrl(ch) => {
            key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char(ch)
        }
        K::AnyChar => matches!(key.code, KeyCode::Char(ch) if !ch.is_control()),
        K::Any => true,
    }
}

/// Turns a key press into a message for the current screen and overlay.
#[must_use]
pub fn key_to_msg(app: &App, key: KeyEvent) -> Option<Msg> {
    for &layer in layers(app) {
        for b in BINDINGS.iter().filter(|b| b.layer == layer) {
            // In the 'please enlarge' confirmation, Enter does not confirm: nothing is visible.
            if layer == Layer::Confirm
                && layers(app).contains(&Layer::TooSmall)
                && key.code == KeyCode::Enter
            {
                continue;
            }
            if b.keys.iter().any(|&k| matches(k, key)) {
                return (b.msg)(key.code);
            }
        }
    }
    None
}

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
    /// A quiz being read or started.
    QuizLoading,
    /// The quiz start screen.
    QuizStart,
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
    /// The learner picker.
    Picker,
    /// Leave a quiz?
    Confirm,
    /// A scenario being read.
    ScenarioLoading,
    /// A scenario situation with its choices.
    Situation,
    /// A choice's consequence.
    Consequence,
    /// A scenario's debrief.
    Debrief,
}

/// The footer's place for the current screen.
#[must_use]
pub fn place(screen: &Screen) -> Place {
    match screen {
        Screen::Library(_) => Place::Library,
        Screen::Course(_) => Place::Course,
        Screen::Lesson(_) => Place::Lesson,
        Screen::Record(_) => Place::Record,
        Screen::Scenario(s) => match s.phase {
            ScenarioPhase::Situation => Place::Situation,
            ScenarioPhase::Consequence { .. } => Place::Consequence,
            ScenarioPhase::Debrief => Place::Debrief,
            ScenarioPhase::Loading | ScenarioPhase::Failed(_) => Place::ScenarioLoading,
        },
        Screen::Quiz(q) => match (&q.phase, q.question().map(|q| &q.kind)) {
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

/// A footer item: the commands' labels joined by `join`, then what they do.
type Item = (&'static [Cmd], &'static str, &'static str);

/// The footer items for a place, in order.
#[must_use]
pub fn footer_items(place: Place) -> &'static [Item] {
    use Cmd::{
        Back, Down, Enter, First, Help, Last, Learner, Next, No, Pick, PickTrueFalse, Prev, Quit,
        Record, Retake, StepBack, Toggle, TrueFalse, Type, Undo, Up, Yes,
    };
    const MOVE: &[Cmd] = &[Up, Down];
    match place {
        Place::Library => &[
            (MOVE, "/", "move"),
            (&[Enter], "", "open"),
            (&[Record], "", "my record"),
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
        Place::Typed => &[
            (&[Type], "", "the answer"),
            (&[Enter], "", "check"),
            (&[Back], "", "leave"),
        ],
        Place::TrueFalse => &[
            (&[TrueFalse, PickTrueFalse], " or ", "choose"),
            (&[Enter], "", "check"),
            (&[Back], "", "leave"),
        ],
        Place::Order => &[
            (&[Pick, Enter], " or ", "pick next"),
            (&[Undo], "", "undo"),
            (&[Enter], "", "check"),
            (&[Back], "", "leave"),
        ],
        Place::SelectAll => &[
            (&[Toggle, Pick], "/", "toggle"),
            (MOVE, "/", "move"),
            (&[Enter], "", "check"),
            (&[Back], "", "leave"),
        ],
        Place::PickOne => &[
            (&[Up, Down], "/", ""),
            (&[Pick], " or ", "choose"),
            (&[Enter], "", "check"),
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
        Place::Picker => &[
            (MOVE, "/", "choose"),
            (&[Type], "", "a new name"),
            (&[Enter], "", "switch"),
            (&[Back], "", "cancel"),
        ],
        Place::Confirm => &[(&[Yes], "", "leave"), (&[No], "", "stay")],
        Place::ScenarioLoading => &[(&[Back], "", "back")],
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
        Place::Debrief => &[
            (MOVE, "/", "scroll"),
            (&[Enter], "", "continue"),
            (&[Retake], "", "run again"),
            (&[Back], "", "back"),
        ],
    }
}

fn short(cmd: Cmd) -> &'static str {
    BINDINGS
        .iter()
        .find(|b| b.cmd == cmd)
        .map_or("", |b| b.short)
}

/// The footer text for a place: `keys what · keys what · …`.
#[must_use]
pub fn footer(place: Place) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut pending = String::new();
    for (cmds, join, what) in footer_items(place) {
        let keys: Vec<&str> = cmds.iter().map(|&c| short(c)).collect();
        let keys = keys.join(join);
        // An item without words runs into the next ("↑/↓ or 1-9 choose").
        if what.is_empty() {
            pending = format!("{keys} or ");
            continue;
        }
        out.push(format!("{}{keys} {what}", std::mem::take(&mut pending)));
    }
    out.join(" · ")
}

/// (keys, what they do) for the help overlay and the man page, in order.
pub fn help_rows() -> impl Iterator<Item = (&'static str, &'static str)> {
    BINDINGS.iter().filter_map(|b| b.help)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footers_read_as_before() {
        assert_eq!(
            footer(Place::Library),
            "↑/↓ move · Enter open · R my record · L learner · ? help · q quit"
        );
        assert_eq!(
            footer(Place::Lesson),
            "←/→ page · ↑/↓ scroll · g/G first/last · Esc back · ? help · q quit"
        );
        assert_eq!(
            footer(Place::PickOne),
            "↑/↓ or 1-9 choose · Enter check · Esc leave"
        );
        assert_eq!(
            footer(Place::TrueFalse),
            "t/f or 1/2 choose · Enter check · Esc leave"
        );
        assert_eq!(
            footer(Place::Typed),
            "type the answer · Enter check · Esc leave"
        );
        assert_eq!(
            footer(Place::Order),
            "1-9 or Enter pick next · Backspace undo · Enter check · Esc leave"
        );
        assert_eq!(
            footer(Place::SelectAll),
            "Space/1-9 toggle · ↑/↓ move · Enter check · Esc leave"
        );
        assert_eq!(
            footer(Place::Picker),
            "↑/↓ choose · type a new name · Enter switch · Esc cancel"
        );
        assert_eq!(footer(Place::Confirm), "y leave · n stay");
    }

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
            PickOne,
            SelectAll,
            TrueFalse,
            Typed,
            Order,
            Feedback,
            Results,
            Picker,
            Confirm,
        ] {
            for (cmds, _, _) in footer_items(place) {
                for &cmd in *cmds {
                    assert!(
                        BINDINGS.iter().any(|b| b.cmd == cmd),
                        "{cmd:?} in {place:?}"
                    );
                }
            }
        }
    }
}
