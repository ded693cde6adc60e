//! One sanitizer for every text that comes from a file or a server and is bound for a terminal.
//!
//! Course files, progress files, file names and LRS replies come from whoever wrote them.
//! Anything that reaches a terminal could move the cursor, retitle the window, clear the
//! screen, reorder what is shown (bidi overrides) or leave stale cells (zero-width
//! characters), so every such string goes through [`clean`] (or [`line`] / [`text`]) first.
//! Whole escape sequences are removed, not just their ESC byte: `ESC ]0;PWNED BEL` leaves
//! nothing behind.

use std::borrow::Cow;
use std::iter::Peekable;
use std::str::CharIndices;

/// What happens to layout whitespace (`\n`, `\r`, `\t`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Keep newlines, carriage returns and tabs: for whole sources and code blocks, where the
    /// parser or the tab expansion still needs them.
    Layout,
    /// Keep newlines and tabs, drop carriage returns (which could overwrite a printed line):
    /// for multi-line text written to a terminal.
    Lines,
    /// Tabs and newlines become spaces, carriage returns go: for one line of output or a span.
    Inline,
}

/// One line of terminal output: no escapes, controls, bidi or zero-width characters, and
/// newlines and tabs turned into spaces.
#[must_use]
pub fn line(s: &str) -> Cow<'_, str> {
    clean(s, Mode::Inline)
}

/// Multi-line terminal output: as [`line`], but newlines and tabs stay.
#[must_use]
pub fn text(s: &str) -> Cow<'_, str> {
    clean(s, Mode::Lines)
}

/// JSON text (as `serde_json` writes it) safe for a terminal and still the same JSON value:
/// every hidden character left inside a string (C1 controls, DEL, bidi, zero-width; C0 ones are
/// escaped already) becomes a `\uXXXX` escape.
#[must_use]
pub fn json(s: &str) -> Cow<'_, str> {
    let hidden = |c: char| c != '\n' && is_hidden_char(c);
    if !s.chars().any(hidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if hidden(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether `c` is never shown to a terminal: controls (C0, DEL, C1), bidi embeddings,
/// overrides, isolates and marks, and zero-width or invisible format characters.
#[must_use]
pub fn is_hidden_char(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{061c}'                    // Arabic letter mark
            | '\u{180e}'                  // Mongolian vowel separator
            | '\u{200b}'..='\u{200f}'     // zero-width space, (non-)joiner, LRM, RLM
            | '\u{2028}' | '\u{2029}'     // line and paragraph separators
            | '\u{202a}'..='\u{202e}'     // bidi embeddings and overrides
            | '\u{2060}'..='\u{206f}'     // word joiner, invisible operators, bidi isolates
            | '\u{feff}'                  // zero-width no-break space (BOM)
            | '\u{fff9}'..='\u{fffb}'     // interlinear annotation
        )
}

/// `s` without escape sequences or hidden characters (see [`Mode`] for whitespace).
#[must_use]
pub fn clean(s: &str, mode: Mode) -> Cow<'_, str> {
    if is_clean(s, mode) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(clean_slow(s, mode))
    }
}

/// Whether nothing needs removing (the common case: no allocation).
fn is_clean(s: &str, mode: Mode) -> bool {
    s.chars().all(|c| match c {
        '\n' | '\t' => mode != Mode::Inline,
        '\r' => mode == Mode::Layout,
        ' '..='~' => true,
        c => !is_hidden_char(c),
    })
}

fn clean_slow(s: &str, mode: Mode) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.char_indices().peekable();
    while let Some((_, c)) = it.next() {
        match c {
            '\n' | '\t' if mode != Mode::Inline => out.push(c),
            '\r' if mode == Mode::Layout => out.push(c),
            '\n' | '\t' => out.push(' '),
            '\x1b' => skip_escape(&mut it),
            '\u{9b}' => skip_csi(&mut it),
            // DCS, SOS, OSC, PM, APC: strings ended by ST or BEL.
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string(&mut it),
            c if is_hidden_char(c) => {}
            c => out.push(c),
        }
    }
    out
}

type Chars<'a> = Peekable<CharIndices<'a>>;

fn peek(it: &mut Chars<'_>) -> Option<char> {
    it.peek().map(|&(_, c)| c)
}

/// After an ESC: drops the rest of the sequence (ECMA-48 shapes), leaving ordinary text alone.
fn skip_escape(it: &mut Chars<'_>) {
    match peek(it) {
        Some('[') => {
            it.next();
            skip_csi(it);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            it.next();
            skip_string(it);
        }
        Some('\x20'..='\x2f') => {
            while matches!(peek(it), Some('\x20'..='\x2f')) {
                it.next();
            }
            if matches!(peek(it), Some('\x30'..='\x7e')) {
                it.next();
            }
        }
        Some('\x30'..='\x7e') => {
            it.next();
        }
        _ => {}
    }
}

/// Control sequence body: parameters, intermediates, one final byte.
fn skip_csi(it: &mut Chars<'_>) {
    while matches!(peek(it), Some('\x30'..='\x3f')) {
        it.next();
    }
    while matches!(peek(it), Some('\x20'..='\x2f')) {
        it.next();
    }
    if matches!(peek(it), Some('\x40'..='\x7e')) {
        it.next();
    }
}

/// String body (OSC and friends) up to BEL or ST. Stops before a newline or another escape
/// that is not ST, so a stray unterminated sequence cannot swallow the rest of a lesson.
fn skip_string(it: &mut Chars<'_>) {
    loop {
        match peek(it) {
            None | Some('\n') => return,
            Some('\x07' | '\u{9c}') => {
                it.next();
                return;
            }
            Some('\x1b') => {
                let mut ahead = it.clone();
                ahead.next();
                if matches!(ahead.peek(), Some(&(_, '\\'))) {
                    it.next();
                    it.next();
                }
                return;
            }
            Some(_) => {
                it.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inline(s: &str) -> String {
        clean(s, Mode::Inline).into_owned()
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(
            clean("héllo 世界 🙂", Mode::Inline),
            Cow::Borrowed(_)
        ));
        assert!(matches!(clean("a\n\tb", Mode::Layout), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_sequences_vanish() {
        assert_eq!(inline("a\x1b]0;evil\x07b"), "ab");
        assert_eq!(
            inline("a\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\b"),
            "alinkb"
        );
        assert_eq!(inline("a\x1b[2Jb"), "ab");
        assert_eq!(inline("a\x1b[1;31mred\x1b[0m"), "ared");
        assert_eq!(inline("a\x1b[?1049hb"), "ab");
        assert_eq!(inline("a\x1bcb"), "ab");
        assert_eq!(inline("a\x1b(Bb"), "ab");
        assert_eq!(inline("a\x1bPq#0\x1b\\b"), "ab");
        assert_eq!(inline("a\u{9b}2Jb"), "ab");
        assert_eq!(inline("a\u{9d}0;evil\u{9c}b"), "ab");
        assert_eq!(inline("tail\x1b"), "tail");
    }

    #[test]
    fn controls_vanish_and_tabs_become_spaces() {
        assert_eq!(inline("a\x00b\x07c\x08d\x7fe\u{85}f\rg"), "abcdefg");
        assert_eq!(inline("a\tb\nc"), "a b c");
        assert_eq!(clean("a\tb\r\nc\x1b[Hd", Mode::Layout), "a\tb\r\ncd");
    }

    #[test]
    fn unterminated_string_stops_at_newline() {
        assert_eq!(clean("a\x1b]0;x\nb", Mode::Layout), "a\nb");
        // An aborting escape starts a new sequence rather than being eaten.
        assert_eq!(inline("a\x1b]0;x\x1b[2Jb"), "ab");
    }

    #[test]
    fn a_title_setting_osc_leaves_nothing_behind() {
        assert_eq!(line("a\x1b]0;PWNED\x07b"), "ab");
        assert_eq!(line("a\x1b]0;PWNED\x1b\\b"), "ab");
        assert_eq!(text("x\x1b]2;PWNED\x07\ny"), "x\ny");
    }

    #[test]
    fn bidi_overrides_isolates_and_zero_width_characters_vanish() {
        assert_eq!(line("admin\u{202e}gnp.exe"), "admingnp.exe");
        assert_eq!(line("a\u{2066}b\u{2069}c\u{2067}d\u{2068}e"), "abcde");
        assert_eq!(
            line("a\u{200b}b\u{200d}c\u{feff}d\u{2060}e\u{200f}f"),
            "abcdef"
        );
        assert!(matches!(line("Ünïcödé 世界 🙂"), Cow::Borrowed(_)));
    }

    #[test]
    fn lines_mode_keeps_newlines_and_drops_carriage_returns() {
        assert_eq!(text("ok\rFAKE\n\tnext\u{85}"), "okFAKE\n\tnext");
        assert_eq!(line("a\r\nb"), "a b");
    }

    #[test]
    fn nothing_hidden_survives_any_mode() {
        let nasty = "\x1b[31m\x1b]0;t\x07\x1bP1$r\x1b\\\u{9b}1m\u{9d}x\u{9c}\u{85}\u{202e}\u{2066}\u{200b}\x07\x08\x7f";
        for mode in [Mode::Layout, Mode::Lines, Mode::Inline] {
            let out = clean(nasty, mode);
            assert!(!out.chars().any(is_hidden_char), "{mode:?}: {out:?}");
        }
    }

    #[test]
    fn json_keeps_its_value_and_loses_its_teeth() {
        let value = serde_json::json!({ "t": "a\x1b]0;PWNED\x07\u{9b}2J\u{202e}z\u{7f}" });
        let text = serde_json::to_string_pretty(&value).unwrap();
        let safe = json(&text);
        assert!(
            !safe.chars().any(|c| c != '\n' && is_hidden_char(c)),
            "{safe}"
        );
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }
}
