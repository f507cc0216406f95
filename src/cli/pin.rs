//! `sheetsafe pin` and `sheetsafe unpin`: keep a version whatever the keep rules say, or let
//! them decide again. One file and one `PinArgs` for both: they take the same arguments and
//! differ only in which way they set the same mark, so two copies could only drift apart.

use std::process::ExitCode;
use std::time::Duration;

use clap::Args;

use super::{Paths, load_existing};

#[derive(Debug, Args)]
pub struct PinArgs {
    /// The profile
    name: String,
    /// The version's file name, as `sheetsafe versions` lists it
    #[arg(long, value_name = "FILE")]
    version: String,
}

/// `sheetsafe pin`.
pub fn pin(paths: &Paths, args: &PinArgs) -> anyhow::Result<ExitCode> {
    set(paths, args, true)
}

/// `sheetsafe unpin`.
pub fn unpin(paths: &Paths, args: &PinArgs) -> anyhow::Result<ExitCode> {
    set(paths, args, false)
}

fn set(paths: &Paths, args: &PinArgs, pin: bool) -> anyhow::Result<ExitCode> {
    let config = load_existing(paths)?;
    let profile = config.profile(&args.name)?;
    let lock_wait = Duration::from_secs(config.settings.lock_wait_seconds);
    let changed = sheetsafe::inspect::set_pin(profile, &args.version, pin, lock_wait)?;
    match (pin, changed) {
        (true, _) => outln!(
            "Pinned `{}`: no keep rule retires it until `sheetsafe unpin \"{}\" --version \"{}\"`.",
            args.version,
            profile.name,
            args.version
        )?,
        (false, true) => outln!("Unpinned `{}`: the keep rules decide about it again.", args.version)?,
        (false, false) => outln!("`{}` was not pinned.", args.version)?,
    }
    Ok(ExitCode::SUCCESS)
}
