//! The lesson reader: one page at a time, scrolling when it is taller than the screen.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::{Theme, spread};
use crate::app::{App, LessonState, max_scroll};

pub(super) fn draw(app: &App, state: &LessonState, frame: &mut Frame, area: Rect, theme: Theme) {
    let [title_area, body] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    let page = if state.loading {
        "loading…".to_string()
    } else {
        format!("page {}/{} ", state.page + 1, state.pages.len())
    };
    frame.render_widget(
        Paragraph::new(spread(
            &format!(" {}", state.title),
            &page,
            title_area.width,
        ))
        .style(theme.accent()),
        title_area,
    );
    // Centre the text column when the terminal is wider than the reading width.
    let width = app.text_width();
    let margin = body.width.saturating_sub(width) / 2;
    let text_area = Rect {
        x: body.x + margin.max(1),
        width: width.min(body.width.saturating_sub(2)),
        ..body
    };
    let height = usize::from(body.height);
    // The reader scrolls for a one-row status line. When a longer notice (a save failing
    // with its reason) takes rows from the page, the end of the page stays in view, since
    // Space turns the page from there.
    let assumed = app
        .ctx()
        .rows_below(crate::app::screens::lesson::RESERVED_ROWS);
    let scroll = if state.scroll > 0 && state.scroll >= max_scroll(state.lines.len(), assumed) {
        max_scroll(state.lines.len(), height)
    } else {
        state.scroll.min(state.lines.len().saturating_sub(1))
    };
    let visible: Vec<_> = state
        .lines
        .iter()
        .skip(scroll)
        .take(height)
        .cloned()
        .collect();
    let visible = super::search::highlight_page(app, state, visible, theme);
    frame.render_widget(Paragraph::new(visible), text_area);
    if state.lines.len() > height {
        let mut sb = ScrollbarState::new(state.lines.len().saturating_sub(height)).position(scroll);
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(Some("↑"))
                .end_symbol(Some("↓")),
            body.inner(Margin {
                vertical: 0,
                horizontal: 0,
            }),
            &mut sb,
        );
    }
}
