//! The screens of the app, one module each, and the small building blocks they share.

pub mod bad_config;
pub mod folder_check;
pub mod history;
pub mod overview;
pub mod privacy;
pub mod profile;
pub mod second_copy;
pub mod settings;
pub mod wizard;

use iced::widget::{button, column, container, text};
use iced::{Color, Element, Font, Length, Theme};

/// The three states a user must tell apart at a glance. Their colours depend on the theme, so
/// they read as well on the dark theme as on the light one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Good,
    Warn,
    Bad,
}

pub const GREEN: Tone = Tone::Good;
pub const AMBER: Tone = Tone::Warn;
pub const RED: Tone = Tone::Bad;

impl Tone {
    /// The colour of this tone on `theme`: deep on a light background, bright on a dark one.
    pub fn colour(self, theme: &Theme) -> Color {
        let dark = theme.extended_palette().is_dark;
        match (self, dark) {
            (Tone::Good, false) => Color::from_rgb(0.18, 0.49, 0.20),
            (Tone::Warn, false) => Color::from_rgb(0.70, 0.42, 0.0),
            (Tone::Bad, false) => Color::from_rgb(0.78, 0.16, 0.16),
            (Tone::Good, true) => Color::from_rgb(0.45, 0.82, 0.47),
            (Tone::Warn, true) => Color::from_rgb(1.0, 0.76, 0.31),
            (Tone::Bad, true) => Color::from_rgb(1.0, 0.45, 0.42),
        }
    }
}

/// The bundled typeface (Noto Sans, `assets/fonts/`): Vietnamese and Polish letters look the
/// same on every computer, whatever fonts it has.
pub const FONT: Font = Font::with_name("Noto Sans");

/// The bundled typeface's files, handed to iced at start.
pub const FONT_FILES: [&[u8]; 2] = [
    include_bytes!("../../assets/fonts/NotoSans-Regular.ttf"),
    include_bytes!("../../assets/fonts/NotoSans-Bold.ttf"),
];

/// The bold cut of [`FONT`], for headlines.
pub const BOLD: Font = Font {
    weight: iced::font::Weight::Bold,
    ..FONT
};

/// A page: a title over its content, with room around it.
pub fn page<'a, M: 'a>(title: String, content: impl Into<Element<'a, M>>) -> Element<'a, M> {
    container(column![text(title).size(26).font(BOLD), content.into()].spacing(16))
        .padding(24)
        .width(Length::Fill)
        .height(Length::Fill)
        .into()
}

/// A framed box, for cards and notices.
pub fn card<'a, M: 'a>(content: impl Into<Element<'a, M>>) -> Element<'a, M> {
    container(content)
        .padding(14)
        .width(Length::Fill)
        .style(container::bordered_box)
        .into()
}

/// A button that does `message` when pressed, or is greyed out when `message` is `None`.
pub fn action<'a, M: Clone + 'a>(label: String, message: Option<M>) -> button::Button<'a, M> {
    button(text(label)).on_press_maybe(message).padding([6, 14])
}

/// A line of text in a state's colour (for verified / attention / failed).
pub fn coloured<'a, M: 'a>(words: String, tone: Tone) -> Element<'a, M> {
    text(words)
        .style(move |theme: &Theme| text::Style {
            color: Some(tone.colour(theme)),
        })
        .into()
}
