//! What the catalog's summaries and pins mean for the status: data that vanished (a version
//! pinned by the vanishing-data alarm) and sheets the reader could not read in the newest
//! version. Gathered as typed values per workbook, and turned into sentences in the user's
//! language only when the overview is built.

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use crate::i18n::Translator;
use crate::store::{Catalog, Loss, LossKind, PinReason, Unread, VersionFileName};

/// Data that vanished from a workbook, and the version kept because of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Vanished {
    /// The last version before the loss (pinned).
    pub kept: VersionFileName,
    pub kept_created: DateTime<FixedOffset>,
    /// When the version that lost the data was made, if it is still listed.
    pub lost_at: Option<DateTime<FixedOffset>>,
    pub losses: Vec<Loss>,
}

/// What the reader could not read in the newest version, a finding of its own (amber).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unreadable {
    pub file: VersionFileName,
    pub what: UnreadablePart,
}

/// The whole workbook, or some of its sheets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum UnreadablePart {
    Workbook { reason: Unread, detail: Option<String> },
    Sheets { sheets: Vec<SheetProblem> },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SheetProblem {
    pub sheet: String,
    pub detail: String,
}

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

/// The sentences for one workbook's vanished data.
pub fn vanished_sentences(t: &Translator, profile: &str, workbook: &str, vanished: &Vanished) -> Vec<String> {
    let time = |d: &DateTime<FixedOffset>| d.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M").to_string();
    let when = vanished.lost_at.as_ref().map_or_else(|| "?".to_string(), time);
    let mut out: Vec<String> = vanished
        .losses
        .iter()
        .map(|loss| {
            let id = match loss.kind {
                LossKind::Sheet => "alarm-lost-sheet",
                LossKind::Cells => "alarm-lost-cells",
                LossKind::Rows | LossKind::Unknown => "alarm-lost-rows",
            };
            t.format(
                id,
                &[
                    ("workbook", workbook.into()),
                    ("sheet", loss.sheet.as_str().into()),
                    ("before", loss.before.into()),
                    ("lost", loss.before.saturating_sub(loss.after).into()),
                    ("when", when.clone().into()),
                ],
            )
        })
        .collect();
    out.push(t.format(
        "alarm-pinned",
        &[
            ("kept", time(&vanished.kept_created).into()),
            ("profile", profile.into()),
            ("workbook", workbook.into()),
            ("file", vanished.kept.as_str().into()),
        ],
    ));
    out
}

/// The sentences for what the reader could not read.
pub fn unreadable_sentences(t: &Translator, workbook: &str, unreadable: &Unreadable) -> Vec<String> {
    let file = unreadable.file.as_str();
    match &unreadable.what {
        UnreadablePart::Workbook { reason, detail } => {
            let detail = match reason {
                Unread::TimedOut => t.tr("finding-timed-out"),
                _ => detail.clone().unwrap_or_default(),
            };
            vec![t.format(
                "finding-workbook-unreadable",
                &[
                    ("workbook", workbook.into()),
                    ("file", file.into()),
                    ("detail", detail.into()),
                ],
            )]
        }
        UnreadablePart::Sheets { sheets } => sheets
            .iter()
            .map(|s| {
                t.format(
                    "finding-sheet-unreadable",
                    &[
                        ("sheet", s.sheet.as_str().into()),
                        ("workbook", workbook.into()),
                        ("file", file.into()),
                        ("detail", s.detail.as_str().into()),
                    ],
                )
            })
            .collect(),
    }
}
