//! What loading or checking a configuration found allowed but unwise, as data: a setting it
//! did not know, a number it brought into range, a backup or second copy on the workbook's own
//! disk. Each has the English sentence the command line prints; callers pick warnings by kind
//! (a new second copy's own), never by their words.

use std::fmt;
use std::path::PathBuf;

/// One warning. Nothing was refused: the configuration is used (with the adjusted value).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigWarning {
    /// A key the configuration does not have (a misspelling, or a newer Sheetsafe's).
    UnknownSetting { path: PathBuf, key: String },
    /// `lock_wait_seconds` above an hour, used as 3600.
    LockWaitClamped,
    /// A profile's settle, idle, poll or open-warning time was out of range.
    WatchClamped { profile: String },
    /// A profile's saved-while-open, unprotected-grace or stale-lock time was out of range.
    WatchTimingClamped { profile: String },
    /// A profile's vanishing-data percentages were out of range.
    AlarmClamped { profile: String },
    /// A keep rule above 10000, of the profile or of one of its second copies.
    KeepClamped {
        profile: String,
        destination: Option<String>,
    },
    /// The backup folder shares a disk with a workbook: it protects against a damaged
    /// workbook, not a failed or stolen disk.
    BackupOnWorkbookDisk { backup_folder: PathBuf, workbook: PathBuf },
    /// A second copy shares a disk with a workbook or the main backup folder.
    DestinationOnSameDisk {
        destination: String,
        folder: PathBuf,
        shared_with: SharedDisk,
    },
}

/// What a second copy shares its disk with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SharedDisk {
    Workbook(PathBuf),
    MainBackupFolder(PathBuf),
}

impl ConfigWarning {
    /// The second copy this warning is about, if it is about one.
    pub fn destination(&self) -> Option<&str> {
        match self {
            ConfigWarning::DestinationOnSameDisk { destination, .. }
            | ConfigWarning::KeepClamped {
                destination: Some(destination),
                ..
            } => Some(destination),
            _ => None,
        }
    }
}

/// The English sentence the command line prints.
impl fmt::Display for ConfigWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigWarning::UnknownSetting { path, key } => write!(
                f,
                "The configuration `{}` has an unknown setting `{key}`; it is ignored (check its spelling).",
                path.display()
            ),
            ConfigWarning::LockWaitClamped => f.write_str("`lock_wait_seconds` is more than an hour; using 3600."),
            ConfigWarning::WatchClamped { profile } => write!(
                f,
                "A watch setting of profile `{profile}` was out of range and was adjusted (settle 1-600 s, idle 5-3600 s, poll 2-3600 s, open warning 1-168 h)."
            ),
            ConfigWarning::WatchTimingClamped { profile } => write!(
                f,
                "A watch setting of profile `{profile}` was out of range and was adjusted (saved while open 0 or 5-86400 s, unprotected grace 0-86400 s, stale-lock check 2-600 s, recheck 10-3600 s)."
            ),
            ConfigWarning::AlarmClamped { profile } => write!(
                f,
                "An alarm setting of profile `{profile}` was out of range and was adjusted (rows and cells lost 1-100 percent)."
            ),
            ConfigWarning::KeepClamped {
                profile,
                destination: None,
            } => write!(f, "A keep rule of profile `{profile}` is above 10000; using 10000."),
            ConfigWarning::KeepClamped {
                profile,
                destination: Some(destination),
            } => write!(
                f,
                "A keep rule of destination `{destination}` of profile `{profile}` is above 10000; using 10000."
            ),
            ConfigWarning::BackupOnWorkbookDisk {
                backup_folder,
                workbook,
            } => write!(
                f,
                "The backup folder `{}` is on the same disk as `{}`: this protects against a damaged workbook, not against a failed or stolen disk. Add a second copy on a USB disk or cloud folder.",
                backup_folder.display(),
                workbook.display()
            ),
            ConfigWarning::DestinationOnSameDisk {
                destination,
                folder,
                shared_with,
            } => {
                let shared_with = match shared_with {
                    SharedDisk::Workbook(w) => format!("the workbook `{}`", w.display()),
                    SharedDisk::MainBackupFolder(b) => format!("the main backup folder `{}`", b.display()),
                };
                write!(
                    f,
                    "The destination `{destination}` (`{}`) is on the same disk as {shared_with}: if that disk fails or is encrypted by ransomware, this copy is lost with it. Choose a USB drive, a network share or a cloud-drive folder.",
                    folder.display()
                )
            }
        }
    }
}
