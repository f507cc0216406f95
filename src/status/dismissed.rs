//! Problems the user has dismissed, and the record of it.
//!
//! A scheduled check that finds an old version damaged, with no good copy anywhere to mend it
//! from, finds it again at every check: without a way to say "I know", a workbook removed from
//! the profile years ago would keep the app red forever. The user can dismiss such a finding;
//! the dismissal is written to `dismissed.toml` in the data folder (with when), the log says so,
//! and the status lists it apart. Only a finding about one version file can be dismissed, and
//! only that exact finding: if the same file is later found damaged differently (or another
//! file is), the problem is back.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Local};
use serde::{Deserialize, Serialize};

use crate::fsutil;
use crate::problem::Problem;
use crate::verify::Finding;

/// The file in the data folder that records dismissals.
pub const DISMISSED_FILE: &str = "dismissed.toml";

/// Every dismissal made on this computer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dismissed {
    #[serde(default, rename = "dismissed")]
    pub entries: Vec<Dismissal>,
}

/// One dismissed finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dismissal {
    /// The folder whose check found it.
    pub folder: PathBuf,
    /// What was found, exactly as found.
    pub finding: Finding,
    /// When the user dismissed it.
    pub at: DateTime<FixedOffset>,
}

/// Whether the user may dismiss `problem`: a check's finding about one version file.
pub fn can_dismiss(problem: &Problem) -> bool {
    matches!(problem, Problem::CheckFound { finding, .. } if finding.file().is_some() && finding.is_problem())
}

impl Dismissed {
    /// The dismissals recorded in `data_dir`. A missing file means none; an unreadable one is
    /// logged and treated as none, so a damaged record can only show more problems, never fewer.
    pub fn load(data_dir: &Path) -> Dismissed {
        let path = data_dir.join(DISMISSED_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => toml::from_str(&text).unwrap_or_else(|e| {
                tracing::warn!(
                    "{} cannot be read ({e}); no problem counts as dismissed",
                    path.display()
                );
                Dismissed::default()
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Dismissed::default(),
            Err(e) => {
                tracing::warn!(
                    "{} cannot be read ({e}); no problem counts as dismissed",
                    path.display()
                );
                Dismissed::default()
            }
        }
    }

    /// True when `problem` is a finding the user dismissed.
    pub fn covers(&self, problem: &Problem) -> bool {
        let Problem::CheckFound { folder, finding } = problem else {
            return false;
        };
        self.entries
            .iter()
            .any(|d| d.folder == *folder && d.finding == *finding)
    }

    /// Splits `problems` into those still shown and those the user dismissed.
    pub fn split(&self, problems: Vec<Problem>) -> (Vec<Problem>, Vec<Problem>) {
        problems.into_iter().partition(|p| !self.covers(p))
    }
}

/// Why a dismissal was not recorded.
#[derive(Debug, thiserror::Error)]
pub enum DismissError {
    #[error("Only a check's finding about one backup file can be dismissed.")]
    NotDismissable,
    #[error("Could not record the dismissal in `{}`: {source}. Check that the folder can be written.", path.display())]
    Write { path: PathBuf, source: std::io::Error },
}

/// Records that the user dismissed `problem` (see the module docs), in `data_dir`.
pub fn dismiss(data_dir: &Path, problem: &Problem) -> Result<(), DismissError> {
    let Problem::CheckFound { folder, finding } = problem else {
        return Err(DismissError::NotDismissable);
    };
    if !can_dismiss(problem) {
        return Err(DismissError::NotDismissable);
    }
    let path = data_dir.join(DISMISSED_FILE);
    let mut dismissed = Dismissed::load(data_dir);
    if !dismissed.covers(problem) {
        dismissed.entries.push(Dismissal {
            folder: folder.clone(),
            finding: finding.clone(),
            at: Local::now().fixed_offset(),
        });
    }
    let text = toml::to_string_pretty(&dismissed).map_err(|e| DismissError::Write {
        path: path.clone(),
        source: std::io::Error::other(e),
    })?;
    std::fs::create_dir_all(data_dir)
        .and_then(|()| fsutil::write_atomic(&path, text.as_bytes()))
        .map_err(|source| DismissError::Write {
            path: path.clone(),
            source,
        })?;
    tracing::warn!("the user dismissed a problem: {problem}");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn damaged(file: &str, actual: &str) -> Problem {
        Problem::CheckFound {
            folder: PathBuf::from("/backups/Old shop"),
            finding: Finding::HashMismatch {
                file: file.into(),
                expected: "a".repeat(64),
                actual: actual.into(),
            },
        }
    }

    #[test]
    fn a_dismissed_finding_is_recorded_and_only_that_exact_finding_is_covered() {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = dir.path().join("data");
        let old = damaged("Sổ cũ__2019-03-01_101010.xlsx", &"b".repeat(64));
        assert!(can_dismiss(&old));
        dismiss(&data, &old).expect("dismiss");
        dismiss(&data, &old).expect("twice is once");
        let dismissed = Dismissed::load(&data);
        assert_eq!(dismissed.entries.len(), 1, "{dismissed:?}");
        assert!(dismissed.covers(&old));
        // The same file damaged differently, another file, another folder: shown again.
        assert!(!dismissed.covers(&damaged("Sổ cũ__2019-03-01_101010.xlsx", &"c".repeat(64))));
        assert!(!dismissed.covers(&damaged("Sổ cũ__2019-03-02_101010.xlsx", &"b".repeat(64))));
        let Problem::CheckFound { finding, .. } = old.clone() else {
            unreachable!()
        };
        assert!(!dismissed.covers(&Problem::CheckFound {
            folder: PathBuf::from("/elsewhere"),
            finding
        }));
        let (shown, hidden) = dismissed.split(vec![old.clone(), Problem::AgentNotRunning]);
        assert_eq!((shown, hidden), (vec![Problem::AgentNotRunning], vec![old]));
    }

    #[test]
    fn only_a_finding_about_one_file_can_be_dismissed_and_a_damaged_record_hides_nothing() {
        assert!(!can_dismiss(&Problem::AgentNotRunning));
        let catalog = Problem::CheckFound {
            folder: PathBuf::from("/backups/Sales"),
            finding: Finding::CatalogDamaged { detail: "x".into() },
        };
        assert!(!can_dismiss(&catalog));
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(matches!(
            dismiss(dir.path(), &catalog),
            Err(DismissError::NotDismissable)
        ));
        std::fs::write(dir.path().join(DISMISSED_FILE), "this is [not toml").expect("write");
        assert_eq!(Dismissed::load(dir.path()), Dismissed::default());
    }
}
