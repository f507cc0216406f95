//! What is inside a workbook, read with `calamine`: per-version summaries (sheets, rows, cells,
//! macros), the differences between two versions, and the vanishing-data rule.
//!
//! - [`read`]: opening a workbook and streaming each sheet's rows;
//! - [`container`]: macros and size, from the container before any cell is read;
//! - [`summarize`]: a version's [`crate::store::Summary`], guarded and bounded;
//! - [`rows`]: matching two versions' rows by hash;
//! - [`diff`]: what changed between two versions;
//! - [`alarm`]: what a new version lost against the one before.
//!
//! Filling summaries into a catalog and pinning versions is [`crate::inspect`]'s job.

pub mod alarm;
mod container;
pub mod diff;
pub mod read;
pub mod rows;
pub mod summarize;

pub use diff::{CellChange, SheetChange, SheetDiff, WorkbookDiff, diff_files};
pub use summarize::{Limits, summarize};
