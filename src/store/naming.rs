//! Version file names: `<stem>__<local YYYY-MM-DD_HHMMSS>[_NNN].<ext>`. The name alone tells a
//! person which workbook and when, and sorts by time in any file manager (the same-second
//! suffix is zero-padded so that `_010` sorts after `_009`).

use chrono::{DateTime, NaiveDateTime, TimeZone};

use super::name::VersionFileName;

/// Digits of the same-second suffix: three keep names sorting by time up to 999 versions of one
/// workbook in one second, far more than a copy-and-read-back can make.
const SUFFIX_DIGITS: usize = 3;
/// Longest stem kept in a version name, so stem, time stamp, suffix and extension stay within
/// the file-system limit of 255 bytes.
const MAX_STEM_BYTES: usize = 200;

/// Separates the workbook's stem from the time stamp in a version name.
const SEPARATOR: &str = "__";
const STAMP_FORMAT: &str = "%Y-%m-%d_%H%M%S";

/// Replaces characters Windows forbids in file names (and control characters) with `_`, and
/// trims the trailing dots and spaces Windows drops silently, so a store written on Linux or
/// macOS can be copied to and restored on Windows.
pub fn sanitize_file_stem(stem: &str) -> String {
    let replaced: String = stem
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let trimmed = replaced.trim_end_matches(['.', ' ']);
    if trimmed.is_empty() {
        "workbook".to_string()
    } else {
        trimmed.to_string()
    }
}

/// The version name for workbook file `workbook_name` made at `when`, with `attempt` 1 for the
/// plain name and 2, 3, … for the suffixed names (`_002`, `_003` …) used when two versions fall
/// in one second.
pub fn version_file_name<Tz: TimeZone>(workbook_name: &str, when: &DateTime<Tz>, attempt: u32) -> VersionFileName
where
    Tz::Offset: std::fmt::Display,
{
    let (stem, ext) = split_extension(workbook_name);
    let stamp = when.format(STAMP_FORMAT);
    let suffix = if attempt > 1 {
        format!("_{attempt:0SUFFIX_DIGITS$}")
    } else {
        String::new()
    };
    let ext = ext.map(|e| format!(".{}", sanitize_file_stem(e))).unwrap_or_default();
    let stem = sanitize_file_stem(stem);
    let stem = truncate(&stem, MAX_STEM_BYTES);
    let name = format!("{stem}{SEPARATOR}{stamp}{suffix}{ext}");
    // A stem that still fails the gate (a workbook named like Sheetsafe's temporary files, an
    // absurdly long extension) gets a neutral stem rather than a name the store would refuse.
    VersionFileName::parse(&name).unwrap_or_else(|_| {
        let plain = format!("workbook{SEPARATOR}{stamp}{suffix}");
        VersionFileName::parse(&plain).expect("a plain stamp is a valid name")
    })
}

/// The longest prefix of `text` of at most `max` bytes that ends on a character boundary.
fn truncate(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Splits `Sales.v2.xlsm` into (`Sales.v2`, `Some("xlsm")`). A leading dot is not an extension.
fn split_extension(name: &str) -> (&str, Option<&str>) {
    match name.rfind('.') {
        Some(i) if i > 0 && i + 1 < name.len() => (&name[..i], Some(&name[i + 1..])),
        _ => (name, None),
    }
}

/// A version name read back: which workbook, when, and the place within its second.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedName {
    pub stem: String,
    /// Local time, to the second.
    pub when: NaiveDateTime,
    pub extension: Option<String>,
    /// 1 for the plain name, N for a `_N` / `_00N` same-second suffix.
    pub index: u32,
}

impl ParsedName {
    /// The workbook's file name (`Sales.xlsm`).
    pub fn workbook_name(&self) -> String {
        self.extension
            .as_ref()
            .map_or_else(|| self.stem.clone(), |e| format!("{}.{e}", self.stem))
    }
}

/// Reads a version name back, or `None` when the name does not follow the pattern. Used to
/// adopt files found without a catalog entry. Both the padded suffix (`_002`) and the unpadded
/// one older versions wrote (`_2`) are read.
pub fn parse_version_name(name: &str) -> Option<ParsedName> {
    let (body, ext) = split_extension(name);
    let at = body.rfind(SEPARATOR)?;
    let stem = &body[..at];
    let rest = &body[at + SEPARATOR.len()..];
    let (stamp, index) = match rest.get(17..) {
        Some("") => (rest, 1),
        Some(suffix)
            if suffix.len() > 1 && suffix.starts_with('_') && suffix[1..].chars().all(|c| c.is_ascii_digit()) =>
        {
            (&rest[..17], suffix[1..].parse().ok()?)
        }
        _ => return None,
    };
    let when = NaiveDateTime::parse_from_str(stamp, STAMP_FORMAT).ok()?;
    Some(ParsedName {
        stem: stem.to_string(),
        when,
        extension: ext.map(str::to_string),
        index,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).expect("date")
    }

    #[test]
    fn name_uses_local_time_and_keeps_extension() {
        let when = at("2026-11-21T17:30:05+07:00");
        assert_eq!(
            version_file_name("Sales.xlsm", &when, 1),
            "Sales__2026-11-21_173005.xlsm"
        );
        assert_eq!(
            version_file_name("Sales.xlsm", &when, 2),
            "Sales__2026-11-21_173005_002.xlsm"
        );
    }

    #[test]
    fn non_ascii_names_round_trip() {
        let when = at("2026-11-21T17:30:05+07:00");
        let name = version_file_name("Bán hàng Łódź.xlsx", &when, 1);
        assert_eq!(name, "Bán hàng Łódź__2026-11-21_173005.xlsx");
        let parsed = parse_version_name(name.as_str()).expect("parses");
        assert_eq!(parsed.stem, "Bán hàng Łódź");
        assert_eq!(parsed.extension.as_deref(), Some("xlsx"));
    }

    #[test]
    fn windows_forbidden_characters_are_replaced() {
        assert_eq!(sanitize_file_stem("a:b*c?. "), "a_b_c_");
        assert_eq!(sanitize_file_stem("..."), "workbook");
    }

    #[test]
    fn parse_accepts_suffix_and_rejects_strangers() {
        assert_eq!(
            parse_version_name("Sales__2026-11-21_173005_3.xlsm").map(|p| p.index),
            Some(3)
        );
        assert_eq!(
            parse_version_name("Sales__2026-11-21_173005_014.xlsm").map(|p| p.index),
            Some(14)
        );
        assert!(parse_version_name("Sales.xlsm").is_none());
        assert!(parse_version_name("Sales__yesterday.xlsm").is_none());
    }

    #[test]
    fn names_in_one_second_sort_by_time() {
        let when = at("2026-11-21T17:30:05+07:00");
        let names: Vec<String> = (1..=120)
            .map(|i| version_file_name("Sales.xlsm", &when, i).to_string())
            .collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
    }

    #[test]
    fn long_and_reserved_stems_still_make_valid_names() {
        let when = at("2026-11-21T17:30:05+07:00");
        let long = format!("{}.xlsx", "ł".repeat(200));
        assert!(version_file_name(&long, &when, 1).as_str().len() <= 255);
        assert!(
            !version_file_name(".sheetsafe-tmp-x.xlsx", &when, 1)
                .as_str()
                .starts_with(".sheetsafe-tmp-")
        );
    }
}
