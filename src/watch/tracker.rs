//! The close-detection state machine for one workbook. It is pure: the agent hands it what it
//! observed (size, modification time, lock file) and the current instant, and it answers whether
//! to back up now and when to look again. No clock or file system inside, so tests drive it
//! through hours of activity without sleeping.

use std::time::{Duration, Instant, SystemTime};

use serde::Serialize;

use super::lockfile::LockFile;
use crate::store::Trigger;

/// How long to wait for what. Defaults suit a desktop workbook; all are configurable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    /// Quiet time required after the lock file is gone before the copy starts.
    pub settle: Duration,
    /// Quiet time required after a change when no lock file was seen (Excel with `.xls`,
    /// applications that keep none): longer, because nothing says the user is done.
    pub idle: Duration,
    /// A workbook open this long with changes not backed up is reported as a warning.
    pub open_warning: Duration,
    /// How often a present lock file is re-checked for staleness while the workbook has saved
    /// changes that are not backed up (a crashed application leaves its lock file behind, and
    /// nothing else then happens in the folder to wake the agent). No timer runs otherwise.
    pub stale_check: Duration,
    /// A workbook that stays open, was saved, and then had no further save for this long gets a
    /// `saved-while-open` version, so a day's work is safe before the evening close. One whose
    /// saves never pause that long gets one after twice this long. `None` turns it off.
    pub saved_while_open: Option<Duration>,
    /// First wait before retrying a failed backup; doubles up to `max_retry`.
    pub retry: Duration,
    pub max_retry: Duration,
}

impl Default for Timing {
    fn default() -> Self {
        Timing {
            settle: Duration::from_secs(3),
            idle: Duration::from_secs(30),
            open_warning: Duration::from_secs(4 * 3600),
            stale_check: Duration::from_secs(20),
            saved_while_open: Some(Duration::from_secs(30 * 60)),
            retry: Duration::from_secs(60),
            max_retry: Duration::from_secs(1800),
        }
    }
}

/// What the agent saw when it looked at the workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observation {
    /// `None` when the workbook does not exist (Excel deletes it briefly while saving).
    pub file: Option<(u64, SystemTime)>,
    /// A live lock file, if any.
    pub lock: Option<LockFile>,
    /// A lock file whose owner is gone (it does not stop backups, but the user is told).
    pub stale_lock: Option<LockFile>,
}

/// Where a workbook stands, for the status display.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "state")]
pub enum WatchState {
    /// Nothing to do: the newest version holds the workbook's current content.
    UpToDate,
    /// Open in a spreadsheet application.
    Open {
        /// Open long, with changes that are not backed up yet.
        long_with_changes: bool,
    },
    /// Changed and closed; waiting for it to be quiet before copying.
    Settling,
    /// Being copied.
    BackingUp,
    /// The workbook is not there.
    Missing,
    /// The last backup failed; it will be retried.
    Failed,
}

/// What the agent should do now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Wait,
    BackUp(Trigger),
}

/// Close detection for one workbook.
#[derive(Debug, Clone)]
pub struct Tracker {
    timing: Timing,
    /// Size and modification time of the content last backed up (or confirmed unchanged).
    baseline: Option<(u64, SystemTime)>,
    /// The signature last observed and since when it has not changed.
    last_seen: Option<(u64, SystemTime)>,
    stable_since: Instant,
    /// A lock file was seen since the last backup: the next backup is a `close`.
    saw_lock: bool,
    /// That lock file was left by an application that is no longer running: the next backup
    /// is an `after-crash`.
    crashed: bool,
    /// First evaluation after start: a change found now is a `startup` catch-up.
    starting: bool,
    open_since: Option<Instant>,
    /// Since when the workbook's saved content has differed from the newest version: the
    /// modification time of the first such save seen (for the status's "since when"), and the
    /// instant it was seen.
    unprotected_since: Option<(SystemTime, Instant)>,
    last_stale_check: Option<Instant>,
    retry_at: Option<Instant>,
    retry_delay: Duration,
    /// The trigger of the backup in flight, kept across a failure so the retry records it.
    pending_trigger: Option<Trigger>,
    state: WatchState,
}

impl Tracker {
    /// A tracker whose workbook was last backed up with this size and modification time.
    pub fn new(timing: Timing, baseline: Option<(u64, SystemTime)>, now: Instant) -> Self {
        Tracker {
            timing,
            baseline,
            last_seen: None,
            stable_since: now,
            saw_lock: false,
            crashed: false,
            starting: true,
            open_since: None,
            unprotected_since: None,
            last_stale_check: None,
            retry_at: None,
            retry_delay: timing.retry,
            pending_trigger: None,
            state: WatchState::UpToDate,
        }
    }

    /// The current state for display.
    pub fn state(&self) -> &WatchState {
        &self.state
    }

    /// When the saved content first differed from the newest version, if it still does (the
    /// workbook's modification time then).
    pub fn unprotected_since(&self) -> Option<SystemTime> {
        self.unprotected_since.map(|(at, _)| at)
    }

    /// True when a stale-lock re-check is due (the agent then fills `Observation::stale_lock`
    /// instead of `lock` if the owner is gone).
    pub fn stale_check_due(&self, now: Instant) -> bool {
        self.last_stale_check
            .is_none_or(|t| now.duration_since(t) >= self.timing.stale_check)
    }

    /// Notes that staleness was just checked.
    pub fn stale_checked(&mut self, now: Instant) {
        self.last_stale_check = Some(now);
    }

    /// Decides what to do given what was just observed.
    pub fn evaluate(&mut self, seen: &Observation, now: Instant) -> Action {
        let Some(signature) = seen.file else {
            self.state = WatchState::Missing;
            self.last_seen = None;
            return Action::Wait;
        };
        if self.last_seen != Some(signature) {
            self.last_seen = Some(signature);
            self.stable_since = now;
        }
        let changed = self.baseline != Some(signature);
        if !changed {
            self.unprotected_since = None;
        } else if self.unprotected_since.is_none() {
            self.unprotected_since = Some((signature.1, now));
        }
        let starting = std::mem::take(&mut self.starting);

        if seen.lock.is_some() {
            self.saw_lock = true;
            let since = *self.open_since.get_or_insert(now);
            if changed && self.saved_while_open_due(now) && self.retry_at.is_none_or(|t| now >= t) {
                self.state = WatchState::BackingUp;
                self.pending_trigger = Some(Trigger::SavedWhileOpen);
                return Action::BackUp(Trigger::SavedWhileOpen);
            }
            self.pending_trigger = None;
            let long = now.duration_since(since) >= self.timing.open_warning;
            self.state = WatchState::Open {
                long_with_changes: long && changed,
            };
            return Action::Wait;
        }
        self.open_since = None;
        if seen.stale_lock.is_some() {
            // The owner is gone: treat it as closed, so a crash never silences backups.
            self.saw_lock = true;
            self.crashed = true;
        }
        if !changed {
            self.saw_lock = false;
            self.pending_trigger = None;
            self.state = WatchState::UpToDate;
            return Action::Wait;
        }
        if self.retry_at.is_some_and(|t| now < t) {
            self.state = WatchState::Failed;
            return Action::Wait;
        }
        let trigger = self
            .pending_trigger
            .unwrap_or_else(|| self.trigger_when_closed(starting));
        if now.duration_since(self.stable_since) >= self.quiet_needed(trigger) {
            self.state = WatchState::BackingUp;
            self.pending_trigger = Some(trigger);
            Action::BackUp(trigger)
        } else {
            // Keep the catch-up trigger if the first look found the file still settling.
            self.starting = starting;
            self.state = WatchState::Settling;
            Action::Wait
        }
    }

    /// Why a backup of a closed workbook happens.
    fn trigger_when_closed(&self, starting: bool) -> Trigger {
        if starting {
            Trigger::Startup
        } else if self.crashed {
            Trigger::AfterCrash
        } else if self.saw_lock {
            Trigger::Close
        } else {
            Trigger::Idle
        }
    }

    /// When a `saved-while-open` backup falls due: after the quiet time since the last save,
    /// or after twice that since the content first went unprotected (saves that never pause).
    fn saved_while_open_at(&self) -> Option<Instant> {
        let quiet = self.timing.saved_while_open?;
        let after_quiet = self.stable_since + quiet;
        let at_most = self.unprotected_since.map(|(_, seen)| seen + quiet * 2);
        Some(at_most.map_or(after_quiet, |t| t.min(after_quiet)))
    }

    fn saved_while_open_due(&self, now: Instant) -> bool {
        self.saved_while_open_at().is_some_and(|t| now >= t)
    }

    fn quiet_needed(&self, trigger: Trigger) -> Duration {
        match trigger {
            // At start the file was not open (no lock); the copy itself checks it held still.
            Trigger::Startup => Duration::ZERO,
            Trigger::Idle => self.timing.idle,
            _ => self.timing.settle,
        }
    }

    /// When the agent should look again without an event (none: only an event can change things).
    pub fn next_wakeup(&self) -> Option<Instant> {
        match self.state {
            WatchState::Settling => {
                let trigger = self.trigger_when_closed(self.starting);
                Some(self.stable_since + self.quiet_needed(trigger))
            }
            // Only saved changes that are not backed up need a timer: the lock may have been
            // left by a crash (re-check it), and a quiet open workbook gets its own version.
            WatchState::Open { long_with_changes } if self.unprotected_since.is_some() => {
                let stale = self.last_stale_check.map(|t| t + self.timing.stale_check);
                let warn = (!long_with_changes)
                    .then(|| self.open_since.map(|t| t + self.timing.open_warning))
                    .flatten();
                let quiet = self.saved_while_open_at();
                [stale, warn, quiet].into_iter().flatten().min()
            }
            WatchState::Failed => self.retry_at,
            WatchState::Open { .. } | WatchState::UpToDate | WatchState::BackingUp | WatchState::Missing => None,
        }
    }

    /// Records a finished backup. `content` is the workbook signature the backup covered (its
    /// size and time when copied, or when found unchanged).
    pub fn backup_succeeded(&mut self, content: (u64, SystemTime)) {
        self.baseline = Some(content);
        if self.last_seen == Some(content) {
            self.unprotected_since = None;
        }
        self.saw_lock = false;
        self.crashed = false;
        self.retry_at = None;
        self.retry_delay = self.timing.retry;
        self.pending_trigger = None;
        self.state = WatchState::UpToDate;
    }

    /// Records a failed backup; it is retried later, with growing pauses.
    pub fn backup_failed(&mut self, now: Instant) {
        self.retry_at = Some(now + self.retry_delay);
        self.retry_delay = (self.retry_delay * 2).min(self.timing.max_retry);
        self.state = WatchState::Failed;
    }

    /// Forgets a pending retry pause, e.g. when the user asks for a backup now.
    pub fn retry_now(&mut self) {
        self.retry_at = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::watch::LockKind;
    use std::path::PathBuf;

    const T0: u64 = 1_700_000_000;

    #[allow(clippy::unnecessary_wraps)] // reads like the observations it stands for
    fn sig(size: u64, secs: u64) -> Option<(u64, SystemTime)> {
        Some((size, SystemTime::UNIX_EPOCH + Duration::from_secs(T0 + secs)))
    }

    #[allow(clippy::unnecessary_wraps)]
    fn lock() -> Option<LockFile> {
        Some(LockFile {
            path: PathBuf::from(".~lock.a.xlsx#"),
            kind: LockKind::LibreOffice,
        })
    }

    fn seen(file: Option<(u64, SystemTime)>, lock: Option<LockFile>) -> Observation {
        Observation {
            file,
            lock,
            stale_lock: None,
        }
    }

    fn secs(n: u64) -> Duration {
        Duration::from_secs(n)
    }

    #[test]
    fn close_after_save_backs_up_once_settled() {
        let t0 = Instant::now();
        let mut t = Tracker::new(Timing::default(), sig(10, 0), t0);
        assert_eq!(
            t.evaluate(&seen(sig(10, 0), None), t0),
            Action::Wait,
            "unchanged at start"
        );
        assert_eq!(
            t.evaluate(&seen(sig(10, 0), lock()), t0 + secs(5)),
            Action::Wait,
            "opened"
        );
        assert_eq!(
            t.evaluate(&seen(sig(12, 60), lock()), t0 + secs(60)),
            Action::Wait,
            "saved while open"
        );
        assert!(matches!(t.state(), WatchState::Open { .. }));
        // Lock gone one second after the save: must wait for the settle period.
        assert_eq!(t.evaluate(&seen(sig(12, 60), None), t0 + secs(61)), Action::Wait);
        assert_eq!(t.next_wakeup(), Some(t0 + secs(63)));
        assert_eq!(
            t.evaluate(&seen(sig(12, 60), None), t0 + secs(63)),
            Action::BackUp(Trigger::Close)
        );
        t.backup_succeeded((12, SystemTime::UNIX_EPOCH + secs(T0 + 60)));
        assert_eq!(t.evaluate(&seen(sig(12, 60), None), t0 + secs(70)), Action::Wait);
        assert_eq!(t.state(), &WatchState::UpToDate);
    }

    #[test]
    fn close_without_changes_makes_no_backup() {
        let t0 = Instant::now();
        let mut t = Tracker::new(Timing::default(), sig(10, 0), t0);
        t.evaluate(&seen(sig(10, 0), lock()), t0);
        assert_eq!(t.evaluate(&seen(sig(10, 0), None), t0 + secs(100)), Action::Wait);
        assert_eq!(t.state(), &WatchState::UpToDate);
        assert_eq!(t.next_wakeup(), None, "nothing pending means no wake-ups at all");
    }

    #[test]
    fn change_without_lock_waits_for_the_longer_idle_period() {
        let t0 = Instant::now();
        let mut t = Tracker::new(Timing::default(), sig(10, 0), t0);
        t.evaluate(&seen(sig(10, 0), None), t0);
        assert_eq!(t.evaluate(&seen(sig(11, 5), None), t0 + secs(5)), Action::Wait);
        assert_eq!(
            t.evaluate(&seen(sig(11, 5), None), t0 + secs(20)),
            Action::Wait,
            "settle is not enough"
        );
        assert_eq!(
            t.evaluate(&seen(sig(11, 5), None), t0 + secs(35)),
            Action::BackUp(Trigger::Idle)
        );
    }

    #[test]
    fn excel_save_deleting_the_original_is_not_an_error() {
        let t0 = Instant::now();
        let mut t = Tracker::new(Timing::default(), sig(10, 0), t0);
        t.evaluate(&seen(sig(10, 0), lock()), t0);
        assert_eq!(t.evaluate(&seen(None, lock()), t0 + secs(1)), Action::Wait);
        assert_eq!(t.state(), &WatchState::Missing);
        t.evaluate(&seen(sig(11, 2), lock()), t0 + secs(2));
        t.evaluate(&seen(sig(11, 2), None), t0 + secs(3));
        assert_eq!(
            t.evaluate(&seen(sig(11, 2), None), t0 + secs(6)),
            Action::BackUp(Trigger::Close)
        );
    }

    #[test]
    fn startup_catch_up_is_immediate_but_not_while_open() {
        let t0 = Instant::now();
        let mut t = Tracker::new(Timing::default(), sig(10, 0), t0);
        assert_eq!(
            t.evaluate(&seen(sig(11, 50), None), t0),
            Action::BackUp(Trigger::Startup)
        );

        let mut open = Tracker::new(Timing::default(), sig(10, 0), t0);
        assert_eq!(open.evaluate(&seen(sig(11, 50), lock()), t0), Action::Wait);
        open.evaluate(&seen(sig(11, 50), None), t0 + secs(10));
        assert_eq!(
            open.evaluate(&seen(sig(11, 50), None), t0 + secs(13)),
            Action::BackUp(Trigger::Close)
        );
    }

    #[test]
    fn stale_lock_does_not_block_backups() {
        let t0 = Instant::now();
        let mut t = Tracker::new(Timing::default(), sig(10, 0), t0);
        t.evaluate(&seen(sig(10, 0), None), t0);
        let stale = Observation {
            file: sig(11, 5),
            lock: None,
            stale_lock: lock(),
        };
        t.evaluate(&stale, t0 + secs(5));
        assert_eq!(t.evaluate(&stale, t0 + secs(9)), Action::BackUp(Trigger::AfterCrash));
    }

    #[test]
    fn open_long_with_changes_becomes_a_warning() {
        let t0 = Instant::now();
        let timing = Timing {
            saved_while_open: None,
            ..Timing::default()
        };
        let mut t = Tracker::new(timing, sig(10, 0), t0);
        t.evaluate(&seen(sig(10, 0), lock()), t0);
        t.evaluate(&seen(sig(11, 60), lock()), t0 + secs(60));
        assert_eq!(
            t.state(),
            &WatchState::Open {
                long_with_changes: false
            }
        );
        t.evaluate(&seen(sig(11, 60), lock()), t0 + secs(5 * 3600));
        assert_eq!(
            t.state(),
            &WatchState::Open {
                long_with_changes: true
            }
        );
    }

    #[test]
    fn failures_retry_with_growing_pauses() {
        let t0 = Instant::now();
        let mut t = Tracker::new(Timing::default(), None, t0);
        assert_eq!(t.evaluate(&seen(sig(1, 0), None), t0), Action::BackUp(Trigger::Startup));
        t.backup_failed(t0);
        assert_eq!(t.evaluate(&seen(sig(1, 0), None), t0 + secs(30)), Action::Wait);
        assert_eq!(t.next_wakeup(), Some(t0 + secs(60)));
        let retry = t.evaluate(&seen(sig(1, 0), None), t0 + secs(60));
        assert_eq!(
            retry,
            Action::BackUp(Trigger::Startup),
            "the retry keeps the original trigger"
        );
        t.backup_failed(t0 + secs(60));
        assert_eq!(t.next_wakeup(), Some(t0 + secs(180)), "the pause doubles");
    }

    #[test]
    fn open_without_saved_changes_needs_no_timer() {
        let t0 = Instant::now();
        let mut t = Tracker::new(Timing::default(), sig(10, 0), t0);
        t.stale_checked(t0);
        t.evaluate(&seen(sig(10, 0), lock()), t0);
        assert!(matches!(t.state(), WatchState::Open { .. }));
        assert_eq!(t.next_wakeup(), None, "nothing is pending, so nothing wakes the agent");
        assert_eq!(t.unprotected_since(), None);
    }

    #[test]
    fn a_crash_after_a_save_is_backed_up_after_the_next_stale_check() {
        let t0 = Instant::now();
        let mut t = Tracker::new(Timing::default(), sig(10, 0), t0);
        t.stale_checked(t0);
        t.evaluate(&seen(sig(10, 0), lock()), t0);
        // Saved; the application then dies with its lock file left behind: no event follows.
        t.evaluate(&seen(sig(12, 30), lock()), t0 + secs(30));
        assert_eq!(
            t.unprotected_since(),
            Some(SystemTime::UNIX_EPOCH + secs(T0 + 30)),
            "unprotected since the save"
        );
        let wake = t.next_wakeup().expect("a timer while saved changes wait behind a lock");
        assert!(
            wake <= t0 + secs(30),
            "the stale check is due 20 s after the last one, not minutes"
        );
        // The agent looks again, finds the owner gone, and the workbook is closed for good.
        t.stale_checked(wake);
        let stale = Observation {
            file: sig(12, 30),
            lock: None,
            stale_lock: lock(),
        };
        // Quiet since the save ten seconds ago: no further settling is needed.
        assert_eq!(t.evaluate(&stale, t0 + secs(40)), Action::BackUp(Trigger::AfterCrash));
        t.backup_succeeded((12, SystemTime::UNIX_EPOCH + secs(T0 + 30)));
        assert_eq!(t.unprotected_since(), None);
        assert_eq!(t.next_wakeup(), None);
    }

    #[test]
    fn a_saved_workbook_left_open_gets_a_version_once_quiet() {
        let t0 = Instant::now();
        let mut t = Tracker::new(Timing::default(), sig(10, 0), t0);
        t.stale_checked(t0);
        t.evaluate(&seen(sig(10, 0), lock()), t0);
        t.evaluate(&seen(sig(12, 60), lock()), t0 + secs(60));
        t.stale_checked(t0 + secs(60));
        assert_eq!(
            t.evaluate(&seen(sig(12, 60), lock()), t0 + secs(60 + 1799)),
            Action::Wait
        );
        t.stale_checked(t0 + secs(60 + 1799));
        let due = t0 + secs(60 + 1800);
        assert!(t.next_wakeup().is_some_and(|w| w <= due), "a timer for the quiet time");
        assert_eq!(
            t.evaluate(&seen(sig(12, 60), lock()), due),
            Action::BackUp(Trigger::SavedWhileOpen)
        );
        t.backup_succeeded((12, SystemTime::UNIX_EPOCH + secs(T0 + 60)));
        // Still open and unchanged: nothing more, and no timer.
        assert_eq!(t.evaluate(&seen(sig(12, 60), lock()), due + secs(5)), Action::Wait);
        assert_eq!(t.next_wakeup(), None);
        // The close without a further change makes no version.
        assert_eq!(t.evaluate(&seen(sig(12, 60), None), due + secs(10)), Action::Wait);
        assert_eq!(t.state(), &WatchState::UpToDate);
    }

    #[test]
    fn the_close_after_a_saved_while_open_version_makes_its_own_if_changed() {
        let t0 = Instant::now();
        let mut t = Tracker::new(Timing::default(), sig(10, 0), t0);
        t.evaluate(&seen(sig(10, 0), lock()), t0);
        t.evaluate(&seen(sig(12, 60), lock()), t0 + secs(60));
        assert_eq!(
            t.evaluate(&seen(sig(12, 60), lock()), t0 + secs(1900)),
            Action::BackUp(Trigger::SavedWhileOpen)
        );
        t.backup_succeeded((12, SystemTime::UNIX_EPOCH + secs(T0 + 60)));
        t.evaluate(&seen(sig(13, 2000), lock()), t0 + secs(2000));
        t.evaluate(&seen(sig(13, 2000), None), t0 + secs(2001));
        assert_eq!(
            t.evaluate(&seen(sig(13, 2000), None), t0 + secs(2004)),
            Action::BackUp(Trigger::Close)
        );
    }

    #[test]
    fn saves_that_never_pause_still_get_a_version_after_twice_the_quiet_time() {
        let t0 = Instant::now();
        let mut t = Tracker::new(Timing::default(), sig(10, 0), t0);
        t.evaluate(&seen(sig(10, 0), lock()), t0);
        let mut action = Action::Wait;
        let mut minute = 0;
        // A save every ten minutes, all morning.
        while action == Action::Wait && minute < 240 {
            minute += 10;
            action = t.evaluate(&seen(sig(10 + minute, minute * 60), lock()), t0 + secs(minute * 60));
        }
        assert_eq!(action, Action::BackUp(Trigger::SavedWhileOpen));
        assert_eq!(minute, 70, "one hour after the first unprotected save at minute 10");
    }

    #[test]
    fn saved_while_open_can_be_turned_off() {
        let t0 = Instant::now();
        let timing = Timing {
            saved_while_open: None,
            ..Timing::default()
        };
        let mut t = Tracker::new(timing, sig(10, 0), t0);
        t.evaluate(&seen(sig(10, 0), lock()), t0);
        t.evaluate(&seen(sig(12, 60), lock()), t0 + secs(60));
        assert_eq!(t.evaluate(&seen(sig(12, 60), lock()), t0 + secs(7200)), Action::Wait);
    }
}
