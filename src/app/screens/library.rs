//! The library screen: every course, then the courses that cannot be opened.

use crate::app::screens::{Action, Ctx, Outcome};
use crate::app::{Msg, Notice};

/// The library screen's state.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LibraryState {
    /// Selected row (courses, then broken courses).
    pub selected: usize,
}

impl LibraryState {
    /// Handles a message on the library screen.
    #[allow(clippy::needless_pass_by_value)] // Every screen's update takes its Msg by value.
    pub fn update(&mut self, ctx: &Ctx, msg: Msg) -> Outcome {
        let rows = ctx.library.courses.len() + ctx.library.broken.len();
        match msg {
            Msg::Up => self.selected = self.selected.saturating_sub(1),
            Msg::Down => self.selected = (self.selected + 1).min(rows.saturating_sub(1)),
            Msg::FirstPage => self.selected = 0,
            Msg::LastPage => self.selected = rows.saturating_sub(1),
            Msg::Enter => {
                let idx = self.selected;
                if let Some(&course) = ctx.library_order().get(idx) {
                    return Outcome::act(Action::OpenCourse(course));
                }
                if let Some(b) = ctx.library.broken.get(idx - ctx.library.courses.len()) {
                    return Outcome::say(Notice::CannotOpenCourse(b.error.to_string()));
                }
            }
            _ => {}
        }
        Outcome::none()
    }
}
