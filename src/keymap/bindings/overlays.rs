//! The overlays' keys: yes/no dialogs, the help overlay, notices and the 'please enlarge'
//! screen (the second part of the one table; see `all`).

use ratatui::crossterm::event::KeyCode;

use super::{Binding, Cmd, K, Layer, c};
use crate::app::Msg;

/// Bindings of the overlays, in help order after the screens'.
pub(super) const OVERLAYS: &[Binding] = &[
    // Yes/no questions; leaving an attempt or run: y keeps it, d discards it, n stays.
    Binding {
        cmd: Cmd::Yes,
        layer: Layer::Confirm,
        // Not Enter: a stray Enter must never confirm a destructive choice.
        keys: &[c('y'), c('Y')],
        msg: |_| Some(Msg::Confirm(true)),
        short: "y",
        help: None,
    },
    Binding {
        cmd: Cmd::Discard,
        layer: Layer::Confirm,
        keys: &[c('d'), c('D')],
        msg: |_| Some(Msg::Discard),
        short: "d",
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
    // The help overlay.
    Binding {
        cmd: Cmd::Back,
        layer: Layer::Help,
        keys: &[
            K::Code(KeyCode::Esc),
            c('q'),
            c('?'),
            K::Code(KeyCode::F(1)),
        ],
        msg: |_| Some(Msg::Back),
        short: "Esc",
        help: None,
    },
    Binding {
        cmd: Cmd::Up,
        layer: Layer::Help,
        keys: &[K::Code(KeyCode::Up), c('k')],
        msg: |_| Some(Msg::Up),
        short: "↑",
        help: None,
    },
    Binding {
        cmd: Cmd::Down,
        layer: Layer::Help,
        keys: &[K::Code(KeyCode::Down), c('j')],
        msg: |_| Some(Msg::Down),
        short: "↓",
        help: None,
    },
    Binding {
        cmd: Cmd::PageDown,
        layer: Layer::Help,
        keys: &[K::Code(KeyCode::PageDown), c(' ')],
        msg: |_| Some(Msg::PageDown),
        short: "PgDn",
        help: None,
    },
    Binding {
        cmd: Cmd::Prev,
        layer: Layer::Help,
        keys: &[K::Code(KeyCode::PageUp)],
        msg: |_| Some(Msg::PrevPage),
        short: "PgUp",
        help: None,
    },
    Binding {
        cmd: Cmd::First,
        layer: Layer::Help,
        keys: &[K::Code(KeyCode::Home), c('g')],
        msg: |_| Some(Msg::FirstPage),
        short: "g",
        help: None,
    },
    Binding {
        cmd: Cmd::Last,
        layer: Layer::Help,
        keys: &[K::Code(KeyCode::End), c('G')],
        msg: |_| Some(Msg::LastPage),
        short: "G",
        help: None,
    },
    // Losing unsaved work: only y says yes.
    Binding {
        cmd: Cmd::Yes,
        layer: Layer::ConfirmLoss,
        keys: &[c('y'), c('Y')],
        msg: |_| Some(Msg::Confirm(true)),
        short: "y",
        help: None,
    },
    Binding {
        cmd: Cmd::No,
        layer: Layer::ConfirmLoss,
        keys: &[K::Any],
        msg: |_| Some(Msg::Confirm(false)),
        short: "any other key",
        help: None,
    },
    // Notices.
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
