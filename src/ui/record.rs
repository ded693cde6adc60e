//! 'My record': this learner's completed courses, dates, scores and hours.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::{Theme, pct, spread};
use crate::app::App;
use crate::report::my_record;

pub(super) fn draw(app: &App, scroll: u16, frame: &mut Frame, area: Rect, theme: Theme) {
    let today = (app.clock)().parse::<jiff::Timestamp>().map_or_else(
        |_| jiff::civil::date(1970, 1, 1),
        |t| t.to_zoned(jiff::tz::TimeZone::system()).date(),
    );
    let record = my_record(&app.progress, &app.library, today);
    let width = area.width.saturating_sub(2);
    let mut lines = vec![
        Line::styled(format!(" My record: {}", app.learner), theme.accent()),
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
            .map_or_else(|| entry.completed.clone(), |d| d.to_string());
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
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), area);
}

fn hours(h: f64) -> String {
    format!("{h:.1} h")
}
