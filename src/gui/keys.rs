//! The keys the app answers without a mouse: Tab and Shift+Tab move between the fields, Enter
//! does what the screen's main button does (the wizard's Next, Finish or Try again), Escape
//! goes back, and Ctrl+Enter (⌘+Enter on a Mac) answers yes to the question the wizard is
//! asking ("Create this folder", "Use this folder anyway", "Add it anyway"). They make the wizard usable from the keyboard alone, which some users need and
//! which lets `scripts/test-gui` walk it with real key presses under Xvfb.

use iced::Subscription;
use iced::keyboard::{self, Event, key::Named};

/// A key press the app acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Enter,
    Escape,
    Tab,
    ShiftTab,
    /// Ctrl+Enter (⌘+Enter): yes to the question on screen. Never plain Enter, so the key
    /// that walks the wizard cannot consent by accident.
    Confirm,
}

/// How the confirm key is written on this system, for the hint beside the question's button.
pub fn confirm_keys() -> &'static str {
    if cfg!(target_os = "macos") {
        "⌘+Enter"
    } else {
        "Ctrl+Enter"
    }
}

/// The presses no widget took: Enter in a field with its own action (adding a typed workbook)
/// is the field's, not the screen's.
pub fn presses() -> Subscription<Key> {
    keyboard::listen().filter_map(key_of)
}

/// The key an event is, if the app acts on it. Held Ctrl or Alt leave it to the system and to
/// the fields (Alt+Tab, Ctrl+Tab are not ours), but for the confirm key.
pub fn key_of(event: Event) -> Option<Key> {
    let Event::KeyPressed { key, modifiers, .. } = event else {
        return None;
    };
    if key == keyboard::Key::Named(Named::Enter) && modifiers.command() && !modifiers.alt() && !modifiers.shift() {
        return Some(Key::Confirm);
    }
    if modifiers.control() || modifiers.alt() || modifiers.logo() {
        return None;
    }
    match key {
        keyboard::Key::Named(Named::Enter) => Some(Key::Enter),
        keyboard::Key::Named(Named::Escape) => Some(Key::Escape),
        keyboard::Key::Named(Named::Tab) if modifiers.shift() => Some(Key::ShiftTab),
        keyboard::Key::Named(Named::Tab) => Some(Key::Tab),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use iced::keyboard::{Location, Modifiers, key::Physical};

    fn press(key: keyboard::Key, modifiers: Modifiers) -> Event {
        Event::KeyPressed {
            key: key.clone(),
            modified_key: key,
            physical_key: Physical::Unidentified(keyboard::key::NativeCode::Unidentified),
            location: Location::Standard,
            modifiers,
            text: None,
            repeat: false,
        }
    }

    #[test]
    fn enter_escape_and_tab_are_ours_and_nothing_held_with_ctrl_or_alt_is() {
        let named = |n| keyboard::Key::Named(n);
        assert_eq!(key_of(press(named(Named::Enter), Modifiers::empty())), Some(Key::Enter));
        assert_eq!(
            key_of(press(named(Named::Escape), Modifiers::empty())),
            Some(Key::Escape)
        );
        assert_eq!(key_of(press(named(Named::Tab), Modifiers::empty())), Some(Key::Tab));
        assert_eq!(key_of(press(named(Named::Tab), Modifiers::SHIFT)), Some(Key::ShiftTab));
        for held in [Modifiers::CTRL, Modifiers::ALT, Modifiers::LOGO] {
            assert_eq!(key_of(press(named(Named::Tab), held)), None, "{held:?}+Tab");
        }
        assert_eq!(
            key_of(press(named(Named::Enter), Modifiers::COMMAND)),
            Some(Key::Confirm)
        );
        for held in [
            Modifiers::ALT,
            Modifiers::COMMAND | Modifiers::ALT,
            Modifiers::COMMAND | Modifiers::SHIFT,
        ] {
            assert_eq!(key_of(press(named(Named::Enter), held)), None, "{held:?}+Enter");
        }
        assert_eq!(
            key_of(press(keyboard::Key::Character("a".into()), Modifiers::empty())),
            None
        );
    }
}
