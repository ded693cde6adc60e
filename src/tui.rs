//! The terminal edge: set up and restore the terminal, and run the event loop.

use std::sync::mpsc;

use anyhow::Context;
use ratatui::crossterm::event::{self, Event};

use crate::app::{App, Msg};
use crate::keymap;
use crate::runtime::{Runtime, drive};
use crate::ui;

/// What wakes the loop: a terminal event or a message from another thread.
enum Input {
    Term(Event),
    Msg(Msg),
}

/// Runs the app in the terminal until it quits. The terminal is restored on every path
/// (`ratatui::init` also installs a panic hook that restores it).
///
/// # Errors
/// When the terminal cannot be set up or drawn to.
pub fn run(mut app: App, mut runtime: Runtime) -> anyhow::Result<()> {
    let (tx, rx) = mpsc::channel::<Input>();
    spawn_input_thread(tx.clone());
    spawn_signal_thread(tx.clone());
    if app.watch {
        runtime.watch_fn = Some(watch_starter(tx.clone()));
    }
    // Saves go to their own thread, so a key's frame never waits for the disk.
    let save_tx = tx.clone();
    runtime.saver = Some(
        crate::runtime::saver::Saver::start(move |done| {
            let _ = save_tx.send(Input::Msg(Msg::Saved {
                seq: done.seq,
                result: done.result,
            }));
        })
        .context("cannot start the save thread")?,
    );
    // Background work (the search index) reports through the loop like any other input.
    let post_tx = tx.clone();
    runtime.post = Some(std::sync::Arc::new(move |msg| {
        let _ = post_tx.send(Input::Msg(msg));
    }));
    // Only the threads hold senders: if they all stop, `recv` fails and the loop ends.
    drop(tx);
    let mut terminal = ratatui::try_init()
        .inspect_err(|_| ratatui::restore())
        .context("cannot set up the terminal")?;
    let result = (|| -> anyhow::Result<()> {
        let size = terminal.size()?;
        drive(&mut app, &mut runtime, Msg::Resize(size.width, size.height));
        loop {
            terminal.draw(|f| ui::view(&app, f))?;
            // Block until something happens: no tick, so an idle reader costs no CPU.
            let Ok(input) = rx.recv() else { break };
            match input {
                // A key the learner pressed (mapped or not) ends a gap of active time.
                Input::Term(ev @ Event::Key(k)) if k.kind != event::KeyEventKind::Release => {
                    let msg = keymap::event_to_msg(&app, &ev);
                    crate::runtime::input(&mut app, &mut runtime, msg);
                }
                Input::Term(ev) => {
                    if let Some(msg) = keymap::event_to_msg(&app, &ev) {
                        drive(&mut app, &mut runtime, msg);
                    }
                }
                Input::Msg(m) => drive(&mut app, &mut runtime, m),
            }
            if app.quitting {
                // Show 'saving…' while waiting for saves under way (the terminal may be gone).
                if app.save_pending() {
                    let _ = terminal.draw(|f| ui::view(&app, f));
                }
                finish_saves(&mut app, &mut runtime, &rx);
                // A save that failed for want of space un-quits the app to ask first.
                if app.quitting {
                    break;
                }
            }
        }
        Ok(())
    })();
    ratatui::restore();
    result?;
    // The last save at quit failed: say so where it stays visible.
    if let crate::app::SaveState::Failed(why) = &app.save {
        anyhow::bail!("progress not saved: {why}");
    }
    Ok(())
}

/// Waits for every save under way and lets the app see how each ended.
fn finish_saves(app: &mut App, runtime: &mut Runtime, rx: &mpsc::Receiver<Input>) {
    runtime.flush();
    // The worker reported before `flush` returned: its messages are already queued.
    while let Ok(input) = rx.try_recv() {
        if let Input::Msg(msg @ Msg::Saved { .. }) = input {
            drive(app, runtime, msg);
        }
    }
}

fn spawn_input_thread(tx: mpsc::Sender<Input>) {
    std::thread::spawn(move || {
        loop {
            let input = match event::read() {
                Ok(ev) => Input::Term(ev),
                // The terminal is gone: leave (saving) rather than wait forever.
                Err(_) => Input::Msg(Msg::Terminate),
            };
            let stop = matches!(input, Input::Msg(_));
            if tx.send(input).is_err() || stop {
                break;
            }
        }
    });
}

#[cfg(unix)]
fn spawn_signal_thread(tx: mpsc::Sender<Input>) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    if let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])
    {
        std::thread::spawn(move || {
            if signals.forever().next().is_some() {
                let _ = tx.send(Input::Msg(Msg::Terminate));
            }
        });
    }
}

#[cfg(not(unix))]
fn spawn_signal_thread(_tx: mpsc::Sender<Input>) {}

fn watch_starter(tx: mpsc::Sender<Input>) -> crate::runtime::WatchFn {
    Box::new(move |path| {
        let tx = tx.clone();
        crate::watch::watch_file(path, move || {
            let _ = tx.send(Input::Msg(Msg::FileChanged));
        })
        .ok()
        .map(|w| Box::new(w) as Box<dyn crate::runtime::Watcher>)
    })
}

/// Opens the library for the learner named on the command line: the app and its runtime,
/// as both front ends start them.
///
/// # Errors
/// When the courses or the data folder cannot be set up.
pub fn prepare(cli: &crate::cli::Cli) -> anyhow::Result<(App, Runtime)> {
    use crate::progress::store::Store;
    // Flags over environment over the settings file over defaults, resolved once.
    let mut config = crate::config::Config::load(cli)?;
    // A folder from the settings file that cannot be used falls back, with a warning, so the
    // app starts and it can be fixed on the Settings screen.
    config.set_aside_unusable_folders(crate::config::readable_folder);
    let courses = crate::locate::Courses::find(config.courses.as_deref())
        .context("no courses folder found and the built-in courses cannot be unpacked")?;
    let library = courses.load().map_err(|d| anyhow::anyhow!("{d}"))?;
    let builtin = courses.builtin;
    let data_dir = config.data_dir;
    let store = Store::new(&data_dir, &config.learner)?;
    let (progress, problem) = match store.load() {
        Ok(p) => (p, None),
        Err(e) => (
            crate::progress::Progress::new(store.learner()),
            Some(e.to_string()),
        ),
    };
    // `jdoe` opens `JDoe.toml`: the learner is shown as their record spells them.
    let learner = crate::progress::store::display_learner(store.learner(), &progress.learner);
    let learner = learner.to_string();
    let duties = crate::compliance::Duties::load(&courses.root, &data_dir, &library);
    let mut app = App::new(library, &learner, progress);
    app.duties = duties;
    app.builtin = builtin;
    app.watch = cli.watch;
    let max_gap = std::time::Duration::from_secs(u64::from(config.settings.max_gap_minutes) * 60);
    // Whether the settings file is there yet: the Settings screen says "Saved in" or
    // "Will be saved in" (read here, at the edge).
    app.settings_file_exists = config.settings.path.as_ref().is_some_and(|p| p.is_file());
    app.settings = config.settings;
    if let Some(first) = config.warnings.first() {
        app.status = Some(crate::app::Notice::SettingsProblem {
            first: first.clone(),
            more: config.warnings.len() - 1,
        });
    }
    app.settings_warnings = config.warnings;
    let store = if let Some(why) = problem {
        app.save = crate::app::SaveState::Disabled(why.clone());
        app.overlay = Some(crate::app::Overlay::Notice(
            crate::app::Notice::ProgressUnreadable(why),
        ));
        None
    } else {
        // A record with problems says so, and is not written over (the clock is read here,
        // at the edge).
        app.check_record(crate::progress::Stamp::now());
        Some(store)
    };
    let mut runtime = Runtime::new(data_dir, store);
    runtime.gaps.cap = max_gap;
    Ok((app, runtime))
}

/// Opens the library and runs the chosen front end: the TUI, or the screen-reader mode.
///
/// # Errors
/// When the courses or the terminal cannot be set up.
pub fn start(cli: &crate::cli::Cli) -> anyhow::Result<std::process::ExitCode> {
    let (app, mut runtime) = prepare(cli)?;
    if crate::plain::wanted(cli.screen_reader) {
        let app = crate::plain::run(
            app,
            &mut runtime,
            &mut std::io::stdin().lock(),
            &mut std::io::stdout().lock(),
        )?;
        if let crate::app::SaveState::Failed(why) = &app.save {
            anyhow::bail!("progress not saved: {why}");
        }
        return Ok(std::process::ExitCode::SUCCESS);
    }
    // Checked before the terminal is touched: setting it up and restoring it after a failure
    // writes escape sequences, which would land in a file or a pipe before the error.
    if !terminal_attached() {
        anyhow::bail!(
            "rollcall needs a terminal (standard input and output are not one); for line-by-line \
             use run `rollcall --screen-reader`, to print a lesson run `rollcall preview COURSE`"
        );
    }
    run(app, runtime)?;
    Ok(std::process::ExitCode::SUCCESS)
}

/// Whether both standard input and standard output are a terminal.
fn terminal_attached() -> bool {
    use std::io::IsTerminal as _;
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}
