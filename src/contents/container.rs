//! What the container says before any cell is read: whether the workbook carries a macro
//! project, and whether it is small enough to read. A zip's central directory states how large
//! each part unpacks to (the health check has proved those sizes by their CRC), so a zip bomb is
//! refused before the reader inflates it.

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
}

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
    let container = cfb::CompoundFile::open(BufReader::new(file)).ok()?;
    let macros = container
        .walk()
        .any(|e| e.name().eq_ignore_ascii_case("_VBA_PROJECT_CUR") || e.name().eq_ignore_ascii_case("_VBA_PROJECT"));
    Some(Probe { macros, unpacked: size })
}
