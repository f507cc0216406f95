//! What the container says before any cell is read: whether the workbook carries a macro
//! project, and whether it is small enough to read. A zip's central directory states how large
//! each part unpacks to (the health check has proved those sizes by their CRC), so a zip bomb is
//! refused before the reader inflates it. A legacy `.xls` is read whole by the reader into one
//! rectangle per sheet, sized by the sheet's DIMENSIONS record and its farthest cell, so those
//! are checked against the format's own limits first: a forged record would otherwise make the
//! reader ask for terabytes, which ends the process rather than raising an error.

use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::Path;

/// What the container holds, as far as the summary cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Probe {
    /// A VBA project (`vbaProject.bin`, `_VBA_PROJECT_CUR`), Excel 4 macro sheets in a
    /// package, or LibreOffice Basic modules.
    pub macros: bool,
    /// Bytes the parts unpack to (zip) or the file's size (compound file).
    pub unpacked: u64,
    /// A legacy workbook's records claim more rows or columns than the format holds.
    pub beyond_limits: bool,
}

/// Rows and columns a BIFF8 sheet can hold (Excel 97-2003).
const BIFF_ROWS: u64 = 65_536;
const BIFF_COLUMNS: u64 = 256;

/// Looks at the container of the workbook at `path`. `None` when it is neither a zip nor a
/// compound file the probe can open (the reader will say more).
pub fn probe(path: &Path) -> Option<Probe> {
    let mut file = File::open(path).ok()?;
    let size = file.metadata().ok()?.len();
    let mut head = [0u8; 4];
    file.read_exact(&mut head).ok()?;
    file.seek(SeekFrom::Start(0)).ok()?;
    // The first bytes decide: a `.xls` can embed a zipped theme near its end, which a zip
    // reader searching backwards for a central directory would find.
    if head.starts_with(b"PK") {
        let mut archive = zip::ZipArchive::new(BufReader::new(file)).ok()?;
        let mut probe = Probe::default();
        for i in 0..archive.len() {
            let Ok(entry) = archive.by_index_raw(i) else { continue };
            let lower = entry.name().to_ascii_lowercase();
            probe.macros |= lower.ends_with("vbaproject.bin")
                || lower.starts_with("xl/macrosheets/")
                || (lower.starts_with("basic/")
                    && !lower.ends_with("script-lc.xml")
                    && !lower.ends_with("script-lb.xml"));
            probe.unpacked = probe.unpacked.saturating_add(entry.size());
        }
        return Some(probe);
    }
    let mut container = cfb::CompoundFile::open(BufReader::new(file)).ok()?;
    let macros = container
        .walk()
        .any(|e| e.name().eq_ignore_ascii_case("_VBA_PROJECT_CUR") || e.name().eq_ignore_ascii_case("_VBA_PROJECT"));
    let stream = ["/Workbook", "/Book"]
        .into_iter()
        .find(|name| container.is_stream(name))
        .and_then(|name| container.open_stream(name).ok());
    let beyond_limits = stream.is_some_and(|s| !within_biff_limits(BufReader::new(s)));
    Some(Probe {
        macros,
        unpacked: size,
        beyond_limits,
    })
}

/// Walks a BIFF stream's records and checks every DIMENSIONS record and every cell's position
/// against the format's limits. A stream that cannot be walked to its end is left to the reader.
fn within_biff_limits(mut stream: impl Read) -> bool {
    let mut header = [0u8; 4];
    let mut data = Vec::new();
    loop {
        if stream.read_exact(&mut header).is_err() {
            return true;
        }
        let kind = u16::from_le_bytes([header[0], header[1]]);
        let len = u16::from_le_bytes([header[2], header[3]]);
        data.resize(usize::from(len), 0);
        if stream.read_exact(&mut data).is_err() {
            return true;
        }
        let u16_at = |at: usize| {
            data.get(at..at + 2)
                .map_or(0, |b| u64::from(u16::from_le_bytes([b[0], b[1]])))
        };
        let u32_at = |at: usize| {
            data.get(at..at + 4)
                .map_or(0, |b| u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]])))
        };
        let fits = match kind {
            // DIMENSIONS: first and last+1 row (32-bit in BIFF8), first and last+1 column.
            // (Odd column values are common and the reader clamps them; rows it trusts.)
            0x0200 if data.len() >= 14 => u32_at(4).saturating_sub(u32_at(0)) <= BIFF_ROWS,
            // Cells: row and column first. MULRK: its last column is in its last two bytes.
            0x0201 | 0x0203 | 0x0204 | 0x0205 | 0x0006 | 0x00D6 | 0x00FD | 0x027E => u16_at(2) < BIFF_COLUMNS,
            0x00BD => u16_at(2) < BIFF_COLUMNS && u16_at(data.len().saturating_sub(2)) < BIFF_COLUMNS,
            _ => true,
        };
        if !fits {
            return false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: u16, data: &[u8]) -> Vec<u8> {
        let mut out = kind.to_le_bytes().to_vec();
        out.extend(u16::try_from(data.len()).expect("short").to_le_bytes());
        out.extend(data);
        out
    }

    fn dimensions(first_row: u32, last_row: u32) -> Vec<u8> {
        let mut d = first_row.to_le_bytes().to_vec();
        d.extend(last_row.to_le_bytes());
        d.extend([0, 0, 4, 0, 0, 0]);
        record(0x0200, &d)
    }

    fn number(row: u16, col: u16) -> Vec<u8> {
        let mut d = row.to_le_bytes().to_vec();
        d.extend(col.to_le_bytes());
        d.extend([0u8; 10]);
        record(0x0203, &d)
    }

    #[test]
    fn a_sheet_within_excel_limits_passes() {
        let stream = [dimensions(0, 1204), number(1203, 5), number(65_535, 255)].concat();
        assert!(within_biff_limits(stream.as_slice()));
    }

    #[test]
    fn forged_dimensions_or_cells_beyond_the_last_column_are_refused() {
        assert!(!within_biff_limits(dimensions(0, u32::MAX).as_slice()));
        assert!(!within_biff_limits(number(0, 40_000).as_slice()));
        let mut mulrk = 5u16.to_le_bytes().to_vec();
        mulrk.extend(0u16.to_le_bytes());
        mulrk.extend([0u8; 6]);
        mulrk.extend(60_000u16.to_le_bytes());
        assert!(!within_biff_limits(record(0x00BD, &mulrk).as_slice()));
    }

    #[test]
    fn a_stream_cut_short_is_left_to_the_reader() {
        let mut stream = dimensions(0, 10);
        stream.truncate(7);
        assert!(within_biff_limits(stream.as_slice()));
    }
}
