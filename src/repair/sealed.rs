//! Every place of an encrypted profile (the main folder and each second copy), checked and
//! mended without any key: the clear `SHA256SUMS` of each place lists its ciphertext files, and
//! a listed file that is missing, unreadable or changed in one place is replaced by a file of
//! the same SHA-256 found intact in another. The same rules as for plain folders hold: never
//! over a file that is (by then) intact, through a temporary file, checked, read back. A
//! missing or misshapen `key.age` is put back from another place too.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{Damage, NotRepaired, Place, RepairError, RepairPolicy, Repaired, may_write};
use crate::config::Profile;
use crate::copy::{self, CopyError};
use crate::crypto::SecretKey;
use crate::fsutil;
use crate::progress::{Cancelled, Progress};
use crate::store::sealed::{SEALED_CATALOG_FILE, SealedStore, VERSIONS_DIR, is_opaque_name};
use crate::store::{ProfileStore, StoreError};
use crate::verify::VerifyMode;
use crate::verify::sealed::{SealedFinding, SealedReport, verify_sealed};

/// The keyless check of one place of an encrypted profile.
#[derive(Debug, Clone)]
pub struct SealedPlaceReport {
    pub place: Place,
    /// The place's profile folder.
    pub folder: PathBuf,
    /// `None` when a destination was not checked (see `note`).
    pub report: Option<SealedReport>,
    /// Why a destination was not checked: not connected, or no copy made yet.
    pub note: Option<super::Unchecked>,
}

impl SealedPlaceReport {
    /// True when nothing that was checked needs attention.
    pub fn is_ok(&self) -> bool {
        self.report.as_ref().is_none_or(SealedReport::is_ok)
    }
}

/// What a repair of an encrypted profile did.
#[derive(Debug, Clone, Default)]
pub struct SealedRepairReport {
    pub repaired: Vec<Repaired>,
    /// Files that could not be mended, and why.
    pub not_repaired: Vec<NotRepaired>,
    /// Temporary files an interrupted run had left, removed first.
    pub removed_leftovers: Vec<PathBuf>,
}

/// One place: its name, its profile folder, and whether a repair may write there.
struct Site {
    place: Place,
    store: SealedStore,
    writable: bool,
}

/// The main folder and the destinations whose profile folder is there, in configuration order.
fn sites(profile: &Profile, policy: RepairPolicy) -> Vec<Site> {
    let mut sites = vec![Site {
        place: Place::Main,
        store: SealedStore::new(&profile.backup_folder, &profile.name),
        writable: true,
    }];
    for dest in profile.folder_destinations() {
        let place = Place::Destination(dest.name.clone());
        let writable = may_write(profile, &place, policy);
        let store = SealedStore::new(&dest.folder, &profile.name);
        if dest.folder.is_dir() && store.dir().is_dir() {
            sites.push(Site { place, store, writable });
        }
    }
    sites
}

/// Checks the main folder and every destination of an encrypted profile, keyless.
pub fn verify_places(profile: &Profile, mode: VerifyMode, progress: &dyn Progress) -> Vec<SealedPlaceReport> {
    let main = ProfileStore::new(&profile.backup_folder, &profile.name);
    let mut reports = vec![SealedPlaceReport {
        place: Place::Main,
        folder: main.dir().to_path_buf(),
        report: Some(check(main.dir(), mode, progress)),
        note: None,
    }];
    for dest in profile.folder_destinations() {
        let store = ProfileStore::new(&dest.folder, &profile.name);
        let mut report = SealedPlaceReport {
            place: Place::Destination(dest.name.clone()),
            folder: store.dir().to_path_buf(),
            report: None,
            note: None,
        };
        report.note = super::unchecked_destination(profile, dest);
        if report.note.is_none() {
            report.report = Some(check(store.dir(), mode, progress));
        }
        reports.push(report);
    }
    reports
}

/// The verifier's report, or one finding saying why the folder could not be read at all.
fn check(dir: &Path, mode: VerifyMode, progress: &dyn Progress) -> SealedReport {
    verify_sealed(dir, mode, progress).unwrap_or_else(|e| SealedReport {
        findings: vec![SealedFinding::Unreachable {
            path: dir.to_path_buf(),
            detail: e.to_string(),
        }],
        ..SealedReport::default()
    })
}

/// A listed file of one place that failed its check.
struct Bad {
    site: usize,
    /// As `SHA256SUMS` names it (`v/<id>.age` or `catalog.toml.age`).
    name: String,
    sha256: String,
    damage: Damage,
}

/// Checks every file each place lists and mends each damaged or missing one from an intact
/// file of the same SHA-256 in another place. Never fails as a whole: what could not be mended
/// is reported.
pub fn repair_sealed(
    profile: &Profile,
    policy: RepairPolicy,
    lock_wait: Duration,
    progress: &dyn Progress,
) -> SealedRepairReport {
    let sites = sites(profile, policy);
    let mut report = SealedRepairReport::default();
    for site in sites.iter().filter(|s| s.writable) {
        match site
            .store
            .lock(lock_wait)
            .and_then(|lock| site.store.remove_leftovers(&lock))
        {
            Ok(files) => report.removed_leftovers.extend(files),
            // Busy or away: the verifier then notes its leftovers.
            Err(e) => tracing::warn!("{e}"),
        }
    }
    let mut intact: HashMap<String, (usize, PathBuf)> = HashMap::new();
    let mut bad: Vec<Bad> = Vec::new();
    for (i, site) in sites.iter().enumerate() {
        for (sha256, name) in site.store.listed_in_sums() {
            let Some(path) = listed_path(&site.store, &name) else {
                continue;
            };
            match state_of(&path, &sha256, progress) {
                None => {
                    intact.entry(sha256).or_insert((i, path));
                }
                Some(damage) => bad.push(Bad {
                    site: i,
                    name,
                    sha256,
                    damage,
                }),
            }
        }
    }
    mend_keys(&sites, lock_wait, progress, &mut report);
    for b in bad {
        let site = &sites[b.site];
        let Some(path) = listed_path(&site.store, &b.name) else {
            continue;
        };
        if !site.writable {
            report.not_repaired.push(NotRepaired::RepairOff {
                place: site.place.clone(),
                path,
            });
            continue;
        }
        let Some((j, from)) = intact.get(&b.sha256).filter(|(j, _)| *j != b.site) else {
            report.not_repaired.push(NotRepaired::NoIntactCopy {
                place: site.place.clone(),
                path,
                damage: b.damage,
                encrypted: true,
            });
            continue;
        };
        match mend(&site.store, &b.name, &b.sha256, from, lock_wait, progress) {
            Ok(true) => report.repaired.push(Repaired {
                place: site.place.clone(),
                path,
                damage: b.damage,
                from: sites[*j].place.clone(),
                from_path: from.clone(),
            }),
            Ok(false) => {}
            Err(e) => report.not_repaired.push(NotRepaired::Failed {
                place: site.place.clone(),
                path,
                error: std::sync::Arc::new(e),
            }),
        }
    }
    report
}

/// Puts back a `key.age` that is missing, or not even shaped like a passphrase-locked age file,
/// from another place whose `key.age` is (the main folder's first): without it the passphrase
/// no longer opens that place. No sums list it, so its shape is all that can be checked.
fn mend_keys(sites: &[Site], lock_wait: Duration, progress: &dyn Progress, report: &mut SealedRepairReport) {
    let key_state = |site: &Site| match fs::read(site.store.key_path()) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Some(Damage::Missing),
        Err(_) => Some(Damage::Unreadable),
        Ok(bytes) if !SecretKey::looks_locked(&bytes) => Some(Damage::Changed),
        Ok(_) => None,
    };
    let Some(good) = sites.iter().find(|s| key_state(s).is_none()) else {
        return;
    };
    let from = good.store.key_path();
    for site in sites.iter().filter(|s| s.writable) {
        let Some(damage) = key_state(site) else { continue };
        let target = site.store.key_path();
        let mended = copy::hash_stored(&from, progress)
            .map_err(|source| {
                RepairError::from(StoreError::Read {
                    path: from.clone(),
                    source,
                })
            })
            .and_then(|digest| {
                let _lock = site.store.lock(lock_wait)?;
                // Under the lock: never over a key file that is sound by then.
                if key_state(site).is_none() {
                    return Ok(false);
                }
                let temp = fsutil::temp_path_for(site.store.dir(), crate::store::sealed::KEY_FILE);
                let result = put(&temp, &target, site.store.dir(), &digest.sha256, &from, progress);
                if result.is_err() {
                    let _ = fs::remove_file(&temp);
                }
                result.map(|()| true)
            });
        match mended {
            Ok(true) => report.repaired.push(Repaired {
                place: site.place.clone(),
                path: target,
                damage,
                from: good.place.clone(),
                from_path: from.clone(),
            }),
            Ok(false) => {}
            Err(e) => report.not_repaired.push(NotRepaired::Failed {
                place: site.place.clone(),
                path: target,
                error: std::sync::Arc::new(e),
            }),
        }
    }
}

/// The path of a file `SHA256SUMS` names, when it is one an encrypted folder may hold (the
/// verifier reports any other name; it is never used as a path).
fn listed_path(store: &SealedStore, name: &str) -> Option<PathBuf> {
    if name == SEALED_CATALOG_FILE {
        return Some(store.catalog_path());
    }
    let id = name.strip_prefix(VERSIONS_DIR)?.strip_prefix('/')?;
    is_opaque_name(id).then(|| store.versions_dir().join(id))
}

/// `None` when the file is there and hashes to `sha256`, else what is wrong with it.
fn state_of(path: &Path, sha256: &str, progress: &dyn Progress) -> Option<Damage> {
    match fs::symlink_metadata(path) {
        Err(_) => return Some(Damage::Missing),
        Ok(meta) if !meta.is_file() => return Some(Damage::Unreadable),
        Ok(_) => {}
    }
    match copy::hash_stored(path, progress) {
        Ok(d) if d.sha256 == sha256 => None,
        Ok(_) => Some(Damage::Changed),
        Err(_) => Some(Damage::Unreadable),
    }
}

/// Puts the intact bytes at `from` in place of the listed file `name` of `store`. `Ok(false)`
/// when, under the lock, the file is no longer listed with that SHA-256 or is intact after all.
fn mend(
    store: &SealedStore,
    name: &str,
    sha256: &str,
    from: &Path,
    lock_wait: Duration,
    progress: &dyn Progress,
) -> Result<bool, RepairError> {
    let _lock = store.lock(lock_wait)?;
    let still_listed = store.listed_in_sums().iter().any(|(h, n)| h == sha256 && n == name);
    let Some(target) = listed_path(store, name).filter(|_| still_listed) else {
        return Ok(false);
    };
    if fs::symlink_metadata(&target).is_ok_and(|m| m.is_file()) && state_of(&target, sha256, progress).is_none() {
        // Never over a good file: someone (a copy run) put it right meanwhile.
        return Ok(false);
    }
    let dir = target.parent().unwrap_or(store.dir()).to_path_buf();
    let file_name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = fsutil::temp_path_for(&dir, &file_name);
    let result = put(&temp, &target, &dir, sha256, from, progress);
    if result.is_err()
        && let Err(e) = fs::remove_file(&temp)
        && e.kind() != io::ErrorKind::NotFound
    {
        tracing::debug!("could not remove {}: {e}", temp.display());
    }
    result?;
    tracing::info!("repaired {} from {}", target.display(), from.display());
    Ok(true)
}

/// Copies `from` into `temp`, checks it against `sha256`, reads it back, renames it over
/// `target` and checks it once more where it now lies.
fn put(
    temp: &Path,
    target: &Path,
    dir: &Path,
    sha256: &str,
    from: &Path,
    progress: &dyn Progress,
) -> Result<(), RepairError> {
    let digest = copy::copy_stored(from, temp, progress).map_err(|e| match e {
        CopyError::Source(source) => StoreError::Read {
            path: from.to_path_buf(),
            source,
        },
        CopyError::Destination(source) => StoreError::from_write(temp, source),
        // Repair runs from the CLI and the agent, which never cancel; should a caller cancel,
        // the copy stopped half-way, which is what "interrupted" says.
        CopyError::Cancelled => StoreError::from_write(temp, Cancelled::io()),
    })?;
    if digest.sha256 != sha256 {
        return Err(RepairError::SourceChanged {
            path: from.to_path_buf(),
        });
    }
    let reread = copy::hash_file(temp, progress).map_err(|source| StoreError::Read {
        path: temp.to_path_buf(),
        source,
    })?;
    if reread != digest {
        return Err(RepairError::ReadBackMismatch {
            path: temp.to_path_buf(),
        });
    }
    fs::rename(temp, target)
        .and_then(|()| fsutil::sync_dir(dir))
        .map_err(|e| StoreError::from_write(target, e))?;
    let placed = copy::hash_stored(target, progress).map_err(|source| StoreError::Read {
        path: target.to_path_buf(),
        source,
    })?;
    if placed.sha256 != sha256 {
        return Err(RepairError::ReadBackMismatch {
            path: target.to_path_buf(),
        });
    }
    Ok(())
}
