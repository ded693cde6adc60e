//! A lesson's status on the course screen, in words: compact for the TUI's lesson list,
//! sentences for the screen reader.

use crate::app::lesson_status::{LessonStatus, PagesRead, QuizBest, UnderWay};

/// The TUI's status of a lesson for its row in the list, longest first: full; without the
/// quiz; and, when an attempt or run is kept for later, that alone (on a narrow screen it
/// matters most); last the page alone, for a row whose title is long. The selected lesson's
/// whole status is shown under the list ([`detail`]), so a row may drop phrases.
#[must_use]
pub fn shown(s: &LessonStatus) -> Vec<String> {
    let page = match s.pages {
        Some(PagesRead { page, total, .. }) => format!("page {page}/{total}"),
        None => super::NOT_STARTED.to_string(),
    };
    let pages = match s.pages {
        Some(PagesRead { unread, .. }) if unread > 0 => {
            format!("{page} · {}", super::pages_unread(unread))
        }
        _ => page.clone(),
    };
    // A lesson that is a scenario alone has no pages: its runs say where it stands.
    let (pages, page) = match (&s.runs, s.has_pages) {
        (Some(runs), false) => (super::scenario_status(runs), super::scenario_status(runs)),
        (Some(runs), true) => (format!("{pages} · {}", super::scenario_status(runs)), page),
        (None, _) => (pages, page),
    };
    let quiz: String = quiz_shown(s)
        .into_iter()
        .chain(rules(s))
        .flat_map(|p| [" · ".to_string(), p])
        .collect();
    match (under_way(s.under_way), under_way_short(s.under_way)) {
        (Some(long), Some(short)) => vec![
            format!("{pages} · {long}{quiz}"),
            format!("{pages} · {short}"),
            short,
        ],
        _ if page != pages => vec![format!("{pages}{quiz}"), pages, page],
        _ => vec![format!("{pages}{quiz}"), pages],
    }
}

/// The selected lesson's whole status on the course screen, as whole phrases (`page 2/5`,
/// `3 pages unread`, `quiz: best 3/5 (60%) not passed yet`, `1 attempt left`, `retake from
/// …`), so the view wraps between them and never cuts one.
#[must_use]
pub fn detail(s: &LessonStatus) -> Vec<String> {
    let mut out = Vec::new();
    if s.done {
        out.push("done".to_string());
    } else if s.has_pages {
        match s.pages {
            Some(PagesRead {
                page,
                total,
                unread,
            }) => {
                out.push(format!("page {page}/{total}"));
                if unread > 0 {
                    out.push(super::pages_unread(unread));
                }
            }
            None => out.push(super::NOT_STARTED.to_string()),
        }
    }
    if let Some(runs) = &s.runs {
        out.push(super::scenario_status(runs));
    }
    out.extend(under_way_parts(s.under_way));
    out.extend(quiz_shown(s));
    out.extend(rules(s));
    out
}

/// What the selected lesson's status under the course screen's list begins with.
#[must_use]
pub fn detail_head(number: usize) -> String {
    format!("Lesson {number}:")
}

/// The quiz's phrase for the TUI: `quiz: not taken`, `quiz: best 3/5 (60%) not passed yet`
/// (`None`: the lesson has no quiz).
fn quiz_shown(s: &LessonStatus) -> Option<String> {
    match s.quiz? {
        QuizBest::NotTaken => Some("quiz: not taken".to_string()),
        QuizBest::Best {
            score,
            total,
            percent,
            passed,
        } => Some(format!(
            "quiz: best {score}/{total} ({}) {}",
            crate::domain::percent_label(percent),
            verdict(s, passed)
        )),
    }
}

/// Whether the quiz is passed: "not passed yet" while an attempt is left, "not passed" once
/// none is (then "yet" would promise one).
fn verdict(s: &LessonStatus, passed: bool) -> &'static str {
    if passed {
        "passed"
    } else if s.standing.is_some_and(|st| st.left == Some(0)) {
        "not passed"
    } else {
        "not passed yet"
    }
}

/// The screen reader's status of a lesson, to follow its number and title.
#[must_use]
pub fn said(s: &LessonStatus) -> String {
    let state = if s.done {
        "done".to_string()
    } else {
        match s.pages {
            Some(PagesRead {
                page,
                total,
                unread,
            }) if unread > 0 => {
                format!("page {page} of {total}, {}", super::pages_unread(unread))
            }
            Some(PagesRead { page, total, .. }) => format!("page {page} of {total}"),
            None => super::NOT_STARTED.to_string(),
        }
    };
    let quiz = match s.quiz {
        None => String::new(),
        Some(QuizBest::NotTaken) => ", quiz not taken".into(),
        Some(QuizBest::Best {
            score,
            total,
            passed,
            ..
        }) => format!(", quiz best {score} of {total}, {}", verdict(s, passed)),
    };
    // A lesson that is a scenario alone has no pages: its runs say where it stands.
    let state = match (&s.runs, s.has_pages) {
        (Some(_), _) if s.done => state,
        (None, _) => state,
        (Some(runs), false) => super::scenario_status(runs),
        (Some(runs), true) => format!("{state}, {}", super::scenario_status(runs)),
    };
    let quiz: String = std::iter::once(quiz)
        .chain(rules(s).into_iter().flat_map(|r| [", ".to_string(), r]))
        .collect();
    let state = match under_way(s.under_way) {
        Some(u) => format!("{state}, {u}"),
        None => state,
    };
    format!("{state}{quiz}")
}

/// [`under_way`] in a few words, for a narrow row.
fn under_way_short(u: UnderWay) -> Option<String> {
    match (u.attempt.is_some(), u.run.is_some()) {
        (false, false) => None,
        (true, false) => Some("attempt in progress".into()),
        (false, true) => Some("run in progress".into()),
        (true, true) => Some("run and attempt in progress".into()),
    }
}

/// The attempt or run kept for later, in words (`None` when nothing is under way).
fn under_way(u: UnderWay) -> Option<String> {
    let parts = under_way_parts(u);
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// The scenario run and the quiz attempt kept for later, each a phrase.
fn under_way_parts(u: UnderWay) -> Vec<String> {
    let count = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let run = u.run.map(|n| {
        format!(
            "scenario run in progress ({})",
            count(n, "decision", "decisions")
        )
    });
    let attempt = u.attempt.map(|n| {
        format!(
            "quiz attempt in progress ({})",
            count(n, "answer", "answers")
        )
    });
    run.into_iter().chain(attempt).collect()
}

/// The phrases on the quiz's attempt rules (none when nothing limits them).
fn rules(s: &LessonStatus) -> Vec<String> {
    s.standing
        .map(|st| super::quiz::standing_short(&st))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status() -> LessonStatus<'static> {
        LessonStatus {
            done: false,
            has_pages: true,
            pages: Some(PagesRead {
                page: 2,
                total: 5,
                unread: 3,
            }),
            quiz: Some(QuizBest::Best {
                score: 3,
                total: 5,
                percent: 60.0,
                passed: false,
            }),
            runs: None,
            standing: None,
            under_way: UnderWay::default(),
        }
    }

    #[test]
    fn pages_and_quiz_read_compact_in_the_tui_and_as_a_sentence_aloud() {
        let s = status();
        assert_eq!(
            shown(&s),
            [
                "page 2/5 · 3 pages unread · quiz: best 3/5 (60%) not passed yet".to_string(),
                "page 2/5 · 3 pages unread".to_string(),
                "page 2/5".to_string()
            ]
        );
        assert_eq!(
            said(&s),
            "page 2 of 5, 3 pages unread, quiz best 3 of 5, not passed yet"
        );
    }

    #[test]
    fn a_scenario_alone_is_its_runs_and_done_is_said_as_done() {
        let s = LessonStatus {
            has_pages: false,
            pages: None,
            quiz: None,
            runs: Some(vec![]),
            ..status()
        };
        assert_eq!(shown(&s)[0], "scenario: not played");
        assert_eq!(said(&s), "scenario: not played");
        let done = LessonStatus {
            done: true,
            quiz: Some(QuizBest::NotTaken),
            ..s
        };
        assert_eq!(said(&done), "done, quiz not taken");
        assert_eq!(shown(&done)[0], "scenario: not played · quiz: not taken");
    }

    #[test]
    fn an_attempt_or_run_kept_for_later_is_named_even_on_a_narrow_screen() {
        let s = LessonStatus {
            under_way: UnderWay {
                attempt: Some(3),
                run: None,
            },
            ..status()
        };
        assert_eq!(
            shown(&s),
            [
                "page 2/5 · 3 pages unread · quiz attempt in progress (3 answers) · quiz: best 3/5 (60%) not passed yet",
                "page 2/5 · 3 pages unread · attempt in progress",
                "attempt in progress"
            ]
        );
        assert!(
            said(&s).starts_with(
                "page 2 of 5, 3 pages unread, quiz attempt in progress (3 answers), quiz best"
            ),
            "{}",
            said(&s)
        );
        let both = LessonStatus {
            under_way: UnderWay {
                attempt: Some(0),
                run: Some(1),
            },
            ..status()
        };
        assert!(
            shown(&both)[0].contains(
                "scenario run in progress (1 decision); quiz attempt in progress (0 answers)"
            ),
            "{:?}",
            shown(&both)
        );
        assert_eq!(shown(&both)[2], "run and attempt in progress");
    }

    #[test]
    fn attempts_left_and_when_a_retake_opens_are_both_said_and_none_left_is_not_yet() {
        use crate::domain::attempts::Standing;
        let opens = crate::progress::Stamp::from_zoned(
            &"2026-12-02T03:39:00-05:00[-05:00]".parse().unwrap(),
        );
        let one_left = LessonStatus {
            standing: Some(Standing {
                used: 1,
                left: Some(1),
                opens: Some(opens),
            }),
            ..status()
        };
        assert_eq!(
            detail(&one_left),
            [
                "page 2/5",
                "3 pages unread",
                "quiz: best 3/5 (60%) not passed yet",
                "1 attempt left",
                "retake from 2026-12-02 03:39"
            ]
        );
        assert!(
            said(&one_left).ends_with(
                "quiz best 3 of 5, not passed yet, 1 attempt left, retake from 2026-12-02 03:39"
            ),
            "{}",
            said(&one_left)
        );
        let none_left = LessonStatus {
            standing: Some(Standing {
                used: 1,
                left: Some(0),
                opens: None,
            }),
            ..status()
        };
        assert!(
            shown(&none_left)[0].ends_with("not passed · no attempts left"),
            "{:?}",
            shown(&none_left)
        );
        assert!(
            said(&none_left).ends_with("quiz best 3 of 5, not passed, no attempts left"),
            "{}",
            said(&none_left)
        );
    }
}
