//! `profile add --encrypt`: the command line's side of making the keys of a new encrypted
//! profile (asking for the passphrase, reading the company key and the recovery sheet's file
//! name, warning when nothing could recover a forgotten passphrase), or of joining the
//! encrypted folder of a profile made on another computer. The keys themselves are made by
//! `sheetsafe::keys`, as the app's wizard makes them.

use std::path::Path;

use sheetsafe::config::{Encryption, Profile};
use sheetsafe::crypto::{PublicKey, SecretKey};
use sheetsafe::keys;
use sheetsafe::store::sealed::SealedStore;

use super::Paths;
use super::encrypted::{PASSPHRASE_VAR, ask_new, user_key};

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
    let device_key = keys::device_key_path(&paths.config_file, &profile.name);
    if store.key_path().exists() {
        // Joining: the folder was made elsewhere. Its keys stay.
        if device_key.exists() {
            return Err(keys::KeysError::DeviceKeyExists {
                profile: profile.name.clone(),
                path: device_key,
            }
            .into());
        }
        let user = user_key(profile, request.identity)?;
        let (encryption, recipients) = keys::join(profile, &device_key, &user)?;
        for (i, key) in recipients.iter().enumerate() {
            let whose = if i == 0 { "your key" } else { "recovery key" };
            eprintln!("sheetsafe: versions will be encrypted to {whose} {}", key.fingerprint());
        }
        return Ok(encryption);
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
        return Err(keys::KeysError::SheetExists {
            path: sheet.to_path_buf(),
        }
        .into());
    }
    let passphrase = ask_new(PASSPHRASE_VAR)?;
    let user = SecretKey::generate();
    let encryption = keys::create(profile, &device_key, &user, &passphrase, recovery.as_ref())?;
    if let Some(sheet) = request.recovery_sheet {
        keys::write_recovery_sheet(profile, &user, sheet)?;
    }
    Ok(encryption)
}
