//! What a repair could not mend, as data: the place, the file and why, with an English
//! sentence for the command line and the log and a message id for the app
//! (`not-repaired-*`, `repair-error-*` in `assets/i18n/problems-*.ftl`).

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use super::{Damage, Place, RepairError};
use crate::i18n::{Explain, Said, SaidArg};
use crate::store::StoreError;

/// A version (or key file) that is still damaged or missing after a repair, or a list of
/// checksums that could not be rewritten.
#[derive(Debug, Clone)]
pub enum NotRepaired {
    /// Damaged or missing in a second copy whose automatic repair is off.
    RepairOff { place: Place, path: PathBuf },
    /// Damaged or missing, and no other place holds intact bytes of it. `encrypted` says
    /// which next step the command line names.
    NoIntactCopy {
        place: Place,
        path: PathBuf,
        damage: Damage,
        encrypted: bool,
    },
    /// An intact copy was there, but mending from it failed.
    Failed {
        place: Place,
        path: PathBuf,
        error: Arc<RepairError>,
    },
    /// A place's `SHA256SUMS` is stale or missing and could not be rewritten.
    SumsNotRewritten(Arc<StoreError>),
}

impl Damage {
    /// The words after the file's name: "is missing".
    fn words(self) -> &'static str {
        match self {
            Damage::Missing => "is missing",
            Damage::Changed => "is damaged",
            Damage::Unreadable => "cannot be read",
        }
    }

    /// The selector key the translations word this damage by.
    fn code(self) -> &'static str {
        match self {
            Damage::Missing => "missing",
            Damage::Changed => "damaged",
            Damage::Unreadable => "unreadable",
        }
    }
}

/// The English sentence the command line prints: names the file, the place and the next step.
impl fmt::Display for NotRepaired {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotRepaired::RepairOff { place, path } => write!(
                f,
                "`{}` in {} needs repair, but automatic repair is off for it; run `sheetsafe verify --repair`.",
                path.display(),
                place.describe()
            ),
            NotRepaired::NoIntactCopy {
                place,
                path,
                damage,
                encrypted: false,
            } => write!(
                f,
                "`{}` in {} {}, and no other place holds an intact copy of it. Restore another version; the others are listed by `sheetsafe versions`.",
                path.display(),
                place.describe(),
                damage.words()
            ),
            NotRepaired::NoIntactCopy {
                place,
                path,
                damage,
                encrypted: true,
            } => write!(
                f,
                "`{}` in {} {}, and no other place holds an intact copy of it. Make a new backup (the next copy takes it everywhere), or restore another version.",
                path.display(),
                place.describe(),
                damage.words()
            ),
            NotRepaired::Failed { place, path, error } => write!(
                f,
                "Could not repair `{}` in {}: {error}",
                path.display(),
                place.describe()
            ),
            NotRepaired::SumsNotRewritten(e) => write!(f, "{e}"),
        }
    }
}

/// In JSON (`verify --repair --json`), the English sentence, as before it was data.
impl Serialize for NotRepaired {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// The place as two arguments: `place` selects the words (`main` or `copy`), `destination`
/// names the second copy (empty for the main folder).
fn place_args(place: &Place) -> [(&'static str, SaidArg); 2] {
    match place {
        Place::Main => [
            ("place", SaidArg::Text("main".into())),
            ("destination", SaidArg::Text(String::new())),
        ],
        Place::Destination(name) => [
            ("place", SaidArg::Text("copy".into())),
            ("destination", SaidArg::Text(name.clone())),
        ],
    }
}

impl Explain for NotRepaired {
    fn said(&self) -> Said {
        let file = |p: &Path| ("file", SaidArg::from(p));
        let (id, args) = match self {
            NotRepaired::RepairOff { place, path } => {
                let mut args = vec![file(path)];
                args.extend(place_args(place));
                ("not-repaired-repair-off", args)
            }
            NotRepaired::NoIntactCopy {
                place, path, damage, ..
            } => {
                let mut args = vec![file(path), ("damage", SaidArg::Text(damage.code().into()))];
                args.extend(place_args(place));
                ("not-repaired-no-intact-copy", args)
            }
            NotRepaired::Failed { place, path, error } => {
                let mut args = vec![file(path), ("reason", SaidArg::Said(Box::new(error.said())))];
                args.extend(place_args(place));
                ("not-repaired-failed", args)
            }
            NotRepaired::SumsNotRewritten(e) => return e.said(),
        };
        Said::new(id, args, self.to_string())
    }
}

impl Explain for RepairError {
    /// `repair-error-*`, or the store's own words.
    fn said(&self) -> Said {
        let (id, path) = match self {
            RepairError::SourceChanged { path } => ("repair-error-source-changed", path),
            RepairError::ReadBackMismatch { path } => ("repair-error-read-back", path),
            RepairError::Store(e) => return e.said(),
        };
        Said::new(id, vec![("file", SaidArg::from(path.as_path()))], self.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Language, Translator, assert_said_everywhere};

    fn every_case() -> Vec<NotRepaired> {
        let path = || PathBuf::from("/media/usb/Cửa hàng/Sổ 2026-11-30 17.05.02.xlsx");
        let mut all = Vec::new();
        for place in [Place::Main, Place::Destination("USB".into())] {
            all.push(NotRepaired::RepairOff {
                place: place.clone(),
                path: path(),
            });
            for damage in [Damage::Missing, Damage::Changed, Damage::Unreadable] {
                for encrypted in [false, true] {
                    all.push(NotRepaired::NoIntactCopy {
                        place: place.clone(),
                        path: path(),
                        damage,
                        encrypted,
                    });
                }
            }
            for error in [
                RepairError::SourceChanged { path: path() },
                RepairError::ReadBackMismatch { path: path() },
                RepairError::Store(StoreError::Full { path: path() }),
            ] {
                all.push(NotRepaired::Failed {
                    place: place.clone(),
                    path: path(),
                    error: Arc::new(error),
                });
            }
        }
        all.push(NotRepaired::SumsNotRewritten(Arc::new(StoreError::ReadOnly {
            path: path(),
        })));
        all
    }

    #[test]
    fn what_a_repair_left_is_said_in_every_language_with_its_place_and_damage() {
        for case in every_case() {
            let said = case.said();
            assert_said_everywhere(&said);
            assert_eq!(said.english, case.to_string());
            for language in Language::ALL {
                let t = Translator::new(language);
                let words = said.localized(&t);
                // A second copy is named.
                if let SaidArg::Text(name) = &said
                    .args
                    .get("destination")
                    .cloned()
                    .unwrap_or(SaidArg::Text(String::new()))
                    && !name.is_empty()
                {
                    assert!(words.contains(name.as_str()), "{words}");
                }
                // A nested error is said in the same language, not in English.
                if let NotRepaired::Failed { error, .. } = &case
                    && language != Language::En
                {
                    assert!(!words.contains(&error.to_string()), "{words}");
                }
            }
        }
    }

    #[test]
    fn each_damage_and_place_has_its_own_words() {
        for language in Language::ALL {
            let t = Translator::new(language);
            let mut seen = std::collections::HashSet::new();
            for case in every_case()
                .into_iter()
                .filter(|c| matches!(c, NotRepaired::NoIntactCopy { encrypted: false, .. }))
            {
                assert!(seen.insert(case.localized(&t)), "{}: {case}", language.code());
            }
        }
    }
}
