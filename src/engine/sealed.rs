//! Backing up into an encrypted profile folder. The same promises as a plain backup (one
//! stable reading of the workbook, "unchanged" decided against the file on disk, nothing
//! recorded that was not read back, keep rules, crash safety), with the workbook encrypted on
//! its way to the backup folder: plaintext never touches the storage, not even in a temporary
//! file.
//!
//! Only public keys and this computer's own key are needed, so the agent backs up on close
//! without asking for the passphrase. This computer's key opens the catalog, never a version.

use std::fs;
use std::io::{self, Read as _, Write};
use std::path::Path;
use std::time::{Duration, SystemTime};

use sha2::{Digest as _, Sha256};

use super::{
    BackupError, BackupOutcome, BackupRequest, BackupWarning, Clock, MAX_COPY_ATTEMPTS, is_racy, racy_wait,
    source_state,
};
use crate::config::Encryption;
use crate::copy::{self, Digested};
use crate::crypto::{PublicKey, Sealer, SecretKey};
use crate::health;
use crate::retention;
use crate::store::sealed::{SealedCatalog, SealedError, SealedStore, SealedVersion, new_version_name};
use crate::store::{StoreError, Version, version_file_name};

/// The public keys of an encrypted profile, checked. The configuration is the only source:
/// `recipients.txt` in the backup folder is for people and could be changed by the storage.
pub fn recipients_of(encryption: &Encryption) -> Result<Vec<PublicKey>, SealedError> {
    let keys: Result<Vec<PublicKey>, _> = encryption.recipients.iter().map(|r| r.parse()).collect();
    match keys {
        Ok(keys) if !keys.is_empty() => Ok(keys),
        _ => Err(SealedError::RecipientsInvalid),
    }
}

/// This computer's key, which opens the catalog.
pub fn device_key(encryption: &Encryption) -> Result<SecretKey, SealedError> {
    let missing = || SealedError::DeviceKeyMissing {
        path: encryption.device_key.clone(),
    };
    let text = fs::read_to_string(&encryption.device_key).map_err(|_| missing())?;
    SecretKey::from_identity_text(&text).map_err(|_| missing())
}

/// Backs up one workbook of an encrypted profile.
/// A warning when the newest version listed carries a later time than `now`: the clock was
/// set back (order still comes from the catalog's sequence).
fn clock_behind(
    store: &SealedStore,
    catalog: &crate::store::sealed::SealedCatalog,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> Option<BackupWarning> {
    let latest = catalog
        .versions
        .iter()
        .map(|v| &v.version)
        .max_by_key(|v| v.order_key())
        .filter(|latest| latest.created > now)?;
    Some(BackupWarning::ClockBehind {
        newest: store.version_path(latest),
        newest_time: latest.created,
        now,
    })
}

pub(super) fn back_up(
    request: &BackupRequest<'_>,
    encryption: &Encryption,
    workbook_name: &str,
    clock: &dyn Clock,
) -> Result<BackupOutcome, BackupError> {
    let workbook = request.workbook;
    let before = source_state(workbook)?;
    let recipients = recipients_of(encryption)?;
    let store = SealedStore::new(&request.profile.backup_folder, &request.profile.name);
    let (lock, mut catalog) = open_for_writing(&store, encryption, request.lock_wait)?;

    let mut warnings = Vec::new();
    let intact = match newest_of(&store, &catalog, workbook_name) {
        Newest::Intact(v) => Some(v),
        Newest::None => None,
        Newest::Missing(v) => {
            warnings.push(BackupWarning::NewestMissing {
                version: store.version_path(&v),
                workbook: workbook.to_path_buf(),
            });
            None
        }
    };
    if let Some(newest) = &intact
        && unchanged_by_metadata(workbook, newest, before)?
    {
        return Ok(BackupOutcome::Unchanged { newest: newest.clone() });
    }

    let (plain, modified) = read_stable(workbook)?;
    let ((digest, check), sealed) = examine_and_seal(&plain, workbook, &store, &recipients);
    drop(plain);
    if let Some(newest) = &intact
        && newest.sha256 == digest.sha256
    {
        // Dropping `sealed` removes the temporary file.
        return Ok(BackupOutcome::Unchanged { newest: newest.clone() });
    }
    let sealed = sealed?;
    let check = check.map_err(|e| BackupError::WorkbookUnreadable {
        path: workbook.to_path_buf(),
        source: e,
    })?;
    let file = new_version_name().map_err(|e| StoreError::from_write(&store.versions_dir(), e))?;
    let stored = sealed.place(&store.versions_dir().join(file.as_str()))?;

    let created = clock.now();
    warnings.extend(clock_behind(&store, &catalog, created));
    if check.health.is_damaged() {
        warnings.push(BackupWarning::WorkbookDamaged {
            workbook: workbook.to_path_buf(),
            detail: check.detail.clone(),
        });
    }
    let version = Version {
        file,
        sequence: catalog.plain().next_sequence(),
        sha256: digest.sha256.clone(),
        bytes: digest.bytes,
        created,
        source: crate::config::absolute(workbook),
        source_modified: Some(modified),
        trigger: request.trigger,
        host: crate::host::host_name(),
        health: check.health,
        health_detail: (check.health != health::Health::Healthy).then(|| check.detail.clone()),
        verified: Some(created),
        pin: None, // no summary yet (reading needs the key), so no alarm and no pin
        summary: None,
    };
    catalog.versions.push(SealedVersion {
        name: readable_name(&catalog, workbook_name, &created),
        version: version.clone(),
        stored_sha256: stored.sha256,
        stored_bytes: stored.bytes,
    });
    catalog.sort();
    let retired = prune(&mut catalog, workbook_name, &request.profile.keep);
    store.save_catalog(&catalog, &recipients, &lock)?;
    for old in &retired {
        // No longer listed: a failed delete leaves an unlisted file the verifier reports.
        if let Err(e) = store.remove_version(&old.version, &lock) {
            warnings.push(BackupWarning::PruneFailed {
                path: store.version_path(&old.version),
                reason: e.to_string(),
            });
        }
    }
    tracing::info!(
        "backed up {} encrypted as {} ({} bytes, {})",
        workbook.display(),
        version.file,
        version.bytes,
        request.trigger.as_str()
    );
    Ok(BackupOutcome::Created {
        version,
        pruned: retired.iter().map(|v| v.name.clone()).collect(),
        warnings,
    })
}

/// Takes the writer lock, removes what a killed run left, and reads the catalog with this
/// computer's key.
fn open_for_writing(
    store: &SealedStore,
    encryption: &Encryption,
    lock_wait: Duration,
) -> Result<(crate::store::StoreLock, SealedCatalog), BackupError> {
    let device = device_key(encryption)?;
    store.ensure_exists()?;
    let lock = store.lock(lock_wait)?;
    for leftover in store.remove_leftovers(&lock)? {
        tracing::info!(
            "removed a temporary file left by an interrupted run: {}",
            leftover.display()
        );
    }
    match store.load_catalog(&[&device]) {
        Err(SealedError::NotForThisKey { .. }) => Err(SealedError::DeviceKeyMissing {
            path: encryption.device_key.clone(),
        }
        .into()),
        other => Ok((lock, other?)),
    }
}

/// The fast path for the common "nothing changed" case (a close without a save): same size and
/// time as the newest version, so the workbook is only hashed and nothing is encrypted.
fn unchanged_by_metadata(workbook: &Path, newest: &Version, before: super::SourceState) -> Result<bool, BackupError> {
    if newest.bytes != before.bytes
        || newest.source_modified != Some(before.modified)
        || is_racy(before.modified, SystemTime::now())
    {
        return Ok(false);
    }
    let digest = copy::hash_file(workbook, &()).map_err(|e| BackupError::WorkbookUnreadable {
        path: workbook.to_path_buf(),
        source: e,
    })?;
    Ok(digest.sha256 == newest.sha256)
}

/// The newest version of a workbook as found on disk: its ciphertext file present with its
/// recorded size. (Its hash is checked by `verify --full` and by every restore.)
enum Newest {
    None,
    Intact(Version),
    Missing(Version),
}

fn newest_of(store: &SealedStore, catalog: &SealedCatalog, workbook_name: &str) -> Newest {
    let Some(newest) = catalog
        .versions
        .iter()
        .filter(|v| v.version.workbook_name() == workbook_name)
        .max_by_key(|v| v.version.order_key())
    else {
        return Newest::None;
    };
    match fs::symlink_metadata(store.version_path(&newest.version)) {
        Ok(meta) if meta.is_file() && meta.len() == newest.stored_bytes => Newest::Intact(newest.version.clone()),
        _ => Newest::Missing(newest.version.clone()),
    }
}

/// Reads the whole workbook into memory until one reading is a state the workbook really held
/// (the rule of the plain engine's `copy_stable`). The health check and the encryption both
/// work from these bytes, so no plaintext copy is ever written anywhere.
fn read_stable(workbook: &Path) -> Result<(Vec<u8>, chrono::DateTime<chrono::FixedOffset>), BackupError> {
    let unreadable = |e: io::Error| {
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
    };
    for attempt in 1..=MAX_COPY_ATTEMPTS {
        let started = SystemTime::now();
        let before = source_state(workbook)?;
        let mut bytes = Vec::new();
        copy::open_for_reading(workbook)
            .and_then(|mut f| f.read_to_end(&mut bytes))
            .map_err(unreadable)?;
        let length = bytes.len() as u64;
        let mut still = source_state(workbook)? == before && length == before.bytes;
        let racy = is_racy(before.modified, started);
        if still && (racy || length == 0) {
            still = !(racy && length == 0);
            std::thread::sleep(racy_wait(before.modified));
            // Compared byte for byte with what is in memory: equality is all that is asked,
            // and a comparison costs less than a hash.
            still = still && same_bytes(workbook, &bytes).map_err(unreadable)? && source_state(workbook)? == before;
        }
        if still {
            return Ok((bytes, before.modified));
        }
        tracing::info!("{} changed during reading {attempt}; reading again", workbook.display());
        std::thread::sleep(Duration::from_millis(300 * u64::from(attempt)));
    }
    Err(BackupError::KeptChanging {
        path: workbook.to_path_buf(),
    })
}

/// A writer that hashes and counts what passes through it.
struct Hashing<W> {
    inner: W,
    hasher: Sha256,
    bytes: u64,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// The workbook's hash (to know whether it changed, and for the catalog) and its health check,
/// on a second core while this one encrypts `plain` into a temporary file: encryption needs
/// neither, and doing them one after the other was most of what encryption added over a plain
/// backup (docs/benchmarks.md). In the rare case the bytes turn out unchanged, dropping the
/// temporary file removes it.
fn examine_and_seal(
    plain: &[u8],
    workbook: &Path,
    store: &SealedStore,
    recipients: &[PublicKey],
) -> (
    (Digested, io::Result<health::HealthCheck>),
    Result<SealedTemp, BackupError>,
) {
    std::thread::scope(|s| {
        let examining = s.spawn(|| {
            let digest = Digested {
                sha256: copy::sha256_hex(plain),
                bytes: plain.len() as u64,
            };
            (digest, health::check_bytes_named(plain, workbook))
        });
        let sealed = seal_to_temp(store, plain, recipients);
        let examined = examining
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (examined, sealed)
    })
}

/// True when the file at `path` holds exactly `bytes`.
fn same_bytes(path: &Path, bytes: &[u8]) -> io::Result<bool> {
    let mut file = copy::open_for_reading(path)?;
    let mut buffer = vec![0u8; 1 << 20];
    let mut at = 0usize;
    loop {
        let n = match file.read(&mut buffer) {
            Ok(0) => return Ok(at == bytes.len()),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if bytes.get(at..at + n) != Some(&buffer[..n]) {
            return Ok(false);
        }
        at += n;
    }
}

/// An encrypted version written to a temporary file in `v/`, flushed and read back. Removed
/// when dropped unless [`SealedTemp::place`] gave it its name.
struct SealedTemp {
    path: std::path::PathBuf,
    written: Digested,
    placed: bool,
}

impl SealedTemp {
    /// Renames the file to `final_path` and makes the rename durable. Returns the
    /// ciphertext's hash and size.
    fn place(mut self, final_path: &Path) -> Result<Digested, BackupError> {
        fs::rename(&self.path, final_path).map_err(|e| StoreError::from_write(final_path, e))?;
        self.placed = true;
        let dir = final_path.parent().unwrap_or(Path::new("."));
        crate::fsutil::sync_dir(dir).map_err(|e| StoreError::from_write(final_path, e))?;
        Ok(self.written.clone())
    }
}

impl Drop for SealedTemp {
    fn drop(&mut self) {
        if !self.placed
            && let Err(e) = fs::remove_file(&self.path)
            && e.kind() != io::ErrorKind::NotFound
        {
            // The next run's leftover sweep removes it.
            tracing::debug!("could not remove {}: {e}", self.path.display());
        }
    }
}

/// Encrypts `plain` into a temporary file in `v/`, flushes it, reads it back and compares the
/// ciphertext's hash with the one taken while writing.
fn seal_to_temp(store: &SealedStore, plain: &[u8], recipients: &[PublicKey]) -> Result<SealedTemp, BackupError> {
    let path = crate::fsutil::temp_path_for(&store.versions_dir(), "sealed");
    let write_err = |e: io::Error| BackupError::from(StoreError::from_write(&path, e));
    let file = crate::fsutil::create_new(&path).map_err(write_err)?;
    // From here on the guard removes the file on every early return.
    let mut temp = SealedTemp {
        path: path.clone(),
        written: Digested {
            sha256: String::new(),
            bytes: 0,
        },
        placed: false,
    };
    let hashing = Hashing {
        inner: io::BufWriter::with_capacity(1 << 20, file),
        hasher: Sha256::new(),
        bytes: 0,
    };
    let mut sealer = Sealer::new(hashing, recipients).map_err(write_err)?;
    sealer.write_all(plain).map_err(write_err)?;
    let hashing = sealer.finish().map_err(write_err)?;
    temp.written = Digested {
        sha256: hex::encode(hashing.hasher.finalize()),
        bytes: hashing.bytes,
    };
    let file = hashing.inner.into_inner().map_err(|e| write_err(e.into_error()))?;
    file.sync_all().map_err(write_err)?;
    drop(file);
    // A copy that was never read back is a hope, not a backup.
    let reread = copy::hash_file(&path, &()).map_err(|e| StoreError::Read {
        path: path.clone(),
        source: e,
    })?;
    if reread != temp.written {
        return Err(BackupError::ReadBackMismatch { path });
    }
    Ok(temp)
}

/// The name the version would have in a plain folder, with the `_NNN` suffix a plain folder
/// would give a second version within the same second: restore and `versions` pick a version
/// by this name, so two versions must never share it.
fn readable_name(
    catalog: &SealedCatalog,
    workbook_name: &str,
    created: &chrono::DateTime<chrono::FixedOffset>,
) -> String {
    let mut attempt = 1;
    loop {
        let name = version_file_name(workbook_name, created, attempt).to_string();
        if catalog.versions.iter().all(|v| v.name != name) {
            return name;
        }
        attempt += 1;
    }
}

/// Takes the versions the keep rules retire out of the catalog and returns them.
fn prune(catalog: &mut SealedCatalog, workbook_name: &str, rules: &crate::config::KeepRules) -> Vec<SealedVersion> {
    let retired = retention::retire(&catalog.plain(), workbook_name, rules);
    let mut out = Vec::new();
    let mut index = 0;
    catalog.versions.retain(|v| {
        let keep = !retired.contains(&index);
        index += 1;
        if !keep {
            out.push(v.clone());
        }
        keep
    });
    out
}
