//! Health of OLE2 compound files: legacy `.xls` workbooks, and OOXML workbooks that Office
//! encrypted with a password (which are stored inside a compound file).
//!
//! The container is read with the `cfb` crate in its default (permissive) mode. Its open
//! validates the header, DIFAT, FAT, directory chain and directory tree (entry types, sibling
//! and child indices in range, no loops) and the MiniFAT; each stream's sector chain is then
//! followed by reading the stream to its end, which fails if the chain leaves the file or is
//! shorter than the directory says. That covers what this check needs, so no hand-written reader
//! was necessary. Permissive mode matters: it accepts a partial last sector (POI's
//! `protect.xlsx` has 168 of 512 bytes; readers pad it) and the invalid red-black colouring
//! that PHPExcel writes (every directory entry red). Excel, LibreOffice, POI and SheetJS all
//! open such files, so they are not damaged; but they do depart from MS-CFB, so the container is
//! also opened in strict mode and a file only the permissive reader accepts is `Irregular`. The
//! same holds for a side stream (document properties and the like, not the workbook data or an
//! encrypted package) that ends before its directory length: readers use what is there.
//!
//! Inside the container:
//! - `EncryptionInfo` + `EncryptedPackage` streams mean an encrypted OOXML workbook: `Encrypted`;
//! - otherwise a `Workbook` (BIFF8) or `Book` (BIFF5) stream must start with a BIFF BOF record,
//!   its records must not run past the stream's end, and the workbook-globals substream must be
//!   closed by an EOF record. A FILEPASS record among the globals means `Encrypted` (record
//!   headers stay in the clear under BIFF encryption, so the record walk still works).

use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use super::{Format, Health, HealthCheck, count_of, is_data_error, read_up_to};

/// BIFF record types used by the check.
mod record {
    /// BOF of BIFF5, BIFF7 and BIFF8 workbooks.
    pub const BOF_BIFF5_8: u16 = 0x0809;
    /// BOF of BIFF4 workbooks.
    pub const BOF_BIFF4: u16 = 0x0409;
    /// BOF of BIFF3 workbooks.
    pub const BOF_BIFF3: u16 = 0x0209;
    /// End of a substream.
    pub const EOF: u16 = 0x000A;
    /// The workbook is encrypted (XOR obfuscation or RC4).
    pub const FILEPASS: u16 = 0x002F;
}

/// Checks a compound file. Only a genuine I/O failure of `reader` is an `Err`.
pub(super) fn check<R: Read + Seek>(mut reader: R) -> io::Result<HealthCheck> {
    // Strict first, only to learn whether the file follows MS-CFB to the letter; whether it can
    // be read at all is decided by the permissive open below, as Excel and LibreOffice decide.
    let departure = match cfb::OpenOptions::new().strict().open_with(&mut reader) {
        Ok(_) => None,
        Err(e) if !is_data_error(&e) => return Err(e),
        Err(e) => Some(Departure::Container(e.to_string())),
    };
    reader.seek(SeekFrom::Start(0))?;
    let mut container = match cfb::CompoundFile::open(reader) {
        Ok(container) => container,
        Err(e) if !is_data_error(&e) => return Err(e),
        Err(e) => {
            tracing::debug!(error = %e, "compound file rejected");
            return Ok(damaged(
                "The workbook's internal file tables are damaged (the file may be cut short or \
                 corrupted), so Excel cannot open it.",
            ));
        }
    };

    let streams: Vec<(PathBuf, u64)> = container
        .walk()
        .filter(cfb::Entry::is_stream)
        .map(|entry| (entry.path().to_path_buf(), entry.len()))
        .collect();
    let root_stream = |name: &str| {
        streams
            .iter()
            .map(|(path, _)| path)
            .find(|path| is_root_entry(path, name))
            .cloned()
    };
    let is_encrypted_package = root_stream("EncryptionInfo").is_some() && root_stream("EncryptedPackage").is_some();
    // BIFF8 calls the stream "Workbook", BIFF5 "Book"; Excel prefers "Workbook" when both exist.
    let workbook_stream = root_stream("Workbook").or_else(|| root_stream("Book"));

    let (biff, short_stream) = match read_streams(&mut container, &streams, workbook_stream.as_deref())? {
        Ok(read) => read,
        Err(damage) => return Ok(damage),
    };
    let departure = departure.or(short_stream.map(Departure::SideStream));
    if is_encrypted_package {
        return Ok(HealthCheck::new(
            Health::Encrypted,
            Format::CompoundFile,
            "Password-protected Excel workbook; its container is intact, but the encrypted \
             contents cannot be checked without the password.",
        ));
    }
    let check = verdict(biff, streams.len());
    Ok(match departure {
        Some(departure) if check.health == Health::Healthy => {
            let reason = match &departure {
                Departure::Container(reason) => reason.as_str(),
                Departure::SideStream(_) => "a side stream is shorter than its directory entry",
            };
            tracing::debug!(reason, "compound file departs from MS-CFB but reads");
            HealthCheck::new(Health::Irregular, Format::CompoundFile, departure.sentence())
        }
        _ => check,
    })
}

/// How a readable compound file departs from the specification.
#[derive(Debug)]
enum Departure {
    /// The strict reader refused the container (invalid red-black colouring of the directory,
    /// a partial last sector, and the like); the text is its technical reason, for the log.
    Container(String),
    /// A stream other than the workbook data ends before its directory length: readers use
    /// what is there.
    SideStream(String),
}

impl Departure {
    fn sentence(&self) -> String {
        match self {
            Self::Container(_) => "The workbook's container does not follow the compound-file \
                 specification to the letter (typical of files written by other programs than \
                 Excel), but Excel and LibreOffice open it and all its data reads intact, so it is \
                 not damaged."
                .to_owned(),
            Self::SideStream(stream) => format!(
                "The workbook's side stream `{stream}` is shorter than its directory says; the \
                 workbook data itself reads intact and Excel and LibreOffice open the file, so it \
                 is not damaged."
            ),
        }
    }
}

fn damaged(detail: impl Into<String>) -> HealthCheck {
    HealthCheck::new(Health::Damaged, Format::CompoundFile, detail)
}

/// What reading every stream found: the BIFF verdict, and the first side stream that read short.
type StreamsRead = (Option<Biff>, Option<String>);

/// Reads every stream to its end, which follows (and so checks) its sector chain, walking the
/// BIFF records of `workbook_stream` on the way. Returns the BIFF verdict (`None` if there is no
/// workbook stream) and the first side stream that reads short, or the inner `Err` verdict if
/// the workbook data or the directory is damaged.
fn read_streams<R: Read + Seek>(
    container: &mut cfb::CompoundFile<R>,
    streams: &[(PathBuf, u64)],
    workbook_stream: Option<&Path>,
) -> io::Result<Result<StreamsRead, HealthCheck>> {
    let mut biff = None;
    let mut short_stream = None;
    for (path, len) in streams {
        let shown = display_name(path);
        let mut stream = match container.open_stream(path) {
            Ok(stream) => stream,
            Err(e) if !is_data_error(&e) => return Err(e),
            Err(_) => {
                return Ok(Err(damaged(format!(
                    "The workbook's internal stream `{shown}` cannot be opened (the file's \
                     directory is damaged), so Excel cannot open it."
                ))));
            }
        };
        let is_workbook = workbook_stream == Some(path.as_path());
        let essential = is_workbook || is_root_entry(path, "EncryptedPackage") || is_root_entry(path, "EncryptionInfo");
        let result = if is_workbook {
            walk_biff(&mut stream).map(|(outcome, read)| {
                biff = Some(outcome);
                read
            })
        } else {
            io::copy(&mut stream, &mut io::sink())
        };
        match result {
            Ok(read) if read == *len => {}
            Err(e) if !is_data_error(&e) => return Err(e),
            // Document properties and the like: the workbook opens without them.
            Ok(_) | Err(_) if !essential => {
                short_stream.get_or_insert(shown);
            }
            Ok(_) | Err(_) => {
                return Ok(Err(damaged(format!(
                    "The workbook's internal stream `{shown}` is cut short or points outside the \
                     file, so Excel cannot open it."
                ))));
            }
        }
    }
    Ok(Ok((biff, short_stream)))
}

/// The verdict on an unencrypted container whose streams all read intact.
fn verdict(biff: Option<Biff>, stream_count: usize) -> HealthCheck {
    match biff {
        None => damaged(
            "The file is an Office compound file but holds no workbook stream, so it is not an \
             Excel workbook.",
        ),
        Some(Biff::NoBof) => damaged(
            "The workbook data does not start the way Excel workbooks must, so Excel cannot \
             open it.",
        ),
        Some(Biff::Overrun) => damaged(
            "The workbook data ends in the middle of a record (it is cut short or corrupted), \
             so Excel will report it as damaged.",
        ),
        Some(Biff::NoGlobalsEof) => damaged(
            "The workbook data ends before its workbook-wide settings are complete, so Excel \
             will report it as damaged.",
        ),
        Some(Biff::Sound {
            version,
            filepass: true,
        }) => HealthCheck::new(
            Health::Encrypted,
            Format::CompoundFile,
            format!(
                "Password-protected {} workbook; its structure is intact, but the encrypted \
                 contents cannot be checked without the password.",
                version.describe()
            ),
        ),
        Some(Biff::Sound {
            version,
            filepass: false,
        }) => HealthCheck::new(
            Health::Healthy,
            Format::CompoundFile,
            format!(
                "{} workbook (compound file), {}, all intact.",
                version.describe(),
                count_of(stream_count, "stream")
            ),
        ),
    }
}

/// True if `path` is the entry `name` directly under the root storage. Compound-file names
/// compare case-insensitively.
fn is_root_entry(path: &Path, name: &str) -> bool {
    path.parent() == Some(Path::new("/"))
        && path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
}

/// A stream path as shown to the user: without the leading `/`, and without the control
/// characters some stream names start with (e.g. `\u{5}SummaryInformation`).
fn display_name(path: &Path) -> String {
    path.to_string_lossy()
        .trim_start_matches('/')
        .chars()
        .filter(|c| !c.is_control())
        .collect()
}

/// The BIFF version, from the first BOF record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BiffVersion {
    Biff3,
    Biff4,
    Biff5,
    Biff8,
    /// A BIFF5/8 BOF with a version field this check does not know.
    Unknown,
}

impl BiffVersion {
    fn describe(self) -> &'static str {
        match self {
            Self::Biff3 => "Excel 3.0",
            Self::Biff4 => "Excel 4.0",
            Self::Biff5 => "Excel 5.0/95",
            Self::Biff8 => "Excel 97-2003",
            Self::Unknown => "Excel",
        }
    }
}

/// The verdict of the BIFF record walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Biff {
    /// The stream does not start with a BOF record.
    NoBof,
    /// A record's stated length runs past the end of the stream.
    Overrun,
    /// The workbook-globals substream is never closed by an EOF record.
    NoGlobalsEof,
    /// The records are consistent; `filepass` is set if the globals hold a FILEPASS record.
    Sound { version: BiffVersion, filepass: bool },
}

/// Walks the BIFF records of a workbook stream to its end. Returns the verdict and how many bytes
/// were read, which the caller compares with the stream's directory length.
fn walk_biff(stream: impl Read) -> io::Result<(Biff, u64)> {
    let mut stream = BufReader::with_capacity(64 * 1024, stream);
    let mut read: u64 = 0;
    let mut header = [0u8; 4];

    let n = read_up_to(&mut stream, &mut header)?;
    read += n as u64;
    let (kind, len) = split_header(header);
    if n < header.len() || ![record::BOF_BIFF5_8, record::BOF_BIFF4, record::BOF_BIFF3].contains(&kind) {
        let rest = io::copy(&mut stream, &mut io::sink())?;
        return Ok((Biff::NoBof, read + rest));
    }
    let mut version_field = [0u8; 2];
    let got = read_up_to(&mut stream, &mut version_field[..usize::from(len).min(2)])?;
    let skipped = skip(&mut stream, u64::from(len) - got as u64)?;
    read += got as u64 + skipped;
    if got as u64 + skipped < u64::from(len) {
        return Ok((Biff::Overrun, read));
    }
    let version = match (kind, u16::from_le_bytes(version_field)) {
        (record::BOF_BIFF3, _) => BiffVersion::Biff3,
        (record::BOF_BIFF4, _) => BiffVersion::Biff4,
        (_, 0x0500) => BiffVersion::Biff5,
        (_, 0x0600) => BiffVersion::Biff8,
        _ => BiffVersion::Unknown,
    };

    let mut in_globals = true;
    let mut filepass = false;
    loop {
        let n = read_up_to(&mut stream, &mut header)?;
        read += n as u64;
        if n < header.len() {
            // The end of the stream, possibly after a few bytes of padding too short to be a
            // record header (some writers pad the stream; readers ignore the tail).
            break;
        }
        let (kind, len) = split_header(header);
        let skipped = skip(&mut stream, u64::from(len))?;
        read += skipped;
        if skipped < u64::from(len) {
            return Ok((Biff::Overrun, read));
        }
        if in_globals {
            match kind {
                record::FILEPASS => filepass = true,
                record::EOF => in_globals = false,
                _ => {}
            }
        }
    }
    if in_globals {
        return Ok((Biff::NoGlobalsEof, read));
    }
    Ok((Biff::Sound { version, filepass }, read))
}

fn split_header(header: [u8; 4]) -> (u16, u16) {
    (
        u16::from_le_bytes([header[0], header[1]]),
        u16::from_le_bytes([header[2], header[3]]),
    )
}

/// Reads and discards up to `len` bytes; returns how many there were.
fn skip(stream: &mut impl Read, len: u64) -> io::Result<u64> {
    io::copy(&mut stream.take(len), &mut io::sink())
}
