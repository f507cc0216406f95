//! Crash safety: `sheetsafe backup` is run as a separate process on a large workbook and
//! killed with SIGKILL at many different moments. After every kill the store must pass
//! `sheetsafe verify --full` and `sha256sum -c`, and the next backup must succeed. Two writers
//! on one profile folder at once must never corrupt the catalog.

use std::process::Stdio;
use std::time::Instant;

use crate::util::{Workspace, assert_sha256sum_passes, sha256_hex, write_workbook};

/// Large enough that a backup takes a measurable while, small enough for a 2-core CI box.
const BIG: usize = 48 << 20;
const KILLS: u32 = 24;

#[test]
fn sigkill_at_any_moment_leaves_every_listed_version_intact() {
    let ws = Workspace::new();
    let wb = ws.data("Big.xlsx");
    write_workbook(&wb, 0, BIG);
    ws.add_profile(
        "Big",
        &[&wb],
        &[
            "--keep-last",
            "4",
            "--keep-daily",
            "0",
            "--keep-weekly",
            "0",
            "--keep-monthly",
            "0",
        ],
    )
    .ok();

    // Time one undisturbed backup, so kills can be spread over its whole length.
    let start = Instant::now();
    ws.run(["backup"]).ok();
    let full_run = start.elapsed();

    let mut killed_mid_run = 0;
    for i in 0..KILLS {
        write_workbook(&wb, u64::from(i) + 1, BIG);
        // Spread over 0–90 % of an undisturbed run: from before the copy starts to the catalog write.
        let delay = full_run.mul_f64(f64::from(i) / f64::from(KILLS - 1) * 0.9);
        let mut child = ws
            .cmd(["backup"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(delay);
        if child.try_wait().expect("poll").is_none() {
            killed_mid_run += 1;
        }
        child.kill().ok(); // SIGKILL on Unix
        child.wait().expect("reap");

        let verify = ws.run(["verify", "--full"]);
        assert_eq!(
            verify.code(),
            0,
            "after kill {i} at {delay:?}:\n{}{}",
            verify.stdout(),
            verify.stderr()
        );
        assert_sha256sum_passes(&ws.store("Big"));
    }
    assert!(
        killed_mid_run >= KILLS / 3,
        "only {killed_mid_run} of {KILLS} kills landed during a backup"
    );

    // The next backup succeeds, cleans up, and holds exactly the workbook's current bytes.
    write_workbook(&wb, 999, BIG);
    let after = ws.run(["backup"]);
    after.ok();
    let leftovers: Vec<_> = ws
        .store_files("Big")
        .into_iter()
        .filter(|n| n.starts_with(".sheetsafe-tmp-"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary files must be cleaned up: {leftovers:?}"
    );
    let newest = ws.versions("Big").into_iter().max().expect("versions");
    assert_eq!(sha256_hex(&ws.store("Big").join(newest)), sha256_hex(&wb));
    ws.run(["verify", "--full"]).ok();
}

#[test]
fn two_writers_at_once_never_corrupt_the_catalog() {
    let ws = Workspace::new();
    let a = ws.data("A.xlsx");
    let b = ws.data("B.xlsx");
    write_workbook(&a, 1, 200_000);
    write_workbook(&b, 2, 200_000);
    ws.add_profile(
        "Shop",
        &[&a, &b],
        &[
            "--keep-last",
            "0",
            "--keep-daily",
            "0",
            "--keep-weekly",
            "0",
            "--keep-monthly",
            "0",
        ],
    )
    .ok();
    let rounds: u64 = 8;
    for round in 0..rounds {
        write_workbook(&a, 100 + round, 200_000);
        write_workbook(&b, 200 + round, 200_000);
        let first = ws
            .cmd(["backup"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let second = ws
            .cmd(["backup"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        for child in [first, second] {
            let out = child.wait_with_output().expect("wait");
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        }
    }
    // Each round changed both workbooks once: exactly one new version of each per round, no
    // matter which writer made it.
    let catalog = std::fs::read_to_string(ws.store("Shop").join("catalog.toml")).expect("catalog");
    assert_eq!(
        catalog.matches("\n[[version]]").count(),
        2 * usize::try_from(rounds).expect("small"),
        "{catalog}"
    );
    assert_eq!(ws.versions("Shop").len(), 2 * usize::try_from(rounds).expect("small"));
    ws.run(["verify", "--full"]).ok();
    assert_sha256sum_passes(&ws.store("Shop"));
}
