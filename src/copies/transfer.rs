//! Copying versions from the main profile folder into one destination's profile folder.
//!
//! The destination gets the versions it does not hold yet (compared by SHA-256) that its own
//! keep rules want, newest first, so a drive pulled out half-way already holds the most recent
//! work. Each version is copied with hashing into a temporary file, read back, renamed into
//! place and recorded in the destination's catalog before the next one starts: at every instant
//! the destination is a complete, valid store. Finally its own keep rules retire old versions.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::Path;
use std::time::Duration;

use chrono::Local;

use super::{CopiesError, CopyNote};
use crate::config::{Destination, KeepRules, Profile};
use crate::copy::{self, CopyError};
use crate::fsutil;
use crate::progress::Progress;
use crate::retention::{self, Candidate};
use crate::store::{Catalog, ProfileStore, StoreError, StoreLock, Version, VersionFileName, version_file_name};

/// What the destination lacks, decided from the two catalogs alone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Versions to copy, newest first.
    pub to_copy: Vec<Version>,
    /// Source versions whose bytes the destination already holds.
    pub already_there: usize,
    /// Source versions the destination lacks but its keep rules would retire at once.
    pub not_kept: usize,
}

/// Works out what to copy: per workbook, the destination's keep rules are applied to what it
/// holds plus what it lacks, and the lacking versions those rules keep are copied.
pub fn plan(source: &Catalog, dest: &Catalog, keep: &KeepRules) -> Plan {
    let held: HashSet<&str> = dest.versions.iter().map(|v| v.sha256.as_str()).collect();
    let mut plan = Plan::default();
    // Same bytes made twice (a workbook put back as it was) need one copy: the newest.
    let mut lacking: Vec<&Version> = Vec::new();
    let mut by_newest: Vec<&Version> = source.versions.iter().collect();
    by_newest.sort_by(|a, b| b.order_key().cmp(&a.order_key()));
    let mut seen = HashSet::new();
    for v in by_newest {
        if held.contains(v.sha256.as_str()) {
            plan.already_there += 1;
        } else if seen.insert(v.sha256.as_str()) {
            lacking.push(v);
        } else {
            plan.already_there += 1;
        }
    }
    let mut workbooks: Vec<String> = lacking.iter().map(|v| v.workbook_name()).collect();
    workbooks.sort();
    workbooks.dedup();
    for workbook in workbooks {
        let mine: Vec<&Version> = dest.versions_of(&workbook).collect();
        let theirs: Vec<&Version> = lacking
            .iter()
            .copied()
            .filter(|v| v.workbook_name() == workbook)
            .collect();
        let candidates: Vec<Candidate> = mine.iter().chain(theirs.iter()).map(|v| Candidate::of(v)).collect();
        let kept = retention::keep(&candidates, keep);
        for (v, keep_it) in theirs.iter().zip(&kept[mine.len()..]) {
            if *keep_it {
                plan.to_copy.push((*v).clone());
            } else {
                plan.not_kept += 1;
            }
        }
    }
    plan.to_copy.sort_by(|a, b| b.order_key().cmp(&a.order_key()));
    plan
}

/// What a transfer did, filled in as it goes so an interrupted run still reports its part.
#[derive(Debug, Clone, Default)]
pub struct Transfer {
    pub copied: Vec<String>,
    pub already_there: usize,
    pub not_kept: usize,
    pub pruned: Vec<String>,
    /// Sentences about single versions that could not be copied (the run went on).
    pub problems: Vec<CopyNote>,
}

/// Brings the destination up to date with `source`. Returns `Err` when the run had to stop
/// (destination gone, read-only, full, busy); `done` says what was finished before that.
pub fn transfer(
    profile: &Profile,
    dest: &Destination,
    source: &ProfileStore,
    source_catalog: &Catalog,
    lock_wait: Duration,
    progress: &dyn Progress,
    done: &mut Transfer,
) -> Result<(), CopiesError> {
    if !dest.folder.is_dir() {
        return Err(CopiesError::Absent {
            path: dest.folder.clone(),
        });
    }
    let store = ProfileStore::new(&dest.folder, &profile.name);
    let gone = |e: StoreError| vanished_or(dest, e);
    if !store.dir().is_dir() {
        // Only the profile folder is made: the destination folder itself must already be
        // there, or an unplugged drive's empty mount point would receive the copies.
        fs::create_dir(store.dir())
            .or_else(|e| if store.dir().is_dir() { Ok(()) } else { Err(e) })
            .map_err(|e| gone(StoreError::from_write(&store.dir().join("x"), e)))?;
    }
    let lock = store.lock(lock_wait).map_err(gone)?;
    for leftover in store.remove_leftovers(&lock).map_err(gone)? {
        tracing::info!(
            "removed a temporary file left by an interrupted copy: {}",
            leftover.display()
        );
    }
    let mut catalog = store.load_catalog().map_err(gone)?;
    let plan = plan(source_catalog, &catalog, &dest.keep);
    done.already_there = plan.already_there;
    done.not_kept = plan.not_kept;

    for version in &plan.to_copy {
        if let Some(file) = copy_one(dest, source, &store, &lock, &mut catalog, version, progress, done)? {
            done.copied.push(file);
        }
    }
    prune(dest, &store, &lock, &mut catalog, done)?;
    Ok(())
}

/// Copies one version and records it. `Ok(None)` when the version was skipped with a problem
/// noted (damaged or missing in the main folder); `Err` when the run must stop.
#[allow(clippy::too_many_arguments)]
fn copy_one(
    dest: &Destination,
    source: &ProfileStore,
    store: &ProfileStore,
    lock: &StoreLock,
    catalog: &mut Catalog,
    version: &Version,
    progress: &dyn Progress,
    done: &mut Transfer,
) -> Result<Option<String>, CopiesError> {
    let from = source.version_path(version);
    // A run killed between renaming a copy into place and recording it left the finished
    // file here: recognise it by its bytes and record it instead of copying again.
    if !catalog.contains_file(version.file.as_str()) {
        let there = store.version_path(version);
        if fs::symlink_metadata(&there).is_ok_and(|m| m.is_file())
            && let Ok(found) = copy::hash_stored(&there, progress)
            && found.sha256 == version.sha256
            && found.bytes == version.bytes
        {
            record(store, lock, catalog, version, &version.file).map_err(|e| vanished_or(dest, e))?;
            return Ok(Some(version.file.to_string()));
        }
    }
    let file = free_name(store.dir(), catalog, version);
    let temp = fsutil::temp_path_for(store.dir(), file.as_str());
    let digest = match copy::copy_stored(&from, &temp, progress) {
        Ok(d) => d,
        Err(CopyError::Source(e)) => {
            remove_quietly(&temp);
            // The main folder's keep rules may have retired it meanwhile; that is no problem.
            let still_listed = source
                .load_catalog()
                .is_ok_and(|c| c.contains_file(version.file.as_str()));
            if still_listed {
                done.problems.push(if e.kind() == io::ErrorKind::NotFound {
                    CopyNote::SourceMissing { path: from.clone() }
                } else {
                    CopyNote::SourceUnreadable {
                        path: from.clone(),
                        error: std::sync::Arc::new(e),
                    }
                });
            }
            return Ok(None);
        }
        Err(CopyError::Destination(e)) => {
            remove_quietly(&temp);
            return Err(vanished_or(dest, StoreError::from_write(&temp, e)));
        }
        Err(CopyError::Cancelled) => {
            remove_quietly(&temp);
            return Err(CopiesError::Cancelled {
                path: store.dir().to_path_buf(),
            });
        }
    };
    if digest.sha256 != version.sha256 || digest.bytes != version.bytes {
        remove_quietly(&temp);
        done.problems.push(CopyNote::SourceChanged { path: from.clone() });
        return Ok(None);
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
    let final_path = store.path_of(&file);
    fs::rename(&temp, &final_path)
        .and_then(|()| fsutil::sync_dir(store.dir()))
        .map_err(|e| {
            remove_quietly(&temp);
            vanished_or(dest, StoreError::from_write(&final_path, e))
        })?;
    record(store, lock, catalog, version, &file).map_err(|e| vanished_or(dest, e))?;
    tracing::info!("copied {} to {}", version.file, final_path.display());
    Ok(Some(file.to_string()))
}

/// Adds `version` (stored as `file`) to the destination's catalog with the source's metadata.
fn record(
    store: &ProfileStore,
    lock: &StoreLock,
    catalog: &mut Catalog,
    version: &Version,
    file: &VersionFileName,
) -> Result<(), StoreError> {
    let mut copied = version.clone();
    copied.file = file.clone();
    // The sequence is kept as it is in the main folder, so both folders order their versions
    // alike whatever the clocks said.
    copied.verified = Some(Local::now().fixed_offset());
    catalog.versions.push(copied);
    catalog.sort();
    store.save_catalog(catalog, lock)
}

/// Applies the destination's keep rules to what it holds: the catalog first, the files after.
fn prune(
    dest: &Destination,
    store: &ProfileStore,
    lock: &StoreLock,
    catalog: &mut Catalog,
    done: &mut Transfer,
) -> Result<(), CopiesError> {
    let mut workbooks: Vec<String> = catalog.versions.iter().map(Version::workbook_name).collect();
    workbooks.sort();
    workbooks.dedup();
    let mut retire: Vec<usize> = Vec::new();
    for workbook in workbooks {
        retire.extend(retention::retire(catalog, &workbook, &dest.keep));
    }
    if retire.is_empty() {
        return Ok(());
    }
    let retired = retention::remove_retired(catalog, &retire);
    store.save_catalog(catalog, lock).map_err(|e| vanished_or(dest, e))?;
    for file in retired {
        // Unlisted already, so a failed delete leaves a file the verifier reports; nothing is lost.
        if let Err(e) = store.remove_version(&file, lock) {
            done.problems.push(CopyNote::OldCopyNotDeleted {
                path: store.path_of(&file),
                error: std::sync::Arc::new(e),
            });
        }
        done.pruned.push(file.to_string());
    }
    Ok(())
}

/// The version's own file name when it is free at the destination, else a suffixed one.
fn free_name(dir: &Path, catalog: &Catalog, version: &Version) -> VersionFileName {
    // symlink_metadata: a link (even a dangling one) under the name makes it taken.
    let free = |name: &VersionFileName| {
        !catalog.contains_file(name.as_str()) && fs::symlink_metadata(dir.join(name.as_str())).is_err()
    };
    if free(&version.file) {
        return version.file.clone();
    }
    let workbook = version.workbook_name();
    let mut attempt = 2;
    loop {
        let name = version_file_name(&workbook, &version.created, attempt);
        if free(&name) {
            return name;
        }
        attempt += 1;
    }
}

/// A failure that happened because the destination went away is reported as such, so the
/// user reads "unplugged" rather than an obscure I/O error.
pub(super) fn vanished_or(dest: &Destination, error: StoreError) -> CopiesError {
    if dest.folder.is_dir() {
        CopiesError::Store(error)
    } else {
        CopiesError::Vanished {
            path: dest.folder.clone(),
        }
    }
}

pub(super) fn remove_quietly(path: &Path) {
    // A temporary file holds nothing anyone needs; a leftover is removed by the next run.
    if let Err(e) = fs::remove_file(path)
        && e.kind() != io::ErrorKind::NotFound
    {
        tracing::debug!("could not remove {}: {e}", path.display());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::health::Health;
    use crate::store::Trigger;
    use chrono::{DateTime, FixedOffset};

    fn v(file: &str, sha: &str, created: &str) -> Version {
        Version {
            file: VersionFileName::parse(file).expect("valid name"),
            sequence: DateTime::<FixedOffset>::parse_from_rfc3339(created)
                .expect("time")
                .timestamp()
                .unsigned_abs(),
            sha256: sha.repeat(64 / sha.len()),
            bytes: 1,
            created: DateTime::<FixedOffset>::parse_from_rfc3339(created).expect("time"),
            source: std::path::PathBuf::from("/data/Sales.xlsx"),
            source_modified: None,
            trigger: Trigger::Close,
            host: "pc".into(),
            health: Health::Healthy,
            health_detail: None,
            verified: None,
            pin: None,
            summary: None,
        }
    }

    fn catalog(versions: Vec<Version>) -> Catalog {
        Catalog::with_versions(versions)
    }

    fn keep(last: u32) -> KeepRules {
        KeepRules {
            last,
            daily: 0,
            weekly: 0,
            monthly: 0,
        }
    }

    #[test]
    fn copies_only_what_is_lacking_newest_first() {
        let source = catalog(vec![
            v("a", "a", "2026-11-20T10:00:00+01:00"),
            v("b", "b", "2026-11-21T10:00:00+01:00"),
            v("c", "c", "2026-11-22T10:00:00+01:00"),
        ]);
        let dest = catalog(vec![v("a-elsewhere", "a", "2026-11-20T10:00:00+01:00")]);
        let plan = plan(&source, &dest, &keep(0));
        let files: Vec<&str> = plan.to_copy.iter().map(|v| v.file.as_str()).collect();
        assert_eq!(files, ["c", "b"]);
        assert_eq!(plan.already_there, 1);
    }

    #[test]
    fn the_destinations_keep_rules_decide() {
        let source = catalog(vec![
            v("a", "a", "2026-11-20T10:00:00+01:00"),
            v("b", "b", "2026-11-21T10:00:00+01:00"),
            v("c", "c", "2026-11-22T10:00:00+01:00"),
        ]);
        let plan = plan(&source, &Catalog::default(), &keep(2));
        let files: Vec<&str> = plan.to_copy.iter().map(|v| v.file.as_str()).collect();
        assert_eq!(files, ["c", "b"]);
        assert_eq!(plan.not_kept, 1);
    }

    #[test]
    fn same_bytes_twice_are_copied_once() {
        let source = catalog(vec![
            v("a", "a", "2026-11-20T10:00:00+01:00"),
            v("a2", "a", "2026-11-21T10:00:00+01:00"),
        ]);
        let plan = plan(&source, &Catalog::default(), &keep(0));
        assert_eq!(plan.to_copy.len(), 1);
        assert_eq!(plan.to_copy[0].file, "a2");
    }

    #[test]
    fn a_taken_name_gets_a_suffix() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut existing = v("Sales__2026-11-20_100000.xlsx", "b", "2026-11-20T10:00:00+01:00");
        let cat = catalog(vec![existing.clone()]);
        existing.sha256 = "c".repeat(64);
        assert_eq!(
            free_name(dir.path(), &cat, &existing),
            "Sales__2026-11-20_100000_002.xlsx"
        );
    }
}
