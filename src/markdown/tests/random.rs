//! Random documents: whatever the Markdown, rendering neither panics nor overflows.

use super::*;

/// Random documents from Markdown fragments, at random widths: never a panic, never a line
/// wider than the width.
#[test]
fn random_documents_fit() {
    const FRAGMENTS: &[&str] = &[
        "# ",
        "## ",
        "> ",
        "- ",
        "1. ",
        "   ",
        "\n",
        "\n\n",
        "---\n",
        "```\n",
        "`",
        "*",
        "**",
        "~~",
        "[",
        "](http://x)",
        "![",
        "|",
        " | ",
        "|---|---|\n",
        "[^1]",
        "[^1]: ",
        "\\\n",
        "<b>",
        "</b>",
        "<!--",
        "-->",
        "word ",
        "longerwordwithoutspaces",
        "日本語",
        "🙂",
        "e\u{301}",
        "\t",
        "\x1b[31m",
        "- [x] ",
        "&#27;",
        "    ",
        "a\u{a0}b",
    ];
    let mut rng = fastrand::Rng::with_seed(7);
    for _ in 0..400 {
        let len = rng.usize(1..60);
        let src: String = (0..len)
            .map(|_| FRAGMENTS[rng.usize(..FRAGMENTS.len())])
            .collect();
        let width = rng.u16(0..50);
        let w = usize::from(width.max(1));
        let lines = layout::layout(
            &parse::parse(&crate::sanitize::clean(&src, crate::sanitize::Mode::Layout)),
            w,
        );
        assert_fits(&lines, w, &format!("{src:?}"));
        for span in lines.iter().flat_map(|l| &l.spans) {
            assert!(!span.content.chars().any(char::is_control), "{src:?}");
        }
        let _ = split_pages(&src);
    }
}
