//! What the catalog's summaries and pins mean for the status: the data that vanished (a version
//! pinned by the vanishing-data alarm) and the sheets the reader could not read in the newest
//! version, gathered per workbook as typed values; the overview makes them problems.

pub use crate::problem::contents::{
    Reader, SheetProblem, Unreadable, UnreadablePart, Vanished, unreadable_sentences, vanished_sentences,
};
use crate::store::{Catalog, PinReason};

/// The vanishing-data pins among the versions of `workbook_name`, newest first.
pub fn vanished(catalog: &Catalog, workbook_name: &str) -> Vec<Vanished> {
    let mut found: Vec<(u64, Vanished)> = catalog
        .versions_of(workbook_name)
        .filter_map(|v| {
            let pin = v.pin.as_ref().filter(|p| p.reason == PinReason::VanishingData)?;
            let lost_at = pin.lost_in.as_deref().and_then(|f| catalog.find(f)).map(|l| l.created);
            Some((
                v.sequence,
                Vanished {
                    kept: v.file.clone(),
                    kept_created: v.created,
                    lost_at,
                    losses: pin.losses.clone(),
                },
            ))
        })
        .collect();
    found.sort_by_key(|(seq, _)| std::cmp::Reverse(*seq));
    found.into_iter().map(|(_, v)| v).collect()
}

/// What the reader could not read in the newest version of `workbook_name`.
pub fn unreadable(catalog: &Catalog, workbook_name: &str) -> Option<Unreadable> {
    let newest = catalog.newest_of(workbook_name)?;
    let summary = newest.summary.as_ref()?;
    let what = match summary.unread {
        Some(reason) if reason.is_finding() => UnreadablePart::Workbook {
            reason,
            detail: summary.detail.clone(),
        },
        Some(_) => return None,
        None => {
            let sheets: Vec<SheetProblem> = summary
                .unreadable_sheets()
                .map(|s| SheetProblem {
                    sheet: s.name.clone(),
                    detail: s.problem.clone().unwrap_or_default(),
                })
                .collect();
            if sheets.is_empty() {
                return None;
            }
            UnreadablePart::Sheets { sheets }
        }
    };
    Some(Unreadable {
        file: newest.file.clone(),
        what,
    })
}
