//! The `age` keys and files of encrypted profiles: the user's X25519 key, its wrapping by a
//! passphrase (an age file with one scrypt recipient, as `age -p` writes), and streaming
//! encryption to X25519 recipients. Everything here is the standard age format, so the `age`
//! command-line tool reads what Sheetsafe writes. It knows nothing about profile folders.

use std::fmt;
use std::io::{self, Read, Write};
use std::str::FromStr;

use age::secrecy::{ExposeSecret as _, SecretString};
use sha2::{Digest as _, Sha256};

/// A passphrase typed by the user. It never appears in `Debug` output.
pub struct Passphrase(SecretString);

impl Passphrase {
    /// The shortest passphrase accepted for a new key: a key.age file sits on storage other
    /// people administer, where it can be attacked offline at leisure.
    pub const MIN_CHARS: usize = 8;

    pub fn new(text: &str) -> Passphrase {
        Passphrase(SecretString::from(text.to_string()))
    }

    /// True when both are the same text (the "type it again" check).
    pub fn matches(&self, other: &Passphrase) -> bool {
        self.0.expose_secret() == other.0.expose_secret()
    }

    /// True when the passphrase is long enough for a new key.
    pub fn is_long_enough(&self) -> bool {
        self.0.expose_secret().chars().count() >= Self::MIN_CHARS
    }
}

impl fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Passphrase(…)")
    }
}

/// The user's secret key (an age X25519 identity, `AGE-SECRET-KEY-1…`).
#[derive(Clone)]
pub struct SecretKey(age::x25519::Identity);

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretKey({})", self.public())
    }
}

/// A public key (an age X25519 recipient, `age1…`): enough to encrypt, never to decrypt.
#[derive(Clone, PartialEq, Eq)]
pub struct PublicKey(String);

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({})", self.0)
    }
}

impl fmt::Display for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for PublicKey {
    type Err = KeyError;

    /// Parses an `age1…` public key. Other recipient types (ssh keys, plugins, post-quantum
    /// hybrids) are refused: older age tools cannot read files made for them.
    fn from_str(text: &str) -> Result<Self, KeyError> {
        let text = text.trim();
        age::x25519::Recipient::from_str(text).map_err(|_| KeyError::NotAPublicKey)?;
        Ok(PublicKey(text.to_string()))
    }
}

impl PublicKey {
    /// A short, stable name for the key that people can compare by eye: the first 16 hex
    /// digits of the SHA-256 of the `age1…` text, in groups of four.
    pub fn fingerprint(&self) -> String {
        let digest = hex::encode_upper(Sha256::digest(self.0.as_bytes()));
        digest.as_bytes()[..16]
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join("-")
    }

    fn recipient(&self) -> age::x25519::Recipient {
        // Checked when the value was made.
        age::x25519::Recipient::from_str(&self.0).unwrap_or_else(|_| unreachable!("checked in from_str"))
    }
}

/// Why a key or passphrase could not be used. The callers add the file and the next step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("it is not an age public key (age1…)")]
    NotAPublicKey,
    #[error("it holds no age secret key (AGE-SECRET-KEY-1…)")]
    NoSecretKey,
    #[error("the passphrase is not the one this key was locked with")]
    WrongPassphrase,
    #[error("it is not a key file locked with a passphrase, or it is damaged")]
    NotAKeyFile,
}

/// Why an age file could not be decrypted.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// No recipient stanza in the file is for the key at hand: another profile's key, or the
    /// file was replaced by one made for somebody else.
    #[error("it was not encrypted for this key")]
    NotForThisKey,
    /// Its header, MAC or a payload chunk fails authentication, or it is cut short.
    #[error("it is damaged or was changed (its encryption check fails)")]
    Damaged,
    #[error("{0}")]
    Io(io::Error),
}

impl From<age::DecryptError> for OpenError {
    fn from(e: age::DecryptError) -> Self {
        match e {
            age::DecryptError::NoMatchingKeys => OpenError::NotForThisKey,
            age::DecryptError::Io(io)
                if io.kind() != io::ErrorKind::InvalidData && io.kind() != io::ErrorKind::UnexpectedEof =>
            {
                OpenError::Io(io)
            }
            _ => OpenError::Damaged,
        }
    }
}

impl OpenError {
    /// Classifies an error met while reading a decrypting stream: the age stream reports a
    /// failed chunk or a cut-short file as `InvalidData` or `UnexpectedEof`.
    pub fn from_read(e: io::Error) -> Self {
        match e.kind() {
            io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof => OpenError::Damaged,
            _ => OpenError::Io(e),
        }
    }
}

impl SecretKey {
    /// A new random key.
    pub fn generate() -> SecretKey {
        SecretKey(age::x25519::Identity::generate())
    }

    /// Reads a key from the text of an age identity file (as `age-keygen` writes and the
    /// recovery sheet holds): the first line starting with `AGE-SECRET-KEY-1`; comments and
    /// other lines are skipped, so a whole recovery sheet can be given.
    pub fn from_identity_text(text: &str) -> Result<SecretKey, KeyError> {
        text.lines()
            .map(str::trim)
            .find(|line| line.starts_with("AGE-SECRET-KEY-1"))
            .and_then(|line| age::x25519::Identity::from_str(line).ok())
            .map(SecretKey)
            .ok_or(KeyError::NoSecretKey)
    }

    /// The public key that files for this key are encrypted to.
    pub fn public(&self) -> PublicKey {
        PublicKey(self.0.to_public().to_string())
    }

    /// The key as an age identity file: comment lines, then `AGE-SECRET-KEY-1…`.
    pub fn to_identity_text(&self, comment: &str) -> SecretString {
        let mut text = String::new();
        for line in comment.lines() {
            text.push_str("# ");
            text.push_str(line);
            text.push('\n');
        }
        text.push_str("# public key: ");
        text.push_str(&self.public().0);
        text.push('\n');
        text.push_str(self.0.to_string().expose_secret());
        text.push('\n');
        SecretString::from(text)
    }

    /// The key locked with `passphrase`: an age file whose only recipient is the passphrase
    /// (scrypt), holding the identity file text. `age -d key.age` opens it, and `age -d -i
    /// key.age file.age` uses it directly. A passphrase recipient is never mixed with others.
    pub fn lock(&self, passphrase: &Passphrase) -> io::Result<Vec<u8>> {
        let identity = self.to_identity_text("Sheetsafe profile key");
        let encryptor = age::Encryptor::with_user_passphrase(passphrase.0.clone());
        let mut out = Vec::new();
        let mut writer = encryptor.wrap_output(&mut out)?;
        writer.write_all(identity.expose_secret().as_bytes())?;
        writer.finish()?;
        Ok(out)
    }

    /// True when `bytes` are shaped like a key locked by [`SecretKey::lock`]: an age file whose
    /// only recipient is a passphrase. Says nothing about the passphrase or the payload; it
    /// keeps a truncated or foreign file from being taken for a key file without one.
    pub fn looks_locked(bytes: &[u8]) -> bool {
        age::Decryptor::new_buffered(bytes).is_ok_and(|d| d.is_scrypt())
    }

    /// Opens a key locked by [`SecretKey::lock`].
    pub fn unlock(locked: &[u8], passphrase: &Passphrase) -> Result<SecretKey, KeyError> {
        let decryptor = age::Decryptor::new_buffered(locked).map_err(|_| KeyError::NotAKeyFile)?;
        if !decryptor.is_scrypt() {
            return Err(KeyError::NotAKeyFile);
        }
        let identity = age::scrypt::Identity::new(passphrase.0.clone());
        let mut reader = decryptor
            .decrypt(std::iter::once(&identity as &dyn age::Identity))
            .map_err(|e| match e {
                age::DecryptError::DecryptionFailed | age::DecryptError::NoMatchingKeys => KeyError::WrongPassphrase,
                _ => KeyError::NotAKeyFile,
            })?;
        let mut text = String::new();
        reader.read_to_string(&mut text).map_err(|_| KeyError::NotAKeyFile)?;
        let key = SecretKey::from_identity_text(&text);
        text.clear();
        key
    }

    /// A reader of the plaintext of the age file `input`, which must be encrypted for this key.
    /// Every 64 KiB chunk is authenticated as it is read: a damaged file fails with
    /// `InvalidData` (see [`OpenError::from_read`]) before any unauthenticated byte is returned.
    pub fn open<R: Read>(&self, input: R) -> Result<impl Read, OpenError> {
        let decryptor = age::Decryptor::new(input)?;
        Ok(decryptor.decrypt(std::iter::once(&self.0 as &dyn age::Identity))?)
    }
}

/// A writer that encrypts everything written to it for `recipients` into `output`. Call
/// [`Sealer::finish`] at the end: without it the file is cut short and never decrypts.
pub struct Sealer<W: Write>(age::stream::StreamWriter<W>);

impl<W: Write> Sealer<W> {
    /// Starts an age file for every key in `recipients` (one X25519 stanza each).
    pub fn new(output: W, recipients: &[PublicKey]) -> io::Result<Sealer<W>> {
        let keys: Vec<age::x25519::Recipient> = recipients.iter().map(PublicKey::recipient).collect();
        let encryptor = age::Encryptor::with_recipients(keys.iter().map(|k| k as &dyn age::Recipient))
            .map_err(|e| io::Error::other(e.to_string()))?;
        Ok(Sealer(encryptor.wrap_output(output)?))
    }

    /// Writes the last chunk and returns the output.
    pub fn finish(self) -> io::Result<W> {
        self.0.finish()
    }
}

impl<W: Write> Write for Sealer<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// Encrypts `plaintext` for `recipients` in memory (for small files such as the catalog).
pub fn seal_bytes(plaintext: &[u8], recipients: &[PublicKey]) -> io::Result<Vec<u8>> {
    let mut sealer = Sealer::new(Vec::new(), recipients)?;
    sealer.write_all(plaintext)?;
    sealer.finish()
}

/// Decrypts a whole age file held in memory with any of `keys`.
pub fn open_bytes(ciphertext: &[u8], keys: &[&SecretKey]) -> Result<Vec<u8>, OpenError> {
    let decryptor = age::Decryptor::new_buffered(ciphertext)?;
    let mut reader = decryptor.decrypt(keys.iter().map(|k| &k.0 as &dyn age::Identity))?;
    let mut out = Vec::new();
    reader.read_to_end(&mut out).map_err(OpenError::from_read)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_locked_key_opens_with_its_passphrase_only() {
        let key = SecretKey::generate();
        let locked = key.lock(&Passphrase::new("correct horse")).expect("lock");
        let opened = SecretKey::unlock(&locked, &Passphrase::new("correct horse")).expect("unlock");
        assert_eq!(opened.public(), key.public());
        assert_eq!(
            SecretKey::unlock(&locked, &Passphrase::new("wrong horse")).map(|k| k.public()),
            Err(KeyError::WrongPassphrase)
        );
        assert_eq!(
            SecretKey::unlock(b"not an age file", &Passphrase::new("x")).map(|k| k.public()),
            Err(KeyError::NotAKeyFile)
        );
    }

    #[test]
    fn files_open_for_every_recipient_and_nobody_else() {
        let user = SecretKey::generate();
        let company = SecretKey::generate();
        let stranger = SecretKey::generate();
        let sealed = seal_bytes(b"workbook bytes", &[user.public(), company.public()]).expect("seal");
        assert_eq!(open_bytes(&sealed, &[&user]).expect("user"), b"workbook bytes");
        assert_eq!(open_bytes(&sealed, &[&company]).expect("company"), b"workbook bytes");
        assert!(matches!(
            open_bytes(&sealed, &[&stranger]),
            Err(OpenError::NotForThisKey)
        ));
    }

    /// A change to an encrypted file after it was written.
    #[derive(Debug, Clone)]
    enum Tamper {
        /// Flip one bit of the byte at this position (taken modulo the length).
        Flip(usize, u8),
        /// Cut the file to this length (modulo the length).
        Truncate(usize),
        /// Append bytes after the end.
        Append(Vec<u8>),
        /// Put the bytes of another file made for the same keys in its place, cut to this length.
        Splice(usize),
    }

    fn tamper() -> impl proptest::strategy::Strategy<Value = Tamper> {
        use proptest::prelude::*;
        prop_oneof![
            (any::<usize>(), 0u8..8).prop_map(|(at, bit)| Tamper::Flip(at, bit)),
            any::<usize>().prop_map(Tamper::Truncate),
            proptest::collection::vec(any::<u8>(), 1..100).prop_map(Tamper::Append),
            any::<usize>().prop_map(Tamper::Splice),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

        /// Whatever happens to a file, it either decrypts to exactly what was written or fails
        /// as damaged (or, for a change to the key's own stanza, as not for this key): never to other bytes, never a panic. Sizes cross the 64 KiB chunks.
        #[test]
        fn a_tampered_file_never_decrypts_to_other_bytes(
            plain in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..140_000),
            change in tamper(),
        ) {
            let key = SecretKey::generate();
            let recipients = [key.public(), SecretKey::generate().public()];
            let sealed = seal_bytes(&plain, &recipients).expect("seal");
            let mut bad = sealed.clone();
            match change {
                Tamper::Flip(at, bit) => bad[at % sealed.len()] ^= 1 << bit,
                Tamper::Truncate(len) => bad.truncate(len % sealed.len()),
                Tamper::Append(extra) => bad.extend(extra),
                Tamper::Splice(len) => {
                    let other = seal_bytes(&plain, &recipients).expect("seal");
                    let cut = len % other.len();
                    bad[..cut.min(sealed.len())].copy_from_slice(&other[..cut.min(sealed.len())]);
                }
            }
            match open_bytes(&bad, &[&key]) {
                Ok(opened) => proptest::prop_assert_eq!(opened, plain),
                // A change to this key's own stanza leaves no stanza for it: "not for this key".
                Err(e) => proptest::prop_assert!(matches!(e, OpenError::Damaged | OpenError::NotForThisKey), "{e:?}"),
            }
        }
    }

    #[test]
    fn identity_text_round_trips_and_public_keys_are_checked() {
        let key = SecretKey::generate();
        let text = key.to_identity_text("a comment\nover two lines");
        let again = SecretKey::from_identity_text(text.expose_secret()).expect("parse");
        assert_eq!(again.public(), key.public());
        assert_eq!(key.public().to_string().parse::<PublicKey>(), Ok(key.public()));
        assert_eq!("age1nonsense".parse::<PublicKey>(), Err(KeyError::NotAPublicKey));
        assert_eq!(key.public().fingerprint().len(), 19);
    }
}
