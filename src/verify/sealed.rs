//! Checking an encrypted profile folder without any key: what whoever administers the storage
//! may know. `SHA256SUMS` (clear) lists every ciphertext file; each must be present and, with
//! `--full`, hash to its line. The report holds counts, sizes and opaque file names only.

use std::path::Path;

use crate::copy;
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
    /// One sentence per problem; file names are the folder's opaque ones.
    pub findings: Vec<String>,
    /// Worth knowing, but no version is missing or damaged because of it (a temporary or
    /// unlisted file an interrupted backup left), as for plain folders' leftovers.
    pub notes: Vec<String>,
}

impl SealedReport {
    pub fn is_ok(&self) -> bool {
        self.findings.is_empty()
    }
}

/// Checks the encrypted folder at `dir`.
pub fn verify_sealed(dir: &Path, mode: VerifyMode) -> Result<SealedReport, StoreError> {
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
        report.findings.push(format!(
            "`{}` is missing or empty although the folder holds encrypted files; the next backup rewrites it.",
            dir.join(SUMS_FILE).display()
        ));
    }
    if std::fs::symlink_metadata(store.key_path()).is_err() {
        report.findings.push(format!(
            "`{}` is missing: the passphrase cannot open these backups until it is put back (the recovery sheet still can).",
            store.key_path().display()
        ));
    }
    let mut listed_versions = std::collections::HashSet::new();
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
            report.findings.push(format!(
                "`{}` lists `{name}`, which is not a file of an encrypted profile folder; it was not checked.",
                dir.join(SUMS_FILE).display()
            ));
            continue;
        };
        let is_version = name != SEALED_CATALOG_FILE;
        let meta = match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_file() => meta,
            Ok(_) => {
                report.findings.push(format!(
                    "`{}` is not a plain file (Sheetsafe never follows links); put the real file back from a second copy.",
                    path.display()
                ));
                continue;
            }
            Err(_) => {
                report.findings.push(format!(
                    "`{}` is missing; put it back from a second copy of the backup folder.",
                    path.display()
                ));
                continue;
            }
        };
        if mode == VerifyMode::Full {
            match copy::hash_stored(&path, &()) {
                Ok(d) if d.sha256 == *hash => {}
                Ok(_) => {
                    report.findings.push(format!(
                        "`{}` is damaged or was changed (its SHA-256 differs from SHA256SUMS); put it back from a second copy.",
                        path.display()
                    ));
                    continue;
                }
                Err(e) => {
                    report
                        .findings
                        .push(format!("Could not read `{}`: {e}.", path.display()));
                    continue;
                }
            }
        }
        if is_version {
            report.intact += 1;
            report.bytes += meta.len();
        }
    }
    for name in store.version_files()? {
        if crate::fsutil::is_temp_name(std::ffi::OsStr::new(&name)) {
            report.notes.push(format!(
                "`{}` is a temporary file an interrupted backup left; the next backup removes it.",
                store.versions_dir().join(&name).display()
            ));
        } else if !listed_versions.contains(&name) {
            report.notes.push(format!(
                "`{}` is not listed in SHA256SUMS (left by an interrupted backup, or put there by someone else).",
                store.versions_dir().join(&name).display()
            ));
        }
    }
    Ok(report)
}
