//! Removal of control characters and terminal escape sequences from course text.
//!
//! Course files come from whoever wrote the course. Anything that reaches a terminal could move
//! the cursor, retitle the window or clear the screen, so every string that lands in a span
//! goes through [`clean`] first.

use std::borrow::Cow;
use std::iter::Peekable;
use std::str::CharIndices;

/// What happens to layout whitespace (`\n`, `\r`, `\t`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Keep newlines, carriage returns and tabs: for whole sources and code blocks, where the
    /// parser or the tab expansion still needs them.
    Layout,
    /// Tabs and newlines become spaces, carriage returns go: for text bound for a span.
    Inline,
}

/// `s` without control characters or escape sequences (see [`Mode`] for whitespace).
pub(crate) fn clean(s: &str, mode: Mode) -> Cow<'_, str> {
    if is_clean(s.as_bytes(), mode) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(clean_slow(s, mode))
    }
}

/// Fast check over bytes: C0 controls, DEL and the UTF-8 encoding of C1 (`C2 80..=9F`).
fn is_clean(bytes: &[u8], mode: Mode) -> bool {
    let mut prev = 0u8;
    for &b in bytes {
        let bad = match b {
            b'\n' | b'\r' | b'\t' => mode == Mode::Inline,
            0..=0x1f | 0x7f => true,
            0x80..=0x9f => prev == 0xc2,
            _ => false,
        };
        if bad {
            return false;
        }
        prev = b;
    }
    true
}

fn clean_slow(s: &str, mode: Mode) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.char_indices().peekable();
    while let Some((_, c)) = it.next() {
        match c {
            '\n' | '\r' | '\t' if mode == Mode::Layout => out.push(c),
            '\n' | '\t' => out.push(' '),
            '\x1b' => skip_escape(&mut it),
            '\u{9b}' => skip_csi(&mut it),
            // DCS, SOS, OSC, PM, APC: strings ended by ST or BEL.
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string(&mut it),
            c if c.is_control() => {}
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
}
