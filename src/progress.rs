//! Progress reporting for slow work (copying, hashing, verifying), as plain data so the CLI,
//! the GUI and tests can all listen the same way.

use std::path::PathBuf;
use std::sync::mpsc::Sender;

/// One step of progress in a backup, verify or restore run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProgressEvent {
    /// Work on `file` started; `total` bytes are expected.
    Started { file: PathBuf, total: u64 },
    /// `done` of `total` bytes of `file` have been processed.
    Bytes { file: PathBuf, done: u64, total: u64 },
    /// Work on `file` finished.
    Finished { file: PathBuf },
}

/// Receives progress events. Implementations must be cheap: they are called once per chunk.
pub trait Progress: Sync {
    fn report(&self, event: ProgressEvent);
}

/// No progress wanted.
impl Progress for () {
    fn report(&self, _event: ProgressEvent) {}
}

/// Forward progress to a channel (the GUI and the agent listen on the other end). A closed
/// receiver only means nobody is watching any more, so send errors are ignored on purpose.
impl Progress for Sender<ProgressEvent> {
    fn report(&self, event: ProgressEvent) {
        let _ = self.send(event);
    }
}

/// Forward progress to a closure.
pub struct ProgressFn<F>(pub F);

impl<F: Fn(ProgressEvent) + Sync> Progress for ProgressFn<F> {
    fn report(&self, event: ProgressEvent) {
        (self.0)(event);
    }
}
