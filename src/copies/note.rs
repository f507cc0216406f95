//! What a second-copy run tells the user, as typed data: why a run stopped or waits, and each
//! version it could not copy or old copy it could not remove.
//!
//! A run's notes travel from the copy code to the command line (which prints the English
//! [`Display`](std::fmt::Display)) and to the app (which shows [`CopyNote::localized`] in the
//! user's language). `--json` gives each note's `kind` and its English `message`.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::ser::SerializeStruct;

use super::CopiesError;
use crate::fsutil;
use crate::i18n::{Explain, Said, SaidArg};
use crate::store::StoreError;

/// One thing a run for one destination has to tell the user.
#[derive(Debug, Clone)]
pub enum CopyNote {
    /// Why the run stopped, waits for its folder, or was cancelled.
    Stopped(Arc<CopiesError>),
    /// The profile has no version yet, so there is nothing to copy.
    NothingYet { destination: String, profile: String },
    /// A version the main folder lists is missing there, so it was not copied.
    SourceMissing { path: PathBuf },
    /// A version of the main folder could not be read, so it was not copied.
    SourceUnreadable { path: PathBuf, error: Arc<io::Error> },
    /// A version of the main folder no longer matches its SHA-256, so it was not copied.
    SourceChanged { path: PathBuf },
    /// An old copy the keep rules (or the main folder) retired could not be deleted; it is
    /// unlisted already, so nothing is lost.
    OldCopyNotDeleted { path: PathBuf, error: Arc<StoreError> },
    /// The main folder's `key.age` is not a locked key (damaged?), so the copy's was kept.
    KeyNotCopied { from: PathBuf, kept: PathBuf },
}

impl From<CopiesError> for CopyNote {
    fn from(e: CopiesError) -> Self {
        CopyNote::Stopped(Arc::new(e))
    }
}

impl CopyNote {
    /// A short stable name for scripts (`--json`).
    pub fn kind(&self) -> &'static str {
        match self {
            CopyNote::Stopped(_) => "stopped",
            CopyNote::NothingYet { .. } => "nothing-yet",
            CopyNote::SourceMissing { .. } => "source-missing",
            CopyNote::SourceUnreadable { .. } => "source-unreadable",
            CopyNote::SourceChanged { .. } => "source-changed",
            CopyNote::OldCopyNotDeleted { .. } => "old-copy-not-deleted",
            CopyNote::KeyNotCopied { .. } => "key-not-copied",
        }
    }
}

impl Explain for CopyNote {
    /// What the note says, as data (`copy-note-*` in `assets/i18n/problems-*.ftl`; the error's
    /// own for a stopped run).
    fn said(&self) -> Said {
        let path = |p: &Path| SaidArg::from(p);
        let reason = |e: &io::Error| SaidArg::Message {
            message: fsutil::io_reason_id(e).to_string(),
        };
        let (id, args) = match self {
            CopyNote::Stopped(e) => return e.said(),
            CopyNote::NothingYet { destination, profile } => (
                "copy-note-nothing-yet",
                vec![
                    ("destination", destination.clone().into()),
                    ("profile", profile.clone().into()),
                ],
            ),
            CopyNote::SourceMissing { path: p } => ("copy-note-source-missing", vec![("file", path(p))]),
            CopyNote::SourceUnreadable { path: p, error } => (
                "copy-note-source-unreadable",
                vec![("file", path(p)), ("reason", reason(error))],
            ),
            CopyNote::SourceChanged { path: p } => ("copy-note-source-changed", vec![("file", path(p))]),
            CopyNote::OldCopyNotDeleted { path: p, error } => (
                "copy-note-old-copy-not-deleted",
                vec![
                    ("file", path(p)),
                    (
                        "reason",
                        SaidArg::Message {
                            message: error.io_reason_id().to_string(),
                        },
                    ),
                ],
            ),
            CopyNote::KeyNotCopied { from, kept } => (
                "copy-note-key-not-copied",
                vec![("file", path(from)), ("kept", path(kept))],
            ),
        };
        Said::new(id, args, self.to_string())
    }
}

/// The English sentence the command line prints: names the file and the next step.
impl fmt::Display for CopyNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CopyNote::Stopped(e) => write!(f, "{e}"),
            CopyNote::NothingYet { destination, profile } => write!(
                f,
                "There is nothing to copy to `{destination}` yet: make a first backup of profile `{profile}`."
            ),
            CopyNote::SourceMissing { path } => write!(
                f,
                "The version `{}` is listed but missing in the main backup folder, so it was not copied. Run `sheetsafe verify --repair` to restore it from another copy.",
                path.display()
            ),
            CopyNote::SourceUnreadable { path, error } => write!(
                f,
                "The version `{}` could not be read ({error}), so it was not copied. Check the main backup disk.",
                path.display()
            ),
            CopyNote::SourceChanged { path } => write!(
                f,
                "The version `{}` in the main backup folder no longer matches its SHA-256, so it was not copied. Run `sheetsafe verify --repair` to mend it from another copy.",
                path.display()
            ),
            CopyNote::OldCopyNotDeleted { path, error } => write!(
                f,
                "Could not delete the old copy `{}`, which is no longer listed ({error}); delete it by hand or let the next copy try again.",
                path.display()
            ),
            CopyNote::KeyNotCopied { from, kept } => write!(
                f,
                "`{}` in the main backup folder is not a key file locked by a passphrase (damaged?), so it was not copied over the copy's `{}`. Put it back from the copy, or use the recovery sheet.",
                from.display(),
                kept.display()
            ),
        }
    }
}

/// `{"kind": "source-missing", "message": "The version … "}`: a stable kind for scripts and the
/// sentence a person reads.
impl serde::Serialize for CopyNote {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("CopyNote", 2)?;
        s.serialize_field("kind", self.kind())?;
        s.serialize_field("message", &self.to_string())?;
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Language, Translator, assert_said_everywhere};
    use crate::store::sealed::SealedError;

    fn io(kind: io::ErrorKind) -> io::Error {
        io::Error::new(kind, "raw system text (os error 13)")
    }

    fn store_errors() -> Vec<StoreError> {
        let p = || PathBuf::from("/media/usb/Sheetsafe/Sales");
        vec![
            StoreError::Unreachable {
                path: p(),
                source: io(io::ErrorKind::NotFound),
            },
            StoreError::ReadOnly { path: p() },
            StoreError::Full { path: p() },
            StoreError::Write {
                path: p(),
                source: io(io::ErrorKind::PermissionDenied),
            },
            StoreError::Read {
                path: p(),
                source: io(io::ErrorKind::Other),
            },
            StoreError::CatalogDamaged {
                path: p(),
                line: 3,
                message: "expected `=`".into(),
            },
            StoreError::NewerFormat { path: p(), found: 9 },
            StoreError::NotAFile { path: p() },
            StoreError::Busy {
                path: p(),
                holder: "Sheetsafe on SHOP-PC".into(),
            },
        ]
    }

    fn sealed_errors() -> Vec<SealedError> {
        let p = || PathBuf::from("/media/usb/Sheetsafe/Private/key.age");
        vec![
            SealedError::KeyMissing { path: p() },
            SealedError::WrongPassphrase { path: p() },
            SealedError::KeyDamaged { path: p() },
            SealedError::NotAnIdentity { path: p() },
            SealedError::NotForThisKey { path: p() },
            SealedError::CatalogDamaged { path: p() },
            SealedError::CatalogInvalid {
                path: p(),
                reason: "bad".into(),
            },
            SealedError::CatalogMissing { path: p() },
            SealedError::VersionDamaged { path: p() },
            SealedError::VersionSwapped { path: p() },
            SealedError::DeviceKeyMissing { path: p() },
            SealedError::KindMismatch { path: p() },
            SealedError::RecipientsInvalid,
        ]
    }

    fn copies_errors() -> Vec<CopiesError> {
        let p = || PathBuf::from("/media/usb/Sheetsafe/Sales");
        vec![
            CopiesError::Absent { path: p() },
            CopiesError::Vanished { path: p() },
            CopiesError::ReadBackMismatch { path: p() },
            CopiesError::UnknownDestination {
                profile: "Sales".into(),
                name: "USB".into(),
                known: "Its destinations: Office.".into(),
            },
            CopiesError::Cancelled { path: p() },
            CopiesError::SourceMissing { path: p() },
            CopiesError::SourceDamaged { path: p() },
            CopiesError::SourceSumsInvalid {
                path: p(),
                name: "evil".into(),
            },
            CopiesError::SourceSumsStale { path: p() },
            CopiesError::SourceBusy { path: p() },
            CopiesError::SecretUnreadable {
                destination: "Office".into(),
                path: p(),
                source: io(io::ErrorKind::NotFound),
            },
            CopiesError::SecretStoreUnavailable {
                destination: "Office".into(),
                store: "Windows Credential Manager",
                reason: "no answer within 20 seconds".into(),
            },
            CopiesError::NoCompanyStorage {
                destination: "Office".into(),
            },
        ]
    }

    fn notes() -> Vec<CopyNote> {
        let p = || PathBuf::from("/home/lan/Backups/Sales/Sales 2026-11-30 170501.xlsm");
        vec![
            CopyNote::NothingYet {
                destination: "USB".into(),
                profile: "Sales".into(),
            },
            CopyNote::SourceMissing { path: p() },
            CopyNote::SourceUnreadable {
                path: p(),
                error: Arc::new(io(io::ErrorKind::PermissionDenied)),
            },
            CopyNote::SourceChanged { path: p() },
            CopyNote::OldCopyNotDeleted {
                path: p(),
                error: Arc::new(StoreError::ReadOnly { path: p() }),
            },
            CopyNote::KeyNotCopied { from: p(), kept: p() },
        ]
    }

    #[test]
    fn every_copy_error_and_note_has_its_message_in_every_language() {
        let said: Vec<Said> = store_errors()
            .iter()
            .map(StoreError::said)
            .chain(sealed_errors().iter().map(SealedError::said))
            .chain(copies_errors().iter().map(CopiesError::said))
            .chain(notes().iter().map(CopyNote::said))
            .collect();
        let mut ids = std::collections::BTreeSet::new();
        for s in said {
            assert_said_everywhere(&s);
            // What a status file keeps reads back the same.
            let kept: Said = serde_json::from_str(&serde_json::to_string(&s).expect("json")).expect("read back");
            assert_eq!(kept, s);
            ids.insert(s.id);
        }
        assert!(ids.len() >= 35, "{ids:?}");
    }

    #[test]
    fn the_app_sees_no_raw_system_text_and_the_file_is_always_named() {
        for language in Language::ALL {
            let t = Translator::new(language);
            let mut said: Vec<(String, String)> = Vec::new();
            for e in store_errors() {
                said.push((e.to_string(), CopyNote::from(CopiesError::Store(e)).localized(&t)));
            }
            for e in sealed_errors() {
                said.push((e.to_string(), CopyNote::from(CopiesError::Sealed(e)).localized(&t)));
            }
            for e in copies_errors() {
                said.push((e.to_string(), CopyNote::from(e).localized(&t)));
            }
            for n in notes() {
                said.push((n.to_string(), n.localized(&t)));
            }
            for (english, text) in said {
                assert!(!text.contains("os error") && !text.contains("raw system"), "{text}");
                assert!(!text.contains("sheetsafe ") && !text.contains("--"), "{text}");
                // Whatever file the English sentence names, the translation names too.
                for named in english.split('`').skip(1).step_by(2).filter(|s| s.starts_with('/')) {
                    assert!(
                        text.contains(named),
                        "{} does not name {named}: {text}",
                        language.code()
                    );
                }
            }
        }
    }
}
