//! Integration tests: the real `sheetsafe` binary run as a separate process on real files from
//! the corpus in `tests/corpus/`, with outcomes checked on disk and with independent tools (`sha256sum`).

mod copies_util;
mod util;

mod agent;
mod cancel;
mod cli_errors;
mod config_names;
mod config_shared;
mod contents_cli;
mod contents_corpus;
mod copy_faults;
mod copy_schedule;
mod corpus_roundtrip;
mod crash_safety;
mod encrypted;
mod encrypted_copies;
mod export_zip;
// Hostile stores include symbolic links, which Windows creates only with extra privileges.
#[cfg(unix)]
mod jail;
mod layers;
mod messages;
mod non_ascii_workbooks;
mod racing_writer;
mod repair_everywhere;
mod restore;
mod restore_guard;
mod retention;
mod second_copies;
mod snapshots;
mod store_hostile;
mod verify;
