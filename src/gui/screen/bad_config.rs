//! Shown when the configuration cannot be read: the error names the file and line, and the
//! user can open its folder to fix it, then reload.

use std::path::PathBuf;

use iced::Element;
use iced::widget::{column, row, text};
use sheetsafe::i18n::Translator;

use super::{RED, action, coloured, page};

#[derive(Debug, Clone)]
pub enum Message {
    OpenFolder,
    Reload,
}

/// The problem to show.
#[derive(Debug, Clone)]
pub struct BadConfig {
    pub file: PathBuf,
    pub error: String,
}

impl BadConfig {
    pub fn view<'a>(&'a self, t: &Translator) -> Element<'a, Message> {
        page(
            t.tr("bad-config-title"),
            column![
                coloured(self.error.clone(), RED),
                text(t.format("bad-config-help", &[("file", self.file.display().to_string().into())])),
                row![
                    action(t.tr("bad-config-open-folder"), Some(Message::OpenFolder)),
                    action(t.tr("bad-config-reload"), Some(Message::Reload))
                ]
                .spacing(12),
            ]
            .spacing(12),
        )
    }
}
