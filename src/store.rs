//! The backup folder, which is a contract with the user: one folder per profile holding plain,
//! byte-identical version files, a `catalog.toml` (the source of truth) and a `SHA256SUMS`
//! derived from it. `docs/store-format.md` specifies the layout; this module reads and writes it.

pub mod adopt;
mod catalog;
mod contents;
mod lock;
mod name;
mod naming;
pub mod sealed;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use catalog::{CATALOG_FORMAT, Catalog, ParseError, RejectedEntry, Trigger, Version};
pub use contents::{Loss, LossKind, Pin, PinReason, SheetSummary, Summary, Unread, Visibility};
pub use lock::StoreLock;
pub use name::{MAX_NAME_BYTES, NameProblem, VersionFileName};
pub use naming::{ParsedName, parse_version_name, sanitize_file_stem, version_file_name};

use crate::fsutil;
use crate::i18n::{Explain, Said, SaidArg};

/// File name of the catalog inside a profile folder.
pub const CATALOG_FILE: &str = "catalog.toml";
/// File name of the GNU-coreutils checksum list inside a profile folder.
pub const SUMS_FILE: &str = "SHA256SUMS";
/// File name of the lock file that writers hold while they change the folder.
pub const LOCK_FILE: &str = ".sheetsafe.lock";
/// File name of the record of second copies (when each destination last received the versions).
pub const COPIES_FILE: &str = "copies.toml";

/// Failures of the backup folder itself. Each message is a whole sentence naming the path and,
/// where there is one, the next step.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "The backup folder `{}` cannot be reached ({source}). Plug in the drive or reconnect the network share, or choose another backup folder.",
        path.display()
    )]
    Unreachable { path: PathBuf, source: io::Error },
    #[error(
        "The backup folder `{}` is read-only. Make it writable or choose another backup folder.",
        path.display()
    )]
    ReadOnly { path: PathBuf },
    #[error(
        "The backup folder `{}` is full. Free some space there (or lower the keep rules) and back up again.",
        path.display()
    )]
    Full { path: PathBuf },
    #[error("Could not write `{}`: {source}.", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error("Could not read `{}`: {source}.", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error(
        "The catalog `{}` is damaged at line {line}: {message}. The version files are untouched; put back `catalog.toml` from a second copy, or rename the damaged one and run `sheetsafe verify --adopt` to list the version files again.",
        path.display()
    )]
    CatalogDamaged {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error(
        "The catalog `{}` was written by a newer Sheetsafe (store format {found}; this version reads format {CATALOG_FORMAT}), so it was left untouched. Update Sheetsafe to use this backup folder.",
        path.display()
    )]
    NewerFormat { path: PathBuf, found: u32 },
    #[error(
        "`{}` is a folder, a symbolic link or a special file, not a plain file. Sheetsafe never follows links inside a backup folder; remove it, and restore the real file from a second copy if you have one.",
        path.display()
    )]
    NotAFile { path: PathBuf },
    #[error(
        "The backup folder `{}` is busy: {holder} is changing it. Try again when that backup has finished.",
        path.display()
    )]
    Busy { path: PathBuf, holder: String },
}

impl StoreError {
    /// Classifies a write failure in `path` (a folder or a file in it) into the error a user can act on.
    pub fn from_write(path: &Path, source: io::Error) -> Self {
        let folder = path.parent().map_or_else(|| path.to_path_buf(), Path::to_path_buf);
        if fsutil::is_disk_full(&source) {
            StoreError::Full { path: folder }
        } else if fsutil::is_read_only(&source) {
            StoreError::ReadOnly { path: folder }
        } else {
            StoreError::Write {
                path: path.to_path_buf(),
                source,
            }
        }
    }
}

impl StoreError {
    /// The `io-*` id of the system's reason behind this error, for a sentence that names the
    /// file itself.
    pub fn io_reason_id(&self) -> &'static str {
        match self {
            StoreError::Unreachable { source, .. }
            | StoreError::Write { source, .. }
            | StoreError::Read { source, .. } => fsutil::io_reason_id(source),
            StoreError::ReadOnly { .. } => "io-read-only",
            StoreError::Full { .. } => "io-disk-full",
            StoreError::CatalogDamaged { .. }
            | StoreError::NewerFormat { .. }
            | StoreError::NotAFile { .. }
            | StoreError::Busy { .. } => "io-other",
        }
    }
}

impl Explain for StoreError {
    /// What the error says, as data (`store-*` in `assets/i18n/problems-*.ftl`).
    fn said(&self) -> Said {
        let path = |p: &Path| SaidArg::from(p);
        let reason = |e: &io::Error| SaidArg::Message {
            message: fsutil::io_reason_id(e).to_string(),
        };
        let (id, args) = match self {
            StoreError::Unreachable { path: p, source } => (
                "store-unreachable",
                vec![("folder", path(p)), ("reason", reason(source))],
            ),
            StoreError::ReadOnly { path: p } => ("store-read-only", vec![("folder", path(p))]),
            StoreError::Full { path: p } => ("store-full", vec![("folder", path(p))]),
            StoreError::Write { path: p, source } => {
                ("store-write", vec![("file", path(p)), ("reason", reason(source))])
            }
            StoreError::Read { path: p, source } => ("store-read", vec![("file", path(p)), ("reason", reason(source))]),
            StoreError::CatalogDamaged { path: p, line, .. } => (
                "store-catalog-damaged",
                vec![("file", path(p)), ("line", (*line).into())],
            ),
            StoreError::NewerFormat { path: p, .. } => ("store-newer-format", vec![("file", path(p))]),
            StoreError::NotAFile { path: p } => ("store-not-a-file", vec![("file", path(p))]),
            StoreError::Busy { path: p, .. } => ("store-busy", vec![("folder", path(p))]),
        };
        Said::new(id, args, self.to_string())
    }
}

/// One profile's folder inside a backup folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileStore {
    dir: PathBuf,
}

impl ProfileStore {
    /// The store of profile `profile_name` under `backup_folder`. Nothing is touched on disk.
    pub fn new(backup_folder: &Path, profile_name: &str) -> Self {
        ProfileStore {
            dir: backup_folder.join(profile_name),
        }
    }

    /// A store at an explicit folder (for example one a user points at on another machine).
    pub fn at(dir: PathBuf) -> Self {
        ProfileStore { dir }
    }

    /// The profile folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The path of a version file in this store. The name passed the name gate, so the path is
    /// directly inside the profile folder.
    pub fn version_path(&self, version: &Version) -> PathBuf {
        self.path_of(&version.file)
    }

    /// The path of the version file `name` in this store.
    pub fn path_of(&self, name: &VersionFileName) -> PathBuf {
        self.dir.join(name.as_str())
    }

    /// Checks, from the file's metadata alone (links are not followed), whether `version` is in
    /// the folder with its recorded size.
    pub fn presence(&self, version: &Version) -> Presence {
        match fs::symlink_metadata(self.version_path(version)) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Presence::Missing,
            Err(_) => Presence::Unreadable,
            Ok(meta) if !meta.is_file() => Presence::NotAFile,
            Ok(meta) if meta.len() != version.bytes => Presence::WrongSize { actual: meta.len() },
            Ok(meta) => Presence::Present {
                modified: meta.modified().ok(),
            },
        }
    }

    /// The newest version of `workbook_name` if it is really there: present with its recorded
    /// size and, with `thorough`, with its recorded SHA-256. Otherwise what is wrong with it, so
    /// that nobody relies on a copy that no longer exists (for example before replacing the
    /// workbook in a restore).
    pub fn newest_intact<'a>(
        &self,
        catalog: &'a Catalog,
        workbook_name: &str,
        thorough: bool,
    ) -> Result<&'a Version, NewestProblem> {
        let newest = catalog.newest_of(workbook_name).ok_or(NewestProblem::NoVersion)?;
        match self.presence(newest) {
            Presence::Present { .. } => {}
            Presence::Missing => return Err(NewestProblem::Missing(self.version_path(newest))),
            _ => return Err(NewestProblem::Changed(self.version_path(newest))),
        }
        if thorough {
            let hashed = crate::copy::hash_stored(&self.version_path(newest), &());
            if !hashed.is_ok_and(|d| d.sha256 == newest.sha256 && d.bytes == newest.bytes) {
                return Err(NewestProblem::Changed(self.version_path(newest)));
            }
        }
        Ok(newest)
    }

    /// Creates the profile folder (and the backup folder) if needed. The backup folder itself
    /// must be reachable: a missing parent usually means an unplugged drive, so only the last
    /// two levels are created.
    pub fn ensure_exists(&self) -> Result<(), StoreError> {
        let backup_folder = self.dir.parent().unwrap_or(&self.dir);
        if !self.dir.is_dir() {
            let grandparent = backup_folder.parent().filter(|p| !p.as_os_str().is_empty());
            if let Some(root) = grandparent
                && !root.exists()
            {
                return Err(StoreError::Unreachable {
                    path: backup_folder.to_path_buf(),
                    source: io::Error::new(io::ErrorKind::NotFound, "the folder above it does not exist"),
                });
            }
            fs::create_dir_all(&self.dir).map_err(|e| StoreError::from_write(&self.dir.join("x"), e))?;
        }
        Ok(())
    }

    /// Takes the writer lock, waiting up to `wait` for another writer to finish.
    pub fn lock(&self, wait: Duration) -> Result<StoreLock, StoreError> {
        StoreLock::acquire(&self.dir, wait)
    }

    /// Reads the catalog; a folder without one has an empty catalog.
    pub fn load_catalog(&self) -> Result<Catalog, StoreError> {
        let path = self.dir.join(CATALOG_FILE);
        match read_plain_file(&path) {
            Ok(text) => Catalog::parse(&text).map_err(|e| match e {
                ParseError::Damaged { line, message } => StoreError::CatalogDamaged { path, line, message },
                ParseError::NewerFormat { found } => StoreError::NewerFormat { path, found },
            }),
            Err(e) if fsutil::is_not_a_file(&e) => Err(StoreError::NotAFile { path }),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if self
                    .dir
                    .parent()
                    .is_some_and(|p| !p.as_os_str().is_empty() && !p.exists())
                {
                    Err(StoreError::Unreachable {
                        path: self.dir.clone(),
                        source: e,
                    })
                } else {
                    Ok(Catalog::default())
                }
            }
            Err(e) => Err(StoreError::Read { path, source: e }),
        }
    }

    /// Replaces the catalog and SHA256SUMS atomically. Requires the writer lock.
    pub fn save_catalog(&self, catalog: &Catalog, _lock: &StoreLock) -> Result<(), StoreError> {
        let catalog_path = self.dir.join(CATALOG_FILE);
        let sums_path = self.dir.join(SUMS_FILE);
        // Both files are written and flushed under temporary names first and then renamed one
        // right after the other, catalog first: a crash leaves SHA256SUMS behind the catalog (the
        // source of truth, and the next save mends it) only in the instant between two renames.
        let staged_catalog = stage(&self.dir, CATALOG_FILE, catalog.to_toml().as_bytes())
            .map_err(|e| StoreError::from_write(&catalog_path, e))?;
        let staged_sums = match stage(&self.dir, SUMS_FILE, catalog.to_sha256sums().as_bytes()) {
            Ok(path) => path,
            Err(e) => {
                let _ = fs::remove_file(&staged_catalog);
                return Err(StoreError::from_write(&sums_path, e));
            }
        };
        if let Err(e) = fs::rename(&staged_catalog, &catalog_path) {
            let _ = fs::remove_file(&staged_catalog);
            let _ = fs::remove_file(&staged_sums);
            return Err(StoreError::from_write(&catalog_path, e));
        }
        if let Err(e) = fs::rename(&staged_sums, &sums_path) {
            let _ = fs::remove_file(&staged_sums);
            return Err(StoreError::from_write(&sums_path, e));
        }
        fsutil::sync_dir(&self.dir).map_err(|e| StoreError::from_write(&catalog_path, e))
    }

    /// True when `SHA256SUMS` says exactly what the catalog says.
    pub fn sums_match(&self, catalog: &Catalog) -> bool {
        read_plain_file(&self.dir.join(SUMS_FILE)).ok() == Some(catalog.to_sha256sums())
    }

    /// Rewrites the catalog and `SHA256SUMS` when the sums are missing or out of date (deleted
    /// by hand, or a crash between the two renames). Returns whether it wrote.
    pub fn mend_sums(&self, catalog: &Catalog, lock: &StoreLock) -> Result<bool, StoreError> {
        if self.sums_match(catalog) || (catalog.versions.is_empty() && catalog.rejected.is_empty()) {
            return Ok(false);
        }
        self.save_catalog(catalog, lock)?;
        Ok(true)
    }

    /// Deletes a retired version file. A link or special file under a version's name is left
    /// alone: only plain files are removed, so nothing outside the folder is touched.
    pub fn remove_version(&self, name: &VersionFileName, _lock: &StoreLock) -> Result<(), StoreError> {
        let path = self.path_of(name);
        match fs::symlink_metadata(&path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(StoreError::from_write(&path, e)),
            Ok(meta) if !meta.is_file() => Err(StoreError::NotAFile { path }),
            Ok(_) => fs::remove_file(&path).map_err(|e| StoreError::from_write(&path, e)),
        }
    }

    /// Removes temporary files left by a run that was killed. Requires the writer lock, which
    /// guarantees no other writer is still filling one of them.
    pub fn remove_leftovers(&self, _lock: &StoreLock) -> Result<Vec<PathBuf>, StoreError> {
        let mut removed = Vec::new();
        for path in self.leftovers()? {
            match fs::remove_file(&path) {
                Ok(()) => removed.push(path),
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(StoreError::from_write(&path, e)),
            }
        }
        Ok(removed)
    }

    /// Temporary files currently in the folder.
    pub fn leftovers(&self) -> Result<Vec<PathBuf>, StoreError> {
        Ok(self
            .entries()?
            .into_iter()
            .filter(|name| fsutil::is_temp_name(std::ffi::OsStr::new(name)))
            .map(|name| self.dir.join(name))
            .collect())
    }

    /// File names of everything in the profile folder (files only), sorted.
    pub fn entries(&self) -> Result<Vec<String>, StoreError> {
        let read = fs::read_dir(&self.dir).map_err(|e| StoreError::Unreachable {
            path: self.dir.clone(),
            source: e,
        })?;
        let mut names = Vec::new();
        for entry in read {
            let entry = entry.map_err(|e| StoreError::Read {
                path: self.dir.clone(),
                source: e,
            })?;
            if entry.file_type().is_ok_and(|t| t.is_file()) {
                names.push(entry.file_name().to_string_lossy().into_owned());
            }
        }
        names.sort();
        Ok(names)
    }
}

/// What [`ProfileStore::presence`] found for a listed version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    Present {
        modified: Option<std::time::SystemTime>,
    },
    Missing,
    WrongSize {
        actual: u64,
    },
    /// A link, folder or device under the version's name.
    NotAFile,
    Unreadable,
}

/// Why the newest version of a workbook cannot be relied on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NewestProblem {
    #[error("there is no version of this workbook yet")]
    NoVersion,
    #[error("its newest version `{}` is missing from the backup folder", .0.display())]
    Missing(PathBuf),
    #[error("its newest version `{}` no longer matches the catalog", .0.display())]
    Changed(PathBuf),
}

/// Reads a bookkeeping file as text without following a link.
fn read_plain_file(path: &Path) -> io::Result<String> {
    use std::io::Read as _;
    let mut text = String::new();
    fsutil::open_nofollow(path)?.read_to_string(&mut text)?;
    Ok(text)
}

/// The files of a profile folder (`entries`) that `catalog` does not list and that are not the
/// folder's own bookkeeping: versions a killed run left unlisted, and temporary files.
pub fn files_not_listed<'a>(catalog: &Catalog, entries: &'a [String]) -> impl Iterator<Item = &'a str> {
    let listed: std::collections::HashSet<String> = catalog.versions.iter().map(|v| v.file.to_string()).collect();
    entries
        .iter()
        .map(String::as_str)
        .filter(move |name| !listed.contains(*name) && !is_bookkeeping_name(name))
}

/// True for the bookkeeping files that live in a profile folder beside the versions.
pub fn is_bookkeeping_name(name: &str) -> bool {
    name == CATALOG_FILE || name == SUMS_FILE || name == LOCK_FILE || name == COPIES_FILE
}

/// Writes `bytes` to a new temporary file for `name` in `dir` and flushes it; returns its path.
fn stage(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<PathBuf> {
    use std::io::Write as _;
    let tmp = fsutil::temp_path_for(dir, name);
    let written = (|| {
        let mut file = fsutil::create_new(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()
    })();
    match written {
        Ok(()) => Ok(tmp),
        Err(e) => {
            let _ = fs::remove_file(&tmp);
            Err(e)
        }
    }
}
