//! Helpers for the second-copy tests: a profile with several versions, destinations added
//! through the real CLI, the profile loaded for library calls, and local times for the clock.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Local, TimeZone};
use sheetsafe::config::Config;
use sheetsafe::store::{Catalog, ProfileStore};

use crate::util::{Run, Workspace, write_workbook};

/// Keep rules that keep every version (so tests count exactly what was copied).
pub const KEEP_ALL: [&str; 8] = [
    "--keep-last",
    "0",
    "--keep-daily",
    "0",
    "--keep-weekly",
    "0",
    "--keep-monthly",
    "0",
];

/// How long library calls in tests wait for a store lock.
pub const LOCK_WAIT: Duration = Duration::from_secs(10);

/// Profile `Sales` backing up `data/Sales.xlsx`, keeping everything, with `versions` backups of
/// workbooks with about `size` bytes of payload each. Returns the workbook's path.
pub fn profile_with_versions(ws: &Workspace, versions: u64, size: usize) -> PathBuf {
    let wb = ws.data("Sales.xlsx");
    write_workbook(&wb, 1, size);
    ws.add_profile("Sales", &[&wb], &KEEP_ALL).ok();
    for seed in 1..=versions {
        write_workbook(&wb, seed, size);
        ws.run(["backup"]).ok();
    }
    wb
}

/// Adds destination `name` of profile `Sales` at `folder` with `schedule` flags (e.g.
/// `["--daily", "18:00"]`), keeping everything.
pub fn add_dest(ws: &Workspace, name: &str, folder: &Path, schedule: &[&str]) -> Run {
    let mut args: Vec<String> = ["profile", "dest", "add", "Sales", "--dest-name", name, "--folder"]
        .iter()
        .map(ToString::to_string)
        .collect();
    args.push(folder.display().to_string());
    args.extend(schedule.iter().map(ToString::to_string));
    args.extend(KEEP_ALL.iter().map(ToString::to_string));
    ws.run(args)
}

/// The profile `name` as the configuration file holds it now.
pub fn load_profile(ws: &Workspace, name: &str) -> sheetsafe::Profile {
    let loaded = Config::load(&ws.config()).expect("load config");
    loaded.config.profile(name).expect("profile").clone()
}

/// A local time, for the injected clock.
pub fn at(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> DateTime<Local> {
    Local
        .with_ymd_and_hms(year, month, day, hour, minute, 0)
        .single()
        .expect("an unambiguous local time")
}

/// The catalog of the profile folder `dir`.
pub fn catalog(dir: &Path) -> Catalog {
    ProfileStore::at(dir.to_path_buf()).load_catalog().expect("catalog")
}

/// File names of the versions a profile folder's catalog lists, sorted.
pub fn listed(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = catalog(dir).versions.into_iter().map(|v| v.file.to_string()).collect();
    files.sort();
    files
}

/// Asserts `sheetsafe verify --full` passes (every place) and `sha256sum -c` passes in each
/// of `dirs`.
#[track_caller]
pub fn assert_consistent(ws: &Workspace, dirs: &[&Path]) {
    let verify = ws.run(["verify", "--full"]);
    assert_eq!(
        verify.code(),
        0,
        "verify --full\n--- stdout\n{}\n--- stderr\n{}",
        verify.stdout(),
        verify.stderr()
    );
    for dir in dirs {
        crate::util::assert_sha256sum_passes(dir);
    }
}
