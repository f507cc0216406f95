//! `sheetsafe key change-passphrase | show-fingerprint`: the keys of encrypted profiles after
//! they were made (making them is `key_setup`, asking for passphrases is `encrypted`).

use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context as _;
use clap::Subcommand;
use sheetsafe::config::{Encryption, Profile};
use sheetsafe::store::sealed::SealedStore;

use super::encrypted::{NEW_PASSPHRASE_VAR, PASSPHRASE_VAR, ask, ask_new};
use super::{Paths, load_existing};

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Lock the profile's key with a new passphrase (only key.age changes)
    ChangePassphrase { name: String },
    /// Show the fingerprint and public key of the profile's key (and the recovery key's)
    ShowFingerprint { name: String },
}

pub fn run(paths: &Paths, command: &KeyCommand) -> anyhow::Result<ExitCode> {
    match command {
        KeyCommand::ChangePassphrase { name } => change_passphrase(paths, name),
        KeyCommand::ShowFingerprint { name } => show_fingerprint(paths, name),
    }
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
fn require_encrypted(profile: &Profile) -> anyhow::Result<&Encryption> {
    profile.encryption.as_ref().ok_or_else(|| {
        anyhow::anyhow!(
            "The profile `{}` is not encrypted, so it has no key. Encrypted profiles are made with `sheetsafe profile add … --encrypt`.",
            profile.name
        )
    })
}
