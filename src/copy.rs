//! Copying with hashing: the source is read once, and every chunk goes both into SHA-256 and
//! into the destination, so the hash describes exactly the bytes that were written.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::Path;
use std::time::Duration;

use sha2::{Digest, Sha256};

use crate::fsutil;
use crate::progress::{Cancelled, Progress, ProgressEvent};

/// Chunk size for reading and writing: large enough for full disk speed, small enough to keep
/// memory flat whatever the workbook size.
const CHUNK: usize = 1 << 20;

/// SHA-256 of `bytes` as 64 lowercase hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// What a copy or a hash pass produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Digested {
    pub sha256: String,
    pub bytes: u64,
}

/// Which side of a copy failed, so the caller can blame the workbook or the backup folder.
#[derive(Debug)]
pub enum CopyError {
    Source(io::Error),
    Destination(io::Error),
    /// The user cancelled ([`Progress::cancelled`]); the caller removes the partial copy.
    Cancelled,
}

/// Opens a file for reading, retrying briefly on Windows sharing violations (a save by the
/// spreadsheet application in progress). `File::open` already shares read, write and delete,
/// so Excel is never blocked by us.
pub fn open_for_reading(path: &Path) -> io::Result<File> {
    const SHARING_VIOLATION: i32 = 32;
    let mut attempt = 0;
    loop {
        match File::open(path) {
            Err(e) if cfg!(windows) && e.raw_os_error() == Some(SHARING_VIOLATION) && attempt < 10 => {
                attempt += 1;
                std::thread::sleep(Duration::from_millis(200));
            }
            other => return other,
        }
    }
}

/// Copies `source` into the new file `destination` (which must not exist), hashing as it goes,
/// and flushes the copy to disk before returning.
pub fn copy_hashing(source: &Path, destination: &Path, progress: &dyn Progress) -> Result<Digested, CopyError> {
    let (digested, output) = copy_hashing_unflushed(source, destination, progress)?;
    output.sync_all().map_err(CopyError::Destination)?;
    Ok(digested)
}

/// Like [`copy_hashing`], but returns the copy still open and **not yet flushed**, so that the
/// caller can flush it (`File::sync_all`) while it does other work on the copy. The caller must
/// flush it before relying on the copy.
pub fn copy_hashing_unflushed(
    source: &Path,
    destination: &Path,
    progress: &dyn Progress,
) -> Result<(Digested, File), CopyError> {
    let input = open_for_reading(source).map_err(CopyError::Source)?;
    copy_from(input, source, destination, progress)
}

/// Copies a version file of a backup folder (`source`, never followed if it is a link) into the
/// new file `destination`, hashing as it goes, and flushes the copy.
pub fn copy_stored(source: &Path, destination: &Path, progress: &dyn Progress) -> Result<Digested, CopyError> {
    let input = fsutil::open_nofollow(source).map_err(CopyError::Source)?;
    let (digested, output) = copy_from(input, source, destination, progress)?;
    output.sync_all().map_err(CopyError::Destination)?;
    Ok(digested)
}

fn copy_from(
    input: File,
    source: &Path,
    destination: &Path,
    progress: &dyn Progress,
) -> Result<(Digested, File), CopyError> {
    let total = input.metadata().map_or(0, |m| m.len());
    copy_reader(input, total, source, destination, progress)
}

/// Copies everything `input` gives (`total` bytes expected, for progress; `source` names it in
/// progress events) into the new file `destination`, hashing as it goes. The copy is returned
/// open and not yet flushed, as by [`copy_hashing_unflushed`]. A download uses it as a file
/// copy does: the reading side's errors are [`CopyError::Source`].
pub fn copy_reader(
    mut input: impl Read,
    total: u64,
    source: &Path,
    destination: &Path,
    progress: &dyn Progress,
) -> Result<(Digested, File), CopyError> {
    let mut output = fsutil::create_new(destination).map_err(CopyError::Destination)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; CHUNK];
    let mut done = 0u64;
    progress.report(ProgressEvent::Started {
        file: source.to_path_buf(),
        total,
    });
    loop {
        if progress.cancelled() {
            return Err(CopyError::Cancelled);
        }
        let n = match input.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(CopyError::Source(e)),
        };
        hasher.update(&buffer[..n]);
        output.write_all(&buffer[..n]).map_err(CopyError::Destination)?;
        done += n as u64;
        progress.report(ProgressEvent::Bytes {
            file: source.to_path_buf(),
            done,
            total,
        });
    }
    // The source handle is closed before the flush: never hold the workbook longer than the copy.
    drop(input);
    progress.report(ProgressEvent::Finished {
        file: source.to_path_buf(),
    });
    Ok((
        Digested {
            sha256: hex::encode(hasher.finalize()),
            bytes: done,
        },
        output,
    ))
}

/// SHA-256 and size of a file, read in chunks.
pub fn hash_file(path: &Path, progress: &dyn Progress) -> io::Result<Digested> {
    hash_from(open_for_reading(path)?, path, progress)
}

/// SHA-256 and size of a file in a backup folder, refusing to follow a link.
pub fn hash_stored(path: &Path, progress: &dyn Progress) -> io::Result<Digested> {
    hash_from(fsutil::open_nofollow(path)?, path, progress)
}

fn hash_from(input: File, path: &Path, progress: &dyn Progress) -> io::Result<Digested> {
    let total = input.metadata().map_or(0, |m| m.len());
    hash_reader(input, total, path, progress)
}

/// SHA-256 and size of everything `input` gives (`total` bytes expected, for progress).
pub fn hash_reader(mut input: impl Read, total: u64, path: &Path, progress: &dyn Progress) -> io::Result<Digested> {
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; CHUNK];
    let mut done = 0u64;
    progress.report(ProgressEvent::Started {
        file: path.to_path_buf(),
        total,
    });
    loop {
        if progress.cancelled() {
            return Err(Cancelled::io());
        }
        let n = match input.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        hasher.update(&buffer[..n]);
        done += n as u64;
        progress.report(ProgressEvent::Bytes {
            file: path.to_path_buf(),
            done,
            total,
        });
    }
    progress.report(ProgressEvent::Finished {
        file: path.to_path_buf(),
    });
    Ok(Digested {
        sha256: hex::encode(hasher.finalize()),
        bytes: done,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_hash_matches_independent_hash_and_bytes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let source = dir.path().join("src.bin");
        let data: Vec<u8> = (0..3_000_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&source, &data).expect("write");
        let copy = dir.path().join("copy.bin");
        let digested = copy_hashing(&source, &copy, &()).expect("copy");
        assert_eq!(std::fs::read(&copy).expect("read"), data);
        assert_eq!(digested, hash_file(&copy, &()).expect("hash"));
        assert_eq!(digested.sha256, hex::encode(Sha256::digest(&data)));
    }

    #[test]
    fn copy_refuses_to_overwrite() {
        let dir = tempfile::tempdir().expect("tempdir");
        let source = dir.path().join("a");
        std::fs::write(&source, b"x").expect("write");
        assert!(matches!(
            copy_hashing(&source, &source, &()),
            Err(CopyError::Destination(_))
        ));
    }
}
