//! pulldown-cmark events to a small block tree, which [`super::layout`] lays out at a width.
//!
//! A tree (rather than drawing straight from the event stream) lets containers render their
//! children at a narrower width and then add a prefix, which gives hanging indents, quote bars
//! and table cells with one wrapping routine.

use std::collections::HashMap;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use ratatui::style::Style;

use super::style;
use super::text::{code_lines, html_lines, is_br};
use super::wrap::Piece;
use crate::sanitize::{Mode, clean};

pub(crate) use super::tree::{Block, Doc, Inlines, Item, List, Table};

/// The Markdown dialect of lessons: `CommonMark` plus GFM tables, strikethrough, task lists and
/// footnotes.
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
}

/// Parses Markdown (already cleaned in [`Mode::Layout`]) into a [`Doc`].
pub(crate) fn parse(src: &str) -> Doc {
    let mut b = Builder::default();
    for event in Parser::new_ext(src, options()) {
        b.event(event);
    }
    b.finish()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum InlineKind {
    Para,
    /// Text straight inside a tight list item: a paragraph without the tags.
    Implicit,
    Heading,
    Cell,
}

#[derive(Debug)]
enum Frame {
    Quote(Vec<Block>),
    List(List),
    Item(Item),
    Footnote(String, Vec<Block>),
    Table(Table, Vec<Inlines>),
}

#[derive(Debug, Default)]
struct Builder {
    root: Vec<Block>,
    stack: Vec<Frame>,
    inline: Option<(InlineKind, Inlines)>,
    styles: Vec<Style>,
    code: Option<String>,
    html: Option<String>,
    /// Alt text of the image being read, and how deep in images we are.
    image: Option<String>,
    image_depth: usize,
    /// URL and text so far of the link being read.
    link: Option<(String, String)>,
    footnote_numbers: HashMap<String, usize>,
    footnotes: Vec<(String, Vec<Block>)>,
}

impl Builder {
    fn current(&self) -> Style {
        self.styles.last().copied().unwrap_or_default()
    }

    fn push_style(&mut self, st: Style) {
        let s = self.current().patch(st);
        self.styles.push(s);
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                if let Some(code) = &mut self.code {
                    code.push_str(&t);
                } else if let Some(html) = &mut self.html {
                    html.push_str(&t);
                } else {
                    self.push_text(&t, self.current());
                }
            }
            Event::Code(t) => self.push_text(&t, self.current().patch(style::CODE)),
            Event::Html(t) => {
                if let Some(html) = &mut self.html {
                    html.push_str(&t);
                }
            }
            Event::InlineHtml(t) => {
                // Tags are dropped, never interpreted; only a line break is kept as one.
                if is_br(&t) {
                    self.push_break();
                }
            }
            Event::FootnoteReference(label) => {
                let n = self.footnote_number(&label);
                self.push_text(&format!("[{n}]"), style::FOOTNOTE);
            }
            Event::SoftBreak => self.push_text(" ", self.current()),
            Event::HardBreak => self.push_break(),
            Event::Rule => {
                self.flush_implicit();
                self.push_block(Block::Rule);
            }
            Event::TaskListMarker(done) => {
                if let Some(Frame::Item(item)) = self
                    .stack
                    .iter_mut()
                    .rev()
                    .find(|f| matches!(f, Frame::Item(_)))
                {
                    item.task = Some(done);
                }
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {
                self.flush_implicit();
                if let [.., Frame::List(list), Frame::Item(_)] = self.stack.as_mut_slice() {
                    list.loose = true;
                }
                self.inline = Some((InlineKind::Para, Vec::new()));
            }
            Tag::Heading { level, .. } => {
                self.flush_implicit();
                self.inline = Some((InlineKind::Heading, Vec::new()));
                self.push_style(style::heading(level_number(level)));
            }
            Tag::BlockQuote(_) => {
                self.flush_implicit();
                self.stack.push(Frame::Quote(Vec::new()));
            }
            Tag::CodeBlock(_) => {
                self.flush_implicit();
                self.code = Some(String::new());
            }
            Tag::HtmlBlock => {
                self.flush_implicit();
                self.html = Some(String::new());
            }
            Tag::List(start) => {
                self.flush_implicit();
                self.stack.push(Frame::List(List {
                    start,
                    loose: false,
                    items: Vec::new(),
                }));
            }
            Tag::Item => {
                self.flush_implicit();
                self.stack.push(Frame::Item(Item::default()));
            }
            Tag::FootnoteDefinition(label) => {
                self.flush_implicit();
                self.stack
                    .push(Frame::Footnote(normalize_label(&label), Vec::new()));
            }
            Tag::Table(aligns) => {
                self.flush_implicit();
                self.stack.push(Frame::Table(
                    Table {
                        aligns,
                        ..Table::default()
                    },
                    Vec::new(),
                ));
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(Frame::Table(_, row)) = self.stack.last_mut() {
                    row.clear();
                }
            }
            Tag::TableCell => self.inline = Some((InlineKind::Cell, Vec::new())),
            Tag::Emphasis => self.push_style(style::EMPHASIS),
            Tag::Strong => self.push_style(style::STRONG),
            Tag::Strikethrough => self.push_style(style::STRIKE),
            Tag::Superscript | Tag::Subscript => self.push_style(Style::new()),
            Tag::Link { dest_url, .. } => {
                self.push_style(style::LINK);
                self.link = Some((dest_url.to_string(), String::new()));
            }
            Tag::Image { .. } => {
                self.image_depth += 1;
                if self.image.is_none() {
                    self.image = Some(String::new());
                }
            }
            Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_) => self.flush_implicit(),
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::TableCell => self.finish_inline(),
            TagEnd::Heading(_) => {
                self.finish_inline();
                self.styles.pop();
            }
            TagEnd::BlockQuote(_) => {
                self.flush_implicit();
                if let Some(Frame::Quote(blocks)) = self.stack.pop() {
                    self.push_block(Block::Quote(blocks));
                }
            }
            TagEnd::CodeBlock => {
                if let Some(code) = self.code.take() {
                    self.push_block(Block::Code(code_lines(&code)));
                }
            }
            TagEnd::HtmlBlock => {
                if let Some(html) = self.html.take() {
                    let lines = html_lines(&html);
                    if !lines.is_empty() {
                        self.push_block(Block::Html(lines));
                    }
                }
            }
            TagEnd::List(_) => {
                self.flush_implicit();
                if let Some(Frame::List(list)) = self.stack.pop() {
                    self.push_block(Block::List(list));
                }
            }
            TagEnd::Item => {
                self.flush_implicit();
                if let Some(Frame::Item(item)) = self.stack.pop()
                    && let Some(Frame::List(list)) = self.stack.last_mut()
                {
                    list.items.push(item);
                }
            }
            TagEnd::FootnoteDefinition => {
                self.flush_implicit();
                if let Some(Frame::Footnote(label, blocks)) = self.stack.pop() {
                    self.footnote_number(&label);
                    self.footnotes.push((label, blocks));
                }
            }
            TagEnd::Table => {
                if let Some(Frame::Table(table, _)) = self.stack.pop() {
                    self.push_block(Block::Table(table));
                }
            }
            TagEnd::TableHead => {
                if let Some(Frame::Table(table, row)) = self.stack.last_mut() {
                    table.head = std::mem::take(row);
                }
            }
            TagEnd::TableRow => {
                if let Some(Frame::Table(table, row)) = self.stack.last_mut() {
                    table.rows.push(std::mem::take(row));
                }
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript => {
                self.styles.pop();
            }
            TagEnd::Link => {
                self.styles.pop();
                if let Some((url, text)) = self.link.take()
                    && shows_url(&url, &text)
                {
                    self.push_text(&format!(" ({url})"), style::MUTED);
                }
            }
            TagEnd::Image => {
                self.image_depth = self.image_depth.saturating_sub(1);
                if self.image_depth == 0
                    && let Some(alt) = self.image.take()
                {
                    let alt = alt.split_whitespace().collect::<Vec<_>>().join(" ");
                    let text = if alt.is_empty() {
                        "[image]".to_string()
                    } else {
                        format!("[image: {alt}]")
                    };
                    self.push_text(&text, style::IMAGE);
                }
            }
            TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::MetadataBlock(_) => self.flush_implicit(),
        }
    }

    fn push_text(&mut self, text: &str, st: Style) {
        if let Some(alt) = &mut self.image {
            alt.push_str(text);
            return;
        }
        if let Some((_, link_text)) = &mut self.link {
            link_text.push_str(text);
        }
        let pieces = self.inline_pieces();
        if let Some(Piece::Text(last, last_st)) = pieces.last_mut()
            && *last_st == st
        {
            // Merged so that an escape sequence split over several events (entities,
            // brackets) is whole again when the paragraph is cleaned.
            last.push_str(text);
        } else {
            pieces.push(Piece::Text(text.to_string(), st));
        }
    }

    fn push_break(&mut self) {
        if let Some(alt) = &mut self.image {
            alt.push(' ');
        } else {
            self.inline_pieces().push(Piece::Break);
        }
    }

    fn inline_pieces(&mut self) -> &mut Inlines {
        &mut self
            .inline
            .get_or_insert_with(|| (InlineKind::Implicit, Vec::new()))
            .1
    }

    fn flush_implicit(&mut self) {
        if matches!(self.inline, Some((InlineKind::Implicit, _))) {
            self.finish_inline();
        }
    }

    fn finish_inline(&mut self) {
        let Some((kind, pieces)) = self.inline.take() else {
            return;
        };
        let pieces = clean_pieces(pieces);
        match kind {
            InlineKind::Para | InlineKind::Implicit => {
                if !pieces.is_empty() {
                    self.push_block(Block::Para(pieces));
                }
            }
            InlineKind::Heading => self.push_block(Block::Heading(pieces)),
            InlineKind::Cell => {
                if let Some(Frame::Table(_, row)) = self.stack.last_mut() {
                    row.push(pieces);
                }
            }
        }
    }

    fn push_block(&mut self, block: Block) {
        match self.stack.last_mut() {
            Some(Frame::Quote(blocks) | Frame::Footnote(_, blocks)) => blocks.push(block),
            Some(Frame::Item(item)) => item.blocks.push(block),
            Some(Frame::List(list)) => list.items.push(Item {
                task: None,
                blocks: vec![block],
            }),
            Some(Frame::Table(..)) => {}
            None => self.root.push(block),
        }
    }

    fn footnote_number(&mut self, label: &str) -> usize {
        let next = self.footnote_numbers.len() + 1;
        *self
            .footnote_numbers
            .entry(normalize_label(label))
            .or_insert(next)
    }

    fn finish(mut self) -> Doc {
        self.finish_inline();
        // Close anything a malformed stream left open, innermost first.
        while let Some(frame) = self.stack.pop() {
            let block = match frame {
                Frame::Quote(blocks) | Frame::Footnote(_, blocks) => Block::Quote(blocks),
                Frame::List(list) => Block::List(list),
                Frame::Item(item) => Block::List(List {
                    start: None,
                    loose: false,
                    items: vec![item],
                }),
                Frame::Table(table, _) => Block::Table(table),
            };
            self.push_block(block);
        }
        let mut footnotes: Vec<(usize, Vec<Block>)> = self
            .footnotes
            .into_iter()
            .map(|(label, blocks)| {
                let n = self.footnote_numbers.get(&label).copied().unwrap_or(0);
                (n, blocks)
            })
            .collect();
        footnotes.sort_by_key(|(n, _)| *n);
        Doc {
            blocks: self.root,
            footnotes,
        }
    }
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Footnote labels match case-insensitively, with runs of spaces as one (`CommonMark` labels).
fn normalize_label(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether to print a link's URL after its text: not when it would only repeat it, and not for
/// in-page anchors, which mean nothing in a terminal.
fn shows_url(url: &str, text: &str) -> bool {
    let text = text.trim();
    !(url.is_empty()
        || url.starts_with('#')
        || url == text
        || url.strip_prefix("mailto:") == Some(text))
}

/// Cleans every text piece (escape sequences, controls) and drops the empty ones.
fn clean_pieces(pieces: Inlines) -> Inlines {
    pieces
        .into_iter()
        .filter_map(|p| match p {
            Piece::Text(t, st) => {
                let t = match clean(&t, Mode::Inline) {
                    std::borrow::Cow::Borrowed(_) => t,
                    std::borrow::Cow::Owned(c) => c,
                };
                (!t.is_empty()).then_some(Piece::Text(t, st))
            }
            Piece::Break => Some(Piece::Break),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footnotes_number_by_first_reference() {
        let doc = parse("b[^b] a[^a]\n\n[^a]: A\n[^b]: B\n[^c]: C\n");
        let numbers: Vec<usize> = doc.footnotes.iter().map(|(n, _)| *n).collect();
        assert_eq!(numbers, [1, 2, 3]);
        assert_eq!(
            doc.footnotes[0].1,
            [Block::Para(vec![Piece::Text("B".into(), Style::new())])]
        );
    }
}
