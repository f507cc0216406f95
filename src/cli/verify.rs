//! `sheetsafe verify`: re-check every version and print every finding.

use std::process::ExitCode;

use clap::Args;
use sheetsafe::verify::{self, VerifyMode, VerifyReport};

use super::{Paths, format, load_existing, print_json, select_profiles};

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
    /// Print JSON
    #[arg(long)]
    json: bool,
}

pub fn run(paths: &Paths, args: &VerifyArgs) -> anyhow::Result<ExitCode> {
    let config = load_existing(paths)?;
    let profiles = select_profiles(&config, &args.names)?;
    let mode = if args.full { VerifyMode::Full } else { VerifyMode::Quick };
    let mut adopted = Vec::new();
    if args.adopt {
        let wait = std::time::Duration::from_secs(config.settings.lock_wait_seconds);
        for p in &profiles {
            adopted.extend(verify::adopt_unlisted(p, wait)?);
        }
    }
    let report = VerifyReport {
        profiles: profiles.iter().map(|p| verify::verify_profile(p, mode, &())).collect(),
    };
    if args.json {
        let json: Vec<_> = report
            .profiles
            .iter()
            .map(|p| {
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
                })
            })
            .collect();
        print_json(&serde_json::json!({ "ok": report.is_ok(), "adopted": adopted, "profiles": json }))?;
    } else {
        for file in &adopted {
            println!("Adopted `{file}` into the catalog.");
        }
        for p in &report.profiles {
            let what = if args.full {
                "present, right size and SHA-256"
            } else {
                "present and right size"
            };
            println!(
                "{}: {} of {} version(s) {what} ({}) in `{}`.",
                p.profile,
                p.intact,
                p.versions,
                format::size(p.bytes),
                p.folder.display()
            );
            for f in &p.findings {
                let mark = if f.is_problem() { "!" } else { "-" };
                println!("  {mark} {}", f.message(&p.folder));
            }
        }
        if report.is_ok() {
            println!("All good.");
        } else {
            println!("Problems found: see the lines marked `!` above.");
        }
    }
    Ok(if report.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
