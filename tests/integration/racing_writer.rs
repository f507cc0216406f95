//! A workbook rewritten while it is being copied. A writer thread rewrites the workbook in place
//! with one of a few states of the same size, again and again, keeping its modification time on
//! a 2-second step as FAT drives and some network shares do (so size and time do not show the
//! change), with pauses in between; meanwhile `sheetsafe backup` runs over and over. Every
//! version recorded must be one of the states the writer wrote, byte for byte: never a mix of
//! two saves, never a file cut short by a truncate-and-rewrite.

use std::io::{Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use sha2::{Digest, Sha256};

use crate::util::{Workspace, sha256_hex};

const SIZE: usize = 4 << 20;
const STATES: u64 = 4;
/// Saves in one burst, then the pause after the burst.
const BURST: u64 = 100;
const QUIET: Duration = Duration::from_secs(3);

/// How the writer saves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Save {
    /// Overwrite in place from the start (same size throughout).
    InPlace,
    /// Truncate to nothing, then write the whole state.
    TruncateAndRewrite,
}

fn state(seed: u64) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut out = Vec::with_capacity(SIZE);
    while out.len() < SIZE {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.extend_from_slice(&x.to_le_bytes());
    }
    out
}

/// Now, rounded down to a 2-second step.
fn coarse_now() -> SystemTime {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    UNIX_EPOCH + Duration::from_secs(secs - secs % 2)
}

fn write_state(path: &Path, bytes: &[u8], save: Save) {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .expect("open workbook");
    if save == Save::TruncateAndRewrite {
        file.set_len(0).expect("truncate");
    }
    file.seek(SeekFrom::Start(0)).expect("seek");
    file.write_all(bytes).expect("write");
    file.set_modified(coarse_now()).expect("set mtime");
}

fn race(save: Save) {
    let ws = Workspace::new();
    let wb = ws.data("Sales.xlsx");
    let states: Vec<Vec<u8>> = (1..=STATES).map(state).collect();
    let hashes: Vec<String> = states.iter().map(|s| hex::encode(Sha256::digest(s))).collect();
    std::fs::write(&wb, &states[0]).expect("write workbook");
    ws.add_profile(
        "Shop",
        &[&wb],
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

    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let stop = Arc::clone(&stop);
        let wb = wb.clone();
        std::thread::spawn(move || {
            let mut round = 0u64;
            while !stop.load(Ordering::Relaxed) {
                let k = usize::try_from(round % STATES).expect("small");
                write_state(&wb, &states[k], save);
                // Bursts of quick saves (each a few milliseconds, like a copy), then a quiet spell
                // longer than the 2-second timestamp step in which a backup can succeed.
                std::thread::sleep(if round % BURST == BURST - 1 {
                    QUIET
                } else {
                    Duration::from_millis(1)
                });
                round += 1;
            }
        })
    };
    let start = Instant::now();
    let mut runs = 0;
    while start.elapsed() < Duration::from_secs(10) {
        let run = ws.run(["backup"]);
        assert!(
            run.code() == 0 || run.stderr().contains("kept changing"),
            "{}{}",
            run.stdout(),
            run.stderr()
        );
        runs += 1;
    }
    stop.store(true, Ordering::Relaxed);
    writer.join().expect("writer");

    let store = ws.store("Shop");
    let catalog: toml::Table =
        toml::from_str(&std::fs::read_to_string(store.join("catalog.toml")).expect("catalog")).expect("toml");
    let versions = catalog
        .get("version")
        .and_then(toml::Value::as_array)
        .cloned()
        .unwrap_or_default();
    assert!(!versions.is_empty(), "no backup succeeded in {runs} runs");
    for v in &versions {
        let file = v.get("file").and_then(toml::Value::as_str).expect("file");
        let sha = v.get("sha256").and_then(toml::Value::as_str).expect("sha");
        assert!(
            hashes.iter().any(|h| h == sha),
            "`{file}` ({save:?}, {} bytes) was recorded although it is none of the states the workbook held ({runs} runs, {} versions): {v}",
            std::fs::metadata(store.join(file)).map_or(0, |m| m.len()),
            versions.len()
        );
        assert_eq!(sha256_hex(&store.join(file)), sha);
    }
}

#[test]
fn a_workbook_rewritten_in_place_is_never_recorded_torn() {
    race(Save::InPlace);
}

#[test]
fn a_truncate_and_rewrite_is_never_recorded_cut_short() {
    race(Save::TruncateAndRewrite);
}
