//! The encrypted profile folder (store format 2): version files under opaque random names in
//! `v/`, the catalog encrypted (`catalog.toml.age`), a clear `SHA256SUMS` over the ciphertext,
//! the user's key locked by a passphrase (`key.age`), the public keys (`recipients.txt`) and a
//! clear `README.txt`. `docs/store-format.md` specifies it; this module reads and writes it and
//! knows nothing about backups or restores.
//!
//! Whoever administers the storage sees file sizes and counts, and can check every file with
//! `sha256sum -c`; names, times, sources and contents are only in encrypted files.

use std::fmt::Write as _;
use std::fs;
use std::io::{self, Read as _};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::{Catalog, ProfileStore, SUMS_FILE, StoreError, StoreLock, Version, VersionFileName};
use crate::crypto::{self, OpenError, PublicKey, SecretKey};
use crate::fsutil;
use crate::i18n::{Explain, Said, SaidArg};

/// Store format number of an encrypted profile folder (plain folders are format 1).
pub const SEALED_FORMAT: u32 = 2;
/// The encrypted catalog.
pub const SEALED_CATALOG_FILE: &str = "catalog.toml.age";
/// The user's secret key, locked by the passphrase.
pub const KEY_FILE: &str = "key.age";
/// The public keys every version is encrypted to, one per line (for people and other tools;
/// Sheetsafe encrypts to the keys in its configuration, which the storage cannot change).
pub const RECIPIENTS_FILE: &str = "recipients.txt";
/// How to restore with the standard `age` tool.
pub const README_FILE: &str = "README.txt";
/// The folder of version files.
pub const VERSIONS_DIR: &str = "v";

/// True when `dir` looks like an encrypted profile folder (any of its own files is there).
pub fn is_sealed_folder(dir: &Path) -> bool {
    [SEALED_CATALOG_FILE, KEY_FILE, VERSIONS_DIR]
        .iter()
        .any(|name| fs::symlink_metadata(dir.join(name)).is_ok())
}

/// A fresh opaque name for a version file: 128 random bits in hex, so names say nothing about
/// the workbook, its time or its order.
pub fn new_version_name() -> io::Result<VersionFileName> {
    let mut id = [0u8; 16];
    getrandom::fill(&mut id).map_err(|e| io::Error::other(e.to_string()))?;
    VersionFileName::parse(&format!("{}.age", hex::encode(id))).map_err(|e| io::Error::other(e.to_string()))
}

/// True for a name [`new_version_name`] makes. A sealed catalog naming anything else was not
/// written by Sheetsafe and is refused before a name becomes a path.
pub fn is_opaque_name(name: &str) -> bool {
    name.strip_suffix(".age")
        .is_some_and(|id| id.len() == 32 && id.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
}

/// One version in the encrypted catalog: the plain catalog's entry (its `sha256` and `bytes`
/// describe the workbook's bytes, so "unchanged" and restores are checked against them), plus
/// the version's readable name and the size and hash of its ciphertext file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealedVersion {
    /// `file` is the opaque name in `v/`.
    #[serde(flatten)]
    pub version: Version,
    /// The name the version would have in a plain folder (`Sales__2026-11-21_173005.xlsm`).
    pub name: String,
    /// SHA-256 of the ciphertext file, as `SHA256SUMS` lists it.
    pub stored_sha256: String,
    /// Size of the ciphertext file.
    pub stored_bytes: u64,
}

/// The decrypted catalog of an encrypted profile folder.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SealedCatalog {
    pub format: u32,
    /// Public keys of the computers that back up into this folder: the catalog is encrypted to
    /// them too, so their backups can read it without the user's passphrase. Versions are not.
    #[serde(default)]
    pub devices: Vec<String>,
    /// The public keys every version is encrypted to (the user's, then the company's), as the
    /// last writer used them: a computer joining the profile takes them from here, where the
    /// storage cannot change them unnoticed, rather than from the clear `recipients.txt`.
    #[serde(default)]
    pub recipients: Vec<String>,
    #[serde(default, rename = "version")]
    pub versions: Vec<SealedVersion>,
}

impl SealedCatalog {
    /// The catalog as TOML text (before encryption).
    pub fn to_toml(&self) -> String {
        let mut out = String::from("# Sheetsafe encrypted catalog. See docs/store-format.md.\n\n");
        let mut copy = self.clone();
        copy.format = SEALED_FORMAT;
        // Serialising plain strings, numbers and dates cannot fail.
        out.push_str(&toml::to_string_pretty(&copy).unwrap_or_default());
        out
    }

    /// Parses the decrypted catalog; every `file` must be an opaque version name.
    pub fn parse(text: &str) -> Result<SealedCatalog, String> {
        let mut catalog: SealedCatalog =
            toml::from_str(text).map_err(|e| e.message().trim_end_matches('.').to_string())?;
        if catalog.format > SEALED_FORMAT {
            return Err(format!(
                "it is store format {}, newer than this Sheetsafe reads",
                catalog.format
            ));
        }
        if let Some(bad) = catalog
            .versions
            .iter()
            .find(|v| !is_opaque_name(v.version.file.as_str()))
        {
            return Err(format!(
                "it names `{}`, which is not a version file name",
                bad.version.file
            ));
        }
        catalog.sort();
        Ok(catalog)
    }

    /// Oldest first, as in a plain catalog.
    pub fn sort(&mut self) {
        self.versions
            .sort_by(|a, b| a.version.order_key().cmp(&b.version.order_key()));
    }

    /// The versions as a plain [`Catalog`], in the same order, for the keep rules and version
    /// selection, which work the same on both kinds of folder.
    pub fn plain(&self) -> Catalog {
        Catalog::with_versions(self.versions.iter().map(|v| v.version.clone()).collect())
    }

    /// The entry whose opaque file or readable name is `name`.
    pub fn find(&self, name: &str) -> Option<&SealedVersion> {
        self.versions.iter().find(|v| v.version.file == name || v.name == name)
    }

    /// `SHA256SUMS`: the ciphertext of every version (`v/<id>.age`), then the catalog's own.
    pub fn to_sha256sums(&self, catalog_sha256: &str) -> String {
        let mut out = String::new();
        for v in &self.versions {
            let _ = writeln!(out, "{}  {VERSIONS_DIR}/{}", v.stored_sha256, v.version.file);
        }
        let _ = writeln!(out, "{catalog_sha256}  {SEALED_CATALOG_FILE}");
        out
    }
}

/// Problems particular to encrypted folders. Each names the file and the next step.
#[derive(Debug, thiserror::Error)]
pub enum SealedError {
    #[error(
        "The key file `{}` is missing, so the backups cannot be opened with the passphrase. Put it back from a copy of the backup folder, or use the recovery sheet with --identity FILE.",
        path.display()
    )]
    KeyMissing { path: PathBuf },
    #[error(
        "The passphrase does not open `{}`. Type it again (letter case counts), or use the recovery sheet with --identity FILE.",
        path.display()
    )]
    WrongPassphrase { path: PathBuf },
    #[error(
        "`{}` is not a Sheetsafe key file or is damaged. Put it back from a copy of the backup folder, or use the recovery sheet with --identity FILE.",
        path.display()
    )]
    KeyDamaged { path: PathBuf },
    #[error(
        "`{}` holds no age secret key (AGE-SECRET-KEY-1…). Give the recovery sheet of this profile with --identity FILE.",
        path.display()
    )]
    NotAnIdentity { path: PathBuf },
    #[error(
        "The key given does not open `{}`: it belongs to another profile, or the file was replaced. Use this profile's passphrase or recovery sheet.",
        path.display()
    )]
    NotForThisKey { path: PathBuf },
    #[error(
        "The encrypted catalog `{}` is damaged or was changed (its encryption check fails). Nothing was written; put it back from a second copy of the backup folder.",
        path.display()
    )]
    CatalogDamaged { path: PathBuf },
    #[error(
        "The encrypted catalog `{}` cannot be used: {reason}. Nothing was written; put it back from a second copy of the backup folder.",
        path.display()
    )]
    CatalogInvalid { path: PathBuf, reason: String },
    #[error(
        "The encrypted catalog `{}` is missing although the folder holds versions. Nothing was written; put it back from a second copy of the backup folder.",
        path.display()
    )]
    CatalogMissing { path: PathBuf },
    #[error(
        "The encrypted version `{}` is damaged or was changed (its encryption check fails), so it was not restored. Choose another version, or put the file back from a second copy.",
        path.display()
    )]
    VersionDamaged { path: PathBuf },
    #[error(
        "The encrypted version `{}` decrypts to other bytes than the catalog records (a file was swapped), so it was not restored. Choose another version, or put the file back from a second copy.",
        path.display()
    )]
    VersionSwapped { path: PathBuf },
    #[error(
        "This computer's key for the encrypted profile (`{}`) is missing or does not open the catalog, so backups cannot read it. Add the profile again with `sheetsafe profile add … --encrypt` (it asks for the passphrase once).",
        path.display()
    )]
    DeviceKeyMissing { path: PathBuf },
    #[error(
        "`{}` is a plain backup folder, but the profile is set to be encrypted (or the other way round). Nothing was written; choose an empty folder for the profile.",
        path.display()
    )]
    KindMismatch { path: PathBuf },
    #[error(
        "The encrypted profile's public keys in the configuration are missing or not age keys (age1…). Add the profile again with `sheetsafe profile add … --encrypt`."
    )]
    RecipientsInvalid,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Explain for SealedError {
    /// What the error says, as data (`sealed-error-*` in `assets/i18n/problems-*.ftl`; the
    /// store's own for [`SealedError::Store`]).
    fn said(&self) -> Said {
        let file = |p: &Path| vec![("file", SaidArg::from(p))];
        let (id, args) = match self {
            SealedError::Store(e) => return e.said(),
            SealedError::KeyMissing { path } => ("sealed-error-key-missing", file(path)),
            SealedError::WrongPassphrase { path } => ("sealed-error-wrong-passphrase", file(path)),
            SealedError::KeyDamaged { path } => ("sealed-error-key-damaged", file(path)),
            SealedError::NotAnIdentity { path } => ("sealed-error-not-an-identity", file(path)),
            SealedError::NotForThisKey { path } => ("sealed-error-not-for-this-key", file(path)),
            SealedError::CatalogDamaged { path } | SealedError::CatalogInvalid { path, .. } => {
                ("sealed-error-catalog-damaged", file(path))
            }
            SealedError::CatalogMissing { path } => ("sealed-error-catalog-missing", file(path)),
            SealedError::VersionDamaged { path } => ("sealed-error-version-damaged", file(path)),
            SealedError::VersionSwapped { path } => ("sealed-error-version-swapped", file(path)),
            SealedError::DeviceKeyMissing { path } => ("sealed-error-device-key-missing", file(path)),
            SealedError::KindMismatch { path } => ("sealed-error-kind-mismatch", file(path)),
            SealedError::RecipientsInvalid => ("sealed-error-recipients-invalid", Vec::new()),
        };
        Said::new(id, args, self.to_string())
    }
}

/// One encrypted profile folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedStore {
    store: ProfileStore,
}

impl SealedStore {
    /// The encrypted store of profile `profile_name` under `backup_folder`.
    pub fn new(backup_folder: &Path, profile_name: &str) -> SealedStore {
        SealedStore {
            store: ProfileStore::new(backup_folder, profile_name),
        }
    }

    /// An encrypted store at an explicit folder.
    pub fn at(dir: PathBuf) -> SealedStore {
        SealedStore {
            store: ProfileStore::at(dir),
        }
    }

    /// The profile folder.
    pub fn dir(&self) -> &Path {
        self.store.dir()
    }

    /// The folder of version files.
    pub fn versions_dir(&self) -> PathBuf {
        self.dir().join(VERSIONS_DIR)
    }

    /// The ciphertext file of `version` (its opaque name, inside `v/`).
    pub fn version_path(&self, version: &Version) -> PathBuf {
        self.versions_dir().join(version.file.as_str())
    }

    pub fn catalog_path(&self) -> PathBuf {
        self.dir().join(SEALED_CATALOG_FILE)
    }

    pub fn key_path(&self) -> PathBuf {
        self.dir().join(KEY_FILE)
    }

    /// Creates the profile folder and `v/` (see [`ProfileStore::ensure_exists`]) and refuses
    /// a folder that already holds a plain store.
    pub fn ensure_exists(&self) -> Result<(), SealedError> {
        self.store.ensure_exists()?;
        if fs::symlink_metadata(self.dir().join(super::CATALOG_FILE)).is_ok() {
            return Err(SealedError::KindMismatch {
                path: self.dir().to_path_buf(),
            });
        }
        let dir = self.versions_dir();
        if !dir.is_dir() {
            fs::create_dir(&dir).map_err(|e| StoreError::from_write(&dir.join("x"), e))?;
        }
        Ok(())
    }

    /// Takes the writer lock (the same `.sheetsafe.lock` as a plain folder).
    pub fn lock(&self, wait: Duration) -> Result<StoreLock, StoreError> {
        self.store.lock(wait)
    }

    /// Reads and decrypts the catalog with any of `keys` (this computer's key or the user's).
    /// A folder with neither catalog nor versions has an empty catalog.
    pub fn load_catalog(&self, keys: &[&SecretKey]) -> Result<SealedCatalog, SealedError> {
        let path = self.catalog_path();
        let bytes = match read_plain(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if self.listed_in_sums().is_empty() && self.version_files()?.is_empty() {
                    return Ok(SealedCatalog {
                        format: SEALED_FORMAT,
                        ..SealedCatalog::default()
                    });
                }
                return Err(SealedError::CatalogMissing { path });
            }
            Err(e) if fsutil::is_not_a_file(&e) => return Err(StoreError::NotAFile { path }.into()),
            Err(e) => return Err(StoreError::Read { path, source: e }.into()),
        };
        let text = match crypto::open_bytes(&bytes, keys) {
            Ok(text) => text,
            Err(OpenError::NotForThisKey) => return Err(SealedError::NotForThisKey { path }),
            Err(OpenError::Damaged) => return Err(SealedError::CatalogDamaged { path }),
            Err(OpenError::Io(source)) => return Err(StoreError::Read { path, source }.into()),
        };
        let text = String::from_utf8(text).map_err(|_| SealedError::CatalogInvalid {
            path: path.clone(),
            reason: "it is not text".into(),
        })?;
        SealedCatalog::parse(&text).map_err(|reason| SealedError::CatalogInvalid { path, reason })
    }

    /// Encrypts the catalog for `recipients` and the catalog's devices and replaces it and
    /// `SHA256SUMS` atomically, catalog first (as in a plain folder). Requires the writer lock.
    pub fn save_catalog(
        &self,
        catalog: &SealedCatalog,
        recipients: &[PublicKey],
        _lock: &StoreLock,
    ) -> Result<(), SealedError> {
        let catalog_path = self.catalog_path();
        let sums_path = self.dir().join(SUMS_FILE);
        let mut keys = recipients.to_vec();
        for device in &catalog.devices {
            // A device key that does not parse is dropped rather than stopping every backup;
            // that computer then re-joins with the passphrase.
            if let Ok(key) = device.parse::<PublicKey>()
                && !keys.contains(&key)
            {
                keys.push(key);
            }
        }
        let mut catalog = catalog.clone();
        catalog.recipients = recipients.iter().map(ToString::to_string).collect();
        let sealed = crypto::seal_bytes(catalog.to_toml().as_bytes(), &keys)
            .map_err(|e| StoreError::from_write(&catalog_path, e))?;
        let sums = catalog.to_sha256sums(&crate::copy::sha256_hex(&sealed));
        let staged_catalog = super::stage(self.dir(), SEALED_CATALOG_FILE, &sealed)
            .map_err(|e| StoreError::from_write(&catalog_path, e))?;
        let staged_sums = match super::stage(self.dir(), SUMS_FILE, sums.as_bytes()) {
            Ok(path) => path,
            Err(e) => {
                let _ = fs::remove_file(&staged_catalog);
                return Err(StoreError::from_write(&sums_path, e).into());
            }
        };
        if let Err(e) = fs::rename(&staged_catalog, &catalog_path) {
            let _ = fs::remove_file(&staged_catalog);
            let _ = fs::remove_file(&staged_sums);
            return Err(StoreError::from_write(&catalog_path, e).into());
        }
        if let Err(e) = fs::rename(&staged_sums, &sums_path) {
            let _ = fs::remove_file(&staged_sums);
            return Err(StoreError::from_write(&sums_path, e).into());
        }
        fsutil::sync_dir(self.dir()).map_err(|e| StoreError::from_write(&catalog_path, e).into())
    }

    /// Opens `key.age` with the passphrase.
    pub fn unlock(&self, passphrase: &crypto::Passphrase) -> Result<SecretKey, SealedError> {
        let path = self.key_path();
        let locked = match read_plain(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(SealedError::KeyMissing { path }),
            Err(e) if fsutil::is_not_a_file(&e) => return Err(StoreError::NotAFile { path }.into()),
            Err(e) => return Err(StoreError::Read { path, source: e }.into()),
        };
        SecretKey::unlock(&locked, passphrase).map_err(|e| match e {
            crypto::KeyError::WrongPassphrase => SealedError::WrongPassphrase { path },
            _ => SealedError::KeyDamaged { path },
        })
    }

    /// Writes `key.age` (the key locked by a passphrase) atomically. Requires the writer lock.
    pub fn write_key(&self, locked: &[u8], _lock: &StoreLock) -> Result<(), SealedError> {
        let path = self.key_path();
        fsutil::write_atomic(&path, locked).map_err(|e| StoreError::from_write(&path, e).into())
    }

    /// Writes `recipients.txt` and `README.txt`, the clear files for people and other tools.
    pub fn write_clear_files(&self, recipients: &[PublicKey], _lock: &StoreLock) -> Result<(), SealedError> {
        let mut text = String::from("# The age public keys every version in v/ is encrypted to.\n");
        for key in recipients {
            let _ = writeln!(text, "{key}");
        }
        let path = self.dir().join(RECIPIENTS_FILE);
        fsutil::write_atomic(&path, text.as_bytes()).map_err(|e| StoreError::from_write(&path, e))?;
        let path = self.dir().join(README_FILE);
        fsutil::write_atomic(&path, README_TEXT.as_bytes()).map_err(|e| StoreError::from_write(&path, e))?;
        Ok(())
    }

    /// The names `SHA256SUMS` lists (relative to the folder); empty when it is missing.
    pub fn listed_in_sums(&self) -> Vec<(String, String)> {
        read_plain(&self.dir().join(SUMS_FILE))
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .map(|text| parse_sums(&text))
            .unwrap_or_default()
    }

    /// The plain files in `v/` (sorted); an absent `v/` holds none.
    pub fn version_files(&self) -> Result<Vec<String>, StoreError> {
        let dir = self.versions_dir();
        let read = match fs::read_dir(&dir) {
            Ok(read) => read,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(StoreError::Unreachable { path: dir, source: e }),
        };
        let mut names = Vec::new();
        for entry in read {
            let entry = entry.map_err(|e| StoreError::Read {
                path: dir.clone(),
                source: e,
            })?;
            if entry.file_type().is_ok_and(|t| t.is_file()) {
                names.push(entry.file_name().to_string_lossy().into_owned());
            }
        }
        names.sort();
        Ok(names)
    }

    /// Removes temporary files a killed run left in the folder and in `v/`. Requires the lock.
    pub fn remove_leftovers(&self, lock: &StoreLock) -> Result<Vec<PathBuf>, StoreError> {
        let mut removed = self.store.remove_leftovers(lock)?;
        for name in self.version_files()? {
            if fsutil::is_temp_name(std::ffi::OsStr::new(&name)) {
                let path = self.versions_dir().join(name);
                match fs::remove_file(&path) {
                    Ok(()) => removed.push(path),
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                    Err(e) => return Err(StoreError::from_write(&path, e)),
                }
            }
        }
        Ok(removed)
    }

    /// Deletes a retired version file (plain files only, as in a plain folder).
    pub fn remove_version(&self, version: &Version, _lock: &StoreLock) -> Result<(), StoreError> {
        let path = self.version_path(version);
        match fs::symlink_metadata(&path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(StoreError::from_write(&path, e)),
            Ok(meta) if !meta.is_file() => Err(StoreError::NotAFile { path }),
            Ok(_) => fs::remove_file(&path).map_err(|e| StoreError::from_write(&path, e)),
        }
    }
}

/// `SHA256SUMS` lines as (hash, name) pairs; lines that are not `<64 hex>  <name>` are skipped
/// (the verifier counts them as findings).
pub fn parse_sums(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|line| {
            let (hash, name) = line.split_once("  ")?;
            (hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
                .then(|| (hash.to_ascii_lowercase(), name.to_string()))
        })
        .collect()
}

/// Reads a file of the folder whole, without following a link.
fn read_plain(path: &Path) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    fsutil::open_nofollow(path)?.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// `README.txt`: how a person restores without Sheetsafe.
pub const README_TEXT: &str = "\
This folder holds encrypted Sheetsafe backups (store format 2, see docs/store-format.md).

Each file in v/ is one version of a workbook, encrypted with age (https://age-encryption.org).
The names are random on purpose: the list of versions (names, times, sizes) is inside
catalog.toml.age, which is encrypted too.

Check that every file is intact (no key needed):
    sha256sum -c SHA256SUMS          (macOS: shasum -a 256 -c SHA256SUMS)

Restore without Sheetsafe, with the `age` tool (Windows, macOS, Linux; Debian: apt install age):
  with the passphrase (key.age is your key, locked by the passphrase):
    age -d -i key.age -o catalog.toml catalog.toml.age
    age -d -i key.age -o Sales.xlsm v/<file>.age
  with the recovery sheet (a text file holding AGE-SECRET-KEY-1...):
    age -d -i recovery-sheet.txt -o Sales.xlsm v/<file>.age
  with the company recovery key, the same way with the company's identity file.

catalog.toml tells which v/ file is which version (`file`, `name`, `created`, `source`);
every version's `sha256` is that of the restored workbook: check it with sha256sum.
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opaque_names_are_recognised_and_others_are_not() {
        let name = new_version_name().expect("random");
        assert!(is_opaque_name(name.as_str()), "{name}");
        for bad in [
            "catalog.toml.age",
            "../x.age",
            "0123.age",
            &"A".repeat(32),
            "Sales.xlsm",
        ] {
            assert!(!is_opaque_name(bad), "{bad}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

        /// A catalog changed on the storage (a byte flipped, cut short, or replaced by an age
        /// file for the same keys holding something else) is refused with a sentence naming
        /// `catalog.toml.age`, or read back exactly as written: never misread, never a panic.
        #[test]
        fn a_tampered_catalog_is_refused_or_read_as_written(
            at in proptest::prelude::any::<usize>(),
            bit in 0u8..8,
            cut in proptest::prelude::any::<bool>(),
            forged in proptest::prelude::any::<bool>(),
        ) {
            let dir = tempfile::tempdir().expect("tempdir");
            let store = SealedStore::at(dir.path().join("Sales"));
            store.ensure_exists().expect("folder");
            let device = SecretKey::generate();
            let user = SecretKey::generate();
            let catalog = SealedCatalog {
                format: SEALED_FORMAT,
                devices: vec![device.public().to_string()],
                recipients: vec![user.public().to_string()],
                versions: Vec::new(),
            };
            let lock = store.lock(Duration::from_secs(5)).expect("lock");
            store.save_catalog(&catalog, &[user.public()], &lock).expect("save");
            let path = store.catalog_path();
            let mut bytes = fs::read(&path).expect("read");
            if forged {
                bytes = crypto::seal_bytes(b"format = 2\n[[version]]\nfile = \"../../etc/passwd\"\n", &[user.public()])
                    .expect("seal");
            } else if cut {
                bytes.truncate(at % bytes.len());
            } else {
                let n = bytes.len();
                bytes[at % n] ^= 1 << bit;
            }
            fs::write(&path, &bytes).expect("tamper");
            match store.load_catalog(&[&user]) {
                Ok(read) => proptest::prop_assert_eq!(read.versions, catalog.versions),
                Err(e) => {
                    let sentence = e.to_string();
                    proptest::prop_assert!(sentence.contains(SEALED_CATALOG_FILE), "{sentence}");
                }
            }
        }
    }

    #[test]
    fn sums_list_ciphertexts_and_the_catalog() {
        let catalog = SealedCatalog::default();
        assert_eq!(
            catalog.to_sha256sums(&"ab".repeat(32)),
            format!("{}  catalog.toml.age\n", "ab".repeat(32))
        );
        assert_eq!(parse_sums("zz  x\nabc\n").len(), 0);
    }
}
