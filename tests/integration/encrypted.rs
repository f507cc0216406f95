//! Encrypted profiles (store format 2), driven through the real binary and judged by
//! independent tools: `sha256sum -c` for integrity without a key, and the standard `age` tool
//! for restoring without Sheetsafe (skipped, with the reason printed, where it is not
//! installed; `scripts/test-encrypted` installs it and runs these tests).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::Digest as _;

use crate::util::{Run, Workspace, assert_sha256sum_passes, write_workbook};

const PASSPHRASE: &str = "correct horse battery staple";
/// A workbook name that must never appear in the backup folder.
const WORKBOOK: &str = "Sổ bán hàng Kowalski.xlsx";

/// Runs the binary with the passphrase in the environment.
fn run_with(ws: &Workspace, passphrase: &str, args: &[&str]) -> Run {
    Run(ws
        .cmd(args)
        .env("SHEETSAFE_PASSPHRASE", passphrase)
        .output()
        .expect("run sheetsafe"))
}

/// An encrypted profile `Sales` with a recovery sheet and `extra` arguments.
fn add_encrypted(ws: &Workspace, workbook: &Path, extra: &[&str]) -> PathBuf {
    let sheet = ws.path("recovery-sheet.txt");
    let backup = ws.backup();
    let mut args = vec![
        "profile",
        "add",
        "Sales",
        "--workbook",
        workbook.to_str().expect("utf-8 path"),
        "--backup-folder",
        backup.to_str().expect("utf-8 path"),
        "--encrypt",
        "--recovery-sheet",
        sheet.to_str().expect("utf-8 path"),
    ];
    args.extend_from_slice(extra);
    run_with(ws, PASSPHRASE, &args).ok();
    sheet
}

/// The version files (`v/*.age`) of the profile folder.
fn sealed_versions(store: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(store.join("v"))
        .expect("read v/")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
}

/// Makes two versions of the workbook and returns the workbook's bytes of each, oldest first.
fn two_versions(ws: &Workspace, workbook: &Path) -> Vec<Vec<u8>> {
    let mut contents = Vec::new();
    for seed in 1..=2 {
        write_workbook(workbook, seed, 150_000);
        ws.run(["backup", "Sales"]).ok();
        contents.push(std::fs::read(workbook).expect("read workbook"));
    }
    contents
}

fn age_installed() -> bool {
    let found = Command::new("age")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("skipped: the `age` tool is not installed (apt-get install age; scripts/test-encrypted does it)");
    }
    found
}

#[test]
fn versions_restore_byte_exact_with_the_passphrase_and_the_recovery_sheet() {
    let ws = Workspace::new();
    let workbook = ws.data(WORKBOOK);
    write_workbook(&workbook, 1, 150_000);
    let sheet = add_encrypted(&ws, &workbook, &[]);
    let contents = two_versions(&ws, &workbook);
    let again = ws.run(["backup", "Sales"]);
    again.ok();
    assert!(again.stdout().contains("unchanged"), "{}", again.stdout());
    assert_eq!(sealed_versions(&ws.store("Sales")).len(), 2);
    assert_sha256sum_passes(&ws.store("Sales"));

    let listed = run_with(&ws, PASSPHRASE, &["versions", "Sales"]);
    listed.ok();
    assert!(
        listed.stdout().contains("Sổ bán hàng Kowalski__"),
        "{}",
        listed.stdout()
    );

    let newest = ws.path("newest.xlsx");
    run_with(
        &ws,
        PASSPHRASE,
        &["restore", "Sales", "--to", newest.to_str().expect("utf-8")],
    )
    .ok();
    assert_eq!(std::fs::read(&newest).expect("restored"), contents[1]);

    let json = run_with(&ws, PASSPHRASE, &["versions", "Sales", "--json"]);
    let listed: serde_json::Value = serde_json::from_str(&json.stdout()).expect("json");
    let oldest_name = listed[1]["name"].as_str().expect("name").to_string();
    let oldest = ws.path("oldest.xlsx");
    ws.run([
        "restore",
        "Sales",
        "--identity",
        sheet.to_str().expect("utf-8"),
        "--version",
        &oldest_name,
        "--to",
        oldest.to_str().expect("utf-8"),
    ])
    .ok();
    assert_eq!(std::fs::read(&oldest).expect("restored"), contents[0]);
}

#[test]
fn a_copied_folder_restores_on_another_computer_and_backs_up_there() {
    let first = Workspace::new();
    let workbook = first.data(WORKBOOK);
    write_workbook(&workbook, 1, 150_000);
    add_encrypted(&first, &workbook, &[]);
    let contents = two_versions(&first, &workbook);

    // Another computer: its own configuration, the profile folder copied as plain files.
    let second = Workspace::new();
    let copied = second.store("Sales");
    std::fs::create_dir_all(copied.join("v")).expect("mkdir");
    for entry in walk(&first.store("Sales")) {
        let rel = entry.strip_prefix(first.store("Sales")).expect("inside");
        std::fs::copy(&entry, copied.join(rel)).expect("copy");
    }
    // Whoever holds the storage plants a key of their own in the clear recipients.txt.
    let planted = sheetsafe::crypto::SecretKey::generate().public().to_string();
    let mut listed = std::fs::read_to_string(copied.join("recipients.txt")).expect("recipients.txt");
    listed.push_str(&planted);
    listed.push('\n');
    std::fs::write(copied.join("recipients.txt"), listed).expect("plant a key");
    let workbook_there = second.data(WORKBOOK);
    std::fs::write(&workbook_there, b"placeholder").expect("write");
    let wrong = run_with(
        &second,
        "not the passphrase",
        &[
            "profile",
            "add",
            "Sales",
            "--workbook",
            workbook_there.to_str().expect("utf-8"),
            "--backup-folder",
            second.backup().to_str().expect("utf-8"),
            "--encrypt",
        ],
    );
    wrong.expect_code(2);
    assert!(wrong.stderr().contains("key.age"), "{}", wrong.stderr());
    run_with(
        &second,
        PASSPHRASE,
        &[
            "profile",
            "add",
            "Sales",
            "--workbook",
            workbook_there.to_str().expect("utf-8"),
            "--backup-folder",
            second.backup().to_str().expect("utf-8"),
            "--encrypt",
        ],
    )
    .ok();
    let config = std::fs::read_to_string(second.config()).expect("config");
    assert!(
        !config.contains(&planted),
        "a key planted in recipients.txt is not taken: {config}"
    );
    let restored = second.path("restored.xlsx");
    run_with(
        &second,
        PASSPHRASE,
        &["restore", "Sales", "--to", restored.to_str().expect("utf-8")],
    )
    .ok();
    assert_eq!(std::fs::read(&restored).expect("restored"), contents[1]);

    // The second computer backs up into the same folder without the passphrase.
    write_workbook(&workbook_there, 7, 150_000);
    let made = Run(second
        .cmd(["backup", "Sales"])
        .env_remove("SHEETSAFE_PASSPHRASE")
        .output()
        .expect("run"));
    made.ok();
    assert_eq!(sealed_versions(&copied).len(), 3);
    assert_sha256sum_passes(&copied);
}

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

#[test]
fn the_storage_sees_counts_and_integrity_and_nothing_else() {
    let ws = Workspace::new();
    let workbook = ws.data(WORKBOOK);
    write_workbook(&workbook, 1, 150_000);
    add_encrypted(&ws, &workbook, &[]);
    let contents = two_versions(&ws, &workbook);
    let hashes: Vec<String> = contents.iter().map(|c| hex::encode(sha2::Sha256::digest(c))).collect();

    // Every 64-byte run of every stored file, to look up every 64-byte run of the workbook in.
    let mut runs: HashSet<&[u8]> = HashSet::new();
    let files: Vec<(PathBuf, Vec<u8>)> = walk(&ws.store("Sales"))
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("read");
            (p, bytes)
        })
        .collect();
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        for secret in [
            "Sổ bán hàng",
            "Kowalski",
            "[[version]]",
            "source =",
            "sha256 =",
            hashes[0].as_str(),
            hashes[1].as_str(),
        ] {
            assert!(
                !text.contains(secret),
                "`{}` holds `{secret}` in the clear",
                path.display()
            );
        }
        runs.extend(bytes.windows(64));
    }
    for content in &contents {
        assert!(
            !content.windows(64).any(|w| runs.contains(w)),
            "a 64-byte run of the workbook is in the backup folder in the clear"
        );
    }

    // The storage's own view, without any key: counts and integrity.
    let verify = keyless(&ws, &["verify", "--full", "--json"]);
    verify.ok();
    let report: serde_json::Value = serde_json::from_str(&verify.stdout()).expect("json");
    assert_eq!(report["profiles"][0]["versions"], 2);
    assert_eq!(report["profiles"][0]["intact"], 2);
    assert!(!verify.stdout().contains("Kowalski"), "{}", verify.stdout());
    assert_sha256sum_passes(&ws.store("Sales"));
}

#[test]
fn the_age_tool_restores_with_the_sheet_the_company_key_and_key_age() {
    if !age_installed() {
        return;
    }
    let ws = Workspace::new();
    let company = ws.path("company-key.txt");
    let made = Command::new("age-keygen")
        .arg("-o")
        .arg(&company)
        .output()
        .expect("age-keygen");
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let public = Command::new("age-keygen")
        .arg("-y")
        .arg(&company)
        .output()
        .expect("age-keygen -y");
    let public = String::from_utf8_lossy(&public.stdout).trim().to_string();
    let workbook = ws.data(WORKBOOK);
    write_workbook(&workbook, 1, 150_000);
    let sheet = add_encrypted(&ws, &workbook, &["--recovery-key", &public]);
    let contents = two_versions(&ws, &workbook);
    let store = ws.store("Sales");

    // Which v/ file is the newest version: from the catalog, decrypted by age.
    let catalog = age_decrypt(&store, &sheet, &store.join("catalog.toml.age"));
    let catalog: toml::Table = toml::from_str(&String::from_utf8_lossy(&catalog)).expect("catalog is TOML");
    let newest = catalog["version"]
        .as_array()
        .expect("versions")
        .iter()
        .max_by_key(|v| v["sequence"].as_integer())
        .expect("a version");
    let file = store.join("v").join(newest["file"].as_str().expect("file"));
    assert_eq!(newest["sha256"].as_str(), Some(sha256_of(&contents[1]).as_str()));

    assert_eq!(
        age_decrypt(&store, &sheet, &file),
        contents[1],
        "with the recovery sheet"
    );
    assert_eq!(
        age_decrypt(&store, &company, &file),
        contents[1],
        "with the company key"
    );

    // key.age + passphrase: age asks for the passphrase on a terminal only, so it runs under
    // `script`, which gives it one.
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped the key.age check: `script` (util-linux) is not installed");
        return;
    }
    let out = ws.path("by-key-age.xlsx");
    let command = format!(
        "age -d -i '{}' -o '{}' '{}'",
        store.join("key.age").display(),
        out.display(),
        file.display()
    );
    let mut child = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("script");
    std::io::Write::write_all(
        child.stdin.as_mut().expect("stdin"),
        format!("{PASSPHRASE}\n").as_bytes(),
    )
    .expect("type the passphrase");
    assert!(child.wait().expect("wait").success());
    assert_eq!(
        std::fs::read(&out).expect("decrypted by age"),
        contents[1],
        "with key.age"
    );
}

fn age_decrypt(dir: &Path, identity: &Path, file: &Path) -> Vec<u8> {
    let out = Command::new("age")
        .arg("-d")
        .arg("-i")
        .arg(identity)
        .arg(file)
        .current_dir(dir)
        .output()
        .expect("age");
    assert!(out.status.success(), "age -d: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

fn sha256_of(bytes: &[u8]) -> String {
    hex::encode(sha2::Sha256::digest(bytes))
}

/// Asserts a run failed with exit 2 and one sentence naming `file`, and wrote nothing.
#[track_caller]
fn refused(run: &Run, file: &str) {
    run.expect_code(2);
    let err = run.stderr();
    assert!(err.contains(file), "the message names `{file}`: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one sentence: {err}");
}

#[test]
fn damaged_keys_catalogs_and_versions_are_refused_with_a_sentence_and_nothing_written() {
    let ws = Workspace::new();
    let workbook = ws.data(WORKBOOK);
    write_workbook(&workbook, 1, 150_000);
    let sheet = add_encrypted(&ws, &workbook, &[]);
    let contents = two_versions(&ws, &workbook);
    let store = ws.store("Sales");
    let files = sealed_versions(&store);
    let live = std::fs::read(&workbook).expect("live workbook");
    let target = ws.path("restored.xlsx");
    let to = target.to_str().expect("utf-8");

    // Wrong passphrase.
    refused(
        &run_with(&ws, "wrong passphrase", &["restore", "Sales", "--to", to]),
        "key.age",
    );
    // The recovery sheet of another encrypted profile.
    let other = ws.path("other-sheet.txt");
    let other_workbook = ws.data("Other.xlsx");
    write_workbook(&other_workbook, 3, 1000);
    run_with(
        &ws,
        PASSPHRASE,
        &[
            "profile",
            "add",
            "Other",
            "--workbook",
            other_workbook.to_str().expect("utf-8"),
            "--backup-folder",
            ws.backup().to_str().expect("utf-8"),
            "--encrypt",
            "--recovery-sheet",
            other.to_str().expect("utf-8"),
        ],
    )
    .ok();
    let run = ws.run([
        "restore",
        "Sales",
        "--identity",
        other.to_str().expect("utf-8"),
        "--to",
        to,
    ]);
    refused(&run, "catalog.toml.age");

    // A tampered catalog: restore, versions and backup all refuse, naming it.
    let catalog = store.join("catalog.toml.age");
    let good_catalog = std::fs::read(&catalog).expect("catalog");
    let mut bad = good_catalog.clone();
    let last = bad.len() - 5;
    bad[last] ^= 0x01;
    std::fs::write(&catalog, &bad).expect("tamper");
    refused(
        &run_with(&ws, PASSPHRASE, &["restore", "Sales", "--replace"]),
        "catalog.toml.age",
    );
    refused(&run_with(&ws, PASSPHRASE, &["versions", "Sales"]), "catalog.toml.age");
    write_workbook(&workbook, 9, 150_000);
    let backup = ws.run(["backup", "Sales"]);
    backup.expect_code(2);
    assert!(backup.stderr().contains("catalog.toml.age"), "{}", backup.stderr());
    std::fs::write(&catalog, &good_catalog).expect("put back");
    std::fs::write(&workbook, &live).expect("put the workbook back");

    // A version cut short, and one swapped for another version's file.
    let newest_file = newest_version_file(&ws, &sheet);
    let kept = std::fs::read(&newest_file).expect("read");
    std::fs::write(&newest_file, &kept[..kept.len() / 2]).expect("truncate");
    let verify = ws.run(["verify", "--full"]);
    verify.expect_code(1);
    assert!(
        verify.stdout().contains(&file_name(&newest_file)),
        "{}",
        verify.stdout()
    );
    refused(
        &run_with(&ws, PASSPHRASE, &["restore", "Sales", "--to", to]),
        &file_name(&newest_file),
    );
    let older = files.iter().find(|f| **f != newest_file).expect("older");
    std::fs::copy(older, &newest_file).expect("swap");
    let run = run_with(&ws, PASSPHRASE, &["restore", "Sales", "--to", to]);
    refused(&run, &file_name(&newest_file));
    assert!(run.stderr().contains("swapped"), "{}", run.stderr());
    assert!(!target.exists(), "nothing is written by a refused restore");
    std::fs::write(&newest_file, &kept).expect("put back");

    // A missing key.age: the passphrase cannot help, the recovery sheet still restores.
    std::fs::rename(store.join("key.age"), ws.path("key.age.away")).expect("move key.age");
    refused(&run_with(&ws, PASSPHRASE, &["restore", "Sales", "--to", to]), "key.age");
    ws.run([
        "restore",
        "Sales",
        "--identity",
        sheet.to_str().expect("utf-8"),
        "--to",
        to,
    ])
    .ok();
    assert_eq!(std::fs::read(&target).expect("restored"), contents[1]);
    assert_eq!(
        std::fs::read(&workbook).expect("workbook"),
        live,
        "the live workbook is untouched"
    );
}

/// The newest version's file, found through the catalog with the recovery sheet.
fn newest_version_file(ws: &Workspace, sheet: &Path) -> PathBuf {
    let json = ws.run([
        "versions",
        "Sales",
        "--json",
        "--identity",
        sheet.to_str().expect("utf-8"),
    ]);
    json.ok();
    let listed: serde_json::Value = serde_json::from_str(&json.stdout()).expect("json");
    ws.store("Sales")
        .join("v")
        .join(listed[0]["file"].as_str().expect("file"))
}

fn file_name(path: &Path) -> String {
    path.file_name().expect("name").to_string_lossy().into_owned()
}

#[test]
fn a_plain_profile_never_writes_into_an_encrypted_folder() {
    let ws = Workspace::new();
    let workbook = ws.data(WORKBOOK);
    write_workbook(&workbook, 1, 10_000);
    add_encrypted(&ws, &workbook, &[]);
    // The configuration lost its encryption settings (edited by hand).
    let config = std::fs::read_to_string(ws.config()).expect("config");
    let cut = config.find("[profile.encryption]").expect("encryption table");
    std::fs::write(ws.config(), &config[..cut]).expect("write config");
    let run = ws.run(["backup", "Sales"]);
    run.expect_code(2);
    assert!(run.stderr().contains("encrypted"), "{}", run.stderr());
    assert!(
        !walk(&ws.store("Sales"))
            .iter()
            .any(|p| p.extension().is_some_and(|e| e == "xlsx")),
        "no workbook in the clear"
    );
}

#[test]
fn changing_the_passphrase_rewrites_key_age_only() {
    let ws = Workspace::new();
    let workbook = ws.data(WORKBOOK);
    write_workbook(&workbook, 1, 20_000);
    let sheet = add_encrypted(&ws, &workbook, &[]);
    ws.run(["backup", "Sales"]).ok();
    let store = ws.store("Sales");
    let before: Vec<(PathBuf, Vec<u8>)> = walk(&store)
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("read");
            (p, bytes)
        })
        .collect();

    let short = Run(ws
        .cmd(["key", "change-passphrase", "Sales"])
        .env("SHEETSAFE_PASSPHRASE", PASSPHRASE)
        .env("SHEETSAFE_NEW_PASSPHRASE", "short")
        .output()
        .expect("run"));
    short.expect_code(2);
    assert!(short.stderr().contains("too short"), "{}", short.stderr());
    Run(ws
        .cmd(["key", "change-passphrase", "Sales"])
        .env("SHEETSAFE_PASSPHRASE", PASSPHRASE)
        .env("SHEETSAFE_NEW_PASSPHRASE", "a new and longer passphrase")
        .output()
        .expect("run"))
    .ok();
    for (path, bytes) in &before {
        let now = std::fs::read(path).expect("read");
        let is_key = path.file_name().is_some_and(|n| n == "key.age");
        assert_eq!(&now != bytes, is_key, "only key.age changes: {}", path.display());
    }
    refused(&run_with(&ws, PASSPHRASE, &["versions", "Sales"]), "key.age");
    run_with(&ws, "a new and longer passphrase", &["versions", "Sales"]).ok();

    // The fingerprint shown is the one on the recovery sheet.
    let shown = ws.run(["key", "show-fingerprint", "Sales"]);
    shown.ok();
    let fingerprint = shown
        .stdout()
        .split_whitespace()
        .nth(2)
        .expect("fingerprint")
        .to_string();
    let sheet_text = std::fs::read_to_string(&sheet).expect("sheet");
    assert!(
        sheet_text.contains(&format!("Fingerprint: {fingerprint}")),
        "{sheet_text}"
    );
}

#[test]
fn the_agent_backs_up_an_encrypted_workbook_on_close_without_the_passphrase() {
    let ws = Workspace::new();
    let workbook = ws.data(WORKBOOK);
    write_workbook(&workbook, 1, 50_000);
    let sheet = add_encrypted(&ws, &workbook, &[]);
    ws.run(["backup", "Sales"]).ok();
    let config = std::fs::read_to_string(ws.config()).expect("config");
    std::fs::write(ws.config(), config.replace("settle_seconds = 3", "settle_seconds = 1")).expect("config");
    let status_file = ws.path("appdata").join("agent-status.json");
    let mut agent = ws
        .cmd(["agent"])
        .env_remove("SHEETSAFE_PASSPHRASE")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn agent");
    let limit = std::time::Duration::from_secs(30);
    assert!(
        crate::util::wait_until(limit, || status_file.exists()),
        "the agent never started"
    );
    // Let the catch-up at start finish (nothing changed, so it makes no version).
    std::thread::sleep(std::time::Duration::from_secs(2));
    assert_eq!(sealed_versions(&ws.store("Sales")).len(), 1);

    // Excel: owner file, save, owner file gone.
    let lock = ws.data(&format!("~${WORKBOOK}"));
    std::fs::write(&lock, [0u8; 165]).expect("owner file");
    write_workbook(&workbook, 2, 50_000);
    std::thread::sleep(std::time::Duration::from_millis(300));
    std::fs::remove_file(&lock).expect("close");
    let made = crate::util::wait_until(limit, || sealed_versions(&ws.store("Sales")).len() == 2);
    crate::util::terminate(agent.id());
    let _ = agent.wait();
    assert!(made, "no encrypted version after the close");

    let json = ws.run([
        "versions",
        "Sales",
        "--json",
        "--identity",
        sheet.to_str().expect("utf-8"),
    ]);
    let listed: serde_json::Value = serde_json::from_str(&json.stdout()).expect("json");
    assert_eq!(listed[0]["trigger"], "close");
    assert_eq!(listed[0]["sha256"], crate::util::sha256_hex(&workbook));
    assert_sha256sum_passes(&ws.store("Sales"));
}

/// What an interrupted backup leaves in an encrypted folder (a temporary file, an unlisted
/// version) is reported, as for plain folders, without failing the check: no version is
/// missing or damaged because of it.
#[test]
fn leftovers_of_an_interrupted_backup_are_noted_not_failures() {
    let ws = Workspace::new();
    let workbook = ws.data("Sổ quỹ.xlsx");
    write_workbook(&workbook, 0, 1000);
    add_encrypted(&ws, &workbook, &[]);
    two_versions(&ws, &workbook);
    let store = ws.store("Sales");
    let temp = store.join("v").join(".sheetsafe-tmp-4242-1-x");
    std::fs::write(&temp, b"half written").expect("plant a temporary file");
    let verify = ws.run(["verify", "--full"]);
    verify.ok();
    let text = verify.stdout();
    assert!(
        text.lines()
            .any(|l| l.starts_with("  - ") && l.contains(".sheetsafe-tmp-4242-1-x")),
        "{text}"
    );
    assert!(!text.contains("  ! "), "{text}");
}

/// `unzip` the export into a new folder and return that folder.
fn unpack(ws: &Workspace, zip: &Path, folder: &str) -> PathBuf {
    let unpacked = ws.path(folder);
    let out = Command::new("unzip")
        .args(["-q", "-d"])
        .arg(&unpacked)
        .arg(zip)
        .output()
        .expect("unzip must be installed (.ci/run installs it)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    unpacked
}

#[test]
fn export_decrypts_for_the_key_holder_only_and_checks_what_it_wrote() {
    let ws = Workspace::new();
    let workbook = ws.data(WORKBOOK);
    write_workbook(&workbook, 1, 150_000);
    let sheet = add_encrypted(&ws, &workbook, &[]);
    let contents = two_versions(&ws, &workbook);
    let zip = ws.path("for-the-accountant.zip");
    let to = zip.to_str().expect("utf-8");

    // A wrong passphrase: one sentence naming key.age, no zip and no temporary file left.
    refused(
        &run_with(&ws, "wrong passphrase", &["export", "Sales", "--to", to]),
        "key.age",
    );
    assert!(!zip.exists(), "a refused export writes nothing");

    // With the passphrase: the newest version in clear, judged by unzip and sha256sum -c.
    let run = run_with(&ws, PASSPHRASE, &["export", "Sales", "--to", to]);
    run.ok();
    assert!(run.stdout().contains("Exported 1 workbook(s)"), "{}", run.stdout());
    let unpacked = unpack(&ws, &zip, "by-passphrase");
    assert_sha256sum_passes(&unpacked);
    assert_eq!(
        std::fs::read(unpacked.join(WORKBOOK)).expect("the workbook under its own name"),
        contents[1]
    );

    // With the recovery sheet and no passphrase at all.
    let zip2 = ws.path("by-sheet.zip");
    let run = Run(ws
        .cmd([
            "export",
            "Sales",
            "--identity",
            sheet.to_str().expect("utf-8"),
            "--to",
            zip2.to_str().expect("utf-8"),
        ])
        .env_remove("SHEETSAFE_PASSPHRASE")
        .output()
        .expect("run sheetsafe"));
    run.ok();
    let unpacked = unpack(&ws, &zip2, "by-sheet");
    assert_eq!(std::fs::read(unpacked.join(WORKBOOK)).expect("workbook"), contents[1]);

    // The newest ciphertext damaged: it no longer matches SHA256SUMS, so the export takes the
    // older intact version and says which one it took.
    let newest = newest_version_file(&ws, &sheet);
    let mut bytes = std::fs::read(&newest).expect("read");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x40;
    std::fs::write(&newest, &bytes).expect("tamper");
    let zip3 = ws.path("after-damage.zip");
    let run = run_with(
        &ws,
        PASSPHRASE,
        &["export", "Sales", "--to", zip3.to_str().expect("utf-8")],
    );
    run.ok();
    let unpacked = unpack(&ws, &zip3, "after-damage");
    assert_eq!(std::fs::read(unpacked.join(WORKBOOK)).expect("workbook"), contents[0]);
    assert_sha256sum_passes(&unpacked);
}

/// Every file of the profile folder, as raw text, for looking up what must not be in the clear.
fn folder_text(store: &Path) -> Vec<(PathBuf, String)> {
    walk(store)
        .into_iter()
        .map(|p| {
            let text = String::from_utf8_lossy(&std::fs::read(&p).expect("read")).into_owned();
            (p, text)
        })
        .collect()
}

/// Runs the binary without the passphrase, holding only this computer's key (as the agent does).
fn keyless(ws: &Workspace, args: &[&str]) -> Run {
    Run(ws
        .cmd(args)
        .env_remove("SHEETSAFE_PASSPHRASE")
        .output()
        .expect("run sheetsafe"))
}

/// `versions Sales --json` as the key holder sees it, newest first.
fn listed_versions(ws: &Workspace) -> Vec<serde_json::Value> {
    let out = run_with(ws, PASSPHRASE, &["versions", "Sales", "--json"]);
    serde_json::from_str::<serde_json::Value>(&out.ok().stdout())
        .ok()
        .and_then(|v| v.as_array().cloned())
        .expect("a list of versions")
}

#[test]
fn an_encrypted_profile_knows_what_its_versions_hold_and_raises_the_alarm_without_the_passphrase() {
    let ws = Workspace::new();
    let workbook = ws.add_corpus_file("sheetjs__large_strings.xlsx", WORKBOOK);
    add_encrypted(&ws, &workbook, &[]);
    // `backup` reads what the new version holds right after recording it, with this computer's
    // key only (no passphrase in its environment).
    let first = keyless(&ws, &["backup", "Sales"]);
    first.ok();
    std::fs::copy(crate::util::corpus_dir().join("sheetjs__sushi.xlsx"), &workbook).expect("save again");
    std::thread::sleep(std::time::Duration::from_millis(20));
    let second = keyless(&ws, &["backup", "Sales"]);
    second.ok();
    assert!(
        second.stderr().contains("“Large Strings” (9999 rows) vanished"),
        "the backup says at once what vanished: {}",
        second.stderr()
    );

    // The key holder sees the summaries and the pin.
    let listed = listed_versions(&ws);
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[1]["summary"]["sheet"][0]["name"], "Large Strings", "{listed:#?}");
    assert_eq!(listed[1]["summary"]["sheet"][0]["rows"], 9999);
    assert!(listed[0]["summary"]["sheet"].as_array().is_some_and(|s| !s.is_empty()));
    assert_eq!(listed[1]["pin"]["reason"], "vanishing-data", "{listed:#?}");
    let text = run_with(&ws, PASSPHRASE, &["versions", "Sales"]).ok().stdout();
    assert!(text.contains("Large Strings: 9,999 rows"), "{text}");

    // The status (this computer's key) is amber with the alarm; the storage sees none of it.
    let status: serde_json::Value = serde_json::from_str(&keyless(&ws, &["status", "--json"]).stdout()).expect("json");
    let shown = &status["profiles"][0]["workbooks"][0];
    assert_eq!(shown["problems"][0]["kind"], "data-vanished", "{shown:#?}");
    for (path, text) in folder_text(&ws.store("Sales")) {
        for secret in ["Large Strings", "longwordslist", "9999", "summary", "vanishing"] {
            assert!(
                !text.contains(secret),
                "`{}` holds `{secret}` in the clear",
                path.display()
            );
        }
    }
    assert_sha256sum_passes(&ws.store("Sales"));

    // Accepting the change releases the pin, with this computer's key alone.
    keyless(&ws, &["accept-change", "Sales", "--workbook", WORKBOOK]).ok();
    let listed = listed_versions(&ws);
    assert!(listed[1]["pin"].is_null(), "{listed:#?}");
}

#[test]
fn a_workbook_changed_since_its_encrypted_backup_gets_no_guessed_summary() {
    let ws = Workspace::new();
    let workbook = ws.add_corpus_file("sheetjs__large_strings.xlsx", WORKBOOK);
    add_encrypted(&ws, &workbook, &[]);
    // Backed up without reading its contents (as when the agent stops right after a backup),
    // then saved with other contents before anything reads it.
    let loaded = sheetsafe::config::Config::load(&ws.config()).expect("config");
    let profile = loaded.config.profile("Sales").expect("profile").clone();
    let request = sheetsafe::engine::BackupRequest {
        profile: &profile,
        workbook: &workbook,
        trigger: sheetsafe::Trigger::Manual,
        lock_wait: std::time::Duration::from_secs(5),
    };
    sheetsafe::engine::back_up(&request, &()).expect("backed up");
    std::fs::copy(crate::util::corpus_dir().join("sheetjs__sushi.xlsx"), &workbook).expect("save again");
    std::thread::sleep(std::time::Duration::from_millis(20));
    ws.run(["backup", "Sales"]).ok();
    let listed = listed_versions(&ws);
    assert_eq!(listed.len(), 2);
    // The newest is the workbook as it is now: read. The older one's bytes are gone from the
    // workbook, and nothing but the user's key could read them: no summary, no alarm.
    let newest = listed[0]["summary"]["sheet"].as_array().expect("the newest was read");
    assert!(
        !newest.is_empty() && newest.iter().all(|s| s["name"] != "Large Strings"),
        "{listed:#?}"
    );
    assert!(listed[1]["summary"].is_null(), "{listed:#?}");
    assert!(listed[1]["pin"].is_null(), "{listed:#?}");
}

/// Ransomware rewriting the workbooks of an encrypted profile is caught as for a plain one: each
/// workbook's alarm, red for the three at once, and every earlier version pinned inside the
/// encrypted catalog, all with this computer's key alone.
#[test]
fn many_encrypted_workbooks_lost_at_once_turn_red_and_stay_pinned() {
    let ws = Workspace::new();
    let names = ["Sổ bán hàng.xlsx", "Kho Kowalski.xlsx", "Sổ sách.xlsx"];
    let books: Vec<PathBuf> = names
        .iter()
        .map(|n| ws.add_corpus_file(crate::util::SHEET_OF_30_ROWS, n))
        .collect();
    let more: Vec<String> = books[1..].iter().map(|b| b.display().to_string()).collect();
    add_encrypted(&ws, &books[0], &["--workbook", &more[0], "--workbook", &more[1]]);
    keyless(&ws, &["backup", "Sales"]).ok();
    for (seed, wb) in (1..).zip(&books) {
        std::fs::write(wb, crate::util::noise(seed, 40_000)).expect("encrypt");
    }
    std::thread::sleep(std::time::Duration::from_millis(20));
    keyless(&ws, &["backup", "Sales"]).ok();
    // What the agent's summary worker does after its batch.
    let loaded = sheetsafe::config::Config::load(&ws.config()).expect("config");
    let found = sheetsafe::inspect::guard_mass_loss(
        &loaded.config.profiles,
        sheetsafe::config::MassLossSettings::default(),
        std::time::Duration::from_secs(5),
    )
    .expect("looked across the profiles");
    assert_eq!(
        found.workbooks.len(),
        3,
        "{found:?}\n{}",
        run_with(&ws, PASSPHRASE, &["versions", "Sales"]).stdout()
    );

    let status: serde_json::Value = serde_json::from_str(&keyless(&ws, &["status", "--json"]).stdout()).expect("json");
    assert_eq!(status["level"], "failed", "{status:#?}");
    assert!(
        status["problems"]
            .as_array()
            .is_some_and(|ps| ps.iter().any(|p| p["kind"] == "many-workbooks-lost")),
        "{status:#?}"
    );
    let listed = listed_versions(&ws);
    assert_eq!(listed.len(), 6);
    for v in listed {
        let lost = v["summary"]["unread"].is_string();
        assert_eq!(
            v["pin"].is_null(),
            lost,
            "every version before the loss is pinned: {v:#?}"
        );
    }
    for (path, text) in folder_text(&ws.store("Sales")) {
        for secret in ["mass-loss", "vanishing", "Kowalski", "rows"] {
            assert!(
                !text.contains(secret),
                "`{}` holds `{secret}` in the clear",
                path.display()
            );
        }
    }
}

/// A private profile's keys belong to its own folder, and its company storage's folder in the
/// bucket is its alone: `profile copy` refuses it (as the app does) and changes nothing.
#[test]
fn a_private_profile_is_not_copied_and_the_configuration_stays_as_it_was() {
    let ws = Workspace::new();
    let workbook = ws.data(WORKBOOK);
    write_workbook(&workbook, 1, 10_000);
    add_encrypted(&ws, &workbook, &[]);
    let before = std::fs::read(ws.config()).expect("config written");
    let run = ws.run(["profile", "copy", "Sales", "Sales 2"]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    let said = run.stderr();
    assert!(said.contains("`Sales`") && said.contains("private"), "{said}");
    assert_eq!(said.trim().lines().count(), 1, "one sentence: {said}");
    assert_eq!(std::fs::read(ws.config()).expect("config still there"), before);
}
