//! The scenario player: the situation with its meters and numbered choices, the consequence of
//! a choice, and the debrief at an ending. The run itself is [`crate::scenario::Run`].

use std::sync::Arc;

use crate::app::screens::{Action, Ctx, Outcome};
use crate::app::{Msg, Notice};
use crate::scenario::{Run, RunContext, RunInProgress, Scenario};

/// Rows above and below the scenario body: header, title, status line, footer.
pub const RESERVED_ROWS: u16 = 4;

/// Where the learner is in a scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScenarioPhase {
    /// Reading the file.
    Loading,
    /// The file did not load: the first problem.
    Failed(String),
    /// A run under way was found in the record (`ScenarioState::resume`): Enter continues
    /// it; `d` discards it once `y` confirms (`confirm_discard`).
    Resume {
        /// Asking whether to discard it (only `y` says yes).
        confirm_discard: bool,
    },
    /// A situation with its choices.
    Situation,
    /// The consequence of the choice just taken at `node`.
    Consequence {
        /// The node where the choice was taken.
        node: usize,
        /// The choice, 0-based.
        choice: usize,
    },
    /// The debrief at an ending.
    Debrief,
}

/// The scenario player's state.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioState {
    /// Course index.
    pub course: usize,
    /// Lesson index.
    pub lesson: usize,
    /// The scenario, once loaded.
    pub scenario: Option<Arc<Scenario>>,
    /// The run under way.
    pub run: Option<Run>,
    /// Where the learner is.
    pub phase: ScenarioPhase,
    /// First visible line of the body (the view clamps it).
    pub scroll: usize,
    /// Runs finished on this screen (each one recorded).
    pub finished: usize,
    /// When the run under way started.
    pub started: Option<crate::progress::Stamp>,
    /// A run under way found in the record when the scenario opened, which replays in this
    /// scenario: the Resume phase offers to continue it.
    pub resume: Option<RunInProgress>,
}

impl ScenarioState {
    /// A player waiting for its file.
    #[must_use]
    pub fn loading(course: usize, lesson: usize) -> Self {
        Self {
            course,
            lesson,
            scenario: None,
            run: None,
            phase: ScenarioPhase::Loading,
            scroll: 0,
            finished: 0,
            started: None,
            resume: None,
        }
    }

    /// Whether a run is under way (a decision or a step back taken, no ending yet): leaving
    /// asks whether to keep it.
    #[must_use]
    pub fn in_run(&self) -> bool {
        matches!(
            self.phase,
            ScenarioPhase::Situation | ScenarioPhase::Consequence { .. }
        ) && self
            .run
            .as_ref()
            .is_some_and(|r| !r.decisions().is_empty() || r.backs() > 0)
    }

    /// The run as it stands, to be kept in the record until it ends (`None` before the
    /// scenario loads or for a course no longer in the library).
    #[must_use]
    pub fn under_way(&self, ctx: &Ctx) -> Option<RunInProgress> {
        let (scenario, run, started) = (self.scenario.as_ref()?, self.run.as_ref()?, self.started?);
        let (course, lesson) = ctx.ids(self.course, self.lesson)?;
        let at = RunContext {
            learner: ctx.learner,
            course: &course,
            course_version: &ctx.course(self.course)?.version,
            lesson: &lesson,
            started,
            finished: crate::app::stamp(ctx.now),
        };
        // The app fills in the active time (it keeps the count).
        Some(RunInProgress::new(scenario, run, at, 0))
    }

    /// Saves the run as it stands (after a choice or a step back), with `notice` if any.
    fn save(&self, ctx: &Ctx, notice: Option<Notice>) -> Outcome {
        let mut outcome = self.under_way(ctx).map_or_else(Outcome::none, |p| {
            Outcome::act(Action::SaveRun(Box::new(p)))
        });
        outcome.notice = notice;
        outcome
    }

    /// The scenario was read: offer to continue a run under way, else start a new run.
    fn loaded(&mut self, ctx: &Ctx, scenario: Arc<Scenario>) {
        let version = ctx
            .course(self.course)
            .map(|c| scenario.version_or(&c.version));
        let found = ctx
            .ids(self.course, self.lesson)
            .and_then(|(c, l)| ctx.progress.open_run(&c, &l).cloned())
            .and_then(|p| Some((p.replay(&scenario, version.as_deref()?)?, p)));
        self.scroll = 0;
        if let Some((run, p)) = found {
            // The gauges show where the run stands while the learner decides.
            self.run = Some(run);
            self.started = Some(p.started);
            self.resume = Some(p);
            self.phase = ScenarioPhase::Resume {
                confirm_discard: false,
            };
        } else {
            self.run = Some(Run::new(&scenario));
            self.started = Some(crate::app::stamp(ctx.now));
            self.resume = None;
            self.phase = ScenarioPhase::Situation;
        }
        self.scenario = Some(scenario);
    }

    /// The Resume phase: Enter continues the run; `d`, then `y`, discards it and starts a
    /// new one; anything else asks again.
    fn update_resume(&mut self, ctx: &Ctx, confirm_discard: bool, msg: Msg) -> Outcome {
        let Some(scenario) = self.scenario.clone() else {
            return Outcome::none();
        };
        match (confirm_discard, msg) {
            (false, Msg::Enter) => {
                let Some(p) = self.resume.take() else {
                    return Outcome::none();
                };
                // At an ending already (the run was interrupted on its last consequence):
                // that consequence again, so Enter goes on to the debrief and records it.
                let last = self.run.as_ref().and_then(|r| {
                    r.ending(&scenario)?;
                    let d = r.decisions().last()?;
                    Some((d.node, d.choice))
                });
                self.phase = match last {
                    Some((node, choice)) => ScenarioPhase::Consequence { node, choice },
                    None => ScenarioPhase::Situation,
                };
                Outcome::act(Action::ResumeRun(Box::new(p))).with(Notice::RunResumed)
            }
            (false, Msg::Discard) => {
                self.phase = ScenarioPhase::Resume {
                    confirm_discard: true,
                };
                Outcome::none()
            }
            (true, Msg::Confirm(true)) => {
                let Some(p) = self.resume.take() else {
                    return Outcome::none();
                };
                self.run = Some(Run::new(&scenario));
                self.started = Some(crate::app::stamp(ctx.now));
                self.phase = ScenarioPhase::Situation;
                Outcome::act(Action::DiscardRun(p.id))
                    .with(Notice::Discarded(crate::app::Subject::Scenario))
            }
            (true, Msg::Confirm(false) | Msg::Back) => {
                self.phase = ScenarioPhase::Resume {
                    confirm_discard: false,
                };
                Outcome::none()
            }
            _ => Outcome::none(),
        }
    }

    /// Handles a message in the player.
    pub fn update(&mut self, ctx: &Ctx, msg: Msg) -> Outcome {
        if let Msg::ScenarioLoaded {
            course,
            lesson,
            result,
        } = msg
        {
            if (course, lesson) != (self.course, self.lesson) {
                return Outcome::none();
            }
            return match result {
                Ok(s) => {
                    self.loaded(ctx, s);
                    Outcome::none()
                }
                Err(errors) => {
                    let first = errors.first().map(ToString::to_string).unwrap_or_default();
                    self.phase = ScenarioPhase::Failed(first);
                    Outcome::none()
                }
            };
        }
        if let ScenarioPhase::Resume { confirm_discard } = self.phase
            && (confirm_discard || !matches!(msg, Msg::Up | Msg::Down | Msg::Back))
        {
            return self.update_resume(ctx, confirm_discard, msg);
        }
        // Space is PgDn here, as in the lesson reader (the help says so): a screenful, and
        // at the end of a consequence on to what follows.
        let msg = if msg == Msg::Toggle {
            Msg::PageDown
        } else {
            msg
        };
        // The body scrolls as the lesson reader does, within its lines (so that Up after End
        // moves at once): a line, a screenful, or to the top or the end.
        let (page, max) = crate::ui::scenario::scroll_range(self, ctx);
        let scroll = match msg {
            Msg::Up => Some(self.scroll.saturating_sub(1)),
            Msg::Down => Some(self.scroll + 1),
            Msg::PrevPage => Some(self.scroll.saturating_sub(page)),
            Msg::PageDown if self.scroll < max => Some(self.scroll + page),
            Msg::FirstPage => Some(0),
            Msg::LastPage => Some(max),
            _ => None,
        };
        if let Some(scroll) = scroll {
            self.scroll = scroll.min(max);
            return Outcome::none();
        }
        // PgDn at the end goes on, as Right does (the lesson turns its page there).
        let msg = if msg == Msg::PageDown {
            Msg::NextPage
        } else {
            msg
        };
        match msg {
            Msg::Back if self.in_run() => return Outcome::act(Action::LeaveQuiz),
            Msg::Back => return Outcome::act(Action::ScenarioDone { go_on: false }),
            _ => {}
        }
        let (Some(scenario), Some(run)) = (self.scenario.clone(), self.run.as_mut()) else {
            return Outcome::none();
        };
        match (&self.phase, msg) {
            (ScenarioPhase::Situation, Msg::Pick(n)) => {
                let node = run.node();
                let index = n.saturating_sub(1);
                if run.choose(&scenario, index).is_none() {
                    return Outcome::say(Notice::NoSuchChoice(n));
                }
                self.phase = ScenarioPhase::Consequence {
                    node,
                    choice: index,
                };
                self.scroll = 0;
                // Kept at once: a kill or a quit after this choice loses nothing.
                self.save(ctx, None)
            }
            (ScenarioPhase::Consequence { .. }, Msg::Enter | Msg::NextPage) => {
                self.scroll = 0;
                if let Some(ending) = run.ending(&scenario) {
                    self.phase = ScenarioPhase::Debrief;
                    self.finished += 1;
                    let passed = scenario.passes(ending);
                    let started = self.started.unwrap_or_else(|| crate::app::stamp(ctx.now));
                    return Outcome::act(Action::RunFinished {
                        run: Box::new(run.clone()),
                        started,
                    })
                    .with(Notice::ScenarioEnded { passed });
                }
                self.phase = ScenarioPhase::Situation;
                Outcome::none()
            }
            (ScenarioPhase::Situation | ScenarioPhase::Consequence { .. }, Msg::StepBack) => {
                if run.back() {
                    self.phase = ScenarioPhase::Situation;
                    self.scroll = 0;
                    self.save(ctx, Some(Notice::SteppedBack))
                } else {
                    Outcome::say(Notice::NothingToStepBack)
                }
            }
            (ScenarioPhase::Debrief, Msg::Retake) => {
                *run = Run::new(&scenario);
                self.started = Some(crate::app::stamp(ctx.now));
                self.phase = ScenarioPhase::Situation;
                self.scroll = 0;
                Outcome::none()
            }
            (ScenarioPhase::Debrief, Msg::Enter) => {
                Outcome::act(Action::ScenarioDone { go_on: true })
            }
            _ => Outcome::none(),
        }
    }
}
