//! The safety copy of a workbook that a restore is about to replace. The catalog alone is not
//! trusted for it: if the backup says the workbook is "unchanged" since its newest version, that
//! version's file must be on disk with the right size and SHA-256, or the workbook's bytes would
//! exist nowhere once they are replaced. Otherwise a real version is written first.

use std::fmt;
use std::fs;
use std::io;
use std::path::Path;
use std::time::Duration;

use chrono::Local;

use super::RestoreError;
use crate::copy::{self, CopyError};
use crate::engine::{BackupError, Trigger};
use crate::fsutil;
use crate::progress::Progress;
use crate::store::{ProfileStore, StoreError, Version};

/// A version the catalog lists whose file could not stand as the safety copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unusable {
    pub file: String,
    pub problem: VersionProblem,
}

/// What is wrong with a version file that the catalog lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VersionProblem {
    /// The file is not there.
    Missing,
    /// The file has another size than the catalog says.
    WrongSize,
    /// The file's SHA-256 differs from the catalog's.
    Damaged,
}

impl fmt::Display for VersionProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            VersionProblem::Missing => "is missing from the backup folder",
            VersionProblem::WrongSize => "has the wrong size on disk",
            VersionProblem::Damaged => "is damaged (its SHA-256 no longer matches the catalog)",
        })
    }
}

/// Checks that `version`'s file in `store` is present with the catalog's size and SHA-256.
pub fn check_on_disk(store: &ProfileStore, version: &Version, progress: &dyn Progress) -> Result<(), VersionProblem> {
    let path = store.version_path(version);
    match fs::symlink_metadata(&path) {
        Ok(meta) if meta.is_file() && meta.len() == version.bytes => {}
        Ok(meta) if meta.is_file() => return Err(VersionProblem::WrongSize),
        _ => return Err(VersionProblem::Missing),
    }
    // Never through a link planted in the folder.
    match copy::hash_stored(&path, progress) {
        Ok(digest) if digest.sha256 == version.sha256 && digest.bytes == version.bytes => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Err(VersionProblem::Missing),
        Ok(_) | Err(_) => Err(VersionProblem::Damaged),
    }
}

/// Writes the workbook as a new `restore-safety` version next to `newest` (whose file is
/// unusable) and records it. The new entry takes the newest version's other facts (health,
/// source), since the workbook holds the bytes that version was meant to hold.
pub fn write_new_version(
    store: &ProfileStore,
    workbook: &Path,
    newest: &Version,
    lock_wait: Duration,
    progress: &dyn Progress,
) -> Result<Version, RestoreError> {
    let safety_err = |e: BackupError| RestoreError::SafetyCopy(e);
    let lock = store.lock(lock_wait)?;
    let mut catalog = store.load_catalog()?;
    let workbook_name = newest.workbook_name();
    let created = Local::now().fixed_offset();
    let file = crate::engine::unique_name(store, &catalog, &workbook_name, &created);
    let temp = fsutil::temp_path_for(store.dir(), file.as_str());
    let written = copy::copy_hashing(workbook, &temp, progress).map_err(|e| match e {
        CopyError::Source(source) => safety_err(BackupError::WorkbookUnreadable {
            path: workbook.to_path_buf(),
            source,
        }),
        CopyError::Destination(source) => RestoreError::Store(StoreError::from_write(&temp, source)),
        CopyError::Cancelled => RestoreError::Cancelled {
            path: workbook.to_path_buf(),
        },
    });
    let checked = written.and_then(|digest| {
        let reread = copy::hash_file(&temp, progress).map_err(|source| {
            RestoreError::Store(StoreError::Read {
                path: temp.clone(),
                source,
            })
        })?;
        if reread != digest {
            Err(safety_err(BackupError::ReadBackMismatch { path: temp.clone() }))
        } else if digest.sha256 != newest.sha256 {
            // The workbook changed since it was compared with the newest version.
            Err(safety_err(BackupError::KeptChanging {
                path: workbook.to_path_buf(),
            }))
        } else {
            Ok(digest)
        }
    });
    let digest = match checked {
        Ok(digest) => digest,
        Err(e) => {
            // Only our own unfinished copy; nothing the user needs.
            let _ = fs::remove_file(&temp);
            return Err(e);
        }
    };
    let final_path = store.path_of(&file);
    fs::rename(&temp, &final_path).map_err(|e| StoreError::from_write(&final_path, e))?;
    fsutil::sync_dir(store.dir()).map_err(|e| StoreError::from_write(&final_path, e))?;
    let version = Version {
        file,
        // The next in the catalog's order, not the newest version's own number.
        sequence: catalog.next_sequence(),
        sha256: digest.sha256,
        bytes: digest.bytes,
        created,
        trigger: Trigger::RestoreSafety,
        host: crate::host::host_name(),
        verified: Some(created),
        ..newest.clone()
    };
    catalog.versions.push(version.clone());
    store.save_catalog(&catalog, &lock)?;
    Ok(version)
}
