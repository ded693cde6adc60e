//! 'My record': this learner's completed courses, dates, scores and hours.

use crate::app::Msg;
use crate::app::screens::{Action, Ctx, Outcome};

/// Rows above and below the record's body: header, status line, footer.
const RESERVED_ROWS: u16 = 3;

/// The record screen's state.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RecordState {
    /// First visible line.
    pub scroll: u16,
}

impl RecordState {
    /// Handles a message on the record screen.
    #[allow(clippy::needless_pass_by_value)] // Every screen's update takes its Msg by value.
    pub fn update(&mut self, ctx: &Ctx, msg: Msg) -> Outcome {
        // Never scroll past the last line: the view shows exactly these lines.
        let lines = crate::ui::record::line_count(ctx.progress, ctx.library, ctx.now.date());
        let max = lines.saturating_sub(ctx.rows_below(RESERVED_ROWS));
        let max = u16::try_from(max).unwrap_or(u16::MAX);
        match msg {
            Msg::Up => self.scroll = self.scroll.saturating_sub(1).min(max),
            Msg::Down => self.scroll = self.scroll.saturating_add(1).min(max),
            Msg::Resize(..) => self.scroll = self.scroll.min(max),
            Msg::Back | Msg::Enter | Msg::Record => return Outcome::act(Action::Back),
            _ => {}
        }
        Outcome::none()
    }
}
