//! `catalog.toml`: the list of versions in a profile folder, and the `SHA256SUMS` derived from it.
//!
//! Parsing is defensive: the catalog is input anyone with access to the backup folder can edit.
//! An entry whose `file` fails the name gate ([`VersionFileName`]) is kept aside as a
//! [`RejectedEntry`] (reported by the verifier, written back unchanged, never used as a path);
//! a catalog from a newer format is refused; versions get a [`Version::sequence`] that orders
//! them without trusting the clock.

use std::fmt::Write as _;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::contents::{Pin, Summary};
use super::name::{NameProblem, VersionFileName};
use crate::health::Health;

/// The catalog format this code reads and writes. A catalog with a higher number comes from a
/// newer Sheetsafe and is refused rather than rewritten in an older shape.
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
    /// A value written by a newer Sheetsafe that this version does not know. It says nothing
    /// about the version's bytes, so it is shown as unknown rather than treated as damage.
    #[serde(other)]
    Unknown,
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
            Trigger::Unknown => "unknown",
        }
    }
}

/// One stored version of one workbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version {
    /// File name inside the profile folder, checked by the name gate.
    pub file: VersionFileName,
    /// Position in the order versions were made in this folder (1, 2, …; higher is newer).
    /// Decides "newest" and what the keep rules keep, so a clock set back changes nothing.
    /// Catalogs written before it existed get it from their order when read.
    #[serde(default)]
    pub sequence: u64,
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
    /// Why the keep rules must keep this version, whatever they say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pin: Option<Pin>,
    /// What the version holds; filled in after it was recorded (absent until then).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Summary>,
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

    /// The key that orders versions oldest to newest: the sequence, then (for two entries with
    /// one sequence, as a sync client merging two catalogs can leave) the time and the name.
    pub fn order_key(&self) -> (u64, DateTime<FixedOffset>, &str) {
        (self.sequence, self.created, self.file.as_str())
    }
}

/// A catalog entry that is not used because its `file` failed the name gate. It is kept as it
/// was read, so that saving the catalog neither loses it nor makes it usable.
#[derive(Debug, Clone, PartialEq)]
pub struct RejectedEntry {
    /// The `file` value as written in the catalog.
    pub file: String,
    pub problem: NameProblem,
    raw: toml::Table,
}

/// Why `catalog.toml` cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// Not valid TOML, or an entry lacks a required key: the 1-based line and the parser's words.
    Damaged { line: usize, message: String },
    /// Written by a newer Sheetsafe in a format this one does not know.
    NewerFormat { found: u32 },
}

/// The whole catalog of one profile folder.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Catalog {
    pub format: u32,
    /// Versions, oldest first (by [`Version::order_key`]).
    pub versions: Vec<Version>,
    /// Entries refused by the name gate.
    pub rejected: Vec<RejectedEntry>,
}

/// The catalog as written: entries are read one by one (with their position, for messages) so
/// that one bad entry does not make the others unreadable.
#[derive(Deserialize)]
struct RawCatalog {
    #[serde(default)]
    format: Option<u32>,
    #[serde(default, rename = "version")]
    versions: Vec<toml::Spanned<toml::Table>>,
}

#[derive(Serialize)]
struct OutCatalog<'a> {
    format: u32,
    #[serde(rename = "version")]
    versions: &'a [Version],
}

/// Rejected entries, written after the others as more `[[version]]` tables of the same array.
#[derive(Serialize)]
struct OutRejected<'a> {
    #[serde(rename = "version")]
    versions: Vec<&'a toml::Table>,
}

impl Catalog {
    /// A catalog of the current format holding `versions`.
    pub fn with_versions(versions: Vec<Version>) -> Catalog {
        Catalog {
            format: CATALOG_FORMAT,
            versions,
            rejected: Vec::new(),
        }
    }

    /// Parses `catalog.toml`.
    pub fn parse(text: &str) -> Result<Catalog, ParseError> {
        let damaged = |offset: usize, message: &str| ParseError::Damaged {
            line: line_of(text, offset),
            message: message.trim_end_matches('.').to_string(),
        };
        let raw: RawCatalog =
            toml::from_str(text).map_err(|e| damaged(e.span().map_or(0, |s| s.start), e.message()))?;
        let format = raw.format.unwrap_or(CATALOG_FORMAT);
        if format > CATALOG_FORMAT {
            return Err(ParseError::NewerFormat { found: format });
        }
        let mut catalog = Catalog {
            format,
            ..Catalog::default()
        };
        for entry in raw.versions {
            let start = entry.span().start;
            let table = entry.into_inner();
            let Some(file) = table.get("file").and_then(toml::Value::as_str) else {
                return Err(damaged(start, "a [[version]] has no `file` name"));
            };
            if let Err(problem) = VersionFileName::parse(file) {
                catalog.rejected.push(RejectedEntry {
                    file: file.to_string(),
                    problem,
                    raw: table,
                });
                continue;
            }
            let version: Version = toml::Value::Table(table)
                .try_into()
                .map_err(|e: toml::de::Error| damaged(start, e.message()))?;
            catalog.versions.push(version);
        }
        catalog.number_unsequenced();
        Ok(catalog)
    }

    /// Gives versions without a sequence (written before sequences existed) one from their
    /// order in the file, which is the order they were made in, after every numbered one.
    fn number_unsequenced(&mut self) {
        let mut next = self.versions.iter().map(|v| v.sequence).max().unwrap_or(0);
        for v in &mut self.versions {
            if v.sequence == 0 {
                next += 1;
                v.sequence = next;
            }
        }
        self.sort();
    }

    /// Puts the versions in order, oldest first.
    pub fn sort(&mut self) {
        self.versions.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
    }

    /// The sequence number for the next version made in this folder.
    pub fn next_sequence(&self) -> u64 {
        self.versions.iter().map(|v| v.sequence).max().unwrap_or(0) + 1
    }

    /// The catalog as TOML text.
    pub fn to_toml(&self) -> String {
        let mut out = String::from(
            "# Sheetsafe catalog: one [[version]] per stored version. See docs/store-format.md.\n\
             # The version files next to this one are plain copies; SHA256SUMS lists their hashes.\n\n",
        );
        let catalog = OutCatalog {
            format: self.format.max(CATALOG_FORMAT),
            versions: &self.versions,
        };
        // Serialising plain strings, numbers and dates cannot fail.
        out.push_str(&toml::to_string_pretty(&catalog).unwrap_or_default());
        if !self.rejected.is_empty() {
            let rejected = OutRejected {
                versions: self.rejected.iter().map(|r| &r.raw).collect(),
            };
            out.push('\n');
            out.push_str(&toml::to_string_pretty(&rejected).unwrap_or_default());
        }
        out
    }

    /// `SHA256SUMS` in GNU coreutils format: `<hex>  <file name>`, one line per version. Rejected
    /// entries are left out: `sha256sum -c` would follow their names out of the folder.
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

    /// The newest version of one workbook, by sequence (not by the clock).
    pub fn newest_of(&self, workbook_name: &str) -> Option<&Version> {
        self.versions_of(workbook_name)
            .max_by(|a, b| a.order_key().cmp(&b.order_key()))
    }

    /// The newest version in the whole folder.
    pub fn newest(&self) -> Option<&Version> {
        self.versions.iter().max_by(|a, b| a.order_key().cmp(&b.order_key()))
    }

    /// The version stored under `file`.
    pub fn find(&self, file: &str) -> Option<&Version> {
        self.versions.iter().find(|v| v.file == file)
    }

    /// True when `file` is already taken by a version.
    pub fn contains_file(&self, file: &str) -> bool {
        self.find(file).is_some()
    }

    /// File names listed by more than one entry, with how many times (a sync client that merged
    /// two copies of the catalog leaves these).
    pub fn duplicates(&self) -> Vec<(VersionFileName, usize)> {
        let mut counts: std::collections::BTreeMap<&VersionFileName, usize> = std::collections::BTreeMap::new();
        for v in &self.versions {
            *counts.entry(&v.file).or_default() += 1;
        }
        counts
            .into_iter()
            .filter(|(_, n)| *n > 1)
            .map(|(f, n)| (f.clone(), n))
            .collect()
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
            file: VersionFileName::parse(file).expect("valid name"),
            sequence: u64::from(hour),
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
            pin: None,
            summary: None,
        }
    }

    #[test]
    fn round_trips_through_toml() {
        let catalog = Catalog::with_versions(vec![sample("a.xlsm", 9), sample("b.xlsm", 10)]);
        let text = catalog.to_toml();
        assert!(text.contains("[[version]]"));
        assert_eq!(Catalog::parse(&text).expect("parse"), catalog);
    }

    #[test]
    fn summaries_and_pins_round_trip_and_unknown_values_are_read() {
        use crate::store::{Loss, LossKind, PinReason, SheetSummary, Summary, Visibility};
        let mut v = sample("a.xlsm", 9);
        v.summary = Some(Summary {
            macros: true,
            sheets: vec![SheetSummary {
                name: "Sales".into(),
                visibility: Visibility::Hidden,
                range: Some("A1:F1204".into()),
                rows: 1204,
                cells: 7000,
                problem: None,
            }],
            ..Summary::default()
        });
        v.pin = Some(Pin {
            reason: PinReason::VanishingData,
            at: v.created,
            lost_in: Some("b.xlsm".into()),
            losses: vec![Loss {
                sheet: "Sales".into(),
                kind: LossKind::Rows,
                before: 1204,
                after: 12,
            }],
        });
        let catalog = Catalog::with_versions(vec![v, sample("b.xlsm", 10)]);
        let text = catalog.to_toml();
        assert!(
            text.contains("[version.summary]") && text.contains("[[version.summary.sheet]]"),
            "{text}"
        );
        assert_eq!(Catalog::parse(&text).expect("parse"), catalog);
        let newer = text
            .replace("visibility = \"hidden\"", "visibility = \"folded\"")
            .replace("reason = \"vanishing-data\"", "reason = \"court-order\"");
        let read = Catalog::parse(&newer).expect("values from a newer Sheetsafe are no damage");
        let first = &read.versions[0];
        assert_eq!(
            first.summary.as_ref().expect("summary").sheets[0].visibility,
            Visibility::Unknown
        );
        assert_eq!(first.pin.as_ref().expect("pin").reason, PinReason::Unknown);
        assert!(
            read.versions[1].summary.is_none(),
            "a version without a summary stays without"
        );
    }

    #[test]
    fn sums_are_in_gnu_format() {
        let catalog = Catalog::with_versions(vec![sample("Sales__x.xlsm", 9)]);
        assert_eq!(catalog.to_sha256sums(), format!("{}  Sales__x.xlsm\n", "ab".repeat(32)));
    }

    #[test]
    fn damaged_catalog_reports_its_line() {
        let err = Catalog::parse("format = 1\n\n[[version]]\nfile = \n").expect_err("must fail");
        assert!(matches!(err, ParseError::Damaged { line: 4, .. }), "{err:?}");
    }

    #[test]
    fn newest_of_follows_the_sequence_not_the_clock() {
        let mut older_but_future_dated = sample("b", 23);
        older_but_future_dated.sequence = 1;
        let mut newer = sample("a", 9);
        newer.sequence = 2;
        let catalog = Catalog::with_versions(vec![older_but_future_dated, newer]);
        assert_eq!(catalog.newest_of("Sales.xlsm").map(|v| v.file.as_str()), Some("a"));
    }

    #[test]
    fn entries_with_hostile_names_are_set_aside_and_written_back() {
        let good = Catalog::with_versions(vec![sample("a.xlsm", 9)]).to_toml();
        let entry = good
            .split("[[version]]")
            .nth(2)
            .expect("entry")
            .replace("a.xlsm", "../../wb/Sales.xlsx");
        let text = format!("{good}\n[[version]]{entry}");
        let catalog = Catalog::parse(&text).expect("parse");
        assert_eq!(catalog.versions.len(), 1);
        assert_eq!(catalog.rejected.len(), 1);
        assert_eq!(catalog.rejected[0].problem, NameProblem::Separator);
        assert!(!catalog.to_sha256sums().contains(".."));
        let again = Catalog::parse(&catalog.to_toml()).expect("parse again");
        assert_eq!(again.rejected.len(), 1, "a rejected entry is kept, not dropped");
    }

    #[test]
    fn newer_format_is_refused_and_unknown_trigger_is_read() {
        assert_eq!(
            Catalog::parse("format = 99\n"),
            Err(ParseError::NewerFormat { found: 99 })
        );
        let text = Catalog::with_versions(vec![sample("a.xlsm", 9)])
            .to_toml()
            .replace("trigger = \"close\"", "trigger = \"calendar\"");
        let catalog = Catalog::parse(&text).expect("an unknown trigger is no damage");
        assert_eq!(catalog.versions[0].trigger, Trigger::Unknown);
    }

    #[test]
    fn old_catalogs_get_sequences_from_their_order() {
        let text = Catalog::with_versions(vec![sample("a.xlsm", 9), sample("b.xlsm", 10)])
            .to_toml()
            .lines()
            .filter(|l| !l.starts_with("sequence"))
            .collect::<Vec<_>>()
            .join("\n");
        let catalog = Catalog::parse(&text).expect("parse");
        let seqs: Vec<u64> = catalog.versions.iter().map(|v| v.sequence).collect();
        assert_eq!(seqs, [1, 2]);
        assert_eq!(catalog.next_sequence(), 3);
    }
}
