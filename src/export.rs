//! Export for e-mail: one zip file holding the newest healthy version of each workbook of a
//! profile, under the workbook's own file name, and a `SHA256SUMS` that `sha256sum -c` checks
//! after unpacking. Anyone can open it; it is the "send it to yourself" kind of second copy.
//!
//! Each version is taken from the first place where its bytes still match the catalog (the
//! main folder, then the destinations). The zip is written to a temporary file, read back and
//! checked entry by entry, and only then renamed to its name; an existing file is never replaced.

use std::fmt::Write as _;
use std::fs::{self, File};
use std::io::{self, BufReader, Read, Write as _};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, FixedOffset, Local, Timelike};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::config::Profile;
use crate::copy;
use crate::crypto::{OpenError, SecretKey};
use crate::fsutil;
use crate::progress::Progress;
use crate::store::sealed::{SealedCatalog, SealedStore, SealedVersion};
use crate::store::{ProfileStore, Version};

/// One workbook in the export.
#[derive(Debug, Clone, Serialize)]
pub struct ExportedWorkbook {
    /// The entry's name in the zip (the workbook's file name).
    pub name: String,
    /// The stored version it came from.
    pub version: String,
    /// Where that version was read.
    pub from: PathBuf,
    pub created: DateTime<FixedOffset>,
    pub sha256: String,
    pub bytes: u64,
}

/// What an export wrote.
#[derive(Debug, Clone, Serialize)]
pub struct ExportOutcome {
    pub file: PathBuf,
    pub workbooks: Vec<ExportedWorkbook>,
    /// Workbooks left out: no intact, healthy version of them anywhere.
    pub left_out: Vec<PathBuf>,
}

/// Why an export could not be written. Nothing is left at the target in any of these cases.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("`{}` already exists and was left untouched. Choose another file name.", path.display())]
    Exists { path: PathBuf },
    #[error(
        "The folder `{}` does not exist. Choose a folder that exists for the export.",
        path.display()
    )]
    NoFolder { path: PathBuf },
    #[error(
        "Profile `{profile}` has no intact, healthy version of any workbook to export. Run `sheetsafe backup \"{profile}\"` first, or `sheetsafe verify --full` to see what is wrong."
    )]
    Nothing { profile: String },
    #[error("Could not write the export `{}`: {source}. Nothing was left there.", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error(
        "The export `{}` read back differently from what was written, so it was thrown away. Check the disk, or export to another folder.",
        path.display()
    )]
    ReadBackMismatch { path: PathBuf },
    #[error(
        "The encrypted version `{}` failed its check while it was being exported, so nothing was written. Run `sheetsafe verify --full --repair` to mend it from a second copy, then export again.",
        path.display()
    )]
    Damaged { path: PathBuf },
}

/// Writes the export of `profile` to `to` (a new `.zip` file).
pub fn export_profile(profile: &Profile, to: &Path, progress: &dyn Progress) -> Result<ExportOutcome, ExportError> {
    export_with(profile, to, None, progress)
}

/// Writes the export of an encrypted profile: the newest healthy version of each workbook,
/// decrypted with the user's `key` into the zip (which is in clear: it is meant to be opened by
/// whoever receives it). The ciphertext is checked against `SHA256SUMS`'s hash before it is
/// chosen, and the decrypted bytes against the catalog's hash of the workbook while they go in.
pub fn export_sealed_profile(
    profile: &Profile,
    to: &Path,
    key: &SecretKey,
    progress: &dyn Progress,
) -> Result<ExportOutcome, ExportError> {
    export_with(profile, to, Some(key), progress)
}

fn export_with(
    profile: &Profile,
    to: &Path,
    key: Option<&SecretKey>,
    progress: &dyn Progress,
) -> Result<ExportOutcome, ExportError> {
    if to.exists() {
        return Err(ExportError::Exists { path: to.to_path_buf() });
    }
    let folder = to
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !folder.is_dir() {
        return Err(ExportError::NoFolder {
            path: folder.to_path_buf(),
        });
    }
    let (workbooks, left_out) = match key {
        None => choose_versions(profile, progress),
        Some(key) => choose_sealed_versions(profile, key, progress),
    };
    if workbooks.is_empty() {
        return Err(ExportError::Nothing {
            profile: profile.name.clone(),
        });
    }
    let file_name = to
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = fsutil::temp_path_for(folder, &file_name);
    let written = write_zip(&temp, &workbooks, key, progress).and_then(|()| check_zip(&temp, &workbooks));
    let placed = written.and_then(|()| {
        // Checked again just before the rename, which would silently replace a file that
        // appeared meanwhile.
        if to.exists() {
            return Err(ExportError::Exists { path: to.to_path_buf() });
        }
        fs::rename(&temp, to)
            .and_then(|()| fsutil::sync_dir(folder))
            .map_err(|source| ExportError::Write {
                path: to.to_path_buf(),
                source,
            })
    });
    if let Err(e) = placed {
        if let Err(remove) = fs::remove_file(&temp)
            && remove.kind() != io::ErrorKind::NotFound
        {
            tracing::debug!("could not remove {}: {remove}", temp.display());
        }
        return Err(e);
    }
    tracing::info!(
        "exported {} workbook(s) of {} to {}",
        workbooks.len(),
        profile.name,
        to.display()
    );
    Ok(ExportOutcome {
        file: to.to_path_buf(),
        workbooks,
        left_out,
    })
}

/// For each workbook, the newest healthy version whose bytes still match its SHA-256 in some
/// place (main folder first).
fn choose_versions(profile: &Profile, progress: &dyn Progress) -> (Vec<ExportedWorkbook>, Vec<PathBuf>) {
    let mut stores = vec![ProfileStore::new(&profile.backup_folder, &profile.name)];
    stores.extend(
        profile
            .folder_destinations()
            .map(|d| ProfileStore::new(&d.folder, &profile.name)),
    );
    let catalogs: Vec<(ProfileStore, crate::store::Catalog)> = stores
        .into_iter()
        .filter_map(|s| s.load_catalog().ok().map(|c| (s, c)))
        .collect();
    for_each_workbook(profile, |name| {
        let mut versions: Vec<&Version> = catalogs
            .iter()
            .flat_map(|(_, c)| c.versions_of(name))
            .filter(|v| v.is_healthy())
            .collect();
        // Newest first by sequence (copied verbatim to second copies), never by the clock.
        versions.sort_by(|a, b| b.order_key().cmp(&a.order_key()));
        versions.dedup_by(|a, b| a.sha256 == b.sha256);
        versions.iter().find_map(|v| {
            catalogs.iter().find_map(|(store, catalog)| {
                let held = catalog.versions.iter().find(|s| s.sha256 == v.sha256)?;
                let path = store.version_path(held);
                let digest = copy::hash_stored(&path, progress).ok()?;
                (digest.sha256 == v.sha256).then(|| ExportedWorkbook {
                    name: name.to_string(),
                    version: held.file.to_string(),
                    from: path,
                    created: v.created,
                    sha256: v.sha256.clone(),
                    bytes: digest.bytes,
                })
            })
        })
    })
}

/// Runs `find` for each workbook's file name: what it finds goes into the export, and a
/// workbook it finds nothing for is left out.
fn for_each_workbook(
    profile: &Profile,
    mut find: impl FnMut(&str) -> Option<ExportedWorkbook>,
) -> (Vec<ExportedWorkbook>, Vec<PathBuf>) {
    let mut chosen = Vec::new();
    let mut left_out = Vec::new();
    for workbook in &profile.workbooks {
        let name = workbook
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match find(&name) {
            Some(w) => chosen.push(w),
            None => left_out.push(workbook.clone()),
        }
    }
    (chosen, left_out)
}

/// [`choose_versions`] for an encrypted profile: the catalogs are opened with the user's key
/// and a version is taken where its ciphertext still matches the hash `SHA256SUMS` lists.
/// Folders whose catalog this key cannot open are passed over, as a damaged plain one is.
fn choose_sealed_versions(
    profile: &Profile,
    key: &SecretKey,
    progress: &dyn Progress,
) -> (Vec<ExportedWorkbook>, Vec<PathBuf>) {
    let catalogs: Vec<(SealedStore, SealedCatalog)> = std::iter::once(&profile.backup_folder)
        .chain(profile.folder_destinations().map(|d| &d.folder))
        .map(|folder| SealedStore::new(folder, &profile.name))
        .filter_map(|s| s.load_catalog(&[key]).ok().map(|c| (s, c)))
        .collect();
    for_each_workbook(profile, |name| {
        let mut versions: Vec<&SealedVersion> = catalogs
            .iter()
            .flat_map(|(_, c)| c.versions.iter())
            .filter(|v| v.version.workbook_name() == name && v.version.is_healthy())
            .collect();
        versions.sort_by(|a, b| b.version.order_key().cmp(&a.version.order_key()));
        versions.dedup_by(|a, b| a.version.sha256 == b.version.sha256);
        versions.iter().find_map(|v| {
            catalogs.iter().find_map(|(store, catalog)| {
                let held = catalog.versions.iter().find(|s| s.version.sha256 == v.version.sha256)?;
                let path = store.version_path(&held.version);
                let digest = copy::hash_stored(&path, progress).ok()?;
                (digest.sha256 == held.stored_sha256).then(|| ExportedWorkbook {
                    name: name.to_string(),
                    version: held.name.clone(),
                    from: path,
                    created: held.version.created,
                    sha256: held.version.sha256.clone(),
                    bytes: held.version.bytes,
                })
            })
        })
    })
}

fn write_zip(
    temp: &Path,
    workbooks: &[ExportedWorkbook],
    key: Option<&SecretKey>,
    progress: &dyn Progress,
) -> Result<(), ExportError> {
    let err = |source| ExportError::Write {
        path: temp.to_path_buf(),
        source,
    };
    let file = fsutil::create_new(temp).map_err(err)?;
    let mut zip = zip::ZipWriter::new(io::BufWriter::new(file));
    let mut sums = String::new();
    for w in workbooks {
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(w.bytes >= u64::from(u32::MAX))
            .last_modified_time(zip_time(&w.created));
        zip.start_file(w.name.as_str(), options)
            .map_err(|e| err(io::Error::other(e)))?;
        let file = fsutil::open_nofollow(&w.from).map_err(err)?;
        let mut input: Box<dyn Read> = match key {
            None => Box::new(file),
            Some(key) => Box::new(key.open(BufReader::with_capacity(1 << 20, file)).map_err(|e| match e {
                OpenError::Io(e) => err(e),
                _ => ExportError::Damaged { path: w.from.clone() },
            })?),
        };
        let mut hasher = Sha256::new();
        let mut buffer = vec![0u8; 1 << 20];
        let mut done = 0u64;
        loop {
            let n = match input.read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                // A chunk that fails authentication is a damaged version file, not a disk error.
                Err(e) if key.is_some() => {
                    return Err(match OpenError::from_read(e) {
                        OpenError::Io(e) => err(e),
                        _ => ExportError::Damaged { path: w.from.clone() },
                    });
                }
                Err(e) => return Err(err(e)),
            };
            hasher.update(&buffer[..n]);
            zip.write_all(&buffer[..n]).map_err(err)?;
            done += n as u64;
            progress.report(crate::progress::ProgressEvent::Bytes {
                file: w.from.clone(),
                done,
                total: w.bytes,
            });
        }
        // The bytes put into the zip are the ones that were checked, or the export stops.
        if hex::encode(hasher.finalize()) != w.sha256 {
            return Err(ExportError::ReadBackMismatch { path: w.from.clone() });
        }
        // Writing into a String cannot fail.
        let _ = writeln!(sums, "{}  {}", w.sha256, w.name);
    }
    zip.start_file("SHA256SUMS", zip::write::SimpleFileOptions::default())
        .map_err(|e| err(io::Error::other(e)))?;
    zip.write_all(sums.as_bytes()).map_err(err)?;
    let file = zip
        .finish()
        .map_err(|e| err(io::Error::other(e)))?
        .into_inner()
        .map_err(|e| err(e.into_error()))?;
    file.sync_all().map_err(err)
}

/// Reads the finished zip back and checks every workbook entry against its SHA-256.
fn check_zip(temp: &Path, workbooks: &[ExportedWorkbook]) -> Result<(), ExportError> {
    let mismatch = || ExportError::ReadBackMismatch {
        path: temp.to_path_buf(),
    };
    let file = File::open(temp).map_err(|source| ExportError::Write {
        path: temp.to_path_buf(),
        source,
    })?;
    let mut archive = zip::ZipArchive::new(BufReader::new(file)).map_err(|_| mismatch())?;
    if archive.len() != workbooks.len() + 1 {
        return Err(mismatch());
    }
    for w in workbooks {
        let mut entry = archive.by_name(&w.name).map_err(|_| mismatch())?;
        let mut hasher = Sha256::new();
        io::copy(&mut entry, &mut hasher).map_err(|_| mismatch())?;
        if hex::encode(hasher.finalize()) != w.sha256 {
            return Err(mismatch());
        }
    }
    Ok(())
}

/// The version's local time as a zip time stamp (zip times have no zone and two-second steps),
/// so the unpacked workbook shows when it was saved.
fn zip_time(created: &DateTime<FixedOffset>) -> zip::DateTime {
    let t = created.with_timezone(&Local);
    let (Ok(year), Ok(month), Ok(day), Ok(hour), Ok(minute), Ok(second)) = (
        u16::try_from(t.year()),
        u8::try_from(t.month()),
        u8::try_from(t.day()),
        u8::try_from(t.hour()),
        u8::try_from(t.minute()),
        u8::try_from(t.second()),
    ) else {
        return zip::DateTime::default();
    };
    zip::DateTime::from_date_and_time(year, month, day, hour, minute, second.min(58)).unwrap_or_default()
}
