//! `sheetsafe restore`: put a version back.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Args;
use sheetsafe::restore::{self, RestoreTarget, Selector};
use sheetsafe::store::ProfileStore;
use sheetsafe::store::sealed::SealedStore;

use super::encrypted::{label, user_key};
use super::{Paths, format, load_existing};

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("target").required(true).args(["to", "replace"])))]
pub struct RestoreArgs {
    /// The profile
    name: String,
    /// The workbook (needed when the profile has several)
    #[arg(long, value_name = "PATH")]
    workbook: Option<PathBuf>,
    /// The version's file name, as `sheetsafe versions` lists it [default: the newest healthy]
    #[arg(long, value_name = "FILE", conflicts_with = "at")]
    version: Option<String>,
    /// The newest version made at or before this local time, e.g. "2026-11-21 17:30"
    #[arg(long, value_name = "TIME")]
    at: Option<String>,
    /// Write the version to this new file (or into this folder)
    #[arg(long, value_name = "PATH")]
    to: Option<PathBuf>,
    /// Put the version back over the original workbook (it is saved as a version first)
    #[arg(long)]
    replace: bool,
    /// Encrypted profiles: the recovery sheet (age identity file) instead of the passphrase
    #[arg(long, value_name = "FILE")]
    identity: Option<PathBuf>,
}

pub fn run(paths: &Paths, args: &RestoreArgs) -> anyhow::Result<ExitCode> {
    let config = load_existing(paths)?;
    let profile = config.profile(&args.name)?;
    let workbook = restore::choose_workbook(profile, args.workbook.as_deref())?;
    let selector = match (&args.version, &args.at) {
        (Some(file), _) => Selector::File(file.clone()),
        (None, Some(at)) => Selector::At(restore::parse_local_time(at).ok_or_else(|| {
            anyhow::anyhow!("`{at}` is not a time Sheetsafe understands. Write it as \"2026-11-21 17:30\".")
        })?),
        (None, None) => Selector::NewestHealthy,
    };
    let target = match &args.to {
        Some(path) => RestoreTarget::To(path.clone()),
        None => RestoreTarget::ReplaceOriginal,
    };
    let lock_wait = Duration::from_secs(config.settings.lock_wait_seconds);
    let outcome = if profile.encryption.is_some() {
        let key = user_key(profile, args.identity.as_deref())?;
        let sealed = SealedStore::new(&profile.backup_folder, &profile.name).load_catalog(&[&key])?;
        // `--version` may name the readable name `versions` shows or the opaque file.
        let selector = match selector {
            Selector::File(name) => Selector::File(sealed.find(&name).map_or(name, |v| v.version.file.to_string())),
            other => other,
        };
        let catalog = sealed.plain();
        let version = restore::select(&catalog, &workbook, &selector)?;
        restore::restore_sealed(profile, &workbook, version, &target, lock_wait, &key, &())?
    } else {
        let catalog = ProfileStore::new(&profile.backup_folder, &profile.name).load_catalog()?;
        let version = restore::select(&catalog, &workbook, &selector)?;
        restore::restore(profile, &workbook, version, &target, lock_wait, &())?
    };
    for leftover in &outcome.removed_leftovers {
        outln!(
            "Removed `{}`, a partial copy an interrupted restore had left behind.",
            leftover.display()
        )?;
    }
    if let (Some(unusable), Some(safety)) = (&outcome.safety_replaced, &outcome.safety) {
        outln!(
            "The newest version `{}` {}, so the workbook as it was before was saved again as `{}` before restoring; run `sheetsafe verify --full \"{}\"` to check the others.",
            unusable.file,
            unusable.problem,
            label(profile, safety),
            profile.name
        )?;
    }
    outln!(
        "Restored the version of {} ({}) to `{}`; its SHA-256 matches the catalog.",
        format::time(&outcome.version.created),
        label(profile, &outcome.version),
        outcome.written.display()
    )?;
    if let Some(safety) = &outcome.safety {
        outln!(
            "The workbook as it was before is kept as `{}`; restore that version to undo.",
            label(profile, safety)
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
