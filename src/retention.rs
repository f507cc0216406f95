//! Retention: which versions the keep rules keep. A version stays if any rule keeps it, and some
//! versions always stay whatever the rules say: the newest one, the newest healthy one (so a
//! run of saves of an already-corrupt workbook can never push the last good copy out), and every
//! pinned one (the last version before data vanished, or one the user pinned).
//!
//! "Newest" is decided by the catalog's sequence, never by the clock: a clock set back must not
//! make the version just made look like the oldest one and retire it. The clock only sorts
//! versions into days, weeks and months.

use std::collections::HashSet;

use chrono::{DateTime, Datelike, FixedOffset, Local};

use crate::config::KeepRules;
use crate::store::{Catalog, VersionFileName};

/// What retention needs to know about one version.
#[derive(Debug, Clone, Copy)]
pub struct Candidate {
    /// Order in which the versions were made (higher is newer).
    pub sequence: u64,
    pub created: DateTime<FixedOffset>,
    pub healthy: bool,
    /// Pinned: kept until the pin is removed.
    pub pinned: bool,
}

impl Candidate {
    /// What retention needs from a catalog entry.
    pub fn of(version: &crate::store::Version) -> Candidate {
        Candidate {
            sequence: version.sequence,
            created: version.created,
            healthy: version.is_healthy(),
            pinned: version.pin.is_some(),
        }
    }
}

/// Returns, for each candidate (any order), whether it is kept. Candidates are the versions of
/// one workbook; days, weeks and months are counted in local time, as the user sees them.
pub fn keep(candidates: &[Candidate], rules: &KeepRules) -> Vec<bool> {
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    // Newest first; ties broken by position so the result is deterministic.
    order.sort_by(|&a, &b| {
        (candidates[b].sequence, candidates[b].created)
            .cmp(&(candidates[a].sequence, candidates[a].created))
            .then(b.cmp(&a))
    });

    if rules.keeps_everything() {
        return vec![true; candidates.len()];
    }
    let mut kept: Vec<bool> = candidates.iter().map(|c| c.pinned).collect();
    if let Some(&newest) = order.first() {
        kept[newest] = true;
    }
    if let Some(&newest_healthy) = order.iter().find(|&&i| candidates[i].healthy) {
        kept[newest_healthy] = true;
    }
    for &i in order.iter().take(rules.last as usize) {
        kept[i] = true;
    }
    let local = |i: usize| candidates[i].created.with_timezone(&Local);
    keep_newest_per_bucket(&order, rules.daily, &mut kept, |i| {
        let t = local(i);
        (t.year(), t.ordinal(), 0)
    });
    keep_newest_per_bucket(&order, rules.weekly, &mut kept, |i| {
        let w = local(i).iso_week();
        (w.year(), w.week(), 1)
    });
    keep_newest_per_bucket(&order, rules.monthly, &mut kept, |i| {
        let t = local(i);
        (t.year(), t.month(), 2)
    });
    kept
}

/// Positions (in `catalog.versions`) of the versions of `workbook_name` the rules retire.
pub fn retire(catalog: &Catalog, workbook_name: &str, rules: &KeepRules) -> Vec<usize> {
    let indices: Vec<usize> = catalog
        .versions
        .iter()
        .enumerate()
        .filter(|(_, v)| v.workbook_name() == workbook_name)
        .map(|(i, _)| i)
        .collect();
    let candidates: Vec<Candidate> = indices.iter().map(|&i| Candidate::of(&catalog.versions[i])).collect();
    indices
        .into_iter()
        .zip(keep(&candidates, rules))
        .filter(|(_, k)| !k)
        .map(|(i, _)| i)
        .collect()
}

/// Removes the entries at `retired` from the catalog and returns the files that may now be
/// deleted: each retired file once, and none that an entry still in the catalog lists (a sync
/// client that merged two catalogs can leave two entries for one file).
pub fn remove_retired(catalog: &mut Catalog, retired: &[usize]) -> Vec<VersionFileName> {
    let retired: HashSet<usize> = retired.iter().copied().collect();
    let mut files = Vec::new();
    let mut position = 0;
    catalog.versions.retain(|v| {
        let gone = retired.contains(&position);
        position += 1;
        if gone {
            files.push(v.file.clone());
        }
        !gone
    });
    files.sort();
    files.dedup();
    files.retain(|f| !catalog.contains_file(f.as_str()));
    files
}

/// Walks versions newest first and keeps the first one seen in each of the `count` most recent
/// buckets (days, weeks or months) that have any version.
fn keep_newest_per_bucket<K: std::hash::Hash + Eq>(
    newest_first: &[usize],
    count: u32,
    kept: &mut [bool],
    bucket: impl Fn(usize) -> K,
) {
    let mut seen = HashSet::new();
    for &i in newest_first {
        if seen.len() >= count as usize {
            break;
        }
        if seen.insert(bucket(i)) {
            kept[i] = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(days_ago: i64, hour: u32) -> DateTime<FixedOffset> {
        let base = Local
            .with_ymd_and_hms(2026, 11, 21, hour, 0, 0)
            .single()
            .expect("valid local time");
        (base - chrono::Duration::days(days_ago)).fixed_offset()
    }

    fn c(days_ago: i64, hour: u32) -> Candidate {
        Candidate {
            // Made in time order unless a test says otherwise.
            sequence: u64::try_from(100_000 - days_ago * 24 + i64::from(hour)).expect("positive"),
            created: at(days_ago, hour),
            healthy: true,
            pinned: false,
        }
    }

    fn rules(last: u32, daily: u32, weekly: u32, monthly: u32) -> KeepRules {
        KeepRules {
            last,
            daily,
            weekly,
            monthly,
        }
    }

    #[test]
    fn keep_last_keeps_the_newest_n() {
        let list = [c(0, 9), c(0, 10), c(0, 11), c(0, 12)];
        assert_eq!(keep(&list, &rules(2, 0, 0, 0)), [false, false, true, true]);
    }

    #[test]
    fn daily_keeps_the_newest_of_each_day() {
        let list = [c(2, 9), c(2, 17), c(1, 9), c(1, 17), c(0, 9)];
        assert_eq!(keep(&list, &rules(0, 2, 0, 0)), [false, false, false, true, true]);
        assert_eq!(keep(&list, &rules(0, 3, 0, 0)), [false, true, false, true, true]);
    }

    #[test]
    fn monthly_reaches_back_past_daily() {
        let list = [c(90, 9), c(60, 9), c(30, 9), c(0, 9)];
        let kept = keep(&list, &rules(1, 0, 0, 3));
        assert_eq!(kept.iter().filter(|&&k| k).count(), 3);
        assert!(!kept[0], "the oldest month falls outside three months");
    }

    #[test]
    fn newest_healthy_survives_a_pile_of_damaged_versions() {
        let mut list: Vec<Candidate> = (0..10).map(|h| c(0, h)).collect();
        for v in list.iter_mut().skip(1) {
            v.healthy = false;
        }
        let kept = keep(&list, &rules(2, 0, 0, 0));
        assert!(kept[0], "the only healthy version must stay");
        assert!(kept[9] && kept[8]);
        assert_eq!(kept.iter().filter(|&&k| k).count(), 3);
    }

    #[test]
    fn no_rules_keeps_everything() {
        let list = [c(3, 9), c(2, 9)];
        assert_eq!(keep(&list, &rules(0, 0, 0, 0)), [true, true]);
    }

    #[test]
    fn newest_is_kept_even_with_tiny_rules() {
        let list = [c(5, 9), c(0, 9)];
        assert_eq!(keep(&list, &rules(0, 0, 0, 1)), [false, true]);
    }

    #[test]
    fn a_pinned_version_outlives_every_rule() {
        let mut list: Vec<Candidate> = (0..10).map(|d| c(100 - d * 10, 9)).collect();
        list[1].pinned = true;
        let kept = keep(&list, &rules(1, 1, 1, 1));
        assert!(kept[1], "the pinned version must stay");
        assert!(!kept[0] && !kept[2], "its neighbours go as usual");
    }

    #[test]
    fn a_clock_set_back_never_retires_the_version_just_made() {
        // Made last (highest sequence) but stamped a day before the others.
        let mut list = [c(0, 9), c(0, 10), c(1, 9)];
        list[2].sequence = 1_000_000;
        assert_eq!(keep(&list, &rules(1, 0, 0, 0)), [false, false, true]);
    }
}
