//! Second copies of an encrypted profile (store format 2): the destination mirrors the main
//! folder's ciphertext, decided from the clear `SHA256SUMS` alone.
//!
//! The agent holds no key that opens versions, and its own device key belongs to the main
//! folder's catalog, so nothing here decrypts anything: every file `SHA256SUMS` lists is copied
//! by its SHA-256 (through a temporary file, flushed, read back, renamed), then `key.age`,
//! `recipients.txt` and `README.txt` (so the copy alone restores with the passphrase, the
//! recovery sheet or the `age` tool), then the catalog and last `SHA256SUMS`, each by rename.
//! Until the new sums are in place the destination's old catalog and sums describe files that
//! are all still there, so a run killed at any instant leaves a consistent older state or the
//! new one. Files the new sums no longer list (versions the main folder's keep rules retired,
//! or leftovers of an interrupted run) are removed only after that.
//!
//! A destination's own keep rules would need the catalog to know which version is which, so
//! an encrypted profile's destination keeps exactly what the main folder keeps.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::{self, Read as _, Write as _};
use std::path::Path;
use std::time::Duration;

use super::transfer::{Transfer, remove_quietly, vanished_or};
use super::{CopiesError, CopyNote};
use crate::config::{Destination, Profile};
use crate::copy::{self, CopyError};
use crate::crypto::SecretKey;
use crate::fsutil;
use crate::progress::Progress;
use crate::store::sealed::{
    KEY_FILE, README_FILE, RECIPIENTS_FILE, SEALED_CATALOG_FILE, SealedError, SealedStore, VERSIONS_DIR,
    is_opaque_name, parse_sums,
};
use crate::store::{CATALOG_FILE, SUMS_FILE, StoreError};

/// How often a run starts over when the main folder's keep rules retired a version while it
/// was being copied; more than that means backups keep coming, and the next run finishes.
pub(super) const ATTEMPTS: usize = 3;

/// The clear files a copy carries besides the listed ones, so it restores on its own.
pub(super) const CLEAR_FILES: [&str; 3] = [KEY_FILE, RECIPIENTS_FILE, README_FILE];

/// The main folder's `SHA256SUMS` and catalog, read together under its lock so they agree.
pub(super) struct Snapshot {
    /// `SHA256SUMS` exactly as written in the main folder.
    pub(super) sums: Vec<u8>,
    /// The opaque version files it lists (without `v/`) and their SHA-256, in its order.
    pub(super) versions: Vec<(String, String)>,
    /// `catalog.toml.age` as written in the main folder.
    pub(super) catalog: Vec<u8>,
}

/// How many version files the main folder at `main_dir` lists that the destination's folder
/// `dest_dir` does not list with the same SHA-256 (what its next run copies).
pub fn lacking(main_dir: &Path, dest_dir: &Path) -> usize {
    let held: HashSet<(String, String)> = SealedStore::at(dest_dir.to_path_buf())
        .listed_in_sums()
        .into_iter()
        .collect();
    SealedStore::at(main_dir.to_path_buf())
        .listed_in_sums()
        .into_iter()
        .filter(|entry| entry.1 != SEALED_CATALOG_FILE && !held.contains(entry))
        .count()
}

/// True when the main folder lists no version yet (no backup made, or its sums are missing).
pub fn nothing_listed(main_dir: &Path) -> bool {
    SealedStore::at(main_dir.to_path_buf())
        .listed_in_sums()
        .iter()
        .all(|(_, name)| name == SEALED_CATALOG_FILE)
}

/// Brings the destination's encrypted profile folder up to date with the main one at
/// `main_dir`. Returns `Err` when the run had to stop; `done` says what was finished before.
pub fn transfer(
    profile: &Profile,
    dest: &Destination,
    main_dir: &Path,
    lock_wait: Duration,
    progress: &dyn Progress,
    done: &mut Transfer,
) -> Result<(), CopiesError> {
    if !dest.folder.is_dir() {
        return Err(CopiesError::Absent {
            path: dest.folder.clone(),
        });
    }
    let source = SealedStore::at(main_dir.to_path_buf());
    let store = SealedStore::new(&dest.folder, &profile.name);
    let gone = |e: StoreError| vanished_or(dest, e);
    prepare(dest, &store)?;
    let lock = store.lock(lock_wait).map_err(gone)?;
    for leftover in store.remove_leftovers(&lock).map_err(gone)? {
        tracing::info!(
            "removed a temporary file left by an interrupted copy: {}",
            leftover.display()
        );
    }
    for _ in 0..ATTEMPTS {
        let snapshot = snapshot(&source, lock_wait)?;
        *done = Transfer::default();
        if mirror(dest, &source, &store, &snapshot, progress, done)? {
            finish(dest, &source, &store, &snapshot, progress, done)?;
            return Ok(());
        }
        tracing::info!(
            "the main folder changed during the copy to {}; starting over",
            store.dir().display()
        );
    }
    Err(CopiesError::SourceBusy {
        path: source.dir().to_path_buf(),
    })
}

/// Makes the destination's profile folder and its `v/`. Only those two levels are made: the
/// destination folder itself must be there, or an unplugged drive's empty mount point would
/// receive the copies. A plain store there is refused, never mixed with ciphertext.
fn prepare(dest: &Destination, store: &SealedStore) -> Result<(), CopiesError> {
    make_dir(dest, store.dir())?;
    if fs::symlink_metadata(store.dir().join(CATALOG_FILE)).is_ok() {
        return Err(SealedError::KindMismatch {
            path: store.dir().to_path_buf(),
        }
        .into());
    }
    make_dir(dest, &store.versions_dir())
}

fn make_dir(dest: &Destination, dir: &Path) -> Result<(), CopiesError> {
    if dir.is_dir() {
        return Ok(());
    }
    fs::create_dir(dir)
        .or_else(|e| if dir.is_dir() { Ok(()) } else { Err(e) })
        .map_err(|e| vanished_or(dest, StoreError::from_write(&dir.join("x"), e)))
}

/// Reads the main folder's `SHA256SUMS` and catalog under its lock (held for just that), so a
/// backup never leaves them half-way between two states for us, and checks they agree.
pub(super) fn snapshot(source: &SealedStore, lock_wait: Duration) -> Result<Snapshot, CopiesError> {
    let sums_path = source.dir().join(SUMS_FILE);
    let catalog_path = source.catalog_path();
    let (sums, catalog) = {
        let _lock = source.lock(lock_wait)?;
        (read_whole(&sums_path)?, read_whole(&catalog_path)?)
    };
    let text = String::from_utf8_lossy(&sums);
    let mut versions = Vec::new();
    let mut catalog_sha256 = None;
    for (hash, name) in parse_sums(&text) {
        if name == SEALED_CATALOG_FILE {
            catalog_sha256 = Some(hash);
        } else if let Some(id) = name.strip_prefix(&format!("{VERSIONS_DIR}/"))
            && is_opaque_name(id)
        {
            versions.push((id.to_string(), hash));
        } else {
            return Err(CopiesError::SourceSumsInvalid { path: sums_path, name });
        }
    }
    if catalog_sha256.as_deref() != Some(copy::sha256_hex(&catalog).as_str()) {
        return Err(CopiesError::SourceSumsStale { path: sums_path });
    }
    Ok(Snapshot {
        sums,
        versions,
        catalog,
    })
}

/// Copies every listed version the destination lacks, newest first (the sums list oldest
/// first, so a drive pulled out half-way already holds the most recent work). Returns `false`
/// when a version vanished from the main folder because a backup retired it meanwhile: the
/// caller starts over from fresh sums.
fn mirror(
    dest: &Destination,
    source: &SealedStore,
    store: &SealedStore,
    snapshot: &Snapshot,
    progress: &dyn Progress,
    done: &mut Transfer,
) -> Result<bool, CopiesError> {
    // What the destination's own sums vouch for is trusted as a plain destination's catalog
    // is; `verify --full` and `verify --repair` look at the bytes.
    let held: HashMap<String, String> = store
        .listed_in_sums()
        .into_iter()
        .map(|(hash, name)| (name, hash))
        .collect();
    for (id, sha256) in snapshot.versions.iter().rev() {
        let target = store.versions_dir().join(id);
        if held.get(&format!("{VERSIONS_DIR}/{id}")) == Some(sha256)
            && fs::symlink_metadata(&target).is_ok_and(|m| m.is_file())
        {
            done.already_there += 1;
            continue;
        }
        // A run stopped after renaming a copy into place but before the sums left it unlisted:
        // recognise it by its bytes instead of copying it again.
        if fs::symlink_metadata(&target).is_ok_and(|m| m.is_file())
            && copy::hash_stored(&target, progress).is_ok_and(|d| d.sha256 == *sha256)
        {
            done.copied.push(format!("{VERSIONS_DIR}/{id}"));
            continue;
        }
        let from = source.versions_dir().join(id);
        match place_copy(dest, &from, &store.versions_dir(), id, Some(sha256.as_str()), progress) {
            Ok(()) => done.copied.push(format!("{VERSIONS_DIR}/{id}")),
            Err(CopiesError::SourceMissing { .. }) if !still_listed(source, id) => return Ok(false),
            Err(e) => return Err(e),
        }
    }
    Ok(true)
}

/// Whether the main folder's current sums still list the version file `id`.
pub(super) fn still_listed(source: &SealedStore, id: &str) -> bool {
    let name = format!("{VERSIONS_DIR}/{id}");
    source.listed_in_sums().iter().any(|(_, n)| *n == name)
}

/// The clear files, then the catalog, then `SHA256SUMS` (each only when it differs), and last
/// the removal of version files the new sums no longer list.
fn finish(
    dest: &Destination,
    source: &SealedStore,
    store: &SealedStore,
    snapshot: &Snapshot,
    progress: &dyn Progress,
    done: &mut Transfer,
) -> Result<(), CopiesError> {
    for name in CLEAR_FILES {
        let from = source.dir().join(name);
        // A clear file missing in the main folder is the main folder's finding (`verify`
        // reports a missing key.age); the copy keeps whatever it has.
        if fs::symlink_metadata(&from).is_err() {
            continue;
        }
        if same_bytes(&from, &store.dir().join(name)) {
            continue;
        }
        // key.age is listed nowhere, so nothing vouches for it: one that is not even shaped
        // like a passphrase-locked key is damage, and must not replace the copy's good one.
        if name == KEY_FILE && !read_whole(&from).is_ok_and(|bytes| SecretKey::looks_locked(&bytes)) {
            done.problems.push(CopyNote::KeyNotCopied {
                from: from.clone(),
                kept: store.key_path(),
            });
            continue;
        }
        place_copy(dest, &from, store.dir(), name, None, progress)?;
    }
    if read_whole(&store.catalog_path()).ok().as_deref() != Some(snapshot.catalog.as_slice()) {
        place_bytes(dest, store.dir(), SEALED_CATALOG_FILE, &snapshot.catalog)?;
    }
    if read_whole(&store.dir().join(SUMS_FILE)).ok().as_deref() != Some(snapshot.sums.as_slice()) {
        place_bytes(dest, store.dir(), SUMS_FILE, &snapshot.sums)?;
    }
    let listed: HashSet<&str> = snapshot.versions.iter().map(|(id, _)| id.as_str()).collect();
    let files = store.version_files().map_err(|e| vanished_or(dest, e))?;
    // Only opaque names are ours to remove: a file someone else put in `v/` stays.
    for id in files
        .iter()
        .filter(|n| is_opaque_name(n) && !listed.contains(n.as_str()))
    {
        let path = store.versions_dir().join(id);
        match fs::remove_file(&path) {
            Ok(()) => done.pruned.push(format!("{VERSIONS_DIR}/{id}")),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            // Unlisted already, so a failed delete leaves a file the verifier notes; nothing is lost.
            Err(e) => done.problems.push(CopyNote::OldCopyNotDeleted {
                error: std::sync::Arc::new(StoreError::from_write(&path, e)),
                path,
            }),
        }
    }
    fsutil::sync_dir(&store.versions_dir())
        .map_err(|e| vanished_or(dest, StoreError::from_write(&store.versions_dir().join("x"), e)))?;
    Ok(())
}

/// True when both files can be read and hold the same bytes (both are small clear files).
fn same_bytes(a: &Path, b: &Path) -> bool {
    matches!((read_whole(a), read_whole(b)), (Ok(x), Ok(y)) if x == y)
}

/// Copies `from` to `dir/name` through a temporary file in `dir`: hashed while copied, checked
/// against `expected` (the SHA-256 the main folder's sums list) when given, flushed, read back
/// and compared, then renamed into place.
fn place_copy(
    dest: &Destination,
    from: &Path,
    dir: &Path,
    name: &str,
    expected: Option<&str>,
    progress: &dyn Progress,
) -> Result<(), CopiesError> {
    let temp = fsutil::temp_path_for(dir, name);
    let digest = match copy::copy_stored(from, &temp, progress) {
        Ok(d) => d,
        Err(CopyError::Source(e)) => {
            remove_quietly(&temp);
            return Err(if e.kind() == io::ErrorKind::NotFound {
                CopiesError::SourceMissing {
                    path: from.to_path_buf(),
                }
            } else {
                CopiesError::Store(StoreError::Read {
                    path: from.to_path_buf(),
                    source: e,
                })
            });
        }
        Err(CopyError::Destination(e)) => {
            remove_quietly(&temp);
            return Err(vanished_or(dest, StoreError::from_write(&temp, e)));
        }
        Err(CopyError::Cancelled) => {
            remove_quietly(&temp);
            return Err(CopiesError::Cancelled {
                path: dest.folder.clone(),
            });
        }
    };
    if expected.is_some_and(|sha256| sha256 != digest.sha256) {
        remove_quietly(&temp);
        return Err(CopiesError::SourceDamaged {
            path: from.to_path_buf(),
        });
    }
    // A copy that was never read back is a hope, not a backup.
    let reread = copy::hash_file(&temp, progress).map_err(|e| {
        remove_quietly(&temp);
        vanished_or(
            dest,
            StoreError::Read {
                path: temp.clone(),
                source: e,
            },
        )
    })?;
    if reread != digest {
        remove_quietly(&temp);
        return Err(CopiesError::ReadBackMismatch { path: temp });
    }
    rename_into_place(dest, &temp, &dir.join(name))
}

/// Writes `bytes` to `dir/name` through a flushed, read-back temporary file and a rename.
fn place_bytes(dest: &Destination, dir: &Path, name: &str, bytes: &[u8]) -> Result<(), CopiesError> {
    let temp = fsutil::temp_path_for(dir, name);
    let written = fsutil::create_new(&temp).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    if let Err(e) = written {
        remove_quietly(&temp);
        return Err(vanished_or(dest, StoreError::from_write(&temp, e)));
    }
    match read_whole(&temp) {
        Ok(back) if back == bytes => {}
        Ok(_) => {
            remove_quietly(&temp);
            return Err(CopiesError::ReadBackMismatch { path: temp });
        }
        Err(e) => {
            remove_quietly(&temp);
            return Err(vanished_or(dest, e));
        }
    }
    rename_into_place(dest, &temp, &dir.join(name))
}

fn rename_into_place(dest: &Destination, temp: &Path, target: &Path) -> Result<(), CopiesError> {
    let dir = target.parent().unwrap_or(target);
    fs::rename(temp, target)
        .and_then(|()| fsutil::sync_dir(dir))
        .map_err(|e| {
            remove_quietly(temp);
            vanished_or(dest, StoreError::from_write(target, e))
        })
}

/// Reads a small file of a profile folder whole, without following a link.
pub(super) fn read_whole(path: &Path) -> Result<Vec<u8>, StoreError> {
    let mut bytes = Vec::new();
    fsutil::open_nofollow(path)
        .and_then(|mut f| f.read_to_end(&mut bytes))
        .map_err(|e| match e {
            e if fsutil::is_not_a_file(&e) => StoreError::NotAFile {
                path: path.to_path_buf(),
            },
            e => StoreError::Read {
                path: path.to_path_buf(),
                source: e,
            },
        })?;
    Ok(bytes)
}
