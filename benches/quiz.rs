//! Benchmarks: hostile quiz files under the 1 MiB limit stay fast to load and to check.
//!
//! Run with `cargo bench --bench quiz`. Each case must take well under a second (issue 11:
//! such files once took 10 to 82 seconds and froze the player while it loaded them).

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use divan::{Bencher, black_box};
use rollcall::{check, quiz};

fn main() {
    divan::main();
}

/// One order question with 100,000 items.
fn order_items() -> String {
    let mut s = String::from("[[questions]]\nprompt = \"p\"\norder = [");
    for i in 0..100_000 {
        let _ = write!(s, "\"{i:x}\",");
    }
    s.push_str("]\n");
    s
}

/// One choice question with 74,000 choices (all the same text).
fn choices() -> String {
    let mut s = String::from("[[questions]]\nprompt = \"p\"\nchoices = [");
    for _ in 0..74_000 {
        s.push_str("{text=\"a\"},");
    }
    s.push_str("]\n");
    s
}

/// 27,000 questions.
fn questions() -> String {
    "[[questions]]\nprompt=\"p\"\nanswer=true\n".repeat(27_000)
}

/// 15,000 questions, each with its own id and group, every group drawn from.
fn drawn_questions() -> String {
    let mut s = String::from("draw = 5000\n[draw_groups]\n");
    for g in 0..1500 {
        let _ = writeln!(s, "g{g} = 2");
    }
    for i in 0..15_000 {
        let _ = write!(
            s,
            "[[questions]]\nid=\"{i}\"\ngroup=\"g{}\"\nprompt=\"{i}\"\nanswer=true\n",
            i % 1500
        );
    }
    s
}

/// A named generator of a hostile quiz file.
type Case = (&'static str, fn() -> String);

const CASES: [Case; 4] = [
    ("100000-order-items", order_items),
    ("74000-choices", choices),
    ("27000-questions", questions),
    ("15000-drawn-questions", drawn_questions),
];

#[divan::bench(args = CASES.map(|c| c.0))]
fn parse_hostile_quiz(bencher: Bencher, case: &str) {
    let Some((_, make)) = CASES.iter().find(|c| c.0 == case) else {
        panic!("unknown case {case}");
    };
    let src = make();
    assert!(src.len() < 1024 * 1024, "{case}: {} bytes", src.len());
    if case != "15000-drawn-questions" {
        // Hostile, not valid: only the time matters.
        assert!(quiz::parse_quiz(Path::new("q"), &src).is_err() || case == "27000-questions");
    }
    bencher.bench(|| quiz::parse_quiz(Path::new("q.quiz.toml"), black_box(&src)));
}

#[divan::bench(args = CASES.map(|c| c.0), sample_count = 5)]
fn check_hostile_quiz(bencher: Bencher, case: &str) {
    let Some((_, make)) = CASES.iter().find(|c| c.0 == case) else {
        panic!("unknown case {case}");
    };
    let dir = match tempfile::TempDir::new() {
        Ok(dir) => dir,
        Err(e) => panic!("cannot make a temporary folder: {e}"),
    };
    let files = [
        (
            "course.toml",
            "title = \"T\"\nsummary = \"S\"\nversion = \"1\"\nhours = 1.0\n\
             [[lessons]]\nfile = \"01.md\"\nquiz = \"01.quiz.toml\"\n"
                .to_string(),
        ),
        ("01.md", "# One\n\nText.\n".to_string()),
        ("01.quiz.toml", make()),
    ];
    for (name, text) in files {
        if let Err(e) = fs::write(dir.path().join(name), text) {
            panic!("cannot write {name}: {e}");
        }
    }
    bencher.bench(|| {
        let report = check::check_dir(black_box(dir.path()));
        report.map(|r| r.to_human().len())
    });
}

#[divan::bench(sample_count = 5)]
fn arrange_15000_drawn_questions(bencher: Bencher) {
    let quiz = match quiz::parse_quiz(Path::new("q"), &drawn_questions()) {
        Ok(q) => q,
        Err(e) => panic!("{e:?}"),
    };
    assert_eq!(quiz.asked_count(), 5000);
    bencher.bench(|| quiz::arrange(black_box(&quiz), 7));
}
