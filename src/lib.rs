//! Sheetsafe: automatic, verified backups of spreadsheet workbooks.
//!
//! This library holds everything that is not presentation: the configuration, the on-disk
//! backup-folder format, the backup engine, retention, verification and restore. The CLI
//! (`src/cli.rs`) and, later, the GUI sit on top of it. The library never imports a GUI crate.

pub mod agent;
#[cfg(feature = "company-storage")]
pub mod company;
pub mod config;
pub mod contents;
pub mod copies;
pub mod copy;
pub mod crypto;
pub mod destination;
pub mod engine;
pub mod export;
pub mod fsutil;
pub mod health;
pub mod host;
pub mod i18n;
pub mod inspect;
pub mod keys;
pub mod paths;
pub mod problem;
pub mod progress;
pub mod repair;
pub mod restore;
pub mod retention;
#[cfg(feature = "company-storage")]
pub mod s3;
pub mod schedule;
pub mod status;
pub mod store;
pub mod verify;
pub mod watch;

pub use config::{Config, KeepRules, Profile};
pub use engine::{BackupOutcome, BackupRequest, Trigger};
pub use health::{Health, HealthCheck};
pub use store::{Catalog, ProfileStore, Version};
pub use verify::{Finding, VerifyMode, VerifyReport};
