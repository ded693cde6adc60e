//! Scrolling on the quiz screens: a long question's text in its own area, and the feedback
//! and results a line or a screen at a time.

use super::{QuizPhase, QuizState, RESERVED_ROWS};
use crate::app::Msg;
use crate::app::screens::{Ctx, Outcome};

impl QuizState {
    /// Scrolls the question's text a page of its area up or down, within its length (a
    /// resize only keeps it in range).
    pub(super) fn scroll_prompt(&mut self, ctx: &Ctx, msg: &Msg) {
        let split = crate::ui::quiz::question_split(self, ctx);
        // A page of the text's rows, keeping one line of context when there is room.
        let page = if split.text_rows > 3 {
            split.text_rows - 1
        } else {
            split.text_rows.max(1)
        };
        self.prompt_scroll = match msg {
            Msg::QuestionUp => self.prompt_scroll.saturating_sub(page),
            Msg::QuestionDown => self.prompt_scroll + page,
            _ => self.prompt_scroll,
        }
        .min(split.max_scroll);
    }

    /// Page Down on the feedback or results: a screen further, and from the feedback's end on to
    /// the next question (the results stay until Enter or Esc).
    pub(super) fn page_down(&mut self, ctx: &Ctx) -> Outcome {
        let max = self.max_scroll(ctx);
        if self.input.cursor >= max {
            return match self.phase {
                QuizPhase::Checked { .. } => self.advance(),
                _ => Outcome::none(),
            };
        }
        self.input.cursor = (self.input.cursor + ctx.rows_below(RESERVED_ROWS)).min(max);
        Outcome::none()
    }

    /// Up or Down a line on the start screen, feedback or results, within their length (a
    /// resize only keeps the scroll in range).
    pub(super) fn scroll(&mut self, ctx: &Ctx, msg: &Msg) {
        let max = self.max_scroll(ctx);
        self.input.cursor = match msg {
            Msg::Up => self.input.cursor.saturating_sub(1),
            Msg::Down => self.input.cursor + 1,
            _ => self.input.cursor,
        }
        .min(max);
    }

    /// Largest scroll offset of the feedback or results: their last line at the bottom.
    pub(super) fn max_scroll(&self, ctx: &Ctx) -> usize {
        let lines = crate::ui::quiz::scroll_lines(self, ctx);
        lines.saturating_sub(ctx.rows_below(RESERVED_ROWS))
    }
}
