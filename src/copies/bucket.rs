//! Second copies of an encrypted profile on company storage: the main folder's ciphertext is
//! mirrored into this computer's folder of the user's bucket (`<device>/v/<id>.age`,
//! `<device>/catalog.toml.age`, `<device>/SHA256SUMS`, and the clear `key.age`,
//! `recipients.txt`, `README.txt` so the bucket alone restores with the passphrase or the
//! recovery sheet). No object key carries a workbook's or profile's name.
//!
//! The order is the folder mirror's (`copies::sealed`), because the server offers no
//! create-only puts and no transactions: every version object has a unique key and is never
//! rewritten; the catalog, then `SHA256SUMS`, are replaced last; objects the new sums no
//! longer list are deleted only after that. A run killed (or a server gone) at any instant
//! leaves the old sums describing objects that are all still there. Each upload carries its
//! SHA-256, which the server checks, and is confirmed before it counts.

use std::collections::{HashMap, HashSet};
use std::io;
use std::time::Duration;

use super::sealed::{ATTEMPTS, CLEAR_FILES, Snapshot, read_whole, snapshot, still_listed};
use super::transfer::Transfer;
use super::{CopiesError, CopyNote};
use crate::config::{Destination, Profile, S3Destination, SecretPlace};
use crate::crypto::SecretKey;
use crate::progress::Progress;
use crate::s3::{self, Client, S3Error, UploadJournal};
use crate::store::SUMS_FILE;
use crate::store::sealed::{KEY_FILE, SEALED_CATALOG_FILE, SealedStore, VERSIONS_DIR, is_opaque_name, parse_sums};

/// What a check of one company-storage second copy found (and, when asked, mended).
#[derive(Debug)]
pub struct BucketCheck {
    /// The report of this computer's folder, or why it could not be checked (an unreachable
    /// server is waiting, not damage: see [`CopiesError::is_away`]).
    pub outcome: Result<crate::company::DeviceReport, CopiesError>,
    /// The version files sent again by the mend.
    pub repaired: Vec<String>,
}

impl BucketCheck {
    /// True when nothing needs the user: all intact, or the server away (reported as waiting
    /// by the copy's own state).
    pub fn is_ok(&self) -> bool {
        match &self.outcome {
            Ok(report) => report.is_clean(),
            Err(e) => e.is_away(),
        }
    }
}

/// Checks this computer's folder in the bucket without any key: every file its `SHA256SUMS`
/// lists present with that SHA-256. With `mend`, a damaged object is deleted and the copy run
/// again, which sends every version the bucket lacks from the main folder (the server checks
/// each against its SHA-256), then the folder is checked again. `sheetsafe verify` and the
/// agent's scheduled check both come here.
pub fn check(
    profile: &Profile,
    dest: &Destination,
    s3: &S3Destination,
    mend: bool,
    lock_wait: Duration,
) -> BucketCheck {
    let report = || -> Result<crate::company::DeviceReport, CopiesError> {
        let client = connect(dest, s3)?;
        Ok(crate::company::check_device(&client, &s3.device)?)
    };
    let mut outcome = report();
    let mut repaired = Vec::new();
    if mend && outcome.as_ref().is_ok_and(|r| !r.is_clean()) {
        if let (Ok(found), Ok(client)) = (&outcome, connect(dest, s3)) {
            for name in &found.damaged_files {
                if let Err(e) = client.delete(&format!("{}/{name}", s3.device)) {
                    tracing::warn!("could not delete the damaged {name} in {}: {e}", s3.url);
                }
            }
        }
        if let Ok(runs) = super::run_now(
            profile,
            std::slice::from_ref(&dest.name),
            chrono::Local::now(),
            lock_wait,
            &(),
        ) {
            repaired = runs.into_iter().flat_map(|r| r.copied).collect();
        }
        outcome = report();
    }
    BucketCheck { outcome, repaired }
}

/// Where the configuration says the secret of `s3` is kept.
pub fn secret_place(s3: &S3Destination) -> s3::secret::Place<'_> {
    match s3.secret_in {
        SecretPlace::File => s3::secret::Place::File(&s3.secret_file),
        SecretPlace::CredentialStore => s3::secret::Place::Store { device: &s3.device },
    }
}

/// A client for the destination's bucket, with the secret read from where it is kept.
pub fn connect(dest: &Destination, s3: &S3Destination) -> Result<Client, CopiesError> {
    let secret = s3::secret::read(secret_place(s3)).map_err(|e| match e {
        s3::secret::SecretError::File { path, source } => CopiesError::SecretUnreadable {
            destination: dest.name.clone(),
            path,
            source,
        },
        s3::secret::SecretError::Store { store, reason } => CopiesError::SecretStoreUnavailable {
            destination: dest.name.clone(),
            store,
            reason,
        },
    })?;
    let (endpoint, bucket) = s3.endpoint_and_bucket().ok_or_else(|| S3Error::BadAddress {
        address: s3.url.clone(),
    })?;
    let server = s3::Server {
        endpoint,
        bucket,
        region: s3.region.clone(),
        key_id: s3.access_key_id.clone(),
    };
    Ok(Client::new(&server, &secret)?)
}

/// Brings this computer's folder in the bucket up to date with the main folder at
/// `main_dir`. Returns `Err` when the run had to stop; `done` says what was finished before.
pub fn transfer(
    dest: &Destination,
    s3: &S3Destination,
    main_dir: &std::path::Path,
    lock_wait: Duration,
    progress: &dyn Progress,
    done: &mut Transfer,
    journal: &dyn UploadJournal,
) -> Result<(), CopiesError> {
    let client = connect(dest, s3)?;
    let source = SealedStore::at(main_dir.to_path_buf());
    let prefix = format!("{}/", s3.device);
    abort_unfinished(&client, &prefix, journal);
    for _ in 0..ATTEMPTS {
        let snapshot = snapshot(&source, lock_wait)?;
        *done = Transfer::default();
        let remote = Remote::read(&client, &prefix)?;
        let sending = Sending {
            client: &client,
            journal,
            progress,
        };
        if upload_versions(&sending, &prefix, &source, &snapshot, &remote, done)? {
            finish(&client, &prefix, &source, &snapshot, &remote, done)?;
            return Ok(());
        }
        tracing::info!("the main folder changed during the upload to {}; starting over", s3.url);
    }
    Err(CopiesError::SourceBusy {
        path: source.dir().to_path_buf(),
    })
}

/// Aborts the multipart uploads a killed run left unfinished, whose parts take space in the
/// bucket until then. Only uploads under this computer's folder are touched: a note naming
/// another key (a hand-edited or planted `copies.toml`) is dropped unheeded. One that cannot be
/// aborted now (the server away) stays noted for the next run.
fn abort_unfinished(client: &Client, prefix: &str, journal: &dyn UploadJournal) {
    for (key, upload_id) in journal.unfinished() {
        if !key.starts_with(prefix) || key.contains("..") {
            tracing::warn!(
                key,
                "company storage: a noted upload outside this computer's folder is ignored"
            );
            journal.ended(&key, &upload_id);
            continue;
        }
        match client.abort_upload(&key, &upload_id) {
            Ok(()) => {
                tracing::info!(key, "company storage: aborted an upload a stopped run left unfinished");
                journal.ended(&key, &upload_id);
            }
            Err(e) => tracing::warn!(
                key,
                "company storage: an unfinished upload could not be aborted yet: {e}"
            ),
        }
    }
}

/// What sends the versions: the bucket's client, the note of uploads under way, the progress.
struct Sending<'a> {
    client: &'a Client,
    journal: &'a dyn UploadJournal,
    progress: &'a dyn Progress,
}

/// What the bucket holds for this computer: its sums (what earlier runs confirmed) and the
/// version objects present, with their sizes.
struct Remote {
    sums: Option<Vec<u8>>,
    listed: HashMap<String, String>,
    objects: HashMap<String, u64>,
}

impl Remote {
    fn read(client: &Client, prefix: &str) -> Result<Remote, CopiesError> {
        let sums = client.get_bytes(&format!("{prefix}{SUMS_FILE}"))?;
        let listed = sums
            .as_deref()
            .map(|bytes| parse_sums(&String::from_utf8_lossy(bytes)))
            .unwrap_or_default()
            .into_iter()
            .map(|(hash, name)| (name, hash))
            .collect();
        let objects = client
            .list(&format!("{prefix}{VERSIONS_DIR}/"), false)?
            .objects
            .into_iter()
            .map(|o| (o.key, o.size))
            .collect();
        Ok(Remote { sums, listed, objects })
    }
}

/// Uploads every listed version the bucket lacks, newest first. Returns `false` when a
/// version vanished from the main folder because a backup retired it meanwhile.
fn upload_versions(
    sending: &Sending<'_>,
    prefix: &str,
    source: &SealedStore,
    snapshot: &Snapshot,
    remote: &Remote,
    done: &mut Transfer,
) -> Result<bool, CopiesError> {
    let client = sending.client;
    for (id, sha256) in snapshot.versions.iter().rev() {
        let name = format!("{VERSIONS_DIR}/{id}");
        let key = format!("{prefix}{name}");
        let path = source.versions_dir().join(id);
        // What the bucket's sums vouch for is trusted as a folder's sums are, as long as the
        // object is there with the size of the file here: a listing costs nothing per object,
        // and an object replaced or cut short on the server is sent again. Same-size damage is
        // what `admin report` reads the checksums for.
        let local_size = std::fs::symlink_metadata(&path).map(|m| m.len()).ok();
        if remote.listed.get(&name) == Some(sha256)
            && remote.objects.get(&key).is_some_and(|size| Some(*size) == local_size)
        {
            done.already_there += 1;
            continue;
        }
        // A run stopped after an upload but before the sums listed it: the server's checksum
        // recognises it, so it is not sent again.
        if remote.objects.contains_key(&key)
            && client.head(&key)?.and_then(|h| h.sha256).as_deref() == Some(sha256.as_str())
        {
            done.copied.push(name);
            continue;
        }
        match client.put_file(&key, &path, sha256, sending.progress, sending.journal) {
            Ok(_) => done.copied.push(name),
            Err(S3Error::Local { source: e, .. }) if e.kind() == io::ErrorKind::NotFound => {
                if !still_listed(source, id) {
                    return Ok(false);
                }
                return Err(CopiesError::SourceMissing { path });
            }
            Err(S3Error::Local { source: e, .. }) => {
                return Err(CopiesError::Store(crate::store::StoreError::Read { path, source: e }));
            }
            // The server checked the bytes against the hash the main folder's sums list.
            Err(S3Error::ChecksumRejected { .. }) => return Err(CopiesError::SourceDamaged { path }),
            Err(e) => return Err(e.into()),
        }
    }
    Ok(true)
}

/// The clear files, the catalog and `SHA256SUMS` (each only when it differs), then the
/// deletion of version objects the new sums no longer list.
fn finish(
    client: &Client,
    prefix: &str,
    source: &SealedStore,
    snapshot: &Snapshot,
    remote: &Remote,
    done: &mut Transfer,
) -> Result<(), CopiesError> {
    for name in CLEAR_FILES {
        let Ok(bytes) = read_whole(&source.dir().join(name)) else {
            // The main folder's own finding (`verify` reports a missing key.age).
            continue;
        };
        let key = format!("{prefix}{name}");
        let sha256 = crate::copy::sha256_hex(&bytes);
        if client.head(&key)?.and_then(|h| h.sha256).as_deref() == Some(sha256.as_str()) {
            continue;
        }
        // Nothing vouches for key.age: one not even shaped like a locked key is damage and
        // must not replace the bucket's good one.
        if name == KEY_FILE && !SecretKey::looks_locked(&bytes) {
            done.problems.push(CopyNote::KeyNotCopied {
                from: source.key_path(),
                kept: std::path::PathBuf::from(&key),
            });
            continue;
        }
        client.put_bytes(&key, &bytes)?;
    }
    let catalog_sha256 = crate::copy::sha256_hex(&snapshot.catalog);
    let catalog_key = format!("{prefix}{SEALED_CATALOG_FILE}");
    // Asked of the server, not of the bucket's sums: a catalog deleted or damaged there is
    // put back even when the sums still list the right hash.
    if remote.listed.get(SEALED_CATALOG_FILE) != Some(&catalog_sha256)
        || client.head(&catalog_key)?.and_then(|h| h.sha256).as_deref() != Some(catalog_sha256.as_str())
    {
        client.put_bytes(&catalog_key, &snapshot.catalog)?;
    }
    if remote.sums.as_deref() != Some(snapshot.sums.as_slice()) {
        client.put_bytes(&format!("{prefix}{SUMS_FILE}"), &snapshot.sums)?;
    }
    let listed: HashSet<String> = snapshot
        .versions
        .iter()
        .map(|(id, _)| format!("{prefix}{VERSIONS_DIR}/{id}"))
        .collect();
    let versions_prefix = format!("{prefix}{VERSIONS_DIR}/");
    for key in remote.objects.keys() {
        let id = key.strip_prefix(&versions_prefix).unwrap_or_default();
        // Only opaque names are ours to remove; anything else someone put there stays.
        if listed.contains(key) || !is_opaque_name(id) {
            continue;
        }
        match client.delete(key) {
            Ok(()) => done.pruned.push(format!("{VERSIONS_DIR}/{id}")),
            // Unlisted already, so a failed delete leaves an object the report counts as
            // unlisted; nothing is lost, and the next run tries again.
            Err(e) => tracing::warn!("could not delete the retired copy {key}: {e}"),
        }
    }
    Ok(())
}
