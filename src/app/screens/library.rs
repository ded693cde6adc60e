//! The library screen: every course, then the courses that cannot be opened.

use crate::app::screens::{Action, Ctx, Outcome};
use crate::app::{Msg, Notice};
use crate::progress::{Progress, Stamp};

/// The library screen's state.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LibraryState {
    /// Selected row (courses, then broken courses).
    pub selected: usize,
    /// Select the learner's last course at the first chance (the first size message, once
    /// the library order is known).
    pub resume: bool,
}

impl LibraryState {
    /// A library that opens on the learner's last course.
    #[must_use]
    pub fn resuming() -> Self {
        Self {
            selected: 0,
            resume: true,
        }
    }

    /// Handles a message on the library screen.
    #[allow(clippy::needless_pass_by_value)] // Every screen's update takes its Msg by value.
    pub fn update(&mut self, ctx: &Ctx, msg: Msg) -> Outcome {
        let rows = ctx.library.courses.len() + ctx.library.broken.len();
        match msg {
            Msg::Resize(..) if self.resume => {
                self.resume = false;
                self.selected = last_used_row(ctx).unwrap_or(0);
            }
            Msg::Resize(..) => self.selected = self.selected.min(rows.saturating_sub(1)),
            Msg::Up => self.selected = self.selected.saturating_sub(1),
            Msg::Down => self.selected = (self.selected + 1).min(rows.saturating_sub(1)),
            Msg::FirstPage => self.selected = 0,
            Msg::LastPage => self.selected = rows.saturating_sub(1),
            // Rows are numbered on screen: a number jumps to its row.
            Msg::Pick(n) if (1..=rows).contains(&n) => self.selected = n - 1,
            Msg::Enter => {
                let idx = self.selected;
                if let Some(&course) = ctx.library_order().get(idx) {
                    return Outcome::act(Action::OpenCourse(course));
                }
                if let Some(b) = ctx
                    .library
                    .broken
                    .get(idx.saturating_sub(ctx.library.courses.len()))
                {
                    return Outcome::say(Notice::CannotOpenCourse(b.error.to_string()));
                }
            }
            _ => {}
        }
        Outcome::none()
    }
}

/// The row of the course the learner used last (opened, read or answered a quiz in), as
/// the record shows it: the library remembers it per learner without a field of its own.
fn last_used_row(ctx: &Ctx) -> Option<usize> {
    let order = ctx.library_order();
    let mut best: Option<(Stamp, usize)> = None;
    for (row, &i) in order.iter().enumerate() {
        let Some(course) = ctx.library.courses.get(i) else {
            continue;
        };
        if let Some(t) = last_used(ctx.progress, &course.id)
            && best.is_none_or(|(b, _)| t > b)
        {
            best = Some((t, row));
        }
    }
    best.map(|(_, row)| row)
}

/// The latest time the record shows activity in a course.
fn last_used(progress: &Progress, course: &str) -> Option<Stamp> {
    let cp = progress.courses.get(course);
    let opened = cp.and_then(|c| c.first_opened);
    let read = cp
        .into_iter()
        .flat_map(|c| c.lessons.values())
        .filter_map(|l| l.viewed_at)
        .max();
    let answered = progress
        .attempts
        .iter()
        .filter(|a| a.course == course)
        .map(|a| a.finished)
        .max();
    [opened, read, answered].into_iter().flatten().max()
}
