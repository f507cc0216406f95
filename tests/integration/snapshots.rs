//! The text users read, snapshotted whole: stdout, stderr and the exit code of `status`,
//! `verify`, `versions`, `restore` and the CLI's errors, with the things that change from run
//! to run (the temporary folder, times, hashes, process ids) redacted. A change to any sentence
//! shows up here as a diff to review; accept it with `INSTA_UPDATE=always cargo test snapshots`
//! (or `cargo insta review`).

use std::fmt::Write as _;
use std::path::PathBuf;

use crate::util::{Run, Workspace};

/// One run as a user sees it.
fn shown(run: &Run) -> String {
    format!(
        "exit code: {}\n--- stdout\n{}--- stderr\n{}",
        run.code(),
        run.stdout(),
        run.stderr()
    )
}

/// Asserts the snapshot `name` of `runs` (each labelled with its command line), with the
/// workspace folder and everything time-, process- or hash-dependent redacted.
#[track_caller]
fn snapshot(ws: &Workspace, name: &str, runs: &[(&str, Run)]) {
    let mut text = String::new();
    for (command, run) in runs {
        writeln!(text, "$ sheetsafe {command}\n{}", shown(run)).expect("writing to a String");
    }
    let root = ws.root.path().display().to_string();
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.add_filter(&regex_escape(&root), "[WS]");
    // Version names carry their time: `Book__2026-12-01_013355.xlsx`, maybe with `_002`.
    settings.add_filter(r"__\d{4}-\d{2}-\d{2}_\d{6}(_\d{3})?", "__[STAMP]");
    settings.add_filter(
        r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?",
        "[TIME]",
    );
    settings.add_filter(r"\b\d{2}:\d{2}\b", "[HH:MM]");
    settings.add_filter(r"[0-9a-f]{64}", "[SHA256]");
    settings.add_filter(r"process \d+", "process [PID]");
    settings.add_filter(r#""pid": \d+"#, r#""pid": [PID]"#);
    settings.add_filter(r#""host": "[^"]*""#, r#""host": "[HOST]""#);
    settings.bind(|| insta::assert_snapshot!(name, text));
}

/// `regex` syntax for a literal string (the temporary folder's path).
fn regex_escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A profile `Cửa hàng` over one Vietnamese-named workbook. No agent runs for a workspace, so
/// the status always says so.
fn shop(ws: &Workspace) -> PathBuf {
    let workbook = ws.add_corpus_file("poi__SampleSS.xlsx", "Sổ bán hàng.xlsx");
    ws.add_profile("Cửa hàng", &[&workbook], &[]).ok();
    workbook
}

#[test]
fn status_before_and_after_the_first_backup() {
    let ws = Workspace::new();
    shop(&ws);
    let before = ws.run(["status"]);
    let backup = ws.run(["backup"]);
    let after = ws.run(["status"]);
    snapshot(
        &ws,
        "status_first_backup",
        &[("status", before), ("backup", backup), ("status", after)],
    );
}

#[test]
fn versions_as_text_and_json() {
    let ws = Workspace::new();
    let workbook = shop(&ws);
    ws.run(["backup"]).ok();
    std::fs::copy(crate::util::corpus_dir().join("poi__WithDrawing.xlsx"), &workbook).expect("save");
    ws.run(["backup"]).ok();
    snapshot(
        &ws,
        "versions",
        &[
            ("versions 'Cửa hàng'", ws.run(["versions", "Cửa hàng"])),
            ("versions 'Cửa hàng' --json", ws.run(["versions", "Cửa hàng", "--json"])),
        ],
    );
}

#[test]
fn verify_intact_then_after_a_version_is_changed_on_disk() {
    let ws = Workspace::new();
    shop(&ws);
    ws.run(["backup"]).ok();
    let intact = ws.run(["verify", "--full"]);
    let version = ws.versions("Cửa hàng").pop().expect("a version");
    let path = ws.store("Cửa hàng").join(&version);
    let mut bytes = std::fs::read(&path).expect("read version");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    std::fs::write(&path, bytes).expect("damage version");
    let damaged = ws.run(["verify", "--full"]);
    snapshot(
        &ws,
        "verify",
        &[("verify --full", intact), ("verify --full (one byte changed)", damaged)],
    );
}

#[test]
fn restore_to_a_new_file_and_over_the_workbook() {
    let ws = Workspace::new();
    let workbook = shop(&ws);
    ws.run(["backup"]).ok();
    std::fs::copy(crate::util::corpus_dir().join("poi__WithDrawing.xlsx"), &workbook).expect("save");
    let target = ws.path("restored.xlsx");
    let to_file = ws.run([
        "restore".as_ref(),
        "Cửa hàng".as_ref(),
        "--to".as_ref(),
        target.as_os_str(),
    ]);
    let replace = ws.run(["restore", "Cửa hàng", "--replace"]);
    snapshot(
        &ws,
        "restore",
        &[
            ("restore 'Cửa hàng' --to restored.xlsx", to_file),
            ("restore 'Cửa hàng' --replace", replace),
        ],
    );
}

#[test]
fn errors_name_the_file_and_the_next_step() {
    let ws = Workspace::new();
    shop(&ws);
    let unknown = ws.run(["backup", "Nope"]);
    let missing = ws.run([
        "profile".as_ref(),
        "add".as_ref(),
        "Kho".as_ref(),
        "--workbook".as_ref(),
        ws.data("không có.xlsx").as_os_str(),
        "--backup-folder".as_ref(),
        ws.backup().as_os_str(),
    ]);
    let no_version = ws.run(["restore", "Cửa hàng", "--replace"]);
    std::fs::write(ws.config(), "[[profile]\nname = \"x\"\n").expect("break config");
    let broken = ws.run(["status"]);
    snapshot(
        &ws,
        "cli_errors",
        &[
            ("backup Nope", unknown),
            ("profile add Kho --workbook 'không có.xlsx'", missing),
            ("restore 'Cửa hàng' --replace (nothing backed up)", no_version),
            ("status (config.toml broken)", broken),
        ],
    );
}
