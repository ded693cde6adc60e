//! Raw text inside Markdown: code blocks (tabs expanded) and HTML (tags stripped, never
//! interpreted), both cleaned of control sequences.

use crate::sanitize::{Mode, clean};

/// Whether an inline HTML tag is a line break (`<br>`, `<br/>`, `<BR />`).
pub(super) fn is_br(html: &str) -> bool {
    let tag = html
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/')
        .trim();
    tag.eq_ignore_ascii_case("br")
}

/// Code text as cleaned lines, tabs expanded to stops of four.
pub(super) fn code_lines(code: &str) -> Vec<String> {
    let code = clean(code, Mode::Layout);
    let code = code.strip_suffix('\n').unwrap_or(&code);
    code.split('\n')
        .map(|line| {
            let line = line.strip_suffix('\r').unwrap_or(line);
            let mut out = String::with_capacity(line.len());
            let mut col = 0;
            for c in line.chars() {
                match c {
                    '\t' => {
                        let n = 4 - col % 4;
                        out.extend(std::iter::repeat_n(' ', n));
                        col += n;
                    }
                    '\r' => {}
                    c => {
                        out.push(c);
                        col += 1;
                    }
                }
            }
            out.trim_end().to_string()
        })
        .collect()
}

/// The text of an HTML block with tags and comments removed, by non-blank line.
pub(super) fn html_lines(html: &str) -> Vec<String> {
    let html = clean(html, Mode::Layout);
    strip_tags(&html)
        .lines()
        .map(|l| clean(l, Mode::Inline).trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// Removes `<tag ...>` and `<!-- ... -->`; a `<` that does not open a tag stays.
fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let end = if after.starts_with("<!--") {
            after.find("-->").map_or(after.len(), |e| e + 3)
        } else if after[1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'))
        {
            after.find('>').map_or(after.len(), |e| e + 1)
        } else {
            out.push('<');
            1
        };
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_tags_and_comments() {
        assert_eq!(
            strip_tags("<details>\n<summary>Hi <b>there</b></summary>\n</details>"),
            "\nHi there\n"
        );
        assert_eq!(strip_tags("a <!-- note\nfor authors --> b"), "a  b");
        assert_eq!(strip_tags("1 < 2 and <3"), "1 < 2 and <3");
    }

    #[test]
    fn br_variants() {
        assert!(is_br("<br>"));
        assert!(is_br("<BR/>"));
        assert!(is_br("<br />"));
        assert!(!is_br("<b>"));
    }

    #[test]
    fn code_tabs_expand() {
        assert_eq!(code_lines("a\tb\n\tc\n"), ["a   b", "    c"]);
    }
}
