//! The agent's summary worker: reads what is inside new versions on a thread of its own, after
//! the backup has recorded them, so reading cells never delays a backup or close detection.
//! Each request names a profile; the worker fills in every summary that profile's catalog lacks
//! (so versions left without one by a stopped agent get theirs too) and raises the
//! vanishing-data alarm, which the status reads from the catalog.

use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use crate::config::Profile;
use crate::contents::Limits;

/// Starts the worker; requests sent to the returned channel are handled in order. The thread
/// ends when every sender is dropped.
pub(super) fn start(lock_wait: Duration) -> Option<Sender<Profile>> {
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

fn run(requests: &Receiver<Profile>, lock_wait: Duration) {
    while let Ok(first) = requests.recv() {
        // A burst of backups of one profile needs one pass.
        let mut batch = vec![first];
        for next in requests.try_iter() {
            if !batch.iter().any(|p| p.name == next.name) {
                batch.push(next);
            }
        }
        for profile in batch {
            match crate::inspect::summarize_missing(&profile, lock_wait, Limits::default()) {
                Ok(done) if done.summarized > 0 => tracing::info!(
                    "{}: read the contents of {} version(s); {} alarm(s)",
                    profile.name,
                    done.summarized,
                    done.alarms.len()
                ),
                Ok(_) => {}
                Err(e) => tracing::warn!("{}: the contents of new versions were not read yet: {e}", profile.name),
            }
        }
    }
}
