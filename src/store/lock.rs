//! The writer lock of a profile folder. Two writers (the agent and a CLI call, or two PCs sharing
//! a network folder) must never interleave changes to the catalog, so each takes an exclusive
//! OS file lock on `.sheetsafe.lock` first. The OS drops the lock when a process dies, so a
//! killed backup never leaves the folder locked.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::{LOCK_FILE, StoreError};

/// Held while a writer changes a profile folder; released on drop.
#[derive(Debug)]
pub struct StoreLock {
    file: File,
    path: PathBuf,
}

impl StoreLock {
    /// Takes the lock of the profile folder `dir`, waiting up to `wait`.
    pub(super) fn acquire(dir: &Path, wait: Duration) -> Result<StoreLock, StoreError> {
        let path = dir.join(LOCK_FILE);
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        // The holder is written into the lock file: a link planted under its name must not
        // redirect that write to a file outside the folder.
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
        }
        let mut file = match options.open(&path) {
            #[cfg(unix)]
            Err(e) if e.raw_os_error() == Some(libc::ELOOP) => return Err(StoreError::NotAFile { path }),
            other => other.map_err(|e| StoreError::from_write(&path, e))?,
        };
        if !file.metadata().is_ok_and(|m| m.is_file()) {
            return Err(StoreError::NotAFile { path });
        }
        let start = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(std::fs::TryLockError::WouldBlock) => {
                    if start.elapsed() >= wait {
                        let holder = read_holder(&mut file);
                        return Err(StoreError::Busy {
                            path: dir.to_path_buf(),
                            holder,
                        });
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(std::fs::TryLockError::Error(e)) => {
                    return Err(StoreError::from_write(&path, e));
                }
            }
        }
        // Say who holds it, so a user who meets a busy folder learns which computer to look at.
        let holder = format!(
            "Sheetsafe on {} (process {}) since {}\n",
            crate::host::host_name(),
            std::process::id(),
            chrono::Local::now().format("%Y-%m-%d %H:%M:%S")
        );
        let written = file
            .set_len(0)
            .and_then(|()| file.seek(SeekFrom::Start(0)))
            .and_then(|_| file.write_all(holder.as_bytes()));
        if let Err(e) = written {
            tracing::debug!("could not note the lock holder in {}: {e}", path.display());
        }
        Ok(StoreLock { file, path })
    }

    /// The lock file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for StoreLock {
    fn drop(&mut self) {
        // Unlocking can only fail if the handle is already gone, in which case the OS has
        // released the lock anyway.
        let _ = self.file.unlock();
    }
}

fn read_holder(file: &mut File) -> String {
    let mut text = String::new();
    let ok = file.seek(SeekFrom::Start(0)).is_ok() && file.read_to_string(&mut text).is_ok();
    let text = text.trim();
    if ok && !text.is_empty() {
        text.to_string()
    } else {
        "another Sheetsafe".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_lock_waits_then_reports_busy_with_holder() {
        let dir = tempfile::tempdir().expect("tempdir");
        let first = StoreLock::acquire(dir.path(), Duration::ZERO).expect("first lock");
        let err = StoreLock::acquire(dir.path(), Duration::from_millis(120)).expect_err("must be busy");
        let text = err.to_string();
        assert!(text.contains("is busy"), "{text}");
        assert!(text.contains(&format!("process {}", std::process::id())), "{text}");
        drop(first);
        StoreLock::acquire(dir.path(), Duration::ZERO).expect("free again after drop");
    }
}
