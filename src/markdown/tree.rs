//! The block tree a lesson page is parsed into ([`super::parse`]) and laid out from
//! ([`super::layout`]).

use pulldown_cmark::Alignment;

use super::wrap::Piece;

/// Inline content of one paragraph, heading or cell.
pub(crate) type Inlines = Vec<Piece>;

/// A block of a lesson page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    /// A heading; its style is already in its pieces.
    Heading(Inlines),
    /// A paragraph (also the bare text of a tight list item).
    Para(Inlines),
    /// Code block lines, cleaned, tabs expanded.
    Code(Vec<String>),
    /// A block quote.
    Quote(Vec<Block>),
    /// A list.
    List(List),
    /// A table.
    Table(Table),
    /// A thematic break.
    Rule,
    /// The text left of an HTML block once tags are stripped, by line.
    Html(Vec<String>),
}

/// An ordered or unordered list.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct List {
    /// First number of an ordered list; `None` for bullets.
    pub start: Option<u64>,
    /// Loose lists (items with paragraphs) get blank lines between items.
    pub loose: bool,
    /// The items.
    pub items: Vec<Item>,
}

/// One list item.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Item {
    /// Task list state: `Some(true)` for `[x]`.
    pub task: Option<bool>,
    /// The item's blocks.
    pub blocks: Vec<Block>,
}

/// A GFM table.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Table {
    /// Column alignments.
    pub aligns: Vec<Alignment>,
    /// Header cells.
    pub head: Vec<Inlines>,
    /// Body rows.
    pub rows: Vec<Vec<Inlines>>,
}

/// A parsed page: blocks, then footnote definitions by number.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Doc {
    /// The page's blocks.
    pub blocks: Vec<Block>,
    /// Footnote definitions, sorted by number.
    pub footnotes: Vec<(usize, Vec<Block>)>,
}
