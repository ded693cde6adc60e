//! The fuzz targets' properties, as plain functions of the input bytes: the targets in
//! `fuzz_targets/` call them under libFuzzer, and the normal test suite replays every input
//! kept in `fuzz/regressions/<target>/` through them (tests/fuzz/regressions.rs), so a crash
//! once found stays fixed without a nightly toolchain.
//!
//! Progress records are built from the bytes with small pools of ids and times, so that
//! merges meet the same attempt, course and lesson.

// A failed property is a panic: that is what the fuzzer and the replaying test look for.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use arbitrary::{Arbitrary, Result, Unstructured};
use rollcall::course::Library;
use rollcall::progress::{
    Attempt, CourseProgress, GivenAnswer, LessonProgress, PageSet, Progress, Stamp,
};
use rollcall::quiz::{self, Answer, QuestionKind};
use rollcall::report::{validate, xapi};

/// Course ids: those of the test fixtures' library first, then any string.
const COURSES: &[&str] = &["de-escalation", "crisis-intervention", "procedural-justice"];
/// Lesson ids in those courses.
const LESSONS: &[&str] = &["01-why", "02-tactics", "01-988", "01-voice"];
/// Times in several offsets, some the same instant.
const TIMES: &[&str] = &[
    "2026-05-01T10:00:00+02:00",
    "2026-05-01T08:00:00Z",
    "2026-05-01T08:00:00.000+00:00",
    "2026-05-02T09:30:15.250-05:00",
    "2025-12-31T23:59:59.999+14:00",
];

fn pick(u: &mut Unstructured<'_>, pool: &[&str]) -> Result<String> {
    if u.ratio(1, 8)? {
        return String::arbitrary(u);
    }
    Ok((*u.choose(pool)?).to_string())
}

/// A time: one of the pool (some the same instant in other offsets) or any instant from 1990
/// to 2100, to the nanosecond, in a whole-minute offset.
fn time(u: &mut Unstructured<'_>) -> Result<Stamp> {
    if bool::arbitrary(u)? {
        let text = *u.choose(TIMES)?;
        return Ok(text.parse().unwrap_or(Stamp::EPOCH));
    }
    let nanos = u.int_in_range(631_152_000_000_000_000i128..=4_102_444_800_000_000_000)?;
    let minutes = u.int_in_range(-18 * 60..=18 * 60i32)?;
    let ts = jiff::Timestamp::from_nanosecond(nanos).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    let offset = jiff::tz::Offset::from_seconds(minutes * 60).unwrap_or(jiff::tz::Offset::UTC);
    Ok(Stamp::new(ts, offset))
}

fn opt_time(u: &mut Unstructured<'_>) -> Result<Option<Stamp>> {
    Ok(if bool::arbitrary(u)? {
        Some(time(u)?)
    } else {
        None
    })
}

fn lesson(u: &mut Unstructured<'_>) -> Result<LessonProgress> {
    let n = u.int_in_range(0..=6)?;
    let mut pages_seen = PageSet::new();
    for _ in 0..n {
        pages_seen.insert(usize::from(u.int_in_range(0..=12u8)?));
    }
    Ok(LessonProgress {
        page: usize::from(u8::arbitrary(u)?),
        viewed_at: opt_time(u)?,
        pages_seen,
        pages_total: usize::from(u.int_in_range(0..=12u8)?),
        completed: opt_time(u)?,
        active_seconds: rollcall::progress::PageTime::default(),
    })
}

fn course(u: &mut Unstructured<'_>) -> Result<CourseProgress> {
    let mut c = CourseProgress {
        first_opened: opt_time(u)?,
        completed: opt_time(u)?,
        completed_version: if bool::arbitrary(u)? {
            Some(pick(u, &["1.0", "1.2", "2.0"])?)
        } else {
            None
        },
        completed_hours: if bool::arbitrary(u)? {
            Some(f64::arbitrary(u)?)
        } else {
            None
        },
        lessons: std::collections::BTreeMap::new(),
    };
    for _ in 0..u.int_in_range(0..=3)? {
        c.lessons.insert(pick(u, LESSONS)?, lesson(u)?);
    }
    Ok(c)
}

fn answer(u: &mut Unstructured<'_>) -> Result<GivenAnswer> {
    let answer = match u.int_in_range(0..=3)? {
        0 => Answer::Choices(
            Vec::<u8>::arbitrary(u)?
                .into_iter()
                .map(usize::from)
                .collect(),
        ),
        1 => Answer::Bool(bool::arbitrary(u)?),
        2 => Answer::Text(String::arbitrary(u)?),
        _ => Answer::Order(
            Vec::<u8>::arbitrary(u)?
                .into_iter()
                .map(usize::from)
                .collect(),
        ),
    };
    Ok(GivenAnswer {
        question: usize::from(u8::arbitrary(u)?),
        // No id: old-style answers, and the byte layout of the kept crash inputs stays put.
        id: None,
        answer,
        correct: bool::arbitrary(u)?,
    })
}

/// One attempt; ids come from a pool of five so merges meet the same attempt.
pub fn attempt(u: &mut Unstructured<'_>) -> Result<Attempt> {
    let id = if u.ratio(1, 8)? {
        String::arbitrary(u)?
    } else {
        format!(
            "00000000-0000-4000-8000-00000000000{}",
            u.int_in_range(0..=4)?
        )
    };
    let mut answers = Vec::new();
    for _ in 0..u.int_in_range(0..=2)? {
        answers.push(answer(u)?);
    }
    Ok(Attempt {
        id,
        course: pick(u, COURSES)?,
        lesson: pick(u, LESSONS)?,
        quiz: "01-why.quiz.toml".into(),
        course_version: pick(u, &["1.0", "1.2", "2.0"])?,
        started: time(u)?,
        finished: time(u)?,
        score: usize::from(u16::arbitrary(u)?),
        total: usize::from(u16::arbitrary(u)?),
        percent: f64::arbitrary(u)?,
        passed: bool::arbitrary(u)?,
        pass_percent: u8::arbitrary(u)?,
        answers,
        active_seconds: None,
    })
}

/// A learner's record (the learner's name is given: merges are per learner).
pub fn progress(u: &mut Unstructured<'_>, learner: &str) -> Result<Progress> {
    let mut p = Progress::new(learner);
    for _ in 0..u.int_in_range(0..=3)? {
        p.courses.insert(pick(u, COURSES)?, course(u)?);
    }
    for _ in 0..u.int_in_range(0..=4)? {
        p.attempts.push(attempt(u)?);
    }
    Ok(p)
}

/// Markdown render: any bytes at any width from 1 to 300 never panic, no rendered line is
/// wider than the width or holds a control character, and pages are real byte ranges.
pub fn markdown_render(data: &[u8]) {
    let Some((&w, rest)) = data.split_first() else {
        return;
    };
    // Widths 1..=300 from one byte plus a bit of the next, so small widths stay common.
    let width = 1 + u16::from(w) + u16::from(rest.first().copied().unwrap_or(0) % 2) * 44;
    let src = String::from_utf8_lossy(rest);
    for line in rollcall::markdown::render(&src, width) {
        assert!(
            line.width() <= usize::from(width),
            "line of {} columns at width {width}: {line:?}",
            line.width()
        );
        for span in &line.spans {
            assert!(
                !span.content.chars().any(char::is_control),
                "control character in {span:?}"
            );
        }
    }
    for page in rollcall::markdown::split_pages(&src) {
        assert!(src.get(page).is_some());
    }
}

fn scratch() -> &'static tempfile::TempDir {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().unwrap())
}

/// `course.toml` + `check`: course file, lesson and quiz texts (separated by 0xFF bytes) never
/// panic the checker or the loader, and no diagnostic carries a control character.
/// The lesson is always `01-a.md` with quiz `01-a.quiz.toml`.
pub fn course_check(data: &[u8]) {
    let mut parts = data.splitn(3, |&b| b == 0xff);
    let course = parts.next().unwrap_or_default();
    let lesson = parts.next().unwrap_or_default();
    let quiz = parts.next().unwrap_or_default();
    let root = scratch().path().join("c");
    let _ = std::fs::create_dir_all(&root);
    for (name, bytes) in [
        ("course.toml", course),
        ("01-a.md", lesson),
        ("01-a.quiz.toml", quiz),
    ] {
        std::fs::write(root.join(name), bytes).unwrap_or_else(|e| panic!("write {name}: {e}"));
    }
    let Ok(report) = rollcall::check::check_dir(&root) else {
        return;
    };
    let text = report.to_human();
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "control character in check output: {text:?}"
    );
    let _ = rollcall::course::load_course(&root);
}

/// Quiz parse and grade: any quiz file parses or fails with diagnostics, and for one that
/// parses the right answers always score 100% and pass at any pass mark; an arrangement asks
/// distinct questions from the pool and shows every item once.
pub fn quiz_grade(data: &[u8]) {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(q) = quiz::parse_quiz(Path::new("fuzz.quiz.toml"), src) else {
        return;
    };
    let results: Vec<bool> = q
        .questions
        .iter()
        .map(|question| {
            let right = match &question.kind {
                QuestionKind::Choice(choices) => {
                    Answer::Choices((0..choices.len()).filter(|&i| choices[i].correct).collect())
                }
                QuestionKind::TrueFalse(b) => Answer::Bool(*b),
                QuestionKind::Typed(accept) => {
                    Answer::Text(accept.first().cloned().unwrap_or_default())
                }
                QuestionKind::Order(items) => Answer::Order((0..items.len()).collect()),
            };
            let ok = quiz::grade(question, &right);
            assert!(ok, "right answer {right:?} graded wrong for {question:?}");
            ok
        })
        .collect();
    for pass in [0, 1, 50, 80, 99, 100] {
        let s = quiz::score(&results, pass);
        if s.total > 0 {
            assert!((s.percent - 100.0).abs() < f64::EPSILON, "{s:?}");
            assert!(s.passed, "{s:?} at pass mark {pass}");
        }
    }
    let arrangement = quiz::arrange(&q, data.len() as u64);
    // The questions asked: distinct, from the pool, as many as the quiz asks for.
    let mut asked = arrangement.questions.clone();
    asked.sort_unstable();
    asked.dedup();
    assert_eq!(asked.len(), arrangement.questions.len(), "{arrangement:?}");
    assert!(
        asked.iter().all(|&i| i < q.questions.len()),
        "{arrangement:?}"
    );
    assert_eq!(asked.len(), q.asked_count(), "{arrangement:?}");
    for (question, items) in q.questions.iter().zip(&arrangement.items) {
        let mut items = items.clone();
        items.sort_unstable();
        assert_eq!(items, (0..question.kind.item_count()).collect::<Vec<_>>());
    }
}

/// The serialized form: the record as a value, NaN included (NaN != NaN as a float).
fn text(p: &Progress) -> String {
    rollcall::progress::to_toml(p).unwrap_or_else(|e| panic!("cannot serialize {p:?}: {e}"))
}

fn merged(a: &Progress, b: &Progress) -> Progress {
    let mut m = a.clone();
    m.merge(b);
    m
}

/// Whether two records view one lesson at the very same instant from different positions.
fn same_instant_views(records: &[&Progress]) -> bool {
    let mut seen = std::collections::HashMap::new();
    for p in records {
        for (course, c) in &p.courses {
            for (lesson, l) in &c.lessons {
                if let Some(at) = l.viewed_at {
                    let here = (l.page, l.pages_total);
                    if *seen.entry((course, lesson, at)).or_insert(here) != here {
                        return true;
                    }
                }
            }
        }
    }
    false
}

fn ids(p: &Progress) -> BTreeSet<&str> {
    p.attempts.iter().map(|a| a.id.as_str()).collect()
}

/// Progress records: parse → serialize → parse keeps the record; merge is commutative,
/// associative and idempotent and never drops an attempt; any bytes as a progress file never
/// panic.
pub fn progress_merge(data: &[u8]) {
    // Raw bytes as a progress file first: reading must never panic.
    if let Ok(src) = std::str::from_utf8(data)
        && let Ok(p) = rollcall::progress::parse(src)
    {
        let again = rollcall::progress::parse(&text(&p)).unwrap_or_else(|e| panic!("{e}: {p:?}"));
        assert_eq!(text(&again), text(&p));
    }
    let mut u = Unstructured::new(data);
    let (Ok(a), Ok(b), Ok(c)) = (
        progress(&mut u, "jdoe"),
        progress(&mut u, "jdoe"),
        progress(&mut u, "jdoe"),
    ) else {
        return;
    };
    for p in [&a, &b, &c] {
        let back =
            rollcall::progress::parse(&text(p)).unwrap_or_else(|e| panic!("{e}: {}", text(p)));
        assert_eq!(text(&back), text(p), "round trip");
    }
    let all: BTreeSet<&str> = ids(&a).into_iter().chain(ids(&b)).chain(ids(&c)).collect();
    if same_instant_views(&[&a, &b, &c]) {
        // The one order-dependent rule, on purpose: two positions viewed at the very same
        // instant go to the incoming copy (the app's, when the store saves). Only the
        // no-loss law is checked then.
        let abc = merged(&merged(&a, &b), &c);
        assert_eq!(ids(&abc), all, "merge never drops an attempt");
        return;
    }
    let ab = merged(&a, &b);
    let ba = merged(&b, &a);
    assert_eq!(text(&ab), text(&ba), "merge is commutative");
    let ab_c = merged(&ab, &c);
    let a_bc = merged(&a, &merged(&b, &c));
    assert_eq!(text(&ab_c), text(&a_bc), "merge is associative");
    assert_eq!(ids(&ab_c), all, "merge never drops an attempt");
    assert_eq!(
        merged(&ab, &ab).attempts.len(),
        ab.attempts.len(),
        "merge is idempotent"
    );
}

fn library() -> &'static Library {
    static LIB: OnceLock<Library> = OnceLock::new();
    LIB.get_or_init(|| {
        let root = fixtures().join("records-courses");
        rollcall::course::load_library(&root).unwrap_or_default()
    })
}

/// The fixture library's quizzes, so answers also become `answered` statements.
fn quizzes() -> &'static rollcall::quiz::QuizBook {
    static BOOK: OnceLock<rollcall::quiz::QuizBook> = OnceLock::new();
    BOOK.get_or_init(|| rollcall::quiz::QuizBook::load(library()))
}

/// The repository's test fixtures.
pub fn fixtures() -> PathBuf {
    // Built as the fuzz crate (in fuzz/) or included by the main crate's tests.
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let main = here.join("tests/fixtures");
    if main.is_dir() {
        main
    } else {
        here.join("../tests/fixtures")
    }
}

/// xAPI export: every statement export and sync build from any progress record (after the
/// record checks, as they do) passes the validator `sync` applies before sending, and
/// statement ids are unique.
pub fn xapi_export(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let learner = match u.int_in_range(0..=2u8) {
        Ok(0) => "jdoe".to_string(),
        Ok(1) => "a.smith-2".to_string(),
        _ => u.arbitrary::<String>().unwrap_or_default(),
    };
    if rollcall::progress::store::validate_learner(&learner).is_err() {
        return;
    }
    let Ok(p) = progress(&mut u, &learner) else {
        return;
    };
    let base = xapi::base_iri("https://lrs.example/rollcall/");
    let ctx = xapi::Context {
        base: &base,
        library: library(),
        quizzes: Some(quizzes()),
        scenarios: None,
    };
    // What export and sync do: check the record, keep what it credits, build statements.
    let now: Stamp = "2026-12-01T00:00:00Z".parse().unwrap();
    let credited = rollcall::report::Merged::from(p)
        .check(now)
        .creditable(library());
    let mut seen = BTreeSet::new();
    for s in xapi::statements(&ctx, &credited) {
        let errors = validate::statement(&s);
        assert!(errors.is_empty(), "{errors:?} in {s:#}");
        let id = s["id"].as_str().unwrap_or_default().to_string();
        assert!(seen.insert(id.clone()), "statement id {id} twice");
    }
}
