//! The verifier finds every kind of damage, reports all findings at once, and its exit code
//! tells scripts whether anything is wrong.

use crate::util::{Workspace, write_workbook};

fn store_with_three_versions(ws: &Workspace) -> Vec<String> {
    let wb = ws.data("Sales.xlsx");
    write_workbook(&wb, 1, 5000);
    ws.add_profile("Sales", &[&wb], &[]).ok();
    for seed in 1..=3 {
        write_workbook(&wb, seed, 5000);
        ws.run(["backup"]).ok();
    }
    ws.versions("Sales")
}

#[test]
fn every_kind_of_damage_is_found_in_one_run() {
    let ws = Workspace::new();
    let versions = store_with_three_versions(&ws);
    let store = ws.store("Sales");
    // 1: a flipped byte (same size), 2: deleted, plus a stray file and a leftover temp file.
    let flipped = store.join(&versions[0]);
    let mut bytes = std::fs::read(&flipped).expect("read");
    bytes[200] ^= 0x40;
    std::fs::write(&flipped, &bytes).expect("write");
    std::fs::remove_file(store.join(&versions[1])).expect("remove");
    std::fs::write(store.join("notes.txt"), "hello").expect("write");
    std::fs::write(store.join(".sheetsafe-tmp-1-2-x"), "partial").expect("write");

    let quick = ws.run(["verify"]);
    quick.expect_code(1);
    assert!(quick.stdout().contains("missing"), "{}", quick.stdout());
    assert!(!quick.stdout().contains("SHA-256:"), "quick mode does not hash");

    let full = ws.run(["verify", "--full", "--json"]);
    full.expect_code(1);
    let report: serde_json::Value = serde_json::from_str(&full.stdout()).expect("json");
    let kinds: Vec<&str> = report["profiles"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["kind"].as_str().expect("kind"))
        .collect();
    for expected in ["hash-mismatch", "missing", "unlisted", "leftover"] {
        assert!(kinds.contains(&expected), "{expected} not in {kinds:?}");
    }
    assert_eq!(report["ok"], false);
    let messages = report["profiles"][0]["messages"].to_string();
    assert!(
        messages.contains(&versions[0]) && messages.contains(&versions[1]),
        "{messages}"
    );
}

#[test]
fn size_change_is_found_by_quick_verify() {
    let ws = Workspace::new();
    let versions = store_with_three_versions(&ws);
    let path = ws.store("Sales").join(&versions[2]);
    let len = std::fs::metadata(&path).expect("meta").len();
    std::fs::File::options()
        .write(true)
        .open(&path)
        .expect("open")
        .set_len(len / 2)
        .expect("truncate");
    let run = ws.run(["verify", "--json"]);
    run.expect_code(1);
    assert!(run.stdout().contains("size-mismatch"), "{}", run.stdout());
}

#[test]
fn healthy_store_passes_and_records_verification_time() {
    let ws = Workspace::new();
    store_with_three_versions(&ws);
    let run = ws.run(["verify", "--full"]);
    run.ok();
    assert!(run.stdout().contains("3 of 3"), "{}", run.stdout());
}

#[test]
fn unreadable_folder_means_could_not_run_or_problem() {
    let ws = Workspace::new();
    store_with_three_versions(&ws);
    std::fs::write(ws.store("Sales").join("catalog.toml"), "[[version]\n").expect("break catalog");
    let run = ws.run(["verify"]);
    run.expect_code(1);
    assert!(
        run.stdout().contains("catalog") && run.stdout().contains("line 1"),
        "{}",
        run.stdout()
    );
    let backup = ws.run(["backup"]);
    backup.expect_code(2);
    assert!(backup.stderr().contains("damaged"), "{}", backup.stderr());
}
