//! File-system watches for the agent: one non-recursive watch per folder that holds watched
//! workbooks, however many workbooks it holds.
//!
//! The folder is watched, not the file: spreadsheet applications save by writing a temporary
//! file and renaming it over the workbook, which replaces the file a watch on it would follow,
//! and their lock files appear beside it. Events are matched by file name.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::{PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};

use super::Message;
use crate::i18n::Said;

/// The live watches; dropping it stops them.
pub struct Watches {
    native: Option<RecommendedWatcher>,
    poll: Option<PollWatcher>,
    /// Folders that could not be watched, with the reason as data, for the status display.
    pub failed: BTreeMap<PathBuf, Said>,
}

/// How a folder is to be watched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Operating-system events (inotify, ReadDirectoryChangesW, FSEvents).
    Native,
    /// Periodic listing, for network drives where events do not arrive.
    Poll(Duration),
}

impl Watches {
    /// Starts watching `folders`. A folder that cannot be watched natively is polled instead;
    /// one that cannot be watched at all (missing drive) is listed in `failed`.
    pub fn start(folders: &BTreeMap<PathBuf, Method>, tx: &Sender<Message>) -> Watches {
        let mut watches = Watches {
            native: None,
            poll: None,
            failed: BTreeMap::new(),
        };
        let poll_interval = folders
            .values()
            .filter_map(|m| match m {
                Method::Poll(d) => Some(*d),
                Method::Native => None,
            })
            .min()
            .unwrap_or(Duration::from_secs(10));
        for (folder, method) in folders {
            let result = match method {
                Method::Native => watches.watch_native(folder, tx).or_else(|e| {
                    tracing::warn!(
                        "cannot watch {} with events ({e}); polling it instead",
                        folder.display()
                    );
                    watches.watch_polling(folder, tx, poll_interval)
                }),
                Method::Poll(_) => watches.watch_polling(folder, tx, poll_interval),
            };
            if let Err(e) = result {
                watches.failed.insert(folder.clone(), why_not_watched(&e));
            }
        }
        watches
    }

    fn watch_native(&mut self, folder: &Path, tx: &Sender<Message>) -> notify::Result<()> {
        if self.native.is_none() {
            let tx = tx.clone();
            self.native = Some(notify::recommended_watcher(move |event| {
                // A closed channel means the agent is shutting down; nothing to do then.
                let _ = tx.send(Message::FileSystem(event));
            })?);
        }
        match self.native.as_mut() {
            Some(w) => w.watch(folder, RecursiveMode::NonRecursive),
            None => Ok(()),
        }
    }

    fn watch_polling(&mut self, folder: &Path, tx: &Sender<Message>, interval: Duration) -> notify::Result<()> {
        if self.poll.is_none() {
            let tx = tx.clone();
            let config = notify::Config::default().with_poll_interval(interval);
            self.poll = Some(PollWatcher::new(
                move |event| {
                    let _ = tx.send(Message::FileSystem(event));
                },
                config,
            )?);
        }
        match self.poll.as_mut() {
            Some(w) => w.watch(folder, RecursiveMode::NonRecursive),
            None => Ok(()),
        }
    }
}

/// Why a folder could not be watched, as a reason the status says in the user's language
/// (`io-*`, `watch-too-many`); the watcher's own words are kept in English for the log.
fn why_not_watched(e: &notify::Error) -> Said {
    let id = match &e.kind {
        notify::ErrorKind::PathNotFound | notify::ErrorKind::WatchNotFound => "io-not-found",
        notify::ErrorKind::Io(io) => crate::fsutil::io_reason_id(io),
        notify::ErrorKind::MaxFilesWatch => "watch-too-many",
        _ => "io-other",
    };
    Said::new(id, Vec::new(), e.to_string())
}
