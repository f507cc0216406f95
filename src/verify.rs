//! The verifier: re-checks every version of a profile folder and returns every finding, never
//! just the first error. Quick mode checks presence and size; full mode also re-hashes every
//! file, spread over all cores.

pub mod sealed;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use chrono::Local;
use serde::Serialize;

use crate::config::Profile;
use crate::copy;
use crate::fsutil;
use crate::progress::{Cancelled, Progress};
use crate::store::{self, Catalog, NameProblem, ProfileStore, StoreError, Version};

/// How thorough a verify run is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum VerifyMode {
    /// Every listed file is present and has its recorded size.
    Quick,
    /// Quick, plus every file's SHA-256 equals the catalog's.
    Full,
}

/// One thing found wrong (or worth knowing) in a profile folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Finding {
    /// The backup folder or profile folder cannot be read at all.
    Unreachable { detail: String },
    /// `catalog.toml` cannot be parsed.
    CatalogDamaged { detail: String },
    /// `catalog.toml` was written by a newer Sheetsafe; nothing was checked or changed.
    NewerFormat { detail: String },
    /// `catalog.toml` is missing or lists nothing while version files lie next to it.
    CatalogLost { unlisted: usize },
    /// A catalog entry whose `file` is not a plain file name in the folder (it points outside,
    /// or at a bookkeeping file, or cannot exist on Windows). It is never used.
    Rejected { file: String, problem: NameProblem },
    /// Several catalog entries list one file (typically two copies of the catalog merged by a
    /// sync program).
    Duplicate { file: String, count: usize },
    /// A listed version's name holds a symbolic link, folder or special file.
    NotAFile { file: String },
    /// A version made after `after` carries an earlier time: the clock was set back between
    /// them. Order comes from the catalog's sequence, so this loses nothing.
    ClockSetBack { file: String, after: String },
    /// A listed version is not in the folder.
    Missing { file: String },
    /// A listed version has another size than recorded.
    SizeMismatch { file: String, expected: u64, actual: u64 },
    /// A listed version's bytes no longer hash to the recorded SHA-256.
    HashMismatch {
        file: String,
        expected: String,
        actual: String,
    },
    /// A listed version could not be read.
    Unreadable { file: String, detail: String },
    /// The newest version of a workbook is of a workbook that was already damaged when copied.
    Damaged { file: String, detail: String },
    /// The newest version of a workbook could not be checked for damage (the health check
    /// failed internally, or the value was written by a newer Sheetsafe). Its bytes are verified
    /// like any other version's; only the verdict on the workbook is missing.
    NotChecked { file: String },
    /// A file in the folder that the catalog does not list (not a problem with any backup:
    /// typically a version renamed into place by a run killed before it updated the catalog).
    Unlisted { file: String },
    /// A temporary file left by an interrupted run.
    Leftover { file: String },
    /// `SHA256SUMS` does not match the catalog.
    SumsOutOfDate,
}

impl Finding {
    /// A whole sentence for the user, naming the file and the next step.
    pub fn message(&self, folder: &Path) -> String {
        let at = |file: &str| folder.join(file).display().to_string();
        match self {
            Finding::Unreachable { detail } | Finding::CatalogDamaged { detail } | Finding::NewerFormat { detail } => {
                detail.clone()
            }
            Finding::CatalogLost { unlisted } => format!(
                "The catalog `{}` is missing or empty, but the folder holds {unlisted} version file(s) it does not list, so nothing can be checked. Run `sheetsafe verify --adopt` to list them again in the order their names give (the next backup does it too), or put back catalog.toml from a second copy.",
                at(store::CATALOG_FILE)
            ),
            Finding::Rejected { file, problem } => format!(
                "The catalog `{}` lists `{}`, which is not a version file name in this folder ({problem}). The entry is ignored and nothing was read, written or deleted through it; remove it from the catalog, and check who changed the backup folder.",
                at(store::CATALOG_FILE),
                file.escape_debug()
            ),
            Finding::Duplicate { file, count } => format!(
                "The catalog lists `{}` {count} times (two copies of the catalog were probably merged by a sync program). The file is kept as long as any entry lists it; nothing needs doing unless another line names it.",
                at(file)
            ),
            Finding::ClockSetBack { file, after } => format!(
                "The version `{}` was made after `{after}` but carries an earlier time: the computer's clock was set back in between. Versions are kept in the order they were made, so nothing is lost; check the computer's date and time settings.",
                at(file)
            ),
            Finding::NotAFile { file } => format!(
                "The version `{}` is a folder, a symbolic link or a special file, not a plain file, so it was not read. Remove it; `sheetsafe verify --repair` puts back the real file from a second copy if there is one.",
                at(file)
            ),
            Finding::Missing { file } => format!(
                "The version `{}` is listed in the catalog but missing from the folder. Restore it from a second copy, or make a new backup.",
                at(file)
            ),
            Finding::SizeMismatch { file, expected, actual } => format!(
                "The version `{}` has {actual} bytes instead of {expected}: it was changed or cut short. Do not restore it; use another version.",
                at(file)
            ),
            Finding::HashMismatch { file, .. } => format!(
                "The version `{}` no longer matches its SHA-256: its bytes were changed on disk. Do not restore it; use another version, and check the backup disk.",
                at(file)
            ),
            Finding::Unreadable { file, detail } => {
                format!(
                    "The version `{}` could not be read: {detail}. Check the backup disk.",
                    at(file)
                )
            }
            Finding::Damaged { file, detail } => format!(
                "The newest version `{}` is of a workbook that was already damaged when it was copied ({}). Repair or replace the workbook; older versions may still be sound.",
                at(file),
                detail.trim_end_matches('.')
            ),
            Finding::NotChecked { file } => format!(
                "The newest version `{}` could not be checked for damage, although its bytes are verified; update Sheetsafe and run a full verify to check it again.",
                at(file)
            ),
            Finding::Unlisted { file } => format!(
                "The file `{}` is in the backup folder but not in the catalog (perhaps left by an interrupted backup). The next backup adopts it if it is a version; `sheetsafe verify --adopt` does so now.",
                at(file)
            ),
            Finding::Leftover { file } => format!(
                "The temporary file `{}` was left by an interrupted backup; the next backup removes it.",
                at(file)
            ),
            Finding::SumsOutOfDate => format!(
                "`{}` is missing or does not match the catalog; the next backup (or `sheetsafe verify --repair`) rewrites it.",
                at(store::SUMS_FILE)
            ),
        }
    }

    /// The version file the finding is about, when it is about one.
    pub fn file(&self) -> Option<&str> {
        match self {
            Finding::Rejected { file, .. }
            | Finding::Duplicate { file, .. }
            | Finding::NotAFile { file }
            | Finding::ClockSetBack { file, .. }
            | Finding::Missing { file }
            | Finding::SizeMismatch { file, .. }
            | Finding::HashMismatch { file, .. }
            | Finding::Unreadable { file, .. }
            | Finding::Damaged { file, .. }
            | Finding::NotChecked { file }
            | Finding::Unlisted { file }
            | Finding::Leftover { file } => Some(file),
            Finding::Unreachable { .. }
            | Finding::CatalogDamaged { .. }
            | Finding::NewerFormat { .. }
            | Finding::CatalogLost { .. }
            | Finding::SumsOutOfDate => None,
        }
    }

    /// Leftover temporary files and unlisted files are worth knowing, but no listed backup is
    /// missing or damaged because of them, so they do not fail a verify run.
    pub fn is_problem(&self) -> bool {
        // SHA256SUMS behind the catalog (a crash between their two renames) loses nothing: the
        // catalog is the source of truth and the next save rewrites the sums.
        !matches!(
            self,
            Finding::Leftover { .. }
                | Finding::Unlisted { .. }
                | Finding::SumsOutOfDate
                | Finding::Duplicate { .. }
                | Finding::ClockSetBack { .. }
                | Finding::NotChecked { .. }
        )
    }
}

/// The result of verifying one profile folder.
#[derive(Debug, Clone, Serialize)]
pub struct ProfileReport {
    pub profile: String,
    pub folder: PathBuf,
    pub mode: VerifyMode,
    /// Versions listed in the catalog.
    pub versions: usize,
    /// Versions that passed every check of this mode.
    pub intact: usize,
    /// Bytes in the listed versions.
    pub bytes: u64,
    pub findings: Vec<Finding>,
    /// The user cancelled the check part-way: `intact` counts only the versions read before
    /// that, and the versions not reached are neither intact nor findings.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub cancelled: bool,
}

impl ProfileReport {
    /// True when nothing needs the user's attention.
    pub fn is_ok(&self) -> bool {
        !self.findings.iter().any(Finding::is_problem)
    }
}

/// The result of verifying several profiles.
#[derive(Debug, Clone, Serialize)]
pub struct VerifyReport {
    pub profiles: Vec<ProfileReport>,
}

impl VerifyReport {
    pub fn is_ok(&self) -> bool {
        self.profiles.iter().all(ProfileReport::is_ok)
    }
}

/// Verifies one profile's folder. Never fails: an unreachable folder is itself a finding.
pub fn verify_profile(profile: &Profile, mode: VerifyMode, progress: &dyn Progress) -> ProfileReport {
    let store = ProfileStore::new(&profile.backup_folder, &profile.name);
    verify_store(&profile.name, &store, mode, progress)
}

/// Verifies a profile folder given directly.
pub fn verify_store(name: &str, store: &ProfileStore, mode: VerifyMode, progress: &dyn Progress) -> ProfileReport {
    let mut report = ProfileReport {
        profile: name.to_string(),
        folder: store.dir().to_path_buf(),
        mode,
        versions: 0,
        intact: 0,
        bytes: 0,
        findings: Vec::new(),
        cancelled: false,
    };
    if !store.dir().is_dir() {
        report.findings.push(Finding::Unreachable {
            detail: format!(
                "The backup folder `{}` cannot be found. Connect its drive, or make a first backup to create it.",
                store.dir().display()
            ),
        });
        return report;
    }
    let catalog = match store.load_catalog() {
        Ok(c) => c,
        Err(e @ StoreError::CatalogDamaged { .. }) => {
            report.findings.push(Finding::CatalogDamaged { detail: e.to_string() });
            return report;
        }
        Err(e @ StoreError::NewerFormat { .. }) => {
            report.findings.push(Finding::NewerFormat { detail: e.to_string() });
            return report;
        }
        Err(e) => {
            report.findings.push(Finding::Unreachable { detail: e.to_string() });
            return report;
        }
    };
    let entries = match store.entries() {
        Ok(e) => e,
        Err(e) => {
            report.findings.push(Finding::Unreachable { detail: e.to_string() });
            return report;
        }
    };
    report.versions = catalog.versions.len();
    report.bytes = catalog.versions.iter().map(|v| v.bytes).sum();

    let (ok_files, mut findings, stopped) = check_versions(store, &catalog, mode, progress);
    report.intact = ok_files.len();
    report.cancelled = stopped;
    findings.extend(damaged_newest(&catalog));
    findings.extend(clock_set_back(&catalog));
    findings.extend(catalog.rejected.iter().map(|r| Finding::Rejected {
        file: r.file.clone(),
        problem: r.problem,
    }));
    findings.extend(
        catalog
            .duplicates()
            .into_iter()
            .map(|(file, count)| Finding::Duplicate {
                file: file.to_string(),
                count,
            }),
    );
    let unlisted = unlisted_and_leftovers(&catalog, &entries);
    let unlisted_versions = unlisted
        .iter()
        .filter(|f| matches!(f, Finding::Unlisted { file } if store::parse_version_name(file).is_some()))
        .count();
    if catalog.versions.is_empty() && unlisted_versions > 0 {
        findings.push(Finding::CatalogLost {
            unlisted: unlisted_versions,
        });
    }
    findings.extend(unlisted);
    if !store.sums_match(&catalog) && !catalog.versions.is_empty() {
        findings.push(Finding::SumsOutOfDate);
    }
    report.findings = findings;
    if mode == VerifyMode::Full && !ok_files.is_empty() {
        record_verified(store, &ok_files);
    }
    report
}

/// What checking one version came to.
enum Checked {
    Intact,
    Found(Finding),
    /// Not read to the end because the user cancelled (or not reached at all).
    Stopped,
}

/// Checks every listed version; returns the files that passed, the findings, and whether the
/// user cancelled before every version was read.
fn check_versions(
    store: &ProfileStore,
    catalog: &Catalog,
    mode: VerifyMode,
    progress: &dyn Progress,
) -> (Vec<String>, Vec<Finding>, bool) {
    let results = on_every_core(&catalog.versions, mode == VerifyMode::Full, progress, |version| {
        check_one(store, version, mode, progress)
    });
    let mut ok = Vec::new();
    let mut findings = Vec::new();
    let mut stopped = false;
    for (version, result) in catalog.versions.iter().zip(results) {
        match result.unwrap_or(Checked::Stopped) {
            Checked::Found(f) => findings.push(f),
            Checked::Intact => ok.push(version.file.to_string()),
            Checked::Stopped => stopped = true,
        }
    }
    (ok, findings, stopped)
}

/// Runs `work` on each item, on one worker per core when `parallel` (hashing is CPU-bound per
/// file, so this keeps every core busy across files), else on this thread. The results come
/// back in the items' order; `None` for the items not started because the user cancelled.
pub(crate) fn on_every_core<T: Sync, R: Send>(
    items: &[T],
    parallel: bool,
    progress: &dyn Progress,
    work: impl Fn(&T) -> R + Sync,
) -> Vec<Option<R>> {
    let results: Vec<Mutex<Option<R>>> = items.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(items.len().max(1));
    let worker = || {
        while !progress.cancelled() {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                break;
            };
            let result = work(item);
            if let Ok(mut slot) = results[i].lock() {
                *slot = Some(result);
            }
        }
    };
    if parallel && workers > 1 {
        std::thread::scope(|s| {
            for _ in 0..workers {
                s.spawn(worker);
            }
        });
    } else {
        worker();
    }
    results
        .into_iter()
        .map(|slot| slot.into_inner().ok().flatten())
        .collect()
}

fn check_one(store: &ProfileStore, version: &Version, mode: VerifyMode, progress: &dyn Progress) -> Checked {
    match check_file(store, version, mode, progress) {
        Ok(None) => Checked::Intact,
        Ok(Some(finding)) => Checked::Found(finding),
        Err(Cancelled) => Checked::Stopped,
    }
}

/// The finding about one version, if any; `Err` when the user cancelled while it was read, so
/// a read cut short is never taken for an unreadable file.
fn check_file(
    store: &ProfileStore,
    version: &Version,
    mode: VerifyMode,
    progress: &dyn Progress,
) -> Result<Option<Finding>, Cancelled> {
    let path = store.version_path(version);
    let file = version.file.to_string();
    // Never follow a link: a link planted under a version's name would make the check read
    // (and report on) a file outside the folder.
    let meta = match std::fs::symlink_metadata(&path) {
        Ok(m) if !m.is_file() => return Ok(Some(Finding::NotAFile { file })),
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Some(Finding::Missing { file }));
        }
        Err(e) => {
            return Ok(Some(Finding::Unreadable {
                file,
                detail: e.to_string(),
            }));
        }
    };
    if meta.len() != version.bytes {
        return Ok(Some(Finding::SizeMismatch {
            file,
            expected: version.bytes,
            actual: meta.len(),
        }));
    }
    if mode == VerifyMode::Full {
        match copy::hash_stored(&path, progress) {
            Ok(d) if d.sha256 != version.sha256 => {
                return Ok(Some(Finding::HashMismatch {
                    file,
                    expected: version.sha256.clone(),
                    actual: d.sha256,
                }));
            }
            Ok(_) => {}
            Err(e) if Cancelled::is(&e) => return Err(Cancelled),
            Err(e) => {
                return Ok(Some(Finding::Unreadable {
                    file,
                    detail: e.to_string(),
                }));
            }
        }
    }
    Ok(None)
}

/// A finding for each version whose time is earlier than that of a version made before it.
fn clock_set_back(catalog: &Catalog) -> Vec<Finding> {
    let mut ordered: Vec<&Version> = catalog.versions.iter().collect();
    ordered.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
    let mut latest: Option<&Version> = None;
    let mut findings = Vec::new();
    for v in ordered {
        match latest {
            // A second of slack: adopted versions carry only the second from their name.
            Some(before) if v.created + chrono::Duration::seconds(1) < before.created => {
                findings.push(Finding::ClockSetBack {
                    file: v.file.to_string(),
                    after: before.file.to_string(),
                });
            }
            _ => latest = Some(v),
        }
    }
    findings
}

/// A `Damaged` finding for each workbook whose newest version was copied from a damaged workbook.
fn damaged_newest(catalog: &Catalog) -> Vec<Finding> {
    let mut names: Vec<String> = catalog.versions.iter().map(Version::workbook_name).collect();
    names.sort();
    names.dedup();
    names
        .iter()
        .filter_map(|name| catalog.newest_of(name))
        .filter_map(|v| {
            if v.health.is_damaged() {
                Some(Finding::Damaged {
                    file: v.file.to_string(),
                    detail: v
                        .health_detail
                        .clone()
                        .unwrap_or_else(|| "no details recorded".to_string()),
                })
            } else if v.health.is_unknown() {
                Some(Finding::NotChecked {
                    file: v.file.to_string(),
                })
            } else {
                None
            }
        })
        .collect()
}

pub(crate) fn unlisted_and_leftovers(catalog: &Catalog, entries: &[String]) -> Vec<Finding> {
    store::files_not_listed(catalog, entries)
        .map(|name| {
            if fsutil::is_temp_name(std::ffi::OsStr::new(name)) {
                Finding::Leftover { file: name.to_owned() }
            } else {
                Finding::Unlisted { file: name.to_owned() }
            }
        })
        .collect()
}

/// Notes in the catalog when each version was last confirmed intact. Skipped quietly when
/// another writer holds the folder: the check itself is done and reported either way.
fn record_verified(store: &ProfileStore, ok_files: &[String]) {
    let Ok(lock) = store.lock(Duration::from_secs(2)) else {
        tracing::info!(
            "{} is busy; verification times not recorded this time",
            store.dir().display()
        );
        return;
    };
    let Ok(mut catalog) = store.load_catalog() else {
        return;
    };
    let now = Local::now().fixed_offset();
    let ok: HashSet<&str> = ok_files.iter().map(String::as_str).collect();
    for v in &mut catalog.versions {
        if ok.contains(v.file.as_str()) {
            v.verified = Some(now);
        }
    }
    if let Err(e) = store.save_catalog(&catalog, &lock) {
        tracing::warn!("could not record verification times: {e}");
    }
}

/// Adds to the catalog every unlisted file whose name follows the version pattern (see
/// [`crate::store::adopt`]). Returns the adopted file names.
pub fn adopt_unlisted(profile: &Profile, lock_wait: Duration) -> Result<Vec<String>, StoreError> {
    let store = ProfileStore::new(&profile.backup_folder, &profile.name);
    if !store.dir().is_dir() {
        return Ok(Vec::new());
    }
    let lock = store.lock(lock_wait)?;
    let mut catalog = store.load_catalog()?;
    let adopted = crate::store::adopt::adopt_unlisted(&store, &mut catalog, &profile.workbooks)?;
    if !adopted.is_empty() {
        store.save_catalog(&catalog, &lock)?;
    }
    Ok(adopted)
}
