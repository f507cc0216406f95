//! Integration tests: the real `sheetsafe` binary run as a separate process on real files from
//! the shared corpus, with outcomes checked on disk and with independent tools (`sha256sum`).

mod util;

mod cli_errors;
mod corpus_roundtrip;
mod crash_safety;
mod restore;
mod retention;
mod verify;
