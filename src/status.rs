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
    /// Problems with the profile as a whole (for example an unreachable backup folder).
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
        problems: Vec::new(),
    };
    let catalog = match store.load_catalog() {
        Ok(c) => c,
        Err(e) => {
            status.problems.push(e.to_string());
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
                    Some(v) if v.source_modified != modified || v.bytes != meta.len() => problems.push(format!(
                        "`{}` has changed since its last backup at {}.",
                        workbook.display(),
                        v.created.format("%Y-%m-%d %H:%M")
                    )),
                    Some(_) => {}
                }
            }
        }
        if let Some(v) = newest.filter(|v| !v.is_healthy()) {
            problems.push(format!(
                "The newest backup `{}` is of a damaged workbook; repair the workbook or restore an older version.",
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
            problems,
        });
    }
    status
}
