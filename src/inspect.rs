//! Fills in the summaries of versions that have none yet, and raises the vanishing-data alarm.
//!
//! It runs after a backup has recorded its version (the CLI after `backup`, the agent on a
//! worker thread), never inside it, so reading cells never delays a backup. Anything without a
//! summary gets one the next time, so a run that was killed resumes by itself. Summaries are
//! computed without the writers' lock; the lock is taken only to write them in, into the catalog
//! as it is then.
//!
//! When a newly summarised version lost data against the version before it (see
//! [`crate::contents::alarm`]), that earlier version is pinned: no keep rule retires it until the
//! user accepts the change ([`accept_change`]) or unpins it ([`set_pin`]).

use std::path::Path;
use std::time::Duration;

use chrono::Local;

use crate::config::Profile;
use crate::contents::{self, Limits};
use crate::store::{Catalog, Loss, Pin, PinReason, ProfileStore, StoreError, Version, VersionFileName};

/// The vanishing-data alarm raised for one workbook.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Alarm {
    /// The workbook's file name.
    pub workbook: String,
    /// The last version before the loss, now pinned.
    pub pinned: VersionFileName,
    pub pinned_created: chrono::DateTime<chrono::FixedOffset>,
    /// The version that lost the data.
    pub lost_in: VersionFileName,
    pub losses: Vec<Loss>,
}

/// What one run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inspected {
    /// Versions that got a summary.
    pub summarized: usize,
    pub alarms: Vec<Alarm>,
}

/// Summarises every version of `profile` that has no summary yet and raises alarms.
pub fn summarize_missing(profile: &Profile, lock_wait: Duration, limits: Limits) -> Result<Inspected, StoreError> {
    let store = ProfileStore::new(&profile.backup_folder, &profile.name);
    if !store.dir().is_dir() {
        return Ok(Inspected::default());
    }
    let catalog = store.load_catalog()?;
    let todo: Vec<&Version> = catalog.versions.iter().filter(|v| v.summary.is_none()).collect();
    if todo.is_empty() {
        return Ok(Inspected::default());
    }
    let mut computed = Vec::new();
    for v in todo {
        let path = store.version_path(v);
        if !std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
            continue;
        }
        let name = Path::new(v.source.file_name().unwrap_or(v.file.as_str().as_ref()));
        let summary = contents::summarize(&path, name, v.health, limits);
        computed.push((v.file.clone(), v.sha256.clone(), summary));
    }
    if computed.is_empty() {
        return Ok(Inspected::default());
    }
    let lock = store.lock(lock_wait)?;
    let mut catalog = store.load_catalog()?;
    let inspected = record(&mut catalog, computed, profile);
    if inspected.summarized > 0 {
        store.save_catalog(&catalog, &lock)?;
    }
    for alarm in &inspected.alarms {
        tracing::warn!(
            "data vanished from {} in {}; {} is pinned: {:?}",
            alarm.workbook,
            alarm.lost_in,
            alarm.pinned,
            alarm.losses
        );
    }
    Ok(inspected)
}

/// Writes the computed summaries into `catalog` (where the entry is still there, unchanged and
/// without one) and pins the version before each loss. A version is judged against the one
/// before only when it is newer than every version that already had a summary: after an
/// upgrade, old history is summarised quietly, and only what is new can raise the alarm.
fn record(
    catalog: &mut Catalog,
    computed: Vec<(VersionFileName, String, crate::store::Summary)>,
    profile: &Profile,
) -> Inspected {
    let mut inspected = Inspected::default();
    let mut newest_known: std::collections::HashMap<String, u64> = std::collections::HashMap::new();
    for v in catalog.versions.iter().filter(|v| v.summary.is_some()) {
        let seq = newest_known.entry(v.workbook_name()).or_default();
        *seq = (*seq).max(v.sequence);
    }
    let mut fresh = Vec::new();
    for (file, sha256, summary) in computed {
        if let Some(v) = catalog
            .versions
            .iter_mut()
            .find(|v| v.file == file && v.sha256 == sha256 && v.summary.is_none())
        {
            v.summary = Some(summary);
            inspected.summarized += 1;
            let known = newest_known.get(&v.workbook_name()).copied();
            if known.is_none_or(|s| v.sequence > s) {
                fresh.push((v.workbook_name(), v.sequence, v.file.clone()));
            }
        }
    }
    fresh.sort_by_key(|(_, seq, _)| *seq);
    for (workbook, sequence, file) in fresh {
        let Some(after) = catalog.versions.iter().find(|v| v.file == file).cloned() else {
            continue;
        };
        let previous = catalog
            .versions
            .iter()
            .filter(|v| v.workbook_name() == workbook && v.sequence < sequence && v.summary.is_some())
            .max_by(|a, b| a.order_key().cmp(&b.order_key()))
            .map(|v| v.file.clone());
        let Some(previous) = previous else { continue };
        let Some(before) = catalog.versions.iter_mut().find(|v| v.file == previous) else {
            continue;
        };
        let (Some(old), Some(new)) = (&before.summary, &after.summary) else {
            continue;
        };
        let losses = contents::alarm::losses(old, new, &profile.alarm);
        if losses.is_empty() {
            continue;
        }
        before.pin = Some(Pin {
            reason: PinReason::VanishingData,
            at: Local::now().fixed_offset(),
            lost_in: Some(after.file.to_string()),
            losses: losses.clone(),
        });
        inspected.alarms.push(Alarm {
            workbook,
            pinned: before.file.clone(),
            pinned_created: before.created,
            lost_in: after.file.clone(),
            losses,
        });
    }
    inspected
}

/// Workbooks that lost their data at once, and how many of their versions were pinned for it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MassLoss {
    /// (profile, workbook file name) of each workbook in the burst.
    pub workbooks: Vec<(String, String)>,
    /// Versions newly pinned (every version made before each workbook's loss).
    pub pinned: usize,
}

/// Looks across `profiles` for many workbooks losing their data at once (see
/// [`contents::alarm::mass_loss`]); when found, pins every version each of them had before its
/// loss, so no keep rule can retire what an attack left behind. Pins already there stay.
/// Encrypted profiles are skipped: their catalogs hold no summaries yet.
pub fn guard_mass_loss(
    profiles: &[Profile],
    settings: crate::config::MassLossSettings,
    lock_wait: Duration,
) -> Result<MassLoss, StoreError> {
    let mut losses = Vec::new();
    for profile in profiles.iter().filter(|p| p.encryption.is_none()) {
        let store = ProfileStore::new(&profile.backup_folder, &profile.name);
        if !store.dir().is_dir() {
            continue;
        }
        let catalog = store.load_catalog()?;
        for v in &catalog.versions {
            let Some(pin) = v.pin.as_ref().filter(|p| p.reason == PinReason::VanishingData) else {
                continue;
            };
            if let Some(lost) = pin.lost_in.as_deref().and_then(|f| catalog.find(f)) {
                losses.push(((profile.name.clone(), v.workbook_name()), lost.created));
            }
        }
    }
    let window = chrono::Duration::minutes(i64::from(settings.window_minutes));
    let threshold = usize::try_from(settings.workbooks).unwrap_or(usize::MAX);
    let burst = contents::alarm::mass_loss(&losses, window, threshold);
    let mut found = MassLoss::default();
    for profile in profiles
        .iter()
        .filter(|p| burst.iter().any(|(name, _)| *name == p.name))
    {
        let store = ProfileStore::new(&profile.backup_folder, &profile.name);
        let lock = store.lock(lock_wait)?;
        let mut catalog = store.load_catalog()?;
        let mut pinned = 0;
        for (_, workbook) in burst.iter().filter(|(name, _)| *name == profile.name) {
            // The first loss of this workbook in the burst: everything made before it is kept.
            let first_loss = losses
                .iter()
                .filter(|((name, w), _)| *name == profile.name && w == workbook)
                .map(|(_, at)| *at)
                .min();
            let Some(first_loss) = first_loss else { continue };
            let lost_in = catalog
                .versions_of(workbook)
                .find(|v| v.created == first_loss)
                .map(|v| v.file.to_string());
            for v in catalog
                .versions
                .iter_mut()
                .filter(|v| v.workbook_name() == *workbook && v.created < first_loss && v.pin.is_none())
            {
                v.pin = Some(Pin {
                    reason: PinReason::MassLoss,
                    at: Local::now().fixed_offset(),
                    lost_in: lost_in.clone(),
                    losses: Vec::new(),
                });
                pinned += 1;
            }
            found.workbooks.push((profile.name.clone(), workbook.clone()));
        }
        if pinned > 0 {
            store.save_catalog(&catalog, &lock)?;
            tracing::error!(
                "many workbooks lost their data at once; {pinned} earlier version(s) of profile {} are pinned",
                profile.name
            );
        }
        found.pinned += pinned;
    }
    Ok(found)
}

/// Why a pin could not be changed.
#[derive(Debug, thiserror::Error)]
pub enum PinError {
    #[error("There is no version `{file}` in `{}`. `sheetsafe versions` lists them.", folder.display())]
    NoSuchVersion { file: String, folder: std::path::PathBuf },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Pins (`Some`) or unpins (`None`) the version `file`. Returns whether anything changed.
pub fn set_pin(profile: &Profile, file: &str, pin: bool, lock_wait: Duration) -> Result<bool, PinError> {
    let store = ProfileStore::new(&profile.backup_folder, &profile.name);
    let lock = store.lock(lock_wait)?;
    let mut catalog = store.load_catalog()?;
    let Some(v) = catalog.versions.iter_mut().find(|v| v.file == file) else {
        return Err(PinError::NoSuchVersion {
            file: file.to_string(),
            folder: store.dir().to_path_buf(),
        });
    };
    let changed = if pin {
        let was = v.pin.replace(Pin {
            reason: PinReason::User,
            at: Local::now().fixed_offset(),
            lost_in: None,
            losses: Vec::new(),
        });
        was.is_none_or(|p| p.reason != PinReason::User)
    } else {
        v.pin.take().is_some()
    };
    if changed {
        store.save_catalog(&catalog, &lock)?;
    }
    Ok(changed)
}

/// The user says the data vanished on purpose: the vanishing-data pins of `workbook_name`'s
/// versions are removed (pins the user set stay). Returns the versions unpinned.
pub fn accept_change(
    profile: &Profile,
    workbook_name: &str,
    lock_wait: Duration,
) -> Result<Vec<VersionFileName>, StoreError> {
    let store = ProfileStore::new(&profile.backup_folder, &profile.name);
    let lock = store.lock(lock_wait)?;
    let mut catalog = store.load_catalog()?;
    let mut released = Vec::new();
    for v in catalog
        .versions
        .iter_mut()
        .filter(|v| v.workbook_name().eq_ignore_ascii_case(workbook_name))
    {
        if v.pin
            .as_ref()
            .is_some_and(|p| matches!(p.reason, PinReason::VanishingData | PinReason::MassLoss))
        {
            v.pin = None;
            released.push(v.file.clone());
        }
    }
    if !released.is_empty() {
        store.save_catalog(&catalog, &lock)?;
    }
    Ok(released)
}
