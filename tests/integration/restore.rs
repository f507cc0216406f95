//! Restore: to a new file or over the original, with a safety version so it can be undone, and
//! never from a damaged copy.

use crate::util::{Workspace, sha256_hex, write_workbook};

fn two_versions(ws: &Workspace) -> (std::path::PathBuf, String, String) {
    let wb = ws.data("Sales.xlsx");
    write_workbook(&wb, 1, 1000);
    let first = sha256_hex(&wb);
    ws.add_profile("Sales", &[&wb], &[]).ok();
    ws.run(["backup"]).ok();
    // Version names carry the second; wait so the two versions get distinct times for --at.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    write_workbook(&wb, 2, 1000);
    let second = sha256_hex(&wb);
    ws.run(["backup"]).ok();
    (wb, first, second)
}

#[test]
fn replace_keeps_a_safety_version_that_undoes_the_restore() {
    let ws = Workspace::new();
    let (wb, first, _) = two_versions(&ws);
    write_workbook(&wb, 3, 1000); // unsaved-to-backup edits the user has now
    let current = sha256_hex(&wb);
    let versions: serde_json::Value =
        serde_json::from_str(&ws.run(["versions", "Sales", "--json"]).ok().stdout()).expect("json");
    let oldest = versions.as_array().expect("array").last().expect("one")["file"]
        .as_str()
        .expect("file")
        .to_string();

    let run = ws.run(["restore", "Sales", "--version", &oldest, "--replace"]);
    run.ok();
    assert_eq!(sha256_hex(&wb), first, "the original now holds the restored version");
    assert!(run.stdout().contains("undo"), "{}", run.stdout());

    let after: serde_json::Value =
        serde_json::from_str(&ws.run(["versions", "Sales", "--json"]).ok().stdout()).expect("json");
    let safety = after
        .as_array()
        .expect("array")
        .iter()
        .find(|v| v["trigger"] == "restore-safety")
        .expect("a restore-safety version");
    assert_eq!(
        safety["sha256"], current,
        "the safety version holds what the workbook was"
    );
    let safety_file = safety["file"].as_str().expect("file").to_string();
    ws.run(["restore", "Sales", "--version", &safety_file, "--replace"])
        .ok();
    assert_eq!(
        sha256_hex(&wb),
        current,
        "restoring the safety version undoes the restore"
    );
}

#[test]
fn to_writes_a_new_file_and_never_overwrites() {
    let ws = Workspace::new();
    let (wb, _, second) = two_versions(&ws);
    let target = ws.path("copy.xlsx");
    let t = target.display().to_string();
    ws.run(["restore", "Sales", "--to", &t]).ok();
    assert_eq!(sha256_hex(&target), second, "default is the newest healthy version");
    std::fs::write(&target, b"precious").expect("write");
    let run = ws.run(["restore", "Sales", "--to", &t]);
    run.expect_code(2);
    assert!(run.stderr().contains("already exists"), "{}", run.stderr());
    assert_eq!(std::fs::read(&target).expect("read"), b"precious");
    assert_eq!(sha256_hex(&wb), second, "the original is untouched by --to");
}

#[test]
fn at_picks_the_newest_version_before_that_time() {
    let ws = Workspace::new();
    let (_, first, _) = two_versions(&ws);
    let versions: serde_json::Value =
        serde_json::from_str(&ws.run(["versions", "Sales", "--json"]).ok().stdout()).expect("json");
    let created = versions.as_array().expect("array").last().expect("oldest")["created"]
        .as_str()
        .expect("t")
        .to_string();
    let when = chrono::DateTime::parse_from_rfc3339(&created)
        .expect("rfc3339")
        .with_timezone(&chrono::Local);
    let at = when.format("%Y-%m-%d %H:%M:%S").to_string();
    let target = ws.path("at.xlsx").display().to_string();
    ws.run(["restore", "Sales", "--at", &at, "--to", &target]).ok();
    assert_eq!(sha256_hex(std::path::Path::new(&target)), first);

    let run = ws.run([
        "restore",
        "Sales",
        "--at",
        "2001-01-01 00:00",
        "--to",
        &ws.path("x.xlsx").display().to_string(),
    ]);
    run.expect_code(2);
    assert!(
        run.stderr().contains("There is no version made at or before"),
        "{}",
        run.stderr()
    );
}

#[test]
fn a_damaged_copy_is_never_restored() {
    let ws = Workspace::new();
    let (wb, _, second) = two_versions(&ws);
    let store = ws.store("Sales");
    let newest = ws.versions("Sales").into_iter().max().expect("a version");
    let path = store.join(&newest);
    let mut bytes = std::fs::read(&path).expect("read");
    bytes[100] ^= 0xFF;
    std::fs::write(&path, &bytes).expect("write");
    let run = ws.run(["restore", "Sales", "--version", &newest, "--replace"]);
    run.expect_code(2);
    assert!(
        run.stderr().contains("damaged") && run.stderr().contains(&newest),
        "{}",
        run.stderr()
    );
    assert_eq!(sha256_hex(&wb), second, "the workbook is untouched");
}

#[test]
fn replace_is_refused_while_the_workbook_is_open() {
    let ws = Workspace::new();
    let (wb, _, second) = two_versions(&ws);
    std::fs::write(
        ws.data(".~lock.Sales.xlsx#"),
        "Anna,anna,PC,21.11.2026 17:30,file:///home/anna/.config/libreoffice/4;\n",
    )
    .expect("lock");
    let run = ws.run(["restore", "Sales", "--replace"]);
    run.expect_code(2);
    assert!(run.stderr().contains("open in LibreOffice"), "{}", run.stderr());
    assert_eq!(sha256_hex(&wb), second);
}
