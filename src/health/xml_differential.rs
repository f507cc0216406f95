//! The XML scanner proven the way parsers are proven: a differential test against a reference
//! parser (`roxmltree`, which checks well-formedness fully, namespaces included) over generated
//! documents.
//!
//! The generator writes the XML that spreadsheets hold (shared strings and sheets in Vietnamese,
//! Polish, Hebrew, CJK and emoji; attributes; character and entity references; CDATA; comments;
//! processing instructions; a DTD with an entity now and then; UTF-8 with and without a BOM,
//! UTF-16 in both byte orders) and, for about half of the documents, plants exactly one defect
//! that the XML specification forbids (a mismatched or missing end tag, a raw `&` or `<`, an
//! undefined entity, a duplicate attribute, `--` in a comment, `]]>` in text, a control byte,
//! a byte that is not UTF-8, a second root, a misplaced XML declaration, a cut-off end...).
//!
//! Every document is then scanned with every buffer size from 1 to 48 bytes, a few larger ones
//! and the real one, through readers that return 1 byte, odd sizes or everything at once, and
//! through the real zip reader; each verdict (well-formed or not) must equal the reference's.
//! A failure prints the seed, which regenerates the document.

// Generator code reads best as `push_str(&format!(..))`; speed does not matter here.
#![allow(clippy::format_push_string)]

use std::io::{self, Cursor, Read, Write};

use super::xml::{self, CHUNK};

/// SplitMix64: small, fast, and the same sequence everywhere for a seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap_or(0)
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Text the workbooks of this product's users hold.
const TEXTS: [&str; 9] = [
    "Cửa hàng bán lẻ Nguyễn Thị Lan — hóa đơn số 0042, thành tiền 1.250.000 ₫",
    "Sổ quỹ tiền mặt tháng mười một: Trần Văn Hùng, Phạm Thị Hương, Lê Đức Anh",
    "Zażółć gęślą jaźń; Łódź, Kraków, Gdańsk — faktura VAT nr 17/2026",
    "Stan magazynu: śruby M8 ×1200, podkładki Ø10, klucz płaski 13 mm",
    "חישוב נקודות זיכוי למס הכנסה",
    "売上台帳 销售记录 매출 장부 ー 第３四半期",
    "🛒 📦 💰 🇻🇳 🇵🇱 👩‍👩‍👧 mixed with 𝐁𝐨𝐥𝐝 and 𝔊𝔬𝔱𝔥𝔦𝔠",
    "Plain ASCII: totals > 0, ratio 3:4, [a]] and ] brackets, 'quotes' and tabs\t",
    "Line one\r\nline two\nline three",
];

/// Element names: Office's own, and non-ASCII ones (every character is a legal XML name
/// character).
const NAMES: [&str; 10] = [
    "si",
    "t",
    "row",
    "c",
    "v",
    "hàng",
    "żółw",
    "שם",
    "名前",
    "x14ac:dyDescent",
];

const ATTRIBUTES: [&str; 6] = ["r", "s", "t", "ghiChú", "opis", "r:id"];

/// One defect the XML specification forbids, planted once in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Defect {
    None,
    MismatchedEndTag,
    MissingEndTag,
    RawAmpersand,
    RawLessThan,
    UndefinedEntity,
    InvalidCharReference,
    DuplicateAttribute,
    UnquotedAttribute,
    LessThanInAttribute,
    DashesInComment,
    CdataEndInText,
    ControlByte,
    NotUtf8,
    SecondRoot,
    TextAfterRoot,
    LateDeclaration,
    CutShort,
    /// A reference to a surrogate code point: roxmltree 0.20 accepts it, the specification
    /// does not (the `Char` production excludes U+D800–U+DFFF).
    SurrogateReference,
}

impl Defect {
    /// Where the reference parser is more lenient than the XML specification, the
    /// specification decides (and the scanner must call the document malformed).
    fn reference_is_lenient(self) -> bool {
        // roxmltree 0.20 takes `<?xml ...?>` after other content as a processing instruction,
        // although `xml` is a reserved target name.
        matches!(self, Self::SurrogateReference | Self::LateDeclaration)
    }
}

const DEFECTS: [Defect; 18] = [
    Defect::SurrogateReference,
    Defect::MismatchedEndTag,
    Defect::MissingEndTag,
    Defect::RawAmpersand,
    Defect::RawLessThan,
    Defect::UndefinedEntity,
    Defect::InvalidCharReference,
    Defect::DuplicateAttribute,
    Defect::UnquotedAttribute,
    Defect::LessThanInAttribute,
    Defect::DashesInComment,
    Defect::CdataEndInText,
    Defect::ControlByte,
    Defect::NotUtf8,
    Defect::SecondRoot,
    Defect::TextAfterRoot,
    Defect::LateDeclaration,
    Defect::CutShort,
];

/// How a generated document is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
}

struct Generator {
    rng: Rng,
    out: String,
    defect: Defect,
    /// Whether the defect has been planted (the element-level ones go at a random element).
    planted: bool,
    has_entity: bool,
    /// Elements written so far, to plant element-level defects at a random one.
    elements: usize,
    target_element: usize,
    /// Roughly how many bytes of content to write.
    budget: usize,
}

impl Generator {
    fn text(&mut self, max_chars: usize) -> String {
        let source = *self.rng.pick(&TEXTS);
        let chars: Vec<char> = source.chars().collect();
        let start = self.rng.below(chars.len());
        let len = 1 + self.rng.below(max_chars.min(chars.len() - start));
        chars[start..start + len].iter().collect()
    }

    /// Escapes text for content or a double-quoted attribute value.
    fn escaped(text: &str, in_attribute: bool) -> String {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            match c {
                '<' => out.push_str("&lt;"),
                '&' => out.push_str("&amp;"),
                '"' if in_attribute => out.push_str("&quot;"),
                // In attributes, line ends and tabs are kept as references so the reference
                // parser's normalisation cannot differ; `>` after `]]` must be escaped in text.
                '\r' if in_attribute => out.push_str("&#13;"),
                '\n' if in_attribute => out.push_str("&#10;"),
                '\t' if in_attribute => out.push_str("&#9;"),
                '>' => out.push_str("&gt;"),
                c => out.push(c),
            }
        }
        out
    }

    fn attributes(&mut self) -> String {
        let count = self.rng.below(3);
        let mut used: Vec<&str> = Vec::new();
        let mut out = String::new();
        for _ in 0..count {
            let name = *self.rng.pick(&ATTRIBUTES);
            if used.contains(&name) {
                continue;
            }
            used.push(name);
            let value = Self::escaped(&self.text(12), true);
            let space = *self.rng.pick(&[" ", "  ", "\n ", "\t"]);
            if self.rng.chance(20) {
                out.push_str(&format!("{space}{name}='{}'", value.replace('\'', "&apos;")));
            } else {
                out.push_str(&format!("{space}{name}=\"{value}\""));
            }
        }
        out
    }

    fn plant_here(&mut self, defect: Defect) -> bool {
        if self.defect == defect && !self.planted && self.elements >= self.target_element {
            self.planted = true;
            true
        } else {
            false
        }
    }

    fn content(&mut self, depth: usize) {
        let items = 1 + self.rng.below(4);
        for _ in 0..items {
            if self.out.len() > self.budget {
                return;
            }
            match self.rng.below(10) {
                0..=2 if depth < 12 => self.element(depth + 1),
                3 => {
                    let reference = *self.rng.pick(&[
                        "&lt;",
                        "&gt;",
                        "&amp;",
                        "&apos;",
                        "&quot;",
                        "&#233;",
                        "&#x1EA1;",
                        "&#x1F600;",
                        "&#10;",
                    ]);
                    self.out.push_str(reference);
                    if self.has_entity && self.rng.chance(50) {
                        self.out.push_str("&shop;");
                    }
                }
                4 => {
                    let body = self.text(20).replace("]]>", "]] >");
                    self.out.push_str(&format!("<![CDATA[{body}<b>&x;]]>"));
                }
                5 => {
                    let body = self.text(20).replace('-', "–");
                    self.out.push_str(&format!("<!-- {body} -->"));
                }
                6 => self.out.push_str("<?mso-application progid=\"Excel.Sheet\"?>"),
                _ => {
                    let text = Self::escaped(&self.text(40), false);
                    self.out.push_str(&text);
                }
            }
            if self.plant_here(Defect::RawAmpersand) {
                self.out.push_str(" & ");
            }
            if self.plant_here(Defect::RawLessThan) {
                self.out.push_str(" < 5");
            }
            if self.plant_here(Defect::UndefinedEntity) {
                self.out.push_str("&nbsp;");
            }
            if self.plant_here(Defect::InvalidCharReference) {
                // Not `&#x110000;`: roxmltree 0.20 accepts references beyond U+10FFFF, which
                // the specification forbids; `references_beyond_unicode_are_malformed` covers it.
                let reference = *self.rng.pick(&["&#0;", "&#xFFFE;", "&#X41;", "&#;", "&#x;", "&#x1;"]);
                self.out.push_str(reference);
            }
            if self.plant_here(Defect::SurrogateReference) {
                let reference = *self.rng.pick(&["&#xD800;", "&#xDFFF;", "&#55296;"]);
                self.out.push_str(reference);
            }
            if self.plant_here(Defect::DashesInComment) {
                self.out.push_str("<!-- a -- b -->");
            }
            if self.plant_here(Defect::CdataEndInText) {
                self.out.push_str("tổng ]]> cộng");
            }
            if self.plant_here(Defect::ControlByte) {
                self.out.push('\u{1}');
            }
        }
    }

    fn element(&mut self, depth: usize) {
        self.elements += 1;
        let name = *self.rng.pick(&NAMES);
        let mut attributes = self.attributes();
        if self.plant_here(Defect::DuplicateAttribute) {
            attributes.push_str(" s=\"1\" s=\"2\"");
        }
        if self.plant_here(Defect::UnquotedAttribute) {
            attributes.push_str(" s=1");
        }
        if self.plant_here(Defect::LessThanInAttribute) {
            attributes.push_str(" s=\"a<b\"");
        }
        let end_tag_defect_due = matches!(self.defect, Defect::MissingEndTag | Defect::MismatchedEndTag)
            && !self.planted
            && self.elements >= self.target_element;
        if self.rng.chance(25) && !end_tag_defect_due {
            self.out.push_str(&format!("<{name}{attributes}/>"));
            return;
        }
        self.out.push_str(&format!("<{name}{attributes}>"));
        self.content(depth);
        if self.plant_here(Defect::MissingEndTag) {
            return;
        }
        if self.plant_here(Defect::MismatchedEndTag) {
            self.out.push_str(&format!("</{name}x>"));
            return;
        }
        let space = if self.rng.chance(10) { " " } else { "" };
        self.out.push_str(&format!("</{name}{space}>"));
    }

    fn document(seed: u64, size: usize) -> (Vec<u8>, Defect, Encoding) {
        let mut rng = Rng(seed);
        let defect = if rng.chance(50) {
            Defect::None
        } else {
            *rng.pick(&DEFECTS)
        };
        let encoding = *rng.pick(&[
            Encoding::Utf8,
            Encoding::Utf8,
            Encoding::Utf8,
            Encoding::Utf8Bom,
            Encoding::Utf16Le,
            Encoding::Utf16Be,
        ]);
        let budget = 1 + rng.below(size);
        let mut g = Self {
            rng,
            out: String::new(),
            defect,
            planted: false,
            has_entity: false,
            elements: 0,
            target_element: 0,
            budget,
        };
        g.target_element = g.rng.below(4);
        if g.rng.chance(70) {
            let encoding_name = if matches!(encoding, Encoding::Utf16Le | Encoding::Utf16Be) {
                "UTF-16"
            } else {
                "UTF-8"
            };
            g.out.push_str(&format!(
                "<?xml version=\"1.0\" encoding=\"{encoding_name}\" standalone=\"yes\"?>\r\n"
            ));
        }
        if g.rng.chance(15) {
            g.out.push_str("<!-- Cửa hàng -->\n");
        }
        if g.rng.chance(10) {
            g.has_entity = true;
            g.out
                .push_str("<!DOCTYPE sst [\n  <!ENTITY shop \"Cửa hàng Lan\">\n]>\n");
        }
        if g.defect == Defect::LateDeclaration {
            g.out.push_str("<!-- sổ -->\n<?xml version=\"1.0\"?>");
            g.planted = true;
        }
        g.out.push_str(
            "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
             xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" \
             xmlns:x14ac=\"http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac\">",
        );
        while g.out.len() < g.budget {
            g.content(0);
        }
        // A defect chosen for an element that never came is planted at the end of the root.
        g.target_element = 0;
        g.content(0);
        g.element(0);
        g.out.push_str("</sst>");
        if g.defect == Defect::SecondRoot {
            g.out.push_str("<sst/>");
            g.planted = true;
        }
        if g.defect == Defect::TextAfterRoot {
            g.out.push_str("\nthêm");
            g.planted = true;
        }
        if g.rng.chance(30) {
            g.out.push_str("\n<!-- end -->\n");
        }
        let bytes = encode(&g.out, encoding, defect, &mut g.rng);
        let planted = g.planted || matches!(defect, Defect::NotUtf8 | Defect::CutShort);
        (bytes, if planted { defect } else { Defect::None }, encoding)
    }
}

/// Encodes a generated document and plants the byte-level defects (not UTF-8, cut short).
fn encode(out: &str, encoding: Encoding, defect: Defect, rng: &mut Rng) -> Vec<u8> {
    let bom = match encoding {
        Encoding::Utf8 => 0,
        Encoding::Utf8Bom => 3,
        Encoding::Utf16Le | Encoding::Utf16Be => 2,
    };
    let encoded_len = |prefix: &str| match encoding {
        Encoding::Utf8 | Encoding::Utf8Bom => bom + prefix.len(),
        Encoding::Utf16Le | Encoding::Utf16Be => bom + 2 * prefix.encode_utf16().count(),
    };
    let mut bytes = match encoding {
        Encoding::Utf8 => out.as_bytes().to_vec(),
        Encoding::Utf8Bom => [&[0xEF, 0xBB, 0xBF][..], out.as_bytes()].concat(),
        Encoding::Utf16Le => [0xFF, 0xFE]
            .into_iter()
            .chain(out.encode_utf16().flat_map(u16::to_le_bytes))
            .collect(),
        Encoding::Utf16Be => [0xFE, 0xFF]
            .into_iter()
            .chain(out.encode_utf16().flat_map(u16::to_be_bytes))
            .collect(),
    };
    match defect {
        Defect::NotUtf8 if matches!(encoding, Encoding::Utf8 | Encoding::Utf8Bom) => {
            let at = bytes.len() / 2 + rng.below(bytes.len() / 2);
            bytes.insert(at, *rng.pick(&[0xFF, 0xC0, 0x80]));
        }
        // A lone low surrogate is UTF-16's way of not being text.
        Defect::NotUtf8 => {
            let at = bom + (((bytes.len() - bom) / 2) & !1);
            let unit = if encoding == Encoding::Utf16Le {
                [0x00, 0xDC]
            } else {
                [0xDC, 0x00]
            };
            bytes.splice(at..at, unit);
        }
        // Anywhere before the `>` that closes the root element.
        Defect::CutShort => {
            let close = out.rfind("</sst>").unwrap_or(0) + "</sst".len();
            let end = encoded_len(&out[..close]);
            bytes.truncate(1 + rng.below(end));
        }
        _ => {}
    }
    bytes
}

/// The reference verdict: decode as the byte-order mark says, then parse with `roxmltree`.
fn reference_verdict(bytes: &[u8]) -> Result<(), String> {
    let text = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|p| u16::from_le_bytes([p[0], *p.get(1).unwrap_or(&0)]))
            .collect();
        if rest.len() % 2 != 0 {
            return Err("odd UTF-16 length".into());
        }
        String::from_utf16(&units).map_err(|e| e.to_string())?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|p| u16::from_be_bytes([p[0], *p.get(1).unwrap_or(&0)]))
            .collect();
        if rest.len() % 2 != 0 {
            return Err("odd UTF-16 length".into());
        }
        String::from_utf16(&units).map_err(|e| e.to_string())?
    } else {
        let rest = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
        std::str::from_utf8(rest).map_err(|e| e.to_string())?.to_owned()
    };
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(&text, options)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// The document as text for a failure report, whatever its encoding.
fn decode_lossy(bytes: &[u8]) -> String {
    let utf16 = |rest: &[u8], little: bool| {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|p| {
                if little {
                    u16::from_le_bytes([p[0], p[1]])
                } else {
                    u16::from_be_bytes([p[0], p[1]])
                }
            })
            .collect();
        String::from_utf16_lossy(&units)
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        utf16(rest, true)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        utf16(rest, false)
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

/// A reader that hands out at most `step` bytes per call (cycling through `steps`).
struct Trickle<'a> {
    data: &'a [u8],
    steps: &'a [usize],
    call: usize,
}

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let step = self.steps[self.call % self.steps.len()];
        self.call += 1;
        let n = step.min(buf.len()).min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

/// The scanner's verdict on `bytes` with a `chunk`-byte buffer, read `steps` bytes at a time.
fn scanner_verdict(bytes: &[u8], chunk: usize, steps: &[usize]) -> bool {
    let reader = Trickle {
        data: bytes,
        steps,
        call: 0,
    };
    xml::check_well_formed_in_chunks(reader, chunk, |_| {}).is_ok()
}

/// The same document stored in a deflated zip member and read back through the zip crate.
fn zip_verdict(bytes: &[u8]) -> bool {
    let mut buffer = Cursor::new(Vec::new());
    {
        let mut writer = zip::ZipWriter::new(&mut buffer);
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        writer
            .start_file("xl/sharedStrings.xml", options)
            .expect("start member");
        writer.write_all(bytes).expect("write member");
        writer.finish().expect("finish zip");
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(buffer.into_inner())).expect("read zip");
    let member = archive.by_index(0).expect("member");
    xml::check_well_formed(member, |_| {}).is_ok()
}

fn report(
    seed: u64,
    bytes: &[u8],
    defect: Defect,
    encoding: Encoding,
    how: &str,
    ours: bool,
    reference: &Result<(), String>,
) -> String {
    let preview: String = decode_lossy(bytes).chars().take(600).collect();
    format!(
        "seed {seed} ({} bytes, {encoding:?}, defect {defect:?}) via {how}: scanner says {}, reference says {reference:?}\n{preview}",
        bytes.len(),
        if ours { "well-formed" } else { "malformed" }
    )
}

/// Documents per run; `SHEETSAFE_XML_CASES` raises it for a longer hunt.
fn case_count() -> u64 {
    std::env::var("SHEETSAFE_XML_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000)
}

#[test]
fn scanner_agrees_with_the_reference_parser_at_every_buffer_boundary() {
    let reader_steps: [&[usize]; 4] = [&[usize::MAX], &[1], &[3, 7, 1, 250], &[4096]];
    let mut failures = Vec::new();
    let mut agreed = 0u64;
    let mut malformed = 0u64;
    let mut spec_decided = 0u64;
    let cases = case_count();
    for seed in 0..cases {
        let (bytes, defect, encoding) = Generator::document(seed, 3000);
        let reference = reference_verdict(&bytes);
        let expected = reference.is_ok() && !defect.reference_is_lenient();
        malformed += u64::from(!expected);
        spec_decided += u64::from(defect.reference_is_lenient());
        if defect != Defect::None && expected {
            failures.push(format!(
                "seed {seed}: the reference accepted a planted defect {defect:?}"
            ));
        }
        let mut configurations = Vec::new();
        for chunk in (1..=48).chain([61, 127, 1000, CHUNK]) {
            let steps = reader_steps[usize::try_from(seed).unwrap_or(0) % reader_steps.len()];
            configurations.push((format!("a {chunk}-byte buffer"), scanner_verdict(&bytes, chunk, steps)));
        }
        for steps in reader_steps {
            configurations.push((
                format!("reads of {steps:?} bytes"),
                scanner_verdict(&bytes, CHUNK, steps),
            ));
        }
        if seed % 10 == 0 {
            configurations.push(("the zip reader".to_owned(), zip_verdict(&bytes)));
        }
        let (agree, disagree): (Vec<_>, Vec<_>) = configurations.into_iter().partition(|(_, ours)| *ours == expected);
        agreed += agree.len() as u64;
        if let Some((how, ours)) = disagree.first() {
            let also = disagree.len() - 1;
            failures.push(format!(
                "{} (and {also} more configurations)",
                report(seed, &bytes, defect, encoding, how, *ours, &reference)
            ));
        }
        if failures.len() >= 8 {
            break;
        }
    }
    println!(
        "{cases} documents ({malformed} malformed; {spec_decided} decided by the specification where the reference is lenient), {agreed} scans agreed"
    );
    assert!(
        failures.is_empty(),
        "{} disagreement(s):\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// The reported failure: shared strings of a few hundred kilobytes to a few megabytes of
/// Vietnamese or Polish text, where the real 256 KiB buffer ends inside a multi-byte character.
#[test]
fn large_non_ascii_shared_strings_are_well_formed_at_the_real_buffer_size() {
    for (seed, target) in [(1u64, 300_000usize), (2, 700_000), (3, 1_100_000), (4, 2_600_000)] {
        let mut rng = Rng(seed);
        let mut doc = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">",
        );
        let mut i = 0;
        while doc.len() < target {
            let text = *rng.pick(&TEXTS[..6]);
            let text = Generator::escaped(text, false);
            doc.push_str(&format!("<si><t xml:space=\"preserve\">{text} {i}</t></si>"));
            i += 1;
        }
        doc.push_str("</sst>");
        assert_eq!(
            reference_verdict(doc.as_bytes()),
            Ok(()),
            "seed {seed}: the generator must write valid XML"
        );
        // Shift the document by 0..4 bytes so that the buffer edge falls on every byte of a
        // multi-byte character somewhere.
        for shift in 0..4 {
            let shifted = format!("{}{doc}", " ".repeat(shift)).replacen(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>",
                "",
                usize::from(shift > 0),
            );
            let verdict = xml::check_well_formed(shifted.as_bytes(), |_| {});
            assert!(
                verdict.is_ok(),
                "seed {seed}, shift {shift}, {} bytes: {verdict:?}",
                shifted.len()
            );
        }
    }
}

/// Where the reference parser is more lenient than the XML specification, the specification
/// decides: a character reference must name a character XML allows.
#[test]
fn references_beyond_unicode_are_malformed() {
    for reference in ["&#x110000;", "&#1114112;", "&#xFFFFFFFF;"] {
        let doc = format!("<t>a{reference}b</t>");
        assert!(xml::check_well_formed(doc.as_bytes(), |_| {}).is_err(), "{doc}");
    }
}
