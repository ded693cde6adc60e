//! The lesson reader: one page at a time, scrolling when it is taller than the screen.

use ratatui::text::Line;

use crate::app::screens::{Action, Ctx, Outcome};
use crate::app::{Effect, Msg, Notice};
use crate::diagnostic::Diagnostic;
use crate::markdown;

pub mod goto;

pub use goto::Goto;

/// Rows above and below the page text: header, lesson title, status line, footer.
pub const RESERVED_ROWS: u16 = 4;

/// The lesson reader's state.
#[derive(Debug, Clone, PartialEq)]
pub struct LessonState {
    /// Course index.
    pub course: usize,
    /// Lesson index.
    pub lesson: usize,
    /// Title (from course.toml or the first heading).
    pub title: String,
    /// Markdown source of each page.
    pub pages: Vec<String>,
    /// Current page, 0-based.
    pub page: usize,
    /// First visible line of the page.
    pub scroll: usize,
    /// The current page rendered at `width`.
    pub lines: Vec<Line<'static>>,
    /// Width `lines` were rendered at.
    pub width: u16,
    /// Still reading the file.
    pub loading: bool,
    /// Where to open once loaded (a search match), instead of the saved page.
    pub goto: Option<Goto>,
    /// Knowledge checks offered in this visit (taken or skipped): not offered again.
    pub checks_offered: Vec<usize>,
}

/// Largest useful scroll offset for a page of `lines` in `height` rows.
#[must_use]
pub fn max_scroll(lines: usize, height: usize) -> usize {
    lines.saturating_sub(height)
}

impl LessonState {
    /// A reader waiting for its file.
    #[must_use]
    pub fn loading(course: usize, lesson: usize, title: String) -> Self {
        Self {
            course,
            lesson,
            title,
            pages: vec![],
            page: 0,
            scroll: 0,
            lines: vec![],
            width: 0,
            loading: true,
            goto: None,
            checks_offered: vec![],
        }
    }

    /// Handles a message in the reader.
    pub fn update(&mut self, ctx: &Ctx, msg: Msg) -> Outcome {
        let height = ctx.rows_below(RESERVED_ROWS);
        match msg {
            Msg::Resize(..) => {
                self.rewrap(ctx);
                return Outcome::none();
            }
            Msg::FileChanged => {
                let Some(path) = ctx
                    .course(self.course)
                    .and_then(|c| c.lessons.get(self.lesson))
                    .and_then(|l| l.path.clone())
                else {
                    return Outcome::none();
                };
                return Outcome::act(Action::Run(vec![Effect::LoadLesson {
                    course: self.course,
                    lesson: self.lesson,
                    path,
                    reload: true,
                }]));
            }
            Msg::LessonLoaded {
                course,
                lesson,
                result,
                reload,
            } => {
                if course != self.course || lesson != self.lesson {
                    return Outcome::none();
                }
                return self.loaded(ctx, result, reload);
            }
            _ => {}
        }
        if self.loading {
            return if msg == Msg::Back {
                Outcome::act(Action::Back)
            } else {
                Outcome::none()
            };
        }
        let last = self.pages.len().saturating_sub(1);
        let forward = matches!(
            msg,
            Msg::NextPage | Msg::PageDown | Msg::Toggle | Msg::Enter
        );
        let target = match msg {
            Msg::Up => {
                self.scroll = self.scroll.saturating_sub(1);
                return Outcome::none();
            }
            Msg::Down => {
                self.scroll = (self.scroll + 1).min(max_scroll(self.lines.len(), height));
                return Outcome::none();
            }
            // Space and PageDown read on: a screenful at a time, the page turns at its end.
            Msg::PageDown | Msg::Toggle if self.scroll < max_scroll(self.lines.len(), height) => {
                self.scroll = (self.scroll + height).min(max_scroll(self.lines.len(), height));
                return Outcome::none();
            }
            Msg::NextPage | Msg::PageDown | Msg::Toggle | Msg::Enter if self.page < last => {
                self.page + 1
            }
            Msg::NextPage | Msg::PageDown | Msg::Toggle | Msg::Enter => {
                return Outcome::act(Action::LessonFinished {
                    course: self.course,
                    lesson: self.lesson,
                });
            }
            Msg::PrevPage if self.page > 0 => self.page - 1,
            Msg::FirstPage => 0,
            Msg::LastPage => last,
            Msg::Back => return Outcome::act(Action::Back),
            _ => return Outcome::none(),
        };
        if target == self.page {
            return Outcome::none();
        }
        // Only reading on turns onto a knowledge check; jumping about does not.
        let read_on = target == self.page + 1 && forward;
        self.page = target;
        self.scroll = 0;
        self.width = 0;
        self.rewrap(ctx);
        if read_on && let Some(check) = self.check_due(ctx) {
            self.checks_offered.push(check);
            return Outcome::act(Action::OpenCheck {
                course: self.course,
                lesson: self.lesson,
                check,
                page: self.page + 1,
                total: self.pages.len(),
            });
        }
        Outcome::act(self.viewed())
    }

    /// The knowledge check after the page just left (the one before this), if not yet offered.
    fn check_due(&self, ctx: &Ctx) -> Option<usize> {
        let lesson = ctx.course(self.course)?.lessons.get(self.lesson)?;
        let (i, _) = lesson.check_after(self.page)?;
        (!self.checks_offered.contains(&i)).then_some(i)
    }

    fn viewed(&self) -> Action {
        Action::PageViewed {
            course: self.course,
            lesson: self.lesson,
            page: self.page + 1,
            total: self.pages.len(),
        }
    }

    fn loaded(&mut self, ctx: &Ctx, result: Result<String, Diagnostic>, reload: bool) -> Outcome {
        let text = match result {
            Ok(text) => text,
            Err(e) if reload => return Outcome::say(Notice::NotReloaded(e.to_string())),
            // Leave the reader: there is nothing to show.
            Err(e) => {
                return Outcome::act(Action::Back).with(Notice::CannotOpenLesson(e.to_string()));
            }
        };
        let saved_page = ctx
            .ids(self.course, self.lesson)
            .and_then(|(c, l)| ctx.progress.lesson(&c, &l).map(|l| l.page.max(1)))
            .unwrap_or(1);
        self.pages = markdown::split_pages(&text)
            .into_iter()
            .map(|r| text[r].to_string())
            .collect();
        if self.pages.is_empty() {
            self.pages.push(String::new());
        }
        self.title = ctx.lesson_title(self.course, self.lesson);
        self.loading = false;
        let last = self.pages.len() - 1;
        let mut notice = None;
        if let Some(goto) = self.goto.take().filter(|_| !reload) {
            return self.jump(ctx, &goto);
        } else if reload {
            self.page = self.page.min(last);
            notice = Some(Notice::LessonReloaded);
        } else {
            self.page = (saved_page - 1).min(last);
            self.scroll = 0;
            if self.page > 0 {
                notice = Some(Notice::ResumedAt {
                    page: self.page + 1,
                });
            }
        }
        self.width = 0;
        self.rewrap(ctx);
        Outcome {
            action: Some(self.viewed()),
            notice,
        }
    }

    /// Renders the current page for the current width, keeping the reader's place.
    fn rewrap(&mut self, ctx: &Ctx) {
        let width = ctx.text_width();
        let height = ctx.rows_below(RESERVED_ROWS);
        if self.loading || self.width == width {
            return;
        }
        let old_total = self.lines.len().max(1);
        // Colours follow the theme when the frame is drawn (`ui::Theme::finish`), so a theme
        // change needs no re-render.
        let lines = markdown::render(&self.pages[self.page.min(self.pages.len() - 1)], width);
        // Keep the same fraction of the page above the top line.
        if self.width != 0 {
            self.scroll = self.scroll * lines.len() / old_total;
        }
        self.lines = lines;
        self.width = width;
        self.scroll = self.scroll.min(max_scroll(self.lines.len(), height));
    }
}
