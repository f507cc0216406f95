//! Bad input gets one clear sentence naming the file and what to do, exit code 2, and nothing
//! half-written.

use crate::util::{Mount, Workspace, assert_sha256sum_passes, write_workbook};

#[test]
fn adding_a_missing_workbook_is_refused_and_writes_no_config() {
    let ws = Workspace::new();
    let missing = ws.data("Nope.xlsm");
    let run = ws.add_profile("Sales", &[&missing], &[]);
    run.expect_code(2);
    assert!(
        run.stderr().contains("Nope.xlsm") && run.stderr().contains("does not exist"),
        "{}",
        run.stderr()
    );
    assert!(!ws.config().exists(), "a failed add must not write a configuration");
}

#[test]
fn unknown_profile_names_the_known_ones() {
    let ws = Workspace::new();
    let wb = ws.add_corpus_file("poi__SampleSS.xlsx", "Sales.xlsx");
    ws.add_profile("Sales", &[&wb], &[]).ok();
    let run = ws.run(["backup", "Stock"]);
    run.expect_code(2);
    assert!(
        run.stderr().contains("no profile called `Stock`") && run.stderr().contains("`Sales`"),
        "{}",
        run.stderr()
    );
}

#[test]
fn malformed_config_names_file_and_line() {
    let ws = Workspace::new();
    std::fs::write(ws.config(), "[[profile]]\nname = \"Sales\"\nworkbooks = [\"a.xlsx\"\n").expect("write");
    let run = ws.run(["backup"]);
    run.expect_code(2);
    let err = run.stderr();
    assert!(err.contains(&ws.config().display().to_string()), "{err}");
    assert!(err.contains("line 3") || err.contains("line 4"), "{err}");
}

#[test]
fn vanished_workbook_is_named_and_the_others_still_back_up() {
    let ws = Workspace::new();
    let a = ws.add_corpus_file("poi__SampleSS.xlsx", "Sales.xlsx");
    let b = ws.add_corpus_file("poi__SampleSS.xls", "Stock.xls");
    ws.add_profile("Shop", &[&a, &b], &[]).ok();
    std::fs::remove_file(&a).expect("remove");
    let run = ws.run(["backup"]);
    run.expect_code(2);
    assert!(
        run.stderr().contains("Sales.xlsx") && run.stderr().contains("does not exist"),
        "{}",
        run.stderr()
    );
    assert_eq!(ws.versions("Shop").len(), 1, "Stock.xls must still be backed up");
}

#[test]
fn backup_folder_that_would_hold_the_workbook_is_refused() {
    let ws = Workspace::new();
    std::fs::create_dir_all(ws.backup().join("Loop")).expect("mkdir");
    let wb = ws.backup().join("Loop").join("Book.xlsx");
    std::fs::copy(crate::util::corpus_dir().join("poi__SampleSS.xlsx"), &wb).expect("copy");
    let run = ws.add_profile("Loop", &[&wb], &[]);
    run.expect_code(2);
    assert!(run.stderr().contains("back up its own backups"), "{}", run.stderr());
}

#[test]
fn same_disk_is_allowed_with_a_warning() {
    let ws = Workspace::new();
    let wb = ws.add_corpus_file("poi__SampleSS.xlsx", "Sales.xlsx");
    let run = ws.add_profile("Sales", &[&wb], &[]);
    run.ok();
    assert!(run.stderr().contains("same disk"), "{}", run.stderr());
}

#[test]
fn unreachable_backup_folder_is_named() {
    let ws = Workspace::new();
    let wb = ws.add_corpus_file("poi__SampleSS.xlsx", "Sales.xlsx");
    let gone = ws.path("usb-drive").join("Backups");
    std::fs::write(
        ws.config(),
        format!(
            "[[profile]]\nname = \"Sales\"\nworkbooks = [{:?}]\nbackup_folder = {:?}\n",
            wb.display().to_string(),
            gone.display().to_string()
        ),
    )
    .expect("write config");
    let run = ws.run(["backup"]);
    run.expect_code(2);
    assert!(
        run.stderr().contains("cannot be reached") && run.stderr().contains("Backups"),
        "{}",
        run.stderr()
    );
    assert!(
        !ws.path("usb-drive").exists(),
        "nothing may be created on a missing drive"
    );
}

#[test]
fn full_backup_folder_is_reported_and_leaves_the_store_intact() {
    let ws = Workspace::new();
    let Some(_mount) = Mount::tmpfs(&ws.path("small-disk"), "1m") else {
        return;
    };
    let wb = ws.data("Sales.xlsx");
    write_workbook(&wb, 1, 10_000);
    let folder = ws.path("small-disk").display().to_string();
    let wb_s = wb.display().to_string();
    ws.run([
        "profile",
        "add",
        "Sales",
        "--workbook",
        &wb_s,
        "--backup-folder",
        &folder,
    ])
    .ok();
    ws.run(["backup"]).ok();
    let store = ws.path("small-disk").join("Sales");
    let before: Vec<_> = std::fs::read_dir(&store)
        .expect("list")
        .map(|e| e.expect("e").file_name())
        .collect();

    write_workbook(&wb, 2, 3_000_000);
    let run = ws.run(["backup"]);
    run.expect_code(2);
    assert!(
        run.stderr().contains("is full") && run.stderr().contains("small-disk"),
        "{}",
        run.stderr()
    );
    assert!(
        run.stderr().contains("Could not back up `") && run.stderr().contains("Sales.xlsx"),
        "the message names the workbook: {}",
        run.stderr()
    );
    let after: Vec<_> = std::fs::read_dir(&store)
        .expect("list")
        .map(|e| e.expect("e").file_name())
        .collect();
    assert_eq!(before.len(), after.len(), "no half-written file may remain: {after:?}");
    ws.run(["verify", "--full"]).ok();
    assert_sha256sum_passes(&store);
}

#[test]
fn read_only_backup_folder_is_reported_and_leaves_the_store_intact() {
    let ws = Workspace::new();
    let Some(mount) = Mount::tmpfs(&ws.path("ro-disk"), "8m") else {
        return;
    };
    let wb = ws.data("Sales.xlsx");
    write_workbook(&wb, 1, 1000);
    let folder = ws.path("ro-disk").display().to_string();
    let wb_s = wb.display().to_string();
    ws.run([
        "profile",
        "add",
        "Sales",
        "--workbook",
        &wb_s,
        "--backup-folder",
        &folder,
    ])
    .ok();
    ws.run(["backup"]).ok();
    mount.remount_read_only();

    write_workbook(&wb, 2, 1000);
    let run = ws.run(["backup"]);
    run.expect_code(2);
    assert!(
        run.stderr().contains("read-only") && run.stderr().contains("ro-disk"),
        "{}",
        run.stderr()
    );
    ws.run(["verify", "--full"]).ok();
    assert_sha256sum_passes(&ws.path("ro-disk").join("Sales"));
}

#[test]
fn without_a_desktop_session_the_app_shows_the_status_as_text_instead_of_crashing() {
    let ws = Workspace::new();
    let wb = ws.add_corpus_file("poi__SampleSS.xlsx", "Sales.xlsx");
    ws.add_profile("Sales", &[&wb], &[]).ok();
    let out = ws
        .cmd(Vec::<&str>::new())
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("run sheetsafe");
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(!stderr.contains("panicked"), "a crash instead of a sentence: {stderr}");
    // The status's own exit code: 1, as this profile has no backup yet (a crash would be 101).
    assert_eq!(out.status.code(), Some(1), "stdout: {stdout}\nstderr: {stderr}");
    assert!(stdout.contains("Sales"), "no status of the profile: {stdout}");
    // The app's build says why there is no window, once; the command line alone says nothing.
    assert!(stderr.matches("could not open a window").count() <= 1, "{stderr}");
}
