//! Keys of encrypted profiles: making them when a profile is added with `--encrypt`, asking
//! for the passphrase, opening the user's key for `restore` and `versions`, and `sheetsafe key
//! change-passphrase | show-fingerprint`.

use std::io::{BufRead as _, IsTerminal as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context as _;
use clap::Subcommand;
use sheetsafe::config::{Encryption, Profile};
use sheetsafe::crypto::{Passphrase, PublicKey, SecretKey};
use sheetsafe::store::sealed::{SealedCatalog, SealedError, SealedStore};

use super::{Paths, load_existing};

/// The variable scripts and tests give the passphrase in.
pub const PASSPHRASE_VAR: &str = "SHEETSAFE_PASSPHRASE";
/// The new passphrase for `key change-passphrase` in scripts.
pub const NEW_PASSPHRASE_VAR: &str = "SHEETSAFE_NEW_PASSPHRASE";

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Lock the profile's key with a new passphrase (only key.age changes)
    ChangePassphrase { name: String },
    /// Show the fingerprint and public key of the profile's key (and the recovery key's)
    ShowFingerprint { name: String },
}

pub fn run(paths: &Paths, command: KeyCommand) -> anyhow::Result<ExitCode> {
    match command {
        KeyCommand::ChangePassphrase { name } => change_passphrase(paths, &name),
        KeyCommand::ShowFingerprint { name } => show_fingerprint(paths, &name),
    }
}

/// Asks for a passphrase: from `variable` when it is set (scripts, tests), else on the
/// terminal without echo, else one line from standard input.
pub fn ask(prompt: &str, variable: &str) -> anyhow::Result<Passphrase> {
    if let Ok(text) = std::env::var(variable) {
        return Ok(Passphrase::new(&text));
    }
    let text = if std::io::stdin().is_terminal() {
        rpassword::prompt_password(prompt).context("Could not read the passphrase from the terminal")?
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("Could not read the passphrase from standard input")?;
        line.trim_end_matches(['\r', '\n']).to_string()
    };
    Ok(Passphrase::new(&text))
}

/// Asks for a new passphrase (twice on a terminal) and refuses a short one.
fn ask_new(variable: &str) -> anyhow::Result<Passphrase> {
    let first = ask("New passphrase for the backups: ", variable)?;
    if !first.is_long_enough() {
        anyhow::bail!(
            "The passphrase is too short: use at least {} characters (a few words are easy to remember and hard to guess). Nothing was changed.",
            Passphrase::MIN_CHARS
        );
    }
    if std::env::var(variable).is_err() && std::io::stdin().is_terminal() {
        let again = ask("Type it again: ", variable)?;
        if !first.matches(&again) {
            anyhow::bail!("The two passphrases differ. Nothing was changed; try again.");
        }
    }
    Ok(first)
}

/// The user's key of an encrypted profile: from the identity file (recovery sheet) if given,
/// else from `key.age` and the passphrase.
pub fn user_key(profile: &Profile, identity: Option<&Path>) -> anyhow::Result<SecretKey> {
    if let Some(path) = identity {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("Could not read the recovery sheet `{}`", path.display()))?;
        return Ok(
            SecretKey::from_identity_text(&text).map_err(|_| SealedError::NotAnIdentity {
                path: path.to_path_buf(),
            })?,
        );
    }
    let store = SealedStore::new(&profile.backup_folder, &profile.name);
    if !store.key_path().exists() {
        return Err(SealedError::KeyMissing { path: store.key_path() }.into());
    }
    let passphrase = ask(&format!("Passphrase for `{}`: ", profile.name), PASSPHRASE_VAR)?;
    Ok(store.unlock(&passphrase)?)
}

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

fn change_passphrase(paths: &Paths, name: &str) -> anyhow::Result<ExitCode> {
    let config = load_existing(paths)?;
    let profile = config.profile(name)?;
    require_encrypted(profile)?;
    let store = SealedStore::new(&profile.backup_folder, &profile.name);
    let old = ask(&format!("Current passphrase for `{}`: ", profile.name), PASSPHRASE_VAR)?;
    let key = store.unlock(&old)?;
    let new = ask_new(NEW_PASSPHRASE_VAR)?;
    let locked = key.lock(&new).context("Could not lock the key")?;
    let lock = store.lock(Duration::from_secs(config.settings.lock_wait_seconds))?;
    store.write_key(&locked, &lock)?;
    outln!(
        "The key of `{}` is now locked with the new passphrase (`{}`); the backups themselves did not change.",
        profile.name,
        store.key_path().display()
    )?;
    Ok(ExitCode::SUCCESS)
}

fn show_fingerprint(paths: &Paths, name: &str) -> anyhow::Result<ExitCode> {
    let config = load_existing(paths)?;
    let profile = config.profile(name)?;
    let encryption = require_encrypted(profile)?;
    let keys = sheetsafe::engine::sealed::recipients_of(encryption)?;
    for (i, key) in keys.iter().enumerate() {
        let whose = if i == 0 { "Your key" } else { "Recovery key" };
        outln!("{whose}: {}  ({key})", key.fingerprint())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The encryption settings of `profile`, or a sentence saying it is not encrypted.
pub fn require_encrypted(profile: &Profile) -> anyhow::Result<&Encryption> {
    profile.encryption.as_ref().ok_or_else(|| {
        anyhow::anyhow!(
            "The profile `{}` is not encrypted, so it has no key. Encrypted profiles are made with `sheetsafe profile add … --encrypt`.",
            profile.name
        )
    })
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
