//! `sheetsafe verify`: re-check every version and print every finding.

use std::process::ExitCode;

use clap::Args;
use sheetsafe::verify::sealed::SealedReport;
use sheetsafe::verify::{self, VerifyMode, VerifyReport};

use super::output::print_json;
use super::{Paths, format, load_existing, places, select_profiles};

// Command-line flags are independent switches, not a state machine.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Profiles to verify (all enabled profiles if none named)
    names: Vec<String>,
    /// Also re-hash every file (slower; reads every byte)
    #[arg(long)]
    full: bool,
    /// Add files found in the folder without a catalog entry to the catalog
    #[arg(long)]
    adopt: bool,
    /// Mend versions damaged or missing in one place (main folder or a second copy) from an
    /// intact copy in another (implies --full)
    #[arg(long)]
    repair: bool,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

pub fn run(paths: &Paths, args: &VerifyArgs) -> anyhow::Result<ExitCode> {
    let config = load_existing(paths)?;
    let mode = if args.full || args.repair {
        VerifyMode::Full
    } else {
        VerifyMode::Quick
    };
    // Encrypted profiles are checked without any key: counts and integrity only.
    let (sealed, profiles): (Vec<_>, Vec<_>) = select_profiles(&config, &args.names)?
        .into_iter()
        .partition(|p| p.encryption.is_some());
    let sealed_reports = check_sealed(&sealed, mode)?;
    let sealed_ok = sealed_reports.iter().all(|(_, r)| r.is_ok());
    let mut adopted = Vec::new();
    if args.adopt {
        let wait = std::time::Duration::from_secs(config.settings.lock_wait_seconds);
        for p in &profiles {
            adopted.extend(verify::adopt_unlisted(p, wait)?);
        }
    }
    let repairs = if args.repair {
        let wait = std::time::Duration::from_secs(config.settings.lock_wait_seconds);
        places::repair_all(&profiles, wait, args.json)?
    } else {
        Vec::new()
    };
    let report = VerifyReport {
        profiles: profiles.iter().map(|p| verify::verify_profile(p, mode, &())).collect(),
    };
    // A catalog from a newer Sheetsafe is not ours to judge: say so once and stop (exit 2).
    if let Some((p, f)) = report.profiles.iter().find_map(|p| {
        p.findings
            .iter()
            .find(|f| matches!(f, verify::Finding::NewerFormat { .. }))
            .map(|f| (p, f))
    }) {
        anyhow::bail!("{}", f.message(&p.folder));
    }
    // Each second copy is a place of its own, reported separately after its profile.
    let copies: Vec<_> = profiles.iter().map(|p| places::check(p, mode)).collect();
    let all_ok = sealed_ok && report.is_ok() && copies.iter().flatten().all(sheetsafe::repair::PlaceReport::is_ok);
    if args.json {
        let sealed_json = sealed_json(&sealed_reports, mode);
        let json: Vec<_> = report
            .profiles
            .iter()
            .zip(&copies)
            .map(|(p, copies)| {
                let messages: Vec<String> = p.findings.iter().map(|f| f.message(&p.folder)).collect();
                serde_json::json!({
                    "profile": p.profile,
                    "folder": p.folder,
                    "mode": p.mode,
                    "ok": p.is_ok(),
                    "versions": p.versions,
                    "intact": p.intact,
                    "bytes": p.bytes,
                    "findings": p.findings,
                    "messages": messages,
                    "destinations": places::json(copies),
                })
            })
            .chain(sealed_json)
            .collect();
        print_json(&serde_json::json!({
            "ok": all_ok,
            "adopted": adopted,
            "repairs": places::repairs_json(&repairs),
            "profiles": json,
        }))?;
    } else {
        for file in &adopted {
            outln!("Adopted `{file}` into the catalog.")?;
        }
        print_sealed(&sealed_reports, mode)?;
        for ((p, copies), profile) in report.profiles.iter().zip(&copies).zip(&profiles) {
            let what = if mode == VerifyMode::Full {
                "present, right size and SHA-256"
            } else {
                "present and right size"
            };
            outln!(
                "{}: {} of {} version(s) {what} ({}) in `{}`.",
                p.profile,
                p.intact,
                p.versions,
                format::size(p.bytes),
                p.folder.display()
            )?;
            for f in &p.findings {
                let mark = if f.is_problem() { "!" } else { "-" };
                outln!("  {mark} {}", f.message(&p.folder))?;
            }
            places::print(profile, copies, what)?;
        }
        if all_ok {
            outln!("All good.")?;
        } else {
            outln!("Problems found: see the lines marked `!` above.")?;
        }
    }
    Ok(if all_ok { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// The reports of encrypted profiles as JSON: counts and integrity, nothing about contents.
fn sealed_json(reports: &[(&sheetsafe::Profile, SealedReport)], mode: VerifyMode) -> Vec<serde_json::Value> {
    reports
        .iter()
        .map(|(p, r)| {
            serde_json::json!({
                "profile": p.name,
                "folder": p.backup_folder.join(&p.name),
                "mode": mode,
                "encrypted": true,
                "ok": r.is_ok(),
                "versions": r.versions,
                "intact": r.intact,
                "bytes": r.bytes,
                "messages": r.findings,
                "notes": r.notes,
            })
        })
        .collect()
}

/// Prints the reports of encrypted profiles.
fn print_sealed(reports: &[(&sheetsafe::Profile, SealedReport)], mode: VerifyMode) -> std::io::Result<()> {
    for (p, r) in reports {
        let what = if mode == VerifyMode::Full {
            "present and intact (SHA-256 of the encrypted file)"
        } else {
            "present"
        };
        outln!(
            "{} (encrypted): {} of {} version(s) {what} ({}) in `{}`.",
            p.name,
            r.intact,
            r.versions,
            format::size(r.bytes),
            p.backup_folder.join(&p.name).display()
        )?;
        for f in &r.findings {
            outln!("  ! {f}")?;
        }
        for note in &r.notes {
            outln!("  - {note}")?;
        }
    }
    Ok(())
}

/// Checks each encrypted profile's folder without a key.
fn check_sealed<'a>(
    profiles: &[&'a sheetsafe::Profile],
    mode: VerifyMode,
) -> anyhow::Result<Vec<(&'a sheetsafe::Profile, SealedReport)>> {
    profiles
        .iter()
        .map(|p| Ok((*p, verify::sealed::verify_sealed(&p.backup_folder.join(&p.name), mode)?)))
        .collect()
}
