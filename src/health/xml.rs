//! Streaming XML well-formedness check for the XML parts of zip packages.
//!
//! Excel's and LibreOffice's parsers are conforming, so a part they would refuse must be found
//! here. The check is a purpose-built scanner rather than a general parser: it builds no events
//! or strings, only follows the structure, because the sheets of a large workbook hold hundreds
//! of megabytes of XML and the check runs on every backup. It rejects: bytes that are not UTF-8;
//! no root element or more than one; text, references or character data outside the root
//! element; end tags that do not match the open element (or match none); elements still open at
//! the end; malformed tags (empty names, attributes without a quoted value or without whitespace
//! before them, duplicate attributes, `<` in an attribute value); comments containing `--`;
//! unknown `<!` constructs; markup cut off by the end of the part; and references that are not
//! a predefined entity (`&lt;` `&gt;` `&amp;` `&apos;` `&quot;`) or a legal character, unless a
//! DTD may declare further entities.
//!
//! The input is read in chunks into a buffer that grows only when a single tag, comment or
//! similar construct is larger than it, so memory stays flat however large the part.
//!
//! Parts that start with a UTF-16 byte-order mark (Office writes some `customXml` parts that
//! way) are transcoded to UTF-8 on the fly.

use std::io::{self, Read};

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
const PREDEFINED_ENTITIES: [(&[u8], char); 5] = [
    (b"lt", '<'),
    (b"gt", '>'),
    (b"amp", '&'),
    (b"apos", '\''),
    (b"quot", '"'),
];

/// How much is read at a time; also the buffer's starting size.
pub(super) const CHUNK: usize = 256 * 1024;

/// A start tag (or empty-element tag) as the scanner saw it, handed to the caller's callback.
pub(super) struct Tag<'a> {
    raw: &'a [u8],
    name: (usize, usize),
    /// Name and value ranges of each attribute, in `raw`.
    attributes: &'a [Attribute],
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Attribute {
    name: (usize, usize),
    value: (usize, usize),
}

impl Tag<'_> {
    /// The element name without its namespace prefix.
    pub(super) fn local_name(&self) -> &[u8] {
        local(&self.raw[self.name.0..self.name.1])
    }

    /// The value of the first attribute whose local name is `name`, with references resolved.
    pub(super) fn attribute(&self, name: &[u8]) -> Option<String> {
        self.attributes
            .iter()
            .find(|a| local(&self.raw[a.name.0..a.name.1]) == name)
            .map(|a| unescape(&self.raw[a.value.0..a.value.1]))
    }
}

fn local(name: &[u8]) -> &[u8] {
    match name.iter().rposition(|&b| b == b':') {
        Some(colon) => &name[colon + 1..],
        None => name,
    }
}

/// Resolves the references in an attribute value that passed the check; an unknown entity
/// (possible only with a DTD) is dropped.
fn unescape(value: &[u8]) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.iter().position(|&b| b == b'&') {
        out.push_str(&String::from_utf8_lossy(&rest[..amp]));
        let after = &rest[amp + 1..];
        let Some(semi) = after.iter().position(|&b| b == b';') else {
            rest = after;
            continue;
        };
        let name = &after[..semi];
        if let Some(c) = char_reference(name) {
            out.push(c);
        } else if let Some((_, c)) = PREDEFINED_ENTITIES.iter().find(|(n, _)| *n == name) {
            out.push(*c);
        }
        rest = &after[semi + 1..];
    }
    out.push_str(&String::from_utf8_lossy(rest));
    out
}

/// The character of a character reference's body (`#65`, `#x41`), if it is one and legal.
fn char_reference(body: &[u8]) -> Option<char> {
    let digits = body.strip_prefix(b"#")?;
    let (digits, radix) = match digits.strip_prefix(b"x") {
        Some(hex) => (hex, 16),
        None => (digits, 10),
    };
    if digits.is_empty() || digits.len() > 8 {
        return None;
    }
    let text = std::str::from_utf8(digits).ok()?;
    if !text.bytes().all(|b| b.is_ascii_hexdigit()) || (radix == 10 && !text.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let c = char::from_u32(u32::from_str_radix(text, radix).ok()?)?;
    is_xml_char(c).then_some(c)
}

/// Parses `input` to its end, calling `on_element` with every start or empty-element tag (after
/// its attributes have been checked), and reports whether it is well-formed XML.
///
/// The input is always read to its end when the XML is well-formed, so a zip entry's CRC-32 is
/// verified as part of the check.
pub(super) fn check_well_formed<R: Read>(input: R, on_element: impl FnMut(&Tag<'_>)) -> Result<XmlOk, XmlError> {
    check_well_formed_in_chunks(input, CHUNK, on_element)
}

/// [`check_well_formed`] with the scanner's buffer starting at `chunk` bytes instead of
/// [`CHUNK`]: tests use tiny buffers so that every construct of a small document crosses a
/// buffer boundary at every offset.
pub(super) fn check_well_formed_in_chunks<R: Read>(
    input: R,
    chunk: usize,
    mut on_element: impl FnMut(&Tag<'_>),
) -> Result<XmlOk, XmlError> {
    let mut input = input;
    // The first bytes decide the encoding.
    let mut head = [0u8; 3];
    let head_len = super::read_up_to(&mut input, &mut head).map_err(XmlError::Io)?;
    let head = &head[..head_len];
    if head.is_empty() {
        return Ok(XmlOk::Empty);
    }
    if let Some(rest) = head.strip_prefix(&[0xFF, 0xFE]) {
        Scanner::with_chunk(Utf16ToUtf8::new(rest.chain(input), Endian::Little), chunk).run(&mut on_element)
    } else if let Some(rest) = head.strip_prefix(&[0xFE, 0xFF]) {
        Scanner::with_chunk(Utf16ToUtf8::new(rest.chain(input), Endian::Big), chunk).run(&mut on_element)
    } else {
        let rest = head.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(head);
        Scanner::with_chunk(rest.chain(input), chunk).run(&mut on_element)
    }
}

fn malformed(reason: impl Into<String>) -> XmlError {
    XmlError::Malformed(reason.into())
}

/// What parsing one construct at the front of the buffer found.
enum Step {
    /// It was complete and well-formed; this many bytes were consumed.
    Done(usize),
    /// It runs past the end of the buffer: read more and try again.
    More,
}

use Step::{Done, More};

/// Byte classes, looked up in [`CLASS`]: the scanner's inner loops test one table entry per byte.
const SPACE: u8 = 1;
/// May appear in a name (XML's rules, simplified for ASCII; every non-ASCII byte of valid UTF-8
/// is accepted).
const NAME: u8 = 2;
/// May start a name.
const NAME_START: u8 = 4;
/// Ends text: `<`, `&` or a forbidden control byte.
const TEXT_END: u8 = 8;
/// Needs a look inside an attribute value: a quote, `<`, `&` or a forbidden control byte.
const VALUE_SPECIAL: u8 = 16;
/// A control byte XML forbids anywhere in a document (everything below 0x20 except tab, line
/// feed and carriage return). Excel writes such characters as `_x0001_`, never raw.
const FORBIDDEN: u8 = 32;
/// `>` in text: legal on its own, but `]]>` is not, so the scanner stops to look behind it.
const GT: u8 = 64;

const CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut c: u8 = 0;
    loop {
        let mut class = 0;
        if matches!(c, b' ' | b'\t' | b'\r' | b'\n') {
            class |= SPACE;
        }
        if c.is_ascii_alphabetic() || c == b'_' || c == b':' || c >= 0x80 {
            class |= NAME | NAME_START;
        }
        if c.is_ascii_digit() || c == b'-' || c == b'.' {
            class |= NAME;
        }
        if c == b'<' || c == b'&' {
            class |= TEXT_END | VALUE_SPECIAL;
        }
        if c == b'"' || c == b'\'' {
            class |= VALUE_SPECIAL;
        }
        if c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r') {
            class |= FORBIDDEN | TEXT_END | VALUE_SPECIAL;
        }
        if c == b'>' {
            class |= GT;
        }
        table[c as usize] = class;
        if c == u8::MAX {
            break;
        }
        c += 1;
    }
    table
};

fn is(b: u8, class: u8) -> bool {
    CLASS[b as usize] & class != 0
}

fn is_space(b: u8) -> bool {
    is(b, SPACE)
}

fn is_name_byte(b: u8) -> bool {
    is(b, NAME)
}

fn is_name_start(b: u8) -> bool {
    is(b, NAME_START)
}

/// Whether two names are equal. Names are short, so a plain loop beats a call to `memcmp`.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    let mut from = 0;
    while let Some(i) = haystack[from..].iter().position(|&b| b == first) {
        let at = from + i;
        if haystack[at..].starts_with(needle) {
            return Some(at);
        }
        if haystack.len() - at < needle.len() {
            return None;
        }
        from = at + 1;
    }
    None
}

struct Scanner<R> {
    input: R,
    buf: Vec<u8>,
    /// The first byte not yet consumed.
    start: usize,
    /// The end of the bytes read.
    end: usize,
    /// `buf[..checked]` is known to be valid UTF-8; `buf[checked..end]` is at most the first
    /// bytes of one character split by a read. Only `buf[start..checked]` is ever scanned, so a
    /// split character is never consumed in halves (and `start <= checked` always holds).
    checked: usize,
    eof: bool,
    /// A read that failed after some bytes had arrived, reported once those are scanned.
    failure: Option<io::Error>,
    doc: Document,
}

/// What the scanner knows about the document so far.
#[derive(Default)]
struct Document {
    /// The names of the open elements, one after another, and each one's length.
    open: Vec<u8>,
    open_lens: Vec<usize>,
    roots: usize,
    /// Which named references may be used: the predefined five, plus those a DTD declares.
    entities: Entities,
    /// A DOCTYPE has been read (a second one is an error).
    has_dtd: bool,
    /// Something has been consumed: an XML declaration is allowed only before that.
    started: bool,
    /// The attributes of the tag being read.
    attributes: Vec<Attribute>,
}

impl<R: Read> Scanner<R> {
    fn with_chunk(input: R, chunk: usize) -> Self {
        Self {
            input,
            buf: vec![0; chunk.max(1)],
            start: 0,
            end: 0,
            checked: 0,
            eof: false,
            failure: None,
            doc: Document::default(),
        }
    }

    /// Reads more input behind what is there, keeping the unconsumed bytes.
    fn fill(&mut self) -> Result<(), XmlError> {
        if let Some(e) = self.failure.take() {
            return Err(XmlError::Io(e));
        }
        if self.eof {
            return Err(malformed("the part ends in the middle of markup"));
        }
        if self.start > 0 {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.checked -= self.start;
            self.start = 0;
        }
        if self.end == self.buf.len() {
            // One construct fills the whole buffer.
            self.buf.resize(self.buf.len() * 2, 0);
        }
        // Read until the buffer is full, so that a construct longer than one read is scanned
        // again only when the buffer had to grow, however little each read returns.
        let before = self.end;
        while self.end < self.buf.len() {
            match self.input.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    break;
                }
                Ok(n) => self.end += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                // The bytes before the failure are scanned first, as a plain reader would.
                Err(e) if self.end > before => {
                    self.failure = Some(e);
                    break;
                }
                Err(e) => return Err(XmlError::Io(e)),
            }
        }
        match std::str::from_utf8(&self.buf[self.checked..self.end]) {
            Ok(_) => self.checked = self.end,
            // The tail is the start of a character the next read completes (or a failed read
            // cut short: that failure is reported before anything else).
            Err(e) if e.error_len().is_none() && (!self.eof || self.failure.is_some()) => {
                self.checked += e.valid_up_to();
            }
            Err(e) if e.error_len().is_none() => {
                return Err(malformed("the part ends in the middle of a UTF-8 character"));
            }
            Err(e) => {
                return Err(malformed(format!(
                    "bytes that are not UTF-8 at offset {} of the buffer",
                    self.checked + e.valid_up_to()
                )));
            }
        }
        Ok(())
    }

    fn run(mut self, on_element: &mut impl FnMut(&Tag<'_>)) -> Result<XmlOk, XmlError> {
        loop {
            // Everything complete in the buffer is scanned in this inner loop, which keeps its
            // place in a local variable: most constructs are a few bytes long.
            let data = &self.buf[..self.checked];
            // `eof` for the constructs means "nothing follows `data`", which holds only when
            // every byte read is valid and the input has ended.
            let at_end = self.eof && self.failure.is_none() && self.checked == self.end;
            let mut pos = self.start;
            let incomplete = loop {
                // Text up to the next markup, reference, `>` or forbidden byte.
                let text = pos;
                loop {
                    while pos < data.len() && !is(data[pos], TEXT_END | GT) {
                        pos += 1;
                    }
                    // `]]>` may not appear in text; a lone `>` may.
                    if pos < data.len() && data[pos] == b'>' {
                        if pos >= 2 && data[pos - 2..pos] == *b"]]" && pos - 2 >= text {
                            return Err(malformed("`]]>` in text"));
                        }
                        pos += 1;
                        continue;
                    }
                    break;
                }
                if pos > text {
                    if self.doc.open_lens.is_empty() && !data[text..pos].iter().all(|&b| is_space(b)) {
                        return Err(malformed("text outside the root element"));
                    }
                    self.doc.started = true;
                }
                if pos == data.len() {
                    // Keep a trailing `]` or `]]` for the next round: with the `>` that may
                    // follow it, it would form `]]>`.
                    let keep = data[text..pos].iter().rev().take(2).take_while(|&&b| b == b']').count();
                    if keep > 0 && !at_end {
                        pos -= keep;
                        break true;
                    }
                    break false;
                }
                if is(data[pos], FORBIDDEN) {
                    return Err(malformed(format!("the control character U+{:04X} in text", data[pos])));
                }
                let step = if data[pos] == b'&' {
                    if self.doc.open_lens.is_empty() {
                        return Err(malformed("entity reference outside the root element"));
                    }
                    reference_len(&data[pos..], &self.doc.entities)?.map_or(More, Done)
                } else {
                    self.doc.markup(&data[pos..], at_end, on_element)?
                };
                match step {
                    Done(n) => {
                        pos += n;
                        self.doc.started = true;
                    }
                    More => break true,
                }
            };
            self.start = pos;
            if !incomplete && at_end {
                break;
            }
            // Fails when the input has already ended in the middle of a construct.
            self.fill()?;
        }
        if !self.doc.open_lens.is_empty() {
            return Err(malformed(format!(
                "{} element(s) not closed at the end",
                self.doc.open_lens.len()
            )));
        }
        if self.doc.roots == 0 {
            return Err(malformed("no root element"));
        }
        Ok(XmlOk::WellFormed)
    }
}

impl Document {
    /// Markup at the front of `data` (which starts with `<`); `eof` when nothing follows `data`.
    fn markup(&mut self, data: &[u8], eof: bool, on_element: &mut impl FnMut(&Tag<'_>)) -> Result<Step, XmlError> {
        let Some(&second) = data.get(1) else {
            return Ok(More);
        };
        match second {
            b'/' => self.end_tag(data),
            b'?' => self.processing_instruction(data),
            b'!' => self.declaration(data, eof),
            _ => self.start_tag(data, on_element),
        }
    }

    /// `<?target ...?>`, including the XML declaration, which may only open the document.
    fn processing_instruction(&self, data: &[u8]) -> Result<Step, XmlError> {
        match data.get(2) {
            None => return Ok(More),
            Some(&b) if !is_name_start(b) => return Err(malformed("a processing instruction without a name")),
            Some(_) => {}
        }
        let Some(end) = find(&data[2..], b"?>") else {
            return Ok(More);
        };
        let body = &data[2..2 + end];
        let target_len = body.iter().take_while(|&&b| is_name_byte(b)).count();
        let target = &body[..target_len];
        if target.eq_ignore_ascii_case(b"xml") && (target != b"xml" || self.started) {
            return Err(malformed(
                "an XML declaration that is not at the very start of the part",
            ));
        }
        if target_len < body.len() && !is_space(body[target_len]) {
            return Err(malformed("a processing instruction with a malformed name"));
        }
        check_no_forbidden(body)?;
        Ok(Done(end + 4))
    }

    fn end_tag(&mut self, data: &[u8]) -> Result<Step, XmlError> {
        // The common case first: `</name>` closing the open element. The names are short, so
        // a plain loop beats a call to `memcmp`.
        if let Some(&len) = self.open_lens.last()
            && data.get(2 + len) == Some(&b'>')
            && same(&data[2..2 + len], &self.open[self.open.len() - len..])
        {
            self.open.truncate(self.open.len() - len);
            self.open_lens.pop();
            return Ok(Done(3 + len));
        }
        let Some(gt) = data.iter().position(|&b| b == b'>') else {
            return Ok(More);
        };
        let mut name = &data[2..gt];
        while let Some((&last, rest)) = name.split_last() {
            if !is_space(last) {
                break;
            }
            name = rest;
        }
        let Some(&len) = self.open_lens.last() else {
            return Err(malformed(format!(
                "an end tag </{}> with no open element",
                String::from_utf8_lossy(name)
            )));
        };
        let open = &self.open[self.open.len() - len..];
        if open != name {
            return Err(malformed(format!(
                "the end tag </{}> does not match the open element <{}>",
                String::from_utf8_lossy(name),
                String::from_utf8_lossy(open)
            )));
        }
        self.open.truncate(self.open.len() - len);
        self.open_lens.pop();
        Ok(Done(gt + 1))
    }

    /// `<!--`, `<![CDATA[` or `<!DOCTYPE`.
    fn declaration(&mut self, data: &[u8], eof: bool) -> Result<Step, XmlError> {
        if data.len() < 9 && !eof {
            return Ok(More);
        }
        if data.starts_with(b"<!--") {
            let Some(dashes) = find(&data[4..], b"--") else {
                return Ok(More);
            };
            return match data.get(4 + dashes + 2) {
                None => Ok(More),
                Some(b'>') => {
                    check_no_forbidden(&data[4..4 + dashes])?;
                    Ok(Done(4 + dashes + 3))
                }
                Some(_) => Err(malformed("`--` inside a comment")),
            };
        }
        if data.starts_with(b"<![CDATA[") {
            if self.open_lens.is_empty() {
                return Err(malformed("character data outside the root element"));
            }
            let Some(end) = find(&data[9..], b"]]>") else {
                return Ok(More);
            };
            check_no_forbidden(&data[9..9 + end])?;
            return Ok(Done(9 + end + 3));
        }
        if data.len() >= 9 && &data[2..9] == b"DOCTYPE" {
            if self.roots > 0 || self.has_dtd {
                return Err(malformed("a DOCTYPE after the root element or a second DOCTYPE"));
            }
            // Up to the `>` outside quotes and outside the internal subset `[...]`.
            let mut quote = None;
            let mut subset = 0usize;
            for (i, &b) in data.iter().enumerate().skip(9) {
                if let Some(q) = quote {
                    if b == q {
                        quote = None;
                    }
                    continue;
                }
                match b {
                    b'"' | b'\'' => quote = Some(b),
                    b'[' => subset += 1,
                    b']' => subset = subset.saturating_sub(1),
                    b'>' if subset == 0 => {
                        check_no_forbidden(&data[9..i])?;
                        self.has_dtd = true;
                        self.entities = Entities::declared_by(&data[9..i]);
                        return Ok(Done(i + 1));
                    }
                    _ => {}
                }
            }
            return Ok(More);
        }
        Err(malformed("an unknown `<!` construct"))
    }

    fn start_tag(&mut self, data: &[u8], on_element: &mut impl FnMut(&Tag<'_>)) -> Result<Step, XmlError> {
        let len = data.len();
        let mut i = 1;
        while i < len && is_name_byte(data[i]) {
            i += 1;
        }
        if i == len {
            return Ok(More);
        }
        let name = (1, i);
        if i == 1 || !is_name_start(data[1]) {
            return Err(malformed("a tag without a valid name"));
        }
        self.attributes.clear();
        let empty;
        loop {
            let before_space = i;
            while i < len && is_space(data[i]) {
                i += 1;
            }
            let Some(&b) = data.get(i) else {
                return Ok(More);
            };
            match b {
                b'>' => {
                    empty = false;
                    i += 1;
                    break;
                }
                b'/' => {
                    match data.get(i + 1) {
                        None => return Ok(More),
                        Some(b'>') => {}
                        Some(_) => return Err(malformed("a `/` inside a tag")),
                    }
                    empty = true;
                    i += 2;
                    break;
                }
                _ if i == before_space || !is_name_start(b) => {
                    return Err(malformed(format!(
                        "a malformed attribute in <{}>",
                        String::from_utf8_lossy(&data[name.0..name.1])
                    )));
                }
                _ => {}
            }
            let Some((attribute, next)) = self.attribute(data, i)? else {
                return Ok(More);
            };
            let attr_name = &data[attribute.name.0..attribute.name.1];
            if self
                .attributes
                .iter()
                .any(|a| same(&data[a.name.0..a.name.1], attr_name))
            {
                return Err(malformed(format!(
                    "the attribute `{}` twice in one tag",
                    String::from_utf8_lossy(attr_name)
                )));
            }
            self.attributes.push(attribute);
            i = next;
        }
        if self.open_lens.is_empty() {
            if self.roots > 0 {
                return Err(malformed(format!(
                    "a second root element <{}>",
                    String::from_utf8_lossy(&data[name.0..name.1])
                )));
            }
            self.roots += 1;
        }
        on_element(&Tag {
            raw: data,
            name,
            attributes: &self.attributes,
        });
        if !empty {
            // Names are short: pushing bytes beats a call to `memcpy`.
            for &b in &data[name.0..name.1] {
                self.open.push(b);
            }
            self.open_lens.push(name.1 - name.0);
        }
        Ok(Done(i))
    }

    /// The attribute whose name starts at `data[i]`, and where the tag goes on after it; `None`
    /// when `data` ends first.
    fn attribute(&self, data: &[u8], mut i: usize) -> Result<Option<(Attribute, usize)>, XmlError> {
        let len = data.len();
        let name_start = i;
        while i < len && is_name_byte(data[i]) {
            i += 1;
        }
        let name_end = i;
        while i < len && is_space(data[i]) {
            i += 1;
        }
        let Some(&eq) = data.get(i) else {
            return Ok(None);
        };
        if eq != b'=' {
            return Err(malformed("an attribute without a value"));
        }
        i += 1;
        while i < len && is_space(data[i]) {
            i += 1;
        }
        let Some(&quote) = data.get(i) else {
            return Ok(None);
        };
        if quote != b'"' && quote != b'\'' {
            return Err(malformed("an attribute value without quotes"));
        }
        i += 1;
        // One pass to the closing quote, looking only at the bytes that need a look.
        let value_start = i;
        loop {
            while i < len && !is(data[i], VALUE_SPECIAL) {
                i += 1;
            }
            let Some(&b) = data.get(i) else {
                return Ok(None);
            };
            if b == quote {
                break;
            }
            match b {
                b'<' => return Err(malformed("a `<` inside an attribute value")),
                _ if is(b, FORBIDDEN) => {
                    return Err(malformed(format!(
                        "the control character U+{b:04X} in an attribute value"
                    )));
                }
                b'&' => match reference_len(&data[i..], &self.entities)? {
                    Some(n) => i += n,
                    None => return Ok(None),
                },
                _ => i += 1,
            }
        }
        let attribute = Attribute {
            name: (name_start, name_end),
            value: (value_start, i),
        };
        Ok(Some((attribute, i + 1)))
    }
}

/// The named references a document may use.
#[derive(Debug, Default)]
enum Entities {
    /// Only `&lt;` `&gt;` `&amp;` `&apos;` `&quot;` (no DTD).
    #[default]
    Predefined,
    /// Those, and the general entities the internal DTD subset declares.
    Declared(Vec<Vec<u8>>),
    /// Any name: the DTD has an external part or parameter entities, which may declare
    /// entities this check cannot see (XML then leaves undeclared references to validity,
    /// not well-formedness).
    Any,
}

impl Entities {
    /// Reads the entity declarations of a DOCTYPE's body (what follows `<!DOCTYPE`).
    fn declared_by(body: &[u8]) -> Self {
        let subset_start = body.iter().position(|&b| b == b'[').unwrap_or(body.len());
        let external = body[..subset_start]
            .split(|&b| is_space(b))
            .any(|word| word == b"SYSTEM" || word == b"PUBLIC");
        let subset = &body[subset_start..];
        if external || subset.contains(&b'%') {
            return Self::Any;
        }
        let mut names = Vec::new();
        let mut rest = subset;
        while let Some(at) = find(rest, b"<!ENTITY") {
            let after = &rest[at + b"<!ENTITY".len()..];
            let start = after.iter().position(|&b| !is_space(b)).unwrap_or(after.len());
            let name: Vec<u8> = after[start..]
                .iter()
                .take_while(|&&b| is_name_byte(b))
                .copied()
                .collect();
            if !name.is_empty() {
                names.push(name);
            }
            rest = &after[start..];
        }
        Self::Declared(names)
    }

    fn allows(&self, name: &[u8]) -> bool {
        PREDEFINED_ENTITIES.iter().any(|(n, _)| *n == name)
            || match self {
                Self::Predefined => false,
                Self::Declared(names) => names.iter().any(|n| n == name),
                Self::Any => true,
            }
    }
}

/// Checks the reference at the start of `data` (`&...;`). `Ok(None)` when `data` ends before
/// the reference does.
fn reference_len(data: &[u8], entities: &Entities) -> Result<Option<usize>, XmlError> {
    let body = &data[1..];
    let (count, numeric) = if body.first() == Some(&b'#') {
        (
            1 + body[1..].iter().take_while(|b| b.is_ascii_alphanumeric()).count(),
            true,
        )
    } else {
        (body.iter().take_while(|&&b| is_name_byte(b)).count(), false)
    };
    let Some(&terminator) = body.get(count) else {
        return Ok(None);
    };
    let name = &body[..count];
    if terminator != b';' || name.is_empty() {
        return Err(malformed(format!(
            "a `&` that does not start a reference (`&{}`)",
            String::from_utf8_lossy(name)
        )));
    }
    if numeric {
        if char_reference(name).is_none() {
            return Err(malformed(format!(
                "invalid character reference &{};",
                String::from_utf8_lossy(name)
            )));
        }
    } else if !entities.allows(name) {
        return Err(malformed(format!(
            "undefined entity &{};",
            String::from_utf8_lossy(name)
        )));
    }
    Ok(Some(count + 2))
}

/// Fails on a control byte XML forbids (see [`FORBIDDEN`]) in a comment, CDATA section,
/// processing instruction or DTD.
fn check_no_forbidden(body: &[u8]) -> Result<(), XmlError> {
    match body.iter().find(|&&b| is(b, FORBIDDEN)) {
        Some(b) => Err(malformed(format!("the control character U+{b:04X} in markup"))),
        None => Ok(()),
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
