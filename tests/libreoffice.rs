//! Close detection against the real application: LibreOffice (headless) opens each workbook,
//! edits a cell, saves and closes it, while `sheetsafe agent` runs as a separate process. Also:
//! LibreOffice killed with SIGKILL after a save (its lock file left behind, nothing else
//! happening in the folder), a workbook saved and left open, and a randomized driver of many
//! sessions, each of which must end with the workbook's bytes as its newest version. And what is
//! inside each version: summaries, diffs and the vanishing-data alarm (`libreoffice/contents.rs`).
//!
//! Needs LibreOffice and its Python bridge (Debian: libreoffice-calc-nogui, python3-uno), so it
//! is ignored by a plain `cargo test`; `scripts/test-real-apps` installs them and runs it, and
//! `.ci/run` calls that script.
//!
//! Unix only: LibreOffice is driven through process groups and signals (`std::os::unix`), and
//! the Windows build's close detection is run under Wine by `scripts/test-windows` instead.
#![cfg(unix)]

#[path = "integration/util.rs"]
mod util;

#[path = "libreoffice/contents.rs"]
mod contents;

use std::ffi::OsStr;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU16, Ordering};
use std::time::{Duration, Instant};

use util::{Workspace, sha256_hex, terminate, toml_path, wait_until};

const LIMIT: Duration = Duration::from_secs(60);

/// A headless LibreOffice listening for UNO connections, with its own user profile, started
/// under `reaper.py` so that, as on a desktop, whatever ends below it is collected.
struct Office {
    reaper: Child,
    /// The process group of `soffice` and `soffice.bin`.
    group: u32,
    port: u16,
}

/// Each LibreOffice of a test run listens on a port of its own.
static NEXT_PORT: AtomicU16 = AtomicU16::new(0);

impl Office {
    fn start(ws: &Workspace) -> Office {
        let base = 20_000 + u16::try_from(std::process::id() % 10_000).expect("fits");
        let port = base + NEXT_PORT.fetch_add(1, Ordering::Relaxed) % 5_000;
        let profile = ws.path("lo-profile");
        let reaper_script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/libreoffice/reaper.py");
        let mut reaper = Command::new("/usr/bin/python3")
            .arg(reaper_script)
            .args([
                "soffice",
                "--headless",
                "--invisible",
                "--norestore",
                "--nologo",
                "--nodefault",
            ])
            .arg(format!("--accept=socket,host=127.0.0.1,port={port};urp;"))
            .arg(format!("-env:UserInstallation=file://{}", profile.display()))
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("LibreOffice (soffice) must be installed: run scripts/test-real-apps");
        let mut line = String::new();
        BufReader::new(reaper.stdout.take().expect("reaper stdout"))
            .read_line(&mut line)
            .expect("reaper prints the group");
        let group = line
            .trim()
            .parse()
            .expect("the reaper prints LibreOffice's process group");
        Office { reaper, group, port }
    }

    fn python(&self, script: &str, args: &[&OsStr]) -> serde_json::Value {
        let script = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/libreoffice")
            .join(script);
        let out = Command::new("/usr/bin/python3")
            .arg(&script)
            .arg(self.port.to_string())
            .args(args)
            .output()
            .expect("python3 with the uno module (python3-uno)");
        assert!(
            out.status.success(),
            "{} {args:?} failed: {}",
            script.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("json from the UNO script")
    }

    /// Opens `workbook` in LibreOffice, sets A1 to `text` and saves (or changes nothing), and
    /// closes it. Returns (lock file seen while open, lock file left after close).
    fn edit(&self, workbook: &Path, text: Option<&str>) -> (bool, bool) {
        let mut args: Vec<&OsStr> = vec![workbook.as_os_str()];
        match text {
            Some(t) => args.extend([OsStr::new("--set"), OsStr::new(t)]),
            None => args.push(OsStr::new("--no-change")),
        }
        let report = self.python("edit_workbook.py", &args);
        (report["lock_while_open"] == true, report["lock_after_close"] == true)
    }

    /// One step of a session (`open`, `save` with a text, `close`); returns whether the lock
    /// file exists afterwards.
    fn step(&self, step: &str, workbook: &Path, text: Option<&str>) -> bool {
        let mut args: Vec<&OsStr> = vec![OsStr::new(step), workbook.as_os_str()];
        args.extend(text.map(OsStr::new));
        self.python("session.py", &args)["lock"] == true
    }

    /// Kills LibreOffice with SIGKILL, as a crash or a power cut of the application would, and
    /// waits until the reaper has collected it (its lock files stay behind).
    fn crash(mut self) {
        self.kill();
    }

    fn kill(&mut self) {
        // Once the reaper has ended, every process of the group is gone already.
        if matches!(self.reaper.try_wait(), Ok(Some(_))) {
            return;
        }
        let group = format!("-{}", self.group);
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.reaper.wait();
    }
}

impl Drop for Office {
    fn drop(&mut self) {
        self.kill();
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
    let refs: Vec<&Path> = workbooks.iter().map(PathBuf::as_path).collect();
    write_config(&ws, &refs, "");
    ws.run(["backup"]).ok();

    let office = Office::start(&ws);
    let agent = start_agent(&ws);

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
    stop_agent(agent);
}

/// The configuration for one workbook set, with the watch settings given.
fn write_config(ws: &Workspace, workbooks: &[&Path], watch: &str) {
    let list: Vec<String> = workbooks.iter().map(|w| toml_path(w)).collect();
    std::fs::write(
        ws.config(),
        format!(
            "[[profile]]\nname = \"Shop\"\nworkbooks = [{}]\nbackup_folder = {}\n\n[profile.watch]\nsettle_seconds = 1\n{watch}\n",
            list.join(", "),
            toml_path(&ws.backup())
        ),
    )
    .expect("config");
}

/// A running `sheetsafe agent`, stopped when dropped, so a failing test leaves no agent behind.
struct Agent(Option<Child>);

impl Drop for Agent {
    fn drop(&mut self) {
        if let Some(mut child) = self.0.take() {
            terminate(child.id());
            let _ = child.wait();
        }
    }
}

fn start_agent(ws: &Workspace) -> Agent {
    let _ = std::fs::remove_file(ws.path("appdata/agent-status.json"));
    let agent = Agent(Some(
        ws.cmd(["agent"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("agent"),
    ));
    assert!(
        wait_until(LIMIT, || ws.path("appdata/agent-status.json").exists()),
        "agent did not start"
    );
    agent
}

/// Stops the agent and checks that it ended cleanly.
fn stop_agent(mut agent: Agent) {
    let mut child = agent.0.take().expect("running");
    terminate(child.id());
    assert!(child.wait().expect("agent exit").success());
}

fn status(ws: &Workspace) -> serde_json::Value {
    serde_json::from_str(&ws.run(["status", "--json"]).stdout()).unwrap_or_default()
}

/// Every problem of the status, the workbooks' included (typed: `kind` and its fields).
fn status_problems(status: &serde_json::Value) -> Vec<serde_json::Value> {
    let mut out: Vec<serde_json::Value> = Vec::new();
    let mut collect = |v: &serde_json::Value| {
        out.extend(v.as_array().into_iter().flatten().cloned());
    };
    collect(&status["problems"]);
    for profile in status["profiles"].as_array().into_iter().flatten() {
        collect(&profile["problems"]);
        for workbook in profile["workbooks"].as_array().into_iter().flatten() {
            collect(&workbook["problems"]);
        }
    }
    out
}

/// True when the newest version of `workbook` holds exactly its bytes now.
fn protected(ws: &Workspace, workbook: &Path) -> bool {
    versions_of(ws, workbook)
        .first()
        .is_some_and(|v| v["sha256"] == sha256_hex(workbook))
}

#[test]
#[ignore = "needs LibreOffice (libreoffice-calc-nogui, python3-uno); scripts/test-real-apps installs them and runs this"]
fn libreoffice_killed_after_a_save_is_backed_up_within_a_minute() {
    let ws = Workspace::new();
    let workbook = ws.add_corpus_file("poi__SampleSS.xlsx", "Sổ quỹ.xlsx");
    // The default stale-lock check (every 20 s while saved changes wait).
    write_config(&ws, &[&workbook], "");
    ws.run(["backup"]).ok();
    let office = Office::start(&ws);
    let agent = start_agent(&ws);

    assert!(
        office.step("open", &workbook, None),
        "LibreOffice's lock file did not appear"
    );
    assert!(office.step("save", &workbook, Some("bán 3 bao gạo")));
    let saved = sha256_hex(&workbook);
    assert!(
        wait_until(LIMIT, || status(&ws)["profiles"][0]["workbooks"][0]["watch_state"]
            == "open"),
        "the agent did not see the workbook open"
    );
    let crashed = Instant::now();
    office.crash();
    let lock = ws.data(".~lock.Sổ quỹ.xlsx#");
    assert!(lock.exists(), "a killed LibreOffice leaves its lock file behind");

    assert!(
        wait_until(LIMIT, || protected(&ws, &workbook)),
        "no version of the saved workbook within a minute of the crash"
    );
    let took = crashed.elapsed();
    println!("crash to protected: {:.1} s", took.as_secs_f64());
    let newest = versions_of(&ws, &workbook)[0].clone();
    assert_eq!(
        newest["sha256"], saved,
        "the version holds the bytes saved before the crash"
    );
    assert_eq!(newest["trigger"], "after-crash");
    assert_eq!(newest["health"], "healthy");
    let problems = status_problems(&status(&ws));
    assert!(
        problems.iter().any(|p| p["kind"] == "stale-lock"
            && p["application"] == "libre-office"
            && p["lock"].as_str().is_some_and(|l| l.ends_with(".~lock.Sổ quỹ.xlsx#"))),
        "the stale lock file is reported: {problems:#?}"
    );
    stop_agent(agent);
}

#[test]
#[ignore = "needs LibreOffice (libreoffice-calc-nogui, python3-uno); scripts/test-real-apps installs them and runs this"]
fn libreoffice_left_open_after_a_save_gets_a_version_and_amber_until_then() {
    let ws = Workspace::new();
    let workbook = ws.add_corpus_file("poi__SampleSS.xlsx", "Kho hàng.xlsx");
    write_config(
        &ws,
        &[&workbook],
        "saved_while_open_seconds = 8\nunprotected_grace_seconds = 2",
    );
    ws.run(["backup"]).ok();
    let office = Office::start(&ws);
    let agent = start_agent(&ws);

    assert!(office.step("open", &workbook, None));
    assert!(office.step("save", &workbook, Some("nhập 40 thùng")));
    let saved = sha256_hex(&workbook);
    // Past the grace, before the quiet time: amber, saying it is open and since when.
    assert!(
        wait_until(LIMIT, || {
            let s = status(&ws);
            s["level"] == "attention"
                && status_problems(&s).iter().any(|p| {
                    p["kind"] == "changed-since-backup"
                        && p["waiting"]["reason"] == "still-open"
                        && p["workbook"].as_str().is_some_and(|w| w.ends_with("Kho hàng.xlsx"))
                })
        }),
        "no amber while saved changes wait: {:#?}",
        status(&ws)
    );
    assert!(
        wait_until(LIMIT, || protected(&ws, &workbook)),
        "no version while the workbook stayed open"
    );
    let newest = versions_of(&ws, &workbook)[0].clone();
    assert_eq!(newest["trigger"], "saved-while-open");
    assert_eq!(newest["sha256"], saved);
    // Amber cleared: nothing waits unprotected. (What stays is this workspace's lack of a
    // second copy off the disk, which is amber by design.)
    assert!(
        wait_until(LIMIT, || status_problems(&status(&ws))
            .iter()
            .all(|p| p["kind"] == "no-copy-off-this-disk")),
        "the amber state did not clear: {:#?}",
        status(&ws)
    );
    // Closing without a further change makes no version; an edit first makes a `close` one.
    assert!(office.step("save", &workbook, Some("nhập 41 thùng")));
    assert!(!office.step("close", &workbook, None), "the lock file went away");
    assert!(
        wait_until(LIMIT, || protected(&ws, &workbook)),
        "no version after the close"
    );
    let versions = versions_of(&ws, &workbook);
    assert_eq!(versions[0]["trigger"], "close");
    assert_eq!(versions.len(), 3, "the first backup, saved-while-open and close");
    stop_agent(agent);
}

/// The kinds of session the randomized driver plays.
#[derive(Debug, Clone, Copy)]
enum Session {
    EditSaveClose,
    CloseWithoutEdits,
    TwoSavesThenClose,
    TwoWorkbooksOneAfterTheOther,
    CloseAndReopenAtOnce,
    CrashAfterSave,
}

const SESSIONS: [Session; 6] = [
    Session::EditSaveClose,
    Session::CloseWithoutEdits,
    Session::TwoSavesThenClose,
    Session::TwoWorkbooksOneAfterTheOther,
    Session::CloseAndReopenAtOnce,
    Session::CrashAfterSave,
];

/// Plays one session in LibreOffice (a crash session stops after the save; the caller kills
/// LibreOffice); returns the workbooks it saved.
fn play(lo: &Office, kind: Session, book: &Path, books: &[PathBuf], text: &str) -> Vec<PathBuf> {
    match kind {
        Session::EditSaveClose => {
            lo.step("open", book, None);
            lo.step("save", book, Some(text));
            lo.step("close", book, None);
        }
        Session::CloseWithoutEdits => {
            lo.step("open", book, None);
            lo.step("close", book, None);
        }
        Session::TwoSavesThenClose => {
            lo.step("open", book, None);
            lo.step("save", book, Some(text));
            lo.step("save", book, Some(&format!("{text}b")));
            lo.step("close", book, None);
        }
        Session::TwoWorkbooksOneAfterTheOther => {
            for (j, b) in books.iter().enumerate() {
                lo.step("open", b, None);
                lo.step("save", b, Some(&format!("{text}/{j}")));
            }
            for b in books {
                lo.step("close", b, None);
            }
            return books.to_vec();
        }
        Session::CloseAndReopenAtOnce => {
            lo.step("open", book, None);
            lo.step("save", book, Some(text));
            lo.step("close", book, None);
            lo.step("open", book, None);
            lo.step("close", book, None);
        }
        Session::CrashAfterSave => {
            lo.step("open", book, None);
            lo.step("save", book, Some(text));
        }
    }
    vec![book.to_path_buf()]
}

#[test]
#[ignore = "needs LibreOffice (libreoffice-calc-nogui, python3-uno); scripts/test-real-apps installs them and runs this"]
fn randomized_libreoffice_sessions_all_end_protected() {
    let count: usize = std::env::var("SHEETSAFE_LO_SESSIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let seed: u64 = std::env::var("SHEETSAFE_LO_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| u64::from(std::process::id()));
    println!("randomized sessions: seed {seed} (SHEETSAFE_LO_SEED replays it)");
    let ws = Workspace::new();
    let books = [
        ws.add_corpus_file("poi__SampleSS.xlsx", "Bán hàng.xlsx"),
        ws.add_corpus_file("poi__SampleSS.ods", "Magazyn.ods"),
    ];
    // A short stale-lock check keeps the crash sessions quick; the default is tested above.
    write_config(
        &ws,
        &[&books[0], &books[1]],
        "stale_check_seconds = 2\nsaved_while_open_seconds = 0",
    );
    ws.run(["backup"]).ok();
    let agent = start_agent(&ws);
    let mut office = Some(Office::start(&ws));
    let mut state = seed | 1;
    let mut next = move |n: usize| {
        // xorshift64
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        usize::try_from(state % n as u64).unwrap_or(0)
    };
    let mut protected_sessions = 0;
    let mut failures = Vec::new();
    for i in 0..count {
        let kind = SESSIONS[next(SESSIONS.len())];
        let book = &books[next(books.len())];
        let lo = office.get_or_insert_with(|| Office::start(&ws));
        let before = versions_of(&ws, book).len();
        let text = format!("phiên {i}");
        let touched = play(lo, kind, book, &books, &text);
        if matches!(kind, Session::CrashAfterSave)
            && let Some(lo) = office.take()
        {
            lo.crash();
        }
        let ok = if matches!(kind, Session::CloseWithoutEdits) {
            // Give the agent time to (wrongly) make a version, then check it did not.
            std::thread::sleep(Duration::from_secs(3));
            versions_of(&ws, book).len() == before && protected(&ws, book)
        } else {
            touched.iter().all(|b| wait_until(LIMIT, || protected(&ws, b)))
        };
        if ok {
            protected_sessions += 1;
        } else {
            failures.push(format!("session {i} ({kind:?} on {})", book.display()));
        }
        if matches!(kind, Session::CrashAfterSave) {
            // The user deletes the lock file the crash left, as Sheetsafe's message says.
            for b in &books {
                let name = b.file_name().expect("name").to_string_lossy().into_owned();
                let _ = std::fs::remove_file(ws.data(&format!(".~lock.{name}#")));
            }
        }
    }
    drop(office);
    println!("protected {protected_sessions}/{count} sessions");
    assert!(failures.is_empty(), "unprotected sessions:\n{}", failures.join("\n"));
    ws.run(["verify", "--full"]).ok();
    stop_agent(agent);
}
