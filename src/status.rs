//! Status: a plain summary of each profile (last backup, versions, last verify, and the
//! [`Problem`]s that need the user) that the CLI prints and the GUI and tray show. The overall
//! [`Level`] comes from the problems alone ([`Level::of`]).

pub mod contents;
pub mod dismissed;

use crate::i18n::Explain as _;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, Local};
use serde::Serialize;

use crate::config::Profile;
use crate::health::Health;
pub use crate::problem::{Level, Problem, Waiting};
use crate::store::{ProfileStore, Trigger};
use crate::watch::tracker::WatchState;

/// The state of one workbook of a profile.
#[derive(Debug, Clone, Serialize)]
pub struct WorkbookStatus {
    pub workbook: PathBuf,
    pub versions: usize,
    pub bytes: u64,
    pub last_backup: Option<DateTime<FixedOffset>>,
    /// The oldest "last verified" time among its versions: everything is verified at least then.
    pub verified_through: Option<DateTime<FixedOffset>>,
    pub newest_health: Option<Health>,
    /// What the running agent says about it, if one runs.
    pub watch_state: Option<WorkbookState>,
    /// The agent's last backup attempt, if one runs.
    pub last_attempt: Option<LastResult>,
    /// When the workbook on disk differs from its newest version: its modification time (the
    /// last save that is not backed up). The overview turns this into a problem, or not, with
    /// what the agent says (a workbook being closed right now is not a problem yet).
    pub changed_since_backup: Option<DateTime<FixedOffset>>,
    /// Data that vanished, each with the version pinned because of it (newest first).
    pub vanished: Vec<contents::Vanished>,
    /// What the reader could not read in the newest version.
    pub unreadable: Option<contents::Unreadable>,
    /// Empty when all is well.
    pub problems: Vec<Problem>,
}

/// The state of one profile.
#[derive(Debug, Clone, Serialize)]
pub struct ProfileStatus {
    pub profile: String,
    pub enabled: bool,
    pub folder: PathBuf,
    pub workbooks: Vec<WorkbookStatus>,
    /// Second copies: each destination's state, last copy and next due time.
    pub destinations: Vec<crate::copies::DestinationStatus>,
    /// Problems with the profile as a whole (for example an unreadable catalog, or a second
    /// copy overdue).
    pub problems: Vec<Problem>,
}

impl ProfileStatus {
    /// Every problem of the profile and its workbooks.
    pub fn all_problems(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .chain(self.workbooks.iter().flat_map(|w| &w.problems))
    }

    /// This profile's own level (a card's colour), by the same rule as the overall level.
    pub fn level(&self) -> Level {
        Level::of(self.all_problems())
    }

    /// True when neither the profile nor any workbook has a problem.
    pub fn is_ok(&self) -> bool {
        self.all_problems().next().is_none()
    }
}

/// Reads the profile's folder and workbooks and summarises them. Never fails: what cannot be
/// read becomes a problem in the summary.
pub fn profile_status(profile: &Profile) -> ProfileStatus {
    let store = ProfileStore::new(&profile.backup_folder, &profile.name);
    let mut status = ProfileStatus {
        profile: profile.name.clone(),
        enabled: profile.enabled,
        folder: store.dir().to_path_buf(),
        workbooks: Vec::new(),
        destinations: crate::copies::destination_status(profile, Local::now()),
        problems: Vec::new(),
    };
    let destination_problems: Vec<Problem> = status.destinations.iter().flat_map(|d| d.problems.clone()).collect();
    status.problems.extend(destination_problems);
    let catalog = match load_catalog(profile, &store) {
        Ok(c) => c,
        Err(e) => {
            status.problems.push(Problem::CatalogUnreadable {
                reason: e.english.clone(),
                said: Some(e),
            });
            crate::store::Catalog::default()
        }
    };
    for workbook in &profile.workbooks {
        let name = workbook
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let versions: Vec<_> = catalog.versions_of(&name).collect();
        let newest = catalog.newest_of(&name);
        let mut problems = Vec::new();
        let mut changed_since_backup = None;
        match std::fs::metadata(workbook) {
            Err(_) => problems.push(Problem::WorkbookMissing {
                workbook: workbook.clone(),
            }),
            Ok(meta) => {
                let modified = meta.modified().ok().map(|t| DateTime::<Local>::from(t).fixed_offset());
                match newest {
                    None => problems.push(Problem::NoBackupYet {
                        workbook: workbook.clone(),
                        profile: profile.name.clone(),
                    }),
                    Some(v) if v.source_modified != modified || v.bytes != meta.len() => {
                        changed_since_backup = Some(modified.unwrap_or_else(|| Local::now().fixed_offset()));
                    }
                    Some(_) => {}
                }
            }
        }
        if let Some(v) = newest.filter(|v| v.health.is_damaged()) {
            problems.push(Problem::Damaged {
                file: v.file.to_string(),
            });
        } else if let Some(v) = newest.filter(|v| v.health.is_unknown()) {
            problems.push(Problem::NotChecked {
                file: v.file.to_string(),
            });
        }
        status.workbooks.push(WorkbookStatus {
            workbook: workbook.clone(),
            versions: versions.len(),
            bytes: versions.iter().map(|v| v.bytes).sum(),
            last_backup: newest.map(|v| v.created),
            verified_through: versions.iter().map(|v| v.verified).min().flatten(),
            newest_health: newest.map(|v| v.health),
            watch_state: None,
            last_attempt: None,
            changed_since_backup,
            vanished: contents::vanished(&catalog, &name),
            unreadable: contents::unreadable(&catalog, &name),
            problems,
        });
    }
    status
        .problems
        .extend(no_copy_off_this_disk(profile, &status.destinations));
    status
}

/// Amber for a profile with no copy that survives its workbooks' disk: every copy shares that
/// disk, or the only ones elsewhere are second copies never made (a USB disk added while
/// unplugged). A folder that is not there counts as elsewhere once a copy reached it: whether
/// its copies are fresh is the second copy's own state (overdue turns amber).
fn no_copy_off_this_disk(profile: &Profile, destinations: &[crate::copies::DestinationStatus]) -> Option<Problem> {
    let disks: Vec<u64> = profile
        .workbooks
        .iter()
        .filter_map(|w| crate::fsutil::device_of(w))
        .collect();
    if disks.is_empty() {
        return None;
    }
    let elsewhere = |folder: &std::path::Path| {
        !folder.exists() || crate::fsutil::device_of(folder).is_none_or(|d| !disks.contains(&d))
    };
    if elsewhere(&profile.backup_folder) {
        return None;
    }
    let away: Vec<&crate::copies::DestinationStatus> = profile
        .destinations
        .iter()
        .filter(|d| !d.is_folder() || elsewhere(&d.folder))
        .filter_map(|d| destinations.iter().find(|s| s.name == d.name))
        .collect();
    if away.iter().any(|s| s.last_success.is_some()) {
        return None;
    }
    Some(match away.first() {
        Some(first) => Problem::FirstCopyNotMade {
            profile: profile.name.clone(),
            destination: first.name.clone(),
            folder: first.folder.clone(),
        },
        None => Problem::NoCopyOffThisDisk {
            profile: profile.name.clone(),
            folder: profile.backup_folder.clone(),
        },
    })
}

/// The profile's catalog: the plain one, or an encrypted profile's read with this computer's
/// key (which the status, like a backup, has without the passphrase).
fn load_catalog(profile: &Profile, store: &ProfileStore) -> Result<crate::store::Catalog, crate::i18n::Said> {
    let Some(encryption) = &profile.encryption else {
        return store.load_catalog().map_err(|e| e.said());
    };
    let device = crate::engine::sealed::device_key(encryption).map_err(|e| e.said())?;
    crate::store::sealed::SealedStore::at(store.dir().to_path_buf())
        .load_catalog(&[&device])
        .map(|c| c.plain())
        .map_err(|e| e.said())
}

/// Everything `sheetsafe status`, the GUI and the tray show: each profile from its catalog,
/// merged with what the running agent says.
#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    pub agent_running: bool,
    pub agent: Option<AgentStatus>,
    /// Problems not tied to one profile (the agent is not running, a folder cannot be watched).
    pub problems: Vec<Problem>,
    pub profiles: Vec<ProfileStatus>,
    /// `Level::of` every problem above and in the profiles.
    pub level: Level,
    /// Findings the user dismissed (see [`dismissed`]): listed, but they set no level.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub dismissed: Vec<Problem>,
}

impl Overview {
    /// Every problem: the overview's own, then each profile's.
    pub fn all_problems(&self) -> impl Iterator<Item = &Problem> {
        self.problems
            .iter()
            .chain(self.profiles.iter().flat_map(ProfileStatus::all_problems))
    }
}

/// Builds the overview for `config`, reading the agent's status from `data_dir`.
pub fn overview(config: &crate::config::Config, data_dir: &std::path::Path) -> Overview {
    let agent_running = agent_running(data_dir);
    let agent = if agent_running {
        AgentStatus::read(data_dir)
    } else {
        None
    };
    let mut problems = Vec::new();
    let watching = config.profiles.iter().any(|p| p.enabled && p.watch.on_close);
    if watching && !agent_running {
        problems.push(Problem::AgentNotRunning);
    }
    if let Some(a) = &agent {
        problems.extend(a.problems.iter().cloned());
        problems.extend(a.verify_problems.iter().cloned());
    }
    let mut profiles: Vec<ProfileStatus> = config.profiles.iter().map(profile_status).collect();
    for profile in &mut profiles {
        for w in &mut profile.workbooks {
            for vanished in &w.vanished {
                w.problems.push(Problem::DataVanished {
                    profile: profile.profile.clone(),
                    workbook: w.workbook.clone(),
                    vanished: vanished.clone(),
                });
            }
            if let Some(unreadable) = &w.unreadable {
                w.problems.push(Problem::ContentsUnreadable {
                    workbook: w.workbook.clone(),
                    unreadable: unreadable.clone(),
                });
            }
        }
    }
    let now = Local::now().fixed_offset();
    for profile in &mut profiles {
        let grace = config
            .profiles
            .iter()
            .find(|p| p.name == profile.profile)
            .map_or(300, |p| p.watch.unprotected_grace_seconds);
        let grace = chrono::Duration::seconds(i64::try_from(grace).unwrap_or(i64::MAX));
        for w in &mut profile.workbooks {
            let seen = agent.as_ref().and_then(|a| {
                a.workbooks
                    .iter()
                    .find(|x| x.profile == profile.profile && x.workbook == w.workbook)
            });
            if let Some(saved) = w.changed_since_backup
                && let Some(problem) = unprotected(w, saved, seen, now, grace)
            {
                w.problems.push(problem);
            }
            let Some(seen) = seen else {
                continue;
            };
            w.watch_state = Some(seen.state);
            w.last_attempt.clone_from(&seen.last_result);
            for p in &seen.problems {
                if !w.problems.contains(p) {
                    w.problems.push(p.clone());
                }
            }
        }
    }
    if let Some(problem) = mass_loss(&profiles, config.settings.mass_loss) {
        problems.push(problem);
    }
    let (problems, dismissed) = dismissed::Dismissed::load(data_dir).split(problems);
    let mut overview = Overview {
        agent_running,
        agent,
        problems,
        profiles,
        level: Level::Ok,
        dismissed,
    };
    overview.level = Level::of(overview.all_problems());
    overview
}

/// Many workbooks (across every profile) that lost their data at once, as one red problem
/// (see [`crate::contents::alarm::mass_loss`]); each keeps its own alarm line too.
fn mass_loss(profiles: &[ProfileStatus], settings: crate::config::MassLossSettings) -> Option<Problem> {
    let losses: Vec<(PathBuf, DateTime<FixedOffset>)> = profiles
        .iter()
        .flat_map(|p| &p.workbooks)
        .flat_map(|w| w.vanished.iter().filter_map(|v| Some((w.workbook.clone(), v.lost_at?))))
        .collect();
    let window = chrono::Duration::minutes(i64::from(settings.window_minutes));
    let threshold = usize::try_from(settings.workbooks).unwrap_or(usize::MAX);
    let workbooks = crate::contents::alarm::mass_loss(&losses, window, threshold);
    (!workbooks.is_empty()).then_some(Problem::ManyWorkbooksLost { workbooks })
}

/// The problem for saved changes that are not backed up, or `None` while the agent is on it
/// and the grace has not run out (a workbook closed a moment ago is being backed up).
///
/// "Since when" is the first save the agent saw that is not backed up (without an agent, the
/// last save): a workbook saved every few minutes all day is unprotected since the morning.
fn unprotected(
    w: &WorkbookStatus,
    saved: DateTime<FixedOffset>,
    seen: Option<&AgentWorkbook>,
    now: DateTime<FixedOffset>,
    grace: chrono::Duration,
) -> Option<Problem> {
    let since = seen.and_then(|s| s.unprotected_since).unwrap_or(saved).min(saved);
    let waiting = match seen {
        None => Waiting::NoAgent,
        Some(seen) => {
            let on_it = matches!(
                seen.state,
                WorkbookState::Open | WorkbookState::Settling | WorkbookState::BackingUp
            );
            if on_it && now.signed_duration_since(since) < grace {
                return None;
            }
            match seen.state {
                WorkbookState::Open => Waiting::StillOpen {
                    open_since: seen.open_since,
                },
                WorkbookState::Failed => Waiting::BackupFailing,
                _ => Waiting::Pending,
            }
        }
    };
    Some(Problem::ChangedSinceBackup {
        workbook: w.workbook.clone(),
        since,
        last_backup: w.last_backup,
        waiting,
    })
}

/// File name of the agent's status inside the data folder.
pub const AGENT_STATUS_FILE: &str = "agent-status.json";
/// File name of the agent's single-instance lock inside the data folder.
pub const AGENT_LOCK_FILE: &str = "agent.lock";

/// What the background agent last reported, written to `agent-status.json` in the data folder
/// whenever something changes, so `sheetsafe status`, the GUI and the tray can read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct AgentStatus {
    pub pid: u32,
    pub host: String,
    pub started: DateTime<FixedOffset>,
    pub updated: DateTime<FixedOffset>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paused_until: Option<DateTime<FixedOffset>>,
    /// Problems with the agent as a whole (a folder that cannot be watched, a bad configuration).
    #[serde(default)]
    pub problems: Vec<Problem>,
    /// Damage the last scheduled full check found and could not repair.
    #[serde(default)]
    pub verify_problems: Vec<Problem>,
    /// When the last scheduled full check finished.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_verify: Option<DateTime<FixedOffset>>,
    pub workbooks: Vec<AgentWorkbook>,
}

/// The agent's view of one watched workbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct AgentWorkbook {
    pub profile: String,
    pub workbook: PathBuf,
    pub state: WorkbookState,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_result: Option<LastResult>,
    /// Since when saved content has waited for its backup (the time of the first save not
    /// backed up), while it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unprotected_since: Option<DateTime<FixedOffset>>,
    /// Since when a spreadsheet application has had it open, while one has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_since: Option<DateTime<FixedOffset>>,
    /// Empty when all is well.
    #[serde(default)]
    pub problems: Vec<Problem>,
}

/// Where a watched workbook stands, as the agent reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum WorkbookState {
    /// The newest version holds the workbook's current content.
    UpToDate,
    /// Open in a spreadsheet application.
    Open,
    /// Changed and closed; waiting for it to be quiet before copying.
    Settling,
    /// Being copied.
    BackingUp,
    /// The workbook is not there.
    Missing,
    /// The last backup failed; it will be retried.
    Failed,
    /// Written by a newer Sheetsafe.
    #[serde(other)]
    Unknown,
}

impl WorkbookState {
    /// The word the command line shows (`up-to-date`, `open`, …), as in the status file.
    pub fn word(self) -> &'static str {
        match self {
            WorkbookState::UpToDate => "up-to-date",
            WorkbookState::Open => "open",
            WorkbookState::Settling => "settling",
            WorkbookState::BackingUp => "backing-up",
            WorkbookState::Missing => "missing",
            WorkbookState::Failed => "failed",
            WorkbookState::Unknown => "unknown",
        }
    }
}

impl From<&WatchState> for WorkbookState {
    fn from(state: &WatchState) -> Self {
        match state {
            WatchState::UpToDate => WorkbookState::UpToDate,
            WatchState::Open { .. } => WorkbookState::Open,
            WatchState::Settling => WorkbookState::Settling,
            WatchState::BackingUp => WorkbookState::BackingUp,
            WatchState::Missing => WorkbookState::Missing,
            WatchState::Failed => WorkbookState::Failed,
        }
    }
}

/// What a backup attempt did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AttemptOutcome {
    /// A new version was recorded.
    Created,
    /// The workbook matched its newest version; nothing was written.
    Unchanged,
    /// The attempt failed (see the message).
    Failed,
    /// Written by a newer Sheetsafe.
    #[serde(other)]
    Unknown,
}

/// The outcome of the agent's last backup attempt for a workbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct LastResult {
    pub at: DateTime<FixedOffset>,
    pub outcome: AttemptOutcome,
    /// The version file made or found, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger: Option<Trigger>,
    /// For failures: the reason, as an English sentence (what older versions read).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// For failures: the same reason as data, for the user's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub said: Option<crate::i18n::Said>,
}

impl AgentStatus {
    /// Reads the agent status from the data folder; `None` if there is none or it is unreadable
    /// (it is rewritten on every change, so a damaged one is soon replaced).
    pub fn read(data_dir: &std::path::Path) -> Option<AgentStatus> {
        let text = std::fs::read_to_string(data_dir.join(AGENT_STATUS_FILE)).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// Writes the status atomically.
    pub fn write(&self, data_dir: &std::path::Path) -> std::io::Result<()> {
        std::fs::create_dir_all(data_dir)?;
        let text = serde_json::to_string_pretty(self).map_err(std::io::Error::other)?;
        crate::fsutil::write_atomic(&data_dir.join(AGENT_STATUS_FILE), text.as_bytes())
    }
}

/// True when an agent holds the single-instance lock in `data_dir`, i.e. one is running.
pub fn agent_running(data_dir: &std::path::Path) -> bool {
    let Ok(file) = std::fs::File::open(data_dir.join(AGENT_LOCK_FILE)) else {
        return false;
    };
    match file.try_lock_shared() {
        Ok(()) => {
            let _ = file.unlock();
            false
        }
        Err(std::fs::TryLockError::WouldBlock) => true,
        Err(std::fs::TryLockError::Error(_)) => false,
    }
}
