//! The learner picker (an overlay): known names plus a field for a new one.

use crate::app::Msg;
use crate::app::screens::{Action, Ctx, Outcome};
use crate::progress::store::{MAX_LEARNER_CHARS, validate_learner};

/// The learner picker: known names plus a field for a new one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LearnerPicker {
    /// Known learners.
    pub names: Vec<String>,
    /// Selected row; `names.len()` is the 'new learner' field.
    pub selected: usize,
    /// Text typed for a new learner.
    pub input: String,
    /// Why the typed name was refused.
    pub error: Option<String>,
    /// Set once the picker should close.
    pub closed: bool,
}

impl LearnerPicker {
    /// Handles a message in the picker; sets `closed` when it should go away.
    pub fn update(&mut self, ctx: &Ctx, msg: Msg) -> Outcome {
        let on_field = self.selected >= self.names.len();
        match msg {
            Msg::Learners(names) => {
                self.selected = names.iter().position(|n| n == ctx.learner).unwrap_or(0);
                self.names = names;
            }
            Msg::Back => self.closed = true,
            Msg::Quit => return Outcome::act(Action::Quit),
            Msg::Up => self.selected = self.selected.saturating_sub(1),
            Msg::Down => self.selected = (self.selected + 1).min(self.names.len()),
            Msg::Input(c) if self.input.chars().count() < MAX_LEARNER_CHARS => {
                // Typing a name goes to the 'new learner' field wherever the selection was.
                self.selected = self.names.len();
                self.input.push(c);
                self.error = None;
            }
            Msg::Backspace if on_field => {
                self.input.pop();
            }
            Msg::Enter => {
                let name = if on_field {
                    self.input.trim().to_string()
                } else {
                    self.names[self.selected].clone()
                };
                match validate_learner(&name) {
                    Ok(()) => {
                        self.closed = true;
                        return Outcome::act(Action::SwitchTo(name));
                    }
                    Err(e) => self.error = Some(e.to_string()),
                }
            }
            _ => {}
        }
        Outcome::none()
    }
}
