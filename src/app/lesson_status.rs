//! Where each lesson of a course stands, as values: the course screen of both front ends
//! shows it, and `crate::text::lesson` turns it into words.

use crate::domain::attempts::Standing;
use crate::scenario::RunRecord;

use super::App;

/// Where one lesson stands for this learner.
#[derive(Debug, Clone, PartialEq)]
pub struct LessonStatus<'a> {
    /// Every page seen, the quiz passed and the scenario done.
    pub done: bool,
    /// Whether the lesson has pages (a lesson that is a scenario alone has none).
    pub has_pages: bool,
    /// The page reached (`None`: not started, or its page count is not known yet).
    pub pages: Option<PagesRead>,
    /// The quiz (`None`: the lesson has none).
    pub quiz: Option<QuizBest>,
    /// This learner's runs of the lesson's scenario (`None`: the lesson has none).
    pub runs: Option<Vec<&'a RunRecord>>,
    /// Where the learner stands against the quiz's attempt rules, when it sets any.
    pub standing: Option<Standing>,
    /// What is under way and can be continued: a quiz attempt, a scenario run.
    pub under_way: UnderWay,
}

/// A lesson's quiz attempt and scenario run kept for later, so the course screen says that
/// opening them continues where the learner left off.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UnderWay {
    /// Questions answered in the quiz attempt under way.
    pub attempt: Option<usize>,
    /// Decisions made in the scenario run under way.
    pub run: Option<usize>,
}

/// The page reached in a lesson and how many are still unread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PagesRead {
    /// The page the learner is on (1-based).
    pub page: usize,
    /// Pages in the lesson.
    pub total: usize,
    /// Pages not seen yet.
    pub unread: usize,
}

/// The best attempt at a lesson's quiz.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum QuizBest {
    /// No finished attempt.
    NotTaken,
    /// The best attempt so far.
    Best {
        /// Points scored.
        score: usize,
        /// Points possible.
        total: usize,
        /// Score as a percent.
        percent: f64,
        /// Whether the quiz is passed.
        passed: bool,
    },
}

impl App {
    /// Where lesson `lesson` of course `course` stands (`None` when either is not loaded).
    #[must_use]
    pub fn lesson_status(&self, course: usize, lesson: usize) -> Option<LessonStatus<'_>> {
        let c = self.course(course)?;
        let l = c.lessons.get(lesson)?;
        let id = l.id();
        let pages = self
            .progress
            .lesson(&c.id, id)
            .filter(|p| p.pages_total > 0)
            .map(|p| PagesRead {
                page: p.page,
                total: p.pages_total,
                unread: p
                    .pages_total
                    .saturating_sub(p.pages_seen.count_within(p.pages_total)),
            });
        let quiz = l.quiz.as_ref().map(|_| {
            self.progress
                .best_attempt(&c.id, id)
                .map_or(QuizBest::NotTaken, |a| QuizBest::Best {
                    score: a.score,
                    total: a.total,
                    percent: a.percent,
                    passed: self.progress.quiz_passed(&c.id, id),
                })
        });
        let runs = l.scenario.as_ref().map(|_| {
            self.progress
                .runs
                .iter()
                .filter(|r| r.course == c.id && r.lesson == id)
                .collect()
        });
        Some(LessonStatus {
            done: super::lesson_done(&self.progress, c, l),
            has_pages: l.path.is_some(),
            pages,
            quiz,
            runs,
            standing: self.quiz_standing(course, lesson),
            under_way: UnderWay {
                attempt: l
                    .quiz
                    .as_ref()
                    .and_then(|_| self.progress.open_attempt(&c.id, id))
                    .map(|a| a.answers.len()),
                run: l
                    .scenario
                    .as_ref()
                    .and_then(|_| self.progress.open_run(&c.id, id))
                    .map(crate::scenario::RunInProgress::decisions),
            },
        })
    }
}
