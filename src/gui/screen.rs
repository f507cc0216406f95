//! The screens of the app, one module each, and the small building blocks they share.

pub mod bad_config;
pub mod history;
pub mod overview;
pub mod profile;
pub mod second_copy;
pub mod settings;
pub mod wizard;

use iced::widget::{button, column, container, text};
use iced::{Color, Element, Length};

/// Colours for the three states a user must tell apart at a glance.
pub const GREEN: Color = Color::from_rgb(0.18, 0.49, 0.20);
pub const AMBER: Color = Color::from_rgb(0.70, 0.42, 0.0);
pub const RED: Color = Color::from_rgb(0.78, 0.16, 0.16);

/// A page: a title over its content, with room around it.
pub fn page<'a, M: 'a>(title: String, content: impl Into<Element<'a, M>>) -> Element<'a, M> {
    container(column![text(title).size(26), content.into()].spacing(16))
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

/// A line of coloured text (for verified / attention / failed).
pub fn coloured<'a, M: 'a>(words: String, colour: Color) -> Element<'a, M> {
    text(words).color(colour).into()
}
