//! The course screen: summary, progress gauge and the lessons with their status.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{HighlightSpacing, List, ListItem, ListState, Paragraph, Wrap};

use super::{Theme, fit_row, list_width};
use crate::app::{App, course_ratio, lesson_done};

pub(super) fn draw(
    app: &App,
    idx: usize,
    selected: usize,
    frame: &mut Frame,
    area: Rect,
    theme: Theme,
) {
    let Some(course) = app.course(idx) else {
        return;
    };
    let mut head: Vec<Line> = vec![
        Line::styled(course.title.clone(), theme.accent()),
        Line::from(course.summary.clone()),
    ];
    let mut facts = format!("{} h · version {}", course.hours, course.version);
    if let Some(p) = &course.provider {
        facts.push_str(&format!(" · {p}"));
    }
    if let Some(c) = &course.certification {
        facts.push_str(&format!(" · cert. {c}"));
    }
    head.push(Line::styled(facts, theme.muted()));
    let today = app.now.date();
    if let Some(duty) = app
        .duties
        .for_learner(&app.learner, &app.progress, &app.library, today)
        .get(&course.id)
    {
        let style = if duty.status == crate::compliance::Standing::Overdue {
            theme.bad()
        } else {
            theme.warn()
        };
        head.push(Line::styled(crate::text::due_line(duty, today), style));
    }
    if !course.requires.is_empty() {
        let names: Vec<String> = course
            .requires
            .iter()
            .map(|id| {
                let done = app
                    .progress
                    .courses
                    .get(id)
                    .is_some_and(|c| c.completed.is_some());
                let title = app
                    .library
                    .course(id)
                    .map_or(id.as_str(), |c| c.title.as_str());
                format!("{title}{}", if done { " ✓" } else { "" })
            })
            .collect();
        head.push(Line::styled(
            format!("Recommended first: {}", names.join(", ")),
            theme.warn(),
        ));
    }
    // The summary may wrap: count wrapped rows, not lines.
    let text_width = usize::from(area.width.saturating_sub(2)).max(1);
    let rows = |lines: &[Line]| -> usize {
        lines
            .iter()
            .map(|l| l.width().div_ceil(text_width).max(1))
            .sum()
    };
    // Objectives only when they fit beside the whole lesson list; rendered as a Markdown list
    // so wrapped bullets keep their hanging indent.
    if !course.objectives.is_empty() {
        let mut list = String::new();
        for o in &course.objectives {
            list.push_str("- ");
            list.push_str(o);
            list.push('\n');
        }
        let width = u16::try_from(text_width).unwrap_or(u16::MAX);
        let mut objectives = vec![Line::styled("You will be able to:", theme.muted())];
        objectives.extend(crate::markdown::render(&list, width));
        let needed = rows(&head) + objectives.len() + 3 + course.lessons.len();
        if needed <= usize::from(area.height) {
            head.extend(objectives);
        }
    }
    let wrapped = rows(&head);
    // Never let the heading push the lesson list off a small screen.
    let head_height = u16::try_from(wrapped)
        .unwrap_or(u16::MAX)
        .min(area.height.saturating_sub(5).max(1));
    let [top, gauge_area, _, list_area] = Layout::vertical([
        Constraint::Length(head_height),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    let top = Rect {
        x: top.x + 1,
        width: top.width.saturating_sub(2),
        ..top
    };
    frame.render_widget(Paragraph::new(head).wrap(Wrap { trim: false }), top);

    let done = course
        .lessons
        .iter()
        .filter(|l| lesson_done(&app.progress, course, l))
        .count();
    let ratio = course_ratio(&app.progress, course);
    let label = if let Some(d) = app
        .progress
        .courses
        .get(&course.id)
        .and_then(|c| c.completed)
    {
        format!(
            "completed {} · {done}/{} lessons",
            d.date(),
            course.lessons.len()
        )
    } else {
        let mut label = format!("{done}/{} lessons complete", course.lessons.len());
        if let Some(minutes) = crate::domain::minutes_remaining(&app.progress, course) {
            label.push_str(" · ");
            label.push_str(&crate::text::time_remaining(minutes));
        }
        label
    };
    let gauge = Line::from(vec![
        Span::styled(format!(" {}", super::bar(ratio, 20)), theme.gauge()),
        Span::raw(format!("  {label}")),
    ]);
    frame.render_widget(Paragraph::new(gauge), gauge_area);

    let rows = lesson_rows(app, idx, theme);
    // Room for the selection mark and the lesson's ✓ before the title.
    let inner = list_area.width.saturating_sub(6);
    let lefts: Vec<String> = rows.iter().map(|r| r.1.clone()).collect();
    let rights: Vec<String> = rows.iter().map(|r| r.2[0].clone()).collect();
    let row_width = list_width(&lefts, &rights, inner);
    let items: Vec<ListItem> = rows
        .into_iter()
        .map(|(mark, title, rights)| {
            ListItem::new(Line::from(vec![
                mark,
                Span::raw(" "),
                Span::raw(fit_row(&title, &rights, row_width)),
            ]))
        })
        .collect();
    let list = List::new(items)
        .highlight_style(theme.selection())
        .highlight_symbol(Theme::MARK)
        .highlight_spacing(HighlightSpacing::Always);
    let mut state = ListState::default().with_selected(Some(selected));
    frame.render_stateful_widget(list, list_area, &mut state);
}

/// Each lesson of a course: its mark, its title, then its status, full and short (dropped
/// first on a narrow screen).
fn lesson_rows(app: &App, idx: usize, theme: Theme) -> Vec<(Span<'static>, String, Vec<String>)> {
    let Some(course) = app.course(idx) else {
        return vec![];
    };
    course
        .lessons
        .iter()
        .enumerate()
        .map(|(i, lesson)| {
            let lp = app.progress.lesson(&course.id, lesson.id());
            let mark = if lesson_done(&app.progress, course, lesson) {
                Span::styled("✓", theme.good())
            } else if lp.is_some() {
                Span::styled("•", theme.warn())
            } else {
                Span::raw(" ")
            };
            let status = app
                .lesson_status(idx, i)
                .map(|s| crate::text::lesson::shown(&s))
                .unwrap_or_default();
            let title = format!("{:>2}. {}", i + 1, app.lesson_title(idx, i));
            (mark, title, status)
        })
        .collect()
}
