//! `sheetsafe backup`, `versions` and `status`, and the overview shown with no command.

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use sheetsafe::engine::{self, BackupError, BackupOutcome, Trigger};
use sheetsafe::store::ProfileStore;
use sheetsafe::store::sealed::SealedStore;

use super::output::print_json;
use super::{Paths, format, load_config, load_existing, select_profiles};

/// Backs up every workbook of the chosen profiles and says what happened to each.
pub fn backup(paths: &Paths, names: &[String]) -> anyhow::Result<ExitCode> {
    let config = load_existing(paths)?;
    let profiles = select_profiles(&config, names)?;
    let lock_wait = Duration::from_secs(config.settings.lock_wait_seconds);
    let clock = test_clock();
    let mut failed = false;
    for profile in &profiles {
        for workbook in &profile.workbooks {
            match sheetsafe::restore::remove_interrupted_restores(workbook) {
                Ok(removed) => {
                    for file in removed {
                        outln!(
                            "Removed `{}`, a partial copy an interrupted restore had left.",
                            file.display()
                        )?;
                    }
                }
                Err(e) => eprintln!("sheetsafe: warning: {e}"),
            }
        }
    }
    for profile in profiles {
        let mut folder_failed = false;
        for (workbook, result) in engine::back_up_profile_with_clock(profile, Trigger::Manual, lock_wait, &*clock, &())
        {
            match result {
                Ok(BackupOutcome::Created {
                    version,
                    warnings,
                    pruned,
                }) => {
                    let path = if profile.encryption.is_some() {
                        SealedStore::new(&profile.backup_folder, &profile.name).version_path(&version)
                    } else {
                        ProfileStore::new(&profile.backup_folder, &profile.name).version_path(&version)
                    };
                    let what = if profile.encryption.is_some() {
                        "encrypted, "
                    } else {
                        ""
                    };
                    outln!(
                        "{}: saved {} ({}), {what}verified.",
                        workbook.display(),
                        path.display(),
                        format::size(version.bytes)
                    )?;
                    if !pruned.is_empty() {
                        outln!("  The keep rules retired {} older version(s).", pruned.len())?;
                    }
                    for w in warnings {
                        eprintln!("sheetsafe: warning: {w}");
                    }
                }
                Ok(BackupOutcome::Unchanged { newest }) => {
                    outln!(
                        "{}: unchanged since {} ({}).",
                        workbook.display(),
                        format::time(&newest.created),
                        super::encrypted::label(profile, &newest)
                    )?;
                }
                Err(e) => {
                    failed = true;
                    folder_failed |= matches!(e, BackupError::Store(_));
                    let sentence = failure_sentence(&workbook, &e);
                    tracing::error!("{sentence}");
                    eprintln!("sheetsafe: {sentence}");
                }
            }
        }
        // Versions are recorded; only now are their contents read (and any left without a
        // summary by an earlier run that was stopped). A backup folder that just failed is
        // not tried again: its sentence was said once.
        if !folder_failed {
            super::contents::summarize(&config, profile, lock_wait);
        }
    }
    Ok(if failed { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

/// A backup failure as one sentence that names the workbook. The engine's messages about the
/// workbook name it already; those about the backup folder (full, read-only, unreachable) name
/// only the folder, which leaves a user with several workbooks guessing.
fn failure_sentence(workbook: &Path, error: &BackupError) -> String {
    match error {
        BackupError::Store(store) => {
            let words = store.to_string();
            let mut chars = words.chars();
            let words = chars
                .next()
                .map(|first| first.to_lowercase().chain(chars).collect::<String>())
                .unwrap_or_default();
            format!("Could not back up `{}`: {words}", workbook.display())
        }
        other => other.to_string(),
    }
}

/// The clock `backup` reads. For tests only: `SHEETSAFE_TEST_CLOCK_SHIFT_SECONDS` (a whole
/// number, negative for a clock set back) shifts it, so the real program can be run with a
/// wrong clock; versions are ordered by the catalog's sequence whatever the clock says.
fn test_clock() -> Box<dyn engine::Clock> {
    match std::env::var("SHEETSAFE_TEST_CLOCK_SHIFT_SECONDS")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
    {
        Some(seconds) => Box::new(engine::ShiftedClock(chrono::Duration::seconds(seconds))),
        None => Box::new(engine::SystemClock),
    }
}

/// Lists versions, newest first.
pub fn versions(
    paths: &Paths,
    name: &str,
    workbook: Option<&Path>,
    json: bool,
    identity: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let config = load_existing(paths)?;
    let profile = config.profile(name)?;
    if profile.encryption.is_some() {
        return sealed_versions(profile, workbook, json, identity);
    }
    let store = ProfileStore::new(&profile.backup_folder, &profile.name);
    let catalog = store.load_catalog()?;
    let wanted = workbook
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy().to_lowercase());
    let mut versions: Vec<_> = catalog
        .versions
        .iter()
        .filter(|v| wanted.as_ref().is_none_or(|w| v.workbook_name().to_lowercase() == *w))
        .collect();
    // Newest first by the catalog's sequence, not by the (possibly wrong) clock.
    versions.sort_by(|a, b| b.order_key().cmp(&a.order_key()));
    if json {
        print_json(&versions)?;
        return Ok(ExitCode::SUCCESS);
    }
    if versions.is_empty() {
        outln!("No versions yet in `{}`.", store.dir().display())?;
        return Ok(ExitCode::SUCCESS);
    }
    outln!("Versions in `{}`, newest first:", store.dir().display())?;
    outln!(
        "{:<19}  {:>10}  {:<14}  {:<9}  {:<19}  file",
        "time",
        "size",
        "trigger",
        "health",
        "last verified"
    )?;
    let mut missing = 0;
    for v in versions {
        // The catalog lists it; the disk decides whether it is there.
        let present = std::fs::symlink_metadata(store.version_path(v)).is_ok_and(|m| m.is_file());
        missing += usize::from(!present);
        outln!(
            "{:<19}  {:>10}  {:<14}  {:<9}  {:<19}  {}",
            format::time(&v.created),
            format::size(v.bytes),
            v.trigger.as_str(),
            if present { health_word(v.health) } else { "MISSING" },
            format::maybe_time(v.verified.as_ref()),
            v.file
        )?;
        if let Some(summary) = &v.summary {
            outln!("    {}", format::contents(summary))?;
        }
        if let Some(pin) = &v.pin {
            outln!("    {}", super::contents::pin_line(pin))?;
        }
    }
    if missing > 0 {
        outln!(
            "{missing} version(s) listed are missing from `{}`; `sheetsafe verify --repair \"{}\"` restores them from a second copy.",
            store.dir().display(),
            profile.name
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Lists the versions of an encrypted profile (the catalog needs the user's key).
fn sealed_versions(
    profile: &sheetsafe::Profile,
    workbook: Option<&Path>,
    json: bool,
    identity: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let key = super::encrypted::user_key(profile, identity)?;
    let store = SealedStore::new(&profile.backup_folder, &profile.name);
    let catalog = store.load_catalog(&[&key])?;
    let wanted = workbook
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy().to_lowercase());
    let mut versions: Vec<_> = catalog
        .versions
        .iter()
        .filter(|v| {
            wanted
                .as_ref()
                .is_none_or(|w| v.version.workbook_name().to_lowercase() == *w)
        })
        .collect();
    versions.sort_by(|a, b| b.version.order_key().cmp(&a.version.order_key()));
    if json {
        print_json(&versions)?;
        return Ok(ExitCode::SUCCESS);
    }
    if versions.is_empty() {
        outln!("No versions yet in `{}`.", store.dir().display())?;
        return Ok(ExitCode::SUCCESS);
    }
    outln!("Versions in `{}` (encrypted), newest first:", store.dir().display())?;
    outln!(
        "{:<19}  {:>10}  {:<14}  {:<9}  {:<38}  name",
        "time",
        "size",
        "trigger",
        "health",
        "file"
    )?;
    for v in versions {
        let present = std::fs::symlink_metadata(store.version_path(&v.version))
            .is_ok_and(|m| m.is_file() && m.len() == v.stored_bytes);
        outln!(
            "{:<19}  {:>10}  {:<14}  {:<9}  {:<38}  {}",
            format::time(&v.version.created),
            format::size(v.version.bytes),
            v.version.trigger.as_str(),
            if present {
                health_word(v.version.health)
            } else {
                "MISSING"
            },
            format!("v/{}", v.version.file),
            v.name
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

fn health_word(h: sheetsafe::Health) -> &'static str {
    h.word()
}

/// Prints each profile's state. Exit 1 when something needs attention.
pub fn status(paths: &Paths, json: bool) -> anyhow::Result<ExitCode> {
    let config = load_existing(paths)?;
    let overview = sheetsafe::status::overview(&config, &paths.data_dir);
    let ok = overview.level == sheetsafe::status::Level::Ok;
    if json {
        print_json(&overview)?;
    } else {
        match &overview.agent {
            Some(a) => outln!("Agent: running since {} (process {}).", format::time(&a.started), a.pid),
            None if overview.agent_running => outln!("Agent: running."),
            None => outln!("Agent: not running."),
        }?;
        for p in &overview.problems {
            outln!("! {p}")?;
        }
        for s in &overview.profiles {
            let state = if !s.enabled {
                "disabled"
            } else if s.is_ok() {
                "OK"
            } else {
                "NEEDS ATTENTION"
            };
            outln!("{} [{state}] → {}", s.profile, s.folder.display())?;
            for p in &s.problems {
                outln!("  ! {p}")?;
            }
            for w in &s.workbooks {
                let state = w.watch_state.map(|s| format!(" [{}]", s.word())).unwrap_or_default();
                outln!(
                    "  {}{state}: {} version(s), {}, last backup {}, all verified since {}",
                    w.workbook.display(),
                    w.versions,
                    format::size(w.bytes),
                    format::maybe_time(w.last_backup.as_ref()),
                    format::maybe_time(w.verified_through.as_ref())
                )?;
                for p in &w.problems {
                    outln!("    ! {p}")?;
                }
            }
            for d in &s.destinations {
                outln!("  second copy `{}` ({}): {}", d.name, d.schedule, d.summary)?;
            }
        }
    }
    Ok(if ok { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// What `sheetsafe` with no command shows: the status, or how to begin.
pub fn overview(paths: &Paths) -> anyhow::Result<ExitCode> {
    let loaded = load_config(paths)?;
    if loaded.config.profiles.is_empty() {
        outln!("Sheetsafe makes verified copies of your workbooks.")?;
        outln!("Start by adding a profile:")?;
        outln!("  sheetsafe profile add Sales --workbook \"C:\\Data\\Sales.xlsm\" --backup-folder \"E:\\Backups\"")?;
        outln!("Then: sheetsafe backup    (see `sheetsafe --help` for everything else)")?;
        outln!("Configuration file: {}", paths.config_file.display())?;
        return Ok(ExitCode::SUCCESS);
    }
    status(paths, false)
}
