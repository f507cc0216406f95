//! What is inside each version, against real saves by LibreOffice: while `sheetsafe agent`
//! runs, LibreOffice changes cells, deletes rows, renames a sheet, adds one and clears one, and
//! deletes most of a sheet; after each close the new version must carry a summary, `sheetsafe
//! diff` must say what changed, and the losses must raise the vanishing-data alarm (amber, a
//! sentence naming workbook and sheet) and pin the version before, which the keep rules then
//! keep until `sheetsafe accept-change`.

use std::ffi::OsStr;
use std::path::Path;

use serde_json::Value;

use super::util::{Workspace, wait_until};
use super::{LIMIT, Office, start_agent, status, status_problems, stop_agent, versions_of, write_config};

/// Applies `edits` (see `change_contents.py`) in LibreOffice, saves and closes the workbook.
fn change(office: &Office, workbook: &Path, edits: &Value) {
    let edits = edits.to_string();
    let report = office.python("change_contents.py", &[workbook.as_os_str(), OsStr::new(&edits)]);
    assert_eq!(report["lock_after_close"], false, "LibreOffice's lock file stayed");
}

/// The newest version's file name, if there is one.
fn newest(ws: &Workspace, workbook: &Path) -> Option<String> {
    versions_of(ws, workbook)
        .first()
        .and_then(|v| v["file"].as_str().map(str::to_string))
}

/// Waits until a version newer than `previous` is there with its summary; returns the versions.
fn next_version(ws: &Workspace, workbook: &Path, previous: Option<&str>) -> Vec<Value> {
    let ready = wait_until(LIMIT, || {
        let v = versions_of(ws, workbook);
        v.first()
            .is_some_and(|v| v["file"].as_str() != previous && v["summary"].is_object())
    });
    let versions = versions_of(ws, workbook);
    assert!(
        ready,
        "no summarised version after {previous:?} of {}: {versions:#?}",
        workbook.display()
    );
    versions
}

fn diff(ws: &Workspace) -> Value {
    let out = ws.run(["diff", "Shop", "--json"]);
    serde_json::from_str(&out.ok().stdout()).expect("diff --json")
}

fn sheet<'a>(diff: &'a Value, name: &str) -> &'a Value {
    diff["sheets"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["name"] == name))
        .unwrap_or_else(|| panic!("no sheet {name} in {diff:#}"))
}

fn summary_rows(version: &Value, sheet: &str) -> Option<u64> {
    version["summary"]["sheet"]
        .as_array()?
        .iter()
        .find(|s| s["name"] == sheet)
        .and_then(|s| s["rows"].as_u64())
}

fn pinned(versions: &[Value]) -> Vec<String> {
    versions
        .iter()
        .filter(|v| v["pin"].is_object())
        .map(|v| v["file"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
#[ignore = "needs LibreOffice (libreoffice-calc-nogui, python3-uno); scripts/test-real-apps installs them and runs this"]
fn libreoffice_edits_show_in_diffs_and_vanishing_data_pins_the_version_before() {
    for (corpus, name) in [("poi__SampleSS.xlsx", "Sales.xlsx"), ("poi__SampleSS.ods", "Sales.ods")] {
        scenario(corpus, name);
    }
}

fn scenario(corpus: &str, name: &str) {
    let ws = Workspace::new();
    let wb = ws.add_corpus_file(corpus, name);
    // Keep only the two newest versions: a pinned one must survive that.
    write_config(&ws, &[&wb], "\n[profile.keep]\nlast = 2\n");
    let office = Office::start(&ws);
    change(
        &office,
        &wb,
        &serde_json::json!([
            ["rename", "First Sheet", "Sales"],
            ["rename", "Sheet Number 2", "Stock"],
            ["rename", "Sheet3", "Notes"],
            ["fill", "Sales", 200, 4],
            ["fill", "Stock", 40, 3],
            ["fill", "Notes", 20, 2]
        ]),
    );
    ws.run(["backup"]).ok();
    let versions = next_version(&ws, &wb, None);
    assert_eq!(
        summary_rows(&versions[0], "Sales"),
        Some(200),
        "{name}: {:#}",
        versions[0]
    );
    assert_eq!(summary_rows(&versions[0], "Stock"), Some(40), "{name}");
    let agent = start_agent(&ws);
    let before_loss = ordinary_edits(&ws, &office, &wb, name);
    losses(&ws, &office, &wb, name, &before_loss);
    stop_agent(agent);
}

/// Changed cells, deleted rows, a rename and an added sheet: each shows in the diff, none is
/// an alarm. Returns the newest version's file name.
fn ordinary_edits(ws: &Workspace, office: &Office, wb: &Path, name: &str) -> String {
    // Changed cells: two rows changed, nothing added or removed, the old and new values shown.
    let previous = newest(ws, wb);
    change(
        office,
        wb,
        &serde_json::json!([["set", "Sales", "B5", 999], ["set", "Sales", "A7", "changed"]]),
    );
    next_version(ws, wb, previous.as_deref());
    let d = diff(ws);
    let sales = sheet(&d, "Sales");
    assert_eq!(
        (sales["rows_changed"].as_u64(), sales["cells_changed"].as_u64()),
        (Some(2), Some(2)),
        "{name}: {d:#}"
    );
    assert_eq!(
        (sales["rows_added"].as_u64(), sales["rows_removed"].as_u64()),
        (Some(0), Some(0)),
        "{name}"
    );
    let b5 = sales["examples"]
        .as_array()
        .and_then(|e| e.iter().find(|c| c["cell"] == "B5"))
        .unwrap_or_else(|| panic!("{name}: B5 not among the examples: {d:#}"));
    assert_eq!(
        (b5["old"].as_str(), b5["new"].as_str()),
        (Some("51"), Some("999")),
        "{name}"
    );
    assert_eq!(sheet(&d, "Stock")["change"]["kind"], "kept");

    // A few rows deleted: counted, and ordinary work (no alarm).
    let previous = newest(ws, wb);
    change(office, wb, &serde_json::json!([["delete-rows", "Sales", 10, 10]]));
    let versions = next_version(ws, wb, previous.as_deref());
    let d = diff(ws);
    assert_eq!(sheet(&d, "Sales")["rows_removed"].as_u64(), Some(10), "{name}: {d:#}");
    assert_eq!(summary_rows(&versions[0], "Sales"), Some(190), "{name}");
    assert!(pinned(&versions).is_empty(), "{name}: ten rows of 200 is no alarm");

    // A renamed sheet and an added one.
    let previous = newest(ws, wb);
    change(
        office,
        wb,
        &serde_json::json!([["rename", "Stock", "Inventory"], ["add", "Archive", 15, 2]]),
    );
    next_version(ws, wb, previous.as_deref());
    let d = diff(ws);
    assert_eq!(
        sheet(&d, "Inventory")["change"],
        serde_json::json!({"kind": "renamed", "from": "Stock"}),
        "{name}: {d:#}"
    );
    assert_eq!(sheet(&d, "Archive")["change"]["kind"], "added", "{name}");
    assert_eq!(sheet(&d, "Archive")["rows_added"].as_u64(), Some(15), "{name}");
    assert!(pinned(&versions_of(ws, wb)).is_empty(), "{name}: a rename is no loss");
    versions_of(ws, wb)[0]["file"].as_str().expect("file").to_string()
}

/// A cleared sheet and most of a sheet deleted: the alarm, the pins, the keep rules, and the
/// user accepting the change.
fn losses(ws: &Workspace, office: &Office, wb: &Path, name: &str, before_loss: &str) {
    let before_loss = before_loss.to_string();

    // A cleared sheet: the alarm, and the version before it pinned.
    let previous = newest(ws, wb);
    change(office, wb, &serde_json::json!([["clear", "Notes"]]));
    let versions = next_version(ws, wb, previous.as_deref());
    assert_eq!(sheet(&diff(ws), "Notes")["rows_removed"].as_u64(), Some(20), "{name}");
    let ok = wait_until(LIMIT, || pinned(&versions_of(ws, wb)) == [before_loss.clone()]);
    assert!(ok, "{name}: the version before the loss must be pinned: {versions:#?}");
    let s = status(ws);
    assert_eq!(s["level"], "attention", "{name}: the alarm is amber");
    assert!(
        status_problems(&s).iter().any(|p| p["kind"] == "data-vanished"),
        "{name}: the status must hold the alarm: {s:#?}"
    );
    // The sentence, as `sheetsafe status` prints it: one line per problem.
    let text = ws.run(["status"]).stdout();
    assert!(
        text.lines()
            .any(|p| p.contains(name) && p.contains("“Notes”") && p.contains("20 of the 20 rows")),
        "{name}: a sentence must name the workbook, the sheet and how much vanished: {text}"
    );

    // Most of a sheet deleted, then two more saves: the pinned version outlives `last = 2`.
    let previous = newest(ws, wb);
    change(office, wb, &serde_json::json!([["delete-rows", "Sales", 0, 170]]));
    next_version(ws, wb, previous.as_deref());
    let ok = wait_until(LIMIT, || pinned(&versions_of(ws, wb)).len() == 2);
    assert!(ok, "{name}: deleting 170 of 190 rows pins the version before too");
    let text = ws.run(["status"]).stdout();
    assert!(
        text.lines()
            .any(|p| p.contains("“Sales”") && p.contains("170 of the 190 rows")),
        "{name}: {text}"
    );
    for text in ["one", "two"] {
        let previous = newest(ws, wb);
        change(office, wb, &serde_json::json!([["set", "Archive", "A1", text]]));
        next_version(ws, wb, previous.as_deref());
        std::thread::sleep(std::time::Duration::from_secs(2));
    }
    let versions = versions_of(ws, wb);
    let files: Vec<&str> = versions.iter().filter_map(|v| v["file"].as_str()).collect();
    assert!(
        files.contains(&before_loss.as_str()),
        "{name}: the pinned version was retired: {files:?}"
    );
    assert_eq!(
        versions.len(),
        4,
        "{name}: two kept by `last = 2` and two pinned: {files:?}"
    );

    // The user says it was intended: the pins go, the status is calm again.
    let accepted = ws.run(["accept-change", "Shop"]);
    assert!(accepted.ok().stdout().contains(&before_loss), "{}", accepted.stdout());
    assert!(pinned(&versions_of(ws, wb)).is_empty(), "{name}");
    let problems = status_problems(&status(ws));
    assert!(
        !problems.iter().any(|p| p["kind"] == "data-vanished"),
        "{name}: {problems:#?}"
    );
}
