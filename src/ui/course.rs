//! The course screen: summary, progress gauge and the lessons with their status.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{HighlightSpacing, List, ListItem, ListState, Paragraph, Wrap};

use unicode_width::UnicodeWidthStr;

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
    let rows_of = |lines: &[Line]| -> usize {
        lines
            .iter()
            .map(|l| l.width().div_ceil(text_width).max(1))
            .sum()
    };
    let label = gauge_label(app, idx);
    let bar = format!(" {}", super::bar(course_ratio(&app.progress, course), 20));
    // The label sits beside the bar and wraps between its phrases onto the rows below.
    let beside = usize::from(area.width).saturating_sub(bar.width() + 3);
    let gauge = super::wrap_phrases(&label, beside, text_width);

    let rows = lesson_rows(app, idx, theme);
    // Room for the selection mark and the lesson's ✓ before the title.
    let inner = list_area_width(area.width);
    let lefts: Vec<String> = rows.iter().map(|r| r.1.clone()).collect();
    let rights: Vec<String> = rows.iter().map(|r| r.2[0].clone()).collect();
    let row_width = list_width(&lefts, &rights, inner);
    let mut title_cut = false;
    let items: Vec<ListItem> = rows
        .iter()
        .enumerate()
        .map(|(i, (mark, title, rights))| {
            let (row, cut) = fit_lesson_row(title, rights, row_width);
            title_cut |= cut && i == selected;
            ListItem::new(Line::from(vec![
                mark.clone(),
                Span::raw(" "),
                Span::raw(row),
            ]))
        })
        .collect();
    let detail = detail_lines(app, idx, selected, title_cut, area.width);

    // The selected lesson's row and its whole status come first, then the gauge, more
    // lessons and the heading; blank rows only when there is room to spare.
    let mut rest = usize::from(area.height);
    let gauge_h = take(&mut rest, gauge.len());
    let list_min = take(&mut rest, rows.len().min(1));
    let detail_h = take(&mut rest, detail.len());
    let list_more = take(&mut rest, rows.len().saturating_sub(list_min).min(2));
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
        let left = rows.len().saturating_sub(list_min + list_more);
        if rows_of(&head) + objectives.len() + left + 2 <= rest {
            head.extend(objectives);
        }
    }
    let head_h = take(&mut rest, rows_of(&head));
    let list_h =
        list_min + list_more + take(&mut rest, rows.len().saturating_sub(list_min + list_more));
    let gap = take(&mut rest, 1);
    let sep = if detail_h > 0 { take(&mut rest, 1) } else { 0 };
    let len = |n: usize| Constraint::Length(u16::try_from(n).unwrap_or(u16::MAX));
    let [top, gauge_area, _, list_area, _, detail_area] = Layout::vertical([
        len(head_h),
        len(gauge_h),
        len(gap),
        len(list_h),
        len(sep),
        len(detail_h),
    ])
    .areas(area);
    let top = Rect {
        x: top.x + 1,
        width: top.width.saturating_sub(2),
        ..top
    };
    frame.render_widget(Paragraph::new(head).wrap(Wrap { trim: false }), top);

    let mut gauge_lines = vec![Line::from(vec![
        Span::styled(bar, theme.gauge()),
        Span::raw(format!("  {}", gauge.first().map_or("", String::as_str))),
    ])];
    gauge_lines.extend(gauge.iter().skip(1).map(|l| Line::raw(format!(" {l}"))));
    frame.render_widget(Paragraph::new(gauge_lines), gauge_area);

    let list = List::new(items)
        .highlight_style(theme.selection())
        .highlight_symbol(Theme::MARK)
        .highlight_spacing(HighlightSpacing::Always);
    let mut state = ListState::default().with_selected(Some(selected));
    frame.render_stateful_widget(list, list_area, &mut state);
    let detail: Vec<Line> = detail.into_iter().map(Line::raw).collect();
    frame.render_widget(Paragraph::new(detail), detail_area);
}

/// Up to `want` of the `rest` rows, taken from it.
fn take(rest: &mut usize, want: usize) -> usize {
    let got = want.min(*rest);
    *rest -= got;
    got
}

/// The cells a lesson row has beside the selection mark and the lesson's ✓.
fn list_area_width(width: u16) -> u16 {
    width.saturating_sub(6)
}

/// Where the course stands, in whole phrases: lessons complete, then the time still to
/// spend (or the completion date).
fn gauge_label(app: &App, idx: usize) -> Vec<String> {
    let Some(course) = app.course(idx) else {
        return vec![];
    };
    let done = course
        .lessons
        .iter()
        .filter(|l| lesson_done(&app.progress, course, l))
        .count();
    if let Some(d) = app
        .progress
        .courses
        .get(&course.id)
        .and_then(|c| c.completed)
    {
        vec![
            format!("completed {}", d.date()),
            format!("{done}/{} lessons", course.lessons.len()),
        ]
    } else {
        let mut label = vec![format!("{done}/{} lessons complete", course.lessons.len())];
        if let Some(minutes) = crate::domain::minutes_remaining(&app.progress, course) {
            label.push(crate::text::time_remaining(minutes));
        }
        label
    }
}

/// The selected lesson's whole status under the list, wrapped between phrases so nothing is
/// cut; its full title first when the row had to cut it.
fn detail_lines(
    app: &App,
    idx: usize,
    selected: usize,
    title_cut: bool,
    width: u16,
) -> Vec<String> {
    let Some(status) = app.lesson_status(idx, selected) else {
        return vec![];
    };
    let mut phrases = crate::text::lesson::detail(&status);
    let head = if title_cut {
        format!("{}. {}:", selected + 1, app.lesson_title(idx, selected))
    } else {
        crate::text::lesson::detail_head(selected + 1)
    };
    match phrases.first_mut() {
        Some(first) => *first = format!("{head} {first}"),
        None => phrases.push(head),
    }
    // Under the lesson numbers on a wide screen; one cell in from the edge on a narrow one.
    let indent = if width >= 60 { 5 } else { 1 };
    let room = usize::from(width).saturating_sub(indent + 1).max(1);
    super::wrap_phrases(&phrases, room, room)
        .into_iter()
        .map(|l| format!("{}{l}", " ".repeat(indent)))
        .collect()
}

/// A lesson row: the title and the longest status that fits beside it; when none does, the
/// title is cut to keep the shortest status (unless that leaves too little of the title, when
/// the status goes: the detail under the list shows it). Also says whether the title was cut.
fn fit_lesson_row(title: &str, rights: &[String], width: u16) -> (String, bool) {
    /// The least of a title worth keeping beside a status.
    const MIN_TITLE: usize = 16;
    let w = usize::from(width);
    let tw = title.width();
    if let Some(right) = rights
        .iter()
        .find(|r| !r.is_empty() && tw + 1 + r.width() <= w)
    {
        return (fit_row(title, std::slice::from_ref(right), width), false);
    }
    if let Some(right) = rights.iter().rev().find(|r| !r.is_empty()) {
        let room = w.saturating_sub(right.width() + 2);
        if room >= MIN_TITLE {
            let cut = super::truncate(title, room);
            return (
                fit_row(&cut, std::slice::from_ref(right), width),
                cut != title,
            );
        }
    }
    (super::truncate(title, w), tw > w)
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
