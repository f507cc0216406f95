//! The first-run wizard: why backups matter, which workbooks, where the backups go, a few safe
//! options, and a live test that makes the first backup and reads it back. It never ends on a
//! silent failure: the last step shows the verified file, or what went wrong and how to fix it.

use sheetsafe::i18n::Explain as _;
use std::path::PathBuf;

use iced::widget::{checkbox, column, row, scrollable, text, text_input};
use iced::{Element, Task};
use sheetsafe::config::{Config, KeepRules, Profile};
use sheetsafe::destination::Candidate;
use sheetsafe::i18n::Translator;
use sheetsafe::progress::CancelSwitch;

use super::folder_check::{self, Trouble};
use super::{AMBER, GREEN, RED, action, card, coloured, page};
use super::{privacy, second_copy};
use crate::gui::failure::Failure;
use crate::gui::keys::Key;
use crate::gui::tasks::Ran;
use crate::gui::{background, dialogs, tasks};

// The tests drive the step with its messages, as the widgets would.
#[cfg(test)]
pub use second_copy::Message as SecondCopyMessage;

/// The fields each step focuses when it opens.
pub const PATH_INPUT: &str = "wizard-workbook-path";
pub const FOLDER_INPUT: &str = "wizard-backup-folder";
pub const NAME_INPUT: &str = "wizard-profile-name";
/// An id no widget carries: focusing it leaves no field with the keyboard.
const NO_FIELD: &str = "wizard-no-field";

/// The wizard's steps, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Welcome,
    Workbooks,
    Folder,
    SecondCopy,
    Options,
    /// Only for a private (encrypted) profile: save the recovery sheet and prove it.
    RecoverySheet,
    Test,
}

/// Where the live test stands.
#[derive(Debug, Clone)]
pub enum TestState {
    NotRun,
    Running,
    Passed(Vec<PathBuf>),
    Failed(Failure),
    /// The user pressed Cancel; "Try again" runs the test anew.
    Cancelled,
}

#[derive(Debug, Clone)]
pub enum Message {
    Next,
    Back,
    WorkbooksFound(Vec<PathBuf>),
    ToggleWorkbook(PathBuf, bool),
    PathTyped(String),
    AddTypedPath,
    BrowseWorkbooks,
    /// The file dialog's answer (also the test seam: tests send this directly).
    WorkbooksChosen(Vec<PathBuf>),
    CandidatesFound(Vec<Candidate>),
    FolderTyped(String),
    BrowseFolder,
    /// The folder dialog's answer, or a suggested place clicked (also the test seam).
    FolderChosen(Option<PathBuf>),
    SecondCopy(second_copy::Message),
    /// "Create this folder": the consent to make a backup folder that does not exist yet.
    CreateFolder,
    /// "Add it anyway": a file whose bytes are no spreadsheet is meant after all.
    AddOddFile,
    /// "Use this folder anyway": a backup folder inside a workbook's folder is meant.
    UseFolderInside,
    NameTyped(String),
    OnCloseToggled(bool),
    StartAtLoginToggled(bool),
    RunTest,
    Privacy(privacy::Message),
    /// The keys of a private profile were made (or why not), before the first backup.
    KeysMade(Result<sheetsafe::config::Encryption, Failure>),
    TestProgress(background::Done),
    TestFinished(Result<Ran<Vec<PathBuf>>, Failure>),
    /// "Cancel" while the test runs.
    CancelTest,
    Finish,
}

/// What the wizard hands up when it is done.
#[derive(Debug, Clone)]
pub enum Event {
    Finished { config: Config, start_at_login: bool },
}

/// The wizard's state.
#[derive(Debug, Clone)]
pub struct Wizard {
    pub step: Step,
    found: Vec<PathBuf>,
    pub chosen: Vec<PathBuf>,
    path_input: String,
    candidates: Vec<Candidate>,
    folder_input: String,
    pub backup_folder: Option<PathBuf>,
    second: second_copy::SecondCopy,
    pub profile_name: String,
    /// True once the user typed a name: from then on it is theirs, not the first workbook's.
    name_typed: bool,
    /// A typed or chosen folder that does not exist, waiting for "Create this folder".
    missing_folder: Option<PathBuf>,
    /// A file that does not look like a spreadsheet, waiting for "Add it anyway".
    odd_file: Option<PathBuf>,
    /// A backup folder inside a chosen workbook's folder, waiting for "Use this folder anyway".
    inside_asked: Option<PathBuf>,
    /// The backup folder the user accepted although it is inside a workbook's folder.
    inside_accepted: Option<PathBuf>,
    on_close: bool,
    start_at_login: bool,
    pub test: TestState,
    /// "Keep this backup private", its passphrase and recovery sheet.
    pub privacy: privacy::Privacy,
    /// The configuration file the app uses: this computer's key of a private profile is kept
    /// beside it.
    pub config_file: PathBuf,
    /// How far the first backup (or its read-back) is, while it runs.
    progress: Option<background::Done>,
    /// Stops the running test.
    cancel: CancelSwitch,
    problem: Option<String>,
}

impl Wizard {
    /// A fresh wizard, and the tasks that look for workbooks and backup places.
    pub fn new() -> (Wizard, Task<Message>) {
        let wizard = Wizard {
            step: Step::Welcome,
            found: Vec::new(),
            chosen: Vec::new(),
            path_input: String::new(),
            candidates: Vec::new(),
            folder_input: String::new(),
            backup_folder: None,
            second: second_copy::SecondCopy::default(),
            profile_name: String::new(),
            name_typed: false,
            missing_folder: None,
            inside_asked: None,
            inside_accepted: None,
            odd_file: None,
            on_close: true,
            start_at_login: true,
            test: TestState::NotRun,
            privacy: privacy::Privacy::default(),
            config_file: sheetsafe::paths::Paths::resolve(None, None).config_file,
            progress: None,
            cancel: CancelSwitch::default(),
            problem: None,
        };
        let look = Task::batch([
            background::run(tasks::find_workbooks, Message::WorkbooksFound),
            background::run(sheetsafe::destination::candidates, Message::CandidatesFound),
        ]);
        (wizard, look)
    }

    /// The profile the wizard's answers describe.
    pub fn profile(&self) -> Profile {
        let mut profile = Profile {
            name: self.profile_name.trim().to_string(),
            workbooks: self.chosen.clone(),
            backup_folder: self.backup_folder.clone().unwrap_or_default(),
            keep: KeepRules::default(),
            ..Profile::default()
        };
        profile.watch.on_close = self.on_close;
        profile.destinations.extend(self.second.destination());
        profile.encryption.clone_from(&self.privacy.encryption);
        profile
    }

    /// Applies a message; when the step changed, its first field gets the keyboard. When a
    /// question comes up, the field lets go of it, so Enter and Ctrl+Enter reach the step
    /// (a field would take either as its own Enter).
    pub fn update(&mut self, message: Message, t: &Translator) -> (Task<Message>, Option<Event>) {
        let before = self.step;
        let asked_before = self.pending_consent().is_some();
        let (task, event) = self.apply(message, t);
        if self.step == before {
            if !asked_before && let Some(yes) = self.pending_consent() {
                tracing::info!("wizard: asks before {yes:?}");
                // Focusing an id no widget has takes the focus from every field.
                return (Task::batch([task, iced::widget::operation::focus(NO_FIELD)]), event);
            }
            (task, event)
        } else {
            // In the log, where support (and scripts/test-gui) can follow a walk through.
            tracing::info!("wizard: step {:?}", self.step);
            (Task::batch([task, self.focus_step()]), event)
        }
    }

    /// What Enter and Escape do on this step: the main button's message (Next, Finish, Try
    /// again) and Back. Nothing while the test runs: Cancel is a click, never a stray key.
    pub fn on_key(&self, key: Key) -> Option<Message> {
        let running = self.step == Step::Test && matches!(self.test, TestState::Running);
        match (key, self.step, &self.test) {
            (Key::Enter, Step::Test, TestState::Passed(_)) => Some(Message::Finish),
            (Key::Enter, Step::Test, TestState::Failed(_) | TestState::Cancelled) => Some(Message::RunTest),
            (Key::Enter, step, _) if step != Step::Test => Some(Message::Next),
            (Key::Escape, step, _) if step != Step::Welcome && !running => Some(Message::Back),
            (Key::Confirm, _, _) => self.pending_consent(),
            _ => None,
        }
    }

    /// The yes to the question the step is asking, if it asks one: what its button under the
    /// question does, and what Ctrl+Enter does.
    pub fn pending_consent(&self) -> Option<Message> {
        match self.step {
            Step::Workbooks if self.odd_file.is_some() => Some(Message::AddOddFile),
            Step::Folder | Step::SecondCopy if self.missing_folder.is_some() => Some(Message::CreateFolder),
            // Only while the folder asked about is still the one chosen.
            Step::Folder if self.inside_asked.is_some() && self.inside_asked == self.backup_folder => {
                Some(Message::UseFolderInside)
            }
            _ => None,
        }
    }

    /// Puts the keyboard in the step's field, so typing needs no click first.
    fn focus_step(&self) -> Task<Message> {
        let field = match self.step {
            Step::Workbooks => PATH_INPUT,
            Step::Folder => FOLDER_INPUT,
            Step::SecondCopy => second_copy::INPUT,
            Step::Options => NAME_INPUT,
            Step::Welcome | Step::RecoverySheet | Step::Test => return Task::none(),
        };
        iced::widget::operation::focus(field)
    }

    #[allow(clippy::too_many_lines)] // one arm per message; each arm is short
    fn apply(&mut self, message: Message, t: &Translator) -> (Task<Message>, Option<Event>) {
        self.problem = None;
        match message {
            Message::Next => return (self.next(t), None),
            Message::Back => self.back(),
            Message::WorkbooksFound(found) => self.found = found,
            Message::ToggleWorkbook(path, on) => {
                self.chosen.retain(|p| p != &path);
                if on {
                    self.chosen.push(path);
                }
                self.name_from_workbooks();
            }
            Message::PathTyped(s) => self.path_input = s,
            // Enter in an empty field, with workbooks chosen, means "that's all": Next.
            Message::AddTypedPath if self.path_input.trim().is_empty() && !self.chosen.is_empty() => {
                return (self.next(t), None);
            }
            Message::AddTypedPath => {
                let path = PathBuf::from(self.path_input.trim());
                if path.is_file() {
                    self.add_workbooks(vec![path], t);
                    self.path_input.clear();
                } else {
                    self.problem =
                        Some(t.format("wizard-no-such-file", &[("path", path.display().to_string().into())]));
                }
            }
            Message::AddOddFile => {
                if let Some(path) = self.odd_file.take() {
                    self.add_checked(path);
                }
            }
            Message::BrowseWorkbooks => {
                return (
                    dialogs::pick_workbooks(t, "wizard-browse-workbooks", Message::WorkbooksChosen),
                    None,
                );
            }
            Message::WorkbooksChosen(paths) => self.add_workbooks(paths, t),
            Message::CandidatesFound(c) => self.candidates = c,
            Message::FolderTyped(s) => {
                // What is typed is the folder: a correction after a failed test is used.
                self.backup_folder = (!s.trim().is_empty()).then(|| PathBuf::from(s.trim()));
                self.missing_folder = None;
                self.folder_input = s;
            }
            Message::CreateFolder => return (self.create_folder(t), None),
            Message::UseFolderInside => return (self.use_folder_inside(t), None),
            Message::SecondCopy(m) => return (self.second_copy(&m, t), None),
            Message::BrowseFolder => {
                return (
                    dialogs::pick_folder(t, "wizard-browse-folder", Message::FolderChosen),
                    None,
                );
            }
            Message::FolderChosen(folder) => {
                if let Some(folder) = folder {
                    self.folder_input = folder.display().to_string();
                    self.backup_folder = Some(folder);
                    self.missing_folder = None;
                }
            }
            Message::NameTyped(s) => {
                self.profile_name = s;
                self.name_typed = true;
            }
            Message::OnCloseToggled(on) => self.on_close = on,
            Message::StartAtLoginToggled(on) => self.start_at_login = on,
            Message::RunTest => return (self.run_test(), None),
            Message::TestProgress(done) => self.progress = Some(done),
            Message::CancelTest => self.cancel.cancel(),
            Message::Privacy(m) => {
                let profile = self.profile();
                self.privacy.update(m, &profile, t);
            }
            Message::KeysMade(made) => return (self.keys_made(made), None),
            Message::TestFinished(result) => {
                self.progress = None;
                self.test = match result {
                    Ok(Ran::Finished(files)) => TestState::Passed(files),
                    Ok(Ran::Cancelled) => TestState::Cancelled,
                    Err(why) => TestState::Failed(why),
                };
                match &self.test {
                    TestState::Passed(files) => tracing::info!("wizard: test passed, {} verified", files.len()),
                    TestState::Failed(why) => tracing::info!("wizard: test failed: {why:?}"),
                    _ => tracing::info!("wizard: test cancelled"),
                }
            }
            Message::Finish => {
                if matches!(self.test, TestState::Passed(_)) {
                    let config = Config {
                        profiles: vec![self.profile()],
                        ..Config::default()
                    };
                    return (
                        Task::none(),
                        Some(Event::Finished {
                            config,
                            start_at_login: self.start_at_login,
                        }),
                    );
                }
            }
        }
        (Task::none(), None)
    }

    /// The second-copy step's messages; the wizard opens the dialog and moves on a skip.
    fn second_copy(&mut self, message: &second_copy::Message, t: &Translator) -> Task<Message> {
        self.second.update(message);
        self.missing_folder = None;
        match message {
            second_copy::Message::Browse => dialogs::pick_folder(t, "wizard-browse-folder", |f| {
                Message::SecondCopy(second_copy::Message::Browsed(f))
            }),
            second_copy::Message::Skip => {
                self.step = Step::Options;
                Task::none()
            }
            second_copy::Message::Submit => self.next(t),
            _ => Task::none(),
        }
    }

    /// Whether `folder` passes the checks the profile editor makes too (`folder_check`: it
    /// exists, takes a write and, for backups of `workbooks`, lies outside their folders unless
    /// meant); says what is wrong otherwise. A missing folder waits for "Create this folder",
    /// one inside a workbook's folder for "Use this folder anyway". A second copy's folder is
    /// checked with no workbooks.
    fn folder_passes(&mut self, folder: &std::path::Path, workbooks: &[PathBuf], t: &Translator) -> bool {
        let meant = self.inside_accepted.as_deref() == Some(folder);
        match folder_check::check(folder, workbooks, meant) {
            Ok(()) => true,
            Err(trouble) => {
                match trouble {
                    Trouble::Missing => self.missing_folder = Some(folder.to_path_buf()),
                    Trouble::InsideWorkbooks { .. } => self.inside_asked = Some(folder.to_path_buf()),
                    Trouble::NotWritable(_) => {}
                }
                self.problem = Some(trouble.said(t, folder));
                false
            }
        }
    }

    /// The user meant the folder inside a workbook's folder: moves on as "Next" would.
    fn use_folder_inside(&mut self, t: &Translator) -> Task<Message> {
        self.inside_accepted = self.inside_asked.take();
        self.next(t)
    }

    /// Makes the missing folder the user agreed to, then moves on as "Next" would.
    fn create_folder(&mut self, t: &Translator) -> Task<Message> {
        let Some(folder) = self.missing_folder.take() else {
            return Task::none();
        };
        match std::fs::create_dir_all(&folder) {
            Ok(()) => self.next(t),
            Err(e) => {
                self.problem = Some(t.format(
                    "wizard-folder-not-created",
                    &[
                        ("folder", folder.display().to_string().into()),
                        ("reason", crate::gui::fmt::io_reason(t, &e).into()),
                    ],
                ));
                Task::none()
            }
        }
    }

    /// Adds what the user chose or typed; a file whose bytes are no spreadsheet waits for
    /// "Add it anyway" (a text file ticked by mistake would otherwise be "verified").
    fn add_workbooks(&mut self, paths: Vec<PathBuf>, t: &Translator) {
        for path in paths {
            if looks_like_a_spreadsheet(&path) {
                self.add_checked(path);
            } else {
                self.problem = Some(t.format(
                    "wizard-not-a-spreadsheet",
                    &[("path", path.display().to_string().into())],
                ));
                self.odd_file = Some(path);
            }
        }
    }

    fn add_checked(&mut self, path: PathBuf) {
        if !self.chosen.contains(&path) {
            self.chosen.push(path.clone());
        }
        if !self.found.contains(&path) {
            self.found.insert(0, path);
        }
        self.name_from_workbooks();
    }

    /// Until the user types a name, the profile is named after the first ticked workbook.
    fn name_from_workbooks(&mut self) {
        if self.name_typed {
            return;
        }
        self.profile_name = self
            .chosen
            .first()
            .and_then(|p| p.file_stem())
            .map(|stem| {
                stem.to_string_lossy()
                    .chars()
                    .filter(|c| !"<>:\"/\\|?*".contains(*c))
                    .collect()
            })
            .unwrap_or_default();
    }

    /// Moves on if the current step is complete, saying what is missing otherwise.
    fn next(&mut self, t: &Translator) -> Task<Message> {
        match self.step {
            Step::Welcome => self.step = Step::Workbooks,
            Step::Workbooks if self.chosen.is_empty() => self.problem = Some(t.tr("wizard-need-workbook")),
            Step::Workbooks => self.step = Step::Folder,
            Step::Folder => match self.backup_folder.clone() {
                None => self.problem = Some(t.tr("wizard-need-folder")),
                Some(folder) => {
                    let workbooks = self.chosen.clone();
                    if self.folder_passes(&folder, &workbooks, t) {
                        self.step = Step::SecondCopy;
                    }
                }
            },
            Step::SecondCopy => match self.second.folder.clone() {
                None => self.problem = Some(t.tr("wizard-second-need")),
                Some(folder)
                    if self
                        .backup_folder
                        .as_ref()
                        .is_some_and(|b| folder.starts_with(b) || b.starts_with(&folder)) =>
                {
                    self.problem = Some(t.tr("wizard-second-same"));
                }
                Some(folder) => {
                    if self.folder_passes(&folder, &[], t) {
                        self.step = Step::Options;
                    }
                }
            },
            Step::Options => {
                if let Err(e) = self.profile().validate() {
                    self.problem = Some(e.localized(t));
                } else if let Err(why) = self.privacy.accept(t) {
                    self.problem = Some(why);
                } else if self.privacy.enabled {
                    self.step = Step::RecoverySheet;
                } else {
                    self.step = Step::Test;
                    return self.run_test();
                }
            }
            Step::RecoverySheet => {
                if self.privacy.sheet_done() {
                    self.step = Step::Test;
                    return self.run_test();
                }
                self.problem = Some(t.tr("wizard-private-check-first"));
            }
            Step::Test => {}
        }
        Task::none()
    }

    /// The switch the Cancel button flips, as the running test reads it (for the tests).
    #[cfg(test)]
    pub fn cancel_switch(&self) -> &CancelSwitch {
        &self.cancel
    }

    /// One step back.
    fn back(&mut self) {
        self.step = match self.step {
            Step::Welcome | Step::Workbooks => Step::Welcome,
            Step::Folder => Step::Workbooks,
            Step::SecondCopy => Step::Folder,
            Step::Options => Step::SecondCopy,
            Step::Test if self.privacy.enabled => Step::RecoverySheet,
            Step::RecoverySheet | Step::Test => Step::Options,
        };
    }

    /// A private profile's keys are made: the first backup runs with them (or the test failed).
    fn keys_made(&mut self, made: Result<sheetsafe::config::Encryption, Failure>) -> Task<Message> {
        match made {
            Ok(encryption) => {
                self.privacy.made(encryption);
                self.run_test()
            }
            Err(why) => {
                self.test = TestState::Failed(why);
                Task::none()
            }
        }
    }

    fn run_test(&mut self) -> Task<Message> {
        self.test = TestState::Running;
        let profile = self.profile();
        // A private profile's keys are made first (once), then the first backup runs with them.
        if let Some((user, passphrase, recovery)) = self.privacy.keys_to_make() {
            let device_key = sheetsafe::keys::device_key_path(&self.config_file, &profile.name);
            return background::run(
                move || {
                    sheetsafe::keys::create(&profile, &device_key, &user, &passphrase, recovery.as_ref())
                        .map_err(|e| Failure::Said(e.said()))
                },
                Message::KeysMade,
            );
        }
        self.cancel = CancelSwitch::default();
        background::run_with_progress(
            move |progress| tasks::first_backup(&profile, progress),
            self.cancel.clone(),
            Message::TestProgress,
            Message::TestFinished,
        )
    }

    pub fn view<'a>(&'a self, t: &Translator) -> Element<'a, Message> {
        let (title, body): (String, Element<'a, Message>) = match self.step {
            Step::Welcome => (
                t.tr("wizard-welcome-title"),
                column![text(t.tr("wizard-welcome-body"))].spacing(12).into(),
            ),
            Step::Workbooks => (t.tr("wizard-workbooks-title"), self.workbooks_view(t)),
            Step::Folder => (t.tr("wizard-folder-title"), self.folder_view(t)),
            Step::SecondCopy => (t.tr("wizard-second-title"), self.second_view(t)),
            Step::Options => (t.tr("wizard-options-title"), self.options_view(t)),
            Step::RecoverySheet => (
                t.tr("wizard-private-sheet-title"),
                self.privacy.sheet_view(t).map(Message::Privacy),
            ),
            Step::Test => (t.tr("wizard-test-title"), self.test_view(t)),
        };
        let mut buttons = row![].spacing(12);
        if self.step != Step::Welcome {
            buttons = buttons.push(action(t.tr("button-back"), Some(Message::Back)));
        }
        buttons = match self.step {
            Step::Test => match self.test {
                TestState::Passed(_) => buttons.push(action(t.tr("wizard-finish"), Some(Message::Finish))),
                TestState::Failed(_) | TestState::Cancelled => {
                    buttons.push(action(t.tr("wizard-try-again"), Some(Message::RunTest)))
                }
                TestState::Running => buttons.push(action(t.tr("button-cancel"), Some(Message::CancelTest))),
                TestState::NotRun => buttons,
            },
            _ => buttons.push(action(t.tr("button-next"), Some(Message::Next))),
        };
        let mut content = column![body].spacing(16);
        if let Some(problem) = &self.problem {
            content = content.push(coloured(problem.clone(), RED));
        }
        content = content.push(buttons);
        page(title, scrollable(content))
    }

    fn workbooks_view<'a>(&'a self, t: &Translator) -> Element<'a, Message> {
        let mut list = column![text(t.tr("wizard-workbooks-help"))].spacing(6);
        if self.found.is_empty() {
            list = list.push(text(t.tr("wizard-none-found")));
        }
        for path in &self.found {
            let on = self.chosen.contains(path);
            let p = path.clone();
            list = list.push(
                checkbox(on)
                    .label(path.display().to_string())
                    .on_toggle(move |v| Message::ToggleWorkbook(p.clone(), v)),
            );
        }
        let typed = row![
            text_input(&t.tr("wizard-path-placeholder"), &self.path_input)
                .id(PATH_INPUT)
                .on_input(Message::PathTyped)
                .on_submit(Message::AddTypedPath),
            action(t.tr("button-add"), Some(Message::AddTypedPath)),
            action(t.tr("button-browse"), Some(Message::BrowseWorkbooks)),
        ]
        .spacing(8);
        let mut content = column![list, typed].spacing(12);
        if self.odd_file.is_some() {
            content = content.push(consent(t, "wizard-add-anyway", Message::AddOddFile));
        }
        content.into()
    }

    fn folder_view<'a>(&'a self, t: &Translator) -> Element<'a, Message> {
        let mut places = column![text(t.tr("wizard-folder-help"))].spacing(6);
        if self.candidates.is_empty() {
            places = places.push(text(t.tr("wizard-no-places")));
        }
        for c in &self.candidates {
            let folder = c.suggested_folder();
            places = places.push(action(
                format!("{} — {}", c.label, folder.display()),
                Some(Message::FolderChosen(Some(folder.clone()))),
            ));
        }
        let typed = row![
            text_input(&t.tr("wizard-folder-placeholder"), &self.folder_input)
                .id(FOLDER_INPUT)
                .on_input(Message::FolderTyped)
                .on_submit(Message::Next),
            action(t.tr("button-browse"), Some(Message::BrowseFolder)),
        ]
        .spacing(8);
        let mut content = column![places, typed].spacing(12);
        match self.pending_consent() {
            Some(yes @ Message::CreateFolder) => content = content.push(consent(t, "wizard-create-folder", yes)),
            Some(yes @ Message::UseFolderInside) => {
                content = content.push(consent(t, "wizard-folder-inside-anyway", yes));
            }
            _ => {}
        }
        if let Some(folder) = &self.backup_folder {
            content = content.push(text(t.format(
                "wizard-folder-chosen",
                &[("folder", folder.display().to_string().into())],
            )));
            let same_disk = self.chosen.iter().any(|w| {
                matches!((sheetsafe::fsutil::device_of(w), sheetsafe::fsutil::device_of(folder)), (Some(a), Some(b)) if a == b)
            });
            if same_disk {
                content = content.push(coloured(t.tr("wizard-same-disk"), AMBER));
            }
        }
        content.into()
    }

    fn second_view<'a>(&'a self, t: &Translator) -> Element<'a, Message> {
        let step = column![
            self.second
                .view(t, &self.candidates, self.backup_folder.as_deref())
                .map(Message::SecondCopy),
            action(
                t.tr("wizard-second-skip"),
                Some(Message::SecondCopy(second_copy::Message::Skip))
            ),
        ]
        .spacing(12)
        .into();
        if self.missing_folder.is_some() {
            column![step, consent(t, "wizard-create-folder", Message::CreateFolder)]
                .spacing(12)
                .into()
        } else {
            step
        }
    }

    fn options_view<'a>(&'a self, t: &Translator) -> Element<'a, Message> {
        let keep = KeepRules::default();
        column![
            text(t.tr("wizard-name-label")),
            text_input(&t.tr("wizard-name-placeholder"), &self.profile_name)
                .id(NAME_INPUT)
                .on_input(Message::NameTyped)
                .on_submit(Message::Next),
            checkbox(self.on_close)
                .label(t.tr("wizard-on-close"))
                .on_toggle(Message::OnCloseToggled),
            checkbox(self.start_at_login)
                .label(t.tr("wizard-start-at-login"))
                .on_toggle(Message::StartAtLoginToggled),
            self.privacy.options_view(t).map(Message::Privacy),
            text(t.format(
                "wizard-keep-summary",
                &[
                    ("last", u64::from(keep.last).into()),
                    ("daily", u64::from(keep.daily).into()),
                    ("weekly", u64::from(keep.weekly).into()),
                    ("monthly", u64::from(keep.monthly).into()),
                ]
            )),
        ]
        .spacing(10)
        .into()
    }

    fn test_view<'a>(&'a self, t: &Translator) -> Element<'a, Message> {
        match &self.test {
            TestState::NotRun | TestState::Running => {
                let mut lines = column![text(t.tr("wizard-test-running"))].spacing(6);
                if let Some(done) = &self.progress {
                    lines = lines.push(text(crate::gui::fmt::progress(t, done)));
                }
                lines.into()
            }
            TestState::Passed(files) => {
                let mut list = column![coloured(format!("✔ {}", t.tr("wizard-test-passed")), GREEN)].spacing(6);
                for f in files {
                    list = list.push(text(f.display().to_string()));
                }
                card(list.push(text(t.tr("wizard-test-next"))))
            }
            TestState::Cancelled => card(column![coloured(t.tr("wizard-test-cancelled"), AMBER)]),
            TestState::Failed(why) => card(
                column![
                    coloured(t.tr("wizard-test-failed"), RED),
                    text(why.localized(t)),
                    text(t.tr("wizard-test-fix"))
                ]
                .spacing(8),
            ),
        }
    }
}

/// Whether the bytes of `path` hold a workbook container (zip or compound file), or it is a
/// `.csv` (text, by its nature).
fn looks_like_a_spreadsheet(path: &std::path::Path) -> bool {
    let csv = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    // The first bytes only: this runs as the user clicks, and a full check of a large workbook
    // would hold up the window.
    csv || sheetsafe::health::format_of_file(path).is_ok_and(|f| f != sheetsafe::health::Format::Other)
}

/// The button that answers yes to a question (labelled by `id`), with the key that does the
/// same beside it, so the question can be answered without the mouse.
fn consent<'a>(t: &Translator, id: &str, yes: Message) -> Element<'a, Message> {
    row![
        action(t.tr(id), Some(yes)),
        text(t.format(
            "wizard-consent-key",
            &[("keys", crate::gui::keys::confirm_keys().into())]
        ))
        .size(13),
    ]
    .spacing(10)
    .align_y(iced::Alignment::Center)
    .into()
}
