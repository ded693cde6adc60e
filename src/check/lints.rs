//! Assessment lints: warnings about quizzes that load but would not hold up as assessments
//! (guessable answers, repeated questions, finals that show answers or always ask the same
//! questions) and about quizzes without stable question ids.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::quiz::{self, Feedback, QuestionKind, Quiz};

/// Share of a quiz's pick-one questions whose right choice may be the longest before `check`
/// warns (learners learn to pick the longest answer).
pub const LONGEST_RIGHT_SHARE: f64 = 0.6;
/// A right choice longer than this many times the longest distractor gives itself away.
pub const LONGEST_BY_FAR: f64 = 1.5;
/// Fewest pick-one questions for the share rule: with one or two it is chance.
const MIN_FOR_SHARE: usize = 3;

/// Whether a quiz is a course's final assessment: its title says "final", or it belongs to the
/// last lesson of a course with two or more lessons.
pub fn is_final(quiz: &Quiz, lesson_index: usize, lessons: usize) -> bool {
    quiz.title.to_lowercase().contains("final") || (lessons >= 2 && lesson_index + 1 == lessons)
}

/// The warnings about one quiz.
pub fn quiz_lints(path: &Path, quiz: &Quiz, is_final: bool) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let warn = |line: usize, msg: String, help: &str| {
        Diagnostic::warning(path, msg)
            .at_line(line)
            .with_help(help.to_string())
    };
    missing_ids(quiz, &warn, &mut out);
    true_false(quiz, &warn, &mut out);
    longest_right(quiz, &warn, &mut out);
    draws(quiz, is_final, &warn, &mut out);
    out
}

type Warn<'a> = dyn Fn(usize, String, &str) -> Diagnostic + 'a;

fn missing_ids(quiz: &Quiz, warn: &Warn<'_>, out: &mut Vec<Diagnostic>) {
    let missing: Vec<_> = quiz.questions.iter().filter(|q| !q.id_given).collect();
    if let Some(first) = missing.first() {
        let n = quiz.questions.len();
        let what = if n == 1 {
            "the quiz's question has no `id`".to_string()
        } else if missing.len() == n {
            format!("none of the {n} questions has an `id`")
        } else {
            let verb = if missing.len() == 1 { "has" } else { "have" };
            format!("{} of the {n} questions {verb} no `id`", missing.len())
        };
        out.push(warn(
            first.line,
            format!("{what}: ids from positions (q1, q2, ...) change when questions move"),
            "give every question a stable id, e.g. id = \"knife-first-move\" (lowercase letters, digits, '-')",
        ));
    }
}

fn true_false(quiz: &Quiz, warn: &Warn<'_>, out: &mut Vec<Diagnostic>) {
    let answers: Vec<(bool, usize)> = quiz
        .questions
        .iter()
        .filter_map(|q| match q.kind {
            QuestionKind::TrueFalse(a) => Some((a, q.line)),
            _ => None,
        })
        .collect();
    if let [(first, line), rest @ ..] = answers.as_slice()
        && !rest.is_empty()
        && rest.iter().all(|(a, _)| a == first)
    {
        out.push(warn(
            *line,
            format!(
                "all {} true/false questions of the quiz are `{first}`",
                answers.len()
            ),
            "a learner who notices can answer them all without reading: make some of them the other way round",
        ));
    }
}

/// Length in characters, as a learner sees it.
fn len(s: &str) -> usize {
    s.chars().count()
}

fn longest_right(quiz: &Quiz, warn: &Warn<'_>, out: &mut Vec<Diagnostic>) {
    let mut single = 0usize;
    let mut right_longest = 0usize;
    let mut first_line = None;
    for q in &quiz.questions {
        let QuestionKind::Choice(choices) = &q.kind else {
            continue;
        };
        if q.kind.is_multi() {
            continue;
        }
        let Some(right) = choices.iter().find(|c| c.correct) else {
            continue;
        };
        let longest_wrong = choices
            .iter()
            .filter(|c| !c.correct)
            .map(|c| len(&c.text))
            .max()
            .unwrap_or(0);
        single += 1;
        let right_len = len(&right.text);
        if right_len > longest_wrong {
            right_longest += 1;
            first_line.get_or_insert(q.line);
        }
        #[allow(clippy::cast_precision_loss)]
        if longest_wrong > 0 && right_len as f64 > LONGEST_BY_FAR * longest_wrong as f64 {
            out.push(warn(
                q.line,
                format!(
                    "question `{}`: the right choice is much the longest ({right_len} characters, the longest other choice {longest_wrong})",
                    q.id
                ),
                "learners pick the longest answer: shorten it or give the other choices the same detail",
            ));
        }
    }
    #[allow(clippy::cast_precision_loss)]
    if single >= MIN_FOR_SHARE && right_longest as f64 > LONGEST_RIGHT_SHARE * single as f64 {
        out.push(warn(
            first_line.unwrap_or(1),
            format!(
                "the right choice is the longest in {right_longest} of the quiz's {single} pick-one questions"
            ),
            "learners learn to pick the longest answer: vary which choice is longest",
        ));
    }
}

fn draws(quiz: &Quiz, is_final: bool, warn: &Warn<'_>, out: &mut Vec<Diagnostic>) {
    let pool = quiz.questions.len();
    let draw_line = quiz.lines.draw.unwrap_or(1);
    if let Some(draw) = quiz.draw
        && draw > pool
    {
        out.push(warn(
            draw_line,
            format!("draw = {draw} is more than the {pool} questions in the pool"),
            "every attempt asks the whole pool: lower `draw` or add questions",
        ));
    }
    let groups_line = quiz.lines.draw_groups.unwrap_or(1);
    let mut sizes: HashMap<&str, usize> = HashMap::new();
    for g in quiz.questions.iter().filter_map(|q| q.group.as_deref()) {
        *sizes.entry(g).or_default() += 1;
    }
    let mut quota = 0;
    for (name, &k) in &quiz.draw_groups {
        let size = sizes.get(name.as_str()).copied().unwrap_or(0);
        quota += k.min(size);
        if k > size {
            out.push(warn(
                groups_line,
                format!("[draw_groups] draws {k} from `{name}`, which has {size} questions"),
                "lower the count or add questions to the group",
            ));
        }
    }
    if let Some(draw) = quiz.draw
        && quota > draw
    {
        out.push(warn(
            draw_line,
            format!("[draw_groups] asks for {quota} questions, more than draw = {draw}"),
            "each attempt asks the groups' questions: raise `draw` to their sum or lower the counts",
        ));
    }
    if !is_final {
        return;
    }
    let asked = quiz.asked_count();
    if pool < 2 * asked {
        out.push(warn(
            draw_line,
            format!(
                "final assessment: a pool of {pool} questions for {asked} asked, so retakes see the same questions"
            ),
            "give the final a pool at least twice its draw, e.g. 20 questions with draw = 10",
        ));
    }
    if quiz.feedback == Feedback::Each {
        out.push(warn(
            quiz.lines.feedback.unwrap_or(1),
            "final assessment shows the right answer after every question".to_string(),
            "set feedback = \"end\" so answers are reviewed only after the attempt is submitted",
        ));
    }
}

/// Warnings across a course's quizzes: the same prompt in two quizzes. `quizzes` are in
/// lesson order.
pub fn course_lints(quizzes: &[(PathBuf, Quiz)]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut seen: HashMap<String, (usize, &str, usize)> = HashMap::new();
    for (qi, (path, quiz)) in quizzes.iter().enumerate() {
        for q in &quiz.questions {
            let key = quiz::normalize(&q.prompt);
            match seen.get(&key) {
                Some(&(other, id, line)) if other != qi => {
                    out.push(
                        Diagnostic::warning(
                            path,
                            format!(
                                "question `{}` has the same prompt as question `{id}` of {} (line {line})",
                                q.id,
                                file_name(&quizzes[other].0)
                            ),
                        )
                        .at_line(q.line)
                        .with_help(
                            "a learner who passed one quiz has seen the answer: reword or replace one of them",
                        ),
                    );
                }
                Some(_) => {}
                None => {
                    seen.insert(key, (qi, &q.id, q.line));
                }
            }
        }
    }
    out
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quiz(src: &str) -> Quiz {
        quiz::parse_quiz(Path::new("q.quiz.toml"), src).unwrap()
    }

    fn messages(src: &str, is_final: bool) -> Vec<String> {
        quiz_lints(Path::new("q.quiz.toml"), &quiz(src), is_final)
            .into_iter()
            .map(|d| d.message)
            .collect()
    }

    fn tf(id: &str, answer: bool) -> String {
        format!("[[questions]]\nid = \"{id}\"\nprompt = \"{id}?\"\nanswer = {answer}\n")
    }

    fn pick(id: &str, right: &str, wrong: &[&str]) -> String {
        let mut s = format!("[[questions]]\nid = \"{id}\"\nprompt = \"{id}?\"\n");
        s += &format!("[[questions.choices]]\ntext = \"{right}\"\ncorrect = true\n");
        for w in wrong {
            s += &format!("[[questions.choices]]\ntext = \"{w}\"\n");
        }
        s
    }

    #[test]
    fn a_clean_quiz_has_no_lints() {
        let src = tf("a", true) + &tf("b", false) + &pick("c", "short", &["longer one"]);
        assert_eq!(messages(&src, false), Vec::<String>::new());
    }

    #[test]
    fn missing_ids_warn_once_per_file() {
        let src = "[[questions]]\nprompt = \"a\"\nanswer = true\n[[questions]]\nprompt = \"b\"\nanswer = false\n";
        let ds = quiz_lints(Path::new("q"), &quiz(src), false);
        assert_eq!(ds.len(), 1, "{ds:?}");
        assert!(
            ds[0]
                .message
                .starts_with("none of the 2 questions has an `id`")
        );
        assert_eq!(ds[0].line, Some(1));
        let mixed = tf("a", true) + "[[questions]]\nprompt = \"b\"\nanswer = false\n";
        assert_eq!(
            messages(&mixed, false),
            [
                "1 of the 2 questions has no `id`: ids from positions (q1, q2, ...) change when questions move"
            ]
        );
    }

    #[test]
    fn all_same_true_false() {
        let src = tf("a", true) + &tf("b", true) + &tf("c", true);
        assert_eq!(
            messages(&src, false),
            ["all 3 true/false questions of the quiz are `true`"]
        );
        assert!(
            messages(&tf("a", true), false).is_empty(),
            "one is not a pattern"
        );
    }

    #[test]
    fn longest_right_choice() {
        let by_far = pick("a", "a much longer right answer", &["short", "tiny"]);
        let m = messages(&by_far, false);
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(m[0].contains("much the longest (26 characters"), "{m:?}");
        // Longest but not by far, in 3 of 4 questions: the share rule.
        let src = pick("a", "right one", &["wrong 1"])
            + &pick("b", "right one", &["wrong 1"])
            + &pick("c", "right one", &["wrong 1"])
            + &pick("d", "r", &["wrong 1"]);
        assert_eq!(
            messages(&src, false),
            ["the right choice is the longest in 3 of the quiz's 4 pick-one questions"]
        );
        let src = pick("a", "right one", &["wrong 1"])
            + &pick("b", "right", &["wrong 1"])
            + &pick("c", "right one", &["wrong 1"])
            + &pick("d", "r", &["wrong 1"]);
        assert!(messages(&src, false).is_empty(), "2 of 4 is fine");
    }

    #[test]
    fn draws_and_finals() {
        let pool = tf("a", true) + &tf("b", false) + &tf("c", true) + &tf("d", false);
        let m = messages(&format!("draw = 5\n{pool}"), false);
        assert_eq!(m, ["draw = 5 is more than the 4 questions in the pool"]);
        let m = messages(&format!("draw = 3\nfeedback = \"end\"\n{pool}"), true);
        assert_eq!(
            m,
            [
                "final assessment: a pool of 4 questions for 3 asked, so retakes see the same questions"
            ]
        );
        let m = messages(&format!("draw = 2\n{pool}"), true);
        assert_eq!(
            m,
            ["final assessment shows the right answer after every question"]
        );
        assert!(messages(&format!("draw = 2\nfeedback = \"end\"\n{pool}"), true).is_empty());
        let grouped = "draw = 1\n[draw_groups]\ng = 3\n".to_string()
            + &pool.replace("answer = true\n", "answer = true\ngroup = \"g\"\n");
        let m = messages(&grouped, false);
        assert_eq!(
            m,
            [
                "[draw_groups] draws 3 from `g`, which has 2 questions",
                "[draw_groups] asks for 2 questions, more than draw = 1"
            ]
        );
    }

    #[test]
    fn finals_by_title_or_position() {
        let q = quiz(&format!("title = \"Final check\"\n{}", tf("a", true)));
        assert!(is_final(&q, 0, 4));
        let q = quiz(&tf("a", true));
        assert!(is_final(&q, 3, 4));
        assert!(!is_final(&q, 2, 4));
        assert!(
            !is_final(&q, 0, 1),
            "a one-lesson course has no separate final"
        );
    }

    #[test]
    fn same_prompt_in_two_quizzes() {
        let one = quiz(&(tf("a", true) + &tf("b", false)));
        let two = quiz(&(tf("x", true) + &tf("a", false).replace("a?", "A? ")));
        let ds = course_lints(&[("01.quiz.toml".into(), one), ("02.quiz.toml".into(), two)]);
        assert_eq!(ds.len(), 1, "{ds:?}");
        assert_eq!(
            ds[0].message,
            "question `a` has the same prompt as question `a` of 01.quiz.toml (line 1)"
        );
        assert_eq!(ds[0].path, PathBuf::from("02.quiz.toml"));
        assert_eq!(ds[0].line, Some(5));
    }
}
