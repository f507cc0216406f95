//! The overview: one card per profile with its workbooks, last backup, whether it is verified,
//! how many versions it holds and any problem in plain words, and the everyday actions.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use iced::widget::{column, row, scrollable, text};
use iced::{Element, Task};
use sheetsafe::i18n::Translator;
use sheetsafe::problem::Problem;
use sheetsafe::status::dismissed::can_dismiss;
use sheetsafe::status::{Level, Overview as Status, ProfileStatus};

use super::{AMBER, BOLD, GREEN, RED, Tone, action, card, coloured, page};
use crate::gui::fmt;

#[derive(Debug, Clone)]
pub enum Message {
    BackUpNow(String),
    Verify(String),
    /// "Copy now" on a second copy: the profile and the destination's name.
    CopyNow(String, String),
    /// Stop the running check or copy.
    Cancel,
    /// "Dismiss" on a check's finding the user knows about (see `status::dismissed`).
    Dismiss(Problem),
    /// "The change was intended" on a vanishing-data alarm: the profile and the workbook.
    AcceptChange(String, PathBuf),
    /// "Restore the version of 17:05…" on a vanishing-data alarm: the profile, the workbook and
    /// the pinned version's file.
    RestoreKept(String, PathBuf, String),
    OpenFolder(PathBuf),
    History(String),
    Edit(String),
    AddProfile,
    Settings,
}

/// What the root must do for the overview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    BackUpNow(String),
    Verify(String),
    CopyNow(String, String),
    Cancel,
    Dismiss(Problem),
    AcceptChange(String, PathBuf),
    /// Open the history at the restore confirmation of this version of this workbook.
    RestoreKept(String, PathBuf, String),
    OpenFolder(PathBuf),
    History(String),
    Edit(String),
    AddProfile,
    Settings,
}

/// The overview's own state: which profiles are busy and the last thing each action said.
#[derive(Debug, Clone, Default)]
pub struct Overview {
    busy: BTreeSet<String>,
    notes: BTreeMap<String, (String, Level)>,
    /// How far a long check is: shown on the card whose folders hold the file being read.
    progress: Option<crate::gui::background::Done>,
    /// A check or copy that can be cancelled is running.
    running: bool,
}

impl Overview {
    pub fn update(&mut self, message: Message) -> (Task<Message>, Option<Event>) {
        let event = match message {
            Message::BackUpNow(p) => {
                self.busy.insert(p.clone());
                Event::BackUpNow(p)
            }
            Message::Verify(p) => {
                self.busy.insert(p.clone());
                Event::Verify(p)
            }
            Message::CopyNow(p, d) => {
                self.busy.insert(p.clone());
                Event::CopyNow(p, d)
            }
            Message::Cancel => Event::Cancel,
            Message::Dismiss(p) => Event::Dismiss(p),
            Message::AcceptChange(p, w) => Event::AcceptChange(p, w),
            Message::RestoreKept(p, w, f) => Event::RestoreKept(p, w, f),
            Message::OpenFolder(f) => Event::OpenFolder(f),
            Message::History(p) => Event::History(p),
            Message::Edit(p) => Event::Edit(p),
            Message::AddProfile => Event::AddProfile,
            Message::Settings => Event::Settings,
        };
        (Task::none(), Some(event))
    }

    /// Shows how far the running check is (`None` once it is over).
    pub fn set_progress(&mut self, progress: Option<crate::gui::background::Done>) {
        self.progress = progress;
    }

    /// Whether a check or copy that can be cancelled is running (its Cancel button shows).
    pub fn set_running(&mut self, running: bool) {
        self.running = running;
    }

    /// Records the result of an action on `profile` and marks it idle again.
    pub fn note(&mut self, profile: &str, words: String, level: Level) {
        self.busy.remove(profile);
        self.notes.insert(profile.to_string(), (words, level));
    }

    pub fn view<'a>(&'a self, t: &Translator, status: Option<&'a Status>) -> Element<'a, Message> {
        let Some(status) = status else {
            return page(t.tr("overview-title"), text(t.tr("overview-loading")));
        };
        let mut content = column![hero(t, status)].spacing(12);
        for problem in &status.problems {
            let line = coloured(problem.localized(t), colour_of(problem.level()));
            // A finding nobody can mend (an old version damaged with no good copy left) would
            // keep the app red forever: the user may dismiss it, and that is recorded.
            content = content.push(if can_dismiss(problem) {
                row![
                    iced::widget::container(line).width(iced::Length::Fill),
                    action(t.tr("overview-dismiss"), Some(Message::Dismiss(problem.clone())))
                ]
                .spacing(12)
                .into()
            } else {
                line
            });
        }
        if !status.dismissed.is_empty() {
            content = content.push(text(
                t.format("overview-dismissed", &[("count", status.dismissed.len().into())]),
            ));
        }
        for profile in &status.profiles {
            content = content.push(self.profile_card(t, profile));
        }
        content = content.push(
            row![
                action(t.tr("overview-add-profile"), Some(Message::AddProfile)),
                action(t.tr("overview-settings"), Some(Message::Settings))
            ]
            .spacing(12),
        );
        page(t.tr("overview-title"), scrollable(content))
    }

    fn profile_card<'a>(&'a self, t: &Translator, p: &'a ProfileStatus) -> Element<'a, Message> {
        let name = p.profile.clone();
        let title = row![
            dot(colour_of(p.level()), 14.0),
            text(p.profile.clone()).size(20).font(BOLD)
        ]
        .spacing(10)
        .align_y(iced::alignment::Vertical::Center);
        let mut lines = column![title].spacing(4);
        for w in &p.workbooks {
            let last = w.last_backup.as_ref().map_or_else(
                || t.tr("overview-never"),
                |when| t.format("overview-last-backup", &[("ago", fmt::ago(t, when).into())]),
            );
            let verified = if w.verified_through.is_some() && w.problems.is_empty() {
                coloured(format!("✔ {}", t.tr("overview-verified")), GREEN)
            } else {
                coloured(t.tr("overview-not-verified"), AMBER)
            };
            lines = lines.push(text(w.workbook.display().to_string()));
            lines = lines.push(
                row![
                    text(last),
                    text(t.format("versions-count", &[("count", w.versions.into())])),
                    text(fmt::size(t, w.bytes)),
                    verified
                ]
                .spacing(16),
            );
            for problem in &w.problems {
                lines = lines.push(workbook_problem(t, problem));
            }
        }
        for problem in &p.problems {
            lines = lines.push(coloured(problem.localized(t), colour_of(problem.level())));
            // The one-click way out of "every copy is on this disk".
            if matches!(problem, sheetsafe::problem::Problem::NoCopyOffThisDisk { .. }) {
                lines = lines.push(action(
                    t.tr("overview-add-second-copy"),
                    Some(Message::Edit(p.profile.clone())),
                ));
            }
        }
        let busy = self.busy.contains(&p.profile);
        for d in &p.destinations {
            lines = lines.push(
                row![
                    // Fill, so a long line wraps and the button stays in view.
                    text(format!("→ {}: {}", d.name, destination_line(t, d))).width(iced::Length::Fill),
                    action(
                        t.tr("overview-copy-now"),
                        (!busy).then(|| Message::CopyNow(p.profile.clone(), d.name.clone()))
                    ),
                ]
                .spacing(12),
            );
        }
        if let Some(done) = self.progress.as_ref().filter(|d| {
            d.file.starts_with(&p.folder) || p.destinations.iter().any(|dest| d.file.starts_with(&dest.folder))
        }) {
            let cancel = self.running.then_some(Message::Cancel);
            lines = lines.push(
                row![
                    text(fmt::progress(t, done)).width(iced::Length::Fill),
                    action(t.tr("button-cancel"), cancel)
                ]
                .spacing(12),
            );
        }
        if let Some((words, level)) = self.notes.get(&p.profile) {
            lines = lines.push(coloured(words.clone(), colour_of(*level)));
        }
        let idle = |m: Message| (!busy).then_some(m);
        lines = lines.push(
            row![
                action(t.tr("overview-back-up-now"), idle(Message::BackUpNow(name.clone()))),
                action(t.tr("overview-verify"), idle(Message::Verify(name.clone()))),
                action(
                    t.tr("overview-open-folder"),
                    Some(Message::OpenFolder(p.folder.clone()))
                ),
                action(t.tr("overview-history"), Some(Message::History(name.clone()))),
                action(t.tr("overview-edit"), Some(Message::Edit(name))),
            ]
            .spacing(8),
        );
        card(lines)
    }
}

/// A workbook's problem line. A vanishing-data alarm carries its two ways out: restore the
/// version kept from before the loss (one click to its confirmation), or say the change was
/// intended (the pinned version then follows the keep rules again).
fn workbook_problem<'a>(t: &Translator, problem: &Problem) -> Element<'a, Message> {
    let line = coloured(problem.localized(t), colour_of(problem.level()));
    let Problem::DataVanished {
        profile,
        workbook,
        vanished,
    } = problem
    else {
        return line;
    };
    row![
        iced::widget::container(line).width(iced::Length::Fill),
        action(
            t.format(
                "overview-restore-kept",
                &[("time", fmt::time_to_second(&vanished.kept_created).into())]
            ),
            Some(Message::RestoreKept(
                profile.clone(),
                workbook.clone(),
                vanished.kept.to_string()
            ))
        ),
        action(
            t.tr("overview-accept-change"),
            Some(Message::AcceptChange(profile.clone(), workbook.clone()))
        )
    ]
    .spacing(12)
    .into()
}

/// The status at the top of the overview, where the eye lands first: a large dot in the tray's
/// colour, the state in a word or two, what it means, and when a copy was last verified.
fn hero<'a>(t: &Translator, status: &'a Status) -> Element<'a, Message> {
    let tone = colour_of(status.level);
    let (headline, meaning) = match status.level {
        Level::Ok => (t.tr("level-ok"), t.tr("hero-ok")),
        Level::Attention => (t.tr("level-attention"), t.tr("hero-attention")),
        Level::Failed => (t.tr("level-failed"), t.tr("hero-failed")),
    };
    let verified = status
        .profiles
        .iter()
        .flat_map(|p| &p.workbooks)
        .filter_map(|w| w.verified_through)
        .max();
    let last = verified.map_or_else(
        || t.tr("hero-never-verified"),
        |when| t.format("hero-last-verified", &[("ago", fmt::ago(t, &when).into())]),
    );
    let words = column![
        text(headline)
            .size(24)
            .font(BOLD)
            .style(move |theme: &iced::Theme| text::Style {
                color: Some(tone.colour(theme))
            }),
        text(meaning),
        text(last).size(14),
    ]
    .spacing(4);
    card(
        row![dot(tone, 44.0), words]
            .spacing(18)
            .align_y(iced::alignment::Vertical::Center),
    )
}

/// A filled circle in a state's colour: the app's status mark, drawn (no font needs the glyph).
fn dot<'a>(tone: Tone, size: f32) -> Element<'a, Message> {
    iced::widget::container(iced::widget::Space::new())
        .width(size)
        .height(size)
        .style(move |theme: &iced::Theme| iced::widget::container::Style {
            background: Some(tone.colour(theme).into()),
            border: iced::Border {
                radius: (size / 2.0).into(),
                ..iced::Border::default()
            },
            ..iced::widget::container::Style::default()
        })
        .into()
}

/// The colour of a level: the tray's green, amber and red.
fn colour_of(level: Level) -> Tone {
    match level {
        Level::Ok => GREEN,
        Level::Attention => AMBER,
        Level::Failed => RED,
    }
}

/// A second copy's state in words, in the user's language (the CLI has its own English line).
fn destination_line(t: &Translator, d: &sheetsafe::copies::DestinationStatus) -> String {
    use sheetsafe::copies::CopyState;
    let last = d
        .last_success
        .as_ref()
        .map_or_else(|| t.tr("copy-never"), |when| fmt::ago(t, when));
    let folder = d.folder.parent().unwrap_or(&d.folder).display().to_string();
    match d.state {
        CopyState::UpToDate => t.format(
            "copy-up-to-date",
            &[("last", last.into()), ("next", fmt::time(&d.next_due).into())],
        ),
        CopyState::Due => t.format("copy-due", &[("last", last.into())]),
        CopyState::WaitingForFolder => t.format("copy-waiting", &[("last", last.into()), ("folder", folder.into())]),
        CopyState::Overdue => t.format("copy-overdue", &[("last", last.into())]),
        CopyState::Failed => t.tr("copy-failed"),
    }
}
