//! The slow work the screens start (backups, checks, restores, looking for workbooks), as
//! plain blocking functions returning plain data. Screens run them through `Task::perform`, and
//! the headless tests call them directly, so what a test checks is what the app does.

use sheetsafe::i18n::Explain as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use sheetsafe::agent::{AgentCommand, AgentHandle, SharedProgress};
use sheetsafe::config::{self, Config, ConfigError, Profile};
use sheetsafe::contents::WorkbookDiff;
use sheetsafe::copies;
use sheetsafe::crypto::{Passphrase, SecretKey};
use sheetsafe::engine::{self, BackupOutcome, BackupRequest, Trigger};
use sheetsafe::problem::Problem;
use sheetsafe::progress::{Progress, ProgressEvent};
use sheetsafe::repair;
use sheetsafe::restore::{self, RestoreTarget};
use sheetsafe::status::{AttemptOutcome, Overview};
use sheetsafe::store::{ProfileStore, Version};
use sheetsafe::verify::{self, Finding, VerifyMode};

use super::failure::Failure;

/// What a backup did for one workbook, as the overview shows it.
#[derive(Debug, Clone)]
pub struct BackupLine {
    pub profile: String,
    /// The version made or found unchanged, or why not (the failure names the workbook).
    pub result: Result<(String, bool), Failure>,
}

/// Saves what the user changed on a screen: `mine` is the configuration the screen edited,
/// which started as `base`. Only the difference is applied, to the file as it is now (under
/// its writers' lock), so a profile the CLI or a text editor added meanwhile survives. Returns
/// the configuration as written.
pub fn save_edits(config_file: &Path, base: &Config, mine: &Config) -> Result<Config, ConfigError> {
    config::update(config_file, |current| {
        config::rebase(base, mine, current);
        Ok::<_, ConfigError>(())
    })
    .map(|updated| updated.config)
}

/// Backs up every workbook of `profiles` now.
pub fn back_up(profiles: &[Profile], lock_wait: Duration, progress: &dyn Progress) -> Vec<BackupLine> {
    let mut lines = Vec::new();
    for profile in profiles {
        for (_, result) in engine::back_up_profile(profile, Trigger::Manual, lock_wait, progress) {
            let result = match result {
                Ok(BackupOutcome::Created { version, .. }) => Ok((version.file.to_string(), true)),
                Ok(BackupOutcome::Unchanged { newest }) => Ok((newest.file.to_string(), false)),
                Err(e) => Err(e.into()),
            };
            lines.push(BackupLine {
                profile: profile.name.clone(),
                result,
            });
        }
    }
    lines
}

/// Has the hosted `agent` back up every workbook (of `profile`, or all) now and waits for it,
/// handing on to `progress` how far the agent's backups are.
pub fn back_up_through(agent: &AgentHandle, profile: Option<String>, progress: &dyn Progress) -> Vec<BackupLine> {
    let (reply, done) = std::sync::mpsc::channel();
    // The agent reports on its own thread; the events come back here, where `progress` lives.
    let (events, news) = std::sync::mpsc::channel::<ProgressEvent>();
    if !agent.send(AgentCommand::BackUpNow {
        profile,
        reply: Some(reply),
        progress: Some(SharedProgress(std::sync::Arc::new(events))),
    }) {
        return Vec::new();
    }
    let finished = loop {
        match done.recv_timeout(Duration::from_millis(50)) {
            Ok(lines) => break lines,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
            // The agent stopped (the app is quitting): nothing more will come.
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break Vec::new(),
        }
        for event in news.try_iter() {
            progress.report(event);
        }
    };
    for event in news.try_iter() {
        progress.report(event);
    }
    finished
        .into_iter()
        .map(|m| BackupLine {
            profile: m.profile,
            result: match m.result.outcome {
                AttemptOutcome::Created => Ok((m.result.file.unwrap_or_default(), true)),
                AttemptOutcome::Unchanged => Ok((m.result.file.unwrap_or_default(), false)),
                // The agent keeps the engine's error as data (and its English words, which
                // an older agent's record has alone).
                AttemptOutcome::Failed | AttemptOutcome::Unknown => Err(match m.result.said {
                    Some(said) => Failure::Said(said),
                    None => Failure::English(
                        m.result
                            .message
                            .unwrap_or_else(|| "The backup failed; see the log.".to_string()),
                    ),
                }),
            },
        })
        .collect()
}

/// How long work the user can cancel ended, when it did not fail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ran<T> {
    Finished(T),
    /// The user cancelled; nothing half-written was left (the library removes its own
    /// unfinished files) and what was finished before stays finished.
    Cancelled,
}

/// Copies the versions `destination` of `profile` lacks, now: how many were copied (and read
/// back), or what went wrong.
pub fn copy_now(
    profile: &Profile,
    destination: &str,
    lock_wait: Duration,
    progress: &dyn Progress,
) -> Result<Ran<usize>, Failure> {
    let reports = copies::run_now(
        profile,
        &[destination.to_string()],
        chrono::Local::now(),
        lock_wait,
        progress,
    )?;
    let mut copied = 0;
    for run in reports {
        if run.outcome == copies::RunOutcome::Cancelled {
            return Ok(Ran::Cancelled);
        }
        if !run.is_ok() {
            return Err(Failure::Copy(run.problems));
        }
        copied += run.copied.len();
    }
    Ok(Ran::Finished(copied))
}

/// The result of a full check of one profile in every place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifySummary {
    pub profile: String,
    pub ok: bool,
    pub intact: usize,
    pub versions: usize,
    /// Every problem found, as data the screen puts in the user's language.
    pub problems: Vec<Problem>,
    /// The user cancelled before every version was read: `intact` counts those read.
    pub cancelled: bool,
}

/// Fully checks `profile` everywhere it is stored (an encrypted one without its key: its
/// files against their checksums).
pub fn verify_profile(profile: &Profile, progress: &dyn Progress) -> VerifySummary {
    if profile.encryption.is_some() {
        return verify_sealed(profile, progress);
    }
    let places = repair::verify_everywhere(profile, VerifyMode::Full, progress);
    let mut summary = VerifySummary {
        profile: profile.name.clone(),
        ok: true,
        intact: 0,
        versions: 0,
        problems: Vec::new(),
        cancelled: false,
    };
    for place in places {
        if let Some(report) = place.report {
            summary.intact += report.intact;
            summary.versions += report.versions;
            summary.cancelled |= report.cancelled;
            for finding in report.findings.into_iter().filter(Finding::is_problem) {
                summary.ok = false;
                summary.problems.push(Problem::CheckFound {
                    folder: report.folder.clone(),
                    finding,
                });
            }
        }
    }
    summary
}

/// The keyless full check of an encrypted profile in every place.
fn verify_sealed(profile: &Profile, progress: &dyn Progress) -> VerifySummary {
    let mut summary = VerifySummary {
        profile: profile.name.clone(),
        ok: true,
        intact: 0,
        versions: 0,
        problems: Vec::new(),
        cancelled: false,
    };
    for place in repair::sealed::verify_places(profile, VerifyMode::Full, progress) {
        if let Some(report) = place.report {
            summary.cancelled |= report.cancelled;
            summary.intact += report.intact;
            summary.versions += report.versions;
            for finding in report.findings {
                summary.ok = false;
                summary.problems.push(Problem::SealedCheckFound { finding });
            }
        }
    }
    summary
}

/// The first-run test: back up the workbooks of a new profile, then read every new version
/// back in full. Returns the version files made, or what failed and why.
pub fn first_backup(profile: &Profile, progress: &dyn Progress) -> Result<Ran<Vec<PathBuf>>, Failure> {
    match first_backup_run(profile, progress) {
        // Whatever failed after the cancel failed because of it (see `engine::back_up`), and a
        // run that "passed" after it may have skipped its read-back: neither is a pass.
        _ if progress.cancelled() => Ok(Ran::Cancelled),
        Ok(made) => Ok(Ran::Finished(made)),
        Err(why) => Err(why),
    }
}

fn first_backup_run(profile: &Profile, progress: &dyn Progress) -> Result<Vec<PathBuf>, Failure> {
    profile.validate().map_err(|e| Failure::Said(e.said()))?;
    let store = ProfileStore::new(&profile.backup_folder, &profile.name);
    let mut made = Vec::new();
    for workbook in &profile.workbooks {
        let request = BackupRequest {
            profile,
            workbook,
            trigger: Trigger::Manual,
            lock_wait: Duration::from_secs(30),
        };
        let outcome = engine::back_up(&request, progress)?;
        made.push(store.version_path(outcome.version()));
    }
    let report = verify::verify_profile(profile, VerifyMode::Full, progress);
    if let Some(finding) = report.findings.into_iter().find(Finding::is_problem) {
        return Err(Failure::Found(Box::new(Problem::CheckFound {
            folder: report.folder,
            finding,
        })));
    }
    // The second copy is made (copied and read back) now too, so the user sees it work.
    if !profile.destinations.is_empty() {
        let reports = copies::run_now(profile, &[], chrono::Local::now(), Duration::from_secs(30), progress)?;
        for run in reports {
            if !run.is_ok() {
                return Err(Failure::Copy(run.problems));
            }
            made.extend(run.copied.iter().map(|file| run.folder.join(file)));
        }
    }
    Ok(made)
}

/// The overview of every profile, merged with the agent's status.
pub fn overview(config: &Config, data_dir: &Path) -> Overview {
    sheetsafe::status::overview(config, data_dir)
}

/// The versions of one workbook, newest first.
pub fn versions(profile: &Profile, workbook: &Path) -> Result<Vec<Version>, Failure> {
    let catalog = ProfileStore::new(&profile.backup_folder, &profile.name)
        .load_catalog()
        .map_err(|e| Failure::Store(std::sync::Arc::new(e)))?;
    let name = workbook
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut versions: Vec<Version> = catalog.versions_of(&name).cloned().collect();
    versions.sort_by(|a, b| b.order_key().cmp(&a.order_key()));
    Ok(versions)
}

/// An encrypted profile's versions of one workbook (newest first), opened with the key the
/// passphrase unlocks, with the readable name of each (their files have random names).
#[derive(Debug, Clone)]
pub struct Unlocked {
    pub key: SecretKey,
    pub versions: Vec<Version>,
    /// Version file (random name) → the name it would have in a plain folder.
    pub names: std::collections::BTreeMap<String, String>,
}

/// Why an encrypted profile's history could not be opened.
#[derive(Debug, Clone)]
pub enum UnlockError {
    /// The passphrase does not open `key.age`.
    WrongPassphrase,
    /// Anything else (a missing or damaged key file or catalog).
    Other(Failure),
}

/// Opens `profile`'s key with `passphrase` and lists `workbook`'s versions.
pub fn unlock_versions(profile: &Profile, workbook: &Path, passphrase: &str) -> Result<Unlocked, UnlockError> {
    use sheetsafe::store::sealed::{SealedError, SealedStore};
    let store = SealedStore::new(&profile.backup_folder, &profile.name);
    let key = match store.unlock(&Passphrase::new(passphrase)) {
        Ok(key) => key,
        Err(SealedError::WrongPassphrase { .. }) => return Err(UnlockError::WrongPassphrase),
        Err(e) => return Err(UnlockError::Other(e.into())),
    };
    let catalog = store.load_catalog(&[&key]).map_err(|e| UnlockError::Other(e.into()))?;
    let name = workbook
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut mine: Vec<_> = catalog
        .versions
        .into_iter()
        .filter(|v| v.version.workbook_name() == name)
        .collect();
    mine.sort_by(|a, b| b.version.order_key().cmp(&a.version.order_key()));
    let names = mine
        .iter()
        .map(|v| (v.version.file.to_string(), v.name.clone()))
        .collect();
    Ok(Unlocked {
        key,
        versions: mine.into_iter().map(|v| v.version).collect(),
        names,
    })
}

/// Restores `version` of `workbook` to `target` (decrypting with `key` for an encrypted
/// profile): the file written, or why not.
pub fn restore(
    profile: &Profile,
    workbook: &Path,
    version: &Version,
    target: &RestoreTarget,
    key: Option<&SecretKey>,
    progress: &dyn Progress,
) -> Result<Ran<PathBuf>, Failure> {
    let wait = Duration::from_secs(60);
    let result = match key {
        Some(key) => restore::restore_sealed(profile, workbook, version, target, wait, key, progress),
        None => restore::restore(profile, workbook, version, target, wait, progress),
    };
    match result {
        Ok(outcome) => Ok(Ran::Finished(outcome.written)),
        Err(restore::RestoreError::Cancelled { .. }) => Ok(Ran::Cancelled),
        Err(e) => Err(e.into()),
    }
}

/// What changed from `older` to `newer` of `workbook`: sheets added, removed or renamed, rows
/// and cells per sheet, the first changed cells. An encrypted profile's versions are decrypted
/// (and checked) into a private temporary folder first, removed again afterwards; nothing is
/// ever written into a backup folder.
pub fn compare(
    profile: &Profile,
    workbook: &Path,
    older: &Version,
    newer: &Version,
    key: Option<&SecretKey>,
) -> Result<WorkbookDiff, Failure> {
    let name = PathBuf::from(workbook.file_name().unwrap_or_default());
    let Some(key) = key else {
        let store = ProfileStore::new(&profile.backup_folder, &profile.name);
        return sheetsafe::contents::diff_files(&store.version_path(older), &store.version_path(newer), &name)
            .map_err(|e| Failure::Compare(std::sync::Arc::new(e)));
    };
    let dir = sheetsafe::fsutil::private_temp_dir("sheetsafe-compare")
        .map_err(|e| Failure::open(&std::env::temp_dir(), e))?;
    let result = (|| {
        let mut files = Vec::new();
        for (side, version) in [("older", older), ("newer", newer)] {
            let to = dir.join(side).join(&name);
            std::fs::create_dir_all(to.parent().unwrap_or(&dir)).map_err(|e| Failure::open(&dir, e))?;
            restore::restore_sealed(
                profile,
                workbook,
                version,
                &RestoreTarget::To(to.clone()),
                Duration::from_secs(60),
                key,
                &(),
            )?;
            files.push(to);
        }
        sheetsafe::contents::diff_files(&files[0], &files[1], &name)
            .map_err(|e| Failure::Compare(std::sync::Arc::new(e)))
    })();
    if let Err(e) = std::fs::remove_dir_all(&dir) {
        tracing::warn!("could not remove the decrypted copies in {}: {e}", dir.display());
    }
    result
}

/// Opens a version in the spreadsheet application as a read-only temporary copy, so looking at
/// an old version can never change the backup. `name` is the file name to give the copy (an
/// encrypted version's file has a random name); `key` decrypts an encrypted profile's version.
pub fn open_version(
    profile: &Profile,
    workbook: &Path,
    version: &Version,
    name: &str,
    key: Option<&SecretKey>,
) -> Result<(), Failure> {
    let dir = std::env::temp_dir().join("sheetsafe-open");
    std::fs::create_dir_all(&dir).map_err(|e| Failure::open(&dir, e))?;
    let target = dir.join(name);
    if target.exists() {
        // A copy left from an earlier look; it is read-only, so make it writable to replace it.
        if let Ok(meta) = std::fs::metadata(&target) {
            let mut perms = meta.permissions();
            #[allow(clippy::permissions_set_readonly_false)]
            perms.set_readonly(false);
            let _ = std::fs::set_permissions(&target, perms);
        }
        let _ = std::fs::remove_file(&target);
    }
    let to = RestoreTarget::To(target.clone());
    let wait = Duration::from_secs(60);
    match key {
        Some(key) => restore::restore_sealed(profile, workbook, version, &to, wait, key, &()),
        None => restore::restore(profile, workbook, version, &to, wait, &()),
    }
    .map_err(Failure::from)?;
    let mut perms = std::fs::metadata(&target)
        .map_err(|e| Failure::open(&target, e))?
        .permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&target, perms).map_err(|e| Failure::open(&target, e))?;
    open::that_detached(&target).map_err(|e| Failure::open(&target, e))
}

/// Opens a folder in the file manager.
pub fn open_folder(folder: &Path) -> Result<(), Failure> {
    open::that_detached(folder).map_err(|e| Failure::open(folder, e))
}

/// Spreadsheets modified most recently under Documents and Desktop (two levels deep, so it
/// stays fast even on a full disk), newest first.
pub fn find_workbooks() -> Vec<PathBuf> {
    let Some(user) = directories::UserDirs::new() else {
        return Vec::new();
    };
    let roots: Vec<PathBuf> = [user.document_dir(), user.desktop_dir()]
        .into_iter()
        .flatten()
        .map(Path::to_path_buf)
        .collect();
    find_workbooks_in(&roots, 15)
}

/// Spreadsheets under `roots`, newest first, at most `limit`.
pub fn find_workbooks_in(roots: &[PathBuf], limit: usize) -> Vec<PathBuf> {
    const EXTENSIONS: [&str; 6] = ["xlsx", "xlsm", "xls", "xlsb", "ods", "xltx"];
    let mut found: Vec<(std::time::SystemTime, PathBuf)> = Vec::new();
    for root in roots {
        for entry in walkdir::WalkDir::new(root)
            .max_depth(3)
            .into_iter()
            .filter_map(Result::ok)
        {
            let name = entry.file_name().to_string_lossy();
            let is_sheet = entry.file_type().is_file()
                && !name.starts_with("~$")
                && !name.starts_with(".~")
                && entry
                    .path()
                    .extension()
                    .is_some_and(|e| EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)));
            if is_sheet && let Ok(meta) = entry.metadata() {
                found.push((meta.modified().unwrap_or(std::time::UNIX_EPOCH), entry.into_path()));
            }
        }
    }
    found.sort_by_key(|f| std::cmp::Reverse(f.0));
    found.into_iter().take(limit).map(|(_, p)| p).collect()
}
