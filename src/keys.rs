//! The keys of an encrypted profile: making them for a new profile (the user's key locked by a
//! passphrase in `key.age`, this computer's key beside the configuration, the clear files and
//! the first catalog), joining the folder of a profile made on another computer, and the
//! recovery sheet. The command line (`profile add --encrypt`) and the app's wizard both come
//! here, so a profile is made one way whoever makes it.

use std::path::{Path, PathBuf};
use std::time::Duration;

use age::secrecy::{ExposeSecret as _, SecretString};

use crate::config::{Encryption, Profile};
use crate::crypto::{Passphrase, PublicKey, SecretKey};
use crate::store::StoreError;
use crate::store::sealed::{SealedCatalog, SealedError, SealedStore, is_sealed_folder};

/// How long making the keys waits for another writer of the folder.
const LOCK_WAIT: Duration = Duration::from_secs(60);

/// Why the keys could not be made. Each names the file and the next step.
#[derive(Debug, thiserror::Error)]
pub enum KeysError {
    #[error(
        "This computer already has a key for a profile named `{profile}` (`{}`). Remove that file if the profile is gone, or choose another name.",
        path.display()
    )]
    DeviceKeyExists { profile: String, path: PathBuf },
    #[error(
        "The recovery sheet `{}` already exists and was left untouched. Choose a new file name.",
        path.display()
    )]
    SheetExists { path: PathBuf },
    #[error("Could not write `{}`: {source}. Check that the folder exists and can be written.", path.display())]
    Write { path: PathBuf, source: std::io::Error },
    #[error("Could not lock the new key with the passphrase: {0}")]
    Lock(std::io::Error),
    #[error(transparent)]
    Sealed(#[from] SealedError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl crate::i18n::Explain for KeysError {
    /// What the error says, as data (`keys-error-*`, or the folder's own words).
    fn said(&self) -> crate::i18n::Said {
        use crate::i18n::{Said, SaidArg};
        let reason = |e: &std::io::Error| SaidArg::Message {
            message: crate::fsutil::io_reason_id(e).to_string(),
        };
        let (id, args) = match self {
            KeysError::DeviceKeyExists { profile, path } => (
                "keys-error-device-key-exists",
                vec![("profile", profile.clone().into()), ("file", path.as_path().into())],
            ),
            KeysError::SheetExists { path } => ("keys-error-sheet-exists", vec![("file", path.as_path().into())]),
            KeysError::Write { path, source } => (
                "keys-error-write",
                vec![("file", path.as_path().into()), ("reason", reason(source))],
            ),
            KeysError::Lock(source) => ("keys-error-lock", vec![("reason", reason(source))]),
            KeysError::Sealed(e) => return e.said(),
            KeysError::Store(e) => return e.said(),
        };
        Said::new(id, args, self.to_string())
    }
}

/// Where this computer's key for profile `name` is kept: beside the configuration file.
pub fn device_key_path(config_file: &Path, name: &str) -> PathBuf {
    let dir = config_file
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    dir.join("keys").join(format!("{name}.device-key.txt"))
}

/// Makes the keys of a new encrypted profile: `user` is the user's key (made by the caller, so
/// the recovery sheet can be shown before anything is written), locked with `passphrase` into
/// `key.age`; `recovery` is the company's recovery key, a second recipient of every file.
/// Returns the settings to store in the configuration.
pub fn create(
    profile: &Profile,
    device_key: &Path,
    user: &SecretKey,
    passphrase: &Passphrase,
    recovery: Option<&PublicKey>,
) -> Result<Encryption, KeysError> {
    let store = SealedStore::new(&profile.backup_folder, &profile.name);
    if device_key.exists() {
        return Err(KeysError::DeviceKeyExists {
            profile: profile.name.clone(),
            path: device_key.to_path_buf(),
        });
    }
    if is_sealed_folder(store.dir()) {
        return Err(SealedError::KeyMissing { path: store.key_path() }.into());
    }
    let device = SecretKey::generate();
    let mut recipients = vec![user.public()];
    recipients.extend(recovery.cloned());
    let locked = user.lock(passphrase).map_err(KeysError::Lock)?;
    store.ensure_exists()?;
    let lock = store.lock(LOCK_WAIT)?;
    store.write_key(&locked, &lock)?;
    store.write_clear_files(&recipients, &lock)?;
    let catalog = SealedCatalog {
        devices: vec![device.public().to_string()],
        ..SealedCatalog::default()
    };
    write_secret(
        device_key,
        device
            .to_identity_text("Sheetsafe: this computer's key")
            .expose_secret(),
    )?;
    store.save_catalog(&catalog, &recipients, &lock)?;
    Ok(Encryption {
        recipients: recipients.iter().map(ToString::to_string).collect(),
        device_key: device_key.to_path_buf(),
    })
}

/// Joins the encrypted folder of a profile made on another computer, opened with the user's
/// key: this computer is added to the catalog's devices so its backups can read the catalog.
/// Returns the settings to store and the keys versions are encrypted to (the user's first).
pub fn join(profile: &Profile, device_key: &Path, user: &SecretKey) -> Result<(Encryption, Vec<PublicKey>), KeysError> {
    let store = SealedStore::new(&profile.backup_folder, &profile.name);
    if device_key.exists() {
        return Err(KeysError::DeviceKeyExists {
            profile: profile.name.clone(),
            path: device_key.to_path_buf(),
        });
    }
    let device = SecretKey::generate();
    let lock = store.lock(LOCK_WAIT)?;
    let mut catalog = store.load_catalog(&[user])?;
    let recipients = recipients_of_catalog(&catalog, &store)?;
    if !recipients.contains(&user.public()) {
        return Err(SealedError::NotForThisKey {
            path: store.catalog_path(),
        }
        .into());
    }
    catalog.devices.push(device.public().to_string());
    write_secret(
        device_key,
        device
            .to_identity_text("Sheetsafe: this computer's key")
            .expose_secret(),
    )?;
    store.save_catalog(&catalog, &recipients, &lock)?;
    let encryption = Encryption {
        recipients: recipients.iter().map(ToString::to_string).collect(),
        device_key: device_key.to_path_buf(),
    };
    Ok((encryption, recipients))
}

/// The public keys versions are encrypted to, for a computer joining the profile: from the
/// encrypted catalog (opened with the user's key), never from the clear `recipients.txt`, which
/// the storage could change to slip in a key of its own.
fn recipients_of_catalog(catalog: &SealedCatalog, store: &SealedStore) -> Result<Vec<PublicKey>, KeysError> {
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
pub fn recovery_sheet(profile: &Profile, key: &SecretKey) -> SecretString {
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
        folder = SealedStore::new(&profile.backup_folder, &profile.name).dir().display(),
    );
    key.to_identity_text(&comment)
}

/// Writes the recovery sheet of `key` to the new file `path` (readable by its owner only).
pub fn write_recovery_sheet(profile: &Profile, key: &SecretKey, path: &Path) -> Result<(), KeysError> {
    if path.exists() {
        return Err(KeysError::SheetExists {
            path: path.to_path_buf(),
        });
    }
    write_secret(path, recovery_sheet(profile, key).expose_secret())
}

/// The four characters that follow `AGE-SECRET-KEY-1` on the recovery sheet of `key`: typing
/// them back proves the sheet was saved (or printed) and can be read.
pub fn sheet_check(key: &SecretKey) -> String {
    let text = key.to_identity_text("");
    let secret = text.expose_secret();
    secret
        .lines()
        .find_map(|line| line.strip_prefix("AGE-SECRET-KEY-1"))
        .map(|rest| rest.chars().take(4).collect())
        .unwrap_or_default()
}

/// Writes a secret file readable by its owner only; it must not exist yet.
fn write_secret(path: &Path, text: &str) -> Result<(), KeysError> {
    let write = || -> std::io::Result<()> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(path)?;
        std::io::Write::write_all(&mut file, text.as_bytes())?;
        file.sync_all()
    };
    write().map_err(|source| KeysError::Write {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(dir: &Path) -> Profile {
        Profile {
            name: "Cửa hàng".into(),
            backup_folder: dir.join("backups"),
            ..Profile::default()
        }
    }

    #[test]
    fn every_key_error_is_said_in_every_language() {
        use crate::i18n::Explain as _;
        let path = || PathBuf::from("/home/lan/Cửa hàng.key.age");
        let io = || std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        for e in [
            KeysError::DeviceKeyExists {
                profile: "Cửa hàng".into(),
                path: path(),
            },
            KeysError::SheetExists { path: path() },
            KeysError::Write {
                path: path(),
                source: io(),
            },
            KeysError::Lock(io()),
        ] {
            let said = e.said();
            crate::i18n::assert_said_everywhere(&said);
            assert_eq!(said.english, e.to_string());
        }
    }

    #[test]
    fn a_new_profile_opens_with_its_passphrase_and_with_its_recovery_sheet_and_joins_elsewhere() {
        let dir = tempfile::tempdir().expect("tempdir");
        let profile = profile(dir.path());
        let user = SecretKey::generate();
        let passphrase = Passphrase::new("ngựa đúng pin kẹp giấy");
        let device = device_key_path(&dir.path().join("config.toml"), &profile.name);
        let made = create(&profile, &device, &user, &passphrase, None).expect("create");
        assert_eq!(made.recipients, vec![user.public().to_string()]);
        assert!(device.is_file());
        assert!(matches!(
            create(&profile, &device, &user, &passphrase, None),
            Err(KeysError::DeviceKeyExists { .. })
        ));
        let store = SealedStore::new(&profile.backup_folder, &profile.name);
        assert_eq!(store.unlock(&passphrase).expect("unlock").public(), user.public());
        // The recovery sheet is an identity file that opens the same key, and its check
        // characters are the ones after AGE-SECRET-KEY-1.
        let sheet = dir.path().join("sheet.txt");
        write_recovery_sheet(&profile, &user, &sheet).expect("sheet");
        let text = std::fs::read_to_string(&sheet).expect("read");
        assert_eq!(
            SecretKey::from_identity_text(&text).expect("identity").public(),
            user.public()
        );
        let check = sheet_check(&user);
        assert_eq!(check.chars().count(), 4);
        assert!(text.contains(&format!("AGE-SECRET-KEY-1{check}")));
        assert!(matches!(
            write_recovery_sheet(&profile, &user, &sheet),
            Err(KeysError::SheetExists { .. })
        ));
        // Another computer joins with the user's key.
        let other = dir.path().join("other").join("config.toml");
        let (joined, recipients) = join(&profile, &device_key_path(&other, &profile.name), &user).expect("join");
        assert_eq!(joined.recipients, made.recipients);
        assert_eq!(recipients, vec![user.public()]);
        // Someone else's key cannot.
        let stranger = SecretKey::generate();
        let third = dir.path().join("third").join("config.toml");
        assert!(join(&profile, &device_key_path(&third, &profile.name), &stranger).is_err());
    }
}
