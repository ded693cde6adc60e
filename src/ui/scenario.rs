//! The scenario player: meters as labelled gauges with their numbers, the situation and its
//! numbered choices, a choice's consequence, and the debrief.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::{Theme, spread, truncate};
use crate::app::{App, ScenarioPhase, ScenarioState};
use crate::markdown;
use crate::sanitize;
use crate::scenario::{Rating, Run, Scenario};

pub(super) fn draw(app: &App, state: &ScenarioState, frame: &mut Frame, area: Rect, theme: Theme) {
    let meters = state.scenario.as_ref().map_or(0, |s| s.meters.len().min(3));
    let [title_area, meter_area, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(u16::try_from(meters).unwrap_or(0)),
        Constraint::Fill(1),
    ])
    .areas(area);
    let (title, where_) = match (&state.scenario, &state.phase) {
        (Some(s), ScenarioPhase::Debrief) => (s.title.clone(), "debrief ".to_string()),
        (Some(s), ScenarioPhase::Resume { .. }) => (
            s.title.clone(),
            crate::text::scenario::in_progress_tag().to_string(),
        ),
        (Some(s), phase) => {
            let made = state.run.as_ref().map_or(0, |r| r.decisions().len());
            // A consequence follows the decision just made (already counted); a situation
            // asks for the next one.
            let n = if matches!(phase, ScenarioPhase::Consequence { .. }) {
                made.max(1)
            } else {
                made + 1
            };
            (s.title.clone(), format!("decision {n} "))
        }
        (None, _) => (app.lesson_title(state.course, state.lesson), String::new()),
    };
    frame.render_widget(
        Paragraph::new(spread(
            &format!(" {}", sanitize::line(&title)),
            &where_,
            title_area.width,
        ))
        .style(theme.accent()),
        title_area,
    );
    let width = app.text_width();
    let margin = body.width.saturating_sub(width) / 2;
    let column = |r: Rect| Rect {
        x: r.x + margin.max(1),
        width: body_width(width, r.width),
        ..r
    };
    if let (Some(s), Some(run)) = (&state.scenario, &state.run) {
        let lines = meter_lines(s, run, column(meter_area).width, theme);
        frame.render_widget(Paragraph::new(lines), column(meter_area));
    }
    let text_area = column(body);
    let lines = body_lines(state, text_area.width, theme);
    let height = usize::from(body.height);
    let max = lines.len().saturating_sub(height);
    let scroll = state.scroll.min(max);
    let visible: Vec<Line<'static>> = lines.iter().skip(scroll).take(height).cloned().collect();
    frame.render_widget(Paragraph::new(visible), text_area);
    if lines.len() > height {
        let mut sb = ScrollbarState::new(max).position(scroll);
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(Some("↑"))
                .end_symbol(Some("↓")),
            body,
            &mut sb,
        );
    }
}

/// The body's text width: the reading width, within the screen less a cell each side.
fn body_width(text_width: u16, screen_width: u16) -> u16 {
    text_width.min(screen_width.saturating_sub(2))
}

/// Rows of the body on a `rows`-row screen, below the title and the meters.
fn body_rows(state: &ScenarioState, rows: u16) -> usize {
    let meters = state.scenario.as_ref().map_or(0, |s| s.meters.len().min(3));
    usize::from(rows.saturating_sub(crate::app::screens::scenario::RESERVED_ROWS))
        .saturating_sub(meters)
        .max(1)
}

/// The body's rows and its largest scroll offset (its last line at the bottom), for the keys
/// that scroll a screenful or to the end.
#[must_use]
pub fn scroll_range(state: &ScenarioState, ctx: &crate::app::Ctx) -> (usize, usize) {
    let rows = body_rows(state, ctx.size.1);
    let width = body_width(ctx.text_width(), ctx.size.0);
    let lines = body_lines(state, width, Theme::monochrome()).len();
    (rows, lines.saturating_sub(rows))
}

/// One row per meter: label, a text gauge and the number (never colour alone).
#[must_use]
pub fn meter_lines(s: &Scenario, run: &Run, width: u16, theme: Theme) -> Vec<Line<'static>> {
    /// The least of a gauge worth drawing beside a long label.
    const MIN_CELLS: usize = 8;
    let number_w = s
        .meters
        .iter()
        .zip(run.meters())
        .map(|(m, v)| format!(" {v}/{}", m.max).len())
        .max()
        .unwrap_or(0);
    // The label takes the room it needs; it is cut only when a short gauge and the number
    // would not fit beside it.
    let label_w = s
        .meters
        .iter()
        .map(|m| unicode_width::UnicodeWidthStr::width(m.label.as_str()))
        .max()
        .unwrap_or(0)
        .min(usize::from(width).saturating_sub(1 + number_w + MIN_CELLS));
    s.meters
        .iter()
        .zip(run.meters())
        .map(|(m, &v)| {
            let number = format!(" {v}/{}", m.max);
            let cells = usize::from(width)
                .saturating_sub(label_w + 1 + number_w)
                .clamp(0, 20);
            #[allow(clippy::cast_precision_loss)]
            let ratio = f64::from(v) / f64::from(m.max.max(1));
            #[allow(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                clippy::cast_precision_loss
            )]
            let filled = ((ratio * cells as f64).round() as usize).min(cells);
            let label = truncate(&sanitize::line(&m.label), label_w);
            let pad = label_w.saturating_sub(unicode_width::UnicodeWidthStr::width(label.as_str()));
            Line::from(vec![
                Span::raw(format!("{label}{} ", " ".repeat(pad))),
                Span::styled("█".repeat(filled), theme.accent()),
                Span::styled("░".repeat(cells - filled), theme.muted()),
                Span::raw(number),
            ])
        })
        .collect()
}

/// Markdown rendered at `width`, each line indented by `indent` spaces.
fn indented(text: &str, width: u16, indent: usize) -> Vec<Line<'static>> {
    let inner = width
        .saturating_sub(u16::try_from(indent).unwrap_or(0))
        .max(10);
    markdown::render(text, inner)
        .into_iter()
        .map(|mut l| {
            l.spans.insert(0, Span::raw(" ".repeat(indent)));
            l
        })
        .collect()
}

/// A numbered item: `N. text`, wrapped with a hanging indent.
fn numbered(n: usize, text: &str, width: u16, style: Style) -> Vec<Line<'static>> {
    let prefix = format!("{n}. ");
    let indent = prefix.chars().count() + 2;
    let mut lines = indented(&sanitize::line(text), width, indent);
    if let Some(first) = lines.first_mut() {
        first.spans[0] = Span::styled(format!("  {prefix}"), style);
    }
    lines
}

/// The scrolling body for the current phase, at `width` columns.
#[must_use]
pub fn body_lines(state: &ScenarioState, width: u16, theme: Theme) -> Vec<Line<'static>> {
    let (Some(s), Some(run)) = (&state.scenario, &state.run) else {
        return match &state.phase {
            ScenarioPhase::Failed(why) => vec![
                Line::styled("This scenario cannot be played:", theme.bad()),
                Line::from(sanitize::line(why).into_owned()),
                Line::from(""),
                Line::styled(
                    "Run `rollcall check` on the course for every problem.",
                    theme.muted(),
                ),
            ],
            _ => vec![Line::styled("loading…", theme.muted())],
        };
    };
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let mut lines = Vec::new();
    match &state.phase {
        ScenarioPhase::Loading | ScenarioPhase::Failed(_) => {}
        ScenarioPhase::Resume { confirm_discard } => {
            use crate::text::scenario as words;
            if let Some(p) = &state.resume {
                lines.extend(indented(
                    &words::resume_line(p.started, p.decisions()),
                    width,
                    0,
                ));
            }
            lines.push(Line::from(""));
            if *confirm_discard {
                let [question, why] = words::discard_question();
                lines.push(Line::styled(question, bold));
                lines.push(Line::from(why));
            } else {
                lines.push(Line::styled(words::resume_keys(), theme.muted()));
            }
        }
        ScenarioPhase::Situation => {
            let Some(node) = run.current(s) else {
                return lines;
            };
            lines.extend(markdown::render(&node.text, width));
            lines.push(Line::from(""));
            lines.push(Line::styled("What do you do?", bold));
            for (i, c) in node.choices.iter().enumerate() {
                lines.extend(numbered(i + 1, &c.text, width, theme.accent()));
            }
        }
        ScenarioPhase::Consequence { node, choice } => {
            if let Some(c) = s.nodes.get(*node).and_then(|n| n.choices.get(*choice)) {
                // Wrapped, never cut: the choice is what the consequence answers.
                let chose = format!("You chose: {}", sanitize::line(&c.text));
                lines.extend(
                    super::wrap(&chose, usize::from(width), 0)
                        .into_iter()
                        .map(|l| Line::styled(l, bold)),
                );
                lines.push(Line::from(""));
                lines.extend(markdown::render(&c.consequence, width));
            }
            lines.push(Line::from(""));
            lines.push(Line::styled("Press Enter to continue.", theme.muted()));
        }
        ScenarioPhase::Debrief => lines.extend(debrief(s, run, width, theme)),
    }
    lines
}

fn rating_style(r: Rating, theme: Theme) -> Style {
    match r {
        Rating::Best => theme.good(),
        Rating::Acceptable => theme.warn(),
        Rating::Poor => theme.bad(),
    }
}

/// The debrief: the ending and whether it passes, then each decision with its consequence, its
/// coaching and the best option where another was taken.
#[must_use]
pub fn debrief(s: &Scenario, run: &Run, width: u16, theme: Theme) -> Vec<Line<'static>> {
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let mut lines = Vec::new();
    if let Some(ending) = run.ending(s) {
        let verdict = if s.passes(ending) {
            "passes"
        } else {
            "does not pass"
        };
        lines.push(Line::from(vec![
            Span::styled("Ending: ", bold),
            Span::styled(format!("{ending}, {verdict}"), rating_style(ending, theme)),
        ]));
    }
    if let Some(node) = run.current(s) {
        lines.extend(markdown::render(&node.text, width));
    }
    lines.push(Line::from(""));
    lines.push(Line::styled("Your decisions", bold));
    for (i, d) in run.decisions().iter().enumerate() {
        let Some(node) = s.nodes.get(d.node) else {
            continue;
        };
        let Some(c) = node.choices.get(d.choice) else {
            continue;
        };
        lines.push(Line::from(""));
        let mut first = numbered(i + 1, &c.text, width, bold);
        if let Some(l) = first.last_mut() {
            l.spans.push(Span::styled(
                format!(" ({})", c.rating),
                rating_style(c.rating, theme),
            ));
        }
        lines.extend(first);
        lines.extend(indented(&c.consequence, width, 5));
        if let Some(coaching) = &c.coaching {
            lines.push(Line::styled("     Coaching:", theme.accent()));
            lines.extend(indented(coaching, width, 5));
        }
        if let Some(best) = s.best_choice(d.node)
            && node.choices[best].rating > c.rating
        {
            lines.push(Line::styled("     Best option here:", theme.good()));
            lines.extend(indented(
                &sanitize::line(&node.choices[best].text),
                width,
                5,
            ));
        }
    }
    if run.backs() > 0 {
        lines.push(Line::from(""));
        lines.push(Line::from(format!("Steps taken back: {}", run.backs())));
    }
    lines.push(Line::from(""));
    lines.push(Line::styled(
        "r: run it again · Enter: continue · Esc: back to the course",
        theme.muted(),
    ));
    lines
}
