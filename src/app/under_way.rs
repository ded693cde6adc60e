//! What is under way (a quiz attempt or a scenario run) when the learner leaves it: the
//! leave dialog's three ways out, the same for both. Each hook dispatches on the screen, so
//! a quiz and a scenario answer the same keys the same way; saving a scenario's run under way
//! lives in app/runs.rs.

use crate::app::{App, Effect, Notice, Overlay, Screen, Subject};

impl App {
    /// What is under way on screen, for the dialogs' words.
    pub(super) fn under_way_subject(&self) -> Subject {
        match self.screen {
            Screen::Scenario(_) => Subject::Scenario,
            _ => Subject::Quiz,
        }
    }

    /// Asks whether to keep, discard or stay before leaving (`quit`: quitting rollcall).
    pub(super) fn ask_leave(&mut self, quit: bool) {
        self.overlay = Some(Overlay::ConfirmLeave {
            quit,
            subject: self.under_way_subject(),
            discarding: false,
        });
    }

    /// The leave dialog's `y`: keep what is under way for later, and say so.
    pub(super) fn keep_under_way(&mut self) -> Vec<Effect> {
        match &self.screen {
            Screen::Quiz(q) => {
                // Saved after every answer already: nothing more to write.
                let kept = self
                    .progress
                    .in_progress
                    .iter()
                    .any(|p| p.id == q.attempt_id && p.is_open());
                self.status = Some(if kept {
                    Notice::KeptForLater(Subject::Quiz)
                } else {
                    Notice::NothingToKeep
                });
                vec![]
            }
            Screen::Scenario(_) => {
                // With its time since the last choice (app/runs.rs).
                self.status = Some(Notice::KeptForLater(Subject::Scenario));
                self.keep_run_on_screen()
            }
            _ => vec![],
        }
    }

    /// The leave dialog's `d` then `y`: discard what is under way (nothing of it is recorded).
    pub(super) fn discard_under_way(&mut self) -> Vec<Effect> {
        match &self.screen {
            Screen::Quiz(_) => {
                self.status = Some(Notice::Discarded(Subject::Quiz));
                self.discard_in_progress()
            }
            Screen::Scenario(_) => {
                self.status = Some(Notice::Discarded(Subject::Scenario));
                self.discard_run_on_screen()
            }
            _ => vec![],
        }
    }

    /// Leaves after the dialog: quits rollcall, or goes back a screen.
    pub(super) fn leave_under_way(&mut self, quit: bool) -> Vec<Effect> {
        if quit { self.quit() } else { self.back() }
    }
}
