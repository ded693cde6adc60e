//! The library screen: every course with its progress.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState};

use super::{Theme, bar, spread, truncate};
use crate::app::{App, course_ratio};

/// Rows per course in the list (title, then facts).
const ROWS_PER_ITEM: usize = 2;

pub(super) fn draw(app: &App, selected: usize, frame: &mut Frame, area: Rect, theme: Theme) {
    // The selection mark takes the first columns of every row.
    let mark = u16::try_from(Theme::MARK.chars().count()).unwrap_or(2);
    let width = usize::from(area.width.saturating_sub(2 + mark));
    let mut items: Vec<ListItem> = Vec::new();
    let today = app.now.date();
    let duties = app
        .duties
        .for_learner(&app.learner, &app.progress, &app.library, today);
    let order = app.ctx().library_order();
    // Build only the rows that fit, the selected one last when it is below the first screen
    // (as a fresh list state scrolls): a frame costs the same with 10 courses or 10,000.
    let visible = (usize::from(area.height) / ROWS_PER_ITEM).max(1);
    let first = (selected + 1).saturating_sub(visible);
    let shown = first..first + visible;
    for (row, &i) in order.iter().enumerate() {
        if !shown.contains(&row) {
            continue;
        }
        let Some(course) = app.library.courses.get(i) else {
            continue;
        };
        let ratio = course_ratio(&app.progress, course);
        let done = app
            .progress
            .courses
            .get(&course.id)
            .and_then(|c| c.completed);
        let mut right = match done {
            Some(d) => format!("✓ {}  {}", d.date(), bar(1.0, 10)),
            None => bar(ratio, 10),
        };
        let duty = duties.get(&course.id);
        if let Some(d) = duty {
            let badge = crate::text::due_badge(d, today);
            if !badge.is_empty() {
                right = format!("{badge}  {right}");
            }
        }
        let title = spread(
            &format!("{:>2}. {}", row + 1, course.title),
            &right,
            area.width.saturating_sub(1 + mark),
        );
        let meta = format!(
            "    {} h · {} lesson{} · {}",
            course.hours,
            course.lessons.len(),
            if course.lessons.len() == 1 { "" } else { "s" },
            course.summary
        );
        let title_style = if duty.is_some_and(|d| d.status == crate::compliance::Standing::Overdue)
        {
            theme.bad()
        } else if done.is_some() {
            theme.good()
        } else {
            theme.accent()
        };
        items.push(ListItem::new(vec![
            Line::styled(title, title_style),
            Line::styled(truncate(&meta, width), theme.muted()),
        ]));
    }
    for (j, broken) in app.library.broken.iter().enumerate() {
        if !shown.contains(&(order.len() + j)) {
            continue;
        }
        items.push(ListItem::new(vec![
            Line::from(vec![Span::styled(
                format!(" ⚠  {} (cannot be opened)", broken.id),
                theme.bad(),
            )]),
            Line::styled(
                truncate(&format!("    {}", broken.error), width),
                theme.warn(),
            ),
        ]));
    }
    if items.is_empty() {
        items.push(ListItem::new(Line::styled(
            format!(
                " No courses found in {}. Pass --courses DIR or see docs/course-format.md.",
                app.library.root.display()
            ),
            theme.warn(),
        )));
    }
    let list = List::new(items)
        .highlight_style(theme.selection())
        .highlight_symbol(Theme::MARK);
    let mut state = ListState::default().with_selected(Some(selected - first));
    frame.render_stateful_widget(list, area, &mut state);
}
