//! Answering one question: moving the mark, choosing, typing, ordering, checking.

use super::{QuizPhase, QuizState};
use crate::app::screens::{Action, Outcome};
use crate::app::{Hint, Msg};
use crate::progress::GivenAnswer;
use crate::quiz::{self, Answer, Question, QuestionKind};

impl QuizState {
    pub(super) fn update_asking(&mut self, msg: Msg) -> Outcome {
        let Some(question) = self.question().cloned() else {
            return Outcome::none();
        };
        let n = self.items().len();
        self.input.hint = None;
        match (&question.kind, msg) {
            (_, Msg::Back) => return Outcome::act(Action::LeaveQuiz),
            (QuestionKind::Typed(_), msg) => return self.update_typed(&question, msg),
            // Pick one and true/false show no mark until an arrow is pressed: the first press
            // shows it where it is, later ones move it. Select all and order questions show
            // their mark from the first frame, so every press moves it (defect 3).
            (_, Msg::Up) if self.input.chosen || mark_shown(&question.kind) => {
                self.input.cursor = self.input.cursor.saturating_sub(1);
            }
            (_, Msg::Down) if self.input.chosen || mark_shown(&question.kind) => {
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

    #[allow(clippy::needless_pass_by_value)] // Like every update: the Msg by value.
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
        // Kept at once, so an interruption after this answer loses nothing.
        let keep = Outcome::act(Action::SaveInProgress(Box::new(self.in_progress())));
        // An assessment shows nothing about the answer until the attempt is submitted.
        if self.feedback_at_end() {
            let next = self.advance();
            return if next.action.is_some() { next } else { keep };
        }
        self.phase = QuizPhase::Checked { correct };
        self.input.cursor = 0;
        keep
    }
}

/// Whether a question shows its mark before any key: select all and order questions do.
fn mark_shown(kind: &QuestionKind) -> bool {
    kind.is_multi() || matches!(kind, QuestionKind::Order(_))
}

fn byte_index(s: &str, chars: usize) -> usize {
    s.char_indices().nth(chars).map_or(s.len(), |(i, _)| i)
}
