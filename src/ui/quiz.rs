//! The quiz screens: start, question, feedback and results.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use super::{Theme, pct, spread};
use crate::app::{App, QuizPhase, QuizState};
use crate::markdown;

pub(super) fn draw(app: &App, q: &QuizState, frame: &mut Frame, area: Rect, theme: Theme) {
    let [title_area, body] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    let quiz_title = q.quiz.as_ref().map_or("Quiz", |z| z.title.as_str());
    let right = match q.phase {
        QuizPhase::Asking | QuizPhase::Checked { .. } => {
            format!("question {}/{} ", q.pos + 1, q.arrangement.questions.len())
        }
        _ => String::new(),
    };
    // The quiz's own title, after the lesson's only when it does not already say it and
    // both fit (the header never repeats or cuts the title).
    let lesson = app.lesson_title(q.course, q.lesson);
    let both = format!(" {lesson} › {quiz_title}");
    let left = if quiz_title.to_lowercase().contains(&lesson.to_lowercase())
        || both.chars().count() + right.chars().count() + 1 > usize::from(title_area.width)
    {
        format!(" {quiz_title}")
    } else {
        both
    };
    frame.render_widget(
        Paragraph::new(spread(&left, &right, title_area.width)).style(theme.accent()),
        title_area,
    );
    let width = app.text_width();
    let text_area = Rect {
        x: body.x + 1 + body.width.saturating_sub(width + 2) / 2,
        y: body.y + 1,
        width: width.min(body.width.saturating_sub(2)),
        height: body.height.saturating_sub(1),
    };
    if q.phase == QuizPhase::Asking {
        // The scroll kept in update is for a one-row status line (see question::draw).
        let assumed_max = question_split(q, &app.ctx()).max_scroll;
        question::draw(q, frame, (text_area, body), width, assumed_max, theme);
        return;
    }
    let (lines, focus) = match &q.phase {
        QuizPhase::Loading | QuizPhase::Starting | QuizPhase::Asking => {
            (vec![Line::raw("Loading…")], 0)
        }
        QuizPhase::Start => (start_lines(&app.ctx(), q, width, theme), q.input.cursor),
        QuizPhase::Checked { correct } => {
            (checked_lines(q, *correct, width, theme), q.input.cursor)
        }
        QuizPhase::Results(_) if q.check.is_some() => {
            (check::results_lines(q, width, theme), q.input.cursor)
        }
        QuizPhase::Results(score) => (
            results_lines(
                &app.attempt_save(),
                &standing_lines(q, &app.ctx()),
                q,
                *score,
                width,
                theme,
            ),
            q.input.cursor,
        ),
    };
    // Keep the focused line (choice under the cursor, or the scroll position) in view.
    let height = usize::from(text_area.height);
    let total = lines.len();
    let top = if matches!(
        q.phase,
        QuizPhase::Start | QuizPhase::Checked { .. } | QuizPhase::Results(_)
    ) {
        focus.min(total.saturating_sub(height))
    } else {
        0
    };
    let visible: Vec<Line> = lines.into_iter().skip(top).take(height).collect();
    frame.render_widget(Paragraph::new(visible), text_area);
    // Say when there is more than fits, as the lesson reader does.
    if total > height {
        let mut state = ScrollbarState::new(total.saturating_sub(height)).position(top);
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(Some("↑"))
                .end_symbol(Some("↓")),
            body,
            &mut state,
        );
    }
}

/// The start screen at `width`: every sentence wrapped, never cut (at 80 columns the resume
/// line and at 40 most lines are longer than the screen).
fn start_lines(
    ctx: &crate::app::Ctx,
    q: &QuizState,
    width: u16,
    theme: Theme,
) -> Vec<Line<'static>> {
    let Some(quiz) = &q.quiz else { return vec![] };
    let mut lines = Vec::new();
    let say = |lines: &mut Vec<Line<'static>>, text: &str, style| {
        review::push_prefixed(lines, "", text, width, style);
    };
    let plain = ratatui::style::Style::default();
    if q.check.is_some() {
        say(
            &mut lines,
            &crate::text::quiz::check_start(quiz.asked_count()),
            theme.accent(),
        );
        lines.push(Line::default());
        say(&mut lines, crate::text::quiz::check_not_recorded(), plain);
        return lines;
    }
    // The question asked after `d` comes first, where it is seen on any screen (the
    // update scrolls to the top when it is asked).
    if q.confirm_discard {
        let [question, why] = crate::text::quiz::discard_question();
        say(
            &mut lines,
            question,
            theme.accent().add_modifier(ratatui::style::Modifier::BOLD),
        );
        say(&mut lines, why, plain);
        lines.push(Line::default());
    }
    // The title is in the header line just above.
    say(
        &mut lines,
        &format!(
            "{} · pass mark {}%",
            crate::text::counted(quiz.asked_count(), "question", "questions"),
            q.pass_percent
        ),
        plain,
    );
    let (course_id, lesson_id) = ctx
        .course(q.course)
        .and_then(|c| Some((c.id.clone(), c.lessons.get(q.lesson)?.id().to_string())))
        .unwrap_or_default();
    let best = ctx.progress.best_attempt(&course_id, &lesson_id);
    lines.push(match best {
        None => Line::styled("Not taken yet.", theme.muted()),
        Some(a) => {
            let passed = ctx.progress.quiz_passed(&course_id, &lesson_id);
            Line::from(vec![
                Span::raw(format!(
                    "Best so far: {}/{} ({}) ",
                    a.score,
                    a.total,
                    pct(a.percent)
                )),
                if passed {
                    Span::styled("PASSED", theme.good())
                } else {
                    Span::styled("not passed yet", theme.warn())
                },
            ])
        }
    });
    lines.push(Line::default());
    if let Some(r) = &q.resume {
        say(
            &mut lines,
            &crate::text::quiz::resume_line(r.answers.len(), r.asked.len()),
            theme.warn(),
        );
        lines.push(Line::default());
    }
    let (standing, may_start) = standing_lines(q, ctx);
    if !standing.is_empty() {
        for line in standing {
            say(&mut lines, &line, theme.warn());
        }
        lines.push(Line::default());
    }
    say(
        &mut lines,
        &crate::text::quiz::how_feedback(q.feedback_at_end()).join(" "),
        plain,
    );
    lines.push(Line::default());
    if q.confirm_discard {
        // Asked at the top.
    } else if q.resume.is_some() || may_start {
        // When the rules allow no attempt now, the standing above says why and when: Enter
        // is not offered.
        say(
            &mut lines,
            crate::text::quiz::start_prompt(q.resume.is_some()),
            theme.accent(),
        );
    }
    lines
}

/// How many lines the start screen, feedback or results take in `ctx`'s width (0 in other
/// phases): their scroll stops with the last line at the bottom.
#[must_use]
pub fn scroll_lines(q: &QuizState, ctx: &crate::app::Ctx) -> usize {
    let theme = Theme::monochrome();
    let width = ctx.text_width();
    match &q.phase {
        QuizPhase::Start => start_lines(ctx, q, width, theme).len(),
        QuizPhase::Checked { correct } => checked_lines(q, *correct, width, theme).len(),
        QuizPhase::Results(_) if q.check.is_some() => check::results_lines(q, width, theme).len(),
        QuizPhase::Results(score) => {
            let standing = standing_lines(q, ctx);
            let save = crate::app::AttemptSave::Saved;
            results_lines(&save, &standing, q, *score, width, theme).len()
        }
        _ => 0,
    }
}

/// Attempts used and left, and when the next opens (none when the quiz sets no rules); and
/// whether a retake may start now.
fn standing_lines(q: &QuizState, ctx: &crate::app::Ctx) -> (Vec<String>, bool) {
    match (q.standing(ctx), &q.quiz) {
        (Some(s), Some(quiz)) => (
            crate::text::quiz::standing(
                &s,
                crate::domain::attempts::Rule::of(quiz),
                crate::progress::Stamp::from_zoned(ctx.now),
            ),
            s.may_start(),
        ),
        _ => (vec![], true),
    }
}

fn results_lines(
    save: &crate::app::AttemptSave,
    (standing, may_retake): &(Vec<String>, bool),
    q: &QuizState,
    score: crate::quiz::Score,
    width: u16,
    theme: Theme,
) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::from(vec![
            Span::styled(
                format!(
                    "Score: {}/{} ({}) ",
                    score.points,
                    score.total,
                    pct(score.percent)
                ),
                theme.accent(),
            ),
            if score.passed {
                Span::styled("PASSED", theme.good())
            } else {
                Span::styled("NOT PASSED", theme.bad())
            },
        ]),
        Line::styled(format!("Pass mark: {}%", q.pass_percent), theme.muted()),
        // A knowledge check has its own results (check.rs): this is a recorded attempt.
        Line::styled(
            crate::text::attempt_save(save),
            match save {
                crate::app::AttemptSave::Saved => theme.good(),
                crate::app::AttemptSave::Saving => theme.warn(),
                crate::app::AttemptSave::NotSaved(_) => theme.bad(),
            },
        ),
    ];
    for line in standing {
        lines.push(Line::styled(line.clone(), theme.warn()));
    }
    lines.push(Line::default());
    lines.push(Line::styled("Review:", theme.accent()));
    let Some(quiz) = &q.quiz else { return lines };
    if q.feedback_at_end() {
        // The attempt is submitted: now every question is reviewed in full.
        let total = q.answers.len();
        for (n, a) in q.answers.iter().enumerate() {
            let index = a.question.saturating_sub(1);
            let Some(question) = quiz.questions.get(index) else {
                continue;
            };
            let items = q
                .arrangement
                .items
                .get(index)
                .map_or(&[][..], Vec::as_slice);
            let style = if a.correct { theme.good() } else { theme.bad() };
            lines.push(Line::default());
            lines.push(Line::styled(
                crate::text::quiz::review_heading(n + 1, total, a.correct),
                style.add_modifier(ratatui::style::Modifier::BOLD),
            ));
            lines.extend(review::answer_lines(
                question,
                items,
                Some(&a.answer),
                a.correct,
                width,
                theme,
            ));
        }
    }
    for (n, a) in q
        .answers
        .iter()
        .enumerate()
        .filter(|_| !q.feedback_at_end())
    {
        let (mark, first_line, style) = answer_summary(quiz, a, theme);
        let text = super::truncate(
            &format!("{mark} {:>2}. {first_line}", n + 1),
            usize::from(width),
        );
        lines.push(Line::styled(text, style));
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        crate::text::quiz::results_keys(*may_retake),
        theme.muted(),
    ));
    lines
}

/// One answered question on a results list: its mark, the first line of its prompt and the
/// style. The mark says right or wrong; the colour only repeats it.
fn answer_summary(
    quiz: &crate::quiz::Quiz,
    a: &crate::progress::GivenAnswer,
    theme: Theme,
) -> (&'static str, String, ratatui::style::Style) {
    let prompt = quiz
        .questions
        .get(a.question.saturating_sub(1))
        .map_or("", |qq| qq.prompt.as_str());
    // The prompt is Markdown: its first rendered line, not its source.
    let rendered = markdown::to_plain(&markdown::render(prompt, 1000));
    let first = rendered
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim()
        .to_string();
    if a.correct {
        ("✓", first, theme.good())
    } else {
        ("✗", first, theme.bad())
    }
}

mod check;
mod question;
mod review;

pub use question::{Split, question_overflows, question_split};
use review::checked_lines;
