//! The learner picker (an overlay): known names plus a field for a new one.

use crate::app::Msg;
use crate::app::screens::{Action, Ctx, Outcome};
use crate::progress::store::{MAX_LEARNER_CHARS, learner_key, same_learner, validate_learner};

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
    /// A known name close to the typed one: asking whether a new learner is meant.
    pub similar: Option<String>,
    /// Set once the picker should close.
    pub closed: bool,
}

impl LearnerPicker {
    /// Handles a message in the picker; sets `closed` when it should go away.
    pub fn update(&mut self, ctx: &Ctx, msg: Msg) -> Outcome {
        let on_field = self.selected >= self.names.len();
        if self.similar.is_some() {
            // Only a yes goes on; anything else goes back to the name. A name that differs
            // only in case is the same learner (identity ignores case): switch to them.
            if let Some(known) = self.similar.take()
                && msg == Msg::Confirm(true)
            {
                let typed = self.input.trim().to_string();
                return self.switch(if same_learner(&known, &typed) {
                    known
                } else {
                    typed
                });
            }
            return Outcome::none();
        }
        match msg {
            Msg::Learners(names) => {
                self.selected = names
                    .iter()
                    .position(|n| same_learner(n, ctx.learner))
                    .unwrap_or(0);
                self.names = names;
            }
            Msg::Back => self.closed = true,
            Msg::Quit => return Outcome::act(Action::Quit),
            Msg::Up => self.selected = self.selected.saturating_sub(1),
            Msg::Down => self.selected = (self.selected + 1).min(self.names.len()),
            Msg::FirstPage if !on_field => self.selected = 0,
            Msg::LastPage if !on_field => self.selected = self.names.len(),
            Msg::Input(c) if self.input.chars().count() < MAX_LEARNER_CHARS => {
                // Typing a name goes to the 'new learner' field wherever the selection was.
                self.selected = self.names.len();
                self.input.push(c);
                self.error = None;
            }
            Msg::Backspace if on_field => {
                self.input.pop();
            }
            Msg::Enter if on_field => {
                let name = self.input.trim().to_string();
                // The learner this name is (case aside) wins over a name one letter off.
                let known = self
                    .names
                    .iter()
                    .find(|k| same_learner(k, &name))
                    .or_else(|| self.names.iter().find(|k| close(k, &name)));
                if !self.names.contains(&name)
                    && let Some(known) = known
                {
                    self.similar = Some(known.clone());
                    return Outcome::none();
                }
                return self.switch(name);
            }
            Msg::Enter => {
                if let Some(name) = self.names.get(self.selected) {
                    return self.switch(name.clone());
                }
            }
            _ => {}
        }
        Outcome::none()
    }

    fn switch(&mut self, name: String) -> Outcome {
        match validate_learner(&name) {
            Ok(()) => {
                self.closed = true;
                Outcome::act(Action::SwitchTo(name))
            }
            Err(e) => {
                self.error = Some(e.to_string());
                Outcome::none()
            }
        }
    }
}

/// Whether two learner names are close enough to be one person typed two ways: the same
/// but for case, or one edit (insert, delete, change a letter) apart, ignoring case.
#[must_use]
pub fn close(a: &str, b: &str) -> bool {
    let a: Vec<char> = learner_key(a).chars().collect();
    let b: Vec<char> = learner_key(b).chars().collect();
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    // Skip the common prefix and suffix; what is left must be at most one letter each.
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    let suffix = short[prefix..]
        .iter()
        .rev()
        .zip(long[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    short.len() - prefix - suffix <= 1 && long.len() - prefix - suffix <= 1
}

#[cfg(test)]
mod tests {
    use super::close;

    #[test]
    fn names_one_edit_or_case_apart_are_close() {
        assert!(close("jdoe", "JDoe"));
        assert!(close("jdoe", "jdo"));
        assert!(close("jdoe", "jdoe2"));
        assert!(close("jdoe", "jdxe"));
        assert!(close("anna", "ana"));
        assert!(!close("jdoe", "jd"));
        assert!(!close("jdoe", "bwayne"));
        assert!(!close("jdoe", "doej"));
    }
}
