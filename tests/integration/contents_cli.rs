//! What is inside each version, through the real binary: summaries filled in after a backup
//! (and after a run stopped before it), `diff`, pins against the keep rules, the vanishing-data
//! alarm in the status until `accept-change`, and "could not read" for a sound workbook the
//! reader refuses.

use std::path::Path;

use serde_json::Value;
use sheetsafe::store::Catalog;

use crate::util::{Workspace, corpus_dir};

fn versions(ws: &Workspace) -> Vec<Value> {
    let out = ws.run(["versions", "Shop", "--json"]);
    serde_json::from_str::<Value>(&out.ok().stdout())
        .ok()
        .and_then(|v| v.as_array().cloned())
        .unwrap_or_default()
}

/// Replaces the workbook's bytes with another corpus file (a new save of "the same" workbook).
fn save_as(workbook: &Path, corpus_name: &str) {
    std::fs::copy(corpus_dir().join(corpus_name), workbook).expect("copy");
    // A new modification time, so the backup sees new content at once.
    std::thread::sleep(std::time::Duration::from_millis(20));
}

#[test]
fn a_version_left_without_a_summary_gets_one_at_the_next_backup() {
    let ws = Workspace::new();
    let wb = ws.add_corpus_file("poi__SampleSS.xlsx", "Sales.xlsx");
    ws.add_profile("Shop", &[&wb], &[]).ok();
    ws.run(["backup"]).ok();
    let listed = versions(&ws);
    assert_eq!(listed[0]["summary"]["sheet"][0]["name"], "First Sheet", "{listed:#?}");
    assert_eq!(listed[0]["summary"]["sheet"][1]["rows"], 5);

    // A run stopped between recording the version and reading it leaves no summary.
    let catalog_path = ws.store("Shop").join("catalog.toml");
    let mut catalog = Catalog::parse(&std::fs::read_to_string(&catalog_path).expect("read")).expect("parse");
    catalog.versions[0].summary = None;
    std::fs::write(&catalog_path, catalog.to_toml()).expect("write");
    assert!(versions(&ws)[0]["summary"].is_null());

    let out = ws.run(["backup"]);
    assert!(out.ok().stdout().contains("unchanged"), "{}", out.stdout());
    assert_eq!(
        versions(&ws)[0]["summary"]["sheet"][0]["rows"],
        3,
        "filled in by the next run"
    );
    let text = ws.run(["versions", "Shop"]).ok().stdout();
    assert!(
        text.contains("First Sheet: 3 rows · Sheet Number 2: 5 rows · Sheet3: 0 rows"),
        "{text}"
    );
}

#[test]
fn a_pinned_version_outlives_the_keep_rules_until_unpinned() {
    let ws = Workspace::new();
    let wb = ws.add_corpus_file("poi__SampleSS.xlsx", "Book.xlsx");
    ws.add_profile("Shop", &[&wb], &["--keep-last", "1"]).ok();
    ws.run(["backup"]).ok();
    let first = versions(&ws)[0]["file"].as_str().expect("file").to_string();
    let pinned = ws.run(["pin", "Shop", "--version", &first]);
    assert!(pinned.ok().stdout().contains("Pinned"), "{}", pinned.stdout());
    // Small sheets only (under `min_rows`), so no alarm pins anything on its own.
    for corpus in ["sheetjs__sushi.xlsx", "poi__hello-world-signed.xlsx"] {
        save_as(&wb, corpus);
        ws.run(["backup"]).ok();
    }
    let files: Vec<String> = versions(&ws)
        .iter()
        .map(|v| v["file"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(files.len(), 2, "the newest and the pinned one: {files:?}");
    assert!(files.contains(&first), "{files:?}");
    assert!(
        ws.run(["versions", "Shop"])
            .ok()
            .stdout()
            .contains("kept until `sheetsafe unpin`")
    );

    ws.run(["unpin", "Shop", "--version", &first]).ok();
    save_as(&wb, "poi__workbookProtection-workbook_password-2013.xlsx");
    ws.run(["backup"]).ok();
    let files: Vec<String> = versions(&ws)
        .iter()
        .map(|v| v["file"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(files.len(), 1, "unpinned, the keep rules retire it: {files:?}");
    assert!(!ws.store("Shop").join(&first).exists());

    let missing = ws.run(["pin", "Shop", "--version", "Nope__2026-01-01_000000.xlsx"]);
    missing.expect_code(2);
    assert!(missing.stderr().contains("sheetsafe versions"), "{}", missing.stderr());
}

#[test]
fn a_vanished_sheet_raises_the_alarm_until_the_change_is_accepted() {
    let ws = Workspace::new();
    let wb = ws.add_corpus_file("sheetjs__large_strings.xlsx", "Orders.xlsx");
    ws.add_profile("Shop", &[&wb], &[]).ok();
    ws.run(["backup"]).ok();
    let before = versions(&ws)[0]["file"].as_str().expect("file").to_string();
    ws.run(["status"]).expect_code(1); // no agent running: already amber, but without an alarm
    assert!(!ws.run(["status"]).stdout().contains("vanished"));

    save_as(&wb, "sheetjs__sushi.xlsx");
    let backup = ws.run(["backup"]);
    backup.ok();
    assert!(
        backup.stderr().contains("“longwordslist” (17619 rows) vanished"),
        "the backup says it at once: {}",
        backup.stderr()
    );
    let listed = versions(&ws);
    assert_eq!(listed[1]["file"], before.as_str());
    assert_eq!(listed[1]["pin"]["reason"], "vanishing-data", "{listed:#?}");
    assert_eq!(listed[1]["pin"]["lost_in"], listed[0]["file"]);

    let status: Value = serde_json::from_str(&ws.run(["status", "--json"]).stdout()).expect("json");
    assert_eq!(status["level"], "attention");
    let workbook = &status["profiles"][0]["workbooks"][0];
    assert_eq!(workbook["vanished"][0]["kept"], before.as_str());
    assert_eq!(workbook["problems"][0]["kind"], "data-vanished", "{workbook:#?}");
    // The sentence, as `sheetsafe status` prints it.
    let problems = ws.run(["status"]).stdout();
    assert!(
        problems.contains("Orders.xlsx: the sheet “Large Strings” (9999 rows) vanished"),
        "{problems}"
    );
    assert!(problems.contains("accept-change"), "{problems}");

    let diff = ws.run(["diff", "Shop"]);
    let text = diff.ok().stdout();
    assert!(text.contains("Large Strings: removed (9,999 rows)"), "{text}");
    assert!(text.contains("Sheet1: added (1 row)"), "{text}");

    let accepted = ws.run(["accept-change", "Shop", "--workbook", "Orders.xlsx"]);
    assert!(accepted.ok().stdout().contains(&before), "{}", accepted.stdout());
    assert!(versions(&ws)[1]["pin"].is_null());
    assert!(!ws.run(["status"]).stdout().contains("vanished"));
}

#[test]
fn a_sound_workbook_the_reader_refuses_is_could_not_read_not_damaged() {
    let ws = Workspace::new();
    let wb = ws.add_corpus_file("poi__xlmmacro.xlsm", "Macros.xlsm");
    ws.add_profile("Shop", &[&wb], &[]).ok();
    ws.run(["backup"]).ok();
    let listed = versions(&ws);
    assert_eq!(listed[0]["health"], "healthy");
    assert_eq!(listed[0]["summary"]["unread"], "reader-failed");
    assert_eq!(listed[0]["summary"]["macros"], true);
    let status: Value = serde_json::from_str(&ws.run(["status", "--json"]).stdout()).expect("json");
    assert_ne!(status["level"], "failed", "never red");
    assert_eq!(
        status["profiles"][0]["workbooks"][0]["problems"][0]["kind"], "contents-unreadable",
        "{status:#?}"
    );
    let problems = ws.run(["status"]).stdout();
    assert!(
        problems.contains("could not read the sheets of Macros.xlsm"),
        "{problems}"
    );
    assert!(!problems.contains("damaged"), "{problems}");
}

#[test]
fn diff_needs_two_versions_and_names_unknown_ones() {
    let ws = Workspace::new();
    let wb = ws.add_corpus_file("poi__SampleSS.xlsx", "Sales.xlsx");
    ws.add_profile("Shop", &[&wb], &[]).ok();
    ws.run(["backup"]).ok();
    let one = ws.run(["diff", "Shop"]);
    one.expect_code(2);
    assert!(one.stderr().contains("nothing to compare yet"), "{}", one.stderr());
    save_as(&wb, "poi__sample.strict.xlsx");
    ws.run(["backup"]).ok();
    let unknown = ws.run(["diff", "Shop", "Sales__1999-01-01_000000.xlsx"]);
    unknown.expect_code(2);
    assert!(
        unknown.stderr().contains("no version `Sales__1999-01-01_000000.xlsx`"),
        "{}",
        unknown.stderr()
    );
    let json: Value = serde_json::from_str(&ws.run(["diff", "Shop", "--json"]).ok().stdout()).expect("json");
    let first = &json["sheets"][0];
    assert_eq!(first["name"], "Sheet1");
    assert_eq!(json["workbook"], "Sales.xlsx");
}

#[test]
fn a_workbook_overwritten_with_garbage_pins_the_last_readable_version() {
    let ws = Workspace::new();
    let wb = ws.add_corpus_file("sheetjs__large_strings.xlsx", "Orders.xlsx");
    ws.add_profile("Shop", &[&wb], &[]).ok();
    ws.run(["backup"]).ok();
    let readable = versions(&ws)[0]["file"].as_str().expect("file").to_string();
    // What ransomware leaves: the same name, bytes that are no workbook at all.
    let garbage: Vec<u8> = (0..50_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13).to_le_bytes()[0])
        .collect();
    std::fs::write(&wb, garbage).expect("write");
    ws.run(["backup"]).ok();
    let listed = versions(&ws);
    assert_eq!(listed[0]["health"], "damaged", "{listed:#?}");
    assert_eq!(listed[0]["summary"]["unread"], "damaged");
    assert_eq!(listed[1]["file"], readable.as_str());
    assert_eq!(listed[1]["pin"]["reason"], "vanishing-data", "{listed:#?}");
    let losses = listed[1]["pin"]["loss"].as_array().expect("losses");
    assert_eq!(losses.len(), 3, "every sheet of the readable version: {losses:#?}");
}
