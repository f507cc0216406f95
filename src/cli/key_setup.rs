//! `profile add --encrypt`: making the keys of a new encrypted profile (the user's key locked by
//! a passphrase, this computer's key, the optional recovery sheet), or joining the encrypted
//! folder of a profile made on another computer. Apart from `profile.rs` because it is the only
//! command code that makes keys and writes secret files (this computer's key, the recovery
//! sheet).

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context as _;
use sheetsafe::config::{Encryption, Profile};
use sheetsafe::crypto::{PublicKey, SecretKey};
use sheetsafe::store::sealed::{SealedCatalog, SealedError, SealedStore};

use super::Paths;
use super::encrypted::{PASSPHRASE_VAR, ask_new, user_key};

/// Where this computer's key for a profile is kept: beside the configuration file.
fn device_key_path(paths: &Paths, name: &str) -> PathBuf {
    let dir = paths
        .config_file
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    dir.join("keys").join(format!("{name}.device-key.txt"))
}

/// Writes a secret file readable by its owner only.
fn write_secret(path: &Path, text: &str) -> anyhow::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).with_context(|| format!("Could not create `{}`", parent.display()))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(path)
        .with_context(|| format!("Could not write `{}` (it must not exist yet)", path.display()))?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .with_context(|| format!("Could not write `{}`", path.display()))?;
    file.sync_all()
        .with_context(|| format!("Could not write `{}`", path.display()))?;
    Ok(())
}

/// What `profile add --encrypt` asked for.
pub struct EncryptRequest<'a> {
    pub recovery_key: Option<&'a str>,
    pub recovery_sheet: Option<&'a Path>,
    pub identity: Option<&'a Path>,
}

/// Sets up the keys of a new encrypted profile, or joins the existing encrypted folder of a
/// profile made on another computer (its passphrase or recovery sheet opens it). Returns the
/// settings to store in the configuration.
pub fn set_up(paths: &Paths, profile: &Profile, request: &EncryptRequest<'_>) -> anyhow::Result<Encryption> {
    let store = SealedStore::new(&profile.backup_folder, &profile.name);
    let device_path = device_key_path(paths, &profile.name);
    if device_path.exists() {
        anyhow::bail!(
            "This computer already has a key for a profile named `{}` (`{}`). Remove that file if the profile is gone, or choose another name.",
            profile.name,
            device_path.display()
        );
    }
    let device = SecretKey::generate();
    let wait = Duration::from_secs(60);
    if store.key_path().exists() {
        // Joining: the folder was made elsewhere. Its keys stay; this computer is added to the
        // catalog's devices so its backups can read the catalog.
        let user = user_key(profile, request.identity)?;
        let lock = store.lock(wait)?;
        let mut catalog = store.load_catalog(&[&user])?;
        let recipients = recipients_of_catalog(&catalog, &store)?;
        if !recipients.contains(&user.public()) {
            return Err(SealedError::NotForThisKey {
                path: store.catalog_path(),
            }
            .into());
        }
        for (i, key) in recipients.iter().enumerate() {
            let whose = if i == 0 { "your key" } else { "recovery key" };
            eprintln!("sheetsafe: versions will be encrypted to {whose} {}", key.fingerprint());
        }
        catalog.devices.push(device.public().to_string());
        write_secret(
            &device_path,
            device.to_identity_text("Sheetsafe: this computer's key").expose(),
        )?;
        store.save_catalog(&catalog, &recipients, &lock)?;
        return Ok(Encryption {
            recipients: recipients.iter().map(ToString::to_string).collect(),
            device_key: device_path,
        });
    }
    if sheetsafe::store::sealed::is_sealed_folder(store.dir()) {
        return Err(SealedError::KeyMissing { path: store.key_path() }.into());
    }
    let recovery = request
        .recovery_key
        .map(|text| {
            text.parse::<PublicKey>().map_err(|_| {
                anyhow::anyhow!(
                    "`{text}` is not an age public key (age1…). Give the company recovery key as its administrator printed it, or leave --recovery-key out."
                )
            })
        })
        .transpose()?;
    if recovery.is_none() && request.recovery_sheet.is_none() {
        eprintln!(
            "sheetsafe: warning: without a recovery sheet (--recovery-sheet FILE) or a company recovery key (--recovery-key), nobody can open these backups if the passphrase is forgotten: not you, not your company, not Sheetsafe."
        );
    }
    if let Some(sheet) = request.recovery_sheet
        && sheet.exists()
    {
        anyhow::bail!(
            "The recovery sheet `{}` already exists and was left untouched. Choose a new file name.",
            sheet.display()
        );
    }
    let passphrase = ask_new(PASSPHRASE_VAR)?;
    let user = SecretKey::generate();
    let mut recipients = vec![user.public()];
    recipients.extend(recovery);
    let locked = user.lock(&passphrase).context("Could not lock the new key")?;
    store.ensure_exists()?;
    let lock = store.lock(wait)?;
    store.write_key(&locked, &lock)?;
    store.write_clear_files(&recipients, &lock)?;
    let catalog = SealedCatalog {
        devices: vec![device.public().to_string()],
        ..SealedCatalog::default()
    };
    write_secret(
        &device_path,
        device.to_identity_text("Sheetsafe: this computer's key").expose(),
    )?;
    store.save_catalog(&catalog, &recipients, &lock)?;
    if let Some(sheet) = request.recovery_sheet {
        write_secret(sheet, &recovery_sheet(profile, &user, store.dir()))?;
    }
    Ok(Encryption {
        recipients: recipients.iter().map(ToString::to_string).collect(),
        device_key: device_path,
    })
}

/// The public keys versions are encrypted to, for a computer joining the profile: from the
/// encrypted catalog (opened with the user's key), never from the clear `recipients.txt`, which
/// the storage could change to slip in a key of its own.
fn recipients_of_catalog(catalog: &SealedCatalog, store: &SealedStore) -> anyhow::Result<Vec<PublicKey>> {
    let keys: Result<Vec<PublicKey>, _> = catalog.recipients.iter().map(|r| r.parse::<PublicKey>()).collect();
    match keys {
        Ok(keys) if !keys.is_empty() => Ok(keys),
        _ => Err(SealedError::CatalogInvalid {
            path: store.catalog_path(),
            reason: "it does not list the keys versions are encrypted to".into(),
        }
        .into()),
    }
}

/// The recovery sheet: the secret key as an age identity file (so `age -i SHEET` reads it as
/// it is), with its fingerprint and the restore commands as comments.
fn recovery_sheet(profile: &Profile, key: &SecretKey, folder: &Path) -> String {
    let fingerprint = key.public().fingerprint();
    let comment = format!(
        "Sheetsafe recovery sheet for the encrypted profile \"{name}\".\n\
         Keep it safe and private (print it, store it offline): with it anyone can open these\n\
         backups, and without it or the passphrase nobody can.\n\
         \n\
         Fingerprint: {fingerprint}\n\
         Backup folder when made: {folder}\n\
         \n\
         Restore with Sheetsafe:  sheetsafe restore \"{name}\" --identity THIS-FILE --to RESTORED.xlsx\n\
         Restore with age (no Sheetsafe needed), inside the backup folder:\n\
         \x20 age -d -i THIS-FILE -o catalog.toml catalog.toml.age   (which v/ file is which version)\n\
         \x20 age -d -i THIS-FILE -o RESTORED.xlsx v/<file>.age",
        name = profile.name,
        folder = folder.display(),
    );
    key.to_identity_text(&comment).expose().to_string()
}

/// Exposes a secret string for writing it to a file readable by its owner only.
trait Expose {
    fn expose(&self) -> &str;
}

impl Expose for age::secrecy::SecretString {
    fn expose(&self) -> &str {
        age::secrecy::ExposeSecret::expose_secret(self)
    }
}
