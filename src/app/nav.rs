//! Moving between screens: push, back, quit.

use crate::app::{App, Effect, Msg, SaveState, Screen};

impl App {
    /// Opens a screen on top of the current one.
    pub(super) fn push(&mut self, screen: Screen) {
        let old = std::mem::replace(&mut self.screen, screen);
        self.history.push(old);
    }

    /// Returns to the previous screen; the effects (watching the lesson file again) must run.
    #[must_use]
    pub(super) fn back(&mut self) -> Vec<Effect> {
        let mut effects = Vec::new();
        if let Some(prev) = self.history.pop() {
            self.screen = prev;
            // Refit the restored screen to the current size (selection, wrapping, scroll).
            effects.extend(self.route(Msg::Resize(self.size.0, self.size.1)));
        }
        match &self.screen {
            // Back in a lesson from its quiz: watch its file again.
            Screen::Lesson(l) if self.watch => {
                effects.push(Effect::Watch(self.lesson_path(l.course, l.lesson)));
            }
            Screen::Lesson(_) => {}
            _ => effects.push(Effect::Watch(None)),
        }
        effects
    }

    /// Quits, or asks first when that would drop a quiz attempt.
    #[must_use]
    pub(super) fn quit_or_confirm(&mut self) -> Vec<Effect> {
        if self.screen.in_attempt() {
            self.ask_leave(true);
            vec![]
        } else {
            self.quit()
        }
    }

    /// Stops watching, retries a failed save, and leaves.
    #[must_use]
    pub(super) fn quit(&mut self) -> Vec<Effect> {
        self.quitting = true;
        let mut effects = vec![Effect::Watch(None)];
        // One last try for anything a failed save left only in memory.
        if matches!(self.save, SaveState::Failed(_)) {
            effects.extend(self.save_effect(true));
        } else if self.active.unsaved() {
            // Time on task credited since the last save.
            effects.extend(self.save_effect(false));
        }
        // Leaving waits for saves under way; say so while it does.
        if self.save_pending() {
            self.status = Some(crate::app::Notice::SavingBeforeQuit);
        }
        effects.push(Effect::Quit);
        effects
    }
}
