//! App settings: the interface language and starting at login.

use iced::widget::{checkbox, column, pick_list, text};
use iced::{Element, Task};
use sheetsafe::i18n::{Language, Translator};

use super::{RED, action, coloured, page};

#[derive(Debug, Clone, Copy)]
pub enum Message {
    LanguagePicked(LanguageChoice),
    StartAtLoginToggled(bool),
    Back,
}

/// What settings hands up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Language(Language),
    StartAtLogin(bool),
    Back,
}

/// A language as the picker lists it (by its own name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LanguageChoice(pub Language);

impl std::fmt::Display for LanguageChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.native_name())
    }
}

/// The settings screen's state.
#[derive(Debug, Clone)]
pub struct Settings {
    pub start_at_login: bool,
    pub error: Option<String>,
}

impl Settings {
    pub fn update(&mut self, message: Message) -> (Task<Message>, Option<Event>) {
        let event = match message {
            Message::LanguagePicked(choice) => Event::Language(choice.0),
            Message::StartAtLoginToggled(on) => {
                self.start_at_login = on;
                Event::StartAtLogin(on)
            }
            Message::Back => Event::Back,
        };
        (Task::none(), Some(event))
    }

    pub fn view<'a>(&'a self, t: &Translator) -> Element<'a, Message> {
        let choices: Vec<LanguageChoice> = Language::ALL.iter().copied().map(LanguageChoice).collect();
        let mut content = column![
            text(t.tr("settings-language")),
            pick_list(choices, Some(LanguageChoice(t.language())), Message::LanguagePicked),
            checkbox(self.start_at_login)
                .label(t.tr("wizard-start-at-login"))
                .on_toggle(Message::StartAtLoginToggled),
        ]
        .spacing(10);
        if let Some(e) = &self.error {
            content = content.push(coloured(e.clone(), RED));
        }
        content = content.push(action(t.tr("button-back"), Some(Message::Back)));
        page(t.tr("settings-title"), content)
    }
}
