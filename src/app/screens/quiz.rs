//! The quiz flow: start screen, one question at a time, feedback, results.

use std::sync::Arc;

use crate::app::screens::{Action, Ctx, Outcome};
use crate::app::{Hint, Msg, Notice};
use crate::diagnostic::Diagnostic;
use crate::progress::{Attempt, GivenAnswer, Stamp};
use crate::quiz::{self, Answer, Arrangement, Question, QuestionKind, Quiz, Score};

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
}

/// Rows above and below the quiz text: header, quiz title, a blank line, status, footer.
pub const RESERVED_ROWS: u16 = 5;

impl QuizState {
    /// A quiz screen waiting for its file.
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
        }
    }

    /// The quiz was loaded: show the start screen.
    pub fn set_quiz(&mut self, quiz: Arc<Quiz>, pass_percent: u8) {
        self.quiz = Some(quiz);
        self.pass_percent = pass_percent;
        self.phase = QuizPhase::Start;
    }

    /// An attempt is under way (leaving it loses it).
    pub fn in_attempt(&self) -> bool {
        matches!(
            self.phase,
            QuizPhase::Asking | QuizPhase::Checked { .. } | QuizPhase::Starting
        )
    }

    /// Starts an attempt with an id, shuffle seed and start time.
    pub fn begin(&mut self, id: String, seed: u64, started: Stamp) {
        let Some(quiz) = &self.quiz else { return };
        self.arrangement = quiz::arrange(quiz, seed);
        self.attempt_id = id;
        self.started = started;
        self.pos = 0;
        self.answers.clear();
        self.phase = QuizPhase::Asking;
        self.reset_input();
    }

    /// Index of the current question in the quiz file.
    pub fn question_index(&self) -> Option<usize> {
        self.arrangement.questions.get(self.pos).copied()
    }

    /// The current question.
    pub fn question(&self) -> Option<&Question> {
        let quiz = self.quiz.as_ref()?;
        quiz.questions.get(self.question_index()?)
    }

    /// Shown order of the current question's items (indices into the file's order).
    pub fn items(&self) -> &[usize] {
        self.question_index()
            .and_then(|i| self.arrangement.items.get(i))
            .map_or(&[], Vec::as_slice)
    }

    /// The answer given to the current question, once checked.
    pub fn last_answer(&self) -> Option<&GivenAnswer> {
        self.answers.get(self.pos)
    }

    fn reset_input(&mut self) {
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
                    QuizPhase::Checked { .. } | QuizPhase::Results(_)
                ) =>
            {
                return Outcome::none();
            }
            _ => {}
        }
        match self.phase.clone() {
            QuizPhase::Loading | QuizPhase::Starting => {
                if msg == Msg::Back {
                    return Outcome::act(Action::LeaveQuiz);
                }
                Outcome::none()
            }
            QuizPhase::Start => match msg {
                Msg::Enter => {
                    self.phase = QuizPhase::Starting;
                    Outcome::act(Action::StartAttempt)
                }
                Msg::Back | Msg::PrevPage => Outcome::act(Action::LeaveQuiz),
                _ => Outcome::none(),
            },
            QuizPhase::Asking => self.update_asking(msg),
            QuizPhase::Checked { .. } => match msg {
                Msg::Enter | Msg::NextPage => self.advance(),
                // After checking, the cursor scrolls the feedback.
                Msg::Up => {
                    self.input.cursor = self.input.cursor.saturating_sub(1);
                    Outcome::none()
                }
                Msg::Down => {
                    self.input.cursor = (self.input.cursor + 1).min(self.max_scroll(ctx));
                    Outcome::none()
                }
                Msg::Resize(..) => {
                    self.input.cursor = self.input.cursor.min(self.max_scroll(ctx));
                    Outcome::none()
                }
                Msg::Back => Outcome::act(Action::LeaveQuiz),
                _ => Outcome::none(),
            },
            QuizPhase::Results(_) => match msg {
                Msg::Up => {
                    self.input.cursor = self.input.cursor.saturating_sub(1);
                    Outcome::none()
                }
                Msg::Down => {
                    self.input.cursor = (self.input.cursor + 1).min(self.max_scroll(ctx));
                    Outcome::none()
                }
                Msg::Resize(..) => {
                    self.input.cursor = self.input.cursor.min(self.max_scroll(ctx));
                    Outcome::none()
                }
                Msg::Retake => {
                    self.phase = QuizPhase::Starting;
                    Outcome::act(Action::StartAttempt)
                }
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
                Outcome::none()
            }
            Err(errors) => {
                let first = errors.first().map(ToString::to_string).unwrap_or_default();
                Outcome::act(Action::Back).with(Notice::CannotOpenQuiz(first))
            }
        }
    }

    /// Largest scroll offset of the feedback or results: their last line at the bottom.
    fn max_scroll(&self, ctx: &Ctx) -> usize {
        let lines = crate::ui::quiz::scroll_lines(self, ctx.text_width());
        lines.saturating_sub(ctx.rows_below(RESERVED_ROWS))
    }

    fn advance(&mut self) -> Outcome {
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
        })))
    }

    fn update_asking(&mut self, msg: Msg) -> Outcome {
        let Some(question) = self.question().cloned() else {
            return Outcome::none();
        };
        let n = self.items().len();
        self.input.hint = None;
        match (&question.kind, msg) {
            (_, Msg::Back) => return Outcome::act(Action::LeaveQuiz),
            (QuestionKind::Typed(_), msg) => return self.update_typed(&question, msg),
            // The first arrow press shows the cursor where it is; later ones move it.
            (_, Msg::Up) if self.input.chosen => {
                self.input.cursor = self.input.cursor.saturating_sub(1);
            }
            (_, Msg::Down) if self.input.chosen => {
                self.input.cursor = (self.input.cursor + 1).min(n.saturating_sub(1));
            }
            (_, Msg::Up | Msg::Down) => self.input.chosen = true,
            (QuestionKind::Choice(_), Msg::Pick(k)) if (1..=n).contains(&k) => {
                self.input.cursor = k - 1;
                self.input.chosen = true;
                if question.kind.is_multi() {
                    self.input.toggled[k - 1] ^= true;
                }
            }
            (QuestionKind::Choice(_), Msg::Toggle) if question.kind.is_multi() => {
                let c = self.input.cursor;
                if let Some(t) = self.input.toggled.get_mut(c) {
                    *t ^= true;
                }
            }
            (QuestionKind::TrueFalse(_), Msg::TrueFalse(b)) => {
                self.input.cursor = usize::from(!b);
                self.input.chosen = true;
            }
            (QuestionKind::TrueFalse(_), Msg::Pick(k)) if k == 1 || k == 2 => {
                self.input.cursor = k - 1;
                self.input.chosen = true;
            }
            (QuestionKind::Order(_), Msg::Pick(k)) if (1..=n).contains(&k) => {
                self.pick_order(k - 1);
            }
            (QuestionKind::Order(_), Msg::Backspace) => {
                self.input.picked.pop();
                self.input.cursor = self.first_unpicked();
            }
            (QuestionKind::Order(_), Msg::Enter) if self.input.picked.len() < n => {
                self.pick_order(self.input.cursor);
            }
            (QuestionKind::Choice(_) | QuestionKind::TrueFalse(_), Msg::Enter)
                if !question.kind.is_multi() && !self.input.chosen =>
            {
                self.input.hint = Some(Hint::ChooseFirst);
            }
            (_, Msg::Enter) => return self.check(&question),
            _ => {}
        }
        Outcome::none()
    }

    fn first_unpicked(&self) -> usize {
        (0..self.items().len())
            .find(|i| !self.input.picked.contains(i))
            .unwrap_or(0)
    }

    fn pick_order(&mut self, row: usize) {
        if !self.input.picked.contains(&row) {
            self.input.picked.push(row);
        }
        self.input.cursor = self.first_unpicked();
    }

    fn update_typed(&mut self, question: &Question, msg: Msg) -> Outcome {
        let input = &mut self.input;
        let len = input.text.chars().count();
        match msg {
            Msg::Input(c) => {
                let at = byte_index(&input.text, input.text_cursor);
                input.text.insert(at, c);
                input.text_cursor += 1;
            }
            Msg::Delete if input.text_cursor < len => {
                let at = byte_index(&input.text, input.text_cursor);
                input.text.remove(at);
            }
            Msg::Backspace if input.text_cursor > 0 => {
                input.text_cursor -= 1;
                let at = byte_index(&input.text, input.text_cursor);
                input.text.remove(at);
            }
            Msg::CursorLeft => input.text_cursor = input.text_cursor.saturating_sub(1),
            Msg::CursorRight => input.text_cursor = (input.text_cursor + 1).min(len),
            Msg::FirstPage => input.text_cursor = 0,
            Msg::LastPage => input.text_cursor = len,
            Msg::Enter => return self.check(question),
            _ => {}
        }
        Outcome::none()
    }

    /// The answer as entered, in the file's order; `None` when nothing usable was entered.
    fn answer(&self, question: &Question) -> Option<Answer> {
        let items = self.items();
        let map = |rows: &[usize]| rows.iter().filter_map(|&r| items.get(r).copied()).collect();
        match &question.kind {
            QuestionKind::Choice(_) if question.kind.is_multi() => {
                let rows: Vec<usize> = (0..items.len())
                    .filter(|&r| self.input.toggled[r])
                    .collect();
                (!rows.is_empty()).then(|| Answer::Choices(map(&rows)))
            }
            QuestionKind::Choice(_) => Some(Answer::Choices(map(&[self.input.cursor]))),
            QuestionKind::TrueFalse(_) => Some(Answer::Bool(self.input.cursor == 0)),
            QuestionKind::Typed(_) => (!self.input.text.trim().is_empty())
                .then(|| Answer::Text(self.input.text.trim().to_string())),
            QuestionKind::Order(_) => (self.input.picked.len() == items.len())
                .then(|| Answer::Order(map(&self.input.picked))),
        }
    }

    fn check(&mut self, question: &Question) -> Outcome {
        let Some(answer) = self.answer(question) else {
            self.input.hint = Some(match question.kind {
                QuestionKind::Typed(_) => Hint::TypeAnswer,
                QuestionKind::Order(_) => Hint::PickEveryItem,
                _ => Hint::SelectAtLeastOne,
            });
            return Outcome::none();
        };
        let correct = quiz::grade(question, &answer);
        self.answers.push(GivenAnswer {
            question: self.question_index().map_or(0, |i| i + 1),
            id: Some(question.id.clone()),
            answer,
            correct,
        });
        self.phase = QuizPhase::Checked { correct };
        self.input.cursor = 0;
        Outcome::none()
    }
}

fn byte_index(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map_or(s.len(), |(i, _)| i)
}

#[cfg(test)]
#[allow(unused_must_use)] // Most steps only change state; the tests check that.
mod tests {
    use super::*;
    use std::path::Path;

    /// Updates with an empty library and record (the quiz screens need neither).
    fn up(s: &mut QuizState, msg: Msg) -> Outcome {
        let library = crate::course::Library::default();
        let progress = crate::progress::Progress::new("t");
        let titles = std::collections::HashMap::new();
        let now = jiff::Zoned::now();
        let duties = crate::compliance::Duties::default();
        let ctx = Ctx {
            library: &library,
            progress: &progress,
            titles: &titles,
            learner: "t",
            size: (80, 24),
            color: false,
            watch: false,
            now: &now,
            duties: &duties,
        };
        s.update(&ctx, msg)
    }

    fn state(src: &str) -> QuizState {
        let quiz = crate::quiz::parse_quiz(Path::new("q.toml"), src).unwrap();
        let mut s = QuizState::loading(0, 0);
        s.set_quiz(Arc::new(quiz), 80);
        assert_eq!(up(&mut s, Msg::Enter), Outcome::act(Action::StartAttempt));
        s.begin("id-1".into(), 1, "2026-01-01T00:00:00+00:00".into());
        s
    }

    #[test]
    fn typed_field_edits_at_cursor() {
        let mut s = state("[[questions]]\nprompt = \"n?\"\naccept = [\"988\"]\n");
        for c in "98".chars() {
            up(&mut s, Msg::Input(c));
        }
        up(&mut s, Msg::CursorLeft);
        up(&mut s, Msg::Input('x'));
        assert_eq!(s.input.text, "9x8");
        up(&mut s, Msg::Backspace);
        up(&mut s, Msg::CursorRight);
        up(&mut s, Msg::Input('8'));
        assert_eq!(s.input.text, "988");
        up(&mut s, Msg::Enter);
        assert_eq!(s.phase, QuizPhase::Checked { correct: true });
        match up(&mut s, Msg::Enter).action {
            Some(Action::AttemptFinished(a)) => {
                assert_eq!((a.score, a.total, a.passed), (1, 1, true));
                assert_eq!(a.answers[0].answer, Answer::Text("988".into()));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn order_picks_and_undo() {
        let mut s = state("[[questions]]\nprompt = \"o\"\norder = [\"a\", \"b\", \"c\"]\n");
        let items = s.items().to_vec();
        // Pick rows in the order that puts the file order back.
        let row_of = |orig: usize| items.iter().position(|&i| i == orig).unwrap() + 1;
        up(&mut s, Msg::Pick(row_of(1)));
        up(&mut s, Msg::Backspace);
        assert!(s.input.picked.is_empty());
        up(&mut s, Msg::Enter);
        assert_eq!(s.phase, QuizPhase::Asking, "Enter picks, not checks");
        up(&mut s, Msg::Backspace);
        for orig in 0..3 {
            up(&mut s, Msg::Pick(row_of(orig)));
        }
        up(&mut s, Msg::Enter);
        assert_eq!(s.phase, QuizPhase::Checked { correct: true });
    }

    #[test]
    fn select_all_needs_a_choice() {
        let mut s = state(
            "[[questions]]\nprompt = \"s\"\n[[questions.choices]]\ntext = \"a\"\ncorrect = true\n[[questions.choices]]\ntext = \"b\"\ncorrect = true\n[[questions.choices]]\ntext = \"c\"\n",
        );
        up(&mut s, Msg::Enter);
        assert!(s.input.hint.is_some());
        assert_eq!(s.phase, QuizPhase::Asking);
        up(&mut s, Msg::Pick(1));
        up(&mut s, Msg::Down);
        up(&mut s, Msg::Toggle);
        up(&mut s, Msg::Enter);
        assert_eq!(s.phase, QuizPhase::Checked { correct: true });
    }

    #[test]
    fn a_stray_enter_does_not_answer() {
        let mut s = state("[[questions]]\nprompt = \"t\"\nanswer = true\n");
        up(&mut s, Msg::Enter);
        assert_eq!(s.phase, QuizPhase::Asking);
        assert!(s.input.hint.is_some());
        // The first arrow shows the cursor, Enter then answers with it.
        up(&mut s, Msg::Down);
        up(&mut s, Msg::Enter);
        assert_eq!(s.phase, QuizPhase::Checked { correct: true });
    }

    #[test]
    fn true_false_keys() {
        let mut s = state("[[questions]]\nprompt = \"t\"\nanswer = false\n");
        up(&mut s, Msg::TrueFalse(false));
        up(&mut s, Msg::Enter);
        assert_eq!(s.phase, QuizPhase::Checked { correct: true });
    }
}
