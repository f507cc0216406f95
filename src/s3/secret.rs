//! Where the secret of a company-storage bucket's key is kept: in the operating system's
//! credential store when one answers (Windows Credential Manager, macOS Keychain, the Secret
//! Service of GNOME Keyring or KWallet on Linux), else in a file only the user can read.
//!
//! Never in `config.toml`, which people copy and mail around. The configuration records only
//! which of the two places holds it (`config::SecretPlace`, turned into a [`Place`] by the
//! layer above, since `s3` and `config` sit side by side); the store's entry is named by the
//! destination's random folder id, so it carries no workbook or profile name either.
//!
//! A credential store can hang: a locked Secret Service may wait for an unlock dialog nobody
//! sees on a machine without a desktop. Every call into it therefore runs on a thread of its
//! own and is given up after [`PATIENCE`]; the copy then says so instead of waiting forever.

use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
use std::thread;
use std::time::Duration;

use keyring_core::{CredentialStore, Entry};

/// The service name of every entry Sheetsafe keeps in a credential store; the entry's user
/// name is the destination's folder id in the bucket.
pub const SERVICE: &str = "Sheetsafe company storage";
/// `SHEETSAFE_SECRET_STORE=file` keeps new secrets in a file even where a credential store
/// answers: for a server where no one ever unlocks one, and for tests that must not touch the
/// desktop's store.
pub const STORE_VAR: &str = "SHEETSAFE_SECRET_STORE";
/// How long a credential store may take to answer one call.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// Why a secret could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("the file `{}` could not be read ({source})", path.display())]
    File { path: PathBuf, source: io::Error },
    #[error("the {store} did not give it ({reason})")]
    Store { store: &'static str, reason: String },
}

/// Where one destination's secret is, as its configuration records it.
#[derive(Debug, Clone, Copy)]
pub enum Place<'a> {
    /// In this file.
    File(&'a Path),
    /// In the credential store, under the destination's folder id.
    Store { device: &'a str },
}

/// Where [`keep`] put a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kept {
    /// In the credential store named.
    InStore { store: &'static str },
    /// In this file; `store_refused` says why the credential store did not take it (`None`
    /// when [`STORE_VAR`] asked for a file).
    InFile {
        path: PathBuf,
        store_refused: Option<String>,
    },
}

impl Kept {
    /// The file, when the secret went to one.
    pub fn file(&self) -> Option<&Path> {
        match self {
            Kept::InFile { path, .. } => Some(path),
            Kept::InStore { .. } => None,
        }
    }
}

/// The name of this system's credential store, as users know it.
pub fn store_name() -> &'static str {
    if cfg!(windows) {
        "Windows Credential Manager"
    } else if cfg!(target_os = "macos") {
        "macOS Keychain"
    } else {
        "Secret Service (GNOME Keyring or KWallet)"
    }
}

/// Keeps `secret` for the destination whose folder id is `device`: in the credential store
/// (written, then read back and compared), or, when the store is absent, refuses or answers
/// something else, in the new file `fallback`. Fails only when the file cannot be written
/// either.
pub fn keep(device: &str, secret: &str, fallback: &Path) -> io::Result<Kept> {
    let store_refused = if std::env::var(STORE_VAR).is_ok_and(|v| v.eq_ignore_ascii_case("file")) {
        None
    } else {
        let user = device.to_string();
        let value = secret.to_string();
        let written = in_store(move |store| {
            let entry = Entry::new_in_store(store, SERVICE, &user)?;
            entry.set_password(&value)?;
            let back = entry.get_password()?;
            Ok(back == value)
        });
        match written {
            Ok(true) => {
                tracing::info!(
                    store = store_name(),
                    "company storage: the secret is in the credential store"
                );
                return Ok(Kept::InStore { store: store_name() });
            }
            Ok(false) => Some("it gave back something else than was written".to_string()),
            Err(reason) => Some(reason),
        }
    };
    if let Some(reason) = &store_refused {
        tracing::warn!(store = store_name(), %reason, "company storage: the credential store did not take the secret; it goes to a file");
    }
    write_file(fallback, secret)?;
    Ok(Kept::InFile {
        path: fallback.to_path_buf(),
        store_refused,
    })
}

/// The secret kept at `place`.
pub fn read(place: Place<'_>) -> Result<String, SecretError> {
    match place {
        Place::File(path) => read_file(path).map_err(|source| SecretError::File {
            path: path.to_path_buf(),
            source,
        }),
        Place::Store { device } => {
            let user = device.to_string();
            in_store(move |store| Entry::new_in_store(store, SERVICE, &user)?.get_password()).map_err(|reason| {
                SecretError::Store {
                    store: store_name(),
                    reason,
                }
            })
        }
    }
}

/// Removes the secret of a destination that is no longer used (or was never saved). Best
/// effort: what cannot be removed is logged, and holds no more than a key the administrator
/// can revoke.
pub fn forget(place: Place<'_>) {
    let gone = match place {
        Place::File(path) => fs::remove_file(path).map_err(|e| e.to_string()),
        Place::Store { device } => {
            let user = device.to_string();
            in_store(move |store| Entry::new_in_store(store, SERVICE, &user)?.delete_credential())
        }
    };
    if let Err(reason) = gone {
        tracing::warn!(%reason, "company storage: the secret of a removed destination could not be deleted");
    }
}

/// Runs `call` against this system's credential store on a thread of its own, and gives up
/// after [`PATIENCE`].
fn in_store<T: Send + 'static>(
    call: impl FnOnce(&Arc<CredentialStore>) -> keyring_core::Result<T> + Send + 'static,
) -> Result<T, String> {
    answer_within(PATIENCE, move || open_store().and_then(|store| call(&store)))
}

/// The answer of `work`, run on a thread of its own, or why there is none: its error, or no
/// answer within `patience` (the thread is then left to finish or hang on its own).
fn answer_within<T: Send + 'static>(
    patience: Duration,
    work: impl FnOnce() -> keyring_core::Result<T> + Send + 'static,
) -> Result<T, String> {
    let (tx, rx) = mpsc::channel();
    thread::Builder::new()
        .name("credential-store".into())
        .spawn(move || {
            let _ = tx.send(work());
        })
        .map_err(|e| e.to_string())?;
    match rx.recv_timeout(patience) {
        Ok(answer) => answer.map_err(|e| e.to_string()),
        Err(_) => Err(format!("no answer within {} seconds", patience.as_secs())),
    }
}

fn open_store() -> keyring_core::Result<Arc<CredentialStore>> {
    #[cfg(windows)]
    let store: Arc<CredentialStore> = windows_native_keyring_store::Store::new()?;
    #[cfg(target_os = "macos")]
    let store: Arc<CredentialStore> = apple_native_keyring_store::keychain::Store::new()?;
    #[cfg(all(unix, not(target_os = "macos")))]
    let store: Arc<CredentialStore> = zbus_secret_service_keyring_store::Store::new()?;
    #[cfg(any(windows, unix))]
    return Ok(store);
    #[cfg(not(any(windows, unix)))]
    Err(keyring_core::Error::NotSupportedByStore(
        "no credential store on this system".into(),
    ))
}

/// Reads the secret kept in `path` (its first line, trimmed).
pub fn read_file(path: &Path) -> io::Result<String> {
    let text = fs::read_to_string(path)?;
    let secret = text.lines().next().unwrap_or_default().trim().to_string();
    if secret.is_empty() {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "the file is empty"));
    }
    Ok(secret)
}

/// Keeps `secret` in the new file `path`, readable and writable by the user alone on Unix (on
/// Windows the data folder under the user's profile is private to them already). Written to
/// a temporary file first, so a crash leaves the old secret or the new one.
pub fn write_file(path: &Path, secret: &str) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let temp = crate::fsutil::temp_path_for(dir, "secret");
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let written = options.open(&temp).and_then(|mut file| {
        file.write_all(secret.as_bytes())?;
        file.write_all(b"\n")?;
        file.sync_all()
    });
    if let Err(e) = written.and_then(|()| fs::rename(&temp, path)) {
        let _ = fs::remove_file(&temp);
        return Err(e);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_file_is_read_back_and_forgotten() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let file = dir.path().join("company-storage").join("x.secret");
        write_file(&file, "s3cr3t/with+signs").expect("secret file written");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = fs::metadata(&file).expect("secret file there").permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "only the user may read the secret");
        }
        assert_eq!(read(Place::File(&file)).expect("secret read back"), "s3cr3t/with+signs");
        forget(Place::File(&file));
        assert!(!file.exists());
        match read(Place::File(&file)) {
            Err(SecretError::File { path, .. }) => assert_eq!(path, file),
            other => panic!("a missing file must name it: {other:?}"),
        }
    }

    #[test]
    fn a_store_that_hangs_is_given_up_on_and_its_errors_are_said() {
        let started = std::time::Instant::now();
        let hung = answer_within(Duration::from_millis(200), || {
            thread::sleep(Duration::from_secs(5));
            Ok(())
        });
        assert_eq!(hung, Err("no answer within 0 seconds".to_string()));
        assert!(started.elapsed() < Duration::from_secs(4), "waited for the hung store");
        let refused: Result<(), String> = answer_within(PATIENCE, || Err(keyring_core::Error::NoEntry));
        assert!(refused.is_err_and(|why| !why.is_empty()));
        assert_eq!(answer_within(PATIENCE, || Ok(7)), Ok(7));
    }

    #[test]
    fn an_empty_secret_file_is_refused() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let file = dir.path().join("x.secret");
        fs::write(&file, "\n  \n").expect("file written");
        assert!(read_file(&file).is_err());
    }

    #[test]
    fn without_a_store_answering_the_secret_goes_to_the_file() {
        // The test process has no session bus here (CI) or is told to use a file; either way
        // the outcome must be a readable file, never a lost secret.
        let bus = ["DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR"]
            .iter()
            .any(|v| std::env::var_os(v).is_some());
        if bus || !cfg!(target_os = "linux") {
            eprintln!(
                "skipped: this test must not write into the desktop's own credential store (scripts/test-company-storage runs a keyring of its own)"
            );
            return;
        }
        let dir = tempfile::tempdir().expect("temporary folder");
        let file = dir.path().join("y.secret");
        let kept = keep("fedcba9876543210fedcba9876543210", "another", &file).expect("kept somewhere");
        assert!(
            matches!(
                kept,
                Kept::InFile {
                    store_refused: Some(_),
                    ..
                }
            ),
            "{kept:?}"
        );
        assert_eq!(kept.file(), Some(file.as_path()));
        assert_eq!(read_file(&file).expect("the fallback file holds it"), "another");
    }
}
