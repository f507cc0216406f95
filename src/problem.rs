//! Problems: everything the status can report that needs the user, as typed data.
//!
//! A problem travels from where it is found (the agent, a profile's catalog, a second copy, the
//! scheduled check) to where it is shown (the CLI, the app's cards, the tray) as a [`Problem`],
//! never as a sentence: the CLI prints its English [`Display`](std::fmt::Display), the app looks
//! up its [`message_id`](Problem::message_id) with its [`args`](Problem::args) in the user's
//! language, and [`Level::of`] decides green, amber or red from the problems alone, so the tray,
//! the headline and every card agree.
//!
//! The agent writes problems into `agent-status.json` and `sheetsafe status` of another version
//! reads them back: variants are tagged by `kind`, and a kind this version does not know reads
//! as [`Problem::Unknown`] rather than failing the whole file.

pub mod contents;
pub mod finding;

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Local};
use serde::{Deserialize, Serialize};

use crate::i18n::{Arg, Said, Translator};
use crate::verify::Finding;
use crate::verify::sealed::SealedFinding;
use crate::watch::lockfile::LockKind;

/// How urgent a problem, or the state as a whole, is: the tray's green, amber and red.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// Everything is backed up and verified.
    Ok,
    /// Something needs attention (a workbook open long, a stale lock, no agent, a missing folder).
    Attention,
    /// A backup failed or a stored version is damaged.
    Failed,
}

impl Level {
    /// The one rule for the overall level: the most urgent problem's, green when there is none.
    /// The tray, the window's headline and each card all call this.
    pub fn of<'a>(problems: impl IntoIterator<Item = &'a Problem>) -> Level {
        problems.into_iter().map(Problem::level).max().unwrap_or(Level::Ok)
    }
}

/// Why saved changes are not backed up yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "kebab-case")]
pub enum Waiting {
    /// No agent runs, so nothing notices the close.
    NoAgent,
    /// The workbook is still open in a spreadsheet application.
    StillOpen {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        open_since: Option<DateTime<FixedOffset>>,
    },
    /// Backing it up fails (the failure is its own problem).
    BackupFailing,
    /// The agent is waiting for the workbook to be quiet, or does not know why.
    Pending,
}

/// A second copy's trouble.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "trouble", rename_all = "kebab-case")]
pub enum CopyTrouble {
    /// Overdue because its folder (a USB disk, a share) is not there.
    OverdueFolderAway { folder: PathBuf },
    /// Overdue with its folder there: nothing ran it.
    Overdue,
    /// The last copy failed: `reason` in English, `said` the same as data (absent in what
    /// older versions wrote).
    Failed {
        reason: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        said: Option<Said>,
    },
}

/// One thing that needs the user. The `String` fields hold an error's own sentence (which
/// names its file), never a state: states are variants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Problem {
    /// Profiles watch for closes, but no agent runs.
    AgentNotRunning,
    /// The agent could not load the changed configuration and goes on with the previous one;
    /// `reason` is the loader's sentence, `said` the same as data (absent in what older
    /// versions wrote).
    ConfigInvalid {
        reason: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        said: Option<Said>,
    },
    /// A folder holding workbooks cannot be watched; `reason` is the watcher's words, `said`
    /// the reason as data.
    FolderNotWatched {
        folder: PathBuf,
        reason: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        said: Option<Said>,
    },
    /// A profile's catalog cannot be read; `reason` is the store's sentence, `said` the same as
    /// data (absent in what older versions wrote).
    CatalogUnreadable {
        reason: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        said: Option<Said>,
    },
    /// A workbook is not where the profile says.
    WorkbookMissing { workbook: PathBuf },
    /// A workbook has never been backed up.
    NoBackupYet { workbook: PathBuf, profile: String },
    /// Every copy of a profile sits on its workbooks' own disk: no second copy elsewhere.
    NoCopyOffThisDisk { profile: String, folder: PathBuf },
    /// The profile's only copies off its workbooks' disk are second copies never made yet (a
    /// USB disk added while unplugged): nothing has left the disk so far.
    FirstCopyNotMade {
        profile: String,
        destination: String,
        folder: PathBuf,
    },
    /// Saved content has waited longer than the grace for its backup.
    ChangedSinceBackup {
        workbook: PathBuf,
        /// The first save that is not backed up.
        since: DateTime<FixedOffset>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        last_backup: Option<DateTime<FixedOffset>>,
        waiting: Waiting,
    },
    /// Open for hours with changes that are not backed up.
    OpenTooLong { workbook: PathBuf },
    /// A lock file whose application is no longer running.
    StaleLock { lock: PathBuf, application: LockKind },
    /// The last backup of a workbook failed; `reason` is the engine's sentence, `said` the same
    /// as data for the user's language (absent in what older versions wrote).
    BackupFailed {
        workbook: PathBuf,
        reason: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        said: Option<Said>,
    },
    /// The newest version is of a damaged workbook.
    Damaged { file: String },
    /// The newest version could not be checked for damage.
    NotChecked { file: String },
    /// The scheduled full check found something it could not repair.
    CheckFound { folder: PathBuf, finding: Finding },
    /// Repair from an intact copy was needed and could not be done; `reason` is the repair's
    /// sentence (it names the file and the place), `said` the same as data.
    NotRepaired {
        reason: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        said: Option<Said>,
    },
    /// A second copy is overdue or failed.
    SecondCopy {
        destination: String,
        profile: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        last_copy: Option<DateTime<FixedOffset>>,
        trouble: CopyTrouble,
    },
    /// A new version lost much of a sheet (or a whole one): the version before is pinned.
    DataVanished {
        profile: String,
        workbook: PathBuf,
        vanished: contents::Vanished,
    },
    /// The newest version's container is sound, but its cells could not be read (all, or some
    /// sheets): not damage, but nothing is known about what it holds.
    ContentsUnreadable {
        workbook: PathBuf,
        unreadable: contents::Unreadable,
    },
    /// The keyless check of an encrypted folder found a file missing, damaged or out of place.
    SealedCheckFound { finding: SealedFinding },
    /// Many workbooks lost their data at once, the pattern of ransomware: every version each
    /// had before is pinned.
    ManyWorkbooksLost { workbooks: Vec<PathBuf> },
    /// Written by a newer Sheetsafe; shown as a generic line.
    #[serde(other)]
    Unknown,
}

impl Problem {
    /// How urgent this problem is on its own.
    pub fn level(&self) -> Level {
        match self {
            Problem::BackupFailed { .. }
            | Problem::Damaged { .. }
            | Problem::CheckFound { .. }
            | Problem::NotRepaired { .. }
            | Problem::ManyWorkbooksLost { .. }
            | Problem::SealedCheckFound { .. }
            | Problem::SecondCopy {
                trouble: CopyTrouble::Failed { .. },
                ..
            } => Level::Failed,
            _ => Level::Attention,
        }
    }

    /// The workbook the problem is about, when it is about one.
    pub fn workbook(&self) -> Option<&Path> {
        match self {
            Problem::WorkbookMissing { workbook }
            | Problem::NoBackupYet { workbook, .. }
            | Problem::ChangedSinceBackup { workbook, .. }
            | Problem::OpenTooLong { workbook }
            | Problem::BackupFailed { workbook, .. }
            | Problem::DataVanished { workbook, .. }
            | Problem::ContentsUnreadable { workbook, .. } => Some(workbook),
            _ => None,
        }
    }

    /// The problem in the translator's language (the app's text: no command-line syntax).
    pub fn localized(&self, t: &Translator) -> String {
        match self {
            // A sentence per sheet that lost data (or could not be read), then the rest.
            Problem::DataVanished {
                profile,
                workbook,
                vanished,
            } => contents::vanished_sentences(t, profile, &file_name(workbook), vanished, contents::Reader::App)
                .join(" "),
            Problem::ContentsUnreadable { workbook, unreadable } => {
                contents::unreadable_sentences(t, &file_name(workbook), unreadable).join(" ")
            }
            _ => {
                let mut args = self.args();
                // An error kept as data is said in the user's language too.
                if let Some(said) = self.said() {
                    for (name, value) in &mut args {
                        if *name == "reason" {
                            *value = said.localized(t).into();
                        }
                    }
                }
                t.format(self.message_id(), &args)
            }
        }
    }

    /// The error behind a failed backup or second copy, as data, where it was kept so.
    fn said(&self) -> Option<&Said> {
        match self {
            Problem::BackupFailed { said, .. }
            | Problem::CatalogUnreadable { said, .. }
            | Problem::ConfigInvalid { said, .. }
            | Problem::FolderNotWatched { said, .. }
            | Problem::NotRepaired { said, .. }
            | Problem::SecondCopy {
                trouble: CopyTrouble::Failed { said, .. },
                ..
            } => said.as_ref(),
            _ => None,
        }
    }

    /// The Fluent message id the app shows this problem with (in `assets/i18n/problems-*.ftl`).
    pub fn message_id(&self) -> &'static str {
        match self {
            Problem::AgentNotRunning => "problem-agent-not-running",
            Problem::ConfigInvalid { .. } => "problem-config-invalid",
            Problem::FolderNotWatched { .. } => "problem-folder-not-watched",
            Problem::CatalogUnreadable { .. } => "problem-catalog-unreadable",
            Problem::WorkbookMissing { .. } => "problem-workbook-missing",
            Problem::NoBackupYet { .. } => "problem-no-backup-yet",
            Problem::NoCopyOffThisDisk { .. } => "problem-no-copy-off-disk",
            Problem::FirstCopyNotMade { .. } => "problem-first-copy-not-made",
            Problem::ChangedSinceBackup { waiting, .. } => match waiting {
                Waiting::NoAgent => "problem-changed-no-agent",
                Waiting::StillOpen { open_since: Some(_) } => "problem-changed-open-since",
                Waiting::StillOpen { open_since: None } => "problem-changed-open",
                Waiting::BackupFailing => "problem-changed-failing",
                Waiting::Pending => "problem-changed-pending",
            },
            Problem::OpenTooLong { .. } => "problem-open-too-long",
            Problem::StaleLock { .. } => "problem-stale-lock",
            Problem::BackupFailed { .. } => "problem-backup-failed",
            Problem::Damaged { .. } => "problem-damaged",
            Problem::NotChecked { .. } => "problem-not-checked",
            Problem::CheckFound { finding, .. } => finding::message_id(finding),
            Problem::NotRepaired { .. } => "problem-not-repaired",
            Problem::SecondCopy { trouble, .. } => match trouble {
                CopyTrouble::OverdueFolderAway { .. } => "problem-copy-overdue-away",
                CopyTrouble::Overdue => "problem-copy-overdue",
                CopyTrouble::Failed { .. } => "problem-copy-failed",
            },
            Problem::DataVanished { .. } => "alarm-kept",
            Problem::ManyWorkbooksLost { .. } => "problem-mass-loss",
            Problem::SealedCheckFound { finding } => finding::sealed_message_id(finding),
            Problem::ContentsUnreadable { unreadable, .. } => match unreadable.what {
                contents::UnreadablePart::Workbook { .. } => "finding-workbook-unreadable",
                contents::UnreadablePart::Sheets { .. } => "finding-sheet-unreadable",
            },
            Problem::Unknown => "problem-unknown",
        }
    }

    /// The arguments of [`message_id`](Problem::message_id): paths shown whole, times in the
    /// local time zone. Every message in every language uses exactly these names (a test checks).
    pub fn args(&self) -> Vec<(&'static str, Arg<'static>)> {
        let path = |p: &Path| Arg::from(p.display().to_string());
        match self {
            Problem::AgentNotRunning | Problem::Unknown => Vec::new(),
            Problem::ManyWorkbooksLost { workbooks } => vec![
                ("count", workbooks.len().into()),
                ("workbooks", names(workbooks).into()),
            ],
            // The message id's own arguments; `localized` adds a sentence per sheet.
            Problem::DataVanished { vanished, .. } => vec![("kept", minute(vanished.kept_created).into())],
            Problem::ContentsUnreadable { workbook, unreadable } => {
                let mut args = vec![
                    ("workbook", file_name(workbook).into()),
                    ("file", unreadable.file.as_str().to_string().into()),
                ];
                match &unreadable.what {
                    contents::UnreadablePart::Workbook { detail, .. } => {
                        args.push(("detail", detail.clone().unwrap_or_default().into()));
                    }
                    contents::UnreadablePart::Sheets { sheets } => {
                        let first = sheets.first();
                        args.push(("sheet", first.map(|s| s.sheet.clone()).unwrap_or_default().into()));
                        args.push(("detail", first.map(|s| s.detail.clone()).unwrap_or_default().into()));
                    }
                }
                args
            }
            Problem::ConfigInvalid { reason, .. }
            | Problem::CatalogUnreadable { reason, .. }
            | Problem::NotRepaired { reason, .. } => vec![("reason", reason.clone().into())],
            Problem::FolderNotWatched { folder, reason, .. } => {
                vec![("folder", path(folder)), ("reason", reason.clone().into())]
            }
            Problem::WorkbookMissing { workbook } | Problem::OpenTooLong { workbook } => {
                vec![("workbook", path(workbook))]
            }
            Problem::NoBackupYet { workbook, .. } => vec![("workbook", path(workbook))],
            Problem::NoCopyOffThisDisk { profile, folder } => {
                vec![("profile", profile.clone().into()), ("folder", path(folder))]
            }
            Problem::FirstCopyNotMade {
                profile,
                destination,
                folder,
            } => vec![
                ("profile", profile.clone().into()),
                ("destination", destination.clone().into()),
                ("folder", path(folder)),
            ],
            // The last backup's time is on the card already; the sentence says since when.
            Problem::ChangedSinceBackup {
                workbook,
                since,
                waiting,
                ..
            } => {
                let mut args = vec![("workbook", path(workbook)), ("since", clock(*since).into())];
                if let Waiting::StillOpen { open_since: Some(open) } = waiting {
                    args.push(("open", clock(*open).into()));
                }
                args
            }
            Problem::StaleLock { lock, application } => {
                vec![("lock", path(lock)), ("application", application.application().into())]
            }
            Problem::BackupFailed { workbook, reason, .. } => {
                vec![("workbook", path(workbook)), ("reason", reason.clone().into())]
            }
            Problem::Damaged { file } | Problem::NotChecked { file } => vec![("file", file.clone().into())],
            Problem::CheckFound { folder, finding } => finding::args(folder, finding),
            Problem::SealedCheckFound { finding } => finding::sealed_args(finding),
            Problem::SecondCopy {
                destination, trouble, ..
            } => {
                // The last copy's time is in the destination's line on the card.
                let mut args = vec![("destination", destination.clone().into())];
                match trouble {
                    CopyTrouble::OverdueFolderAway { folder } => args.push(("folder", path(folder))),
                    CopyTrouble::Failed { reason, .. } => args.push(("reason", reason.clone().into())),
                    CopyTrouble::Overdue => {}
                }
                args
            }
        }
    }
}

/// The workbooks' file names, for a sentence: "Sales.xlsx, Stock.xlsx".
fn names(workbooks: &[PathBuf]) -> String {
    workbooks.iter().map(|w| file_name(w)).collect::<Vec<_>>().join(", ")
}

/// A workbook's file name, as the contents sentences name it.
fn file_name(workbook: &Path) -> String {
    workbook
        .file_name()
        .map_or_else(|| workbook.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// `2026-11-30 17:05` in local time.
fn minute(t: DateTime<FixedOffset>) -> String {
    t.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string()
}

/// `17:05` in local time.
fn clock(t: DateTime<FixedOffset>) -> String {
    t.with_timezone(&Local).format("%H:%M").to_string()
}

/// The English sentence the command line prints: names the file and the next step.
impl fmt::Display for Problem {
    #[allow(clippy::too_many_lines)] // one arm per kind of problem reads best side by side
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::AgentNotRunning => f.write_str(
                "The Sheetsafe agent is not running, so closing a workbook makes no backup. Start the Sheetsafe app, or run `sheetsafe agent`.",
            ),
            Problem::ConfigInvalid { reason, .. } => {
                write!(f, "{reason} Backups continue with the previous settings.")
            }
            Problem::CatalogUnreadable { reason, .. } | Problem::NotRepaired { reason, .. } => f.write_str(reason),
            // The engine's sentences name the workbook; one that does not gets it in front.
            Problem::BackupFailed { workbook, reason, .. } => {
                let name = workbook.display().to_string();
                if reason.contains(&name) {
                    f.write_str(reason)
                } else {
                    write!(f, "Backing up `{name}` failed: {reason}")
                }
            }
            Problem::FolderNotWatched { folder, reason, .. } => write!(
                f,
                "The folder `{}` cannot be watched ({reason}); closes there are not noticed until it is back.",
                folder.display()
            ),
            Problem::WorkbookMissing { workbook } => write!(
                f,
                "The workbook `{}` cannot be found. If it was moved or renamed, update the profile; if its drive is unplugged, connect it.",
                workbook.display()
            ),
            Problem::NoBackupYet { workbook, profile } => write!(
                f,
                "`{}` has no backup yet. Run `sheetsafe backup \"{profile}\"`.",
                workbook.display()
            ),
            Problem::NoCopyOffThisDisk { profile, folder } => write!(
                f,
                "Every copy of `{profile}` is on the same disk as its workbooks (`{}`): a failed, stolen or encrypted disk takes the workbooks and their backups together. Add a second copy on a USB disk or in a cloud-drive folder: `sheetsafe profile dest add \"{profile}\" --dest-name USB --folder FOLDER --on-plug`.",
                folder.display()
            ),
            Problem::FirstCopyNotMade {
                profile,
                destination,
                folder,
            } => write!(
                f,
                "No copy of `{profile}` has left this disk yet: its second copy `{destination}` (`{}`) has not been made. Plug in the disk or reconnect the share and it is made at once, or run `sheetsafe copy \"{profile}\"`.",
                folder.display()
            ),
            Problem::ChangedSinceBackup {
                workbook,
                since,
                last_backup,
                waiting,
            } => {
                let workbook = workbook.display();
                let last = last_backup.map_or_else(String::new, |t| format!(" (last backup {})", minute(t)));
                let since = clock(*since);
                match waiting {
                    Waiting::NoAgent => write!(
                        f,
                        "`{workbook}` has changed since its last backup{last}: the save of {since} is not backed up. Start the Sheetsafe app, or run `sheetsafe backup`."
                    ),
                    Waiting::StillOpen { open_since: Some(open) } => write!(
                        f,
                        "`{workbook}` has changes saved since {since} that are not backed up yet{last}: it has been open since {}. Close it to back it up now; otherwise Sheetsafe backs it up once it has not been saved for a while.",
                        clock(*open)
                    ),
                    Waiting::StillOpen { open_since: None } => write!(
                        f,
                        "`{workbook}` has changes saved since {since} that are not backed up yet{last}: it is still open. Close it to back it up now."
                    ),
                    Waiting::BackupFailing => write!(
                        f,
                        "`{workbook}` has changes saved since {since} that are not backed up{last}: backing it up is failing (the reason is below). Sheetsafe keeps trying."
                    ),
                    Waiting::Pending => write!(
                        f,
                        "`{workbook}` has changes saved since {since} that are not backed up yet{last}. Run `sheetsafe backup` to back it up now."
                    ),
                }
            }
            Problem::OpenTooLong { workbook } => write!(
                f,
                "`{}` has been open for hours with changes that are not backed up yet. Save and close it to make a backup.",
                workbook.display()
            ),
            Problem::StaleLock { lock, application } => write!(
                f,
                "The lock file `{}` was left behind by {} that is no longer running (perhaps after a crash). Backups go on; if the application says the workbook is locked, delete that file.",
                lock.display(),
                application.application()
            ),
            Problem::Damaged { file } => write!(
                f,
                "The newest backup `{file}` is of a damaged workbook; repair the workbook or restore an older version."
            ),
            Problem::NotChecked { file } => write!(
                f,
                "The newest backup `{file}` could not be checked for damage (the copy itself is verified); run `sheetsafe verify --full` after updating Sheetsafe."
            ),
            Problem::CheckFound { folder, finding } => f.write_str(&finding.message(folder)),
            Problem::SealedCheckFound { finding } => write!(f, "{finding}"),
            Problem::SecondCopy {
                destination,
                profile,
                last_copy,
                trouble,
            } => {
                let last = last_copy.map_or_else(|| "nothing copied yet".to_string(), minute);
                match trouble {
                    CopyTrouble::OverdueFolderAway { folder } => write!(
                        f,
                        "The second copy `{destination}` is overdue (last copy: {last}) because `{}` is not there. Plug in the drive or reconnect the share; the copy starts by itself.",
                        folder.display()
                    ),
                    CopyTrouble::Overdue => write!(
                        f,
                        "The second copy `{destination}` is overdue (last copy: {last}). Make sure Sheetsafe is running, or run `sheetsafe copy \"{profile}\"`."
                    ),
                    CopyTrouble::Failed { reason, .. } => {
                        write!(f, "The second copy `{destination}` failed: {reason}")
                    }
                }
            }
            // The contents sentences exist once, as messages; the command line shows the English.
            // The command line's words: its commands, where the app names its buttons.
            Problem::DataVanished {
                profile,
                workbook,
                vanished,
            } => f.write_str(
                &contents::vanished_sentences(
                    &Translator::new(crate::i18n::Language::En),
                    profile,
                    &file_name(workbook),
                    vanished,
                    contents::Reader::CommandLine,
                )
                .join(" "),
            ),
            Problem::ContentsUnreadable { .. } => {
                f.write_str(&self.localized(&Translator::new(crate::i18n::Language::En)))
            }
            Problem::ManyWorkbooksLost { workbooks } => write!(
                f,
                "{} workbooks lost their data at once ({}), the pattern of ransomware: every version made before is kept. Disconnect this computer from the network and the backup disks, then restore the workbooks from a clean computer; if the change was intended, run `sheetsafe accept-change` for each workbook.",
                workbooks.len(),
                names(workbooks)
            ),
            Problem::Unknown => f.write_str(
                "A newer Sheetsafe reported a problem this version cannot describe; update Sheetsafe to see it.",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Language, variables_by_message};
    use crate::store::NameProblem;

    fn time(hour: u32) -> DateTime<FixedOffset> {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 30)
            .and_then(|d| d.and_hms_opt(hour, 5, 0))
            .expect("a valid time")
            .and_utc()
            .fixed_offset()
    }

    /// One problem of every kind and every sub-kind.
    fn samples() -> Vec<Problem> {
        let workbook = PathBuf::from("/shop/Bảng lương tháng 11.xlsx");
        let changed = |waiting| Problem::ChangedSinceBackup {
            workbook: workbook.clone(),
            since: time(9),
            last_backup: Some(time(8)),
            waiting,
        };
        let copy = |trouble| Problem::SecondCopy {
            destination: "USB".into(),
            profile: "Cửa hàng".into(),
            last_copy: None,
            trouble,
        };
        vec![
            Problem::AgentNotRunning,
            Problem::ConfigInvalid {
                reason: "bad".into(),
                said: None,
            },
            Problem::FolderNotWatched {
                folder: "/shop".into(),
                reason: "gone".into(),
                said: None,
            },
            Problem::CatalogUnreadable {
                reason: "bad".into(),
                said: None,
            },
            Problem::WorkbookMissing {
                workbook: workbook.clone(),
            },
            Problem::NoBackupYet {
                workbook: workbook.clone(),
                profile: "Cửa hàng".into(),
            },
            Problem::NoCopyOffThisDisk {
                profile: "Cửa hàng".into(),
                folder: "/shop/backups".into(),
            },
            Problem::FirstCopyNotMade {
                profile: "Cửa hàng".into(),
                destination: "USB".into(),
                folder: "/media/usb/Cửa hàng".into(),
            },
            changed(Waiting::NoAgent),
            changed(Waiting::StillOpen {
                open_since: Some(time(7)),
            }),
            changed(Waiting::StillOpen { open_since: None }),
            changed(Waiting::BackupFailing),
            changed(Waiting::Pending),
            Problem::OpenTooLong {
                workbook: workbook.clone(),
            },
            Problem::StaleLock {
                lock: "/shop/.~lock.Bảng lương tháng 11.xlsx#".into(),
                application: LockKind::LibreOffice,
            },
            Problem::BackupFailed {
                workbook,
                reason: "disk full".into(),
                said: None,
            },
            Problem::Damaged { file: "a.xlsx".into() },
            Problem::NotChecked { file: "a.xlsx".into() },
            Problem::CheckFound {
                folder: "/backups/P".into(),
                finding: Finding::Rejected {
                    file: "../x".into(),
                    problem: NameProblem::Separator,
                },
            },
            Problem::NotRepaired {
                reason: "no copy".into(),
                said: None,
            },
            copy(CopyTrouble::OverdueFolderAway {
                folder: "/media/usb".into(),
            }),
            copy(CopyTrouble::Overdue),
            copy(CopyTrouble::Failed {
                reason: "read-only".into(),
                said: None,
            }),
            Problem::ManyWorkbooksLost {
                workbooks: vec![
                    "/shop/Bán hàng.xlsx".into(),
                    "/shop/Kho hàng.xlsx".into(),
                    "/shop/Sổ sách.xlsx".into(),
                ],
            },
            Problem::SealedCheckFound {
                finding: SealedFinding::Damaged {
                    path: "/backups/P/v/0f3a.age".into(),
                },
            },
            Problem::Unknown,
        ]
    }

    /// Which message a sample stands for. The match is exhaustive, so a new kind of problem
    /// does not compile until it is here, and then the test below fails until it has a sample.
    fn kind(p: &Problem) -> &'static str {
        match p {
            Problem::AgentNotRunning
            | Problem::ConfigInvalid { .. }
            | Problem::FolderNotWatched { .. }
            | Problem::CatalogUnreadable { .. }
            | Problem::WorkbookMissing { .. }
            | Problem::NoBackupYet { .. }
            | Problem::NoCopyOffThisDisk { .. }
            | Problem::FirstCopyNotMade { .. }
            | Problem::ChangedSinceBackup { .. }
            | Problem::OpenTooLong { .. }
            | Problem::StaleLock { .. }
            | Problem::BackupFailed { .. }
            | Problem::Damaged { .. }
            | Problem::NotChecked { .. }
            | Problem::CheckFound { .. }
            | Problem::NotRepaired { .. }
            | Problem::SecondCopy { .. }
            | Problem::DataVanished { .. }
            | Problem::ContentsUnreadable { .. }
            | Problem::ManyWorkbooksLost { .. }
            | Problem::SealedCheckFound { .. }
            | Problem::Unknown => p.message_id(),
        }
    }

    #[test]
    fn a_failure_kept_as_data_is_said_in_the_users_language_and_older_files_still_read() {
        use crate::i18n::Explain as _;
        let said = crate::store::StoreError::Full {
            path: "/media/usb/Sheetsafe".into(),
        }
        .said();
        let p = Problem::BackupFailed {
            workbook: "/shop/Sổ bán hàng.xlsx".into(),
            reason: said.english.clone(),
            said: Some(said),
        };
        let pl = p.localized(&Translator::new(Language::Pl));
        assert!(pl.contains("jest pełny") && pl.contains("/media/usb/Sheetsafe"), "{pl}");
        assert!(!pl.contains("is full"), "{pl}");
        // The command line keeps its English sentence.
        assert!(p.to_string().contains("is full"), "{p}");
        // Through the status file and back; and what an older agent wrote (no `said`) reads.
        let back: Problem = serde_json::from_str(&serde_json::to_string(&p).expect("json")).expect("read");
        assert_eq!(back, p);
        let old = r#"{"kind":"backup-failed","workbook":"/shop/a.xlsx","reason":"disk full"}"#;
        let read: Problem = serde_json::from_str(old).expect("an older status file");
        assert!(matches!(read, Problem::BackupFailed { said: None, .. }), "{read:?}");
        assert!(read.localized(&Translator::new(Language::Vi)).contains("disk full"));
    }

    #[test]
    fn every_problem_has_its_message_in_every_language_with_exactly_its_arguments() {
        let samples = samples();
        let ids: std::collections::BTreeSet<&str> = samples.iter().map(kind).collect();
        assert_eq!(ids.len(), samples.len(), "two samples stand for one message");
        for language in Language::ALL {
            let messages = variables_by_message(&language.source());
            let t = Translator::new(language);
            for p in &samples {
                let id = p.message_id();
                let vars = messages
                    .get(id)
                    .unwrap_or_else(|| panic!("{id} is missing in {}", language.code()));
                let mut given: Vec<String> = p.args().iter().map(|(name, _)| (*name).to_string()).collect();
                given.sort();
                assert_eq!(&given, vars, "{id} in {} uses other arguments", language.code());
                let text = p.localized(&t);
                assert!(!text.contains('{') && !text.contains('$'), "{id}: {text}");
                assert!(!text.contains("sheetsafe "), "{id} shows command-line syntax: {text}");
            }
        }
    }

    #[test]
    fn the_english_sentence_names_the_workbook_and_problems_survive_the_status_file() {
        for p in samples() {
            if let Some(w) = p.workbook() {
                assert!(p.to_string().contains(&*w.display().to_string()), "{p}");
            }
            let json = serde_json::to_string(&p).expect("serialise");
            let back: Problem = serde_json::from_str(&json).expect("deserialise");
            assert_eq!(back, p, "{json}");
        }
        let newer: Problem = serde_json::from_str(r#"{"kind":"quantum-flux","x":1}"#).expect("a newer kind reads");
        assert_eq!(newer, Problem::Unknown);
    }

    #[test]
    fn the_level_is_the_most_urgent_problems_and_green_without_any() {
        assert_eq!(Level::of(&[]), Level::Ok);
        let samples = samples();
        for a in &samples {
            for b in &samples {
                assert_eq!(Level::of([a, b]), a.level().max(b.level()));
            }
        }
        let failed = samples.iter().filter(|p| p.level() == Level::Failed).count();
        assert!(failed >= 4, "damage, failed backups, failed checks and copies are red");
    }
}
