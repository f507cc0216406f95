//! What the commands share about encrypted profiles: asking for a passphrase, opening the
//! user's key (passphrase or recovery sheet) for `versions`, `restore`, `export` and
//! `profile add`, and how a version is named to the user. Kept in one place so each command
//! meets an encrypted profile the same way.

use std::io::{BufRead as _, IsTerminal as _};
use std::path::Path;

use anyhow::Context as _;
use sheetsafe::config::Profile;
use sheetsafe::crypto::{Passphrase, SecretKey};
use sheetsafe::store::sealed::{SealedError, SealedStore};

/// The variable scripts and tests give the passphrase in.
pub const PASSPHRASE_VAR: &str = "SHEETSAFE_PASSPHRASE";
/// The new passphrase for `key change-passphrase` in scripts.
pub const NEW_PASSPHRASE_VAR: &str = "SHEETSAFE_NEW_PASSPHRASE";

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
pub fn ask_new(variable: &str) -> anyhow::Result<Passphrase> {
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
        return key_from_sheet(path);
    }
    let store = SealedStore::new(&profile.backup_folder, &profile.name);
    if !store.key_path().exists() {
        return Err(SealedError::KeyMissing { path: store.key_path() }.into());
    }
    let passphrase = ask(&format!("Passphrase for `{}`: ", profile.name), PASSPHRASE_VAR)?;
    Ok(store.unlock(&passphrase)?)
}

/// The user's key from the recovery sheet (an age identity file) at `path`.
pub fn key_from_sheet(path: &Path) -> anyhow::Result<SecretKey> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("Could not read the recovery sheet `{}`", path.display()))?;
    Ok(
        SecretKey::from_identity_text(&text).map_err(|_| SealedError::NotAnIdentity {
            path: path.to_path_buf(),
        })?,
    )
}

/// How a version is named to the user: its file, or for an encrypted profile the name it would
/// have in a plain folder (what `sheetsafe versions` shows and `--version` accepts), since its
/// file name is random.
pub fn label(profile: &sheetsafe::Profile, version: &sheetsafe::store::Version) -> String {
    if profile.encryption.is_some() {
        sheetsafe::store::version_file_name(&version.workbook_name(), &version.created, 1).to_string()
    } else {
        version.file.to_string()
    }
}
