//! Reads a workbook's cells with `calamine`, one row at a time, whatever its format.
//!
//! `.xlsx`/`.xlsm` and `.xlsb` sheets are streamed cell by cell, so memory stays proportional to
//! the shared strings, not to the sheet; `.xls` and `.ods` sheets are read whole by calamine (its
//! only way) and then handed out row by row. The format is taken from the file's first bytes,
//! then its name, never from the name alone.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use calamine::{Data, DataRef, Ods, Reader, SheetType, SheetVisible, Xls, Xlsb, Xlsx};

use crate::store::Visibility;

/// A non-empty cell: its 0-based column and its value.
pub type RowCells = [(u32, Data)];

/// One worksheet as listed by the workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetInfo {
    pub name: String,
    pub visibility: Visibility,
}

/// Why the reader could not read a workbook or a sheet. The text is calamine's own.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("the workbook could not be opened: {0}")]
    Open(String),
    #[error("the sheet could not be read: {0}")]
    Sheet(String),
}

/// An open workbook.
pub struct Workbook {
    inner: Inner,
}

enum Inner {
    Xlsx(Xlsx<BufReader<File>>),
    Xlsb(Xlsb<BufReader<File>>),
    Xls(Xls<BufReader<File>>),
    Ods(Ods<BufReader<File>>),
}

impl Workbook {
    /// Opens the workbook at `path`. `name` is the workbook's own file name (a version's
    /// extension is the workbook's; a temporary copy may have none).
    pub fn open(path: &Path, name: &Path) -> Result<Workbook, ReadError> {
        let mut head = [0u8; 8];
        let head_len = File::open(path)
            .and_then(|mut f| f.read(&mut head))
            .map_err(|e| ReadError::Open(e.to_string()))?;
        let head = &head[..head_len];
        let ext = name
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        let open_err = |e: &dyn std::fmt::Display| ReadError::Open(e.to_string());
        let inner = if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            Inner::Xls(calamine::open_workbook(path).map_err(|e| open_err(&e))?)
        } else if head.starts_with(b"PK") {
            // The name says which zip-based format; the others are tried when it is wrong.
            let order: [u8; 3] = match ext.as_str() {
                "xlsb" => [1, 0, 2],
                "ods" | "ots" => [2, 0, 1],
                _ => [0, 1, 2],
            };
            let mut first_error = None;
            let mut opened = None;
            for kind in order {
                let attempt = match kind {
                    0 => calamine::open_workbook(path).map(Inner::Xlsx).map_err(|e| open_err(&e)),
                    1 => calamine::open_workbook(path).map(Inner::Xlsb).map_err(|e| open_err(&e)),
                    _ => calamine::open_workbook(path).map(Inner::Ods).map_err(|e| open_err(&e)),
                };
                match attempt {
                    Ok(inner) => {
                        opened = Some(inner);
                        break;
                    }
                    Err(e) => {
                        first_error.get_or_insert(e);
                    }
                }
            }
            match opened {
                Some(inner) => inner,
                None => return Err(first_error.unwrap_or_else(|| ReadError::Open("not a workbook".into()))),
            }
        } else {
            return Err(ReadError::Open("the file is not in a workbook format".into()));
        };
        Ok(Workbook { inner })
    }

    /// The worksheets (not chart or dialog sheets), in workbook order.
    pub fn sheets(&self) -> Vec<SheetInfo> {
        let metadata = match &self.inner {
            Inner::Xlsx(w) => w.sheets_metadata(),
            Inner::Xlsb(w) => w.sheets_metadata(),
            Inner::Xls(w) => w.sheets_metadata(),
            Inner::Ods(w) => w.sheets_metadata(),
        };
        metadata
            .iter()
            .filter(|s| s.typ == SheetType::WorkSheet)
            .map(|s| SheetInfo {
                name: s.name.clone(),
                visibility: match s.visible {
                    SheetVisible::Visible => Visibility::Visible,
                    SheetVisible::Hidden => Visibility::Hidden,
                    SheetVisible::VeryHidden => Visibility::VeryHidden,
                },
            })
            .collect()
    }

    /// True when the workbook lists an Excel 4 macro sheet (VBA projects are found by
    /// [`super::macros`] from the container).
    pub fn has_macro_sheets(&self) -> bool {
        let metadata = match &self.inner {
            Inner::Xlsx(w) => w.sheets_metadata(),
            Inner::Xlsb(w) => w.sheets_metadata(),
            Inner::Xls(w) => w.sheets_metadata(),
            Inner::Ods(w) => w.sheets_metadata(),
        };
        metadata.iter().any(|s| s.typ == SheetType::MacroSheet)
    }

    /// Calls `row` for every row of `sheet` with at least one non-empty cell, in the order the
    /// file stores them (top to bottom in every file Excel or LibreOffice writes), with its
    /// 0-based index and its non-empty cells left to right.
    pub fn for_each_row(&mut self, sheet: &str, mut row: impl FnMut(u32, &RowCells)) -> Result<(), ReadError> {
        let sheet_err = |e: &dyn std::fmt::Display| ReadError::Sheet(e.to_string());
        match &mut self.inner {
            Inner::Xlsx(w) => {
                let mut reader = w.worksheet_cells_reader(sheet).map_err(|e| sheet_err(&e))?;
                let mut rows = RowGrouper::default();
                while let Some(cell) = reader.next_cell().map_err(|e| sheet_err(&e))? {
                    let (r, c) = cell.get_position();
                    rows.push(r, c, cell.get_value(), &mut row);
                }
                rows.finish(&mut row);
            }
            Inner::Xlsb(w) => {
                let mut reader = w.worksheet_cells_reader(sheet).map_err(|e| sheet_err(&e))?;
                let mut rows = RowGrouper::default();
                while let Some(cell) = reader.next_cell().map_err(|e| sheet_err(&e))? {
                    let (r, c) = cell.get_position();
                    rows.push(r, c, cell.get_value(), &mut row);
                }
                rows.finish(&mut row);
            }
            Inner::Xls(w) => {
                let range = w.worksheet_range(sheet).map_err(|e| sheet_err(&e))?;
                each_range_row(&range, &mut row);
            }
            Inner::Ods(w) => {
                let range = w.worksheet_range(sheet).map_err(|e| sheet_err(&e))?;
                each_range_row(&range, &mut row);
            }
        }
        Ok(())
    }
}

/// Gathers streamed cells into rows.
#[derive(Default)]
struct RowGrouper {
    current: Option<u32>,
    cells: Vec<(u32, Data)>,
}

impl RowGrouper {
    fn push(&mut self, r: u32, c: u32, value: &DataRef<'_>, emit: &mut impl FnMut(u32, &RowCells)) {
        if is_empty_ref(value) {
            return;
        }
        if self.current != Some(r) {
            self.finish(emit);
            self.current = Some(r);
        }
        self.cells.push((c, Data::from(value.clone())));
    }

    fn finish(&mut self, emit: &mut impl FnMut(u32, &RowCells)) {
        if let Some(r) = self.current.take()
            && !self.cells.is_empty()
        {
            self.cells.sort_by_key(|(c, _)| *c);
            emit(r, &self.cells);
        }
        self.cells.clear();
    }
}

fn is_empty_ref(value: &DataRef<'_>) -> bool {
    match value {
        DataRef::Empty => true,
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.is_empty(),
        DataRef::SharedString(s) => s.is_empty(),
        _ => false,
    }
}

/// True for a cell that holds nothing.
pub fn is_empty(value: &Data) -> bool {
    match value {
        Data::Empty => true,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.is_empty(),
        _ => false,
    }
}

fn each_range_row(range: &calamine::Range<Data>, emit: &mut impl FnMut(u32, &RowCells)) {
    let Some((row0, col0)) = range.start() else {
        return;
    };
    let mut cells = Vec::new();
    for (offset, values) in range.rows().enumerate() {
        cells.clear();
        for (c, value) in values.iter().enumerate() {
            if !is_empty(value) {
                let col = col0.saturating_add(u32::try_from(c).unwrap_or(u32::MAX));
                cells.push((col, value.clone()));
            }
        }
        if !cells.is_empty() {
            emit(row0.saturating_add(u32::try_from(offset).unwrap_or(u32::MAX)), &cells);
        }
    }
}

/// `A1`-style name of a 0-based cell position.
pub fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = u64::from(col) + 1;
    while n > 0 {
        let rem = u8::try_from((n - 1) % 26).unwrap_or(0);
        letters.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", letters.into_iter().collect::<String>(), u64::from(row) + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names_follow_excel() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(1203, 5), "F1204");
        assert_eq!(cell_name(0, 25), "Z1");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(0, 16_383), "XFD1");
    }
}
