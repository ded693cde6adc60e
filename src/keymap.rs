//! The one keymap: every key binding, with its footer label and help text. `key_to_msg`, the
//! help overlay, every footer and the man page's KEYS section are all generated from
//! [`all_bindings`] (keymap/bindings.rs) and [`footer_items`] (keymap/footer.rs), so behaviour, help and footers cannot drift apart.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

mod bindings;
mod footer;

use crate::app::{App, MIN_SIZE, Msg, Overlay, QuizPhase, ScenarioPhase, Screen};
use crate::quiz::QuestionKind;

pub use bindings::{HELP_NOTES, all as all_bindings};
pub use footer::{
    Item, Place, QUESTION_SCROLL, footer, footer_fit, footer_items, footer_with, label, place,
    place_in,
};

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
    /// Scroll a screenful; next page at the end.
    PageDown,
    /// Previous page.
    Prev,
    /// Scroll a long question's text up.
    QuestionUp,
    /// Scroll a long question's text down.
    QuestionDown,
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
    /// The Settings screen.
    Settings,
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
    /// Discard an attempt or run under way.
    Discard,
    /// Any other key (closes help and notices).
    Dismiss,
    /// Open the search box.
    Search,
    /// Next search match.
    NextMatch,
    /// Previous search match.
    PrevMatch,
    /// The lesson's outline.
    Outline,
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
    /// A question being answered: its text scrolls apart from the choices.
    Question,
    /// Typing in a text field.
    Text,
    /// A yes/no question, or leaving an attempt or run (y keep, d discard, n stay).
    Confirm,
    /// Notices: any key closes.
    Dismiss,
    /// The help overlay: scroll keys scroll it; Esc, ? and q close it.
    Help,
    /// Lose unsaved work, or make a learner close to a known one? Only y says yes; any
    /// other key is no.
    ConfirmLoss,
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
    let confirm = matches!(
        app.overlay,
        Some(Overlay::ConfirmLeave { .. } | Overlay::DiskFull { .. })
    );
    // On the 'please enlarge' screen nothing is visible, so only leaving works.
    if app.size.0 < MIN_SIZE.0 || app.size.1 < MIN_SIZE.1 {
        return if confirm {
            &[Layer::Always, Layer::TooSmall, Layer::Confirm]
        } else {
            &[Layer::Always, Layer::TooSmall]
        };
    }
    match &app.overlay {
        Some(Overlay::Help { .. }) => return &[Layer::Always, Layer::Help],
        Some(Overlay::Notice(_)) => return &[Layer::Always, Layer::Dismiss],
        Some(Overlay::ConfirmLeave { .. }) => return &[Layer::Always, Layer::Confirm],
        Some(Overlay::DiskFull { .. }) => return &[Layer::Always, Layer::ConfirmLoss],
        // A new learner close to a known name: only y goes on (Enter is not a yes).
        Some(Overlay::Learner(p)) if p.similar.is_some() => {
            return &[Layer::Always, Layer::ConfirmLoss];
        }
        Some(Overlay::Learner(_) | Overlay::Search) => return &[Layer::Always, Layer::Text],
        Some(Overlay::Outline(_)) => return &[Layer::Always, Layer::Common],
        None => {}
    }
    if let Screen::Settings(s) = &app.screen
        && s.editing.is_some()
    {
        return &[Layer::Always, Layer::Text];
    }
    // Discarding a quiz attempt under way from the start screen: only y says yes.
    if let Screen::Quiz(q) = &app.screen
        && q.phase == QuizPhase::Start
        && q.confirm_discard
    {
        return &[Layer::Always, Layer::Confirm];
    }
    // Discarding a scenario run under way: only y says yes (Enter does nothing).
    if let Screen::Scenario(s) = &app.screen
        && s.phase
            == (ScenarioPhase::Resume {
                confirm_discard: true,
            })
    {
        return &[Layer::Always, Layer::Confirm];
    }
    if let Screen::Quiz(q) = &app.screen
        && q.phase == QuizPhase::Asking
    {
        return match q.question().map(|q| &q.kind) {
            Some(QuestionKind::Typed(_)) => &[Layer::Always, Layer::Question, Layer::Text],
            Some(QuestionKind::TrueFalse(_)) => &[
                Layer::Always,
                Layer::Question,
                Layer::TrueFalse,
                Layer::Common,
            ],
            _ => &[Layer::Always, Layer::Question, Layer::Common],
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
        for b in all_bindings().filter(|b| b.layer == layer) {
            if b.keys.iter().any(|&k| matches(k, key)) {
                return (b.msg)(key.code);
            }
        }
    }
    None
}

/// (keys, what they do) for the help overlay and the man page, in order.
pub fn help_rows() -> impl Iterator<Item = (&'static str, &'static str)> {
    all_bindings().filter_map(|b| b.help)
}
