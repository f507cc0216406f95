//! History and restore: every version of a workbook with its time, size, trigger, health and
//! when it was last verified; open a version read-only, restore it over the original (after a
//! safety copy), or save it elsewhere, and compare a version with the one before it (sheets,
//! rows, the first changed cells). Confirmations say exactly what happens to which file.

use std::path::PathBuf;

use iced::widget::{column, pick_list, row, scrollable, text};
use iced::{Element, Task};
use sheetsafe::config::Profile;
use sheetsafe::contents::WorkbookDiff;
use sheetsafe::crypto::SecretKey;
use sheetsafe::i18n::Translator;
use sheetsafe::progress::CancelSwitch;
use sheetsafe::restore::RestoreTarget;
use sheetsafe::store::Version;

use super::{AMBER, GREEN, RED, action, card, coloured, page};
use crate::gui::failure::Failure;
use crate::gui::tasks::Ran;
use crate::gui::{background, dialogs, fmt, tasks};

#[derive(Debug, Clone)]
pub enum Message {
    WorkbookPicked(String),
    Loaded(Result<Vec<Version>, Failure>),
    Open(usize),
    Opened(Result<(), Failure>),
    AskRestore(usize),
    ConfirmRestore,
    CancelRestore,
    SaveAs(usize),
    SaveAsChosen(usize, Option<PathBuf>),
    /// How far the running restore is.
    Restoring(background::Done),
    Restored(Result<Ran<PathBuf>, Failure>),
    /// "Cancel" beside the running restore's progress.
    StopRestore,
    /// An encrypted profile: the passphrase typed, "Open" pressed, and what opening found.
    PassphraseTyped(String),
    Unlock,
    Unlocked(Result<tasks::Unlocked, tasks::UnlockError>),
    /// "Compare with previous" on the version at this place in the list, what the comparison
    /// found, and "Close" under it.
    Compare(usize),
    Compared(usize, Result<WorkbookDiff, Failure>),
    CloseComparison,
    Back,
}

/// What the history hands up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Back,
}

/// The history of one profile's workbooks.
#[derive(Debug, Clone)]
pub struct History {
    profile: Profile,
    workbook: usize,
    pub versions: Vec<Version>,
    confirm: Option<usize>,
    pub note: Option<(String, bool)>,
    /// The running restore: its Cancel switch and how far it is.
    restoring: Option<(CancelSwitch, Option<background::Done>)>,
    /// For an encrypted profile: the passphrase being typed, and once it opened the key, the
    /// key and the readable names of the versions (their files have random names). The key
    /// lives only as long as this screen.
    passphrase: String,
    unlocked: Option<(SecretKey, std::collections::BTreeMap<String, String>)>,
    /// The version compared with the one before it (its place in the list), and what changed
    /// once the comparison has run.
    pub comparison: Option<(usize, Option<WorkbookDiff>)>,
    /// A version whose restore confirmation opens as soon as the list is there (the alarm's
    /// "Restore the version of 17:05…" on the overview).
    restore_when_listed: Option<String>,
}

impl History {
    /// The history of `profile`, loading the versions of its first workbook.
    pub fn new(profile: Profile) -> (History, Task<Message>) {
        let history = History {
            profile,
            workbook: 0,
            versions: Vec::new(),
            confirm: None,
            note: None,
            restoring: None,
            passphrase: String::new(),
            unlocked: None,
            comparison: None,
            restore_when_listed: None,
        };
        // An encrypted profile's list needs the passphrase first.
        let load = if history.locked() { Task::none() } else { history.load() };
        (history, load)
    }

    /// The history of `profile` showing `workbook`, with the restore confirmation of its version
    /// `file` open as soon as the list is there (an encrypted profile's after the passphrase):
    /// the alarm's "Restore the version of 17:05…" on the overview.
    pub fn at_restore_of(profile: Profile, workbook: &std::path::Path, file: String) -> (History, Task<Message>) {
        let (mut history, _) = History::new(profile);
        let wanted = workbook.file_name().map(|n| n.to_string_lossy().into_owned());
        history.workbook = history
            .names()
            .iter()
            .position(|n| Some(n) == wanted.as_ref())
            .unwrap_or(0);
        history.restore_when_listed = Some(file);
        let load = if history.locked() { Task::none() } else { history.load() };
        (history, load)
    }

    /// The confirmation waiting for the list (see [`History::ask_restore_when_listed`]).
    fn confirm_waiting(&mut self) {
        if let Some(file) = self.restore_when_listed.take() {
            self.confirm = self.versions.iter().position(|v| v.file == file);
        }
    }

    /// An encrypted profile whose key is not open yet.
    fn locked(&self) -> bool {
        self.profile.encryption.is_some() && self.unlocked.is_none()
    }

    fn key(&self) -> Option<SecretKey> {
        self.unlocked.as_ref().map(|(key, _)| key.clone())
    }

    /// The name a version's copy gets: its readable name (an encrypted one's file is random).
    fn readable_name(&self, version: &Version) -> String {
        self.unlocked
            .as_ref()
            .and_then(|(_, names)| names.get(version.file.as_str()).cloned())
            .unwrap_or_else(|| version.file.to_string())
    }

    fn workbook_path(&self) -> PathBuf {
        self.profile.workbooks.get(self.workbook).cloned().unwrap_or_default()
    }

    fn load(&self) -> Task<Message> {
        let (profile, workbook) = (self.profile.clone(), self.workbook_path());
        if self.profile.encryption.is_some() {
            // Opened again for another workbook: the passphrase is asked once per screen.
            let passphrase = self.passphrase.clone();
            return background::run(
                move || tasks::unlock_versions(&profile, &workbook, &passphrase),
                Message::Unlocked,
            );
        }
        background::run(move || tasks::versions(&profile, &workbook), Message::Loaded)
    }

    fn restore_task(&mut self, index: usize, target: RestoreTarget) -> Task<Message> {
        let Some(version) = self.versions.get(index).cloned() else {
            return Task::none();
        };
        let (profile, workbook, key) = (self.profile.clone(), self.workbook_path(), self.key());
        let switch = CancelSwitch::default();
        self.restoring = Some((switch.clone(), None));
        self.note = None;
        background::run_with_progress(
            move |progress| tasks::restore(&profile, &workbook, &version, &target, key.as_ref(), progress),
            switch,
            Message::Restoring,
            Message::Restored,
        )
    }

    /// The running restore's Cancel switch (for the tests).
    #[cfg(test)]
    pub fn restore_switch(&self) -> Option<CancelSwitch> {
        self.restoring.as_ref().map(|(switch, _)| switch.clone())
    }

    pub fn update(&mut self, message: Message, t: &Translator) -> (Task<Message>, Option<Event>) {
        match message {
            Message::WorkbookPicked(name) => {
                self.workbook = self.names().iter().position(|n| *n == name).unwrap_or(0);
                self.confirm = None;
                return (self.load(), None);
            }
            Message::Loaded(Ok(versions)) => {
                self.versions = versions;
                self.comparison = None;
                self.confirm_waiting();
            }
            Message::Restored(Err(e)) => {
                self.restoring = None;
                self.note = Some((e.localized(t), false));
            }
            Message::Loaded(Err(e)) | Message::Opened(Err(e)) => self.note = Some((e.localized(t), false)),
            Message::Restoring(done) => {
                if let Some((_, shown)) = &mut self.restoring {
                    *shown = Some(done);
                }
            }
            Message::StopRestore => {
                if let Some((switch, _)) = &self.restoring {
                    switch.cancel();
                }
            }
            Message::Restored(Ok(Ran::Cancelled)) => {
                self.restoring = None;
                self.note = Some((t.tr("history-restore-cancelled"), false));
            }
            Message::Opened(Ok(())) | Message::SaveAsChosen(_, None) => {}
            Message::Open(i) => {
                if let Some(version) = self.versions.get(i).cloned() {
                    let (profile, workbook, key) = (self.profile.clone(), self.workbook_path(), self.key());
                    let name = self.readable_name(&version);
                    return (
                        background::run(
                            move || tasks::open_version(&profile, &workbook, &version, &name, key.as_ref()),
                            Message::Opened,
                        ),
                        None,
                    );
                }
            }
            Message::AskRestore(i) => self.confirm = Some(i),
            Message::CancelRestore => self.confirm = None,
            Message::ConfirmRestore => {
                if let Some(i) = self.confirm.take() {
                    return (self.restore_task(i, RestoreTarget::ReplaceOriginal), None);
                }
            }
            Message::SaveAs(i) => {
                let name = self
                    .workbook_path()
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                return (
                    dialogs::save_file(t, "history-save-as", name, move |p| Message::SaveAsChosen(i, p)),
                    None,
                );
            }
            Message::SaveAsChosen(i, Some(path)) => return (self.restore_task(i, RestoreTarget::To(path)), None),
            Message::Restored(Ok(Ran::Finished(path))) => {
                self.restoring = None;
                self.note = Some((
                    t.format("history-restored", &[("path", path.display().to_string().into())]),
                    true,
                ));
                return (self.load(), None);
            }
            Message::PassphraseTyped(p) => self.passphrase = p,
            Message::Unlock => {
                self.note = None;
                return (self.load(), None);
            }
            Message::Unlocked(Ok(unlocked)) => {
                self.versions = unlocked.versions;
                self.comparison = None;
                self.confirm_waiting();
                self.unlocked = Some((unlocked.key, unlocked.names));
            }
            Message::Unlocked(Err(e)) => {
                self.unlocked = None;
                self.versions.clear();
                let words = match e {
                    tasks::UnlockError::WrongPassphrase => t.tr("history-wrong-passphrase"),
                    tasks::UnlockError::Other(why) => why.localized(t),
                };
                self.note = Some((words, false));
            }
            m @ (Message::Compare(_) | Message::Compared(..) | Message::CloseComparison) => {
                return (self.comparison_update(m, t), None);
            }
            Message::Back => return (Task::none(), Some(Event::Back)),
        }
        (Task::none(), None)
    }

    /// "Compare with previous", its result and "Close".
    fn comparison_update(&mut self, message: Message, t: &Translator) -> Task<Message> {
        match message {
            Message::Compare(i) => return self.compare(i),
            // A result for a comparison the user closed or replaced meanwhile is dropped.
            Message::Compared(i, Ok(diff)) => {
                if self.comparison.as_ref().is_some_and(|(at, _)| *at == i) {
                    self.comparison = Some((i, Some(diff)));
                }
            }
            Message::Compared(_, Err(e)) => {
                self.comparison = None;
                self.note = Some((e.localized(t), false));
            }
            _ => self.comparison = None,
        }
        Task::none()
    }

    /// Compares the version at `i` with the one before it (the next in the list, newest
    /// first), away from the window's thread.
    fn compare(&mut self, i: usize) -> Task<Message> {
        let (Some(newer), Some(older)) = (self.versions.get(i).cloned(), self.versions.get(i + 1).cloned()) else {
            return Task::none();
        };
        self.comparison = Some((i, None));
        self.note = None;
        let (profile, workbook, key) = (self.profile.clone(), self.workbook_path(), self.key());
        background::run(
            move || tasks::compare(&profile, &workbook, &older, &newer, key.as_ref()),
            move |result| Message::Compared(i, result),
        )
    }

    fn names(&self) -> Vec<String> {
        self.profile
            .workbooks
            .iter()
            .map(|w| {
                w.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
            })
            .collect()
    }

    pub fn view<'a>(&'a self, t: &Translator) -> Element<'a, Message> {
        let names = self.names();
        let selected = names.get(self.workbook).cloned();
        let mut content = column![
            row![
                text(t.tr("history-workbook")),
                pick_list(names, selected, Message::WorkbookPicked),
                action(t.tr("button-back"), Some(Message::Back))
            ]
            .spacing(12)
        ]
        .spacing(10);
        if let Some((words, ok)) = &self.note {
            content = content.push(coloured(words.clone(), if *ok { GREEN } else { RED }));
        }
        if self.locked() {
            let open = (!self.passphrase.is_empty()).then_some(Message::Unlock);
            content = content.push(card(
                column![
                    text(t.format("history-locked", &[("profile", self.profile.name.clone().into())])),
                    row![
                        iced::widget::text_input(&t.tr("history-passphrase"), &self.passphrase)
                            .secure(true)
                            .on_input(Message::PassphraseTyped)
                            .on_submit_maybe(open.clone())
                            .width(iced::Length::Fixed(320.0)),
                        action(t.tr("history-unlock"), open),
                    ]
                    .spacing(12),
                ]
                .spacing(10),
            ));
            return page(
                t.format("history-title", &[("profile", self.profile.name.clone().into())]),
                scrollable(content),
            );
        }
        if let Some((_, done)) = &self.restoring {
            let line = done
                .as_ref()
                .map_or_else(|| t.tr("history-restoring"), |d| fmt::progress(t, d));
            content = content.push(
                row![
                    text(line).width(iced::Length::Fill),
                    action(t.tr("button-cancel"), Some(Message::StopRestore))
                ]
                .spacing(12),
            );
        }
        if self.versions.is_empty() {
            content = content.push(text(t.tr("history-empty")));
        }
        // The confirmation comes first, where it is seen without scrolling back to the card.
        if let Some(v) = self.confirm.and_then(|i| self.versions.get(i)) {
            content = content.push(card(
                column![
                    text(t.format(
                        "history-restore-confirm",
                        &[
                            ("workbook", self.workbook_path().display().to_string().into()),
                            ("time", fmt::time_to_second(&v.created).into())
                        ]
                    )),
                    row![
                        action(t.tr("history-restore-yes"), Some(Message::ConfirmRestore)),
                        action(t.tr("button-cancel"), Some(Message::CancelRestore))
                    ]
                    .spacing(8),
                ]
                .spacing(8),
            ));
        }
        // Newest first; the newest healthy one is what a restore picks when unsure.
        let last_healthy = self.versions.iter().position(|v| v.health.counts_as_healthy());
        for (i, v) in self.versions.iter().enumerate() {
            content = content.push(self.version_card(t, i, v, last_healthy == Some(i)));
        }
        page(
            t.format("history-title", &[("profile", self.profile.name.clone().into())]),
            scrollable(content),
        )
    }

    /// One version's card: when, marks, size and its change, trigger, health, what it holds and
    /// what changed, and its actions. `i` is its place in the list (newest first).
    fn version_card<'a>(
        &'a self,
        t: &Translator,
        i: usize,
        v: &'a Version,
        last_healthy: bool,
    ) -> Element<'a, Message> {
        let health = match v.health {
            sheetsafe::Health::Damaged => coloured(t.tr("health-damaged"), RED),
            sheetsafe::Health::Encrypted => text(t.tr("health-encrypted")).into(),
            sheetsafe::Health::Unchecked => text(t.tr("health-unchecked")).into(),
            sheetsafe::Health::Healthy => coloured(t.tr("health-healthy"), GREEN),
            sheetsafe::Health::Irregular => coloured(t.tr("health-irregular"), GREEN),
            sheetsafe::Health::CheckFailed | sheetsafe::Health::Unknown => coloured(t.tr("health-not-checked"), AMBER),
        };
        let verified = v.verified.as_ref().map_or_else(
            || t.tr("history-never-verified"),
            |when| t.format("history-verified", &[("ago", fmt::ago(t, when).into())]),
        );
        let mut marks = row![].spacing(8);
        if i == 0 {
            marks = marks.push(coloured(t.tr("history-newest"), GREEN));
        }
        if last_healthy && i != 0 {
            marks = marks.push(coloured(t.tr("history-last-healthy"), GREEN));
        }
        // The version before this one is the next in the list (newest first).
        let size = match self.versions.get(i + 1) {
            Some(before) => format!(
                "{} ({})",
                fmt::size(t, v.bytes),
                fmt::size_change(t, v.bytes, before.bytes)
            ),
            None => fmt::size(t, v.bytes),
        };
        card(
            column![
                row![text(fmt::time_to_second(&v.created)).size(18), marks].spacing(16),
                row![
                    text(size),
                    text(t.tr(&format!("trigger-{}", v.trigger.as_str()))),
                    health,
                    text(verified),
                ]
                .spacing(16),
                text(v.summary.as_ref().map(|s| fmt::contents(t, s)).unwrap_or_default()),
                // What changed since the version before (the next one in the list); no line at
                // all for the oldest, so no blank gap.
                self.versions
                    .get(i + 1)
                    .and_then(|before| fmt::change(t, before.summary.as_ref()?, v.summary.as_ref()?))
                    .map_or_else(
                        || Element::from(iced::widget::Space::new()),
                        |line| Element::from(text(line).size(14))
                    ),
                row![
                    action(t.tr("history-open"), Some(Message::Open(i))),
                    action(t.tr("history-restore"), Some(Message::AskRestore(i))),
                    action(t.tr("history-save-as"), Some(Message::SaveAs(i))),
                    // The oldest version has nothing before it to compare with.
                    action(
                        t.tr("history-compare"),
                        (i + 1 < self.versions.len()).then_some(Message::Compare(i))
                    ),
                ]
                .spacing(8),
                self.comparison_view(t, i),
            ]
            .spacing(6),
        )
    }

    /// Under the compared version's card: what changed since the version before, sheet by
    /// sheet, with the first changed cells; nothing under the other cards.
    fn comparison_view<'a>(&'a self, t: &Translator, i: usize) -> Element<'a, Message> {
        let Some((at, found)) = &self.comparison else {
            return iced::widget::Space::new().into();
        };
        if *at != i {
            return iced::widget::Space::new().into();
        }
        let Some(diff) = found else {
            return text(t.tr("history-comparing")).into();
        };
        let before = self
            .versions
            .get(i + 1)
            .map(|v| fmt::time_to_second(&v.created))
            .unwrap_or_default();
        let mut lines = column![text(t.format("diff-title", &[("time", before.into())])).size(16)].spacing(4);
        for line in fmt::diff_lines(t, diff) {
            lines = lines.push(text(line));
        }
        lines = lines.push(action(t.tr("history-compare-close"), Some(Message::CloseComparison)));
        card(lines)
    }
}
