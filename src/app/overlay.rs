//! What is drawn over the screen (help, confirmations, the learner picker, search, outline)
//! and how each answers a key.

use super::{App, Effect, LearnerPicker, Msg, Notice, search};

/// What is under way when the learner is asked whether to keep or discard it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// A quiz attempt.
    Quiz,
    /// A scenario run.
    Scenario,
}

/// Overlays drawn over the screen.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    /// Key help, scrolled down `scroll` rows.
    Help {
        /// First row shown.
        scroll: usize,
    },
    /// Leave a quiz attempt or scenario run under way: keep it for later (y), discard it
    /// (d, then y), or stay (n, Esc)? `quit`: leave the program too.
    ConfirmLeave {
        /// Quit the program rather than go back.
        quit: bool,
        /// What is under way.
        subject: Subject,
        /// `d` was pressed: the dialog asks "Discard it?", which only `y` confirms.
        discarding: bool,
    },
    /// Pick or type a learner.
    Learner(LearnerPicker),
    /// A message that must be read (e.g. a broken progress file).
    Notice(Notice),
    /// Quitting, a save failed for want of space: quit and lose what is only in memory?
    DiskFull {
        /// The last quiz attempt is among what would be lost.
        attempt: bool,
    },
    /// The search box (its state is `App::search`, which outlives the box).
    Search,
    /// The open lesson's headings.
    Outline(search::Outline),
}

impl App {
    pub(super) fn update_overlay(&mut self, overlay: Overlay, msg: Msg) -> Vec<Effect> {
        match overlay {
            Overlay::Help { scroll } => {
                let last = crate::ui::help_max_scroll(self.size);
                let page = usize::from(self.size.1.saturating_sub(3)).max(1);
                let scroll = match msg {
                    // Esc, ? and q close the help; other keys scroll it or do nothing.
                    Msg::Back | Msg::Help | Msg::Quit => return vec![],
                    Msg::Up => scroll.saturating_sub(1),
                    Msg::Down => scroll + 1,
                    Msg::PageDown | Msg::Toggle => scroll + page,
                    Msg::PrevPage => scroll.saturating_sub(page),
                    Msg::FirstPage => 0,
                    Msg::LastPage => last,
                    _ => scroll,
                };
                self.overlay = Some(Overlay::Help {
                    scroll: scroll.min(last),
                });
                vec![]
            }
            Overlay::Notice(_) => vec![],
            Overlay::DiskFull { .. } => {
                if msg == Msg::Confirm(true) {
                    // The learner chose to leave without what could not be written.
                    self.force_quit = true;
                    self.quitting = true;
                    return vec![Effect::Watch(None), Effect::Quit];
                }
                self.status = Some(Notice::StayedUnsaved);
                vec![]
            }
            // Three ways out, none on Enter (defect 2): y keeps what is under way for later,
            // d asks to discard it, n or Esc stays. Only y confirms a destructive choice,
            // everywhere, so d alone discards nothing: "Discard it?" then y.
            Overlay::ConfirmLeave {
                quit,
                subject,
                discarding: false,
            } => match msg {
                Msg::Confirm(true) => {
                    let mut effects = self.keep_under_way();
                    effects.extend(self.leave_under_way(quit));
                    effects
                }
                Msg::Discard => {
                    self.overlay = Some(Overlay::ConfirmLeave {
                        quit,
                        subject,
                        discarding: true,
                    });
                    vec![]
                }
                Msg::Confirm(false) | Msg::Back => vec![],
                _ => {
                    self.overlay = Some(overlay);
                    vec![]
                }
            },
            // "Discard it?": y discards and leaves; n or Esc goes back to the three ways out.
            Overlay::ConfirmLeave {
                quit,
                subject,
                discarding: true,
            } => {
                match msg {
                    Msg::Confirm(true) => {
                        let mut effects = self.discard_under_way();
                        effects.extend(self.leave_under_way(quit));
                        return effects;
                    }
                    Msg::Confirm(false) | Msg::Back => {
                        self.overlay = Some(Overlay::ConfirmLeave {
                            quit,
                            subject,
                            discarding: false,
                        });
                    }
                    _ => self.overlay = Some(overlay),
                }
                vec![]
            }
            Overlay::Search => self.search_key(&msg),
            Overlay::Outline(outline) => self.outline_key(outline, &msg),
            Overlay::Learner(mut picker) => {
                let outcome = picker.update(&self.ctx(), msg);
                if !picker.closed {
                    self.overlay = Some(Overlay::Learner(picker));
                }
                self.apply(outcome)
            }
        }
    }
}
