//! The screen-reader front end (`rollcall --screen-reader`, `TERM=dumb`,
//! `ROLLCALL_SCREEN_READER=1`): the same `App` and `update` as the terminal UI, driven by one
//! line per command and answered with plain lines of text.
//!
//! Nothing here decides anything: a line becomes the [`Msg`]s a key press would send, and each
//! screen is printed once, in reading order, when it changes. Output holds no escape bytes, no
//! control characters but newline, and nothing from U+2500 to U+259F (box drawing, blocks).

pub mod find;
mod quiz;
pub mod render;

use std::io::{BufRead, Write};

use crate::app::{App, Hint, Msg, Notice, Overlay, QuizPhase, Screen};
use crate::quiz::QuestionKind;
use crate::runtime::{Runtime, drive};

/// What a line asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Send these messages, in order.
    Send(Vec<Msg>),
    /// Print the commands.
    Help,
    /// The line means nothing here.
    Unknown,
}

/// The commands, as `h` lists them.
pub const HELP: &[&str] = &[
    "Commands, one per line:",
    "a number: choose the numbered item.",
    "empty line or n: go on (next page, continue, start).",
    "p: previous page. b: back. q: quit.",
    "r: my record. l: switch learner. s: settings. h or ?: this list.",
    "In the settings: a number and a value (1 light, 2 80).",
    "/ and words: search every course (/calm voice). ] and [: next and previous match.",
    "o: the outline of the lesson being read.",
    "In a quiz: a number for one answer; numbers separated by spaces for select all (1 3)",
    "and for order questions (2 1 4 3); t or f for true or false;",
    "for a typed answer, the whole line is the answer.",
    "On a quiz's first screen, d discards an attempt in progress (y confirms).",
    "In a scenario: a number to choose; b steps back one decision; x leaves;",
    "d discards a run in progress (y confirms);",
    "at the debrief, r runs it again and an empty line goes on.",
];

/// Turns one input line into messages for the app's current screen.
#[must_use]
pub fn command(app: &App, line: &str) -> Command {
    let raw = line.trim_end_matches(['\r', '\n']);
    let word = raw.trim().to_lowercase();
    let number = word.parse::<usize>().ok();
    // Overlays first: they take every line.
    match &app.overlay {
        // After d, only y discards; n goes back to the three ways out.
        Some(Overlay::ConfirmLeave {
            discarding: true, ..
        }) => {
            return match word.as_str() {
                "y" | "yes" | "discard" => Command::Send(vec![Msg::Confirm(true)]),
                "n" | "no" | "b" => Command::Send(vec![Msg::Confirm(false)]),
                _ => Command::Unknown,
            };
        }
        // The TUI's keys: y keeps it for later, d asks to discard, n stays; anything else
        // (an empty line too) leaves the question asked.
        Some(Overlay::ConfirmLeave { .. }) => {
            return match word.as_str() {
                "y" | "yes" | "keep" => Command::Send(vec![Msg::Confirm(true)]),
                "d" | "discard" => Command::Send(vec![Msg::Discard]),
                "n" | "no" | "stay" | "b" => Command::Send(vec![Msg::Confirm(false)]),
                _ => Command::Unknown,
            };
        }
        // Only a yes loses what a full disk kept from being saved.
        Some(Overlay::DiskFull { .. }) => {
            return Command::Send(vec![Msg::Confirm(matches!(word.as_str(), "y" | "yes"))]);
        }
        Some(Overlay::Help { .. } | Overlay::Notice(_)) => return Command::Send(vec![Msg::Back]),
        Some(Overlay::Learner(p)) if p.similar.is_some() => {
            return Command::Send(vec![Msg::Confirm(matches!(word.as_str(), "y" | "yes"))]);
        }
        Some(Overlay::Search) => return find::in_results(app, raw, &word),
        Some(Overlay::Outline(_)) => return find::in_outline(&word),
        Some(Overlay::Learner(p)) => {
            return match number {
                Some(n) if (1..=p.names.len()).contains(&n) => {
                    let mut msgs = vec![Msg::Up; p.names.len()];
                    msgs.extend(vec![Msg::Down; n - 1]);
                    msgs.push(Msg::Enter);
                    Command::Send(msgs)
                }
                _ if word.is_empty() || word == "b" => Command::Send(vec![Msg::Back]),
                _ => {
                    // The 'new learner' field, emptied, then the name.
                    let mut msgs = vec![Msg::Down; p.names.len() + 1];
                    msgs.extend(vec![Msg::Backspace; p.input.chars().count()]);
                    msgs.extend(raw.trim().chars().map(Msg::Input));
                    msgs.push(Msg::Enter);
                    Command::Send(msgs)
                }
            };
        }
        None => {}
    }
    // A typed answer: the whole line is the answer.
    if let Screen::Quiz(q) = &app.screen
        && q.phase == QuizPhase::Asking
        && let Some(QuestionKind::Typed(_)) = q.question().map(|q| &q.kind)
    {
        let mut msgs = vec![Msg::LastPage];
        msgs.extend(vec![Msg::Backspace; q.input.text.chars().count()]);
        msgs.extend(
            raw.trim()
                .chars()
                .filter(|c| !c.is_control())
                .map(Msg::Input),
        );
        msgs.push(Msg::Enter);
        return Command::Send(msgs);
    }
    // The quiz start screen: d asks to discard the attempt under way; only a yes discards.
    if let Screen::Quiz(q) = &app.screen
        && q.phase == QuizPhase::Start
    {
        match (q.confirm_discard, word.as_str()) {
            (true, "y" | "yes") => return Command::Send(vec![Msg::Confirm(true)]),
            (true, "n" | "no" | "b" | "keep") => return Command::Send(vec![Msg::Confirm(false)]),
            (true, "q") => {}
            (true, _) => return Command::Unknown,
            (false, "d" | "discard") if q.resume.is_some() => {
                return Command::Send(vec![Msg::Discard]);
            }
            _ => {}
        }
    }
    // In a scenario, b steps back one decision and r runs it again: the TUI's keys there.
    if let Screen::Scenario(sc) = &app.screen
        && let Some(command) = scenario_word(sc, &word)
    {
        return command;
    }
    if let Some(query) = raw.trim().strip_prefix('/') {
        return find::search(app, query);
    }
    match word.as_str() {
        "]" => return Command::Send(vec![Msg::NextMatch]),
        "[" => return Command::Send(vec![Msg::PrevMatch]),
        "o" if matches!(app.screen, Screen::Lesson(_)) => {
            return Command::Send(vec![Msg::Outline]);
        }
        "h" | "?" | "help" => return Command::Help,
        "q" => return Command::Send(vec![Msg::Quit]),
        "b" => return Command::Send(vec![Msg::Back]),
        "r" => return Command::Send(vec![Msg::Record]),
        "l" => return Command::Send(vec![Msg::SwitchLearner]),
        "s" | "settings" => return Command::Send(vec![Msg::Settings]),
        _ => {}
    }
    match &app.screen {
        Screen::Library(_) | Screen::Course(_) => match (word.as_str(), number) {
            ("" | "n", _) => Command::Send(vec![Msg::Enter]),
            (_, Some(n)) if n >= 1 => {
                let mut msgs = vec![Msg::FirstPage];
                msgs.extend(vec![Msg::Down; n - 1]);
                msgs.push(Msg::Enter);
                Command::Send(msgs)
            }
            _ => Command::Unknown,
        },
        Screen::Lesson(_) => match word.as_str() {
            "" | "n" => Command::Send(vec![Msg::NextPage]),
            "p" => Command::Send(vec![Msg::PrevPage]),
            _ => Command::Unknown,
        },
        // "N value" sets setting N; an empty line goes back.
        Screen::Settings(_) => {
            let (n, value) = raw
                .trim()
                .split_once(char::is_whitespace)
                .unwrap_or((raw.trim(), ""));
            match (word.as_str(), n.parse::<usize>().ok()) {
                ("" | "n", _) => Command::Send(vec![Msg::Back]),
                (_, Some(n)) if (1..=crate::config::Key::ALL.len()).contains(&n) => {
                    Command::Send(vec![
                        Msg::Pick(n),
                        Msg::SetSetting {
                            key: crate::config::Key::ALL[n - 1],
                            text: value.trim().to_string(),
                        },
                    ])
                }
                _ => Command::Unknown,
            }
        }
        Screen::Record(_) => match word.as_str() {
            "" | "n" => Command::Send(vec![Msg::Back]),
            _ => Command::Unknown,
        },
        // Numbered choices as on screen; Enter goes on.
        Screen::Scenario(_) => match (word.as_str(), number) {
            ("" | "n", _) => Command::Send(vec![Msg::Enter]),
            (_, Some(n)) if n >= 1 => Command::Send(vec![Msg::Pick(n)]),
            _ => Command::Unknown,
        },
        Screen::Quiz(q) => match (&q.phase, word.as_str()) {
            (QuizPhase::Asking, _) => answer(q, &word),
            (QuizPhase::Results(_), "1") => Command::Send(vec![Msg::Retake]),
            (QuizPhase::Start | QuizPhase::Checked { .. } | QuizPhase::Results(_), "" | "n") => {
                Command::Send(vec![Msg::Enter])
            }
            (QuizPhase::Start, "p") => Command::Send(vec![Msg::PrevPage]),
            _ => Command::Unknown,
        },
    }
}

/// The scenario's own words: `b` steps back one decision (back to the course when there is
/// none to take back), `x` leaves (asking first mid-run), `r` at the debrief runs it again.
fn scenario_word(sc: &crate::app::ScenarioState, word: &str) -> Option<Command> {
    use crate::app::ScenarioPhase;
    let decided = sc.run.as_ref().is_some_and(|r| !r.decisions().is_empty());
    let msg = match (&sc.phase, word) {
        // Discarding a run under way: only a yes discards; anything else keeps it.
        (
            ScenarioPhase::Resume {
                confirm_discard: true,
            },
            _,
        ) => Msg::Confirm(matches!(word, "y" | "yes")),
        (
            ScenarioPhase::Resume {
                confirm_discard: false,
            },
            "d" | "discard",
        ) => Msg::Discard,
        (_, "x" | "leave") => Msg::Back,
        (ScenarioPhase::Situation | ScenarioPhase::Consequence { .. }, "b") if decided => {
            Msg::StepBack
        }
        (ScenarioPhase::Debrief, "r") => Msg::Retake,
        _ => return None,
    };
    Some(Command::Send(vec![msg]))
}

/// An answer line for the current (not typed) question.
fn answer(q: &crate::app::QuizState, word: &str) -> Command {
    let Some(question) = q.question() else {
        return Command::Unknown;
    };
    let numbers: Option<Vec<usize>> = word.split_whitespace().map(|w| w.parse().ok()).collect();
    let numbers = numbers.unwrap_or_default();
    let mut msgs = Vec::new();
    match (&question.kind, word) {
        (QuestionKind::TrueFalse(_), "t" | "true") => msgs.push(Msg::TrueFalse(true)),
        (QuestionKind::TrueFalse(_), "f" | "false") => msgs.push(Msg::TrueFalse(false)),
        (QuestionKind::Order(_), _) if !numbers.is_empty() => {
            // Start the order afresh, then pick in the order given.
            msgs.extend(vec![Msg::Backspace; q.input.picked.len()]);
            msgs.extend(numbers.iter().map(|&n| Msg::Pick(n)));
        }
        (QuestionKind::Choice(_), _) if question.kind.is_multi() && !numbers.is_empty() => {
            // Clear what is toggled, then toggle the numbers given.
            for (row, on) in q.input.toggled.iter().enumerate() {
                if *on {
                    msgs.push(Msg::Pick(row + 1));
                }
            }
            msgs.extend(numbers.iter().map(|&n| Msg::Pick(n)));
        }
        (QuestionKind::Choice(_) | QuestionKind::TrueFalse(_), _) if numbers.len() == 1 => {
            msgs.push(Msg::Pick(numbers[0]));
        }
        (_, "") => {}
        _ => return Command::Unknown,
    }
    msgs.push(Msg::Enter);
    Command::Send(msgs)
}

/// The words for a notice, as the screen-reader front end says them.
#[must_use]
pub fn say(n: &Notice) -> String {
    match n {
        Notice::FinishQuizFirst => "Finish or leave the quiz first (b leaves).".into(),
        other => crate::text::notice(other),
    }
}

/// The words for a quiz hint, as the screen-reader front end says them.
#[must_use]
pub fn say_hint(h: Hint) -> &'static str {
    match h {
        Hint::ChooseFirst => "Choose an answer first: type its number.",
        Hint::TypeAnswer => "Type an answer.",
        Hint::PickEveryItem => "Type every item's number, first to last, separated by spaces.",
        Hint::SelectAtLeastOne => "Type the number of at least one choice.",
    }
}

/// Text made safe for a braille display or a speech synthesizer: no escape or control bytes
/// (but newline), no box-drawing or block characters.
#[must_use]
pub fn clean(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() => None,
            '\u{2500}'..='\u{259F}' => Some('-'),
            c => Some(c),
        })
        .collect()
}

/// What was last printed, so each change is said once.
#[derive(Debug, Default)]
struct Said {
    screen: Vec<String>,
    status: Option<Notice>,
    hint: Option<Hint>,
    save: Option<crate::app::SaveState>,
}

fn say_changes(app: &App, said: &mut Said, out: &mut dyn Write) -> std::io::Result<()> {
    let mut text = String::new();
    if app.status != said.status {
        if let Some(n) = &app.status {
            text.push_str(&say(n));
            text.push('\n');
        }
        said.status.clone_from(&app.status);
    }
    if app.save != crate::app::SaveState::Saved && said.save.as_ref() != Some(&app.save) {
        match &app.save {
            crate::app::SaveState::Failed(why) => text.push_str(&format!("Not saved: {why}\n")),
            crate::app::SaveState::Disabled(why) => {
                text.push_str(&format!("Progress is not saved: {why}\n"));
            }
            crate::app::SaveState::Saved => {}
        }
    }
    said.save = Some(app.save.clone());
    let hint = match &app.screen {
        Screen::Quiz(q) if app.overlay.is_none() => q.input.hint,
        _ => None,
    };
    if hint != said.hint {
        if let Some(h) = hint {
            text.push_str(say_hint(h));
            text.push('\n');
        }
        said.hint = hint;
    }
    let screen = render::screen(app);
    if screen != said.screen {
        text.push('\n');
        for line in &screen {
            text.push_str(line);
            text.push('\n');
        }
        said.screen = screen;
    }
    out.write_all(clean(&text).as_bytes())?;
    out.flush()
}

/// Runs the app on `input` lines until `q`, the end of input or a signal; returns the app as
/// it ended (for tests).
///
/// # Errors
/// When the output cannot be written.
pub fn run(
    mut app: App,
    runtime: &mut Runtime,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> std::io::Result<App> {
    // A tall, text-wide 'terminal': pages print whole, wrapped for reading.
    drive(&mut app, runtime, Msg::Resize(render::WIDTH + 4, u16::MAX));
    let mut said = Said::default();
    say_changes(&app, &mut said, out)?;
    let mut line = String::new();
    while !app.quitting {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            break;
        }
        // A line typed ends a gap of active time, whatever it says.
        crate::runtime::input(&mut app, runtime, None);
        match command(&app, &line) {
            Command::Help => {
                let mut text = HELP.join("\n");
                text.push('\n');
                out.write_all(clean(&text).as_bytes())?;
            }
            Command::Unknown => {
                let text = format!(
                    "Not a command here: {}. Type h for the commands.\n",
                    line.trim()
                );
                out.write_all(clean(&text).as_bytes())?;
            }
            Command::Send(msgs) => {
                for msg in msgs {
                    drive(&mut app, runtime, msg);
                    if app.quitting {
                        break;
                    }
                }
            }
        }
        say_changes(&app, &mut said, out)?;
    }
    if !app.quitting {
        // End of input: leave as on a signal (saving what is in memory).
        drive(&mut app, runtime, Msg::Terminate);
    }
    runtime.flush();
    out.write_all(b"Goodbye.\n")?;
    out.flush()?;
    Ok(app)
}

/// Whether the screen-reader front end is asked for: the flag, `ROLLCALL_SCREEN_READER=1`,
/// or `TERM=dumb`.
#[must_use]
pub fn wanted(flag: bool) -> bool {
    flag || std::env::var("ROLLCALL_SCREEN_READER").is_ok_and(|v| v == "1")
        || std::env::var("TERM").is_ok_and(|t| t == "dumb")
}
