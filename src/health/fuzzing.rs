//! Entry points for the fuzz targets in `fuzz/` (run by `scripts/fuzz`) and the scanner
//! benchmark (`scripts/xml-speed`). Not part of the library's API: they call the checks
//! *without* the panic guard of [`super::check_reader`], so a panic reaches the fuzzer as the
//! crash it is.

use std::io::Cursor;

use super::xml;

/// Scans `data` as one XML part with the real buffer size and with a tiny one, and panics if
/// the two verdicts differ: where a construct crosses a buffer boundary must never change
/// whether a part is well-formed.
#[doc(hidden)]
pub fn xml_part(data: &[u8]) {
    let chunk = 1 + usize::from(data.first().copied().unwrap_or(0) % 16);
    let whole = xml::check_well_formed(data, |_| {}).is_ok();
    let small = xml::check_well_formed_in_chunks(data, chunk, |_| {}).is_ok();
    assert_eq!(whole, small, "the verdict changed with a {chunk}-byte buffer");
}

/// Runs the container checks (zip package or compound file, chosen by the first bytes as in
/// [`super::check_reader`]) on `data`.
#[doc(hidden)]
pub fn container(data: &[u8]) {
    if data.starts_with(&super::CFB_SIGNATURE) {
        let _ = super::compound::check(Cursor::new(data));
    } else {
        let _ = super::zip_package::check(Cursor::new(data));
    }
}

/// Whether `data` is one well-formed XML part, by the scanner the health check uses (for
/// `scripts/xml-speed`, which measures it against a reference parser).
#[doc(hidden)]
pub fn xml_well_formed(data: &[u8]) -> bool {
    xml::check_well_formed(data, |_| {}).is_ok()
}
