//! `sheetsafe export`: one zip with the newest healthy version of each workbook under its own
//! name and a `SHA256SUMS`, checked with `unzip -t` and, unpacked, with `sha256sum -c`.

use std::path::Path;
use std::process::Command;

use crate::copies_util::{KEEP_ALL, catalog};
use crate::util::{Workspace, assert_sha256sum_passes, sha256_hex, write_workbook};

fn unzip(args: &[&str], zip: &Path) -> std::process::Output {
    Command::new("unzip")
        .args(args)
        .arg(zip)
        .output()
        .expect("unzip must be installed (.ci/run installs it)")
}

/// The hash of the newest healthy version of `workbook` in the main folder.
fn newest_healthy_hash(ws: &Workspace, workbook: &str) -> String {
    let c = catalog(&ws.store("Shop"));
    let v = c
        .versions_of(workbook)
        .filter(|v| v.is_healthy())
        .max_by_key(|v| v.created)
        .expect("a healthy version");
    v.sha256.clone()
}

fn shop(ws: &Workspace) -> std::path::PathBuf {
    let sales = ws.data("Sales.xlsx");
    write_workbook(&sales, 1, 30_000);
    let stock = ws.add_corpus_file("poi__SampleSS.xls", "Stock Łódź.xls");
    ws.add_profile("Shop", &[&sales, &stock], &KEEP_ALL).ok();
    ws.run(["backup"]).ok();
    write_workbook(&sales, 2, 30_000);
    ws.run(["backup"]).ok();
    sales
}

#[test]
fn export_writes_a_zip_that_unzip_and_sha256sum_accept() {
    let ws = Workspace::new();
    shop(&ws);
    std::fs::create_dir_all(ws.path("out")).expect("mkdir");
    let zip = ws.path("out/shop.zip");
    let run = ws.run(["export", "Shop", "--to", &zip.display().to_string()]);
    run.ok();
    assert!(run.stdout().contains("Exported 2 workbook(s)"), "{}", run.stdout());

    let test = unzip(&["-t"], &zip);
    assert!(
        test.status.success(),
        "unzip -t: {}",
        String::from_utf8_lossy(&test.stdout)
    );
    let unpacked = ws.path("unpacked");
    let out = unzip(&["-q", "-d", &unpacked.display().to_string()], &zip);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_sha256sum_passes(&unpacked);
    let mut names: Vec<String> = std::fs::read_dir(&unpacked)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["SHA256SUMS", "Sales.xlsx", "Stock Łódź.xls"]);
    assert_eq!(
        sha256_hex(&unpacked.join("Sales.xlsx")),
        newest_healthy_hash(&ws, "Sales.xlsx")
    );
    assert_eq!(
        sha256_hex(&unpacked.join("Stock Łódź.xls")),
        newest_healthy_hash(&ws, "Stock Łódź.xls")
    );
    let leftovers: Vec<_> = std::fs::read_dir(ws.path("out"))
        .expect("list")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "only the zip: {leftovers:?}");
}

#[test]
fn export_refuses_to_overwrite_an_existing_file() {
    let ws = Workspace::new();
    shop(&ws);
    let zip = ws.path("shop.zip");
    std::fs::write(&zip, "someone else's file").expect("write");
    let run = ws.run(["export", "Shop", "--to", &zip.display().to_string()]);
    run.expect_code(2);
    assert!(
        run.stderr().contains("already exists") && run.stderr().contains("shop.zip"),
        "{}",
        run.stderr()
    );
    assert_eq!(std::fs::read_to_string(&zip).expect("read"), "someone else's file");
}

#[test]
fn export_takes_the_newest_healthy_version_and_an_intact_second_copy() {
    let ws = Workspace::new();
    let sales = shop(&ws);
    std::fs::create_dir_all(ws.path("usb")).expect("mkdir");
    let folder = ws.path("usb").display().to_string();
    let mut args = vec![
        "profile",
        "dest",
        "add",
        "Shop",
        "--dest-name",
        "USB",
        "--folder",
        &folder,
        "--daily",
        "18:00",
    ];
    args.extend(KEEP_ALL);
    ws.run(args).ok();
    ws.run(["copy", "Shop"]).ok();
    let good = newest_healthy_hash(&ws, "Sales.xlsx");

    // A newer save of a corrupt workbook is backed up, flagged, and not exported.
    std::fs::write(&sales, b"PK\x03\x04 this is not a workbook any more").expect("corrupt");
    ws.run(["backup"]).ok();
    // And the main folder's copy of the good version has gone bad: the USB copy is used.
    let c = catalog(&ws.store("Shop"));
    let good_file = &c.versions.iter().find(|v| v.sha256 == good).expect("listed").file;
    let path = ws.store("Shop").join(good_file.as_str());
    let mut bytes = std::fs::read(&path).expect("read");
    bytes[100] ^= 1;
    std::fs::write(&path, bytes).expect("flip");

    let zip = ws.path("shop.zip");
    let run = ws.run(["export", "Shop", "--to", &zip.display().to_string()]);
    run.ok();
    let unpacked = ws.path("unpacked");
    assert!(
        unzip(&["-q", "-d", &unpacked.display().to_string()], &zip)
            .status
            .success()
    );
    assert_sha256sum_passes(&unpacked);
    assert_eq!(sha256_hex(&unpacked.join("Sales.xlsx")), good);
}
