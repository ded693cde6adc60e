//! The course screen: a course's lessons with their status.

use crate::app::Msg;
use crate::app::screens::{Action, Ctx, Outcome};

/// The course screen's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourseState {
    /// Course index in the library.
    pub course: usize,
    /// Selected lesson.
    pub selected: usize,
}

impl CourseState {
    /// Handles a message on the course screen.
    #[allow(clippy::needless_pass_by_value)] // Every screen's update takes its Msg by value.
    pub fn update(&mut self, ctx: &Ctx, msg: Msg) -> Outcome {
        let n = ctx.course(self.course).map_or(0, |c| c.lessons.len());
        match msg {
            // Back on this screen (or resized): keep the selection valid.
            Msg::Resize(..) => self.selected = self.selected.min(n.saturating_sub(1)),
            Msg::Up => self.selected = self.selected.saturating_sub(1),
            Msg::Down => self.selected = (self.selected + 1).min(n.saturating_sub(1)),
            Msg::FirstPage => self.selected = 0,
            Msg::LastPage => self.selected = n.saturating_sub(1),
            Msg::Enter if self.selected < n => {
                return Outcome::act(Action::OpenLesson {
                    course: self.course,
                    lesson: self.selected,
                });
            }
            Msg::Back => return Outcome::act(Action::Back),
            _ => {}
        }
        Outcome::none()
    }
}
