//! Why work the app started failed, kept as typed data until a screen puts it in the user's
//! language. The library's errors each know their own words (`Explain`: [`CopyNote`],
//! [`StoreError`], `ConfigError`, `KeysError` …); [`Failure::English`] is left only for what an
//! older agent recorded without its message id.

use sheetsafe::i18n::Explain as _;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use sheetsafe::contents::diff::DiffError;
use sheetsafe::copies::{CopiesError, CopyNote};
use sheetsafe::engine::BackupError;
use sheetsafe::i18n::{Said, Translator};
use sheetsafe::problem::Problem;
use sheetsafe::restore::RestoreError;
use sheetsafe::store::StoreError;
use sheetsafe::store::sealed::SealedError;

/// Why a task failed.
#[derive(Debug, Clone)]
pub enum Failure {
    /// A second copy stopped, or could not copy some versions.
    Copy(Vec<CopyNote>),
    /// The backup folder refused (unreachable, full, read-only, busy, damaged catalog…).
    Store(Arc<StoreError>),
    /// An encrypted backup folder refused (wrong key, damaged key or catalog…).
    Sealed(Arc<SealedError>),
    /// The check after a backup found something wrong with what was stored.
    Found(Box<Problem>),
    /// Two versions could not be compared.
    Compare(Arc<DiffError>),
    /// A file or folder could not be opened (in the spreadsheet application or the file
    /// manager), with the system's reason.
    Open { path: PathBuf, error: Arc<io::Error> },
    /// An error kept as data by the library (the hosted agent's record of a failed backup).
    Said(Said),
    /// A failed backup an older hosted agent recorded in English words only.
    English(String),
}

impl Failure {
    /// The failure in the translator's language.
    pub fn localized(&self, t: &Translator) -> String {
        match self {
            Failure::Copy(notes) => notes.iter().map(|n| n.localized(t)).collect::<Vec<_>>().join(" "),
            Failure::Store(e) => e.localized(t),
            Failure::Sealed(e) => e.localized(t),
            Failure::Found(problem) => problem.localized(t),
            Failure::Compare(e) => e.localized(t),
            Failure::Open { path, error } => t.format(
                "failure-open",
                &[
                    ("file", path.display().to_string().into()),
                    ("reason", crate::gui::fmt::io_reason(t, error).into()),
                ],
            ),
            Failure::Said(said) => said.localized(t),
            Failure::English(sentence) => sentence.clone(),
        }
    }
}

impl Failure {
    /// `path` could not be opened or prepared for opening.
    pub fn open(path: &Path, error: io::Error) -> Failure {
        Failure::Open {
            path: path.to_path_buf(),
            error: Arc::new(error),
        }
    }
}

impl From<BackupError> for Failure {
    fn from(e: BackupError) -> Self {
        match e {
            BackupError::Store(e) => Failure::Store(Arc::new(e)),
            BackupError::Sealed(e) => e.into(),
            other => Failure::Said(other.said()),
        }
    }
}

impl From<CopiesError> for Failure {
    fn from(e: CopiesError) -> Self {
        Failure::Copy(vec![e.into()])
    }
}

impl From<SealedError> for Failure {
    fn from(e: SealedError) -> Self {
        match e {
            SealedError::Store(e) => Failure::Store(Arc::new(e)),
            e => Failure::Sealed(Arc::new(e)),
        }
    }
}

impl From<RestoreError> for Failure {
    fn from(e: RestoreError) -> Self {
        match e {
            RestoreError::Store(e) => Failure::Store(Arc::new(e)),
            RestoreError::Sealed(e) => e.into(),
            RestoreError::SafetyCopy(e) => e.into(),
            other => Failure::Said(other.said()),
        }
    }
}

impl From<sheetsafe::status::dismissed::DismissError> for Failure {
    fn from(e: sheetsafe::status::dismissed::DismissError) -> Self {
        use sheetsafe::status::dismissed::DismissError;
        match e {
            DismissError::Write { path, source } => Failure::Store(Arc::new(StoreError::Write { path, source })),
            other @ DismissError::NotDismissable => {
                Failure::Said(Said::new("dismiss-not-dismissable", Vec::new(), other.to_string()))
            }
        }
    }
}

impl From<sheetsafe::inspect::InspectError> for Failure {
    fn from(e: sheetsafe::inspect::InspectError) -> Self {
        use sheetsafe::inspect::InspectError;
        match e {
            InspectError::Store(e) => Failure::Store(Arc::new(e)),
            InspectError::Sealed(e) => e.into(),
        }
    }
}
