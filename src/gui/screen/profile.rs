//! Profile settings: add, edit, duplicate and delete a profile — its workbooks, backup folder,
//! backup on close, settle time, keep rules and second copies — with every mistake named before
//! saving. A new profile can be made private (encrypted) as in the wizard: the passphrase, the
//! recovery sheet typed back, then the keys are made and the profile saved.

use sheetsafe::i18n::Explain as _;
use std::path::PathBuf;

use iced::widget::{checkbox, column, row, scrollable, text, text_input};
use iced::{Element, Task};
use sheetsafe::config::{Config, Destination, KeepRules, Profile};
use sheetsafe::destination::Candidate;
use sheetsafe::i18n::Translator;

use super::folder_check::{self, Trouble};
use super::{AMBER, GREEN, RED, action, card, coloured, page, privacy, second_copy};
use crate::gui::failure::Failure;
use crate::gui::{background, dialogs};

#[derive(Debug, Clone)]
pub enum Message {
    NameTyped(String),
    WorkbookTyped(String),
    AddWorkbook,
    RemoveWorkbook(usize),
    BrowseWorkbooks,
    WorkbooksChosen(Vec<PathBuf>),
    FolderTyped(String),
    BrowseFolder,
    FolderChosen(Option<PathBuf>),
    /// "Create this folder": the consent to make a backup folder that does not exist yet.
    CreateFolder,
    /// "Use this folder anyway": a backup folder inside a workbook's folder is meant.
    UseFolderInside,
    OnCloseToggled(bool),
    SettleTyped(String),
    KeepTyped(Rule, String),
    CandidatesFound(Vec<Candidate>),
    SecondCopy(second_copy::Message),
    AddDestination,
    RemoveDestination(usize),
    ConfirmRemoveDestination,
    Privacy(privacy::Message),
    /// The keys of a new private profile are made (or why not, in words).
    KeysMade(Result<sheetsafe::config::Encryption, Failure>),
    Save,
    Duplicate,
    Delete,
    ConfirmDelete,
    Cancel,
}

/// One of the four keep rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    Last,
    Daily,
    Weekly,
    Monthly,
}

/// What the editor hands up.
#[derive(Debug, Clone)]
pub enum Event {
    /// Save this configuration (the profile was added, changed, copied or removed).
    Changed(Config),
    Cancelled,
}

/// The editor's state: the fields as typed, so a half-typed number is not lost.
#[derive(Debug, Clone)]
pub struct Editor {
    config: Config,
    /// The profile's name before editing; `None` for a new profile.
    original: Option<String>,
    name: String,
    workbooks: Vec<PathBuf>,
    workbook_input: String,
    folder: String,
    /// The backup folder the last Save found missing or inside a workbook's folder, waiting
    /// for "Create this folder" or "Use this folder anyway".
    folder_asked: Option<(PathBuf, FolderQuestion)>,
    /// The backup folder the user meant although it is inside a workbook's folder.
    inside_meant: Option<PathBuf>,
    on_close: bool,
    settle: String,
    keep: [String; 4],
    /// Second copies, as they will be saved.
    destinations: Vec<Destination>,
    /// A second copy being chosen, and the places found to choose from.
    new_destination: second_copy::SecondCopy,
    candidates: Vec<Candidate>,
    /// A second copy whose removal waits for "Yes, remove".
    confirm_remove: Option<usize>,
    pub error: Option<String>,
    confirm_delete: bool,
    /// A new profile's choice to be private, its passphrase and recovery sheet.
    pub privacy: privacy::Privacy,
    /// The configuration file, beside which this computer's key of a private profile is kept.
    pub config_file: PathBuf,
    /// The keys of a private profile are being made.
    making_keys: bool,
}

impl Editor {
    /// Edits profile `name` of `config`, or a new profile when `name` is `None`; the task looks
    /// for places a second copy could go.
    pub fn new(config: Config, name: Option<&str>) -> (Editor, Task<Message>) {
        let look = background::run(sheetsafe::destination::candidates, Message::CandidatesFound);
        (Editor::without_places(config, name), look)
    }

    /// The editor without looking for places (the tests give their own).
    pub fn without_places(config: Config, name: Option<&str>) -> Editor {
        let existing = name.and_then(|n| config.profile(n).ok()).cloned();
        let profile = existing.clone().unwrap_or_default();
        Editor {
            destinations: profile.destinations.clone(),
            new_destination: second_copy::SecondCopy::default(),
            candidates: Vec::new(),
            confirm_remove: None,
            original: existing.map(|p| p.name),
            name: profile.name.clone(),
            workbooks: profile.workbooks.clone(),
            workbook_input: String::new(),
            folder: profile.backup_folder.display().to_string(),
            folder_asked: None,
            inside_meant: None,
            on_close: profile.watch.on_close,
            settle: profile.watch.settle_seconds.to_string(),
            keep: [
                profile.keep.last,
                profile.keep.daily,
                profile.keep.weekly,
                profile.keep.monthly,
            ]
            .map(|n| n.to_string()),
            error: None,
            confirm_delete: false,
            privacy: privacy::Privacy::default(),
            config_file: PathBuf::new(),
            making_keys: false,
            config,
        }
    }

    /// The profile the fields describe, or a sentence naming the first field that is wrong.
    fn profile(&self, t: &Translator) -> Result<Profile, String> {
        let number = |s: &str, what: &str| {
            s.trim()
                .parse::<u32>()
                .map_err(|_| t.format("profile-not-a-number", &[("field", what.to_string().into())]))
        };
        let base = self
            .original
            .as_deref()
            .and_then(|n| self.config.profile(n).ok())
            .cloned()
            .unwrap_or_default();
        let mut profile = Profile {
            encryption: base.encryption.clone().or_else(|| self.privacy.encryption.clone()),
            name: self.name.trim().to_string(),
            workbooks: self.workbooks.clone(),
            backup_folder: PathBuf::from(self.folder.trim()),
            keep: KeepRules {
                last: number(&self.keep[0], &t.tr("profile-keep-last"))?,
                daily: number(&self.keep[1], &t.tr("profile-keep-daily"))?,
                weekly: number(&self.keep[2], &t.tr("profile-keep-weekly"))?,
                monthly: number(&self.keep[3], &t.tr("profile-keep-monthly"))?,
            },
            ..base
        };
        profile.watch.on_close = self.on_close;
        profile.destinations.clone_from(&self.destinations);
        profile.watch.settle_seconds = u64::from(number(&self.settle, &t.tr("profile-settle"))?);
        for workbook in &profile.workbooks {
            if !workbook.is_file() {
                return Err(t.format(
                    "wizard-no-such-file",
                    &[("path", workbook.display().to_string().into())],
                ));
            }
        }
        Ok(profile)
    }

    /// The configuration with the edited profile in place of the original.
    fn saved(&self, t: &Translator) -> Result<Config, String> {
        let profile = self.profile(t)?;
        let mut config = self.config.clone();
        if let Some(original) = &self.original {
            config.remove_profile(original).map_err(|e| e.localized(t))?;
        }
        config.add_profile(profile).map_err(|e| e.localized(t))?;
        Ok(config)
    }

    pub fn update(&mut self, message: Message, t: &Translator) -> (Task<Message>, Option<Event>) {
        self.error = None;
        match message {
            Message::NameTyped(s) => self.name = s,
            Message::WorkbookTyped(s) => self.workbook_input = s,
            Message::AddWorkbook => {
                let path = PathBuf::from(self.workbook_input.trim());
                if path.is_file() {
                    self.workbooks.push(sheetsafe::config::absolute(&path));
                    self.workbook_input.clear();
                } else {
                    self.error = Some(t.format("wizard-no-such-file", &[("path", path.display().to_string().into())]));
                }
            }
            Message::RemoveWorkbook(i) => {
                if i < self.workbooks.len() {
                    self.workbooks.remove(i);
                }
            }
            Message::BrowseWorkbooks => {
                return (
                    dialogs::pick_workbooks(t, "wizard-browse-workbooks", Message::WorkbooksChosen),
                    None,
                );
            }
            Message::WorkbooksChosen(paths) => {
                for p in paths {
                    if !self.workbooks.contains(&p) {
                        self.workbooks.push(p);
                    }
                }
            }
            Message::FolderTyped(s) => self.folder = s,
            Message::CreateFolder => return self.create_folder(t),
            Message::UseFolderInside => {
                self.inside_meant = self.folder_asked.take().map(|(folder, _)| folder);
                return self.save(t);
            }
            Message::BrowseFolder => {
                return (
                    dialogs::pick_folder(t, "wizard-browse-folder", Message::FolderChosen),
                    None,
                );
            }
            Message::FolderChosen(folder) => {
                if let Some(folder) = folder {
                    self.folder = folder.display().to_string();
                }
            }
            Message::OnCloseToggled(on) => self.on_close = on,
            Message::SettleTyped(s) => self.settle = s,
            Message::KeepTyped(rule, s) => self.keep[rule as usize] = s,
            Message::CandidatesFound(c) => self.candidates = c,
            Message::SecondCopy(m) => {
                self.new_destination.update(&m);
                if matches!(m, second_copy::Message::Browse) {
                    return (
                        dialogs::pick_folder(t, "wizard-browse-folder", |f| {
                            Message::SecondCopy(second_copy::Message::Browsed(f))
                        }),
                        None,
                    );
                }
            }
            Message::AddDestination => self.add_destination(t),
            Message::RemoveDestination(i) => self.confirm_remove = Some(i),
            Message::ConfirmRemoveDestination => {
                if let Some(i) = self.confirm_remove.take().filter(|i| *i < self.destinations.len()) {
                    self.destinations.remove(i);
                }
            }
            Message::Privacy(m) => {
                let profile = Profile {
                    name: self.name.trim().to_string(),
                    ..Profile::default()
                };
                self.privacy.update(m, &profile, t);
            }
            Message::KeysMade(made) => return self.keys_made(made, t),
            Message::Save => return self.save(t),
            Message::Duplicate => return (Task::none(), self.duplicate(t)),
            Message::Delete => self.confirm_delete = true,
            Message::ConfirmDelete => {
                let mut config = self.config.clone();
                if let Some(original) = &self.original {
                    match config.remove_profile(original) {
                        Ok(_) => return (Task::none(), Some(Event::Changed(config))),
                        Err(e) => self.error = Some(e.localized(t)),
                    }
                }
            }
            Message::Cancel => return (Task::none(), Some(Event::Cancelled)),
        }
        (Task::none(), None)
    }

    /// The keys of a new private profile are made: the profile is saved with them.
    fn keys_made(
        &mut self,
        made: Result<sheetsafe::config::Encryption, Failure>,
        t: &Translator,
    ) -> (Task<Message>, Option<Event>) {
        self.making_keys = false;
        match made {
            Ok(encryption) => {
                self.privacy.made(encryption);
                self.save(t)
            }
            Err(why) => {
                self.error = Some(why.localized(t));
                (Task::none(), None)
            }
        }
    }

    /// A copy of the profile under a free name, or the reason in `error`.
    fn duplicate(&mut self, t: &Translator) -> Option<Event> {
        if self.privacy.encryption.is_some() || self.is_private() {
            // Its keys belong to its folder: a copy would write where its passphrase
            // cannot open anything.
            self.error = Some(t.tr("profile-duplicate-private"));
            return None;
        }
        let mut config = self.config.clone();
        match self.profile(t) {
            Ok(mut copy) => {
                copy.name = unique_copy_name(&config, &copy.name);
                match config.add_profile(copy) {
                    Ok(_) => return Some(Event::Changed(config)),
                    Err(e) => self.error = Some(e.localized(t)),
                }
            }
            Err(e) => self.error = Some(e),
        }
        None
    }

    /// True when the profile being edited is already private (encrypted).
    fn is_private(&self) -> bool {
        self.original
            .as_deref()
            .and_then(|n| self.config.profile(n).ok())
            .is_some_and(|p| p.encryption.is_some())
    }

    /// Whether the profile's backup folder may be used: a new or changed folder must exist
    /// (or is made with consent), take a write, and lie outside the workbooks' folders unless
    /// meant. A profile's folder that did not change is left as it is (a USB disk unplugged
    /// now is no reason to refuse an edit of its keep rules).
    fn folder_ready(&mut self, profile: &Profile, t: &Translator) -> Result<(), String> {
        let folder = &profile.backup_folder;
        let unchanged = self
            .original
            .as_deref()
            .and_then(|n| self.config.profile(n).ok())
            .is_some_and(|p| &p.backup_folder == folder);
        if unchanged {
            return Ok(());
        }
        let meant = self.inside_meant.as_ref() == Some(folder);
        folder_check::check(folder, &profile.workbooks, meant).map_err(|trouble| {
            let question = match trouble {
                Trouble::Missing => Some(FolderQuestion::Create),
                Trouble::InsideWorkbooks { .. } => Some(FolderQuestion::UseInside),
                Trouble::NotWritable(_) => None,
            };
            self.folder_asked = question.map(|q| (folder.clone(), q));
            trouble.said(t, folder)
        })
    }

    /// The question about the backup folder, while that folder is still the one typed.
    fn folder_question(&self) -> Option<FolderQuestion> {
        match &self.folder_asked {
            Some((folder, question)) if folder.as_path() == std::path::Path::new(self.folder.trim()) => Some(*question),
            _ => None,
        }
    }

    /// The question under the folder field, where the eye is (not below the whole form).
    fn folder_question_view(&self, t: &Translator) -> Element<'_, Message> {
        let (Some(question), Some(said)) = (self.folder_question(), &self.error) else {
            return column![].into();
        };
        let (label, message) = match question {
            FolderQuestion::Create => ("wizard-create-folder", Message::CreateFolder),
            FolderQuestion::UseInside => ("wizard-folder-inside-anyway", Message::UseFolderInside),
        };
        column![coloured(said.clone(), AMBER), action(t.tr(label), Some(message))]
            .spacing(6)
            .into()
    }

    /// Makes the missing backup folder the user agreed to, then saves as "Save" would.
    fn create_folder(&mut self, t: &Translator) -> (Task<Message>, Option<Event>) {
        let Some((folder, FolderQuestion::Create)) = self.folder_asked.take() else {
            return (Task::none(), None);
        };
        if let Err(e) = std::fs::create_dir_all(&folder) {
            self.error = Some(Trouble::NotWritable(e).said(t, &folder));
            return (Task::none(), None);
        }
        self.save(t)
    }

    /// Save: a new private profile first has its passphrase accepted, then its recovery sheet
    /// saved and typed back, then its keys made; only then is the configuration written.
    fn save(&mut self, t: &Translator) -> (Task<Message>, Option<Event>) {
        let profile = match self.profile(t) {
            Ok(profile) => profile,
            Err(e) => {
                self.error = Some(e);
                return (Task::none(), None);
            }
        };
        if self.original.is_none() && self.privacy.enabled && self.privacy.encryption.is_none() {
            // Checked before any key is made: a name another profile has would fail only after.
            if let Err(why) = self.saved(t).and_then(|_| self.privacy.accept(t)) {
                self.error = Some(why);
                return (Task::none(), None);
            }
            if !self.privacy.sheet_done() {
                // The sheet part shows now; Save is pressed again once it is typed back.
                if self.privacy.sheet_saved.is_some() {
                    self.error = Some(t.tr("wizard-private-check-first"));
                }
                return (Task::none(), None);
            }
            // Last, so the folder question comes once everything else is right.
            if let Err(why) = self.folder_ready(&profile, t) {
                self.error = Some(why);
                return (Task::none(), None);
            }
            let Some((user, passphrase, recovery)) = self.privacy.keys_to_make() else {
                return (Task::none(), None);
            };
            let device_key = sheetsafe::keys::device_key_path(&self.config_file, &profile.name);
            self.making_keys = true;
            let make = background::run(
                move || {
                    sheetsafe::keys::create(&profile, &device_key, &user, &passphrase, recovery.as_ref())
                        .map_err(|e| Failure::Said(e.said()))
                },
                Message::KeysMade,
            );
            return (make, None);
        }
        match self
            .saved(t)
            .and_then(|config| self.folder_ready(&profile, t).map(|()| config))
        {
            Ok(config) => (Task::none(), Some(Event::Changed(config))),
            Err(e) => {
                self.error = Some(e);
                (Task::none(), None)
            }
        }
    }

    /// The privacy part: for a new profile the choice (and, once accepted, the recovery
    /// sheet); for an existing one, whether it is private.
    fn privacy_view<'a>(&'a self, t: &Translator) -> Element<'a, Message> {
        if self.original.is_some() {
            return if self.is_private() {
                coloured(t.tr("profile-is-private"), GREEN)
            } else {
                text(t.tr("profile-not-private")).into()
            };
        }
        let mut part = column![self.privacy.options_view(t).map(Message::Privacy)].spacing(8);
        if self.privacy.enabled && self.privacy.keys_to_make().is_some() {
            part = part.push(self.privacy.sheet_view(t).map(Message::Privacy));
        }
        if self.making_keys {
            part = part.push(text(t.tr("profile-making-keys")));
        }
        part.into()
    }

    /// Adds the second copy being chosen, made and probed like the wizard's.
    fn add_destination(&mut self, t: &Translator) {
        let Some(mut destination) = self.new_destination.destination() else {
            self.error = Some(t.tr("wizard-second-need-editor"));
            return;
        };
        let backup = PathBuf::from(self.folder.trim());
        if destination.folder.starts_with(&backup) || backup.starts_with(&destination.folder) {
            self.error = Some(t.tr("wizard-second-same"));
            return;
        }
        // A name the profile already uses gets a number: names must be unique.
        let base = destination.name.clone();
        let mut n = 2;
        while self
            .destinations
            .iter()
            .any(|d| d.name.eq_ignore_ascii_case(&destination.name))
        {
            destination.name = format!("{base} {n}");
            n += 1;
        }
        self.destinations.push(destination);
        self.new_destination = second_copy::SecondCopy::default();
    }

    fn destinations_view<'a>(&'a self, t: &Translator) -> Element<'a, Message> {
        let mut list = column![text(t.tr("profile-second-copies"))].spacing(6);
        for (i, d) in self.destinations.iter().enumerate() {
            list = list.push(
                row![
                    text(format!(
                        "{} — {} ({})",
                        d.name,
                        d.place(self.name.trim()).display(),
                        d.schedule
                    ))
                    .width(iced::Length::Fill),
                    action(t.tr("button-remove"), Some(Message::RemoveDestination(i)))
                ]
                .spacing(8),
            );
            if self.confirm_remove == Some(i) {
                list = list.push(card(
                    column![
                        text(t.format(
                            "profile-remove-destination-confirm",
                            &[
                                ("destination", d.name.clone().into()),
                                ("folder", d.place(self.name.trim()).display().to_string().into())
                            ]
                        )),
                        action(
                            t.tr("profile-remove-destination-yes"),
                            Some(Message::ConfirmRemoveDestination)
                        ),
                    ]
                    .spacing(8),
                ));
            }
        }
        let backup = PathBuf::from(self.folder.trim());
        list.push(
            self.new_destination
                .view(t, &self.candidates, Some(backup.as_path()))
                .map(Message::SecondCopy),
        )
        .push(action(t.tr("profile-add-destination"), Some(Message::AddDestination)))
        .into()
    }

    pub fn view<'a>(&'a self, t: &Translator) -> Element<'a, Message> {
        let title = if self.original.is_some() {
            t.tr("profile-edit-title")
        } else {
            t.tr("profile-new-title")
        };
        let mut workbooks = column![text(t.tr("profile-workbooks"))].spacing(6);
        for (i, w) in self.workbooks.iter().enumerate() {
            workbooks = workbooks.push(
                row![
                    text(w.display().to_string()),
                    action(t.tr("button-remove"), Some(Message::RemoveWorkbook(i)))
                ]
                .spacing(8),
            );
        }
        workbooks = workbooks.push(
            row![
                text_input(&t.tr("wizard-path-placeholder"), &self.workbook_input)
                    .on_input(Message::WorkbookTyped)
                    .on_submit(Message::AddWorkbook),
                action(t.tr("button-add"), Some(Message::AddWorkbook)),
                action(t.tr("button-browse"), Some(Message::BrowseWorkbooks)),
            ]
            .spacing(8),
        );
        let keep_field = |label: String, rule: Rule| {
            column![
                text(label),
                text_input("0", &self.keep[rule as usize]).on_input(move |s| Message::KeepTyped(rule, s))
            ]
            .spacing(4)
        };
        let mut form = column![
            text(t.tr("profile-name")),
            text_input(&t.tr("wizard-name-placeholder"), &self.name).on_input(Message::NameTyped),
            workbooks,
            text(t.tr("profile-folder")),
            row![
                text_input(&t.tr("wizard-folder-placeholder"), &self.folder).on_input(Message::FolderTyped),
                action(t.tr("button-browse"), Some(Message::BrowseFolder)),
            ]
            .spacing(8),
            self.folder_question_view(t),
            checkbox(self.on_close)
                .label(t.tr("wizard-on-close"))
                .on_toggle(Message::OnCloseToggled),
            text(t.tr("profile-settle")),
            text_input("3", &self.settle).on_input(Message::SettleTyped),
            row![
                keep_field(t.tr("profile-keep-last"), Rule::Last),
                keep_field(t.tr("profile-keep-daily"), Rule::Daily),
                keep_field(t.tr("profile-keep-weekly"), Rule::Weekly),
                keep_field(t.tr("profile-keep-monthly"), Rule::Monthly),
            ]
            .spacing(12),
            self.destinations_view(t),
            self.privacy_view(t),
            coloured(t.tr("profile-comments-note"), AMBER),
        ]
        .spacing(8);
        if let Some(e) = self.error.as_ref().filter(|_| self.folder_question().is_none()) {
            form = form.push(coloured(e.clone(), RED));
        }
        let mut buttons = row![action(t.tr("button-save"), Some(Message::Save))].spacing(12);
        if self.original.is_some() {
            buttons = buttons
                .push(action(t.tr("profile-duplicate"), Some(Message::Duplicate)))
                .push(action(t.tr("profile-delete"), Some(Message::Delete)));
        }
        buttons = buttons.push(action(t.tr("button-cancel"), Some(Message::Cancel)));
        form = form.push(buttons);
        if self.confirm_delete {
            let name = self.original.clone().unwrap_or_default();
            let folder = PathBuf::from(self.folder.trim()).join(&name);
            form = form.push(card(
                column![
                    text(t.format(
                        "profile-delete-confirm",
                        &[("name", name.into()), ("folder", folder.display().to_string().into())]
                    )),
                    action(t.tr("profile-delete-yes"), Some(Message::ConfirmDelete)),
                ]
                .spacing(8),
            ));
        }
        page(title, scrollable(form))
    }
}

/// What the editor asks about a backup folder before saving.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FolderQuestion {
    /// It does not exist: "Create this folder".
    Create,
    /// It is inside a workbook's folder: "Use this folder anyway".
    UseInside,
}

/// "Sales (copy)", "Sales (copy 2)", … — the first name no profile has.
fn unique_copy_name(config: &Config, name: &str) -> String {
    let mut candidate = format!("{name} (copy)");
    let mut n = 2;
    while config.profile(&candidate).is_ok() {
        candidate = format!("{name} (copy {n})");
        n += 1;
    }
    candidate
}
