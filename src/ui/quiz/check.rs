//! A knowledge check's results: how many were right, that nothing was recorded, each
//! question on a short line, and the way back to the lesson. A check is practice, so none of
//! the quiz's score, pass mark, attempts or save status applies.

use ratatui::text::Line;

use super::super::Theme;
use crate::app::QuizState;

/// The results of a knowledge check, at `width`.
pub(super) fn results_lines(q: &QuizState, width: u16, theme: Theme) -> Vec<Line<'static>> {
    let right = q.answers.iter().filter(|a| a.correct).count();
    let mut lines = Vec::new();
    // Wrapped, not cut: on a narrow screen "nothing was recorded" must still show.
    super::review::push_prefixed(
        &mut lines,
        "",
        &crate::text::quiz::check_results(right, q.answers.len()),
        width,
        theme.accent(),
    );
    lines.push(Line::default());
    let Some(quiz) = &q.quiz else { return lines };
    for a in &q.answers {
        let (mark, first, style) = super::answer_summary(quiz, a, theme);
        let text = format!(
            "{mark} {}",
            crate::text::quiz::check_result_line(a.correct, &first)
        );
        lines.push(Line::styled(
            super::super::truncate(&text, usize::from(width)),
            style,
        ));
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        crate::text::quiz::check_results_keys(),
        theme.muted(),
    ));
    lines
}
