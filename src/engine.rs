//! The backup engine: makes one verified version of a workbook, or says it is unchanged.
//!
//! A backup reads the workbook once, hashing while it writes a temporary file in the profile
//! folder; checks the workbook did not change meanwhile; flushes the copy and reads it back and
//! compares, while a second thread checks the workbook's health from the copy; renames the copy
//! into place; records it in the catalog; and finally applies the keep rules. Any failure before
//! the catalog is written leaves only a temporary file, which the next run removes.

pub mod adopt;
pub mod copy;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chrono::{DateTime, FixedOffset, Local};

use crate::config::Profile;
use crate::health;
use crate::progress::Progress;
use crate::retention::{self, Candidate};
pub use crate::store::Trigger;
use crate::store::{Catalog, ProfileStore, StoreError, StoreLock, Version, version_file_name};
use copy::{CopyError, Digested};

/// How often a copy is retried when the workbook changes while it is being read.
const MAX_COPY_ATTEMPTS: u32 = 3;

/// One backup to make.
#[derive(Debug, Clone)]
pub struct BackupRequest<'a> {
    pub profile: &'a Profile,
    pub workbook: &'a Path,
    pub trigger: Trigger,
    /// How long to wait for another writer's lock on the profile folder.
    pub lock_wait: Duration,
}

/// What a backup did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackupOutcome {
    /// A new version was written, read back, and recorded.
    Created {
        version: Version,
        /// Versions removed by the keep rules.
        pruned: Vec<String>,
        /// Things worth telling the user that did not stop the backup.
        warnings: Vec<String>,
    },
    /// The workbook is identical to its newest version; nothing was written.
    Unchanged { newest: Version },
}

impl BackupOutcome {
    /// The version that now holds the workbook's current content.
    pub fn version(&self) -> &Version {
        match self {
            BackupOutcome::Created { version, .. } => version,
            BackupOutcome::Unchanged { newest } => newest,
        }
    }
}

/// Why a backup could not be made. Every message names the file and the next step.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(
        "The workbook `{}` does not exist. If it is on a removable or network drive, connect it; if it was moved, update the profile with its new location.",
        path.display()
    )]
    WorkbookMissing { path: PathBuf },
    #[error(
        "Could not read the workbook `{}`: {source}. If it is open in a program that locks it, close it and back up again.",
        path.display()
    )]
    WorkbookUnreadable { path: PathBuf, source: io::Error },
    #[error(
        "The workbook `{}` kept changing while it was being copied. It will be backed up once it is quiet; if this repeats, close the program that writes to it.",
        path.display()
    )]
    KeptChanging { path: PathBuf },
    #[error(
        "The copy `{}` read back differently from what was written, so it was thrown away. The backup disk may be failing: check it, or choose another backup folder.",
        path.display()
    )]
    ReadBackMismatch { path: PathBuf },
    #[error(
        "The workbook `{}` is {kind}, not a workbook file, so it cannot be backed up. Change the profile so it names the workbook file itself.",
        path.display()
    )]
    NotAFile {
        path: PathBuf,
        kind: crate::fsutil::SpecialKind,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The name of this computer, recorded with each version.
pub fn host_name() -> String {
    gethostname::gethostname().to_string_lossy().into_owned()
}

/// Backs up every workbook of `profile`, one after another. A problem with one workbook does
/// not stop the others.
pub fn back_up_profile(
    profile: &Profile,
    trigger: Trigger,
    lock_wait: Duration,
    progress: &dyn Progress,
) -> Vec<(PathBuf, Result<BackupOutcome, BackupError>)> {
    profile
        .workbooks
        .iter()
        .map(|workbook| {
            let request = BackupRequest {
                profile,
                workbook,
                trigger,
                lock_wait,
            };
            (workbook.clone(), back_up(&request, progress))
        })
        .collect()
}

/// Makes one backup of one workbook.
pub fn back_up(request: &BackupRequest<'_>, progress: &dyn Progress) -> Result<BackupOutcome, BackupError> {
    let workbook = request.workbook;
    let workbook_name = workbook
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| BackupError::WorkbookMissing {
            path: workbook.to_path_buf(),
        })?;
    let before = source_state(workbook)?;

    let store = ProfileStore::new(&request.profile.backup_folder, &request.profile.name);
    store.ensure_exists()?;
    let lock = store.lock(request.lock_wait)?;
    for leftover in store.remove_leftovers(&lock)? {
        tracing::info!(
            "removed a temporary file left by an interrupted run: {}",
            leftover.display()
        );
    }
    let mut catalog = store.load_catalog()?;
    let adopted = adopt::adopt_unlisted(&store, &mut catalog, &request.profile.workbooks)?;
    if !adopted.is_empty() {
        store.save_catalog(&catalog, &lock)?;
    }

    // Fast path for the common "nothing changed" case (catch-up at start, a close without a
    // save): same size and time as the newest copy, so hash only and write nothing.
    if let Some(newest) = catalog.newest_of(&workbook_name)
        && newest.bytes == before.bytes
        && newest.source_modified == Some(before.modified)
    {
        let digest = copy::hash_file(workbook, progress).map_err(|e| BackupError::WorkbookUnreadable {
            path: workbook.to_path_buf(),
            source: e,
        })?;
        if digest.sha256 == newest.sha256 {
            return Ok(BackupOutcome::Unchanged { newest: newest.clone() });
        }
    }

    let (temp, copied) = copy_stable(&store, workbook, &workbook_name, progress)?;
    let outcome = finish_version(
        request,
        &store,
        &lock,
        &mut catalog,
        &workbook_name,
        &temp,
        copied,
        progress,
    );
    if temp.exists() {
        // The temporary copy was not renamed into place; nobody needs it.
        let _ = fs::remove_file(&temp);
    }
    outcome
}

/// Size and modification time of the workbook, used to notice changes during a copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct SourceState {
    bytes: u64,
    modified: DateTime<FixedOffset>,
}

fn source_state(workbook: &Path) -> Result<SourceState, BackupError> {
    let meta = fs::metadata(workbook).map_err(|e| {
        if e.kind() == io::ErrorKind::NotFound {
            BackupError::WorkbookMissing {
                path: workbook.to_path_buf(),
            }
        } else {
            BackupError::WorkbookUnreadable {
                path: workbook.to_path_buf(),
                source: e,
            }
        }
    })?;
    if let Some(kind) = crate::fsutil::SpecialKind::of(&meta) {
        return Err(BackupError::NotAFile {
            path: workbook.to_path_buf(),
            kind,
        });
    }
    let modified = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
    Ok(SourceState {
        bytes: meta.len(),
        modified: DateTime::<Local>::from(modified).fixed_offset(),
    })
}

/// A copy of the workbook in a temporary file, written but not yet flushed to disk.
struct Copied {
    digest: Digested,
    /// The workbook's modification time during the copy.
    modified: DateTime<FixedOffset>,
    /// The temporary file, still open so that it can be flushed.
    file: fs::File,
}

/// Copies the workbook to a temporary file until a copy is made during which the workbook did
/// not change (same size and modification time before and after).
fn copy_stable(
    store: &ProfileStore,
    workbook: &Path,
    workbook_name: &str,
    progress: &dyn Progress,
) -> Result<(PathBuf, Copied), BackupError> {
    for attempt in 1..=MAX_COPY_ATTEMPTS {
        let before = source_state(workbook)?;
        let temp = crate::fsutil::temp_path_for(store.dir(), workbook_name);
        let (digest, file) = match copy::copy_hashing_unflushed(workbook, &temp, progress) {
            Ok(copied) => copied,
            Err(e) => {
                let _ = fs::remove_file(&temp);
                return Err(match e {
                    CopyError::Source(source) if source.kind() == io::ErrorKind::NotFound => {
                        BackupError::WorkbookMissing {
                            path: workbook.to_path_buf(),
                        }
                    }
                    CopyError::Source(source) => BackupError::WorkbookUnreadable {
                        path: workbook.to_path_buf(),
                        source,
                    },
                    CopyError::Destination(source) => StoreError::from_write(&temp, source).into(),
                });
            }
        };
        let after = source_state(workbook)?;
        if after == before && digest.bytes == before.bytes {
            return Ok((
                temp,
                Copied {
                    digest,
                    modified: before.modified,
                    file,
                },
            ));
        }
        drop(file);
        tracing::info!(
            "{} changed during copy {attempt}; discarding the copy",
            workbook.display()
        );
        let _ = fs::remove_file(&temp);
        std::thread::sleep(Duration::from_millis(500 * u64::from(attempt)));
    }
    Err(BackupError::KeptChanging {
        path: workbook.to_path_buf(),
    })
}

/// Everything after the copy: compare with the newest version, flush, read back, check health,
/// rename, record, prune.
#[allow(clippy::too_many_arguments)]
fn finish_version(
    request: &BackupRequest<'_>,
    store: &ProfileStore,
    lock: &StoreLock,
    catalog: &mut Catalog,
    workbook_name: &str,
    temp: &Path,
    copied: Copied,
    progress: &dyn Progress,
) -> Result<BackupOutcome, BackupError> {
    let Copied { digest, modified, file } = copied;
    if let Some(newest) = catalog.newest_of(workbook_name)
        && newest.sha256 == digest.sha256
    {
        return Ok(BackupOutcome::Unchanged { newest: newest.clone() });
    }

    // The workbook's health is checked (from the copy) on a second thread while this one flushes
    // the copy and reads it back: the check decompresses and parses the whole workbook, which
    // takes longer than both, so a backup costs little more than the check.
    let (flushed, reread, check) = std::thread::scope(|scope| {
        let check = scope.spawn(|| health::check_file_named(temp, request.workbook));
        let flushed = file.sync_all();
        drop(file);
        // A copy that was never read back is a hope, not a backup.
        let reread = flushed.is_ok().then(|| copy::hash_file(temp, progress));
        let check = check.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (flushed, reread, check)
    });
    flushed.map_err(|e| StoreError::from_write(temp, e))?;
    let reread = reread
        .unwrap_or_else(|| Err(io::Error::other("the copy was not flushed")))
        .map_err(|e| StoreError::Read {
            path: temp.to_path_buf(),
            source: e,
        })?;
    if reread != digest {
        return Err(BackupError::ReadBackMismatch {
            path: temp.to_path_buf(),
        });
    }
    let check = check.map_err(|e| StoreError::Read {
        path: temp.to_path_buf(),
        source: e,
    })?;

    let created = Local::now().fixed_offset();
    let file = unique_name(store, catalog, workbook_name, &created);
    let final_path = store.dir().join(&file);
    fs::rename(temp, &final_path).map_err(|e| StoreError::from_write(&final_path, e))?;
    crate::fsutil::sync_dir(store.dir()).map_err(|e| StoreError::from_write(&final_path, e))?;

    let mut warnings = Vec::new();
    if check.health.is_damaged() {
        warnings.push(format!(
            "The workbook `{}` looks damaged: {} The copy was kept, but restore an older version if Excel cannot open it.",
            request.workbook.display(),
            check.detail
        ));
    }
    let version = Version {
        file,
        sha256: digest.sha256.clone(),
        bytes: digest.bytes,
        created,
        source: crate::config::absolute(request.workbook),
        source_modified: Some(modified),
        trigger: request.trigger,
        host: host_name(),
        health: check.health,
        health_detail: (check.health != health::Health::Healthy).then(|| check.detail.clone()),
        verified: Some(created),
    };
    catalog.versions.push(version.clone());
    let pruned = prune(catalog, workbook_name, request);
    store.save_catalog(catalog, lock)?;
    for file in &pruned {
        // The catalog no longer lists it, so a failed delete only leaves an unlisted file that
        // the verifier reports; the user loses nothing.
        if let Err(e) = fs::remove_file(store.dir().join(file)) {
            warnings.push(format!(
                "Could not delete the old version `{}` that the keep rules retire: {e}.",
                store.dir().join(file).display()
            ));
        }
    }
    tracing::info!(
        "backed up {} as {} ({} bytes, {})",
        request.workbook.display(),
        version.file,
        version.bytes,
        request.trigger.as_str()
    );
    Ok(BackupOutcome::Created {
        version,
        pruned,
        warnings,
    })
}

/// The first free version name for this second, adding `_2`, `_3`, … if needed.
fn unique_name(
    store: &ProfileStore,
    catalog: &Catalog,
    workbook_name: &str,
    created: &DateTime<FixedOffset>,
) -> String {
    let mut attempt = 1;
    loop {
        let name = version_file_name(workbook_name, created, attempt);
        if !catalog.contains_file(&name) && !store.dir().join(&name).exists() {
            return name;
        }
        attempt += 1;
    }
}

/// Removes from the catalog the versions of `workbook_name` the keep rules retire, and returns
/// their file names.
fn prune(catalog: &mut Catalog, workbook_name: &str, request: &BackupRequest<'_>) -> Vec<String> {
    let indices: Vec<usize> = catalog
        .versions
        .iter()
        .enumerate()
        .filter(|(_, v)| v.workbook_name() == workbook_name)
        .map(|(i, _)| i)
        .collect();
    let candidates: Vec<Candidate> = indices
        .iter()
        .map(|&i| Candidate {
            created: catalog.versions[i].created,
            healthy: catalog.versions[i].is_healthy(),
        })
        .collect();
    let keep = retention::keep(&candidates, &request.profile.keep);
    let retire: Vec<usize> = indices.iter().zip(keep).filter(|(_, k)| !k).map(|(&i, _)| i).collect();
    let mut pruned = Vec::new();
    for &i in retire.iter().rev() {
        pruned.push(catalog.versions.remove(i).file);
    }
    pruned.reverse();
    pruned
}
