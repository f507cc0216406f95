//! Second copies through the CLI: `profile dest add|list|remove|suggest` and `copy`. A
//! destination must end up a backup folder in the same format as the main one, checked by
//! `sheetsafe verify` and by `sha256sum -c`.

use crate::copies_util::{add_dest, assert_consistent, catalog, listed, profile_with_versions};
use crate::util::{Workspace, write_workbook};

#[test]
fn copy_puts_every_version_in_the_destination_in_the_same_format() {
    let ws = Workspace::new();
    profile_with_versions(&ws, 3, 50_000);
    std::fs::create_dir_all(ws.path("usb")).expect("mkdir");
    let add = add_dest(&ws, "USB", &ws.path("usb/Backups"), &["--daily", "18:00"]);
    add.ok();
    assert!(
        add.stderr().contains("same disk as the workbook"),
        "a destination on the workbook's disk must be warned about: {}",
        add.stderr()
    );

    let run = ws.run(["copy", "Sales"]);
    run.ok();
    assert!(run.stdout().contains("copied 3 version(s)"), "{}", run.stdout());

    let main = ws.store("Sales");
    let dest = ws.path("usb/Backups/Sales");
    assert_eq!(listed(&dest), listed(&main), "same version files under the same names");
    // Same metadata as the source version; only `verified` is the destination's own.
    let dest_catalog = catalog(&dest);
    for v in catalog(&main).versions {
        let mut copy = dest_catalog.find(v.file.as_str()).expect("copied").clone();
        assert!(copy.verified.is_some());
        copy.verified = v.verified;
        assert_eq!(copy, v);
    }
    assert_consistent(&ws, &[&main, &dest]);

    let verify = ws.run(["verify", "--full"]);
    assert!(
        verify.stdout().contains("(second copy `USB`): 3 of 3 version(s)"),
        "{}",
        verify.stdout()
    );
    let again = ws.run(["copy", "Sales"]);
    again.ok();
    assert!(again.stdout().contains("up to date"), "{}", again.stdout());
    let record = std::fs::read_to_string(main.join("copies.toml")).expect("copies.toml");
    assert!(
        record.contains("name = \"USB\"") && record.contains("last_success"),
        "{record}"
    );
}

#[test]
fn each_destination_keeps_its_own_history() {
    let ws = Workspace::new();
    let wb = ws.data("Sales.xlsx");
    write_workbook(&wb, 0, 1000);
    ws.add_profile(
        "Sales",
        &[&wb],
        &[
            "--keep-last",
            "2",
            "--keep-daily",
            "0",
            "--keep-weekly",
            "0",
            "--keep-monthly",
            "0",
        ],
    )
    .ok();
    std::fs::create_dir_all(ws.path("archive")).expect("mkdir");
    std::fs::create_dir_all(ws.path("stick")).expect("mkdir");
    add_dest(&ws, "Archive", &ws.path("archive"), &["--weekly", "fri"]).ok();
    let mut short = vec![
        "profile",
        "dest",
        "add",
        "Sales",
        "--dest-name",
        "Stick",
        "--on-plug",
        "--keep-last",
        "1",
        "--keep-daily",
        "0",
        "--keep-monthly",
        "0",
        "--folder",
    ];
    let stick = ws.path("stick").display().to_string();
    short.push(&stick);
    ws.run(short).ok();

    for seed in 1..=4 {
        // One version per second: within one second a name freed by the keep rules can be
        // given to the next version, and this test compares places by file name.
        std::thread::sleep(std::time::Duration::from_millis(1100));
        write_workbook(&wb, seed, 1000);
        ws.run(["backup"]).ok();
        ws.run(["copy", "Sales"]).ok();
    }
    assert_eq!(listed(&ws.store("Sales")).len(), 2, "the main folder keeps the last 2");
    assert_eq!(
        listed(&ws.path("archive/Sales")).len(),
        4,
        "the archive keeps what the main folder retired"
    );
    assert_eq!(
        listed(&ws.path("stick/Sales")).len(),
        1,
        "the stick keeps only the newest"
    );
    assert_eq!(
        listed(&ws.path("stick/Sales")),
        listed(&ws.path("archive/Sales")).split_off(3)
    );
    assert_consistent(
        &ws,
        &[&ws.store("Sales"), &ws.path("archive/Sales"), &ws.path("stick/Sales")],
    );
}

#[test]
fn destination_mistakes_are_refused_with_a_sentence() {
    let ws = Workspace::new();
    profile_with_versions(&ws, 1, 1000);
    let before = std::fs::read_to_string(ws.config()).expect("config");

    let unplugged = ws.path("usb-drive").join("Backups");
    let run = add_dest(&ws, "USB", &unplugged, &["--daily", "18:00"]);
    run.expect_code(2);
    assert!(
        run.stderr().contains("usb-drive") && run.stderr().contains("Plug in the drive"),
        "{}",
        run.stderr()
    );
    assert!(!ws.path("usb-drive").exists(), "nothing may be made on a missing drive");

    let run = add_dest(&ws, "Same", &ws.backup(), &["--daily", "18:00"]);
    run.expect_code(2);
    assert!(run.stderr().contains("no second copy"), "{}", run.stderr());

    let run = add_dest(&ws, "Late", &ws.path("late"), &["--daily", "25:00"]);
    run.expect_code(2);
    assert!(
        run.stderr().contains("`25:00` is not a time of day"),
        "{}",
        run.stderr()
    );

    let run = add_dest(&ws, "Never", &ws.path("never"), &[]);
    run.expect_code(2);

    let run = ws.run([
        "profile",
        "dest",
        "add",
        "Stock",
        "--dest-name",
        "X",
        "--folder",
        "/tmp",
        "--on-plug",
    ]);
    run.expect_code(2);
    assert!(run.stderr().contains("no profile called `Stock`"), "{}", run.stderr());

    let run = ws.run(["copy", "Sales"]);
    run.expect_code(2);
    assert!(run.stderr().contains("has no second copies yet"), "{}", run.stderr());
    assert_eq!(
        std::fs::read_to_string(ws.config()).expect("config"),
        before,
        "refused destinations must not change the configuration"
    );

    std::fs::create_dir_all(ws.path("usb")).expect("mkdir");
    add_dest(&ws, "USB", &ws.path("usb"), &["--monthly", "31", "--at", "07:00"]).ok();
    let run = add_dest(&ws, "usb", &ws.path("other"), &["--daily", "18:00"]);
    run.expect_code(2);
    assert!(run.stderr().contains("two destinations called"), "{}", run.stderr());

    let run = ws.run(["copy", "Sales", "--dest", "Nope"]);
    run.expect_code(2);
    assert!(
        run.stderr().contains("no destination called `Nope`") && run.stderr().contains("`USB`"),
        "{}",
        run.stderr()
    );

    let list = ws.run(["profile", "dest", "list", "Sales"]);
    list.ok();
    assert!(
        list.stdout().contains("monthly on day 31 at 07:00"),
        "{}",
        list.stdout()
    );
    ws.run(["profile", "dest", "remove", "Sales", "usb"]).ok();
    let list = ws.run(["profile", "dest", "list", "Sales"]);
    assert!(list.stdout().contains("no second copies yet"), "{}", list.stdout());
    assert!(
        ws.path("usb").is_dir(),
        "removing a destination leaves its folder alone"
    );
}

#[test]
fn suggest_finds_the_dropbox_folder_from_its_info_json() {
    let ws = Workspace::new();
    let home = ws.path("home");
    let dropbox = ws.path("Cloud/Dropbox (Anna)");
    std::fs::create_dir_all(home.join(".dropbox")).expect("mkdir");
    std::fs::create_dir_all(&dropbox).expect("mkdir");
    std::fs::write(
        home.join(".dropbox/info.json"),
        serde_json::json!({"personal": {"path": dropbox, "host": 1}}).to_string(),
    )
    .expect("write info.json");
    let run = sheetsafe_with_home(&ws, &home, &["profile", "dest", "suggest"]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let out = String::from_utf8_lossy(&run.stdout);
    assert!(
        out.contains("Dropbox") && out.contains(&dropbox.display().to_string()),
        "{out}"
    );
    assert!(
        out.contains(&dropbox.join("Sheetsafe").display().to_string()),
        "the suggested command proposes a folder inside it: {out}"
    );

    let json = sheetsafe_with_home(&ws, &home, &["profile", "dest", "suggest", "--json"]);
    let list: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert!(
        list.as_array()
            .expect("array")
            .iter()
            .any(|c| c["kind"] == "dropbox" && c["path"] == dropbox.display().to_string()),
        "{list}"
    );
}

fn sheetsafe_with_home(ws: &Workspace, home: &std::path::Path, args: &[&str]) -> std::process::Output {
    ws.cmd(args)
        .env("HOME", home)
        .env_remove("XDG_CONFIG_HOME")
        .output()
        .expect("run sheetsafe")
}

#[test]
fn copy_json_reports_each_destination() {
    let ws = Workspace::new();
    profile_with_versions(&ws, 2, 1000);
    std::fs::create_dir_all(ws.path("a")).expect("mkdir");
    std::fs::create_dir_all(ws.path("b")).expect("mkdir");
    add_dest(&ws, "A", &ws.path("a"), &["--daily", "18:00"]).ok();
    add_dest(&ws, "B", &ws.path("b"), &["--daily", "18:00"]).ok();
    let run = ws.run(["copy", "Sales", "--dest", "B", "--json"]);
    run.ok();
    let reports: serde_json::Value = serde_json::from_str(&run.stdout()).expect("json");
    assert_eq!(reports.as_array().map(Vec::len), Some(1), "{reports}");
    assert_eq!(reports[0]["destination"], "B");
    assert_eq!(reports[0]["outcome"], "done");
    assert_eq!(reports[0]["copied"].as_array().map(Vec::len), Some(2));
    assert!(!ws.path("a/Sales").exists(), "only the named destination runs");
}
