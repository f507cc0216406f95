//! Streaming XML well-formedness check for the XML parts of zip packages.
//!
//! quick-xml is a pull parser that tolerates several things a conforming XML parser rejects,
//! and Excel's and LibreOffice's parsers are conforming. So on top of its own checks (matching
//! end tags, duplicate attributes, unclosed markup) this module also rejects: no root element or
//! more than one, elements still open at the end, text outside the root element, undefined
//! entity references, invalid character references and bytes that are not UTF-8.
//!
//! Parts that start with a UTF-16 byte-order mark (Office writes some `customXml` parts that
//! way) are transcoded to UTF-8 on the fly, because quick-xml is built without its `encoding`
//! feature here.

use std::io::{self, BufRead, BufReader, Read};

use quick_xml::Reader;
use quick_xml::encoding::Decoder;
use quick_xml::events::{BytesRef, BytesStart, Event};

/// Why a part failed the XML check.
#[derive(Debug)]
pub(super) enum XmlError {
    /// The bytes could not be read (in a zip entry this includes a CRC-32 mismatch).
    Io(io::Error),
    /// The bytes were read but are not well-formed XML; the text is a technical reason.
    Malformed(String),
}

/// The outcome of a successful check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum XmlOk {
    /// The part had no bytes at all (tolerated for optional parts: LibreOffice writes an empty
    /// `Configurations2/accelerator/current.xml`).
    Empty,
    /// The part is a well-formed XML document.
    WellFormed,
}

/// The five entities XML predefines; any other named reference needs a DTD declaring it.
const PREDEFINED_ENTITIES: [&str; 5] = ["lt", "gt", "amp", "apos", "quot"];

/// Parses `input` to its end, calling `on_element` with every start or empty-element tag (after
/// its attributes have been checked), and reports whether it is well-formed XML.
///
/// The input is always read to its end when the XML is well-formed, so a zip entry's CRC-32 is
/// verified as part of the check.
pub(super) fn check_well_formed<R: Read>(
    input: R,
    mut on_element: impl FnMut(&BytesStart<'_>, Decoder),
) -> Result<XmlOk, XmlError> {
    let mut input = input;
    // The first bytes decide the encoding. They are read here rather than left to quick-xml,
    // whose byte-order-mark handling depends on where its buffer happens to be split.
    let mut head = [0u8; 3];
    let head_len = super::read_up_to(&mut input, &mut head).map_err(XmlError::Io)?;
    let head = &head[..head_len];
    if head.is_empty() {
        return Ok(XmlOk::Empty);
    }
    if let Some(rest) = head.strip_prefix(&[0xFF, 0xFE]) {
        let utf8 = Utf16ToUtf8::new(rest.chain(input), Endian::Little);
        parse(BufReader::with_capacity(64 * 1024, utf8), &mut on_element)
    } else if let Some(rest) = head.strip_prefix(&[0xFE, 0xFF]) {
        let utf8 = Utf16ToUtf8::new(rest.chain(input), Endian::Big);
        parse(BufReader::with_capacity(64 * 1024, utf8), &mut on_element)
    } else {
        let rest = head.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(head);
        parse(BufReader::with_capacity(64 * 1024, rest.chain(input)), &mut on_element)
    }
}

fn parse<R: BufRead>(input: R, on_element: &mut impl FnMut(&BytesStart<'_>, Decoder)) -> Result<XmlOk, XmlError> {
    let mut reader = Reader::from_reader(input);
    let config = reader.config_mut();
    config.check_end_names = true;
    config.check_comments = true;
    config.allow_unmatched_ends = false;
    config.allow_dangling_amp = false;
    config.expand_empty_elements = false;

    let mut buf = Vec::with_capacity(8 * 1024);
    let mut depth: usize = 0;
    let mut roots: usize = 0;
    // A DTD may declare further entities; parts with one are rare (OOXML forbids them), so
    // after one any named reference is accepted rather than resolving the DTD.
    let mut has_dtd = false;

    loop {
        buf.clear();
        let event = reader.read_event_into(&mut buf).map_err(|e| match e {
            quick_xml::Error::Io(io) => XmlError::Io(io::Error::new(io.kind(), io.to_string())),
            other => XmlError::Malformed(other.to_string()),
        })?;
        let decoder = reader.decoder();
        match event {
            Event::Start(start) | Event::Empty(start) if depth == 0 && roots > 0 => {
                return Err(malformed(format!(
                    "a second root element <{}>",
                    String::from_utf8_lossy(start.name().as_ref())
                )));
            }
            Event::Start(start) => {
                check_tag(&start, decoder, has_dtd)?;
                on_element(&start, decoder);
                if depth == 0 {
                    roots += 1;
                }
                depth += 1;
            }
            Event::Empty(start) => {
                check_tag(&start, decoder, has_dtd)?;
                on_element(&start, decoder);
                if depth == 0 {
                    roots += 1;
                }
            }
            Event::End(_) => {
                // quick-xml has already matched the name against the open element.
                depth = depth.saturating_sub(1);
            }
            Event::Text(text) => {
                check_utf8(&text)?;
                if depth == 0 && !text.iter().all(u8::is_ascii_whitespace) {
                    return Err(malformed("text outside the root element".to_owned()));
                }
            }
            Event::CData(data) => {
                check_utf8(&data)?;
                if depth == 0 {
                    return Err(malformed("character data outside the root element".to_owned()));
                }
            }
            Event::GeneralRef(reference) => {
                if depth == 0 {
                    return Err(malformed("entity reference outside the root element".to_owned()));
                }
                check_reference(&reference, has_dtd)?;
            }
            Event::DocType(doctype) => {
                check_utf8(&doctype)?;
                has_dtd = true;
            }
            Event::Comment(comment) => check_utf8(&comment)?,
            Event::PI(pi) => check_utf8(&pi)?,
            Event::Decl(decl) => check_utf8(&decl)?,
            Event::Eof => break,
        }
    }
    if depth > 0 {
        return Err(malformed(format!("{depth} element(s) not closed at the end")));
    }
    if roots == 0 {
        return Err(malformed("no root element".to_owned()));
    }
    Ok(XmlOk::WellFormed)
}

fn malformed(reason: String) -> XmlError {
    XmlError::Malformed(reason)
}

fn check_utf8(bytes: &[u8]) -> Result<(), XmlError> {
    std::str::from_utf8(bytes)
        .map(|_| ())
        .map_err(|e| malformed(format!("bytes that are not UTF-8: {e}")))
}

/// Checks a start tag's name and attributes: UTF-8, no duplicates, valid quoting and escapes,
/// no `<` in a value.
fn check_tag(start: &BytesStart<'_>, decoder: Decoder, has_dtd: bool) -> Result<(), XmlError> {
    // The whole tag is checked for UTF-8 once, so attribute values need decoding only when
    // they hold a reference to resolve: most of a large sheet's attributes are plain.
    check_utf8(start)?;
    for attribute in start.attributes() {
        let attribute = attribute.map_err(|e| malformed(e.to_string()))?;
        if attribute.value.contains(&b'<') {
            return Err(malformed("a `<` inside an attribute value".to_owned()));
        }
        if !attribute.value.contains(&b'&') {
            continue;
        }
        let value = if has_dtd {
            attribute.decode_and_unescape_value_with(decoder, |_| Some(""))
        } else {
            attribute.decode_and_unescape_value(decoder)
        };
        value.map_err(|e| malformed(e.to_string()))?;
    }
    Ok(())
}

/// Checks an `&...;` reference in text: a predefined entity or a legal character.
fn check_reference(reference: &BytesRef<'_>, has_dtd: bool) -> Result<(), XmlError> {
    let name = reference.decode().map_err(|e| malformed(e.to_string()))?;
    if reference.is_char_ref() {
        return match reference.resolve_char_ref() {
            Ok(Some(c)) if is_xml_char(c) => Ok(()),
            _ => Err(malformed(format!("invalid character reference &{name};"))),
        };
    }
    if has_dtd || PREDEFINED_ENTITIES.contains(&name.as_ref()) {
        Ok(())
    } else {
        Err(malformed(format!("undefined entity &{name};")))
    }
}

/// The XML 1.0 `Char` production: what a character reference may produce.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}') || c >= '\u{10000}'
}

#[derive(Debug, Clone, Copy)]
enum Endian {
    Little,
    Big,
}

/// Transcodes a UTF-16 stream (after its byte-order mark) to UTF-8, a little at a time.
/// Unpaired surrogates become an `InvalidData` error, reported as malformed XML by the caller.
struct Utf16ToUtf8<R> {
    inner: R,
    endian: Endian,
    /// Bytes read from `inner` but not yet decoded (at most one code unit's worth plus a
    /// pending high surrogate).
    pending: Vec<u8>,
    /// UTF-8 produced but not yet handed out.
    out: Vec<u8>,
    out_pos: usize,
    finished: bool,
}

impl<R: Read> Utf16ToUtf8<R> {
    fn new(inner: R, endian: Endian) -> Self {
        Self {
            inner,
            endian,
            pending: Vec::new(),
            out: Vec::new(),
            out_pos: 0,
            finished: false,
        }
    }

    fn refill(&mut self) -> io::Result<()> {
        let mut chunk = [0u8; 8 * 1024];
        let n = loop {
            match self.inner.read(&mut chunk) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        };
        self.out.clear();
        self.out_pos = 0;
        if n == 0 {
            self.finished = true;
            if !self.pending.is_empty() {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "UTF-16 text ends in the middle of a character",
                ));
            }
            return Ok(());
        }
        self.pending.extend_from_slice(&chunk[..n]);
        let usable = self.pending.len() & !1;
        let units = self.pending[..usable].chunks_exact(2).map(|pair| match self.endian {
            Endian::Little => u16::from_le_bytes([pair[0], pair[1]]),
            Endian::Big => u16::from_be_bytes([pair[0], pair[1]]),
        });
        let mut consumed = 0;
        let mut decoded = char::decode_utf16(units).peekable();
        while let Some(result) = decoded.next() {
            match result {
                Ok(c) => {
                    consumed += 2 * c.len_utf16();
                    let mut utf8 = [0u8; 4];
                    self.out.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
                }
                // A high surrogate at the very end of this chunk may be completed by the next.
                Err(e) if decoded.peek().is_none() && (0xD800..0xDC00).contains(&e.unpaired_surrogate()) => {
                    break;
                }
                Err(e) => return Err(io::Error::new(io::ErrorKind::InvalidData, e)),
            }
        }
        self.pending.drain(..consumed);
        Ok(())
    }
}

impl<R: Read> Read for Utf16ToUtf8<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.out_pos == self.out.len() {
            if self.finished {
                return Ok(0);
            }
            self.refill()?;
        }
        let n = buf.len().min(self.out.len() - self.out_pos);
        buf[..n].copy_from_slice(&self.out[self.out_pos..self.out_pos + n]);
        self.out_pos += n;
        Ok(n)
    }
}
