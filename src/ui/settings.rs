//! The Settings screen: every setting with its value, the file they are saved in.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{Theme, truncate};
use crate::app::{App, SettingsState};
use crate::config::Key;

pub(super) fn draw(app: &App, s: &SettingsState, frame: &mut Frame, area: Rect, theme: Theme) {
    frame.render_widget(
        Paragraph::new(lines(app, s, area.width, theme)).wrap(Wrap { trim: false }),
        area,
    );
}

/// The screen's lines at `width`.
fn lines(app: &App, s: &SettingsState, width: u16, theme: Theme) -> Vec<Line<'static>> {
    let width = usize::from(width);
    let mut lines = vec![Line::styled(" Settings", theme.title()), Line::default()];
    let label_width = Key::ALL
        .iter()
        .map(|k| crate::text::setting_label(*k).chars().count())
        .max()
        .unwrap_or(0);
    for (i, key) in Key::ALL.into_iter().enumerate() {
        let selected = i == s.selected;
        let value = match (&s.editing, selected) {
            (Some(text), true) => format!("{}█", crate::sanitize::line(text)),
            _ => crate::text::setting_value(&app.settings, key),
        };
        let arrows = if selected && !key.is_text() {
            "◀ ▶"
        } else {
            ""
        };
        let row = format!(
            " {}{:<label_width$}  {value} {arrows}",
            if selected { Theme::MARK } else { "  " },
            crate::text::setting_label(key),
        );
        let style = if selected {
            theme.selection()
        } else {
            ratatui::style::Style::new()
        };
        lines.push(Line::styled(truncate(&row, width), style));
    }
    lines.push(Line::default());
    let key = s.key();
    let when = if key.applies_now() {
        "Changes apply at once."
    } else {
        "Changes apply from the next start."
    };
    lines.push(Line::styled(
        format!(
            " {}: {}. {when}",
            crate::text::setting_label(key),
            crate::text::setting_expects(key)
        ),
        theme.muted(),
    ));
    let file = app.settings.path.as_ref().map_or_else(
        || "no settings folder: changes last until rollcall closes".to_string(),
        |p| crate::sanitize::line(&crate::diagnostic::display_path(p)).into_owned(),
    );
    lines.push(Line::from(vec![
        Span::styled(" Saved in ", theme.muted()),
        Span::raw(file),
    ]));
    lines
}
