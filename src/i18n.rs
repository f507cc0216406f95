//! Translations: English, Vietnamese and Polish text for everything the desktop app shows.
//!
//! Texts live in Fluent files (`assets/i18n/<lang>.ftl`), compiled into the program so a copied
//! executable is complete. Fluent handles plural forms properly, which Polish needs ("1 wersja",
//! "2 wersje", "5 wersji"). A test checks that every message exists in all three languages.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};
use unic_langid::LanguageIdentifier;

/// A language the interface is available in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    En,
    Vi,
    Pl,
}

impl Language {
    /// Every supported language, in the order settings list them.
    pub const ALL: [Language; 3] = [Language::En, Language::Vi, Language::Pl];

    /// The BCP 47 code (`en`, `vi`, `pl`).
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Vi => "vi",
            Language::Pl => "pl",
        }
    }

    /// The language's own name, as a language picker shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Language::En => "English",
            Language::Vi => "Tiếng Việt",
            Language::Pl => "Polski",
        }
    }

    /// Parses a code such as `vi`, `pl-PL` or `en_US.UTF-8`; unknown languages give `None`.
    pub fn from_code(code: &str) -> Option<Language> {
        let primary = code.trim().split(['-', '_', '.']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Language::En),
            "vi" => Some(Language::Vi),
            "pl" => Some(Language::Pl),
            _ => None,
        }
    }

    /// The configured language if valid, else the system's if supported, else English.
    pub fn choose(configured: &str) -> Language {
        Language::from_code(configured)
            .or_else(|| sys_locale::get_locales().find_map(|l| Language::from_code(&l)))
            .unwrap_or(Language::En)
    }

    /// The Fluent sources of this language: shared texts (tray, notifications, levels) and the
    /// app's screens, kept in two files so the two can be edited independently.
    fn sources(self) -> [&'static str; 3] {
        match self {
            Language::En => [
                include_str!("../assets/i18n/en.ftl"),
                include_str!("../assets/i18n/app-en.ftl"),
                include_str!("../assets/i18n/problems-en.ftl"),
            ],
            Language::Vi => [
                include_str!("../assets/i18n/vi.ftl"),
                include_str!("../assets/i18n/app-vi.ftl"),
                include_str!("../assets/i18n/problems-vi.ftl"),
            ],
            Language::Pl => [
                include_str!("../assets/i18n/pl.ftl"),
                include_str!("../assets/i18n/app-pl.ftl"),
                include_str!("../assets/i18n/problems-pl.ftl"),
            ],
        }
    }

    pub(crate) fn source(self) -> String {
        self.sources().join("\n")
    }
}

/// Formats messages in one language.
pub struct Translator {
    language: Language,
    bundle: FluentBundle<FluentResource>,
    /// English, for a message missing from a translation (the test keeps that from happening,
    /// but a user should never see a bare message id).
    fallback: Option<Box<Translator>>,
}

impl std::fmt::Debug for Translator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Translator")
            .field("language", &self.language)
            .finish_non_exhaustive()
    }
}

impl Translator {
    /// A translator for `language`.
    pub fn new(language: Language) -> Translator {
        let id: LanguageIdentifier = language.code().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // Unicode isolation marks around arguments render as boxes in some fonts.
        bundle.set_use_isolating(false);
        match FluentResource::try_new(language.source()) {
            Ok(resource) => {
                if let Err(errors) = bundle.add_resource(resource) {
                    tracing::error!("duplicate messages in {}.ftl: {errors:?}", language.code());
                }
            }
            Err((_, errors)) => tracing::error!("syntax errors in {}.ftl: {errors:?}", language.code()),
        }
        let fallback = (language != Language::En).then(|| Box::new(Translator::new(Language::En)));
        Translator {
            language,
            bundle,
            fallback,
        }
    }

    pub fn language(&self) -> Language {
        self.language
    }

    /// Whether this language (or English, its fallback) has the message `id`.
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id) || self.fallback.as_ref().is_some_and(|f| f.has(id))
    }

    /// The message `id` with no arguments.
    pub fn tr(&self, id: &str) -> String {
        self.format(id, &[])
    }

    /// The message `id` with named arguments, e.g. `("count", 3.into())`.
    pub fn format(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            return match &self.fallback {
                Some(english) => english.format(id, args),
                None => id.to_string(),
            };
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            let value = match value {
                Arg::Text(s) => FluentValue::from(s.clone()),
                Arg::Number(n) => FluentValue::from(*n),
            };
            fluent_args.set(*name, value);
        }
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned();
        if !errors.is_empty() {
            tracing::warn!("message {id} in {}: {errors:?}", self.language.code());
        }
        text
    }

    /// Every message id this language defines.
    pub fn ids(language: Language) -> Vec<String> {
        message_ids(&language.source())
    }
}

/// An argument to a message.
#[derive(Debug, Clone)]
pub enum Arg<'a> {
    Text(Cow<'a, str>),
    Number(f64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(s))
    }
}

impl From<String> for Arg<'_> {
    fn from(s: String) -> Self {
        Arg::Text(Cow::Owned(s))
    }
}

impl From<usize> for Arg<'_> {
    #[allow(clippy::cast_precision_loss)] // counts shown to people are far below 2^52
    fn from(n: usize) -> Self {
        Arg::Number(n as f64)
    }
}

impl From<u64> for Arg<'_> {
    #[allow(clippy::cast_precision_loss)]
    fn from(n: u64) -> Self {
        Arg::Number(n as f64)
    }
}

/// A sentence kept as data until someone reads it: its message id and arguments, so the app can
/// say it in the user's language, and its English words, for the log, the command line and any
/// reader that does not know the id (an older Sheetsafe reading a newer one's status file).
/// Errors make one of these when what they say has to outlive them (in `agent-status.json`,
/// `copies.toml`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Said {
    pub id: String,
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub args: std::collections::BTreeMap<String, SaidArg>,
    pub english: String,
}

/// What an error says, as data: each error type gives its [`Said`] once, and its words in any
/// language follow from it, so no type writes its own `localized`.
pub trait Explain {
    /// The message id, its arguments and the English words.
    fn said(&self) -> Said;

    /// The words in the translator's language, as the app shows them (no command lines; the
    /// system's reason in words, its raw text in the English words).
    fn localized(&self, t: &Translator) -> String {
        self.said().localized(t)
    }
}

/// One argument of a [`Said`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum SaidArg {
    Number(u64),
    Text(String),
    /// Another message, said in the same language (the system's reason in words).
    Message {
        message: String,
    },
    /// Another sentence with arguments of its own (an error inside "could not repair …").
    Said(Box<Said>),
}

impl Said {
    /// A sentence with message `id`, its `args`, and its English words.
    pub fn new(id: &str, args: Vec<(&str, SaidArg)>, english: String) -> Said {
        Said {
            id: id.to_string(),
            args: args
                .into_iter()
                .map(|(name, value)| (name.to_string(), value))
                .collect(),
            english,
        }
    }

    /// The sentence in the translator's language; the English words when the message is not
    /// known here.
    pub fn localized(&self, t: &Translator) -> String {
        if !t.has(&self.id) {
            return self.english.clone();
        }
        t.format(&self.id, &self.args(t))
    }

    /// The arguments, nested messages said in `t`'s language.
    pub fn args(&self, t: &Translator) -> Vec<(&str, Arg<'static>)> {
        self.args
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    SaidArg::Number(n) => Arg::from(*n),
                    SaidArg::Text(text) => Arg::from(text.clone()),
                    SaidArg::Message { message } => Arg::from(t.tr(message)),
                    SaidArg::Said(said) => Arg::from(said.localized(t)),
                };
                (name.as_str(), value)
            })
            .collect()
    }
}

impl std::fmt::Display for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.english)
    }
}

impl From<&std::path::Path> for SaidArg {
    fn from(path: &std::path::Path) -> Self {
        SaidArg::Text(path.display().to_string())
    }
}

impl From<String> for SaidArg {
    fn from(text: String) -> Self {
        SaidArg::Text(text)
    }
}

impl From<u64> for SaidArg {
    fn from(n: u64) -> Self {
        SaidArg::Number(n)
    }
}

impl From<usize> for SaidArg {
    fn from(n: usize) -> Self {
        SaidArg::Number(u64::try_from(n).unwrap_or(u64::MAX))
    }
}

/// Why something failed, as the status keeps it: a [`Said`] sentence, or only English words
/// (what older versions wrote, read back unchanged).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Reason {
    Said(Said),
    English(String),
}

impl Reason {
    /// The reason in the translator's language where it is known there.
    pub fn localized(&self, t: &Translator) -> String {
        match self {
            Reason::Said(said) => said.localized(t),
            Reason::English(text) => text.clone(),
        }
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reason::Said(said) => f.write_str(&said.english),
            Reason::English(text) => f.write_str(text),
        }
    }
}

impl From<Said> for Reason {
    fn from(said: Said) -> Self {
        Reason::Said(said)
    }
}

impl From<String> for Reason {
    fn from(text: String) -> Self {
        Reason::English(text)
    }
}

/// For the tests of typed messages: [`assert_message_everywhere`] for a [`Said`].
#[cfg(test)]
pub(crate) fn assert_said_everywhere(said: &Said) {
    let t = Translator::new(Language::En);
    assert_message_everywhere(&said.id, &said.args(&t));
    for value in said.args.values() {
        if let SaidArg::Said(inner) = value {
            assert_said_everywhere(inner);
        }
    }
}

/// Message ids and the variables each uses, read from Fluent source (for the completeness test).
fn message_ids(source: &str) -> Vec<String> {
    source
        .lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
        .filter_map(|l| l.split_once('=').map(|(id, _)| id.trim().to_string()))
        .collect()
}

/// The variables (`{ $name }`) each message of a Fluent source refers to.
pub fn variables_by_message(source: &str) -> HashMap<String, Vec<String>> {
    let mut map: HashMap<String, Vec<String>> = HashMap::new();
    let mut current = None;
    for line in source.lines() {
        if line.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && let Some((id, _)) = line.split_once('=')
        {
            current = Some(id.trim().to_string());
        }
        if let Some(id) = &current {
            let vars = map.entry(id.clone()).or_default();
            for part in line.split('$').skip(1) {
                let name: String = part
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .collect();
                if !name.is_empty() && !vars.contains(&name) {
                    vars.push(name);
                }
            }
        }
    }
    for vars in map.values_mut() {
        vars.sort();
    }
    map
}

/// For the tests of typed messages (problems, errors): `id` exists in every language with
/// exactly the variables `args` names, and the filled-in text keeps no placeholder and shows no
/// command line (the app names its buttons instead).
#[cfg(test)]
pub(crate) fn assert_message_everywhere(id: &str, args: &[(&str, Arg<'_>)]) {
    let mut given: Vec<String> = args.iter().map(|(name, _)| (*name).to_string()).collect();
    given.sort();
    for language in Language::ALL {
        let messages = variables_by_message(&language.source());
        let vars = messages
            .get(id)
            .unwrap_or_else(|| panic!("{id} is missing in {}", language.code()));
        assert_eq!(&given, vars, "{id} in {} uses other arguments", language.code());
        let text = Translator::new(language).format(id, args);
        // Fluent writes an argument it was not given as `{$name}`.
        assert!(!text.contains("{$"), "{id}: {text}");
        assert!(
            !text.contains("sheetsafe ") && !text.contains("--"),
            "{id} shows command-line syntax: {text}"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_exists_in_every_language_with_the_same_variables() {
        let english = variables_by_message(&Language::En.source());
        assert!(!english.is_empty());
        for language in [Language::Vi, Language::Pl] {
            let other = variables_by_message(&language.source());
            for (id, vars) in &english {
                let theirs = other
                    .get(id)
                    .unwrap_or_else(|| panic!("{id} is missing from {}.ftl", language.code()));
                assert_eq!(theirs, vars, "{id} in {}.ftl uses other variables", language.code());
            }
            for id in other.keys() {
                assert!(
                    english.contains_key(id),
                    "{id} in {}.ftl is not in en.ftl",
                    language.code()
                );
            }
        }
    }

    #[test]
    fn every_file_parses_without_errors() {
        for language in Language::ALL {
            for source in language.sources() {
                assert!(
                    FluentResource::try_new(source.to_string()).is_ok(),
                    "a {} file has errors",
                    language.code()
                );
            }
        }
    }

    #[test]
    fn polish_plurals_follow_polish_rules() {
        let pl = Translator::new(Language::Pl);
        assert_eq!(pl.format("versions-count", &[("count", 1usize.into())]), "1 wersja");
        assert_eq!(pl.format("versions-count", &[("count", 3usize.into())]), "3 wersje");
        assert_eq!(pl.format("versions-count", &[("count", 5usize.into())]), "5 wersji");
        let en = Translator::new(Language::En);
        assert_eq!(en.format("versions-count", &[("count", 1usize.into())]), "1 version");
    }

    #[test]
    fn locale_codes_map_to_languages() {
        assert_eq!(Language::from_code("vi-VN"), Some(Language::Vi));
        assert_eq!(Language::from_code("pl_PL.UTF-8"), Some(Language::Pl));
        assert_eq!(Language::from_code("de"), None);
        assert_eq!(Language::choose("pl"), Language::Pl);
    }
}
