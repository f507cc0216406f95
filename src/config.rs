//! The user's configuration: profiles (what to back up, where, what to keep) and settings.
//! Stored as TOML in the platform config folder, or wherever `--config` points.
//!
//! Loading is forgiving where it can be (unknown keys are warnings, out-of-range numbers are
//! clamped in `sanitize`) and precise where it cannot (a syntax error names file and line).

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::fsutil;

mod destination;
mod document;
mod error;
pub mod names;
mod warning;
pub use destination::{
    Destination, S3Destination, S3Problem, SecretPlace, is_device_id, same_disk_warning, split_s3_url,
};
pub use document::{Updated, lock_path, rebase, update};
pub use error::ConfigError;
pub use names::NameProblem;
pub use warning::{ConfigWarning, SharedDisk};

/// The whole configuration file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    pub settings: Settings,
    #[serde(rename = "profile")]
    pub profiles: Vec<Profile>,
}

/// Settings that apply to every profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Interface language (`en`, `vi`, `pl`); empty means "from the system".
    #[serde(skip_serializing_if = "String::is_empty")]
    pub language: String,
    /// How long, in seconds, a writer waits for another writer's lock on a backup folder.
    pub lock_wait_seconds: u64,
    /// How often, in hours, the agent re-reads every version in every place and repairs what it
    /// may; 0 turns the scheduled check off.
    pub verify_every_hours: u64,
    /// When many workbooks lose their data at once (the pattern of ransomware).
    #[serde(skip_serializing_if = "MassLossSettings::is_default")]
    pub mass_loss: MassLossSettings,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            language: String::new(),
            lock_wait_seconds: 600,
            verify_every_hours: 24,
            mass_loss: MassLossSettings::default(),
        }
    }
}

/// `[settings.mass_loss]`: how many workbooks must lose their data (the vanishing-data alarm,
/// across every profile) within how many minutes of each other before Sheetsafe treats it as
/// an attack: red, and every earlier version of those workbooks pinned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MassLossSettings {
    /// Workbooks at once; 0 turns this off (each workbook still raises its own alarm).
    pub workbooks: u32,
    /// "At once": the losing versions were made within this many minutes.
    pub window_minutes: u32,
}

impl Default for MassLossSettings {
    fn default() -> Self {
        MassLossSettings {
            workbooks: 3,
            window_minutes: 60,
        }
    }
}

impl MassLossSettings {
    #[allow(clippy::trivially_copy_pass_by_ref)] // serde's `skip_serializing_if` hands a reference
    fn is_default(&self) -> bool {
        *self == MassLossSettings::default()
    }
}

/// One backup profile: a set of workbooks, the folder their versions go to, and what to keep.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    pub name: String,
    pub enabled: bool,
    pub workbooks: Vec<PathBuf>,
    pub backup_folder: PathBuf,
    pub keep: KeepRules,
    /// How the agent notices that a workbook was closed.
    pub watch: WatchSettings,
    /// When a new version that lost data raises the vanishing-data alarm (`[profile.alarm]`).
    pub alarm: AlarmSettings,
    /// Second copies: other folders that regularly receive this profile's versions.
    #[serde(rename = "destination", skip_serializing_if = "Vec::is_empty")]
    pub destinations: Vec<Destination>,
    /// Set for an encrypted profile (store format 2): the keys its versions are encrypted to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encryption: Option<Encryption>,
}

/// The keys of an encrypted profile (`[profile.encryption]`). Only public keys and the path of
/// this computer's own key are kept here; the user's secret key is in the backup folder, locked
/// by the passphrase.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Encryption {
    /// The `age1…` public keys every version is encrypted to: the user's, then the company
    /// recovery key if there is one. Kept here rather than read from the backup folder, so
    /// whoever administers the storage cannot slip in a key of their own.
    pub recipients: Vec<String>,
    /// This computer's key file, which opens the catalog (never a version) so that backups run
    /// without the passphrase.
    pub device_key: PathBuf,
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            name: String::new(),
            enabled: true,
            workbooks: Vec::new(),
            backup_folder: PathBuf::new(),
            keep: KeepRules::default(),
            watch: WatchSettings::default(),
            alarm: AlarmSettings::default(),
            destinations: Vec::new(),
            encryption: None,
        }
    }
}

/// Close-detection settings of a profile (`[profile.watch]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WatchSettings {
    /// Back up when the spreadsheet application closes a workbook.
    pub on_close: bool,
    /// Seconds the workbook must stay unchanged after its lock file is gone before the copy.
    pub settle_seconds: u64,
    /// Seconds of quiet after a change when no lock file was ever seen (Excel with `.xls`).
    pub idle_seconds: u64,
    /// Look for changes by polling instead of file-system events: for network drives, where
    /// events often do not arrive.
    pub poll: bool,
    /// Seconds between two looks when polling.
    pub poll_seconds: u64,
    /// Hours a workbook may stay open with changes not backed up before it is shown as a warning.
    pub open_warning_hours: u64,
    /// Seconds without a further save after which a workbook that is still open gets a
    /// `saved-while-open` version (0 turns this off).
    pub saved_while_open_seconds: u64,
    /// Seconds saved content may wait for its backup before the status turns amber, whatever
    /// the reason (still open, a lock left by a crash, backups failing).
    pub unprotected_grace_seconds: u64,
    /// Seconds between two checks of whether the application holding a lock file still runs,
    /// while saved changes wait (a crash leaves the lock file behind).
    pub stale_check_seconds: u64,
    /// Seconds after which every workbook is looked at again even though no event came: a
    /// directory watch can lose events (a full buffer on Windows, Wine, some network drives),
    /// and a lost "lock file gone" would otherwise leave a closed workbook without its backup.
    pub recheck_seconds: u64,
}

impl Default for WatchSettings {
    fn default() -> Self {
        WatchSettings {
            on_close: true,
            settle_seconds: 3,
            idle_seconds: 30,
            poll: false,
            poll_seconds: 10,
            open_warning_hours: 4,
            saved_while_open_seconds: 30 * 60,
            unprotected_grace_seconds: 5 * 60,
            stale_check_seconds: 20,
            recheck_seconds: 60,
        }
    }
}

/// The vanishing-data alarm of a profile (`[profile.alarm]`): a new version that lost a whole
/// sheet, or this share of a sheet's non-empty rows or cells, against the version before it,
/// turns the status amber and pins the version before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AlarmSettings {
    /// Raise the alarm at all.
    pub enabled: bool,
    /// Percent of a sheet's non-empty rows that must vanish (1-100).
    pub rows_lost_percent: u8,
    /// Percent of a sheet's non-empty cells that must vanish (1-100).
    pub cells_lost_percent: u8,
    /// Sheets with fewer non-empty rows than this are too small to judge by share (a removed
    /// sheet still counts when it had at least this many).
    pub min_rows: u64,
}

impl Default for AlarmSettings {
    fn default() -> Self {
        AlarmSettings {
            enabled: true,
            rows_lost_percent: 50,
            cells_lost_percent: 50,
            min_rows: 10,
        }
    }
}

/// Retention rules. A version stays if any rule keeps it; all zero keeps everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct KeepRules {
    /// The newest N versions.
    pub last: u32,
    /// The newest version of each of the last N days that have versions.
    pub daily: u32,
    /// The newest version of each of the last N ISO weeks that have versions.
    pub weekly: u32,
    /// The newest version of each of the last N months that have versions.
    pub monthly: u32,
}

impl Default for KeepRules {
    /// Two weeks of daily history, two months of weekly and two years of monthly, plus the last
    /// 20 saves: generous for a workbook of a few MB, and still bounded.
    fn default() -> Self {
        KeepRules {
            last: 20,
            daily: 14,
            weekly: 8,
            monthly: 24,
        }
    }
}

impl KeepRules {
    /// True when no rule is set, which means "keep every version".
    pub fn keeps_everything(&self) -> bool {
        self.last == 0 && self.daily == 0 && self.weekly == 0 && self.monthly == 0
    }
}

/// A loaded configuration and the warnings met while loading it.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub config: Config,
    /// What was allowed but unwise, e.g. unknown keys that were ignored.
    pub warnings: Vec<ConfigWarning>,
    /// False when the file did not exist and `config` is the default.
    pub existed: bool,
}

impl Config {
    /// Loads the configuration at `path`; a missing file gives the default (no profiles).
    pub fn load(path: &Path) -> Result<Loaded, ConfigError> {
        let text = match fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Ok(Loaded {
                    config: Config::default(),
                    warnings: Vec::new(),
                    existed: false,
                });
            }
            Err(e) => {
                return Err(ConfigError::Read {
                    path: path.to_path_buf(),
                    source: e,
                });
            }
        };
        let (mut config, mut warnings) = Self::parse(&text, path)?;
        warnings.extend(config.sanitize());
        config.check_names(path)?;
        Ok(Loaded {
            config,
            warnings,
            existed: true,
        })
    }

    /// Parses configuration text; unknown keys become warnings.
    pub fn parse(text: &str, path: &Path) -> Result<(Config, Vec<ConfigWarning>), ConfigError> {
        let mut unknown = Vec::new();
        let deserializer = toml::Deserializer::parse(text).map_err(|e| syntax_error(text, path, &e))?;
        let config: Config = serde_ignored::deserialize(deserializer, |key| unknown.push(key.to_string()))
            .map_err(|e| syntax_error(text, path, &e))?;
        let warnings = unknown
            .into_iter()
            .map(|key| ConfigWarning::UnknownSetting {
                path: path.to_path_buf(),
                key,
            })
            .collect();
        Ok((config, warnings))
    }

    /// Clamps values into range and returns a warning for each change.
    pub fn sanitize(&mut self) -> Vec<ConfigWarning> {
        let mut warnings = Vec::new();
        if self.settings.lock_wait_seconds > 3600 {
            warnings.push(ConfigWarning::LockWaitClamped);
            self.settings.lock_wait_seconds = 3600;
        }
        for profile in &mut self.profiles {
            profile.name = profile.name.trim().to_string();
            let w = &mut profile.watch;
            let clamped = (
                w.settle_seconds.clamp(1, 600),
                w.idle_seconds.clamp(5, 3600),
                w.poll_seconds.clamp(2, 3600),
                w.open_warning_hours.clamp(1, 24 * 7),
            );
            if clamped != (w.settle_seconds, w.idle_seconds, w.poll_seconds, w.open_warning_hours) {
                warnings.push(ConfigWarning::WatchClamped {
                    profile: profile.name.clone(),
                });
                (w.settle_seconds, w.idle_seconds, w.poll_seconds, w.open_warning_hours) = clamped;
            }
            let clamped = (
                match w.saved_while_open_seconds {
                    0 => 0,
                    n => n.clamp(5, 24 * 3600),
                },
                w.unprotected_grace_seconds.min(24 * 3600),
                w.stale_check_seconds.clamp(2, 600),
                w.recheck_seconds.clamp(10, 3600),
            );
            if clamped
                != (
                    w.saved_while_open_seconds,
                    w.unprotected_grace_seconds,
                    w.stale_check_seconds,
                    w.recheck_seconds,
                )
            {
                warnings.push(ConfigWarning::WatchTimingClamped {
                    profile: profile.name.clone(),
                });
                (
                    w.saved_while_open_seconds,
                    w.unprotected_grace_seconds,
                    w.stale_check_seconds,
                    w.recheck_seconds,
                ) = clamped;
            }
            let a = &mut profile.alarm;
            let clamped = (a.rows_lost_percent.clamp(1, 100), a.cells_lost_percent.clamp(1, 100));
            if clamped != (a.rows_lost_percent, a.cells_lost_percent) {
                warnings.push(ConfigWarning::AlarmClamped {
                    profile: profile.name.clone(),
                });
                (a.rows_lost_percent, a.cells_lost_percent) = clamped;
            }
            for rule in [
                &mut profile.keep.last,
                &mut profile.keep.daily,
                &mut profile.keep.weekly,
                &mut profile.keep.monthly,
            ] {
                if *rule > 10_000 {
                    *rule = 10_000;
                    warnings.push(ConfigWarning::KeepClamped {
                        profile: profile.name.clone(),
                        destination: None,
                    });
                }
            }
            warnings.extend(destination::sanitize(profile));
        }
        warnings
    }

    /// Checks every profile name with the same gate as `profile add`, that no two name the
    /// same folder (case-insensitively, as folders are on Windows and macOS), and that no two
    /// company-storage destinations share a folder in a bucket. `path` is the file the
    /// configuration came from, for the message.
    pub fn check_names(&self, path: &Path) -> Result<(), ConfigError> {
        shared_bucket_folder_error(&self.profiles)?;
        let mut seen: HashMap<String, &str> = HashMap::new();
        for profile in &self.profiles {
            names::check(&profile.name).map_err(|problem| ConfigError::ProfileNameInFile {
                path: path.to_path_buf(),
                name: profile.name.clone(),
                problem,
            })?;
            if let Some(first) = seen.insert(names::folder_key(&profile.name), &profile.name) {
                return Err(ConfigError::DuplicateProfileInFile {
                    path: path.to_path_buf(),
                    first: first.to_string(),
                    second: profile.name.clone(),
                });
            }
        }
        Ok(())
    }

    /// The profile called `name` (case-insensitive, as folder names are on Windows and macOS).
    pub fn profile(&self, name: &str) -> Result<&Profile, ConfigError> {
        self.profiles
            .iter()
            .find(|p| names::folder_key(&p.name) == names::folder_key(name))
            .ok_or_else(|| self.unknown_profile(name))
    }

    /// Mutable access to the profile called `name`.
    pub fn profile_mut(&mut self, name: &str) -> Result<&mut Profile, ConfigError> {
        let err = self.unknown_profile(name);
        self.profiles
            .iter_mut()
            .find(|p| names::folder_key(&p.name) == names::folder_key(name))
            .ok_or(err)
    }

    fn unknown_profile(&self, name: &str) -> ConfigError {
        ConfigError::UnknownProfile {
            name: name.to_string(),
            known: self.profiles.iter().map(|p| p.name.clone()).collect(),
        }
    }

    /// Adds a profile after validating it against the others.
    pub fn add_profile(&mut self, profile: Profile) -> Result<Vec<ConfigWarning>, ConfigError> {
        let key = names::folder_key(&profile.name);
        if self.profiles.iter().any(|p| names::folder_key(&p.name) == key) {
            return Err(ConfigError::DuplicateProfile { name: profile.name });
        }
        let warnings = profile.validate()?;
        shared_bucket_folder_error(self.profiles.iter().chain([&profile]))?;
        self.profiles.push(profile);
        Ok(warnings)
    }

    /// Removes a profile from the configuration (its backup folder is left untouched).
    pub fn remove_profile(&mut self, name: &str) -> Result<Profile, ConfigError> {
        let index = self
            .profiles
            .iter()
            .position(|p| names::folder_key(&p.name) == names::folder_key(name))
            .ok_or_else(|| self.unknown_profile(name))?;
        Ok(self.profiles.remove(index))
    }
}

/// Two company-storage destinations writing to one folder of a bucket would each delete the
/// other's versions as leftovers: refused, whether a hand edit or a copied profile made them.
fn shared_bucket_folder_error<'a>(profiles: impl IntoIterator<Item = &'a Profile>) -> Result<(), ConfigError> {
    match destination::shared_bucket_folder(profiles) {
        Some((profile, destination)) => Err(ConfigError::CompanyStorage {
            profile,
            destination,
            problem: S3Problem::SharedFolder,
        }),
        None => Ok(()),
    }
}

fn syntax_error(text: &str, path: &Path, e: &toml::de::Error) -> ConfigError {
    let offset = e.span().map_or(0, |s| s.start);
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    ConfigError::Syntax {
        path: path.to_path_buf(),
        line,
        column,
        message: e.message().trim_end_matches('.').to_string(),
    }
}

impl Profile {
    /// The second copies that are folders (drives, cloud-drive folders, shares): what the
    /// folder checks, repairs and exports look at. Company storage is reached over the network
    /// by its own code.
    pub fn folder_destinations(&self) -> impl Iterator<Item = &Destination> {
        self.destinations.iter().filter(|d| d.is_folder())
    }

    /// Checks the profile on its own. Returns warnings (things allowed but unwise); errors are
    /// whole sentences naming the offending path.
    pub fn validate(&self) -> Result<Vec<ConfigWarning>, ConfigError> {
        validate_profile_name(&self.name)?;
        if self.workbooks.is_empty() {
            return Err(ConfigError::NoWorkbook {
                profile: self.name.clone(),
            });
        }
        if self.backup_folder.as_os_str().is_empty() {
            return Err(ConfigError::NoBackupFolder {
                profile: self.name.clone(),
            });
        }
        let mut warnings = Vec::new();
        let mut names = HashSet::new();
        let store_dir = absolute(&self.backup_folder.join(&self.name));
        for workbook in &self.workbooks {
            let Some(file_name) = workbook.file_name() else {
                return Err(ConfigError::NotAWorkbookFile { path: workbook.clone() });
            };
            if !names.insert(file_name.to_string_lossy().to_lowercase()) {
                return Err(ConfigError::DuplicateWorkbook {
                    profile: self.name.clone(),
                    file_name: file_name.to_string_lossy().into_owned(),
                });
            }
            let workbook_abs = absolute(workbook);
            let workbook_dir = workbook_abs.parent().map(Path::to_path_buf).unwrap_or_default();
            if workbook_abs.starts_with(&store_dir) || workbook_dir == store_dir {
                return Err(ConfigError::BackupFolderHoldsWorkbook {
                    store_dir,
                    workbook: workbook.clone(),
                    workbook_dir,
                });
            }
            if let (Some(a), Some(b)) = (fsutil::device_of(workbook), fsutil::device_of(&self.backup_folder))
                && a == b
            {
                warnings.push(ConfigWarning::BackupOnWorkbookDisk {
                    backup_folder: self.backup_folder.clone(),
                    workbook: workbook.clone(),
                });
            }
        }
        warnings.extend(destination::validate_all(self)?);
        Ok(warnings)
    }
}

/// The path made absolute against the current folder, with `.` and `..` resolved lexically,
/// so loop checks work for folders that do not exist yet.
pub fn absolute(path: &Path) -> PathBuf {
    let joined = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for part in joined.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// A profile name becomes a folder name, so it must be valid on every OS users copy stores to.
/// The same gate (`names::check`) runs when a configuration is loaded.
pub fn validate_profile_name(name: &str) -> Result<(), ConfigError> {
    names::check(name).map_err(|problem| ConfigError::ProfileName {
        name: name.to_string(),
        problem,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_error_names_file_and_line() {
        let err = Config::parse(
            "[settings]\nlanguage = \"en\"\n[[profile]\nname = 1\n",
            Path::new("/c/config.toml"),
        )
        .expect_err("must fail");
        let text = err.to_string();
        assert!(text.contains("/c/config.toml"), "{text}");
        assert!(text.contains("line 3"), "{text}");
    }

    #[test]
    fn unknown_keys_are_warnings_not_failures() {
        let (config, warnings) =
            Config::parse("[[profile]]\nname = \"Sales\"\ncolour = \"red\"\n", Path::new("c.toml")).expect("parses");
        assert_eq!(config.profiles[0].name, "Sales");
        assert_eq!(warnings.len(), 1);
        assert!(
            matches!(&warnings[0], ConfigWarning::UnknownSetting { key, .. } if key.contains("colour")),
            "{warnings:?}"
        );
    }

    #[test]
    fn missing_keys_take_defaults() {
        let (config, _) = Config::parse("[[profile]]\nname = \"Sales\"\n", Path::new("c.toml")).expect("parses");
        assert_eq!(config.profiles[0].keep, KeepRules::default());
        assert!(config.profiles[0].enabled);
    }

    #[test]
    fn profile_names_must_be_folder_names() {
        for bad in ["", "a/b", "CON", "x:y", "end.", ".hidden"] {
            assert!(validate_profile_name(bad).is_err(), "{bad:?} accepted");
        }
        for good in ["Sales", "Bán hàng", "Księgowość 2026"] {
            assert!(validate_profile_name(good).is_ok(), "{good:?} refused");
        }
    }

    #[test]
    fn backup_folder_that_holds_the_workbook_is_refused() {
        let profile = Profile {
            name: "Data".into(),
            workbooks: vec![PathBuf::from("/srv/Data/Sales.xlsm")],
            backup_folder: PathBuf::from("/srv"),
            ..Profile::default()
        };
        let err = profile.validate().expect_err("loop must be refused");
        assert!(err.to_string().contains("back up its own backups"), "{err}");
    }

    #[test]
    fn same_file_name_twice_is_refused() {
        let profile = Profile {
            name: "Sales".into(),
            workbooks: vec![PathBuf::from("/a/Book.xlsx"), PathBuf::from("/b/book.xlsx")],
            backup_folder: PathBuf::from("/backup"),
            ..Profile::default()
        };
        assert!(profile.validate().is_err());
    }
}
