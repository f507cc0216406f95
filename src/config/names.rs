//! The one gate for profile names. A profile name becomes a folder inside the backup folder
//! (and inside every second-copy folder), so a name is checked here before it is ever joined to
//! a path: the same rules apply when a profile is added and when a hand-edited configuration is
//! loaded.

use std::fmt;

/// The longest name accepted, in characters: long enough for any real name, short enough that
/// the version names inside still fit the path limits of Windows.
pub const MAX_CHARS: usize = 64;

/// The longest name accepted, in UTF-8 bytes: Linux and macOS folder names hold 255 bytes, and
/// 64 characters of some scripts need more than that.
pub const MAX_BYTES: usize = 255;

/// Why a name cannot be a profile (folder) name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameProblem {
    /// Empty, or only spaces.
    Empty,
    /// More than `MAX_CHARS` characters or `MAX_BYTES` bytes.
    TooLong,
    /// Holds a path separator or a character Windows forbids in folder names.
    ForbiddenCharacter,
    /// Holds a control character (a tab, a line break, NUL …).
    ControlCharacter,
    /// Starts with a dot (`.`, `..`, hidden folders) or ends with a dot or a space, which
    /// Windows silently strips.
    DotOrSpaceAtEdge,
    /// Spaces around the name, which would make two spellings of one folder.
    SurroundingSpace,
    /// A name Windows reserves for a device (`NUL`, `COM1`, `CONIN$` …), with or without an
    /// extension.
    DeviceName,
}

impl NameProblem {
    /// Every problem, for the tests of the sentences that carry one.
    pub const ALL: [NameProblem; 7] = [
        NameProblem::Empty,
        NameProblem::TooLong,
        NameProblem::ForbiddenCharacter,
        NameProblem::ControlCharacter,
        NameProblem::DotOrSpaceAtEdge,
        NameProblem::SurroundingSpace,
        NameProblem::DeviceName,
    ];

    /// The selector key the translations word this problem by (`config-error-profile-name`).
    pub fn code(self) -> &'static str {
        match self {
            NameProblem::Empty => "empty",
            NameProblem::TooLong => "too-long",
            NameProblem::ForbiddenCharacter => "forbidden-character",
            NameProblem::ControlCharacter => "control-character",
            NameProblem::DotOrSpaceAtEdge => "dot-or-space-at-edge",
            NameProblem::SurroundingSpace => "surrounding-space",
            NameProblem::DeviceName => "device-name",
        }
    }
}

impl fmt::Display for NameProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NameProblem::Empty => "is empty",
            NameProblem::TooLong => "is longer than 64 characters (or 255 bytes), which folder names cannot be",
            NameProblem::ForbiddenCharacter => "contains one of < > : \" / \\ | ? * which folder names cannot hold",
            NameProblem::ControlCharacter => "contains a control character such as a tab or a line break",
            NameProblem::DotOrSpaceAtEdge => "starts with a dot or ends with a dot or space",
            NameProblem::SurroundingSpace => "starts or ends with a space",
            NameProblem::DeviceName => "is a name Windows reserves for devices",
        })
    }
}

/// Names Windows keeps for devices, whatever the extension (`NUL.txt` is NUL too). The
/// superscript digits count as digits there.
const DEVICE_NAMES: [&str; 6] = ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"];

/// Checks that `name` can be a folder name on Windows, macOS and Linux, as one path component
/// that stays inside the folder it is joined to.
pub fn check(name: &str) -> Result<(), NameProblem> {
    if name.trim().is_empty() {
        Err(NameProblem::Empty)
    } else if name.chars().count() > MAX_CHARS || name.len() > MAX_BYTES {
        Err(NameProblem::TooLong)
    } else if name.chars().any(char::is_control) {
        Err(NameProblem::ControlCharacter)
    } else if name
        .chars()
        .any(|c| matches!(c, '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*'))
    {
        Err(NameProblem::ForbiddenCharacter)
    } else if name.starts_with('.') || name.ends_with(['.', ' ']) {
        Err(NameProblem::DotOrSpaceAtEdge)
    } else if name.trim() != name {
        Err(NameProblem::SurroundingSpace)
    } else if is_device_name(name) {
        Err(NameProblem::DeviceName)
    } else {
        Ok(())
    }
}

/// True for `NUL`, `com1.xlsx`, `LPT¹`, `CONIN$` and the like: Windows looks only at the part
/// before the first dot, without trailing spaces, in any case.
fn is_device_name(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).trim_end().to_uppercase();
    if DEVICE_NAMES.contains(&stem.as_str()) {
        return true;
    }
    let mut chars = stem.chars();
    let prefix: String = chars.by_ref().take(3).collect();
    let rest: Vec<char> = chars.collect();
    (prefix == "COM" || prefix == "LPT")
        && matches!(rest.as_slice(), [d] if d.is_ascii_digit() || matches!(d, '¹' | '²' | '³'))
}

/// The key under which two names are the same folder on Windows and macOS, whose folder names
/// ignore case.
pub fn folder_key(name: &str) -> String {
    name.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_names_with_and_without_extensions_are_refused() {
        for bad in [
            "NUL",
            "nul",
            "Nul.txt",
            "COM0",
            "com9.xlsx",
            "LPT1",
            "lpt¹",
            "CONIN$",
            "conout$.log",
            "AUX .x",
        ] {
            assert_eq!(check(bad), Err(NameProblem::DeviceName), "{bad:?}");
        }
        for good in ["COM10", "Console", "NULL", "LPT", "Auxiliary", "COMA"] {
            assert_eq!(check(good), Ok(()), "{good:?}");
        }
    }

    #[test]
    fn traversal_separators_and_edges_are_refused() {
        for bad in [
            "..", ".", "../x", "a/b", "a\\b", "/abs", "C:\\x", "x.", "x ", " x", ".hidden", "a\tb", "a\0b",
        ] {
            assert!(check(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn length_is_counted_in_characters_and_bytes() {
        assert_eq!(check(&"a".repeat(64)), Ok(()));
        assert_eq!(check(&"a".repeat(65)), Err(NameProblem::TooLong));
        // 64 four-byte characters are 256 bytes, one more than a Linux folder name holds.
        assert_eq!(check(&"😀".repeat(64)), Err(NameProblem::TooLong));
    }
}
