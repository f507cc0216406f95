//! `sheetsafe backup`: back up now, then read what the new versions hold and raise the
//! vanishing-data alarm if data vanished.

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use clap::Args;
use sheetsafe::config::{Config, Profile};
use sheetsafe::engine::{self, BackupError, BackupOutcome, Trigger};
use sheetsafe::i18n::{Language, Translator};
use sheetsafe::store::ProfileStore;
use sheetsafe::store::sealed::SealedStore;

use super::{Paths, format, load_existing, select_profiles};

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Profiles to back up
    names: Vec<String>,
}

/// Backs up every workbook of the chosen profiles and says what happened to each.
pub fn run(paths: &Paths, args: &BackupArgs) -> anyhow::Result<ExitCode> {
    let config = load_existing(paths)?;
    let profiles = select_profiles(&config, &args.names)?;
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
            summarize(&config, profile, lock_wait);
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

/// Fills in missing summaries for `profile` and prints any vanishing-data alarm. Never fails
/// the backup it follows: a problem is a warning.
pub fn summarize(config: &Config, profile: &Profile, lock_wait: Duration) {
    match sheetsafe::inspect::summarize_missing(profile, lock_wait, sheetsafe::contents::Limits::default()) {
        Ok(inspected) => {
            let t = Translator::new(Language::choose(&config.settings.language));
            for alarm in inspected.alarms {
                let vanished = sheetsafe::status::contents::Vanished {
                    kept: alarm.pinned.clone(),
                    kept_created: alarm.pinned_created,
                    lost_at: ProfileStore::new(&profile.backup_folder, &profile.name)
                        .load_catalog()
                        .ok()
                        .and_then(|c| c.find(alarm.lost_in.as_str()).map(|v| v.created)),
                    losses: alarm.losses.clone(),
                };
                for sentence in sheetsafe::status::contents::vanished_sentences(
                    &t,
                    &profile.name,
                    &alarm.workbook,
                    &vanished,
                    sheetsafe::status::contents::Reader::CommandLine,
                ) {
                    eprintln!("sheetsafe: warning: {sentence}");
                }
            }
        }
        Err(e) => eprintln!("sheetsafe: warning: the contents of the new versions were not read yet: {e}"),
    }
}
