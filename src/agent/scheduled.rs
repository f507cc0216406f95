//! The agent's scheduled work, on a thread of its own so a slow USB disk or network share never
//! delays close detection: second copies that are due (checked every minute; a destination that
//! is away is simply looked for again) and, every `verify_every_hours`, a full check of every
//! version in every place with repair from an intact copy where the profile allows it.

use std::collections::BTreeMap;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::Local;

use super::Message;
use crate::config::Config;
use crate::copies;
use crate::i18n::Explain as _;
use crate::problem::Problem;
use crate::repair::{self, RepairPolicy};

/// How often due second copies are looked for.
const COPY_CHECK: Duration = Duration::from_secs(60);
/// The first full check waits a little after start, so starting the PC stays quick.
const FIRST_VERIFY_DELAY: Duration = Duration::from_secs(300);

/// What the scheduled full check found for one profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyOutcome {
    pub profile: String,
    /// Damage that is still there after repair.
    pub problems: Vec<Problem>,
    /// What was repaired (logged; the check's problems no longer list it).
    pub repaired: Vec<repair::Repaired>,
}

/// Runs until `stop` receives a message or its sender is dropped.
pub(super) fn run(config: &Arc<Mutex<Config>>, report: &Sender<Message>, stop: &Receiver<()>) {
    let started = Instant::now();
    let mut last_verify: BTreeMap<String, Instant> = BTreeMap::new();
    loop {
        match stop.recv_timeout(COPY_CHECK) {
            Err(RecvTimeoutError::Timeout) => {}
            Ok(()) | Err(RecvTimeoutError::Disconnected) => return,
        }
        let Ok(config) = config.lock().map(|c| c.clone()) else {
            return;
        };
        let lock_wait = Duration::from_secs(config.settings.lock_wait_seconds);
        let verify_every = Duration::from_secs(config.settings.verify_every_hours * 3600);
        for profile in config.profiles.iter().filter(|p| p.enabled) {
            // Encrypted profiles too: their copies move ciphertext by its SHA-256, keyless.
            let runs = copies::run_due(profile, Local::now(), lock_wait, &());
            for run in &runs {
                tracing::info!(
                    "second copy of {} to {}: {:?}",
                    profile.name,
                    run.destination,
                    run.outcome
                );
            }
            // A disk still away changes nothing worth telling (its state is read live).
            let changed = runs.iter().any(|r| r.outcome != copies::RunOutcome::Waiting);
            if changed && report.send(Message::CopiesRan).is_err() {
                return;
            }
            let due = verify_every > Duration::ZERO
                && started.elapsed() >= FIRST_VERIFY_DELAY
                && last_verify
                    .get(&profile.name)
                    .is_none_or(|t| t.elapsed() >= verify_every);
            if due {
                last_verify.insert(profile.name.clone(), Instant::now());
                let outcome = verify_and_repair(profile, lock_wait);
                if report.send(Message::Verified(outcome)).is_err() {
                    return;
                }
            }
        }
    }
}

fn verify_and_repair(profile: &crate::config::Profile, lock_wait: Duration) -> VerifyOutcome {
    if profile.encryption.is_some() {
        return verify_and_repair_sealed(profile, lock_wait);
    }
    let result = repair::repair_profile(profile, RepairPolicy::AsConfigured, lock_wait, &());
    let mut problems: Vec<Problem> = result
        .not_repaired
        .iter()
        .map(|left| Problem::NotRepaired {
            reason: left.to_string(),
            said: Some(left.said()),
        })
        .collect();
    // Findings the repair did not cover (for example damaged workbooks) still need the user.
    for place in &result.checked {
        if let Some(report) = &place.report {
            for finding in report.findings.iter().filter(|f| f.is_problem()) {
                let repaired = finding.file().is_some_and(|file| {
                    result
                        .repaired
                        .iter()
                        .any(|r| r.path.file_name().is_some_and(|n| n == file))
                });
                let problem = Problem::CheckFound {
                    folder: report.folder.clone(),
                    finding: finding.clone(),
                };
                if !repaired && !problems.contains(&problem) {
                    problems.push(problem);
                }
            }
        }
    }
    for done in &result.repaired {
        tracing::warn!("{}", done.message());
    }
    for line in &problems {
        tracing::error!("{line}");
    }
    VerifyOutcome {
        profile: profile.name.clone(),
        problems,
        repaired: result.repaired,
    }
}

/// The same for an encrypted profile, without any key: every place's files are checked against
/// its clear `SHA256SUMS`, and a damaged or missing one is mended from another place by its
/// SHA-256 where the profile allows it.
fn verify_and_repair_sealed(profile: &crate::config::Profile, lock_wait: Duration) -> VerifyOutcome {
    let result = repair::sealed::repair_sealed(profile, RepairPolicy::AsConfigured, lock_wait, &());
    let mut problems: Vec<Problem> = result
        .not_repaired
        .iter()
        .map(|left| Problem::NotRepaired {
            reason: left.to_string(),
            said: Some(left.said()),
        })
        .collect();
    // What is still wrong after the repair is what the user must hear about.
    for place in repair::sealed::verify_places(profile, crate::verify::VerifyMode::Full, &()) {
        for finding in place.report.map(|r| r.findings).unwrap_or_default() {
            let problem = Problem::SealedCheckFound { finding };
            if !problems.contains(&problem) {
                problems.push(problem);
            }
        }
    }
    #[cfg(feature = "company-storage")]
    problems.extend(check_company_storage(profile, lock_wait));
    for done in &result.repaired {
        tracing::warn!("{}", done.message());
    }
    for line in &problems {
        tracing::error!("{line}");
    }
    VerifyOutcome {
        profile: profile.name.clone(),
        problems,
        repaired: result.repaired,
    }
}

/// The company-storage second copies of an encrypted profile, checked keyless like its folders
/// (and mended where the destination allows it): what is still missing or damaged in the
/// bucket afterwards is said as the same findings a folder's check gives, each named by the
/// bucket's address. An unreachable server is not damage: the copy's state shows it waiting.
#[cfg(feature = "company-storage")]
fn check_company_storage(profile: &crate::config::Profile, lock_wait: Duration) -> Vec<Problem> {
    use crate::verify::sealed::SealedFinding;
    let mut problems = Vec::new();
    for dest in &profile.destinations {
        let Some(s3) = &dest.s3 else { continue };
        let check = copies::bucket::check(profile, dest, s3, dest.repair, lock_wait);
        for name in &check.repaired {
            tracing::warn!(
                "sent {name} again to the company storage `{}` of {}",
                dest.name,
                profile.name
            );
        }
        let Ok(report) = check.outcome else { continue };
        let place = dest.place(&profile.name);
        let findings = report
            .missing_files
            .iter()
            .map(|name| SealedFinding::Missing { path: place.join(name) })
            .chain(
                report
                    .damaged_files
                    .iter()
                    .map(|name| SealedFinding::Damaged { path: place.join(name) }),
            )
            .chain(
                report
                    .sums_missing
                    .then(|| SealedFinding::SumsMissing { path: place.clone() }),
            );
        problems.extend(findings.map(|finding| Problem::SealedCheckFound { finding }));
    }
    problems
}

#[cfg(test)]
mod tests {
    use crate::problem::Problem;

    /// What the scheduled check and the agent publish: a repair left undone, a settings file
    /// that no longer loads and a folder that cannot be watched (here, not in `problem`, which
    /// sits below `repair`).
    #[test]
    fn settings_watch_and_repair_troubles_are_said_in_the_users_language_through_the_status_file() {
        use crate::i18n::Explain as _;
        use crate::i18n::{Language, Translator};
        use crate::repair::{NotRepaired, Place, RepairError};
        let config = crate::config::ConfigError::NoWorkbook {
            profile: "Cửa hàng".into(),
        };
        let left = NotRepaired::Failed {
            place: Place::Destination("USB".into()),
            path: "/media/usb/Cửa hàng/a.xlsx".into(),
            error: std::sync::Arc::new(RepairError::ReadBackMismatch {
                path: "/media/usb/Cửa hàng/a.xlsx".into(),
            }),
        };
        let watch = crate::i18n::Said::new("io-not-found", Vec::new(), "No path was found.".into());
        let problems = [
            Problem::ConfigInvalid {
                reason: config.to_string(),
                said: Some(config.said()),
            },
            Problem::NotRepaired {
                reason: left.to_string(),
                said: Some(left.said()),
            },
            Problem::FolderNotWatched {
                folder: "/media/usb".into(),
                reason: watch.english.clone(),
                said: Some(watch),
            },
        ];
        let pl = Translator::new(Language::Pl);
        for p in problems {
            // The status file carries the data, the nested error's included.
            let back: Problem = serde_json::from_str(&serde_json::to_string(&p).expect("json")).expect("read");
            assert_eq!(back, p);
            let words = back.localized(&pl);
            assert!(!words.contains(&p.to_string()) && !words.contains("--"), "{words}");
            match &back {
                Problem::ConfigInvalid { .. } => assert!(words.contains("nie ma żadnego skoroszytu"), "{words}"),
                Problem::NotRepaired { .. } => {
                    assert!(
                        words.contains("w drugiej kopii USB") && words.contains("Dysk może się psuć"),
                        "{words}"
                    );
                }
                _ => assert!(words.contains("może dysk został odłączony"), "{words}"),
            }
        }
        // What an older agent wrote (no `said`) still reads, in its English words.
        let old = r#"{"kind":"not-repaired","reason":"Could not repair it."}"#;
        let read: Problem = serde_json::from_str(old).expect("an older status file");
        assert!(read.localized(&pl).contains("Could not repair it."));
    }
}
