//! The vanishing-data rule: what a new version lost against the version before it, judged
//! from their summaries alone (no second reading of either file). A whole sheet gone, or at
//! least the configured share of a sheet's non-empty rows or cells, is a [`Loss`]; a sheet that
//! reappears under another name with the same counts was renamed, not lost. A workbook that
//! could be read and now cannot (encrypted, damaged, or no longer a workbook at all, as
//! ransomware leaves it) has lost every sheet.

use crate::config::AlarmSettings;
use crate::store::{Loss, LossKind, Summary, Unread};

/// What vanished between `before` and `after`; empty when nothing did, the alarm is off, or
/// either summary is incomplete for a reason that proves nothing (a sheet the reader could not
/// read, a timeout).
pub fn losses(before: &Summary, after: &Summary, settings: &AlarmSettings) -> Vec<Loss> {
    if !settings.enabled || !before.is_complete() {
        return Vec::new();
    }
    let significant = before.sheets.iter().filter(|s| s.rows >= settings.min_rows.max(1));
    if matches!(
        after.unread,
        Some(Unread::Encrypted | Unread::Damaged | Unread::NotAWorkbook)
    ) {
        return significant
            .map(|s| Loss {
                sheet: s.name.clone(),
                kind: LossKind::Sheet,
                before: s.rows,
                after: 0,
            })
            .collect();
    }
    if !after.is_complete() {
        return Vec::new();
    }
    let mut lost = Vec::new();
    for old in significant {
        let Some(new) = after.sheet(&old.name) else {
            let renamed = after
                .sheets
                .iter()
                .any(|s| before.sheet(&s.name).is_none() && s.rows == old.rows && s.cells == old.cells);
            if !renamed {
                lost.push(Loss {
                    sheet: old.name.clone(),
                    kind: LossKind::Sheet,
                    before: old.rows,
                    after: 0,
                });
            }
            continue;
        };
        if share_lost(old.rows, new.rows) >= u64::from(settings.rows_lost_percent) {
            lost.push(Loss {
                sheet: old.name.clone(),
                kind: LossKind::Rows,
                before: old.rows,
                after: new.rows,
            });
        } else if share_lost(old.cells, new.cells) >= u64::from(settings.cells_lost_percent) {
            lost.push(Loss {
                sheet: old.name.clone(),
                kind: LossKind::Cells,
                before: old.cells,
                after: new.cells,
            });
        }
    }
    lost
}

/// Percent of `before` missing from `after` (0 when nothing is missing).
fn share_lost(before: u64, after: u64) -> u64 {
    if before == 0 || after >= before {
        0
    } else {
        (before - after).saturating_mul(100) / before
    }
}

/// The largest set of workbooks that lost their data within `window` of each other, when it
/// holds at least `threshold` of them (else empty): the pattern of ransomware, which rewrites
/// every workbook it reaches within minutes, unlike a person, who loses data in one at a time.
/// `losses` holds, per workbook (any key), when its losing version was made.
pub fn mass_loss<K: Clone + Eq>(
    losses: &[(K, chrono::DateTime<chrono::FixedOffset>)],
    window: chrono::Duration,
    threshold: usize,
) -> Vec<K> {
    if threshold == 0 {
        return Vec::new();
    }
    let mut sorted: Vec<_> = losses.to_vec();
    sorted.sort_by_key(|(_, at)| *at);
    let mut best: Vec<K> = Vec::new();
    for (start, (_, from)) in sorted.iter().enumerate() {
        let mut keys: Vec<K> = Vec::new();
        for (key, at) in &sorted[start..] {
            if *at - *from > window {
                break;
            }
            if !keys.contains(key) {
                keys.push(key.clone());
            }
        }
        if keys.len() > best.len() {
            best = keys;
        }
    }
    if best.len() >= threshold { best } else { Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::SheetSummary;

    fn sheet(name: &str, rows: u64, cells: u64) -> SheetSummary {
        SheetSummary {
            name: name.into(),
            rows,
            cells,
            ..SheetSummary::default()
        }
    }

    fn book(sheets: Vec<SheetSummary>) -> Summary {
        Summary {
            sheets,
            ..Summary::default()
        }
    }

    #[test]
    fn most_rows_deleted_is_a_loss_of_rows() {
        let before = book(vec![sheet("Sales", 1204, 7000), sheet("Stock", 88, 300)]);
        let after = book(vec![sheet("Sales", 12, 70), sheet("Stock", 88, 300)]);
        let lost = losses(&before, &after, &AlarmSettings::default());
        assert_eq!(
            lost,
            [Loss {
                sheet: "Sales".into(),
                kind: LossKind::Rows,
                before: 1204,
                after: 12
            }]
        );
    }

    #[test]
    fn a_few_rows_deleted_or_added_is_ordinary_work() {
        let before = book(vec![sheet("Sales", 100, 500)]);
        let fewer = book(vec![sheet("Sales", 60, 300)]);
        assert!(losses(&before, &fewer, &AlarmSettings::default()).is_empty());
        let more = book(vec![sheet("Sales", 300, 1500)]);
        assert!(losses(&before, &more, &AlarmSettings::default()).is_empty());
    }

    #[test]
    fn a_removed_sheet_is_lost_and_a_renamed_one_is_not() {
        let before = book(vec![sheet("Sales", 100, 500), sheet("Stock", 40, 80)]);
        let after = book(vec![sheet("Sales 2026", 100, 500)]);
        let lost = losses(&before, &after, &AlarmSettings::default());
        assert_eq!(lost.len(), 1);
        assert_eq!((lost[0].sheet.as_str(), lost[0].kind), ("Stock", LossKind::Sheet));
    }

    #[test]
    fn cleared_columns_are_a_loss_of_cells() {
        let before = book(vec![sheet("Sales", 100, 1000)]);
        let after = book(vec![sheet("Sales", 100, 200)]);
        let lost = losses(&before, &after, &AlarmSettings::default());
        assert_eq!(lost[0].kind, LossKind::Cells);
    }

    #[test]
    fn a_workbook_that_can_no_longer_be_read_has_lost_every_sheet() {
        let before = book(vec![sheet("Sales", 100, 500), sheet("Notes", 2, 2)]);
        for reason in [Unread::Damaged, Unread::Encrypted, Unread::NotAWorkbook] {
            let lost = losses(&before, &Summary::unread(reason), &AlarmSettings::default());
            assert_eq!(lost.len(), 1, "{reason:?}");
            assert_eq!((lost[0].sheet.as_str(), lost[0].kind), ("Sales", LossKind::Sheet));
        }
        // The reader failing or running out of time proves nothing about the workbook.
        for reason in [Unread::ReaderFailed, Unread::TimedOut, Unread::TooLarge] {
            assert!(losses(&before, &Summary::unread(reason), &AlarmSettings::default()).is_empty());
        }
    }

    #[test]
    fn tiny_sheets_and_a_disabled_alarm_stay_quiet() {
        let before = book(vec![sheet("Notes", 3, 3)]);
        let after = book(vec![]);
        assert!(losses(&before, &after, &AlarmSettings::default()).is_empty());
        let big = book(vec![sheet("Sales", 100, 500)]);
        let off = AlarmSettings {
            enabled: false,
            ..AlarmSettings::default()
        };
        assert!(losses(&big, &book(vec![]), &off).is_empty());
    }

    #[test]
    fn many_workbooks_losing_data_within_the_window_is_a_mass_loss_and_one_at_a_time_is_not() {
        use chrono::{Duration, TimeZone};
        let at = |minute: i64| {
            chrono::FixedOffset::east_opt(7 * 3600)
                .and_then(|tz| tz.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).single())
                .expect("a time")
                + Duration::minutes(minute)
        };
        let window = Duration::minutes(60);
        // Three workbooks within ten minutes: an attack.
        let burst = [("Sales", at(0)), ("Stock", at(4)), ("Books", at(10)), ("Old", at(600))];
        let mut found = mass_loss(&burst, window, 3);
        found.sort_unstable();
        assert_eq!(found, ["Books", "Sales", "Stock"]);
        // Spread over days, or one workbook three times: a person's mistakes, each its own alarm.
        assert!(mass_loss(&[("Sales", at(0)), ("Stock", at(200)), ("Books", at(400))], window, 3).is_empty());
        assert!(mass_loss(&[("Sales", at(0)), ("Sales", at(1)), ("Sales", at(2))], window, 3).is_empty());
        // Off when the threshold is 0; two of three is not enough.
        assert!(mass_loss(&burst, window, 0).is_empty());
        assert!(mass_loss(&burst[..2], window, 3).is_empty());
    }

    proptest::proptest! {
        /// Whatever the losses and their order: a burst names only distinct workbooks, at least
        /// the threshold of them, whose losses all fall within one window; and shuffling the
        /// input never changes how many it names.
        #[test]
        fn a_burst_is_distinct_workbooks_within_one_window(
            losses in proptest::collection::vec((0u8..6, 0i64..600), 0..24),
            threshold in 1usize..5,
        ) {
            use chrono::{Duration, TimeZone};
            let base = chrono::FixedOffset::east_opt(0)
                .and_then(|tz| tz.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).single())
                .expect("a time");
            let window = Duration::minutes(60);
            let at: Vec<(u8, chrono::DateTime<chrono::FixedOffset>)> =
                losses.iter().map(|(k, m)| (*k, base + Duration::minutes(*m))).collect();
            let found = mass_loss(&at, window, threshold);
            let mut distinct = found.clone();
            distinct.sort_unstable();
            distinct.dedup();
            proptest::prop_assert_eq!(distinct.len(), found.len());
            if !found.is_empty() {
                proptest::prop_assert!(found.len() >= threshold);
                // Some window holds a loss of every named workbook.
                let fits = at.iter().any(|(_, from)| {
                    found.iter().all(|k| at.iter().any(|(key, t)| key == k && *t >= *from && *t - *from <= window))
                });
                proptest::prop_assert!(fits);
            }
            let mut reversed = at.clone();
            reversed.reverse();
            proptest::prop_assert_eq!(mass_loss(&reversed, window, threshold).len(), found.len());
        }
    }
}
