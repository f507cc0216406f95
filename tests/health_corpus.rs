//! Runs the health check over every file of the test corpus (`tests/corpus`, described in its
//! `SOURCES.md`) and compares each verdict with the corpus tags: CORRUPT files must be `Damaged`
//! (and nothing else may be), ENCRYPTED files `Encrypted`, CSV files `Unchecked`, the files whose
//! compound-file container departs from MS-CFB but which their source projects' readers open
//! (see `IRREGULAR`) `Irregular`, and everything else `Healthy`.
//!
//! The corpus is the repository's own `tests/corpus/`, or wherever the environment variable
//! `SHEETSAFE_CORPUS` points.

use std::path::{Path, PathBuf};

use sheetsafe::health::{self, Format, Health};

/// Files tagged CORRUPT in `SOURCES.md`.
const CORRUPT: [&str; 5] = [
    "poi__xlsx-corrupted.xlsx",
    "poi__invalid.xlsx",
    "calamine__too_small.xls",
    "poi__clusterfuzz-testcase-minimized-POIXSSFFuzzer-5265527465181184.xlsx",
    "poi__clusterfuzz-testcase-minimized-POIHSSFFuzzer-4651309315719168.xls",
];

/// Files tagged ENCRYPTED in `SOURCES.md`.
const ENCRYPTED: [&str; 4] = [
    "poi__protect.xlsx",
    "calamine__pass_protected.xlsx",
    "calamine__pass_protected.ods",
    "poi__xor-encryption-abc.xls",
];

/// Files whose container breaks MS-CFB's rules in a way readers accept, as `cfb`'s strict mode
/// reports: the QUIRK file (a stream's directory entry carries a CLSID; `SOURCES.md` also notes
/// its invalid red-black colouring), the Excel 95 file (adjacent red nodes in the directory
/// tree), and `AutoFilter.xls` (a directory entry name without its terminating NUL).
const IRREGULAR: [&str; 3] = [
    "sheetjs__phpexcel_bad_cfb_dir.xls",
    "poi__testEXCEL_95.xls",
    "sheetjs__AutoFilter.xls",
];

/// OOXML workbooks that Office encrypted, which therefore live in a compound file.
const ENCRYPTED_OOXML: [&str; 2] = ["poi__protect.xlsx", "calamine__pass_protected.xlsx"];

/// How many spreadsheet files `SOURCES.md` lists.
const CORPUS_SIZE: usize = 46;

fn corpus_dir() -> PathBuf {
    let dir = std::env::var_os("SHEETSAFE_CORPUS").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus"),
        PathBuf::from,
    );
    assert!(
        dir.is_dir(),
        "the test corpus folder {} is missing; set SHEETSAFE_CORPUS to the folder holding the \
         corpus files and SOURCES.md",
        dir.display()
    );
    dir
}

/// The lower-cased extension of a file name.
fn extension(name: &str) -> String {
    Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

fn expected_health(name: &str) -> Health {
    if CORRUPT.contains(&name) {
        Health::Damaged
    } else if ENCRYPTED.contains(&name) {
        Health::Encrypted
    } else if extension(name) == "csv" {
        Health::Unchecked
    } else if IRREGULAR.contains(&name) {
        Health::Irregular
    } else {
        Health::Healthy
    }
}

fn expected_format(name: &str) -> Format {
    let extension = extension(name);
    if extension == "csv" || name == "calamine__too_small.xls" {
        Format::Other
    } else if extension == "xls" || ENCRYPTED_OOXML.contains(&name) {
        Format::CompoundFile
    } else {
        Format::Zip
    }
}

#[test]
fn every_corpus_file_gets_the_expected_verdict() {
    let dir = corpus_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list the corpus folder {}: {e}", dir.display()))
        .map(|entry| entry.expect("corpus folder entry").path())
        .filter(|path| path.is_file() && path.file_name().is_some_and(|n| n != "SOURCES.md" && n != "README.md"))
        .collect();
    files.sort();
    assert_eq!(
        files.len(),
        CORPUS_SIZE,
        "expected {CORPUS_SIZE} corpus files in {}, found {}",
        dir.display(),
        files.len()
    );
    for name in CORRUPT.iter().chain(&ENCRYPTED) {
        assert!(
            dir.join(name).is_file(),
            "tagged corpus file {name} is missing from {}",
            dir.display()
        );
    }

    let mut failures = Vec::new();
    for path in &files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let check = match health::check_file(path) {
            Ok(check) => check,
            Err(e) => {
                failures.push(format!("{name}: I/O error {e}"));
                continue;
            }
        };
        println!("{name} | {:?} | {:?} | {}", check.health, check.format, check.detail);
        let (health, format) = (expected_health(&name), expected_format(&name));
        if check.health != health || check.format != format {
            failures.push(format!(
                "{name}: expected {health:?}/{format:?}, got {:?}/{:?} ({})",
                check.health, check.format, check.detail
            ));
        }
        if check.detail.is_empty() || check.detail.contains('\n') {
            failures.push(format!(
                "{name}: the detail must be one sentence, got {:?}",
                check.detail
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} corpus files got the wrong verdict:\n  {}",
        failures.len(),
        files.len(),
        failures.join("\n  ")
    );
}
