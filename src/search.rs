//! Finding text across every course: an index of lesson lines built once, and fuzzy queries
//! over its vocabulary ranked by `nucleo-matcher`.
//!
//! A query is split into words; each word is matched fuzzily against the index's vocabulary
//! (every distinct word of every lesson), and a line matches when it holds a match for every
//! query word. Matching the vocabulary rather than every line keeps a keystroke fast on large
//! libraries: a thousand courses have millions of words but tens of thousands of distinct ones.

use std::collections::HashMap;
use std::ops::Range;

use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// One line of lesson text, as plain words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Course index in the library.
    pub course: usize,
    /// Lesson index in the course.
    pub lesson: usize,
    /// Page, 1-based.
    pub page: usize,
    /// The line's text without Markdown markup.
    pub text: String,
}

/// A line that matched, best first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index into [`Index::entries`].
    pub entry: usize,
    /// Higher is better.
    pub score: u32,
    /// Byte ranges of the matching words in the entry's text, for highlighting.
    pub ranges: Vec<Range<usize>>,
}

/// Lines of every lesson and the words in them.
#[derive(Debug, Default, PartialEq)]
pub struct Index {
    /// Every line, in library order.
    pub entries: Vec<Entry>,
    /// Distinct lowercase words.
    words: Vec<String>,
    /// For each word, the entries holding it (ascending, once each).
    postings: Vec<Vec<u32>>,
}

/// Byte ranges of the words in `text` (letters, digits, apostrophes and inner hyphens).
fn words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut iter = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = loop {
            let (i, c) = iter.next()?;
            if c.is_alphanumeric() {
                break (i, c);
            }
        };
        let mut end = text.len();
        while let Some(&(i, c)) = iter.peek() {
            if c.is_alphanumeric() || c == '\'' || c == '’' || c == '-' {
                iter.next();
            } else {
                end = i;
                break;
            }
        }
        // A trailing hyphen or apostrophe is punctuation, not part of the word.
        let word = text[start..end].trim_end_matches(['-', '\'', '’']);
        Some(start..start + word.len())
    })
}

/// The plain-text lines of one page of Markdown, in order.
fn page_lines(src: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    let flush = |current: &mut String, lines: &mut Vec<String>| {
        let t = current.split_whitespace().collect::<Vec<_>>().join(" ");
        if !t.is_empty() {
            lines.push(t);
        }
        current.clear();
    };
    for event in Parser::new_ext(src, crate::markdown::parser_options()) {
        match event {
            Event::Text(t) | Event::Code(t) => {
                for (i, part) in t.split('\n').enumerate() {
                    if i > 0 {
                        flush(&mut current, &mut lines);
                    }
                    current.push_str(&crate::sanitize::line(part));
                }
            }
            Event::SoftBreak => current.push(' '),
            Event::HardBreak
            | Event::Start(Tag::Item | Tag::TableCell)
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableCell
                | TagEnd::TableRow
                | TagEnd::TableHead,
            ) => flush(&mut current, &mut lines),
            _ => {}
        }
    }
    flush(&mut current, &mut lines);
    lines
}

/// The headings of one page of Markdown: (level 1-6, plain text), in order.
#[must_use]
pub fn headings(src: &str) -> Vec<(usize, String)> {
    let src = crate::sanitize::clean(src, crate::sanitize::Mode::Layout);
    let mut out = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for event in Parser::new_ext(&src, crate::markdown::parser_options()) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                current = Some((level as usize, String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = &mut current {
                    text.push_str(&crate::sanitize::line(&t));
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, text)) = &mut current {
                    text.push(' ');
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text)) = current.take() {
                    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    if !text.is_empty() {
                        out.push((level, text));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

impl Index {
    /// Builds the index from `(course, lesson, markdown)` for each lesson.
    pub fn build<'a>(lessons: impl IntoIterator<Item = (usize, usize, &'a str)>) -> Self {
        let mut index = Index::default();
        let mut ids: HashMap<String, usize> = HashMap::new();
        for (course, lesson, src) in lessons {
            // Whole sequences go before parsing: Markdown could split one across two events.
            let src = crate::sanitize::clean(src, crate::sanitize::Mode::Layout);
            let src = src.as_ref();
            for (p, range) in crate::markdown::split_pages(src).into_iter().enumerate() {
                for text in page_lines(&src[range]) {
                    let entry = u32::try_from(index.entries.len()).unwrap_or(u32::MAX);
                    for w in words(&text) {
                        let word = text[w].to_lowercase();
                        let id = *ids.entry(word).or_insert_with_key(|k| {
                            index.words.push(k.clone());
                            index.postings.push(Vec::new());
                            index.words.len() - 1
                        });
                        let list = &mut index.postings[id];
                        if list.last() != Some(&entry) {
                            list.push(entry);
                        }
                    }
                    index.entries.push(Entry {
                        course,
                        lesson,
                        page: p + 1,
                        text,
                    });
                }
            }
        }
        index
    }

    /// Number of distinct words.
    #[must_use]
    pub fn vocabulary(&self) -> usize {
        self.words.len()
    }

    /// The best `limit` lines for `query`, best first (ties in library order).
    #[must_use]
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let terms: Vec<String> = words(query).map(|r| query[r].to_lowercase()).collect();
        if terms.is_empty() || limit == 0 {
            return Vec::new();
        }
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut buf = Vec::new();
        // Per entry, dense rather than hashed: a short query touches most of a large library's
        // lines, and arrays indexed by entry cost a fraction of a hash map there.
        let n = self.entries.len();
        // Sum of the best scores so far, and how many terms matched.
        let mut total: Vec<u32> = vec![0; n];
        let mut count: Vec<usize> = vec![0; n];
        // This term's best score + 1 (0: no match), and the entries it touched.
        let mut best: Vec<u32> = vec![0; n];
        let mut touched: Vec<u32> = Vec::new();
        let mut matched_words: Vec<bool> = vec![false; self.words.len()];
        for (t, term) in terms.iter().enumerate() {
            // One letter matches too much fuzzily: take it as a word prefix.
            let kind = if term.chars().count() == 1 {
                AtomKind::Prefix
            } else {
                AtomKind::Fuzzy
            };
            let atom = Atom::new(
                term,
                CaseMatching::Ignore,
                Normalization::Smart,
                kind,
                false,
            );
            for &e in &touched {
                best[e as usize] = 0;
            }
            touched.clear();
            for (id, word) in self.words.iter().enumerate() {
                let Some(score) = atom.score(Utf32Str::new(word, &mut buf), &mut matcher) else {
                    continue;
                };
                matched_words[id] = true;
                let score = u32::from(score) + 1;
                for &e in &self.postings[id] {
                    let b = &mut best[e as usize];
                    if *b == 0 {
                        touched.push(e);
                    }
                    *b = (*b).max(score);
                }
            }
            for &e in &touched {
                let i = e as usize;
                // Only lines that matched every earlier term can still match them all.
                if count[i] == t {
                    total[i] = total[i].saturating_add(best[i] - 1);
                    count[i] += 1;
                }
            }
        }
        let want = terms.len();
        let mut hits: Vec<(u32, u32)> = (0..n)
            .filter(|&i| count[i] == want)
            .map(|i| (u32::try_from(i).unwrap_or(u32::MAX), total[i]))
            .collect();
        let order = |a: &(u32, u32), b: &(u32, u32)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
        // Only the best `limit` need ordering.
        if hits.len() > limit {
            hits.select_nth_unstable_by(limit, order);
            hits.truncate(limit);
        }
        hits.sort_unstable_by(order);
        let lookup: HashMap<&str, usize> = self
            .words
            .iter()
            .enumerate()
            .map(|(i, w)| (w.as_str(), i))
            .collect();
        hits.into_iter()
            .map(|(e, score)| {
                let entry = e as usize;
                let text = &self.entries[entry].text;
                let ranges = words(text)
                    .filter(|r| {
                        lookup
                            .get(text[r.clone()].to_lowercase().as_str())
                            .is_some_and(|&id| matched_words[id])
                    })
                    .collect();
                Hit {
                    entry,
                    score,
                    ranges,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LESSON: &str = "# Slowing down\n\nTime is a **tactic**: distance plus cover equals time.\n\n\
        ---\n\n## The Critical Decision-Making Model\n\n- Gather information\n- Assess threats and risks\n\n\
        | Step | Why |\n|---|---|\n| Listen | People calm down |\n";

    fn index() -> Index {
        Index::build([
            (0, 0, LESSON),
            (
                1,
                2,
                "Procedural justice: voice, neutrality, respect, trustworthy motives.\n",
            ),
        ])
    }

    #[test]
    fn lines_are_plain_text_with_their_pages() {
        let idx = index();
        let texts: Vec<(usize, &str)> = idx
            .entries
            .iter()
            .filter(|e| e.course == 0)
            .map(|e| (e.page, e.text.as_str()))
            .collect();
        assert_eq!(
            texts,
            [
                (1, "Slowing down"),
                (1, "Time is a tactic: distance plus cover equals time."),
                (2, "The Critical Decision-Making Model"),
                (2, "Gather information"),
                (2, "Assess threats and risks"),
                (2, "Step"),
                (2, "Why"),
                (2, "Listen"),
                (2, "People calm down"),
            ]
        );
    }

    #[test]
    fn a_word_on_one_page_is_found_there_and_highlighted() {
        let idx = index();
        let hits = idx.search("neutrality", 10);
        assert_eq!(hits.len(), 1);
        let e = &idx.entries[hits[0].entry];
        assert_eq!((e.course, e.lesson, e.page), (1, 2, 1));
        assert_eq!(hits[0].ranges.len(), 1);
        assert_eq!(&e.text[hits[0].ranges[0].clone()], "neutrality");
    }

    #[test]
    fn fuzzy_and_case_insensitive_ranked_best_first() {
        let idx = index();
        let hits = idx.search("DECISON", 10);
        assert!(!hits.is_empty(), "a typo still finds it");
        assert_eq!(
            idx.entries[hits[0].entry].text,
            "The Critical Decision-Making Model"
        );
        // An exact word ranks above a scattered match.
        let hits = idx.search("time", 10);
        assert_eq!(
            idx.entries[hits[0].entry].text,
            "Time is a tactic: distance plus cover equals time."
        );
    }

    #[test]
    fn every_word_of_the_query_must_match_the_line() {
        let idx = index();
        let hits = idx.search("calm people", 10);
        assert_eq!(hits.len(), 1);
        assert_eq!(idx.entries[hits[0].entry].text, "People calm down");
        assert_eq!(hits[0].ranges.len(), 2);
        assert!(idx.search("calm neutrality", 10).is_empty());
        assert!(idx.search("", 10).is_empty());
        assert!(idx.search("  !! ", 10).is_empty());
    }

    #[test]
    fn a_limit_keeps_the_best_and_equal_scores_in_library_order() {
        let lines: Vec<(usize, usize, &str)> = vec![
            (0, 0, "calm voice\n"),
            (0, 1, "a calmer one\n"),
            (0, 2, "calm\n"),
            (0, 3, "calm too\n"),
        ];
        let idx = Index::build(lines);
        let all = idx.search("calm", 10);
        let two = idx.search("calm", 2);
        assert_eq!(two, all[..2]);
        assert_eq!(all.len(), 4);
        // Equal scores keep library order.
        for w in all.windows(2) {
            assert!(
                w[0].score > w[1].score || w[0].entry < w[1].entry,
                "{all:?}"
            );
        }
    }

    #[test]
    fn headings_with_their_levels() {
        let h = headings("# One\n\ntext\n\n## Two `code` *x*\n\n### \u{1b}[31mRed\n");
        assert_eq!(
            h,
            [
                (1, "One".to_string()),
                (2, "Two code x".to_string()),
                (3, "Red".to_string())
            ]
        );
    }

    #[test]
    fn escape_sequences_never_reach_the_index() {
        let idx = Index::build([(0, 0, "Hello \u{1b}]0;PWNED\u{7} world\n")]);
        assert!(idx.entries.iter().all(|e| !e.text.contains('\u{1b}')));
        assert!(idx.search("pwned", 5).is_empty());
    }
}
