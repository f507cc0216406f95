//! Formatting for people: sizes and times as they read them, shared by the command line and
//! the app.

use chrono::{DateTime, FixedOffset, Local};

/// `1234567` → `1.2 MB` (decimal units, as file managers show them).
pub fn size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["bytes", "kB", "MB", "GB", "TB"];
    #[allow(clippy::cast_precision_loss)]
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} bytes")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

/// A time in the local zone, to the second.
pub fn time(t: &DateTime<FixedOffset>) -> String {
    t.with_timezone(&Local).format("%Y-%m-%d %H:%M:%S").to_string()
}

/// An optional time, or `never`.
pub fn maybe_time(t: Option<&DateTime<FixedOffset>>) -> String {
    t.map_or_else(|| "never".to_string(), time)
}

/// `1204` → `1,204`.
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// One line saying what a version holds: `Sales: 1,204 rows · Stock: 88 rows · macros`.
pub fn contents(summary: &sheetsafe::store::Summary) -> String {
    use sheetsafe::store::{Unread, Visibility};
    let mut parts: Vec<String> = Vec::new();
    if let Some(reason) = summary.unread {
        parts.push(
            match reason {
                Unread::Encrypted => "encrypted: contents not readable",
                Unread::Damaged => "damaged: contents not read",
                Unread::NotAWorkbook => "no sheets to read",
                Unread::ReaderFailed => "could not read the sheets",
                Unread::TooLarge => "too large to read the sheets",
                Unread::TimedOut => "reading the sheets took too long",
                Unread::Unknown => "contents unknown",
            }
            .to_string(),
        );
    }
    for sheet in &summary.sheets {
        let hidden = match sheet.visibility {
            Visibility::Hidden | Visibility::VeryHidden => " (hidden)",
            Visibility::Visible | Visibility::Unknown => "",
        };
        let text = if sheet.problem.is_some() {
            "could not read".to_string()
        } else if sheet.rows == 1 {
            "1 row".to_string()
        } else {
            format!("{} rows", count(sheet.rows))
        };
        parts.push(format!("{}{hidden}: {text}", sheet.name));
    }
    if summary.macros {
        parts.push("macros".to_string());
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(size(999), "999 bytes");
        assert_eq!(size(1_234_567), "1.2 MB");
    }

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1204), "1,204");
        assert_eq!(count(1_234_567), "1,234,567");
    }

    #[test]
    fn a_summary_reads_as_one_line() {
        use sheetsafe::store::{SheetSummary, Summary, Visibility};
        let sheet = |name: &str, rows, visibility| SheetSummary {
            name: name.into(),
            rows,
            visibility,
            ..SheetSummary::default()
        };
        let summary = Summary {
            macros: true,
            sheets: vec![
                sheet("Sales", 1204, Visibility::Visible),
                sheet("Stock", 88, Visibility::Visible),
                sheet("Lists", 1, Visibility::Hidden),
            ],
            ..Summary::default()
        };
        assert_eq!(
            contents(&summary),
            "Sales: 1,204 rows · Stock: 88 rows · Lists (hidden): 1 row · macros"
        );
    }
}
