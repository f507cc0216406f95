//! Unit tests for the health check on synthetic files: zip packages written with the `zip`
//! crate and compound files written with the `cfb` crate, then damaged on purpose.

use std::fmt::Write as _;
use std::io::{Cursor, Write};
use std::path::Path;

use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

use super::xml::{self, XmlError, XmlOk};
use super::{Format, Health, HealthCheck, check_file, check_file_named, check_reader};

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

/// A workbook part long enough that its compressed data has a middle to damage.
fn workbook_xml() -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets>"#,
    );
    for i in 0..200 {
        write!(xml, r#"<sheet name="Sheet &amp; {i}" sheetId="{i}"/>"#).expect("write to String");
    }
    xml.push_str("</sheets></workbook>");
    xml
}

fn zip_of(parts: &[(&str, &[u8])], method: CompressionMethod) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(method);
    for (name, data) in parts {
        writer.start_file(*name, options).expect("start zip member");
        writer.write_all(data).expect("write zip member");
    }
    writer.finish().expect("finish zip").into_inner()
}

fn xlsx(method: CompressionMethod) -> Vec<u8> {
    let workbook = workbook_xml();
    zip_of(
        &[
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
            ("_rels/.rels", PACKAGE_RELS.as_bytes()),
            ("xl/workbook.xml", workbook.as_bytes()),
        ],
        method,
    )
}

fn check_bytes(bytes: Vec<u8>) -> HealthCheck {
    check_reader(Cursor::new(bytes)).expect("in-memory reads cannot fail")
}

/// Checks `bytes` as if they were a file called `name`, so the extension rules apply.
fn check_named(name: &str, bytes: &[u8]) -> HealthCheck {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write temporary file");
    check_file(&path).expect("temporary file is readable")
}

/// Where member `name`'s data starts in a zip written by `zip_of`.
fn member_data_offset(zip: &[u8], name: &str) -> usize {
    let mut header = b"PK\x03\x04".to_vec();
    let at = zip
        .windows(header.len())
        .enumerate()
        .filter(|(_, w)| *w == header.as_slice())
        .map(|(i, _)| i)
        .find(|&i| zip[i + 30..].starts_with(name.as_bytes()))
        .expect("member present");
    header.clear();
    let name_len = usize::from(u16::from_le_bytes([zip[at + 26], zip[at + 27]]));
    let extra_len = usize::from(u16::from_le_bytes([zip[at + 28], zip[at + 29]]));
    at + 30 + name_len + extra_len
}

#[test]
fn sound_xlsx_is_healthy() {
    let check = check_bytes(xlsx(CompressionMethod::Deflated));
    assert_eq!(check.health, Health::Healthy, "{check:?}");
    assert_eq!(check.format, Format::Zip);
    assert_eq!(check.detail, "Excel workbook (zip package), 3 parts, all intact.");
}

#[test]
fn flipped_byte_in_stored_member_fails_crc() {
    let mut zip = xlsx(CompressionMethod::Stored);
    // Change a letter inside an attribute value: still well-formed XML, so only the CRC-32
    // can notice.
    let start = member_data_offset(&zip, "xl/workbook.xml");
    let at = start
        + zip[start..]
            .windows(7)
            .position(|w| w == b"Sheet &")
            .expect("sheet name present");
    zip[at] = b'T';
    let check = check_bytes(zip);
    assert_eq!(check.health, Health::Damaged, "{check:?}");
    assert!(check.detail.contains("`xl/workbook.xml`"), "{}", check.detail);
    assert!(check.detail.contains("checksum"), "{}", check.detail);
}

#[test]
fn flipped_byte_in_compressed_data_is_damaged() {
    let mut zip = xlsx(CompressionMethod::Deflated);
    let start = member_data_offset(&zip, "xl/workbook.xml");
    zip[start + 40] ^= 0x55;
    let check = check_bytes(zip);
    assert_eq!(check.health, Health::Damaged, "{check:?}");
    assert!(check.detail.contains("`xl/workbook.xml`"), "{}", check.detail);
}

#[test]
fn zip_cut_in_half_is_damaged() {
    let mut zip = xlsx(CompressionMethod::Deflated);
    zip.truncate(zip.len() / 2);
    let check = check_bytes(zip);
    assert_eq!(check.health, Health::Damaged, "{check:?}");
    assert_eq!(check.format, Format::Zip);
}

#[test]
fn empty_file_is_damaged_only_when_named_as_a_workbook() {
    let named = check_named("Budget.xlsx", b"");
    assert_eq!(named.health, Health::Damaged, "{named:?}");
    assert_eq!(named.format, Format::Other);
    let csv = check_named("export.csv", b"");
    assert_eq!(csv.health, Health::Unchecked, "{csv:?}");
    let anonymous = check_bytes(Vec::new());
    assert_eq!(anonymous.health, Health::Unchecked, "{anonymous:?}");
}

#[test]
fn empty_zip_is_damaged() {
    let check = check_bytes(zip_of(&[], CompressionMethod::Stored));
    assert_eq!(check.health, Health::Damaged, "{check:?}");
    assert!(check.detail.contains("empty zip"), "{}", check.detail);
}

#[test]
fn malformed_rels_is_damaged() {
    let broken = PACKAGE_RELS.replace("</Relationships>", "</Relationship>");
    let workbook = workbook_xml();
    let zip = zip_of(
        &[
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
            ("_rels/.rels", broken.as_bytes()),
            ("xl/workbook.xml", workbook.as_bytes()),
        ],
        CompressionMethod::Deflated,
    );
    let check = check_bytes(zip);
    assert_eq!(check.health, Health::Damaged, "{check:?}");
    assert!(check.detail.contains("`_rels/.rels`"), "{}", check.detail);
    assert!(check.detail.contains("well-formed XML"), "{}", check.detail);
}

#[test]
fn missing_parts_are_damaged() {
    let workbook = workbook_xml();
    let no_rels = zip_of(
        &[
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
            ("xl/workbook.xml", workbook.as_bytes()),
        ],
        CompressionMethod::Deflated,
    );
    let check = check_bytes(no_rels);
    assert_eq!(check.health, Health::Damaged, "{check:?}");
    assert!(check.detail.contains("`_rels/.rels`"), "{}", check.detail);

    let no_workbook = zip_of(
        &[
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
            ("_rels/.rels", PACKAGE_RELS.as_bytes()),
        ],
        CompressionMethod::Deflated,
    );
    let check = check_bytes(no_workbook);
    assert_eq!(check.health, Health::Damaged, "{check:?}");
    assert!(check.detail.contains("`xl/workbook.xml`"), "{}", check.detail);

    let not_a_package = zip_of(&[("notes.txt", b"hello")], CompressionMethod::Deflated);
    assert_eq!(check_bytes(not_a_package).health, Health::Damaged);
}

#[test]
fn empty_optional_xml_part_is_tolerated_but_empty_required_part_is_not() {
    let workbook = workbook_xml();
    let with_empty_optional = zip_of(
        &[
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
            ("_rels/.rels", PACKAGE_RELS.as_bytes()),
            ("xl/workbook.xml", workbook.as_bytes()),
            ("customXml/item1.xml", b""),
        ],
        CompressionMethod::Deflated,
    );
    assert_eq!(check_bytes(with_empty_optional).health, Health::Healthy);

    let with_empty_required = zip_of(
        &[
            ("[Content_Types].xml", b""),
            ("_rels/.rels", PACKAGE_RELS.as_bytes()),
            ("xl/workbook.xml", workbook.as_bytes()),
        ],
        CompressionMethod::Deflated,
    );
    let check = check_bytes(with_empty_required);
    assert_eq!(check.health, Health::Damaged, "{check:?}");
    assert!(check.detail.contains("`[Content_Types].xml`"), "{}", check.detail);
}

#[test]
fn binary_parts_are_only_crc_checked() {
    let workbook_rels = PACKAGE_RELS.replace("xl/workbook.xml", "xl/workbook.bin");
    let zip = zip_of(
        &[
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
            ("_rels/.rels", workbook_rels.as_bytes()),
            ("xl/workbook.bin", &[0x83, 0x01, 0x00, 0xFF, 0xFE, 0x00]),
            ("xl/drawings/vmlDrawing1.vml", b"<xml><br></xml>"),
        ],
        CompressionMethod::Deflated,
    );
    let check = check_bytes(zip);
    assert_eq!(check.health, Health::Healthy, "{check:?}");
    assert!(check.detail.starts_with("Excel binary workbook"), "{}", check.detail);
}

const ODS_MIMETYPE: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";

#[test]
fn ods_with_encryption_data_is_encrypted_and_its_ciphertext_is_not_parsed() {
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml" manifest:size="2000">
  <manifest:encryption-data manifest:checksum-type="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0#sha256-1k" manifest:checksum="AAAA">
   <manifest:algorithm manifest:algorithm-name="http://www.w3.org/2001/04/xmlenc#aes256-cbc" manifest:initialisation-vector="AAAA"/>
  </manifest:encryption-data>
 </manifest:file-entry>
</manifest:manifest>"#;
    let parts: [(&str, &[u8]); 3] = [
        ("mimetype", ODS_MIMETYPE),
        ("content.xml", &[0x9C, 0x00, 0x13, 0x3C, 0xFF, 0x01]),
        ("META-INF/manifest.xml", manifest.as_bytes()),
    ];
    let check = check_bytes(zip_of(&parts, CompressionMethod::Deflated));
    assert_eq!(check.health, Health::Encrypted, "{check:?}");

    let plain_manifest = manifest
        .lines()
        .filter(|l| !l.contains("encryption-data") && !l.contains("algorithm"))
        .collect::<Vec<_>>()
        .join("\n");
    let parts: [(&str, &[u8]); 3] = [
        ("mimetype", ODS_MIMETYPE),
        ("content.xml", &[0x9C, 0x00, 0x13, 0x3C, 0xFF, 0x01]),
        ("META-INF/manifest.xml", plain_manifest.as_bytes()),
    ];
    let check = check_bytes(zip_of(&parts, CompressionMethod::Deflated));
    assert_eq!(check.health, Health::Damaged, "{check:?}");
    assert!(check.detail.contains("`content.xml`"), "{}", check.detail);
}

// ---------------------------------------------------------------------------------------------
// Compound files

/// A BIFF record: type, length, data.
fn record(kind: u16, data: &[u8]) -> Vec<u8> {
    let len = u16::try_from(data.len()).expect("short record");
    let mut out = kind.to_le_bytes().to_vec();
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(data);
    out
}

/// A minimal BIFF8 workbook stream: globals BOF ... EOF, padded past the 4096-byte mini-stream
/// cut-off so it lives in regular sectors, as Excel's do.
fn biff8_workbook(extra_globals: &[Vec<u8>]) -> Vec<u8> {
    let mut bof = vec![0x00, 0x06, 0x05, 0x00];
    bof.extend_from_slice(&[0u8; 12]);
    let mut stream = record(0x0809, &bof);
    for r in extra_globals {
        stream.extend_from_slice(r);
    }
    for _ in 0..60 {
        // LABEL-like filler so the stream spans several sectors.
        stream.extend_from_slice(&record(0x00FC, &[0x41; 80]));
    }
    stream.extend_from_slice(&record(0x000A, &[]));
    stream
}

fn compound_of(streams: &[(&str, &[u8])]) -> Vec<u8> {
    let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).expect("create cfb");
    for (name, data) in streams {
        let mut stream = file.create_stream(name).expect("create stream");
        stream.write_all(data).expect("write stream");
    }
    file.flush().expect("flush cfb");
    file.into_inner().into_inner()
}

#[test]
fn sound_xls_is_healthy() {
    let check = check_bytes(compound_of(&[("/Workbook", &biff8_workbook(&[]))]));
    assert_eq!(check.health, Health::Healthy, "{check:?}");
    assert_eq!(check.format, Format::CompoundFile);
    assert_eq!(
        check.detail,
        "Excel 97-2003 workbook (compound file), 1 stream, all intact."
    );
}

#[test]
fn workbook_stream_without_bof_is_damaged() {
    let mut stream = biff8_workbook(&[]);
    stream[0] = 0x00;
    stream[1] = 0x00;
    let check = check_bytes(compound_of(&[("/Workbook", &stream)]));
    assert_eq!(check.health, Health::Damaged, "{check:?}");
    assert!(check.detail.contains("does not start"), "{}", check.detail);
}

#[test]
fn record_running_past_the_stream_is_damaged() {
    let mut stream = biff8_workbook(&[]);
    stream.extend_from_slice(&record(0x00FC, &[0x41; 10])[..8]);
    let check = check_bytes(compound_of(&[("/Workbook", &stream)]));
    assert_eq!(check.health, Health::Damaged, "{check:?}");
    assert!(check.detail.contains("middle of a record"), "{}", check.detail);
}

#[test]
fn missing_globals_eof_is_damaged() {
    let mut stream = biff8_workbook(&[]);
    stream.truncate(stream.len() - 4);
    let check = check_bytes(compound_of(&[("/Workbook", &stream)]));
    assert_eq!(check.health, Health::Damaged, "{check:?}");
}

#[test]
fn filepass_record_means_encrypted() {
    let filepass = record(0x002F, &[0x00, 0x00, 0x34, 0x12, 0x78, 0x56]);
    let check = check_bytes(compound_of(&[("/Workbook", &biff8_workbook(&[filepass]))]));
    assert_eq!(check.health, Health::Encrypted, "{check:?}");
}

#[test]
fn encrypted_ooxml_in_compound_file_is_encrypted() {
    let check = check_bytes(compound_of(&[
        ("/EncryptionInfo", &[0x04, 0x00, 0x04, 0x00, 0x40, 0x00, 0x00, 0x00]),
        ("/EncryptedPackage", &[0x5A; 9000]),
    ]));
    assert_eq!(check.health, Health::Encrypted, "{check:?}");
    assert_eq!(check.format, Format::CompoundFile);
}

#[test]
fn compound_file_without_workbook_is_damaged() {
    let check = check_bytes(compound_of(&[("/WordDocument", &[0u8; 5000])]));
    assert_eq!(check.health, Health::Damaged, "{check:?}");
    assert!(check.detail.contains("no workbook stream"), "{}", check.detail);
}

#[test]
fn compound_file_cut_in_half_is_damaged() {
    let mut file = compound_of(&[("/Workbook", &biff8_workbook(&[]))]);
    file.truncate(file.len() / 2);
    let check = check_bytes(file);
    assert_eq!(check.health, Health::Damaged, "{check:?}");
    assert_eq!(check.format, Format::CompoundFile);
}

#[test]
fn every_single_byte_truncation_and_flip_is_survived() {
    // Never panic, whatever the bytes: try every prefix length of small files, and a byte flip
    // at every offset.
    let files = [
        xlsx(CompressionMethod::Deflated),
        compound_of(&[("/Workbook", &biff8_workbook(&[]))]),
    ];
    for file in &files {
        for len in (0..file.len()).step_by(7) {
            let _ = check_bytes(file[..len].to_vec());
        }
        for at in (0..file.len()).step_by(5) {
            let mut flipped = file.clone();
            flipped[at] ^= 0xA5;
            let _ = check_bytes(flipped);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Files without a container

#[test]
fn plain_text_is_unchecked_unless_named_as_a_workbook() {
    let text = b"Name,Amount\r\nRent,1200\r\n";
    assert_eq!(check_named("ledger.csv", text).health, Health::Unchecked);
    assert_eq!(check_named("ledger", text).health, Health::Unchecked);
    let xls = check_named("ledger.xls", text);
    assert_eq!(xls.health, Health::Damaged, "{xls:?}");
    assert_eq!(xls.format, Format::Other);
    assert_eq!(check_named("ledger.xlsx", text).health, Health::Damaged);
}

#[test]
fn claim_can_come_from_another_name() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let temp = dir.path().join(".sheetsafe-tmp-1-0-Ledgerxlsx");
    std::fs::write(&temp, b"Name,Amount\r\n").expect("write temporary file");
    let as_is = check_file(&temp).expect("readable");
    assert_eq!(as_is.health, Health::Unchecked);
    let named = check_file_named(&temp, Path::new("Ledger.xlsx")).expect("readable");
    assert_eq!(named.health, Health::Damaged);
}

#[test]
fn html_saved_as_xls_is_unchecked() {
    let html = b"<html><body><table><tr><td>1</td></tr></table></body></html>";
    assert_eq!(check_named("report.xls", html).health, Health::Unchecked);
    assert_eq!(check_named("report.xlsx", html).health, Health::Damaged);
}

#[test]
fn unknown_binary_is_unchecked_unless_named_as_a_workbook() {
    let blob = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D];
    assert_eq!(check_named("photo.png", &blob).health, Health::Unchecked);
    assert_eq!(check_named("photo.xls", &blob).health, Health::Damaged);
}

#[test]
fn zip_detected_from_bytes_not_extension() {
    let check = check_named("really-a-workbook.csv", &xlsx(CompressionMethod::Deflated));
    assert_eq!(check.format, Format::Zip);
    assert_eq!(check.health, Health::Healthy);
    let missing = check_file(Path::new("/nonexistent/sheetsafe/health.xlsx"));
    assert!(missing.is_err());
}

// ---------------------------------------------------------------------------------------------
// The XML checker

fn xml_verdict(bytes: &[u8]) -> Result<XmlOk, String> {
    xml::check_well_formed(bytes, |_| {}).map_err(|e| match e {
        XmlError::Io(e) => format!("io: {e}"),
        XmlError::Malformed(reason) => reason,
    })
}

#[test]
fn xml_checker_accepts_well_formed_documents() {
    assert_eq!(xml_verdict(b""), Ok(XmlOk::Empty));
    assert_eq!(xml_verdict(b"<a/>"), Ok(XmlOk::WellFormed));
    assert_eq!(
        xml_verdict(b"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- c --><a x=\"&lt;&#x1D74A;\">t&amp;<![CDATA[<]]></a>\n"),
        Ok(XmlOk::WellFormed)
    );
    assert_eq!(
        xml_verdict(b"<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>"),
        Ok(XmlOk::WellFormed)
    );
}

#[test]
fn xml_checker_reads_utf16_parts() {
    let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><ds:datastoreItem xmlns:ds=\"urn:x\" a=\"\u{1F363}\"/>";
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(xml_verdict(&le), Ok(XmlOk::WellFormed));
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    assert_eq!(xml_verdict(&be), Ok(XmlOk::WellFormed));
    be.truncate(be.len() - 1);
    assert!(xml_verdict(&be).is_err());
}

#[test]
fn xml_checker_rejects_malformed_documents() {
    for bad in [
        &b"   "[..],
        b"<a>",
        b"<a></b>",
        b"<a/><b/>",
        b"<a/>text",
        b"<a x=\"1\" x=\"2\"/>",
        b"<a x=1/>",
        b"<a>&nbsp;</a>",
        b"<a>&#0;</a>",
        b"<a x=\"&bogus;\"/>",
        b"<a x=\"<\"/>",
        b"<a>\xFF\xFE</a>",
        b"<a><!-- -- --></a>",
        b"</a>",
        b"<a",
        // What a conforming parser (and so Excel) also refuses.
        b"<a b?=\"1\"/>",
        b"<a b=\"1\"c=\"2\"/>",
        b"<a b/>",
        b"<1a/>",
        b"< a/>",
        b"<a></ a>",
        b"<a><?></a>",
        b"<a><!-- x ---></a>",
        b"<a>&am p;</a>",
        b"<a><![CDATA[x]></a>",
        b"<a><!ELEMENT a ANY></a>",
    ] {
        assert!(xml_verdict(bad).is_err(), "accepted {:?}", String::from_utf8_lossy(bad));
    }
}

/// Hands out one byte per read, to show the verdict does not depend on buffer boundaries.
struct Trickle<'a>(&'a [u8]);

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match (self.0.split_first(), buf.first_mut()) {
            (Some((&byte, rest)), Some(slot)) => {
                *slot = byte;
                self.0 = rest;
                Ok(1)
            }
            _ => Ok(0),
        }
    }
}

#[test]
fn xml_verdict_does_not_depend_on_read_sizes() {
    let documents: [&[u8]; 4] = [
        b"\xEF\xBB\xBF<?xml version=\"1.0\"?><a b=\"&amp;\"><!-- x --><c/>t&#65;</a>",
        b"\xFF\xFE<\0a\0/\0>\0",
        b"<a><b></a>",
        b"<a/>\xEF\xBB\xBF",
    ];
    for document in documents {
        let whole = xml_verdict(document);
        let trickled = xml::check_well_formed(Trickle(document), |_| {}).map_err(|e| match e {
            XmlError::Io(e) => format!("io: {e}"),
            XmlError::Malformed(reason) => reason,
        });
        assert_eq!(
            whole.is_ok(),
            trickled.is_ok(),
            "{document:?}: {whole:?} vs {trickled:?}"
        );
    }
    assert!(xml_verdict(documents[0]).is_ok());
    assert!(xml_verdict(documents[1]).is_ok());
}

#[test]
fn xml_checker_accepts_what_conforming_parsers_accept() {
    for good in [
        &b"<a b = '1' c=\"x>y\" d=\"it's\"/>"[..],
        b"<a></a >",
        b"<a><!-- - --><!----><?pi data?></a><!-- after -->\n",
        b"<x:a xmlns:x=\"urn:x\" x:b=\"&#65;&#x42;&quot;\"><x:c/></x:a>",
        "<\u{e9}l\u{e8}ve nom=\"\u{17c}\u{f3}\u{142}w\"/>".as_bytes(),
    ] {
        assert_eq!(
            xml_verdict(good),
            Ok(XmlOk::WellFormed),
            "{:?}",
            String::from_utf8_lossy(good)
        );
    }
}

#[test]
fn xml_constructs_longer_than_the_buffer_are_read_whole() {
    let value = "v".repeat(700_000);
    let text = "t".repeat(1_500_000);
    let document = format!("<a b=\"{value}\"><!--{value}--><c>{text}</c><![CDATA[{value}]]></a>");
    assert_eq!(xml_verdict(document.as_bytes()), Ok(XmlOk::WellFormed));
    let cut = &document.as_bytes()[..400_000];
    assert!(xml_verdict(cut).is_err());
}

/// A sheet big enough to be decompressed on one thread and parsed on another.
fn big_sheet(rows: usize) -> String {
    let mut xml = String::from(r#"<?xml version="1.0"?><worksheet xmlns="urn:x"><sheetData>"#);
    for r in 1..=rows {
        write!(
            xml,
            r#"<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}" t="s"><v>7</v></c></row>"#
        )
        .expect("write to String");
    }
    xml.push_str("</sheetData></worksheet>");
    assert!(xml.len() > 2 << 20, "large enough to be parsed on a second thread");
    xml
}

fn xlsx_with_sheet(sheet: &str, method: CompressionMethod) -> Vec<u8> {
    let workbook = workbook_xml();
    zip_of(
        &[
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
            ("_rels/.rels", PACKAGE_RELS.as_bytes()),
            ("xl/workbook.xml", workbook.as_bytes()),
            ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ],
        method,
    )
}

#[test]
fn large_parts_get_the_same_verdicts_when_parsed_on_a_second_thread() {
    let sheet = big_sheet(40_000);
    for method in [CompressionMethod::Stored, CompressionMethod::Deflated] {
        let check = check_bytes(xlsx_with_sheet(&sheet, method));
        assert_eq!(check.health, Health::Healthy, "{check:?}");

        // Malformed only at the very end.
        let check = check_bytes(xlsx_with_sheet(&format!("{sheet}<extra/>"), method));
        assert_eq!(check.health, Health::Damaged, "{check:?}");
        assert!(check.detail.contains("`xl/worksheets/sheet1.xml`"), "{}", check.detail);
        assert!(check.detail.contains("well-formed"), "{}", check.detail);
    }
    // A changed digit near the end keeps the XML well-formed: only the CRC-32 can tell.
    let mut zip = xlsx_with_sheet(&sheet, CompressionMethod::Stored);
    let start = member_data_offset(&zip, "xl/worksheets/sheet1.xml");
    let end = start + sheet.len();
    let at = start + zip[start..end].windows(4).rposition(|w| w == b"<v>7").expect("a value") + 3;
    zip[at] = b'8';
    let check = check_bytes(zip);
    assert_eq!(check.health, Health::Damaged, "{check:?}");
    assert!(check.detail.contains("checksum"), "{}", check.detail);
    // Damaged compressed data in the middle.
    let mut zip = xlsx_with_sheet(&sheet, CompressionMethod::Deflated);
    let start = member_data_offset(&zip, "xl/worksheets/sheet1.xml");
    zip[start + 5_000] ^= 0x55;
    let check = check_bytes(zip);
    assert_eq!(check.health, Health::Damaged, "{check:?}");
    assert!(check.detail.contains("`xl/worksheets/sheet1.xml`"), "{}", check.detail);
}

/// A panic inside a check is a bug in the checker, not a verdict on the workbook: it must come
/// out as `CheckFailed` (amber), never `Damaged` (red).
#[test]
fn a_panic_in_a_check_is_check_failed_not_damaged() {
    let check = super::guarded(Format::Zip, || panic!("index out of bounds in a parser")).expect("no I/O error");
    assert_eq!(check.health, Health::CheckFailed);
    assert!(!check.health.is_damaged());
    assert!(!check.health.counts_as_healthy());
    assert!(check.detail.contains("could not check"), "{}", check.detail);
}

/// A value a newer Sheetsafe writes is read as `Unknown`, never as a parse failure or damage.
#[test]
fn an_unknown_health_value_reads_as_unknown() {
    #[derive(serde::Deserialize)]
    struct Entry {
        health: Health,
    }
    let entry: Entry = toml::from_str("health = \"quantum-sealed\"").expect("parses");
    assert_eq!(entry.health, Health::Unknown);
    assert!(!entry.health.is_damaged());
}
