//! What the app does when a setting's write or a typed folder's check comes back.

use crate::app::screens::{Action, Outcome};
use crate::app::{App, Effect, Msg, Notice};

impl App {
    /// A setting written (or not), or a folder checked: say so, and use a folder that can
    /// be read.
    pub(super) fn on_setting(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::SettingSaved { key, result } => {
                self.settings_file_exists |= result.is_ok();
                self.status = Some(match result {
                    Ok(()) => Notice::SettingSaved(key),
                    Err(why) => Notice::SettingNotSaved(why),
                });
                vec![]
            }
            Msg::FolderChecked {
                settings,
                key,
                result: Ok(()),
                ..
            } => self.apply(Outcome::act(Action::ChangeSetting { settings, key })),
            Msg::FolderChecked {
                key,
                path,
                result: Err(why),
                ..
            } => {
                self.status = Some(Notice::FolderRefused { key, path, why });
                vec![]
            }
            _ => vec![],
        }
    }
}
