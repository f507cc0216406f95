//! Second-copy destinations of a profile (`[[profile.destination]]`): another folder (a USB
//! drive, a cloud-drive folder, a network share) that regularly receives the profile's versions
//! in the same store format, on its own schedule and with its own keep rules; or, for an
//! encrypted profile, a bucket on the company's S3-compatible server (`[profile.destination.s3]`).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{ConfigError, ConfigWarning, KeepRules, NameProblem, Profile, SharedDisk, absolute};
use crate::fsutil;
use crate::schedule::Schedule;

/// One second-copy destination.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Destination {
    /// What the user calls it ("USB disk", "OneDrive"); unique within the profile.
    pub name: String,
    /// The backup folder at the destination; the versions go to `<folder>/<profile name>/`.
    /// Empty for company storage.
    pub folder: PathBuf,
    /// Company storage: a bucket on an S3-compatible server instead of a folder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub s3: Option<S3Destination>,
    /// When it receives copies.
    pub schedule: Schedule,
    /// Which versions it keeps: its own rules, usually a longer history than the main folder.
    pub keep: KeepRules,
    /// Whether Sheetsafe may repair damaged or missing versions here from another intact copy
    /// on its own (the agent). `sheetsafe verify --repair` repairs everywhere when asked.
    pub repair: bool,
}

impl Default for Destination {
    fn default() -> Self {
        Destination {
            name: String::new(),
            folder: PathBuf::new(),
            s3: None,
            schedule: Schedule::default(),
            keep: Destination::default_keep(),
            repair: true,
        }
    }
}

impl Destination {
    /// The keep rules of a destination that sets none: the newest version of each of the last
    /// 30 days and of each of the last 12 months, a year of history off the PC.
    pub fn default_keep() -> KeepRules {
        KeepRules {
            last: 0,
            daily: 30,
            weekly: 0,
            monthly: 12,
        }
    }

    /// The profile folder this destination holds for `profile_name`.
    pub fn profile_dir(&self, profile_name: &str) -> PathBuf {
        self.folder.join(profile_name)
    }

    /// Where the copies go, for messages and reports: the profile folder, or for company
    /// storage the bucket's address and this computer's folder in it.
    pub fn place(&self, profile_name: &str) -> PathBuf {
        match &self.s3 {
            Some(s3) => PathBuf::from(format!("{}/{}", s3.url.trim_end_matches('/'), s3.device)),
            None => self.profile_dir(profile_name),
        }
    }

    /// True for a destination that is a folder (not company storage).
    pub fn is_folder(&self) -> bool {
        self.s3.is_none()
    }
}

/// A bucket on the company's S3-compatible server (Garage, MinIO, AWS, B2, Wasabi).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct S3Destination {
    /// `http(s)://host:port/bucket`: the server and the user's own bucket.
    pub url: String,
    /// The region requests are signed for; Garage's default is `garage`.
    #[serde(default = "S3Destination::default_region")]
    pub region: String,
    /// The access key id (`GK…` on Garage). Its secret is kept where `secret_in` says, never
    /// here.
    pub access_key_id: String,
    /// This computer's folder in the bucket: random letters, so no object key carries a
    /// workbook's, profile's or computer's name.
    pub device: String,
    /// Where the secret is: the system's credential store (an entry named by `device`), or
    /// `secret_file`. Absent in files written before the credential store was used: a file.
    #[serde(default, skip_serializing_if = "SecretPlace::is_file")]
    pub secret_in: SecretPlace,
    /// The file holding the secret when `secret_in` is `file`, readable by the user alone
    /// (outside `config.toml`, which people copy and mail around).
    #[serde(default, skip_serializing_if = "path_is_empty")]
    pub secret_file: PathBuf,
}

fn path_is_empty(path: &Path) -> bool {
    path.as_os_str().is_empty()
}

/// Where a company-storage destination's secret is kept.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SecretPlace {
    /// A file only the user can read (`secret_file`).
    #[default]
    File,
    /// The operating system's credential store.
    CredentialStore,
}

impl SecretPlace {
    pub fn is_file(&self) -> bool {
        *self == SecretPlace::File
    }
}

impl S3Destination {
    pub fn default_region() -> String {
        "garage".to_string()
    }

    /// The server part and the bucket of `url`, when it is an `http(s)` address ending in a
    /// bucket name: `http://host:3900/alice` gives `("http://host:3900", "alice")`.
    pub fn endpoint_and_bucket(&self) -> Option<(String, String)> {
        split_s3_url(&self.url)
    }
}

/// The server part and bucket of an S3 address (see [`S3Destination::endpoint_and_bucket`]).
/// The bucket must be a valid S3 bucket name (3-63 lowercase letters, digits, `-`, `.`).
pub fn split_s3_url(url: &str) -> Option<(String, String)> {
    let url = url.trim().trim_end_matches('/');
    let rest = url.strip_prefix("http://").or_else(|| url.strip_prefix("https://"))?;
    let (host, path) = rest.split_once('/')?;
    if host.is_empty() || host.contains(['@', '?', '#', ' ']) {
        return None;
    }
    let (before, bucket) = match path.rsplit_once('/') {
        Some((before, bucket)) => (Some(before), bucket),
        None => (None, path),
    };
    let valid = (3..=63).contains(&bucket.len())
        && bucket
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
        && !bucket.starts_with(['-', '.'])
        && !bucket.ends_with(['-', '.'])
        && !bucket.contains("..");
    if !valid {
        return None;
    }
    let scheme_len = url.len() - rest.len();
    let endpoint = match before {
        Some(before) => format!("{}{host}/{before}", &url[..scheme_len]),
        None => format!("{}{host}", &url[..scheme_len]),
    };
    Some((endpoint, bucket.to_string()))
}

/// A device folder name Sheetsafe makes: 16 to 64 lowercase hex digits.
pub fn is_device_id(id: &str) -> bool {
    (16..=64).contains(&id.len()) && id.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
}

/// Clamps the destinations' keep rules like the profile's and trims names; returns warnings.
pub(super) fn sanitize(profile: &mut Profile) -> Vec<ConfigWarning> {
    let mut warnings = Vec::new();
    for dest in &mut profile.destinations {
        dest.name = dest.name.trim().to_string();
        for rule in [
            &mut dest.keep.last,
            &mut dest.keep.daily,
            &mut dest.keep.weekly,
            &mut dest.keep.monthly,
        ] {
            if *rule > 10_000 {
                *rule = 10_000;
                warnings.push(ConfigWarning::KeepClamped {
                    profile: profile.name.clone(),
                    destination: Some(dest.name.clone()),
                });
            }
        }
    }
    warnings
}

/// Checks every destination of `profile` against the profile and each other. Returns warnings
/// (allowed but unwise, such as a destination on the workbook's own disk).
pub(super) fn validate_all(profile: &Profile) -> Result<Vec<ConfigWarning>, ConfigError> {
    let mut warnings = Vec::new();
    let mut names = HashSet::new();
    let mut dirs = HashSet::new();
    let main_dir = absolute(&profile.backup_folder.join(&profile.name));
    for dest in &profile.destinations {
        validate_name(&profile.name, &dest.name)?;
        if !names.insert(dest.name.to_lowercase()) {
            return Err(ConfigError::DuplicateDestination {
                profile: profile.name.clone(),
                destination: dest.name.clone(),
            });
        }
        if let Some(s3) = &dest.s3 {
            validate_s3(profile, dest, s3)?;
            continue;
        }
        if dest.folder.as_os_str().is_empty() {
            return Err(ConfigError::DestinationWithoutFolder {
                profile: profile.name.clone(),
                destination: dest.name.clone(),
            });
        }
        let dir = absolute(&dest.profile_dir(&profile.name));
        if dir.starts_with(&main_dir) || main_dir.starts_with(&dir) {
            return Err(ConfigError::DestinationInMainFolder {
                destination: dest.name.clone(),
                dir,
                main_dir,
            });
        }
        if !dirs.insert(dir.clone()) {
            return Err(ConfigError::DestinationFolderShared {
                profile: profile.name.clone(),
                folder: dest.folder.clone(),
            });
        }
        for workbook in &profile.workbooks {
            let workbook_dir = absolute(workbook).parent().map(Path::to_path_buf).unwrap_or_default();
            if workbook_dir.starts_with(&dir) {
                return Err(ConfigError::DestinationHoldsWorkbook {
                    destination: dest.name.clone(),
                    dir,
                    workbook: workbook.clone(),
                });
            }
        }
        warnings.extend(same_disk_warning(profile, dest));
    }
    Ok(warnings)
}

/// Company storage is for encrypted profiles only (the server's administrator must not be
/// able to read the workbooks), needs a bucket address, a key and this computer's folder.
fn validate_s3(profile: &Profile, dest: &Destination, s3: &S3Destination) -> Result<(), ConfigError> {
    let problem = if profile.encryption.is_none() {
        Some(S3Problem::NotEncrypted)
    } else if !dest.folder.as_os_str().is_empty() {
        Some(S3Problem::AlsoFolder)
    } else if split_s3_url(&s3.url).is_none() {
        Some(S3Problem::Address)
    } else if s3.access_key_id.trim().is_empty() || s3.region.trim().is_empty() {
        Some(S3Problem::NoKey)
    } else if !is_device_id(&s3.device) {
        Some(S3Problem::Device)
    } else if s3.secret_in == SecretPlace::File && s3.secret_file.as_os_str().is_empty() {
        Some(S3Problem::NoSecret)
    } else {
        None
    };
    match problem {
        Some(problem) => Err(ConfigError::CompanyStorage {
            profile: profile.name.clone(),
            destination: dest.name.clone(),
            problem,
        }),
        None => Ok(()),
    }
}

/// The first company-storage destination (profile, destination) whose folder in the bucket
/// another one already uses, in the order the profiles are listed. Compared by folder id
/// alone, whatever the bucket: the id also names the secret's credential-store entry, and a
/// random id is only ever shared by copying.
pub fn shared_bucket_folder<'a>(profiles: impl IntoIterator<Item = &'a Profile>) -> Option<(String, String)> {
    let mut seen = HashSet::new();
    for profile in profiles {
        for dest in &profile.destinations {
            let Some(s3) = &dest.s3 else { continue };
            if !seen.insert(s3.device.to_ascii_lowercase()) {
                return Some((profile.name.clone(), dest.name.clone()));
            }
        }
    }
    None
}

/// What is wrong with a company-storage destination.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum S3Problem {
    /// The profile is not encrypted, so the server's administrator could read it.
    NotEncrypted,
    /// It names a folder as well as a bucket.
    AlsoFolder,
    /// The address is not `http(s)://host[:port]/bucket`.
    Address,
    /// No access key id or region.
    NoKey,
    /// The device folder is not one Sheetsafe made.
    Device,
    /// No secret file.
    NoSecret,
    /// Another company-storage destination (of this or another profile) uses the same folder
    /// in the bucket: each would take the other's versions for leftovers and delete them.
    SharedFolder,
}

impl S3Problem {
    pub const ALL: [S3Problem; 7] = [
        S3Problem::NotEncrypted,
        S3Problem::AlsoFolder,
        S3Problem::Address,
        S3Problem::NoKey,
        S3Problem::Device,
        S3Problem::NoSecret,
        S3Problem::SharedFolder,
    ];

    /// The Fluent selector value.
    pub fn code(self) -> &'static str {
        match self {
            S3Problem::NotEncrypted => "not-encrypted",
            S3Problem::AlsoFolder => "also-folder",
            S3Problem::Address => "address",
            S3Problem::NoKey => "no-key",
            S3Problem::Device => "device",
            S3Problem::NoSecret => "no-secret",
            S3Problem::SharedFolder => "shared-folder",
        }
    }
}

impl std::fmt::Display for S3Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            S3Problem::NotEncrypted => "needs an encrypted profile, or the server's administrator could read the workbooks; turn on encryption (`profile add --encrypt`) first",
            S3Problem::AlsoFolder => "names a folder as well as a bucket; keep one of them",
            S3Problem::Address => "has no valid address: write it like http://server:3900/bucket-name",
            S3Problem::NoKey => "has no access key id or region",
            S3Problem::Device => "has a `device` that Sheetsafe did not make (16-64 lowercase hex digits); add the destination again with `profile dest add`",
            S3Problem::NoSecret => "has no `secret_file`; add the destination again with `profile dest add`",
            S3Problem::SharedFolder => {
                "uses the same folder in the bucket (`device`) as another company storage, so each would delete the other's copies; remove it and add it again with `profile dest add`"
            }
        })
    }
}

/// A warning when `dest` sits on the same physical disk as one of the workbooks or as the main
/// backup folder: such a copy is lost with that disk. Folders inside a cloud-drive folder are
/// exempt, because the cloud client carries their contents off the PC.
pub fn same_disk_warning(profile: &Profile, dest: &Destination) -> Option<ConfigWarning> {
    if !dest.is_folder() {
        return None;
    }
    let folder = absolute(&dest.folder);
    if crate::destination::cloud_folders()
        .iter()
        .any(|c| folder.starts_with(absolute(&c.path)))
    {
        return None;
    }
    let device = fsutil::device_of(&folder)?;
    let shared_with = profile
        .workbooks
        .iter()
        .find(|w| fsutil::device_of(w) == Some(device))
        .map(|w| SharedDisk::Workbook(w.clone()))
        .or_else(|| {
            (fsutil::device_of(&profile.backup_folder) == Some(device))
                .then(|| SharedDisk::MainBackupFolder(profile.backup_folder.clone()))
        })?;
    Some(ConfigWarning::DestinationOnSameDisk {
        destination: dest.name.clone(),
        folder: dest.folder.clone(),
        shared_with,
    })
}

fn validate_name(profile: &str, name: &str) -> Result<(), ConfigError> {
    let problem = if name.trim().is_empty() {
        Some(NameProblem::Empty)
    } else if name.chars().count() > 64 {
        Some(NameProblem::TooLong)
    } else if name.chars().any(char::is_control) {
        Some(NameProblem::ControlCharacter)
    } else {
        None
    };
    match problem {
        Some(problem) => Err(ConfigError::DestinationName {
            profile: profile.to_string(),
            name: name.to_string(),
            problem,
        }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn profile_with(dests: Vec<Destination>) -> Profile {
        Profile {
            name: "Sales".into(),
            workbooks: vec![PathBuf::from("/data/Sales.xlsm")],
            backup_folder: PathBuf::from("/backup"),
            destinations: dests,
            ..Profile::default()
        }
    }

    fn dest(name: &str, folder: &str) -> Destination {
        Destination {
            name: name.into(),
            folder: PathBuf::from(folder),
            ..Destination::default()
        }
    }

    #[test]
    fn toml_round_trip_with_schedule_text_and_own_keep_rules() {
        let text = r#"
[[profile]]
name = "Sales"
workbooks = ["/data/Sales.xlsm"]
backup_folder = "/backup"

[[profile.destination]]
name = "USB"
folder = "/media/anna/USB/Backups"
schedule = "weekly on friday at 17:00"
repair = false

[profile.destination.keep]
daily = 60

[[profile.destination]]
name = "Cloud"
folder = "/home/anna/OneDrive/Backups"
"#;
        let (config, warnings) = Config::parse(text, Path::new("c.toml")).expect("parses");
        assert!(warnings.is_empty(), "{warnings:?}");
        let dests = &config.profiles[0].destinations;
        assert_eq!(dests.len(), 2);
        assert_eq!(dests[0].schedule.to_string(), "weekly on friday at 17:00");
        assert!(!dests[0].repair);
        assert_eq!(dests[0].keep.daily, 60);
        assert_eq!(dests[1].schedule, Schedule::default());
        assert_eq!(dests[1].keep, Destination::default_keep());
        assert!(dests[1].repair);

        let saved = toml::to_string_pretty(&config).expect("serialise");
        let (again, _) = Config::parse(&saved, Path::new("c.toml")).expect("reparse");
        assert_eq!(again, config, "{saved}");
    }

    #[test]
    fn profiles_without_destinations_write_no_destination_key() {
        let config = Config {
            profiles: vec![profile_with(Vec::new())],
            ..Config::default()
        };
        let saved = toml::to_string_pretty(&config).expect("serialise");
        assert!(!saved.contains("destination"), "{saved}");
    }

    #[test]
    fn bad_schedule_names_the_line() {
        let text = "[[profile]]\nname = \"Sales\"\n\n[[profile.destination]]\nname = \"USB\"\nschedule = \"hourly\"\n";
        let err = Config::parse(text, Path::new("c.toml")).expect_err("must fail");
        let msg = err.to_string();
        assert!(msg.contains("line 6") && msg.contains("hourly"), "{msg}");
    }

    #[test]
    fn duplicate_names_and_folders_are_refused() {
        let p = profile_with(vec![dest("USB", "/media/a"), dest("usb", "/media/b")]);
        assert!(matches!(
            validate_all(&p).expect_err("dup name"),
            ConfigError::DuplicateDestination { .. }
        ));
        let p = profile_with(vec![dest("A", "/media/a"), dest("B", "/media/a/")]);
        assert!(matches!(
            validate_all(&p).expect_err("dup folder"),
            ConfigError::DestinationFolderShared { .. }
        ));
    }

    #[test]
    fn destination_in_the_main_store_is_no_second_copy() {
        for folder in ["/backup", "/backup/Sales/inner"] {
            let p = profile_with(vec![dest("X", folder)]);
            let err = validate_all(&p).expect_err(folder).to_string();
            assert!(err.contains("no second copy"), "{folder}: {err}");
        }
        let p = profile_with(vec![dest("X", "/backup/other")]);
        validate_all(&p).expect("a sibling folder is a different store");
    }

    #[test]
    fn empty_or_control_names_are_refused() {
        for bad in ["", "  ", "a\tb"] {
            let p = profile_with(vec![dest(bad, "/media/a")]);
            assert!(validate_all(&p).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn a_bucket_address_splits_into_server_and_bucket() {
        let split = |u: &str| split_s3_url(u);
        assert_eq!(
            split("http://127.0.0.1:3900/alice-backups"),
            Some(("http://127.0.0.1:3900".into(), "alice-backups".into()))
        );
        assert_eq!(
            split("https://s3.example.com/prefix/ab.c-1/"),
            Some(("https://s3.example.com/prefix".into(), "ab.c-1".into()))
        );
        for bad in [
            "ftp://x/bucket",
            "http://host",
            "http:///bucket",
            "http://host/Bad_Bucket",
            "http://host/ab",
            "http://user@host/bucket",
            "http://host/-bucket",
            "",
        ] {
            assert_eq!(split(bad), None, "{bad}");
        }
    }

    #[test]
    fn company_storage_is_refused_for_a_plain_profile_and_a_made_up_device() {
        let s3 = S3Destination {
            url: "http://127.0.0.1:3900/alice-backups".into(),
            region: "garage".into(),
            access_key_id: "GK1".into(),
            device: "0123456789abcdef0123456789abcdef".into(),
            secret_in: SecretPlace::File,
            secret_file: PathBuf::from("/data/company-storage/x.secret"),
        };
        let dest = |s3: S3Destination| Destination {
            name: "Office".into(),
            s3: Some(s3),
            ..Destination::default()
        };
        let plain = profile_with(vec![dest(s3.clone())]);
        assert!(matches!(
            validate_all(&plain),
            Err(ConfigError::CompanyStorage {
                problem: S3Problem::NotEncrypted,
                ..
            })
        ));
        let mut encrypted = plain.clone();
        encrypted.encryption = Some(crate::config::Encryption::default());
        assert!(validate_all(&encrypted).is_ok());
        for (device, problem) in [("../../etc", S3Problem::Device), ("0123", S3Problem::Device)] {
            encrypted.destinations = vec![dest(S3Destination {
                device: device.into(),
                ..s3.clone()
            })];
            assert!(
                matches!(validate_all(&encrypted), Err(ConfigError::CompanyStorage { problem: p, .. }) if p == problem),
                "{device}"
            );
        }
    }

    /// Two encrypted profiles whose company storages are written as given in `second`.
    fn two_profiles_with_company_storage(first_device: &str, second: &str) -> String {
        let profile = |name: &str, device: &str, secret: &str| {
            format!(
                r#"
[[profile]]
name = "{name}"
workbooks = ["/data/{name}.xlsm"]
backup_folder = "/backup"

[profile.encryption]

[[profile.destination]]
name = "Office"

[profile.destination.s3]
url = "http://127.0.0.1:3900/alice-backups"
access_key_id = "GK1"
device = "{device}"
{secret}
"#
            )
        };
        profile("Sales", first_device, "secret_in = \"credential-store\"")
            + &profile("Stock", second, "secret_file = \"/data/company-storage/y.secret\"")
    }

    #[test]
    fn where_the_secret_is_kept_round_trips_and_old_files_mean_a_file() {
        let text =
            two_profiles_with_company_storage("0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210");
        let (config, warnings) = Config::parse(&text, Path::new("c.toml")).expect("parses");
        assert!(warnings.is_empty(), "{warnings:?}");
        config
            .check_names(Path::new("c.toml"))
            .expect("distinct folders in the bucket");
        let s3 = |i: usize| config.profiles[i].destinations[0].s3.clone().expect("company storage");
        assert_eq!(s3(0).secret_in, SecretPlace::CredentialStore);
        assert!(s3(0).secret_file.as_os_str().is_empty());
        assert_eq!(
            s3(1).secret_in,
            SecretPlace::File,
            "a file written before the credential store"
        );
        for profile in &config.profiles {
            profile.validate().expect("valid");
        }
        let saved = toml::to_string_pretty(&config).expect("serialise");
        assert_eq!(
            saved.matches("secret_in").count(),
            1,
            "only the store is written:\n{saved}"
        );
        assert_eq!(saved.matches("secret_file").count(), 1, "no empty file name:\n{saved}");
        let (again, _) = Config::parse(&saved, Path::new("c.toml")).expect("reparse");
        assert_eq!(again, config, "{saved}");
    }

    #[test]
    fn a_file_secret_without_its_file_is_refused() {
        let text =
            two_profiles_with_company_storage("0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210")
                .replace("secret_file = \"/data/company-storage/y.secret\"", "");
        let (config, _) = Config::parse(&text, Path::new("c.toml")).expect("parses");
        assert!(matches!(
            config.profiles[1].validate(),
            Err(ConfigError::CompanyStorage {
                problem: S3Problem::NoSecret,
                ..
            })
        ));
    }

    #[test]
    fn two_company_storages_sharing_a_folder_in_the_bucket_are_refused() {
        let text =
            two_profiles_with_company_storage("0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcdef");
        let (config, _) = Config::parse(&text, Path::new("c.toml")).expect("parses");
        match config.check_names(Path::new("c.toml")) {
            Err(ConfigError::CompanyStorage {
                profile,
                destination,
                problem: S3Problem::SharedFolder,
            }) => assert_eq!((profile.as_str(), destination.as_str()), ("Stock", "Office")),
            other => panic!("a shared folder in the bucket must be refused: {other:?}"),
        }
        // Adding a profile that would share one is refused the same way.
        let mut one = config.clone();
        let second = one.profiles.pop().expect("two profiles");
        assert!(matches!(
            one.add_profile(second),
            Err(ConfigError::CompanyStorage {
                problem: S3Problem::SharedFolder,
                ..
            })
        ));
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 512, ..Default::default() })]

        /// Whatever a hand-edited or hostile configuration says, an address either splits into
        /// an http(s) server and a valid bucket name, or is refused; it never panics.
        #[test]
        fn any_address_splits_into_a_valid_bucket_or_none(url in "(https?://|ftp://|)[a-zA-Z0-9.:@/_ %-]{0,40}") {
            if let Some((endpoint, bucket)) = split_s3_url(&url) {
                proptest::prop_assert!(endpoint.starts_with("http://") || endpoint.starts_with("https://"));
                proptest::prop_assert!((3..=63).contains(&bucket.len()));
                proptest::prop_assert!(bucket.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.'));
                proptest::prop_assert!(!bucket.contains(".."));
            }
        }

        /// A device folder Sheetsafe accepts can never climb out of the bucket's prefix or
        /// hold a separator.
        #[test]
        fn an_accepted_device_is_plain_hex(id in "[0-9a-fA-F./\\-]{0,70}") {
            if is_device_id(&id) {
                proptest::prop_assert!(id.chars().all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c)));
                proptest::prop_assert!((16..=64).contains(&id.len()));
            }
        }

        /// Generated valid addresses come back as they were written.
        #[test]
        fn a_valid_address_round_trips(
            https in proptest::bool::ANY,
            host in "[a-z][a-z0-9-]{0,20}(\\.[a-z]{2,5})?",
            port in proptest::option::of(1u16..),
            bucket in "[a-z0-9][a-z0-9-]{1,30}[a-z0-9]",
        ) {
            let scheme = if https { "https" } else { "http" };
            let server = match port {
                Some(p) => format!("{scheme}://{host}:{p}"),
                None => format!("{scheme}://{host}"),
            };
            proptest::prop_assert_eq!(split_s3_url(&format!("{server}/{bucket}")), Some((server, bucket)));
        }
    }
}
