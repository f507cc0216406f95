//! Close detection: noticing that a spreadsheet application has closed (or stopped changing) a
//! workbook, so a backup can be made without anyone clicking anything.
//!
//! The portable signal is the application's lock file next to the workbook disappearing
//! (`lockfile`). The decision itself is a pure state machine driven by events and an injected
//! clock (`tracker`), so it is tested without sleeping; `crate::agent` feeds it real file-system
//! events.

pub mod lockfile;
pub mod tracker;

pub use lockfile::{LockFile, LockKind};
pub use tracker::{Action, Observation, Timing, Tracker, WatchState};
