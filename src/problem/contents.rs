//! What needs the user about a workbook's contents: data that vanished (a version pinned by the
//! vanishing-data alarm) and sheets the reader could not read in the newest version, as typed
//! values, and their sentences in a language (`status::contents` gathers them from a catalog).

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::i18n::Translator;
use crate::store::{Loss, LossKind, Unread, VersionFileName};

/// Data that vanished from a workbook, and the version kept because of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vanished {
    /// The last version before the loss (pinned).
    pub kept: VersionFileName,
    pub kept_created: DateTime<FixedOffset>,
    /// When the version that lost the data was made, if it is still listed.
    pub lost_at: Option<DateTime<FixedOffset>>,
    pub losses: Vec<Loss>,
}

/// What the reader could not read in the newest version, a finding of its own (amber).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unreadable {
    pub file: VersionFileName,
    pub what: UnreadablePart,
}

/// The whole workbook, or some of its sheets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum UnreadablePart {
    Workbook { reason: Unread, detail: Option<String> },
    Sheets { sheets: Vec<SheetProblem> },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SheetProblem {
    pub sheet: String,
    pub detail: String,
}

/// Whom a sentence is for: the app names its buttons, the command line its commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    App,
    CommandLine,
}

/// The sentences for one workbook's vanished data: a sentence per loss, then where the data
/// still is and the ways out (buttons for the app, commands for the command line).
pub fn vanished_sentences(
    t: &Translator,
    profile: &str,
    workbook: &str,
    vanished: &Vanished,
    reader: Reader,
) -> Vec<String> {
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
    out.push(match reader {
        Reader::App => t.format("alarm-kept", &[("kept", time(&vanished.kept_created).into())]),
        Reader::CommandLine => t.format(
            "alarm-pinned",
            &[
                ("kept", time(&vanished.kept_created).into()),
                ("profile", profile.into()),
                ("workbook", workbook.into()),
                ("file", vanished.kept.as_str().into()),
            ],
        ),
    });
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
