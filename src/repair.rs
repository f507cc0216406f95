//! Every place a profile's versions are kept, checked and mended: the main backup folder and
//! each second-copy destination are verified one by one, and a version that is damaged or
//! missing in one place is repaired from an intact copy of the same bytes in another.
//!
//! A repair copies the intact file into a temporary file in the damaged place (under that
//! place's writer lock), checks the bytes against the catalog's SHA-256, renames it over the
//! damaged or missing version, and reads it back once more.

mod not_repaired;
pub mod sealed;

pub use not_repaired::NotRepaired;

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::Local;
use serde::Serialize;

use crate::config::{Destination, Profile};
use crate::copy::{self, CopyError};
use crate::fsutil;
use crate::progress::{Cancelled, Progress};
use crate::store::{Catalog, ProfileStore, StoreError, Version};
use crate::verify::{self, Finding, ProfileReport, VerifyMode};

/// One place that holds a profile's versions.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", content = "name", rename_all = "kebab-case")]
pub enum Place {
    /// The profile's backup folder.
    Main,
    /// A second-copy destination, by name.
    Destination(String),
}

impl Place {
    /// How to name the place in a sentence.
    pub fn describe(&self) -> String {
        match self {
            Place::Main => "the main backup folder".to_string(),
            Place::Destination(name) => format!("the second copy `{name}`"),
        }
    }
}

/// The check of one place.
#[derive(Debug, Clone, Serialize)]
pub struct PlaceReport {
    pub place: Place,
    /// The place's profile folder.
    pub folder: PathBuf,
    /// The verifier's report; `None` when the place could not be checked (see `note`).
    pub report: Option<ProfileReport>,
    /// Why a destination was not checked: not connected, or no copy made yet. Not a problem:
    /// the status reports destinations that are overdue.
    pub note: Option<Unchecked>,
}

/// Why a destination was not checked. Not a problem: the status reports destinations that
/// are overdue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unchecked {
    /// Its folder is not there (drive unplugged, network share offline).
    FolderAway { folder: PathBuf },
    /// Its folder is there, but nothing of the profile has been copied to it yet.
    NoCopyYet { folder: PathBuf, profile: String },
}

/// The English sentence the command line prints.
impl std::fmt::Display for Unchecked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unchecked::FolderAway { folder } => write!(
                f,
                "`{}` is not there (drive unplugged or network share offline), so this copy was not checked.",
                folder.display()
            ),
            Unchecked::NoCopyYet { folder, profile } => write!(
                f,
                "No copy has been made to `{}` yet; run `sheetsafe copy \"{profile}\"`.",
                folder.display()
            ),
        }
    }
}

/// In JSON, the English sentence, as before it was data.
impl Serialize for Unchecked {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl PlaceReport {
    /// True when nothing that was checked needs attention.
    pub fn is_ok(&self) -> bool {
        self.report.as_ref().is_none_or(ProfileReport::is_ok)
    }
}

/// Checks the main folder and then every destination, in configuration order.
pub fn verify_everywhere(profile: &Profile, mode: VerifyMode, progress: &dyn Progress) -> Vec<PlaceReport> {
    let main = ProfileStore::new(&profile.backup_folder, &profile.name);
    let mut reports = vec![PlaceReport {
        place: Place::Main,
        folder: main.dir().to_path_buf(),
        report: Some(verify::verify_store(&profile.name, &main, mode, progress)),
        note: None,
    }];
    reports.extend(verify_destinations(profile, mode, progress));
    reports
}

/// Checks every destination of `profile`. One that is not connected, or holds no copy yet, is
/// reported with a note instead of findings.
pub fn verify_destinations(profile: &Profile, mode: VerifyMode, progress: &dyn Progress) -> Vec<PlaceReport> {
    profile
        .folder_destinations()
        .map(|dest| verify_destination(profile, dest, mode, progress))
        .collect()
}

/// Why a second copy cannot be checked now (its folder is not there, or no copy was made to
/// it yet), as the note its report carries; `None` when it can be. Plain and encrypted
/// profiles say it alike.
pub(crate) fn unchecked_destination(profile: &Profile, dest: &Destination) -> Option<Unchecked> {
    if !dest.folder.is_dir() {
        Some(Unchecked::FolderAway {
            folder: dest.folder.clone(),
        })
    } else if !ProfileStore::new(&dest.folder, &profile.name).dir().is_dir() {
        Some(Unchecked::NoCopyYet {
            folder: dest.folder.clone(),
            profile: profile.name.clone(),
        })
    } else {
        None
    }
}

fn verify_destination(profile: &Profile, dest: &Destination, mode: VerifyMode, progress: &dyn Progress) -> PlaceReport {
    let store = ProfileStore::new(&dest.folder, &profile.name);
    let mut report = PlaceReport {
        place: Place::Destination(dest.name.clone()),
        folder: store.dir().to_path_buf(),
        report: None,
        note: None,
    };
    report.note = unchecked_destination(profile, dest);
    if report.note.is_none() {
        report.report = Some(verify::verify_store(&profile.name, &store, mode, progress));
    }
    report
}

/// Which places a repair may write to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RepairPolicy {
    /// Everywhere: the user asked (`sheetsafe verify --repair`).
    Everywhere,
    /// The main folder, and destinations whose `repair` setting is on (the agent).
    AsConfigured,
}

/// What was wrong with a repaired version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Damage {
    /// Listed in the catalog, absent from the folder.
    Missing,
    /// Present, but its size or SHA-256 no longer matches.
    Changed,
    /// Present, but it could not be read.
    Unreadable,
}

/// One version put right.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Repaired {
    pub place: Place,
    /// The repaired file's path.
    pub path: PathBuf,
    pub damage: Damage,
    pub from: Place,
    /// The intact copy it was repaired from.
    pub from_path: PathBuf,
}

impl Repaired {
    /// A sentence for the user.
    pub fn message(&self) -> String {
        let what = match self.damage {
            Damage::Missing => "was missing",
            Damage::Changed => "was damaged",
            Damage::Unreadable => "could not be read",
        };
        format!(
            "Repaired `{}` in {} (it {what}) from the intact copy `{}` in {}.",
            self.path.display(),
            self.place.describe(),
            self.from_path.display(),
            self.from.describe()
        )
    }
}

/// What a repair run found and did.
#[derive(Debug, Clone, Serialize)]
pub struct RepairReport {
    /// The check of every place made before repairing.
    pub checked: Vec<PlaceReport>,
    pub repaired: Vec<Repaired>,
    /// Damaged or missing versions that could not be repaired, and why.
    pub not_repaired: Vec<NotRepaired>,
    /// Temporary files an interrupted run had left in a place, removed before the check.
    pub removed_leftovers: Vec<PathBuf>,
}

/// Checks every place of `profile` fully and repairs each damaged or missing version from an
/// intact copy elsewhere. Never fails as a whole: what could not be mended is reported.
pub fn repair_profile(
    profile: &Profile,
    policy: RepairPolicy,
    lock_wait: Duration,
    progress: &dyn Progress,
) -> RepairReport {
    let removed_leftovers = remove_leftovers_everywhere(profile, policy, lock_wait);
    let checked = verify_everywhere(profile, VerifyMode::Full, progress);
    let mut report = RepairReport {
        checked,
        repaired: Vec::new(),
        not_repaired: Vec::new(),
        removed_leftovers,
    };
    // Each checked place's catalog and the files in it that failed.
    let mut places: Vec<(Place, ProfileStore, Catalog, HashMap<String, Damage>)> = Vec::new();
    for checked in &report.checked {
        let Some(found) = &checked.report else { continue };
        let store = ProfileStore::at(checked.folder.clone());
        let Ok(catalog) = store.load_catalog() else { continue };
        places.push((checked.place.clone(), store, catalog, damaged_files(&found.findings)));
    }
    // Where intact bytes of each SHA-256 can be found.
    let mut intact: HashMap<&str, Vec<(usize, &Version)>> = HashMap::new();
    for (i, (_, _, catalog, bad)) in places.iter().enumerate() {
        for v in &catalog.versions {
            if !bad.contains_key(v.file.as_str()) {
                intact.entry(v.sha256.as_str()).or_default().push((i, v));
            }
        }
    }
    for (place, store, catalog, _) in &places {
        if may_write(profile, place, policy) {
            mend_sums(store, catalog, lock_wait, &mut report);
        }
    }
    for (i, (place, store, catalog, bad)) in places.iter().enumerate() {
        let mut files: Vec<(&String, &Damage)> = bad.iter().collect();
        files.sort_by(|a, b| a.0.cmp(b.0));
        for (file, damage) in files {
            let Some(version) = catalog.find(file) else { continue };
            let path = store.version_path(version);
            if !may_write(profile, place, policy) {
                report.not_repaired.push(NotRepaired::RepairOff {
                    place: place.clone(),
                    path,
                });
                continue;
            }
            let source = intact
                .get(version.sha256.as_str())
                .and_then(|list| list.iter().find(|(j, _)| *j != i));
            let Some(&(j, good)) = source else {
                report.not_repaired.push(NotRepaired::NoIntactCopy {
                    place: place.clone(),
                    path,
                    damage: *damage,
                    encrypted: false,
                });
                continue;
            };
            let (from_place, from_store, _, _) = &places[j];
            let from_path = from_store.version_path(good);
            match mend(store, version, &from_path, lock_wait, progress) {
                Ok(true) => report.repaired.push(Repaired {
                    place: place.clone(),
                    path,
                    damage: *damage,
                    from: from_place.clone(),
                    from_path,
                }),
                Ok(false) => {}
                Err(e) => report.not_repaired.push(NotRepaired::Failed {
                    place: place.clone(),
                    path,
                    error: std::sync::Arc::new(e),
                }),
            }
        }
    }
    report
}

/// Rewrites a missing or stale `SHA256SUMS` from the catalog.
fn mend_sums(store: &ProfileStore, catalog: &Catalog, lock_wait: Duration, report: &mut RepairReport) {
    if store.sums_match(catalog) {
        return;
    }
    let mended = store.lock(lock_wait).and_then(|lock| {
        // Re-read under the lock: the catalog may have changed since the check.
        let current = store.load_catalog()?;
        store.mend_sums(&current, &lock)
    });
    match mended {
        Ok(true) => tracing::info!("rewrote {}", store.dir().join(crate::store::SUMS_FILE).display()),
        Ok(false) => {}
        Err(e) => report
            .not_repaired
            .push(NotRepaired::SumsNotRewritten(std::sync::Arc::new(e))),
    }
}

fn may_write(profile: &Profile, place: &Place, policy: RepairPolicy) -> bool {
    match (place, policy) {
        (Place::Main, _) | (_, RepairPolicy::Everywhere) => true,
        (Place::Destination(name), RepairPolicy::AsConfigured) => profile
            .destinations
            .iter()
            .any(|d| d.name.eq_ignore_ascii_case(name) && d.repair),
    }
}

/// The files the verifier found missing, changed or unreadable.
fn damaged_files(findings: &[Finding]) -> HashMap<String, Damage> {
    findings
        .iter()
        .filter_map(|f| match f {
            Finding::Missing { file } => Some((file.clone(), Damage::Missing)),
            Finding::SizeMismatch { file, .. } | Finding::HashMismatch { file, .. } => {
                Some((file.clone(), Damage::Changed))
            }
            Finding::Unreadable { file, .. } | Finding::NotAFile { file } => Some((file.clone(), Damage::Unreadable)),
            _ => None,
        })
        .collect()
}

/// Why one version could not be repaired.
#[derive(Debug, thiserror::Error)]
pub enum RepairError {
    #[error(
        "the intact copy `{}` no longer matches its SHA-256 either, so it was not used; check that disk too.",
        path.display()
    )]
    SourceChanged { path: PathBuf },
    #[error(
        "the repaired file `{}` read back differently from what was written. The disk may be failing: check it.",
        path.display()
    )]
    ReadBackMismatch { path: PathBuf },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Removes, under each place's writer lock, the temporary files a killed run (a backup, copy,
/// verification or repair) left in the places this repair may write to: a repair is the run
/// that mends a place, so it leaves no debris in it either. A place that is busy or not
/// connected is skipped; the verifier then reports its leftovers.
fn remove_leftovers_everywhere(profile: &Profile, policy: RepairPolicy, lock_wait: Duration) -> Vec<PathBuf> {
    let mut stores = vec![ProfileStore::new(&profile.backup_folder, &profile.name)];
    stores.extend(
        profile
            .folder_destinations()
            .filter(|d| policy == RepairPolicy::Everywhere || d.repair)
            .map(|d| ProfileStore::new(&d.folder, &profile.name)),
    );
    let mut removed = Vec::new();
    for store in stores.iter().filter(|s| s.dir().is_dir()) {
        let Ok(lock) = store.lock(lock_wait) else {
            continue;
        };
        match store.remove_leftovers(&lock) {
            Ok(files) => removed.extend(files),
            Err(e) => tracing::warn!("{e}"),
        }
    }
    for file in &removed {
        tracing::info!(
            "removed a temporary file left by an interrupted run: {}",
            file.display()
        );
    }
    removed
}

/// Puts the intact bytes at `from` in place of `version` in `store`. `Ok(false)` when the
/// catalog no longer lists the version (retired meanwhile), so there is nothing to repair.
fn mend(
    store: &ProfileStore,
    version: &Version,
    from: &Path,
    lock_wait: Duration,
    progress: &dyn Progress,
) -> Result<bool, RepairError> {
    let lock = store.lock(lock_wait)?;
    let mut catalog = store.load_catalog()?;
    if catalog
        .find(version.file.as_str())
        .is_none_or(|v| v.sha256 != version.sha256)
    {
        return Ok(false);
    }
    let target = store.version_path(version);
    let temp = fsutil::temp_path_for(store.dir(), version.file.as_str());
    let result = (|| {
        let digest = copy::copy_stored(from, &temp, progress).map_err(|e| match e {
            CopyError::Source(source) => StoreError::Read {
                path: from.to_path_buf(),
                source,
            },
            CopyError::Destination(source) => StoreError::from_write(&temp, source),
            // Repair runs from the CLI and the agent, which never cancel; should a caller
            // cancel, the copy stopped half-way, which is what "interrupted" says.
            CopyError::Cancelled => StoreError::from_write(&temp, Cancelled::io()),
        })?;
        if digest.sha256 != version.sha256 || digest.bytes != version.bytes {
            return Err(RepairError::SourceChanged {
                path: from.to_path_buf(),
            });
        }
        let reread = copy::hash_file(&temp, progress).map_err(|source| StoreError::Read {
            path: temp.clone(),
            source,
        })?;
        if reread != digest {
            return Err(RepairError::ReadBackMismatch { path: temp.clone() });
        }
        fs::rename(&temp, &target)
            .and_then(|()| fsutil::sync_dir(store.dir()))
            .map_err(|e| StoreError::from_write(&target, e))?;
        // Re-verify where it now lies, under its real name.
        let placed = copy::hash_stored(&target, progress).map_err(|source| StoreError::Read {
            path: target.clone(),
            source,
        })?;
        if placed.sha256 != version.sha256 {
            return Err(RepairError::ReadBackMismatch { path: target.clone() });
        }
        Ok(())
    })();
    if result.is_err()
        && let Err(e) = fs::remove_file(&temp)
        && e.kind() != io::ErrorKind::NotFound
    {
        tracing::debug!("could not remove {}: {e}", temp.display());
    }
    result?;
    let now = Local::now().fixed_offset();
    if let Some(v) = catalog.versions.iter_mut().find(|v| v.file == version.file) {
        v.verified = Some(now);
    }
    store.save_catalog(&catalog, &lock)?;
    tracing::info!("repaired {} from {}", target.display(), from.display());
    Ok(true)
}
