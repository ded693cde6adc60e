//! 'My record': this learner's completed courses, dates, scores and hours.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::{Theme, date, pct};
use crate::app::App;

pub(super) fn draw(app: &App, scroll: u16, frame: &mut Frame, area: Rect, theme: Theme) {
    let year = (app.clock)().get(..4).unwrap_or("").to_string();
    let mut lines = vec![
        Line::styled(format!(" My record: {}", app.learner), theme.accent()),
        Line::default(),
    ];
    let mut total = 0.0;
    let mut this_year = 0.0;
    let mut rows = 0;
    for course in &app.library.courses {
        let Some(cp) = app.progress.courses.get(&course.id) else {
            continue;
        };
        let Some(done) = &cp.completed else { continue };
        let hours = cp.completed_hours.unwrap_or(course.hours);
        total += hours;
        if done.starts_with(&year) {
            this_year += hours;
        }
        let best: Vec<f64> = course
            .lessons
            .iter()
            .filter_map(|l| {
                app.progress
                    .best_attempt(&course.id, l.id())
                    .map(|a| a.percent)
            })
            .collect();
        #[allow(clippy::cast_precision_loss)]
        let avg = if best.is_empty() {
            String::from("—")
        } else {
            pct(best.iter().sum::<f64>() / best.len() as f64)
        };
        lines.push(Line::raw(format!(
            " ✓ {}  {}  {} h  quiz average {avg}",
            date(done),
            course.title,
            hours
        )));
        rows += 1;
    }
    if rows == 0 {
        lines.push(Line::styled(" No completed courses yet.", theme.muted()));
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        format!(" Hours this year ({year}): {this_year}"),
        theme.good(),
    ));
    lines.push(Line::styled(
        format!(" Hours overall: {total}"),
        theme.good(),
    ));
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), area);
}
