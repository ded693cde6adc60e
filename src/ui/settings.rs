//! The Settings screen: any problems found in the settings files, every setting with its
//! value (the selected one explained beneath it), and the file they are saved in. The list
//! scrolls to keep the selected setting and its explanation in view, and says in words when
//! there is more above or below.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::{Theme, truncate, wrap};
use crate::app::{App, SettingsState};
use crate::config::Key;

pub(super) fn draw(app: &App, s: &SettingsState, frame: &mut Frame, area: Rect, theme: Theme) {
    let (lines, selected) = lines(app, s, usize::from(area.width), theme);
    let shown = window(lines, &selected, usize::from(area.height), theme);
    frame.render_widget(Paragraph::new(shown), area);
}

/// The screen's lines at `width` (each fits), and which of them are the selected setting
/// and its explanation.
fn lines(
    app: &App,
    s: &SettingsState,
    width: usize,
    theme: Theme,
) -> (Vec<Line<'static>>, Range<usize>) {
    let mut lines = vec![Line::styled(truncate(" Settings", width), theme.title())];
    if !app.settings_warnings.is_empty() {
        lines.push(Line::styled(
            truncate(" Problems found in the settings at start:", width),
            theme.warn(),
        ));
        for w in &app.settings_warnings {
            let text = format!("   {}", crate::text::settings_warning(w));
            lines.extend(wrap(&text, width, 5).into_iter().map(Line::raw));
        }
    }
    lines.push(Line::default());
    let label_width = Key::ALL
        .iter()
        .map(|k| crate::text::setting_label(*k).chars().count())
        .max()
        .unwrap_or(0);
    let mut selected_lines = 0..0;
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
        if !selected {
            lines.push(Line::raw(truncate(&row, width)));
            continue;
        }
        let start = lines.len();
        lines.push(Line::styled(truncate(&row, width), theme.selection()));
        let when = if key.applies_now() {
            "Changes apply at once."
        } else {
            "Changes apply from the next start."
        };
        let about = format!(
            "     {}: {}. {when}",
            crate::text::setting_label(key),
            crate::text::setting_expects(key)
        );
        lines.extend(
            wrap(&about, width, 5)
                .into_iter()
                .map(|l| Line::styled(l, theme.muted())),
        );
        selected_lines = start..lines.len();
    }
    lines.push(Line::default());
    let file = match &app.settings.path {
        None => " Not saved: there is no settings folder, so changes last until rollcall closes."
            .to_string(),
        Some(p) => {
            let p = crate::sanitize::line(&crate::diagnostic::display_path(p)).into_owned();
            if app.settings_file_exists {
                format!(" Saved in {p}")
            } else {
                format!(" Will be saved in {p}")
            }
        }
    };
    lines.extend(
        wrap(&file, width, 3)
            .into_iter()
            .map(|l| Line::styled(l, theme.muted())),
    );
    (lines, selected_lines)
}

/// The lines that fit in `height` rows, scrolled as little as needed to show `keep` (its top
/// when it is taller than the room), with a line saying so where more is above or below.
fn window(
    mut lines: Vec<Line<'static>>,
    keep: &Range<usize>,
    height: usize,
    theme: Theme,
) -> Vec<Line<'static>> {
    let total = lines.len();
    if total <= height {
        return lines;
    }
    // A cue takes a row: only when at least one line of the list is left between two.
    let cues = height >= 3;
    // The first and last line shown from `offset`, and whether cues go above and below.
    let span = |offset: usize| {
        let above = cues && offset > 0;
        let end = (offset + height - usize::from(above)).min(total);
        let below = cues && end < total;
        (above, end - usize::from(below), below)
    };
    let offset = (0..total)
        .find(|&o| {
            let (_, end, _) = span(o);
            keep.start >= o && keep.end <= end
        })
        .unwrap_or(keep.start.min(total));
    let (above, end, below) = span(offset);
    let mut out = Vec::with_capacity(height);
    if above {
        out.push(Line::styled(" ↑ more above", theme.muted()));
    }
    out.extend(lines.drain(offset..end.max(offset)));
    if below {
        out.push(Line::styled(" ↓ more below", theme.muted()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Line<'_>]) -> Vec<String> {
        lines.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn the_window_keeps_the_selected_lines_in_view_with_cues() {
        let lines: Vec<Line<'static>> = (0..10).map(|i| Line::raw(i.to_string())).collect();
        let theme = Theme::new(crate::ui::ThemeName::Dark);
        // Everything fits: no cue.
        assert_eq!(window(lines.clone(), &(2..3), 10, theme).len(), 10);
        // At the top: the rest is below.
        let w = texts(&window(lines.clone(), &(0..1), 4, theme));
        assert_eq!(w, ["0", "1", "2", " ↓ more below"]);
        // At the end: the rest is above.
        let w = texts(&window(lines.clone(), &(8..10), 4, theme));
        assert_eq!(w, [" ↑ more above", "7", "8", "9"]);
        // In the middle: both.
        let w = texts(&window(lines.clone(), &(5..6), 4, theme));
        assert_eq!(w, [" ↑ more above", "4", "5", " ↓ more below"]);
        // Taller than the room: its top, and never a panic at tiny sizes.
        let w = texts(&window(lines.clone(), &(3..9), 4, theme));
        assert_eq!(w, [" ↑ more above", "3", "4", " ↓ more below"]);
        for h in 0..3 {
            assert!(window(lines.clone(), &(9..10), h, theme).len() <= h);
        }
    }
}
