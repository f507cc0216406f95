//! Finding places for second copies: the folders of the cloud-drive clients people already have
//! (OneDrive, Google Drive for desktop, Dropbox), read from each client's own records, and the
//! removable drives plugged in now. The first-run wizard and the settings screen offer these;
//! `sheetsafe profile dest suggest` prints them.
//!
//! Everything is read through a [`System`] snapshot (environment, home folder, mounted disks),
//! so the rules are the same on every OS and tests can stage a home folder of their own.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// What kind of place a candidate is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CandidateKind {
    /// A OneDrive folder (personal, or work or school).
    OneDrive,
    /// Google Drive for desktop ("My Drive").
    GoogleDrive,
    /// A Dropbox folder (personal or business).
    Dropbox,
    /// A drive the operating system reports as removable (USB stick or disk, memory card).
    RemovableDrive,
    /// Another drive that is not the system drive (Windows), e.g. a second internal disk.
    OtherDrive,
}

impl CandidateKind {
    /// True for folders a cloud client copies off the PC.
    pub fn is_cloud(self) -> bool {
        matches!(
            self,
            CandidateKind::OneDrive | CandidateKind::GoogleDrive | CandidateKind::Dropbox
        )
    }
}

/// A place that could hold a second copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub kind: CandidateKind,
    /// How to show it: "OneDrive", "Dropbox (business)", "USB DISK (E:)".
    pub label: String,
    /// The folder itself (the cloud folder, or the drive's root).
    pub path: PathBuf,
}

impl Candidate {
    /// The backup folder to propose inside the candidate: a `Sheetsafe` folder, so the copies
    /// do not mix with the user's own files.
    pub fn suggested_folder(&self) -> PathBuf {
        self.path.join("Sheetsafe")
    }
}

/// Which operating system's rules apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Os {
    Windows,
    MacOs,
    /// Linux and other Unix systems.
    Unix,
}

/// A mounted disk as the operating system lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MountedDisk {
    pub mount_point: PathBuf,
    /// The volume name, if it has one.
    pub name: String,
    pub removable: bool,
}

/// Everything the finder reads, captured once.
#[derive(Debug, Clone)]
pub struct System {
    pub os: Os,
    pub home: Option<PathBuf>,
    /// The environment variables the rules use (`APPDATA`, `LOCALAPPDATA`, `OneDrive`,
    /// `OneDriveConsumer`, `OneDriveCommercial`, `XDG_CONFIG_HOME`, `USER`, `SystemDrive`).
    pub env: BTreeMap<String, OsString>,
    /// Folders whose sub-folders are mount points of plugged-in drives: `/media/$USER`,
    /// `/run/media/$USER` and `/media` on Linux, `/Volumes` on macOS.
    pub media_roots: Vec<PathBuf>,
    /// Drive roots (`D:\` …) on Windows, where Google Drive for desktop mounts itself.
    pub drive_roots: Vec<PathBuf>,
    /// The disks the operating system lists, with their removable flag.
    pub disks: Vec<MountedDisk>,
}

const ENV_KEYS: [&str; 9] = [
    "APPDATA",
    "LOCALAPPDATA",
    "OneDrive",
    "OneDriveConsumer",
    "OneDriveCommercial",
    "XDG_CONFIG_HOME",
    "USER",
    "USERNAME",
    "SystemDrive",
];

impl System {
    /// The running system.
    pub fn current() -> System {
        let mut system = System::current_without_disks();
        let user = system
            .env
            .get("USER")
            .or_else(|| system.env.get("USERNAME"))
            .map(|u| u.to_string_lossy().into_owned());
        system.media_roots = match system.os {
            Os::Unix => {
                let mut roots = Vec::new();
                if let Some(user) = &user {
                    roots.push(Path::new("/media").join(user));
                    roots.push(Path::new("/run/media").join(user));
                }
                roots.push(PathBuf::from("/media"));
                roots
            }
            Os::MacOs => vec![PathBuf::from("/Volumes")],
            Os::Windows => Vec::new(),
        };
        system.disks = list_disks();
        system.drive_roots = windows_drive_roots(system.os, &system.disks);
        system
    }

    /// The running system without the mounted drives: enough for cloud folders. Elsewhere than
    /// on Windows it lists no disks at all, because asking every mount for its size can hang on
    /// an unreachable network mount.
    pub fn current_without_disks() -> System {
        let os = if cfg!(windows) {
            Os::Windows
        } else if cfg!(target_os = "macos") {
            Os::MacOs
        } else {
            Os::Unix
        };
        let env = ENV_KEYS
            .iter()
            .filter_map(|k| std::env::var_os(k).map(|v| ((*k).to_string(), v)))
            .collect();
        // Google Drive for desktop shows up as a drive letter, so the roots are needed here too.
        let drive_roots = if os == Os::Windows {
            windows_drive_roots(os, &list_disks())
        } else {
            Vec::new()
        };
        System {
            os,
            home: directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf()),
            env,
            media_roots: Vec::new(),
            drive_roots,
            disks: Vec::new(),
        }
    }

    fn env_path(&self, key: &str) -> Option<PathBuf> {
        self.env.get(key).filter(|v| !v.is_empty()).map(PathBuf::from)
    }
}

/// The disks the operating system lists. On Windows these are only local and removable drives
/// (no network drives, which could make the listing hang while the network is down).
fn list_disks() -> Vec<MountedDisk> {
    sysinfo::Disks::new_with_refreshed_list()
        .list()
        .iter()
        .map(|d| MountedDisk {
            mount_point: d.mount_point().to_path_buf(),
            name: d.name().to_string_lossy().into_owned(),
            removable: d.is_removable(),
        })
        .collect()
}

fn windows_drive_roots(os: Os, disks: &[MountedDisk]) -> Vec<PathBuf> {
    if os == Os::Windows {
        disks.iter().map(|d| d.mount_point.clone()).collect()
    } else {
        Vec::new()
    }
}

/// Every candidate on this computer: cloud folders first, then drives.
pub fn candidates() -> Vec<Candidate> {
    candidates_in(&System::current())
}

/// The cloud-drive folders on this computer.
pub fn cloud_folders() -> Vec<Candidate> {
    cloud_folders_in(&System::current_without_disks())
}

/// Every candidate in `system`, cloud folders first, without duplicates.
pub fn candidates_in(system: &System) -> Vec<Candidate> {
    let mut all = cloud_folders_in(system);
    let cloud_roots: Vec<PathBuf> = all.iter().map(|c| c.path.clone()).collect();
    for drive in drives_in(system) {
        // A Google Drive letter or volume is already listed as Google Drive.
        if !cloud_roots.iter().any(|c| c.starts_with(&drive.path)) {
            all.push(drive);
        }
    }
    dedup(all)
}

/// The cloud-drive folders in `system`.
pub fn cloud_folders_in(system: &System) -> Vec<Candidate> {
    let mut found = Vec::new();
    found.extend(onedrive(system));
    found.extend(google_drive(system));
    found.extend(dropbox(system));
    dedup(found.into_iter().filter(|c| c.path.is_dir()).collect())
}

fn dedup(list: Vec<Candidate>) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    for c in list {
        if !out.iter().any(|o| same_path(&o.path, &c.path)) {
            out.push(c);
        }
    }
    out
}

fn same_path(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

fn candidate(kind: CandidateKind, label: impl Into<String>, path: PathBuf) -> Candidate {
    Candidate {
        kind,
        label: label.into(),
        path,
    }
}

/// OneDrive: the client's own environment variables on Windows, its `~/Library/CloudStorage`
/// folders on macOS, the `sync_dir` of the Linux `onedrive` client, and the default folders
/// (`~/OneDrive`, `~/OneDrive - Company`).
fn onedrive(system: &System) -> Vec<Candidate> {
    let mut found = Vec::new();
    for (key, label) in [
        ("OneDrive", "OneDrive"),
        ("OneDriveConsumer", "OneDrive"),
        ("OneDriveCommercial", "OneDrive (work or school)"),
    ] {
        if let Some(path) = system.env_path(key) {
            found.push(candidate(CandidateKind::OneDrive, label, path));
        }
    }
    let Some(home) = &system.home else {
        return found;
    };
    for (name, path) in sub_dirs(&home.join("Library").join("CloudStorage")) {
        if let Some(rest) = name.strip_prefix("OneDrive-") {
            let label = if rest == "Personal" {
                "OneDrive".to_string()
            } else {
                format!("OneDrive ({rest})")
            };
            found.push(candidate(CandidateKind::OneDrive, label, path));
        }
    }
    let config_home = system
        .env_path("XDG_CONFIG_HOME")
        .unwrap_or_else(|| home.join(".config"));
    if let Ok(text) = fs::read_to_string(config_home.join("onedrive").join("config")) {
        let sync_dir = text
            .lines()
            .filter_map(|l| l.trim().strip_prefix("sync_dir"))
            .filter_map(|rest| rest.trim_start().strip_prefix('='))
            .map(|v| v.trim().trim_matches('"').to_string())
            .next_back()
            .unwrap_or_else(|| "~/OneDrive".to_string());
        found.push(candidate(
            CandidateKind::OneDrive,
            "OneDrive",
            expand_home(&sync_dir, home),
        ));
    }
    for (name, path) in sub_dirs(home) {
        if name == "OneDrive" {
            found.push(candidate(CandidateKind::OneDrive, "OneDrive", path));
        } else if let Some(org) = name.strip_prefix("OneDrive - ") {
            found.push(candidate(CandidateKind::OneDrive, format!("OneDrive ({org})"), path));
        }
    }
    found
}

/// Google Drive for desktop: a drive letter holding `My Drive` on Windows (normally `G:`), the
/// `~/Library/CloudStorage/GoogleDrive-<account>` folders on macOS (and the older
/// `/Volumes/GoogleDrive`).
fn google_drive(system: &System) -> Vec<Candidate> {
    let mut found = Vec::new();
    for root in &system.drive_roots {
        if let Some(my_drive) = my_drive_in(root) {
            let letter = root.to_string_lossy().trim_end_matches(['\\', '/']).to_string();
            found.push(candidate(
                CandidateKind::GoogleDrive,
                format!("Google Drive ({letter})"),
                my_drive,
            ));
        }
    }
    if let Some(home) = &system.home {
        for (name, path) in sub_dirs(&home.join("Library").join("CloudStorage")) {
            if let Some(account) = name.strip_prefix("GoogleDrive-") {
                let folder = my_drive_in(&path).unwrap_or(path);
                found.push(candidate(
                    CandidateKind::GoogleDrive,
                    format!("Google Drive ({account})"),
                    folder,
                ));
            }
        }
    }
    if system.os == Os::MacOs {
        for root in &system.media_roots {
            for (name, path) in sub_dirs(root) {
                if name.starts_with("GoogleDrive")
                    && let Some(my_drive) = my_drive_in(&path)
                {
                    found.push(candidate(CandidateKind::GoogleDrive, "Google Drive", my_drive));
                }
            }
        }
    }
    found
}

/// The personal folder inside a Google Drive mount: `My Drive`, or its translation (the mount
/// holds it beside `Shared drives`, `Other computers` and hidden folders), recognised by the
/// `.shortcut-targets-by-id` folder Google Drive keeps at the top.
fn my_drive_in(root: &Path) -> Option<PathBuf> {
    let my_drive = root.join("My Drive");
    if my_drive.is_dir() {
        return Some(my_drive);
    }
    if !root.join(".shortcut-targets-by-id").is_dir() {
        return None;
    }
    sub_dirs(root)
        .into_iter()
        .find(|(name, _)| !name.starts_with('.') && name != "Shared drives" && name != "Other computers")
        .map(|(_, path)| path)
}

/// Dropbox: the `info.json` the client writes (in `%APPDATA%\Dropbox`, `%LOCALAPPDATA%\Dropbox`
/// or `~/.dropbox`), which names the personal and business folders; else `~/Dropbox`.
fn dropbox(system: &System) -> Vec<Candidate> {
    let mut places = Vec::new();
    for key in ["APPDATA", "LOCALAPPDATA"] {
        if let Some(dir) = system.env_path(key) {
            places.push(dir.join("Dropbox").join("info.json"));
        }
    }
    if let Some(home) = &system.home {
        places.push(home.join(".dropbox").join("info.json"));
    }
    let mut found = Vec::new();
    for info in places {
        let Ok(text) = fs::read_to_string(&info) else {
            continue;
        };
        let Ok(serde_json::Value::Object(accounts)) = serde_json::from_str::<serde_json::Value>(&text) else {
            tracing::debug!("{} is not the JSON Dropbox writes; ignored", info.display());
            continue;
        };
        for (account, details) in accounts {
            if let Some(path) = details.get("path").and_then(serde_json::Value::as_str) {
                let label = if account == "personal" {
                    "Dropbox".to_string()
                } else {
                    format!("Dropbox ({account})")
                };
                found.push(candidate(CandidateKind::Dropbox, label, PathBuf::from(path)));
            }
        }
    }
    if found.is_empty()
        && let Some(home) = &system.home
    {
        found.push(candidate(CandidateKind::Dropbox, "Dropbox", home.join("Dropbox")));
    }
    found
}

/// Plugged-in drives: the mount points under the media folders (Linux, macOS), and the disks
/// the operating system lists as removable, or on Windows every drive but the system drive.
fn drives_in(system: &System) -> Vec<Candidate> {
    let mut found = Vec::new();
    let root_device = crate::fsutil::device_of(Path::new("/"));
    for root in &system.media_roots {
        for (name, path) in sub_dirs(root) {
            let device = crate::fsutil::device_of(&path);
            // A folder left behind by an unplugged drive is on the parent's disk, and macOS
            // lists the start-up disk in /Volumes too: neither is another drive.
            if device.is_none() || device == crate::fsutil::device_of(root) || device == root_device {
                continue;
            }
            found.push(candidate(CandidateKind::RemovableDrive, name, path));
        }
    }
    let system_drive = system
        .env
        .get("SystemDrive")
        .map(|d| d.to_string_lossy().trim_end_matches(['\\', '/']).to_uppercase());
    for disk in &system.disks {
        let mount = &disk.mount_point;
        let mount_text = mount.to_string_lossy().trim_end_matches(['\\', '/']).to_uppercase();
        if mount.parent().is_none() || mount_text.is_empty() {
            continue; // the root file system
        }
        let label_for = |what: &str| {
            if disk.name.is_empty() {
                format!("{what} ({})", mount.display())
            } else {
                format!("{} ({})", disk.name, mount.display())
            }
        };
        if system.os == Os::Windows {
            if system_drive.as_deref() == Some(mount_text.as_str()) {
                continue;
            }
            let kind = if disk.removable {
                CandidateKind::RemovableDrive
            } else {
                CandidateKind::OtherDrive
            };
            let what = if disk.removable { "Removable drive" } else { "Drive" };
            found.push(candidate(kind, label_for(what), mount.clone()));
        } else if disk.removable {
            let name = mount
                .file_name()
                .map_or_else(|| mount.display().to_string(), |n| n.to_string_lossy().into_owned());
            found.push(candidate(CandidateKind::RemovableDrive, name, mount.clone()));
        }
    }
    found
}

/// Sub-folders of `dir` (name and path), sorted by name; nothing when it cannot be read.
fn sub_dirs(dir: &Path) -> Vec<(String, PathBuf)> {
    let Ok(read) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<(String, PathBuf)> = read
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .collect();
    out.sort();
    out
}

fn expand_home(path: &str, home: &Path) -> PathBuf {
    match path.strip_prefix("~/").or_else(|| path.strip_prefix("~\\")) {
        Some(rest) => home.join(rest),
        None if path == "~" => home.to_path_buf(),
        None => PathBuf::from(path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn staged(os: Os) -> (tempfile::TempDir, System) {
        let dir = tempfile::tempdir().expect("tempdir");
        let home = dir.path().join("home");
        fs::create_dir_all(&home).expect("home");
        let system = System {
            os,
            home: Some(home),
            env: BTreeMap::new(),
            media_roots: Vec::new(),
            drive_roots: Vec::new(),
            disks: Vec::new(),
        };
        (dir, system)
    }

    fn mkdir(p: &Path) -> PathBuf {
        fs::create_dir_all(p).expect("mkdir");
        p.to_path_buf()
    }

    fn kinds_and_labels(list: &[Candidate]) -> Vec<(CandidateKind, String)> {
        list.iter().map(|c| (c.kind, c.label.clone())).collect()
    }

    #[test]
    fn dropbox_folders_come_from_info_json() {
        let (dir, mut system) = staged(Os::Windows);
        let personal = mkdir(&dir.path().join("D").join("Dropbox"));
        let business = mkdir(&dir.path().join("D").join("Dropbox (Acme)"));
        let appdata = mkdir(&dir.path().join("AppData").join("Local"));
        mkdir(&appdata.join("Dropbox"));
        fs::write(
            appdata.join("Dropbox").join("info.json"),
            serde_json::json!({
                "personal": {"path": personal, "host": 1, "is_team": false},
                "business": {"path": business, "host": 2, "is_team": true},
            })
            .to_string(),
        )
        .expect("write info.json");
        system.env.insert("LOCALAPPDATA".into(), appdata.into_os_string());
        let found = cloud_folders_in(&system);
        assert_eq!(
            kinds_and_labels(&found),
            [
                (CandidateKind::Dropbox, "Dropbox (business)".to_string()),
                (CandidateKind::Dropbox, "Dropbox".to_string())
            ]
        );
        assert_eq!(found[1].path, personal);
    }

    #[test]
    fn onedrive_from_environment_and_default_folders() {
        let (dir, mut system) = staged(Os::Windows);
        let home = system.home.clone().expect("home");
        let personal = mkdir(&home.join("OneDrive"));
        let work = mkdir(&home.join("OneDrive - Contoso"));
        system.env.insert("OneDrive".into(), personal.clone().into_os_string());
        system
            .env
            .insert("OneDriveCommercial".into(), work.clone().into_os_string());
        // A variable pointing at a folder that is not there is not offered.
        system
            .env
            .insert("OneDriveConsumer".into(), dir.path().join("gone").into_os_string());
        let found = cloud_folders_in(&system);
        assert_eq!(
            kinds_and_labels(&found),
            [
                (CandidateKind::OneDrive, "OneDrive".to_string()),
                (CandidateKind::OneDrive, "OneDrive (work or school)".to_string())
            ]
        );
    }

    #[test]
    fn macos_cloud_storage_folders() {
        let (_dir, system) = staged(Os::MacOs);
        let cloud = system.home.clone().expect("home").join("Library").join("CloudStorage");
        mkdir(&cloud.join("OneDrive-Personal"));
        let my_drive = mkdir(&cloud.join("GoogleDrive-anna@example.com").join("My Drive"));
        mkdir(&cloud.join("GoogleDrive-anna@example.com").join("Shared drives"));
        let found = cloud_folders_in(&system);
        assert_eq!(
            kinds_and_labels(&found),
            [
                (CandidateKind::OneDrive, "OneDrive".to_string()),
                (
                    CandidateKind::GoogleDrive,
                    "Google Drive (anna@example.com)".to_string()
                )
            ]
        );
        assert_eq!(found[1].path, my_drive);
    }

    #[test]
    fn google_drive_letter_with_a_translated_my_drive() {
        let (dir, mut system) = staged(Os::Windows);
        let g = mkdir(&dir.path().join("G"));
        mkdir(&g.join(".shortcut-targets-by-id"));
        mkdir(&g.join("Other computers"));
        let mine = mkdir(&g.join("Mój dysk"));
        system.drive_roots.push(g);
        let found = candidates_in(&system);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].kind, CandidateKind::GoogleDrive);
        assert_eq!(found[0].path, mine);
    }

    #[test]
    fn linux_onedrive_client_sync_dir() {
        let (_dir, system) = staged(Os::Unix);
        let home = system.home.clone().expect("home");
        let synced = mkdir(&home.join("Cloud").join("OD"));
        mkdir(&home.join(".config").join("onedrive"));
        fs::write(
            home.join(".config").join("onedrive").join("config"),
            "# comment\nsync_dir = \"~/Cloud/OD\"\n",
        )
        .expect("write config");
        let found = cloud_folders_in(&system);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].path, synced);
    }

    #[test]
    fn windows_drives_skip_the_system_drive_and_mark_removable_ones() {
        let (_dir, mut system) = staged(Os::Windows);
        system.env.insert("SystemDrive".into(), "C:".into());
        for (mount, name, removable) in [
            ("C:\\", "Windows", false),
            ("D:\\", "Data", false),
            ("E:\\", "USB", true),
        ] {
            system.disks.push(MountedDisk {
                mount_point: PathBuf::from(mount),
                name: name.into(),
                removable,
            });
        }
        let found = drives_in(&system);
        assert_eq!(
            kinds_and_labels(&found),
            [
                (CandidateKind::OtherDrive, "Data (D:\\)".to_string()),
                (CandidateKind::RemovableDrive, "USB (E:\\)".to_string())
            ]
        );
    }

    #[test]
    fn linux_removable_disks_are_offered_and_the_root_is_not() {
        let (_dir, mut system) = staged(Os::Unix);
        for (mount, removable) in [("/", true), ("/home", false), ("/mnt/stick", true)] {
            system.disks.push(MountedDisk {
                mount_point: PathBuf::from(mount),
                name: "/dev/sdb1".into(),
                removable,
            });
        }
        let found = drives_in(&system);
        assert_eq!(
            kinds_and_labels(&found),
            [(CandidateKind::RemovableDrive, "stick".to_string())]
        );
    }

    #[test]
    fn a_folder_left_in_media_by_an_unplugged_drive_is_not_a_drive() {
        let (dir, mut system) = staged(Os::Unix);
        let media = mkdir(&dir.path().join("media").join("anna"));
        mkdir(&media.join("OLD-USB"));
        system.media_roots.push(media);
        assert!(drives_in(&system).is_empty());
    }
}
