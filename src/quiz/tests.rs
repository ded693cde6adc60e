//! Unit tests of quiz parsing, drawing and grading.

use std::path::Path;

use super::*;
use crate::diagnostic::Diagnostic;

fn quiz(src: &str) -> Result<Quiz, Vec<Diagnostic>> {
    parse_quiz(Path::new("q.quiz.toml"), src)
}

const ALL_FORMS: &str = r#"
shuffle = true
[[questions]]
prompt = "Pick one"
explanation = "why"
[[questions.choices]]
text = "A"
correct = true
feedback = "yes"
[[questions.choices]]
text = "B"
feedback = "no"

[[questions]]
prompt = "Select all"
[[questions.choices]]
text = "A"
correct = true
[[questions.choices]]
text = "B"
correct = true
[[questions.choices]]
text = "C"

[[questions]]
prompt = "True?"
answer = false

[[questions]]
prompt = "Number?"
accept = ["988", "nine eight eight"]

[[questions]]
prompt = "Order"
order = ["one", "two", "three"]
"#;

#[test]
fn parses_every_form() {
    let q = quiz(ALL_FORMS).unwrap();
    let forms: Vec<_> = q.questions.iter().map(|q| q.kind.form_name()).collect();
    assert_eq!(
        forms,
        ["pick-one", "select-all", "true-false", "typed", "order"]
    );
    assert_eq!(q.questions[0].line, 3);
    assert_eq!(q.title, "Check your understanding");
}

#[test]
fn grades_every_form() {
    let q = quiz(ALL_FORMS).unwrap().questions;
    assert!(grade(&q[0], &Answer::Choices(vec![0])));
    assert!(!grade(&q[0], &Answer::Choices(vec![1])));
    assert!(grade(&q[1], &Answer::Choices(vec![1, 0])));
    assert!(!grade(&q[1], &Answer::Choices(vec![0])));
    assert!(!grade(&q[1], &Answer::Choices(vec![0, 1, 2])));
    assert!(grade(&q[2], &Answer::Bool(false)));
    assert!(!grade(&q[2], &Answer::Bool(true)));
    assert!(grade(&q[3], &Answer::Text("  Nine   EIGHT eight ".into())));
    assert!(!grade(&q[3], &Answer::Text(String::new())));
    assert!(grade(&q[4], &Answer::Order(vec![0, 1, 2])));
    assert!(!grade(&q[4], &Answer::Order(vec![1, 0, 2])));
    assert!(!grade(&q[4], &Answer::Order(vec![0, 1])));
    assert!(!grade(&q[4], &Answer::Bool(true)));
}

#[test]
fn shuffle_is_repeatable_and_grading_uses_original_order() {
    let q = quiz(ALL_FORMS).unwrap();
    let a = arrange(&q, 42);
    assert_eq!(a, arrange(&q, 42));
    let mut sorted = a.questions.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, vec![0, 1, 2, 3, 4]);
    assert_ne!(
        a.items[4],
        vec![0, 1, 2],
        "order items are never shown solved"
    );
    // Whatever the shown order, picking the original indices grades right.
    let shown_first = a.items[0][0];
    let right = usize::from(shown_first != 0);
    assert!(grade(
        &q.questions[0],
        &Answer::Choices(vec![a.items[0][right]])
    ));
}

#[test]
fn unshuffled_quiz_keeps_file_order() {
    let src = ALL_FORMS.replace("shuffle = true", "");
    let q = quiz(&src).unwrap();
    let a = arrange(&q, 7);
    assert_eq!(a.questions, vec![0, 1, 2, 3, 4]);
    assert_eq!(a.items[0], vec![0, 1]);
}

#[test]
fn scores_with_integer_pass_mark() {
    let s = score(&[true, true, true, true, false], 80);
    assert_eq!((s.points, s.total, s.passed), (4, 5, true));
    assert!((s.percent - 80.0).abs() < 1e-9);
    assert!(!score(&[true, false, false], 80).passed);
    assert!(!score(&[], 0).passed);
}

fn first_error(src: &str) -> Diagnostic {
    quiz(src).unwrap_err().remove(0)
}

#[test]
fn validation_errors_have_lines() {
    let e = first_error("[[questions]]\nprompt = \"x\"\n");
    assert!(e.message.contains("no answer form"), "{e}");
    assert_eq!(e.line, Some(1));
    let e = first_error("[[questions]]\nprompt = \"x\"\nanswer = true\naccept = [\"a\"]\n");
    assert!(e.message.contains("more than one"), "{e}");
    assert_eq!(e.line, Some(4));
    let e = first_error(
        "[[questions]]\nprompt = \"x\"\n[[questions.choices]]\ntext = \"a\"\n[[questions.choices]]\ntext = \"b\"\n",
    );
    assert!(e.message.contains("no choice is marked correct"), "{e}");
    let e = first_error(
        "[[questions]]\nprompt = \"x\"\n[[questions.choices]]\ntext = \"a\"\ncorrect = true\n",
    );
    assert!(e.message.contains("2 or more choices"), "{e}");
    let e = first_error("[[questions]]\nprompt = \" \"\nanswer = true\n");
    assert!(e.message.contains("prompt is empty"), "{e}");
    assert_eq!(e.line, Some(2));
    let e = first_error("[[questions]]\nprompt = \"x\"\naccept = []\n");
    assert!(e.message.contains("no answers"), "{e}");
    let e = first_error("[[questions]]\nprompt = \"x\"\norder = [\"a\"]\n");
    assert!(e.message.contains("2 or more items"), "{e}");
    let e = first_error(
        "[[questions]]\nprompt = \"x\"\n[[questions.choices]]\ntext = \"a\"\ncorrect = true\n[[questions.choices]]\ntext = \"a\"\n",
    );
    assert!(e.message.contains("duplicate choice"), "{e}");
    let e = first_error("pass_percent = 120\n[[questions]]\nprompt = \"x\"\nanswer = true\n");
    assert!(e.message.contains("out of range"), "{e}");
    assert_eq!(e.line, Some(1));
    let e = first_error("[[questions]]\nprompt = \"x\"\nanswer = true\ncolour = 1\n");
    assert!(e.message.contains("unknown key"), "{e}");
    assert_eq!(e.line, Some(4));
    let e = first_error("[[questions]\n");
    assert_eq!(e.line, Some(1));
}

#[test]
fn collects_every_error() {
    let errs = quiz("[[questions]]\nprompt = \"\"\n\n[[questions]]\nprompt = \"y\"\n").unwrap_err();
    assert_eq!(errs.len(), 3, "{errs:?}");
}

const POOL: &str = r#"
draw = 4
feedback = "end"
max_attempts = 3
retake_after = "24h"
[draw_groups]
one = 2
two = 1

[[questions]]
id = "a1"
group = "one"
prompt = "A1"
answer = true
[[questions]]
id = "a2"
group = "one"
prompt = "A2"
answer = true
[[questions]]
id = "a3"
group = "one"
prompt = "A3"
answer = true
[[questions]]
id = "b1"
group = "two"
prompt = "B1"
answer = true
[[questions]]
id = "b2"
group = "two"
prompt = "B2"
answer = true
[[questions]]
id = "c1"
prompt = "C1"
answer = false
[[questions]]
id = "c2"
prompt = "C2"
answer = false
"#;

#[test]
fn parses_v2_keys() {
    let q = quiz(POOL).unwrap();
    assert_eq!(q.feedback, Feedback::End);
    assert_eq!(q.draw, Some(4));
    assert_eq!(q.max_attempts, Some(3));
    assert_eq!(q.retake_after, Some(std::time::Duration::from_hours(24)));
    assert_eq!(q.draw_groups.get("one"), Some(&2));
    assert_eq!(q.questions[3].group.as_deref(), Some("two"));
    assert_eq!(q.question("b1").map(|q| q.line), Some(25));
    assert_eq!(q.position("c2"), Some(6));
    assert_eq!(q.id_at(2), Some("a2"));
    assert!(q.questions.iter().all(|q| q.id_given));
    assert_eq!(q.lines.draw, Some(2));
    assert_eq!(q.asked_count(), 4);
    let v1 = quiz(ALL_FORMS).unwrap();
    assert_eq!(v1.feedback, Feedback::Each);
    let ids: Vec<_> = v1.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, ["q1", "q2", "q3", "q4", "q5"]);
    assert!(!v1.questions[0].id_given);
}

#[test]
fn draws_are_seeded_honour_groups_and_never_exceed_the_pool() {
    let q = quiz(POOL).unwrap();
    let mut seen_c = false;
    for seed in 0..200 {
        let a = arrange(&q, seed);
        assert_eq!(a, arrange(&q, seed), "same seed, same draw");
        let ids = a.ids(&q);
        assert_eq!(ids.len(), 4, "{ids:?}");
        let from = |p: char| ids.iter().filter(|i| i.starts_with(p)).count();
        assert!(from('a') >= 2 && from('b') >= 1, "{ids:?}");
        let mut unique = ids.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), 4, "no question twice: {ids:?}");
        // Not shuffled: drawn questions keep file order.
        assert!(a.questions.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
        seen_c |= from('c') > 0;
    }
    assert!(seen_c, "the top-up draws from the whole rest of the pool");
    let differs = (0..20).any(|s| arrange(&q, s).questions != arrange(&q, 99).questions);
    assert!(differs, "different seeds draw differently");

    // More than the pool: the whole pool, once each.
    let big = POOL
        .replace("draw = 4", "draw = 40")
        .replace("one = 2", "one = 9");
    let q = quiz(&big).unwrap();
    assert_eq!(q.asked_count(), 7);
    assert_eq!(arrange(&q, 1).questions, (0..7).collect::<Vec<_>>());

    // Groups without draw: the quotas plus every question outside the named groups.
    let groups_only = POOL.replace("draw = 4\n", "").replace("two = 1\n", "");
    let q = quiz(&groups_only).unwrap();
    assert_eq!(q.asked_count(), 6);
    for seed in 0..50 {
        let ids = arrange(&q, seed).ids(&q).join(",");
        assert!(ids.contains("b1,b2,c1,c2"), "{ids}");
        assert_eq!(ids.matches('a').count(), 2, "{ids}");
    }

    // Quotas above draw win.
    let q = quiz(&POOL.replace("draw = 4", "draw = 1")).unwrap();
    assert_eq!(q.asked_count(), 3);
    assert_eq!(arrange(&q, 5).questions.len(), 3);
}

#[test]
fn a_resumed_attempt_asks_the_same_questions() {
    let q = quiz(&POOL.replace("draw = 4", "draw = 4\nshuffle = true")).unwrap();
    let a = arrange(&q, 77);
    let ids: Vec<String> = a.ids(&q).into_iter().map(String::from).collect();
    let again = rearrange(&q, &ids, 77).unwrap();
    assert_eq!(again, a);
    assert!(rearrange(&q, &["gone".to_string()], 77).is_none());
}

#[test]
fn grades_by_id() {
    let q = quiz(POOL).unwrap();
    assert_eq!(grade_by_id(&q, "c1", &Answer::Bool(false)), Some(true));
    assert_eq!(grade_by_id(&q, "a1", &Answer::Bool(false)), Some(false));
    assert_eq!(grade_by_id(&q, "zz", &Answer::Bool(false)), None);
}

#[test]
fn typed_answers_fold_case_space_and_surrounding_punctuation() {
    let q = quiz("[[questions]]\nprompt = \"x\"\naccept = [\"time\", \"Nine-one-one\"]\n").unwrap();
    let q = &q.questions[0];
    for given in [
        "Time.",
        "  TIME ",
        "\"time!\"",
        "(time)",
        "nine-one-one",
        "“Time”?",
        "TIME!!",
        "¿time?",
        "-time-",
        "— time —",
        "— time—",
        "–time–",
    ] {
        assert!(grade(q, &Answer::Text(given.into())), "{given}");
    }
    for given in ["times", "ti me", "", "...", "—", "ti-me", "nine one one"] {
        assert!(!grade(q, &Answer::Text(given.into())), "{given}");
    }
    // Dashes inside an answer are part of it; one directly before a digit is a minus sign.
    assert_eq!(normalize("— De-escalation —"), "de-escalation");
    assert_eq!(normalize("-40"), "-40");
    assert_eq!(normalize("-40-"), "-40");
}

#[test]
fn retake_after_values() {
    use std::time::Duration;
    assert_eq!(parse_retake_after("30m"), Some(Duration::from_mins(30)));
    assert_eq!(parse_retake_after("2h"), Some(Duration::from_hours(2)));
    assert_eq!(parse_retake_after("7d"), Some(Duration::from_hours(168)));
    for bad in ["", "h", "0h", "1.5h", "-1d", "24", "1w", "999d", "1 h"] {
        assert_eq!(parse_retake_after(bad), None, "{bad}");
    }
}

#[test]
fn v2_validation_errors() {
    let e = first_error("[[questions]]\nid = \"Bad Id\"\nprompt = \"x\"\nanswer = true\n");
    assert!(e.message.contains("not valid"), "{e}");
    assert_eq!(e.line, Some(2));
    let e = first_error(
        "[[questions]]\nid = \"a\"\nprompt = \"x\"\nanswer = true\n[[questions]]\nid = \"a\"\nprompt = \"y\"\nanswer = true\n",
    );
    assert!(e.message.contains("question 1 already has"), "{e}");
    assert_eq!(e.line, Some(6));
    let e = first_error(
        "[[questions]]\nprompt = \"x\"\nanswer = true\n[[questions]]\nid = \"q1\"\nprompt = \"y\"\nanswer = true\n",
    );
    assert!(e.message.contains("`q1`"), "{e}");
    let e = first_error("draw = 0\n[[questions]]\nprompt = \"x\"\nanswer = true\n");
    assert!(e.message.contains("draw = 0"), "{e}");
    let e = first_error("retake_after = \"1w\"\n[[questions]]\nprompt = \"x\"\nanswer = true\n");
    assert!(e.message.contains("not a wait time"), "{e}");
    let e = first_error("max_attempts = 0\n[[questions]]\nprompt = \"x\"\nanswer = true\n");
    assert!(e.message.contains("max_attempts"), "{e}");
    let e = first_error("feedback = \"never\"\n[[questions]]\nprompt = \"x\"\nanswer = true\n");
    assert!(e.message.contains("unknown variant"), "{e}");
    assert_eq!(e.line, Some(1));
    let e = first_error(
        "[draw_groups]\nlesson1 = 2\n[[questions]]\nprompt = \"x\"\nanswer = true\ngroup = \"lesson2\"\n",
    );
    assert!(
        e.message.contains("no question has group = \"lesson1\""),
        "{e}"
    );
    assert_eq!(e.line, Some(2));
}

#[test]
fn item_problems_are_reported_once_per_question() {
    let many: Vec<String> = (0..500).map(|_| "\"same\"".to_string()).collect();
    let src = format!(
        "[[questions]]\nprompt = \"x\"\norder = [{}]\n",
        many.join(", ")
    );
    let errs = quiz(&src).unwrap_err();
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert!(errs[0].message.contains("at most 9 items"));
    assert!(errs[1].message.contains("duplicate order item `same`"));
}

/// Hostile files under the 1 MiB limit: quadratic checks once took 10 to 82 seconds on them.
#[test]
fn hostile_sizes_parse_in_linear_time() {
    use std::fmt::Write as _;
    use std::time::{Duration, Instant};
    let mut order = String::from("[[questions]]\nprompt = \"p\"\norder = [");
    for i in 0..100_000 {
        let _ = write!(order, "\"{i:x}\",");
    }
    order.push_str("]\n");
    let choices = format!(
        "[[questions]]\nprompt = \"p\"\nchoices = [{}]\n",
        "{text=\"a\"},".repeat(74_000)
    );
    let questions = "[[questions]]\nprompt=\"p\"\nanswer=true\n".repeat(27_000);
    for src in [order, choices, questions] {
        assert!(src.len() < 1024 * 1024);
        let start = Instant::now();
        let _ = quiz(&src);
        // Generous for an unoptimized build on a loaded machine; quadratic work takes minutes.
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{:?}",
            start.elapsed()
        );
    }
}
