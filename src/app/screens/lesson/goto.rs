//! Going to a place on a page (a search match, an outline heading): which page, and the
//! rendered row that shows it, so the reader scrolls it into view.

use ratatui::text::Line;

use super::{LessonState, RESERVED_ROWS, max_scroll};
use crate::app::screens::{Ctx, Outcome};

/// A place to show: a page and the text to find on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Goto {
    /// The page, 0-based.
    pub page: usize,
    /// The line's plain text (as the search index holds it).
    pub text: String,
    /// The word within it to bring into view, lowercase.
    pub word: String,
}

/// Characters of a line's start that locate it: enough to tell lines apart, few enough that
/// how the renderer decorates the rest (links, footnotes) does not matter.
const PREFIX: usize = 40;

/// Lowercase characters of `lines`, whitespace runs as one space, each with its row.
fn flatten(lines: &[Line]) -> Vec<(char, usize)> {
    let mut out: Vec<(char, usize)> = Vec::new();
    for (row, line) in lines.iter().enumerate() {
        for ch in line
            .spans
            .iter()
            .flat_map(|s| s.content.chars())
            .chain(std::iter::once(' '))
        {
            let ch = if ch.is_whitespace() {
                ' '
            } else {
                ch.to_lowercase().next().unwrap_or(ch)
            };
            if ch == ' ' && out.last().is_none_or(|(c, _)| *c == ' ') {
                continue;
            }
            out.push((ch, row));
        }
    }
    out
}

fn normalize(s: &str) -> Vec<char> {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .map(|c| c.to_lowercase().next().unwrap_or(c))
        .collect()
}

fn find(hay: &[(char, usize)], needle: &[char], from: usize) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    (from..=hay.len() - needle.len())
        .find(|&i| hay[i..i + needle.len()].iter().map(|(c, _)| c).eq(needle))
}

/// The rendered row showing `goto`'s word in its line (else the line, else the word anywhere).
#[must_use]
pub fn row_of(lines: &[Line], goto: &Goto) -> Option<usize> {
    let hay = flatten(lines);
    let text = normalize(&goto.text);
    let prefix = &text[..text.len().min(PREFIX)];
    let word = normalize(&goto.word);
    let at = find(&hay, prefix, 0);
    let found = match at {
        Some(start) => find(&hay, &word, start)
            .filter(|&w| w < start + text.len())
            .or(Some(start)),
        None => find(&hay, &word, 0),
    };
    found.map(|i| hay[i].1)
}

impl LessonState {
    /// Shows `goto`: its page, scrolled so its row sits in the upper third of the screen.
    pub fn jump(&mut self, ctx: &Ctx, goto: &Goto) -> Outcome {
        self.page = goto.page.min(self.pages.len().saturating_sub(1));
        self.scroll = 0;
        self.width = 0;
        self.rewrap(ctx);
        self.scroll_to(ctx, goto);
        Outcome::act(self.viewed())
    }

    /// Scrolls the rendered page so `goto` shows.
    pub(super) fn scroll_to(&mut self, ctx: &Ctx, goto: &Goto) {
        let height = ctx.rows_below(RESERVED_ROWS);
        if let Some(row) = row_of(&self.lines, goto) {
            self.scroll = row
                .saturating_sub(height / 3)
                .min(max_scroll(self.lines.len(), height));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn goto(text: &str, word: &str) -> Goto {
        Goto {
            page: 0,
            text: text.into(),
            word: word.into(),
        }
    }

    #[test]
    fn the_row_of_a_word_in_a_wrapped_paragraph() {
        let src = "# Title\n\nFirst paragraph mentions calm once.\n\n\
            Second paragraph is long enough to wrap over several rows and mentions calm near \
            its very end, after many words.\n";
        let lines = crate::markdown::render(src, 30);
        let text = "Second paragraph is long enough to wrap over several rows and mentions calm \
            near its very end, after many words.";
        let row = row_of(&lines, &goto(text, "calm")).unwrap();
        let shown: String = lines[row]
            .spans
            .iter()
            .map(|s| s.content.as_ref())
            .collect();
        assert!(shown.contains("calm"), "{shown}");
        assert!(
            row > 3,
            "the second paragraph's calm, not the first's: {row}"
        );
        // A word alone (the line not found) still finds a row; nothing at all finds none.
        assert_eq!(row_of(&lines, &goto("not on the page", "title")), Some(0));
        assert_eq!(row_of(&lines, &goto("not on the page", "absent")), None);
    }
}
