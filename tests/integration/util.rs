//! Test helpers: a temporary workspace with its own configuration and data folder, a way to
//! run the real binary in it, and access to the corpus in `tests/corpus/`.

#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use sha2::{Digest, Sha256};

/// The corpus of real spreadsheets in `tests/corpus/` (`SHEETSAFE_CORPUS` overrides the
/// location).
pub fn corpus_dir() -> PathBuf {
    let dir = std::env::var_os("SHEETSAFE_CORPUS").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus"),
        PathBuf::from,
    );
    assert!(
        dir.join("SOURCES.md").is_file(),
        "the test corpus is missing at {}: it is part of the repository (tests/corpus); set SHEETSAFE_CORPUS only to test another copy",
        dir.display()
    );
    dir
}

/// Every spreadsheet in the corpus (not the licences or SOURCES.md), sorted by name.
pub fn corpus_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("read corpus")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file() && p.extension() != Some(OsStr::new("md")))
        .collect();
    files.sort();
    files
}

/// The corpus files SOURCES.md tags with `tag` (e.g. "CORRUPT").
pub fn corpus_tagged(tag: &str) -> Vec<String> {
    let text = std::fs::read_to_string(corpus_dir().join("SOURCES.md")).expect("read SOURCES.md");
    text.lines()
        .filter(|l| l.starts_with("| `"))
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('|').map(str::trim).collect();
            let name = cols.get(1)?.trim_matches('`');
            let tags = cols.get(9)?;
            tags.split(',').any(|t| t.trim() == tag).then(|| name.to_string())
        })
        .collect()
}

pub fn sha256_hex(path: &Path) -> String {
    hex::encode(Sha256::digest(std::fs::read(path).expect("read for hash")))
}

/// The binary under test: the one cargo built for these tests, unless `SHEETSAFE_TEST_BIN`
/// names another (several checkouts that share one target folder overwrite each other's
/// `target/debug/sheetsafe`, so a run can pin its own copy).
pub fn binary() -> PathBuf {
    std::env::var_os("SHEETSAFE_TEST_BIN").map_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_sheetsafe")), PathBuf::from)
}

/// A temporary workspace: `data/` for workbooks, `backup/` for the backup folder, and a
/// private configuration and data folder so no test touches a real profile.
pub struct Workspace {
    pub root: tempfile::TempDir,
}

impl Workspace {
    pub fn new() -> Self {
        let root = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(root.path().join("data")).expect("mkdir data");
        std::fs::create_dir_all(root.path().join("backup")).expect("mkdir backup");
        Workspace { root }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.path().join(rel)
    }

    pub fn config(&self) -> PathBuf {
        self.path("config.toml")
    }

    pub fn data(&self, name: &str) -> PathBuf {
        self.path("data").join(name)
    }

    pub fn backup(&self) -> PathBuf {
        self.path("backup")
    }

    /// The profile folder of `profile` in the default backup folder.
    pub fn store(&self, profile: &str) -> PathBuf {
        self.backup().join(profile)
    }

    /// Copies a corpus file into `data/` under `name`.
    pub fn add_corpus_file(&self, corpus_name: &str, name: &str) -> PathBuf {
        let target = self.data(name);
        std::fs::copy(corpus_dir().join(corpus_name), &target).expect("copy corpus file");
        // Corpus files are read-only; a workbook a user edits is not.
        let mut perms = std::fs::metadata(&target).expect("meta").permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        perms.set_readonly(false);
        std::fs::set_permissions(&target, perms).expect("chmod");
        target
    }

    /// A `Command` for the real binary, pointed at this workspace's config and data folder.
    pub fn cmd<I, S>(&self, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = Command::new(binary());
        cmd.args(args)
            .env("SHEETSAFE_CONFIG", self.config())
            .env("SHEETSAFE_DATA_DIR", self.path("appdata"))
            .env_remove("SHEETSAFE_LOG");
        cmd
    }

    /// Runs the binary and returns its output.
    pub fn run<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        Run(self.cmd(args).output().expect("run sheetsafe"))
    }

    /// Adds profile `name` backing up `workbooks` into `backup/`.
    pub fn add_profile(&self, name: &str, workbooks: &[&Path], extra: &[&str]) -> Run {
        let mut args: Vec<std::ffi::OsString> = vec!["profile".into(), "add".into(), name.into()];
        for w in workbooks {
            args.push("--workbook".into());
            args.push(w.as_os_str().to_owned());
        }
        args.push("--backup-folder".into());
        args.push(self.backup().into_os_string());
        args.extend(extra.iter().map(Into::into));
        self.run(args)
    }

    /// Names of the files in a profile folder, excluding the lock file.
    pub fn store_files(&self, profile: &str) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.store(profile))
            .map(|rd| {
                rd.map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.retain(|n| n != ".sheetsafe.lock");
        names.sort();
        names
    }

    /// Version files only (no catalog, sums or lock).
    pub fn versions(&self, profile: &str) -> Vec<String> {
        let mut v = self.store_files(profile);
        v.retain(|n| n != "catalog.toml" && n != "SHA256SUMS");
        v
    }
}

/// The output of one run, with assertions that print everything on failure.
pub struct Run(pub Output);

impl Run {
    pub fn code(&self) -> i32 {
        self.0.status.code().unwrap_or(-1)
    }
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }
    #[track_caller]
    pub fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code(),
            code,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout(),
            self.stderr()
        );
        self
    }
    #[track_caller]
    pub fn ok(&self) -> &Self {
        self.expect_code(0)
    }
}

/// Runs `sha256sum -c SHA256SUMS` inside `dir` and asserts it passes.
#[track_caller]
pub fn assert_sha256sum_passes(dir: &Path) {
    let out = Command::new("sha256sum")
        .args(["-c", "--strict", "SHA256SUMS"])
        .current_dir(dir)
        .output()
        .expect("sha256sum must be installed (coreutils)");
    assert!(
        out.status.success(),
        "sha256sum -c failed in {}:\n{}{}",
        dir.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Writes a small but real `.xlsx`-shaped zip package whose payload depends on `seed`, with
/// `payload_bytes` of incompressible data stored in it (for large-file tests).
pub fn write_workbook(path: &Path, seed: u64, payload_bytes: usize) {
    use std::io::Write;
    let tmp = path.with_extension("tmp-writing");
    let file = std::fs::File::create(&tmp).expect("create workbook");
    let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
    let deflate = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let stored = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(payload_bytes > u32::MAX as usize / 2);
    let parts: [(&str, String); 4] = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#.to_string(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string(),
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Sheet1" sheetId="1"/></sheets></workbook>"#.to_string(),
        ),
        ("xl/worksheets/sheet1.xml", format!("<?xml version=\"1.0\"?><worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>{seed}</v></c></row></sheetData></worksheet>")),
    ];
    for (name, body) in parts {
        zip.start_file(name, deflate).expect("start part");
        zip.write_all(body.as_bytes()).expect("write part");
    }
    if payload_bytes > 0 {
        zip.start_file("xl/media/payload.bin", stored).expect("start payload");
        // xorshift: fast, incompressible enough, different for every seed.
        let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        let mut chunk = vec![0u8; 1 << 20];
        let mut left = payload_bytes;
        while left > 0 {
            for word in chunk.chunks_exact_mut(8) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                word.copy_from_slice(&state.to_le_bytes());
            }
            let n = left.min(chunk.len());
            zip.write_all(&chunk[..n]).expect("write payload");
            left -= n;
        }
    }
    zip.finish().expect("finish zip").flush().expect("flush");
    std::fs::rename(&tmp, path).expect("rename workbook into place");
}

/// Polls `condition` every 50 ms until it holds or `limit` passes; returns whether it held.
/// Used to wait for the agent, which works on its own schedule; the limit is generous so a
/// slow CI machine does not fail, and no test asserts how fast it was.
pub fn wait_until(limit: std::time::Duration, mut condition: impl FnMut() -> bool) -> bool {
    let start = std::time::Instant::now();
    loop {
        if condition() {
            return true;
        }
        if start.elapsed() > limit {
            return false;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// A TOML string literal for a path (literal strings need no escaping of `\`).
pub fn toml_path(path: &Path) -> String {
    format!("'{}'", path.display())
}

/// Sends SIGTERM to a process.
pub fn terminate(pid: u32) {
    let _ = Command::new("kill").args(["-TERM", &pid.to_string()]).status();
}

/// A small tmpfs mounted for the test and unmounted afterwards (a disk that fills up, or turns
/// read-only, for real).
pub struct Mount(PathBuf);

impl Mount {
    /// Mounts a tmpfs of `size` at `dir`. Needs root (CI runs as root); elsewhere the test is
    /// skipped with the reason printed, but under CI a failed mount fails the test.
    pub fn tmpfs(dir: &Path, size: &str) -> Option<Mount> {
        std::fs::create_dir_all(dir).expect("mkdir mount point");
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            return Some(Mount(dir.to_path_buf()));
        }
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must be able to mount a tmpfs (run as root)"
        );
        eprintln!("skipping: cannot mount a tmpfs here (needs root); CI runs this test as root");
        None
    }

    pub fn remount_read_only(&self) {
        self.remount("remount,ro");
    }

    pub fn remount_read_write(&self) {
        self.remount("remount,rw");
    }

    fn remount(&self, options: &str) {
        let ok = Command::new("mount")
            .args(["-o", options])
            .arg(&self.0)
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "mount -o {options}");
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

/// What an encrypted file looks like: bytes without structure (xorshift, so every run is the same).
pub fn noise(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x.to_le_bytes()[0]
        })
        .collect()
}

/// A workbook in the corpus with a sheet large enough for the alarm (30 filled rows).
pub const SHEET_OF_30_ROWS: &str = "sheetjs__חישוב_נקודות_זיכוי.xlsx";
