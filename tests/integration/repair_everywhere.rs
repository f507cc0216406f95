//! `sheetsafe verify` checks every place a profile's versions are kept, and `--repair` mends a
//! version damaged or missing in one place from an intact copy in another, in both directions.

use std::path::Path;
use std::time::Duration;

use sheetsafe::repair::{self, Place, RepairPolicy};

use crate::copies_util::{KEEP_ALL, add_dest, assert_consistent, listed, load_profile, profile_with_versions};
use crate::util::{Workspace, sha256_hex};

/// Main folder and destination `USB` each holding the same four versions; returns the
/// version names (oldest first) and the destination's profile folder.
fn two_places() -> (Workspace, Vec<String>, std::path::PathBuf) {
    let ws = Workspace::new();
    profile_with_versions(&ws, 4, 20_000);
    std::fs::create_dir_all(ws.path("usb")).expect("mkdir");
    add_dest(&ws, "USB", &ws.path("usb"), &["--daily", "18:00"]).ok();
    ws.run(["copy", "Sales"]).ok();
    let versions = listed(&ws.store("Sales"));
    let dest = ws.path("usb/Sales");
    assert_eq!(listed(&dest), versions);
    (ws, versions, dest)
}

fn flip_byte(path: &Path) {
    let mut bytes = std::fs::read(path).expect("read");
    bytes[300] ^= 0x20;
    std::fs::write(path, bytes).expect("write");
}

#[test]
fn repair_mends_flipped_and_deleted_versions_in_both_directions() {
    let (ws, v, dest) = two_places();
    let main = ws.store("Sales");
    let hashes: Vec<String> = v.iter().map(|f| sha256_hex(&main.join(f))).collect();
    flip_byte(&main.join(&v[0]));
    std::fs::remove_file(main.join(&v[1])).expect("delete");
    flip_byte(&dest.join(&v[2]));
    std::fs::remove_file(dest.join(&v[3])).expect("delete");

    let check = ws.run(["verify", "--full", "--json"]);
    check.expect_code(1);
    let report: serde_json::Value = serde_json::from_str(&check.stdout()).expect("json");
    let main_kinds = report["profiles"][0]["findings"].to_string();
    let dest_kinds = report["profiles"][0]["destinations"][0]["findings"].to_string();
    assert!(
        main_kinds.contains("hash-mismatch") && main_kinds.contains("missing"),
        "{main_kinds}"
    );
    assert!(
        dest_kinds.contains("hash-mismatch") && dest_kinds.contains("missing"),
        "each place is reported separately: {dest_kinds}"
    );

    let fix = ws.run(["verify", "--repair"]);
    fix.ok();
    let out = fix.stdout();
    for (file, place) in [
        (&v[0], "main backup folder"),
        (&v[1], "main backup folder"),
        (&v[2], "second copy `USB`"),
        (&v[3], "second copy `USB`"),
    ] {
        assert!(
            out.lines()
                .any(|l| l.starts_with("Repaired") && l.contains(file.as_str()) && l.contains(place)),
            "{file} in {place} not reported as repaired:\n{out}"
        );
    }
    assert!(out.contains("was damaged") && out.contains("was missing"), "{out}");
    for (file, hash) in v.iter().zip(&hashes) {
        assert_eq!(&sha256_hex(&main.join(file)), hash, "{file} in the main folder");
        assert_eq!(&sha256_hex(&dest.join(file)), hash, "{file} at the destination");
    }
    assert_consistent(&ws, &[&main, &dest]);
}

#[test]
fn a_version_damaged_everywhere_is_reported_not_repaired() {
    let (ws, v, dest) = two_places();
    flip_byte(&ws.store("Sales").join(&v[1]));
    flip_byte(&dest.join(&v[1]));
    let run = ws.run(["verify", "--repair"]);
    run.expect_code(1);
    assert!(
        run.stdout().contains("no other place holds an intact copy") && run.stdout().contains(&v[1]),
        "{}",
        run.stdout()
    );
}

#[test]
fn the_agent_repairs_only_destinations_that_allow_it() {
    let ws = Workspace::new();
    profile_with_versions(&ws, 2, 20_000);
    std::fs::create_dir_all(ws.path("share")).expect("mkdir");
    let folder = ws.path("share").display().to_string();
    let mut args = vec![
        "profile",
        "dest",
        "add",
        "Sales",
        "--dest-name",
        "Share",
        "--folder",
        &folder,
        "--daily",
        "18:00",
        "--no-repair",
    ];
    args.extend(KEEP_ALL);
    ws.run(args).ok();
    ws.run(["copy", "Sales"]).ok();
    let v = listed(&ws.store("Sales"));
    let dest = ws.path("share/Sales");
    flip_byte(&dest.join(&v[0]));
    std::fs::remove_file(ws.store("Sales").join(&v[1])).expect("delete");

    let profile = load_profile(&ws, "Sales");
    let report = repair::repair_profile(&profile, RepairPolicy::AsConfigured, Duration::from_secs(5), &());
    assert_eq!(report.repaired.len(), 1, "{report:?}");
    assert_eq!(report.repaired[0].place, Place::Main);
    assert_eq!(report.repaired[0].from, Place::Destination("Share".into()));
    assert!(
        matches!(&report.not_repaired[0], repair::NotRepaired::RepairOff { place: Place::Destination(d), .. } if d == "Share"),
        "{:?}",
        report.not_repaired
    );
    assert!(ws.store("Sales").join(&v[1]).is_file());
    assert_ne!(
        sha256_hex(&dest.join(&v[0])),
        sha256_hex(&ws.store("Sales").join(&v[0])),
        "a destination with repair off is left alone"
    );
    // Asked for explicitly, it is repaired too.
    ws.run(["verify", "--repair"]).ok();
    assert_consistent(&ws, &[&ws.store("Sales"), &dest]);
}

#[test]
fn an_unplugged_destination_is_noted_not_failed() {
    let (ws, _, _) = two_places();
    std::fs::rename(ws.path("usb"), ws.path("usb-away")).expect("unplug");
    let run = ws.run(["verify"]);
    run.ok();
    assert!(
        run.stdout().contains("(second copy `USB`): not checked") && run.stdout().contains("not there"),
        "{}",
        run.stdout()
    );
}

/// Regression (found by scripts/crash-loop): temporary files a killed copy or verification left
/// in a place were reported for ever; `verify --repair` removes them and says so.
#[test]
fn repair_removes_what_killed_runs_left_in_every_place() {
    let (ws, _, dest) = two_places();
    let main = ws.store("Sales");
    let left_main = main.join(".sheetsafe-tmp-99999-1-copiestoml");
    let left_dest = dest.join(".sheetsafe-tmp-99999-2-catalogtoml");
    std::fs::write(&left_main, b"partial").expect("write");
    std::fs::write(&left_dest, b"partial").expect("write");
    let run = ws.run(["verify", "--repair"]);
    run.ok();
    assert!(!left_main.exists() && !left_dest.exists(), "leftovers must be removed");
    assert!(
        run.stdout().contains(".sheetsafe-tmp-99999-1-copiestoml")
            && run.stdout().contains(".sheetsafe-tmp-99999-2-catalogtoml"),
        "{}",
        run.stdout()
    );
    ws.run(["verify", "--full"]).ok();
}
