//! The jail: hostile backup folders, generated. Each case builds a sandbox (workbook, profile
//! folder, second-copy folder, and "outside" files and folders that nothing may touch), damages
//! the profile folder the way a crash, a sync client, a wrong clock or a malicious storage
//! administrator would (names that escape the folder, links, duplicates, truncated or missing
//! catalogs, unknown values, a newer format, dates in the future), runs every command of the
//! real `sheetsafe` binary against it, and checks two things: no file outside the profile
//! folders and the restore folder changed, and every listed version that was intact before is
//! still intact.
//!
//! A case may also set the clock back for its backups (the test-only
//! `SHEETSAFE_TEST_CLOCK_SHIFT_SECONDS`), on top of catalog entries dated in the future.
//!
//! `PROPTEST_CASES` sets the number of cases (default 32; each runs about a dozen processes).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

use crate::util::{Workspace, sha256_hex, write_workbook};

const PROFILE: &str = "Shop";
/// Versions in the seeded store, oldest first (sequence 1, 2, 3).
const SEEDED: [&str; 3] = [
    "Sales__2026-11-20_100000.xlsx",
    "Sales__2026-11-21_100000.xlsx",
    "Sales__2026-11-22_100000.xlsx",
];

/// Where a name planted in a catalog points.
#[derive(Debug, Clone, Copy)]
enum Target {
    /// The live workbook, `data/Sales.xlsx`.
    Workbook,
    /// `outside/victim.xlsx`.
    Victim,
    /// The folder `outside/dir`.
    VictimDir,
    /// A file in the backup folder next to the profile folder.
    Sibling,
}

/// A hostile `file` value.
#[derive(Debug, Clone)]
enum BadName {
    Traversal(Target),
    Absolute(Target),
    Backslash(Target),
    Reserved(&'static str),
    Device(String),
    Long(usize),
    Dots(&'static str),
    Control,
}

/// Which store a damage applies to.
#[derive(Debug, Clone, Copy)]
enum Place {
    Main,
    Dest,
}

/// One kind of damage.
#[derive(Debug, Clone)]
enum Damage {
    /// An entry whose file name escapes the folder; `lure` gives it the target's real hash and
    /// size (so it looks intact to anything that follows it).
    BadEntry {
        place: Place,
        name: BadName,
        lure: bool,
    },
    /// Listed version `index` replaced by a link to an outside file or folder.
    LinkAsVersion {
        place: Place,
        index: usize,
        target: Target,
    },
    /// A link with a version-pattern name that no entry lists (bait for adoption).
    LinkUnlisted {
        place: Place,
        target: Target,
    },
    /// `SHA256SUMS` or `copies.toml` replaced by a link to an outside file.
    LinkBookkeeping {
        place: Place,
        name: &'static str,
    },
    /// Entry `index` repeated (a sync client merged two catalogs).
    Duplicate {
        place: Place,
        index: usize,
        same_sequence: bool,
    },
    /// Entry `index` dated `days` days in the future (a clock that was ahead, then set back).
    FutureDated {
        index: usize,
        days: i64,
    },
    UnknownTrigger {
        index: usize,
    },
    UnknownKey,
    NoSequences,
    NewerFormat,
    TruncateCatalog {
        keep_percent: u8,
    },
    EmptyCatalog,
    DeleteCatalog,
    DeleteSums,
    DeleteVersion {
        index: usize,
    },
    CorruptVersion {
        index: usize,
    },
}

fn target() -> impl Strategy<Value = Target> {
    prop_oneof![
        Just(Target::Workbook),
        Just(Target::Victim),
        Just(Target::VictimDir),
        Just(Target::Sibling)
    ]
}

fn bad_name() -> impl Strategy<Value = BadName> {
    prop_oneof![
        target().prop_map(BadName::Traversal),
        target().prop_map(BadName::Absolute),
        target().prop_map(BadName::Backslash),
        prop::sample::select(vec![
            "catalog.toml",
            "SHA256SUMS",
            ".sheetsafe.lock",
            "copies.toml",
            "CATALOG.TOML"
        ])
        .prop_map(BadName::Reserved),
        (
            prop::sample::select(vec![
                "CON", "con", "PRN", "AUX", "NUL", "COM0", "COM1", "LPT9", "CONIN$", "CONOUT$"
            ]),
            prop::option::of(prop::sample::select(vec![".xlsx", ".txt", ""])),
        )
            .prop_map(|(d, ext)| BadName::Device(format!("{d}{}", ext.unwrap_or_default()))),
        (256usize..400).prop_map(BadName::Long),
        prop::sample::select(vec![".", "..", "", "a.", "a "]).prop_map(BadName::Dots),
        Just(BadName::Control),
    ]
}

fn place() -> impl Strategy<Value = Place> {
    prop_oneof![3 => Just(Place::Main), 1 => Just(Place::Dest)]
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        6 => (place(), bad_name(), any::<bool>()).prop_map(|(place, name, lure)| Damage::BadEntry { place, name, lure }),
        2 => (place(), 0..3usize, target()).prop_map(|(place, index, target)| Damage::LinkAsVersion { place, index, target }),
        1 => (place(), target()).prop_map(|(place, target)| Damage::LinkUnlisted { place, target }),
        1 => (place(), prop::sample::select(vec!["SHA256SUMS", "copies.toml"])).prop_map(|(place, name)| Damage::LinkBookkeeping { place, name }),
        2 => (place(), 0..3usize, any::<bool>()).prop_map(|(place, index, same_sequence)| Damage::Duplicate { place, index, same_sequence }),
        2 => (0..3usize, 1..400i64).prop_map(|(index, days)| Damage::FutureDated { index, days }),
        1 => (0..3usize).prop_map(|index| Damage::UnknownTrigger { index }),
        1 => Just(Damage::UnknownKey),
        1 => Just(Damage::NoSequences),
        1 => Just(Damage::NewerFormat),
        1 => (1..100u8).prop_map(|keep_percent| Damage::TruncateCatalog { keep_percent }),
        1 => Just(Damage::EmptyCatalog),
        1 => Just(Damage::DeleteCatalog),
        1 => Just(Damage::DeleteSums),
        1 => (0..3usize).prop_map(|index| Damage::DeleteVersion { index }),
        1 => (0..3usize).prop_map(|index| Damage::CorruptVersion { index }),
    ]
}

/// One catalog entry as the test writes it (so it can write what Sheetsafe never would).
#[derive(Debug, Clone)]
struct Entry {
    file: String,
    sequence: Option<u64>,
    sha256: String,
    bytes: u64,
    created: String,
    trigger: String,
    /// The workbook's path (its file name groups versions into workbooks).
    source: String,
    extra: Option<String>,
}

impl Entry {
    fn toml(&self) -> String {
        let mut out = format!("[[version]]\nfile = {}\n", toml_string(&self.file));
        if let Some(s) = self.sequence {
            let _ = writeln!(out, "sequence = {s}");
        }
        let _ = write!(
            out,
            "sha256 = \"{}\"\nbytes = {}\ncreated = \"{}\"\nsource = {}\ntrigger = \"{}\"\nhost = \"pc\"\nhealth = \"healthy\"\n",
            self.sha256,
            self.bytes,
            self.created,
            toml_string(&self.source),
            self.trigger
        );
        if let Some(extra) = &self.extra {
            out.push_str(extra);
            out.push('\n');
        }
        out
    }
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A sandbox with a profile (keep the last version only, so the keep rules delete), one
/// destination, and outside files.
struct Sandbox {
    ws: Workspace,
}

impl Sandbox {
    fn new() -> Sandbox {
        let ws = Workspace::new();
        for dir in ["outside/dir", "dest", "restored"] {
            std::fs::create_dir_all(ws.path(dir)).expect("mkdir");
        }
        let wb = ws.data("Sales.xlsx");
        write_workbook(&wb, 99, 0);
        write_workbook(&ws.path("outside/victim.xlsx"), 7, 0);
        std::fs::write(ws.path("outside/dir/inner.txt"), b"keep me").expect("write");
        std::fs::write(ws.backup().join("sibling.txt"), b"next to the profile folder").expect("write");
        let keep = [
            "--keep-last",
            "1",
            "--keep-daily",
            "0",
            "--keep-weekly",
            "0",
            "--keep-monthly",
            "0",
        ];
        ws.add_profile(PROFILE, &[&wb], &keep).ok();
        let mut args: Vec<String> = ["profile", "dest", "add", PROFILE, "--dest-name", "usb", "--folder"]
            .iter()
            .map(ToString::to_string)
            .collect();
        args.push(ws.path("dest").display().to_string());
        args.extend(["--daily".to_string(), "18:00".to_string()]);
        args.extend(keep.iter().map(ToString::to_string));
        ws.run(args).ok();
        Sandbox { ws }
    }

    fn store(&self, place: Place) -> PathBuf {
        match place {
            Place::Main => self.ws.store(PROFILE),
            Place::Dest => self.ws.path("dest").join(PROFILE),
        }
    }

    fn target(&self, target: Target) -> PathBuf {
        match target {
            Target::Workbook => self.ws.data("Sales.xlsx"),
            Target::Victim => self.ws.path("outside/victim.xlsx"),
            Target::VictimDir => self.ws.path("outside/dir"),
            Target::Sibling => self.ws.backup().join("sibling.txt"),
        }
    }

    /// The path of `target` relative to a profile folder (`backup/Shop` and `dest/Shop` are
    /// both two levels below the sandbox).
    fn relative(target: Target) -> String {
        match target {
            Target::Workbook => "../../data/Sales.xlsx".into(),
            Target::Victim => "../../outside/victim.xlsx".into(),
            Target::VictimDir => "../../outside/dir".into(),
            Target::Sibling => "../sibling.txt".into(),
        }
    }

    fn name(&self, name: &BadName) -> (String, Option<PathBuf>) {
        match name {
            BadName::Traversal(t) => (Self::relative(*t), Some(self.target(*t))),
            BadName::Absolute(t) => (self.target(*t).display().to_string(), Some(self.target(*t))),
            BadName::Backslash(t) => (Self::relative(*t).replace('/', "\\"), None),
            BadName::Reserved(n) | BadName::Dots(n) => ((*n).to_string(), None),
            BadName::Device(n) => (n.clone(), None),
            BadName::Long(n) => ("x".repeat(*n), None),
            BadName::Control => ("Sales__2026-11-23_100000\n.xlsx".to_string(), None),
        }
    }
}

/// Seeds a profile folder with three real versions of `workbook` and returns their entries.
fn seed(dir: &Path, workbook: &Path) -> Vec<Entry> {
    std::fs::create_dir_all(dir).expect("mkdir store");
    SEEDED
        .iter()
        .enumerate()
        .map(|(i, file)| {
            let path = dir.join(file);
            write_workbook(&path, i as u64 + 1, 0);
            Entry {
                file: (*file).to_string(),
                sequence: Some(i as u64 + 1),
                sha256: sha256_hex(&path),
                bytes: std::fs::metadata(&path).expect("meta").len(),
                created: format!("2026-11-{}T10:00:00+00:00", 20 + i),
                trigger: "close".into(),
                source: workbook.display().to_string(),
                extra: None,
            }
        })
        .collect()
}

fn write_catalog(dir: &Path, format: u32, entries: &[Entry]) {
    let mut text = format!("format = {format}\n\n");
    for e in entries {
        text.push_str(&e.toml());
        text.push('\n');
    }
    std::fs::write(dir.join("catalog.toml"), text).expect("write catalog");
    let mut sums = String::new();
    for e in entries.iter().filter(|e| !e.file.contains(['/', '\\', '\n'])) {
        let _ = writeln!(sums, "{}  {}", e.sha256, e.file);
    }
    std::fs::write(dir.join("SHA256SUMS"), sums).expect("write sums");
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) {
    let _ = std::fs::remove_file(link);
    std::os::unix::fs::symlink(target, link).expect("symlink");
}

/// Changes made after the catalogs are written (to the written files themselves).
type Deferred = Box<dyn Fn()>;

/// Applies the damages to freshly seeded stores.
// One arm per kind of damage reads best as one match.
#[allow(clippy::too_many_lines)]
fn apply(sandbox: &Sandbox, damages: &[Damage]) {
    let mut stores: BTreeMap<u8, (PathBuf, Vec<Entry>, u32)> = BTreeMap::new();
    for (key, place) in [(0u8, Place::Main), (1u8, Place::Dest)] {
        let dir = sandbox.store(place);
        let entries = seed(&dir, &sandbox.target(Target::Workbook));
        stores.insert(key, (dir, entries, 1));
    }
    let key = |p: Place| match p {
        Place::Main => 0u8,
        Place::Dest => 1u8,
    };
    let mut after_write: Vec<Deferred> = Vec::new();
    for d in damages {
        match d {
            Damage::BadEntry { place, name, lure } => {
                let (file, real) = sandbox.name(name);
                let entry = stores.get_mut(&key(*place)).expect("store");
                let mut bad = entry.1[0].clone();
                bad.file = file;
                bad.sequence = Some(10);
                if *lure && let Some(real) = real.filter(|r| r.is_file()) {
                    bad.sha256 = sha256_hex(&real);
                    bad.bytes = std::fs::metadata(&real).expect("meta").len();
                } else {
                    bad.sha256 = "0".repeat(64);
                }
                entry.1.push(bad);
            }
            Damage::LinkAsVersion { place, index, target } => {
                let (dir, entries, _) = &stores[&key(*place)];
                let link = dir.join(&entries[*index].file);
                symlink(&sandbox.target(*target), &link);
            }
            Damage::LinkUnlisted { place, target } => {
                let dir = &stores[&key(*place)].0;
                symlink(&sandbox.target(*target), &dir.join("Sales__2026-11-23_100000.xlsx"));
            }
            Damage::LinkBookkeeping { place, name } => {
                let dir = stores[&key(*place)].0.clone();
                let victim = sandbox.target(Target::Victim);
                let name = *name;
                after_write.push(Box::new(move || symlink(&victim, &dir.join(name))));
            }
            Damage::Duplicate {
                place,
                index,
                same_sequence,
            } => {
                let entry = stores.get_mut(&key(*place)).expect("store");
                let mut copy = entry.1[*index].clone();
                if !same_sequence {
                    copy.sequence = Some(20);
                }
                entry.1.push(copy);
            }
            Damage::FutureDated { index, days } => {
                let entry = stores.get_mut(&0).expect("main");
                let when = chrono::Local::now() + chrono::Duration::days(*days);
                entry.1[*index].created = when.fixed_offset().to_rfc3339();
            }
            Damage::UnknownTrigger { index } => {
                stores.get_mut(&0).expect("main").1[*index].trigger = "calendar-invite".into();
            }
            Damage::UnknownKey => {
                stores.get_mut(&0).expect("main").1[0].extra = Some("signed_by = \"someone\"".into());
            }
            Damage::NoSequences => {
                for e in &mut stores.get_mut(&0).expect("main").1 {
                    e.sequence = None;
                }
            }
            Damage::NewerFormat => stores.get_mut(&0).expect("main").2 = 99,
            Damage::TruncateCatalog { keep_percent } => {
                let dir = stores[&0].0.clone();
                let keep = *keep_percent;
                after_write.push(Box::new(move || {
                    // Another damage may have deleted it already.
                    if let Ok(text) = std::fs::read(dir.join("catalog.toml")) {
                        let cut = text.len() * usize::from(keep) / 100;
                        std::fs::write(dir.join("catalog.toml"), &text[..cut]).expect("truncate");
                    }
                }));
            }
            Damage::EmptyCatalog => {
                let dir = stores[&0].0.clone();
                after_write.push(Box::new(move || {
                    std::fs::write(dir.join("catalog.toml"), b"").expect("empty");
                }));
            }
            Damage::DeleteCatalog => {
                let dir = stores[&0].0.clone();
                after_write.push(Box::new(move || {
                    let _ = std::fs::remove_file(dir.join("catalog.toml"));
                }));
            }
            Damage::DeleteSums => {
                let dir = stores[&0].0.clone();
                after_write.push(Box::new(move || {
                    let _ = std::fs::remove_file(dir.join("SHA256SUMS"));
                }));
            }
            Damage::DeleteVersion { index } => {
                let (dir, entries, _) = &stores[&0];
                let _ = std::fs::remove_file(dir.join(&entries[*index].file));
            }
            Damage::CorruptVersion { index } => {
                let (dir, entries, _) = &stores[&0];
                let path = dir.join(&entries[*index].file);
                if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
                    let mut bytes = std::fs::read(&path).expect("read");
                    let mid = bytes.len() / 2;
                    bytes[mid] ^= 0x55;
                    std::fs::write(&path, bytes).expect("corrupt");
                }
            }
        }
    }
    for (dir, entries, format) in stores.values() {
        write_catalog(dir, *format, entries);
    }
    for f in &after_write {
        f();
    }
}

/// Every path under `root` except the folders commands may change, with what it is: a file's
/// SHA-256, a link's target, or a folder.
fn snapshot(root: &Path, allowed: &[PathBuf]) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(root).follow_links(false) {
        let entry = entry.expect("walk");
        let path = entry.path();
        if allowed.iter().any(|a| path.starts_with(a)) {
            continue;
        }
        let meta = std::fs::symlink_metadata(path).expect("meta");
        let what = if meta.file_type().is_symlink() {
            format!("link to {}", std::fs::read_link(path).expect("readlink").display())
        } else if meta.is_dir() {
            "folder".to_string()
        } else {
            format!("file {}", sha256_hex(path))
        };
        out.insert(path.to_path_buf(), what);
    }
    out
}

/// The listed versions whose files are plain and intact: `(folder, file, sha256)`.
fn intact_listed(dirs: &[PathBuf]) -> Vec<(PathBuf, String, String)> {
    let mut out = Vec::new();
    for dir in dirs {
        let Ok(catalog) = sheetsafe::store::ProfileStore::at(dir.clone()).load_catalog() else {
            continue;
        };
        for v in catalog.versions {
            let path = dir.join(v.file.as_str());
            if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) && sha256_hex(&path) == v.sha256 {
                out.push((dir.clone(), v.file.to_string(), v.sha256));
            }
        }
    }
    out
}

fn run_case(damages: &[Damage], clock_back_days: Option<i64>) -> Result<(), TestCaseError> {
    let sandbox = Sandbox::new();
    apply(&sandbox, damages);
    let ws = &sandbox.ws;
    let stores = [sandbox.store(Place::Main), sandbox.store(Place::Dest)];
    // Commands may change the two profile folders, write the restored file, and keep their
    // own logs; nothing else.
    let allowed = [
        stores[0].clone(),
        stores[1].clone(),
        ws.path("restored"),
        ws.path("appdata"),
    ];
    let before = snapshot(ws.root.path(), &allowed);
    let intact_before = intact_listed(&stores);

    let restored = ws.path("restored").display().to_string();
    let commands: Vec<Vec<String>> = vec![
        vec!["backup".into()],
        vec!["verify".into()],
        vec!["verify".into(), "--full".into()],
        vec!["verify".into(), "--repair".into()],
        vec!["versions".into(), PROFILE.into()],
        vec!["restore".into(), PROFILE.into(), "--to".into(), restored.clone()],
        vec![
            "restore".into(),
            PROFILE.into(),
            "--version".into(),
            "../../data/Sales.xlsx".into(),
            "--to".into(),
            format!("{restored}/by-name.xlsx"),
        ],
        vec!["copy".into(), PROFILE.into()],
        vec!["verify".into(), "--adopt".into()],
        vec!["backup".into()],
    ];
    let mut log = String::new();
    for args in &commands {
        let mut cmd = ws.cmd(args);
        if let Some(days) = clock_back_days
            && args[0] == "backup"
        {
            cmd.env("SHEETSAFE_TEST_CLOCK_SHIFT_SECONDS", (-days * 86_400).to_string());
        }
        let run = crate::util::Run(cmd.output().expect("run sheetsafe"));
        let _ = writeln!(
            log,
            "$ sheetsafe {}\n[exit {}]\n{}{}",
            args.join(" "),
            run.code(),
            run.stdout(),
            run.stderr()
        );
        prop_assert!(
            (0..=2).contains(&run.code()) && !run.stderr().contains("panicked"),
            "{damages:?} clock back {clock_back_days:?} days\n{log}"
        );
    }

    let after = snapshot(ws.root.path(), &allowed);
    prop_assert_eq!(
        &before,
        &after,
        "something outside the profile folders changed\n{:?}\n{}",
        damages,
        log
    );
    // No listed version that was intact went bad (it may have been retired by the keep rules).
    for (dir, file, sha) in intact_before {
        let path = dir.join(&file);
        if std::fs::symlink_metadata(&path).is_ok() {
            let still_listed = sheetsafe::store::ProfileStore::at(dir.clone())
                .load_catalog()
                .is_ok_and(|c| c.versions.iter().any(|v| v.file == file.as_str() && v.sha256 == sha));
            if still_listed {
                prop_assert!(
                    std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) && sha256_hex(&path) == sha,
                    "the intact version {} went bad\n{:?}\n{}",
                    path.display(),
                    damages,
                    log
                );
            }
        }
    }
    Ok(())
}

#[cfg(unix)]
#[test]
fn hostile_stores_never_touch_anything_outside_the_profile_folders() {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(32);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let strategy = (prop::collection::vec(damage(), 1..5), prop::option::of(1i64..400));
    let result = runner.run(&strategy, |(damages, clock_back_days)| {
        run_case(&damages, clock_back_days)
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}
