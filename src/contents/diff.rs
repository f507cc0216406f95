//! What changed between two versions of a workbook: sheets added, removed or renamed, rows
//! added, removed and changed per sheet, how many cells changed, and the first few changed cells
//! with their old and new values.
//!
//! Each sheet is streamed once into a fingerprint (one 64-bit hash per row and one 64-bit word
//! per non-empty cell, no cell values), rows are matched by [`super::rows`], and only the handful
//! of rows whose cells are shown are read a second time for their values. A rename is a sheet
//! that disappeared under one name and appeared, with the same content, under another.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};
use std::path::Path;

use calamine::Data;
use serde::Serialize;

use super::read::{ReadError, RowCells, Workbook, cell_name};
use super::rows::{RowMatch, match_rows_with};

/// How many changed cells are shown per sheet.
pub const EXAMPLES_PER_SHEET: usize = 5;

/// The differences between two versions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct WorkbookDiff {
    /// One entry per sheet of either version: the new version's order, then removed sheets.
    pub sheets: Vec<SheetDiff>,
}

impl WorkbookDiff {
    /// True when no sheet changed at all.
    pub fn is_empty(&self) -> bool {
        self.sheets.iter().all(SheetDiff::is_unchanged)
    }
}

/// What happened to one sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SheetDiff {
    /// The sheet's name in the new version (in the old one for a removed sheet).
    pub name: String,
    pub change: SheetChange,
    pub rows_before: u64,
    pub rows_after: u64,
    pub rows_added: u64,
    pub rows_removed: u64,
    /// Rows present in both versions with some cells changed.
    pub rows_changed: u64,
    /// Cells that differ within changed rows.
    pub cells_changed: u64,
    /// The first few changed cells.
    pub examples: Vec<CellChange>,
}

impl SheetDiff {
    fn new(name: String, change: SheetChange) -> SheetDiff {
        SheetDiff {
            name,
            change,
            rows_before: 0,
            rows_after: 0,
            rows_added: 0,
            rows_removed: 0,
            rows_changed: 0,
            cells_changed: 0,
            examples: Vec::new(),
        }
    }

    /// True for a sheet that is the same in both versions (under the same name).
    pub fn is_unchanged(&self) -> bool {
        self.change == SheetChange::Kept && self.rows_added + self.rows_removed + self.rows_changed == 0
    }
}

/// The fate of a sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum SheetChange {
    /// In both versions under this name.
    Kept,
    Added,
    Removed,
    /// The same content under a new name.
    Renamed {
        from: String,
    },
    /// The reader could not read it in one of the versions.
    Unreadable {
        detail: String,
    },
}

/// One changed cell. `None` is an empty cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CellChange {
    /// `B7`, in the new version's numbering.
    pub cell: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// Why two versions could not be compared.
#[derive(Debug, thiserror::Error)]
pub enum DiffError {
    #[error("Could not read `{}`: {source}.", path.display())]
    Read {
        path: std::path::PathBuf,
        source: ReadError,
    },
    #[error(
        "Comparing the versions failed because of an error in Sheetsafe's reader (the details are in the log); the versions themselves are untouched."
    )]
    Internal,
    #[error(
        "`{}` is larger than Sheetsafe reads (its parts unpack to more than {} MiB, or its records claim more rows or columns than the format holds), so it was not compared. Open it in Excel or LibreOffice to see its contents.",
        path.display(),
        limit >> 20
    )]
    TooLarge { path: std::path::PathBuf, limit: u64 },
}

impl crate::i18n::Explain for DiffError {
    /// What the error says, as data (`diff-error-*` in `assets/i18n/problems-*.ftl`).
    fn said(&self) -> crate::i18n::Said {
        use crate::i18n::SaidArg;
        let file = |p: &Path| vec![("file", SaidArg::from(p))];
        let (id, args) = match self {
            DiffError::Read { path, .. } => ("diff-error-read", file(path)),
            DiffError::Internal => ("diff-error-internal", Vec::new()),
            DiffError::TooLarge { path, .. } => ("diff-error-too-large", file(path)),
        };
        crate::i18n::Said::new(id, args, self.to_string())
    }
}

/// Compares the version file `old` with `new`; `name` is the workbook's file name (for its
/// format when a file's bytes leave it open). Runs under the panic guard.
pub fn diff_files(old: &Path, new: &Path, name: &Path) -> Result<WorkbookDiff, DiffError> {
    // The same bounds as a summary: a hostile file must not make the reader ask for terabytes.
    let limit = super::Limits::default().max_unpacked;
    for path in [old, new] {
        if super::container::probe(path).is_some_and(|p| p.unpacked > limit || p.beyond_limits) {
            return Err(DiffError::TooLarge {
                path: path.to_path_buf(),
                limit,
            });
        }
    }
    crate::health::guard::quietly(|| diff_unguarded(old, new, name)).unwrap_or_else(|panic| {
        tracing::error!(%panic, "comparing two versions failed internally");
        Err(DiffError::Internal)
    })
}

fn diff_unguarded(old_path: &Path, new_path: &Path, name: &Path) -> Result<WorkbookDiff, DiffError> {
    let open = |path: &Path| {
        Workbook::open(path, name).map_err(|source| DiffError::Read {
            path: path.to_path_buf(),
            source,
        })
    };
    let mut old = open(old_path)?;
    let mut new = open(new_path)?;
    let old_names: Vec<String> = old.sheets().into_iter().map(|s| s.name).collect();
    let new_names: Vec<String> = new.sheets().into_iter().map(|s| s.name).collect();
    let mut old_prints: BTreeMap<String, Result<SheetPrint, ReadError>> = BTreeMap::new();
    for n in &old_names {
        old_prints.insert(n.clone(), SheetPrint::read(&mut old, n));
    }
    let mut new_prints: BTreeMap<String, Result<SheetPrint, ReadError>> = BTreeMap::new();
    for n in &new_names {
        new_prints.insert(n.clone(), SheetPrint::read(&mut new, n));
    }

    // Renames: a vanished name and a new name with identical content.
    let mut renamed_from: BTreeMap<String, String> = BTreeMap::new();
    let gone: Vec<&String> = old_names.iter().filter(|n| !new_names.contains(n)).collect();
    for added in new_names.iter().filter(|n| !old_names.contains(n)) {
        let Some(Ok(print)) = new_prints.get(added) else {
            continue;
        };
        let twin = gone.iter().find(|g| {
            !renamed_from.values().any(|v| v == **g)
                && matches!(old_prints.get(**g), Some(Ok(p)) if p.content == print.content)
        });
        if let Some(from) = twin {
            renamed_from.insert(added.clone(), (*from).clone());
        }
    }

    let mut diff = WorkbookDiff::default();
    for n in &new_names {
        let Some(Ok(after)) = new_prints.get(n) else {
            let detail = match new_prints.get(n) {
                Some(Err(e)) => e.to_string(),
                _ => String::new(),
            };
            diff.sheets
                .push(SheetDiff::new(n.clone(), SheetChange::Unreadable { detail }));
            continue;
        };
        if let Some(from) = renamed_from.get(n) {
            let mut sheet = SheetDiff::new(n.clone(), SheetChange::Renamed { from: from.clone() });
            sheet.rows_before = after.rows.len() as u64;
            sheet.rows_after = sheet.rows_before;
            diff.sheets.push(sheet);
            continue;
        }
        match old_prints.get(n) {
            None => {
                let mut sheet = SheetDiff::new(n.clone(), SheetChange::Added);
                sheet.rows_after = after.rows.len() as u64;
                sheet.rows_added = sheet.rows_after;
                diff.sheets.push(sheet);
            }
            Some(Err(e)) => diff.sheets.push(SheetDiff::new(
                n.clone(),
                SheetChange::Unreadable { detail: e.to_string() },
            )),
            Some(Ok(before)) => {
                let sheet = compare(n, before, after, &mut old, &mut new).map_err(|source| DiffError::Read {
                    path: new_path.to_path_buf(),
                    source,
                })?;
                diff.sheets.push(sheet);
            }
        }
    }
    for n in old_names.iter().filter(|n| !new_names.contains(n)) {
        if renamed_from.values().any(|v| v == n) {
            continue;
        }
        let mut sheet = SheetDiff::new(n.clone(), SheetChange::Removed);
        if let Some(Ok(before)) = old_prints.get(n) {
            sheet.rows_before = before.rows.len() as u64;
            sheet.rows_removed = sheet.rows_before;
        }
        diff.sheets.push(sheet);
    }
    Ok(diff)
}

/// Compares one sheet present under the same name in both versions.
fn compare(
    name: &str,
    before: &SheetPrint,
    after: &SheetPrint,
    old: &mut Workbook,
    new: &mut Workbook,
) -> Result<SheetDiff, ReadError> {
    let mut sheet = SheetDiff::new(name.to_string(), SheetChange::Kept);
    sheet.rows_before = before.rows.len() as u64;
    sheet.rows_after = after.rows.len() as u64;
    let old_hashes: Vec<u64> = before.rows.iter().map(|r| r.hash).collect();
    let new_hashes: Vec<u64> = after.rows.iter().map(|r| r.hash).collect();
    let RowMatch {
        removed,
        added,
        changed,
    } = match_rows_with(&old_hashes, &new_hashes, |i, j| {
        equal_cells(before.cells_of(i), after.cells_of(j))
    });
    sheet.rows_removed = removed.len() as u64;
    sheet.rows_added = added.len() as u64;
    sheet.rows_changed = changed.len() as u64;
    let mut shown: Vec<(usize, usize)> = Vec::new();
    let mut example_count = 0;
    for &(i, j) in &changed {
        let differing = differing_columns(before.cells_of(i), after.cells_of(j));
        sheet.cells_changed += differing as u64;
        if example_count < EXAMPLES_PER_SHEET && differing > 0 {
            example_count += differing;
            shown.push((i, j));
        }
    }
    if !shown.is_empty() {
        let old_rows: BTreeSet<u32> = shown.iter().map(|&(i, _)| before.rows[i].index).collect();
        let new_rows: BTreeSet<u32> = shown.iter().map(|&(_, j)| after.rows[j].index).collect();
        let old_values = values_of(old, name, &old_rows)?;
        let new_values = values_of(new, name, &new_rows)?;
        for (i, j) in shown {
            let (r_old, r_new) = (before.rows[i].index, after.rows[j].index);
            let empty = Vec::new();
            let a = old_values.get(&r_old).unwrap_or(&empty);
            let b = new_values.get(&r_new).unwrap_or(&empty);
            for change in cell_changes(r_new, a, b) {
                if sheet.examples.len() < EXAMPLES_PER_SHEET {
                    sheet.examples.push(change);
                }
            }
        }
    }
    Ok(sheet)
}

/// How many columns differ between two rows' cell words (sorted by column).
fn differing_columns(before: &[u64], after: &[u64]) -> usize {
    let (mut old, mut new, mut count) = (0, 0, 0);
    while old < before.len() || new < after.len() {
        let old_col = before.get(old).map(|w| w >> 32);
        let new_col = after.get(new).map(|w| w >> 32);
        match (old_col, new_col) {
            (Some(a), Some(b)) if a == b => {
                count += usize::from(before[old] != after[new]);
                old += 1;
                new += 1;
            }
            (Some(a), Some(b)) if a < b => {
                count += 1;
                old += 1;
            }
            (Some(_), None) => {
                count += 1;
                old += 1;
            }
            _ => {
                count += 1;
                new += 1;
            }
        }
    }
    count
}

/// How many cells two rows' cell words (sorted by column) have in common.
fn equal_cells(before: &[u64], after: &[u64]) -> usize {
    let (mut old, mut new, mut count) = (0, 0, 0);
    while old < before.len() && new < after.len() {
        match (before[old] >> 32).cmp(&(after[new] >> 32)) {
            std::cmp::Ordering::Less => old += 1,
            std::cmp::Ordering::Greater => new += 1,
            std::cmp::Ordering::Equal => {
                count += usize::from(before[old] == after[new]);
                old += 1;
                new += 1;
            }
        }
    }
    count
}

/// The changed cells of one row, by column.
fn cell_changes(row: u32, a: &[(u32, Data)], b: &[(u32, Data)]) -> Vec<CellChange> {
    let mut columns: BTreeMap<u32, (Option<&Data>, Option<&Data>)> = BTreeMap::new();
    for (c, v) in a {
        columns.entry(*c).or_default().0 = Some(v);
    }
    for (c, v) in b {
        columns.entry(*c).or_default().1 = Some(v);
    }
    columns
        .into_iter()
        .filter(|(_, (x, y))| x.map(cell_word) != y.map(cell_word))
        .map(|(c, (x, y))| CellChange {
            cell: cell_name(row, c),
            old: x.map(ToString::to_string),
            new: y.map(ToString::to_string),
        })
        .collect()
}

/// The values of the rows `wanted` of `sheet`.
fn values_of(
    workbook: &mut Workbook,
    sheet: &str,
    wanted: &BTreeSet<u32>,
) -> Result<BTreeMap<u32, Vec<(u32, Data)>>, ReadError> {
    let mut found = BTreeMap::new();
    workbook.for_each_row(sheet, |r, cells| {
        if wanted.contains(&r) {
            found.insert(r, cells.to_vec());
        }
    })?;
    Ok(found)
}

/// One sheet reduced to hashes.
#[derive(Debug, Default)]
pub struct SheetPrint {
    rows: Vec<RowPrint>,
    /// Per non-empty cell: column in the high 32 bits, a hash of the value in the low 32.
    cells: Vec<u64>,
    /// A hash of every row in order: equal for equal sheets.
    content: u64,
}

#[derive(Debug, Clone, Copy)]
struct RowPrint {
    /// 0-based row number in the sheet.
    index: u32,
    hash: u64,
    start: usize,
    len: usize,
}

impl SheetPrint {
    /// Streams `sheet` into its fingerprint.
    pub fn read(workbook: &mut Workbook, sheet: &str) -> Result<SheetPrint, ReadError> {
        let mut print = SheetPrint::default();
        let mut content = std::collections::hash_map::DefaultHasher::new();
        workbook.for_each_row(sheet, |index, cells| {
            let hash = print.push(index, cells);
            hash.hash(&mut content);
        })?;
        print.content = content.finish();
        Ok(print)
    }

    /// Adds a row; returns its hash.
    fn push(&mut self, index: u32, cells: &RowCells) -> u64 {
        let start = self.cells.len();
        let mut row = std::collections::hash_map::DefaultHasher::new();
        for (col, value) in cells {
            let word = cell_word(value);
            (col, word).hash(&mut row);
            self.cells.push((u64::from(*col) << 32) | (word & 0xFFFF_FFFF));
        }
        let hash = row.finish();
        self.rows.push(RowPrint {
            index,
            hash,
            start,
            len: cells.len(),
        });
        hash
    }

    fn cells_of(&self, row: usize) -> &[u64] {
        let r = self.rows[row];
        &self.cells[r.start..r.start + r.len]
    }

    /// Row hashes in order (for tests and benchmarks).
    pub fn row_hashes(&self) -> Vec<u64> {
        self.rows.iter().map(|r| r.hash).collect()
    }
}

/// A hash of a cell's value. Numbers are compared as numbers, so the same value read as an
/// integer from one format and a float from another is equal.
#[allow(clippy::cast_precision_loss)]
fn cell_word(value: &Data) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    match value {
        Data::Int(i) => (1u8, (*i as f64).to_bits()).hash(&mut h),
        Data::Float(f) => (1u8, f.to_bits()).hash(&mut h),
        Data::String(s) => (2u8, s).hash(&mut h),
        Data::Bool(b) => (3u8, b).hash(&mut h),
        Data::DateTime(d) => (4u8, d.as_f64().to_bits()).hash(&mut h),
        Data::DateTimeIso(s) => (5u8, s).hash(&mut h),
        Data::DurationIso(s) => (6u8, s).hash(&mut h),
        Data::Error(e) => (7u8, e.to_string()).hash(&mut h),
        Data::Empty => 0u8.hash(&mut h),
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Explain as _;

    #[test]
    fn every_diff_error_has_its_message_in_every_language() {
        let p = || std::path::PathBuf::from("/home/lan/Backups/Sales/Sales 2026-11-30 170501.xlsx");
        for e in [
            DiffError::Read {
                path: p(),
                source: ReadError::Open("zip error (os error 5)".into()),
            },
            DiffError::Internal,
            DiffError::TooLarge {
                path: p(),
                limit: 1 << 29,
            },
        ] {
            crate::i18n::assert_said_everywhere(&e.said());
        }
    }

    fn word(col: u64, value: u64) -> u64 {
        (col << 32) | value
    }

    #[test]
    fn differing_columns_counts_changed_added_and_cleared_cells() {
        let a = [word(0, 1), word(1, 2), word(3, 4)];
        let b = [word(0, 1), word(1, 9), word(2, 5)];
        // B changed, C appeared, D was cleared.
        assert_eq!(differing_columns(&a, &b), 3);
        assert_eq!(differing_columns(&a, &a), 0);
        assert_eq!(equal_cells(&a, &b), 1);
        assert_eq!(equal_cells(&a, &a), 3);
    }

    #[test]
    fn numbers_equal_as_numbers_are_the_same_cell() {
        assert_eq!(cell_word(&Data::Int(5)), cell_word(&Data::Float(5.0)));
        assert_ne!(cell_word(&Data::Int(5)), cell_word(&Data::String("5".into())));
    }
}
