//! The one gate for version file names read from disk. A catalog entry's `file` comes from a
//! file anyone with access to the backup folder can edit (a crash, a sync client, a storage
//! administrator), so it is never joined to a path until it has passed [`VersionFileName::parse`]:
//! a plain name of a file directly inside the profile folder, portable to Windows, and not one
//! of the store's own bookkeeping or temporary files.

use std::borrow::Borrow;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::fsutil::TEMP_PREFIX;

/// Longest accepted name in bytes: the common file-system limit (ext4, NTFS, APFS: 255).
pub const MAX_NAME_BYTES: usize = 255;

/// Windows device names: a file with one of these stems (whatever its extension) cannot be
/// created or opened as a file on Windows.
const DEVICE_NAMES: &[&str] = &["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$"];

/// Why a name is not a valid version file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, thiserror::Error)]
#[serde(rename_all = "kebab-case")]
pub enum NameProblem {
    #[error("the name is empty")]
    Empty,
    #[error("the name is longer than {MAX_NAME_BYTES} bytes")]
    TooLong,
    #[error("the name contains a folder separator, so it points outside the backup folder")]
    Separator,
    #[error("the name is `.` or `..`, which points at a folder")]
    DotName,
    #[error("the name contains a character Windows forbids in file names")]
    ForbiddenCharacter,
    #[error("the name ends with a dot or a space, which Windows drops")]
    TrailingDotOrSpace,
    #[error("the name is a Windows device name")]
    DeviceName,
    #[error("the name is one of Sheetsafe's own bookkeeping or temporary files")]
    Reserved,
}

/// A checked version file name: a plain file name directly inside the profile folder. The only
/// way to make one is [`VersionFileName::parse`] (deserialising calls it too), so holding one is
/// proof that joining it to the profile folder stays inside the folder.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct VersionFileName(String);

impl VersionFileName {
    /// Checks `name`; see [`NameProblem`] for what is refused.
    pub fn parse(name: &str) -> Result<VersionFileName, NameProblem> {
        check(name)?;
        Ok(VersionFileName(name.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn check(name: &str) -> Result<(), NameProblem> {
    if name.is_empty() {
        return Err(NameProblem::Empty);
    }
    if name.len() > MAX_NAME_BYTES {
        return Err(NameProblem::TooLong);
    }
    if name.contains(['/', '\\']) {
        return Err(NameProblem::Separator);
    }
    if name == "." || name == ".." {
        return Err(NameProblem::DotName);
    }
    // `:` also makes `C:x` (drive-relative) and NTFS alternate streams impossible.
    if name
        .chars()
        .any(|c| c.is_control() || matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*'))
    {
        return Err(NameProblem::ForbiddenCharacter);
    }
    if name.ends_with(['.', ' ']) {
        return Err(NameProblem::TrailingDotOrSpace);
    }
    if is_device_name(name) {
        return Err(NameProblem::DeviceName);
    }
    // Case-insensitively: on Windows and macOS `Catalog.TOML` is the catalog.
    let reserved = [
        super::CATALOG_FILE,
        super::SUMS_FILE,
        super::LOCK_FILE,
        super::COPIES_FILE,
    ];
    if reserved.iter().any(|r| name.eq_ignore_ascii_case(r))
        || name
            .get(..TEMP_PREFIX.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(TEMP_PREFIX))
    {
        return Err(NameProblem::Reserved);
    }
    Ok(())
}

/// True for `CON`, `com1.xlsx`, `CONIN$`, `LPT¹` …: Windows treats the stem before the first dot
/// (trailing spaces ignored) as a device whatever the extension.
fn is_device_name(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).trim_end_matches(' ');
    let upper = stem.to_uppercase();
    if DEVICE_NAMES.contains(&upper.as_str()) {
        return true;
    }
    // COM0–COM9 and LPT0–LPT9, including the superscript digits Windows also maps.
    let mut chars = upper.chars();
    let prefix: String = chars.by_ref().take(3).collect();
    let rest: Vec<char> = chars.collect();
    (prefix == "COM" || prefix == "LPT")
        && rest.len() == 1
        && (rest[0].is_ascii_digit() || matches!(rest[0], '¹' | '²' | '³'))
}

impl TryFrom<String> for VersionFileName {
    type Error = NameProblem;
    fn try_from(name: String) -> Result<Self, NameProblem> {
        check(&name)?;
        Ok(VersionFileName(name))
    }
}

impl From<VersionFileName> for String {
    fn from(name: VersionFileName) -> String {
        name.0
    }
}

impl fmt::Display for VersionFileName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Borrow<str> for VersionFileName {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for VersionFileName {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for VersionFileName {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for VersionFileName {
    fn eq(&self, other: &String) -> bool {
        &self.0 == other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_version_names_pass() {
        for name in [
            "Sales__2026-11-21_173005.xlsm",
            "Bán hàng Łódź__2026-11-21_173005_002.xlsx",
            "a",
            "CONTRACTS.xlsx",
            "COM10.xlsx",
        ] {
            assert!(VersionFileName::parse(name).is_ok(), "{name}");
        }
    }

    #[test]
    fn hostile_names_are_refused() {
        let cases = [
            ("", NameProblem::Empty),
            ("../../wb/Sales.xlsx", NameProblem::Separator),
            ("/etc/passwd", NameProblem::Separator),
            ("C:\\x", NameProblem::Separator),
            ("C:x", NameProblem::ForbiddenCharacter),
            ("..", NameProblem::DotName),
            (".", NameProblem::DotName),
            ("catalog.toml", NameProblem::Reserved),
            ("SHA256SUMS", NameProblem::Reserved),
            (".sheetsafe.lock", NameProblem::Reserved),
            ("copies.toml", NameProblem::Reserved),
            ("Catalog.TOML", NameProblem::Reserved),
            (".sheetsafe-tmp-1-2-x", NameProblem::Reserved),
            ("CON", NameProblem::DeviceName),
            ("con.xlsx", NameProblem::DeviceName),
            ("COM0", NameProblem::DeviceName),
            ("CONIN$", NameProblem::DeviceName),
            ("lpt9.txt", NameProblem::DeviceName),
            ("a.", NameProblem::TrailingDotOrSpace),
            ("a\nb", NameProblem::ForbiddenCharacter),
        ];
        for (name, problem) in cases {
            assert_eq!(VersionFileName::parse(name), Err(problem), "{name:?}");
        }
        assert_eq!(VersionFileName::parse(&"x".repeat(256)), Err(NameProblem::TooLong));
    }
}
