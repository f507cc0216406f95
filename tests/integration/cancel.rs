//! Cancel, as the app's Cancel button does it: the progress sink says "cancelled" part-way
//! through a real backup, check, second copy and restore of multi-megabyte workbooks. Each must
//! stop, say it was cancelled (never "unreadable" or "damaged"), leave no half-written file,
//! record nothing false, and leave what was finished before intact (`sha256sum -c`).

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use sheetsafe::copies::{self, CopyState, RunOutcome};
use sheetsafe::engine::{self, BackupError, BackupRequest, Trigger};
use sheetsafe::progress::{Progress, ProgressEvent};
use sheetsafe::restore::{self, RestoreError, RestoreTarget};
use sheetsafe::store::ProfileStore;
use sheetsafe::verify::{self, VerifyMode};

use crate::copies_util::{LOCK_WAIT, add_dest, at, catalog, listed, load_profile, profile_with_versions};
use crate::util::{Workspace, assert_sha256sum_passes, sha256_hex, write_workbook};

/// Workbooks of this many payload bytes take several 1 MiB chunks to read.
const SIZE: usize = 6 << 20;

/// Says "cancelled" once `after` chunks were read: the user pressing Cancel mid-file.
struct CancelAfter {
    after: u64,
    chunks: AtomicU64,
}

impl CancelAfter {
    fn new(after: u64) -> Self {
        CancelAfter {
            after,
            chunks: AtomicU64::new(0),
        }
    }
}

impl Progress for CancelAfter {
    fn report(&self, event: ProgressEvent) {
        if matches!(event, ProgressEvent::Bytes { .. }) {
            self.chunks.fetch_add(1, Ordering::Relaxed);
        }
    }

    fn cancelled(&self) -> bool {
        self.chunks.load(Ordering::Relaxed) >= self.after
    }
}

/// Files in `dir` that are not finished versions or the store's own files: what a cut-short
/// copy would leave.
fn leftovers(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let listed: Vec<String> = catalog(dir).versions.into_iter().map(|v| v.file.to_string()).collect();
    entries
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| {
            !listed.contains(n)
                && ![
                    "catalog.toml",
                    "SHA256SUMS",
                    ".sheetsafe.lock",
                    "copies.toml",
                    "contents",
                ]
                .contains(&n.as_str())
        })
        .collect()
}

#[test]
fn a_cancelled_backup_records_nothing_and_leaves_no_partial_copy() {
    let ws = Workspace::new();
    let wb = profile_with_versions(&ws, 1, SIZE);
    let profile = load_profile(&ws, "Sales");
    write_workbook(&wb, 2, SIZE);
    let request = BackupRequest {
        profile: &profile,
        workbook: &wb,
        trigger: Trigger::Manual,
        lock_wait: LOCK_WAIT,
    };
    let result = engine::back_up(&request, &CancelAfter::new(2));
    assert!(
        matches!(result, Err(BackupError::Cancelled { .. })),
        "expected a cancelled backup, got {result:?}"
    );
    let store = ws.store("Sales");
    assert_eq!(listed(&store).len(), 1, "a cancelled backup recorded a version");
    assert_eq!(leftovers(&store), Vec::<String>::new(), "a partial copy was left");
    assert_sha256sum_passes(&store);
    // Nothing is stuck: the same backup uncancelled makes the version.
    engine::back_up(&request, &()).expect("the backup after the cancel");
    assert_eq!(listed(&store).len(), 2);
}

#[test]
fn a_cancelled_check_reports_no_damage_and_stamps_only_what_it_read() {
    let ws = Workspace::new();
    profile_with_versions(&ws, 3, SIZE);
    let profile = load_profile(&ws, "Sales");
    let stamps_before: Vec<_> = catalog(&ws.store("Sales"))
        .versions
        .iter()
        .map(|v| v.verified)
        .collect();
    // One chunk in: the first version is cut short, the others are never reached (one worker
    // per core reads them, so on a big machine a second may be cut short too).
    let report = verify::verify_profile(&profile, VerifyMode::Full, &CancelAfter::new(1));
    assert!(report.cancelled, "the report does not say it was cancelled: {report:?}");
    assert!(report.is_ok(), "a cancel became a finding: {:?}", report.findings);
    assert!(
        report.findings.is_empty(),
        "findings after a cancel: {:?}",
        report.findings
    );
    assert!(
        report.intact < report.versions,
        "{} of {} intact",
        report.intact,
        report.versions
    );
    // Only the versions read to the end get a new "verified" time.
    let stamped = catalog(&ws.store("Sales"))
        .versions
        .iter()
        .zip(&stamps_before)
        .filter(|(v, before)| v.verified != **before)
        .count();
    assert_eq!(stamped, report.intact, "versions stamped verified without being read");
    // The full check afterwards reads everything.
    let report = verify::verify_profile(&profile, VerifyMode::Full, &());
    assert!(!report.cancelled && report.is_ok() && report.intact == 3, "{report:?}");
}

#[test]
fn a_cancelled_copy_keeps_what_was_copied_and_is_no_failure() {
    let ws = Workspace::new();
    profile_with_versions(&ws, 3, SIZE);
    let usb = ws.path("usb");
    std::fs::create_dir_all(&usb).expect("mkdir");
    add_dest(&ws, "USB", &usb, &["--on-plug"]).ok();
    let profile = load_profile(&ws, "Sales");
    // Each version is read three times (copy, read-back): cancel in the second version.
    let reports =
        copies::run_now(&profile, &[], at(2030, 1, 7, 10, 0), LOCK_WAIT, &CancelAfter::new(16)).expect("the run");
    assert_eq!(reports[0].outcome, RunOutcome::Cancelled, "{:?}", reports[0]);
    let dest = usb.join("Sales");
    let copied = listed(&dest);
    assert!(
        !copied.is_empty() && copied.len() < 3,
        "expected part of the copy done: {copied:?}"
    );
    assert_eq!(leftovers(&dest), Vec::<String>::new(), "a partial copy was left");
    assert_sha256sum_passes(&dest);
    let status = copies::destination_status(&profile, at(2030, 1, 7, 10, 1));
    assert!(
        !matches!(status[0].state, CopyState::Failed),
        "a cancel was recorded as a failed copy: {:?}",
        status[0]
    );
    // The next run finishes the job.
    let reports = copies::run_now(&profile, &[], at(2030, 1, 7, 10, 2), LOCK_WAIT, &()).expect("the run");
    assert_eq!(reports[0].outcome, RunOutcome::Done, "{:?}", reports[0]);
    assert_eq!(listed(&dest).len(), 3);
    assert_sha256sum_passes(&dest);
}

#[test]
fn a_cancelled_restore_writes_nothing_and_leaves_the_workbook_as_it_was() {
    let ws = Workspace::new();
    let wb = profile_with_versions(&ws, 2, SIZE);
    let profile = load_profile(&ws, "Sales");
    let versions = catalog(&ws.store("Sales")).versions;
    let oldest = versions
        .iter()
        .min_by_key(|v| v.order_key())
        .expect("a version")
        .clone();
    let before = sha256_hex(&wb);

    // To a new file: the file must not appear.
    let target = ws.path("restored.xlsx");
    let result = restore::restore(
        &profile,
        &wb,
        &oldest,
        &RestoreTarget::To(target.clone()),
        Duration::from_secs(5),
        &CancelAfter::new(2),
    );
    assert!(matches!(result, Err(RestoreError::Cancelled { .. })), "{result:?}");
    assert!(!target.exists(), "a cancelled restore left {}", target.display());

    // Over the workbook: it keeps its bytes.
    let result = restore::restore(
        &profile,
        &wb,
        &oldest,
        &RestoreTarget::ReplaceOriginal,
        Duration::from_secs(5),
        &CancelAfter::new(2),
    );
    assert!(matches!(result, Err(RestoreError::Cancelled { .. })), "{result:?}");
    assert_eq!(sha256_hex(&wb), before, "a cancelled restore changed the workbook");
    let dir = wb.parent().expect("folder");
    let stray: Vec<_> = std::fs::read_dir(dir)
        .expect("read")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        // The restore lock stays by design (see `restore::guard`); anything else is a leftover.
        .filter(|n| n != "Sales.xlsx" && n != restore::RESTORE_LOCK_FILE)
        .collect();
    assert_eq!(stray, Vec::<String>::new(), "files left beside the workbook");
    assert_eq!(leftovers(&ws.store("Sales")), Vec::<String>::new());
    assert_sha256sum_passes(ProfileStore::new(&profile.backup_folder, &profile.name).dir());
}
