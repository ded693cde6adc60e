//! Search and outline in the screen-reader mode: `/words` lists numbered matches, a number
//! opens one; `o` lists the lesson's headings, numbered.

use super::Command;
use crate::app::search::{IndexState, Outline};
use crate::app::{App, Msg, Overlay};
use crate::text::find;

/// Matches read out at most: a list longer than this is not listened to.
pub const SAID_HITS: usize = 20;

/// `/words`: open the search (if needed) and type `query` in place of the last one.
#[must_use]
pub fn search(app: &App, query: &str) -> Command {
    let mut msgs = Vec::new();
    if app.overlay != Some(Overlay::Search) {
        msgs.push(Msg::Search);
    }
    msgs.extend(vec![Msg::Backspace; app.search.query.chars().count()]);
    msgs.extend(
        query
            .trim()
            .chars()
            .filter(|c| !c.is_control())
            .map(Msg::Input),
    );
    Command::Send(msgs)
}

/// A line while the matches are listed.
#[must_use]
pub fn in_results(app: &App, raw: &str, word: &str) -> Command {
    if let Some(query) = raw.trim().strip_prefix('/') {
        return search(app, query);
    }
    // Otherwise the same words as in the outline: a number picks, b goes back.
    in_outline(word)
}

/// A line while the outline is listed.
#[must_use]
pub fn in_outline(word: &str) -> Command {
    match (word, word.parse::<usize>().ok()) {
        (_, Some(n)) if n >= 1 => Command::Send(vec![Msg::Pick(n)]),
        ("" | "b", _) => Command::Send(vec![Msg::Back]),
        ("q", _) => Command::Send(vec![Msg::Quit]),
        _ => Command::Unknown,
    }
}

/// The search results, numbered.
#[must_use]
pub fn results(app: &App) -> Vec<String> {
    let s = &app.search;
    if !matches!(s.index, IndexState::Ready(_)) {
        return vec![find::SAID_INDEXING.into()];
    }
    let count = find::count(s.hits.len(), s.hits.len() > SAID_HITS);
    let mut out = vec![find::said_results(&s.query, &count)];
    for (i, hit) in s.hits.iter().take(SAID_HITS).enumerate() {
        let Some(e) = s.entry(hit) else { continue };
        let course = app.course(e.course).map_or("", |c| c.title.as_str());
        let place = find::place(course, &app.lesson_title(e.course, e.lesson), e.page);
        out.push(find::said_hit(i + 1, &place, &e.text));
    }
    out.push(find::SAID_RESULTS_HOW.into());
    out
}

/// The outline, numbered.
#[must_use]
pub fn outline(app: &App, o: &Outline) -> Vec<String> {
    let title = match &app.screen {
        crate::app::Screen::Lesson(l) => l.title.clone(),
        _ => String::new(),
    };
    let mut out = vec![find::said_outline(&title)];
    if o.items.is_empty() {
        out.push(find::NO_HEADINGS.into());
    }
    for (i, (_, text, page)) in o.items.iter().enumerate() {
        out.push(find::said_heading(i + 1, text, page + 1));
    }
    out.push(find::SAID_OUTLINE_HOW.into());
    out
}
