//! Company storage from the command line: `restore-from` (on any PC: list the computers and
//! versions in the user's bucket, restore one byte-exact) and `admin report` (counts, sizes and
//! integrity of every computer's folder, never a name). Adding a bucket as a second copy is
//! `profile dest add --s3` (`dest`).

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context as _;
use clap::{Args, Subcommand};
use sheetsafe::company::{self, BucketReport};
use sheetsafe::config::{Profile, split_s3_url};
use sheetsafe::crypto::SecretKey;
use sheetsafe::restore::{self, RestoreTarget, Selector};
use sheetsafe::s3::{Client, Server};
use sheetsafe::store::sealed::{SealedError, SealedStore};

use super::encrypted::{PASSPHRASE_VAR, ask, key_from_sheet};
use super::output::print_json;

/// The variable scripts give the bucket key's secret in.
pub const SECRET_VAR: &str = "SHEETSAFE_S3_SECRET";

/// The server, bucket and key: what every company-storage command needs.
#[derive(Debug, Args, Clone)]
pub struct BucketArgs {
    /// The server and bucket, e.g. http://server:3900/alice-backups
    #[arg(long = "s3", value_name = "URL", required = true)]
    urls: Vec<String>,
    /// The access key id (GK… on Garage); the secret comes from SHEETSAFE_S3_SECRET or is asked
    #[arg(long, value_name = "ID")]
    access_key_id: String,
    /// The region requests are signed for
    #[arg(long, value_name = "NAME", default_value = "garage")]
    region: String,
}

impl BucketArgs {
    /// A client for each bucket named, with the secret asked once.
    fn clients(&self) -> anyhow::Result<Vec<Client>> {
        let secret = ask_secret(&self.access_key_id)?;
        self.urls
            .iter()
            .map(|url| client(url, &self.region, &self.access_key_id, &secret))
            .collect()
    }
}

/// A client for `url` (server and bucket).
pub fn client(url: &str, region: &str, key_id: &str, secret: &str) -> anyhow::Result<Client> {
    let (endpoint, bucket) = split_s3_url(url).ok_or_else(|| {
        anyhow::anyhow!("`{url}` is not the address of a bucket. Write it like http://server:3900/bucket-name.")
    })?;
    Ok(Client::new(
        &Server {
            endpoint,
            bucket,
            region: region.to_string(),
            key_id: key_id.to_string(),
        },
        secret,
    )?)
}

/// The secret of `key_id`: from SHEETSAFE_S3_SECRET, else asked on the terminal without echo.
pub fn ask_secret(key_id: &str) -> anyhow::Result<String> {
    if let Ok(secret) = std::env::var(SECRET_VAR) {
        return Ok(secret.trim().to_string());
    }
    if !std::io::stdin().is_terminal() {
        anyhow::bail!(
            "The secret of access key {key_id} is needed: set {SECRET_VAR}, or run the command in a terminal to type it."
        );
    }
    let secret = rpassword::prompt_password(format!("Secret of access key {key_id}: "))
        .context("Could not read the secret from the terminal")?;
    Ok(secret.trim().to_string())
}

#[derive(Debug, Args)]
pub struct RestoreFromArgs {
    #[command(flatten)]
    bucket: BucketArgs,
    /// List the computers in the bucket and, with the passphrase, their workbooks and versions
    #[arg(long, conflicts_with_all = ["to", "version", "at"])]
    list: bool,
    /// The computer's folder in the bucket (as --list shows it) [default: the only one]
    #[arg(long, value_name = "ID")]
    device: Option<String>,
    /// The workbook's file name (needed when the backups hold several)
    #[arg(long, value_name = "NAME")]
    workbook: Option<PathBuf>,
    /// The version, as --list names it [default: the newest healthy]
    #[arg(long, value_name = "NAME", conflicts_with = "at")]
    version: Option<String>,
    /// The newest version made at or before this local time, e.g. "2026-11-21 17:30"
    #[arg(long, value_name = "TIME")]
    at: Option<String>,
    /// Write the version to this new file (or into this folder)
    #[arg(long, value_name = "PATH", required_unless_present_any = ["list", "into"])]
    to: Option<PathBuf>,
    /// Bring the computer's whole folder (every version) into this new folder, to use it as a
    /// profile here: then `sheetsafe profile add NAME --backup-folder PARENT --encrypt`, where
    /// the folder is PARENT/NAME
    #[arg(long, value_name = "DIR", conflicts_with_all = ["list", "to", "version", "at", "workbook"])]
    into: Option<PathBuf>,
    /// The recovery sheet (age identity file) instead of the passphrase
    #[arg(long, value_name = "FILE")]
    identity: Option<PathBuf>,
    /// Print JSON (with --list)
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Per bucket and computer: versions, bytes, newest upload and integrity; never a name
    Report {
        #[command(flatten)]
        bucket: BucketArgs,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
}

/// One computer's folder as `--list --json` prints it.
#[derive(Debug, serde::Serialize)]
struct ListedDevice {
    device: String,
    /// Empty when no passphrase or recovery sheet was given.
    versions: Vec<ListedVersion>,
}

#[derive(Debug, serde::Serialize)]
struct ListedVersion {
    workbook: String,
    /// The name `--version` takes.
    name: String,
    created: String,
    bytes: u64,
    sha256: String,
    healthy: bool,
}

pub fn restore_from(args: &RestoreFromArgs) -> anyhow::Result<ExitCode> {
    let secret = ask_secret(&args.bucket.access_key_id)?;
    let [url] = args.bucket.urls.as_slice() else {
        anyhow::bail!("restore-from reads one bucket: give --s3 once.");
    };
    let client = client(url, &args.bucket.region, &args.bucket.access_key_id, &secret)?;
    if let Some(dir) = &args.into {
        return bring_down(&client, args, dir);
    }
    let work = tempdir()?;
    let result = if args.list {
        list(&client, args, &work.0)
    } else {
        restore_one(&client, args, &work.0)
    };
    drop(work);
    result
}

fn list(client: &Client, args: &RestoreFromArgs, work: &Path) -> anyhow::Result<ExitCode> {
    let devices = match &args.device {
        Some(device) => vec![company::choose_device(client, Some(device))?],
        None => company::devices(client)?,
    };
    let can_open = args.identity.is_some() || std::env::var(PASSPHRASE_VAR).is_ok() || std::io::stdin().is_terminal();
    let mut listed = Vec::new();
    for device in devices {
        let mut versions = Vec::new();
        if can_open {
            let dir = work.join(&device);
            company::fetch_profile(client, &device, &dir)?;
            let key = open_key(&dir, args.identity.as_deref(), &device)?;
            let catalog = SealedStore::at(dir.clone())
                .load_catalog(&[&key])
                .map_err(|e| in_bucket(e, &dir, &format!("the bucket's {device}")))?;
            for v in catalog.versions.iter().rev() {
                versions.push(ListedVersion {
                    workbook: v.version.workbook_name(),
                    name: v.name.clone(),
                    created: v.version.created.to_rfc3339(),
                    bytes: v.version.bytes,
                    sha256: v.version.sha256.clone(),
                    healthy: v.version.is_healthy(),
                });
            }
        }
        listed.push(ListedDevice { device, versions });
    }
    if args.json {
        print_json(&listed)?;
        return Ok(ExitCode::SUCCESS);
    }
    if listed.is_empty() {
        outln!("The bucket holds no backups yet.")?;
    }
    for d in &listed {
        outln!("Computer {}: {} versions", d.device, d.versions.len())?;
        for v in &d.versions {
            outln!(
                "  {}  {}  {}{}",
                v.name,
                v.created,
                crate::format::size(v.bytes),
                if v.healthy { "" } else { "  (damaged when backed up)" }
            )?;
        }
    }
    if !can_open {
        outln!("Set {PASSPHRASE_VAR} or give --identity FILE to see each computer's workbooks and versions.")?;
    }
    Ok(ExitCode::SUCCESS)
}

fn restore_one(client: &Client, args: &RestoreFromArgs, work: &Path) -> anyhow::Result<ExitCode> {
    let device = company::choose_device(client, args.device.as_deref())?;
    // The folder's name stands in for the profile's: nothing here is written to the user's
    // configuration, and the restore code reads an encrypted folder by its place alone.
    let dir = work.join("restore");
    let listed = company::fetch_profile(client, &device, &dir)?;
    let key = open_key(&dir, args.identity.as_deref(), &device)?;
    let sealed = SealedStore::at(dir.clone())
        .load_catalog(&[&key])
        .map_err(|e| in_bucket(e, &dir, &format!("the bucket's {device}")))?;
    let profile = Profile {
        name: "restore".to_string(),
        backup_folder: work.to_path_buf(),
        workbooks: workbooks_of(&sealed),
        encryption: Some(sheetsafe::config::Encryption::default()),
        ..Profile::default()
    };
    let workbook = restore::choose_workbook(&profile, args.workbook.as_deref())?;
    let selector = match (&args.version, &args.at) {
        (Some(name), _) => Selector::File(sealed.find(name).map_or(name.clone(), |v| v.version.file.to_string())),
        (None, Some(at)) => Selector::At(restore::parse_local_time(at).ok_or_else(|| {
            anyhow::anyhow!("`{at}` is not a time Sheetsafe understands. Write it as \"2026-11-21 17:30\".")
        })?),
        (None, None) => Selector::NewestHealthy,
    };
    let catalog = sealed.plain();
    let version = restore::select(&catalog, &workbook, &selector)?;
    company::fetch_version(client, &device, &listed, version.file.as_str(), &dir, &())?;
    let target = RestoreTarget::To(args.to.clone().unwrap_or_default());
    let outcome = restore::restore_sealed(
        &profile,
        &workbook,
        version,
        &target,
        Duration::from_secs(30),
        &key,
        &(),
    )?;
    outln!(
        "Restored the version of {} made {} from the company storage to `{}` (checked: SHA-256 {}).",
        version.workbook_name(),
        version.created.format("%Y-%m-%d %H:%M:%S"),
        outcome.written.display(),
        &version.sha256[..16]
    )?;
    Ok(ExitCode::SUCCESS)
}

/// `--into DIR`: the clear files and catalog first, opened with the passphrase (or recovery
/// sheet) so a wrong one is said before any version is downloaded, then every version, each
/// checked. Whatever fails, nothing it brought stays behind, so the same command can be run
/// again as it is.
fn bring_down(client: &Client, args: &RestoreFromArgs, dir: &Path) -> anyhow::Result<ExitCode> {
    if !company::is_new_or_empty(dir) {
        return Err(company::FetchError::NotEmpty {
            path: dir.to_path_buf(),
        }
        .into());
    }
    let existed = dir.exists();
    let result = (|| -> anyhow::Result<(usize, usize)> {
        let device = company::choose_device(client, args.device.as_deref())?;
        let listed = company::fetch_profile(client, &device, dir)?;
        let key = open_key(dir, args.identity.as_deref(), &device)?;
        let catalog = SealedStore::at(dir.to_path_buf())
            .load_catalog(&[&key])
            .map_err(|e| in_bucket(e, dir, &format!("the bucket's {device}")))?;
        let count = company::fetch_versions(client, &device, &listed, dir, &())?;
        Ok((count, workbooks_of(&catalog).len()))
    })();
    let (count, workbooks) = match result {
        Ok(done) => done,
        Err(e) => {
            let _ = std::fs::remove_dir_all(dir);
            if existed {
                let _ = std::fs::create_dir(dir);
            }
            return Err(e);
        }
    };
    let name = dir
        .file_name()
        .map_or_else(|| "NAME".to_string(), |n| n.to_string_lossy().into_owned());
    let parent = dir.parent().unwrap_or(Path::new("."));
    outln!(
        "Brought {count} version(s) of {workbooks} workbook(s) from the company storage into `{}`, each checked against its SHA-256.",
        dir.display()
    )?;
    outln!(
        "To back up into it from this computer: sheetsafe profile add \"{name}\" --workbook PATH --backup-folder \"{}\" --encrypt",
        parent.display()
    )?;
    Ok(ExitCode::SUCCESS)
}

/// An encrypted folder's error about a file brought down into the temporary `dir`, said of
/// the object in the bucket instead (`place` is the bucket's address and the computer's
/// folder): the temporary copy is gone by the time the user reads it.
fn in_bucket(error: SealedError, dir: &Path, place: &str) -> SealedError {
    let there = |path: PathBuf| match path.strip_prefix(dir) {
        Ok(rest) => PathBuf::from(format!("{place}/{}", rest.to_string_lossy().replace('\\', "/"))),
        Err(_) => path,
    };
    match error {
        SealedError::WrongPassphrase { path } => SealedError::WrongPassphrase { path: there(path) },
        SealedError::KeyDamaged { path } => SealedError::KeyDamaged { path: there(path) },
        SealedError::NotForThisKey { path } => SealedError::NotForThisKey { path: there(path) },
        SealedError::CatalogDamaged { path } => SealedError::CatalogDamaged { path: there(path) },
        SealedError::CatalogInvalid { path, reason } => SealedError::CatalogInvalid {
            path: there(path),
            reason,
        },
        SealedError::CatalogMissing { path } => SealedError::CatalogMissing { path: there(path) },
        other => other,
    }
}

/// Every workbook the catalog has versions of, by the path it was backed up from.
fn workbooks_of(catalog: &sheetsafe::store::sealed::SealedCatalog) -> Vec<PathBuf> {
    let mut seen = Vec::new();
    for v in &catalog.versions {
        if !seen.contains(&v.version.source) {
            seen.push(v.version.source.clone());
        }
    }
    seen
}

/// The user's key for the folder brought down into `dir`: the recovery sheet, or `key.age`
/// and the passphrase.
fn open_key(dir: &Path, identity: Option<&Path>, device: &str) -> anyhow::Result<SecretKey> {
    if let Some(path) = identity {
        return key_from_sheet(path);
    }
    let store = SealedStore::at(dir.to_path_buf());
    if !store.key_path().exists() {
        anyhow::bail!(
            "The computer {device} has no key.age in the bucket, so the passphrase cannot open it. Use the recovery sheet with --identity FILE."
        );
    }
    let passphrase = ask(&format!("Passphrase for the backups of {device}: "), PASSPHRASE_VAR)?;
    Ok(store
        .unlock(&passphrase)
        .map_err(|e| in_bucket(e, dir, &format!("the bucket's {device}")))?)
}

pub fn admin(command: &AdminCommand) -> anyhow::Result<ExitCode> {
    let AdminCommand::Report { bucket, json } = command;
    let mut reports: Vec<BucketReport> = Vec::new();
    for client in bucket.clients()? {
        reports.push(company::report(&client)?);
    }
    if *json {
        print_json(&reports)?;
    } else {
        for r in &reports {
            outln!("Bucket {}: {} computers", r.bucket, r.devices.len())?;
            for d in &r.devices {
                outln!(
                    "  {}: {} versions, {}, newest upload {}; of {} listed files {} intact, {} missing, {} damaged{}{}",
                    d.device,
                    d.versions,
                    crate::format::size(d.bytes),
                    d.newest_upload.as_deref().unwrap_or("never"),
                    d.listed,
                    d.intact,
                    d.missing,
                    d.damaged,
                    if d.unlisted > 0 {
                        format!(", {} unlisted (an interrupted copy; the next removes them)", d.unlisted)
                    } else {
                        String::new()
                    },
                    if d.sums_missing {
                        "; no SHA256SUMS (no finished copy yet)"
                    } else {
                        ""
                    }
                )?;
            }
        }
    }
    let clean = reports
        .iter()
        .all(|r| r.devices.iter().all(company::DeviceReport::is_clean));
    Ok(if clean { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// A company-storage second copy as `verify` checked it (and, with `--repair`, mended it).
pub struct BucketPlace<'a> {
    pub profile: &'a Profile,
    pub destination: String,
    /// The bucket's address and this computer's folder in it.
    pub place: PathBuf,
    pub check: sheetsafe::copies::bucket::BucketCheck,
}

/// Checks every company-storage second copy of `profiles` without any key; with `repair`,
/// mends what it can (`copies::bucket::check`).
pub fn verify_buckets<'a>(profiles: &[&'a Profile], repair: bool, wait: Duration) -> Vec<BucketPlace<'a>> {
    let mut places = Vec::new();
    for profile in profiles {
        for dest in &profile.destinations {
            let Some(s3) = &dest.s3 else { continue };
            places.push(BucketPlace {
                profile,
                destination: dest.name.clone(),
                place: dest.place(&profile.name),
                check: sheetsafe::copies::bucket::check(profile, dest, s3, repair, wait),
            });
        }
    }
    places
}

/// `verify`'s lines for the company-storage second copies.
pub fn print_buckets(places: &[BucketPlace<'_>]) -> std::io::Result<()> {
    for b in places {
        let label = format!("{} (encrypted, company storage `{}`)", b.profile.name, b.destination);
        for name in &b.check.repaired {
            outln!("{label}: sent {name} again.")?;
        }
        match &b.check.outcome {
            Err(e) => outln!("{label}: not checked. {e}")?,
            Ok(r) => {
                outln!(
                    "{label}: {} of {} listed file(s) present and intact (SHA-256 of the encrypted file), {} version(s), {} in `{}`.",
                    r.intact,
                    r.listed,
                    r.versions,
                    crate::format::size(r.bytes),
                    b.place.display()
                )?;
                for name in &r.missing_files {
                    outln!("  ! {name} is missing from the bucket. Run `sheetsafe verify --repair` to send it again.")?;
                }
                for name in &r.damaged_files {
                    outln!(
                        "  ! {name} in the bucket does not match its SHA-256. Run `sheetsafe verify --repair` to send it again."
                    )?;
                }
                if r.nothing_yet() {
                    outln!("  - Nothing was copied here yet; `sheetsafe copy` makes the first copy.")?;
                } else if r.sums_missing {
                    outln!(
                        "  ! The bucket has no SHA256SUMS for this computer yet: run `sheetsafe copy` to make the first copy."
                    )?;
                }
            }
        }
    }
    Ok(())
}

/// `verify --json`'s entries for the company-storage second copies.
pub fn buckets_json(places: &[BucketPlace<'_>]) -> Vec<serde_json::Value> {
    places
        .iter()
        .map(|b| {
            let (report, note) = match &b.check.outcome {
                Ok(r) => (serde_json::to_value(r).unwrap_or_default(), None),
                Err(e) => (serde_json::Value::Null, Some(e.to_string())),
            };
            serde_json::json!({
                "profile": b.profile.name,
                "destination": b.destination,
                "place": b.place,
                "ok": b.check.is_ok(),
                "report": report,
                "note": note,
                "repaired": b.check.repaired,
            })
        })
        .collect()
}

/// A temporary folder removed when dropped.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A private temporary folder (only this user may enter it) for what comes down from the bucket.
fn tempdir() -> anyhow::Result<TempDir> {
    let dir = sheetsafe::fsutil::private_temp_dir("sheetsafe-restore").map_err(|e| {
        anyhow::anyhow!(
            "Could not make a temporary folder in `{}` ({e}). Free some space there and try again.",
            std::env::temp_dir().display()
        )
    })?;
    Ok(TempDir(dir))
}
