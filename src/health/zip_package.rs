//! Health of zip packages: OOXML workbooks (`.xlsx/.xlsm/.xlsb/.xltx`) and OpenDocument
//! spreadsheets (`.ods`).
//!
//! The check reads the central directory, then decompresses every member to its end so the zip
//! crate verifies its CRC-32 (and the byte count is compared with the directory's size). XML
//! members (`.xml`, `.rels`) are parsed as they stream past (a large one on a second thread, so
//! that decompressing and parsing it overlap); other members (`.bin` parts of an `.xlsb`,
//! pictures, VBA projects, legacy `.vml` drawings, which Office itself writes as not-quite-XML)
//! are only CRC-checked. Then the package must have the parts its format needs:
//! - OOXML: `[Content_Types].xml`, `_rels/.rels`, and the main part `_rels/.rels` points to;
//! - OpenDocument: `mimetype` and `META-INF/manifest.xml`. When the manifest lists
//!   `encryption-data`, the members it covers are ciphertext: they are CRC-checked but not
//!   parsed, and the verdict is `Encrypted`.

use std::collections::HashSet;
use std::io::{self, Read, Seek};
use std::sync::mpsc;

use zip::ZipArchive;
use zip::result::ZipError;

use super::xml::{self, XmlError, XmlOk};
use super::{Format, Health, HealthCheck, count_of, is_data_error};

/// The kind of package, decided by which marker part it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PackageKind {
    /// Office Open XML: has `[Content_Types].xml`.
    Ooxml,
    /// OpenDocument: has `mimetype`.
    OpenDocument,
}

impl PackageKind {
    /// The program named in user-facing sentences about what will go wrong.
    fn program(self) -> &'static str {
        match self {
            Self::Ooxml => "Excel",
            Self::OpenDocument => "LibreOffice",
        }
    }

    /// The members a package of this kind cannot do without.
    fn required_parts(self) -> &'static [&'static str] {
        match self {
            Self::Ooxml => &[CONTENT_TYPES, PACKAGE_RELS],
            Self::OpenDocument => &[MIMETYPE, MANIFEST],
        }
    }
}

const CONTENT_TYPES: &str = "[Content_Types].xml";
const PACKAGE_RELS: &str = "_rels/.rels";
const MIMETYPE: &str = "mimetype";
const MANIFEST: &str = "META-INF/manifest.xml";

/// A relationship from `_rels/.rels`: its type URI and target.
#[derive(Debug, Default)]
struct Relationship {
    kind: String,
    target: String,
    external: bool,
}

/// Checks a zip package. Only a genuine I/O failure of `reader` is an `Err`.
pub(super) fn check<R: Read + Seek>(reader: R) -> io::Result<HealthCheck> {
    Ok(inspect(reader)?.unwrap_or_else(|detail| HealthCheck::new(Health::Damaged, Format::Zip, detail)))
}

/// A user-facing sentence saying why the package is damaged.
type Damage = String;

/// The whole check; the inner `Err` is the reason the package is damaged.
fn inspect<R: Read + Seek>(reader: R) -> io::Result<Result<HealthCheck, Damage>> {
    let mut archive = match ZipArchive::new(reader) {
        Ok(archive) => archive,
        Err(ZipError::Io(e)) if !is_data_error(&e) => return Err(e),
        Err(_) => {
            return Ok(Err(
                "The workbook's zip index is damaged or missing (the file may be cut \
                 short), so it cannot be opened."
                    .to_owned(),
            ));
        }
    };
    if archive.is_empty() {
        return Ok(Err(
            "The file is an empty zip archive with no parts in it, so it is not a workbook.".to_owned(),
        ));
    }
    let names: Vec<String> = (0..archive.len())
        .map(|i| archive.name_for_index(i).unwrap_or_default().to_owned())
        .collect();
    let has = |wanted: &str| names.iter().any(|n| n.eq_ignore_ascii_case(wanted));

    let kind = if has(CONTENT_TYPES) {
        PackageKind::Ooxml
    } else if has(MIMETYPE) {
        PackageKind::OpenDocument
    } else {
        return Ok(Err(
            "The zip archive has no `[Content_Types].xml` or `mimetype` part, so it \
             is not an Excel or OpenDocument workbook."
                .to_owned(),
        ));
    };
    let program = kind.program();
    if let Some(part) = kind.required_parts().iter().find(|part| !has(part)) {
        return Ok(Err(format!(
            "The workbook is missing its required part `{part}`, so {program} will not \
             recognise it as a workbook."
        )));
    }

    let encryption = match kind {
        PackageKind::Ooxml => Encryption::default(),
        PackageKind::OpenDocument => match read_manifest(&mut archive, &names)? {
            Ok(encryption) => encryption,
            Err(problem) => return Ok(Err(problem.sentence(MANIFEST, program))),
        },
    };
    let relationships = match check_members(&mut archive, &names, kind, &encryption)? {
        Ok(relationships) => relationships,
        Err(damage) => return Ok(Err(damage)),
    };
    Ok(verdict(kind, &names, &relationships, &encryption))
}

/// Which members of an OpenDocument package its manifest marks as encrypted.
#[derive(Debug, Default)]
struct Encryption {
    any: bool,
    members: HashSet<String>,
}

/// Reads `META-INF/manifest.xml` for its `encryption-data` elements.
///
/// The encrypted members must be known before the members are parsed, so the manifest is read
/// ahead of the main loop (and again in it, which costs little: manifests are a few kilobytes).
fn read_manifest<R: Read + Seek>(
    archive: &mut ZipArchive<R>,
    names: &[String],
) -> io::Result<Result<Encryption, MemberProblem>> {
    let mut encryption = Encryption::default();
    let Some(index) = names.iter().position(|n| n.eq_ignore_ascii_case(MANIFEST)) else {
        return Ok(Ok(encryption));
    };
    let mut current_entry = String::new();
    let outcome = read_member(archive, index, true, |tag| match tag.local_name() {
        b"file-entry" => {
            current_entry = tag.attribute(b"full-path").unwrap_or_default();
        }
        b"encryption-data" => {
            encryption.any = true;
            encryption.members.insert(current_entry.clone());
        }
        _ => {}
    })?;
    Ok(outcome.map(|_| encryption))
}

/// Reads every member to its end (checking CRC-32 and size) and parses the XML ones. Returns the
/// relationships of an OOXML package's `_rels/.rels`.
fn check_members<R: Read + Seek>(
    archive: &mut ZipArchive<R>,
    names: &[String],
    kind: PackageKind,
    encryption: &Encryption,
) -> io::Result<Result<Vec<Relationship>, Damage>> {
    let program = kind.program();
    let mut relationships = Vec::new();
    for (index, name) in names.iter().enumerate() {
        let is_required = kind.required_parts().iter().any(|r| name.eq_ignore_ascii_case(r));
        let parse_xml = is_xml_name(name) && !encryption.members.contains(name);
        let is_package_rels = kind == PackageKind::Ooxml && name.eq_ignore_ascii_case(PACKAGE_RELS);
        let outcome = read_member(archive, index, parse_xml, |tag| {
            if is_package_rels && tag.local_name() == b"Relationship" {
                relationships.push(Relationship {
                    kind: tag.attribute(b"Type").unwrap_or_default(),
                    target: tag.attribute(b"Target").unwrap_or_default(),
                    external: tag
                        .attribute(b"TargetMode")
                        .is_some_and(|m| m.eq_ignore_ascii_case("External")),
                });
            }
        })?;
        match outcome {
            Ok(XmlOk::Empty) if is_required && parse_xml => {
                return Ok(Err(format!(
                    "The required part `{name}` inside the workbook is empty, so {program} will \
                     refuse to open it."
                )));
            }
            Ok(_) => {}
            Err(problem) => return Ok(Err(problem.sentence(name, program))),
        }
    }
    Ok(Ok(relationships))
}

/// The verdict on a package whose members all read intact.
fn verdict(
    kind: PackageKind,
    names: &[String],
    relationships: &[Relationship],
    encryption: &Encryption,
) -> Result<HealthCheck, Damage> {
    let parts = count_of(names.len(), "part");
    match kind {
        PackageKind::Ooxml => {
            let Some(main) = relationships
                .iter()
                .find(|r| !r.external && r.kind.ends_with("/officeDocument"))
            else {
                return Err("The workbook's `_rels/.rels` part does not say where the workbook \
                     itself is, so Excel cannot open it."
                    .to_owned());
            };
            let main_part = part_name_from_target(&main.target);
            if !names.iter().any(|n| n.eq_ignore_ascii_case(&main_part)) {
                return Err(format!(
                    "The workbook's main part `{main_part}` is missing from the file, so Excel \
                     cannot open it."
                ));
            }
            let description = describe_ooxml(&main_part);
            Ok(HealthCheck::new(
                Health::Healthy,
                Format::Zip,
                format!("{description} (zip package), {parts}, all intact."),
            ))
        }
        PackageKind::OpenDocument if encryption.any => Ok(HealthCheck::new(
            Health::Encrypted,
            Format::Zip,
            format!(
                "Password-protected OpenDocument spreadsheet; its zip package ({parts}) is \
                 intact, but the encrypted contents cannot be checked without the password."
            ),
        )),
        PackageKind::OpenDocument => Ok(HealthCheck::new(
            Health::Healthy,
            Format::Zip,
            format!("OpenDocument spreadsheet (zip package), {parts}, all intact."),
        )),
    }
}

/// What went wrong with one member.
#[derive(Debug)]
enum MemberProblem {
    /// Its local header could not be found or read.
    Header,
    /// It needs zip encryption or a compression method Office does not use.
    Unsupported,
    /// Its data does not decompress, or fails the CRC-32 or size check.
    Corrupted,
    /// It decompressed intact but is not well-formed XML.
    NotXml,
}

impl MemberProblem {
    fn sentence(&self, name: &str, program: &str) -> String {
        match self {
            Self::Header => format!(
                "The part `{name}` inside the workbook cannot be located (the zip structure is \
                 damaged), so {program} will report the file as corrupt."
            ),
            Self::Unsupported => format!(
                "The part `{name}` inside the workbook uses zip encryption or compression that \
                 {program} does not support, so it cannot be opened."
            ),
            Self::Corrupted => format!(
                "The part `{name}` inside the workbook is corrupted (its data does not match its \
                 checksum), so {program} will report the file as damaged."
            ),
            Self::NotXml => format!(
                "The part `{name}` inside the workbook is not well-formed XML, so {program} will \
                 refuse to open it."
            ),
        }
    }
}

/// Reads member `index` to its end, parsing it as XML when `parse_xml` is set.
///
/// The outer `Err` is a genuine I/O failure; the inner result is the verdict on the member.
fn read_member<R: Read + Seek>(
    archive: &mut ZipArchive<R>,
    index: usize,
    parse_xml: bool,
    on_element: impl FnMut(&xml::Tag<'_>) + Send,
) -> io::Result<Result<XmlOk, MemberProblem>> {
    let member = match archive.by_index(index) {
        Ok(member) => member,
        Err(ZipError::Io(e)) if !is_data_error(&e) => return Err(e),
        Err(ZipError::UnsupportedArchive(_)) => return Ok(Err(MemberProblem::Unsupported)),
        Err(_) => return Ok(Err(MemberProblem::Header)),
    };
    let expected = member.size();
    let mut counted = CountingReader {
        inner: member,
        count: 0,
    };
    let outcome = if parse_xml {
        let verdict = if expected >= PIPELINE_MIN {
            check_pipelined(&mut counted, on_element)
        } else {
            xml::check_well_formed(&mut counted, on_element)
        };
        match verdict {
            Ok(ok) => ok,
            Err(XmlError::Io(e)) if !is_data_error(&e) => return Err(e),
            Err(XmlError::Io(_)) => return Ok(Err(MemberProblem::Corrupted)),
            Err(XmlError::Malformed(reason)) => {
                tracing::debug!(part = %archive_name(&counted), %reason, "XML part not well-formed");
                return Ok(Err(MemberProblem::NotXml));
            }
        }
    } else {
        XmlOk::WellFormed
    };
    // Drain whatever the parser did not need, so the CRC-32 is checked on every member.
    match io::copy(&mut counted, &mut io::sink()) {
        Ok(_) => {}
        Err(e) if !is_data_error(&e) => return Err(e),
        Err(_) => return Ok(Err(MemberProblem::Corrupted)),
    }
    if counted.count != expected {
        return Ok(Err(MemberProblem::Corrupted));
    }
    Ok(Ok(outcome))
}

/// Members at least this large (uncompressed) are decompressed on one thread and parsed on
/// another: the big sheets of a workbook, where the two take about as long as each other.
const PIPELINE_MIN: u64 = 1 << 20;
/// How much decompressed data travels between the two threads at a time.
const PIPE_CHUNK: usize = 256 * 1024;

/// Decompresses `input` on this thread while another parses it. The parser sees exactly the
/// bytes and errors (a CRC-32 mismatch is an error on the last read) that reading `input`
/// directly would give it, so the verdict is the same as [`xml::check_well_formed`]'s.
fn check_pipelined<R: Read>(input: &mut R, on_element: impl FnMut(&xml::Tag<'_>) + Send) -> Result<XmlOk, XmlError> {
    let (full_tx, full_rx) = mpsc::sync_channel::<io::Result<Vec<u8>>>(4);
    let (empty_tx, empty_rx) = mpsc::channel::<Vec<u8>>();
    std::thread::scope(|scope| {
        let parser = scope.spawn(move || {
            super::guard::mark_thread_quiet();
            let piped = Piped {
                full: full_rx,
                empty: empty_tx,
                current: Vec::new(),
                pos: 0,
                done: false,
            };
            xml::check_well_formed(piped, on_element)
        });
        loop {
            let mut chunk = empty_rx.try_recv().unwrap_or_default();
            chunk.resize(PIPE_CHUNK, 0);
            let mut filled = 0;
            let mut failure = None;
            while filled < chunk.len() {
                match input.read(&mut chunk[filled..]) {
                    Ok(0) => break,
                    Ok(n) => filled += n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => {
                        failure = Some(e);
                        break;
                    }
                }
            }
            chunk.truncate(filled);
            // A failed send means the parser has stopped (malformed XML): nothing more to read.
            if filled > 0 && full_tx.send(Ok(chunk)).is_err() {
                break;
            }
            if let Some(e) = failure {
                let _ = full_tx.send(Err(e));
                break;
            }
            if filled < PIPE_CHUNK {
                break;
            }
        }
        drop(full_tx);
        parser.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// The parser's end of [`check_pipelined`]: a reader over the chunks sent to it, which hands
/// used buffers back for reuse.
struct Piped {
    full: mpsc::Receiver<io::Result<Vec<u8>>>,
    empty: mpsc::Sender<Vec<u8>>,
    current: Vec<u8>,
    pos: usize,
    done: bool,
}

impl Read for Piped {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.pos == self.current.len() {
            if self.done {
                return Ok(0);
            }
            let used = std::mem::take(&mut self.current);
            if used.capacity() > 0 {
                let _ = self.empty.send(used);
            }
            self.pos = 0;
            match self.full.recv() {
                Ok(Ok(chunk)) => self.current = chunk,
                Ok(Err(e)) => {
                    self.done = true;
                    return Err(e);
                }
                Err(mpsc::RecvError) => self.done = true,
            }
        }
        let n = buf.len().min(self.current.len() - self.pos);
        buf[..n].copy_from_slice(&self.current[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

fn archive_name<R: Read>(counted: &CountingReader<zip::read::ZipFile<'_, R>>) -> String {
    counted.inner.name().to_owned()
}

/// Counts the bytes passing through, to compare a member's length with its directory entry.
struct CountingReader<R> {
    inner: R,
    count: u64,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count += n as u64;
        Ok(n)
    }
}

/// True for the members that must be well-formed XML.
fn is_xml_name(name: &str) -> bool {
    ends_with_ignore_case(name, ".xml") || ends_with_ignore_case(name, ".rels")
}

fn ends_with_ignore_case(name: &str, suffix: &str) -> bool {
    name.len() >= suffix.len() && name.as_bytes()[name.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

/// Turns a relationship target of `_rels/.rels` (relative to the package root, maybe with a
/// leading `/` and percent-escapes) into a zip member name.
fn part_name_from_target(target: &str) -> String {
    let trimmed = target.trim_start_matches('/');
    let trimmed = trimmed.strip_prefix("./").unwrap_or(trimmed);
    let bytes = trimmed.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        if let Some(byte) = escaped {
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A user-facing name for an OOXML package, from where its main part lives.
fn describe_ooxml(main_part: &str) -> &'static str {
    let in_xl = main_part.get(..3).is_some_and(|dir| dir.eq_ignore_ascii_case("xl/"));
    if in_xl && ends_with_ignore_case(main_part, ".bin") {
        "Excel binary workbook"
    } else if in_xl {
        "Excel workbook"
    } else {
        "Office document"
    }
}
