//! `copies.toml` in the main profile folder: when each destination last received the versions,
//! when it was last tried and why that failed, and since when it has been missing. It lives in
//! the main folder, not at the destination, because an unplugged destination must still be
//! reported overdue, and it survives restarts of Sheetsafe and of the PC.
//!
//! It is bookkeeping only: losing it costs one unneeded copy run, never a version.

use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::config::{Destination, absolute};
use crate::fsutil;
use crate::store::{COPIES_FILE, ProfileStore, StoreError};

/// What is known about the second copies of one profile.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CopiesState {
    #[serde(default, rename = "destination")]
    pub destinations: Vec<DestinationRecord>,
}

/// What is known about one destination.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DestinationRecord {
    /// The destination's name in the configuration.
    pub name: String,
    /// Its folder when the record was made: a record for another folder does not count.
    pub folder: PathBuf,
    /// When Sheetsafe first saw this destination (counts towards "overdue" before any copy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<DateTime<FixedOffset>>,
    /// When a run last finished with every wanted version in place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_success: Option<DateTime<FixedOffset>>,
    /// When a run was last tried (successful or not).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_attempt: Option<DateTime<FixedOffset>>,
    /// Why the last attempt failed; absent after a success.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error: Option<String>,
    /// Since when the destination folder has been seen missing (cleared by the next success).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub absent_since: Option<DateTime<FixedOffset>>,
    /// `last_error` as data, for the user's language (last: a table in the file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_error_said: Option<crate::i18n::Said>,
    /// Company storage: multipart uploads begun and not yet completed or aborted. A run killed
    /// mid-upload leaves its parts on the server, taking space until aborted; the next run
    /// aborts these (tables, so after every plain value).
    #[serde(default, rename = "unfinished_upload", skip_serializing_if = "Vec::is_empty")]
    pub unfinished_uploads: Vec<UnfinishedUpload>,
}

/// A multipart upload to company storage under way (see [`DestinationRecord::unfinished_uploads`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnfinishedUpload {
    /// The object's key in the bucket (`<device>/v/<id>.age`).
    pub key: String,
    /// The server's id of the upload.
    pub upload_id: String,
}

impl DestinationRecord {
    /// True when the last attempt failed and nothing succeeded since.
    pub fn last_attempt_failed(&self) -> bool {
        self.last_error.is_some() && (self.last_success.is_none() || self.last_attempt > self.last_success)
    }
}

impl CopiesState {
    /// The record of `dest`, if there is one for its current folder.
    pub fn record(&self, dest: &Destination) -> Option<&DestinationRecord> {
        self.destinations
            .iter()
            .find(|r| r.name.eq_ignore_ascii_case(&dest.name) && absolute(&r.folder) == absolute(&dest.folder))
    }

    /// The record of `dest` to change, made fresh when it has none (or one for another folder).
    pub fn record_mut(&mut self, dest: &Destination) -> &mut DestinationRecord {
        let index = match self
            .destinations
            .iter()
            .position(|r| r.name.eq_ignore_ascii_case(&dest.name))
        {
            Some(i) if absolute(&self.destinations[i].folder) == absolute(&dest.folder) => i,
            Some(i) => {
                self.destinations[i] = DestinationRecord::fresh(dest);
                i
            }
            None => {
                self.destinations.push(DestinationRecord::fresh(dest));
                self.destinations.len() - 1
            }
        };
        &mut self.destinations[index]
    }

    fn to_toml(&self) -> String {
        let mut out = String::from(
            "# Sheetsafe second copies: when each destination last received this folder's versions.\n\
             # Bookkeeping only; see docs/store-format.md.\n\n",
        );
        // Plain strings and dates always serialise.
        out.push_str(&toml::to_string_pretty(self).unwrap_or_default());
        out
    }
}

impl DestinationRecord {
    fn fresh(dest: &Destination) -> Self {
        DestinationRecord {
            name: dest.name.clone(),
            folder: dest.folder.clone(),
            ..DestinationRecord::default()
        }
    }
}

/// Reads the record from the main profile folder. A missing file is an empty record; a damaged
/// one is logged and treated as empty, because it only says when copies were made.
pub fn load(main: &ProfileStore) -> Result<CopiesState, StoreError> {
    load_from(main.dir())
}

fn load_from(dir: &Path) -> Result<CopiesState, StoreError> {
    let path = dir.join(COPIES_FILE);
    // Never through a link: a link planted in the profile folder must not lead a read outside.
    let read = crate::fsutil::open_nofollow(&path).and_then(|mut f| {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut f, &mut text).map(|_| text)
    });
    match read {
        Err(e) if crate::fsutil::is_not_a_file(&e) => {
            tracing::warn!(
                "{} is not a plain file; it is replaced at the next copy",
                path.display()
            );
            Ok(CopiesState::default())
        }
        Ok(text) => Ok(toml::from_str(&text).unwrap_or_else(|e| {
            tracing::warn!("{} is damaged ({e}); it is rewritten at the next copy", path.display());
            CopiesState::default()
        })),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(CopiesState::default()),
        Err(e) => Err(StoreError::Read { path, source: e }),
    }
}

/// Changes the record under the main folder's writer lock: reads it fresh, applies `change`,
/// and replaces it atomically. Does nothing when the main profile folder does not exist yet
/// (no backup has been made, so there is nothing to record).
pub fn update(
    main: &ProfileStore,
    lock_wait: Duration,
    change: impl FnOnce(&mut CopiesState),
) -> Result<(), StoreError> {
    if !main.dir().is_dir() {
        return Ok(());
    }
    let lock = main.lock(lock_wait)?;
    // A killed copy can leave its temporary record here; this is the run that writes it.
    for leftover in main.remove_leftovers(&lock)? {
        tracing::info!(
            "removed a temporary file left by an interrupted run: {}",
            leftover.display()
        );
    }
    let mut state = load(main)?;
    let before = state.clone();
    change(&mut state);
    if state == before {
        return Ok(());
    }
    let path = main.dir().join(COPIES_FILE);
    fsutil::write_atomic(&path, state.to_toml().as_bytes()).map_err(|e| StoreError::from_write(&path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dest(name: &str, folder: &str) -> Destination {
        Destination {
            name: name.into(),
            folder: PathBuf::from(folder),
            ..Destination::default()
        }
    }

    #[test]
    fn round_trips_and_survives_a_new_process() {
        let dir = tempfile::tempdir().expect("tempdir");
        let main = ProfileStore::at(dir.path().to_path_buf());
        let usb = dest("USB", "/media/usb");
        let when = DateTime::parse_from_rfc3339("2026-11-21T18:00:00+01:00").expect("time");
        update(&main, Duration::ZERO, |s| s.record_mut(&usb).last_success = Some(when)).expect("update");
        let again = load(&main).expect("load");
        assert_eq!(again.record(&usb).and_then(|r| r.last_success), Some(when));
        let text = std::fs::read_to_string(dir.path().join(COPIES_FILE)).expect("read");
        assert!(text.starts_with("# Sheetsafe second copies"), "{text}");
    }

    /// Unfinished uploads are tables like the said error: both must survive a write and a read
    /// together, or a killed upload's parts would never be aborted.
    #[test]
    fn unfinished_uploads_round_trip_beside_a_said_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let main = ProfileStore::at(dir.path().to_path_buf());
        let office = dest("Office", "");
        let uploads = vec![
            UnfinishedUpload {
                key: "0123456789abcdef/v/aa.age".into(),
                upload_id: "0f1e2d".into(),
            },
            UnfinishedUpload {
                key: "0123456789abcdef/v/bb.age".into(),
                upload_id: "x/y+z=".into(),
            },
        ];
        update(&main, Duration::ZERO, |s| {
            let r = s.record_mut(&office);
            r.last_error = Some("The server went away.".into());
            r.last_error_said = Some(crate::i18n::Said::new("copy-stop-absent", Vec::new(), "x".into()));
            r.unfinished_uploads = uploads.clone();
        })
        .expect("update");
        let text = std::fs::read_to_string(dir.path().join(COPIES_FILE)).expect("read");
        let again = load(&main).expect("load");
        let record = again.record(&office).expect("record");
        assert_eq!(record.unfinished_uploads, uploads, "{text}");
        assert!(record.last_error_said.is_some(), "{text}");
    }

    #[test]
    fn a_new_folder_starts_a_new_record() {
        let mut state = CopiesState::default();
        let when = DateTime::parse_from_rfc3339("2026-11-21T18:00:00+01:00").expect("time");
        state.record_mut(&dest("USB", "/media/a")).last_success = Some(when);
        assert!(
            state.record(&dest("usb", "/media/a")).is_some(),
            "names match case-insensitively"
        );
        assert!(state.record(&dest("USB", "/media/b")).is_none());
        assert_eq!(state.record_mut(&dest("USB", "/media/b")).last_success, None);
        assert_eq!(state.destinations.len(), 1);
    }

    #[test]
    fn a_damaged_record_counts_as_empty() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join(COPIES_FILE), "[[destination]\n").expect("write");
        assert_eq!(load_from(dir.path()).expect("load"), CopiesState::default());
    }

    #[test]
    fn nothing_is_written_without_a_main_folder() {
        let dir = tempfile::tempdir().expect("tempdir");
        let main = ProfileStore::at(dir.path().join("missing"));
        update(&main, Duration::ZERO, |s| {
            s.record_mut(&dest("USB", "/x"));
        })
        .expect("no-op");
        assert!(!dir.path().join("missing").exists());
    }
}
