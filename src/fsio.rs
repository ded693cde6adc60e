//! The one door to the disk: [`read`] for every file rollcall reads that a user or another
//! program may have placed (progress, sent log, settings, course files), and [`write_atomic`]
//! for every file rollcall writes.
//!
//! Reading never blocks and never grows without bound: the file is opened without waiting
//! (a FIFO or a device gets an error at once instead of hanging the app), checked to be a
//! regular file and under the size cap before a byte is read, and read with the cap again
//! (it may grow meanwhile). Where rollcall keeps records, a symbolic link is refused rather
//! than followed, so `jdoe.toml -> victim.toml` can never make one learner's record another's.
//!
//! Writing is atomic and durable: a temp file in the same folder (0600 on Unix) is written and
//! fsynced, renamed over the target, and the folder is fsynced, so a crash leaves either the
//! old file or the new one, and a rename replaces a link rather than writing through it.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// Random characters in a temp file name.
pub const TEMP_RAND_LEN: usize = 6;

/// Whether a symbolic link at the path itself is followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// Refuse a link: records, settings and logs are only ever real files.
    Refuse,
    /// Follow it: course files, whose loader checks where links lead.
    Follow,
}

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// Nothing at the path.
    #[error("{}: no such file", path.display())]
    NotFound {
        /// The path.
        path: PathBuf,
    },
    /// A symbolic link where a real file is needed.
    #[error("{}: is a symbolic link; rollcall reads only real files here", path.display())]
    Symlink {
        /// The path.
        path: PathBuf,
    },
    /// A FIFO, device, socket or folder.
    #[error("{}: is a {kind}, not a regular file", path.display())]
    NotRegular {
        /// The path.
        path: PathBuf,
        /// What it is instead.
        kind: &'static str,
    },
    /// Bigger than the cap.
    #[error("{}: is over the {} KiB limit", path.display(), limit / 1024)]
    TooLarge {
        /// The path.
        path: PathBuf,
        /// The cap, in bytes.
        limit: u64,
    },
    /// Not UTF-8 text (from [`read_text`]).
    #[error("{}: is not UTF-8 text (bad byte at offset {offset})", path.display())]
    NotUtf8 {
        /// The path.
        path: PathBuf,
        /// Where the first bad byte is.
        offset: usize,
    },
    /// Any other I/O error (permissions, a failing disk).
    #[error("{}: {source}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// The error.
        source: io::Error,
    },
}

impl ReadError {
    /// Whether nothing exists at the path (the normal "no record yet" case).
    pub fn is_not_found(&self) -> bool {
        matches!(self, Self::NotFound { .. })
    }

    /// The problem without the path, for messages that name the file themselves.
    pub fn reason(&self) -> String {
        match self {
            Self::NotFound { .. } => "no such file".into(),
            Self::Symlink { .. } => {
                "it is a symbolic link; rollcall reads only real files here".into()
            }
            Self::NotRegular { kind, .. } => format!("it is a {kind}, not a regular file"),
            Self::TooLarge { limit, .. } => format!("it is over the {} KiB limit", limit / 1024),
            Self::NotUtf8 { offset, .. } => {
                format!("it is not UTF-8 text (bad byte at offset {offset})")
            }
            Self::Io { source, .. } => source.to_string(),
        }
    }
}

/// Reads at most `max` bytes of the regular file at `path`.
///
/// # Errors
/// [`ReadError`] when the path is missing, a link (with [`Links::Refuse`]), not a regular
/// file, over `max` bytes, or cannot be read.
pub fn read(path: &Path, max: u64, links: Links) -> Result<Vec<u8>, ReadError> {
    let io_err = |source: io::Error| {
        if source.kind() == io::ErrorKind::NotFound {
            ReadError::NotFound {
                path: path.to_path_buf(),
            }
        } else {
            ReadError::Io {
                path: path.to_path_buf(),
                source,
            }
        }
    };
    if links == Links::Refuse {
        let meta = fs::symlink_metadata(path).map_err(io_err)?;
        if meta.file_type().is_symlink() {
            return Err(ReadError::Symlink {
                path: path.to_path_buf(),
            });
        }
    }
    let file = open_nonblocking(path, links).map_err(|e| {
        if links == Links::Refuse && is_loop_error(&e) {
            // Replaced by a link between the check above and the open.
            ReadError::Symlink {
                path: path.to_path_buf(),
            }
        } else {
            io_err(e)
        }
    })?;
    // fstat on the open file: what was opened is what is checked.
    let meta = file.metadata().map_err(io_err)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular {
            path: path.to_path_buf(),
            kind: kind_of(&meta),
        });
    }
    let too_large = || ReadError::TooLarge {
        path: path.to_path_buf(),
        limit: max,
    };
    if meta.len() > max {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io_err)?;
    if bytes.len() as u64 > max {
        return Err(too_large());
    }
    Ok(bytes)
}

/// [`read`], then checks the bytes are UTF-8.
///
/// # Errors
/// As [`read`], and [`ReadError::NotUtf8`].
pub fn read_text(path: &Path, max: u64, links: Links) -> Result<String, ReadError> {
    let bytes = read(path, max, links)?;
    String::from_utf8(bytes).map_err(|e| ReadError::NotUtf8 {
        path: path.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })
}

/// Opens for reading without waiting on a FIFO's writer or a device, and (with
/// [`Links::Refuse`]) without following a link.
#[cfg(unix)]
fn open_nonblocking(path: &Path, links: Links) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut flags = libc::O_NONBLOCK;
    if links == Links::Refuse {
        flags |= libc::O_NOFOLLOW;
    }
    OpenOptions::new().read(true).custom_flags(flags).open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path, _links: Links) -> io::Result<File> {
    // Windows opens named pipes and devices without blocking on a reader; the type check
    // after opening refuses them.
    OpenOptions::new().read(true).open(path)
}

#[cfg(unix)]
fn is_loop_error(e: &io::Error) -> bool {
    e.raw_os_error() == Some(libc::ELOOP)
}

#[cfg(not(unix))]
fn is_loop_error(_e: &io::Error) -> bool {
    false
}

fn kind_of(meta: &fs::Metadata) -> &'static str {
    if meta.is_dir() {
        return "folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "FIFO (named pipe)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "device";
        }
        if t.is_socket() {
            return "socket";
        }
    }
    "special file"
}

/// The temp-file prefix [`write_atomic`] uses for `target` (`.<name>.tmp-`), so a store can
/// find and remove temp files left by a copy that was killed mid-write.
pub fn temp_prefix(target: &Path) -> String {
    let name = target
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    format!(".{name}.tmp-")
}

/// Writes `bytes` to `target` atomically and durably: a temp file in the same folder, private
/// to the user, is written and fsynced, then replaces `target`, then the folder is fsynced.
/// A symbolic link at `target` is replaced, never written through.
///
/// # Errors
/// When the folder cannot be written (read-only, full disk, permissions).
pub fn write_atomic(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = parent(target);
    let prefix = temp_prefix(target);
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).rand_bytes(TEMP_RAND_LEN);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o600));
    }
    let mut temp = builder.tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    let (file, temp_path) = temp.into_parts();
    drop(file);
    // Keep the temp file from being deleted on drop: after the replace it is the target.
    let temp_path = temp_path.keep().map_err(|e| e.error)?;
    if let Err(e) = replace_file(&temp_path, target) {
        let _ = fs::remove_file(&temp_path);
        return Err(e);
    }
    sync_dir(dir)
}

/// The one place a finished temp file replaces its target: a rename, retried for a bounded
/// time on Windows while a scanner or indexer holds the target open.
fn replace_file(temp: &Path, target: &Path) -> io::Result<()> {
    crate::platform::replace_file(temp, target)
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Creates a folder (and its parents), private to the user on Unix.
///
/// # Errors
/// When it cannot be created.
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// Opens (creating it if needed) a lock file, private to the user, without following a link.
///
/// # Errors
/// When it cannot be opened or created.
pub fn open_lock_file(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::other(format!(
            "{} is not a regular file",
            path.display()
        )));
    }
    Ok(file)
}

/// Makes a rename in `dir` durable (Unix; elsewhere the rename is as durable as it gets).
///
/// # Errors
/// When the folder cannot be opened or synced.
#[cfg(unix)]
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    match File::open(dir).and_then(|d| d.sync_all()) {
        // Some file systems cannot fsync a folder; the file itself was fsynced.
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::InvalidInput | io::ErrorKind::Unsupported
            ) =>
        {
            Ok(())
        }
        other => other,
    }
}

/// Makes a rename in `dir` durable (Unix; elsewhere the rename is as durable as it gets).
///
/// # Errors
/// Never, off Unix.
#[cfg(not(unix))]
pub fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_regular_file_under_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        fs::write(&path, "hello").unwrap();
        assert_eq!(read(&path, 5, Links::Refuse).unwrap(), b"hello");
        assert_eq!(read_text(&path, 5, Links::Refuse).unwrap(), "hello");
    }

    #[test]
    fn over_the_cap_is_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        fs::write(&path, "hello!").unwrap();
        let err = read(&path, 5, Links::Refuse).unwrap_err();
        assert!(matches!(err, ReadError::TooLarge { limit: 5, .. }), "{err}");
    }

    #[test]
    fn missing_file_is_not_found() {
        let dir = tempfile::tempdir().unwrap();
        let err = read(&dir.path().join("none"), 5, Links::Refuse).unwrap_err();
        assert!(err.is_not_found());
        let err = read(&dir.path().join("none"), 5, Links::Follow).unwrap_err();
        assert!(err.is_not_found());
    }

    #[test]
    fn a_folder_is_not_a_regular_file() {
        let dir = tempfile::tempdir().unwrap();
        let err = read(dir.path(), 5, Links::Follow).unwrap_err();
        assert!(
            err.to_string().contains("folder, not a regular file"),
            "{err}"
        );
    }

    #[test]
    fn not_utf8_names_the_offset() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a");
        fs::write(&path, b"ab\xff").unwrap();
        let err = read_text(&path, 10, Links::Refuse).unwrap_err();
        assert!(err.to_string().contains("offset 2"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_refused_or_followed_as_asked() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.toml");
        fs::write(&victim, "secret").unwrap();
        let link = dir.path().join("jdoe.toml");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        let err = read(&link, 100, Links::Refuse).unwrap_err();
        assert!(matches!(err, ReadError::Symlink { .. }), "{err}");
        assert_eq!(read(&link, 100, Links::Follow).unwrap(), b"secret");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_at_once_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("jdoe.toml");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(status.success());
        // No writer ever opens the FIFO: a blocking open would hang this test forever.
        let start = std::time::Instant::now();
        let err = read(&fifo, 100, Links::Refuse).unwrap_err();
        assert!(err.to_string().contains("FIFO"), "{err}");
        assert!(start.elapsed() < std::time::Duration::from_secs(2));
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_refused_not_read_forever() {
        let err = read(Path::new("/dev/zero"), 1024, Links::Follow).unwrap_err();
        assert!(err.to_string().contains("device"), "{err}");
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["a.toml"]);
    }

    #[cfg(unix)]
    #[test]
    fn atomic_write_is_private_and_replaces_a_link_instead_of_following_it() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.toml");
        fs::write(&victim, "victim's").unwrap();
        let link = dir.path().join("jdoe.toml");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        write_atomic(&link, b"jdoe's").unwrap();
        assert_eq!(fs::read(&victim).unwrap(), b"victim's");
        assert!(
            !fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        let mode = fs::metadata(&link).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[cfg(unix)]
    #[test]
    fn lock_file_is_not_opened_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("elsewhere");
        fs::write(&target, "").unwrap();
        let link = dir.path().join("jdoe.toml.lock");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(open_lock_file(&link).is_err());
        assert!(open_lock_file(&dir.path().join("a.lock")).is_ok());
    }
}
