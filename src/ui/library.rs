//! The library screen: every course with its progress.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{HighlightSpacing, List, ListItem, ListState};
use unicode_width::UnicodeWidthStr;

use super::{Theme, bar, fit_row, list_width, pct, truncate};
use crate::app::{App, course_ratio};

/// Rows per course in the list (title, then facts).
const ROWS_PER_ITEM: usize = 2;

pub(super) fn draw(app: &App, selected: usize, frame: &mut Frame, area: Rect, theme: Theme) {
    // The selection mark takes the first columns of every row.
    let inner = area
        .width
        .saturating_sub(u16::try_from(Theme::MARK.width()).unwrap_or(2) + 1);
    let width = usize::from(inner);
    let mut items: Vec<ListItem> = Vec::new();
    let order = app.ctx().library_order();
    // Build only the rows that fit, the selected one last when it is below the first screen
    // (as a fresh list state scrolls): a frame costs the same with 10 courses or 10,000.
    let visible = (usize::from(area.height) / ROWS_PER_ITEM).max(1);
    let first = (selected + 1).saturating_sub(visible);
    let shown = first..first + visible;
    let rows = course_rows(app, &order, &shown, theme);
    let lefts: Vec<String> = rows.iter().map(|r| r.left.clone()).collect();
    let rights: Vec<String> = rows.iter().map(|r| r.rights[0].clone()).collect();
    let row_width = list_width(&lefts, &rights, inner);
    for r in rows {
        let course = r.course;
        let meta = format!(
            "   {} h · {} lesson{} · {}",
            course.hours,
            course.lessons.len(),
            if course.lessons.len() == 1 { "" } else { "s" },
            course.summary
        );
        items.push(ListItem::new(vec![
            Line::styled(fit_row(&r.left, &r.rights, row_width), r.style),
            Line::styled(truncate(&meta, width), theme.muted()),
        ]));
    }
    for (j, broken) in app.library.broken.iter().enumerate() {
        if !shown.contains(&(order.len() + j)) {
            continue;
        }
        items.push(ListItem::new(vec![
            Line::from(vec![Span::styled(
                truncate(&format!("⚠  {} (cannot be opened)", broken.id), width),
                theme.bad(),
            )]),
            Line::styled(
                truncate(&format!("   {}", broken.error), width),
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
        .highlight_symbol(Theme::MARK)
        .highlight_spacing(HighlightSpacing::Always);
    let mut state = ListState::default().with_selected(Some(selected - first));
    frame.render_stateful_widget(list, area, &mut state);
}

/// One course row: its title, its status (full, then short), its style.
struct Row<'a> {
    course: &'a crate::course::Course,
    left: String,
    rights: [String; 2],
    style: ratatui::style::Style,
}

/// The course rows in `shown`, in library order.
fn course_rows<'a>(
    app: &'a App,
    order: &[usize],
    shown: &std::ops::Range<usize>,
    theme: Theme,
) -> Vec<Row<'a>> {
    let today = app.now.date();
    let duties = app
        .duties
        .for_learner(&app.learner, &app.progress, &app.library, today);
    let mut rows: Vec<Row> = Vec::new();
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
        // A course the learner has opened reads differently from one never opened, in
        // words, not only in colour.
        let started = app.progress.courses.contains_key(&course.id)
            || app.progress.attempts.iter().any(|a| a.course == course.id);
        let (mut full, mut short) = match done {
            Some(d) => (format!("✓ {}  {}", d.date(), bar(1.0, 10)), "✓".to_string()),
            None if started => (bar(ratio, 10), pct(ratio * 100.0)),
            None => (crate::text::NOT_STARTED.to_string(), String::new()),
        };
        let duty = duties.get(&course.id);
        if let Some(d) = duty {
            let badge = crate::text::due_badge(d, today);
            if !badge.is_empty() {
                full = format!("{badge}  {full}");
                short = if short.is_empty() {
                    badge
                } else {
                    format!("{badge} {short}")
                };
            }
        }
        let style = if duty.is_some_and(|d| d.status == crate::compliance::Standing::Overdue) {
            theme.bad()
        } else if done.is_some() {
            theme.good()
        } else {
            theme.accent()
        };
        rows.push(Row {
            course,
            left: format!("{:>2}. {}", row + 1, course.title),
            rights: [full, short],
            style,
        });
    }
    rows
}
