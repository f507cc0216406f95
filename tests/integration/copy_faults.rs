//! A destination that disappears or turns read-only in the middle of a copy leaves both places
//! consistent (each passes `sheetsafe verify --full` and `sha256sum -c`), and the copy resumes
//! later. The faults are caused from inside the copy through its progress callback, so they hit
//! at a known point of a real run; the read-only medium is a real read-only tmpfs.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use sheetsafe::copies::{self, CopyState, RunOutcome};
use sheetsafe::problem::{CopyTrouble, Problem};
use sheetsafe::progress::{ProgressEvent, ProgressFn};

use crate::copies_util::{LOCK_WAIT, add_dest, assert_consistent, at, listed, load_profile, profile_with_versions};
use crate::util::{Mount, Workspace, sha256_hex, write_workbook};

const VERSIONS: u64 = 4;

/// A profile with four versions of about 2 MB and a destination `USB` at `usb/`.
fn setup() -> (Workspace, PathBuf) {
    let ws = Workspace::new();
    profile_with_versions(&ws, VERSIONS, 2 << 20);
    std::fs::create_dir_all(ws.path("usb")).expect("mkdir");
    add_dest(&ws, "USB", &ws.path("usb"), &["--daily", "18:00"]).ok();
    let dest_dir = ws.path("usb/Sales");
    (ws, dest_dir)
}

/// Runs `fault` once, when the copy's `n`-th piece of work starts. Each version is two pieces:
/// the copy, then reading the copy back.
fn on_start(n: usize, fault: impl Fn() + Sync) -> ProgressFn<impl Fn(ProgressEvent) + Sync> {
    let started = AtomicUsize::new(0);
    ProgressFn(move |event| {
        if matches!(event, ProgressEvent::Started { .. }) && started.fetch_add(1, Ordering::SeqCst) + 1 == n {
            fault();
        }
    })
}

#[test]
fn a_destination_renamed_away_mid_copy_stays_consistent_and_the_copy_resumes() {
    let (ws, dest_dir) = setup();
    let profile = load_profile(&ws, "Sales");
    let (usb, away) = (ws.path("usb"), ws.path("usb-away"));
    // The third piece of work is the copy of the second version: the drive goes mid-copy.
    let hook = on_start(3, || std::fs::rename(&usb, &away).expect("pull the drive"));
    let reports = copies::run_due(&profile, at(2030, 1, 7, 10, 0), LOCK_WAIT, &hook);
    assert_eq!(reports[0].outcome, RunOutcome::Waiting, "{:?}", reports[0]);
    assert_eq!(reports[0].copied.len(), 1, "the newest version was complete before");
    assert!(
        reports[0].problems[0].to_string().contains("disappeared"),
        "{:?}",
        reports[0].problems
    );

    // The main folder is untouched, and the destination (back under its name) holds one
    // complete, listed version and a temporary file, which is no problem.
    std::fs::rename(&away, &usb).expect("plug in");
    assert_eq!(listed(&dest_dir).len(), 1);
    assert_consistent(&ws, &[&ws.store("Sales"), &dest_dir]);

    let reports = copies::run_due(&profile, at(2030, 1, 7, 10, 5), LOCK_WAIT, &());
    assert_eq!(reports[0].outcome, RunOutcome::Done, "{:?}", reports[0]);
    assert_eq!(reports[0].copied.len(), 3);
    assert_eq!(listed(&dest_dir), listed(&ws.store("Sales")));
    assert!(temp_files(&dest_dir).is_empty(), "the leftover is cleaned up");
    assert_consistent(&ws, &[&ws.store("Sales"), &dest_dir]);
}

#[test]
fn a_destination_deleted_mid_copy_leaves_the_main_folder_intact_and_is_refilled() {
    let (ws, dest_dir) = setup();
    let profile = load_profile(&ws, "Sales");
    let usb = ws.path("usb");
    let hook = on_start(4, || std::fs::remove_dir_all(&usb).expect("the share goes"));
    let reports = copies::run_due(&profile, at(2030, 1, 7, 10, 0), LOCK_WAIT, &hook);
    assert_eq!(reports[0].outcome, RunOutcome::Waiting, "{:?}", reports[0]);
    assert_consistent(&ws, &[&ws.store("Sales")]);
    assert_eq!(
        copies::destination_status(&profile, at(2030, 1, 7, 10, 1))[0].state,
        CopyState::WaitingForFolder
    );

    std::fs::create_dir_all(&usb).expect("the share is back, empty");
    let reports = copies::run_due(&profile, at(2030, 1, 7, 10, 2), LOCK_WAIT, &());
    assert_eq!(reports[0].outcome, RunOutcome::Done);
    assert_eq!(listed(&dest_dir).len(), usize::try_from(VERSIONS).expect("small"));
    assert_consistent(&ws, &[&ws.store("Sales"), &dest_dir]);
}

/// `chattr +i` on a folder: nothing can be created, renamed or deleted in it, even by root,
/// which is what a medium that turned read-only refuses. Undone on drop.
struct Immutable(PathBuf);

impl Immutable {
    fn set(dir: &Path) -> Option<Immutable> {
        let ok = Command::new("chattr")
            .arg("+i")
            .arg(dir)
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            Some(Immutable(dir.to_path_buf()))
        } else {
            assert!(std::env::var_os("CI").is_none(), "CI must be able to run chattr (root)");
            None
        }
    }

    fn clear(&self) {
        let _ = Command::new("chattr").arg("-i").arg(&self.0).status();
    }
}

impl Drop for Immutable {
    fn drop(&mut self) {
        self.clear();
    }
}

#[test]
fn a_destination_that_turns_read_only_mid_copy_stays_consistent_and_the_copy_resumes() {
    let (ws, dest_dir) = setup();
    let profile = load_profile(&ws, "Sales");
    let guard = std::sync::Mutex::new(None);
    // The fourth piece of work is reading back the second copy, just before its rename.
    let hook = on_start(4, || {
        *guard.lock().expect("lock") = Immutable::set(&dest_dir);
    });
    let reports = copies::run_due(&profile, at(2030, 1, 7, 10, 0), LOCK_WAIT, &hook);
    let Some(immutable) = guard.lock().expect("lock").take() else {
        eprintln!("skipping: chattr is not available here (needs root); CI runs this test as root");
        return;
    };
    assert_eq!(reports[0].outcome, RunOutcome::Failed, "{:?}", reports[0]);
    assert_eq!(reports[0].copied.len(), 1);
    assert!(
        reports[0].problems[0].to_string().contains("read-only") && reports[0].problems[0].to_string().contains("usb"),
        "{:?}",
        reports[0].problems
    );
    let failed = &copies::destination_status(&profile, at(2030, 1, 7, 10, 1))[0];
    assert_eq!(failed.state, CopyState::Failed);
    assert!(
        matches!(
            &failed.problems[0],
            Problem::SecondCopy { trouble: CopyTrouble::Failed { reason, said: Some(said) }, .. }
                if reason.contains("read-only") && said.id == "store-read-only"
        ),
        "{:?}",
        failed.problems
    );
    // Kept in copies.toml as data, so the app says it in the user's language.
    let pl = failed.problems[0].localized(&sheetsafe::i18n::Translator::new(sheetsafe::i18n::Language::Pl));
    assert!(pl.contains("tylko do odczytu") && !pl.contains("read-only"), "{pl}");
    assert_consistent(&ws, &[&ws.store("Sales"), &dest_dir]);

    immutable.clear();
    assert!(
        copies::run_due(&profile, at(2030, 1, 7, 10, 2), LOCK_WAIT, &()).is_empty(),
        "a failed destination is not retried at once"
    );
    let reports = copies::run_due(&profile, at(2030, 1, 7, 10, 20), LOCK_WAIT, &());
    assert_eq!(reports[0].outcome, RunOutcome::Done, "{:?}", reports[0]);
    assert_eq!(listed(&dest_dir), listed(&ws.store("Sales")));
    assert!(temp_files(&dest_dir).is_empty());
    assert_consistent(&ws, &[&ws.store("Sales"), &dest_dir]);
}

#[test]
fn a_read_only_drive_is_reported_by_the_cli_and_copied_to_once_writable() {
    let ws = Workspace::new();
    let Some(mount) = Mount::tmpfs(&ws.path("usb"), "16m") else {
        return;
    };
    let wb = profile_with_versions(&ws, 2, 100_000);
    add_dest(&ws, "USB", &ws.path("usb/Backups"), &["--on-plug"]).ok();
    ws.run(["copy", "Sales"]).ok();
    let dest_dir = ws.path("usb/Backups/Sales");
    let before: Vec<String> = listed(&dest_dir);

    write_workbook(&wb, 77, 100_000);
    ws.run(["backup"]).ok();
    mount.remount_read_only();
    let run = ws.run(["copy", "Sales"]);
    run.expect_code(2);
    assert!(
        run.stderr().contains("read-only") && run.stderr().contains("usb"),
        "{}",
        run.stderr()
    );
    assert_eq!(listed(&dest_dir), before);
    assert_consistent(&ws, &[&ws.store("Sales"), &dest_dir]);

    mount.remount_read_write();
    ws.run(["copy", "Sales"]).ok();
    assert_eq!(listed(&dest_dir), listed(&ws.store("Sales")));
    let newest = listed(&dest_dir).pop().expect("a version");
    assert_eq!(sha256_hex(&dest_dir.join(newest)), sha256_hex(&wb));
    assert_consistent(&ws, &[&ws.store("Sales"), &dest_dir]);
}

fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".sheetsafe-tmp-"))
        .collect()
}
