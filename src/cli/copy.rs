//! `sheetsafe copy`: make the second copies of a profile now (all its destinations, due or
//! not, or only the due ones as the agent does).

use std::process::ExitCode;
use std::time::Duration;

use clap::Args;
use sheetsafe::copies::{self, DestinationRunReport, RunOutcome};

use super::output::print_json;
use super::{Paths, load_existing};

#[derive(Debug, Args)]
pub struct CopyArgs {
    /// The profile
    name: String,
    /// Only this destination (repeat for several) [default: all of them]
    #[arg(long = "dest", value_name = "DEST")]
    dests: Vec<String>,
    /// Only the destinations that are due, as the background agent does
    #[arg(long, conflicts_with = "dests")]
    due: bool,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

/// Runs the second copies. Exit 2 when a destination could not be copied to (away, read-only,
/// full), 1 when it was but something needs attention, 0 when all is well.
pub fn run(paths: &Paths, args: &CopyArgs) -> anyhow::Result<ExitCode> {
    let config = load_existing(paths)?;
    let profile = config.profile(&args.name)?;
    if profile.destinations.is_empty() {
        anyhow::bail!(
            "Profile `{}` has no second copies yet. Add one with: sheetsafe profile dest add \"{}\" --dest-name NAME --folder DIR --daily 18:00 (see `sheetsafe profile dest suggest`).",
            profile.name,
            profile.name
        );
    }
    let lock_wait = Duration::from_secs(config.settings.lock_wait_seconds);
    let now = chrono::Local::now();
    let reports = if args.due {
        copies::run_due(profile, now, lock_wait, &())
    } else {
        copies::run_now(profile, &args.dests, now, lock_wait, &())?
    };
    if args.json {
        print_json(&reports)?;
    } else {
        if reports.is_empty() {
            outln!("No second copy of profile `{}` is due.", profile.name)?;
        }
        for r in &reports {
            print_report(r)?;
        }
    }
    let stopped = reports.iter().any(|r| r.outcome != RunOutcome::Done);
    let attention = reports.iter().any(|r| !r.is_ok());
    Ok(if stopped {
        ExitCode::from(2)
    } else if attention {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn print_report(r: &DestinationRunReport) -> std::io::Result<()> {
    let copied = r.copied.len();
    match r.outcome {
        RunOutcome::Done if copied > 0 => outln!(
            "{}: copied {copied} version(s) to `{}`, each read back and verified; {} already there.",
            r.destination,
            r.folder.display(),
            r.already_there
        ),
        RunOutcome::Done => outln!(
            "{}: up to date in `{}` ({} version(s) already there).",
            r.destination,
            r.folder.display(),
            r.already_there
        ),
        RunOutcome::Waiting | RunOutcome::Failed | RunOutcome::Cancelled if copied > 0 => outln!(
            "{}: copied {copied} version(s) to `{}` before stopping.",
            r.destination,
            r.folder.display()
        ),
        RunOutcome::Waiting | RunOutcome::Failed | RunOutcome::Cancelled => Ok(()),
    }?;
    if !r.pruned.is_empty() {
        outln!(
            "  Removed {} older copy(ies) there that the keep rules retired (the destination's own, or for an encrypted profile the main folder's).",
            r.pruned.len()
        )?;
    }
    if r.not_kept > 0 {
        outln!(
            "  {} older version(s) were not copied because the destination's keep rules would not keep them.",
            r.not_kept
        )?;
    }
    for p in &r.problems {
        tracing::warn!("{p}");
        eprintln!("sheetsafe: {}: {p}", r.destination);
    }
    Ok(())
}
