//! The configuration is one document with one writer at a time: the CLI's changes keep the
//! comments a user wrote, and writers running at once lose nothing.

use crate::util::{Workspace, write_workbook};

#[test]
fn profile_commands_keep_the_users_comments() {
    let ws = Workspace::new();
    let a = ws.data("Sales.xlsx");
    let b = ws.data("Stock.xlsx");
    write_workbook(&a, 1, 1000);
    write_workbook(&b, 2, 1000);
    ws.add_profile("Sales", &[&a], &[]).ok();
    let text = std::fs::read_to_string(ws.config()).expect("read");
    let commented = format!("# Written by Anna: do not remove the Sales profile.\n{text}").replace(
        "lock_wait_seconds = 600",
        "lock_wait_seconds = 600 # ten minutes, the NAS is slow",
    );
    std::fs::write(ws.config(), &commented).expect("write");

    ws.add_profile("Stock", &[&b], &[]).ok();
    ws.run(["profile", "copy", "Stock", "Stock2"]).ok();
    ws.run(["profile", "remove", "Stock2"]).ok();
    let dest = ws.path("usb");
    std::fs::create_dir_all(&dest).expect("mkdir");
    let dest_s = dest.display().to_string();
    ws.run([
        "profile",
        "dest",
        "add",
        "Sales",
        "--dest-name",
        "USB",
        "--folder",
        &dest_s,
        "--on-plug",
    ])
    .ok();
    ws.run(["profile", "dest", "remove", "Sales", "USB"]).ok();

    let after = std::fs::read_to_string(ws.config()).expect("read");
    assert!(
        after.contains("# Written by Anna: do not remove the Sales profile."),
        "{after}"
    );
    assert!(after.contains("# ten minutes, the NAS is slow"), "{after}");
    let list = ws.run(["profile", "list"]).ok().stdout();
    assert!(
        list.contains("Sales") && list.contains("Stock") && !list.contains("Stock2"),
        "{list}"
    );
}

#[test]
fn profiles_added_at_the_same_time_are_all_kept() {
    let ws = Workspace::new();
    let mut children = Vec::new();
    for i in 0..6 {
        let wb = ws.data(&format!("Book{i}.xlsx"));
        write_workbook(&wb, i, 1000);
        let mut cmd = ws.cmd(["profile", "add", &format!("P{i}"), "--workbook"]);
        cmd.arg(&wb).arg("--backup-folder").arg(ws.backup());
        children.push(
            cmd.stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .expect("spawn"),
        );
    }
    for mut child in children {
        assert!(child.wait().expect("wait").success());
    }
    let list = ws.run(["profile", "list"]).ok().stdout();
    for i in 0..6 {
        assert!(list.contains(&format!("P{i}:")), "P{i} was lost: {list}");
    }
}
