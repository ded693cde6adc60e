//! The quiz flow: start screen, one question at a time, feedback, results.

use std::sync::Arc;

use crate::app::screens::{Action, Ctx, Outcome};
use crate::app::{Hint, Msg, Notice};
use crate::diagnostic::Diagnostic;
use crate::domain::attempts;
use crate::progress::{Attempt, GivenAnswer, Stamp};
use crate::quiz::{self, Arrangement, Question, Quiz, Score};

/// Where in the quiz the learner is.
#[derive(Debug, Clone, PartialEq)]
pub enum QuizPhase {
    /// Reading the quiz file.
    Loading,
    /// Start screen: title, questions, pass mark, best score.
    Start,
    /// Waiting for an attempt id from the runtime.
    Starting,
    /// Answering question `pos` (index into the arrangement).
    Asking,
    /// The answer to question `pos` was checked.
    Checked {
        /// Whether it was right.
        correct: bool,
    },
    /// The attempt is over.
    Results(Score),
}

/// What the learner has entered for the current question.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Input {
    /// Highlighted row (shown order).
    pub cursor: usize,
    /// Toggled rows for 'select all' (shown order).
    pub toggled: Vec<bool>,
    /// Picked rows for order questions, in the order picked (shown order).
    pub picked: Vec<usize>,
    /// Typed text.
    pub text: String,
    /// Cursor in `text`, in characters.
    pub text_cursor: usize,
    /// A hint shown when Enter was pressed too early.
    pub hint: Option<Hint>,
    /// Whether the learner has chosen a row yet: a stray Enter must not answer for them.
    pub chosen: bool,
}

/// State of the quiz screens.
#[derive(Debug, Clone, PartialEq)]
pub struct QuizState {
    /// Course index.
    pub course: usize,
    /// Lesson index.
    pub lesson: usize,
    /// The quiz (once loaded).
    pub quiz: Option<Arc<Quiz>>,
    /// Pass mark in effect.
    pub pass_percent: u8,
    /// Phase.
    pub phase: QuizPhase,
    /// The shown order of questions and items.
    pub arrangement: Arrangement,
    /// Position in `arrangement.questions`.
    pub pos: usize,
    /// Current input.
    pub input: Input,
    /// Answers given so far, in asked order.
    pub answers: Vec<GivenAnswer>,
    /// Attempt id.
    pub attempt_id: String,
    /// Attempt start time.
    pub started: Stamp,
    /// The attempt's shuffle seed (kept with it, so a resumed attempt shows the same order).
    pub seed: u64,
    /// An attempt under way found in the record when the quiz opened: Enter continues it.
    pub resume: Option<crate::progress::InProgress>,
    /// The start screen asks whether to discard that attempt (`d`; only `y` discards).
    pub confirm_discard: bool,
    /// A knowledge check (its index in the lesson's checks): practice, never recorded.
    pub check: Option<usize>,
    /// How far the current question's text is scrolled in its own area (it scrolls apart
    /// from the choices when it does not fit).
    pub prompt_scroll: usize,
}

/// Rows above and below the quiz text: header, quiz title, a blank line, status, footer.
pub const RESERVED_ROWS: u16 = 5;

impl QuizState {
    /// A quiz screen waiting for its file.
    #[must_use]
    pub fn loading(course: usize, lesson: usize) -> Self {
        Self {
            course,
            lesson,
            quiz: None,
            pass_percent: crate::course::DEFAULT_PASS_PERCENT,
            phase: QuizPhase::Loading,
            arrangement: Arrangement {
                questions: vec![],
                items: vec![],
            },
            pos: 0,
            input: Input::default(),
            answers: vec![],
            attempt_id: String::new(),
            started: Stamp::EPOCH,
            seed: 0,
            resume: None,
            confirm_discard: false,
            check: None,
            prompt_scroll: 0,
        }
    }

    /// The quiz was loaded: show the start screen.
    pub fn set_quiz(&mut self, quiz: Arc<Quiz>, pass_percent: u8) {
        self.quiz = Some(quiz);
        self.pass_percent = pass_percent;
        self.phase = QuizPhase::Start;
    }

    /// An attempt is under way (leaving it loses it).
    #[must_use]
    pub fn in_attempt(&self) -> bool {
        // A knowledge check records nothing, so leaving it loses nothing.
        self.check.is_none()
            && matches!(
                self.phase,
                QuizPhase::Asking | QuizPhase::Checked { .. } | QuizPhase::Starting
            )
    }

    /// Starts an attempt with an id, shuffle seed and start time.
    pub fn begin(&mut self, id: String, seed: u64, started: Stamp) {
        let Some(quiz) = &self.quiz else { return };
        self.arrangement = quiz::arrange(quiz, seed);
        self.seed = seed;
        self.resume = None;
        self.attempt_id = id;
        self.started = started;
        self.pos = 0;
        self.answers.clear();
        self.phase = QuizPhase::Asking;
        self.reset_input();
    }

    /// Index of the current question in the quiz file.
    #[must_use]
    pub fn question_index(&self) -> Option<usize> {
        self.arrangement.questions.get(self.pos).copied()
    }

    /// The current question.
    #[must_use]
    pub fn question(&self) -> Option<&Question> {
        let quiz = self.quiz.as_ref()?;
        quiz.questions.get(self.question_index()?)
    }

    /// Shown order of the current question's items (indices into the file's order).
    #[must_use]
    pub fn items(&self) -> &[usize] {
        self.question_index()
            .and_then(|i| self.arrangement.items.get(i))
            .map_or(&[], Vec::as_slice)
    }

    /// The answer given to the current question, once checked.
    #[must_use]
    pub fn last_answer(&self) -> Option<&GivenAnswer> {
        self.answers.get(self.pos)
    }

    fn reset_input(&mut self) {
        self.prompt_scroll = 0;
        let n = self.items().len();
        self.input = Input {
            toggled: vec![false; n],
            ..Input::default()
        };
    }

    /// Handles a message on the quiz screens.
    pub fn update(&mut self, ctx: &Ctx, msg: Msg) -> Outcome {
        match msg {
            Msg::QuizLoaded {
                course,
                lesson,
                result,
            } if course == self.course && lesson == self.lesson => {
                return self.loaded(ctx, result);
            }
            Msg::AttemptReady { id, seed, started } => {
                self.begin(id, seed, started);
                return Outcome::none();
            }
            // Only the scrolled phases care about the size (to keep their scroll in range).
            Msg::Resize(..)
                if !matches!(
                    self.phase,
                    QuizPhase::Start
                        | QuizPhase::Asking
                        | QuizPhase::Checked { .. }
                        | QuizPhase::Results(_)
                ) =>
            {
                return Outcome::none();
            }
            _ => {}
        }
        // PgDn scrolls the start screen, feedback or results a screen first (as in the
        // lesson); elsewhere it is next. The discard question stays where it is.
        let scrolled = match self.phase {
            QuizPhase::Checked { .. } | QuizPhase::Results(_) => true,
            QuizPhase::Start => !self.confirm_discard,
            _ => false,
        };
        let msg = match msg {
            Msg::PageDown if scrolled => return self.page_down(ctx),
            // At the start screen's top PgUp (and Left) go back to the lesson, as before.
            Msg::PrevPage
                if scrolled && !(self.phase == QuizPhase::Start && self.input.cursor == 0) =>
            {
                let page = ctx.rows_below(RESERVED_ROWS);
                self.input.cursor = self.input.cursor.saturating_sub(page);
                return Outcome::none();
            }
            Msg::PageDown => Msg::NextPage,
            msg => msg,
        };
        match self.phase.clone() {
            QuizPhase::Loading | QuizPhase::Starting => {
                if msg == Msg::Back {
                    return Outcome::act(Action::LeaveQuiz);
                }
                Outcome::none()
            }
            QuizPhase::Start if self.confirm_discard => self.update_discard(&msg),
            QuizPhase::Start => match msg {
                Msg::Enter => self.start(ctx),
                Msg::Discard if self.resume.is_some() => {
                    self.confirm_discard = true;
                    // The question is asked at the top: scroll there, so it is seen.
                    self.input.cursor = 0;
                    Outcome::none()
                }
                Msg::Up | Msg::Down | Msg::Resize(..) => {
                    self.scroll(ctx, &msg);
                    Outcome::none()
                }
                Msg::Back => Outcome::act(Action::LeaveQuiz),
                // Left: back to the lesson's last page, which is where the learner came from.
                Msg::PrevPage => Outcome::act(Action::Back),
                _ => Outcome::none(),
            },
            QuizPhase::Asking => match msg {
                // The question's text scrolls in its own area; the choices stay as they are.
                Msg::QuestionUp | Msg::QuestionDown | Msg::Resize(..) => {
                    self.scroll_prompt(ctx, &msg);
                    Outcome::none()
                }
                msg => self.update_asking(msg),
            },
            QuizPhase::Checked { .. } => match msg {
                Msg::Enter | Msg::NextPage => self.advance(),
                // After checking, the cursor scrolls the feedback.
                Msg::Up | Msg::Down | Msg::Resize(..) => {
                    self.scroll(ctx, &msg);
                    Outcome::none()
                }
                Msg::Back => Outcome::act(Action::LeaveQuiz),
                _ => Outcome::none(),
            },
            QuizPhase::Results(_) => match msg {
                Msg::Up | Msg::Down | Msg::Resize(..) => {
                    self.scroll(ctx, &msg);
                    Outcome::none()
                }
                Msg::Retake => self.start(ctx),
                Msg::Back | Msg::Enter => Outcome::act(Action::LeaveQuiz),
                _ => Outcome::none(),
            },
        }
    }

    /// The quiz file was read: show the start screen, or leave with the first problem.
    fn loaded(&mut self, ctx: &Ctx, result: Result<Arc<Quiz>, Vec<Diagnostic>>) -> Outcome {
        match result {
            Ok(quiz) => {
                let pass = quiz
                    .pass_percent
                    .or_else(|| ctx.course(self.course).map(|c| c.pass_percent))
                    .unwrap_or(crate::course::DEFAULT_PASS_PERCENT);
                self.set_quiz(quiz, pass);
                self.resume = ctx
                    .ids(self.course, self.lesson)
                    .and_then(|(c, l)| ctx.progress.open_attempt(&c, &l).cloned())
                    // The lesson quiz's attempt under way is not a knowledge check's.
                    .filter(|_| self.check.is_none());
                Outcome::none()
            }
            Err(errors) => {
                let first = errors.first().map(ToString::to_string).unwrap_or_default();
                Outcome::act(Action::Back).with(Notice::CannotOpenQuiz(first))
            }
        }
    }

    /// Where the learner stands against this quiz's attempt rules (`None` before it loads).
    #[must_use]
    pub fn standing(&self, ctx: &Ctx) -> Option<attempts::Standing> {
        // A knowledge check is never an attempt, so no attempt rule limits it.
        if self.check.is_some() {
            return None;
        }
        let quiz = self.quiz.as_ref()?;
        let (course, lesson) = ctx.ids(self.course, self.lesson)?;
        Some(attempts::standing(
            ctx.progress,
            &course,
            &lesson,
            attempts::Rule::of(quiz),
            Stamp::from_zoned(ctx.now),
        ))
    }

    /// The start screen asks "Discard the attempt in progress?": only `y` discards it; `n`
    /// or Esc keep it; anything else (Enter too) leaves the question asked.
    fn update_discard(&mut self, msg: &Msg) -> Outcome {
        match msg {
            Msg::Confirm(true) => {
                self.confirm_discard = false;
                match self.resume.take() {
                    Some(attempt) => Outcome::act(Action::DiscardAttempt(attempt.id))
                        .with(Notice::Discarded(crate::app::Subject::Quiz)),
                    None => Outcome::none(),
                }
            }
            Msg::Confirm(false) | Msg::Back => {
                self.confirm_discard = false;
                Outcome::none()
            }
            _ => Outcome::none(),
        }
    }

    /// Continues the attempt under way, or starts a new one when the quiz's attempt rules
    /// allow one now.
    fn start(&mut self, ctx: &Ctx) -> Outcome {
        if let Some(attempt) = self.resume.take()
            && let Some(outcome) = self.continue_attempt(&attempt)
        {
            return outcome;
        }
        if let Some(s) = self.standing(ctx) {
            if s.left == Some(0) {
                return Outcome::say(Notice::NoAttemptsLeft);
            }
            if let Some(at) = s.opens {
                return Outcome::say(Notice::RetakeOpens { at });
            }
        }
        self.phase = QuizPhase::Starting;
        Outcome::act(Action::StartAttempt)
    }

    /// Continues an attempt under way at its next unanswered question, with the same draw
    /// and order; `None` when the quiz no longer has one of its questions.
    fn continue_attempt(&mut self, attempt: &crate::progress::InProgress) -> Option<Outcome> {
        let quiz = self.quiz.clone()?;
        let seed = attempt.seed();
        self.arrangement = quiz::rearrange(&quiz, &attempt.asked, seed)?;
        self.seed = seed;
        self.attempt_id.clone_from(&attempt.id);
        self.started = attempt.started;
        // Answers keep their ids; their positions are those of the quiz as it is now.
        self.answers = attempt
            .answers
            .iter()
            .take(self.arrangement.questions.len())
            .map(|a| {
                let mut a = a.clone();
                if let Some(at) = a.id.as_deref().and_then(|id| quiz.position(id)) {
                    a.question = at + 1;
                }
                a
            })
            .collect();
        self.phase = QuizPhase::Asking;
        if self.answers.len() >= self.arrangement.questions.len() {
            // Every question was answered before the interruption: submit it now.
            self.pos = self.arrangement.questions.len().saturating_sub(1);
            return Some(self.advance());
        }
        self.pos = self.answers.len();
        self.reset_input();
        Some(Outcome::none())
    }

    /// The attempt as it stands, to be kept in the record until it is finished.
    pub(super) fn in_progress(&self) -> crate::progress::InProgress {
        let asked = self.quiz.as_ref().map_or_else(Vec::new, |z| {
            self.arrangement
                .ids(z)
                .into_iter()
                .map(String::from)
                .collect()
        });
        crate::progress::InProgress {
            id: self.attempt_id.clone(),
            // Filled in by the app.
            course: String::new(),
            lesson: String::new(),
            started: self.started,
            updated: self.started,
            seed: self.seed.to_string(),
            asked,
            discarded: None,
            answers: self.answers.clone(),
        }
    }

    /// Whether right and wrong are shown only after the attempt (`feedback = "end"`).
    #[must_use]
    pub fn feedback_at_end(&self) -> bool {
        // A knowledge check is practice: feedback after every question.
        self.check.is_none()
            && self
                .quiz
                .as_ref()
                .is_some_and(|z| z.feedback == quiz::Feedback::End)
    }

    pub(super) fn advance(&mut self) -> Outcome {
        if self.pos + 1 < self.arrangement.questions.len() {
            self.pos += 1;
            self.phase = QuizPhase::Asking;
            self.reset_input();
            return Outcome::none();
        }
        let results: Vec<bool> = self.answers.iter().map(|a| a.correct).collect();
        let score = quiz::score(&results, self.pass_percent);
        self.phase = QuizPhase::Results(score);
        self.input.cursor = 0;
        Outcome::act(Action::AttemptFinished(Box::new(Attempt {
            id: self.attempt_id.clone(),
            course: String::new(),
            lesson: String::new(),
            quiz: String::new(),
            course_version: String::new(),
            started: self.started,
            // Filled in by the app when it records the attempt.
            finished: self.started,
            score: score.points,
            total: score.total,
            percent: score.percent,
            passed: score.passed,
            pass_percent: self.pass_percent,
            answers: self.answers.clone(),
            active_seconds: None,
        })))
    }
}

mod answer;
mod scroll;
#[cfg(test)]
mod tests;
