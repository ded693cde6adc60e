//! The table: every key binding with its footer label and help text, in two parts: the
//! screens' keys here, the overlays' in `overlays.rs`.

use ratatui::crossterm::event::KeyCode;

use super::{Binding, Cmd, K, Layer};
use crate::app::Msg;

const fn c(ch: char) -> K {
    K::Code(KeyCode::Char(ch))
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

mod overlays;

/// Every binding, in help order: the screens' keys, then the overlays' (dialogs, help,
/// notices).
pub fn all() -> impl Iterator<Item = &'static Binding> {
    SCREENS.iter().chain(overlays::OVERLAYS)
}

/// The keys of the screens, the question's text and text fields.
const SCREENS: &[Binding] = &[
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
        help: Some(("Enter", "open; answer a question; go on")),
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
        help: Some(("q", "quit (asks first in a quiz or scenario)")),
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
        keys: &[K::Code(KeyCode::Right), c('l'), c('n')],
        msg: |_| Some(Msg::NextPage),
        short: "→",
        help: Some(("Right, l, n", "next page")),
    },
    Binding {
        cmd: Cmd::PageDown,
        layer: Layer::Common,
        keys: &[K::Code(KeyCode::PageDown)],
        msg: |_| Some(Msg::PageDown),
        short: "PgDn",
        help: Some(("Space, PgDn", "scroll a screen; next page at its end")),
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
        help: Some(("Left, h, PgUp, p", "previous page; a screen up (scenario)")),
    },
    Binding {
        cmd: Cmd::First,
        layer: Layer::Common,
        keys: &[K::Code(KeyCode::Home), c('g')],
        msg: |_| Some(Msg::FirstPage),
        short: "g",
        help: Some(("g/G, Home/End", "first / last page; top / end (scenario)")),
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
        cmd: Cmd::Search,
        layer: Layer::Common,
        keys: &[c('/')],
        msg: |_| Some(Msg::Search),
        short: "/",
        // One help row for the three, so the help still fits 24 rows.
        help: Some(("/, ] [, o", "search; next/previous match; outline")),
    },
    Binding {
        cmd: Cmd::NextMatch,
        layer: Layer::Common,
        keys: &[c(']')],
        msg: |_| Some(Msg::NextMatch),
        short: "]",
        help: None,
    },
    Binding {
        cmd: Cmd::PrevMatch,
        layer: Layer::Common,
        keys: &[c('[')],
        msg: |_| Some(Msg::PrevMatch),
        short: "[",
        help: None,
    },
    Binding {
        cmd: Cmd::Outline,
        layer: Layer::Common,
        keys: &[c('o')],
        msg: |_| Some(Msg::Outline),
        short: "o",
        help: None,
    },
    Binding {
        cmd: Cmd::Pick,
        layer: Layer::Common,
        keys: DIGITS,
        msg: digit,
        short: "1-9",
        // One row with Space, so the help still fits 24 rows with the question's scroll keys.
        help: Some(("1-9, Space", "pick a choice (toggle in 'select all')")),
    },
    Binding {
        cmd: Cmd::Toggle,
        layer: Layer::Common,
        keys: &[c(' ')],
        msg: |_| Some(Msg::Toggle),
        short: "Space",
        help: None,
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
        help: Some(("b / d", "step back / discard a run or attempt")),
    },
    Binding {
        cmd: Cmd::Discard,
        layer: Layer::Common,
        keys: &[c('d')],
        msg: |_| Some(Msg::Discard),
        short: "d",
        help: None,
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
    Binding {
        cmd: Cmd::Settings,
        layer: Layer::Common,
        keys: &[c('S')],
        msg: |_| Some(Msg::Settings),
        short: "S",
        help: Some(("S", "settings (theme, reading width, folders)")),
    },
    // A question being answered: PgUp/PgDn scroll its text, whatever the choices do (no
    // page to turn in a quiz, so the keys are free there).
    Binding {
        cmd: Cmd::QuestionUp,
        layer: Layer::Question,
        keys: &[K::Code(KeyCode::PageUp)],
        msg: |_| Some(Msg::QuestionUp),
        short: "PgUp",
        help: Some(("PgUp/PgDn", "scroll a long question's text (quiz)")),
    },
    Binding {
        cmd: Cmd::QuestionDown,
        layer: Layer::Question,
        keys: &[K::Code(KeyCode::PageDown)],
        msg: |_| Some(Msg::QuestionDown),
        short: "PgDn",
        help: None,
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
];

/// Notes under the key list in the help overlay and the man page.
pub const HELP_NOTES: &[&str] = &[
    "Typed answers: ←/→, Backspace, Delete; F1 shows this help.",
    "↑/↓, PgUp/PgDn scroll this help; Esc, ? or q closes it.",
];
