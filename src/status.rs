//! Status: a plain summary of each profile (last backup, versions, last verify, problems in
//! plain words) that the CLI prints and the GUI and tray will show.

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, Local};
use serde::Serialize;

use crate::config::Profile;
use crate::health::Health;
use crate::store::ProfileStore;

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
    /// What the running agent says about it (`up-to-date`, `open`, `settling`, …), if one runs.
    pub watch_state: Option<String>,
    /// The agent's last backup attempt, if one runs.
    pub last_attempt: Option<LastResult>,
    /// When the workbook on disk differs from its newest version: its modification time (the
    /// last save that is not backed up). The overview turns this into a problem, or not, with
    /// what the agent says (a workbook being closed right now is not a problem yet).
    pub changed_since_backup: Option<DateTime<FixedOffset>>,
    /// Whole sentences; empty when all is well.
    pub problems: Vec<String>,
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
    /// Problems with the profile as a whole (for example an unreachable backup folder, or a
    /// second copy overdue).
    pub problems: Vec<String>,
}

impl ProfileStatus {
    /// True when neither the profile nor any workbook has a problem.
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty() && self.workbooks.iter().all(|w| w.problems.is_empty())
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
    let destination_problems: Vec<String> = status.destinations.iter().flat_map(|d| d.problems.clone()).collect();
    status.problems.extend(destination_problems);
    let catalog = match load_catalog(profile, &store) {
        Ok(c) => c,
        Err(e) => {
            status.problems.push(e);
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
            Err(_) => problems.push(format!(
                "The workbook `{}` cannot be found; connect its drive or update the profile.",
                workbook.display()
            )),
            Ok(meta) => {
                let modified = meta.modified().ok().map(|t| DateTime::<Local>::from(t).fixed_offset());
                match newest {
                    None => problems.push(format!(
                        "`{}` has no backup yet. Run `sheetsafe backup {}`.",
                        workbook.display(),
                        profile.name
                    )),
                    Some(v) if v.source_modified != modified || v.bytes != meta.len() => {
                        changed_since_backup = Some(modified.unwrap_or_else(|| Local::now().fixed_offset()));
                    }
                    Some(_) => {}
                }
            }
        }
        if let Some(v) = newest.filter(|v| v.health.is_damaged()) {
            problems.push(format!(
                "The newest backup `{}` is of a damaged workbook; repair the workbook or restore an older version.",
                v.file
            ));
        } else if let Some(v) = newest.filter(|v| v.health.is_unknown()) {
            problems.push(format!(
                "The newest backup `{}` could not be checked for damage (the copy itself is verified); run `sheetsafe verify --full` after updating Sheetsafe.",
                v.file
            ));
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
            problems,
        });
    }
    status
}

/// The profile's catalog: the plain one, or an encrypted profile's read with this computer's
/// key (which the status, like a backup, has without the passphrase).
fn load_catalog(profile: &Profile, store: &ProfileStore) -> Result<crate::store::Catalog, String> {
    let Some(encryption) = &profile.encryption else {
        return store.load_catalog().map_err(|e| e.to_string());
    };
    let device = crate::engine::sealed::device_key(encryption).map_err(|e| e.to_string())?;
    crate::store::sealed::SealedStore::at(store.dir().to_path_buf())
        .load_catalog(&[&device])
        .map(|c| c.plain())
        .map_err(|e| e.to_string())
}

/// How urgent the overall state is: the tray's green, amber and red.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// Everything is backed up and verified.
    Ok,
    /// Something needs attention (a workbook open long, a stale lock, no agent, a missing folder).
    Attention,
    /// A backup failed or a stored version is damaged.
    Failed,
}

/// Everything `sheetsafe status`, the GUI and the tray show: each profile from its catalog,
/// merged with what the running agent says.
#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    pub agent_running: bool,
    pub agent: Option<AgentStatus>,
    /// Problems not tied to one profile (the agent is not running, a folder cannot be watched).
    pub problems: Vec<String>,
    pub profiles: Vec<ProfileStatus>,
    pub level: Level,
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
        problems.push(
            "The Sheetsafe agent is not running, so closing a workbook makes no backup. Start the Sheetsafe app, or run `sheetsafe agent`."
                .to_string(),
        );
    }
    let mut failed = false;
    if let Some(a) = &agent {
        problems.extend(a.problems.iter().cloned());
        problems.extend(a.verify_problems.iter().cloned());
        failed |= !a.verify_problems.is_empty();
    }
    let mut profiles: Vec<ProfileStatus> = config.profiles.iter().map(profile_status).collect();
    let now = Local::now().fixed_offset();
    failed |= profiles
        .iter()
        .flat_map(|p| &p.destinations)
        .any(|d| d.state == crate::copies::CopyState::Failed);
    for profile in &mut profiles {
        let grace = config
            .profiles
            .iter()
            .find(|p| p.name == profile.profile)
            .map_or(300, |p| p.watch.unprotected_grace_seconds);
        let grace = chrono::Duration::seconds(i64::try_from(grace).unwrap_or(i64::MAX));
        for w in &mut profile.workbooks {
            failed |= w.newest_health == Some(Health::Damaged);
            let seen = agent.as_ref().and_then(|a| {
                a.workbooks
                    .iter()
                    .find(|x| x.profile == profile.profile && x.workbook == w.workbook)
            });
            if let Some(saved) = w.changed_since_backup
                && let Some(sentence) = unprotected(w, saved, seen, now, grace)
            {
                w.problems.push(sentence);
            }
            let Some(seen) = seen else {
                continue;
            };
            w.watch_state = Some(seen.state.clone());
            w.last_attempt.clone_from(&seen.last_result);
            failed |= seen.state == "failed";
            for p in &seen.problems {
                if !w.problems.contains(p) {
                    w.problems.push(p.clone());
                }
            }
        }
    }
    let attention = !problems.is_empty() || profiles.iter().any(|p| !p.is_ok());
    let level = if failed {
        Level::Failed
    } else if attention {
        Level::Attention
    } else {
        Level::Ok
    };
    Overview {
        agent_running,
        agent,
        problems,
        profiles,
        level,
    }
}

/// The sentence for saved changes that are not backed up, or `None` while the agent is on it
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
) -> Option<String> {
    let workbook = w.workbook.display();
    let since = seen.and_then(|s| s.unprotected_since).unwrap_or(saved).min(saved);
    let last_backup = w.last_backup.map_or_else(String::new, |t| {
        format!(" (last backup {})", t.format("%Y-%m-%d %H:%M"))
    });
    let Some(seen) = seen else {
        return Some(format!(
            "`{workbook}` has changed since its last backup{last_backup}: the save of {} is not backed up. Start the Sheetsafe app, or run `sheetsafe backup`.",
            saved.format("%H:%M")
        ));
    };
    let on_it = matches!(seen.state.as_str(), "open" | "settling" | "backing-up");
    if on_it && now.signed_duration_since(since) < grace {
        return None;
    }
    let since = since.format("%H:%M");
    Some(match seen.state.as_str() {
        "open" => match seen.open_since {
            Some(open) => format!(
                "`{workbook}` has changes saved since {since} that are not backed up yet{last_backup}: it has been open since {}. Close it to back it up now; otherwise Sheetsafe backs it up once it has not been saved for a while.",
                open.format("%H:%M")
            ),
            None => format!(
                "`{workbook}` has changes saved since {since} that are not backed up yet{last_backup}: it is still open. Close it to back it up now."
            ),
        },
        "failed" => format!(
            "`{workbook}` has changes saved since {since} that are not backed up{last_backup}: backing it up is failing (the reason is below). Sheetsafe keeps trying."
        ),
        _ => format!(
            "`{workbook}` has changes saved since {since} that are not backed up yet{last_backup}. Run `sheetsafe backup` to back it up now."
        ),
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
    pub problems: Vec<String>,
    /// Damage the last scheduled full check found and could not repair.
    #[serde(default)]
    pub verify_problems: Vec<String>,
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
    /// `up-to-date`, `open`, `settling`, `backing-up`, `missing` or `failed`.
    pub state: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_result: Option<LastResult>,
    /// Since when saved content has waited for its backup (the time of the first save not
    /// backed up), while it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unprotected_since: Option<DateTime<FixedOffset>>,
    /// Since when a spreadsheet application has had it open, while one has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_since: Option<DateTime<FixedOffset>>,
    /// Whole sentences; empty when all is well.
    #[serde(default)]
    pub problems: Vec<String>,
}

/// The outcome of the agent's last backup attempt for a workbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct LastResult {
    pub at: DateTime<FixedOffset>,
    /// `created`, `unchanged` or `failed`.
    pub outcome: String,
    /// The version file made or found, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger: Option<crate::store::Trigger>,
    /// For failures: the reason, as a sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
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
