//! `sheetsafe verify`: re-check every version and print every finding.

use std::process::ExitCode;

use clap::Args;
use sheetsafe::repair::Place;
use sheetsafe::repair::sealed::{SealedPlaceReport, SealedRepairReport};
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

// One report in two shapes (text and JSON) over four kinds of place; each place's own part is
// a function already, and splitting the rest would only pass its dozen values around.
#[allow(clippy::too_many_lines)]
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
    let wait = std::time::Duration::from_secs(config.settings.lock_wait_seconds);
    let (sealed_repairs, sealed_reports) = check_sealed(&sealed, args, mode, wait)?;
    #[cfg(feature = "company-storage")]
    let buckets = super::company::verify_buckets(&sealed, args.repair, wait);
    #[cfg(feature = "company-storage")]
    let buckets_ok = buckets.iter().all(|b| b.check.is_ok());
    #[cfg(not(feature = "company-storage"))]
    let buckets_ok = true;
    let sealed_ok = buckets_ok && sealed_reports.iter().flat_map(|(_, r)| r).all(SealedPlaceReport::is_ok);
    let mut adopted = Vec::new();
    if args.adopt {
        for p in &profiles {
            adopted.extend(verify::adopt_unlisted(p, wait)?);
        }
    }
    let repairs = if args.repair {
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
        #[cfg(feature = "company-storage")]
        let company = super::company::buckets_json(&buckets);
        #[cfg(not(feature = "company-storage"))]
        let company: Vec<serde_json::Value> = Vec::new();
        print_json(&serde_json::json!({
            "ok": all_ok,
            "adopted": adopted,
            "repairs": places::repairs_json(&repairs, &sealed_repairs),
            "profiles": json,
            "company_storage": company,
        }))?;
    } else {
        for file in &adopted {
            outln!("Adopted `{file}` into the catalog.")?;
        }
        print_sealed(&sealed_reports, mode)?;
        #[cfg(feature = "company-storage")]
        super::company::print_buckets(&buckets)?;
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
/// The main folder's report is the profile's; its second copies follow under `destinations`.
fn sealed_json(reports: &[(&sheetsafe::Profile, Vec<SealedPlaceReport>)], mode: VerifyMode) -> Vec<serde_json::Value> {
    let place_json = |place: &SealedPlaceReport| {
        let r = place.report.clone().unwrap_or_default();
        serde_json::json!({
            "place": place.place,
            "folder": place.folder,
            "checked": place.report.is_some(),
            "note": place.note,
            "ok": place.is_ok(),
            "versions": r.versions,
            "intact": r.intact,
            "bytes": r.bytes,
            "messages": sentences(&r.findings),
            "notes": sentences(&r.notes),
        })
    };
    reports
        .iter()
        .map(|(p, places)| {
            let main = places.first().and_then(|m| m.report.clone()).unwrap_or_default();
            let destinations: Vec<_> = places.iter().skip(1).map(place_json).collect();
            serde_json::json!({
                "profile": p.name,
                "folder": p.backup_folder.join(&p.name),
                "mode": mode,
                "encrypted": true,
                "ok": main.is_ok(),
                "versions": main.versions,
                "intact": main.intact,
                "bytes": main.bytes,
                "messages": sentences(&main.findings),
                "notes": sentences(&main.notes),
                "destinations": destinations,
            })
        })
        .collect()
}

/// The findings as the sentences the text output prints (the JSON has always given sentences).
fn sentences(findings: &[sheetsafe::verify::sealed::SealedFinding]) -> Vec<String> {
    findings.iter().map(ToString::to_string).collect()
}

/// Prints the reports of encrypted profiles: the main folder, then each second copy.
fn print_sealed(reports: &[(&sheetsafe::Profile, Vec<SealedPlaceReport>)], mode: VerifyMode) -> std::io::Result<()> {
    let what = if mode == VerifyMode::Full {
        "present and intact (SHA-256 of the encrypted file)"
    } else {
        "present"
    };
    for (p, places) in reports {
        for place in places {
            let label = match &place.place {
                Place::Main => "encrypted".to_string(),
                Place::Destination(name) => format!("encrypted, second copy `{name}`"),
            };
            let Some(r) = &place.report else {
                outln!(
                    "{} ({label}): not checked. {}",
                    p.name,
                    place.note.as_ref().map(ToString::to_string).unwrap_or_default()
                )?;
                continue;
            };
            outln!(
                "{} ({label}): {} of {} version(s) {what} ({}) in `{}`.",
                p.name,
                r.intact,
                r.versions,
                format::size(r.bytes),
                place.folder.display()
            )?;
            for f in &r.findings {
                outln!("  ! {f}")?;
            }
            for note in &r.notes {
                outln!("  - {note}")?;
            }
        }
    }
    Ok(())
}

/// The reports of encrypted profiles: each with its main folder, then its second copies.
type SealedReports<'a> = Vec<(&'a sheetsafe::Profile, Vec<SealedPlaceReport>)>;

/// Repairs (with `--repair`) and then checks every place of each encrypted profile, keyless.
fn check_sealed<'a>(
    sealed: &[&'a sheetsafe::Profile],
    args: &VerifyArgs,
    mode: VerifyMode,
    wait: std::time::Duration,
) -> std::io::Result<(Vec<SealedRepairReport>, SealedReports<'a>)> {
    let repairs = if args.repair {
        places::repair_all_sealed(sealed, wait, args.json)?
    } else {
        Vec::new()
    };
    let reports = sealed
        .iter()
        .map(|p| (*p, sheetsafe::repair::sealed::verify_places(p, mode, &())))
        .collect();
    Ok((repairs, reports))
}
