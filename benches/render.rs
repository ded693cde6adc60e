//! Benchmarks: rendering a large lesson and loading a large library.
//!
//! Run with `cargo bench --bench render`.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use divan::{Bencher, black_box};
use rollcall::{course, markdown};

fn main() {
    divan::main();
}

/// A lesson of about `bytes` bytes that uses every element the renderer knows.
fn lesson(bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 4096);
    let mut n = 0;
    while s.len() < bytes {
        n += 1;
        let _ = write!(
            s,
            "## Section {n}: slowing the call down\n\n\
             Time is a **tactic**: it lets *people* calm down and lets you gather facts \
             before you act. Say `I am here to help` and [mean it](https://example.org/{n}). \
             Distance plus cover equals time, and time equals options.[^n{n}]\n\n\
             > A quote from the field manual, long enough to wrap at eighty columns in a \
             terminal window.\n>\n> > And a nested one.\n\n\
             1. Listen first, and keep listening while the person is still talking.\n\
             2. Explain what you are doing.\n   - nested point\n   - another one\n\
             3. Act.\n\n\
             - [x] Read the policy\n- [ ] Ride along\n\n\
             | Step | What you do | Why |\n|---|:---:|---:|\n\
             | 1 | Listen | People calm down when they are heard |\n\
             | 2 | Explain | Procedural fairness |\n\n\
             ```text\n$ rollcall check --courses ./courses   # clipped at narrow widths\nok\n```\n\n\
             日本語のテキストと絵文字 🙂 も正しく折り返されます。\n\n\
             [^n{n}]: Source: the regional academy's field guide, chapter {n}.\n\n"
        );
    }
    s
}

#[divan::bench]
fn render_100k_lesson_at_80(bencher: Bencher) {
    let src = lesson(100 * 1024);
    bencher
        .counter(divan::counter::BytesCount::of_str(&src))
        .bench(|| markdown::render(black_box(&src), black_box(80)));
}

#[divan::bench]
fn split_100k_lesson_into_pages(bencher: Bencher) {
    let src = lesson(100 * 1024).replace("## Section", "---\n\n## Section");
    bencher.bench(|| markdown::split_pages(black_box(&src)));
}

/// Writes `count` small courses (course.toml, three lessons, one quiz) under `root`.
fn write_library(root: &Path, count: usize) -> std::io::Result<()> {
    for i in 0..count {
        let dir = root.join(format!("course-{i:04}"));
        fs::create_dir_all(&dir)?;
        fs::write(
            dir.join("course.toml"),
            format!(
                "title = \"Course {i}\"\nsummary = \"A generated course.\"\nversion = \"1.0\"\n\
                 hours = 1.5\norder = {i}\nobjectives = [\"Listen\", \"Explain\"]\n\n\
                 [[lessons]]\nfile = \"01-intro.md\"\nquiz = \"01-intro.quiz.toml\"\n\n\
                 [[lessons]]\nfile = \"02-practice.md\"\n\n\
                 [[lessons]]\nfile = \"03-review.md\"\ntitle = \"Review\"\n"
            ),
        )?;
        for name in ["01-intro.md", "02-practice.md", "03-review.md"] {
            fs::write(
                dir.join(name),
                "# A lesson\n\nSome text.\n\n---\n\n## Page two\n\nMore text.\n",
            )?;
        }
        fs::write(
            dir.join("01-intro.quiz.toml"),
            "[[questions]]\nprompt = \"What comes first?\"\nexplanation = \"Listening.\"\n\n\
             [[questions.choices]]\ntext = \"Listen\"\ncorrect = true\nfeedback = \"Yes.\"\n\n\
             [[questions.choices]]\ntext = \"Order\"\nfeedback = \"No.\"\n",
        )?;
    }
    Ok(())
}

#[divan::bench(sample_count = 20)]
fn load_library_of_500_courses(bencher: Bencher) {
    let dir = match tempfile::TempDir::new() {
        Ok(dir) => dir,
        Err(e) => panic!("cannot make a temporary folder: {e}"),
    };
    if let Err(e) = write_library(dir.path(), 500) {
        panic!("cannot write the library: {e}");
    }
    match course::load_library(dir.path()) {
        Ok(lib) => assert_eq!(lib.courses.len(), 500, "broken: {:?}", lib.broken.first()),
        Err(e) => panic!("cannot load the library: {e:?}"),
    }
    bencher.bench(|| course::load_library(black_box(dir.path())));
}
