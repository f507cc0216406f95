//! Close detection against the real application: LibreOffice (headless) opens each workbook,
//! edits a cell, saves and closes it, while `sheetsafe agent` runs as a separate process.
//!
//! Needs LibreOffice and its Python bridge (Debian: libreoffice-calc-nogui, python3-uno), so it
//! is ignored by a plain `cargo test`; `scripts/test-real-apps` installs them and runs it, and
//! `.ci/run` calls that script.

#[path = "integration/util.rs"]
mod util;

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use util::{Workspace, sha256_hex, terminate, toml_path, wait_until};

const LIMIT: Duration = Duration::from_secs(60);

/// A headless LibreOffice listening for UNO connections, with its own user profile.
struct Office {
    child: Child,
    port: u16,
}

impl Office {
    fn start(ws: &Workspace) -> Office {
        let port = 20_000 + u16::try_from(std::process::id() % 20_000).expect("fits");
        let profile = format!("file://{}", ws.path("lo-profile").display());
        // Its own process group: `soffice` is a wrapper that starts `soffice.bin`, and only
        // killing the whole group is sure to end LibreOffice.
        let child = Command::new("soffice")
            .process_group(0)
            .args(["--headless", "--invisible", "--norestore", "--nologo", "--nodefault"])
            .arg(format!("--accept=socket,host=127.0.0.1,port={port};urp;"))
            .arg(format!("-env:UserInstallation={profile}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("LibreOffice (soffice) must be installed: run scripts/test-real-apps");
        Office { child, port }
    }

    /// Opens `workbook` in LibreOffice, sets A1 to `text` and saves (or changes nothing), and
    /// closes it. Returns (lock file seen while open, lock file left after close).
    fn edit(&self, workbook: &Path, text: Option<&str>) -> (bool, bool) {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/libreoffice/edit_workbook.py");
        let mut cmd = Command::new("/usr/bin/python3");
        cmd.arg(script).arg(self.port.to_string()).arg(workbook);
        match text {
            Some(t) => cmd.args(["--set", t]),
            None => cmd.arg("--no-change"),
        };
        let out = cmd.output().expect("python3 with the uno module (python3-uno)");
        assert!(
            out.status.success(),
            "edit script failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json from the edit script");
        (report["lock_while_open"] == true, report["lock_after_close"] == true)
    }
}

impl Drop for Office {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.child.wait();
    }
}

fn versions_of(ws: &Workspace, workbook: &Path) -> Vec<serde_json::Value> {
    let wb = workbook.display().to_string();
    let out = ws.run(["versions", "Shop", "--workbook", &wb, "--json"]);
    serde_json::from_str::<serde_json::Value>(&out.stdout())
        .ok()
        .and_then(|v| v.as_array().cloned())
        .unwrap_or_default()
}

#[test]
#[ignore = "needs LibreOffice (libreoffice-calc-nogui, python3-uno); scripts/test-real-apps installs them and runs this"]
fn libreoffice_save_and_close_makes_one_version_per_close_with_changes() {
    let ws = Workspace::new();
    let workbooks: Vec<PathBuf> = vec![
        ws.add_corpus_file("poi__SampleSS.xlsx", "Sales.xlsx"),
        ws.add_corpus_file("poi__SimpleMacro.xlsm", "Macro.xlsm"),
        ws.add_corpus_file("poi__SampleSS.ods", "Stock.ods"),
        ws.add_corpus_file("poi__SampleSS.xlsx", "Bán hàng tháng 11.xlsx"),
    ];
    let list: Vec<String> = workbooks.iter().map(|w| toml_path(w)).collect();
    std::fs::write(
        ws.config(),
        format!(
            "[[profile]]\nname = \"Shop\"\nworkbooks = [{}]\nbackup_folder = {}\n\n[profile.watch]\nsettle_seconds = 1\n",
            list.join(", "),
            toml_path(&ws.backup())
        ),
    )
    .expect("config");
    ws.run(["backup"]).ok();

    let office = Office::start(&ws);
    let mut agent = ws
        .cmd(["agent"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("agent");
    assert!(
        wait_until(LIMIT, || ws.path("appdata/agent-status.json").exists()),
        "agent did not start"
    );

    for (i, wb) in workbooks.iter().enumerate() {
        let name = wb.file_name().expect("name").to_string_lossy().into_owned();
        let (while_open, after_close) = office.edit(wb, Some(&format!("edited {i}")));
        assert!(while_open, "{name}: LibreOffice's lock file did not appear");
        assert!(!after_close, "{name}: LibreOffice's lock file did not go away");
        assert!(
            wait_until(LIMIT, || versions_of(&ws, wb).len() == 2),
            "{name}: no version after the close"
        );
        std::thread::sleep(Duration::from_secs(2));
        let versions = versions_of(&ws, wb);
        assert_eq!(
            versions.len(),
            2,
            "{name}: exactly one new version per close with changes"
        );
        assert_eq!(versions[0]["trigger"], "close", "{name}");
        assert_eq!(
            versions[0]["sha256"],
            sha256_hex(wb),
            "{name}: the version equals the saved workbook"
        );
        assert_eq!(
            versions[0]["health"], "healthy",
            "{name}: LibreOffice's save is a sound workbook"
        );
    }

    // The macros survive LibreOffice's save and are in the backup.
    let newest = versions_of(&ws, &workbooks[1])[0]["file"]
        .as_str()
        .expect("file")
        .to_string();
    let stored = std::fs::File::open(ws.store("Shop").join(newest)).expect("open version");
    let mut zip = zip::ZipArchive::new(stored).expect("zip");
    assert!(zip.by_name("xl/vbaProject.bin").is_ok(), "the VBA project must be kept");

    // Open and close without changes: no new version.
    let (while_open, _) = office.edit(&workbooks[0], None);
    assert!(while_open);
    std::thread::sleep(Duration::from_secs(4));
    assert_eq!(
        versions_of(&ws, &workbooks[0]).len(),
        2,
        "a close without changes makes no version"
    );

    ws.run(["verify", "--full"]).ok();
    terminate(agent.id());
    assert!(agent.wait().expect("agent exit").success());
}
