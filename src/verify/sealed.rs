//! Checking an encrypted profile folder without any key: what whoever administers the storage
//! may know. `SHA256SUMS` (clear) lists every ciphertext file; each must be present and, with
//! `--full`, hash to its line. The report holds counts, sizes and opaque file names only.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::copy;
use crate::progress::Progress;
use crate::store::sealed::{SEALED_CATALOG_FILE, SealedStore, VERSIONS_DIR, is_opaque_name};
use crate::store::{SUMS_FILE, StoreError};

use super::VerifyMode;

/// What checking an encrypted folder found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SealedReport {
    /// Version files `SHA256SUMS` lists.
    pub versions: usize,
    /// Of those, the ones found present (quick) or intact (full).
    pub intact: usize,
    /// Total size of the version files found.
    pub bytes: u64,
    /// What is wrong; file names are the folder's opaque ones.
    pub findings: Vec<SealedFinding>,
    /// Worth knowing, but no version is missing or damaged because of it (a temporary or
    /// unlisted file an interrupted backup left), as for plain folders' leftovers.
    pub notes: Vec<SealedFinding>,
    /// The user cancelled a full check part-way: `intact` counts only the files read.
    pub cancelled: bool,
}

/// One thing a keyless check of an encrypted folder found. Paths are the folder's own, whose
/// version files have random names: nothing here tells what a workbook is called.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum SealedFinding {
    /// The folder could not be read at all.
    Unreachable { path: PathBuf, detail: String },
    /// `SHA256SUMS` is missing or empty although the folder holds encrypted files.
    SumsMissing { path: PathBuf },
    /// `key.age` is missing: the passphrase cannot open the backups (the recovery sheet can).
    KeyMissing { path: PathBuf },
    /// `SHA256SUMS` lists a name that is no file of an encrypted profile folder.
    NotOurs { sums: PathBuf, name: String },
    /// A listed file is a link, folder or special file.
    NotAFile { path: PathBuf },
    /// A listed file is not there.
    Missing { path: PathBuf },
    /// A listed file's SHA-256 differs from its line.
    Damaged { path: PathBuf },
    /// A listed file could not be read.
    Unreadable { path: PathBuf, detail: String },
    /// A note: a temporary file an interrupted backup left.
    Leftover { path: PathBuf },
    /// A note: a file in `v/` that `SHA256SUMS` does not list.
    Unlisted { path: PathBuf },
}

impl SealedFinding {
    /// The file the finding is about.
    pub fn path(&self) -> &Path {
        match self {
            SealedFinding::NotOurs { sums: path, .. }
            | SealedFinding::SumsMissing { path }
            | SealedFinding::KeyMissing { path }
            | SealedFinding::NotAFile { path }
            | SealedFinding::Missing { path }
            | SealedFinding::Damaged { path }
            | SealedFinding::Unreadable { path, .. }
            | SealedFinding::Unreachable { path, .. }
            | SealedFinding::Leftover { path }
            | SealedFinding::Unlisted { path } => path,
        }
    }
}

/// The sentence the command line prints: the file and what to do.
impl fmt::Display for SealedFinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path().display();
        match self {
            SealedFinding::SumsMissing { .. } => write!(
                f,
                "`{path}` is missing or empty although the folder holds encrypted files; the next backup rewrites it."
            ),
            SealedFinding::KeyMissing { .. } => write!(
                f,
                "`{path}` is missing: the passphrase cannot open these backups until it is put back (the recovery sheet still can)."
            ),
            SealedFinding::NotOurs { name, .. } => write!(
                f,
                "`{path}` lists `{name}`, which is not a file of an encrypted profile folder; it was not checked."
            ),
            SealedFinding::NotAFile { .. } => write!(
                f,
                "`{path}` is not a plain file (Sheetsafe never follows links); put the real file back from a second copy."
            ),
            SealedFinding::Missing { .. } => {
                write!(
                    f,
                    "`{path}` is missing; put it back from a second copy of the backup folder."
                )
            }
            SealedFinding::Damaged { .. } => write!(
                f,
                "`{path}` is damaged or was changed (its SHA-256 differs from SHA256SUMS); put it back from a second copy."
            ),
            SealedFinding::Unreadable { detail, .. } => write!(f, "Could not read `{path}`: {detail}."),
            // The store's own sentence names the folder and what to do.
            SealedFinding::Unreachable { detail, .. } => f.write_str(detail),
            SealedFinding::Leftover { .. } => write!(
                f,
                "`{path}` is a temporary file an interrupted backup left; the next backup removes it."
            ),
            SealedFinding::Unlisted { .. } => write!(
                f,
                "`{path}` is not listed in SHA256SUMS (left by an interrupted backup, or put there by someone else)."
            ),
        }
    }
}

impl SealedReport {
    pub fn is_ok(&self) -> bool {
        self.findings.is_empty()
    }
}

/// A file `SHA256SUMS` lists and that is there to be read.
struct Listed<'a> {
    path: PathBuf,
    sha256: &'a str,
    is_version: bool,
    bytes: u64,
}

/// What reading one listed file came to.
enum Read {
    Intact,
    Damaged,
    Unreadable(String),
    Stopped,
}

/// Checks the encrypted folder at `dir`: quick, that every listed file is there; full, that
/// each one's bytes still match `SHA256SUMS` (on every core, with progress, and cancellable).
pub fn verify_sealed(dir: &Path, mode: VerifyMode, progress: &dyn Progress) -> Result<SealedReport, StoreError> {
    let store = SealedStore::at(dir.to_path_buf());
    if !dir.is_dir() {
        return Err(StoreError::Unreachable {
            path: dir.to_path_buf(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "it does not exist"),
        });
    }
    let mut report = SealedReport::default();
    let listed = store.listed_in_sums();
    let has_versions = !store.version_files()?.is_empty();
    if listed.is_empty() && (has_versions || store.catalog_path().exists()) {
        report.findings.push(SealedFinding::SumsMissing {
            path: dir.join(SUMS_FILE),
        });
    }
    if std::fs::symlink_metadata(store.key_path()).is_err() {
        report
            .findings
            .push(SealedFinding::KeyMissing { path: store.key_path() });
    }
    let mut listed_versions = std::collections::HashSet::new();
    let mut present = Vec::new();
    for (hash, name) in &listed {
        let path = if name == SEALED_CATALOG_FILE {
            dir.join(SEALED_CATALOG_FILE)
        } else if let Some(file) = name.strip_prefix(&format!("{VERSIONS_DIR}/"))
            && is_opaque_name(file)
        {
            report.versions += 1;
            listed_versions.insert(file.to_string());
            store.versions_dir().join(file)
        } else {
            report.findings.push(SealedFinding::NotOurs {
                sums: dir.join(SUMS_FILE),
                name: name.clone(),
            });
            continue;
        };
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_file() => present.push(Listed {
                path,
                sha256: hash,
                is_version: name != SEALED_CATALOG_FILE,
                bytes: meta.len(),
            }),
            Ok(_) => report.findings.push(SealedFinding::NotAFile { path }),
            Err(_) => report.findings.push(SealedFinding::Missing { path }),
        }
    }
    let full = mode == VerifyMode::Full;
    let reads = super::on_every_core(&present, full, progress, |file| {
        if !full {
            return Read::Intact;
        }
        match copy::hash_stored(&file.path, progress) {
            Ok(d) if d.sha256 == file.sha256 => Read::Intact,
            Ok(_) => Read::Damaged,
            // A read cut short by the user is not an unreadable file.
            Err(e) if crate::progress::Cancelled::is(&e) => Read::Stopped,
            Err(e) => Read::Unreadable(e.to_string()),
        }
    });
    for (file, read) in present.into_iter().zip(reads) {
        let path = file.path;
        match read.unwrap_or(Read::Stopped) {
            Read::Intact if file.is_version => {
                report.intact += 1;
                report.bytes += file.bytes;
            }
            Read::Intact => {}
            Read::Damaged => report.findings.push(SealedFinding::Damaged { path }),
            Read::Unreadable(detail) => report.findings.push(SealedFinding::Unreadable { path, detail }),
            Read::Stopped => report.cancelled = true,
        }
    }
    for name in store.version_files()? {
        if crate::fsutil::is_temp_name(std::ffi::OsStr::new(&name)) {
            report.notes.push(SealedFinding::Leftover {
                path: store.versions_dir().join(&name),
            });
        } else if !listed_versions.contains(&name) {
            report.notes.push(SealedFinding::Unlisted {
                path: store.versions_dir().join(&name),
            });
        }
    }
    Ok(report)
}
