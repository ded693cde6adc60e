//! The save worker: progress saves run on their own thread, in order, so the frame for a key
//! is drawn before any disk I/O that key causes.
//!
//! Every save carries the whole in-memory record, so a later save holds everything an earlier
//! one did: page-position saves wait up to [`COALESCE`] and only the latest is written; an
//! urgent save (a quiz attempt) is written at once, together with anything waiting. The
//! store's own guarantees (lock, re-read, merge, atomic and durable write, an unreadable file
//! never overwritten) are unchanged: the worker only calls `Store::save`.

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::progress::Progress;
use crate::progress::store::Store;

/// How long a page-position save may wait for a later one to replace it.
pub const COALESCE: Duration = Duration::from_millis(500);

/// A finished save: its sequence number (covering every earlier one) and the merged record
/// or why it failed.
#[derive(Debug, Clone, PartialEq)]
pub struct Done {
    /// The sequence number of the record written.
    pub seq: u64,
    /// The merged record, or why nothing was written.
    pub result: Result<Progress, crate::app::msg::SaveFailure>,
}

enum Job {
    Save {
        store: Store,
        progress: Box<Progress>,
        seq: u64,
        urgent: bool,
    },
    Flush(Sender<()>),
}

/// The handle to the save thread; dropping it writes what is waiting and stops the thread.
#[derive(Debug)]
pub struct Saver {
    tx: Option<Sender<Job>>,
    thread: Option<JoinHandle<()>>,
    /// Saves sent and not yet reported (the last sequence number sent).
    sent: u64,
}

impl Saver {
    /// Starts the worker; `report` is called (on the worker thread) after each write.
    ///
    /// # Errors
    /// When the thread cannot start.
    pub fn start(report: impl Fn(Done) + Send + 'static) -> std::io::Result<Self> {
        let (tx, rx) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("rollcall-save".into())
            .spawn(move || run(&rx, &report))?;
        Ok(Self {
            tx: Some(tx),
            thread: Some(thread),
            sent: 0,
        })
    }

    /// Queues a save of `progress` to `store`; `urgent` writes it at once.
    pub fn save(&mut self, store: Store, progress: Box<Progress>, seq: u64, urgent: bool) -> bool {
        self.sent = self.sent.max(seq);
        self.tx.as_ref().is_some_and(|tx| {
            tx.send(Job::Save {
                store,
                progress,
                seq,
                urgent,
            })
            .is_ok()
        })
    }

    /// Writes whatever is waiting and returns once every queued save is done (and reported).
    pub fn flush(&self) {
        let Some(tx) = &self.tx else { return };
        let (done_tx, done_rx) = mpsc::channel();
        if tx.send(Job::Flush(done_tx)).is_ok() {
            // An error means the worker is gone; nothing more will be written either way.
            let _ = done_rx.recv();
        }
    }
}

impl Drop for Saver {
    fn drop(&mut self) {
        // Closing the channel makes the worker write what is waiting and stop.
        self.tx = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

struct Pending {
    store: Store,
    progress: Box<Progress>,
    seq: u64,
    due: Instant,
}

fn run(rx: &Receiver<Job>, report: &impl Fn(Done)) {
    let mut pending: Option<Pending> = None;
    loop {
        let job = match &pending {
            Some(p) => match rx.recv_timeout(p.due.saturating_duration_since(Instant::now())) {
                Ok(job) => Some(job),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => break,
            },
            None => match rx.recv() {
                Ok(job) => Some(job),
                Err(_) => break,
            },
        };
        match job {
            // The wait is over: write the latest record.
            None => write(&mut pending, report),
            Some(Job::Save {
                store,
                progress,
                seq,
                urgent,
            }) => {
                // A different learner's file: write the waiting one first, in order.
                if pending.as_ref().is_some_and(|p| p.store != store) {
                    write(&mut pending, report);
                }
                let due = pending
                    .as_ref()
                    .map_or_else(|| Instant::now() + COALESCE, |p| p.due);
                pending = Some(Pending {
                    store,
                    progress,
                    seq,
                    due,
                });
                if urgent {
                    write(&mut pending, report);
                }
            }
            Some(Job::Flush(done)) => {
                write(&mut pending, report);
                let _ = done.send(());
            }
        }
    }
    write(&mut pending, report);
}

fn write(pending: &mut Option<Pending>, report: &impl Fn(Done)) {
    if let Some(p) = pending.take() {
        let result = p.store.save(&p.progress).map_err(|e| (&e).into());
        report(Done { seq: p.seq, result });
    }
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // Tests compare with exact, representable constants.
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[allow(clippy::unnecessary_box_returns)] // Effect::Save carries a Box.
    fn record(page: usize) -> Box<Progress> {
        let mut p = Progress::new("t");
        let l = p.lesson_mut("c".into(), "l".into());
        l.page = page;
        l.viewed_at = Some(
            format!("2026-01-01T00:00:{page:02}.000+00:00")
                .parse()
                .unwrap(),
        );
        Box::new(p)
    }

    fn saver() -> (Saver, Arc<Mutex<Vec<Done>>>) {
        let done = Arc::new(Mutex::new(Vec::new()));
        let d = done.clone();
        let s = Saver::start(move |r| d.lock().unwrap().push(r)).unwrap();
        (s, done)
    }

    #[test]
    fn page_saves_coalesce_and_flush_writes_the_latest() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path(), "t").unwrap();
        let (mut s, done) = saver();
        for page in 1..=20 {
            assert!(s.save(store.clone(), record(page), page as u64, false));
        }
        s.flush();
        let done = done.lock().unwrap();
        assert_eq!(done.len(), 1, "one write for twenty page turns");
        assert_eq!(done[0].seq, 20);
        let on_disk = store.load().unwrap();
        assert_eq!(on_disk.lesson("c", "l").unwrap().page, 20);
    }

    #[test]
    fn page_saves_are_written_within_the_window_without_a_flush() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path(), "t").unwrap();
        let (mut s, done) = saver();
        s.save(store.clone(), record(3), 1, false);
        let start = Instant::now();
        while done.lock().unwrap().is_empty() {
            assert!(start.elapsed() < Duration::from_secs(5), "never written");
            std::thread::sleep(Duration::from_millis(10));
        }
        assert!(start.elapsed() < Duration::from_secs(1) + COALESCE);
        assert_eq!(store.load().unwrap().lesson("c", "l").unwrap().page, 3);
        drop(s);
    }

    #[test]
    fn urgent_saves_go_at_once_and_failures_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path(), "t").unwrap();
        let (mut s, done) = saver();
        s.save(store.clone(), record(1), 1, false);
        s.save(store.clone(), record(2), 2, true);
        let start = Instant::now();
        while done.lock().unwrap().is_empty() {
            assert!(start.elapsed() < COALESCE, "an urgent save waited");
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(done.lock().unwrap()[0].seq, 2);
        // A data folder that is a file: the save fails and says so.
        let blocker = dir.path().join("blocked");
        std::fs::write(&blocker, "x").unwrap();
        s.save(Store::new(&blocker, "t").unwrap(), record(3), 3, true);
        s.flush();
        let done = done.lock().unwrap();
        assert_eq!(done.len(), 2);
        assert!(done[1].result.is_err());
    }

    #[test]
    fn dropping_the_saver_writes_what_waits() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path(), "t").unwrap();
        let (mut s, done) = saver();
        s.save(store.clone(), record(7), 1, false);
        drop(s);
        assert_eq!(done.lock().unwrap().len(), 1);
        assert_eq!(store.load().unwrap().lesson("c", "l").unwrap().page, 7);
    }
}
