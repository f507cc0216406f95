//! One app per user: the first start holds an exclusive lock on `app.lock` in the data folder
//! for as long as it runs; a second start sees the lock taken, asks the first to bring its
//! window forward by writing `show-window` there (with the screen its `--show` named), and
//! exits.
//!
//! A lock rather than a PID file because the system releases it when the process ends, however
//! it ends, so a crash never leaves a stale "already running". The request is a file because
//! the data folder is the one place both processes know; the running app watches the folder for
//! it (native change events, no polling).

use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};

use iced::Subscription;
use iced::futures::channel::mpsc;
use iced::futures::{SinkExt, Stream, StreamExt};
use notify::{EventKind, RecursiveMode, Watcher};

use super::Show;

/// Held by the running app; its lock is released when dropped.
const LOCK_FILE: &str = "app.lock";
/// Written by a second start to ask the running app to show its window.
const SHOW_FILE: &str = "show-window";

/// Whether this process is the app that runs.
#[derive(Debug)]
pub enum Instance {
    /// No other app runs for this data folder: go on, and keep the guard until quitting.
    First(InstanceGuard),
    /// Another app runs already.
    Running,
}

/// Keeps the lock on `app.lock` while alive.
#[derive(Debug)]
pub struct InstanceGuard {
    /// `None` when the lock could not be taken for another reason than a running app (see
    /// [`acquire`]).
    _file: Option<File>,
}

/// Takes the lock on `data_dir/app.lock`, or finds that another app holds it.
///
/// When the lock file cannot be made at all (a data folder that cannot be written), this
/// returns `First` without a lock and logs why: starting a second copy is a smaller harm than
/// not starting at all, since the agent inside already refuses a second watcher.
pub fn acquire(data_dir: &Path) -> Instance {
    let path = data_dir.join(LOCK_FILE);
    let opened = std::fs::create_dir_all(data_dir).and_then(|()| {
        OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
    });
    let mut file = match opened {
        Ok(file) => file,
        Err(e) => {
            tracing::warn!(
                "Could not open `{}` ({e}); starting without the check for a running Sheetsafe.",
                path.display()
            );
            return Instance::First(InstanceGuard { _file: None });
        }
    };
    match file.try_lock() {
        Ok(()) => {
            // The process id helps whoever finds the file; the lock is what counts.
            let noted = file.set_len(0).and_then(|()| writeln!(file, "{}", std::process::id()));
            if let Err(e) = noted {
                tracing::debug!("could not write the process id into `{}`: {e}", path.display());
            }
            // A request left from before this start would only bring the window up twice.
            match std::fs::remove_file(data_dir.join(SHOW_FILE)) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => tracing::debug!("could not remove an old `{SHOW_FILE}`: {e}"),
            }
            Instance::First(InstanceGuard { _file: Some(file) })
        }
        Err(TryLockError::WouldBlock) => Instance::Running,
        Err(TryLockError::Error(e)) => {
            tracing::warn!(
                "Could not lock `{}` ({e}); starting without the check for a running Sheetsafe.",
                path.display()
            );
            Instance::First(InstanceGuard { _file: None })
        }
    }
}

/// Asks the running app to bring its window forward, at `screen` (a `--show` value) if given.
pub fn ask_running_instance_to_show(data_dir: &Path, screen: Option<&str>) -> std::io::Result<()> {
    let path = data_dir.join(SHOW_FILE);
    let request = format!("{}\n{}\n", std::process::id(), screen.unwrap_or_default());
    // By rename: written in place, the running app could read it between the create and the
    // write (it reacts to the create) and miss the screen.
    sheetsafe::fsutil::write_atomic(&path, request.as_bytes()).map_err(|e| {
        std::io::Error::new(
            e.kind(),
            format!(
                "Could not ask the running Sheetsafe to show its window: `{}` could not be written ({e}).",
                path.display()
            ),
        )
    })
}

/// Fires each time another start asks this app to show its window, with the screen it asked
/// for (`None`: wherever the window was).
pub fn show_requests(data_dir: PathBuf) -> Subscription<Option<Show>> {
    Subscription::run_with(data_dir, |dir| show_stream(dir.clone()))
}

/// The screen a request names: its second line, a `--show` value. A request that cannot be
/// read or names no screen (an older Sheetsafe wrote it) just shows the window.
fn requested_screen(data_dir: &Path) -> Option<Show> {
    let text = std::fs::read_to_string(data_dir.join(SHOW_FILE)).ok()?;
    let screen = text.lines().nth(1)?.trim();
    if screen.is_empty() {
        return None;
    }
    screen
        .parse()
        .inspect_err(|e| tracing::warn!("a second start asked for {e}"))
        .ok()
}

fn show_stream(data_dir: PathBuf) -> impl Stream<Item = Option<Show>> {
    iced::stream::channel(1, async move |mut output: mpsc::Sender<Option<Show>>| {
        let (sender, mut requests) = mpsc::unbounded::<()>();
        let _watcher = match watch(&data_dir, sender) {
            Ok(watcher) => watcher,
            Err(e) => {
                tracing::warn!(
                    "Cannot watch `{}` for requests to show the window ({e}); starting Sheetsafe again will not bring this window forward.",
                    data_dir.display()
                );
                // Ending the stream would only have it started again; stay quiet instead.
                std::future::pending::<()>().await;
                return;
            }
        };
        while requests.next().await.is_some() {
            // One write arrives as several events (create, modify, close): one request.
            while requests.try_recv().is_ok() {}
            if output.send(requested_screen(&data_dir)).await.is_err() {
                break;
            }
        }
    })
}

/// Watches `data_dir` (the folder, not the file, which may not exist yet) and sends on
/// `requests` whenever `show-window` is created or written.
fn watch(data_dir: &Path, requests: mpsc::UnboundedSender<()>) -> notify::Result<notify::RecommendedWatcher> {
    std::fs::create_dir_all(data_dir).map_err(notify::Error::io)?;
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| match event {
        Ok(event)
            if matches!(event.kind, EventKind::Create(_) | EventKind::Modify(_))
                && event
                    .paths
                    .iter()
                    .any(|p| p.file_name().is_some_and(|n| n == SHOW_FILE)) =>
        {
            // Fails only once the subscription has ended, and then nobody is waiting.
            let _ = requests.unbounded_send(());
        }
        Ok(_) => {}
        Err(e) => tracing::debug!("watching for requests to show the window: {e}"),
    })?;
    watcher.watch(data_dir, RecursiveMode::NonRecursive)?;
    Ok(watcher)
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc as std_mpsc;
    use std::time::Duration;

    use super::*;

    #[test]
    fn a_second_start_finds_the_first_running_and_a_later_one_runs_after_it_quit() {
        let dir = tempfile::tempdir().expect("temp dir");
        let first = acquire(dir.path());
        assert!(matches!(first, Instance::First(InstanceGuard { _file: Some(_) })));
        assert!(matches!(acquire(dir.path()), Instance::Running));
        drop(first);
        assert!(matches!(acquire(dir.path()), Instance::First(_)));
    }

    #[test]
    fn a_data_folder_that_does_not_exist_yet_is_made() {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = dir.path().join("new").join("data");
        assert!(matches!(acquire(&data), Instance::First(_)));
        assert!(data.join(LOCK_FILE).is_file());
    }

    #[test]
    fn asking_to_show_reaches_the_running_app() {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = dir.path().to_path_buf();
        let (done, finished) = std_mpsc::channel();
        let listener = {
            let data = data.clone();
            std::thread::spawn(move || {
                let mut stream = Box::pin(show_stream(data));
                let got = iced::futures::executor::block_on(stream.next());
                let _ = done.send(got);
            })
        };
        // The watch starts when the stream is first polled, so ask until it is heard; a
        // request made before that is lost, as it would be for an app still starting.
        let mut heard = None;
        for _ in 0..50 {
            ask_running_instance_to_show(&data, Some("history:Cửa hàng")).expect("write the request");
            if let Ok(got) = finished.recv_timeout(Duration::from_millis(100)) {
                heard = Some(got);
                break;
            }
        }
        assert_eq!(
            heard,
            Some(Some(Some(Show::History(Some("Cửa hàng".into()))))),
            "the request to show the window at the history of Cửa hàng was not heard"
        );
        listener.join().expect("listener thread");
    }
}
