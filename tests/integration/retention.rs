//! Keep rules retire old versions from disk and catalog alike.

use crate::util::{Workspace, assert_sha256sum_passes, write_workbook};

#[test]
fn keep_last_retires_older_versions_from_disk_and_catalog() {
    let ws = Workspace::new();
    let wb = ws.data("Sales.xlsx");
    write_workbook(&wb, 0, 100);
    ws.add_profile(
        "Sales",
        &[&wb],
        &[
            "--keep-last",
            "3",
            "--keep-daily",
            "0",
            "--keep-weekly",
            "0",
            "--keep-monthly",
            "0",
        ],
    )
    .ok();
    for seed in 0..6 {
        write_workbook(&wb, seed, 100);
        ws.run(["backup"]).ok();
    }
    let versions = ws.versions("Sales");
    assert_eq!(versions.len(), 3, "{versions:?}");
    let catalog = std::fs::read_to_string(ws.store("Sales").join("catalog.toml")).expect("catalog");
    assert_eq!(catalog.matches("\n[[version]]").count(), 3);
    assert_sha256sum_passes(&ws.store("Sales"));
    ws.run(["verify", "--full"]).ok();
}
