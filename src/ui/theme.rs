//! Themes: one set of named roles (title, selection, correct, wrong, muted, gauge, highlight,
//! warning, bars) that every view uses, in four palettes.
//!
//! Nothing is signalled by colour alone: the selected row carries [`Theme::MARK`], right and
//! wrong answers carry words or ✓/✗, so the monochrome and high-contrast themes lose nothing.
//! Text rendered from Markdown keeps the colours of its own styles; [`Theme::finish`] maps
//! them onto the theme once the frame is drawn, so every view follows the theme without
//! knowing where its lines came from.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};

/// The themes a learner can choose (`theme` in the settings file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ThemeName {
    /// Colours on the terminal's own (usually dark) background.
    #[default]
    Dark,
    /// Dark text on a white background.
    Light,
    /// Black and white only, emphasis by bold and underline: for glare and low vision.
    HighContrast,
    /// No colour at all (the default under `NO_COLOR`).
    Monochrome,
}

impl ThemeName {
    /// Every theme, in the order the Settings screen cycles through them.
    pub const ALL: [ThemeName; 4] = [
        ThemeName::Dark,
        ThemeName::Light,
        ThemeName::HighContrast,
        ThemeName::Monochrome,
    ];

    /// The name as written in the settings file.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
            ThemeName::HighContrast => "high-contrast",
            ThemeName::Monochrome => "monochrome",
        }
    }

    /// The theme named `s` (as written in the settings file).
    #[must_use]
    pub fn parse(s: &str) -> Option<ThemeName> {
        ThemeName::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// The theme when the settings file names none: monochrome when `NO_COLOR` is set.
    #[must_use]
    pub fn default_for(no_color: bool) -> ThemeName {
        if no_color {
            ThemeName::Monochrome
        } else {
            ThemeName::Dark
        }
    }

    /// The next (or, with `back`, the previous) theme, wrapping around.
    #[must_use]
    pub fn step(self, back: bool) -> ThemeName {
        let n = ThemeName::ALL.len();
        let i = ThemeName::ALL.iter().position(|t| *t == self).unwrap_or(0);
        ThemeName::ALL[if back { (i + n - 1) % n } else { (i + 1) % n }]
    }
}

impl std::fmt::Display for ThemeName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Styles for the app: the named roles of one theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Which theme.
    pub name: ThemeName,
}

// Light theme colours from the 256-colour cube: the 16 named colours vary too much between
// terminal palettes to be sure of contrast on white.
const INK: Color = Color::Indexed(16);
const PAPER: Color = Color::Indexed(231);
const LIGHT_BLUE_INK: Color = Color::Indexed(25);
const LIGHT_GREEN_INK: Color = Color::Indexed(28);
const LIGHT_RED_INK: Color = Color::Indexed(124);
const LIGHT_BROWN_INK: Color = Color::Indexed(130);
const LIGHT_GREY_INK: Color = Color::Indexed(240);
const LIGHT_BAR: Color = Color::Indexed(252);
const LIGHT_HIGHLIGHT: Color = Color::Indexed(229);

impl Theme {
    /// The mark before the selected row of every list (so selection is not colour alone).
    pub const MARK: &'static str = "▶ ";

    /// The theme called `name`.
    #[must_use]
    pub fn new(name: ThemeName) -> Theme {
        Theme { name }
    }

    /// The monochrome theme (for measuring text, where styles do not matter).
    #[must_use]
    pub fn monochrome() -> Theme {
        Theme::new(ThemeName::Monochrome)
    }

    fn pick(self, dark: Style, light: Style, contrast: Style, mono: Style) -> Style {
        match self.name {
            ThemeName::Dark => dark,
            ThemeName::Light => light,
            ThemeName::HighContrast => contrast,
            ThemeName::Monochrome => mono,
        }
    }

    /// Titles and headings.
    #[must_use]
    pub fn title(self) -> Style {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        self.pick(
            bold.fg(Color::Cyan),
            bold.fg(LIGHT_BLUE_INK),
            bold.add_modifier(Modifier::UNDERLINED),
            bold,
        )
    }

    /// Titles and highlights (the same as [`Theme::title`]).
    #[must_use]
    pub fn accent(self) -> Style {
        self.title()
    }

    /// Secondary text. Not dimmed in high contrast: dim text is what low vision loses first.
    #[must_use]
    pub fn muted(self) -> Style {
        self.pick(
            Style::new().fg(Color::DarkGray),
            Style::new().fg(LIGHT_GREY_INK),
            Style::new(),
            Style::new().add_modifier(Modifier::DIM),
        )
    }

    /// Right answers, completion.
    #[must_use]
    pub fn correct(self) -> Style {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        self.pick(bold.fg(Color::Green), bold.fg(LIGHT_GREEN_INK), bold, bold)
    }

    /// Right answers, completion (the same as [`Theme::correct`]).
    #[must_use]
    pub fn good(self) -> Style {
        self.correct()
    }

    /// Wrong answers, errors.
    #[must_use]
    pub fn wrong(self) -> Style {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        self.pick(
            bold.fg(Color::Red),
            bold.fg(LIGHT_RED_INK),
            bold.add_modifier(Modifier::UNDERLINED),
            bold,
        )
    }

    /// Wrong answers, errors (the same as [`Theme::wrong`]).
    #[must_use]
    pub fn bad(self) -> Style {
        self.wrong()
    }

    /// Warnings and notices.
    #[must_use]
    pub fn warn(self) -> Style {
        self.pick(
            Style::new().fg(Color::Yellow),
            Style::new().fg(LIGHT_BROWN_INK),
            Style::new().add_modifier(Modifier::BOLD),
            Style::new(),
        )
    }

    /// The selected row (it also carries [`Theme::MARK`]).
    #[must_use]
    pub fn selection(self) -> Style {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        self.pick(
            bold.bg(Color::Blue).fg(Color::White),
            bold.bg(LIGHT_BLUE_INK).fg(PAPER),
            bold.add_modifier(Modifier::REVERSED),
            Style::new().add_modifier(Modifier::REVERSED),
        )
    }

    /// The selected row (the same as [`Theme::selection`]).
    #[must_use]
    pub fn selected(self) -> Style {
        self.selection()
    }

    /// Progress gauges.
    #[must_use]
    pub fn gauge(self) -> Style {
        self.pick(
            Style::new().fg(Color::Green),
            Style::new().fg(LIGHT_GREEN_INK),
            Style::new().add_modifier(Modifier::BOLD),
            Style::new(),
        )
    }

    /// A search match or other text picked out within a line.
    #[must_use]
    pub fn highlight(self) -> Style {
        let marked = Style::new().add_modifier(Modifier::UNDERLINED);
        self.pick(
            Style::new().bg(Color::Yellow).fg(Color::Black),
            Style::new().bg(LIGHT_HIGHLIGHT).fg(INK),
            marked.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            marked.add_modifier(Modifier::REVERSED),
        )
    }

    /// Header and footer bars.
    #[must_use]
    pub fn bar(self) -> Style {
        self.pick(
            Style::new().bg(Color::Indexed(236)).fg(Color::White),
            Style::new().bg(LIGHT_BAR).fg(INK),
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            Style::new().add_modifier(Modifier::REVERSED),
        )
    }

    /// Puts the drawn frame in the theme: the light theme's paper and ink, and its darker
    /// versions of the colours Markdown text uses; high contrast's white on black; no colour
    /// at all in monochrome. Modifiers (bold, underline, reverse) always stay.
    pub fn finish(self, buf: &mut Buffer, area: Rect) {
        if self.name == ThemeName::Dark {
            return;
        }
        let area = area.intersection(buf.area);
        for y in area.top()..area.bottom() {
            for x in area.left()..area.right() {
                let Some(cell) = buf.cell_mut((x, y)) else {
                    continue;
                };
                match self.name {
                    ThemeName::Dark => {}
                    ThemeName::Light => {
                        cell.fg = light_ink(cell.fg);
                        if cell.bg == Color::Reset {
                            cell.bg = PAPER;
                        }
                    }
                    ThemeName::HighContrast => {
                        cell.fg = Color::White;
                        cell.bg = Color::Black;
                        cell.modifier.remove(Modifier::DIM);
                    }
                    ThemeName::Monochrome => {
                        cell.fg = Color::Reset;
                        cell.bg = Color::Reset;
                    }
                }
            }
        }
    }
}

/// A colour chosen for a dark background, made readable on white.
fn light_ink(c: Color) -> Color {
    match c {
        Color::Reset | Color::White | Color::Gray => INK,
        Color::Cyan | Color::LightCyan | Color::Blue | Color::LightBlue => LIGHT_BLUE_INK,
        Color::Yellow | Color::LightYellow => LIGHT_BROWN_INK,
        Color::Green | Color::LightGreen => LIGHT_GREEN_INK,
        Color::Red | Color::LightRed => LIGHT_RED_INK,
        Color::DarkGray => LIGHT_GREY_INK,
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_step_wraps() {
        for t in ThemeName::ALL {
            assert_eq!(ThemeName::parse(t.as_str()), Some(t));
            assert_eq!(t.step(false).step(true), t);
        }
        assert_eq!(ThemeName::Monochrome.step(false), ThemeName::Dark);
        assert_eq!(ThemeName::parse("Dark"), None);
        assert_eq!(ThemeName::default_for(true), ThemeName::Monochrome);
        assert_eq!(ThemeName::default_for(false), ThemeName::Dark);
    }

    #[test]
    fn monochrome_and_high_contrast_use_no_colour_but_keep_emphasis() {
        for name in [ThemeName::Monochrome, ThemeName::HighContrast] {
            let t = Theme::new(name);
            for role in [
                t.title(),
                t.muted(),
                t.correct(),
                t.wrong(),
                t.warn(),
                t.selection(),
                t.gauge(),
                t.highlight(),
                t.bar(),
            ] {
                assert_eq!((role.fg, role.bg), (None, None), "{name}: {role:?}");
            }
            assert!(t.selection().add_modifier.contains(Modifier::REVERSED));
        }
        let hc = Theme::new(ThemeName::HighContrast);
        assert!(hc.wrong().add_modifier.contains(Modifier::UNDERLINED));
        assert!(!hc.muted().add_modifier.contains(Modifier::DIM));
    }

    #[test]
    fn finish_maps_every_cell_into_the_theme() {
        let area = Rect::new(0, 0, 3, 1);
        let mut buf = Buffer::empty(area);
        buf.set_string(
            0,
            0,
            "abc",
            Style::new()
                .fg(Color::Cyan)
                .add_modifier(Modifier::BOLD | Modifier::DIM),
        );
        let mut light = buf.clone();
        Theme::new(ThemeName::Light).finish(&mut light, area);
        assert_eq!(light[(0, 0)].fg, LIGHT_BLUE_INK);
        assert_eq!(light[(0, 0)].bg, PAPER);
        let mut hc = buf.clone();
        Theme::new(ThemeName::HighContrast).finish(&mut hc, area);
        assert_eq!((hc[(1, 0)].fg, hc[(1, 0)].bg), (Color::White, Color::Black));
        assert!(hc[(1, 0)].modifier.contains(Modifier::BOLD));
        assert!(!hc[(1, 0)].modifier.contains(Modifier::DIM));
        let mut mono = buf.clone();
        Theme::new(ThemeName::Monochrome).finish(&mut mono, area);
        assert_eq!(
            (mono[(2, 0)].fg, mono[(2, 0)].bg),
            (Color::Reset, Color::Reset)
        );
        let mut dark = buf.clone();
        Theme::new(ThemeName::Dark).finish(&mut dark, area);
        assert_eq!(dark, buf);
    }
}
