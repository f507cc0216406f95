//! Workbook health: decides from a file's bytes (never its extension) whether it is a sound
//! spreadsheet container, an encrypted one, or damaged.
//!
//! The container format comes from the first bytes alone: `PK\x03\x04` (or the `PK\x05\x06` of
//! an empty zip) is a zip package, `D0 CF 11 E0 A1 B1 1A E1` is an OLE2 compound file, and
//! anything else has no container to check. The extension is consulted only to learn what the
//! file was *meant* to be: a `.xlsx` that holds plain text is damaged, a `.csv` that holds plain
//! text is simply unchecked.
//!
//! The checks themselves live in the child modules:
//! - [`zip_package`]: OOXML (`.xlsx/.xlsm/.xlsb/.xltx`) and OpenDocument (`.ods`) packages;
//! - [`compound`]: legacy `.xls` workbooks and encrypted OOXML, both inside a compound file;
//! - [`xml`]: the streaming well-formedness check used on the XML parts of zip packages.
//!
//! Every check streams the file through a small buffer, so a 200 MB workbook costs time in
//! proportion to its size but only a bounded amount of memory (the zip central directory and the
//! compound-file allocation tables, which are a small fraction of the file).

mod compound;
pub mod fuzzing;
pub(crate) mod guard;
mod xml;
mod zip_package;

use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::path::Path;

use serde::{Deserialize, Serialize};

/// The container format detected from the first bytes of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// A zip package: OOXML (`.xlsx/.xlsm/.xlsb/.xltx`) or OpenDocument (`.ods`).
    Zip,
    /// An OLE2 compound file: legacy `.xls`, or an encrypted OOXML workbook.
    CompoundFile,
    /// Plain text (`.csv`) or anything else without a container to check.
    Other,
}

/// The verdict on one file. `docs/store-format.md` ("Health values") says what each value
/// means to a user and how keep rules and the status treat it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Health {
    /// The container and its required parts are intact.
    Healthy,
    /// The container departs from its specification in a way the format's own readers accept
    /// (Excel, LibreOffice and POI open it); `HealthCheck::detail` says how. Not damage.
    Irregular,
    /// The container is intact but its contents are encrypted, so they cannot be checked further.
    Encrypted,
    /// The file is not a sound workbook; `HealthCheck::detail` says why.
    Damaged,
    /// There is no structure to check (for example a `.csv` file).
    Unchecked,
    /// The check itself failed (an internal error), so nothing is known about the workbook:
    /// neither sound nor damaged. Shown amber, never red.
    CheckFailed,
    /// A value written by a newer Sheetsafe that this version does not know. Read as "not
    /// known", never as damage.
    #[serde(other)]
    Unknown,
}

impl Health {
    /// True when the workbook is known to open: what keep rules, restore and export look for
    /// when they want "the newest healthy version".
    pub fn counts_as_healthy(self) -> bool {
        matches!(
            self,
            Self::Healthy | Self::Irregular | Self::Encrypted | Self::Unchecked
        )
    }

    /// True only for a verdict that the workbook is damaged (red in the status).
    pub fn is_damaged(self) -> bool {
        self == Self::Damaged
    }

    /// True when nothing is known about the workbook's health (amber in the status).
    pub fn is_unknown(self) -> bool {
        matches!(self, Self::CheckFailed | Self::Unknown)
    }

    /// The lower-case word the command line shows for this value.
    pub fn word(self) -> &'static str {
        match self {
            Self::Healthy => "healthy",
            Self::Irregular => "irregular",
            Self::Encrypted => "encrypted",
            Self::Damaged => "DAMAGED",
            Self::Unchecked => "unchecked",
            Self::CheckFailed => "not-checked",
            Self::Unknown => "unknown",
        }
    }
}

/// The result of checking one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HealthCheck {
    /// The verdict.
    pub health: Health,
    /// The container format found in the file's first bytes.
    pub format: Format,
    /// One plain sentence for the user, e.g. "The zip entry `_rels/.rels` is not well-formed XML."
    pub detail: String,
}

impl HealthCheck {
    fn new(health: Health, format: Format, detail: impl Into<String>) -> Self {
        Self {
            health,
            format,
            detail: detail.into(),
        }
    }
}

/// Checks the file at `path`. Only an I/O failure to open or read the file is an `Err`;
/// every property of the bytes is reported in the `HealthCheck`.
///
/// The extension of `path` is used only to decide what the file was supposed to be when its
/// bytes hold no recognised container: a `.xls` or `.xlsx` without one is `Damaged`, while a
/// `.csv` (or any file not named like a workbook) is `Unchecked`.
pub fn check_file(path: &Path) -> std::io::Result<HealthCheck> {
    let file = File::open(path)?;
    // 64 KiB keeps the many small reads of the zip and compound-file readers cheap without
    // holding more than a sliver of a large workbook in memory.
    let reader = BufReader::with_capacity(64 * 1024, file);
    check_with_claim(reader, Claim::from_path(path))
}

/// Checks the file at `path` as if it were called `name`: the bytes come from `path`, the
/// claim about what they should be (see [`check_file`]) from `name`'s extension.
///
/// For checking a copy held under a temporary name that has lost the workbook's extension, so
/// that, say, a `.xlsx` holding plain text is still reported `Damaged` rather than `Unchecked`.
pub fn check_file_named(path: &Path, name: &Path) -> std::io::Result<HealthCheck> {
    let file = File::open(path)?;
    check_with_claim(BufReader::with_capacity(64 * 1024, file), Claim::from_path(name))
}

/// Checks a workbook held in memory, named `name` (whose extension is the claim about its
/// format, as in [`check_file_named`]).
pub fn check_bytes_named(bytes: &[u8], name: &Path) -> std::io::Result<HealthCheck> {
    check_with_claim(std::io::Cursor::new(bytes), Claim::from_path(name))
}

/// Checks an already opened workbook, e.g. one held in memory or inside a backup store.
///
/// Without a file name there is no claim about what the bytes should be, so a file without a
/// recognised container is always `Unchecked` here (see [`check_file`] for the difference).
/// Only a genuine I/O failure of `reader` is an `Err`.
pub fn check_reader<R: Read + Seek>(reader: R) -> std::io::Result<HealthCheck> {
    check_with_claim(reader, Claim::Nothing)
}

/// What the file's name says it should contain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Claim {
    /// A legacy binary workbook (`.xls`, `.xlt`, `.xla`): Excel also opens HTML and XML
    /// spreadsheets saved under these names, so those are not called damaged.
    LegacyWorkbook,
    /// A zip-based workbook (`.xlsx`, `.xlsm`, `.xlsb`, `.ods`, ...).
    PackageWorkbook,
    /// Nothing in particular (`.csv`, `.txt`, an unknown extension, or no name at all).
    Nothing,
}

impl Claim {
    fn from_path(path: &Path) -> Self {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        match ext.as_str() {
            "xls" | "xlt" | "xla" => Self::LegacyWorkbook,
            "xlsx" | "xlsm" | "xlsb" | "xltx" | "xltm" | "xlam" | "ods" | "ots" => Self::PackageWorkbook,
            _ => Self::Nothing,
        }
    }

    fn is_workbook(self) -> bool {
        self != Self::Nothing
    }
}

/// The zip local-file-header signature, with which every non-empty zip package starts.
const ZIP_LOCAL_HEADER: [u8; 4] = *b"PK\x03\x04";
/// The end-of-central-directory signature: an empty zip consists of this record alone.
const ZIP_EMPTY_ARCHIVE: [u8; 4] = *b"PK\x05\x06";
/// The OLE2 compound-file signature.
const CFB_SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// How much of a container-less file is sampled to tell text from binary data.
const TEXT_SAMPLE_LEN: usize = 8 * 1024;

fn check_with_claim<R: Read + Seek>(mut reader: R, claim: Claim) -> io::Result<HealthCheck> {
    let mut head = [0u8; TEXT_SAMPLE_LEN];
    let head_len = read_up_to(&mut reader, &mut head)?;
    let head = &head[..head_len];
    reader.seek(SeekFrom::Start(0))?;

    match format_of(head) {
        Format::Zip => guarded(Format::Zip, || zip_package::check(reader)),
        Format::CompoundFile => guarded(Format::CompoundFile, || compound::check(reader)),
        Format::Other => Ok(check_uncontained(head, claim)),
    }
}

/// The container a file's first bytes announce (the first 8 bytes suffice).
pub fn format_of(head: &[u8]) -> Format {
    if head.starts_with(&ZIP_LOCAL_HEADER) || head.starts_with(&ZIP_EMPTY_ARCHIVE) {
        Format::Zip
    } else if head.starts_with(&CFB_SIGNATURE) {
        Format::CompoundFile
    } else {
        Format::Other
    }
}

/// The container of the file at `path`, from its first bytes only: quick enough to ask while a
/// person waits (the full check parses every part).
pub fn format_of_file(path: &Path) -> io::Result<Format> {
    let mut head = [0u8; CFB_SIGNATURE.len()];
    let len = read_up_to(&mut File::open(path)?, &mut head)?;
    Ok(format_of(&head[..len]))
}

/// Runs a container check, turning a panic inside it into a `CheckFailed` verdict.
///
/// A panic is a bug in the checker (ours or a parser's), not a property of the workbook: the
/// same bytes may open perfectly in Excel. So it is never reported as damage; the detail goes to
/// the log, and the user sees one plain sentence instead of a backtrace.
fn guarded(format: Format, check: impl FnOnce() -> io::Result<HealthCheck>) -> io::Result<HealthCheck> {
    guard::quietly(check).unwrap_or_else(|panic| {
        tracing::error!(?format, %panic, "the health check failed internally");
        Ok(HealthCheck::new(
            Health::CheckFailed,
            format,
            "Sheetsafe could not check this workbook because of an error in its checker (the \
             details are in the log); the copy itself was verified byte for byte.",
        ))
    })
}

/// Judges a file that has neither a zip nor a compound-file signature.
fn check_uncontained(head: &[u8], claim: Claim) -> HealthCheck {
    let verdict = |health, detail: &str| HealthCheck::new(health, Format::Other, detail);
    if head.is_empty() {
        return if claim.is_workbook() {
            verdict(
                Health::Damaged,
                "The file is empty, so the workbook it should hold is lost.",
            )
        } else {
            verdict(Health::Unchecked, "The file is empty, so there is nothing to check.")
        };
    }
    let text = looks_like_text(head);
    match claim {
        // "Export to Excel" features commonly write an HTML table or an Excel 2003 XML
        // spreadsheet under a .xls name; Excel opens these (after a warning), so they are not
        // damaged, merely outside what can be checked.
        Claim::LegacyWorkbook if text && looks_like_markup(head) => verdict(
            Health::Unchecked,
            "This file is a web page or XML spreadsheet saved with an Excel name; Excel opens it \
             with a warning, and it has no workbook structure to check.",
        ),
        Claim::LegacyWorkbook | Claim::PackageWorkbook if text => verdict(
            Health::Damaged,
            "The file is named like an Excel workbook but contains only plain text, so Excel \
             cannot open it as a workbook.",
        ),
        Claim::LegacyWorkbook | Claim::PackageWorkbook => verdict(
            Health::Damaged,
            "The file is named like a workbook but its contents are not in any workbook format, \
             so it cannot be opened as one.",
        ),
        Claim::Nothing if text => verdict(
            Health::Unchecked,
            "Plain-text file (such as CSV); it has no workbook structure to check.",
        ),
        Claim::Nothing => verdict(
            Health::Unchecked,
            "This file is not in a workbook format Sheetsafe recognises, so its contents were \
             not checked.",
        ),
    }
}

/// True if the sample looks like text: a UTF-16 byte-order mark, or no NUL bytes and hardly any
/// other control characters. Legacy 8-bit encodings (Windows-1252 CSV exports) count as text.
fn looks_like_text(sample: &[u8]) -> bool {
    if sample.starts_with(&[0xFF, 0xFE]) || sample.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    if sample.contains(&0) {
        return false;
    }
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1A))
        .count();
    // A few stray control bytes occur in real exports; binary data has them everywhere.
    controls * 100 <= sample.len()
}

/// True if a text sample starts like HTML or XML (after an optional UTF-8 BOM and whitespace).
fn looks_like_markup(sample: &[u8]) -> bool {
    let sample = sample.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(sample);
    let start = sample
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(sample.len());
    let lower = sample[start..].to_ascii_lowercase();
    lower.starts_with(b"<")
        && [&b"<html"[..], b"<table", b"<?xml", b"<!doctype html"]
            .iter()
            .any(|tag| lower.windows(tag.len()).any(|w| w == *tag))
}

/// "1 part", "13 parts": a count with its noun, for the details shown to users.
fn count_of(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// Reads until `buf` is full or the reader is exhausted; returns how many bytes were read.
fn read_up_to(reader: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// True if an I/O error reports bad bytes (a malformed or truncated file) rather than a failing
/// disk or a permission problem.
///
/// The zip and compound-file readers report structural problems as `io::Error`s, so the kind is
/// the only way to tell "this file is damaged" (a verdict) from "this file could not be read"
/// (an `Err` for the caller, who may retry).
fn is_data_error(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::InvalidData
            | io::ErrorKind::InvalidInput
            | io::ErrorKind::UnexpectedEof
            | io::ErrorKind::NotFound
            | io::ErrorKind::OutOfMemory
            | io::ErrorKind::Unsupported
    )
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod xml_differential;
