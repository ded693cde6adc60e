//! A page laid out for reading aloud (the screen-reader front end): tables become one
//! paragraph per row of `column: value` lines, block quotes lose their bar, rules go.

use ratatui::style::Style;

use super::parse::{Block, Doc, Table};
use super::wrap::Piece;

/// Rewrites a parsed page so its layout reads in order, with no drawn lines.
pub(crate) fn for_reading(doc: &mut Doc) {
    rewrite(&mut doc.blocks);
    for (_, body) in &mut doc.footnotes {
        rewrite(body);
    }
}

fn rewrite(blocks: &mut Vec<Block>) {
    for b in std::mem::take(blocks) {
        match b {
            Block::Table(t) => blocks.extend(records(&t)),
            Block::Quote(mut children) => {
                rewrite(&mut children);
                blocks.extend(children);
            }
            Block::List(mut l) => {
                for item in &mut l.items {
                    rewrite(&mut item.blocks);
                }
                blocks.push(Block::List(l));
            }
            Block::Rule => {}
            other => blocks.push(other),
        }
    }
}

/// Each row as one paragraph of `header: value` lines (the header row alone when empty).
fn records(t: &Table) -> Vec<Block> {
    if t.rows.is_empty() {
        return vec![Block::Para(join(t.head.iter().cloned()))];
    }
    t.rows
        .iter()
        .map(|row| {
            Block::Para(join(row.iter().enumerate().map(|(c, cell)| {
                let mut pieces = Vec::new();
                if let Some(head) = t.head.get(c).filter(|h| !h.is_empty()) {
                    pieces.extend(head.iter().cloned());
                    pieces.push(Piece::Text(": ".into(), Style::new()));
                }
                pieces.extend(cell.iter().cloned());
                pieces
            })))
        })
        .collect()
}

/// Cells one per line.
fn join(cells: impl Iterator<Item = Vec<Piece>>) -> Vec<Piece> {
    let mut out = Vec::new();
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(Piece::Break);
        }
        out.extend(cell);
    }
    out
}
