//! "Keep this backup private": the wizard's choice to encrypt a new profile, its passphrase
//! (twice, with its strength in words), the optional company recovery key, and the recovery
//! sheet step, which writes the sheet and finishes only when the user types back four of its
//! characters, proof that it was saved and can be read. The keys themselves are made by
//! `sheetsafe::keys` when the first-run test starts, as `profile add --encrypt` makes them.

use std::path::PathBuf;

use iced::Element;
use iced::widget::{checkbox, column, row, text, text_input};
use sheetsafe::config::{Encryption, Profile};
use sheetsafe::crypto::{Passphrase, PublicKey, SecretKey};
use sheetsafe::i18n::Translator;

use super::{AMBER, GREEN, RED, action, card, coloured};

#[derive(Debug, Clone)]
pub enum Message {
    Toggled(bool),
    PassphraseTyped(String),
    AgainTyped(String),
    RecoveryKeyTyped(String),
    SheetPathTyped(String),
    /// "Save the recovery sheet" (to the typed file).
    SaveSheet,
    CheckTyped(String),
}

/// What the user chose, and the keys once made. (Its `Debug` leaves the secrets out.)
#[derive(Clone, Default)]
pub struct Privacy {
    pub enabled: bool,
    passphrase: String,
    again: String,
    recovery_key: String,
    /// The user's key, made when the passphrase is accepted (so the sheet can be written before
    /// anything lands in the backup folder).
    user: Option<SecretKey>,
    sheet_input: String,
    /// Where the sheet was written, once it was.
    pub sheet_saved: Option<PathBuf>,
    check: String,
    /// The settings `sheetsafe::keys::create` returned, once the keys are made.
    pub encryption: Option<Encryption>,
    /// What went wrong last, in words.
    problem: Option<String>,
}

impl std::fmt::Debug for Privacy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Privacy")
            .field("enabled", &self.enabled)
            .field("sheet_saved", &self.sheet_saved)
            .field("encryption", &self.encryption)
            .finish_non_exhaustive()
    }
}

/// How strong a passphrase looks, in three words a shop owner understands.
fn strength(passphrase: &str) -> &'static str {
    let chars = passphrase.chars().count();
    let words = passphrase.split_whitespace().count();
    if chars < Passphrase::MIN_CHARS {
        "wizard-private-strength-short"
    } else if chars >= 20 || words >= 4 {
        "wizard-private-strength-strong"
    } else {
        "wizard-private-strength-fair"
    }
}

impl Privacy {
    pub fn update(&mut self, message: Message, profile: &Profile, t: &Translator) {
        self.problem = None;
        match message {
            Message::Toggled(on) => self.enabled = on,
            Message::PassphraseTyped(p) => self.passphrase = p,
            Message::AgainTyped(p) => self.again = p,
            Message::RecoveryKeyTyped(k) => self.recovery_key = k,
            Message::SheetPathTyped(p) => self.sheet_input = p,
            Message::CheckTyped(c) => self.check = c,
            Message::SaveSheet => self.save_sheet(profile, t),
        }
    }

    /// Before leaving the options: the passphrase is long enough and typed alike twice, and a
    /// company key, if given, is one. Makes the user's key (once). `Err` is the sentence to show.
    pub fn accept(&mut self, t: &Translator) -> Result<(), String> {
        if !self.enabled {
            return Ok(());
        }
        if !Passphrase::new(&self.passphrase).is_long_enough() {
            return Err(t.format("wizard-private-too-short", &[("count", Passphrase::MIN_CHARS.into())]));
        }
        if self.passphrase != self.again {
            return Err(t.tr("wizard-private-differ"));
        }
        self.recovery().map_err(|()| t.tr("wizard-private-bad-key"))?;
        if self.user.is_none() {
            self.user = Some(SecretKey::generate());
        }
        if self.sheet_input.is_empty() {
            let docs = directories::UserDirs::new()
                .and_then(|d| d.document_dir().map(std::path::Path::to_path_buf))
                .unwrap_or_default();
            self.sheet_input = docs.join(t.tr("wizard-private-sheet-file")).display().to_string();
        }
        Ok(())
    }

    fn recovery(&self) -> Result<Option<PublicKey>, ()> {
        let text = self.recovery_key.trim();
        if text.is_empty() {
            return Ok(None);
        }
        text.parse::<PublicKey>().map(Some).map_err(|_| ())
    }

    fn save_sheet(&mut self, profile: &Profile, t: &Translator) {
        let Some(user) = &self.user else { return };
        let path = PathBuf::from(self.sheet_input.trim());
        match sheetsafe::keys::write_recovery_sheet(profile, user, &path) {
            Ok(()) => self.sheet_saved = Some(path),
            Err(sheetsafe::keys::KeysError::SheetExists { path }) => {
                self.problem = Some(t.format(
                    "wizard-private-sheet-exists",
                    &[("path", path.display().to_string().into())],
                ));
            }
            Err(e) => {
                tracing::warn!("{e}");
                self.problem = Some(t.format(
                    "wizard-private-sheet-failed",
                    &[("path", path.display().to_string().into())],
                ));
            }
        }
    }

    /// True once the sheet is saved and its four characters were typed back.
    pub fn sheet_done(&self) -> bool {
        let Some(user) = &self.user else { return false };
        self.sheet_saved.is_some()
            && !self.check.trim().is_empty()
            && self
                .check
                .trim()
                .eq_ignore_ascii_case(&sheetsafe::keys::sheet_check(user))
    }

    /// What the first-run test needs to make the keys: the user's key, the passphrase and the
    /// company key. `None` when the profile is not private or the keys are made already.
    pub fn keys_to_make(&self) -> Option<(SecretKey, Passphrase, Option<PublicKey>)> {
        if !self.enabled || self.encryption.is_some() {
            return None;
        }
        let user = self.user.clone()?;
        Some((user, Passphrase::new(&self.passphrase), self.recovery().ok().flatten()))
    }

    /// The keys are made: the passphrase is no longer kept in memory.
    pub fn made(&mut self, encryption: Encryption) {
        self.encryption = Some(encryption);
        self.passphrase.clear();
        self.again.clear();
    }

    /// The part of the options step: the choice, and when chosen the passphrase and the key.
    pub fn options_view<'a>(&'a self, t: &Translator) -> Element<'a, Message> {
        let mut part = column![
            checkbox(self.enabled)
                .label(t.tr("wizard-private"))
                .on_toggle(Message::Toggled)
        ]
        .spacing(8);
        if !self.enabled {
            return part.into();
        }
        let tone = match strength(&self.passphrase) {
            "wizard-private-strength-strong" => GREEN,
            "wizard-private-strength-fair" => AMBER,
            _ => RED,
        };
        part = part
            .push(text(t.tr("wizard-private-explain")))
            .push(
                text_input(&t.tr("wizard-private-passphrase"), &self.passphrase)
                    .secure(true)
                    .on_input(Message::PassphraseTyped),
            )
            .push(
                text_input(&t.tr("wizard-private-again"), &self.again)
                    .secure(true)
                    .on_input(Message::AgainTyped),
            )
            .push(coloured(t.tr(strength(&self.passphrase)), tone))
            .push(
                text_input(&t.tr("wizard-private-company-key"), &self.recovery_key).on_input(Message::RecoveryKeyTyped),
            )
            .push(coloured(t.tr("wizard-private-honest"), AMBER));
        part.into()
    }

    /// The recovery sheet step.
    pub fn sheet_view<'a>(&'a self, t: &Translator) -> Element<'a, Message> {
        let mut body = column![
            text(t.tr("wizard-private-sheet-explain")),
            row![
                text_input(&t.tr("wizard-private-sheet-path"), &self.sheet_input)
                    .on_input(Message::SheetPathTyped)
                    .width(iced::Length::Fill),
                action(
                    t.tr("wizard-private-save-sheet"),
                    (self.sheet_saved.is_none()).then_some(Message::SaveSheet)
                ),
            ]
            .spacing(12),
        ]
        .spacing(10);
        if let Some(problem) = &self.problem {
            body = body.push(coloured(problem.clone(), RED));
        }
        if let (Some(path), Some(user)) = (&self.sheet_saved, &self.user) {
            body = body.push(card(
                column![
                    coloured(
                        t.format(
                            "wizard-private-sheet-saved",
                            &[
                                ("path", path.display().to_string().into()),
                                ("fingerprint", user.public().fingerprint().into())
                            ]
                        ),
                        GREEN
                    ),
                    text(t.tr("wizard-private-check")),
                    text_input("1234", &self.check)
                        .on_input(Message::CheckTyped)
                        .width(iced::Length::Fixed(120.0)),
                ]
                .spacing(8),
            ));
        }
        body.into()
    }
}
