//! `catalog.toml`: the list of versions in a profile folder, and the `SHA256SUMS` derived from it.

use std::fmt::Write as _;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::health::Health;

/// The catalog format this code writes. A catalog with a higher number comes from a newer
/// Sheetsafe; it is still read (unknown keys are ignored) but never downgraded silently.
pub const CATALOG_FORMAT: u32 = 1;

/// Why a version was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Trigger {
    /// "Back up now" from the CLI, GUI or tray.
    Manual,
    /// The spreadsheet application closed the workbook.
    Close,
    /// The workbook changed and then stayed quiet (applications that leave no lock file).
    Idle,
    /// Catch-up at start: the workbook changed while Sheetsafe was not running.
    Startup,
    /// The file a restore was about to replace, saved first so the restore can be undone.
    RestoreSafety,
    /// A scheduled run.
    Schedule,
    /// A file found in the folder without a catalog entry and adopted by the verifier.
    Adopted,
    /// The workbook stayed open after a save and then went quiet (or kept changing for long):
    /// the day's work is kept before the application closes it.
    SavedWhileOpen,
    /// The application that had the workbook open stopped without closing it (its lock file
    /// was left behind): the saved content is kept.
    AfterCrash,
}

impl Trigger {
    /// The word used in the catalog and in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Trigger::Manual => "manual",
            Trigger::Close => "close",
            Trigger::Idle => "idle",
            Trigger::Startup => "startup",
            Trigger::RestoreSafety => "restore-safety",
            Trigger::Schedule => "schedule",
            Trigger::Adopted => "adopted",
            Trigger::SavedWhileOpen => "saved-while-open",
            Trigger::AfterCrash => "after-crash",
        }
    }
}

/// One stored version of one workbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version {
    /// File name inside the profile folder.
    pub file: String,
    /// SHA-256 of the stored file, lowercase hex.
    pub sha256: String,
    /// Size of the stored file in bytes.
    pub bytes: u64,
    /// When the version was made (local time with its offset).
    pub created: DateTime<FixedOffset>,
    /// The workbook it is a copy of.
    pub source: PathBuf,
    /// The workbook's modification time when it was copied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_modified: Option<DateTime<FixedOffset>>,
    pub trigger: Trigger,
    /// The computer that made it.
    #[serde(default)]
    pub host: String,
    /// The workbook's own health when it was copied.
    pub health: Health,
    /// The health check's sentence, kept for damaged workbooks so reports can say why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health_detail: Option<String>,
    /// When a full verify last confirmed the stored bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<DateTime<FixedOffset>>,
}

impl Version {
    /// The workbook's file name this version belongs to (versions are grouped by it).
    pub fn workbook_name(&self) -> String {
        self.source
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    /// True when the workbook was known to open when copied (see [`Health::counts_as_healthy`]):
    /// a version whose check failed is not known to be healthy, so keep rules keep an older one
    /// that is.
    pub fn is_healthy(&self) -> bool {
        self.health.counts_as_healthy()
    }
}

/// The whole catalog of one profile folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalog {
    #[serde(default = "current_format")]
    pub format: u32,
    /// Versions, oldest first.
    #[serde(default, rename = "version")]
    pub versions: Vec<Version>,
}

fn current_format() -> u32 {
    CATALOG_FORMAT
}

impl Catalog {
    /// Parses `catalog.toml`; on failure returns the 1-based line and the parser's message.
    pub fn parse(text: &str) -> Result<Catalog, (usize, String)> {
        toml::from_str::<Catalog>(text).map_err(|e| {
            let line = e.span().map_or(1, |span| line_of(text, span.start));
            (line, e.message().trim_end_matches('.').to_string())
        })
    }

    /// The catalog as TOML text.
    pub fn to_toml(&self) -> String {
        let mut out = String::from(
            "# Sheetsafe catalog: one [[version]] per stored version. See docs/store-format.md.\n\
             # The version files next to this one are plain copies; SHA256SUMS lists their hashes.\n\n",
        );
        let mut copy = self.clone();
        copy.format = copy.format.max(CATALOG_FORMAT);
        // Serialising plain strings, numbers and dates cannot fail.
        out.push_str(&toml::to_string_pretty(&copy).unwrap_or_default());
        out
    }

    /// `SHA256SUMS` in GNU coreutils format: `<hex>  <file name>`, one line per version.
    pub fn to_sha256sums(&self) -> String {
        let mut out = String::new();
        for v in &self.versions {
            let _ = writeln!(out, "{}  {}", v.sha256, v.file);
        }
        out
    }

    /// The versions of one workbook (by file name), oldest first.
    pub fn versions_of<'a>(&'a self, workbook_name: &str) -> impl Iterator<Item = &'a Version> + use<'a> {
        let wanted = workbook_name.to_string();
        self.versions.iter().filter(move |v| v.workbook_name() == wanted)
    }

    /// The newest version of one workbook.
    pub fn newest_of(&self, workbook_name: &str) -> Option<&Version> {
        self.versions_of(workbook_name).max_by_key(|v| v.created)
    }

    /// The version stored under `file`.
    pub fn find(&self, file: &str) -> Option<&Version> {
        self.versions.iter().find(|v| v.file == file)
    }

    /// True when `file` is already taken by a version.
    pub fn contains_file(&self, file: &str) -> bool {
        self.find(file).is_some()
    }
}

/// 1-based line number of byte `offset` in `text`.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes().iter().take(offset).filter(|&&b| b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(file: &str, hour: u32) -> Version {
        Version {
            file: file.into(),
            sha256: "ab".repeat(32),
            bytes: 10,
            created: DateTime::parse_from_rfc3339(&format!("2026-11-21T{hour:02}:00:00+01:00")).expect("date"),
            source: PathBuf::from("/data/Sales.xlsm"),
            source_modified: None,
            trigger: Trigger::Close,
            host: "pc".into(),
            health: Health::Healthy,
            health_detail: None,
            verified: None,
        }
    }

    #[test]
    fn round_trips_through_toml() {
        let catalog = Catalog {
            format: 1,
            versions: vec![sample("a.xlsm", 9), sample("b.xlsm", 10)],
        };
        let text = catalog.to_toml();
        assert!(text.contains("[[version]]"));
        assert_eq!(Catalog::parse(&text).expect("parse"), catalog);
    }

    #[test]
    fn sums_are_in_gnu_format() {
        let catalog = Catalog {
            format: 1,
            versions: vec![sample("Sales__x.xlsm", 9)],
        };
        assert_eq!(catalog.to_sha256sums(), format!("{}  Sales__x.xlsm\n", "ab".repeat(32)));
    }

    #[test]
    fn damaged_catalog_reports_its_line() {
        let (line, _) = Catalog::parse("format = 1\n\n[[version]]\nfile = \n").expect_err("must fail");
        assert_eq!(line, 4);
    }

    #[test]
    fn newest_of_picks_latest_created() {
        let catalog = Catalog {
            format: 1,
            versions: vec![sample("b", 10), sample("a", 9)],
        };
        assert_eq!(catalog.newest_of("Sales.xlsm").map(|v| v.file.as_str()), Some("b"));
    }
}
