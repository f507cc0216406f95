//! The background agent: watches every workbook of every enabled profile and backs it up when
//! its spreadsheet application closes it (or it changes and goes quiet), catches up at start on
//! workbooks that changed while it was not running, and keeps a machine-readable status.
//!
//! It sleeps on a channel until a file-system event, a command or the next deadline of a
//! workbook's tracker arrives; as a safety net for lost events each workbook is also looked at
//! once a minute (`recheck_seconds`: a metadata read and a lock-file look, nothing opened).
//! `sheetsafe agent` runs it headless; the desktop app hosts the same agent on a thread and
//! talks to it through [`AgentHandle`].

mod scheduled;
mod summaries;
mod watchers;

use crate::i18n::Explain as _;
use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use chrono::{DateTime, Local};

use crate::config::{Config, Profile};
use crate::engine::{self, BackupOutcome, BackupRequest};
use crate::problem::Problem;
use crate::progress::Progress;
use crate::status::{AGENT_LOCK_FILE, AgentStatus, AgentWorkbook, AttemptOutcome, LastResult, WorkbookState};
use crate::store::{ProfileStore, Trigger};
use crate::watch::lockfile::{self, LockFile, SystemProcesses};
use crate::watch::{Action, Observation, Timing, Tracker, WatchState};
use watchers::{Method, Watches};

/// What the GUI, the tray or a signal handler can ask of a running agent.
#[derive(Debug, Clone)]
pub enum AgentCommand {
    /// Back up every workbook (of one profile, or all) now, changed or not. When `reply` is
    /// given, what each backup did is sent there once all are done (the app's "Back up now"
    /// shows it on the card; the status changes reach listeners as usual).
    BackUpNow {
        profile: Option<String>,
        reply: Option<Sender<Vec<ManualBackup>>>,
        /// Where to report how far each backup is (the app's card and tray tooltip).
        progress: Option<SharedProgress>,
    },
    /// Make no backups until this long from now.
    Pause(Duration),
    /// End a pause early.
    Resume,
    /// Use this configuration from now on.
    Reload(Config),
    /// Finish the backup in flight, if any, and stop.
    Shutdown,
}

/// A progress sink another thread hands to the agent's thread.
#[derive(Clone)]
pub struct SharedProgress(pub Arc<dyn Progress + Send>);

impl std::fmt::Debug for SharedProgress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SharedProgress")
    }
}

/// What a "Back up now" did for one workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManualBackup {
    pub profile: String,
    pub workbook: PathBuf,
    pub result: LastResult,
}

/// Called with the agent's status each time it changes; returns false to stop listening (its
/// receiver is gone).
pub type StatusListener = Box<dyn Fn(&AgentStatus) -> bool + Send>;

/// Everything that wakes the agent.
pub(crate) enum Message {
    FileSystem(notify::Result<notify::Event>),
    Command(AgentCommand),
    /// Call this with every change of the status from now on (and once now).
    Listen(StatusListener),
    /// The scheduled full check of a profile finished.
    Verified(scheduled::VerifyOutcome),
    /// Second copies of a profile ran: their states (and so the level: a first copy off this
    /// disk turns it green) changed outside what the agent's own status holds.
    CopiesRan,
}

/// A cheap, cloneable way to send commands to a running agent.
#[derive(Clone)]
pub struct AgentHandle {
    tx: Sender<Message>,
    config_reads: Arc<AtomicU64>,
}

impl AgentHandle {
    /// Sends a command; false when the agent has already stopped.
    pub fn send(&self, command: AgentCommand) -> bool {
        self.tx.send(Message::Command(command)).is_ok()
    }

    /// Has `listener` called with the status now and whenever it changes, on the agent's thread
    /// (so it must only hand the status on, never block). This is how the app learns of a
    /// backup within moments, without reading `agent-status.json` on a timer. False when the
    /// agent has already stopped.
    pub fn listen(&self, listener: StatusListener) -> bool {
        self.tx.send(Message::Listen(listener)).is_ok()
    }

    /// How many times the agent has read the configuration file since it started: one read per
    /// change, never a read because of its own read.
    pub fn config_reads(&self) -> u64 {
        self.config_reads.load(Ordering::Relaxed)
    }
}

/// Why the agent could not start.
#[derive(Debug, thiserror::Error)]
pub enum AgentError {
    #[error(
        "Another Sheetsafe agent is already running for `{}`. Stop it first (or use the running one).",
        path.display()
    )]
    AlreadyRunning { path: PathBuf },
    #[error("Could not use the data folder `{}`: {source}. Check that it is writable.", path.display())]
    DataFolder { path: PathBuf, source: std::io::Error },
}

/// Where the agent keeps its status, and which configuration file to follow.
#[derive(Debug, Clone)]
pub struct AgentOptions {
    /// Holds `agent-status.json` and the single-instance lock.
    pub data_dir: PathBuf,
    /// When set, the agent reloads the configuration whenever this file changes.
    pub config_file: Option<PathBuf>,
}

/// One watched workbook.
struct Watched {
    profile: String,
    path: PathBuf,
    name: String,
    tracker: Tracker,
    last_result: Option<LastResult>,
    /// The signature seen at the last look, handed to the tracker as the content a backup covered.
    last_signature: Option<(u64, SystemTime)>,
    stale_lock: Option<LockFile>,
    /// When the agent first saw the workbook open (wall-clock time, for the status).
    open_since: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// When the workbook was last looked at, and how long it may go unlooked at: the safety
    /// net for file-system events that never arrive.
    last_look: Instant,
    recheck: Duration,
}

impl Watched {
    /// When the workbook is looked at again even if no event comes.
    fn recheck_at(&self) -> Instant {
        self.last_look + self.recheck
    }
}

/// The agent itself. Create with [`Agent::new`], then call [`Agent::run`] on its own thread.
pub struct Agent {
    config: Config,
    options: AgentOptions,
    tx: Sender<Message>,
    rx: Receiver<Message>,
    _instance: File,
    workbooks: Vec<Watched>,
    watches: Option<Watches>,
    paused_until: Option<Instant>,
    /// The same moment as wall-clock time, for the status file.
    paused_until_wall: Option<chrono::DateTime<chrono::FixedOffset>>,
    started: DateTime<Local>,
    config_problem: Option<Problem>,
    /// The configuration as the scheduled-work thread sees it.
    shared_config: Arc<Mutex<Config>>,
    /// Problems the last scheduled full check left unrepaired, per profile.
    verify_problems: BTreeMap<String, Vec<Problem>>,
    last_verify: Option<chrono::DateTime<chrono::FixedOffset>>,
    last_written: Option<AgentStatus>,
    /// Told of every change of the status (the app hosting this agent).
    listeners: Vec<StatusListener>,
    config_reads: Arc<AtomicU64>,
    /// Requests to the summary worker (profiles with versions to read).
    summaries: Option<Sender<summaries::Request>>,
    /// The summary worker itself, stopped and waited for before the agent ends.
    summary_worker: Option<summaries::Worker>,
}

impl Agent {
    /// Prepares an agent for `config`. Fails if another agent already runs on `data_dir`.
    pub fn new(config: Config, options: AgentOptions) -> Result<(Agent, AgentHandle), AgentError> {
        let data_err = |source| AgentError::DataFolder {
            path: options.data_dir.clone(),
            source,
        };
        std::fs::create_dir_all(&options.data_dir).map_err(data_err)?;
        let lock_path = options.data_dir.join(AGENT_LOCK_FILE);
        let instance = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| AgentError::DataFolder {
                path: options.data_dir.clone(),
                source: e,
            })?;
        match instance.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(AgentError::AlreadyRunning {
                    path: options.data_dir.clone(),
                });
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(data_err(e)),
        }
        let (tx, rx) = mpsc::channel();
        let agent = Agent {
            shared_config: Arc::new(Mutex::new(config.clone())),
            verify_problems: BTreeMap::new(),
            last_verify: None,
            config,
            options,
            tx: tx.clone(),
            rx,
            _instance: instance,
            workbooks: Vec::new(),
            watches: None,
            paused_until: None,
            paused_until_wall: None,
            started: Local::now(),
            config_problem: None,
            last_written: None,
            listeners: Vec::new(),
            config_reads: Arc::new(AtomicU64::new(0)),
            summaries: None,
            summary_worker: None,
        };
        let handle = AgentHandle {
            tx,
            config_reads: Arc::clone(&agent.config_reads),
        };
        Ok((agent, handle))
    }

    /// Runs until [`AgentCommand::Shutdown`] arrives (or every handle is dropped).
    pub fn run(mut self) {
        tracing::info!("agent started (process {})", std::process::id());
        self.rebuild(Instant::now());
        let (stop_scheduled, stop_rx) = mpsc::channel::<()>();
        let scheduled = {
            let shared = Arc::clone(&self.shared_config);
            let tx = self.tx.clone();
            std::thread::Builder::new()
                .name("sheetsafe-scheduled".into())
                .spawn(move || scheduled::run(&shared, &tx, &stop_rx))
        };
        // What an interrupted restore left next to a workbook is removed at start, as a backup
        // removes what an interrupted backup left in the backup folder.
        for w in &self.workbooks {
            match crate::restore::remove_interrupted_restores(&w.path) {
                Ok(removed) => {
                    for file in removed {
                        tracing::info!(
                            "removed a partial copy left by an interrupted restore: {}",
                            file.display()
                        );
                    }
                }
                Err(e) => tracing::warn!("{e}"),
            }
        }
        // Versions a stopped agent left without a summary get theirs now.
        (self.summaries, self.summary_worker) =
            summaries::start(Duration::from_secs(self.config.settings.lock_wait_seconds)).unzip();
        let enabled: Vec<Profile> = self.config.profiles.iter().filter(|p| p.enabled).cloned().collect();
        for profile in enabled {
            self.request_summaries(profile);
        }
        // Catch-up: every workbook is looked at once at start.
        let mut due: BTreeSet<usize> = (0..self.workbooks.len()).collect();
        loop {
            let now = Instant::now();
            if !self.is_paused(now) {
                self.process(&due, now);
            }
            self.write_status();
            due.clear();

            let timeout = self
                .next_deadline()
                .map(|d| d.saturating_duration_since(Instant::now()));
            let first = match timeout {
                Some(t) => self.rx.recv_timeout(t),
                None => self.rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
            };
            let mut messages = match first {
                Ok(m) => vec![m],
                Err(RecvTimeoutError::Timeout) => Vec::new(),
                Err(RecvTimeoutError::Disconnected) => break,
            };
            // Saves come as bursts of events; take them all before looking at anything.
            messages.extend(self.rx.try_iter());
            let now = Instant::now();
            let mut stop = false;
            for message in messages {
                match message {
                    Message::FileSystem(Ok(event)) if is_change(event.kind) => due.extend(self.affected(&event.paths)),
                    Message::FileSystem(Ok(_)) => {}
                    Message::FileSystem(Err(e)) => tracing::warn!("file watch error: {e}"),
                    Message::Command(command) => stop |= self.command(command, now, &mut due),
                    Message::Listen(listener) => {
                        if listener(&self.status()) {
                            self.listeners.push(listener);
                        }
                    }
                    Message::Verified(outcome) => {
                        self.last_verify = Some(Local::now().fixed_offset());
                        self.verify_problems.insert(outcome.profile, outcome.problems);
                    }
                    Message::CopiesRan => {
                        // Listeners read the copies' states themselves; tell them even though
                        // the agent's own status is unchanged.
                        let status = self.status();
                        self.listeners.retain(|listener| listener(&status));
                    }
                }
            }
            if stop {
                break;
            }
            // Trackers whose deadline has come, and workbooks no event has shown for a while.
            for (i, w) in self.workbooks.iter().enumerate() {
                if w.tracker.next_wakeup().is_some_and(|t| t <= now) || w.recheck_at() <= now {
                    due.insert(i);
                }
            }
            if self.paused_until.is_some_and(|t| t <= now) {
                self.paused_until = None;
                self.paused_until_wall = None;
                due.extend(0..self.workbooks.len());
            }
        }
        // The summary being written finishes (an encrypted catalog and its SHA256SUMS are
        // written as a pair), and so does a second copy in flight (each version is copied and
        // checked whole).
        self.summaries = None;
        if let Some(worker) = self.summary_worker.take() {
            worker.finish();
        }
        drop(stop_scheduled);
        match scheduled {
            Ok(handle) => {
                let _ = handle.join();
            }
            Err(e) => tracing::error!("could not start the scheduled-work thread: {e}"),
        }
        tracing::info!("agent stopped");
    }

    /// Asks the summary worker to read the new versions of `profile`.
    fn request_summaries(&mut self, profile: Profile) {
        let request = summaries::Request {
            profile,
            every_profile: self.config.profiles.clone(),
            mass_loss: self.config.settings.mass_loss,
        };
        if let Some(tx) = &self.summaries
            && tx.send(request).is_err()
        {
            self.summaries = None;
        }
    }

    fn is_paused(&self, now: Instant) -> bool {
        self.paused_until.is_some_and(|t| now < t)
    }

    /// (Re)builds the watched set and the watches from the configuration.
    fn rebuild(&mut self, now: Instant) {
        let previous: BTreeMap<(String, PathBuf), Option<LastResult>> = self
            .workbooks
            .drain(..)
            .map(|w| ((w.profile, w.path), w.last_result))
            .collect();
        self.watches = None;
        if let Ok(mut shared) = self.shared_config.lock() {
            shared.clone_from(&self.config);
        }
        let mut folders: BTreeMap<PathBuf, Method> = BTreeMap::new();
        for profile in self.config.profiles.iter().filter(|p| p.enabled && p.watch.on_close) {
            let timing = timing_of(profile);
            let catalog = ProfileStore::new(&profile.backup_folder, &profile.name)
                .load_catalog()
                .unwrap_or_default();
            for path in &profile.workbooks {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let baseline = catalog
                    .newest_of(&name)
                    .and_then(|v| v.source_modified.map(|t| (v.bytes, SystemTime::from(t))));
                let key = (profile.name.clone(), path.clone());
                self.workbooks.push(Watched {
                    profile: profile.name.clone(),
                    path: path.clone(),
                    name,
                    tracker: Tracker::new(timing, baseline, now),
                    last_result: previous.get(&key).cloned().flatten(),
                    last_signature: None,
                    stale_lock: None,
                    open_since: None,
                    last_look: now,
                    recheck: Duration::from_secs(profile.watch.recheck_seconds),
                });
                if let Some(folder) = path.parent() {
                    let method = if profile.watch.poll {
                        Method::Poll(Duration::from_secs(profile.watch.poll_seconds))
                    } else {
                        Method::Native
                    };
                    // Polling wins if any profile asks for it on a shared folder.
                    let entry = folders.entry(folder.to_path_buf()).or_insert(method);
                    if matches!(method, Method::Poll(_)) {
                        *entry = method;
                    }
                }
            }
        }
        if let Some(folder) = self.options.config_file.as_ref().and_then(|c| c.parent()) {
            folders.entry(folder.to_path_buf()).or_insert(Method::Native);
        }
        self.watches = Some(Watches::start(&folders, &self.tx));
        tracing::info!(
            "watching {} workbook(s) in {} folder(s)",
            self.workbooks.len(),
            folders.len()
        );
    }

    /// Indices of the workbooks an event's paths concern (the workbook or one of its lock files);
    /// a change to the configuration file reloads it.
    fn affected(&mut self, paths: &[PathBuf]) -> BTreeSet<usize> {
        let mut hit = BTreeSet::new();
        for path in paths {
            let (Some(folder), Some(name)) = (path.parent(), path.file_name()) else {
                continue;
            };
            let name = name.to_string_lossy();
            for (i, w) in self.workbooks.iter().enumerate() {
                if w.path.parent() == Some(folder) && (w.name == name || lockfile::is_lock_name_for(&name, &w.name)) {
                    hit.insert(i);
                }
            }
            if self.options.config_file.as_deref() == Some(path.as_path()) {
                self.reload_from_file();
                hit.extend(0..self.workbooks.len());
            }
        }
        hit
    }

    fn reload_from_file(&mut self) {
        let Some(file) = self.options.config_file.clone() else {
            return;
        };
        self.config_reads.fetch_add(1, Ordering::Relaxed);
        match Config::load(&file) {
            Ok(loaded) if loaded.config != self.config => {
                tracing::info!("configuration changed; reloading {}", file.display());
                self.config = loaded.config;
                self.config_problem = None;
                self.rebuild(Instant::now());
            }
            Ok(_) => {}
            Err(e) => {
                tracing::error!("{e}");
                self.config_problem = Some(Problem::ConfigInvalid {
                    reason: e.to_string(),
                    said: Some(e.said()),
                });
            }
        }
    }

    /// Handles a command; returns true to stop.
    fn command(&mut self, command: AgentCommand, now: Instant, due: &mut BTreeSet<usize>) -> bool {
        match command {
            AgentCommand::Shutdown => return true,
            AgentCommand::Pause(d) => {
                self.paused_until = Some(now + d);
                self.paused_until_wall = chrono::Duration::from_std(d)
                    .ok()
                    .map(|d| (Local::now() + d).fixed_offset());
            }
            AgentCommand::Resume => {
                self.paused_until = None;
                self.paused_until_wall = None;
                due.extend(0..self.workbooks.len());
            }
            AgentCommand::Reload(config) => {
                self.config = config;
                self.rebuild(now);
                due.extend(0..self.workbooks.len());
            }
            AgentCommand::BackUpNow {
                profile,
                reply,
                progress,
            } => {
                let progress: &dyn Progress = match &progress {
                    Some(shared) => &*shared.0,
                    None => &(),
                };
                let mut done = Vec::new();
                for i in 0..self.workbooks.len() {
                    if profile
                        .as_ref()
                        .is_none_or(|p| p.eq_ignore_ascii_case(&self.workbooks[i].profile))
                    {
                        self.workbooks[i].tracker.retry_now();
                        self.back_up(i, Trigger::Manual, progress);
                        // Each backup changes the status: listeners see it as it happens.
                        self.write_status();
                        let w = &self.workbooks[i];
                        if let Some(result) = &w.last_result {
                            done.push(ManualBackup {
                                profile: w.profile.clone(),
                                workbook: w.path.clone(),
                                result: result.clone(),
                            });
                        }
                    }
                }
                done.extend(self.back_up_unwatched(profile.as_deref(), progress));
                if let Some(reply) = reply {
                    // The asker may have gone (the window closed); the backups stand anyway.
                    let _ = reply.send(done);
                }
            }
        }
        false
    }

    /// "Back up now" for the profiles this agent does not watch (not backed up on close, or
    /// turned off): the button means every workbook, and the agent is the one worker.
    fn back_up_unwatched(&self, only: Option<&str>, progress: &dyn Progress) -> Vec<ManualBackup> {
        let lock_wait = Duration::from_secs(self.config.settings.lock_wait_seconds);
        let mut done = Vec::new();
        let unwatched = self
            .config
            .profiles
            .iter()
            .filter(|p| !(p.enabled && p.watch.on_close))
            .filter(|p| only.is_none_or(|n| n.eq_ignore_ascii_case(&p.name)));
        for profile in unwatched {
            for (workbook, result) in engine::back_up_profile(profile, Trigger::Manual, lock_wait, progress) {
                let at = Local::now().fixed_offset();
                let (outcome, file, said) = match result {
                    Ok(BackupOutcome::Created { version, .. }) => {
                        (AttemptOutcome::Created, Some(version.file.to_string()), None)
                    }
                    Ok(BackupOutcome::Unchanged { newest }) => {
                        (AttemptOutcome::Unchanged, Some(newest.file.to_string()), None)
                    }
                    Err(e) => {
                        tracing::error!("{e}");
                        (AttemptOutcome::Failed, None, Some(e.said()))
                    }
                };
                done.push(ManualBackup {
                    profile: profile.name.clone(),
                    workbook,
                    result: LastResult {
                        at,
                        outcome,
                        file,
                        trigger: Some(Trigger::Manual),
                        message: said.as_ref().map(ToString::to_string),
                        said,
                    },
                });
            }
        }
        done
    }

    /// Looks at each due workbook and backs up those whose tracker says so.
    fn process(&mut self, due: &BTreeSet<usize>, now: Instant) {
        for &i in due {
            let Some(w) = self.workbooks.get_mut(i) else { continue };
            let seen = observe(w, now);
            w.last_look = now;
            w.last_signature = seen.file;
            if seen.lock.is_none() {
                w.open_since = None;
            } else if w.open_since.is_none() {
                w.open_since = Some(Local::now().fixed_offset());
            }
            if let Action::BackUp(trigger) = w.tracker.evaluate(&seen, now) {
                self.write_status();
                self.back_up(i, trigger, &());
            }
        }
    }

    fn back_up(&mut self, i: usize, trigger: Trigger, progress: &dyn Progress) {
        let lock_wait = Duration::from_secs(self.config.settings.lock_wait_seconds);
        let Some(profile) = self
            .config
            .profiles
            .iter()
            .find(|p| p.name == self.workbooks[i].profile)
        else {
            return;
        };
        let w = &mut self.workbooks[i];
        let request = BackupRequest {
            profile,
            workbook: &w.path,
            trigger,
            lock_wait,
        };
        let at = Local::now().fixed_offset();
        let result = engine::back_up(&request, progress);
        if matches!(result, Ok(BackupOutcome::Created { .. })) {
            let profile = profile.clone();
            self.request_summaries(profile);
        }
        let w = &mut self.workbooks[i];
        match result {
            Ok(outcome) => {
                let (kind, version) = match &outcome {
                    BackupOutcome::Created { version, .. } => (AttemptOutcome::Created, version),
                    BackupOutcome::Unchanged { newest } => (AttemptOutcome::Unchanged, newest),
                };
                let covered = match &outcome {
                    BackupOutcome::Created { version, .. } => {
                        version.source_modified.map(|t| (version.bytes, SystemTime::from(t)))
                    }
                    BackupOutcome::Unchanged { .. } => None,
                }
                .or(w.last_signature);
                if let Some(content) = covered {
                    w.tracker.backup_succeeded(content);
                }
                tracing::info!(
                    "{}: {kind:?} ({}, {})",
                    w.path.display(),
                    version.file,
                    trigger.as_str()
                );
                w.last_result = Some(LastResult {
                    at,
                    outcome: kind,
                    file: Some(version.file.to_string()),
                    trigger: Some(trigger),
                    message: None,
                    said: None,
                });
            }
            Err(e) => {
                tracing::error!("{e}");
                w.tracker.backup_failed(Instant::now());
                w.last_result = Some(LastResult {
                    at,
                    outcome: AttemptOutcome::Failed,
                    file: None,
                    trigger: Some(trigger),
                    message: Some(e.to_string()),
                    said: Some(e.said()),
                });
            }
        }
    }

    fn next_deadline(&self) -> Option<Instant> {
        let trackers = self.workbooks.iter().filter_map(|w| w.tracker.next_wakeup());
        // While paused nothing is looked at (the end of the pause looks at everything), so a
        // recheck then would only wake the loop again and again.
        let rechecks = self
            .workbooks
            .iter()
            .filter(|_| self.paused_until.is_none())
            .map(Watched::recheck_at);
        let pause = self.paused_until;
        // A folder that could not be watched (unplugged drive) is tried again now and then.
        let retry_watches = self
            .watches
            .as_ref()
            .filter(|w| !w.failed.is_empty())
            .map(|_| Instant::now() + Duration::from_secs(60));
        trackers.chain(rechecks).chain(pause).chain(retry_watches).min()
    }

    fn status(&self) -> AgentStatus {
        let now = Local::now().fixed_offset();
        let mut problems: Vec<Problem> = self.config_problem.iter().cloned().collect();
        if let Some(w) = &self.watches {
            for (folder, why) in &w.failed {
                problems.push(Problem::FolderNotWatched {
                    folder: folder.clone(),
                    reason: why.english.clone(),
                    said: Some(why.clone()),
                });
            }
        }
        AgentStatus {
            pid: std::process::id(),
            host: crate::host::host_name(),
            started: self.started.fixed_offset(),
            updated: now,
            paused_until: self.paused_until_wall,
            problems,
            verify_problems: self.verify_problems.values().flatten().cloned().collect(),
            last_verify: self.last_verify,
            workbooks: self.workbooks.iter().map(workbook_status).collect(),
        }
    }

    /// Writes the status file and tells the listeners, when something in it changed.
    fn write_status(&mut self) {
        let status = self.status();
        if let Some(last) = &self.last_written
            && (AgentStatus {
                updated: last.updated,
                ..status.clone()
            }) == *last
        {
            return;
        }
        self.listeners.retain(|listener| listener(&status));
        if let Err(e) = status.write(&self.options.data_dir) {
            tracing::warn!(
                "could not write the agent status in {}: {e}",
                self.options.data_dir.display()
            );
        }
        self.last_written = Some(status);
    }
}

fn timing_of(profile: &Profile) -> Timing {
    Timing {
        settle: Duration::from_secs(profile.watch.settle_seconds),
        idle: Duration::from_secs(profile.watch.idle_seconds),
        open_warning: Duration::from_secs(profile.watch.open_warning_hours * 3600),
        stale_check: Duration::from_secs(profile.watch.stale_check_seconds),
        saved_while_open: match profile.watch.saved_while_open_seconds {
            0 => None,
            seconds => Some(Duration::from_secs(seconds)),
        },
        ..Timing::default()
    }
}

/// Looks at the workbook and its lock files. Staleness is checked only now and then: it needs
/// the process list.
fn observe(w: &mut Watched, now: Instant) -> Observation {
    let file = std::fs::metadata(&w.path)
        .ok()
        .filter(std::fs::Metadata::is_file)
        .map(|m| (m.len(), m.modified().unwrap_or(SystemTime::UNIX_EPOCH)));
    let lock = lockfile::present(&w.path).into_iter().next();
    match lock {
        None => {
            w.stale_lock = None;
            Observation {
                file,
                lock: None,
                stale_lock: None,
            }
        }
        Some(lock) => {
            if w.tracker.stale_check_due(now) {
                w.tracker.stale_checked(now);
                let stale = lockfile::is_stale(&lock, &w.path, &SystemProcesses);
                if stale {
                    tracing::warn!("stale lock file {}", lock.path.display());
                }
                w.stale_lock = stale.then(|| lock.clone());
            }
            if w.stale_lock.as_ref().is_some_and(|s| s.path == lock.path) {
                Observation {
                    file,
                    lock: None,
                    stale_lock: Some(lock),
                }
            } else {
                Observation {
                    file,
                    lock: Some(lock),
                    stale_lock: None,
                }
            }
        }
    }
}

fn workbook_status(w: &Watched) -> AgentWorkbook {
    let state = w.tracker.state();
    let mut problems = Vec::new();
    match state {
        WatchState::Missing => problems.push(Problem::WorkbookMissing {
            workbook: w.path.clone(),
        }),
        WatchState::Open {
            long_with_changes: true,
        } => {
            problems.push(Problem::OpenTooLong {
                workbook: w.path.clone(),
            });
        }
        WatchState::Failed => problems.push(Problem::BackupFailed {
            workbook: w.path.clone(),
            reason: w
                .last_result
                .as_ref()
                .and_then(|r| r.message.clone())
                .unwrap_or_else(|| format!("Backing up `{}` failed; see the log.", w.path.display())),
            said: w.last_result.as_ref().and_then(|r| r.said.clone()),
        }),
        _ => {}
    }
    if let Some(lock) = &w.stale_lock {
        problems.push(Problem::StaleLock {
            lock: lock.path.clone(),
            application: lock.kind,
        });
    }
    AgentWorkbook {
        profile: w.profile.clone(),
        workbook: w.path.clone(),
        state: WorkbookState::from(state),
        last_result: w.last_result.clone(),
        unprotected_since: w
            .tracker
            .unprotected_since()
            .map(|t| DateTime::<Local>::from(t).fixed_offset()),
        open_since: w.open_since,
        problems,
    }
}

/// Paths of every workbook the agent would watch for `config` (for tests and the GUI).
pub fn watched_workbooks(config: &Config) -> Vec<&Path> {
    config
        .profiles
        .iter()
        .filter(|p| p.enabled && p.watch.on_close)
        .flat_map(|p| p.workbooks.iter().map(PathBuf::as_path))
        .collect()
}

/// Whether a file-system event can mean new content. Opening or reading a file is not a change:
/// inotify reports every open, and reacting to the opens of the agent's own reads (of the
/// configuration, of a workbook) made it read again, hundreds of times a second.
fn is_change(kind: notify::EventKind) -> bool {
    use notify::EventKind;
    use notify::event::{AccessKind, AccessMode};
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write))
        | EventKind::Create(_)
        | EventKind::Modify(_)
        | EventKind::Remove(_)
        | EventKind::Any
        | EventKind::Other => true,
        EventKind::Access(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::EventKind;
    use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind};

    /// Starts an agent for `config` with its data folder in `dir`, on a thread of its own.
    fn run_agent(
        config: Config,
        dir: &Path,
        config_file: Option<PathBuf>,
    ) -> (std::thread::JoinHandle<()>, AgentHandle) {
        let options = AgentOptions {
            data_dir: dir.join("data"),
            config_file,
        };
        let (agent, handle) = Agent::new(config, options).expect("agent");
        (std::thread::spawn(move || agent.run()), handle)
    }

    #[test]
    fn opening_or_reading_a_file_is_not_a_change() {
        assert!(!is_change(EventKind::Access(AccessKind::Open(AccessMode::Any))));
        assert!(!is_change(EventKind::Access(AccessKind::Close(AccessMode::Read))));
        assert!(is_change(EventKind::Access(AccessKind::Close(AccessMode::Write))));
        assert!(is_change(EventKind::Create(CreateKind::File)));
        assert!(is_change(EventKind::Modify(ModifyKind::Any)));
    }

    /// "Back up now" from the app: the agent does the backup on its thread and the progress
    /// comes back to the asker, from the first byte to the end, for a watched and an unwatched
    /// profile alike.
    #[test]
    fn back_up_now_reports_its_progress_to_the_asker() {
        let dir = tempfile::tempdir().expect("tempdir");
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/poi__SampleSS.xlsx");
        let mut config = Config::default();
        config.settings.verify_every_hours = 0;
        for (name, on_close) in [("Sales", true), ("Stock", false)] {
            let workbook = dir.path().join(format!("{name}.xlsx"));
            std::fs::copy(&corpus, &workbook).expect("workbook");
            let mut profile = Profile {
                name: name.into(),
                workbooks: vec![workbook],
                backup_folder: dir.path().join("backups"),
                ..Profile::default()
            };
            profile.watch.on_close = on_close;
            config.profiles.push(profile);
        }
        let (thread, handle) = run_agent(config, dir.path(), None);
        let (reply, done) = mpsc::channel();
        let (events, news) = mpsc::channel::<crate::progress::ProgressEvent>();
        assert!(handle.send(AgentCommand::BackUpNow {
            profile: None,
            reply: Some(reply),
            progress: Some(SharedProgress(Arc::new(events))),
        }));
        let lines = done.recv_timeout(Duration::from_secs(60)).expect("the agent's reply");
        handle.send(AgentCommand::Shutdown);
        thread.join().expect("agent thread");
        assert_eq!(lines.len(), 2, "{lines:?}");
        let told: Vec<_> = news.try_iter().collect();
        for name in ["Sales.xlsx", "Stock.xlsx"] {
            let of = |e: &&crate::progress::ProgressEvent| match e {
                crate::progress::ProgressEvent::Started { file, .. }
                | crate::progress::ProgressEvent::Bytes { file, .. }
                | crate::progress::ProgressEvent::Finished { file } => file.ends_with(name),
            };
            let mine: Vec<_> = told.iter().filter(of).collect();
            assert!(
                matches!(mine.first(), Some(crate::progress::ProgressEvent::Started { .. })),
                "no start for {name}: {told:?}"
            );
            assert!(
                mine.iter()
                    .any(|e| matches!(e, crate::progress::ProgressEvent::Finished { .. })),
                "no end for {name}: {told:?}"
            );
        }
    }

    /// A change no file-system event reports (a lost event: Wine, a full Windows buffer, some
    /// network drives) is still backed up: each workbook is looked at again after
    /// `recheck_seconds`. Here the workbook is a link to a file in a folder nobody watches, so
    /// writing the file makes no event in the watched folder at all.
    #[cfg(unix)]
    #[test]
    fn a_change_no_event_reports_is_backed_up_by_the_recheck() {
        let dir = tempfile::tempdir().expect("tempdir");
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
        let unwatched = dir.path().join("elsewhere");
        std::fs::create_dir(&unwatched).expect("folder");
        let target = unwatched.join("real.xlsx");
        std::fs::copy(corpus.join("poi__SampleSS.xlsx"), &target).expect("workbook");
        let work = dir.path().join("work");
        std::fs::create_dir(&work).expect("folder");
        let workbook = work.join("Book.xlsx");
        std::os::unix::fs::symlink(&target, &workbook).expect("link");
        let backups = dir.path().join("backups");
        let mut profile = Profile {
            name: "P".into(),
            workbooks: vec![workbook],
            backup_folder: backups.clone(),
            ..Profile::default()
        };
        profile.watch.idle_seconds = 5;
        profile.watch.recheck_seconds = 10;
        let mut config = Config::default();
        config.settings.verify_every_hours = 0;
        config.profiles.push(profile);
        let (thread, handle) = run_agent(config, dir.path(), None);
        let store = ProfileStore::new(&backups, "P");
        let versions = || store.load_catalog().map(|c| c.versions).unwrap_or_default();
        let started = Instant::now();
        while versions().is_empty() && started.elapsed() < Duration::from_secs(30) {
            std::thread::sleep(Duration::from_millis(200));
        }
        assert_eq!(versions().len(), 1, "the start-up backup");

        // A save the watch of `work` cannot see.
        std::fs::copy(corpus.join("poi__WithDrawing.xlsx"), &target).expect("save");
        let saved = Instant::now();
        while versions().len() < 2 && saved.elapsed() < Duration::from_secs(60) {
            std::thread::sleep(Duration::from_millis(200));
        }
        handle.send(AgentCommand::Shutdown);
        thread.join().expect("agent thread");
        let versions = versions();
        assert_eq!(versions.len(), 2, "no version within 60 s of a save no event reported");
        assert_eq!(versions[1].trigger, Trigger::Idle);
        eprintln!("the unreported save was backed up after {:?}", saved.elapsed());
    }

    /// Regression: after a save or `sheetsafe status` (which only reads the file), the agent
    /// hosted by the app re-read the configuration hundreds of times a second, each read's
    /// open event triggering the next.
    #[test]
    fn a_save_or_a_read_of_the_configuration_does_not_start_a_reload_loop() {
        let dir = tempfile::tempdir().expect("tempdir");
        let config_file = dir.path().join("config").join("config.toml");
        crate::config::update(&config_file, |c| {
            c.settings.verify_every_hours = 0;
            Ok::<_, crate::config::ConfigError>(())
        })
        .expect("first write");
        let config = Config::load(&config_file).expect("load").config;
        let (thread, handle) = run_agent(config, dir.path(), Some(config_file.clone()));
        std::thread::sleep(Duration::from_millis(500));

        crate::config::update(&config_file, |c| {
            c.settings.lock_wait_seconds = 60;
            Ok::<_, crate::config::ConfigError>(())
        })
        .expect("save");
        // What `sheetsafe status` does to the file: read it.
        Config::load(&config_file).expect("status reads");
        std::thread::sleep(Duration::from_millis(300));
        let settled = handle.config_reads();
        std::thread::sleep(Duration::from_millis(1500));
        let later = handle.config_reads();
        handle.send(AgentCommand::Shutdown);
        thread.join().expect("agent thread");

        assert!(settled >= 1, "the save was not noticed");
        assert!(settled <= 6, "{settled} reads for one save");
        assert_eq!(
            later, settled,
            "the agent kept re-reading the configuration with nothing changed"
        );
    }
}
