//! Second copies and repair of an encrypted profile (store format 2), through the real binary
//! and judged by independent tools: the destination mirrors the main folder's ciphertext,
//! `sha256sum -c` passes there, it restores on its own (with the passphrase on another computer,
//! and with the `age` tool and the recovery sheet where `age` is installed), it never holds a
//! workbook's name in clear, follows the main folder's keep rules, is mended by `verify
//! --repair`, and an interrupted run leaves it consistent.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};

use sheetsafe::copies::{self, RunOutcome};
use sheetsafe::progress::{Progress, ProgressEvent};

use crate::copies_util::{LOCK_WAIT, load_profile};
use crate::util::{Run, Workspace, assert_sha256sum_passes, write_workbook};

const PASSPHRASE: &str = "correct horse battery staple";
/// A workbook name that must never appear in clear in a copy.
const WORKBOOK: &str = "Sổ bán hàng Kowalski.xlsx";

fn run_with(ws: &Workspace, passphrase: &str, args: &[&str]) -> Run {
    Run(ws
        .cmd(args)
        .env("SHEETSAFE_PASSPHRASE", passphrase)
        .output()
        .expect("run sheetsafe"))
}

/// Encrypted profile `Sales` keeping the newest `keep` versions, with a recovery sheet, and
/// `versions` backups of the workbook of `size` payload bytes. Returns the workbook, the
/// recovery sheet and the workbook's bytes of each version, oldest first.
fn encrypted_profile(ws: &Workspace, keep: u32, versions: u64, size: usize) -> (PathBuf, PathBuf, Vec<Vec<u8>>) {
    let workbook = ws.data(WORKBOOK);
    write_workbook(&workbook, 1, size);
    let sheet = ws.path("recovery-sheet.txt");
    let keep = keep.to_string();
    run_with(
        ws,
        PASSPHRASE,
        &[
            "profile",
            "add",
            "Sales",
            "--workbook",
            workbook.to_str().expect("utf-8"),
            "--backup-folder",
            ws.backup().to_str().expect("utf-8"),
            "--encrypt",
            "--recovery-sheet",
            sheet.to_str().expect("utf-8"),
            "--keep-last",
            &keep,
            "--keep-daily",
            "0",
            "--keep-weekly",
            "0",
            "--keep-monthly",
            "0",
        ],
    )
    .ok();
    let contents = (1..=versions).map(|seed| back_up(ws, &workbook, seed, size)).collect();
    (workbook, sheet, contents)
}

/// Writes a new state of the workbook and backs it up (without the passphrase, as the agent
/// does). Returns the workbook's bytes.
fn back_up(ws: &Workspace, workbook: &Path, seed: u64, size: usize) -> Vec<u8> {
    write_workbook(workbook, seed, size);
    Run(ws
        .cmd(["backup", "Sales"])
        .env_remove("SHEETSAFE_PASSPHRASE")
        .output()
        .expect("run"))
    .ok();
    std::fs::read(workbook).expect("read workbook")
}

/// Adds destination `USB` at `usb/Backups` (no keep rules: an encrypted profile's copy mirrors
/// the main folder). Returns the destination's profile folder.
fn add_usb(ws: &Workspace) -> PathBuf {
    std::fs::create_dir_all(ws.path("usb/Backups")).expect("mkdir");
    let folder = ws.path("usb/Backups");
    ws.run([
        "profile",
        "dest",
        "add",
        "Sales",
        "--dest-name",
        "USB",
        "--folder",
        folder.to_str().expect("utf-8"),
        "--daily",
        "18:00",
    ])
    .ok();
    folder.join("Sales")
}

/// Every file under `dir` (recursively), except the lock file.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.file_name().is_some_and(|n| n != ".sheetsafe.lock") {
            out.push(path);
        }
    }
    out
}

/// The names of the version files in `v/`.
fn version_files(store: &Path) -> BTreeSet<String> {
    std::fs::read_dir(store.join("v"))
        .expect("read v/")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect()
}

fn age_installed() -> bool {
    let found = Command::new("age")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("skipped the age check: the `age` tool is not installed (apt-get install age)");
    }
    found
}

#[test]
fn a_copy_mirrors_the_ciphertext_and_restores_on_its_own() {
    let ws = Workspace::new();
    let (workbook, sheet, mut contents) = encrypted_profile(&ws, 3, 3, 150_000);
    let main = ws.store("Sales");

    // The destination's own keep rules would need the key: refused with one sentence.
    std::fs::create_dir_all(ws.path("usb/Backups")).expect("mkdir");
    let refused = ws.run([
        "profile",
        "dest",
        "add",
        "Sales",
        "--dest-name",
        "USB",
        "--folder",
        ws.path("usb/Backups").to_str().expect("utf-8"),
        "--daily",
        "18:00",
        "--keep-last",
        "5",
    ]);
    refused.expect_code(2);
    assert!(refused.stderr().contains("--keep-last"), "{}", refused.stderr());
    let dest = add_usb(&ws);

    let run = ws.run(["copy", "Sales"]);
    run.ok();
    assert!(run.stdout().contains("copied 3 version(s)"), "{}", run.stdout());
    assert_sha256sum_passes(&dest);
    assert_eq!(version_files(&dest), version_files(&main));
    for name in [
        "key.age",
        "recipients.txt",
        "README.txt",
        "catalog.toml.age",
        "SHA256SUMS",
    ] {
        assert_eq!(
            std::fs::read(dest.join(name)).expect(name),
            std::fs::read(main.join(name)).expect(name),
            "{name} is the main folder's"
        );
    }
    // Nothing at the destination names the workbook in clear.
    for file in walk(&dest) {
        let bytes = std::fs::read(&file).expect("read");
        for needle in [WORKBOOK, "Kowalski", "bán hàng"] {
            assert!(
                !file.to_string_lossy().contains(needle)
                    && !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                "`{}` holds `{needle}` in clear",
                file.display()
            );
        }
    }
    let verify = ws.run(["verify", "--full"]);
    verify.ok();
    assert!(
        verify
            .stdout()
            .contains("(encrypted, second copy `USB`): 3 of 3 version(s)"),
        "{}",
        verify.stdout()
    );
    let again = ws.run(["copy", "Sales"]);
    again.ok();
    assert!(again.stdout().contains("up to date"), "{}", again.stdout());

    if age_installed() {
        let mut decrypted: Vec<Vec<u8>> = version_files(&dest)
            .iter()
            .map(|name| {
                let out = Command::new("age")
                    .arg("-d")
                    .arg("-i")
                    .arg(&sheet)
                    .arg(dest.join("v").join(name))
                    .output()
                    .expect("age");
                assert!(out.status.success(), "age -d: {}", String::from_utf8_lossy(&out.stderr));
                out.stdout
            })
            .collect();
        decrypted.sort();
        let mut expected = contents.clone();
        expected.sort();
        assert!(decrypted == expected, "age decrypts every copied version byte-exact");
    }

    // The main folder's keep rules retire the oldest version; the next copy removes it there.
    contents.push(back_up(&ws, &workbook, 4, 150_000));
    contents.remove(0);
    assert_eq!(version_files(&main).len(), 3);
    let run = ws.run(["copy", "Sales"]);
    run.ok();
    assert!(run.stdout().contains("Removed 1 older copy"), "{}", run.stdout());
    assert_eq!(version_files(&dest), version_files(&main));
    assert_sha256sum_passes(&dest);

    restores_on_another_computer(&dest, &contents);
}

/// The destination's folder alone, put on another computer, restores every version
/// byte-exact with the passphrase. `contents` are the versions' bytes, oldest first.
fn restores_on_another_computer(dest: &Path, contents: &[Vec<u8>]) {
    let other = Workspace::new();
    let copied = other.store("Sales");
    for file in walk(dest) {
        let to = copied.join(file.strip_prefix(dest).expect("inside"));
        std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        std::fs::copy(&file, &to).expect("copy");
    }
    let workbook = other.data(WORKBOOK);
    std::fs::write(&workbook, b"placeholder").expect("write");
    run_with(
        &other,
        PASSPHRASE,
        &[
            "profile",
            "add",
            "Sales",
            "--workbook",
            workbook.to_str().expect("utf-8"),
            "--backup-folder",
            other.backup().to_str().expect("utf-8"),
            "--encrypt",
        ],
    )
    .ok();
    let json = run_with(&other, PASSPHRASE, &["versions", "Sales", "--json"]);
    let listed: serde_json::Value = serde_json::from_str(&json.stdout()).expect("json");
    let names: Vec<&str> = listed
        .as_array()
        .expect("a list")
        .iter()
        .map(|v| v["name"].as_str().expect("name"))
        .collect();
    assert_eq!(names.len(), contents.len(), "{names:?}");
    // Newest first.
    for (i, name) in names.iter().enumerate() {
        let to = other.path(&format!("restored-{i}.xlsx"));
        run_with(
            &other,
            PASSPHRASE,
            &[
                "restore",
                "Sales",
                "--version",
                name,
                "--to",
                to.to_str().expect("utf-8"),
            ],
        )
        .ok();
        let got = std::fs::read(&to).expect("restored");
        assert!(
            got == contents[contents.len() - 1 - i],
            "version {name} restores byte-exact: {names:?} {i} {:?}",
            contents.iter().position(|c| *c == got)
        );
    }
}

#[test]
fn damage_in_one_place_is_found_and_repaired_from_the_other() {
    let ws = Workspace::new();
    encrypted_profile(&ws, 0, 2, 150_000);
    let main = ws.store("Sales");
    let dest = add_usb(&ws);
    ws.run(["copy", "Sales"]).ok();

    let damaged_name = version_files(&dest).into_iter().next().expect("a version");
    let damaged = dest.join("v").join(&damaged_name);
    let mut bytes = std::fs::read(&damaged).expect("read");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    std::fs::write(&damaged, &bytes).expect("damage one byte");
    // And a version missing in the main folder, which only the copy still holds.
    let missing_name = version_files(&main).into_iter().next_back().expect("a version");
    std::fs::remove_file(main.join("v").join(&missing_name)).expect("delete");

    let verify = ws.run(["verify", "--full"]);
    verify.expect_code(1);
    assert!(
        verify.stdout().contains(&damaged_name) && verify.stdout().contains("damaged"),
        "{}",
        verify.stdout()
    );
    assert!(verify.stdout().contains(&missing_name), "{}", verify.stdout());

    let repair = ws.run(["verify", "--repair"]);
    repair.ok();
    let out = repair.stdout();
    assert!(
        out.contains(&format!("Repaired `{}`", damaged.display())) && out.contains("the main backup folder"),
        "{out}"
    );
    assert!(
        out.contains(&format!("Repaired `{}`", main.join("v").join(&missing_name).display()))
            && out.contains("the second copy `USB`"),
        "{out}"
    );
    assert_sha256sum_passes(&dest);
    assert_sha256sum_passes(&main);
    ws.run(["verify", "--full"]).ok();

    // A damaged key.age (listed nowhere) never replaces the copy's good one.
    let good_key = std::fs::read(dest.join("key.age")).expect("key.age");
    std::fs::write(main.join("key.age"), b"not a key").expect("damage key.age");
    let copy = ws.run(["copy", "Sales"]);
    copy.expect_code(1);
    assert!(copy.stderr().contains("key.age"), "{}", copy.stderr());
    assert_eq!(std::fs::read(dest.join("key.age")).expect("key.age"), good_key);
    // And repair puts the main folder's key.age back from the copy.
    let repair = ws.run(["verify", "--repair"]);
    repair.ok();
    assert!(repair.stdout().contains("key.age"), "{}", repair.stdout());
    assert_eq!(std::fs::read(main.join("key.age")).expect("key.age"), good_key);
}

/// Says "cancelled" once `after` chunks were read: the user pressing Cancel mid-file.
struct CancelAfter {
    after: u64,
    chunks: AtomicU64,
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

#[test]
fn an_interrupted_copy_leaves_the_destination_consistent_and_the_next_run_completes_it() {
    const SIZE: usize = 3 << 20;
    let ws = Workspace::new();
    let (workbook, _, _) = encrypted_profile(&ws, 0, 1, SIZE);
    let main = ws.store("Sales");
    let dest = add_usb(&ws);
    ws.run(["copy", "Sales"]).ok();
    for seed in 2..=3 {
        back_up(&ws, &workbook, seed, SIZE);
    }
    let profile = load_profile(&ws, "Sales");
    let now = chrono::Local::now();

    // Cancelled in the middle of the second new version: the first is in place, unlisted.
    let cancel = CancelAfter {
        after: 9,
        chunks: AtomicU64::new(0),
    };
    let reports = copies::run_now(&profile, &[], now, LOCK_WAIT, &cancel).expect("run");
    assert_eq!(reports[0].outcome, RunOutcome::Cancelled, "{:?}", reports[0]);
    assert_sha256sum_passes(&dest);
    assert_eq!(
        std::fs::read_to_string(dest.join("SHA256SUMS"))
            .expect("sums")
            .lines()
            .count(),
        2,
        "the destination still lists its older state: one version and the catalog"
    );
    assert!(
        walk(&dest)
            .iter()
            .all(|f| !f.to_string_lossy().contains(".sheetsafe-tmp-")),
        "no half-written file is left"
    );

    let reports = copies::run_now(&profile, &[], now, LOCK_WAIT, &()).expect("run");
    assert!(reports[0].is_ok(), "{:?}", reports[0]);
    assert_eq!(version_files(&dest), version_files(&main));
    assert_eq!(
        std::fs::read(dest.join("SHA256SUMS")).expect("sums"),
        std::fs::read(main.join("SHA256SUMS")).expect("sums")
    );
    assert_sha256sum_passes(&dest);
}
