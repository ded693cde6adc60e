//! 'My record': this learner's completed courses, dates, scores and hours.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::{Theme, pct, spread};
use crate::app::App;
use crate::course::Library;
use crate::progress::Progress;
use crate::report::my_record;

/// How many lines the record shows (they do not wrap): the screen scrolls to the last one
/// and no further.
#[must_use]
pub fn line_count(progress: &Progress, library: &Library, today: jiff::civil::Date) -> usize {
    lines(progress, library, today, "", 80, Theme::monochrome()).len()
}

pub(super) fn draw(app: &App, scroll: u16, frame: &mut Frame, area: Rect, theme: Theme) {
    let lines = lines(
        &app.progress,
        &app.library,
        app.now.date(),
        &app.learner,
        area.width.saturating_sub(2),
        theme,
    );
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), area);
}

fn lines(
    progress: &Progress,
    library: &Library,
    today: jiff::civil::Date,
    learner: &str,
    width: u16,
    theme: Theme,
) -> Vec<Line<'static>> {
    let record = my_record(progress, library, today);
    let mut lines = vec![
        Line::styled(format!(" My record: {learner}"), theme.accent()),
        Line::default(),
    ];
    if record.completed.is_empty() {
        lines.push(Line::styled(" No completed courses yet.", theme.muted()));
    } else {
        lines.push(Line::styled(
            spread(" COMPLETED   COURSE", "BEST SCORE   HOURS", width),
            theme.muted(),
        ));
    }
    for entry in &record.completed {
        let date = entry
            .completed_date
            .map_or_else(|| entry.completed.to_string(), |d| d.to_string());
        let best = entry.best.as_ref().map_or_else(
            || "—".to_string(),
            |b| format!("{}/{} ({})", b.score, b.total, pct(b.percent)),
        );
        lines.push(Line::raw(spread(
            &format!(" {date}  {}", entry.title),
            &format!("{best}  {:>6}", hours(entry.hours)),
            width,
        )));
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        format!(
            " Hours this year ({}): {}",
            today.year(),
            hours(record.hours_this_year)
        ),
        theme.good(),
    ));
    lines.push(Line::styled(
        format!(" Hours overall: {}", hours(record.hours_total)),
        theme.good(),
    ));
    lines.push(Line::default());
    lines.push(Line::styled(
        " Coordinators collect these records with rollcall report and rollcall sync.",
        theme.muted(),
    ));
    lines
}

fn hours(h: f64) -> String {
    format!("{h:.1} h")
}
