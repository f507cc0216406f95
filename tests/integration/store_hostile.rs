//! One test per way a damaged or hostile backup folder used to make Sheetsafe lose or touch data
//! (issue 10): each builds the case with the real binary and a hand-edited catalog, runs the
//! command that went wrong, and checks what is on disk.

use std::path::{Path, PathBuf};

use crate::util::{Workspace, assert_sha256sum_passes, sha256_hex, write_workbook};

const PROFILE: &str = "Shop";

/// Profile `Shop` backing up `data/Sales.xlsx` with `keep_last` (and no day/week/month rules).
fn profile(ws: &Workspace, keep_last: u32) -> PathBuf {
    let wb = ws.data("Sales.xlsx");
    write_workbook(&wb, 1, 0);
    let last = keep_last.to_string();
    let keep = [
        "--keep-last",
        last.as_str(),
        "--keep-daily",
        "0",
        "--keep-weekly",
        "0",
        "--keep-monthly",
        "0",
    ];
    ws.add_profile(PROFILE, &[&wb], &keep).ok();
    wb
}

/// Makes `n` versions with workbook seeds `first..first + n`.
fn versions(ws: &Workspace, wb: &Path, first: u64, n: u64) {
    for seed in first..first + n {
        write_workbook(wb, seed, 0);
        ws.run(["backup"]).ok();
    }
}

/// Reads the catalog as plain TOML, lets `edit` change its entries, and writes it back (the
/// test writes what Sheetsafe itself never would).
fn edit_catalog(dir: &Path, edit: impl FnOnce(&mut Vec<toml::Table>)) {
    let path = dir.join("catalog.toml");
    let mut doc: toml::Table = toml::from_str(&std::fs::read_to_string(&path).expect("read catalog")).expect("toml");
    let mut entries: Vec<toml::Table> = doc
        .remove("version")
        .and_then(|v| v.as_array().cloned())
        .unwrap_or_default()
        .into_iter()
        .filter_map(|v| v.as_table().cloned())
        .collect();
    edit(&mut entries);
    doc.insert(
        "version".into(),
        toml::Value::Array(entries.into_iter().map(toml::Value::Table).collect()),
    );
    std::fs::write(&path, toml::to_string(&doc).expect("serialise")).expect("write catalog");
}

fn str_of<'a>(entry: &'a toml::Table, key: &str) -> &'a str {
    entry.get(key).and_then(toml::Value::as_str).expect("string key")
}

fn set(entry: &mut toml::Table, key: &str, value: impl Into<toml::Value>) {
    entry.insert(key.into(), value.into());
}

fn listed_files(dir: &Path) -> Vec<String> {
    let doc: toml::Table =
        toml::from_str(&std::fs::read_to_string(dir.join("catalog.toml")).expect("read")).expect("toml");
    doc.get("version")
        .and_then(toml::Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.get("file").and_then(toml::Value::as_str).map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn keep_rules_never_delete_through_a_traversal_entry() {
    let ws = Workspace::new();
    let wb = profile(&ws, 1);
    versions(&ws, &wb, 1, 1);
    let store = ws.store(PROFILE);
    let outside = ws.path("outside.xlsx");
    write_workbook(&outside, 5, 0);
    let outside_hash = sha256_hex(&outside);
    edit_catalog(&store, |entries| {
        let mut traversal = entries[0].clone();
        set(&mut traversal, "file", "../../data/Sales.xlsx");
        set(&mut traversal, "created", "2020-01-01T00:00:00+00:00");
        set(&mut traversal, "sequence", 0);
        let mut absolute = traversal.clone();
        set(&mut absolute, "file", outside.display().to_string());
        let mut catalog = traversal.clone();
        set(&mut catalog, "file", "catalog.toml");
        entries.insert(0, traversal);
        entries.insert(0, absolute);
        entries.insert(0, catalog);
    });
    write_workbook(&wb, 2, 0);
    let workbook_hash = sha256_hex(&wb);
    ws.run(["backup"]).ok();
    write_workbook(&wb, 3, 0);
    let workbook_hash_3 = sha256_hex(&wb);
    ws.run(["backup"]).ok();
    assert!(wb.is_file(), "the live workbook was deleted");
    assert_ne!(workbook_hash, workbook_hash_3);
    assert_eq!(sha256_hex(&wb), workbook_hash_3);
    assert_eq!(
        sha256_hex(&outside),
        outside_hash,
        "a file outside the folder was touched"
    );
    assert!(store.join("catalog.toml").is_file());
    let verify = ws.run(["verify"]);
    verify.expect_code(1);
    assert!(
        verify.stdout().contains("is not a version file name"),
        "{}",
        verify.stdout()
    );
}

/// A destination with the same versions as the main folder, made by `sheetsafe copy`.
fn add_destination(ws: &Workspace, folder: &Path, keep_last: u32) {
    std::fs::create_dir_all(folder).expect("mkdir dest");
    let last = keep_last.to_string();
    ws.run([
        "profile",
        "dest",
        "add",
        PROFILE,
        "--dest-name",
        "usb",
        "--folder",
        &folder.display().to_string(),
        "--daily",
        "18:00",
        "--keep-last",
        &last,
        "--keep-daily",
        "0",
        "--keep-weekly",
        "0",
        "--keep-monthly",
        "0",
    ])
    .ok();
}

#[test]
fn repair_never_writes_outside_the_folder() {
    let ws = Workspace::new();
    let wb = profile(&ws, 0);
    versions(&ws, &wb, 1, 2);
    add_destination(&ws, &ws.path("dest"), 0);
    ws.run(["copy", PROFILE]).ok();
    let victim = ws.path("victim.txt");
    std::fs::write(&victim, b"not a backup").expect("write victim");
    // An entry that claims the bytes of a real version, under a name leading to the victim:
    // "mending" it from the intact copy would overwrite the victim.
    edit_catalog(&ws.store(PROFILE), |entries| {
        let mut bad = entries[0].clone();
        set(&mut bad, "file", "../../victim.txt");
        entries.push(bad);
    });
    ws.run(["verify", "--repair"]).expect_code(1);
    assert_eq!(std::fs::read(&victim).expect("read victim"), b"not a backup");
}

#[test]
fn copy_never_deletes_through_a_destination_entry() {
    let ws = Workspace::new();
    let wb = profile(&ws, 0);
    versions(&ws, &wb, 1, 1);
    add_destination(&ws, &ws.path("dest"), 1);
    ws.run(["copy", PROFILE]).ok();
    let dest_store = ws.path("dest").join(PROFILE);
    edit_catalog(&dest_store, |entries| {
        let mut bad = entries[0].clone();
        set(&mut bad, "file", wb.display().to_string());
        set(&mut bad, "created", "2020-01-01T00:00:00+00:00");
        set(&mut bad, "sha256", "0".repeat(64));
        entries.insert(0, bad);
    });
    versions(&ws, &wb, 2, 1);
    let before = sha256_hex(&wb);
    ws.run(["copy", PROFILE]);
    assert!(
        wb.is_file(),
        "copy deleted the live workbook through the destination's catalog"
    );
    assert_eq!(sha256_hex(&wb), before);
}

#[cfg(unix)]
#[test]
fn verify_and_restore_never_read_through_a_link() {
    let ws = Workspace::new();
    let wb = profile(&ws, 0);
    versions(&ws, &wb, 1, 1);
    let store = ws.store(PROFILE);
    let file = listed_files(&store).remove(0);
    // The outside file holds the very same bytes, so following the link would look fine.
    let outside = ws.path("elsewhere.xlsx");
    std::fs::rename(store.join(&file), &outside).expect("move away");
    std::os::unix::fs::symlink(&outside, store.join(&file)).expect("symlink");
    let verify = ws.run(["verify", "--full"]);
    verify.expect_code(1);
    assert!(verify.stdout().contains("symbolic link"), "{}", verify.stdout());
    let target = ws.path("restored.xlsx");
    ws.run(["restore", PROFILE, "--to", &target.display().to_string()])
        .expect_code(2);
    assert!(!target.exists(), "restore read through the link");
}

#[test]
fn a_missing_newest_version_is_not_unchanged() {
    let ws = Workspace::new();
    let wb = profile(&ws, 0);
    versions(&ws, &wb, 1, 2);
    let store = ws.store(PROFILE);
    let newest = listed_files(&store).pop().expect("a version");
    std::fs::remove_file(store.join(&newest)).expect("delete newest");
    // Same workbook, same size and time as the newest version: only the disk says it is gone.
    let run = ws.run(["backup"]);
    run.ok();
    assert!(run.stdout().contains("saved"), "{}", run.stdout());
    assert!(run.stderr().contains("was missing"), "{}", run.stderr());
    let files = listed_files(&store);
    let made = files.last().expect("new version");
    assert_eq!(sha256_hex(&store.join(made)), sha256_hex(&wb));
}

#[test]
fn restore_replace_never_rests_its_safety_copy_on_a_missing_version() {
    let ws = Workspace::new();
    let wb = profile(&ws, 0);
    versions(&ws, &wb, 1, 2);
    let store = ws.store(PROFILE);
    let files = listed_files(&store);
    // Today's work is only in the workbook and in the newest version, which has gone missing.
    std::fs::remove_file(store.join(&files[1])).expect("delete newest");
    let todays = sha256_hex(&wb);
    ws.run(["restore", PROFILE, "--version", &files[0], "--replace"]).ok();
    let kept = listed_files(&store)
        .into_iter()
        .filter(|f| store.join(f).is_file())
        .any(|f| sha256_hex(&store.join(f)) == todays);
    assert!(kept, "the replaced workbook's content exists nowhere");
}

#[test]
fn a_damaged_newest_version_is_not_unchanged() {
    let ws = Workspace::new();
    let wb = profile(&ws, 0);
    versions(&ws, &wb, 1, 1);
    let store = ws.store(PROFILE);
    let newest = listed_files(&store).pop().expect("a version");
    std::fs::write(store.join(&newest), b"short").expect("cut short");
    ws.run(["backup"]).ok();
    let files = listed_files(&store);
    assert_eq!(files.len(), 2, "a new version must be made");
    assert_eq!(sha256_hex(&store.join(&files[1])), sha256_hex(&wb));
}

/// Dates every listed version `days` days in the future: as if the clock was ahead when they
/// were made and has been set back since.
fn date_in_future(store: &Path, days: i64) {
    edit_catalog(store, |entries| {
        for e in entries.iter_mut() {
            let when = chrono::DateTime::parse_from_rfc3339(str_of(e, "created")).expect("created");
            set(e, "created", (when + chrono::Duration::days(days)).to_rfc3339());
        }
    });
}

#[test]
fn a_clock_set_back_never_retires_the_version_just_made() {
    let ws = Workspace::new();
    let wb = profile(&ws, 1);
    versions(&ws, &wb, 1, 1);
    let store = ws.store(PROFILE);
    date_in_future(&store, 1);
    write_workbook(&wb, 2, 0);
    let run = ws.run(["backup"]);
    run.ok();
    assert!(
        run.stderr().contains("clock"),
        "the clock problem is reported: {}",
        run.stderr()
    );
    let files = listed_files(&store);
    assert_eq!(files.len(), 1);
    assert_eq!(
        sha256_hex(&store.join(&files[0])),
        sha256_hex(&wb),
        "the newest content was retired"
    );
    // And the next backup of the same content is "unchanged", not another duplicate.
    let again = ws.run(["backup"]);
    assert!(again.stdout().contains("unchanged"), "{}", again.stdout());
}

#[test]
fn verify_reports_a_clock_that_was_set_back() {
    let ws = Workspace::new();
    let wb = profile(&ws, 0);
    versions(&ws, &wb, 1, 1);
    date_in_future(&ws.store(PROFILE), 1);
    versions(&ws, &wb, 2, 1);
    let verify = ws.run(["verify"]);
    verify.ok();
    assert!(verify.stdout().contains("clock was set back"), "{}", verify.stdout());
}

#[test]
fn the_engine_keeps_what_it_made_under_an_injected_clock_set_back() {
    use sheetsafe::engine::{BackupOutcome, BackupRequest, BackupWarning, ShiftedClock, SystemClock, Trigger};
    let ws = Workspace::new();
    let wb = profile(&ws, 1);
    let loaded = sheetsafe::config::Config::load(&ws.config()).expect("config");
    let profile = loaded.config.profile(PROFILE).expect("profile").clone();
    let request = BackupRequest {
        profile: &profile,
        workbook: &wb,
        trigger: Trigger::Manual,
        lock_wait: std::time::Duration::from_secs(10),
    };
    sheetsafe::engine::back_up_with_clock(&request, &SystemClock, &()).expect("first backup");
    for days in 1..=3u64 {
        write_workbook(&wb, 10 + days, 0);
        let clock = ShiftedClock(-chrono::Duration::days(i64::try_from(days).expect("small")));
        let outcome = sheetsafe::engine::back_up_with_clock(&request, &clock, &()).expect("backup");
        let BackupOutcome::Created { version, warnings, .. } = outcome else {
            panic!("the workbook changed, so a version must be made");
        };
        assert!(
            warnings.iter().any(|w| matches!(w, BackupWarning::ClockBehind { .. })),
            "{warnings:?}"
        );
        let catalog = sheetsafe::store::ProfileStore::new(&profile.backup_folder, PROFILE)
            .load_catalog()
            .expect("catalog");
        let kept: Vec<&str> = catalog.versions.iter().map(|v| v.file.as_str()).collect();
        assert_eq!(
            kept,
            [version.file.as_str()],
            "keep-last 1 must keep the version just made"
        );
        assert_eq!(
            sha256_hex(&ws.store(PROFILE).join(version.file.as_str())),
            sha256_hex(&wb)
        );
    }
}

#[test]
fn restore_picks_the_newest_by_order_not_by_a_future_date() {
    let ws = Workspace::new();
    let wb = profile(&ws, 0);
    versions(&ws, &wb, 1, 1);
    let store = ws.store(PROFILE);
    date_in_future(&store, 1);
    write_workbook(&wb, 2, 0);
    ws.run(["backup"]).ok();
    let target = ws.path("restored.xlsx");
    ws.run(["restore", PROFILE, "--to", &target.display().to_string()]).ok();
    assert_eq!(sha256_hex(&target), sha256_hex(&wb));
}

#[test]
fn adoption_keeps_the_order_of_names_within_one_second() {
    let ws = Workspace::new();
    let wb = profile(&ws, 0);
    let store = ws.store(PROFILE);
    std::fs::create_dir_all(&store).expect("mkdir");
    // Names as an older Sheetsafe wrote them: `_2` … `_14`, which do not sort by time.
    for n in 1..=14u64 {
        let suffix = if n == 1 { String::new() } else { format!("_{n}") };
        write_workbook(&store.join(format!("Sales__2026-11-21_100000{suffix}.xlsx")), n, 0);
    }
    ws.run(["verify", "--adopt"]).ok();
    let target = ws.path("restored.xlsx");
    ws.run(["restore", PROFILE, "--to", &target.display().to_string()]).ok();
    assert_eq!(
        sha256_hex(&target),
        sha256_hex(&store.join("Sales__2026-11-21_100000_14.xlsx")),
        "the newest is the last of the second"
    );
    let _ = wb;
}

#[test]
fn duplicate_entries_never_lose_a_file_a_kept_entry_lists() {
    let ws = Workspace::new();
    let wb = profile(&ws, 2);
    versions(&ws, &wb, 1, 2);
    let store = ws.store(PROFILE);
    let first = listed_files(&store).remove(0);
    // A sync client merged two catalogs: the oldest file is listed again as the newest entry.
    edit_catalog(&store, |entries| {
        let mut again = entries[0].clone();
        set(&mut again, "sequence", 3);
        set(&mut again, "created", chrono::Local::now().fixed_offset().to_rfc3339());
        entries.push(again);
    });
    let verify = ws.run(["verify"]);
    assert!(verify.stdout().contains("2 times"), "{}", verify.stdout());
    versions(&ws, &wb, 3, 1);
    assert!(listed_files(&store).contains(&first), "the kept entry is still listed");
    assert!(store.join(&first).is_file(), "a file a kept entry lists was deleted");
}

#[test]
fn a_deleted_or_emptied_catalog_is_a_problem_not_all_good() {
    for emptied in [false, true] {
        let ws = Workspace::new();
        let wb = profile(&ws, 0);
        versions(&ws, &wb, 1, 2);
        let catalog = ws.store(PROFILE).join("catalog.toml");
        if emptied {
            std::fs::write(&catalog, b"").expect("empty");
        } else {
            std::fs::remove_file(&catalog).expect("delete");
        }
        let verify = ws.run(["verify", "--full"]);
        verify.expect_code(1);
        assert!(!verify.stdout().contains("All good"), "{}", verify.stdout());
        assert!(verify.stdout().contains("missing or empty"), "{}", verify.stdout());
        ws.run(["verify", "--adopt"]).ok();
        ws.run(["verify", "--full"]).ok();
    }
}

#[test]
fn a_newer_format_is_refused_with_one_sentence() {
    let ws = Workspace::new();
    let wb = profile(&ws, 0);
    versions(&ws, &wb, 1, 1);
    let catalog = ws.store(PROFILE).join("catalog.toml");
    let text = std::fs::read_to_string(&catalog)
        .expect("read")
        .replace("format = 1", "format = 99");
    std::fs::write(&catalog, &text).expect("write");
    write_workbook(&wb, 2, 0);
    for args in [vec!["backup"], vec!["verify"], vec!["versions", PROFILE]] {
        let run = ws.run(&args);
        run.expect_code(2);
        let err = run.stderr();
        assert!(
            err.contains("newer Sheetsafe") && err.contains("Update Sheetsafe"),
            "{err}"
        );
        assert!(err.contains("catalog.toml"), "{err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
    }
    assert_eq!(std::fs::read_to_string(&catalog).expect("read"), text, "left untouched");
}

#[test]
fn an_unknown_trigger_does_not_block_backups() {
    let ws = Workspace::new();
    let wb = profile(&ws, 0);
    versions(&ws, &wb, 1, 1);
    edit_catalog(&ws.store(PROFILE), |entries| {
        set(&mut entries[0], "trigger", "calendar");
    });
    versions(&ws, &wb, 2, 1);
    assert_eq!(listed_files(&ws.store(PROFILE)).len(), 2);
    let list = ws.run(["versions", PROFILE]);
    list.ok();
    assert!(list.stdout().contains("unknown"), "{}", list.stdout());
    ws.run(["verify", "--full"]).ok();
}

#[test]
fn a_deleted_sums_file_is_rewritten() {
    let ws = Workspace::new();
    let wb = profile(&ws, 0);
    versions(&ws, &wb, 1, 1);
    let store = ws.store(PROFILE);
    std::fs::remove_file(store.join("SHA256SUMS")).expect("delete sums");
    let run = ws.run(["backup"]);
    assert!(run.stdout().contains("unchanged"), "{}", run.stdout());
    assert_sha256sum_passes(&store);
    std::fs::remove_file(store.join("SHA256SUMS")).expect("delete sums");
    ws.run(["verify", "--repair"]).ok();
    assert_sha256sum_passes(&store);
}
