//! The lock that makes restores into one folder take turns, and the clean-up of what an
//! interrupted restore left there.
//!
//! A restore writes its temporary copy in the folder of the file it restores (a rename is
//! atomic only within one folder), so that folder is also where a killed restore leaves its
//! partial copy. Every restore into a folder first takes `.sheetsafe-restore.lock` there; while
//! it holds the lock no other restore into that folder runs, so any Sheetsafe temporary file
//! found there is a leftover, which it removes and reports. The OS drops the lock when a process
//! dies, so a killed restore never blocks the next one.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::RestoreError;
use crate::fsutil;

/// File name of the lock restores into a folder take.
pub const RESTORE_LOCK_FILE: &str = ".sheetsafe-restore.lock";

/// The prefix of a restore's temporary copy, after the general temporary prefix.
const RESTORE_TEMP_MARK: &str = "restore-";

/// Held while a restore writes into a folder; released on drop.
#[derive(Debug)]
pub struct RestoreGuard {
    _file: File,
    folder: PathBuf,
}

impl RestoreGuard {
    /// Takes the restore lock of `folder`, waiting up to `wait` for another restore to finish.
    pub fn acquire(folder: &Path, wait: Duration) -> Result<RestoreGuard, RestoreError> {
        let path = folder.join(RESTORE_LOCK_FILE);
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|source| RestoreError::Write {
                path: path.clone(),
                source,
            })?;
        let start = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => {
                    return Ok(RestoreGuard {
                        _file: file,
                        folder: folder.to_path_buf(),
                    });
                }
                Err(TryLockError::WouldBlock) if start.elapsed() < wait => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(RestoreError::Busy {
                        folder: folder.to_path_buf(),
                    });
                }
                Err(TryLockError::Error(source)) => return Err(RestoreError::Write { path, source }),
            }
        }
    }

    /// Removes the temporary files an interrupted restore left in the guarded folder and
    /// returns their paths. Only plain files with Sheetsafe's temporary prefix are touched; a
    /// folder that is itself a backup store is left to the store's own clean-up, which runs
    /// under its lock.
    pub fn remove_leftovers(&self) -> Result<Vec<PathBuf>, RestoreError> {
        let folder = self.folder.as_path();
        if folder.join(crate::store::CATALOG_FILE).exists() {
            return Ok(Vec::new());
        }
        let entries = fs::read_dir(folder).map_err(|source| RestoreError::Write {
            path: folder.to_path_buf(),
            source,
        })?;
        let mut removed = Vec::new();
        for entry in entries.flatten() {
            let name = entry.file_name();
            // `file_type` does not follow symlinks: a link named like a temp file is left alone.
            if !fsutil::is_temp_name(&name) || !entry.file_type().is_ok_and(|t| t.is_file()) {
                continue;
            }
            let path = entry.path();
            match fs::remove_file(&path) {
                Ok(()) => removed.push(path),
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(source) => return Err(RestoreError::Write { path, source }),
            }
        }
        Ok(removed)
    }
}

/// Removes what an interrupted restore left in `folder`, if anything, when no restore is
/// running there. Used by runs that are not restores (a backup, the agent at start), so a
/// partial copy does not wait for the next restore to be cleaned up. A folder without
/// Sheetsafe temporary files is not touched at all (no lock file is made in it).
pub fn sweep(folder: &Path) -> Result<Vec<PathBuf>, RestoreError> {
    let has_leftovers = fs::read_dir(folder)
        .is_ok_and(|mut entries| entries.any(|e| e.is_ok_and(|e| fsutil::is_temp_name(&e.file_name()))));
    if !has_leftovers {
        return Ok(Vec::new());
    }
    match RestoreGuard::acquire(folder, Duration::ZERO) {
        Ok(guard) => guard.remove_leftovers(),
        // A restore is writing there right now; its temporary file is no leftover.
        Err(RestoreError::Busy { .. }) => Ok(Vec::new()),
        Err(e) => Err(e),
    }
}

/// A fresh name for a restore's temporary copy in `folder`.
pub fn temp_path(folder: &Path, version_file: &str) -> PathBuf {
    fsutil::temp_path_for(folder, &format!("{RESTORE_TEMP_MARK}{version_file}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_restore_into_the_folder_waits_for_the_first() {
        let dir = tempfile::tempdir().expect("tempdir");
        let first = RestoreGuard::acquire(dir.path(), Duration::ZERO).expect("first");
        let second = RestoreGuard::acquire(dir.path(), Duration::from_millis(100));
        assert!(matches!(second, Err(RestoreError::Busy { .. })), "{second:?}");
        drop(first);
        RestoreGuard::acquire(dir.path(), Duration::ZERO).expect("free again");
    }

    #[test]
    fn a_sweep_leaves_a_running_restore_alone_and_a_clean_folder_untouched() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert_eq!(sweep(dir.path()).expect("sweep"), Vec::<PathBuf>::new());
        assert!(
            !dir.path().join(RESTORE_LOCK_FILE).exists(),
            "no lock file in a clean folder"
        );
        let partial = temp_path(dir.path(), "Sales__2026.xlsx");
        fs::write(&partial, b"partial").expect("write");
        let running = RestoreGuard::acquire(dir.path(), Duration::ZERO).expect("lock");
        assert!(sweep(dir.path()).expect("sweep").is_empty());
        assert!(partial.exists(), "a running restore's copy is not a leftover");
        drop(running);
        assert_eq!(sweep(dir.path()).expect("sweep"), vec![partial]);
    }

    #[test]
    fn leftovers_are_removed_and_other_files_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let leftover = temp_path(dir.path(), "Sales__2026.xlsx");
        let legacy = dir.path().join(".sheetsafe-tmp-123-4-Sales");
        fs::write(&leftover, b"partial").expect("write");
        fs::write(&legacy, b"partial").expect("write");
        fs::write(dir.path().join("Sales.xlsx"), b"workbook").expect("write");
        let guard = RestoreGuard::acquire(dir.path(), Duration::ZERO).expect("lock");
        let mut removed = guard.remove_leftovers().expect("clean");
        removed.sort();
        let mut expected = vec![leftover, legacy];
        expected.sort();
        assert_eq!(removed, expected);
        assert!(dir.path().join("Sales.xlsx").exists());
    }
}
