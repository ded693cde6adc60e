//! The scenario player: the situation with its meters and numbered choices, the consequence of
//! a choice, and the debrief at an ending. The run itself is [`crate::scenario::Run`].

use std::sync::Arc;

use crate::app::screens::{Action, Ctx, Outcome};
use crate::app::{Msg, Notice};
use crate::scenario::{Run, Scenario};

/// Rows above and below the scenario body: header, title, status line, footer.
pub const RESERVED_ROWS: u16 = 4;

/// Where the learner is in a scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScenarioPhase {
    /// Reading the file.
    Loading,
    /// The file did not load: the first problem.
    Failed(String),
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
        }
    }

    /// Whether leaving would lose a run under way (a decision taken, no ending yet).
    #[must_use]
    pub fn in_run(&self) -> bool {
        matches!(
            self.phase,
            ScenarioPhase::Situation | ScenarioPhase::Consequence { .. }
        ) && self.run.as_ref().is_some_and(|r| !r.decisions().is_empty())
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
                    self.run = Some(Run::new(&s));
                    self.started = Some(crate::app::stamp(ctx.now));
                    self.scenario = Some(s);
                    self.phase = ScenarioPhase::Situation;
                    self.scroll = 0;
                    Outcome::none()
                }
                Err(errors) => {
                    let first = errors.first().map(ToString::to_string).unwrap_or_default();
                    self.phase = ScenarioPhase::Failed(first);
                    Outcome::none()
                }
            };
        }
        match msg {
            Msg::Up => {
                self.scroll = self.scroll.saturating_sub(1);
                return Outcome::none();
            }
            Msg::Down => {
                self.scroll += 1;
                return Outcome::none();
            }
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
                Outcome::none()
            }
            (ScenarioPhase::Consequence { .. }, Msg::Enter | Msg::NextPage | Msg::Toggle) => {
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
                    Outcome::say(Notice::SteppedBack)
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
