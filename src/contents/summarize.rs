//! Computes a version's [`Summary`]: each worksheet's name, visibility, used range, non-empty
//! rows and cells, and whether the workbook carries macros.
//!
//! The reader is third-party code fed with whatever a user saved, so it runs under the health
//! check's panic guard, on a thread of its own with a time limit, and only on workbooks whose
//! parts unpack to at most [`Limits::max_unpacked`] bytes. A panic, a refusal or a timeout
//! becomes a typed verdict in the summary, never a crash and never "damaged".

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use super::container;
use super::read::{ReadError, Workbook, cell_name};
use crate::health::Health;
use crate::store::{SheetSummary, Summary, Unread};

/// How much the reader may be asked to do for one version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes the workbook's parts may unpack to.
    pub max_unpacked: u64,
    /// Time one workbook may take.
    pub max_time: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_unpacked: 512 << 20,
            max_time: Duration::from_secs(120),
        }
    }
}

/// Summarises the version file at `path`, a copy of the workbook named `name`, whose health
/// check said `health`.
pub fn summarize(path: &Path, name: &Path, health: Health, limits: Limits) -> Summary {
    match health {
        Health::Damaged => return Summary::unread(Unread::Damaged),
        Health::Encrypted => return Summary::unread(Unread::Encrypted),
        Health::Unchecked => return Summary::unread(Unread::NotAWorkbook),
        Health::Healthy | Health::Irregular | Health::CheckFailed | Health::Unknown => {}
    }
    let Some(probe) = container::probe(path) else {
        return reader_failed("the container could not be opened".into());
    };
    if probe.unpacked > limits.max_unpacked || probe.beyond_limits {
        return Summary {
            macros: probe.macros,
            ..Summary::unread(Unread::TooLarge)
        };
    }
    let (tx, rx) = mpsc::channel();
    let (path, name) = (path.to_path_buf(), name.to_path_buf());
    let spawned = std::thread::Builder::new()
        .name("sheetsafe-summary".into())
        .spawn(move || {
            let outcome = crate::health::guard::quietly(|| read_all(&path, &name));
            let _ = tx.send(outcome);
        });
    if let Err(e) = spawned {
        return reader_failed(format!("no thread to read it on ({e})"));
    }
    let mut summary = match rx.recv_timeout(limits.max_time) {
        Ok(Ok(Ok(summary))) => summary,
        Ok(Ok(Err(e))) => reader_failed(e.to_string()),
        Ok(Err(panic)) => {
            tracing::error!(%panic, "the workbook reader failed internally");
            reader_failed(format!("the reader failed internally ({panic})"))
        }
        // The thread is left to finish on its own; its result is not waited for.
        Err(mpsc::RecvTimeoutError::Timeout) => Summary::unread(Unread::TimedOut),
        Err(mpsc::RecvTimeoutError::Disconnected) => reader_failed("the reader stopped".into()),
    };
    summary.macros |= probe.macros;
    summary
}

fn reader_failed(detail: String) -> Summary {
    Summary {
        detail: Some(detail),
        ..Summary::unread(Unread::ReaderFailed)
    }
}

fn read_all(path: &Path, name: &Path) -> Result<Summary, ReadError> {
    let mut workbook = Workbook::open(path, name)?;
    let mut summary = Summary {
        macros: workbook.has_macro_sheets(),
        ..Summary::default()
    };
    for info in workbook.sheets() {
        let mut counts = Counts::default();
        let read = workbook.for_each_row(&info.name, |row, cells| counts.add(row, cells));
        summary.sheets.push(SheetSummary {
            name: info.name,
            visibility: info.visibility,
            range: read.is_ok().then(|| counts.range()).flatten(),
            rows: if read.is_ok() { counts.rows } else { 0 },
            cells: if read.is_ok() { counts.cells } else { 0 },
            problem: read.err().map(|e| e.to_string()),
        });
    }
    Ok(summary)
}

/// Running counts over one sheet's rows.
#[derive(Debug, Default)]
struct Counts {
    rows: u64,
    cells: u64,
    /// First row, last row, first column, last column.
    bounds: Option<(u32, u32, u32, u32)>,
}

impl Counts {
    fn add(&mut self, row: u32, cells: &super::read::RowCells) {
        let (Some(first), Some(last)) = (cells.first(), cells.last()) else {
            return;
        };
        self.rows += 1;
        self.cells += cells.len() as u64;
        let (c0, c1) = (first.0, last.0);
        self.bounds = Some(match self.bounds {
            None => (row, row, c0, c1),
            Some((r0, r1, a, b)) => (r0.min(row), r1.max(row), a.min(c0), b.max(c1)),
        });
    }

    fn range(&self) -> Option<String> {
        self.bounds
            .map(|(r0, r1, c0, c1)| format!("{}:{}", cell_name(r0, c0), cell_name(r1, c1)))
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write as _;

    use super::*;

    /// A compound file whose workbook stream claims a sheet of four billion rows.
    fn forged_xls(path: &Path) {
        let mut cfb = cfb::create(path).expect("create");
        let mut stream = cfb.create_stream("/Workbook").expect("stream");
        let mut dimensions = vec![0x00, 0x02, 14, 0];
        dimensions.extend(0u32.to_le_bytes());
        dimensions.extend(u32::MAX.to_le_bytes());
        dimensions.extend([0, 0, 4, 0, 0, 0]);
        let bof = [0x09, 0x08, 4, 0, 0x00, 0x06, 0x10, 0x00];
        stream.write_all(&[&bof[..], &dimensions].concat()).expect("write");
    }

    #[test]
    fn a_forged_xls_is_too_large_for_a_summary_and_a_diff() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("Sales.xls");
        forged_xls(&path);
        let summary = summarize(&path, &path, Health::Healthy, Limits::default());
        assert_eq!(summary.unread, Some(Unread::TooLarge));
        let refused = super::super::diff_files(&path, &path, &path);
        assert!(
            matches!(refused, Err(super::super::diff::DiffError::TooLarge { .. })),
            "{refused:?}"
        );
    }

    #[test]
    fn the_health_verdict_decides_what_is_not_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("x.xlsx");
        std::fs::write(&path, b"not read").expect("write");
        for (health, unread) in [
            (Health::Damaged, Unread::Damaged),
            (Health::Encrypted, Unread::Encrypted),
            (Health::Unchecked, Unread::NotAWorkbook),
        ] {
            assert_eq!(summarize(&path, &path, health, Limits::default()).unread, Some(unread));
        }
    }
}
