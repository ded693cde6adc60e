//! `view`: draws the app from its state and changes nothing.

mod course;
mod lesson;
mod library;
mod overlay;

pub use overlay::help_max_scroll;
pub mod quiz;
pub mod record;
pub mod scenario;
pub mod search;
mod settings;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

pub use theme::{Theme, ThemeName};

use crate::app::{App, MIN_SIZE, SaveState, Screen};

/// Draws the whole app.
pub fn view(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let theme = Theme::new(app.settings.theme);
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        let mut msg = format!(
            "Please enlarge the terminal to at least {}x{} (now {}x{}). q quits.",
            MIN_SIZE.0, MIN_SIZE.1, area.width, area.height
        );
        if let Some(crate::app::Overlay::ConfirmLeave {
            subject,
            discarding,
            ..
        }) = app.overlay
        {
            msg.push(' ');
            msg.push_str(&crate::text::quiz::leave_tiny(subject, discarding));
        }
        frame.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
        theme.finish(frame.buffer_mut(), area);
        return;
    }
    // A long notice (an error with its path and reason) wraps onto more rows, up to a third
    // of the screen, rather than being cut at the edge.
    let status = Paragraph::new(status_line(app, theme)).wrap(Wrap { trim: false });
    let status_rows = status
        .line_count(area.width)
        .clamp(1, usize::from(area.height / 3).max(1));
    let [header, body, status_area, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(u16::try_from(status_rows).unwrap_or(1)),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_header(app, frame, header, theme);
    match &app.screen {
        Screen::Library(s) => library::draw(app, s.selected, frame, body, theme),
        Screen::Course(s) => course::draw(app, s.course, s.selected, frame, body, theme),
        Screen::Lesson(state) => lesson::draw(app, state, frame, body, theme),
        Screen::Quiz(state) => quiz::draw(app, state, frame, body, theme),
        Screen::Record(s) => record::draw(app, s.scroll, frame, body, theme),
        Screen::Scenario(s) => scenario::draw(app, s, frame, body, theme),
        Screen::Settings(s) => settings::draw(app, s, frame, body, theme),
    }
    frame.render_widget(status, status_area);
    draw_footer(app, frame, footer, theme);
    if let Some(overlay) = &app.overlay {
        overlay::draw(app, overlay, frame, area, theme);
    }
    scrub(frame.buffer_mut(), area);
    theme.finish(frame.buffer_mut(), area);
}

/// The last guard before the terminal: no cell may hold a character that is never shown
/// (a bidi override reorders what follows it; zero-width ones leave stale cells). ratatui
/// drops C0 controls itself but not these. Text is cleaned where it is read and shown; this
/// catches a path that forgot.
fn scrub(buf: &mut ratatui::buffer::Buffer, area: Rect) {
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let Some(cell) = buf.cell_mut((x, y)) else {
                continue;
            };
            if cell.symbol().chars().any(crate::sanitize::is_hidden_char) {
                let kept: String = cell
                    .symbol()
                    .chars()
                    .filter(|c| !crate::sanitize::is_hidden_char(*c))
                    .collect();
                cell.set_symbol(if kept.is_empty() { " " } else { &kept });
            }
        }
    }
}

fn draw_header(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    let crumb = match &app.screen {
        Screen::Library(_) => "Library".to_string(),
        Screen::Course(c) => app
            .course(c.course)
            .map(|c| c.title.clone())
            .unwrap_or_default(),
        Screen::Lesson(l) => app
            .course(l.course)
            .map(|c| c.title.clone())
            .unwrap_or_default(),
        Screen::Quiz(q) => app
            .course(q.course)
            .map(|c| c.title.clone())
            .unwrap_or_default(),
        Screen::Record(_) => "My record".to_string(),
        Screen::Settings(_) => "Settings".to_string(),
        Screen::Scenario(s) => app
            .course(s.course)
            .map(|c| c.title.clone())
            .unwrap_or_default(),
    };
    let mut right = format!("learner: {} ", app.learner);
    if app.builtin {
        right = format!("built-in courses · {right}");
    }
    let left = format!(" rollcall › {crumb}");
    frame.render_widget(
        Paragraph::new(spread(&left, &right, area.width)).style(theme.bar()),
        area,
    );
}

fn status_line(app: &App, theme: Theme) -> Line<'static> {
    match (&app.save, &app.status) {
        (SaveState::Disabled(why), _) => {
            Line::styled(format!(" progress not saved: {why}"), theme.bad())
        }
        (SaveState::Failed(why), _) => {
            Line::styled(format!(" not saved: {why} (will retry)"), theme.bad())
        }
        (_, Some(status)) => {
            Line::styled(format!(" {}", crate::text::notice(status)), theme.warn())
        }
        _ => Line::default(),
    }
}

fn draw_footer(app: &App, frame: &mut Frame, area: Rect, theme: Theme) {
    let place = crate::keymap::place_in(app);
    // The keys that scroll a question's text show only while it does not fit.
    let extra: &[crate::keymap::Item] = if quiz::question_overflows(app) {
        &[crate::keymap::QUESTION_SCROLL]
    } else {
        &[]
    };
    // One cell goes to the leading space.
    let width = usize::from(area.width.saturating_sub(1));
    let keys = crate::keymap::footer_fit(place, extra, width);
    frame.render_widget(Paragraph::new(format!(" {keys}")).style(theme.bar()), area);
}

/// Greedy word wrap by display width; leading spaces are kept, continuation lines are
/// indented by `indent` cells.
pub(crate) fn wrap(text: &str, width: usize, indent: usize) -> Vec<String> {
    let body = text.trim_start_matches(' ');
    let lead = text.len() - body.len();
    let indent = indent.max(lead).min(width.saturating_sub(1));
    let mut out = Vec::new();
    let mut cur = " ".repeat(lead.min(width.saturating_sub(1)));
    let mut empty = true;
    for word in body.split(' ').filter(|w| !w.is_empty()) {
        if !empty && cur.width() + 1 + word.width() > width {
            out.push(std::mem::replace(&mut cur, " ".repeat(indent)));
            empty = true;
        }
        if !empty {
            cur.push(' ');
        }
        cur.push_str(word);
        empty = false;
    }
    out.push(cur);
    out.into_iter().map(|l| truncate(&l, width)).collect()
}

/// Whole phrases joined by ` · ` and wrapped between them: a line holds as many as fit in
/// `first` cells (the first line) or `width` (the rest); a phrase longer than a line wraps by
/// words. Nothing is cut mid-word, and no line starts with the separator.
pub(crate) fn wrap_phrases(phrases: &[String], first: usize, width: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for p in phrases.iter().filter(|p| !p.is_empty()) {
        let room = if out.is_empty() { first } else { width };
        if cur.is_empty() && p.width() <= room {
            cur.clone_from(p);
        } else if !cur.is_empty() && cur.width() + 3 + p.width() <= room {
            cur.push_str(" · ");
            cur.push_str(p);
        } else {
            if !cur.is_empty() || (out.is_empty() && first < width) {
                out.push(std::mem::take(&mut cur));
            }
            if p.width() <= width {
                cur.clone_from(p);
            } else {
                let mut lines = wrap(p, width.max(1), 0);
                cur = lines.pop().unwrap_or_default();
                out.extend(lines);
            }
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// `left` and `right` on one line of `width` cells, right-aligned, `left` cut to fit.
pub fn spread(left: &str, right: &str, width: u16) -> String {
    let width = usize::from(width);
    let rw = right.width();
    if rw >= width {
        return truncate(right, width);
    }
    // Keep a space between the two sides.
    let left = truncate(left, (width - rw).saturating_sub(1));
    let pad = width.saturating_sub(rw + left.width());
    format!("{left}{}{right}", " ".repeat(pad))
}

/// A list row: `left`, then the first of `rights` (longest first) that fits beside it,
/// right-aligned to `width`. When none fits, the status is dropped and `left` keeps the
/// whole row: on a narrow screen the title matters more than the status.
pub fn fit_row(left: &str, rights: &[String], width: u16) -> String {
    let w = usize::from(width);
    let lw = left.width();
    for right in rights.iter().filter(|r| !r.is_empty()) {
        let rw = right.width();
        if lw + 1 + rw <= w {
            return format!("{left}{}{right}", " ".repeat(w - lw - rw));
        }
    }
    truncate(left, w)
}

/// The width of a list whose rows are `lefts` and `rights`: wide enough for the widest of
/// each with a gap, at most `width`, so a status sits beside its title on a wide screen.
pub fn list_width(lefts: &[String], rights: &[String], width: u16) -> u16 {
    let l = lefts.iter().map(|s| s.width()).max().unwrap_or(0);
    let r = rights.iter().map(|s| s.width()).max().unwrap_or(0);
    u16::try_from(l + 4 + r).unwrap_or(u16::MAX).min(width)
}

/// `s` cut to at most `width` display cells, with '…' when cut.
pub fn truncate(s: &str, width: usize) -> String {
    crate::report::format::truncate(s, width)
}

/// A text progress bar such as `█████░░░░░ 50%`.
pub fn bar(ratio: f64, cells: usize) -> String {
    let ratio = ratio.clamp(0.0, 1.0);
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let filled = ((ratio * cells as f64).round() as usize).min(cells);
    let pct = crate::domain::whole_percent(ratio * 100.0);
    format!(
        "{}{} {pct:>3}%",
        "█".repeat(filled),
        "░".repeat(cells - filled)
    )
}

/// A rect centred in `area`, at most `w` x `h`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// A span list as one line.
pub fn line(spans: Vec<Span<'static>>) -> Line<'static> {
    Line::from(spans)
}

/// Percent for display, as a whole number: the one rule `progress` and `report` use too.
pub fn pct(p: f64) -> String {
    crate::domain::percent_label(p)
}

/// The date part of an RFC 3339 time.
pub fn date(t: &str) -> &str {
    t.get(..10).unwrap_or(t)
}

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;

    #[test]
    fn scrub_leaves_no_hidden_character_in_any_cell() {
        let area = Rect::new(0, 0, 12, 1);
        let mut buf = Buffer::empty(area);
        // Widgets can leave a zero-width character in the cell before it (the library's
        // summary sent U+202E to the terminal that way).
        buf.set_string(0, 0, "abc", ratatui::style::Style::new());
        buf[(0, 0)].set_symbol("a\u{202e}");
        buf[(1, 0)].set_symbol("\u{200b}");
        super::scrub(&mut buf, area);
        let shown: String = buf
            .content()
            .iter()
            .map(ratatui::buffer::Cell::symbol)
            .collect();
        assert!(
            !shown.chars().any(crate::sanitize::is_hidden_char),
            "{shown:?}"
        );
        assert!(shown.starts_with("a c"), "{shown:?}");
    }
}
