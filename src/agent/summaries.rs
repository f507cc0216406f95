//! The agent's summary worker: reads what is inside new versions on a thread of its own, after
//! the backup has recorded them, so reading cells never delays a backup or close detection.
//! Each request names a profile; the worker fills in every summary that profile's catalog lacks
//! (so versions left without one by a stopped agent get theirs too) and raises the
//! vanishing-data alarm, which the status reads from the catalog. After each batch it looks
//! across every profile for many workbooks losing their data at once (the pattern of
//! ransomware) and pins every version they had before ([`crate::inspect::guard_mass_loss`]).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;
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

/// The running worker, to be stopped with [`Worker::finish`] before the process ends: a
/// process that simply exits could cut it between writing an encrypted profile's catalog and
/// its `SHA256SUMS`, leaving the two disagreeing until the next backup.
pub(super) struct Worker {
    handle: JoinHandle<()>,
    stop: Arc<AtomicBool>,
}

impl Worker {
    /// Lets the profile being read finish and its catalog be written whole, skips what is
    /// still queued (the next start reads it) and waits for the thread. `tx` must be dropped
    /// first, or the worker would wait for more requests.
    pub(super) fn finish(self) {
        self.stop.store(true, Ordering::SeqCst);
        if self.handle.join().is_err() {
            tracing::error!("the summary worker panicked");
        }
    }
}

/// Starts the worker; requests sent to the returned channel are handled in order. The thread
/// ends when every sender is dropped.
pub(super) fn start(lock_wait: Duration) -> Option<(Sender<Request>, Worker)> {
    let (tx, rx) = mpsc::channel();
    let stop = Arc::new(AtomicBool::new(false));
    let stopping = Arc::clone(&stop);
    let spawned = std::thread::Builder::new()
        .name("sheetsafe-summaries".into())
        .spawn(move || run(&rx, lock_wait, &stopping));
    match spawned {
        Ok(handle) => Some((tx, Worker { handle, stop })),
        Err(e) => {
            tracing::error!("could not start the summary worker: {e}; versions get their summaries at the next start");
            None
        }
    }
}

fn run(requests: &Receiver<Request>, lock_wait: Duration, stop: &AtomicBool) {
    while let Ok(first) = requests.recv() {
        if stop.load(Ordering::SeqCst) {
            return;
        }
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
            if stop.load(Ordering::SeqCst) {
                return;
            }
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
