//! From outside, in a pseudo-terminal, with the release binary: key-to-frame for a page turn
//! on a 100 KiB lesson at 200 columns (normal disk, then every fsync slowed to 100 ms by an
//! `LD_PRELOAD` shim built from `benches/slow_fsync.c`), and start-to-first-frame with 100,
//! 1,000 and 10,000 generated courses with peak RSS.
//!
//! Run: `cargo bench --bench frames` (Linux; needs `cc` for the shim).
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)] // A measuring tool.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const TIMEOUT: Duration = Duration::from_secs(30);

/// Text awaited on screen, and where to send the instant it appeared.
type Want = Arc<Mutex<Option<(String, Sender<Instant>)>>>;

struct Term {
    _master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    want: Want,
}

impl Term {
    fn start(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> (Self, Instant) {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_rollcall"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        for var in [
            "ROLLCALL_COURSES",
            "ROLLCALL_DATA_DIR",
            "ROLLCALL_LEARNER",
            "NO_COLOR",
        ] {
            cmd.env_remove(var);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let want: Want = Arc::new(Mutex::new(None));
        let w = want.clone();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(rows).unwrap(),
            NonZeroU16::new(cols).unwrap(),
            0,
        )));
        std::thread::spawn(move || {
            let mut buf = vec![0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut p = parser.lock().unwrap();
                p.process(&buf[..n]);
                let mut w = w.lock().unwrap();
                if let Some((text, tx)) = w.as_ref()
                    && p.screen().contents().contains(text.as_str())
                {
                    let _ = tx.send(Instant::now());
                    *w = None;
                }
            }
        });
        let t0 = Instant::now();
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        (
            Self {
                _master: pair.master,
                writer,
                child,
                want,
            },
            t0,
        )
    }

    /// Arms a wait for `text` on screen; the receiver gets the instant it appeared.
    fn expect(&self, text: &str) -> Receiver<Instant> {
        let (tx, rx) = channel();
        *self.want.lock().unwrap() = Some((text.to_string(), tx));
        rx
    }

    fn press(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn quit(&mut self) -> Duration {
        let t0 = Instant::now();
        self.press("q");
        while t0.elapsed() < TIMEOUT {
            if self.child.try_wait().unwrap().is_some() {
                return t0.elapsed();
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        self.child.kill().ok();
        panic!("did not quit");
    }

    fn peak_rss_kib(&self) -> u64 {
        let pid = self.child.process_id().unwrap();
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// A course with one lesson of about 100 KiB in 25 pages (paragraphs, a list, a table).
fn big_lesson_course(root: &Path) {
    let dir = root.join("big");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("course.toml"),
        "title = \"Big Course\"\nsummary = \"One long lesson.\"\nversion = \"1\"\nhours = 1.0\n\n\
         [[lessons]]\nfile = \"01-long.md\"\ntitle = \"Long lesson\"\n",
    )
    .unwrap();
    let mut text = String::new();
    let mut page = 0;
    while text.len() < 100 * 1024 {
        page += 1;
        if page > 1 {
            text.push_str("\n---\n\n");
        }
        text.push_str(&format!("## Section {page}\n\n"));
        for p in 0..6 {
            text.push_str(&format!(
                "Paragraph {p} of section {page}: officers who slow an encounter down, explain \
                 what they are doing and why, and listen before they decide, see fewer \
                 complaints and fewer injuries. *Time*, **distance** and cover buy options.\n\n"
            ));
        }
        text.push_str("- Scan the scene\n- Name the feeling\n- Offer a choice\n\n");
        text.push_str("| Step | What you do | Why |\n|---|---|---|\n");
        for r in 0..6 {
            text.push_str(&format!(
                "| {r} | Explain the process | Fair process builds trust |\n"
            ));
        }
        text.push('\n');
    }
    std::fs::write(dir.join("01-long.md"), text).unwrap();
}

fn key_to_frame(courses: &Path, env: &[(&str, &str)], label: &str) {
    let data = tempfile::tempdir().unwrap();
    let args = [
        "--courses",
        courses.to_str().unwrap(),
        "--data-dir",
        data.path().to_str().unwrap(),
        "--learner",
        "bench",
    ];
    let (mut t, _) = Term::start(&args, env, 200, 50);
    let rx = t.expect("Big Course");
    rx.recv_timeout(TIMEOUT).unwrap();
    let rx = t.expect("Long lesson");
    t.press("\r");
    rx.recv_timeout(TIMEOUT).unwrap();
    let rx = t.expect("page 1/");
    t.press("\r");
    rx.recv_timeout(TIMEOUT).unwrap();
    let pages = 21;
    let mut times = Vec::new();
    for k in 2..=pages {
        let marker = format!("page {k}/");
        let rx = t.expect(&marker);
        let t0 = Instant::now();
        t.press("l");
        let seen = rx.recv_timeout(TIMEOUT).unwrap();
        times.push(seen - t0);
        // Let the screen settle as a reader would (and the page save coalesce meanwhile).
        std::thread::sleep(Duration::from_millis(30));
    }
    let quit = t.quit();
    let saved = std::fs::read_to_string(data.path().join("bench.toml")).unwrap_or_default();
    let max = times.iter().max().copied().unwrap_or_default();
    println!(
        "key-to-frame, page turn, 100 KiB lesson, 200x50, {label}: median {} (max {}) of {}; \
         quit took {} ; record saved: {}",
        ms(median(times.clone())),
        ms(max),
        times.len(),
        ms(quit),
        saved.contains("page = 21")
    );
}

fn generate(root: &Path, n: usize) {
    for i in 0..n {
        let dir = root.join(format!("c{i:05}"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("course.toml"),
            format!(
                "title = \"Course {i:05}\"\nsummary = \"Generated course number {i}.\"\n\
                 version = \"1\"\nhours = 1.5\n\n[[lessons]]\nfile = \"01.md\"\ntitle = \"One\"\n"
            ),
        )
        .unwrap();
        std::fs::write(dir.join("01.md"), "# One\n\nText.\n").unwrap();
    }
}

fn startup(n: usize) {
    let courses = tempfile::tempdir().unwrap();
    generate(courses.path(), n);
    let mut times = Vec::new();
    let mut rss = 0;
    for _ in 0..5 {
        let data = tempfile::tempdir().unwrap();
        let args = [
            "--courses",
            courses.path().to_str().unwrap(),
            "--data-dir",
            data.path().to_str().unwrap(),
            "--learner",
            "bench",
        ];
        let (mut t, t0) = {
            // Arm before spawning: the first frame may come at once.
            let (t, t0) = Term::start(&args, &[], 120, 40);
            (t, t0)
        };
        let rx = t.expect("Course 00000");
        let seen = rx.recv_timeout(TIMEOUT).unwrap();
        times.push(seen - t0);
        rss = rss.max(t.peak_rss_kib());
        t.quit();
    }
    println!(
        "start to first frame, {n} courses: median {} of 5, peak RSS {} MiB",
        ms(median(times)),
        rss / 1024
    );
}

fn shim() -> Option<PathBuf> {
    let out = std::env::temp_dir().join(format!("rollcall-slow-fsync-{}.so", std::process::id()));
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/slow_fsync.c");
    let ok = std::process::Command::new("cc")
        .args(["-shared", "-fPIC", "-O2", "-o"])
        .arg(&out)
        .arg(&src)
        .arg("-ldl")
        .status()
        .is_ok_and(|s| s.success());
    ok.then_some(out)
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` must not run this.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let courses = tempfile::tempdir().unwrap();
    big_lesson_course(courses.path());
    key_to_frame(courses.path(), &[], "normal disk");
    match shim() {
        Some(so) => {
            let so = so.to_string_lossy().into_owned();
            key_to_frame(
                courses.path(),
                &[("LD_PRELOAD", &so)],
                "every fsync +100 ms",
            );
            let _ = std::fs::remove_file(so);
        }
        None => println!("no C compiler: the slow-fsync run is skipped"),
    }
    for n in [100, 1_000, 10_000] {
        startup(n);
    }
}
