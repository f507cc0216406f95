//! The agent's summary worker: reads what is inside new versions on a thread of its own, after
//! the backup has recorded them, so reading cells never delays a backup or close detection.
//! Each request names a profile; the worker fills in every summary that profile's catalog lacks
//! (so versions left without one by a stopped agent get theirs too) and raises the
//! vanishing-data alarm, which the status reads from the catalog. After each batch it looks
//! across every profile for many workbooks losing their data at once (the pattern of
//! ransomware) and pins every version they had before ([`crate::inspect::guard_mass_loss`]).

use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use crate::config::{MassLossSettings, Profile};
use crate::contents::Limits;

/// One request: a profile whose new versions need their summaries, and what the look across
/// every profile needs (the configuration as the agent has it now).
pub(super) struct Request {
    pub profile: Profile,
    pub every_profile: Vec<Profile>,
    pub mass_loss: MassLossSettings,
}

/// Starts the worker; requests sent to the returned channel are handled in order. The thread
/// ends when every sender is dropped.
pub(super) fn start(lock_wait: Duration) -> Option<Sender<Request>> {
    let (tx, rx) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("sheetsafe-summaries".into())
        .spawn(move || run(&rx, lock_wait));
    match spawned {
        Ok(_) => Some(tx),
        Err(e) => {
            tracing::error!("could not start the summary worker: {e}; versions get their summaries at the next start");
            None
        }
    }
}

fn run(requests: &Receiver<Request>, lock_wait: Duration) {
    while let Ok(first) = requests.recv() {
        // A burst of backups of one profile needs one pass; the newest configuration counts.
        let mut every_profile = first.every_profile;
        let mut mass_loss = first.mass_loss;
        let mut batch = vec![first.profile];
        for next in requests.try_iter() {
            if !batch.iter().any(|p| p.name == next.profile.name) {
                batch.push(next.profile);
            }
            every_profile = next.every_profile;
            mass_loss = next.mass_loss;
        }
        let mut alarms = 0;
        for profile in batch {
            match crate::inspect::summarize_missing(&profile, lock_wait, Limits::default()) {
                Ok(done) if done.summarized > 0 => {
                    alarms += done.alarms.len();
                    tracing::info!(
                        "{}: read the contents of {} version(s); {} alarm(s)",
                        profile.name,
                        done.summarized,
                        done.alarms.len()
                    );
                }
                Ok(_) => {}
                Err(e) => tracing::warn!("{}: the contents of new versions were not read yet: {e}", profile.name),
            }
        }
        // Only a new alarm can complete a burst.
        if alarms > 0 {
            let enabled: Vec<Profile> = every_profile.into_iter().filter(|p| p.enabled).collect();
            match crate::inspect::guard_mass_loss(&enabled, mass_loss, lock_wait) {
                Ok(found) if !found.workbooks.is_empty() => tracing::error!(
                    "{} workbooks lost their data at once: {:?}; {} earlier version(s) pinned",
                    found.workbooks.len(),
                    found.workbooks,
                    found.pinned
                ),
                Ok(_) => {}
                Err(e) => tracing::warn!("could not look across the profiles for data lost at once: {e}"),
            }
        }
    }
}
