//! Messages: one sentence naming the file and the next step, printed once; special files get
//! their own sentence; a closed output pipe ends the program quietly.

#[cfg(unix)]
use std::process::Command;
use std::process::Stdio;

use crate::util::{Workspace, write_workbook};

#[test]
fn an_os_error_is_printed_once() {
    let ws = Workspace::new();
    let wb = ws.data("Sales.xlsx");
    write_workbook(&wb, 1, 1000);
    ws.add_profile("Sales", &[&wb], &[]).ok();
    ws.run(["backup"]).ok();
    // A profile folder replaced by a plain file: reading the catalog inside it fails with an
    // OS error ("Not a directory").
    std::fs::remove_dir_all(ws.store("Sales")).expect("remove");
    std::fs::write(ws.store("Sales"), b"not a folder").expect("a file in its place");
    let run = ws.run(["versions", "Sales"]);
    run.expect_code(2);
    let err = run.stderr();
    assert!(err.contains("os error"), "{err}");
    assert_eq!(err.matches("os error").count(), 1, "printed twice: {err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[cfg(unix)]
#[test]
fn a_fifo_as_workbook_gets_its_own_sentence() {
    let ws = Workspace::new();
    let wb = ws.data("Sales.xlsx");
    write_workbook(&wb, 1, 1000);
    ws.add_profile("Sales", &[&wb], &[]).ok();
    ws.run(["backup"]).ok();
    std::fs::remove_file(&wb).expect("remove");
    assert!(Command::new("mkfifo").arg(&wb).status().expect("mkfifo").success());
    let run = ws.run(["backup"]);
    run.expect_code(2);
    let err = run.stderr();
    assert!(err.contains("named pipe (FIFO)") && err.contains("Sales.xlsx"), "{err}");
    assert!(!err.contains("folder") && !err.contains("close it"), "{err}");
    let run = ws.run(["restore", "Sales", "--replace"]);
    run.expect_code(2);
    assert!(
        run.stderr()
            .contains("named pipe (FIFO), not a workbook file, so nothing was restored"),
        "{}",
        run.stderr()
    );

    let fifo = ws.data("Pipe.xlsx");
    assert!(Command::new("mkfifo").arg(&fifo).status().expect("mkfifo").success());
    let run = ws.add_profile("Pipe", &[&fifo], &[]);
    run.expect_code(2);
    assert!(
        run.stderr().contains("named pipe (FIFO), not a workbook file"),
        "{}",
        run.stderr()
    );
}

#[test]
fn a_version_missing_from_disk_is_called_missing() {
    let ws = Workspace::new();
    let wb = ws.data("Sales.xlsx");
    write_workbook(&wb, 1, 1000);
    ws.add_profile("Sales", &[&wb], &[]).ok();
    ws.run(["backup"]).ok();
    let version = ws.versions("Sales").pop().expect("a version");
    std::fs::remove_file(ws.store("Sales").join(&version)).expect("remove");
    let target = ws.path("out.xlsx").display().to_string();
    let run = ws.run(["restore", "Sales", "--to", &target]);
    run.expect_code(2);
    let err = run.stderr();
    assert!(err.contains("is missing") && err.contains(&version), "{err}");
    assert!(!err.contains("os error"), "{err}");
    let listing = ws.run(["versions", "Sales"]).ok().stdout();
    assert!(
        listing.contains("MISSING") && listing.contains("1 version(s) listed are missing"),
        "{listing}"
    );
}

#[test]
fn a_closed_output_pipe_ends_quietly_with_success() {
    let ws = Workspace::new();
    let wb = ws.data("Sales.xlsx");
    write_workbook(&wb, 1, 1000);
    ws.add_profile("Sales", &[&wb], &[]).ok();
    for seed in 2..5 {
        write_workbook(&wb, seed, 1000);
        ws.run(["backup"]).ok();
    }
    for args in [
        vec!["versions", "Sales"],
        vec!["status"],
        vec!["profile", "list"],
        vec!["versions", "Sales", "--json"],
    ] {
        // `| head -0`: the reader closes the pipe before the program writes to it.
        let mut child = ws
            .cmd(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("wait");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
    }
}
