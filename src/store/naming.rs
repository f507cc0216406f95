//! Version file names: `<stem>__<local YYYY-MM-DD_HHMMSS>[_N].<ext>`. The name alone tells a
//! person which workbook and when, and sorts by time in any file manager.

use chrono::{DateTime, NaiveDateTime, TimeZone};

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
/// plain name and 2, 3, … for the suffixed names used when two versions fall in one second.
pub fn version_file_name<Tz: TimeZone>(workbook_name: &str, when: &DateTime<Tz>, attempt: u32) -> String
where
    Tz::Offset: std::fmt::Display,
{
    let (stem, ext) = split_extension(workbook_name);
    let stamp = when.format(STAMP_FORMAT);
    let suffix = if attempt > 1 {
        format!("_{attempt}")
    } else {
        String::new()
    };
    let ext = ext.map(|e| format!(".{}", sanitize_file_stem(e))).unwrap_or_default();
    format!("{}{SEPARATOR}{stamp}{suffix}{ext}", sanitize_file_stem(stem))
}

/// Splits `Sales.v2.xlsm` into (`Sales.v2`, `Some("xlsm")`). A leading dot is not an extension.
fn split_extension(name: &str) -> (&str, Option<&str>) {
    match name.rfind('.') {
        Some(i) if i > 0 && i + 1 < name.len() => (&name[..i], Some(&name[i + 1..])),
        _ => (name, None),
    }
}

/// Reads a version name back into (workbook stem, local time, extension), or `None` when the
/// name does not follow the pattern. Used to adopt files found without a catalog entry.
pub fn parse_version_name(name: &str) -> Option<(String, NaiveDateTime, Option<String>)> {
    let (body, ext) = split_extension(name);
    let at = body.rfind(SEPARATOR)?;
    let stem = &body[..at];
    let rest = &body[at + SEPARATOR.len()..];
    // Drop an optional `_N` same-second suffix.
    let stamp = match rest.get(17..) {
        Some(suffix) if suffix.starts_with('_') && suffix[1..].chars().all(|c| c.is_ascii_digit()) => &rest[..17],
        Some("") => rest,
        _ => return None,
    };
    let when = NaiveDateTime::parse_from_str(stamp, STAMP_FORMAT).ok()?;
    Some((stem.to_string(), when, ext.map(str::to_string)))
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
            "Sales__2026-11-21_173005_2.xlsm"
        );
    }

    #[test]
    fn non_ascii_names_round_trip() {
        let when = at("2026-11-21T17:30:05+07:00");
        let name = version_file_name("Bán hàng Łódź.xlsx", &when, 1);
        assert_eq!(name, "Bán hàng Łódź__2026-11-21_173005.xlsx");
        let (stem, _, ext) = parse_version_name(&name).expect("parses");
        assert_eq!(stem, "Bán hàng Łódź");
        assert_eq!(ext.as_deref(), Some("xlsx"));
    }

    #[test]
    fn windows_forbidden_characters_are_replaced() {
        assert_eq!(sanitize_file_stem("a:b*c?. "), "a_b_c_");
        assert_eq!(sanitize_file_stem("..."), "workbook");
    }

    #[test]
    fn parse_accepts_suffix_and_rejects_strangers() {
        assert!(parse_version_name("Sales__2026-11-21_173005_3.xlsm").is_some());
        assert!(parse_version_name("Sales.xlsm").is_none());
        assert!(parse_version_name("Sales__yesterday.xlsm").is_none());
    }
}
