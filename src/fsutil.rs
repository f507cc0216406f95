//! Small file-system helpers that make writes crash-safe: write under a temporary name, flush
//! to disk, rename into place, then flush the folder so the rename itself survives a power cut.

use std::ffi::OsStr;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Every temporary file Sheetsafe writes starts with this prefix, so that a leftover from a
/// killed run is recognisable (the verifier reports it, the next backup removes it) and never
/// mistaken for a version.
pub const TEMP_PREFIX: &str = ".sheetsafe-tmp-";

/// True when `name` is one of Sheetsafe's temporary files.
pub fn is_temp_name(name: &OsStr) -> bool {
    name.to_string_lossy().starts_with(TEMP_PREFIX)
}

/// A fresh temporary path in `dir` for eventually becoming `final_name`. The process id and a
/// counter keep two writers (or two threads) from ever choosing the same name.
pub fn temp_path_for(dir: &Path, final_name: &str) -> PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    // Keep the final name's extension off the temp name so nothing treats it as a workbook.
    let short: String = final_name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(24)
        .collect();
    dir.join(format!("{TEMP_PREFIX}{}-{n}-{short}", std::process::id()))
}

/// Creates a new file for writing; fails if it already exists.
pub fn create_new(path: &Path) -> io::Result<File> {
    OpenOptions::new().write(true).create_new(true).open(path)
}

/// Opens a file inside a backup folder for reading without following a symbolic link, and only
/// if it is a plain file: a link planted in a profile folder must never lead a read outside it,
/// and a FIFO must never make a read hang. Fails with an error [`is_not_a_file`] recognises.
pub fn open_nofollow(path: &Path) -> io::Result<File> {
    #[cfg(unix)]
    let file = {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer. It changes
        // nothing for plain files.
        match OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
            .open(path)
        {
            Err(e) if e.raw_os_error() == Some(libc::ELOOP) => return Err(not_a_file()),
            other => other?,
        }
    };
    #[cfg(not(unix))]
    let file = {
        if fs::symlink_metadata(path)?.file_type().is_symlink() {
            return Err(not_a_file());
        }
        File::open(path)?
    };
    if file.metadata()?.is_file() {
        Ok(file)
    } else {
        Err(not_a_file())
    }
}

/// The error [`open_nofollow`] returns for links and special files.
fn not_a_file() -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        NotAFile("it is a folder, a symbolic link or a special file, not a plain file"),
    )
}

/// Marks the error [`open_nofollow`] returns for links and special files.
#[derive(Debug)]
struct NotAFile(&'static str);

impl std::fmt::Display for NotAFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for NotAFile {}

/// True when `err` came from [`open_nofollow`] refusing a link or a special file.
pub fn is_not_a_file(err: &io::Error) -> bool {
    err.get_ref()
        .is_some_and(<dyn std::error::Error + Send + Sync>::is::<NotAFile>)
}

/// Writes `bytes` to `path` atomically: readers see either the old file or the complete new one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    let name = path.file_name().map(OsStr::to_string_lossy).unwrap_or_default();
    let tmp = temp_path_for(dir, &name);
    let result = (|| {
        let mut file = create_new(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, path)?;
        sync_dir(dir)
    })();
    if result.is_err() {
        // Best effort: the temp file holds nothing the user needs; the next run would remove it.
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Flushes a folder's entries (new names, renames) to disk. A no-op where the platform cannot
/// open folders as files (Windows flushes metadata with the file itself).
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    // A bare file name's parent is the empty path: the current folder (`--config c.toml`).
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// True when the error means "no space left on the device" (or a quota is exceeded).
pub fn is_disk_full(err: &io::Error) -> bool {
    matches!(err.kind(), io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded) || err.raw_os_error() == Some(28)
}

/// True when the error means the medium or folder refuses writes.
pub fn is_read_only(err: &io::Error) -> bool {
    matches!(
        err.kind(),
        io::ErrorKind::ReadOnlyFilesystem | io::ErrorKind::PermissionDenied
    )
}

/// A new folder under the system's temporary folder that only this user can open (plaintext
/// copies of workbooks and decrypted versions go there); the caller removes it.
pub fn private_temp_dir(prefix: &str) -> io::Result<PathBuf> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("{prefix}-{}-{n}", std::process::id()));
    // On Unix only the owner may enter it; on Windows the user's own temporary folder already
    // belongs to that user.
    #[cfg(unix)]
    let builder = {
        let mut builder = fs::DirBuilder::new();
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder
    };
    #[cfg(not(unix))]
    let builder = fs::DirBuilder::new();
    builder.create(&dir)?;
    Ok(dir)
}

/// The Fluent id (`io-*`) of the operating system's reason for `err`, in words a user can act
/// on: the raw text, with its error code, belongs in the log, not in front of the user.
pub fn io_reason_id(err: &io::Error) -> &'static str {
    match err.kind() {
        io::ErrorKind::PermissionDenied => "io-permission-denied",
        io::ErrorKind::ReadOnlyFilesystem => "io-read-only",
        io::ErrorKind::NotFound => "io-not-found",
        _ if is_disk_full(err) => "io-disk-full",
        _ => "io-other",
    }
}

/// The identity of the device a path lives on, for the "backup on the same disk" warning.
/// `None` when it cannot be told.
pub fn device_of(path: &Path) -> Option<u64> {
    // Walk up to the nearest existing ancestor: the backup folder may not exist yet.
    let existing = path.ancestors().find(|p| p.exists())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(existing).ok().map(|m| m.dev())
    }
    #[cfg(windows)]
    {
        use std::hash::{Hash, Hasher};
        // The drive letter or UNC share is the best portable hint without extra APIs.
        let canon = fs::canonicalize(existing).ok()?;
        let root = canon.components().next()?;
        let mut h = std::collections::hash_map::DefaultHasher::new();
        root.as_os_str().to_string_lossy().to_lowercase().hash(&mut h);
        Some(h.finish())
    }
    #[cfg(not(any(unix, windows)))]
    {
        let _ = existing;
        None
    }
}

/// What a path is when it is not a regular file: a workbook path that names one of these can
/// never be copied (reading a named pipe would wait for a writer for ever), and deserves its
/// own sentence rather than "cannot be read".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpecialKind {
    Folder,
    /// A named pipe (FIFO).
    Fifo,
    /// A character or block device.
    Device,
    Socket,
    /// Anything else that is not a regular file.
    Other,
}

impl SpecialKind {
    /// The kind of a path from its (symlink-followed) metadata, or `None` for a regular file.
    pub fn of(meta: &fs::Metadata) -> Option<SpecialKind> {
        let file_type = meta.file_type();
        if file_type.is_file() {
            return None;
        }
        if file_type.is_dir() {
            return Some(SpecialKind::Folder);
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if file_type.is_fifo() {
                return Some(SpecialKind::Fifo);
            }
            if file_type.is_char_device() || file_type.is_block_device() {
                return Some(SpecialKind::Device);
            }
            if file_type.is_socket() {
                return Some(SpecialKind::Socket);
            }
        }
        Some(SpecialKind::Other)
    }
}

impl std::fmt::Display for SpecialKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SpecialKind::Folder => "a folder",
            SpecialKind::Fifo => "a named pipe (FIFO)",
            SpecialKind::Device => "a device",
            SpecialKind::Socket => "a socket",
            SpecialKind::Other => "not a regular file",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `--config c.toml` names a file in the current folder: its parent is the empty path,
    /// which must be flushed as the current folder, not fail the save after the rename.
    #[test]
    fn the_parent_of_a_bare_file_name_is_the_current_folder() {
        let parent = Path::new("c.toml").parent().unwrap_or(Path::new("x"));
        assert!(parent.as_os_str().is_empty());
        assert!(sync_dir(parent).is_ok());
    }

    #[test]
    fn atomic_write_replaces_content_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("catalog.toml");
        write_atomic(&target, b"one").expect("first write");
        write_atomic(&target, b"two").expect("second write");
        assert_eq!(fs::read(&target).expect("read"), b"two");
        let names: Vec<_> = fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("catalog.toml")]);
    }

    #[cfg(unix)]
    #[test]
    fn special_files_are_told_apart() {
        let dir = tempfile::tempdir().expect("tempdir");
        let meta = |p: &Path| fs::metadata(p).expect("metadata");
        assert_eq!(SpecialKind::of(&meta(dir.path())), Some(SpecialKind::Folder));
        assert_eq!(
            SpecialKind::of(&meta(Path::new("/dev/null"))),
            Some(SpecialKind::Device)
        );
        let file = dir.path().join("a");
        fs::write(&file, b"x").expect("write");
        assert_eq!(SpecialKind::of(&meta(&file)), None);
    }

    #[cfg(unix)]
    #[test]
    fn links_and_folders_are_never_opened_as_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        let outside = dir.path().join("outside.txt");
        fs::write(&outside, b"secret").expect("write");
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&outside, &link).expect("symlink");
        let err = open_nofollow(&link).expect_err("a link is refused");
        assert!(is_not_a_file(&err), "{err}");
        let err = open_nofollow(dir.path()).expect_err("a folder is refused");
        assert!(is_not_a_file(&err), "{err}");
        assert!(open_nofollow(&outside).is_ok());
        let missing = open_nofollow(&dir.path().join("missing")).expect_err("missing");
        assert_eq!(missing.kind(), io::ErrorKind::NotFound);
    }

    #[test]
    fn temp_names_are_recognised_and_unique() {
        let dir = Path::new("/x");
        let a = temp_path_for(dir, "Sales__2026.xlsm");
        let b = temp_path_for(dir, "Sales__2026.xlsm");
        assert_ne!(a, b);
        assert!(is_temp_name(a.file_name().expect("name")));
        assert!(!is_temp_name(OsStr::new("Sales__2026.xlsm")));
    }
}
