//! Display-width measurement and greedy word wrapping of styled text.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::style;

/// Inline content: styled text runs and hard line breaks.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Piece {
    /// Text in one style (already cleaned of control characters).
    Text(String, Style),
    /// A hard line break.
    Break,
}

/// Byte length of the cluster at the start of non-empty `s`: a character with the combining
/// marks, variation selectors, skin-tone modifiers and ZWJ-joined characters that follow it.
/// Close enough to a grapheme to never split what a terminal draws as one cell group.
pub(crate) fn cluster_len(s: &str) -> usize {
    let bytes = s.as_bytes();
    if bytes.first().is_some_and(u8::is_ascii) && bytes.get(1).is_none_or(u8::is_ascii) {
        return 1.min(bytes.len());
    }
    let mut chars = s.char_indices();
    let Some((_, first)) = chars.next() else {
        return 0;
    };
    let mut end = first.len_utf8();
    let mut joined = false;
    for (i, c) in chars {
        let extends = joined
            || c == '\u{200d}'
            || c.width() == Some(0)
            || ('\u{1f3fb}'..='\u{1f3ff}').contains(&c);
        if !extends {
            break;
        }
        joined = c == '\u{200d}';
        end = i + c.len_utf8();
    }
    end
}

/// Display width of a cluster from [`cluster_len`].
pub(crate) fn cluster_width(cluster: &str) -> usize {
    if cluster.len() == 1 {
        1
    } else {
        cluster.width()
    }
}

/// Whether the wrapper may break at this character (a collapsible space).
fn is_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}')
}

/// `s` cut to at most `width` columns, with a muted `…` at the edge when something was cut.
pub(crate) fn clip(s: &str, width: usize, st: Style) -> Vec<Span<'static>> {
    if s.width() <= width {
        return vec![Span::styled(s.to_string(), st)];
    }
    let keep = width.saturating_sub(1);
    let mut used = 0;
    let mut end = 0;
    while end < s.len() {
        let n = cluster_len(&s[end..]);
        let w = cluster_width(&s[end..end + n]);
        if used + w > keep {
            break;
        }
        used += w;
        end += n;
    }
    let mut spans = Vec::with_capacity(2);
    if end > 0 {
        spans.push(Span::styled(s[..end].to_string(), st));
    }
    if width > 0 {
        spans.push(Span::styled("…", style::MUTED));
    }
    spans
}

/// Wraps `pieces` to `width` columns (at least 1). Words longer than a line break by clusters.
pub(crate) fn wrap(pieces: &[Piece], width: usize) -> Vec<Line<'static>> {
    let mut w = Wrapper::new(width.max(1));
    for piece in pieces {
        match piece {
            Piece::Break => {
                w.place_word();
                w.hard_break();
            }
            Piece::Text(text, st) => w.text(text, *st),
        }
    }
    w.finish()
}

/// Widest line `pieces` would make with no wrapping (hard breaks still break).
pub(crate) fn natural_width(pieces: &[Piece]) -> usize {
    let mut best = 0;
    let mut cur = 0;
    for piece in pieces {
        match piece {
            Piece::Break => {
                best = best.max(cur);
                cur = 0;
            }
            Piece::Text(text, _) => cur += text.width(),
        }
    }
    best.max(cur)
}

/// Width of the widest unbreakable run (a word; wide characters break on their own).
pub(crate) fn longest_word(pieces: &[Piece]) -> usize {
    let mut best = 0;
    let mut cur = 0;
    for piece in pieces {
        let Piece::Text(text, _) = piece else {
            cur = 0;
            continue;
        };
        let mut i = 0;
        while i < text.len() {
            let n = cluster_len(&text[i..]);
            let cluster = &text[i..i + n];
            if cluster.chars().next().is_some_and(is_space) {
                cur = 0;
            } else {
                let w = cluster_width(cluster);
                cur = if w >= 2 { 0 } else { cur + w };
                best = best.max(cur.max(w));
            }
            i += n;
        }
    }
    best
}

struct Wrapper<'a> {
    width: usize,
    lines: Vec<Line<'static>>,
    cur: Vec<Span<'static>>,
    cur_w: usize,
    /// A space seen since the last word, in its style; only drawn between two words.
    space: Option<Style>,
    word: Vec<(&'a str, Style)>,
    word_w: usize,
}

impl<'a> Wrapper<'a> {
    fn new(width: usize) -> Self {
        Self {
            width,
            lines: Vec::new(),
            cur: Vec::new(),
            cur_w: 0,
            space: None,
            word: Vec::new(),
            word_w: 0,
        }
    }

    fn text(&mut self, text: &'a str, st: Style) {
        let mut run_start = 0;
        let mut i = 0;
        while i < text.len() {
            let rest = &text[i..];
            let n = cluster_len(rest);
            let cluster = &rest[..n];
            let first = cluster.chars().next().unwrap_or(' ');
            if is_space(first) {
                self.add(&text[run_start..i], st);
                self.place_word();
                self.space = Some(st);
                run_start = i + n;
            } else {
                let cw = cluster_width(cluster);
                if cw >= 2 {
                    // Wide characters (CJK) are break opportunities on both sides: such text
                    // rarely has spaces to break at.
                    self.add(&text[run_start..i], st);
                    self.place_word();
                    self.add(cluster, st);
                    self.word_w = cw;
                    self.place_word();
                    run_start = i + n;
                } else {
                    self.word_w += cw;
                }
            }
            i += n;
        }
        self.add(&text[run_start..], st);
    }

    fn add(&mut self, s: &'a str, st: Style) {
        if !s.is_empty() {
            self.word.push((s, st));
        }
    }

    fn place_word(&mut self) {
        if self.word.is_empty() {
            return;
        }
        let gap = usize::from(self.space.is_some() && self.cur_w > 0);
        if self.cur_w > 0 && self.cur_w + gap + self.word_w > self.width {
            self.new_line();
        } else if gap == 1
            && let Some(st) = self.space
        {
            self.push(" ", st, 1);
        }
        self.space = None;
        let word = std::mem::take(&mut self.word);
        if self.word_w <= self.width - self.cur_w {
            for &(s, st) in &word {
                self.push(s, st, 0);
            }
            self.cur_w += self.word_w;
        } else {
            for &(s, st) in &word {
                self.push_broken(s, st);
            }
        }
        self.word = word;
        self.word.clear();
        self.word_w = 0;
    }

    /// A word too long for any line: placed cluster by cluster.
    fn push_broken(&mut self, s: &str, st: Style) {
        let mut i = 0;
        while i < s.len() {
            let n = cluster_len(&s[i..]);
            let mut cluster = &s[i..i + n];
            let mut cw = cluster_width(cluster);
            if cw > self.width {
                // Only a wide character on a one-column line gets here.
                cluster = "…";
                cw = 1;
            }
            if self.cur_w + cw > self.width {
                self.new_line();
            }
            self.push(cluster, st, cw);
            i += n;
        }
    }

    fn push(&mut self, s: &str, st: Style, w: usize) {
        self.cur_w += w;
        if let Some(last) = self.cur.last_mut()
            && last.style == st
        {
            last.content.to_mut().push_str(s);
            return;
        }
        self.cur.push(Span::styled(s.to_string(), st));
    }

    fn new_line(&mut self) {
        self.lines.push(Line::from(std::mem::take(&mut self.cur)));
        self.cur_w = 0;
        self.space = None;
    }

    fn hard_break(&mut self) {
        self.new_line();
    }

    fn finish(mut self) -> Vec<Line<'static>> {
        self.place_word();
        if !self.cur.is_empty() {
            self.new_line();
        }
        self.lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Line<'_>]) -> Vec<String> {
        lines.iter().map(ToString::to_string).collect()
    }

    fn text(s: &str) -> Vec<Piece> {
        vec![Piece::Text(s.into(), Style::default())]
    }

    #[test]
    fn greedy_wrap_collapses_spaces() {
        let lines = wrap(&text("the  quick brown fox jumps"), 10);
        assert_eq!(plain(&lines), ["the quick", "brown fox", "jumps"]);
    }

    #[test]
    fn long_words_break_by_characters() {
        let lines = wrap(&text("ab abcdefghij"), 4);
        assert_eq!(plain(&lines), ["ab", "abcd", "efgh", "ij"]);
    }

    #[test]
    fn wide_characters_count_two_and_break_anywhere() {
        let lines = wrap(&text("日本語のテキスト"), 6);
        assert_eq!(plain(&lines), ["日本語", "のテキ", "スト"]);
        for line in &lines {
            assert!(line.width() <= 6);
        }
        let lines = wrap(&text("ok 🙂🙂🙂"), 5);
        assert_eq!(plain(&lines), ["ok 🙂", "🙂🙂"]);
        // A wide character cannot fit one column: it is replaced, never overflowing.
        let lines = wrap(&text("日本"), 1);
        assert_eq!(plain(&lines), ["…", "…"]);
    }

    #[test]
    fn clusters_stay_whole() {
        assert_eq!(cluster_len("e\u{301}x"), 3);
        assert_eq!(cluster_len("👍🏽x"), "👍🏽".len());
        assert_eq!(cluster_len("👩\u{200d}💻x"), "👩\u{200d}💻".len());
        assert_eq!(cluster_len("ab"), 1);
        let lines = wrap(&text("👍🏽👍🏽"), 2);
        assert_eq!(plain(&lines), ["👍🏽", "👍🏽"]);
    }

    #[test]
    fn styles_merge_and_words_span_styles() {
        let bold = Style::new().bold();
        let pieces = vec![
            Piece::Text("foo".into(), Style::default()),
            Piece::Text("bar".into(), bold),
            Piece::Text(" baz".into(), Style::default()),
        ];
        let lines = wrap(&pieces, 6);
        assert_eq!(plain(&lines), ["foobar", "baz"]);
        assert_eq!(lines[0].spans.len(), 2);
    }

    #[test]
    fn hard_breaks() {
        let pieces = vec![
            Piece::Text("a".into(), Style::default()),
            Piece::Break,
            Piece::Break,
            Piece::Text("b".into(), Style::default()),
        ];
        assert_eq!(plain(&wrap(&pieces, 10)), ["a", "", "b"]);
    }

    #[test]
    fn longest_words() {
        let pieces = vec![
            Piece::Text("ab abc".into(), Style::default()),
            Piece::Text("de f".into(), Style::new().bold()),
            Piece::Break,
            Piece::Text("日本".into(), Style::default()),
        ];
        assert_eq!(longest_word(&pieces), 5);
        assert_eq!(natural_width(&pieces), 10);
    }

    #[test]
    fn clip_marks_the_edge() {
        let s: String = clip("abcdef", 4, Style::default())
            .iter()
            .map(|s| s.content.as_ref())
            .collect();
        assert_eq!(s, "abc…");
        let s: String = clip("日本語", 4, Style::default())
            .iter()
            .map(|s| s.content.as_ref())
            .collect();
        assert_eq!(s, "日…");
        assert_eq!(clip("abc", 1, Style::default()).len(), 1);
    }
}
