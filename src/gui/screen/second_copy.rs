//! Choosing a second copy: a USB disk, a cloud-drive folder or a share that receives a copy of
//! every version, off this computer, on a schedule said in words. The wizard's step and the
//! profile editor both use it. It can be skipped; the overview then says that the only copies
//! share the workbook's disk.

use std::path::{Path, PathBuf};

use chrono::NaiveTime;
use iced::Element;
use iced::widget::{checkbox, column, row, text, text_input};
use sheetsafe::config::Destination;
use sheetsafe::destination::Candidate;
use sheetsafe::i18n::Translator;
use sheetsafe::schedule::Schedule;

use super::action;

#[derive(Debug, Clone)]
pub enum Message {
    /// A place found on this computer was clicked: its label and folder.
    Picked(String, PathBuf),
    Typed(String),
    Browse,
    /// The folder dialog's answer (also the test seam).
    Browsed(Option<PathBuf>),
    OnPlugToggled(bool),
    /// No second copy now (the wizard's "Skip for now").
    Skip,
    /// Enter in the folder field: the wizard moves on, the profile editor waits for its button.
    Submit,
}

/// The folder field, focused when the wizard reaches this step.
pub const INPUT: &str = "second-copy-folder";

/// What the user chose for the second copy.
#[derive(Debug, Clone, Default)]
pub struct SecondCopy {
    input: String,
    /// The folder the copies go to (`<folder>/<profile name>`), once chosen.
    pub folder: Option<PathBuf>,
    /// What the destination is called: the place's label, or the folder's name.
    pub name: String,
    /// Copy whenever the disk is plugged in, rather than every day at 18:00.
    pub on_plug: bool,
}

impl SecondCopy {
    /// Applies a message; `Browse` and `Skip` are the wizard's to act on.
    pub fn update(&mut self, message: &Message) {
        match message {
            Message::Picked(label, folder) => {
                self.name.clone_from(label);
                self.input = folder.display().to_string();
                self.folder = Some(folder.clone());
            }
            Message::Typed(s) => {
                self.input.clone_from(s);
                let folder = PathBuf::from(s.trim());
                self.name = folder_name(&folder);
                self.folder = (!s.trim().is_empty()).then_some(folder);
            }
            Message::Browsed(Some(folder)) => {
                self.input = folder.display().to_string();
                self.name = folder_name(folder);
                self.folder = Some(folder.clone());
            }
            Message::OnPlugToggled(on) => self.on_plug = *on,
            Message::Skip => {
                self.folder = None;
                self.input.clear();
            }
            Message::Browsed(None) | Message::Browse | Message::Submit => {}
        }
    }

    /// The destination these answers describe, if a folder was chosen.
    pub fn destination(&self) -> Option<Destination> {
        let folder = self.folder.clone()?;
        let schedule = if self.on_plug {
            Schedule::OnPlug
        } else {
            Schedule::Daily {
                at: NaiveTime::from_hms_opt(18, 0, 0).unwrap_or(NaiveTime::MIN),
            }
        };
        Some(Destination {
            name: if self.name.trim().is_empty() {
                folder_name(&folder)
            } else {
                self.name.clone()
            },
            folder,
            schedule,
            ..Destination::default()
        })
    }

    pub fn view<'a>(
        &'a self,
        t: &Translator,
        candidates: &'a [Candidate],
        backup_folder: Option<&Path>,
    ) -> Element<'a, Message> {
        let mut places = column![text(t.tr("wizard-second-help"))].spacing(6);
        // The backup folder itself is no second copy.
        let others: Vec<&Candidate> = candidates
            .iter()
            .filter(|c| backup_folder.is_none_or(|b| !b.starts_with(&c.path)))
            .collect();
        if others.is_empty() {
            places = places.push(text(t.tr("wizard-no-places")));
        }
        for c in others {
            let folder = c.suggested_folder();
            places = places.push(action(
                format!("{} — {}", c.label, folder.display()),
                Some(Message::Picked(c.label.clone(), folder)),
            ));
        }
        let typed = row![
            text_input(&t.tr("wizard-folder-placeholder"), &self.input)
                .id(INPUT)
                .on_input(Message::Typed)
                .on_submit(Message::Submit),
            action(t.tr("button-browse"), Some(Message::Browse)),
        ]
        .spacing(8);
        let mut content = column![places, typed].spacing(12);
        if let Some(folder) = &self.folder {
            content = content.push(text(t.format(
                "wizard-second-chosen",
                &[("folder", folder.display().to_string().into())],
            )));
        }
        content = content.push(
            checkbox(self.on_plug)
                .label(t.tr("wizard-second-on-plug"))
                .on_toggle(Message::OnPlugToggled),
        );
        content.into()
    }
}

/// A destination's name from its folder: `E:\Sheetsafe` → `Sheetsafe`, a drive root → itself.
fn folder_name(folder: &Path) -> String {
    folder
        .file_name()
        .map_or_else(|| folder.display().to_string(), |n| n.to_string_lossy().into_owned())
}
