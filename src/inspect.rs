//! Fills in the summaries of versions that have none yet, and raises the vanishing-data alarm.
//!
//! It runs after a backup has recorded its version (the CLI after `backup`, the agent on a
//! worker thread), never inside it, so reading cells never delays a backup. Anything without a
//! summary gets one the next time, so a run that was killed resumes by itself. Summaries are
//! computed without the writers' lock; the lock is taken only to write them in, into the catalog
//! as it is then.
//!
//! An encrypted profile's catalog is read and written with this computer's key, as a backup
//! does; its summaries and pins stay inside the encrypted catalog.
//!
//! When a newly summarised version lost data against the version before it (see
//! [`crate::contents::alarm`]), that earlier version is pinned: no keep rule retires it until the
//! user accepts the change ([`accept_change`]) or unpins it ([`set_pin`]).

use std::path::Path;
use std::time::Duration;

use chrono::Local;

use crate::config::Profile;
use crate::contents::{self, Limits};
use crate::crypto::{PublicKey, SecretKey};
use crate::store::sealed::{SealedError, SealedStore};
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

/// Why a profile's catalog could not be read or changed here.
#[derive(Debug, thiserror::Error)]
pub enum InspectError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Sealed(#[from] SealedError),
}

/// Summarises every version of `profile` that has no summary yet and raises alarms.
///
/// An encrypted profile's versions are encrypted to the user's key only, which no backup holds;
/// what a backup holds is this computer's key, which opens the catalog. So a version of an
/// encrypted profile is read from its workbook instead, in place, when (and only when) the
/// workbook's SHA-256 is the version's before and after the reading: the summary then describes
/// exactly the bytes that were backed up, and no plaintext is written anywhere. A version whose
/// workbook has changed since keeps no summary (nothing is guessed); the summaries and pins go
/// only into the encrypted catalog.
pub fn summarize_missing(profile: &Profile, lock_wait: Duration, limits: Limits) -> Result<Inspected, InspectError> {
    let Some(folder) = Folder::of(profile)? else {
        return Ok(Inspected::default());
    };
    let catalog = folder.load()?;
    let todo: Vec<&Version> = catalog.versions.iter().filter(|v| v.summary.is_none()).collect();
    if todo.is_empty() {
        return Ok(Inspected::default());
    }
    let mut computed = Vec::new();
    for v in todo {
        let Some(path) = folder.readable(v) else {
            continue;
        };
        let name = Path::new(v.source.file_name().unwrap_or(v.file.as_str().as_ref()));
        let summary = contents::summarize(&path, name, v.health, limits);
        // A workbook read in place must not have changed while it was read.
        if !folder.still_the_version(v, &path) {
            continue;
        }
        computed.push((v.file.clone(), v.sha256.clone(), summary));
    }
    if computed.is_empty() {
        return Ok(Inspected::default());
    }
    let inspected = folder.update(lock_wait, |catalog| {
        let inspected = record(catalog, computed, profile);
        let changed = inspected.summarized > 0;
        (inspected, changed)
    })?;
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

/// A profile's folder as this module reads and changes it: plain, or encrypted and opened with
/// this computer's key.
enum Folder {
    Plain(ProfileStore),
    Sealed {
        store: SealedStore,
        device: SecretKey,
        recipients: Vec<PublicKey>,
    },
}

impl Folder {
    /// `None` when the profile has no folder yet.
    fn of(profile: &Profile) -> Result<Option<Folder>, InspectError> {
        let store = ProfileStore::new(&profile.backup_folder, &profile.name);
        if !store.dir().is_dir() {
            return Ok(None);
        }
        let Some(encryption) = &profile.encryption else {
            return Ok(Some(Folder::Plain(store)));
        };
        Ok(Some(Folder::Sealed {
            store: SealedStore::at(store.dir().to_path_buf()),
            device: crate::engine::sealed::device_key(encryption)?,
            recipients: crate::engine::sealed::recipients_of(encryption)?,
        }))
    }

    /// The versions, as a plain catalog (an encrypted one decrypted with this computer's key).
    fn load(&self) -> Result<Catalog, InspectError> {
        Ok(match self {
            Folder::Plain(store) => store.load_catalog()?,
            Folder::Sealed { store, device, .. } => store.load_catalog(&[device])?.plain(),
        })
    }

    /// Under the writers' lock: the catalog as it is now, changed by `change`, and written back
    /// when `change` says it changed something. In an encrypted folder only the summaries and
    /// pins are taken back from the plain view; everything else stays as it was.
    fn update<R>(
        &self,
        lock_wait: Duration,
        change: impl FnOnce(&mut Catalog) -> (R, bool),
    ) -> Result<R, InspectError> {
        match self {
            Folder::Plain(store) => {
                let lock = store.lock(lock_wait)?;
                let mut catalog = store.load_catalog()?;
                let (result, changed) = change(&mut catalog);
                if changed {
                    store.save_catalog(&catalog, &lock)?;
                }
                Ok(result)
            }
            Folder::Sealed {
                store,
                device,
                recipients,
            } => {
                let lock = store.lock(lock_wait)?;
                let mut sealed = store.load_catalog(&[device])?;
                let mut catalog = sealed.plain();
                let (result, changed) = change(&mut catalog);
                if changed {
                    for entry in &mut sealed.versions {
                        if let Some(v) = catalog.versions.iter().find(|v| v.file == entry.version.file) {
                            entry.version.summary.clone_from(&v.summary);
                            entry.version.pin.clone_from(&v.pin);
                        }
                    }
                    store.save_catalog(&sealed, recipients, &lock)?;
                }
                Ok(result)
            }
        }
    }

    /// A file holding exactly the bytes of version `v`: the version file in a plain folder; for
    /// an encrypted one, the workbook itself when its SHA-256 is the version's (see
    /// [`summarize_missing`]). Nothing is copied, so no plaintext lands anywhere else.
    fn readable(&self, v: &Version) -> Option<std::path::PathBuf> {
        match self {
            Folder::Plain(store) => {
                let path = store.version_path(v);
                std::fs::symlink_metadata(&path)
                    .is_ok_and(|m| m.is_file())
                    .then_some(path)
            }
            Folder::Sealed { .. } => same_bytes(&v.source, &v.sha256).then(|| v.source.clone()),
        }
    }

    /// After reading `path` for `v`: true when what was read is still the version's bytes (a
    /// version file never changes; a workbook read in place is hashed again).
    fn still_the_version(&self, v: &Version, path: &Path) -> bool {
        match self {
            Folder::Plain(_) => true,
            Folder::Sealed { .. } => same_bytes(path, &v.sha256),
        }
    }
}

/// Whether the file at `path` hashes to `sha256`.
fn same_bytes(path: &Path, sha256: &str) -> bool {
    crate::copy::hash_file(path, &()).is_ok_and(|d| d.sha256 == sha256)
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
/// Encrypted profiles count too: their pins are in their encrypted catalogs.
pub fn guard_mass_loss(
    profiles: &[Profile],
    settings: crate::config::MassLossSettings,
    lock_wait: Duration,
) -> Result<MassLoss, InspectError> {
    let mut losses = Vec::new();
    for profile in profiles {
        let Some(folder) = Folder::of(profile)? else {
            continue;
        };
        let catalog = folder.load()?;
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
        let Some(folder) = Folder::of(profile)? else {
            continue;
        };
        let (pinned, workbooks) = folder.update(lock_wait, |catalog| {
            let mut pinned = 0;
            let mut workbooks = Vec::new();
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
                workbooks.push((profile.name.clone(), workbook.clone()));
            }
            ((pinned, workbooks), pinned > 0)
        })?;
        found.workbooks.extend(workbooks);
        if pinned > 0 {
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
) -> Result<Vec<VersionFileName>, InspectError> {
    let Some(folder) = Folder::of(profile)? else {
        return Ok(Vec::new());
    };
    folder.update(lock_wait, |catalog| {
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
        let changed = !released.is_empty();
        (released, changed)
    })
}
