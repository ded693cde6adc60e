//! `rollcall preview COURSE[/LESSON]`: a lesson's pages (and its scenario, as text) on standard
//! output, rendered by the same code as the player, for authors and for screen reader users.

use std::io::{self, IsTerminal as _, Write};
use std::process::ExitCode;

use anyhow::Context as _;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;

use crate::cli::{Cli, Command};
use crate::cmd::EXIT_FAILED;
use crate::course::{self, Course, Lesson, Library};
use crate::{locate, markdown, quiz, scenario};

/// Narrowest width accepted for `--width`.
const MIN_WIDTH: u16 = 20;

/// Runs the command.
///
/// # Errors
/// When the built-in courses cannot be unpacked or standard output cannot be written.
pub fn run(cli: &Cli) -> anyhow::Result<ExitCode> {
    let Some(Command::Preview(args)) = &cli.command else {
        anyhow::bail!("internal: `preview` called for another command");
    };
    let (course_id, lesson_sel) = match args.target.split_once('/') {
        Some((c, l)) => (c, Some(l).filter(|l| !l.is_empty())),
        None => (args.target.as_str(), None),
    };
    let courses =
        locate::Courses::find(cli.courses.as_deref()).context("unpacking the built-in courses")?;
    let library = match courses.load() {
        Ok(l) => l,
        Err(d) => return Ok(fail(&d.to_string())),
    };
    let course = match find_course(&library, course_id) {
        Ok(c) => c,
        Err(msg) => return Ok(fail(&msg)),
    };
    let lesson = match find_lesson(course, lesson_sel) {
        Ok(l) => l,
        Err(msg) => return Ok(fail(&msg)),
    };
    let source = match lesson.path.as_deref().map(course::read_text_file) {
        None => None,
        Some(Ok(s)) => Some(s),
        Some(Err(d)) => return Ok(fail(&d.to_string())),
    };
    let scenario = match lesson.scenario.as_deref().map(scenario::load_scenario) {
        None => None,
        Some(Ok(s)) => Some(s),
        Some(Err(errors)) => {
            let all: Vec<String> = errors.iter().map(ToString::to_string).collect();
            return Ok(fail(&format!(
                "the scenario does not load:\n{}\n  (run `rollcall check` for every problem)",
                all.join("\n")
            )));
        }
    };
    let mut checks = Vec::new();
    for check in &lesson.checks {
        match quiz::load_quiz(&check.quiz) {
            Ok(q) => checks.push((check.after_page, q)),
            Err(errors) => {
                let all: Vec<String> = errors.iter().map(ToString::to_string).collect();
                return Ok(fail(&format!(
                    "a knowledge check does not load:\n{}\n  (run `rollcall check` for every problem)",
                    all.join("\n")
                )));
            }
        }
    }
    let stdout = io::stdout();
    let tty = stdout.is_terminal();
    let width = match args.width {
        Some(w) if w < MIN_WIDTH => {
            return Ok(fail(&format!("--width must be at least {MIN_WIDTH}")));
        }
        Some(w) => w,
        None if tty => ratatui::crossterm::terminal::size().map_or(80, |(w, _)| w.max(MIN_WIDTH)),
        None => 80,
    };
    let styled = tty && !args.plain;
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let mut out = io::BufWriter::new(stdout.lock());
    let title = lesson
        .title
        .clone()
        .or_else(|| source.as_deref().and_then(course::first_heading))
        .unwrap_or_else(|| lesson.display_title());
    let header = format!("{} › {title}", course.title);
    writeln!(out, "{}", crate::sanitize::line(&header)).context("writing the preview")?;
    if let Some(source) = &source {
        let checks: Vec<(usize, String)> = checks
            .iter()
            .map(|(after, q)| (*after, quiz::to_text(q, width)))
            .collect();
        write_lesson(&mut out, source, &checks, width, styled, no_color)
            .context("writing the preview")?;
    }
    if let Some(scenario) = &scenario {
        if source.is_some() {
            writeln!(out).context("writing the preview")?;
        }
        writeln!(out, "──── scenario ────").context("writing the preview")?;
        out.write_all(scenario::to_text(scenario, width).as_bytes())
            .context("writing the preview")?;
    }
    out.flush().context("writing the preview")?;
    Ok(ExitCode::SUCCESS)
}

fn fail(message: &str) -> ExitCode {
    eprintln!("rollcall: error: {}", crate::sanitize::text(message));
    ExitCode::from(EXIT_FAILED)
}

fn find_course<'a>(library: &'a Library, id: &str) -> Result<&'a Course, String> {
    if let Some(c) = library.course(id) {
        return Ok(c);
    }
    if let Some(b) = library.broken.iter().find(|b| b.id == id) {
        return Err(format!(
            "course `{id}` does not load: {}\n  (run `rollcall check` for every problem)",
            b.error
        ));
    }
    let mut ids: Vec<&str> = library.courses.iter().map(|c| c.id.as_str()).collect();
    ids.sort_unstable();
    Err(if ids.is_empty() {
        format!(
            "no course `{id}`: there are no courses in {}",
            crate::diagnostic::display_path(&library.root)
        )
    } else {
        format!(
            "no course `{id}`{}; the courses are: {}",
            crate::suggest::did_you_mean(id, ids.iter().copied()),
            ids.join(", ")
        )
    })
}

fn find_lesson<'a>(course: &'a Course, sel: Option<&str>) -> Result<&'a Lesson, String> {
    let Some(sel) = sel else {
        return course
            .lessons
            .first()
            .ok_or_else(|| format!("course `{}` has no lessons", course.id));
    };
    let by_number = sel
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_sub(1))
        .and_then(|i| course.lessons.get(i));
    let by_id = || {
        let id = sel
            .strip_suffix(".md")
            .or_else(|| sel.strip_suffix(scenario::SUFFIX))
            .unwrap_or(sel);
        course.lessons.iter().find(|l| l.id() == id)
    };
    by_number.or_else(by_id).ok_or_else(|| {
        let list: Vec<String> = course
            .lessons
            .iter()
            .enumerate()
            .map(|(i, l)| format!("  {}  {}  ({})", i + 1, l.id(), l.display_title()))
            .collect();
        format!(
            "course `{}` has no lesson `{sel}`{}; give a number or a name:\n{}",
            course.id,
            crate::suggest::did_you_mean(sel, course.lessons.iter().map(Lesson::id)),
            list.join("\n")
        )
    })
}

/// Writes every page of a lesson, each after a `──── page N/M ────` rule, and each knowledge
/// check (page, text) after its page.
///
/// # Errors
/// When `out` cannot be written.
pub fn write_lesson(
    out: &mut impl Write,
    source: &str,
    checks: &[(usize, String)],
    width: u16,
    styled: bool,
    no_color: bool,
) -> io::Result<()> {
    let pages = markdown::split_pages(source);
    let count = pages.len();
    for (i, page) in pages.into_iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(out, "──── page {}/{count} ────", i + 1)?;
        let mut lines = markdown::render(&source[page], width);
        if styled {
            if no_color {
                markdown::strip_colors(&mut lines);
            }
            write_styled(out, &lines)?;
        } else {
            out.write_all(markdown::to_plain(&lines).as_bytes())?;
        }
        for (_, text) in checks.iter().filter(|(after, _)| *after == i + 1) {
            writeln!(out)?;
            writeln!(out, "──── knowledge check after page {} ────", i + 1)?;
            out.write_all(text.as_bytes())?;
        }
    }
    Ok(())
}

/// Writes lines with their styles as ANSI SGR sequences, resetting at the end of each line.
///
/// # Errors
/// When `out` cannot be written.
pub fn write_styled(out: &mut impl Write, lines: &[Line<'_>]) -> io::Result<()> {
    for line in lines {
        let mut text = String::new();
        for span in &line.spans {
            let style = line.style.patch(span.style);
            let sgr = sgr(style);
            if sgr.is_empty() {
                text.push_str(&span.content);
            } else {
                text.push_str(&format!("\x1b[{sgr}m{}\x1b[0m", span.content));
            }
        }
        writeln!(out, "{}", trim_end_plain(&text))?;
    }
    Ok(())
}

/// Drops trailing spaces that carry no style (padding), keeping styled ones (e.g. a code
/// block's background).
fn trim_end_plain(s: &str) -> &str {
    if s.ends_with("\x1b[0m") {
        s
    } else {
        s.trim_end()
    }
}

/// The SGR parameters for a style (empty for the default style).
fn sgr(style: Style) -> String {
    let mut codes: Vec<String> = Vec::new();
    let m = style.add_modifier - style.sub_modifier;
    for (flag, code) in [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::SLOW_BLINK, "5"),
        (Modifier::RAPID_BLINK, "6"),
        (Modifier::REVERSED, "7"),
        (Modifier::HIDDEN, "8"),
        (Modifier::CROSSED_OUT, "9"),
    ] {
        if m.contains(flag) {
            codes.push(code.into());
        }
    }
    if let Some(c) = style.fg.and_then(|c| color(c, false)) {
        codes.push(c);
    }
    if let Some(c) = style.bg.and_then(|c| color(c, true)) {
        codes.push(c);
    }
    codes.join(";")
}

fn color(c: Color, background: bool) -> Option<String> {
    let base = |n: u8| Some((if background { n + 10 } else { n }).to_string());
    match c {
        Color::Reset => None,
        Color::Black => base(30),
        Color::Red => base(31),
        Color::Green => base(32),
        Color::Yellow => base(33),
        Color::Blue => base(34),
        Color::Magenta => base(35),
        Color::Cyan => base(36),
        Color::Gray => base(37),
        Color::DarkGray => base(90),
        Color::LightRed => base(91),
        Color::LightGreen => base(92),
        Color::LightYellow => base(93),
        Color::LightBlue => base(94),
        Color::LightMagenta => base(95),
        Color::LightCyan => base(96),
        Color::White => base(97),
        Color::Indexed(i) => Some(format!("{};5;{i}", if background { 48 } else { 38 })),
        Color::Rgb(r, g, b) => Some(format!(
            "{};2;{r};{g};{b}",
            if background { 48 } else { 38 }
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Stylize as _;
    use ratatui::text::Span;

    fn styled(lines: &[Line<'_>]) -> String {
        let mut out = Vec::new();
        write_styled(&mut out, lines).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn styles_become_sgr() {
        let lines = [
            Line::from(vec![
                Span::raw("plain "),
                Span::raw("bold").bold(),
                Span::raw(" "),
                Span::raw("it").italic().underlined(),
                Span::raw(" "),
                Span::raw("gone").crossed_out(),
            ]),
            Line::from(vec![
                Span::raw("red").red(),
                Span::raw("idx").fg(Color::Indexed(208)).on_blue(),
                Span::raw("rgb").fg(Color::Rgb(1, 2, 3)),
            ]),
            Line::from("whole line")
                .style(Style::new().bold())
                .patch_style(Style::new().cyan()),
        ];
        assert_eq!(
            styled(&lines),
            "plain \x1b[1mbold\x1b[0m \x1b[3;4mit\x1b[0m \x1b[9mgone\x1b[0m\n\
             \x1b[31mred\x1b[0m\x1b[38;5;208;44midx\x1b[0m\x1b[38;2;1;2;3mrgb\x1b[0m\n\
             \x1b[1;36mwhole line\x1b[0m\n"
        );
    }

    #[test]
    fn no_color_keeps_modifiers_only() {
        let mut lines = vec![Line::from(vec![Span::raw("x").red().bold().on_white()])];
        markdown::strip_colors(&mut lines);
        assert_eq!(styled(&lines), "\x1b[1mx\x1b[0m\n");
    }

    #[test]
    fn pages_get_numbered_rules() {
        let mut out = Vec::new();
        write_lesson(&mut out, "# Title\n\nText.\n", &[], 80, false, false).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("──── page 1/1 ────\n"), "{text}");
        assert!(text.contains("Text."), "{text}");
        assert!(!text.contains('\x1b'));
    }
}
