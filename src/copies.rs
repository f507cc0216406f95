//! Second copies: besides the copy made when a workbook is closed, each profile can regularly
//! put its versions somewhere else (a USB drive, a cloud-drive folder, a network share), because
//! a PC can die or be encrypted by ransomware together with every folder on it.
//!
//! Each destination is a backup folder in the same format as the main one, written by the same
//! store code, so another machine (or a person) can restore from it directly. This module
//! decides which destinations are due ([`run_due`]), runs them ([`run_now`]), and summarises
//! them ([`destination_status`]). When each destination last received its copies is kept in
//! `copies.toml` in the main profile folder (see [`state`]).

#[cfg(feature = "company-storage")]
pub mod bucket;
mod note;
pub mod sealed;
pub mod state;
pub mod transfer;

use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, FixedOffset, Local};
use serde::Serialize;

use crate::config::{Destination, Profile};
use crate::i18n::{Explain, Said, SaidArg};
use crate::problem::{CopyTrouble, Problem};
use crate::progress::Progress;
use crate::schedule::{self, Schedule};
use crate::store::{ProfileStore, StoreError};
pub use note::CopyNote;
use state::{CopiesState, DestinationRecord};

/// After a failed run (read-only, full, busy) the next automatic try waits this long, so a
/// broken destination is not hammered every time the agent looks.
pub const RETRY_AFTER_FAILURE: chrono::Duration = chrono::Duration::minutes(15);

/// Why copying to a destination stopped. Messages name the folder and the next step.
#[derive(Debug, thiserror::Error)]
pub enum CopiesError {
    #[error(
        "The destination folder `{}` is not there (drive unplugged or network share offline). The copy runs as soon as it is back; plug in the drive or reconnect the share.",
        path.display()
    )]
    Absent { path: PathBuf },
    #[error(
        "The destination folder `{}` disappeared during the copy (drive unplugged or network share offline). What was copied is complete and recorded; the rest follows as soon as it is back.",
        path.display()
    )]
    Vanished { path: PathBuf },
    #[error(
        "The copy `{}` read back differently from what was written, so it was thrown away. The destination disk may be failing: check it, or choose another destination.",
        path.display()
    )]
    ReadBackMismatch { path: PathBuf },
    #[error("Profile `{profile}` has no destination called `{name}`. {known}")]
    UnknownDestination {
        profile: String,
        name: String,
        known: String,
    },
    #[error(
        "The copy to `{}` was cancelled. The versions copied before are complete and recorded; the rest follow at the next run.",
        path.display()
    )]
    Cancelled { path: PathBuf },
    #[error(
        "The encrypted file `{}` is listed in the main folder's SHA256SUMS but missing, so the copy kept its previous state. Run `sheetsafe verify --repair` to put it back from another copy.",
        path.display()
    )]
    SourceMissing { path: PathBuf },
    #[error(
        "The encrypted file `{}` in the main backup folder no longer matches its SHA-256 in SHA256SUMS, so the copy kept its previous state. Run `sheetsafe verify --repair` to mend it from another copy.",
        path.display()
    )]
    SourceDamaged { path: PathBuf },
    #[error(
        "`{}` lists `{name}`, which is not a file of an encrypted profile folder, so nothing was copied. Run `sheetsafe verify` on the profile and make a backup, which rewrites it.",
        path.display()
    )]
    SourceSumsInvalid { path: PathBuf, name: String },
    #[error(
        "`{}` does not match the encrypted catalog next to it (a backup was interrupted between writing the two), so nothing was copied. The next backup that records a version rewrites both, and the copy follows it.",
        path.display()
    )]
    SourceSumsStale { path: PathBuf },
    #[error(
        "The main backup folder `{}` kept changing during the copy (backups retired versions meanwhile). What was copied is kept; the copy runs again at the next opportunity.",
        path.display()
    )]
    SourceBusy { path: PathBuf },
    #[error(
        "The secret of the company storage `{destination}` could not be read from `{}` ({source}). Add the destination again with its secret.",
        path.display()
    )]
    SecretUnreadable {
        destination: String,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "The secret of the company storage `{destination}` is kept in the {store}, which did not give it ({reason}). Unlock it (log in to the desktop), or remove the second copy and add it again with its secret."
    )]
    SecretStoreUnavailable {
        destination: String,
        store: &'static str,
        reason: String,
    },
    #[error(
        "This Sheetsafe was built without company storage, so the second copy `{destination}` cannot be made here. Install the full Sheetsafe."
    )]
    NoCompanyStorage { destination: String },
    #[cfg(feature = "company-storage")]
    #[error(transparent)]
    Bucket(#[from] crate::s3::S3Error),
    #[error(transparent)]
    Sealed(#[from] crate::store::sealed::SealedError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl CopiesError {
    /// True when the destination is away (a drive unplugged, a share offline, a server that
    /// cannot be reached): the run waits for it instead of failing.
    pub fn is_away(&self) -> bool {
        match self {
            CopiesError::Absent { .. } | CopiesError::Vanished { .. } => true,
            #[cfg(feature = "company-storage")]
            CopiesError::Bucket(e) => e.is_away(),
            _ => false,
        }
    }
}

impl Explain for CopiesError {
    /// What the error says, as data (`copy-stop-*` in `assets/i18n/problems-*.ftl`; the
    /// store's and the encrypted folder's own for theirs).
    fn said(&self) -> Said {
        let folder = |p: &std::path::Path| vec![("folder", SaidArg::from(p))];
        let file = |p: &std::path::Path| vec![("file", SaidArg::from(p))];
        let (id, args) = match self {
            CopiesError::Store(e) => return e.said(),
            CopiesError::Sealed(e) => return e.said(),
            #[cfg(feature = "company-storage")]
            CopiesError::Bucket(e) => return e.said(),
            CopiesError::SecretUnreadable { destination, path, .. } => (
                "copy-stop-secret",
                vec![
                    ("destination", destination.clone().into()),
                    ("file", SaidArg::from(path.as_path())),
                ],
            ),
            CopiesError::SecretStoreUnavailable { destination, store, .. } => (
                "copy-stop-secret-store",
                vec![
                    ("destination", destination.clone().into()),
                    ("store", (*store).to_string().into()),
                ],
            ),
            CopiesError::NoCompanyStorage { destination } => (
                "copy-stop-no-company-storage",
                vec![("destination", destination.clone().into())],
            ),
            CopiesError::Absent { path } => ("copy-stop-absent", folder(path)),
            CopiesError::Vanished { path } => ("copy-stop-vanished", folder(path)),
            CopiesError::ReadBackMismatch { path } => ("copy-stop-read-back", file(path)),
            CopiesError::UnknownDestination { profile, name, .. } => (
                "copy-stop-unknown-destination",
                vec![
                    ("profile", profile.clone().into()),
                    ("destination", name.clone().into()),
                ],
            ),
            CopiesError::Cancelled { path } => ("copy-stop-cancelled", folder(path)),
            CopiesError::SourceMissing { path } => ("copy-stop-source-missing", file(path)),
            CopiesError::SourceDamaged { path } => ("copy-stop-source-damaged", file(path)),
            CopiesError::SourceSumsInvalid { path, .. } => ("copy-stop-sums-invalid", file(path)),
            CopiesError::SourceSumsStale { path } => ("copy-stop-sums-stale", file(path)),
            CopiesError::SourceBusy { path } => ("copy-stop-source-busy", folder(path)),
        };
        Said::new(id, args, self.to_string())
    }
}

/// How a run for one destination ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RunOutcome {
    /// Every version the destination should hold is there (some may have been copied now).
    Done,
    /// The destination folder is not there; the run happens when it appears.
    Waiting,
    /// The run could not be done or stopped part-way (see `problems`).
    Failed,
    /// The user cancelled it; what was copied before is complete and recorded.
    Cancelled,
}

/// What one run did for one destination.
#[derive(Debug, Clone, Serialize)]
pub struct DestinationRunReport {
    pub destination: String,
    /// The profile folder at the destination (`<folder>/<profile name>`).
    pub folder: PathBuf,
    pub outcome: RunOutcome,
    /// Version files copied (and read back) in this run.
    pub copied: Vec<String>,
    /// Versions of the main folder the destination already held.
    pub already_there: usize,
    /// Versions it lacks that its keep rules do not want (they would be retired at once).
    pub not_kept: usize,
    /// Old copies the destination's keep rules retired.
    pub pruned: Vec<String>,
    /// Why the run failed or waits, and versions that could not be copied.
    pub problems: Vec<CopyNote>,
}

impl DestinationRunReport {
    /// True when the run finished and nothing needs the user's attention.
    pub fn is_ok(&self) -> bool {
        self.outcome == RunOutcome::Done && self.problems.is_empty()
    }
}

/// The state of a destination, for the status line and the tray.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CopyState {
    /// The last run succeeded and the next is not due yet (green).
    UpToDate,
    /// A run is due and the folder is there: it runs at the next opportunity (green).
    Due,
    /// A run is due (or it is a "when plugged in" destination) but the folder is not there;
    /// it runs as soon as it appears (green until overdue).
    WaitingForFolder,
    /// A run has been due for more than a day (a week for "when plugged in") (amber).
    Overdue,
    /// The last run failed, for a reason other than the folder being away (red).
    Failed,
}

/// A summary of one destination.
#[derive(Debug, Clone, Serialize)]
pub struct DestinationStatus {
    pub name: String,
    /// The profile folder at the destination (`<folder>/<profile name>`).
    pub folder: PathBuf,
    /// The schedule in words ("daily at 18:00").
    pub schedule: String,
    pub state: CopyState,
    pub last_success: Option<DateTime<FixedOffset>>,
    /// When the next run is due (in the past when it is due now).
    pub next_due: DateTime<FixedOffset>,
    /// Since when the folder has been seen missing, if it is.
    pub absent_since: Option<DateTime<FixedOffset>>,
    /// Versions of the main folder the destination lacks and wants, when it can be read.
    pub lacking: Option<usize>,
    /// One sentence describing the state, for a status line.
    pub summary: String,
    /// Only for states that need the user (overdue, failed).
    pub problems: Vec<Problem>,
}

impl DestinationStatus {
    /// True for the states that should turn the tray amber or red.
    pub fn needs_attention(&self) -> bool {
        matches!(self.state, CopyState::Overdue | CopyState::Failed)
    }
}

/// Runs every destination of `profile` that is due at `now`: scheduled runs whose time has
/// come (including runs missed while the PC was off), "when plugged in" destinations that came
/// back, and destinations that were waiting for their folder. Destinations that are not due
/// are left out of the result; due ones whose folder is away come back as `Waiting`.
///
/// Meant to be called by the agent every minute or so, away from the user interface: checking
/// whether a network folder is there can take a while when the network is down.
pub fn run_due(
    profile: &Profile,
    now: DateTime<Local>,
    lock_wait: Duration,
    progress: &dyn Progress,
) -> Vec<DestinationRunReport> {
    let main = main_store(profile);
    let nothing_yet = if profile.encryption.is_some() {
        sealed::nothing_listed(main.dir())
    } else {
        main.load_catalog().is_ok_and(|c| c.versions.is_empty())
    };
    if nothing_yet {
        // No backup yet, so nothing to copy; the first run follows the first backup.
        return Vec::new();
    }
    let state = load_state(&main);
    let at = now.fixed_offset();
    let mut reports = Vec::new();
    for dest in &profile.destinations {
        let record = state.record(dest).cloned().unwrap_or_default();
        if record.first_seen.is_none() {
            persist(&main, lock_wait, dest, |r| r.first_seen = Some(at));
        }
        if dest.s3.is_some() {
            // A server's presence is known only by asking it: `should_run` spaces the tries.
        } else if !dest.folder.is_dir() {
            if record.absent_since.is_some() {
                // Already known to be away (and reported then); the status shows it waiting.
                continue;
            }
            if dest.schedule == Schedule::OnPlug {
                // Noting when a "when plugged in" drive goes away is what makes its return
                // trigger a copy, even on the same day. One write per unplugging.
                persist(&main, lock_wait, dest, |r| r.absent_since = Some(at));
                continue;
            }
        }
        if should_run(dest, &record, &now) {
            // A due destination that is away comes back as `Waiting`, once, and is noted.
            reports.push(run_one(profile, dest, now, lock_wait, progress));
        }
    }
    reports
}

/// Runs the named destinations of `profile` (all when `only` is empty) now, due or not.
pub fn run_now(
    profile: &Profile,
    only: &[String],
    now: DateTime<Local>,
    lock_wait: Duration,
    progress: &dyn Progress,
) -> Result<Vec<DestinationRunReport>, CopiesError> {
    let chosen = choose(profile, only)?;
    Ok(chosen
        .into_iter()
        .map(|dest| run_one(profile, dest, now, lock_wait, progress))
        .collect())
}

/// The destinations of `profile` named in `only` (all when empty), in configuration order.
pub fn choose<'a>(profile: &'a Profile, only: &[String]) -> Result<Vec<&'a Destination>, CopiesError> {
    if only.is_empty() {
        return Ok(profile.destinations.iter().collect());
    }
    only.iter()
        .map(|name| {
            profile
                .destinations
                .iter()
                .find(|d| d.name.eq_ignore_ascii_case(name.trim()))
                .ok_or_else(|| CopiesError::UnknownDestination {
                    profile: profile.name.clone(),
                    name: name.clone(),
                    known: known_destinations(profile),
                })
        })
        .collect()
}

fn known_destinations(profile: &Profile) -> String {
    if profile.destinations.is_empty() {
        format!(
            "It has none yet; add one with `sheetsafe profile dest add \"{}\" --dest-name NAME --folder DIR --daily 18:00`.",
            profile.name
        )
    } else {
        let names: Vec<String> = profile.destinations.iter().map(|d| format!("`{}`", d.name)).collect();
        format!("Its destinations are {}.", names.join(", "))
    }
}

/// Summarises every destination of `profile` at `now`. Reads the record in the main folder and
/// the destinations' catalogs; writes nothing.
pub fn destination_status(profile: &Profile, now: DateTime<Local>) -> Vec<DestinationStatus> {
    let main = main_store(profile);
    let state = load_state(&main);
    let source = main.load_catalog().ok();
    profile
        .destinations
        .iter()
        .map(|dest| {
            let lacking = lacking_of(profile, dest, &main, source.as_ref());
            status_of(profile, dest, state.record(dest), lacking, &now)
        })
        .collect()
}

/// Versions of the main folder the destination lacks and wants, when both can be read. An
/// encrypted profile's are counted from the two folders' clear `SHA256SUMS`.
fn lacking_of(
    profile: &Profile,
    dest: &Destination,
    main: &ProfileStore,
    source: Option<&crate::store::Catalog>,
) -> Option<usize> {
    if !dest.is_folder() || !dest.folder.is_dir() {
        // Company storage is counted by asking the server, which a status must not wait for.
        return None;
    }
    let store = ProfileStore::new(&dest.folder, &profile.name);
    if profile.encryption.is_some() {
        return Some(sealed::lacking(main.dir(), store.dir()));
    }
    let source = source?;
    store
        .load_catalog()
        .ok()
        .map(|c| transfer::plan(source, &c, &dest.keep).to_copy.len())
}

fn status_of(
    profile: &Profile,
    dest: &Destination,
    record: Option<&DestinationRecord>,
    lacking: Option<usize>,
    now: &DateTime<Local>,
) -> DestinationStatus {
    let record = record.cloned().unwrap_or_default();
    let now_fixed = now.fixed_offset();
    let last = record.last_success;
    let present = is_present(dest, &record);
    let next_due = schedule::next_due(&dest.schedule, last.as_ref(), &now_fixed);
    let due = should_run(dest, &record, now) || schedule::is_due(&dest.schedule, last.as_ref(), &now_fixed);
    let overdue = schedule::is_overdue(&dest.schedule, last.as_ref(), record.first_seen.as_ref(), &now_fixed);
    let failed = present && record.last_attempt_failed();
    let state = if failed {
        CopyState::Failed
    } else if overdue {
        CopyState::Overdue
    } else if !present && (due || dest.schedule == Schedule::OnPlug) {
        CopyState::WaitingForFolder
    } else if due {
        CopyState::Due
    } else {
        CopyState::UpToDate
    };
    let place = dest.place(&profile.name);
    let last_text = last.map_or_else(
        || "nothing copied yet".to_string(),
        |t| t.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string(),
    );
    // What is away: the destination's folder, or the bucket (its address and this computer's
    // folder in it).
    let away = if dest.is_folder() {
        dest.folder.clone()
    } else {
        place.clone()
    };
    let folder = away.display();
    let summary = match state {
        CopyState::UpToDate => format!(
            "Copied {last_text}; next copy {}.",
            next_due.with_timezone(&Local).format("%Y-%m-%d %H:%M")
        ),
        CopyState::Due => format!("A copy is due (last: {last_text}); it runs at the next opportunity."),
        CopyState::WaitingForFolder => {
            format!("Waiting for `{folder}` (last copy: {last_text}); the copy runs as soon as it is there.")
        }
        CopyState::Overdue => format!("Overdue (last copy: {last_text})."),
        CopyState::Failed => format!(
            "The last copy failed: {}",
            record.last_error.clone().unwrap_or_default()
        ),
    };
    let trouble = match state {
        CopyState::Overdue if !present => Some(CopyTrouble::OverdueFolderAway { folder: away.clone() }),
        CopyState::Overdue => Some(CopyTrouble::Overdue),
        CopyState::Failed => Some(CopyTrouble::Failed {
            reason: record.last_error.clone().unwrap_or_default(),
            said: record.last_error_said.clone(),
        }),
        CopyState::UpToDate | CopyState::Due | CopyState::WaitingForFolder => None,
    };
    let problems = trouble
        .map(|trouble| Problem::SecondCopy {
            destination: dest.name.clone(),
            profile: profile.name.clone(),
            last_copy: last,
            trouble,
        })
        .into_iter()
        .collect();
    DestinationStatus {
        name: dest.name.clone(),
        folder: place,
        schedule: dest.schedule.to_string(),
        state,
        last_success: last,
        next_due,
        absent_since: record.absent_since,
        lacking,
        summary,
        problems,
    }
}

/// How long a server that could not be reached is left alone before the next try.
pub const SERVER_RETRY: chrono::Duration = chrono::Duration::minutes(5);

/// Whether the destination is there: its folder exists, or (company storage) the server
/// answered the last time it was asked.
fn is_present(dest: &Destination, record: &DestinationRecord) -> bool {
    if dest.s3.is_some() {
        record.absent_since.is_none()
    } else {
        dest.folder.is_dir()
    }
}

/// Whether the agent should try `dest` now.
fn should_run(dest: &Destination, record: &DestinationRecord, now: &DateTime<Local>) -> bool {
    let now = now.fixed_offset();
    if dest.s3.is_some() && record.absent_since.is_some() {
        // The server was away: ask again every few minutes, whatever the schedule says.
        return record.last_attempt.is_none_or(|t| now >= t + SERVER_RETRY);
    }
    let present = dest.folder.is_dir();
    // Back from being away: run at once, whatever the last failure was.
    if present && record.absent_since.is_some() {
        return true;
    }
    if record.last_attempt_failed() && record.last_attempt.is_some_and(|t| now < t + RETRY_AFTER_FAILURE) {
        return false;
    }
    schedule::is_due(&dest.schedule, record.last_success.as_ref(), &now)
}

/// Runs one destination and records the outcome in `copies.toml`.
fn run_one(
    profile: &Profile,
    dest: &Destination,
    now: DateTime<Local>,
    lock_wait: Duration,
    progress: &dyn Progress,
) -> DestinationRunReport {
    let main = main_store(profile);
    let dest_dir = dest.place(&profile.name);
    let mut report = DestinationRunReport {
        destination: dest.name.clone(),
        folder: dest_dir,
        outcome: RunOutcome::Done,
        copied: Vec::new(),
        already_there: 0,
        not_kept: 0,
        pruned: Vec::new(),
        problems: Vec::new(),
    };
    let mut done = transfer::Transfer::default();
    let Some(result) = start(profile, dest, &main, lock_wait, progress, &mut done, &mut report) else {
        return report;
    };
    report.copied = done.copied;
    report.already_there = done.already_there;
    report.not_kept = done.not_kept;
    report.pruned = done.pruned;
    report.problems = done.problems;
    let at = now.fixed_offset();
    match result {
        // Whatever failed once the user cancelled failed because of the cancel. Nothing is
        // recorded as a failed attempt: the destination is as healthy as before, and the
        // schedule tries again when it is due.
        Err(e) if progress.cancelled() => {
            tracing::info!("second copy `{}` of `{}` cancelled ({e})", dest.name, profile.name);
            report.outcome = RunOutcome::Cancelled;
            report.problems.insert(
                0,
                CopiesError::Cancelled {
                    path: report.folder.clone(),
                }
                .into(),
            );
        }
        Ok(()) => {
            persist(&main, lock_wait, dest, |r| {
                r.last_success = Some(at);
                r.last_attempt = Some(at);
                r.last_error = None;
                r.last_error_said = None;
                r.absent_since = None;
            });
        }
        Err(e) if e.is_away() => {
            report.outcome = RunOutcome::Waiting;
            // A server that went away is asked again after a while (see `should_run`).
            let vanished = !matches!(e, CopiesError::Absent { .. });
            persist(&main, lock_wait, dest, |r| {
                r.absent_since.get_or_insert(at);
                if vanished {
                    r.last_attempt = Some(at);
                }
            });
            report.problems.insert(0, e.into());
        }
        Err(e) => {
            report.outcome = RunOutcome::Failed;
            let message = e.to_string();
            let said = e.said();
            tracing::warn!("second copy `{}` of `{}` failed: {message}", dest.name, profile.name);
            persist(&main, lock_wait, dest, |r| {
                r.last_attempt = Some(at);
                r.last_error = Some(message.clone());
                r.last_error_said = Some(said.clone());
            });
            report.problems.insert(0, e.into());
        }
    }
    report
}

/// Runs the transfer that suits the profile: plain versions by the two catalogs, an encrypted
/// profile's ciphertext by the clear `SHA256SUMS`. `None` when there is nothing to copy from
/// (the main folder unreadable or without a version), with `report` saying so.
fn start(
    profile: &Profile,
    dest: &Destination,
    main: &ProfileStore,
    lock_wait: Duration,
    progress: &dyn Progress,
    done: &mut transfer::Transfer,
    report: &mut DestinationRunReport,
) -> Option<Result<(), CopiesError>> {
    let nothing_yet = || CopyNote::NothingYet {
        destination: dest.name.clone(),
        profile: profile.name.clone(),
    };
    if profile.encryption.is_some() {
        if sealed::nothing_listed(main.dir()) {
            report.problems.push(nothing_yet());
            return None;
        }
        if let Some(s3) = &dest.s3 {
            return Some(to_bucket(dest, s3, main, lock_wait, progress, done));
        }
        return Some(sealed::transfer(profile, dest, main.dir(), lock_wait, progress, done));
    }
    let source = match main.load_catalog() {
        Ok(c) => c,
        Err(e) => {
            // The main folder is the source; without it nothing can be copied or recorded.
            report.outcome = RunOutcome::Failed;
            report.problems.push(CopiesError::Store(e).into());
            return None;
        }
    };
    if source.versions.is_empty() {
        report.problems.push(nothing_yet());
        return None;
    }
    Some(transfer::transfer(
        profile, dest, main, &source, lock_wait, progress, done,
    ))
}

/// Company storage, when this build has it.
#[cfg(feature = "company-storage")]
fn to_bucket(
    dest: &Destination,
    s3: &crate::config::S3Destination,
    main: &ProfileStore,
    lock_wait: Duration,
    progress: &dyn Progress,
    done: &mut transfer::Transfer,
) -> Result<(), CopiesError> {
    let journal = UploadNotes { main, lock_wait, dest };
    bucket::transfer(dest, s3, main.dir(), lock_wait, progress, done, &journal)
}

/// Notes company-storage uploads under way in the destination's record (`copies.toml`), so
/// that a run killed mid-upload has its parts aborted by the next.
#[cfg(feature = "company-storage")]
struct UploadNotes<'a> {
    main: &'a ProfileStore,
    lock_wait: Duration,
    dest: &'a Destination,
}

#[cfg(feature = "company-storage")]
impl crate::s3::UploadJournal for UploadNotes<'_> {
    fn started(&self, key: &str, upload_id: &str) {
        let upload = state::UnfinishedUpload {
            key: key.to_string(),
            upload_id: upload_id.to_string(),
        };
        persist(self.main, self.lock_wait, self.dest, |r| {
            if !r.unfinished_uploads.contains(&upload) {
                r.unfinished_uploads.push(upload.clone());
            }
        });
    }

    fn ended(&self, key: &str, upload_id: &str) {
        persist(self.main, self.lock_wait, self.dest, |r| {
            r.unfinished_uploads
                .retain(|u| u.key != key || u.upload_id != upload_id);
        });
    }

    fn unfinished(&self) -> Vec<(String, String)> {
        load_state(self.main)
            .record(self.dest)
            .map(|r| {
                r.unfinished_uploads
                    .iter()
                    .map(|u| (u.key.clone(), u.upload_id.clone()))
                    .collect()
            })
            .unwrap_or_default()
    }
}

#[cfg(not(feature = "company-storage"))]
fn to_bucket(
    dest: &Destination,
    _s3: &crate::config::S3Destination,
    _main: &ProfileStore,
    _lock_wait: Duration,
    _progress: &dyn Progress,
    _done: &mut transfer::Transfer,
) -> Result<(), CopiesError> {
    Err(CopiesError::NoCompanyStorage {
        destination: dest.name.clone(),
    })
}

fn main_store(profile: &Profile) -> ProfileStore {
    ProfileStore::new(&profile.backup_folder, &profile.name)
}

fn load_state(main: &ProfileStore) -> CopiesState {
    state::load(main).unwrap_or_else(|e| {
        tracing::warn!("{e}");
        CopiesState::default()
    })
}

/// Records something about `dest`. A failure to write the record is logged, not raised: the
/// copies themselves are safe, and the worst outcome is one unneeded run.
fn persist(main: &ProfileStore, lock_wait: Duration, dest: &Destination, change: impl Fn(&mut DestinationRecord)) {
    // Taking the lock writes to the lock file; skip it when the record would not change (a
    // destination that stays away is looked at every minute).
    let mut preview = load_state(main);
    let before = preview.clone();
    change(preview.record_mut(dest));
    if preview == before {
        return;
    }
    if let Err(e) = state::update(main, lock_wait, |s| change(s.record_mut(dest))) {
        tracing::warn!("could not record the second copy `{}`: {e}", dest.name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::S3Destination;
    use chrono::TimeZone as _;

    fn company() -> Destination {
        Destination {
            name: "Office".into(),
            s3: Some(S3Destination {
                url: "http://127.0.0.1:3900/alice-backups".into(),
                region: "garage".into(),
                access_key_id: "GK1".into(),
                device: "0123456789abcdef0123456789abcdef".into(),
                secret_in: crate::config::SecretPlace::File,
                secret_file: PathBuf::from("/nowhere/x.secret"),
            }),
            schedule: Schedule::Daily {
                at: chrono::NaiveTime::from_hms_opt(18, 0, 0).unwrap_or_default(),
            },
            ..Destination::default()
        }
    }

    /// A server that could not be reached is "waiting" like an unplugged drive, asked again
    /// every few minutes, and amber (overdue, its place named) once a run is a day late.
    #[test]
    fn an_unreachable_server_waits_then_turns_overdue() {
        let dest = company();
        let profile = Profile {
            name: "Sales".into(),
            destinations: vec![dest.clone()],
            ..Profile::default()
        };
        let now = Local
            .with_ymd_and_hms(2026, 12, 2, 19, 0, 0)
            .single()
            .unwrap_or_default();
        let away = |since_hours: i64, tried_minutes: i64| DestinationRecord {
            first_seen: Some((now - chrono::Duration::hours(since_hours)).fixed_offset()),
            absent_since: Some((now - chrono::Duration::hours(since_hours)).fixed_offset()),
            last_attempt: Some((now - chrono::Duration::minutes(tried_minutes)).fixed_offset()),
            ..DestinationRecord::default()
        };
        let fresh = status_of(&profile, &dest, Some(&away(2, 1)), None, &now);
        assert_eq!(fresh.state, CopyState::WaitingForFolder);
        assert!(fresh.problems.is_empty());
        assert!(
            !should_run(&dest, &away(2, 1), &now),
            "asked again within {SERVER_RETRY}"
        );
        assert!(
            should_run(&dest, &away(2, 6), &now),
            "not asked again after {SERVER_RETRY}"
        );
        let late = status_of(&profile, &dest, Some(&away(50, 1)), None, &now);
        assert_eq!(late.state, CopyState::Overdue);
        assert!(late.needs_attention());
        assert!(
            late.folder
                .to_string_lossy()
                .ends_with("alice-backups/0123456789abcdef0123456789abcdef"),
            "{}",
            late.folder.display()
        );
        // Answering again ends the wait at once.
        let back = DestinationRecord {
            absent_since: None,
            last_success: Some(now.fixed_offset()),
            ..away(50, 1)
        };
        assert_eq!(
            status_of(&profile, &dest, Some(&back), None, &now).state,
            CopyState::UpToDate
        );
    }
}
