//! Splitting a lesson into pages at its thematic breaks.

use super::*;

fn pages(src: &str) -> Vec<&str> {
    split_pages(src).into_iter().map(|r| &src[r]).collect()
}

#[test]
fn split_pages_at_thematic_breaks() {
    let src = "# One\n\ntext\n\n---\n\n## Two\n\n***\n\nthree\n";
    let p = pages(src);
    assert_eq!(p.len(), 3);
    assert!(p[0].starts_with("# One") && p[0].contains("text"));
    assert!(p[1].contains("## Two") && !p[1].contains("---"));
    assert!(p[2].contains("three"));
}

#[test]
fn split_pages_ignores_code_setext_and_nested_breaks() {
    let src = "```\n---\n```\n\nTitle\n---\n\n> ---\n\n- a\n\n  ***\n";
    assert_eq!(split_pages(src), vec![0..src.len()]);
}

#[test]
fn split_pages_drops_empty_pages() {
    let p = pages("---\n\n---\n\na\n\n---\n   \n---\n");
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].trim(), "a");
    assert_eq!(split_pages(""), vec![0..0]);
    assert_eq!(split_pages("---\n***\n"), vec![0..0]);
    assert_eq!(split_pages("  \n"), vec![0..0]);
}
