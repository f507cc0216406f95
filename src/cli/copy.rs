//! `sheetsafe copy`: make the second copies of a profile now, and `sheetsafe export`: one zip
//! file with the newest healthy version of each workbook, to send by e-mail.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Args;
use sheetsafe::copies::{self, DestinationRunReport, RunOutcome};

use super::{Paths, format, load_existing, print_json};

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

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The profile
    name: String,
    /// The zip file to write (it must not exist yet)
    #[arg(long, value_name = "FILE.zip")]
    to: PathBuf,
}

/// Runs the second copies. Exit 2 when a destination could not be copied to (away, read-only,
/// full), 1 when it was but something needs attention, 0 when all is well.
pub fn copy(paths: &Paths, args: &CopyArgs) -> anyhow::Result<ExitCode> {
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

/// Writes the export zip. Exit 1 when a workbook had to be left out.
pub fn export(paths: &Paths, args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let config = load_existing(paths)?;
    let profile = config.profile(&args.name)?;
    refuse_encrypted(profile, "Export")?;
    let to = sheetsafe::config::absolute(&args.to);
    let outcome = sheetsafe::export::export_profile(profile, &to, &())?;
    let bytes = std::fs::metadata(&outcome.file).map_or(0, |m| m.len());
    outln!(
        "Exported {} workbook(s) of profile `{}` to `{}` ({}); the zip was read back and checked.",
        outcome.workbooks.len(),
        profile.name,
        outcome.file.display(),
        format::size(bytes)
    )?;
    for w in &outcome.workbooks {
        outln!(
            "  {}: the version of {} ({}).",
            w.name,
            format::time(&w.created),
            w.version
        )?;
    }
    outln!("SHA256SUMS inside lets whoever unpacks it check the files (`sha256sum -c SHA256SUMS`).")?;
    for w in &outcome.left_out {
        eprintln!("sheetsafe: warning: {w}");
    }
    Ok(if outcome.left_out.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Export reads plain version files; on an encrypted profile it would find none and report
/// success, so it says plainly that it cannot do it yet.
pub fn refuse_encrypted(profile: &sheetsafe::Profile, what: &str) -> anyhow::Result<()> {
    if profile.encryption.is_some() {
        anyhow::bail!(
            "{what} of the encrypted profile `{}` is not supported yet. Copy its whole folder `{}` instead: it stays encrypted, and `sha256sum -c SHA256SUMS` checks the copy.",
            profile.name,
            profile.backup_folder.join(&profile.name).display()
        );
    }
    Ok(())
}
