//! Restore: puts a version back, either as a new file or over the original workbook. Before the
//! original is replaced it is itself saved as a version (trigger `restore-safety`), so every
//! restore can be undone. The restored bytes are checked against the catalog's SHA-256.
//!
//! Restores into one folder take turns (`guard`), and the safety copy is checked on disk, not
//! only in the catalog (`safety`).

mod guard;
mod safety;

pub use guard::RESTORE_LOCK_FILE;
pub use safety::{Unusable, VersionProblem};

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, FixedOffset, NaiveDateTime, TimeZone};

use crate::config::Profile;
use crate::copy;
use crate::crypto::SecretKey;
use crate::engine::{self, BackupError, BackupOutcome, BackupRequest, Trigger};
use crate::fsutil::{self, SpecialKind};
use crate::progress::Progress;
use crate::store::sealed::SealedStore;
use crate::store::{Catalog, ProfileStore, StoreError, Version};
use crate::watch::lockfile::{self, LockKind};
use guard::RestoreGuard;

/// Where a restored version goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RestoreTarget {
    /// A new file (or a new file with the workbook's name inside this folder).
    To(PathBuf),
    /// Over the original workbook, after saving it as a `restore-safety` version.
    ReplaceOriginal,
}

/// Which version to restore.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    /// The newest version made from a healthy workbook.
    NewestHealthy,
    /// The version stored under this file name.
    File(String),
    /// The newest version made at or before this time.
    At(DateTime<FixedOffset>),
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreOutcome {
    pub version: Version,
    pub written: PathBuf,
    /// The safety version saved before replacing the original (or the existing version that
    /// already held the same bytes).
    pub safety: Option<Version>,
    /// Why a new safety version was written although the catalog listed one with the same
    /// bytes: what was wrong with that version's file.
    pub safety_replaced: Option<Unusable>,
    /// Temporary files an interrupted restore had left in the target's folder, now removed.
    pub removed_leftovers: Vec<PathBuf>,
}

/// Why a restore could not be done. Nothing is half-written in any of these cases.
#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    #[error("{0}")]
    NoSuchVersion(String),
    #[error("Profile `{profile}` has several workbooks ({names}). Say which one with --workbook.")]
    WhichWorkbook { profile: String, names: String },
    #[error(
        "The backup `{}` is damaged (its SHA-256 no longer matches the catalog), so it was not restored. Choose another version; `sheetsafe verify --full` lists the sound ones.",
        path.display()
    )]
    VersionDamaged { path: PathBuf },
    #[error(
        "`{}` already exists and was left untouched. Choose another file name, or use --replace to put the version back over the original workbook.",
        path.display()
    )]
    TargetExists { path: PathBuf },
    #[error(
        "The workbook `{}` is open in {} (its lock file `{}` exists). Close it there first, then restore; if no program has it open, delete that lock file.",
        path.display(),
        kind.application(),
        lock.display()
    )]
    WorkbookOpen {
        path: PathBuf,
        lock: PathBuf,
        kind: LockKind,
    },
    #[error(
        "The backup `{}` is missing from the backup folder, so it was not restored. Choose another version (`sheetsafe versions` lists them), or restore it from a second copy with `sheetsafe verify --repair`.",
        path.display()
    )]
    VersionMissing { path: PathBuf },
    #[error(
        "`{}` is {kind}, not a workbook file, so nothing was restored over it. Restore with --to to a new file instead.",
        path.display()
    )]
    NotAFile { path: PathBuf, kind: SpecialKind },
    #[error(
        "Another restore into `{}` is running. Wait for it to finish, then try again.",
        folder.display()
    )]
    Busy { folder: PathBuf },
    #[error("Could not write `{}`: {source}. Nothing was changed there.", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error("The current workbook could not be saved as a safety copy before restoring, so nothing was replaced: {0}")]
    SafetyCopy(BackupError),
    #[error(
        "The profile `{profile}` is encrypted: restoring needs its passphrase or recovery sheet. Restore it with `sheetsafe restore`, which asks for the passphrase."
    )]
    NeedsKey { profile: String },
    #[error(
        "The restore of `{}` was cancelled: nothing was written, and the workbook is as it was.",
        path.display()
    )]
    Cancelled { path: PathBuf },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Sealed(#[from] crate::store::sealed::SealedError),
}

impl crate::i18n::Explain for RestoreError {
    /// What the error says, as data (`restore-error-*` in `assets/i18n/problems-*.ftl`; the
    /// backup's, the store's and the encrypted folder's own for theirs).
    fn said(&self) -> crate::i18n::Said {
        use crate::i18n::SaidArg;
        let file = |p: &Path| vec![("file", SaidArg::from(p))];
        let (id, args) = match self {
            RestoreError::SafetyCopy(e) => return e.said(),
            RestoreError::Store(e) => return e.said(),
            RestoreError::Sealed(e) => return e.said(),
            RestoreError::NoSuchVersion(_) => ("restore-error-no-such-version", Vec::new()),
            RestoreError::WhichWorkbook { profile, names } => (
                "restore-error-which-workbook",
                vec![("profile", profile.clone().into()), ("names", names.clone().into())],
            ),
            RestoreError::VersionDamaged { path } => ("restore-error-version-damaged", file(path)),
            RestoreError::TargetExists { path } => ("restore-error-target-exists", file(path)),
            RestoreError::WorkbookOpen { path, lock, kind } => (
                "restore-error-workbook-open",
                vec![
                    ("file", SaidArg::from(path.as_path())),
                    ("application", kind.application().to_string().into()),
                    ("lock", SaidArg::from(lock.as_path())),
                ],
            ),
            RestoreError::VersionMissing { path } => ("restore-error-version-missing", file(path)),
            RestoreError::NotAFile { path, .. } => ("restore-error-not-a-file", file(path)),
            RestoreError::Busy { folder } => ("restore-error-busy", vec![("folder", SaidArg::from(folder.as_path()))]),
            RestoreError::Write { path, source } => (
                "restore-error-write",
                vec![
                    ("file", SaidArg::from(path.as_path())),
                    (
                        "reason",
                        SaidArg::Message {
                            message: crate::fsutil::io_reason_id(source).to_string(),
                        },
                    ),
                ],
            ),
            RestoreError::NeedsKey { profile } => {
                ("restore-error-needs-key", vec![("profile", profile.clone().into())])
            }
            RestoreError::Cancelled { path } => ("restore-error-cancelled", file(path)),
        };
        crate::i18n::Said::new(id, args, self.to_string())
    }
}

/// Parses the `--at` argument, local time as `YYYY-MM-DD HH:MM[:SS]` or `YYYY-MM-DD`, into the
/// last instant it names: "17:30" means up to 17:30:59.999, a bare date means the whole day.
/// People think in minutes, while versions are stamped to the nanosecond.
pub fn parse_local_time(text: &str) -> Option<DateTime<FixedOffset>> {
    let text = text.trim();
    let with_seconds = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
        .map(|t| t + chrono::Duration::milliseconds(999));
    let with_minutes = || {
        ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"]
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
            .map(|t| t + chrono::Duration::milliseconds(59_999))
    };
    let whole_day = || {
        chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .and_then(|d| d.and_hms_milli_opt(23, 59, 59, 999))
    };
    let naive = with_seconds.or_else(with_minutes).or_else(whole_day)?;
    chrono::Local
        .from_local_datetime(&naive)
        .latest()
        .map(|t| t.fixed_offset())
}

/// The workbook of `profile` a restore is about: the one named (by path or file name), or the
/// only one.
pub fn choose_workbook(profile: &Profile, named: Option<&Path>) -> Result<PathBuf, RestoreError> {
    match named {
        Some(path) => {
            let wanted = path.file_name().map(|n| n.to_string_lossy().to_lowercase());
            profile
                .workbooks
                .iter()
                .find(|w| w.file_name().map(|n| n.to_string_lossy().to_lowercase()) == wanted)
                .cloned()
                .ok_or_else(|| {
                    RestoreError::NoSuchVersion(format!(
                        "Profile `{}` has no workbook called `{}`.",
                        profile.name,
                        path.display()
                    ))
                })
        }
        None if profile.workbooks.len() == 1 => Ok(profile.workbooks[0].clone()),
        None => Err(RestoreError::WhichWorkbook {
            profile: profile.name.clone(),
            names: profile
                .workbooks
                .iter()
                .map(|w| format!("`{}`", w.display()))
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

/// Picks the version to restore from the catalog.
pub fn select<'a>(catalog: &'a Catalog, workbook: &Path, selector: &Selector) -> Result<&'a Version, RestoreError> {
    let name = workbook
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut versions: Vec<&Version> = catalog.versions_of(&name).collect();
    // Oldest to newest by the catalog's sequence: a version stamped in the future by a wrong
    // clock must not pass for the newest.
    versions.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
    let found = match selector {
        Selector::NewestHealthy => versions.iter().rev().find(|v| v.is_healthy()).or(versions.last()),
        Selector::File(file) => versions.iter().find(|v| v.file == *file),
        Selector::At(when) => versions.iter().rev().find(|v| v.created <= *when),
    };
    found.copied().ok_or_else(|| {
        let what = match selector {
            Selector::NewestHealthy => "version".to_string(),
            Selector::File(file) => format!("version `{file}`"),
            Selector::At(when) => format!("version made at or before {}", when.format("%Y-%m-%d %H:%M:%S")),
        };
        RestoreError::NoSuchVersion(format!(
            "There is no {what} of `{name}` in the backup folder. `sheetsafe versions` lists what there is."
        ))
    })
}

/// Restores `version` of `workbook` (a workbook of `profile`) to `target`.
pub fn restore(
    profile: &Profile,
    workbook: &Path,
    version: &Version,
    target: &RestoreTarget,
    lock_wait: Duration,
    progress: &dyn Progress,
) -> Result<RestoreOutcome, RestoreError> {
    if profile.encryption.is_some() {
        return Err(RestoreError::NeedsKey {
            profile: profile.name.clone(),
        });
    }
    cancelled_as_such(
        restore_from(profile, workbook, version, target, lock_wait, None, progress),
        workbook,
        progress,
    )
}

/// Whatever failed once the user cancelled failed because of the cancel (a copy cut short, a
/// hash that stopped): say so. Every step removes its own unfinished file, and the target is
/// only ever replaced by a rename of a finished, read-back copy, so nothing half-written stays.
fn cancelled_as_such(
    result: Result<RestoreOutcome, RestoreError>,
    workbook: &Path,
    progress: &dyn Progress,
) -> Result<RestoreOutcome, RestoreError> {
    match result {
        Err(e) if progress.cancelled() && !matches!(e, RestoreError::Cancelled { .. }) => {
            tracing::info!("restore of {} cancelled ({e})", workbook.display());
            Err(RestoreError::Cancelled {
                path: workbook.to_path_buf(),
            })
        }
        result => result,
    }
}

/// Restores `version` of `workbook` from an encrypted profile, decrypting with `key` (the
/// user's key, from `key.age` and the passphrase, or from the recovery sheet).
pub fn restore_sealed(
    profile: &Profile,
    workbook: &Path,
    version: &Version,
    target: &RestoreTarget,
    lock_wait: Duration,
    key: &SecretKey,
    progress: &dyn Progress,
) -> Result<RestoreOutcome, RestoreError> {
    cancelled_as_such(
        restore_from(profile, workbook, version, target, lock_wait, Some(key), progress),
        workbook,
        progress,
    )
}

/// Decrypts the version file `stored` with `key` into the new file `temp`, returning the
/// plaintext's hash. Every chunk is authenticated before it is written.
fn decrypt_to(stored: &Path, temp: &Path, key: &SecretKey) -> Result<copy::Digested, RestoreError> {
    use crate::crypto::OpenError;
    use crate::store::sealed::SealedError;
    use sha2::Digest as _;
    let path = stored.to_path_buf();
    let input = match fsutil::open_nofollow(stored) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(RestoreError::VersionMissing { path }),
        Err(source) => return Err(StoreError::Read { path, source }.into()),
    };
    let opened = key
        .open(io::BufReader::with_capacity(1 << 20, input))
        .map_err(|e| match e {
            OpenError::NotForThisKey => RestoreError::from(SealedError::NotForThisKey { path: path.clone() }),
            OpenError::Damaged => SealedError::VersionDamaged { path: path.clone() }.into(),
            OpenError::Io(source) => StoreError::Read {
                path: path.clone(),
                source,
            }
            .into(),
        })?;
    let mut reader = opened;
    let mut output = fsutil::create_new(temp).map_err(|source| RestoreError::Write {
        path: temp.to_path_buf(),
        source,
    })?;
    let mut hasher = sha2::Sha256::new();
    let mut bytes = 0u64;
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = match io::Read::read(&mut reader, &mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => {
                return Err(match OpenError::from_read(e) {
                    OpenError::Io(source) => StoreError::Read { path, source }.into(),
                    _ => SealedError::VersionDamaged { path }.into(),
                });
            }
        };
        hasher.update(&buf[..n]);
        bytes += n as u64;
        io::Write::write_all(&mut output, &buf[..n]).map_err(|source| RestoreError::Write {
            path: temp.to_path_buf(),
            source,
        })?;
    }
    output.sync_all().map_err(|source| RestoreError::Write {
        path: temp.to_path_buf(),
        source,
    })?;
    Ok(copy::Digested {
        sha256: hex::encode(hasher.finalize()),
        bytes,
    })
}

/// Puts the plaintext of the version file `stored` into the new file `temp`: a copy for a plain
/// folder, a decryption with `key` for an encrypted one. Returns the plaintext's hash.
fn fetch(
    stored: &Path,
    temp: &Path,
    destination: &Path,
    key: Option<&SecretKey>,
    progress: &dyn Progress,
) -> Result<copy::Digested, RestoreError> {
    if let Some(key) = key {
        return decrypt_to(stored, temp, key);
    }
    copy::copy_stored(stored, temp, progress).map_err(|e| match e {
        copy::CopyError::Source(source) if source.kind() == io::ErrorKind::NotFound => RestoreError::VersionMissing {
            path: stored.to_path_buf(),
        },
        copy::CopyError::Source(source) => RestoreError::Store(StoreError::Read {
            path: stored.to_path_buf(),
            source,
        }),
        copy::CopyError::Destination(source) => RestoreError::Write {
            path: destination.to_path_buf(),
            source,
        },
        copy::CopyError::Cancelled => RestoreError::Cancelled {
            path: destination.to_path_buf(),
        },
    })
}

fn restore_from(
    profile: &Profile,
    workbook: &Path,
    version: &Version,
    target: &RestoreTarget,
    lock_wait: Duration,
    key: Option<&SecretKey>,
    progress: &dyn Progress,
) -> Result<RestoreOutcome, RestoreError> {
    let store = ProfileStore::new(&profile.backup_folder, &profile.name);
    let stored = match key {
        Some(_) => SealedStore::new(&profile.backup_folder, &profile.name).version_path(version),
        None => store.version_path(version),
    };
    let destination = match target {
        RestoreTarget::To(path) if path.is_dir() => path.join(
            workbook
                .file_name()
                .unwrap_or_else(|| std::ffi::OsStr::new(version.file.as_str())),
        ),
        RestoreTarget::To(path) => path.clone(),
        RestoreTarget::ReplaceOriginal => workbook.to_path_buf(),
    };
    let folder = destination
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // One restore into a folder at a time: two restores of one workbook must never both
    // report success over each other, and leftovers are only leftovers while nobody writes.
    let guard = RestoreGuard::acquire(folder, lock_wait)?;
    let removed_leftovers = guard.remove_leftovers()?;
    for leftover in &removed_leftovers {
        tracing::info!(
            "removed a partial copy left by an interrupted restore: {}",
            leftover.display()
        );
    }
    check_target(&destination, target)?;

    // Copy into a temporary file next to the destination and check the bytes before anything
    // the user has is touched.
    let temp = guard::temp_path(folder, version.file.as_str());
    let digest = fetch(&stored, &temp, &destination, key, progress).inspect_err(|_| {
        let _ = fs::remove_file(&temp);
    })?;
    if digest.sha256 != version.sha256 {
        let _ = fs::remove_file(&temp);
        if key.is_some() {
            // The file decrypted (so it is a sound age file for this key) to other bytes: it
            // is another version's file put under this one's name.
            return Err(crate::store::sealed::SealedError::VersionSwapped { path: stored }.into());
        }
        return Err(RestoreError::VersionDamaged { path: stored });
    }

    let (safety, safety_replaced) = if matches!(target, RestoreTarget::ReplaceOriginal) && destination.exists() {
        match safety_copy(profile, workbook, lock_wait, progress) {
            Ok(made) => made,
            Err(e) => {
                let _ = fs::remove_file(&temp);
                return Err(e);
            }
        }
    } else {
        (None, None)
    };
    // The safety copy takes a while on a large workbook: look again, so a workbook opened
    // meanwhile is not replaced under the application's feet.
    if let Err(e) = check_target(&destination, target) {
        let _ = fs::remove_file(&temp);
        return Err(e);
    }

    fs::rename(&temp, &destination).map_err(|source| {
        let _ = fs::remove_file(&temp);
        RestoreError::Write {
            path: destination.clone(),
            source,
        }
    })?;
    fsutil::sync_dir(folder).map_err(|source| RestoreError::Write {
        path: destination.clone(),
        source,
    })?;
    let check = copy::hash_file(&destination, &()).map_err(|source| RestoreError::Write {
        path: destination.clone(),
        source,
    })?;
    if check.sha256 != version.sha256 {
        return Err(RestoreError::Write {
            path: destination.clone(),
            source: io::Error::other("the restored file reads back differently; the disk may be failing"),
        });
    }
    tracing::info!("restored {} to {}", version.file, destination.display());
    drop(guard);
    Ok(RestoreOutcome {
        version: version.clone(),
        written: destination,
        safety,
        safety_replaced,
        removed_leftovers,
    })
}

/// Removes the partial copies an interrupted restore left next to `workbook`, unless a restore
/// is running there now, and returns them so the caller can say so.
pub fn remove_interrupted_restores(workbook: &Path) -> Result<Vec<PathBuf>, RestoreError> {
    let folder = workbook
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    guard::sweep(folder)
}

/// Refuses a target that must not be written: an existing file for `--to`, a special file, or
/// a workbook that a spreadsheet application has open (any lock-file convention it knows).
fn check_target(destination: &Path, target: &RestoreTarget) -> Result<(), RestoreError> {
    if matches!(target, RestoreTarget::To(_)) && fs::symlink_metadata(destination).is_ok() {
        return Err(RestoreError::TargetExists {
            path: destination.to_path_buf(),
        });
    }
    if let Ok(meta) = fs::metadata(destination)
        && let Some(kind) = SpecialKind::of(&meta)
    {
        return Err(RestoreError::NotAFile {
            path: destination.to_path_buf(),
            kind,
        });
    }
    if matches!(target, RestoreTarget::ReplaceOriginal)
        && let Some(lock) = lockfile::present(destination).into_iter().next()
    {
        return Err(RestoreError::WorkbookOpen {
            path: destination.to_path_buf(),
            lock: lock.path,
            kind: lock.kind,
        });
    }
    Ok(())
}

/// The version that holds the workbook as it is before a restore replaces it: a new one, or
/// the newest existing one if it holds the same bytes *and* its file is intact on disk. When the
/// catalog's newest version has the bytes but its file is missing, cut short or damaged, a new
/// version is written and the problem returned, so the user is told.
fn safety_copy(
    profile: &Profile,
    workbook: &Path,
    lock_wait: Duration,
    progress: &dyn Progress,
) -> Result<(Option<Version>, Option<Unusable>), RestoreError> {
    let request = BackupRequest {
        profile,
        workbook,
        trigger: Trigger::RestoreSafety,
        lock_wait,
    };
    match engine::back_up(&request, progress).map_err(RestoreError::SafetyCopy)? {
        BackupOutcome::Created { version, warnings, .. } => {
            // The engine itself found the newest version unusable on disk and made a new one:
            // the user is told, as when the check below finds it.
            let unusable = warnings.iter().find_map(|w| match w {
                engine::BackupWarning::NewestMissing { version, .. } => Some((version, VersionProblem::Missing)),
                engine::BackupWarning::NewestChanged { version, .. } => Some((version, VersionProblem::Damaged)),
                _ => None,
            });
            let unusable = unusable.map(|(path, problem)| Unusable {
                file: path
                    .file_name()
                    .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned()),
                problem,
            });
            Ok((Some(version), unusable))
        }
        // An encrypted folder's newest version was found present with its size by the engine;
        // its bytes are checked by decrypting, which needs the key this function lacks.
        BackupOutcome::Unchanged { newest } if profile.encryption.is_some() => Ok((Some(newest), None)),
        BackupOutcome::Unchanged { newest } => {
            let store = ProfileStore::new(&profile.backup_folder, &profile.name);
            match safety::check_on_disk(&store, &newest, progress) {
                Ok(()) => Ok((Some(newest), None)),
                Err(problem) => {
                    tracing::warn!(
                        "the newest version {} {problem}; writing a new safety version",
                        newest.file
                    );
                    let version = safety::write_new_version(&store, workbook, &newest, lock_wait, progress)?;
                    Ok((
                        Some(version),
                        Some(Unusable {
                            file: newest.file.to_string(),
                            problem,
                        }),
                    ))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_accepts_minutes_and_whole_days() {
        let t = parse_local_time("2026-11-21 17:30").expect("minutes");
        assert_eq!(t.format("%H:%M:%S").to_string(), "17:30:59");
        let s = parse_local_time("2026-11-21 17:30:05").expect("seconds");
        assert_eq!(s.format("%H:%M:%S%.3f").to_string(), "17:30:05.999");
        let d = parse_local_time("2026-11-21").expect("day");
        assert_eq!(d.format("%H:%M").to_string(), "23:59");
        assert!(parse_local_time("yesterday").is_none());
    }
}

#[cfg(test)]
mod error_words {
    use super::*;
    use crate::i18n::Explain as _;

    #[test]
    fn every_restore_error_has_its_message_in_every_language() {
        let p = || PathBuf::from("/home/lan/Documents/Sổ bán hàng.xlsx");
        for e in [
            RestoreError::NoSuchVersion("no such version".into()),
            RestoreError::WhichWorkbook {
                profile: "Cửa hàng".into(),
                names: "a.xlsx, b.xlsx".into(),
            },
            RestoreError::VersionDamaged { path: p() },
            RestoreError::TargetExists { path: p() },
            RestoreError::WorkbookOpen {
                path: p(),
                lock: "/home/lan/Documents/~$Sổ bán hàng.xlsx".into(),
                kind: LockKind::ExcelOwner,
            },
            RestoreError::VersionMissing { path: p() },
            RestoreError::NotAFile {
                path: p(),
                kind: SpecialKind::Folder,
            },
            RestoreError::Busy {
                folder: "/home/lan/Documents".into(),
            },
            RestoreError::Write {
                path: p(),
                source: io::Error::new(io::ErrorKind::PermissionDenied, "denied (os error 13)"),
            },
            RestoreError::NeedsKey {
                profile: "Cửa hàng".into(),
            },
            RestoreError::Cancelled { path: p() },
        ] {
            let said = e.said();
            crate::i18n::assert_said_everywhere(&said);
            let pl = said.localized(&crate::i18n::Translator::new(crate::i18n::Language::Pl));
            assert!(!pl.contains("os error") && !pl.contains("--"), "{pl}");
        }
    }
}
