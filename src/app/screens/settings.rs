//! The Settings screen (`S`): each setting with its value; Left/Right (or Enter) steps theme
//! and reading width, Enter types a learner or folder. A change applies at once and is
//! written to the settings file.

use crate::app::Msg;
use crate::app::screens::{Action, Ctx, Outcome};
use crate::config::Key;

/// The Settings screen's state.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SettingsState {
    /// The selected row (an index into [`Key::ALL`]).
    pub selected: usize,
    /// The text being typed for the selected setting, while editing one.
    pub editing: Option<String>,
}

impl SettingsState {
    /// The selected setting.
    #[must_use]
    pub fn key(&self) -> Key {
        Key::ALL[self.selected.min(Key::ALL.len() - 1)]
    }

    /// Handles a message on the Settings screen.
    pub fn update(&mut self, ctx: &Ctx, msg: Msg) -> Outcome {
        let key = self.key();
        if let Some(text) = &mut self.editing {
            match msg {
                Msg::Input(c) => text.push(c),
                Msg::Backspace => {
                    text.pop();
                }
                Msg::Back => self.editing = None,
                Msg::Enter => {
                    let mut settings = ctx.settings.clone();
                    let changed = settings.set_text(key, text).is_some();
                    self.editing = None;
                    if !changed {
                        return Outcome::say(crate::app::Notice::BadSetting(key));
                    }
                    if settings != *ctx.settings {
                        return change(settings, key);
                    }
                }
                _ => {}
            }
            return Outcome::none();
        }
        match msg {
            Msg::SetSetting { key, text } => {
                let mut settings = ctx.settings.clone();
                if settings.set_text(key, &text).is_none() {
                    return Outcome::say(crate::app::Notice::BadSetting(key));
                }
                if settings != *ctx.settings {
                    return change(settings, key);
                }
            }
            Msg::Up => self.selected = self.selected.saturating_sub(1),
            Msg::Down => self.selected = (self.selected + 1).min(Key::ALL.len() - 1),
            Msg::Pick(n) if (1..=Key::ALL.len()).contains(&n) => self.selected = n - 1,
            Msg::Enter if key.is_text() => {
                self.editing = Some(match ctx.settings.value(key) {
                    Some(crate::config::settings::Value::Text(t)) => t,
                    _ => String::new(),
                });
            }
            Msg::Enter | Msg::NextPage | Msg::PrevPage => {
                let mut settings = ctx.settings.clone();
                if settings.step(key, msg == Msg::PrevPage).is_some() && settings != *ctx.settings {
                    return change(settings, key);
                }
            }
            Msg::Back => return Outcome::act(Action::Back),
            _ => {}
        }
        Outcome::none()
    }
}

/// Uses and saves the changed settings; a folder is checked first (at the edge) and refused
/// when it cannot be read, so a typo cannot keep rollcall from starting next time.
fn change(settings: crate::config::Settings, key: Key) -> Outcome {
    let folder = match key {
        Key::Courses => settings.courses.clone(),
        Key::DataDir => settings.data_dir.clone(),
        _ => None,
    };
    if let Some(folder) = folder {
        // Read as the settings file's relative folders are: from the file's folder.
        let base = settings.path.as_deref().and_then(std::path::Path::parent);
        let path = match base {
            Some(base) if folder.is_relative() => base.join(&folder),
            _ => folder,
        };
        return Outcome::act(Action::CheckFolder {
            settings: Box::new(settings),
            key,
            path,
        });
    }
    Outcome::act(Action::ChangeSetting {
        settings: Box::new(settings),
        key,
    })
}
