//! The backup engine: makes one verified version of a workbook, or says it is unchanged.
//!
//! A backup reads the workbook once, hashing while it writes a temporary file in the profile
//! folder; checks the workbook did not change meanwhile; flushes the copy and reads it back and
//! compares, while a second thread checks the workbook's health from the copy; renames the copy
//! into place; records it in the catalog; and finally applies the keep rules. Any failure before
//! the catalog is written leaves only a temporary file, which the next run removes.
//!
//! Nothing is taken on trust: "unchanged" needs the newest version really on disk, a copy of a
//! workbook modified too recently to trust its timestamps is read twice and compared (git's
//! "racily clean" rule), and the order of versions comes from the catalog's sequence, not from
//! the clock, which is only read through [`Clock`] so tests can set it back.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chrono::{DateTime, FixedOffset, Local};

use crate::config::Profile;
use crate::copy::{self, CopyError, Digested};
use crate::health;
use crate::progress::Progress;
use crate::retention;
pub use crate::store::Trigger;
use crate::store::sealed::{SealedError, is_sealed_folder};
use crate::store::{
    Catalog, Presence, ProfileStore, StoreError, StoreLock, Version, VersionFileName, version_file_name,
};

pub mod sealed;

/// How often a copy is retried when the workbook changes while it is being read.
const MAX_COPY_ATTEMPTS: u32 = 5;

/// How recent a workbook's modification time must be for its size and time to prove nothing:
/// the coarsest common timestamp (FAT and exFAT drives, some network shares) has 2-second
/// steps, so a write within that window can leave both unchanged.
const RACY_WINDOW: Duration = Duration::from_secs(2);

/// The shortest wait before a racily-clean copy is compared with a second reading, giving a
/// save in progress time to show itself.
const RACY_SETTLE: Duration = Duration::from_millis(250);

/// Where the engine reads the time. The real clock in use; tests inject one that was set back.
pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<FixedOffset>;
}

/// The computer's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<FixedOffset> {
        Local::now().fixed_offset()
    }
}

/// The computer's clock shifted by a fixed amount (negative: set back).
#[derive(Debug, Clone, Copy)]
pub struct ShiftedClock(pub chrono::Duration);

impl Clock for ShiftedClock {
    fn now(&self) -> DateTime<FixedOffset> {
        Local::now().fixed_offset() + self.0
    }
}

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
        warnings: Vec<BackupWarning>,
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

/// Something worth telling the user about a backup that was made anyway.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BackupWarning {
    #[error(
        "The workbook `{}` looks damaged: {detail} The copy was kept, but restore an older version if Excel cannot open it.",
        workbook.display()
    )]
    WorkbookDamaged { workbook: PathBuf, detail: String },
    #[error(
        "The newest version `{}` was missing from the backup folder, so a new version of `{}` was made. Run `sheetsafe verify` to see whether other versions are missing too.",
        version.display(),
        workbook.display()
    )]
    NewestMissing { version: PathBuf, workbook: PathBuf },
    #[error(
        "The newest version `{}` no longer matched the catalog (changed, cut short or replaced on disk), so a new version of `{}` was made. Run `sheetsafe verify --full` and check the backup disk.",
        version.display(),
        workbook.display()
    )]
    NewestChanged { version: PathBuf, workbook: PathBuf },
    #[error(
        "The computer's clock ({}) is behind the time of the newest version `{}` ({}). The new version was still recorded as the newest; check the computer's date and time settings.",
        now.format("%Y-%m-%d %H:%M:%S"),
        newest.display(),
        newest_time.format("%Y-%m-%d %H:%M:%S")
    )]
    ClockBehind {
        newest: PathBuf,
        newest_time: DateTime<FixedOffset>,
        now: DateTime<FixedOffset>,
    },
    #[error(
        "Could not delete the old version `{}` that the keep rules retire ({reason}). It is no longer listed and can be deleted by hand.",
        path.display()
    )]
    PruneFailed { path: PathBuf, reason: String },
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
        "The workbook `{}` kept changing while it was being copied, so no copy was recorded. It will be backed up once it is quiet; if this repeats, close the program that writes to it.",
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
    #[error(
        "The backup of `{}` was cancelled: nothing was recorded, and the versions made before are as they were.",
        path.display()
    )]
    Cancelled { path: PathBuf },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Sealed(#[from] SealedError),
}

impl crate::i18n::Explain for BackupError {
    /// What the error says, as data (`backup-error-*` in `assets/i18n/problems-*.ftl`; the
    /// store's and the encrypted folder's own for theirs). The agent keeps it in its status.
    fn said(&self) -> crate::i18n::Said {
        use crate::i18n::SaidArg;
        let file = |p: &Path| vec![("file", SaidArg::from(p))];
        let (id, args) = match self {
            BackupError::Store(e) => return e.said(),
            BackupError::Sealed(e) => return e.said(),
            BackupError::WorkbookMissing { path } => ("backup-error-missing", file(path)),
            BackupError::WorkbookUnreadable { path, source } => (
                "backup-error-unreadable",
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
            BackupError::KeptChanging { path } => ("backup-error-kept-changing", file(path)),
            BackupError::ReadBackMismatch { path } => ("backup-error-read-back", file(path)),
            BackupError::NotAFile { path, .. } => ("backup-error-not-a-file", file(path)),
            BackupError::Cancelled { path } => ("backup-error-cancelled", file(path)),
        };
        crate::i18n::Said::new(id, args, self.to_string())
    }
}

#[cfg(test)]
mod error_words {
    use super::*;
    use crate::i18n::Explain as _;

    #[test]
    fn every_backup_error_has_its_message_in_every_language() {
        let p = || PathBuf::from("/home/lan/Documents/Sổ bán hàng.xlsx");
        for e in [
            BackupError::WorkbookMissing { path: p() },
            BackupError::WorkbookUnreadable {
                path: p(),
                source: io::Error::new(io::ErrorKind::PermissionDenied, "denied (os error 13)"),
            },
            BackupError::KeptChanging { path: p() },
            BackupError::ReadBackMismatch { path: p() },
            BackupError::NotAFile {
                path: p(),
                kind: crate::fsutil::SpecialKind::Fifo,
            },
            BackupError::Cancelled { path: p() },
        ] {
            let said = e.said();
            crate::i18n::assert_said_everywhere(&said);
            let vi = said.localized(&crate::i18n::Translator::new(crate::i18n::Language::Vi));
            assert!(vi.contains("Sổ bán hàng.xlsx") && !vi.contains("os error"), "{vi}");
        }
    }
}

/// Backs up every workbook of `profile`, one after another. A problem with one workbook does
/// not stop the others.
pub fn back_up_profile(
    profile: &Profile,
    trigger: Trigger,
    lock_wait: Duration,
    progress: &dyn Progress,
) -> Vec<(PathBuf, Result<BackupOutcome, BackupError>)> {
    back_up_profile_with_clock(profile, trigger, lock_wait, &SystemClock, progress)
}

/// [`back_up_profile`], reading the time from `clock`.
pub fn back_up_profile_with_clock(
    profile: &Profile,
    trigger: Trigger,
    lock_wait: Duration,
    clock: &dyn Clock,
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
            (workbook.clone(), back_up_with_clock(&request, clock, progress))
        })
        .collect()
}

/// Makes one backup of one workbook.
pub fn back_up(request: &BackupRequest<'_>, progress: &dyn Progress) -> Result<BackupOutcome, BackupError> {
    back_up_with_clock(request, &SystemClock, progress)
}

/// Makes one backup of one workbook, reading the time from `clock`.
pub fn back_up_with_clock(
    request: &BackupRequest<'_>,
    clock: &dyn Clock,
    progress: &dyn Progress,
) -> Result<BackupOutcome, BackupError> {
    match back_up_once(request, clock, progress) {
        // Whatever failed once the user cancelled (the copy, or the read-back of a copy cut
        // short) failed because of the cancel: say that, not "unreadable". The temporary copy
        // is already gone and nothing was recorded.
        Err(e) if progress.cancelled() && !matches!(e, BackupError::Cancelled { .. }) => {
            tracing::info!("backup of {} cancelled ({e})", request.workbook.display());
            Err(BackupError::Cancelled {
                path: request.workbook.to_path_buf(),
            })
        }
        result => result,
    }
}

fn back_up_once(
    request: &BackupRequest<'_>,
    clock: &dyn Clock,
    progress: &dyn Progress,
) -> Result<BackupOutcome, BackupError> {
    let workbook = request.workbook;
    let workbook_name = workbook
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| BackupError::WorkbookMissing {
            path: workbook.to_path_buf(),
        })?;
    if let Some(encryption) = &request.profile.encryption {
        return sealed::back_up(request, encryption, &workbook_name, clock);
    }
    let before = source_state(workbook)?;

    let store = ProfileStore::new(&request.profile.backup_folder, &request.profile.name);
    store.ensure_exists()?;
    // A plain backup never writes into an encrypted folder (its profile lost its encryption
    // settings, or two profiles share a folder): the workbook would sit there in the clear.
    if is_sealed_folder(store.dir()) {
        return Err(SealedError::KindMismatch {
            path: store.dir().to_path_buf(),
        }
        .into());
    }
    let lock = store.lock(request.lock_wait)?;
    for leftover in store.remove_leftovers(&lock)? {
        tracing::info!(
            "removed a temporary file left by an interrupted run: {}",
            leftover.display()
        );
    }
    let mut catalog = store.load_catalog()?;
    let adopted = crate::store::adopt::adopt_unlisted(&store, &mut catalog, &request.profile.workbooks)?;
    if !adopted.is_empty() {
        store.save_catalog(&catalog, &lock)?;
    }
    // A deleted or stale SHA256SUMS is rewritten at the next write, as the format promises. It
    // is derived data: failing to mend it (a folder planted under its name) must not stop a
    // backup; the verifier reports it.
    if let Err(e) = store.mend_sums(&catalog, &lock) {
        tracing::warn!("could not rewrite the checksum list: {e}");
    }

    // What is really on disk for the newest version decides whether "unchanged" can be said.
    let newest = newest_on_disk(&store, &catalog, &workbook_name, request);

    // Fast path for the common "nothing changed" case (catch-up at start, a close without a
    // save): same size and time as the newest copy, so hash only and write nothing.
    if let NewestOnDisk::Intact(newest) = &newest
        && newest.bytes == before.bytes
        && newest.source_modified == Some(before.modified)
        && !is_racy(before.modified, SystemTime::now())
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
    let context = Finish {
        request,
        store: &store,
        lock: &lock,
        workbook_name: &workbook_name,
        clock,
        progress,
    };
    let outcome = finish_version(&context, &mut catalog, &newest, &temp, copied);
    if temp.exists() {
        // The temporary copy was not renamed into place; nobody needs it.
        let _ = fs::remove_file(&temp);
    }
    outcome
}

/// The newest version of a workbook as found on disk.
enum NewestOnDisk {
    /// No version yet.
    None,
    /// Present with its recorded size (and hash, where that was checked).
    Intact(Version),
    Missing(Version),
    Changed(Version),
}

/// Looks at the newest version's file. Its size is always checked; its SHA-256 too when the
/// file was modified after it was recorded (the catalog and the disk disagree) and before a
/// restore replaces the workbook, where the safety copy must not rest on a damaged version.
fn newest_on_disk(
    store: &ProfileStore,
    catalog: &Catalog,
    workbook_name: &str,
    request: &BackupRequest<'_>,
) -> NewestOnDisk {
    let Some(newest) = catalog.newest_of(workbook_name).cloned() else {
        return NewestOnDisk::None;
    };
    let modified = match store.presence(&newest) {
        Presence::Present { modified } => modified,
        Presence::Missing => return NewestOnDisk::Missing(newest),
        Presence::WrongSize { .. } | Presence::NotAFile | Presence::Unreadable => {
            return NewestOnDisk::Changed(newest);
        }
    };
    let recorded = newest.verified.map_or(newest.created, |v| v.max(newest.created));
    let touched_later = modified.is_none_or(|m| {
        DateTime::<Local>::from(m).fixed_offset()
            > recorded + chrono::Duration::from_std(RACY_WINDOW).unwrap_or_default()
    });
    if touched_later || request.trigger == Trigger::RestoreSafety {
        let same = copy::hash_stored(&store.version_path(&newest), &())
            .is_ok_and(|d| d.sha256 == newest.sha256 && d.bytes == newest.bytes);
        if !same {
            return NewestOnDisk::Changed(newest);
        }
    }
    NewestOnDisk::Intact(newest)
}

/// How long to wait before the second reading of a workbook modified at `modified`: long enough
/// that any later write must move the timestamp. A time with a fraction of a second comes from a
/// file system with fine timestamps, where the next clock tick (milliseconds) moves it, so a
/// short settle suffices; a whole-second time may come from a 1- or 2-second file system (FAT,
/// exFAT, some network shares), so the wait lasts until the window has passed.
fn racy_wait(modified: DateTime<FixedOffset>) -> Duration {
    use chrono::Timelike as _;
    if modified.nanosecond() != 0 {
        return RACY_SETTLE;
    }
    let window_ends = modified + chrono::Duration::from_std(RACY_WINDOW).unwrap_or_default();
    let left = (window_ends - Local::now().fixed_offset()).to_std().unwrap_or_default();
    left.clamp(RACY_SETTLE, RACY_WINDOW)
}

/// True when a file modified at `modified` may still have been written at `now` without its
/// timestamp showing it (git calls such a file "racily clean").
fn is_racy(modified: DateTime<FixedOffset>, now: SystemTime) -> bool {
    let now = DateTime::<Local>::from(now).fixed_offset();
    modified + chrono::Duration::from_std(RACY_WINDOW).unwrap_or_default() >= now
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
/// not change: same size and modification time before and after, every byte of its size read,
/// and, when the modification time is too recent to prove anything, a second reading after a
/// short wait that hashes equal to the copy. A workbook rewritten in place keeps its size, and
/// a coarse timestamp may not move, so only the second reading shows a copy that mixes two
/// saves (or caught a truncate-and-rewrite half-way).
fn copy_stable(
    store: &ProfileStore,
    workbook: &Path,
    workbook_name: &str,
    progress: &dyn Progress,
) -> Result<(PathBuf, Copied), BackupError> {
    for attempt in 1..=MAX_COPY_ATTEMPTS {
        let started = SystemTime::now();
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
                    CopyError::Cancelled => BackupError::Cancelled {
                        path: workbook.to_path_buf(),
                    },
                });
            }
        };
        let after = source_state(workbook)?;
        let mut still = after == before && digest.bytes == before.bytes;
        let racy = is_racy(before.modified, started);
        // Truncating a file shows its new size before its new time (the kernel sets them one
        // after the other), so an empty copy is never trusted on size and time alone.
        if still && (racy || digest.bytes == 0) {
            // An empty file modified a moment ago is a save that has truncated the workbook and
            // not yet written it again; never record it.
            still = !(racy && digest.bytes == 0);
            // Wait until any later write would have to move the timestamp (the window has
            // passed), then read again: the same bytes and the same size and time prove the
            // copy is one state the workbook really held.
            std::thread::sleep(racy_wait(before.modified));
            let again = copy::hash_file(workbook, &()).map_err(|e| BackupError::WorkbookUnreadable {
                path: workbook.to_path_buf(),
                source: e,
            })?;
            still = still && again == digest && source_state(workbook)? == before;
        }
        if still {
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
        std::thread::sleep(Duration::from_millis(300 * u64::from(attempt)));
    }
    Err(BackupError::KeptChanging {
        path: workbook.to_path_buf(),
    })
}

/// What [`finish_version`] works with besides the catalog and the copy.
struct Finish<'a, 'r> {
    request: &'a BackupRequest<'r>,
    store: &'a ProfileStore,
    lock: &'a StoreLock,
    workbook_name: &'a str,
    clock: &'a dyn Clock,
    progress: &'a dyn Progress,
}

/// Everything after the copy: compare with the newest version, flush, read back, check health,
/// rename, record, prune.
fn finish_version(
    context: &Finish<'_, '_>,
    catalog: &mut Catalog,
    newest: &NewestOnDisk,
    temp: &Path,
    copied: Copied,
) -> Result<BackupOutcome, BackupError> {
    let Finish {
        request,
        store,
        lock,
        workbook_name,
        clock,
        progress,
    } = *context;
    let Copied { digest, modified, file } = copied;
    if let NewestOnDisk::Intact(newest) = newest
        && newest.sha256 == digest.sha256
    {
        return Ok(BackupOutcome::Unchanged { newest: newest.clone() });
    }
    let mut warnings: Vec<BackupWarning> = newest_warning(store, newest, request.workbook).into_iter().collect();

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

    let created = clock.now();
    if let Some(latest) = catalog.newest()
        && latest.created > created
    {
        warnings.push(BackupWarning::ClockBehind {
            newest: store.version_path(latest),
            newest_time: latest.created,
            now: created,
        });
    }
    let file = unique_name(store, catalog, workbook_name, &created);
    let final_path = store.path_of(&file);
    fs::rename(temp, &final_path).map_err(|e| StoreError::from_write(&final_path, e))?;
    crate::fsutil::sync_dir(store.dir()).map_err(|e| StoreError::from_write(&final_path, e))?;

    if check.health.is_damaged() {
        warnings.push(BackupWarning::WorkbookDamaged {
            workbook: request.workbook.to_path_buf(),
            detail: check.detail.clone(),
        });
    }
    let version = Version {
        file,
        sequence: catalog.next_sequence(),
        sha256: digest.sha256.clone(),
        bytes: digest.bytes,
        created,
        source: crate::config::absolute(request.workbook),
        source_modified: Some(modified),
        trigger: request.trigger,
        host: crate::host::host_name(),
        health: check.health,
        health_detail: (check.health != health::Health::Healthy).then(|| check.detail.clone()),
        verified: Some(created),
        pin: None,
        summary: None,
    };
    catalog.versions.push(version.clone());
    let pruned = prune(catalog, workbook_name, &request.profile.keep);
    store.save_catalog(catalog, lock)?;
    for file in &pruned {
        // The catalog no longer lists it, so a failed delete only leaves an unlisted file that
        // the verifier reports; the user loses nothing.
        if let Err(e) = store.remove_version(file, lock) {
            warnings.push(BackupWarning::PruneFailed {
                path: store.path_of(file),
                reason: e.to_string(),
            });
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
        pruned: pruned.iter().map(ToString::to_string).collect(),
        warnings,
    })
}

/// Why a new version was made although the catalog's newest one may hold the same bytes.
fn newest_warning(store: &ProfileStore, newest: &NewestOnDisk, workbook: &Path) -> Option<BackupWarning> {
    match newest {
        NewestOnDisk::Missing(newest) => Some(BackupWarning::NewestMissing {
            version: store.version_path(newest),
            workbook: workbook.to_path_buf(),
        }),
        NewestOnDisk::Changed(newest) => Some(BackupWarning::NewestChanged {
            version: store.version_path(newest),
            workbook: workbook.to_path_buf(),
        }),
        NewestOnDisk::Intact(_) | NewestOnDisk::None => None,
    }
}

/// The first free version name for this second, adding `_002`, `_003`, … if needed.
pub(crate) fn unique_name(
    store: &ProfileStore,
    catalog: &Catalog,
    workbook_name: &str,
    created: &DateTime<FixedOffset>,
) -> VersionFileName {
    let mut attempt = 1;
    loop {
        let name = version_file_name(workbook_name, created, attempt);
        // symlink_metadata: a dangling link under the name also makes it taken.
        if !catalog.contains_file(name.as_str()) && fs::symlink_metadata(store.path_of(&name)).is_err() {
            return name;
        }
        attempt += 1;
    }
}

/// Removes from the catalog the versions of `workbook_name` the keep rules retire, and returns
/// the files that may be deleted: a file still listed by a kept entry (two entries for one file,
/// as a sync client merging two catalogs leaves) stays.
fn prune(catalog: &mut Catalog, workbook_name: &str, keep_rules: &crate::config::KeepRules) -> Vec<VersionFileName> {
    let retired = retention::retire(catalog, workbook_name, keep_rules);
    retention::remove_retired(catalog, &retired)
}
