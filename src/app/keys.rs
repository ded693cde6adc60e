//! Keys to messages: one small pure function per context.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::{App, Msg, Overlay, QuizPhase, Screen};
use crate::quiz::QuestionKind;

/// Turns a terminal event into a message; `None` for events that mean nothing here.
pub fn event_to_msg(app: &App, event: &Event) -> Option<Msg> {
    match event {
        // Windows reports releases too: only presses count, or every key fires twice.
        Event::Key(key) if key.kind == KeyEventKind::Press => key_to_msg(app, *key),
        Event::Resize(w, h) => Some(Msg::Resize(*w, *h)),
        _ => None,
    }
}

/// Turns a key press into a message for the current screen and overlay.
pub fn key_to_msg(app: &App, key: KeyEvent) -> Option<Msg> {
    if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
        return Some(Msg::Quit);
    }
    // On the 'please enlarge' screen nothing is visible, so only leaving works.
    if app.size.0 < crate::app::MIN_SIZE.0 || app.size.1 < crate::app::MIN_SIZE.1 {
        return match (key.code, &app.overlay) {
            (KeyCode::Char('y'), Some(Overlay::ConfirmLeave { .. })) => Some(Msg::Confirm(true)),
            (KeyCode::Char('n') | KeyCode::Esc, Some(Overlay::ConfirmLeave { .. })) => {
                Some(Msg::Confirm(false))
            }
            (KeyCode::Char('q'), _) => Some(Msg::Quit),
            _ => None,
        };
    }
    match &app.overlay {
        Some(Overlay::Help | Overlay::Notice(_)) => {
            return Some(if key.code == KeyCode::Char('q') {
                Msg::Quit
            } else {
                Msg::Back
            });
        }
        Some(Overlay::ConfirmLeave { .. }) => {
            return match key.code {
                KeyCode::Char('y' | 'Y') | KeyCode::Enter => Some(Msg::Confirm(true)),
                KeyCode::Char('n' | 'N') | KeyCode::Esc => Some(Msg::Confirm(false)),
                _ => None,
            };
        }
        Some(Overlay::Learner(p)) if p.selected >= p.names.len() => return text_key(key),
        Some(Overlay::Learner(_)) => {
            return match key.code {
                KeyCode::Up => Some(Msg::Up),
                KeyCode::Down => Some(Msg::Down),
                _ => text_key(key),
            };
        }
        None => {}
    }
    if let Screen::Quiz(q) = &app.screen
        && q.phase == QuizPhase::Asking
    {
        let kind = q.question().map(|q| &q.kind);
        return match kind {
            Some(QuestionKind::Typed(_)) => text_key(key),
            Some(QuestionKind::TrueFalse(_)) => match key.code {
                KeyCode::Char('t' | 'T') => Some(Msg::TrueFalse(true)),
                KeyCode::Char('f' | 'F') => Some(Msg::TrueFalse(false)),
                _ => common_key(key),
            },
            _ => common_key(key),
        };
    }
    common_key(key)
}

/// Keys while typing in a text field: characters are text, not commands.
fn text_key(key: KeyEvent) -> Option<Msg> {
    match key.code {
        KeyCode::Enter => Some(Msg::Enter),
        KeyCode::Esc => Some(Msg::Back),
        KeyCode::Backspace => Some(Msg::Backspace),
        KeyCode::Delete => Some(Msg::Delete),
        KeyCode::Left => Some(Msg::CursorLeft),
        KeyCode::Right => Some(Msg::CursorRight),
        KeyCode::Home => Some(Msg::FirstPage),
        KeyCode::End => Some(Msg::LastPage),
        KeyCode::Up => Some(Msg::Up),
        KeyCode::Down => Some(Msg::Down),
        KeyCode::F(1) => Some(Msg::Help),
        KeyCode::Char(c) if !c.is_control() => Some(Msg::Input(c)),
        _ => None,
    }
}

/// Keys shared by every screen.
fn common_key(key: KeyEvent) -> Option<Msg> {
    let msg = match key.code {
        KeyCode::Char('q') => Msg::Quit,
        KeyCode::Char('?') | KeyCode::F(1) => Msg::Help,
        KeyCode::Up | KeyCode::Char('k') => Msg::Up,
        KeyCode::Down | KeyCode::Char('j') => Msg::Down,
        KeyCode::Enter => Msg::Enter,
        KeyCode::Esc => Msg::Back,
        KeyCode::Right | KeyCode::Char('l' | 'n') | KeyCode::PageDown => Msg::NextPage,
        KeyCode::Left | KeyCode::Char('h' | 'p') | KeyCode::PageUp => Msg::PrevPage,
        KeyCode::Char(' ') => Msg::Toggle,
        KeyCode::Home | KeyCode::Char('g') => Msg::FirstPage,
        KeyCode::End | KeyCode::Char('G') => Msg::LastPage,
        KeyCode::Backspace => Msg::Backspace,
        KeyCode::Char('r') => Msg::Retake,
        KeyCode::Char('L') => Msg::SwitchLearner,
        KeyCode::Char('R') => Msg::Record,
        KeyCode::Char(c @ '1'..='9') => Msg::Pick(c as usize - '0' as usize),
        _ => return None,
    };
    Some(msg)
}

/// The keys, for the help overlay and the README: (keys, what they do).
pub const HELP: &[(&str, &str)] = &[
    ("Up/Down, k/j", "move the selection or scroll"),
    ("Enter", "open; check an answer; go on"),
    ("Esc", "go back"),
    ("q", "quit (asks first during a quiz)"),
    ("?", "this help"),
    ("Right, l, Space, PgDn, n", "next page"),
    ("Left, h, PgUp, p", "previous page"),
    ("g/G, Home/End", "first / last page"),
    ("1-9", "pick a choice (toggle in 'select all')"),
    ("Space", "toggle a choice in 'select all'"),
    ("t / f", "answer true / false"),
    ("Backspace", "undo the last pick (order)"),
    ("r", "retake the quiz (results)"),
    ("L", "switch learner"),
    ("R", "my record"),
];
