//! Watching an open lesson file for edits (`--watch`).
//!
//! Editors rarely write a file in place: many write a new file and rename it over the old one,
//! which replaces the inode a watch on the file itself would follow. So the watch is on the
//! parent folder (not recursive) and events are filtered by file name.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

/// Events closer together than this are one change (an editor's save is often several events).
pub const DEBOUNCE: Duration = Duration::from_millis(100);

/// Why a file cannot be watched.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    /// The path has no file name (e.g. `..` or `/`).
    #[error("cannot watch {}: not a file path", .0.display())]
    NotAFile(PathBuf),
    /// The platform watcher refused.
    #[error("cannot watch {}: {source}", path.display())]
    Notify {
        /// The folder that was to be watched.
        path: PathBuf,
        /// The watcher's error.
        source: notify::Error,
    },
    /// The debounce thread could not start.
    #[error("cannot start the file watcher thread: {0}")]
    Thread(#[from] std::io::Error),
}

/// A running watch; dropping it stops watching.
#[derive(Debug)]
pub struct Watcher {
    // Dropping the notify watcher drops its event handler and so the channel sender, which
    // ends the debounce thread.
    _inner: RecommendedWatcher,
}

/// Calls `on_change` (from another thread) shortly after `path` is written, replaced, created
/// or removed. Bursts of events within [`DEBOUNCE`] make one call.
///
/// # Errors
/// When the path has no file name or its folder cannot be watched.
pub fn watch_file(
    path: &Path,
    on_change: impl Fn() + Send + 'static,
) -> Result<Watcher, WatchError> {
    let name: OsString = path
        .file_name()
        .ok_or_else(|| WatchError::NotAFile(path.to_path_buf()))?
        .to_os_string();
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let (tx, rx) = mpsc::channel::<()>();
    let mut inner = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Ok(event) = res
            && is_change(event.kind)
            && event.paths.iter().any(|p| p.file_name() == Some(&name))
        {
            // The receiver is gone only while shutting down: nothing to do then.
            let _ = tx.send(());
        }
    })
    .map_err(|source| WatchError::Notify {
        path: parent.clone(),
        source,
    })?;
    inner
        .watch(&parent, RecursiveMode::NonRecursive)
        .map_err(|source| WatchError::Notify {
            path: parent.clone(),
            source,
        })?;
    thread::Builder::new()
        .name("rollcall-watch".into())
        .spawn(move || debounce(&rx, on_change))?;
    Ok(Watcher { _inner: inner })
}

fn is_change(kind: EventKind) -> bool {
    matches!(
        kind,
        EventKind::Any | EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
    )
}

/// Waits for an event, swallows the rest of its burst, then calls back; ends when the sender
/// is dropped.
fn debounce(rx: &mpsc::Receiver<()>, on_change: impl Fn()) {
    while rx.recv().is_ok() {
        loop {
            match rx.recv_timeout(DEBOUNCE) {
                Ok(()) => {}
                Err(mpsc::RecvTimeoutError::Timeout) => break,
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            }
        }
        on_change();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Instant;

    fn wait_for(count: &AtomicUsize, at_least: usize) -> bool {
        let start = Instant::now();
        // Generous: a loaded machine delivers file events late; a pass returns at once.
        while start.elapsed() < Duration::from_secs(10) {
            if count.load(Ordering::SeqCst) >= at_least {
                return true;
            }
            thread::sleep(Duration::from_millis(20));
        }
        false
    }

    #[test]
    fn edit_and_replace_call_back_and_other_files_do_not() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("01-intro.md");
        std::fs::write(&file, "# One\n").unwrap();
        let count = Arc::new(AtomicUsize::new(0));
        let c = Arc::clone(&count);
        let watcher = watch_file(&file, move || {
            c.fetch_add(1, Ordering::SeqCst);
        })
        .unwrap();

        // Another file in the same folder is not a change.
        std::fs::write(dir.path().join("other.md"), "x").unwrap();
        thread::sleep(DEBOUNCE * 3);
        assert_eq!(count.load(Ordering::SeqCst), 0);

        // An in-place write calls back. (That a burst is one call is tested on the debounce
        // alone: here the writes' spacing depends on the machine's load.)
        std::fs::write(&file, "# Two\n").unwrap();
        std::fs::write(&file, "# Two and a half\n").unwrap();
        assert!(wait_for(&count, 1), "no callback after an edit");
        thread::sleep(DEBOUNCE * 3);
        let after_edit = count.load(Ordering::SeqCst);

        // Write-then-rename, as many editors save.
        let tmp = dir.path().join(".01-intro.md.swp");
        std::fs::write(&tmp, "# Three\n").unwrap();
        std::fs::rename(&tmp, &file).unwrap();
        assert!(
            wait_for(&count, after_edit + 1),
            "no callback after a rename over the file"
        );

        // After the guard drops, nothing more is reported.
        drop(watcher);
        thread::sleep(DEBOUNCE * 3);
        let before = count.load(Ordering::SeqCst);
        std::fs::write(&file, "# Four\n").unwrap();
        thread::sleep(DEBOUNCE * 5);
        assert_eq!(count.load(Ordering::SeqCst), before);
    }

    #[test]
    fn a_burst_of_events_is_one_call_and_the_end_of_events_ends_the_thread() {
        let (tx, rx) = mpsc::channel();
        // Queued before the debounce starts, so they are one burst whatever the load.
        for _ in 0..5 {
            tx.send(()).unwrap();
        }
        let count = Arc::new(AtomicUsize::new(0));
        let c = Arc::clone(&count);
        let handle = thread::spawn(move || {
            debounce(&rx, move || {
                c.fetch_add(1, Ordering::SeqCst);
            });
        });
        assert!(wait_for(&count, 1));
        drop(tx);
        handle.join().unwrap();
        assert_eq!(count.load(Ordering::SeqCst), 1);
    }

    #[test]
    fn refuses_a_path_without_file_name() {
        assert!(matches!(
            watch_file(Path::new("/"), || {}),
            Err(WatchError::NotAFile(_))
        ));
    }
}
