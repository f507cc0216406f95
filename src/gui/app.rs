//! The root of the app: which screen is showing, the window, the hosted agent, the tray icon
//! and notifications. Children get their own messages and hand events up; this module turns
//! those events into work (through `tasks`) and screen changes.

use sheetsafe::i18n::Explain as _;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Duration;

use iced::{Element, Size, Subscription, Task, Theme, window};
use sheetsafe::agent::{Agent, AgentCommand, AgentHandle, AgentOptions};
use sheetsafe::config::Config;
use sheetsafe::i18n::{Language, Translator};
use sheetsafe::status::{AttemptOutcome, Level, Overview as Status};

use super::failure::Failure;
use super::screen::{bad_config, history, overview, profile, settings, wizard};
use super::tasks::{self, BackupLine, Ran, VerifySummary};
use super::tray::{self, Tray, TrayAction};
use super::{autostart, background, instance, keys, notifications};
use sheetsafe::paths::Paths;
use sheetsafe::progress::CancelSwitch;

/// Which screen `--show` opens the app at (also used by notifications and the screenshot script).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Show {
    Wizard,
    Overview,
    History(Option<String>),
    Settings,
}

impl Show {
    /// The `--show` value that names this screen (what a second start hands over).
    pub fn as_arg(&self) -> String {
        match self {
            Show::Wizard => "wizard".into(),
            Show::Overview => "overview".into(),
            Show::History(None) => "history".into(),
            Show::History(Some(profile)) => format!("history:{profile}"),
            Show::Settings => "settings".into(),
        }
    }
}

impl std::str::FromStr for Show {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.split_once(':') {
            None if s == "wizard" => Ok(Show::Wizard),
            None if s == "overview" => Ok(Show::Overview),
            None if s == "history" => Ok(Show::History(None)),
            None if s == "settings" => Ok(Show::Settings),
            Some(("history", profile)) => Ok(Show::History(Some(profile.to_string()))),
            _ => Err(format!(
                "`{s}` is not a screen: use wizard, overview, history, history:PROFILE or settings"
            )),
        }
    }
}

/// The screen showing.
enum Mode {
    Wizard(Box<wizard::Wizard>),
    BadConfig(bad_config::BadConfig),
    Overview,
    Profile(Box<profile::Editor>),
    History(Box<history::History>),
    Settings(settings::Settings),
}

#[derive(Debug, Clone)]
pub enum Message {
    WindowOpened,
    /// The user asked to close the window (its close button, Alt+F4).
    CloseRequested(window::Id),
    /// Without a tray: "Keep running in the background" or "Quit Sheetsafe".
    KeepRunning,
    QuitNow,
    WindowClosed(window::Id),
    Tick,
    /// The hosted agent's status changed.
    AgentChanged,
    /// The hosted agent has stopped (or was given up on): the app can end.
    AgentStopped,
    /// The configuration as the file holds it now, and the status computed from it.
    StatusLoaded(Box<(Config, Status)>),
    Wizard(wizard::Message),
    Overview(overview::Message),
    Profile(profile::Message),
    History(history::Message),
    Settings(settings::Message),
    BadConfig(bad_config::Message),
    Tray(TrayAction),
    /// A second start asked for the window, at this screen if it named one.
    ShowRequested(Option<Show>),
    BackupsDone(Vec<BackupLine>),
    VerifyProgress(super::background::Done),
    /// A "Copy now" ended: the profile, the destination, and the copies made or why not.
    CopyDone(String, String, Result<Ran<usize>, Failure>),
    VerifyDone(Vec<VerifySummary>),
    Done(Result<(), Failure>),
    /// A finding was dismissed or a change accepted (or it could not be recorded: why).
    Dismissed(Result<(), Failure>),
    /// Enter, Escape or Tab that no field took.
    Key(keys::Key),
}

/// The whole app.
pub struct App {
    paths: Paths,
    t: Translator,
    config: Option<Config>,
    mode: Mode,
    overview: overview::Overview,
    status: Option<Status>,
    window: Option<window::Id>,
    agent: Option<AgentHandle>,
    /// The hosted agent's thread, waited for on quit.
    agent_thread: Option<std::thread::JoinHandle<()>>,
    tray: Option<Tray>,
    paused: bool,
    /// Failures already announced, so each is notified once.
    announced: BTreeSet<String>,
    /// Profiles whose first backup was already announced.
    first_backup_seen: BTreeSet<String>,
    /// Where closing the window stands.
    closing: Closing,
    /// The long task the overview shows (Verify, Copy now): its Cancel switch and how far it is,
    /// also shown in the tray's tooltip.
    running: Option<(CancelSwitch, Option<super::background::Done>)>,
}

/// What closing the window means now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Closing {
    /// Nothing asked: with a tray the window just goes; without one, closing asks first.
    NotAsked,
    /// Without a tray icon: the question "keep running or quit?" is showing.
    Asking,
    /// The answer was "keep running": the window goes, the app (and backup on close) stays,
    /// and starting Sheetsafe again brings the window back.
    KeepRunning,
    /// The app has decided to end.
    Quitting,
}

impl App {
    /// Loads the configuration and opens the window at the right screen; with `background`
    /// (start at login) and a working setup, only the tray icon appears.
    pub fn boot(paths: &Paths, show: Option<&Show>, background: bool) -> (App, Task<Message>) {
        let loaded = Config::load(&paths.config_file);
        let language = loaded
            .as_ref()
            .map(|l| l.config.settings.language.clone())
            .unwrap_or_default();
        let t = Translator::new(Language::choose(&language));
        let mut app = App {
            paths: paths.clone(),
            t,
            config: None,
            mode: Mode::Overview,
            overview: overview::Overview::default(),
            status: None,
            window: None,
            agent: None,
            agent_thread: None,
            tray: None,
            paused: false,
            announced: BTreeSet::new(),
            first_backup_seen: BTreeSet::new(),
            closing: Closing::NotAsked,
            running: None,
        };
        let mut tasks = Vec::new();
        match loaded {
            Ok(l) if l.existed && show != Some(&Show::Wizard) => {
                app.start_with(l.config);
                tasks.push(app.refresh());
                match show {
                    Some(Show::History(name)) => tasks.push(app.open_history(name.as_deref())),
                    Some(Show::Settings) => app.open_settings(),
                    _ => {}
                }
            }
            Ok(_) => {
                let (mut w, task) = wizard::Wizard::new();
                w.config_file.clone_from(&app.paths.config_file);
                app.mode = Mode::Wizard(Box::new(w));
                tasks.push(task.map(Message::Wizard));
            }
            Err(e) => {
                app.mode = Mode::BadConfig(bad_config::BadConfig {
                    file: app.paths.config_file.clone(),
                    error: e.localized(&app.t),
                });
            }
        }
        let quiet_start = background && show.is_none() && matches!(app.mode, Mode::Overview);
        if !quiet_start {
            tasks.push(app.open_window());
        }
        (app, Task::batch(tasks))
    }

    fn open_window(&mut self) -> Task<Message> {
        let (id, open) = window::open(window::Settings {
            size: Size::new(980.0, 700.0),
            min_size: Some(Size::new(640.0, 480.0)),
            // Closing is decided here: without a tray icon the user is asked first.
            exit_on_close_request: false,
            icon: window::icon::from_rgba(super::icon::rgba(64), 64, 64)
                .inspect_err(|e| tracing::warn!("the window icon could not be made: {e}"))
                .ok(),
            ..window::Settings::default()
        });
        self.window = Some(id);
        open.map(|_| Message::WindowOpened)
    }

    /// Uses `config` from now on: the overview, and the agent that backs up on close.
    fn start_with(&mut self, config: Config) {
        if let Some(agent) = &self.agent {
            agent.send(AgentCommand::Reload(config.clone()));
        } else {
            {
                let options = AgentOptions {
                    data_dir: self.paths.data_dir.clone(),
                    config_file: Some(self.paths.config_file.clone()),
                };
                match Agent::new(config.clone(), options) {
                    Ok((agent, handle)) => {
                        let spawned = std::thread::Builder::new()
                            .name("sheetsafe-agent".into())
                            .spawn(move || agent.run());
                        match spawned {
                            Ok(thread) => {
                                self.agent = Some(handle);
                                self.agent_thread = Some(thread);
                            }
                            Err(e) => tracing::error!("could not start the agent thread: {e}"),
                        }
                    }
                    // A `sheetsafe agent` already runs: it does the watching, the app shows it.
                    Err(e) => tracing::info!("{e}"),
                }
            }
        }
        self.config = Some(config);
        self.mode = Mode::Overview;
    }

    fn refresh(&self) -> Task<Message> {
        let Some(config) = self.config.clone() else {
            return Task::none();
        };
        let data_dir = self.paths.data_dir.clone();
        let config_file = self.paths.config_file.clone();
        background::run(
            move || {
                // The file as it is now: the command line or a text editor may have added or
                // changed a profile since the app read it. A file that cannot be read at this
                // moment (half-saved by an editor) leaves the app with what it had; the status
                // names the problem.
                let config = match Config::load(&config_file) {
                    Ok(loaded) if loaded.existed => loaded.config,
                    _ => config,
                };
                let status = tasks::overview(&config, &data_dir);
                Box::new((config, status))
            },
            Message::StatusLoaded,
        )
    }

    #[allow(clippy::unused_self)] // iced calls it as a method of the state
    pub fn title(&self, _window: window::Id) -> String {
        self.t.tr("app-name")
    }

    /// Tab moves between fields everywhere; Enter, Escape and Ctrl+Enter act on the wizard's
    /// steps (the other screens have several buttons of equal weight, so Enter there would be
    /// a guess).
    fn key(&mut self, key: keys::Key) -> Task<Message> {
        match key {
            keys::Key::Tab => iced::widget::operation::focus_next(),
            keys::Key::ShiftTab => iced::widget::operation::focus_previous(),
            keys::Key::Enter | keys::Key::Escape | keys::Key::Confirm => match &self.mode {
                Mode::Wizard(w) => w
                    .on_key(key)
                    .map_or_else(Task::none, |m| self.update(Message::Wizard(m))),
                _ => Task::none(),
            },
        }
    }

    /// `None`: the light or dark theme, as the system is set (and as it changes).
    #[allow(clippy::unused_self)]
    pub fn theme(&self, _window: window::Id) -> Option<Theme> {
        None
    }

    pub fn subscription(&self) -> Subscription<Message> {
        // The hosted agent pushes every change; the timer is left for what only time changes
        // (a grace running out, a second copy becoming overdue). Without a hosted agent (a
        // `sheetsafe agent` runs apart) the status file is all there is: read it often while
        // someone looks at the window, rarely for the tray alone.
        let every = match (&self.agent, self.window.is_some()) {
            (Some(_), _) => Duration::from_secs(60),
            (None, true) => Duration::from_secs(3),
            (None, false) => Duration::from_secs(30),
        };
        let pushed = self.agent.as_ref().map_or_else(Subscription::none, |a| {
            background::agent_changes(a).map(|()| Message::AgentChanged)
        });
        Subscription::batch([
            window::close_requests().map(Message::CloseRequested),
            window::close_events().map(Message::WindowClosed),
            iced::time::every(every).map(|_| Message::Tick),
            pushed,
            tray::actions().map(Message::Tray),
            instance::show_requests(self.paths.data_dir.clone()).map(Message::ShowRequested),
            keys::presses().map(Message::Key),
        ])
    }

    #[allow(clippy::too_many_lines)] // one arm per message; each arm is short
    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::WindowOpened => {
                if self.tray.is_none() {
                    self.create_tray();
                }
                Task::none()
            }
            Message::CloseRequested(id) => {
                if self.tray.is_some() || self.window != Some(id) {
                    return window::close(id);
                }
                self.closing = Closing::Asking;
                Task::none()
            }
            Message::KeepRunning => {
                self.closing = Closing::KeepRunning;
                self.window.map_or_else(Task::none, window::close)
            }
            Message::WindowClosed(id) => {
                if self.window == Some(id) {
                    self.window = None;
                }
                // Without a tray icon and without the user's word, there would be no way back
                // to a hidden app: quit instead.
                if self.tray.is_none() && self.closing != Closing::KeepRunning {
                    self.quit()
                } else {
                    Task::none()
                }
            }
            Message::ShowRequested(screen) => {
                let window = match self.window {
                    Some(id) => window::gain_focus(id),
                    None => self.open_window(),
                };
                // The wizard is for a first start; a running app with profiles shows them.
                let screen = match screen {
                    Some(Show::History(name)) if self.config.is_some() => self.open_history(name.as_deref()),
                    Some(Show::Settings) if self.config.is_some() => {
                        self.open_settings();
                        Task::none()
                    }
                    Some(Show::Overview | Show::History(_)) if self.config.is_some() => {
                        self.mode = Mode::Overview;
                        self.refresh()
                    }
                    _ => Task::none(),
                };
                Task::batch([window, screen])
            }
            Message::Tray(TrayAction::Open) => match self.window {
                Some(id) => window::gain_focus(id),
                None => self.open_window(),
            },
            Message::Tick => {
                // Started in the background: the tray is made on the first tick, when the event
                // loop runs (Windows and macOS need that). Without a tray, show the window, so
                // the app is never running invisibly.
                if self.window.is_none() && self.tray.is_none() && !self.create_tray() {
                    return Task::batch([self.open_window(), self.refresh()]);
                }
                self.refresh()
            }
            Message::AgentChanged => self.refresh(),
            Message::AgentStopped => iced::exit(),
            Message::StatusLoaded(loaded) => {
                let (config, status) = *loaded;
                if self.config.as_ref().is_some_and(|c| *c != config) {
                    tracing::info!("the configuration file changed; the app follows it");
                    self.config = Some(config);
                }
                self.announce(&status);
                self.status = Some(status);
                self.update_tray();
                Task::none()
            }
            Message::Tray(TrayAction::BackUpAll) => self.back_up(None),
            Message::Tray(TrayAction::VerifyAll) => self.verify(None),
            Message::Tray(TrayAction::Pause) => {
                if let Some(agent) = &self.agent {
                    agent.send(AgentCommand::Pause(Duration::from_secs(3600)));
                }
                self.paused = true;
                self.update_tray();
                Task::none()
            }
            Message::Tray(TrayAction::Resume) => {
                if let Some(agent) = &self.agent {
                    agent.send(AgentCommand::Resume);
                }
                self.paused = false;
                self.update_tray();
                Task::none()
            }
            Message::QuitNow | Message::Tray(TrayAction::Quit) => self.quit(),
            Message::Key(key) => self.key(key),
            Message::Wizard(m) => {
                let Mode::Wizard(w) = &mut self.mode else {
                    return Task::none();
                };
                let (task, event) = w.update(m, &self.t);
                let task = task.map(Message::Wizard);
                match event {
                    Some(wizard::Event::Finished { config, start_at_login }) => {
                        if let Err(e) = autostart::set_start_at_login(start_at_login) {
                            tracing::warn!("{e}");
                        }
                        Task::batch([task, self.save(&config)])
                    }
                    None => task,
                }
            }
            Message::Overview(m) => {
                let (task, event) = self.overview.update(m);
                let task = task.map(Message::Overview);
                let follow = match event {
                    Some(overview::Event::BackUpNow(p)) => self.back_up(Some(&p)),
                    Some(overview::Event::Verify(p)) => self.verify(Some(&p)),
                    Some(overview::Event::CopyNow(p, d)) => self.copy_now(&p, d),
                    Some(overview::Event::Dismiss(problem)) => {
                        let data_dir = self.paths.data_dir.clone();
                        background::run(
                            move || sheetsafe::status::dismissed::dismiss(&data_dir, &problem).map_err(Failure::from),
                            Message::Dismissed,
                        )
                    }
                    Some(overview::Event::AcceptChange(profile, workbook)) => self.accept_change(&profile, &workbook),
                    Some(overview::Event::Cancel) => {
                        if let Some((switch, _)) = &self.running {
                            switch.cancel();
                        }
                        Task::none()
                    }
                    Some(overview::Event::OpenFolder(f)) => {
                        background::run(move || tasks::open_folder(&f), Message::Done)
                    }
                    Some(overview::Event::History(p)) => self.open_history(Some(&p)),
                    Some(overview::Event::RestoreKept(p, w, file)) => self.open_restore_of(&p, &w, file),
                    Some(overview::Event::Edit(p)) => self.edit(Some(&p)),
                    Some(overview::Event::AddProfile) => self.edit(None),
                    Some(overview::Event::Settings) => {
                        self.open_settings();
                        Task::none()
                    }
                    None => Task::none(),
                };
                Task::batch([task, follow])
            }
            Message::Profile(m) => {
                let Mode::Profile(editor) = &mut self.mode else {
                    return Task::none();
                };
                let (task, event) = editor.update(m, &self.t);
                let task = task.map(Message::Profile);
                match event {
                    Some(profile::Event::Changed(config)) => Task::batch([task, self.save(&config)]),
                    Some(profile::Event::Cancelled) => {
                        self.mode = Mode::Overview;
                        task
                    }
                    None => task,
                }
            }
            Message::History(m) => {
                let Mode::History(h) = &mut self.mode else {
                    return Task::none();
                };
                let (task, event) = h.update(m, &self.t);
                if event == Some(history::Event::Back) {
                    self.mode = Mode::Overview;
                }
                task.map(Message::History)
            }
            Message::Settings(m) => {
                let Mode::Settings(s) = &mut self.mode else {
                    return Task::none();
                };
                let (_, event) = s.update(m);
                match event {
                    Some(settings::Event::Language(language)) => {
                        self.t = Translator::new(language);
                        if let Some(tray) = &mut self.tray {
                            tray.relabel(&self.t);
                        }
                        if self.config.is_some() {
                            let code = language.code().to_string();
                            // Only the language changes, in the file as it is now.
                            match sheetsafe::config::update(&self.paths.config_file, |current| {
                                current.settings.language = code;
                                Ok::<_, sheetsafe::config::ConfigError>(())
                            }) {
                                Ok(updated) => self.config = Some(updated.config),
                                Err(e) => s.error = Some(e.localized(&self.t)),
                            }
                        }
                    }
                    Some(settings::Event::StartAtLogin(on)) => {
                        if let Err(e) = autostart::set_start_at_login(on) {
                            s.error = Some(e.localized(&self.t));
                        }
                    }
                    Some(settings::Event::Back) => self.mode = Mode::Overview,
                    None => {}
                }
                Task::none()
            }
            Message::BadConfig(bad_config::Message::OpenFolder) => {
                let folder = self.paths.config_file.parent().map(PathBuf::from).unwrap_or_default();
                background::run(move || tasks::open_folder(&folder), Message::Done)
            }
            Message::BadConfig(bad_config::Message::Reload) => match Config::load(&self.paths.config_file) {
                Ok(loaded) if loaded.existed => {
                    self.start_with(loaded.config);
                    self.refresh()
                }
                Ok(_) => {
                    let (mut w, task) = wizard::Wizard::new();
                    w.config_file.clone_from(&self.paths.config_file);
                    self.mode = Mode::Wizard(Box::new(w));
                    task.map(Message::Wizard)
                }
                Err(e) => {
                    self.mode = Mode::BadConfig(bad_config::BadConfig {
                        file: self.paths.config_file.clone(),
                        error: e.localized(&self.t),
                    });
                    Task::none()
                }
            },
            Message::BackupsDone(lines) => {
                self.finished_running();
                self.note_backups(&lines);
                self.refresh()
            }
            Message::CopyDone(profile, destination, result) => {
                self.finished_running();
                let (words, level) = match result {
                    Ok(Ran::Cancelled) => (self.t.tr("overview-copy-cancelled"), Level::Attention),
                    Ok(Ran::Finished(count)) => (
                        self.t.format(
                            "overview-copy-ok",
                            &[("count", count.into()), ("destination", destination.into())],
                        ),
                        Level::Ok,
                    ),
                    Err(why) => (why.localized(&self.t), Level::Failed),
                };
                self.overview.note(&profile, words, level);
                self.refresh()
            }
            Message::VerifyProgress(done) => {
                self.overview.set_progress(Some(done.clone()));
                if let Some((_, shown)) = &mut self.running {
                    *shown = Some(done);
                }
                self.update_tray();
                Task::none()
            }
            Message::VerifyDone(summaries) => {
                self.finished_running();
                for s in summaries {
                    let (words, level) = if !s.ok {
                        let found: Vec<String> = s.problems.iter().map(|p| p.localized(&self.t)).collect();
                        (found.join(" "), Level::Failed)
                    } else if s.cancelled {
                        (
                            self.t
                                .format("overview-verify-cancelled", &[("count", s.intact.into())]),
                            Level::Attention,
                        )
                    } else {
                        (
                            self.t.format("overview-verify-ok", &[("count", s.intact.into())]),
                            Level::Ok,
                        )
                    };
                    if !s.ok {
                        notifications::notify(&self.t.tr("notify-verify-failed"), &words, true);
                    }
                    self.overview.note(&s.profile, words, level);
                }
                self.refresh()
            }
            Message::Dismissed(result) => {
                if let Err(e) = result {
                    self.tell(&e);
                }
                self.refresh()
            }
            Message::Done(Ok(())) => Task::none(),
            Message::Done(Err(e)) => {
                self.tell(&e);
                Task::none()
            }
        }
    }

    pub fn view(&self, _window: window::Id) -> Element<'_, Message> {
        let screen = self.screen_view();
        if self.closing != Closing::Asking {
            return screen;
        }
        let question = super::screen::card(
            iced::widget::column![
                iced::widget::text(self.t.tr("close-no-tray-question")),
                iced::widget::row![
                    super::screen::action(self.t.tr("close-keep-running"), Some(Message::KeepRunning)),
                    super::screen::action(self.t.tr("close-quit"), Some(Message::QuitNow)),
                ]
                .spacing(12),
            ]
            .spacing(10),
        );
        iced::widget::column![iced::widget::container(question).padding(16), screen].into()
    }

    fn screen_view(&self) -> Element<'_, Message> {
        match &self.mode {
            Mode::Wizard(w) => w.view(&self.t).map(Message::Wizard),
            Mode::BadConfig(b) => b.view(&self.t).map(Message::BadConfig),
            Mode::Overview => self.overview.view(&self.t, self.status.as_ref()).map(Message::Overview),
            Mode::Profile(e) => e.view(&self.t).map(Message::Profile),
            Mode::History(h) => h.view(&self.t).map(Message::History),
            Mode::Settings(s) => s.view(&self.t).map(Message::Settings),
        }
    }

    /// Saves the user's edits and starts using the result. `mine` is the configuration the
    /// screen edited, which started as `self.config`; only the difference between the two is
    /// applied, to the file as it is now, so a profile another program added meanwhile
    /// survives.
    fn save(&mut self, mine: &Config) -> Task<Message> {
        let base = self.config.clone().unwrap_or_default();
        let config = match tasks::save_edits(&self.paths.config_file, &base, mine) {
            Ok(config) => config,
            Err(e) => {
                let words = e.localized(&self.t);
                match &mut self.mode {
                    Mode::Profile(editor) => editor.error = Some(words),
                    Mode::Wizard(_) => {
                        self.mode = Mode::BadConfig(bad_config::BadConfig {
                            file: self.paths.config_file.clone(),
                            error: words,
                        });
                    }
                    _ => tracing::error!("{words}"),
                }
                return Task::none();
            }
        };
        self.start_with(config);
        self.refresh()
    }

    fn edit(&mut self, name: Option<&str>) -> Task<Message> {
        let config = self.config.clone().unwrap_or_default();
        let (mut editor, look) = profile::Editor::new(config, name);
        editor.config_file.clone_from(&self.paths.config_file);
        self.mode = Mode::Profile(Box::new(editor));
        look.map(Message::Profile)
    }

    fn open_history(&mut self, name: Option<&str>) -> Task<Message> {
        let Some(config) = &self.config else {
            return Task::none();
        };
        let profile = match name {
            Some(n) => config.profile(n).ok(),
            None => config.profiles.first(),
        };
        let Some(profile) = profile.cloned() else {
            return Task::none();
        };
        let (h, task) = history::History::new(profile);
        self.mode = Mode::History(Box::new(h));
        task.map(Message::History)
    }

    /// The history of `profile` at the restore confirmation of `workbook`'s version `file`.
    fn open_restore_of(&mut self, profile: &str, workbook: &std::path::Path, file: String) -> Task<Message> {
        let Some(profile) = self.config.as_ref().and_then(|c| c.profile(profile).ok()).cloned() else {
            return Task::none();
        };
        let (h, task) = history::History::at_restore_of(profile, workbook, file);
        self.mode = Mode::History(Box::new(h));
        task.map(Message::History)
    }

    fn back_up(&mut self, profile: Option<&str>) -> Task<Message> {
        let Some(config) = &self.config else {
            return Task::none();
        };
        let profiles: Vec<_> = config
            .profiles
            .iter()
            .filter(|p| profile.is_none_or(|n| p.name == n))
            .cloned()
            .collect();
        // The hosted agent does it: one worker, one truth, so its state (and the tray) cannot
        // disagree with what the button did.
        let wait = Duration::from_secs(config.settings.lock_wait_seconds);
        let agent = self.agent.clone();
        let profile = profile.map(str::to_string);
        // A backup shows its progress but has no Cancel: the agent is the one worker, and a
        // stopped backup would leave it retrying the same workbook at once.
        let switch = self.start_running();
        self.overview.set_running(false);
        background::run_with_progress(
            move |progress| match agent {
                Some(agent) => tasks::back_up_through(&agent, profile, progress),
                None => tasks::back_up(&profiles, wait, progress),
            },
            switch,
            Message::VerifyProgress,
            Message::BackupsDone,
        )
    }

    /// Makes the second copies to `destination` of `profile` now, due or not.
    fn copy_now(&mut self, profile: &str, destination: String) -> Task<Message> {
        let Some(config) = &self.config else {
            return Task::none();
        };
        let Some(profile) = config.profiles.iter().find(|p| p.name == profile).cloned() else {
            return Task::none();
        };
        let wait = Duration::from_secs(config.settings.lock_wait_seconds);
        let name = profile.name.clone();
        let dest = destination.clone();
        background::run_with_progress(
            move |progress| tasks::copy_now(&profile, &destination, wait, progress),
            self.start_running(),
            Message::VerifyProgress,
            move |result| Message::CopyDone(name, dest, result),
        )
    }

    fn verify(&mut self, profile: Option<&str>) -> Task<Message> {
        let Some(config) = &self.config else {
            return Task::none();
        };
        let profiles: Vec<_> = config
            .profiles
            .iter()
            .filter(|p| profile.is_none_or(|n| p.name == n))
            .cloned()
            .collect();
        background::run_with_progress(
            move |progress| profiles.iter().map(|p| tasks::verify_profile(p, progress)).collect(),
            self.start_running(),
            Message::VerifyProgress,
            Message::VerifyDone,
        )
    }

    /// A failure of work that has no card of its own to show it (opening a folder, recording a
    /// dismissal): a notification in the user's language, and the log.
    fn tell(&self, failure: &Failure) {
        let words = failure.localized(&self.t);
        tracing::warn!("{words}");
        notifications::notify(&self.t.tr("app-name"), &words, true);
    }

    /// "The change was intended": releases the pins the vanishing-data alarm (and a mass loss)
    /// put on `workbook`'s versions, so the keep rules decide about them again.
    fn accept_change(&self, profile: &str, workbook: &std::path::Path) -> Task<Message> {
        let Some(config) = &self.config else {
            return Task::none();
        };
        let Some(profile) = config.profiles.iter().find(|p| p.name == profile).cloned() else {
            return Task::none();
        };
        let wait = Duration::from_secs(config.settings.lock_wait_seconds);
        let name = workbook
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        background::run(
            move || {
                sheetsafe::inspect::accept_change(&profile, &name, wait)
                    .map(|released| tracing::warn!("the user accepted the change of {name}; released {released:?}"))
                    .map_err(Failure::from)
            },
            Message::Dismissed,
        )
    }

    fn open_settings(&mut self) {
        self.mode = Mode::Settings(settings::Settings {
            start_at_login: autostart::is_start_at_login(),
            error: None,
        });
    }

    /// A new Cancel switch for a long task the overview shows. One such task runs at a time
    /// (its card's buttons are disabled meanwhile); a tray click starting a second one takes
    /// over the switch, and Cancel then stops the newest.
    fn start_running(&mut self) -> CancelSwitch {
        let switch = CancelSwitch::default();
        self.running = Some((switch.clone(), None));
        self.overview.set_running(true);
        switch
    }

    fn finished_running(&mut self) {
        self.running = None;
        self.overview.set_progress(None);
        self.overview.set_running(false);
        self.update_tray();
    }

    fn note_backups(&mut self, lines: &[BackupLine]) {
        let mut by_profile: std::collections::BTreeMap<&str, Vec<&BackupLine>> = std::collections::BTreeMap::new();
        for line in lines {
            by_profile.entry(&line.profile).or_default().push(line);
        }
        for (profile, lines) in by_profile {
            let failures: Vec<String> = lines
                .iter()
                .filter_map(|l| l.result.as_ref().err().map(|f| f.localized(&self.t)))
                .collect();
            if failures.is_empty() {
                let made = lines.iter().filter(|l| matches!(l.result, Ok((_, true)))).count();
                self.overview.note(
                    profile,
                    self.t.format("overview-backup-ok", &[("count", made.into())]),
                    Level::Ok,
                );
            } else {
                let words = failures.join(" ");
                notifications::notify(&self.t.tr("notify-backup-failed"), &words, true);
                self.overview.note(profile, words, Level::Failed);
            }
        }
    }

    /// Desktop notifications for new failures and for the first backup of each profile.
    fn announce(&mut self, status: &Status) {
        for p in &status.profiles {
            let backed_up = p.workbooks.iter().any(|w| w.versions > 0);
            let before = self
                .status
                .as_ref()
                .and_then(|s| s.profiles.iter().find(|q| q.profile == p.profile));
            let backed_up_before = before.is_some_and(|q| q.workbooks.iter().any(|w| w.versions > 0));
            if backed_up
                && !backed_up_before
                && self.status.is_some()
                && self.first_backup_seen.insert(p.profile.clone())
            {
                notifications::notify(
                    &self.t.tr("notify-first-backup"),
                    &self
                        .t
                        .format("notify-first-backup-body", &[("profile", p.profile.clone().into())]),
                    false,
                );
            }
            for w in &p.workbooks {
                if let Some(attempt) = w.last_attempt.as_ref().filter(|a| a.outcome == AttemptOutcome::Failed) {
                    let key = format!("{}|{}|{}", p.profile, w.workbook.display(), attempt.at);
                    if self.announced.insert(key) {
                        let body = attempt.message.clone().unwrap_or_default();
                        notifications::notify(&self.t.tr("notify-backup-failed"), &body, true);
                    }
                }
                // Data that vanished is told at once, once per pinned version: the user may
                // still remember what they did, and the version that holds it is kept.
                for vanished in &w.vanished {
                    let key = format!("vanished|{}|{}", p.profile, vanished.kept);
                    // At start the red or amber card says it; a notification is for news.
                    if self.announced.insert(key) && self.status.is_some() {
                        let problem = sheetsafe::problem::Problem::DataVanished {
                            profile: p.profile.clone(),
                            workbook: w.workbook.clone(),
                            vanished: vanished.clone(),
                        };
                        notifications::notify(&self.t.tr("notify-data-vanished"), &problem.localized(&self.t), true);
                    }
                }
            }
        }
        // Many workbooks at once: the loudest notification there is.
        for problem in &status.problems {
            if let sheetsafe::problem::Problem::ManyWorkbooksLost { workbooks } = problem {
                let key = format!("mass-loss|{workbooks:?}");
                if self.announced.insert(key) && self.status.is_some() {
                    notifications::notify(&self.t.tr("notify-mass-loss"), &problem.localized(&self.t), true);
                }
            }
        }
    }

    /// Creates the tray icon; false when there can be none (no desktop session bus).
    fn create_tray(&mut self) -> bool {
        match Tray::new(&self.t) {
            Ok(tray) => {
                self.tray = Some(tray);
                self.update_tray();
                true
            }
            Err(e) => {
                tracing::warn!("no tray icon: {e}; closing the window asks whether to keep running in the background");
                false
            }
        }
    }

    fn update_tray(&mut self) {
        let Some(tray) = &mut self.tray else { return };
        let level = self.status.as_ref().map_or(Level::Attention, |s| s.level);
        let last = self.status.as_ref().and_then(|s| {
            s.profiles
                .iter()
                .flat_map(|p| &p.workbooks)
                .filter_map(|w| w.last_backup)
                .max()
        });
        let line = last.map_or_else(
            || self.t.tr("tray-no-backup"),
            |when| {
                self.t
                    .format("tray-last-backup", &[("when", super::fmt::time(&when).into())])
            },
        );
        // While a long task runs, the tooltip says how far it is instead.
        let line = match &self.running {
            Some((_, Some(done))) => super::fmt::progress(&self.t, done),
            _ => line,
        };
        tray.update(level, &format!("{} — {line}", self.t.tr("app-name")), self.paused);
    }

    /// The window, and whether the app has decided to end (for the tests).
    #[cfg(test)]
    pub fn window_and_quitting(&self) -> (Option<window::Id>, bool) {
        (self.window, self.closing == Closing::Quitting)
    }

    /// Stops the hosted agent and ends the app once it has: the backup in flight and the
    /// catalog being written finish first (an encrypted profile's catalog and SHA256SUMS are
    /// a pair). A backup that takes longer than `AGENT_STOP_WAIT` is left to the crash-safe
    /// write (its temporary file is cleaned up at the next start).
    fn quit(&mut self) -> Task<Message> {
        const AGENT_STOP_WAIT: Duration = Duration::from_secs(30);
        self.closing = Closing::Quitting;
        if let Some(agent) = self.agent.take() {
            agent.send(AgentCommand::Shutdown);
        }
        let Some(thread) = self.agent_thread.take() else {
            return iced::exit();
        };
        background::run(
            move || {
                let start = std::time::Instant::now();
                while !thread.is_finished() && start.elapsed() < AGENT_STOP_WAIT {
                    std::thread::sleep(Duration::from_millis(20));
                }
                if thread.is_finished() {
                    let _ = thread.join();
                } else {
                    tracing::warn!("the agent did not stop within {AGENT_STOP_WAIT:?}; quitting anyway");
                }
            },
            |()| Message::AgentStopped,
        )
    }
}
