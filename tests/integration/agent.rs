//! The background agent as a separate process: it notices closes (replayed exactly as Excel and
//! WPS perform them), catches up at start, reports failures in its status within seconds, and
//! stops cleanly on SIGTERM.

use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::Duration;

use crate::util::{
    SHEET_OF_30_ROWS, Workspace, corpus_dir, noise, sha256_hex, terminate, toml_path, wait_until, write_workbook,
};

const LIMIT: Duration = Duration::from_secs(30);

/// A running `sheetsafe agent`; killed if a test fails before stopping it.
struct AgentProcess {
    child: Option<Child>,
    status_file: PathBuf,
}

impl AgentProcess {
    fn start(ws: &Workspace) -> AgentProcess {
        let status_file = ws.path("appdata").join("agent-status.json");
        let _ = std::fs::remove_file(&status_file);
        let child = ws
            .cmd(["agent"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn agent");
        let agent = AgentProcess {
            child: Some(child),
            status_file,
        };
        assert!(
            wait_until(LIMIT, || agent.status_file.exists()),
            "the agent never wrote its status"
        );
        agent
    }

    fn status(&self) -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(&self.status_file).unwrap_or_default()).unwrap_or_default()
    }

    /// SIGTERM, then the exit must be clean.
    fn stop(mut self) -> String {
        let child = self.child.take().expect("running");
        terminate(child.id());
        let out = child.wait_with_output().expect("wait");
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "agent exit: {:?}\n{stdout}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(stdout.contains("Stopped."), "{stdout}");
        stdout
    }
}

impl Drop for AgentProcess {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// A profile `Shop` watching `workbooks`, with short settle and idle times so tests are quick.
fn configure(ws: &Workspace, workbooks: &[&Path], backup_folder: &Path) {
    let list: Vec<String> = workbooks.iter().map(|w| toml_path(w)).collect();
    let toml = format!(
        "[[profile]]\nname = \"Shop\"\nworkbooks = [{}]\nbackup_folder = {}\n\n[profile.watch]\nsettle_seconds = 1\nidle_seconds = 5\n",
        list.join(", "),
        toml_path(backup_folder)
    );
    std::fs::write(ws.config(), toml).expect("write config");
}

fn versions_json(ws: &Workspace) -> Vec<serde_json::Value> {
    let out = ws.run(["versions", "Shop", "--json"]);
    serde_json::from_str::<serde_json::Value>(&out.stdout())
        .ok()
        .and_then(|v| v.as_array().cloned())
        .unwrap_or_default()
}

fn count(ws: &Workspace) -> usize {
    versions_json(ws).len()
}

#[test]
fn excel_close_sequence_makes_exactly_one_verified_version() {
    let ws = Workspace::new();
    let wb = ws.data("Sales.xlsx");
    write_workbook(&wb, 1, 50_000);
    configure(&ws, &[&wb], &ws.backup());
    ws.run(["backup"]).ok();
    let agent = AgentProcess::start(&ws);

    // Excel on Windows: owner file; 8-hex temp written; original deleted; temp renamed; owner gone.
    let owner = ws.data("~$Sales.xlsx");
    std::fs::write(&owner, [0u8; 165]).expect("owner file");
    let temp = ws.data("A1B2C3D4");
    write_workbook(&temp, 2, 50_000);
    std::fs::remove_file(&wb).expect("delete original");
    std::fs::rename(&temp, &wb).expect("rename temp");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(count(&ws), 1, "no backup while the workbook is still open");
    std::fs::remove_file(&owner).expect("close");

    assert!(wait_until(LIMIT, || count(&ws) == 2), "no version after the close");
    std::thread::sleep(Duration::from_secs(3));
    let versions = versions_json(&ws);
    assert_eq!(versions.len(), 2, "exactly one new version per close");
    assert_eq!(versions[0]["trigger"], "close");
    assert_eq!(
        versions[0]["sha256"],
        sha256_hex(&wb),
        "the version holds the saved workbook"
    );
    ws.run(["verify", "--full"]).ok();
    agent.stop();
}

#[test]
fn close_without_changes_makes_no_version() {
    let ws = Workspace::new();
    let wb = ws.data("Sales.xlsx");
    write_workbook(&wb, 1, 1000);
    configure(&ws, &[&wb], &ws.backup());
    ws.run(["backup"]).ok();
    let agent = AgentProcess::start(&ws);
    let lock = ws.data(".~lock.Sales.xlsx#");
    std::fs::write(&lock, format!("A,a,{},x,y;", sheetsafe::host::host_name())).expect("lock");
    std::thread::sleep(Duration::from_millis(500));
    std::fs::remove_file(&lock).expect("close");
    std::thread::sleep(Duration::from_secs(4));
    assert_eq!(count(&ws), 1);
    assert_eq!(agent.status()["workbooks"][0]["state"], "up-to-date");
    agent.stop();
}

#[test]
fn xls_save_without_owner_file_is_backed_up_after_the_idle_period() {
    let ws = Workspace::new();
    let wb = ws.add_corpus_file("poi__SampleSS.xls", "Stock.xls");
    configure(&ws, &[&wb], &ws.backup());
    ws.run(["backup"]).ok();
    let agent = AgentProcess::start(&ws);

    // Excel saving a legacy .xls: temp file written, original moved aside, temp renamed in,
    // the moved original deleted. No owner file at any point.
    let temp = ws.data("0F3A9C21");
    std::fs::copy(corpus_dir().join("poi__SquareMacro.xls"), &temp).expect("temp");
    let aside = ws.data("5D2E7B10");
    std::fs::rename(&wb, &aside).expect("move aside");
    std::fs::rename(&temp, &wb).expect("rename in");
    std::fs::remove_file(&aside).expect("delete old");

    assert!(
        wait_until(LIMIT, || count(&ws) == 2),
        "no version after the idle period"
    );
    std::thread::sleep(Duration::from_secs(2));
    let versions = versions_json(&ws);
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0]["trigger"], "idle");
    assert_eq!(versions[0]["sha256"], sha256_hex(&wb));
    agent.stop();
}

#[test]
fn changes_made_while_not_running_are_caught_up_at_start() {
    let ws = Workspace::new();
    let wb = ws.data("Sales.xlsx");
    write_workbook(&wb, 1, 1000);
    configure(&ws, &[&wb], &ws.backup());
    ws.run(["backup"]).ok();
    write_workbook(&wb, 2, 1000);
    let agent = AgentProcess::start(&ws);
    assert!(wait_until(LIMIT, || count(&ws) == 2), "no catch-up version");
    assert_eq!(versions_json(&ws)[0]["trigger"], "startup");
    agent.stop();
}

#[test]
fn a_failed_backup_shows_in_the_status_with_its_reason() {
    let ws = Workspace::new();
    let wb = ws.data("Sales.xlsx");
    write_workbook(&wb, 1, 1000);
    configure(&ws, &[&wb], &ws.path("unplugged-usb").join("Backups"));
    let agent = AgentProcess::start(&ws);
    assert!(
        wait_until(LIMIT, || agent.status()["workbooks"][0]["state"] == "failed"),
        "status: {}",
        agent.status()
    );
    let status = ws.run(["status", "--json"]);
    status.expect_code(1);
    let overview: serde_json::Value = serde_json::from_str(&status.stdout()).expect("json");
    assert_eq!(overview["level"], "failed");
    let problems = overview["profiles"][0]["workbooks"][0]["problems"].to_string();
    assert!(
        problems.contains("cannot be reached") && problems.contains("unplugged-usb"),
        "{problems}"
    );
    agent.stop();
}

#[test]
fn a_stale_libreoffice_lock_does_not_block_backups_and_is_reported() {
    use sheetsafe::watch::lockfile::{ProcessProbe, SystemProcesses};
    if SystemProcesses.libreoffice_running() {
        eprintln!("skipping: LibreOffice runs on this computer, so no LibreOffice lock here can be proven stale");
        return;
    }
    let ws = Workspace::new();
    let wb = ws.data("Sales.xlsx");
    write_workbook(&wb, 1, 1000);
    configure(&ws, &[&wb], &ws.backup());
    ws.run(["backup"]).ok();
    // LibreOffice crashed while the workbook was open: its lock names this computer.
    write_workbook(&wb, 2, 1000);
    let lock = ws.data(".~lock.Sales.xlsx#");
    std::fs::write(
        &lock,
        format!("Anna,anna,{},21.11.2026 17:30,file:///x;", sheetsafe::host::host_name()),
    )
    .expect("lock");
    let agent = AgentProcess::start(&ws);
    assert!(
        wait_until(LIMIT, || count(&ws) == 2),
        "the stale lock blocked the backup"
    );
    assert!(
        wait_until(LIMIT, || {
            let status = agent.status();
            status["workbooks"][0]["problems"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|p| {
                    p["kind"] == "stale-lock" && p["lock"].as_str().is_some_and(|l| l.ends_with(".~lock.Sales.xlsx#"))
                })
        }),
        "{}",
        agent.status()
    );
    agent.stop();
}

#[test]
fn a_second_agent_is_refused() {
    let ws = Workspace::new();
    let wb = ws.data("Sales.xlsx");
    write_workbook(&wb, 1, 1000);
    configure(&ws, &[&wb], &ws.backup());
    let agent = AgentProcess::start(&ws);
    let second = ws.run(["agent"]);
    second.expect_code(2);
    assert!(second.stderr().contains("already running"), "{}", second.stderr());
    let status = ws.run(["status"]);
    assert!(status.stdout().contains("Agent: running"), "{}", status.stdout());
    agent.stop();
}

/// Ransomware rewrites every workbook it reaches within minutes. Three workbooks overwritten
/// with random bytes while the agent runs: the agent backs each up (it does not know yet), the
/// alarm fires for each, and together they are the pattern of an attack: the status turns red
/// with one sentence naming them, and every version each had before is pinned so no keep rule
/// can retire it. Accepting the change (it was intended) releases the pins and the red.
#[test]
fn many_workbooks_lost_at_once_turn_red_and_pin_every_earlier_version() {
    let ws = Workspace::new();
    let names = ["Sales.xlsx", "Stock.xlsx", "Books.xlsx"];
    let books: Vec<PathBuf> = names.iter().map(|n| ws.add_corpus_file(SHEET_OF_30_ROWS, n)).collect();
    let refs: Vec<&Path> = books.iter().map(PathBuf::as_path).collect();
    configure(&ws, &refs, &ws.backup());
    ws.run(["backup"]).ok();
    // A second version of each with the same cells (a part added to the package), so "every
    // earlier version" means more than one and nothing vanished yet.
    for wb in &books {
        add_part(wb);
    }
    ws.run(["backup"]).ok();
    assert_eq!(count(&ws), 6);
    let agent = AgentProcess::start(&ws);
    for (seed, wb) in (1..).zip(&books) {
        std::fs::write(wb, noise(seed, 40_000)).expect("encrypt");
    }
    let red = || {
        let out = ws.run(["status", "--json"]);
        let status: serde_json::Value = serde_json::from_str(&out.stdout()).unwrap_or_default();
        let lost = status["problems"]
            .as_array()
            .and_then(|ps| ps.iter().find(|p| p["kind"] == "many-workbooks-lost").cloned());
        (status["level"] == "failed").then_some(lost).flatten()
    };
    assert!(
        wait_until(Duration::from_secs(60), || red().is_some()),
        "the status did not turn red for three workbooks lost at once: {}",
        ws.run(["status"]).stdout()
    );
    let problem = red().expect("red");
    assert_eq!(problem["workbooks"].as_array().map(Vec::len), Some(3), "{problem}");
    // Every version made before the loss is pinned (the one before it by the workbook's own
    // alarm, the older ones for the attack).
    let pinned_all = || {
        let catalog = sheetsafe::store::ProfileStore::at(ws.store("Shop"))
            .load_catalog()
            .expect("catalog");
        names.iter().all(|name| {
            let versions: Vec<_> = catalog.versions_of(name).collect();
            let lost = versions.iter().map(|v| v.sequence).max().unwrap_or(0);
            versions.len() == 3 && versions.iter().filter(|v| v.sequence < lost).all(|v| v.pin.is_some())
        })
    };
    assert!(
        wait_until(LIMIT, pinned_all),
        "not every earlier version is pinned: {}",
        ws.run(["versions", "Shop"]).stdout()
    );
    let text = ws.run(["status"]).stdout();
    assert!(text.contains("3 workbooks lost their data at once"), "{text}");
    agent.stop();

    // The change was intended after all: accepting it for each workbook ends the red.
    for wb in &books {
        ws.run(["accept-change", "Shop", "--workbook", &wb.display().to_string()])
            .ok();
    }
    assert!(red().is_none(), "still red after every change was accepted");
    let catalog = sheetsafe::store::ProfileStore::at(ws.store("Shop"))
        .load_catalog()
        .expect("catalog");
    assert!(
        catalog.versions.iter().all(|v| v.pin.is_none()),
        "pins left after accepting"
    );
}

/// Two workbooks lost within the window are two alarms, not an attack.
#[test]
fn two_workbooks_lost_at_once_are_two_alarms_not_an_attack() {
    let ws = Workspace::new();
    let books: Vec<PathBuf> = ["Sales.xlsx", "Stock.xlsx"]
        .iter()
        .map(|n| ws.add_corpus_file(SHEET_OF_30_ROWS, n))
        .collect();
    let refs: Vec<&Path> = books.iter().map(PathBuf::as_path).collect();
    configure(&ws, &refs, &ws.backup());
    ws.run(["backup"]).ok();
    for (seed, wb) in (1..).zip(&books) {
        std::fs::write(wb, noise(seed, 40_000)).expect("encrypt");
    }
    ws.run(["backup"]).ok();
    let out = ws.run(["status", "--json"]);
    let status: serde_json::Value = serde_json::from_str(&out.stdout()).expect("json");
    let text = out.stdout();
    // Each has its own alarm (and is red as damaged); together they are not an attack.
    assert!(
        text.contains("\"data-vanished\""),
        "no alarm for either workbook: {text}"
    );
    assert!(!text.contains("many-workbooks-lost"), "{status}");
}

/// Saves `workbook` again with the same cells: one more part in its package.
fn add_part(workbook: &Path) {
    use std::io::Write as _;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(workbook)
        .expect("open");
    let mut zip = zip::ZipWriter::new_append(file).expect("a zip package");
    zip.start_file("docProps/sheetsafe-test.xml", zip::write::SimpleFileOptions::default())
        .expect("part");
    zip.write_all(b"<x/>").expect("write");
    zip.finish().expect("finish");
}
