//! What the catalog records about the inside of a version: its [`Summary`] (sheets, rows,
//! cells, macros) and, when the keep rules must not retire it, its [`Pin`]. Both are optional
//! keys of a `[[version]]`, so catalogs written before they existed still load, and values a
//! newer Sheetsafe writes that this one does not know are read as "unknown", never as damage.
//! `docs/store-format.md` specifies them.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// What one version holds, computed after the version was recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// The workbook carries a macro project (VBA, Excel 4 macro sheets or LibreOffice Basic).
    #[serde(default)]
    pub macros: bool,
    /// Why the workbook's cells were not read at all, when they were not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unread: Option<Unread>,
    /// The reader's own words when it could not open a workbook whose container is sound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The worksheets, in workbook order.
    #[serde(default, rename = "sheet", skip_serializing_if = "Vec::is_empty")]
    pub sheets: Vec<SheetSummary>,
}

impl Summary {
    /// A summary saying why the cells were not read.
    pub fn unread(reason: Unread) -> Summary {
        Summary {
            unread: Some(reason),
            ..Summary::default()
        }
    }

    /// The sheets the reader could not read (a sound container whose cells the reader refused).
    pub fn unreadable_sheets(&self) -> impl Iterator<Item = &SheetSummary> {
        self.sheets.iter().filter(|s| s.problem.is_some())
    }

    /// True when every sheet was read: the summary can be compared with another one.
    pub fn is_complete(&self) -> bool {
        self.unread.is_none() && self.sheets.iter().all(|s| s.problem.is_none())
    }

    /// The sheet named `name`.
    pub fn sheet(&self, name: &str) -> Option<&SheetSummary> {
        self.sheets.iter().find(|s| s.name == name)
    }
}

/// Why a version's cells were not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unread {
    /// Password-protected: the contents cannot be read without the password.
    Encrypted,
    /// The health check found the workbook damaged.
    Damaged,
    /// Not a workbook format with cells to read (a `.csv`, an HTML table saved as `.xls`).
    NotAWorkbook,
    /// The container is sound, but the reader could not open the workbook (see `detail`).
    ReaderFailed,
    /// Larger than Sheetsafe reads for a summary (see `docs/store-format.md`).
    TooLarge,
    /// Reading took longer than the time allowed.
    TimedOut,
    /// A value written by a newer Sheetsafe.
    #[serde(other)]
    Unknown,
}

impl Unread {
    /// True when a sound container could not be read: an amber finding of its own.
    pub fn is_finding(self) -> bool {
        matches!(self, Unread::ReaderFailed | Unread::TimedOut)
    }
}

/// One worksheet of a version.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetSummary {
    pub name: String,
    #[serde(default)]
    pub visibility: Visibility,
    /// The used range, from the first to the last non-empty cell (`A1:F1204`); absent when empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<String>,
    /// Rows with at least one non-empty cell.
    #[serde(default)]
    pub rows: u64,
    /// Non-empty cells.
    #[serde(default)]
    pub cells: u64,
    /// The reader's words when it could not read this sheet (the counts are then zero).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

/// Whether a sheet is shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Visibility {
    #[default]
    Visible,
    /// Hidden; the user can unhide it.
    Hidden,
    /// Hidden so that only a macro or the VBA editor can show it again.
    VeryHidden,
    /// A value written by a newer Sheetsafe.
    #[serde(other)]
    Unknown,
}

impl Visibility {
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Visible => "visible",
            Visibility::Hidden => "hidden",
            Visibility::VeryHidden => "very-hidden",
            Visibility::Unknown => "unknown",
        }
    }
}

/// Why the keep rules must keep a version, whatever they say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pin {
    pub reason: PinReason,
    /// When it was pinned.
    pub at: DateTime<FixedOffset>,
    /// For [`PinReason::VanishingData`]: the file name of the next version, the one that lost
    /// the data (shown to people; never used as a path).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lost_in: Option<String>,
    /// For [`PinReason::VanishingData`]: what vanished.
    #[serde(default, rename = "loss", skip_serializing_if = "Vec::is_empty")]
    pub losses: Vec<Loss>,
}

/// Who or what pinned a version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PinReason {
    /// The user pinned it (`sheetsafe pin`).
    User,
    /// It is the last version before data vanished; kept until the user accepts the change.
    VanishingData,
    /// Many workbooks lost their data at once (the pattern of ransomware): every version made
    /// before the loss is kept until the user accepts the change of this workbook.
    MassLoss,
    /// A value written by a newer Sheetsafe: kept, like any pin.
    #[serde(other)]
    Unknown,
}

/// Data that vanished from one sheet between two versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Loss {
    pub sheet: String,
    pub kind: LossKind,
    /// Rows (or cells) before, in the pinned version.
    pub before: u64,
    /// Rows (or cells) after, in the version that lost them; 0 for a removed sheet.
    pub after: u64,
}

/// What was lost from a sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LossKind {
    /// The whole sheet is gone (`before` counts its rows).
    Sheet,
    /// Non-empty rows.
    Rows,
    /// Non-empty cells.
    Cells,
    /// A value written by a newer Sheetsafe.
    #[serde(other)]
    Unknown,
}
