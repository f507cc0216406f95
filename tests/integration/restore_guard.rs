//! `restore --replace` and what can go wrong around it: every lock-file convention the watcher
//! knows blocks it, partial copies of an interrupted restore are removed and reported by the
//! next one, restores into one folder take turns, and the safety copy is checked on disk.

use std::process::{Command, Stdio};

use crate::util::{Workspace, sha256_hex, write_workbook};

fn two_versions(ws: &Workspace) -> (std::path::PathBuf, String, String) {
    let wb = ws.data("Sales.xlsx");
    write_workbook(&wb, 1, 1000);
    let first = sha256_hex(&wb);
    ws.add_profile("Sales", &[&wb], &[]).ok();
    ws.run(["backup"]).ok();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    write_workbook(&wb, 2, 1000);
    let second = sha256_hex(&wb);
    ws.run(["backup"]).ok();
    (wb, first, second)
}

fn versions_json(ws: &Workspace) -> Vec<serde_json::Value> {
    serde_json::from_str::<serde_json::Value>(&ws.run(["versions", "Sales", "--json"]).ok().stdout())
        .expect("json")
        .as_array()
        .expect("array")
        .clone()
}

fn oldest_file(ws: &Workspace) -> String {
    versions_json(ws).last().expect("a version")["file"]
        .as_str()
        .expect("file")
        .to_string()
}

#[test]
fn replace_is_refused_while_a_wps_lock_file_exists_in_any_of_its_forms() {
    for lock in [".~Sales.xlsx", ".~ales.xlsx", ".~les.xlsx", "~$Sales.xlsx"] {
        let ws = Workspace::new();
        let (wb, _, second) = two_versions(&ws);
        std::fs::write(ws.data(lock), b"wps").expect("lock");
        let oldest = oldest_file(&ws);
        let run = ws.run(["restore", "Sales", "--version", &oldest, "--replace"]);
        run.expect_code(2);
        assert!(
            run.stderr().contains("is open in") && run.stderr().contains(lock),
            "{lock}: {}",
            run.stderr()
        );
        assert_eq!(sha256_hex(&wb), second, "{lock}: the workbook must be untouched");
    }
}

#[test]
fn partial_copies_of_a_killed_restore_are_removed_and_reported_by_the_next_one() {
    let ws = Workspace::new();
    let (wb, first, _) = two_versions(&ws);
    // What a restore killed mid-copy left before: a hidden partial copy next to the workbook.
    let leftover = ws.data(".sheetsafe-tmp-4242-0-SalesxlsxSales2026");
    std::fs::write(&leftover, vec![7u8; 50_000]).expect("leftover");
    let oldest = oldest_file(&ws);
    let run = ws.run(["restore", "Sales", "--version", &oldest, "--replace"]);
    run.ok();
    assert!(!leftover.exists(), "the partial copy must be removed");
    assert!(
        run.stdout().contains("Removed") && run.stdout().contains(".sheetsafe-tmp-4242-0"),
        "{}",
        run.stdout()
    );
    assert_eq!(sha256_hex(&wb), first);
    let stray: Vec<_> = std::fs::read_dir(ws.path("data"))
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".sheetsafe-tmp-"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}

#[test]
fn the_next_backup_also_removes_a_killed_restores_partial_copy() {
    let ws = Workspace::new();
    let (_, _, _) = two_versions(&ws);
    let leftover = ws.data(".sheetsafe-tmp-4242-7-restoreSales2026");
    std::fs::write(&leftover, vec![7u8; 50_000]).expect("leftover");
    let run = ws.run(["backup"]);
    run.ok();
    assert!(!leftover.exists(), "the partial copy must be removed");
    assert!(
        run.stdout().contains("Removed") && run.stdout().contains("interrupted restore"),
        "{}",
        run.stdout()
    );
}

#[test]
fn a_restore_waits_for_another_restore_into_the_same_folder() {
    let ws = Workspace::new();
    let (wb, _, second) = two_versions(&ws);
    let text = std::fs::read_to_string(ws.config()).expect("config");
    std::fs::write(
        ws.config(),
        text.replace("lock_wait_seconds = 600", "lock_wait_seconds = 1"),
    )
    .expect("config");
    // Another restore holds the folder's restore lock for a while.
    let lock = ws.data(".sheetsafe-restore.lock");
    let mut holder = Command::new("flock")
        .arg(&lock)
        .args(["sleep", "4"])
        .stdout(Stdio::null())
        .spawn()
        .expect("flock");
    assert!(
        crate::util::wait_until(std::time::Duration::from_secs(2), || lock.exists()),
        "the lock file appears"
    );
    std::thread::sleep(std::time::Duration::from_millis(200));
    let oldest = oldest_file(&ws);
    let run = ws.run(["restore", "Sales", "--version", &oldest, "--replace"]);
    holder.wait().expect("holder");
    run.expect_code(2);
    assert!(run.stderr().contains("Another restore into"), "{}", run.stderr());
    assert_eq!(
        sha256_hex(&wb),
        second,
        "the workbook is untouched while another restore runs"
    );
}

#[test]
fn two_restores_at_once_both_succeed_one_after_the_other() {
    let ws = Workspace::new();
    let (wb, first, second) = two_versions(&ws);
    write_workbook(&wb, 3, 2_000_000);
    let current = sha256_hex(&wb);
    let files: Vec<String> = versions_json(&ws)
        .iter()
        .map(|v| v["file"].as_str().expect("file").to_string())
        .collect();
    let children: Vec<_> = files
        .iter()
        .map(|f| {
            ws.cmd(["restore", "Sales", "--version", f, "--replace"])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().expect("wait");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let end = sha256_hex(&wb);
    assert!(
        end == first || end == second,
        "the workbook holds one of the restored versions"
    );
    // Taking turns, the second restore saved what the first had restored: every state the
    // workbook was in is kept somewhere.
    let kept: Vec<String> = versions_json(&ws)
        .iter()
        .map(|v| v["sha256"].as_str().expect("sha").to_string())
        .collect();
    assert!(kept.contains(&current), "the workbook before both restores is kept");
    let restored_first = if end == first { &second } else { &first };
    let safety: Vec<String> = versions_json(&ws)
        .iter()
        .filter(|v| v["trigger"] == "restore-safety")
        .map(|v| v["sha256"].as_str().expect("sha").to_string())
        .collect();
    assert!(
        safety.contains(restored_first),
        "the second restore must have seen the first one's result: {safety:?}"
    );
}

#[test]
fn a_damaged_newest_version_is_not_trusted_as_the_safety_copy() {
    let ws = Workspace::new();
    let (wb, first, second) = two_versions(&ws);
    // The workbook still equals the newest version, but that version's file went bad on disk
    // (same size, other bytes).
    let newest = versions_json(&ws)[0]["file"].as_str().expect("file").to_string();
    let path = ws.store("Sales").join(&newest);
    let mut bytes = std::fs::read(&path).expect("read");
    bytes[200] ^= 0xFF;
    std::fs::write(&path, &bytes).expect("write");
    let oldest = oldest_file(&ws);

    let run = ws.run(["restore", "Sales", "--version", &oldest, "--replace"]);
    run.ok();
    assert_eq!(sha256_hex(&wb), first);
    assert!(
        run.stdout().contains(&newest) && run.stdout().contains("damaged"),
        "the user is told why a new safety copy was made: {}",
        run.stdout()
    );
    let safety = versions_json(&ws)
        .into_iter()
        .find(|v| v["trigger"] == "restore-safety")
        .expect("a real safety version");
    let safety_file = ws.store("Sales").join(safety["file"].as_str().expect("file"));
    assert_eq!(
        sha256_hex(&safety_file),
        second,
        "the safety version holds today's work"
    );
}

#[test]
fn a_missing_newest_version_is_not_trusted_as_the_safety_copy() {
    let ws = Workspace::new();
    let (wb, first, second) = two_versions(&ws);
    let newest = versions_json(&ws)[0]["file"].as_str().expect("file").to_string();
    std::fs::remove_file(ws.store("Sales").join(&newest)).expect("remove");
    let oldest = oldest_file(&ws);
    let run = ws.run(["restore", "Sales", "--version", &oldest, "--replace"]);
    run.ok();
    assert_eq!(sha256_hex(&wb), first);
    let intact = versions_json(&ws).into_iter().any(|v| {
        let file = ws.store("Sales").join(v["file"].as_str().expect("file"));
        v["sha256"] == second.as_str() && file.exists() && sha256_hex(&file) == second
    });
    assert!(intact, "today's work must exist as an intact version: {}", run.stdout());
}
