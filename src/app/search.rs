//! Search across every course (`/`, `]`, `[`) and a lesson's outline (`o`): their state and
//! how the app answers their keys.
//!
//! The index is built once, in the background, the first time the box opens; each keystroke
//! then queries it (`crate::search::Index::search`). A search stays active after its box
//! closes, so `]` and `[` step through its matches from any screen until Esc clears it.

use std::sync::Arc;

use crate::app::screens::lesson::Goto;
use crate::app::{App, Effect, LessonState, Msg, Notice, Overlay, Screen};
use crate::search::{Hit, Index};

/// Most matches listed: more would not be read, and ranking them all costs time.
pub const MAX_HITS: usize = 200;

/// Where the search index stands.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum IndexState {
    /// Not asked for yet.
    #[default]
    Absent,
    /// Being built in the background.
    Building,
    /// Ready to query.
    Ready(Arc<Index>),
}

/// The search: what was typed, its matches and which one is open.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Search {
    /// The index, once built.
    pub index: IndexState,
    /// The query as typed.
    pub query: String,
    /// Matches, best first (at most [`MAX_HITS`]).
    pub hits: Vec<Hit>,
    /// The match selected in the box.
    pub selected: usize,
    /// The match last opened: `]` and `[` step from it.
    pub current: Option<usize>,
    /// The box was reopened on an earlier query: its matches are listed again, and the first
    /// letter typed starts a new query rather than adding to the old one (as a browser's
    /// find bar selects the last search).
    pub replace_on_type: bool,
}

impl Search {
    /// Whether a search with matches is active (so `]` and `[` have somewhere to go).
    #[must_use]
    pub fn active(&self) -> bool {
        !self.hits.is_empty()
    }

    /// The built index, if ready.
    #[must_use]
    pub fn index(&self) -> Option<&Index> {
        match &self.index {
            IndexState::Ready(index) => Some(index),
            _ => None,
        }
    }

    /// The entry behind a match: (course, lesson, page 1-based, line text).
    #[must_use]
    pub fn entry(&self, hit: &Hit) -> Option<&crate::search::Entry> {
        self.index()?.entries.get(hit.entry)
    }

    /// The words a match highlights, lowercase (the words of its line that matched).
    #[must_use]
    pub fn words(&self, hit: &Hit) -> Vec<String> {
        let Some(e) = self.entry(hit) else {
            return vec![];
        };
        let mut words: Vec<String> = hit
            .ranges
            .iter()
            .filter_map(|r| e.text.get(r.clone()))
            .map(str::to_lowercase)
            .collect();
        words.dedup();
        words
    }

    /// The open match, with the words it highlights, if any.
    #[must_use]
    pub fn open_match(&self) -> Option<(&crate::search::Entry, Vec<String>)> {
        let hit = self.hits.get(self.current?)?;
        Some((self.entry(hit)?, self.words(hit)))
    }

    /// Runs the query again (after typing, or once the index is ready).
    fn refresh(&mut self) {
        self.hits = self
            .index()
            .map(|i| i.search(&self.query, MAX_HITS))
            .unwrap_or_default();
        self.selected = 0;
        self.current = None;
    }

    fn clear(&mut self) {
        self.replace_on_type = false;
        self.query.clear();
        self.hits.clear();
        self.selected = 0;
        self.current = None;
    }
}

/// A lesson's headings, to jump to one.
#[derive(Debug, Clone, PartialEq)]
pub struct Outline {
    /// (level 1-6, heading text, page 0-based), in reading order.
    pub items: Vec<(usize, String, usize)>,
    /// The selected heading.
    pub selected: usize,
}

impl Outline {
    /// The outline of an open lesson, the heading of the current page selected.
    #[must_use]
    pub fn of(lesson: &LessonState) -> Self {
        let items: Vec<(usize, String, usize)> = lesson
            .pages
            .iter()
            .enumerate()
            .flat_map(|(page, src)| {
                crate::search::headings(src)
                    .into_iter()
                    .map(move |(level, text)| (level, text, page))
            })
            .collect();
        let selected = items
            .iter()
            .rposition(|(_, _, p)| *p <= lesson.page)
            .unwrap_or(0);
        Self { items, selected }
    }
}

impl App {
    /// Opens the search box, asking for the index the first time.
    pub(super) fn open_search(&mut self) -> Vec<Effect> {
        self.overlay = Some(Overlay::Search);
        self.search.replace_on_type = !self.search.query.is_empty();
        if self.search.index != IndexState::Absent {
            return vec![];
        }
        self.search.index = IndexState::Building;
        let lessons = self
            .library
            .courses
            .iter()
            .enumerate()
            .flat_map(|(c, course)| {
                course
                    .lessons
                    .iter()
                    .enumerate()
                    .filter_map(move |(l, lesson)| Some((c, l, lesson.path.clone()?)))
            })
            .collect();
        vec![Effect::BuildIndex { lessons }]
    }

    /// The index arrived: keep the titles it read and answer what was typed meanwhile.
    pub(super) fn index_built(
        &mut self,
        index: Arc<Index>,
        titles: Vec<((usize, usize), String)>,
    ) -> Vec<Effect> {
        for (at, title) in titles {
            self.titles.entry(at).or_insert(title);
        }
        self.search.index = IndexState::Ready(index);
        self.search.refresh();
        vec![]
    }

    /// A key in the search box.
    pub(super) fn search_key(&mut self, msg: &Msg) -> Vec<Effect> {
        let s = &mut self.search;
        let last = s.hits.len().saturating_sub(1);
        // Moving through the matches keeps the earlier query offered as one block.
        let replace = s.replace_on_type;
        match msg {
            Msg::Input(c) if !c.is_control() => {
                s.replace_on_type = false;
                if replace {
                    s.query.clear();
                }
                s.query.push(*c);
                s.refresh();
            }
            // Backspace on the earlier query takes it all: it was offered as one block.
            Msg::Backspace => {
                s.replace_on_type = false;
                if replace {
                    s.query.clear();
                } else {
                    s.query.pop();
                }
                s.refresh();
            }
            Msg::Up => s.selected = s.selected.saturating_sub(1),
            Msg::Down => s.selected = (s.selected + 1).min(last),
            Msg::FirstPage => s.selected = 0,
            Msg::LastPage => s.selected = last,
            Msg::Pick(n) if (1..=s.hits.len()).contains(n) => {
                s.selected = n - 1;
                return self.search_key(&Msg::Enter);
            }
            Msg::Enter if s.active() => {
                self.overlay = None;
                return self.go_to_match(self.search.selected);
            }
            Msg::Back => {
                // Esc ends the search: no more highlights, `]` and `[` rest.
                s.clear();
                self.overlay = None;
                return vec![];
            }
            Msg::Quit => {
                self.overlay = None;
                return self.quit_or_confirm();
            }
            _ => {}
        }
        self.overlay = Some(Overlay::Search);
        vec![]
    }

    /// `]` (`delta` 1) or `[` (-1): the next or previous match, wrapping around.
    pub(super) fn step_match(&mut self, forward: bool) -> Vec<Effect> {
        let n = self.search.hits.len();
        if n == 0 {
            self.status = Some(Notice::NoSearch);
            return vec![];
        }
        let i = match (self.search.current, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        };
        self.search.selected = i;
        self.go_to_match(i)
    }

    /// Opens the page of match `i`, scrolled to it; the reader highlights it.
    fn go_to_match(&mut self, i: usize) -> Vec<Effect> {
        let Some(hit) = self.search.hits.get(i) else {
            return vec![];
        };
        let Some(entry) = self.search.entry(hit) else {
            return vec![];
        };
        let (course, lesson) = (entry.course, entry.lesson);
        let goto = Goto {
            page: entry.page.saturating_sub(1),
            text: entry.text.clone(),
            word: self
                .search
                .words(hit)
                .into_iter()
                .next()
                .unwrap_or_default(),
        };
        self.search.current = Some(i);
        self.status = Some(Notice::SearchMatch {
            n: i + 1,
            of: self.search.hits.len(),
        });
        let here = matches!(&self.screen,
            Screen::Lesson(l) if l.course == course && l.lesson == lesson && !l.loading);
        if here {
            let (ctx, screen) = self.split();
            let Screen::Lesson(l) = screen else {
                return vec![];
            };
            let outcome = l.jump(&ctx, &goto);
            return self.apply(outcome);
        }
        let Some(path) = self.lesson_path(course, lesson) else {
            return vec![];
        };
        let title = self.lesson_title(course, lesson);
        let mut state = LessonState::loading(course, lesson, title);
        state.goto = Some(goto);
        if matches!(self.screen, Screen::Lesson(_)) {
            // From one match to the next: the reader is replaced, so Esc still goes back to
            // where the search started rather than through every match.
            self.screen = Screen::Lesson(state);
        } else {
            self.push(Screen::Lesson(state));
        }
        self.load_lesson(course, lesson, path)
    }

    /// Opens the outline of the lesson being read.
    pub(super) fn open_outline(&mut self) -> Vec<Effect> {
        if let Screen::Lesson(l) = &self.screen
            && !l.loading
        {
            self.overlay = Some(Overlay::Outline(Outline::of(l)));
        }
        vec![]
    }

    /// A key in the outline.
    pub(super) fn outline_key(&mut self, mut outline: Outline, msg: &Msg) -> Vec<Effect> {
        let last = outline.items.len().saturating_sub(1);
        let pick = match msg {
            Msg::Up => {
                outline.selected = outline.selected.saturating_sub(1);
                None
            }
            Msg::Down => {
                outline.selected = (outline.selected + 1).min(last);
                None
            }
            Msg::FirstPage => {
                outline.selected = 0;
                None
            }
            Msg::LastPage => {
                outline.selected = last;
                None
            }
            Msg::Enter => Some(outline.selected),
            Msg::Pick(n) if (1..=outline.items.len()).contains(n) => Some(n - 1),
            Msg::Back | Msg::Outline => return vec![],
            Msg::Quit => return self.quit_or_confirm(),
            _ => None,
        };
        let Some((_, text, page)) = pick.and_then(|i| outline.items.get(i)).cloned() else {
            self.overlay = Some(Overlay::Outline(outline));
            return vec![];
        };
        let goto = Goto {
            page,
            word: text.split_whitespace().next().unwrap_or("").to_lowercase(),
            text,
        };
        let (ctx, screen) = self.split();
        let Screen::Lesson(l) = screen else {
            return vec![];
        };
        let outcome = l.jump(&ctx, &goto);
        self.apply(outcome)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outline_selects_the_heading_of_the_current_page() {
        let mut l = LessonState::loading(0, 0, String::new());
        l.pages = vec![
            "# One\n\ntext\n\n## One b\n".into(),
            "no heading here\n".into(),
            "## Three\n".into(),
        ];
        l.page = 1;
        let o = Outline::of(&l);
        assert_eq!(
            o.items,
            [
                (1, "One".to_string(), 0),
                (2, "One b".to_string(), 0),
                (2, "Three".to_string(), 2)
            ]
        );
        assert_eq!(o.selected, 1);
    }
}
