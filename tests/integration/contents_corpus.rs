//! Every corpus workbook gets a summary: each sheet read, with rows, cells and macros, and no
//! sound workbook reported as unreadable unless the reader's limitation is named below.

use std::path::Path;

use sheetsafe::contents::{Limits, summarize};
use sheetsafe::store::Unread;

use crate::util::{corpus_files, corpus_tagged};

/// Sound corpus files whose sheets calamine cannot read, with the reader's limitation.
/// Each is recorded as "could not read" (amber), never as damaged.
const READER_LIMITS: &[(&str, &str)] = &[
    (
        "poi__Simple.xlsb",
        "calamine 0.38 panics (`no entry found for key`, xlsb/mod.rs:312) on a sheet whose relationship id is not in workbook.bin.rels; the panic guard turns it into reader-failed",
    ),
    (
        "poi__xlmmacro.xlsm",
        "calamine 0.38 refuses a workbook with an Excel 4 macro sheet (`Unrecognized sheet:type: xl/macrosheets/sheet1.xml`)",
    ),
];

#[test]
fn every_sound_corpus_workbook_is_summarised() {
    let corrupt = corpus_tagged("CORRUPT");
    let encrypted = corpus_tagged("ENCRYPTED");
    let macro_files = corpus_tagged("macro");
    let mut failures = Vec::new();
    for path in corpus_files() {
        let name = path.file_name().expect("name").to_string_lossy().into_owned();
        let health = sheetsafe::health::check_file(&path).expect("check").health;
        let summary = summarize(&path, Path::new(&name), health, Limits::default());
        println!("{name}: {summary:?}");
        if corrupt.contains(&name) {
            continue;
        }
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
        if encrypted.contains(&name) {
            if summary.unread != Some(Unread::Encrypted) {
                failures.push(format!("{name}: encrypted but summary says {:?}", summary.unread));
            }
            continue;
        }
        if ext == "csv" {
            if summary.unread != Some(Unread::NotAWorkbook) {
                failures.push(format!(
                    "{name}: a CSV should be not-a-workbook, got {:?}",
                    summary.unread
                ));
            }
            continue;
        }
        let limit = READER_LIMITS.iter().find(|(f, _)| *f == name);
        if let Some((_, why)) = limit {
            println!("  reader limitation: {why}");
            if summary.unread != Some(Unread::ReaderFailed) {
                failures.push(format!(
                    "{name}: a reader failure must be reader-failed, got {:?}",
                    summary.unread
                ));
            }
        }
        let unreadable: Vec<&str> = summary.unreadable_sheets().map(|s| s.name.as_str()).collect();
        let complete = summary.unread.is_none() && unreadable.is_empty();
        match (complete, limit) {
            (true, Some(_)) => failures.push(format!("{name}: now reads fully; remove it from READER_LIMITS")),
            (false, None) => failures.push(format!(
                "{name}: not fully read ({:?} {:?}, sheets {unreadable:?})",
                summary.unread, summary.detail
            )),
            _ => {}
        }
        if complete && summary.sheets.is_empty() {
            failures.push(format!("{name}: no worksheet found"));
        }
        let has_macros = macro_files.contains(&name);
        if summary.macros != has_macros {
            failures.push(format!(
                "{name}: macros {} but SOURCES.md says {has_macros}",
                summary.macros
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
