//! Scheduled second copies driven by an injected clock (no sleeping): runs become due, missed
//! runs happen at the next start, an absent destination waits and turns overdue, and runs as
//! soon as its folder is back. The agent calls exactly these library functions.

use sheetsafe::copies::{self, CopyState, RunOutcome};
use sheetsafe::problem::{CopyTrouble, Problem};

use crate::copies_util::{LOCK_WAIT, add_dest, at, listed, load_profile, profile_with_versions};
use crate::util::{Workspace, write_workbook};

#[test]
fn daily_runs_when_due_catches_up_after_the_pc_was_off_and_waits_for_an_absent_folder() {
    let ws = Workspace::new();
    let wb = profile_with_versions(&ws, 1, 1000);
    std::fs::create_dir_all(ws.path("usb")).expect("mkdir");
    add_dest(&ws, "USB", &ws.path("usb"), &["--daily", "18:00"]).ok();
    let profile = load_profile(&ws, "Sales");
    let dest_dir = ws.path("usb/Sales");

    // 2030-01-07 is a Monday. Never copied: due at once.
    let reports = copies::run_due(&profile, at(2030, 1, 7, 10, 0), LOCK_WAIT, &());
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].outcome, RunOutcome::Done);
    assert_eq!(reports[0].copied.len(), 1);
    assert!(copies::run_due(&profile, at(2030, 1, 7, 11, 0), LOCK_WAIT, &()).is_empty());

    write_workbook(&wb, 99, 1000);
    ws.run(["backup"]).ok();
    assert!(
        copies::run_due(&profile, at(2030, 1, 7, 17, 59), LOCK_WAIT, &()).is_empty(),
        "not due before 18:00"
    );
    let status = copies::destination_status(&profile, at(2030, 1, 7, 17, 59));
    assert_eq!(status[0].state, CopyState::UpToDate);
    assert_eq!(status[0].lacking, Some(1));
    assert_eq!(status[0].next_due, at(2030, 1, 7, 18, 0).fixed_offset());

    let reports = copies::run_due(&profile, at(2030, 1, 7, 18, 0), LOCK_WAIT, &());
    assert_eq!(reports[0].copied.len(), 1, "the new version goes at 18:00");
    assert_eq!(listed(&dest_dir).len(), 2);

    // Off from Monday night to Thursday morning: the missed run happens at the next start,
    // once.
    let thursday = at(2030, 1, 10, 9, 0);
    assert_eq!(
        copies::destination_status(&profile, thursday)[0].state,
        CopyState::Overdue
    );
    let reports = copies::run_due(&profile, thursday, LOCK_WAIT, &());
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].outcome, RunOutcome::Done);
    assert!(copies::run_due(&profile, at(2030, 1, 10, 9, 5), LOCK_WAIT, &()).is_empty());
    assert_eq!(
        copies::destination_status(&profile, at(2030, 1, 10, 9, 5))[0].state,
        CopyState::UpToDate
    );

    // The drive is unplugged when the next run is due: waiting (reported once), then overdue
    // a day later.
    std::fs::rename(ws.path("usb"), ws.path("usb-away")).expect("unplug");
    let reports = copies::run_due(&profile, at(2030, 1, 10, 18, 1), LOCK_WAIT, &());
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].outcome, RunOutcome::Waiting);
    assert!(
        reports[0].problems[0].to_string().contains("not there"),
        "{:?}",
        reports[0].problems
    );
    assert!(copies::run_due(&profile, at(2030, 1, 10, 18, 2), LOCK_WAIT, &()).is_empty());
    let waiting = &copies::destination_status(&profile, at(2030, 1, 11, 17, 59))[0];
    assert_eq!(waiting.state, CopyState::WaitingForFolder);
    assert!(!waiting.needs_attention());
    let overdue = &copies::destination_status(&profile, at(2030, 1, 11, 18, 0))[0];
    assert_eq!(overdue.state, CopyState::Overdue);
    assert!(overdue.needs_attention());
    assert!(
        matches!(
            &overdue.problems[0],
            Problem::SecondCopy { trouble: CopyTrouble::OverdueFolderAway { folder }, .. }
                if folder.ends_with("usb")
        ) && overdue.problems[0].to_string().contains("overdue"),
        "{:?}",
        overdue.problems
    );

    // Plugged in again: runs at once, whatever the time of day.
    write_workbook(&wb, 100, 1000);
    ws.run(["backup"]).ok();
    std::fs::rename(ws.path("usb-away"), ws.path("usb")).expect("plug in");
    let reports = copies::run_due(&profile, at(2030, 1, 12, 8, 0), LOCK_WAIT, &());
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].outcome, RunOutcome::Done);
    assert_eq!(reports[0].copied.len(), 1);
    let back = &copies::destination_status(&profile, at(2030, 1, 12, 8, 1))[0];
    assert_eq!(back.state, CopyState::UpToDate);
    assert_eq!(back.absent_since, None);
    assert_eq!(back.lacking, Some(0));
}

#[test]
fn the_last_success_survives_a_restart() {
    let ws = Workspace::new();
    profile_with_versions(&ws, 1, 1000);
    std::fs::create_dir_all(ws.path("usb")).expect("mkdir");
    add_dest(&ws, "USB", &ws.path("usb"), &["--weekly", "friday", "--at", "17:00"]).ok();
    let profile = load_profile(&ws, "Sales");
    let when = at(2030, 1, 7, 10, 0);
    assert_eq!(copies::run_due(&profile, when, LOCK_WAIT, &()).len(), 1);

    // Another process (a restarted agent, the CLI) reads the same record.
    let list = ws.run(["profile", "dest", "list", "Sales", "--json"]);
    list.ok();
    let status: serde_json::Value = serde_json::from_str(&list.stdout()).expect("json");
    let recorded =
        chrono::DateTime::parse_from_rfc3339(status[0]["last_success"].as_str().expect("last_success")).expect("time");
    assert_eq!(recorded, when.fixed_offset());

    // And the library, loading the record afresh, knows the next run is Friday 17:00.
    let profile = load_profile(&ws, "Sales");
    assert!(copies::run_due(&profile, at(2030, 1, 11, 16, 59), LOCK_WAIT, &()).is_empty());
    assert_eq!(
        copies::run_due(&profile, at(2030, 1, 11, 17, 0), LOCK_WAIT, &()).len(),
        1
    );
}

#[test]
fn a_drive_for_when_plugged_in_copies_each_time_it_comes_back() {
    let ws = Workspace::new();
    let wb = profile_with_versions(&ws, 1, 1000);
    std::fs::create_dir_all(ws.path("stick")).expect("mkdir");
    add_dest(&ws, "Stick", &ws.path("stick"), &["--on-plug"]).ok();
    let profile = load_profile(&ws, "Sales");

    let reports = copies::run_due(&profile, at(2030, 1, 7, 9, 0), LOCK_WAIT, &());
    assert_eq!(reports.len(), 1);
    assert!(copies::run_due(&profile, at(2030, 1, 7, 9, 30), LOCK_WAIT, &()).is_empty());

    // Unplugged: noted, not reported as a failure; the status says it is waiting.
    write_workbook(&wb, 42, 1000);
    ws.run(["backup"]).ok();
    std::fs::rename(ws.path("stick"), ws.path("stick-away")).expect("unplug");
    assert!(copies::run_due(&profile, at(2030, 1, 7, 10, 0), LOCK_WAIT, &()).is_empty());
    assert_eq!(
        copies::destination_status(&profile, at(2030, 1, 7, 10, 1))[0].state,
        CopyState::WaitingForFolder
    );

    // Plugged in again the same day: copies at once.
    std::fs::rename(ws.path("stick-away"), ws.path("stick")).expect("plug in");
    let reports = copies::run_due(&profile, at(2030, 1, 7, 11, 0), LOCK_WAIT, &());
    assert_eq!(reports.len(), 1);
    assert_eq!(reports[0].copied.len(), 1);
    assert_eq!(listed(&ws.path("stick/Sales")).len(), 2);

    // Left plugged in, it still gets a copy once a day.
    assert!(copies::run_due(&profile, at(2030, 1, 7, 12, 0), LOCK_WAIT, &()).is_empty());
    assert_eq!(
        copies::run_due(&profile, at(2030, 1, 8, 11, 0), LOCK_WAIT, &()).len(),
        1
    );

    // Away for more than a week: overdue.
    std::fs::rename(ws.path("stick"), ws.path("stick-away")).expect("unplug");
    assert!(copies::run_due(&profile, at(2030, 1, 8, 12, 0), LOCK_WAIT, &()).is_empty());
    assert_eq!(
        copies::destination_status(&profile, at(2030, 1, 14, 12, 0))[0].state,
        CopyState::WaitingForFolder
    );
    assert_eq!(
        copies::destination_status(&profile, at(2030, 1, 15, 11, 0))[0].state,
        CopyState::Overdue
    );
}

#[test]
fn nothing_runs_before_the_first_backup() {
    let ws = Workspace::new();
    let wb = ws.data("Sales.xlsx");
    write_workbook(&wb, 1, 1000);
    ws.add_profile("Sales", &[&wb], &[]).ok();
    std::fs::create_dir_all(ws.path("usb")).expect("mkdir");
    add_dest(&ws, "USB", &ws.path("usb"), &["--daily", "18:00"]).ok();
    let profile = load_profile(&ws, "Sales");
    assert!(copies::run_due(&profile, at(2030, 1, 7, 10, 0), LOCK_WAIT, &()).is_empty());
    assert!(!ws.path("usb/Sales").exists());
    ws.run(["backup"]).ok();
    assert_eq!(
        copies::run_due(&profile, at(2030, 1, 7, 10, 1), LOCK_WAIT, &()).len(),
        1
    );
}
