//! `sheetsafe versions`: list a profile's versions, newest first, with what each holds and
//! whether it is pinned; an encrypted profile's list needs the user's key.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use sheetsafe::store::sealed::SealedStore;
use sheetsafe::store::{Pin, PinReason, ProfileStore};

use super::encrypted::user_key;
use super::output::print_json;
use super::{Paths, format, load_existing};

#[derive(Debug, Args)]
pub struct VersionsArgs {
    name: String,
    /// Only this workbook (path or file name)
    #[arg(long)]
    workbook: Option<PathBuf>,
    /// Print JSON
    #[arg(long)]
    json: bool,
    /// Encrypted profiles: the recovery sheet (age identity file) instead of the passphrase
    #[arg(long, value_name = "FILE")]
    identity: Option<PathBuf>,
}

/// Lists versions, newest first.
pub fn run(paths: &Paths, args: &VersionsArgs) -> anyhow::Result<ExitCode> {
    let (workbook, json, identity) = (args.workbook.as_deref(), args.json, args.identity.as_deref());
    let config = load_existing(paths)?;
    let profile = config.profile(&args.name)?;
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
            outln!("    {}", pin_line(pin))?;
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
    let key = user_key(profile, identity)?;
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
        if let Some(summary) = &v.version.summary {
            outln!("    {}", format::contents(summary))?;
        }
        if let Some(pin) = &v.version.pin {
            outln!("    {}", pin_line(pin))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn health_word(h: sheetsafe::Health) -> &'static str {
    h.word()
}

/// The line `versions` prints under a pinned version.
pub fn pin_line(pin: &Pin) -> String {
    match pin.reason {
        PinReason::VanishingData => {
            let what: Vec<String> = pin
                .losses
                .iter()
                .map(|l| match l.kind {
                    sheetsafe::store::LossKind::Sheet => format!("sheet {} removed", l.sheet),
                    sheetsafe::store::LossKind::Cells => format!(
                        "{}: {} of {} cells gone",
                        l.sheet,
                        format::count(l.before.saturating_sub(l.after)),
                        format::count(l.before)
                    ),
                    _ => format!(
                        "{}: {} of {} rows gone",
                        l.sheet,
                        format::count(l.before.saturating_sub(l.after)),
                        format::count(l.before)
                    ),
                })
                .collect();
            format!(
                "PINNED: the last version before data vanished in {} ({}); kept until `sheetsafe accept-change`",
                pin.lost_in.as_deref().unwrap_or("the next version"),
                what.join(", ")
            )
        }
        PinReason::MassLoss => format!(
            "PINNED: made before many workbooks lost their data at once ({}); kept until `sheetsafe accept-change`",
            pin.lost_in.as_deref().unwrap_or("the next version")
        ),
        PinReason::User | PinReason::Unknown => {
            format!("pinned on {}; kept until `sheetsafe unpin`", format::time(&pin.at))
        }
    }
}
