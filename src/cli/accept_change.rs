//! `sheetsafe accept-change`: say that data which vanished from a workbook was removed on
//! purpose, which releases the versions the alarm pinned and ends the alarm.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Args;

use super::{Paths, load_existing};

#[derive(Debug, Args)]
pub struct AcceptChangeArgs {
    /// The profile
    name: String,
    /// The workbook (needed when the profile has several)
    #[arg(long, value_name = "PATH")]
    workbook: Option<PathBuf>,
}

/// `sheetsafe accept-change`.
pub fn run(paths: &Paths, args: &AcceptChangeArgs) -> anyhow::Result<ExitCode> {
    let config = load_existing(paths)?;
    let profile = config.profile(&args.name)?;
    let workbook = sheetsafe::restore::choose_workbook(profile, args.workbook.as_deref())?;
    let name = workbook
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let lock_wait = Duration::from_secs(config.settings.lock_wait_seconds);
    let released = sheetsafe::inspect::accept_change(profile, &name, lock_wait)?;
    if released.is_empty() {
        outln!("No version of `{name}` was kept because of vanished data.")?;
    } else {
        let files: Vec<&str> = released.iter().map(sheetsafe::store::VersionFileName::as_str).collect();
        outln!(
            "Accepted the change to `{name}`: {} no longer pinned; the keep rules decide about it again.",
            files.join(", ")
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
