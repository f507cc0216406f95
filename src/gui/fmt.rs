//! Formatting for the screens: sizes, times and relative times in the user's language.

use chrono::{DateTime, FixedOffset, Local};
use sheetsafe::i18n::{Arg, Translator};

/// `1234567` → `1.2 MB` (`1,2 MB` in Vietnamese and Polish).
pub fn size(t: &Translator, bytes: u64) -> String {
    localized_number(t, &crate::format::size(bytes))
}

/// `1204` → `1,204` (`1.204` in Vietnamese, `1 204` in Polish).
pub fn count(t: &Translator, n: u64) -> String {
    localized_number(t, &crate::format::count(n))
}

/// An English-formatted number (`,` between thousands, `.` before decimals) as the user's
/// language writes it: Vietnamese swaps the two marks; Polish groups thousands with a
/// no-break space and writes a decimal comma.
fn localized_number(t: &Translator, english: &str) -> String {
    use sheetsafe::i18n::Language;
    english
        .chars()
        .map(|c| match (t.language(), c) {
            (Language::Vi, ',') => '.',
            (Language::Vi | Language::Pl, '.') => ',',
            (Language::Pl, ',') => '\u{a0}',
            (_, c) => c,
        })
        .collect()
}

/// A local time to the minute.
pub fn time(t: &DateTime<FixedOffset>) -> String {
    t.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string()
}

/// A local time to the second: two versions made in one minute must be told apart.
pub fn time_to_second(t: &DateTime<FixedOffset>) -> String {
    crate::format::time(t)
}

/// How much bigger or smaller than the version before: "+1.2 MB", "−3.4 kB", or "±0 B".
pub fn size_change(t: &Translator, now: u64, before: u64) -> String {
    match now.cmp(&before) {
        std::cmp::Ordering::Greater => format!("+{}", size(t, now - before)),
        std::cmp::Ordering::Less => format!("\u{2212}{}", size(t, before - now)),
        std::cmp::Ordering::Equal => "\u{b1}0 B".to_string(),
    }
}

/// "just now", "5 minutes ago", "3 days ago" …
pub fn ago(t: &Translator, when: &DateTime<FixedOffset>) -> String {
    let seconds = (Local::now().fixed_offset() - *when).num_seconds().max(0);
    let (id, n) = match seconds {
        0..60 => return t.tr("time-just-now"),
        60..3600 => ("time-minutes-ago", seconds / 60),
        3600..86_400 => ("time-hours-ago", seconds / 3600),
        _ => ("time-days-ago", seconds / 86_400),
    };
    t.format(id, &[("count", u64::try_from(n).unwrap_or(0).into())])
}

/// The operating system's reason for a failure, in the user's language and without error
/// codes; the raw text goes to the log, where support can read it.
pub fn io_reason(t: &Translator, error: &std::io::Error) -> String {
    tracing::warn!("{error}");
    t.tr(sheetsafe::fsutil::io_reason_id(error))
}

/// "Sales.xlsx: 45 % (12.3 MB of 27.0 MB)", for long work.
pub fn progress(t: &Translator, done: &crate::gui::background::Done) -> String {
    let percent = if done.total == 0 {
        100
    } else {
        u64::try_from(u128::from(done.bytes) * 100 / u128::from(done.total)).unwrap_or(100)
    };
    let file = done
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let line = t.format(
        "progress-line",
        &[
            ("file", file.into()),
            ("percent", percent.into()),
            ("done", size(t, done.bytes).into()),
            ("total", size(t, done.total).into()),
        ],
    );
    match time_left(done) {
        Some(left) => t.format(
            "progress-left",
            &[("line", line.into()), ("left", duration(t, left).into())],
        ),
        None => line,
    }
}

/// The time the rest of the file will take at the speed so far; only once two seconds have
/// shown a steady speed (the first moments of a read are not a rate anyone should trust).
fn time_left(done: &crate::gui::background::Done) -> Option<std::time::Duration> {
    if done.elapsed < std::time::Duration::from_secs(2) || done.bytes == 0 || done.bytes >= done.total {
        return None;
    }
    let rest = done.total - done.bytes;
    // Nanoseconds per byte times the bytes to go, in integers (no float rounding to argue with).
    let nanos = done.elapsed.as_nanos() * u128::from(rest) / u128::from(done.bytes);
    Some(std::time::Duration::from_nanos(
        u64::try_from(nanos).unwrap_or(u64::MAX),
    ))
}

/// A span of time in words: "40 seconds", "3 minutes".
pub fn duration(t: &Translator, span: std::time::Duration) -> String {
    let seconds = span.as_secs().max(1);
    if seconds < 90 {
        t.format("duration-seconds", &[("count", seconds.into())])
    } else {
        t.format("duration-minutes", &[("count", seconds.div_ceil(60).into())])
    }
}

/// What a version holds, in the user's language: "Sales: 1204 rows · Stock: 88 rows · macros".
pub fn contents(t: &Translator, summary: &sheetsafe::store::Summary) -> String {
    use sheetsafe::store::{Unread, Visibility};
    let mut parts: Vec<String> = Vec::new();
    if let Some(reason) = summary.unread {
        parts.push(t.tr(match reason {
            Unread::Encrypted => "contents-encrypted",
            Unread::Damaged => "contents-damaged",
            Unread::NotAWorkbook => "contents-no-sheets",
            Unread::ReaderFailed => "contents-reader-failed",
            Unread::TooLarge => "contents-too-large",
            Unread::TimedOut => "contents-timed-out",
            Unread::Unknown => "contents-unknown",
        }));
    }
    for sheet in &summary.sheets {
        let rows = if sheet.problem.is_some() {
            t.tr("contents-reader-failed")
        } else {
            t.format("contents-rows", &[("count", sheet.rows.into())])
        };
        let name = match sheet.visibility {
            Visibility::Hidden | Visibility::VeryHidden => {
                t.format("contents-hidden", &[("sheet", sheet.name.clone().into())])
            }
            Visibility::Visible | Visibility::Unknown => sheet.name.clone(),
        };
        parts.push(format!("{name}: {rows}"));
    }
    if summary.macros {
        parts.push(t.tr("contents-macros"));
    }
    parts.join(" · ")
}

/// What changed from the version `before` to `after`, in a line, from their summaries alone
/// (no second reading of either file): sheets added or removed and rows gained or lost per
/// sheet. `None` when either could not be read, so no line claims what nobody knows.
pub fn change(t: &Translator, before: &sheetsafe::store::Summary, after: &sheetsafe::store::Summary) -> Option<String> {
    if before.unread.is_some() || after.unread.is_some() {
        return None;
    }
    let mut parts = Vec::new();
    for sheet in &after.sheets {
        match before.sheet(&sheet.name) {
            None => parts.push(t.format("change-sheet-added", &[("sheet", sheet.name.clone().into())])),
            Some(old) if old.rows != sheet.rows => parts.push(t.format(
                "change-rows",
                &[
                    ("sheet", sheet.name.clone().into()),
                    ("before", count(t, old.rows).into()),
                    ("after", count(t, sheet.rows).into()),
                ],
            )),
            Some(_) => {}
        }
    }
    for old in before.sheets.iter().filter(|s| after.sheet(&s.name).is_none()) {
        parts.push(t.format("change-sheet-removed", &[("sheet", old.name.clone().into())]));
    }
    Some(if parts.is_empty() {
        t.tr("change-same-rows")
    } else {
        parts.join(" · ")
    })
}

/// What changed between two versions, a line per sheet and one per changed cell shown, in the
/// user's language: "Sales: 3 rows removed, 2 cells changed", "B7: “12” → “15”".
pub fn diff_lines(t: &Translator, diff: &sheetsafe::contents::WorkbookDiff) -> Vec<String> {
    use sheetsafe::contents::SheetChange;
    let rows = |n: u64| t.format("contents-rows", &[("count", n.into())]);
    let sheet_arg = |name: &str| Arg::from(name.to_string());
    let mut lines = Vec::new();
    if diff.is_empty() {
        lines.push(t.tr("diff-none"));
    }
    for sheet in &diff.sheets {
        let name = sheet_arg(&sheet.name);
        lines.push(match &sheet.change {
            SheetChange::Added => t.format(
                "diff-sheet-added",
                &[("sheet", name), ("rows", rows(sheet.rows_after).into())],
            ),
            SheetChange::Removed => t.format(
                "diff-sheet-removed",
                &[("sheet", name), ("rows", rows(sheet.rows_before).into())],
            ),
            SheetChange::Renamed { from } => {
                t.format("diff-sheet-renamed", &[("sheet", name), ("from", sheet_arg(from))])
            }
            SheetChange::Unreadable { detail } => {
                tracing::warn!("sheet {} could not be compared: {detail}", sheet.name);
                t.format("diff-sheet-unreadable", &[("sheet", name)])
            }
            SheetChange::Kept if sheet.is_unchanged() => t.format(
                "diff-sheet-unchanged",
                &[("sheet", name), ("rows", rows(sheet.rows_after).into())],
            ),
            SheetChange::Kept => {
                let mut changes = Vec::new();
                for (id, n) in [
                    ("diff-rows-added", sheet.rows_added),
                    ("diff-rows-removed", sheet.rows_removed),
                    ("diff-cells-changed", sheet.cells_changed),
                ] {
                    if n > 0 {
                        changes.push(t.format(id, &[("count", n.into())]));
                    }
                }
                t.format(
                    "diff-sheet-changed",
                    &[("sheet", name), ("changes", changes.join(", ").into())],
                )
            }
        });
        for cell in &sheet.examples {
            let value = |v: &Option<String>| {
                v.as_deref().map_or_else(
                    || t.tr("diff-empty"),
                    |text| {
                        let short: String = text.chars().take(60).collect();
                        let more = if short.len() < text.len() { "…" } else { "" };
                        format!("“{short}{more}”")
                    },
                )
            };
            lines.push(format!(
                "    {}",
                t.format(
                    "diff-cell",
                    &[
                        ("cell", cell.cell.clone().into()),
                        ("old", value(&cell.old).into()),
                        ("new", value(&cell.new).into()),
                    ],
                )
            ));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use sheetsafe::i18n::{Language, Translator};
    use sheetsafe::store::{SheetSummary, Summary, Unread};

    fn summary(sheets: &[(&str, u64)]) -> Summary {
        Summary {
            sheets: sheets
                .iter()
                .map(|(name, rows)| SheetSummary {
                    name: (*name).to_string(),
                    rows: *rows,
                    ..SheetSummary::default()
                })
                .collect(),
            ..Summary::default()
        }
    }

    #[test]
    fn the_change_line_names_rows_gained_or_lost_and_sheets_added_or_removed() {
        let t = Translator::new(Language::En);
        let before = summary(&[("Sales", 1204), ("Stock", 88), ("Old", 3)]);
        let after = summary(&[("Sales", 1210), ("Stock", 88), ("Tháng 12", 5)]);
        assert_eq!(
            super::change(&t, &before, &after).as_deref(),
            Some("Sales: 1,204 → 1,210 rows · sheet Tháng 12 added · sheet Old removed")
        );
        assert_eq!(
            super::change(&t, &before, &before).as_deref(),
            Some("same sheets and rows as the version before")
        );
        // Nothing is claimed about a version whose cells were not read.
        assert_eq!(super::change(&t, &before, &Summary::unread(Unread::Damaged)), None);
        // Sizes and counts as each language writes them.
        let vi = Translator::new(Language::Vi);
        assert_eq!(super::size(&vi, 16_400), "16,4 kB");
        assert_eq!(super::count(&vi, 1_204), "1.204");
        assert_eq!(super::size(&t, 16_400), "16.4 kB");
        let pl = Translator::new(Language::Pl);
        assert_eq!(super::size(&pl, 1_234_567), "1,2 MB");
        assert_eq!(
            super::change(&pl, &before, &after).as_deref(),
            Some("Sales: 1\u{a0}204 → 1\u{a0}210 wierszy · dodano arkusz Tháng 12 · usunięto arkusz Old")
        );
    }
}
