//! Company storage seen from outside a profile: which computers' folders a bucket holds,
//! bringing one of them down to a local encrypted profile folder (to restore on another PC),
//! and an administrator's report of counts and integrity that never names a workbook.
//!
//! A computer's folder in the bucket is the encrypted profile folder's layout under a random
//! device id (see `copies::bucket`), so what comes down is checked against its own clear
//! `SHA256SUMS` and then read by the same code as any encrypted folder.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::Serialize;

use crate::progress::Progress;
use crate::s3::{Client, S3Error};
use crate::store::SUMS_FILE;
use crate::store::sealed::{
    KEY_FILE, README_FILE, RECIPIENTS_FILE, SEALED_CATALOG_FILE, VERSIONS_DIR, is_opaque_name, parse_sums,
};

/// Why bringing a computer's folder down failed.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error(transparent)]
    Server(#[from] S3Error),
    #[error(
        "The bucket holds no backups of a computer called {device}. Run `sheetsafe restore-from … --list` to see the ones it holds."
    )]
    NoSuchDevice { device: String },
    #[error(
        "The bucket holds backups of {count} computers; say which with --device ID (`sheetsafe restore-from … --list` shows them)."
    )]
    WhichDevice { count: usize },
    #[error("The bucket holds no backups yet. Check the address and the key, or make a second copy from the PC first.")]
    Empty,
    #[error(
        "{key} came down from the bucket with other bytes than its SHA-256 in SHA256SUMS, so it was not used. Ask whoever runs the server to check the bucket, or restore from another copy."
    )]
    Damaged { key: String },
    #[error("{key} is listed in the bucket's SHA256SUMS but missing from the bucket. Restore from another copy.")]
    Missing { key: String },
    #[error(
        "The bucket's SHA256SUMS of {device} lists `{name}`, which is not a file of an encrypted profile folder, so nothing was brought down. Ask whoever runs the server to check the bucket."
    )]
    SumsInvalid { device: String, name: String },
    #[error("`{}` is not empty. Choose a new folder to bring the backups into.", path.display())]
    NotEmpty { path: std::path::PathBuf },
    #[error("Could not write `{}`: {source}", path.display())]
    Local {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
}

/// The computers' folders in the bucket: the device ids of every top-level "folder" that
/// holds a `SHA256SUMS` (what a finished copy leaves).
pub fn devices(client: &Client) -> Result<Vec<String>, S3Error> {
    let listing = client.list("", true)?;
    let mut found = Vec::new();
    for prefix in listing.prefixes {
        let device = prefix.trim_end_matches('/').to_string();
        if crate::config::is_device_id(&device) && client.head(&format!("{device}/{SUMS_FILE}"))?.is_some() {
            found.push(device);
        }
    }
    found.sort();
    Ok(found)
}

/// The device to restore from: the one named, or the only one there is.
pub fn choose_device(client: &Client, named: Option<&str>) -> Result<String, FetchError> {
    let all = devices(client)?;
    match named {
        Some(device) if all.iter().any(|d| d == device) => Ok(device.to_string()),
        Some(device) => Err(FetchError::NoSuchDevice {
            device: device.to_string(),
        }),
        None => match all.as_slice() {
            [] => Err(FetchError::Empty),
            [one] => Ok(one.clone()),
            more => Err(FetchError::WhichDevice { count: more.len() }),
        },
    }
}

/// Brings the clear files, the encrypted catalog and `SHA256SUMS` of `device` into the
/// empty folder `dir`, each checked against the sums (the catalog) where they list it.
/// Returns the sums' entries (hash, name) for [`fetch_version`].
pub fn fetch_profile(client: &Client, device: &str, dir: &Path) -> Result<Vec<(String, String)>, FetchError> {
    let local = |path: &Path, source| FetchError::Local {
        path: path.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(dir.join(VERSIONS_DIR)).map_err(|e| local(dir, e))?;
    let sums_key = format!("{device}/{SUMS_FILE}");
    let sums = client
        .get_bytes(&sums_key)?
        .ok_or(FetchError::Missing { key: sums_key })?;
    let listed = parse_sums(&String::from_utf8_lossy(&sums));
    write_new(&dir.join(SUMS_FILE), &sums).map_err(|e| local(&dir.join(SUMS_FILE), e))?;
    for name in [KEY_FILE, RECIPIENTS_FILE, README_FILE, SEALED_CATALOG_FILE] {
        let key = format!("{device}/{name}");
        let Some(bytes) = client.get_bytes(&key)? else {
            if name == SEALED_CATALOG_FILE {
                return Err(FetchError::Missing { key });
            }
            // key.age may be absent (a recovery sheet still opens the folder); the others
            // are conveniences.
            continue;
        };
        if let Some((hash, _)) = listed.iter().find(|(_, n)| n == name)
            && *hash != crate::copy::sha256_hex(&bytes)
        {
            return Err(FetchError::Damaged { key });
        }
        write_new(&dir.join(name), &bytes).map_err(|e| local(&dir.join(name), e))?;
    }
    Ok(listed)
}

/// Brings the version file `file` (an opaque `<id>.age` name) of `device` into `dir/v/`,
/// checked against its SHA-256 in the sums.
pub fn fetch_version(
    client: &Client,
    device: &str,
    listed: &[(String, String)],
    file: &str,
    dir: &Path,
    progress: &dyn Progress,
) -> Result<(), FetchError> {
    let name = format!("{VERSIONS_DIR}/{file}");
    let key = format!("{device}/{name}");
    let expected = listed
        .iter()
        .find(|(_, n)| *n == name)
        .map(|(h, _)| h.clone())
        .ok_or_else(|| FetchError::Missing { key: key.clone() })?;
    let target = dir.join(VERSIONS_DIR).join(file);
    let (sha256, _) = client
        .get_to_file(&key, &target, progress)?
        .ok_or_else(|| FetchError::Missing { key: key.clone() })?;
    if sha256 != expected {
        let _ = std::fs::remove_file(&target);
        return Err(FetchError::Damaged { key });
    }
    Ok(())
}

/// True when `dir` does not exist or holds nothing: where [`fetch_versions`] may bring a
/// computer's folder.
pub fn is_new_or_empty(dir: &Path) -> bool {
    std::fs::read_dir(dir).map_or(!dir.exists(), |mut entries| entries.next().is_none())
}

/// Brings every version the sums list into `dir/v/` (after [`fetch_profile`]), each checked
/// against its SHA-256. With the clear files, the result is an encrypted profile folder that
/// `profile add … --encrypt` joins with the passphrase or the recovery sheet. Returns how many
/// versions came down.
pub fn fetch_versions(
    client: &Client,
    device: &str,
    listed: &[(String, String)],
    dir: &Path,
    progress: &dyn Progress,
) -> Result<usize, FetchError> {
    let mut count = 0;
    for (_, name) in listed {
        if name == SEALED_CATALOG_FILE {
            continue;
        }
        // The bucket is untrusted: only an opaque version name becomes a path.
        let Some(file) = name
            .strip_prefix(&format!("{VERSIONS_DIR}/"))
            .filter(|id| is_opaque_name(id))
        else {
            return Err(FetchError::SumsInvalid {
                device: device.to_string(),
                name: name.clone(),
            });
        };
        fetch_version(client, device, listed, file, dir, progress)?;
        count += 1;
    }
    Ok(count)
}

fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut file = crate::fsutil::create_new(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// One computer's folder in a bucket, as an administrator may see it: counts, sizes, times
/// and integrity. There is no field that could hold a name: the folder is a random id and
/// every listed file an opaque one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DeviceReport {
    pub device: String,
    /// Versions its `SHA256SUMS` lists.
    pub versions: usize,
    /// Files its `SHA256SUMS` lists: the versions and the catalog.
    pub listed: usize,
    /// Bytes of every object in its folder.
    pub bytes: u64,
    /// The newest object's upload time, as the server wrote it.
    pub newest_upload: Option<String>,
    /// Listed files present with the SHA-256 the sums give.
    pub intact: usize,
    /// Listed files the bucket lacks.
    pub missing: usize,
    /// Listed files whose bytes differ from their SHA-256.
    pub damaged: usize,
    /// Version objects the sums do not list (left by an interrupted copy; removed by the next).
    pub unlisted: usize,
    /// True when the folder has no readable `SHA256SUMS`.
    pub sums_missing: bool,
    /// The listed files found missing or damaged, as the sums name them (`v/<id>.age`,
    /// `catalog.toml.age`): opaque, so an administrator learns nothing more from them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing_files: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub damaged_files: Vec<String>,
}

impl DeviceReport {
    /// True when everything listed is there and intact, or nothing was copied yet.
    pub fn is_clean(&self) -> bool {
        (!self.sums_missing || self.nothing_yet()) && self.missing == 0 && self.damaged == 0
    }

    /// True when the folder holds nothing at all: no copy was made to it yet.
    pub fn nothing_yet(&self) -> bool {
        self.sums_missing && self.bytes == 0
    }
}

/// A bucket's report: one entry per computer folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BucketReport {
    pub bucket: String,
    pub devices: Vec<DeviceReport>,
}

/// Checks every computer's folder in the bucket without any key: each listed file is present
/// and its SHA-256 is the one the sums give (from the server's stored checksum, or by reading
/// the object when the server keeps none, as for uploads made in parts).
pub fn report(client: &Client) -> Result<BucketReport, S3Error> {
    let everything = client.list("", false)?;
    let mut by_device: BTreeMap<String, Vec<crate::s3::Object>> = BTreeMap::new();
    for object in everything.objects {
        if let Some((device, _)) = object.key.split_once('/')
            && crate::config::is_device_id(device)
        {
            by_device.entry(device.to_string()).or_default().push(object);
        }
    }
    let mut devices = Vec::new();
    for (device, objects) in by_device {
        devices.push(device_report(client, &device, &objects)?);
    }
    Ok(BucketReport {
        bucket: client.server().bucket.clone(),
        devices,
    })
}

/// The report of one computer's folder (what `verify` shows for a company-storage second copy).
pub fn check_device(client: &Client, device: &str) -> Result<DeviceReport, S3Error> {
    let objects = client.list(&format!("{device}/"), false)?.objects;
    device_report(client, device, &objects)
}

fn device_report(client: &Client, device: &str, objects: &[crate::s3::Object]) -> Result<DeviceReport, S3Error> {
    let mut report = DeviceReport {
        device: device.to_string(),
        bytes: objects.iter().map(|o| o.size).sum(),
        newest_upload: objects.iter().map(|o| o.last_modified.clone()).max(),
        ..DeviceReport::default()
    };
    let present: HashMap<&str, u64> = objects.iter().map(|o| (o.key.as_str(), o.size)).collect();
    let Some(sums) = client.get_bytes(&format!("{device}/{SUMS_FILE}"))? else {
        report.sums_missing = true;
        return Ok(report);
    };
    let listed = parse_sums(&String::from_utf8_lossy(&sums));
    report.versions = listed.iter().filter(|(_, n)| n.starts_with(VERSIONS_DIR)).count();
    report.listed = listed.len();
    for (hash, name) in &listed {
        let key = format!("{device}/{name}");
        if !present.contains_key(key.as_str()) {
            report.missing += 1;
            report.missing_files.push(name.clone());
            continue;
        }
        let stored = match client.head(&key)?.and_then(|h| h.sha256) {
            Some(sha256) => Some(sha256),
            None => client.hash_object(&key)?,
        };
        match stored {
            Some(sha256) if sha256 == *hash => report.intact += 1,
            Some(_) => {
                report.damaged += 1;
                report.damaged_files.push(name.clone());
            }
            None => {
                report.missing += 1;
                report.missing_files.push(name.clone());
            }
        }
    }
    let listed_names: std::collections::HashSet<String> = listed.iter().map(|(_, n)| format!("{device}/{n}")).collect();
    let versions_prefix = format!("{device}/{VERSIONS_DIR}/");
    report.unlisted = objects
        .iter()
        .filter(|o| o.key.strip_prefix(&versions_prefix).is_some_and(is_opaque_name) && !listed_names.contains(&o.key))
        .count();
    Ok(report)
}
