//! Progress reporting for slow work (copying, hashing, verifying), as plain data so the CLI,
//! the GUI and tests can all listen the same way.

use std::io;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
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

    /// True once whoever watches asked the work to stop. Copies and hash passes ask before each
    /// chunk and then fail with [`Cancelled`]; every caller already removes what a failed copy
    /// half wrote, so a cancelled run leaves what an interrupted one leaves: nothing new.
    fn cancelled(&self) -> bool {
        false
    }
}

/// The error of work stopped because the user asked ([`Progress::cancelled`]). It is its own
/// type so that no check ever mistakes a stop for an unreadable file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("stopped because it was cancelled")]
pub struct Cancelled;

impl Cancelled {
    /// As an I/O error, for the hash passes that return `io::Result`.
    pub fn io() -> io::Error {
        io::Error::other(Cancelled)
    }

    /// True when `error` is a cancellation (see [`Cancelled::io`]).
    pub fn is(error: &io::Error) -> bool {
        error
            .get_ref()
            .is_some_and(<dyn std::error::Error + Send + Sync>::is::<Cancelled>)
    }
}

/// A switch the user's "Cancel" flips and the work reads: shared between the screen (which
/// keeps one per running task) and the progress sink handed to the work.
#[derive(Debug, Clone, Default)]
pub struct CancelSwitch(Arc<AtomicBool>);

impl CancelSwitch {
    /// Asks the work to stop at its next chunk.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// The switch alone, for work nobody watches the progress of but which can still be stopped.
impl Progress for CancelSwitch {
    fn report(&self, _event: ProgressEvent) {}

    fn cancelled(&self) -> bool {
        self.is_cancelled()
    }
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
