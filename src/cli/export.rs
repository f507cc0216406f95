//! `sheetsafe export`: one zip file with the newest healthy version of each workbook, read back
//! and checked, to send by e-mail. An encrypted profile's versions are decrypted into it with
//! the passphrase or the recovery sheet.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::encrypted::user_key;
use super::{Paths, format, load_existing};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The profile
    name: String,
    /// The zip file to write (it must not exist yet)
    #[arg(long, value_name = "FILE.zip")]
    to: PathBuf,
    /// Encrypted profiles: the recovery sheet (age identity file) instead of the passphrase
    #[arg(long, value_name = "FILE")]
    identity: Option<PathBuf>,
}

/// Writes the export zip. Exit 1 when a workbook had to be left out.
pub fn run(paths: &Paths, args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let config = load_existing(paths)?;
    let profile = config.profile(&args.name)?;
    let to = sheetsafe::config::absolute(&args.to);
    let outcome = if profile.encryption.is_some() {
        // The zip is in clear, for whoever receives it: only the key holder can make one.
        let key = user_key(profile, args.identity.as_deref())?;
        sheetsafe::export::export_sealed_profile(profile, &to, &key, &())?
    } else {
        sheetsafe::export::export_profile(profile, &to, &())?
    };
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
        eprintln!(
            "sheetsafe: warning: `{}` was left out: no intact, healthy version of it was found in any backup folder.",
            w.display()
        );
    }
    Ok(if outcome.left_out.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
