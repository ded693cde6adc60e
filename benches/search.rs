//! Benchmarks: the search index on a library of 1,000 generated courses.
//!
//! Run with `cargo bench --bench search`. Each keystroke of a search must answer well within
//! 50 ms; `build` is done once, in the background.

use std::fmt::Write as _;
use std::sync::LazyLock;

use divan::{Bencher, black_box};
use rollcall::search::Index;

fn main() {
    divan::main();
}

const COURSES: usize = 1000;
const LESSONS: usize = 4;

/// A lesson of a few pages whose words vary with its numbers, so the vocabulary grows with the
/// library as real courses' would.
fn lesson(c: usize, l: usize) -> String {
    const WORDS: [&str; 24] = [
        "officer",
        "distance",
        "cover",
        "time",
        "listen",
        "explain",
        "respect",
        "voice",
        "neutral",
        "trust",
        "crisis",
        "calm",
        "policy",
        "evidence",
        "community",
        "partner",
        "problem",
        "analysis",
        "response",
        "assess",
        "decision",
        "threat",
        "risk",
        "option",
    ];
    let mut s = String::new();
    for page in 0..5 {
        let _ = writeln!(s, "## Part {page} of lesson {l} in course {c}\n");
        for p in 0..6 {
            for w in 0..30 {
                let i = (c * 7 + l * 13 + page * 5 + p * 3 + w) % WORDS.len();
                let _ = write!(s, "{}{} ", WORDS[i], (c * 31 + w) % 97);
            }
            s.push_str("\n\n");
        }
        s.push_str("---\n\n");
    }
    s
}

static SOURCES: LazyLock<Vec<(usize, usize, String)>> = LazyLock::new(|| {
    (0..COURSES)
        .flat_map(|c| (0..LESSONS).map(move |l| (c, l, lesson(c, l))))
        .collect()
});

static INDEX: LazyLock<Index> =
    LazyLock::new(|| Index::build(SOURCES.iter().map(|(c, l, s)| (*c, *l, s.as_str()))));

#[divan::bench(sample_count = 3)]
fn build_1000_courses(bencher: Bencher) {
    let sources = &*SOURCES;
    bencher.bench(|| Index::build(sources.iter().map(|(c, l, s)| (*c, *l, s.as_str()))));
}

/// Each keystroke of typing a query, as the search box sends it.
#[divan::bench(args = ["n", "ne", "neu", "neut", "neutr", "neutral4", "calm resp", "xqzv"])]
fn keystroke_1000_courses(bencher: Bencher, query: &str) {
    let index = &*INDEX;
    // As many matches as the search box asks for.
    let limit = rollcall::app::search::MAX_HITS;
    bencher.bench(|| black_box(index.search(black_box(query), limit)));
}
