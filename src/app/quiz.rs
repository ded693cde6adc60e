//! The quiz flow: start screen, one question at a time, feedback, results.

use std::sync::Arc;

use crate::app::Msg;
use crate::progress::{Attempt, GivenAnswer};
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
    pub hint: Option<String>,
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
    pub started: String,
}

/// What the app must do after a quiz message.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Nothing more.
    None,
    /// Ask the runtime for a new attempt.
    Start,
    /// Leave the quiz (the app confirms during an attempt).
    Leave,
    /// Record this attempt.
    Finished(Box<Attempt>),
}

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
            started: String::new(),
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
    pub fn begin(&mut self, id: String, seed: u64, started: String) {
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
    pub fn update(&mut self, msg: Msg) -> Outcome {
        match self.phase.clone() {
            QuizPhase::Loading | QuizPhase::Starting => {
                if msg == Msg::Back {
                    return Outcome::Leave;
                }
                Outcome::None
            }
            QuizPhase::Start => match msg {
                Msg::Enter => {
                    self.phase = QuizPhase::Starting;
                    Outcome::Start
                }
                Msg::Back | Msg::PrevPage => Outcome::Leave,
                _ => Outcome::None,
            },
            QuizPhase::Asking => self.update_asking(msg),
            QuizPhase::Checked { .. } => match msg {
                Msg::Enter | Msg::NextPage => self.advance(),
                // After checking, the cursor scrolls the feedback.
                Msg::Up => {
                    self.input.cursor = self.input.cursor.saturating_sub(1);
                    Outcome::None
                }
                Msg::Down => {
                    self.input.cursor = (self.input.cursor + 1).min(200);
                    Outcome::None
                }
                Msg::Back => Outcome::Leave,
                _ => Outcome::None,
            },
            QuizPhase::Results(_) => match msg {
                Msg::Up => {
                    self.input.cursor = self.input.cursor.saturating_sub(1);
                    Outcome::None
                }
                Msg::Down => {
                    self.input.cursor = (self.input.cursor + 1).min(self.answers.len());
                    Outcome::None
                }
                Msg::Retake => {
                    self.phase = QuizPhase::Starting;
                    Outcome::Start
                }
                Msg::Back | Msg::Enter => Outcome::Leave,
                _ => Outcome::None,
            },
        }
    }

    fn advance(&mut self) -> Outcome {
        if self.pos + 1 < self.arrangement.questions.len() {
            self.pos += 1;
            self.phase = QuizPhase::Asking;
            self.reset_input();
            return Outcome::None;
        }
        let results: Vec<bool> = self.answers.iter().map(|a| a.correct).collect();
        let score = quiz::score(&results, self.pass_percent);
        self.phase = QuizPhase::Results(score);
        self.input.cursor = 0;
        Outcome::Finished(Box::new(Attempt {
            id: self.attempt_id.clone(),
            course: String::new(),
            lesson: String::new(),
            quiz: String::new(),
            course_version: String::new(),
            started: self.started.clone(),
            finished: String::new(),
            score: score.points,
            total: score.total,
            percent: score.percent,
            passed: score.passed,
            pass_percent: self.pass_percent,
            answers: self.answers.clone(),
        }))
    }

    fn update_asking(&mut self, msg: Msg) -> Outcome {
        let Some(question) = self.question().cloned() else {
            return Outcome::None;
        };
        let n = self.items().len();
        self.input.hint = None;
        match (&question.kind, msg) {
            (_, Msg::Back) => return Outcome::Leave,
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
                self.input.hint =
                    Some("Choose an answer first: ↑/↓ then Enter, or a number key.".into());
            }
            (_, Msg::Enter) => return self.check(&question),
            _ => {}
        }
        Outcome::None
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
        Outcome::None
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
            self.input.hint = Some(
                match question.kind {
                    QuestionKind::Typed(_) => "Type an answer, then press Enter.",
                    QuestionKind::Order(_) => "Pick every item in order first (1-9 or Enter).",
                    _ => "Select at least one choice (Space or 1-9), then press Enter.",
                }
                .into(),
            );
            return Outcome::None;
        };
        let correct = quiz::grade(question, &answer);
        self.answers.push(GivenAnswer {
            question: self.question_index().map_or(0, |i| i + 1),
            answer,
            correct,
        });
        self.phase = QuizPhase::Checked { correct };
        self.input.cursor = 0;
        Outcome::None
    }
}

fn byte_index(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map_or(s.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn state(src: &str) -> QuizState {
        let quiz = crate::quiz::parse_quiz(Path::new("q.toml"), src).unwrap();
        let mut s = QuizState::loading(0, 0);
        s.set_quiz(Arc::new(quiz), 80);
        assert_eq!(s.update(Msg::Enter), Outcome::Start);
        s.begin("id-1".into(), 1, "2026-01-01T00:00:00+00:00".into());
        s
    }

    #[test]
    fn typed_field_edits_at_cursor() {
        let mut s = state("[[questions]]\nprompt = \"n?\"\naccept = [\"988\"]\n");
        for c in "98".chars() {
            s.update(Msg::Input(c));
        }
        s.update(Msg::CursorLeft);
        s.update(Msg::Input('x'));
        assert_eq!(s.input.text, "9x8");
        s.update(Msg::Backspace);
        s.update(Msg::CursorRight);
        s.update(Msg::Input('8'));
        assert_eq!(s.input.text, "988");
        s.update(Msg::Enter);
        assert_eq!(s.phase, QuizPhase::Checked { correct: true });
        match s.update(Msg::Enter) {
            Outcome::Finished(a) => {
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
        s.update(Msg::Pick(row_of(1)));
        s.update(Msg::Backspace);
        assert!(s.input.picked.is_empty());
        s.update(Msg::Enter);
        assert_eq!(s.phase, QuizPhase::Asking, "Enter picks, not checks");
        s.update(Msg::Backspace);
        for orig in 0..3 {
            s.update(Msg::Pick(row_of(orig)));
        }
        s.update(Msg::Enter);
        assert_eq!(s.phase, QuizPhase::Checked { correct: true });
    }

    #[test]
    fn select_all_needs_a_choice() {
        let mut s = state(
            "[[questions]]\nprompt = \"s\"\n[[questions.choices]]\ntext = \"a\"\ncorrect = true\n[[questions.choices]]\ntext = \"b\"\ncorrect = true\n[[questions.choices]]\ntext = \"c\"\n",
        );
        s.update(Msg::Enter);
        assert!(s.input.hint.is_some());
        assert_eq!(s.phase, QuizPhase::Asking);
        s.update(Msg::Pick(1));
        s.update(Msg::Down);
        s.update(Msg::Toggle);
        s.update(Msg::Enter);
        assert_eq!(s.phase, QuizPhase::Checked { correct: true });
    }

    #[test]
    fn a_stray_enter_does_not_answer() {
        let mut s = state("[[questions]]\nprompt = \"t\"\nanswer = true\n");
        s.update(Msg::Enter);
        assert_eq!(s.phase, QuizPhase::Asking);
        assert!(s.input.hint.is_some());
        // The first arrow shows the cursor, Enter then answers with it.
        s.update(Msg::Down);
        s.update(Msg::Enter);
        assert_eq!(s.phase, QuizPhase::Checked { correct: true });
    }

    #[test]
    fn true_false_keys() {
        let mut s = state("[[questions]]\nprompt = \"t\"\nanswer = false\n");
        s.update(Msg::TrueFalse(false));
        s.update(Msg::Enter);
        assert_eq!(s.phase, QuizPhase::Checked { correct: true });
    }
}
