//! The second-copy part of `sheetsafe verify`: checking each destination as a place of its own,
//! and `--repair`, which mends a version damaged or missing in one place from another.

use std::time::Duration;

use sheetsafe::Profile;
use sheetsafe::repair::sealed::SealedRepairReport;
use sheetsafe::repair::{self, NotRepaired, PlaceReport, RepairPolicy, RepairReport, Repaired};
use sheetsafe::verify::VerifyMode;

use super::format;

/// Repairs every place of each profile and prints what was mended and what could not be.
pub fn repair_all(profiles: &[&Profile], lock_wait: Duration, json: bool) -> std::io::Result<Vec<RepairReport>> {
    let reports: Vec<RepairReport> = profiles
        .iter()
        .map(|p| repair::repair_profile(p, RepairPolicy::Everywhere, lock_wait, &()))
        .collect();
    if !json {
        for r in &reports {
            print_repairs(&r.removed_leftovers, &r.repaired, &r.not_repaired)?;
        }
    }
    Ok(reports)
}

/// Repairs every place of each encrypted profile (by the SHA-256 of the ciphertext, keyless)
/// and prints what was mended and what could not be.
pub fn repair_all_sealed(
    profiles: &[&Profile],
    lock_wait: Duration,
    json: bool,
) -> std::io::Result<Vec<SealedRepairReport>> {
    let reports: Vec<SealedRepairReport> = profiles
        .iter()
        .map(|p| repair::sealed::repair_sealed(p, RepairPolicy::Everywhere, lock_wait, &()))
        .collect();
    if !json {
        for r in &reports {
            print_repairs(&r.removed_leftovers, &r.repaired, &r.not_repaired)?;
        }
    }
    Ok(reports)
}

/// Prints what one repair run removed, mended and could not mend.
fn print_repairs(
    leftovers: &[std::path::PathBuf],
    repaired: &[Repaired],
    not_repaired: &[NotRepaired],
) -> std::io::Result<()> {
    for leftover in leftovers {
        outln!(
            "Removed `{}`, a temporary file an interrupted run had left.",
            leftover.display()
        )?;
    }
    for done in repaired {
        outln!("{}", done.message())?;
    }
    for left in not_repaired {
        outln!("  ! {left}")?;
    }
    Ok(())
}

/// Checks the destinations of `profile`.
pub fn check(profile: &Profile, mode: VerifyMode) -> Vec<PlaceReport> {
    repair::verify_destinations(profile, mode, &())
}

/// Prints one line per destination and its findings, like the main folder's.
pub fn print(profile: &Profile, places: &[PlaceReport], what: &str) -> std::io::Result<()> {
    for place in places {
        let name = match &place.place {
            repair::Place::Destination(name) => name.as_str(),
            repair::Place::Main => "main",
        };
        match (&place.report, &place.note) {
            (Some(r), _) => {
                outln!(
                    "{} (second copy `{name}`): {} of {} version(s) {what} ({}) in `{}`.",
                    profile.name,
                    r.intact,
                    r.versions,
                    format::size(r.bytes),
                    r.folder.display()
                )?;
                for f in &r.findings {
                    let mark = if f.is_problem() { "!" } else { "-" };
                    outln!("  {mark} {}", f.message(&r.folder))?;
                }
            }
            (None, note) => outln!(
                "{} (second copy `{name}`): not checked. {}",
                profile.name,
                note.as_ref().map(ToString::to_string).unwrap_or_default()
            )?,
        }
    }
    Ok(())
}

/// The destinations' reports as JSON, with each finding's sentence.
pub fn json(places: &[PlaceReport]) -> serde_json::Value {
    places
        .iter()
        .map(|place| {
            let messages: Vec<String> = place
                .report
                .iter()
                .flat_map(|r| r.findings.iter().map(|f| f.message(&r.folder)))
                .collect();
            serde_json::json!({
                "place": place.place,
                "folder": place.folder,
                "checked": place.report.is_some(),
                "ok": place.is_ok(),
                "note": place.note,
                "versions": place.report.as_ref().map(|r| r.versions),
                "intact": place.report.as_ref().map(|r| r.intact),
                "findings": place.report.as_ref().map(|r| &r.findings),
                "messages": messages,
            })
        })
        .collect()
}

/// Repair reports as JSON: what was mended and what could not be.
pub fn repairs_json(reports: &[RepairReport], sealed: &[SealedRepairReport]) -> serde_json::Value {
    let repaired: Vec<&Repaired> = reports
        .iter()
        .flat_map(|r| r.repaired.iter())
        .chain(sealed.iter().flat_map(|r| r.repaired.iter()))
        .collect();
    let not_repaired: Vec<&NotRepaired> = reports
        .iter()
        .flat_map(|r| r.not_repaired.iter())
        .chain(sealed.iter().flat_map(|r| r.not_repaired.iter()))
        .collect();
    serde_json::json!({
        "messages": repaired.iter().map(|r| r.message()).collect::<Vec<_>>(),
        "repaired": repaired,
        "not_repaired": not_repaired,
    })
}
