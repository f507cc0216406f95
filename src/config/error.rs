//! Why a configuration could not be used, as data: each kind of mistake is a variant with the
//! names and paths it is about, an English sentence for the command line (which may name its
//! flags) and a message id for the app (`config-error-*` in `assets/i18n/problems-*.ftl`,
//! which names no command line).

use std::io;
use std::path::{Path, PathBuf};

use super::NameProblem;
use super::destination::S3Problem;
use crate::fsutil;
use crate::i18n::{Explain, Said, SaidArg};

/// Why a configuration could not be used. Messages name the file and say what to do.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("Could not read the configuration `{}`: {source}.", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error(
        "The configuration `{}` has a mistake at line {line}, column {column}: {message}. Fix that line in a text editor, or move the file away to start again.",
        path.display()
    )]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("Could not save the configuration `{}`: {source}.", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error(
        "The profile name `{name}` {problem}. Profile names become folder names; choose a plain name such as `Sales`."
    )]
    ProfileName { name: String, problem: NameProblem },
    #[error(
        "The configuration `{}` has a profile named `{name}`, which {problem}. Profile names become folder names: change that `name` to a plain one such as `Sales` in a text editor, then start Sheetsafe again.",
        path.display()
    )]
    ProfileNameInFile {
        path: PathBuf,
        name: String,
        problem: NameProblem,
    },
    #[error("A profile called `{name}` already exists. Choose another name, or remove the old one first.")]
    DuplicateProfile { name: String },
    #[error(
        "The configuration `{}` has two profiles called `{first}` and `{second}`, which would share one backup folder on Windows and macOS. Rename one of them in a text editor, then start Sheetsafe again.",
        path.display()
    )]
    DuplicateProfileInFile {
        path: PathBuf,
        first: String,
        second: String,
    },
    #[error(
        "Could not lock the configuration `{}` for a change: {source}. Check that its folder is writable, then try again.",
        path.display()
    )]
    Lock { path: PathBuf, source: io::Error },
    #[error("There is no profile called `{name}`. {}", known_profiles(known))]
    UnknownProfile { name: String, known: Vec<String> },
    #[error("Profile `{profile}` has no workbook. Add one with --workbook PATH.")]
    NoWorkbook { profile: String },
    #[error("Profile `{profile}` has no backup folder. Choose one with --backup-folder DIR.")]
    NoBackupFolder { profile: String },
    #[error("`{}` is not a workbook file.", path.display())]
    NotAWorkbookFile { path: PathBuf },
    #[error(
        "Profile `{profile}` has two workbooks called `{file_name}`. Versions are named after the workbook, so put the second one in a profile of its own."
    )]
    DuplicateWorkbook { profile: String, file_name: String },
    #[error(
        "The backup folder `{}` would hold the workbook `{}` itself, so Sheetsafe would back up its own backups. Choose a backup folder outside `{}`.",
        store_dir.display(),
        workbook.display(),
        workbook_dir.display()
    )]
    BackupFolderHoldsWorkbook {
        /// The profile's folder inside the backup folder.
        store_dir: PathBuf,
        workbook: PathBuf,
        workbook_dir: PathBuf,
    },
    #[error(
        "The destination name `{name}` of profile `{profile}` {}. Choose a short name such as `USB disk` or `OneDrive`.",
        destination_name_words(*problem)
    )]
    DestinationName {
        profile: String,
        name: String,
        /// Only `Empty`, `TooLong` (over 64 characters) and `ControlCharacter` apply: a
        /// destination's name is a label, not a folder.
        problem: NameProblem,
    },
    #[error("Profile `{profile}` has two destinations called `{destination}`. Give each one its own name.")]
    DuplicateDestination { profile: String, destination: String },
    #[error("The destination `{destination}` of profile `{profile}` has no folder. Choose one with --folder DIR.")]
    DestinationWithoutFolder { profile: String, destination: String },
    #[error("The company storage `{destination}` of profile `{profile}` {problem}.")]
    CompanyStorage {
        profile: String,
        destination: String,
        problem: S3Problem,
    },
    #[error(
        "The destination `{destination}` would put its copies in `{}`, which is the main backup folder `{}` or inside it, so it would be no second copy. Choose a folder on another drive or in a cloud folder.",
        dir.display(),
        main_dir.display()
    )]
    DestinationInMainFolder {
        destination: String,
        dir: PathBuf,
        main_dir: PathBuf,
    },
    #[error(
        "Two destinations of profile `{profile}` use the folder `{}`. Each destination needs a folder of its own.",
        folder.display()
    )]
    DestinationFolderShared { profile: String, folder: PathBuf },
    #[error(
        "The destination `{destination}` would put its copies in `{}`, the folder of the workbook `{}` itself. Choose a folder on another drive or in a cloud folder.",
        dir.display(),
        workbook.display()
    )]
    DestinationHoldsWorkbook {
        destination: String,
        dir: PathBuf,
        workbook: PathBuf,
    },
}

/// The end of the "no such profile" sentence: the names there are, or how to make one.
fn known_profiles(known: &[String]) -> String {
    if known.is_empty() {
        "There are no profiles yet; add one with `sheetsafe profile add`.".to_string()
    } else {
        let names: Vec<String> = known.iter().map(|n| format!("`{n}`")).collect();
        format!("Known profiles: {}.", names.join(", "))
    }
}

/// A destination name's problem in words (its limits are not a folder name's).
fn destination_name_words(problem: NameProblem) -> &'static str {
    match problem {
        NameProblem::Empty => "is empty",
        NameProblem::TooLong => "is longer than 64 characters",
        _ => "contains control characters",
    }
}

impl Explain for ConfigError {
    /// What the error says, as data (`config-error-*` in `assets/i18n/problems-*.ftl`). A
    /// name's problem is a selector (`$problem`), so each language words the whole sentence;
    /// the TOML parser's own detail stays in English, as the file's text does.
    #[allow(clippy::too_many_lines)] // one arm per kind of mistake reads best side by side
    fn said(&self) -> Said {
        let path = |p: &Path| SaidArg::from(p);
        let text = |s: &str| SaidArg::Text(s.to_string());
        let reason = |e: &io::Error| SaidArg::Message {
            message: fsutil::io_reason_id(e).to_string(),
        };
        let problem = |p: &NameProblem| SaidArg::Text(p.code().to_string());
        let (id, args) = match self {
            ConfigError::Read { path: p, source } => {
                ("config-error-read", vec![("file", path(p)), ("reason", reason(source))])
            }
            ConfigError::Syntax {
                path: p,
                line,
                column,
                message,
            } => (
                "config-error-syntax",
                vec![
                    ("file", path(p)),
                    ("line", (*line).into()),
                    ("column", (*column).into()),
                    ("detail", text(message)),
                ],
            ),
            ConfigError::Write { path: p, source } => (
                "config-error-write",
                vec![("file", path(p)), ("reason", reason(source))],
            ),
            ConfigError::ProfileName { name, problem: why } => (
                "config-error-profile-name",
                vec![("name", text(name)), ("problem", problem(why))],
            ),
            ConfigError::ProfileNameInFile {
                path: p,
                name,
                problem: why,
            } => (
                "config-error-profile-name-in-file",
                vec![("file", path(p)), ("name", text(name)), ("problem", problem(why))],
            ),
            ConfigError::DuplicateProfile { name } => ("config-error-duplicate-profile", vec![("name", text(name))]),
            ConfigError::DuplicateProfileInFile { path: p, first, second } => (
                "config-error-duplicate-profile-in-file",
                vec![("file", path(p)), ("first", text(first)), ("second", text(second))],
            ),
            ConfigError::Lock { path: p, source } => {
                ("config-error-lock", vec![("file", path(p)), ("reason", reason(source))])
            }
            ConfigError::UnknownProfile { name, .. } => ("config-error-unknown-profile", vec![("name", text(name))]),
            ConfigError::NoWorkbook { profile } => ("config-error-no-workbook", vec![("profile", text(profile))]),
            ConfigError::NoBackupFolder { profile } => {
                ("config-error-no-backup-folder", vec![("profile", text(profile))])
            }
            ConfigError::NotAWorkbookFile { path: p } => ("config-error-not-a-workbook-file", vec![("file", path(p))]),
            ConfigError::DuplicateWorkbook { profile, file_name } => (
                "config-error-duplicate-workbook",
                vec![("profile", text(profile)), ("name", text(file_name))],
            ),
            ConfigError::BackupFolderHoldsWorkbook {
                store_dir,
                workbook,
                workbook_dir,
            } => (
                "config-error-backup-folder-holds-workbook",
                vec![
                    ("folder", path(store_dir)),
                    ("workbook", path(workbook)),
                    ("outside", path(workbook_dir)),
                ],
            ),
            ConfigError::DestinationName { name, problem: why, .. } => (
                "config-error-destination-name",
                vec![("name", text(name)), ("problem", problem(why))],
            ),
            ConfigError::DuplicateDestination { profile, destination } => (
                "config-error-duplicate-destination",
                vec![("profile", text(profile)), ("destination", text(destination))],
            ),
            ConfigError::DestinationWithoutFolder { profile, destination } => (
                "config-error-destination-without-folder",
                vec![("profile", text(profile)), ("destination", text(destination))],
            ),
            ConfigError::CompanyStorage {
                profile,
                destination,
                problem,
            } => (
                "config-error-company-storage",
                vec![
                    ("profile", text(profile)),
                    ("destination", text(destination)),
                    ("problem", text(problem.code())),
                ],
            ),
            ConfigError::DestinationInMainFolder {
                destination,
                dir,
                main_dir,
            } => (
                "config-error-destination-in-main-folder",
                vec![
                    ("destination", text(destination)),
                    ("folder", path(dir)),
                    ("main", path(main_dir)),
                ],
            ),
            ConfigError::DestinationFolderShared { profile, folder } => (
                "config-error-destination-folder-shared",
                vec![("profile", text(profile)), ("folder", path(folder))],
            ),
            ConfigError::DestinationHoldsWorkbook {
                destination,
                dir,
                workbook,
            } => (
                "config-error-destination-holds-workbook",
                vec![
                    ("destination", text(destination)),
                    ("folder", path(dir)),
                    ("workbook", path(workbook)),
                ],
            ),
        };
        Said::new(id, args, self.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Language, Translator, assert_said_everywhere};

    /// One of each kind, with every name problem a sentence can carry.
    fn every_error() -> Vec<ConfigError> {
        let p = || PathBuf::from("/home/lan/Sổ bán hàng.xlsx");
        let io = || io::Error::from(io::ErrorKind::PermissionDenied);
        let mut all = vec![
            ConfigError::Read {
                path: p(),
                source: io(),
            },
            ConfigError::Syntax {
                path: p(),
                line: 3,
                column: 7,
                message: "expected `]`".into(),
            },
            ConfigError::Write {
                path: p(),
                source: io(),
            },
            ConfigError::DuplicateProfile { name: "Sales".into() },
            ConfigError::DuplicateProfileInFile {
                path: p(),
                first: "Sales".into(),
                second: "sales".into(),
            },
            ConfigError::Lock {
                path: p(),
                source: io(),
            },
            ConfigError::UnknownProfile {
                name: "Kho".into(),
                known: vec!["Sales".into()],
            },
            ConfigError::NoWorkbook {
                profile: "Sales".into(),
            },
            ConfigError::NoBackupFolder {
                profile: "Sales".into(),
            },
            ConfigError::NotAWorkbookFile { path: p() },
            ConfigError::DuplicateWorkbook {
                profile: "Sales".into(),
                file_name: "a.xlsx".into(),
            },
            ConfigError::BackupFolderHoldsWorkbook {
                store_dir: p(),
                workbook: p(),
                workbook_dir: p(),
            },
            ConfigError::DuplicateDestination {
                profile: "Sales".into(),
                destination: "USB".into(),
            },
            ConfigError::DestinationWithoutFolder {
                profile: "Sales".into(),
                destination: "USB".into(),
            },
            ConfigError::DestinationInMainFolder {
                destination: "USB".into(),
                dir: p(),
                main_dir: p(),
            },
            ConfigError::DestinationFolderShared {
                profile: "Sales".into(),
                folder: p(),
            },
            ConfigError::DestinationHoldsWorkbook {
                destination: "USB".into(),
                dir: p(),
                workbook: p(),
            },
        ];
        for problem in NameProblem::ALL {
            all.push(ConfigError::ProfileName {
                name: "x".into(),
                problem,
            });
            all.push(ConfigError::ProfileNameInFile {
                path: p(),
                name: "x".into(),
                problem,
            });
        }
        for problem in S3Problem::ALL {
            all.push(ConfigError::CompanyStorage {
                profile: "Sales".into(),
                destination: "Office".into(),
                problem,
            });
        }
        for problem in [NameProblem::Empty, NameProblem::TooLong, NameProblem::ControlCharacter] {
            all.push(ConfigError::DestinationName {
                profile: "Sales".into(),
                name: "x".into(),
                problem,
            });
        }
        all
    }

    #[test]
    fn every_configuration_error_is_said_in_every_language_without_command_lines() {
        for e in every_error() {
            let said = e.said();
            assert_said_everywhere(&said);
            assert_eq!(said.english, e.to_string());
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 256, ..Default::default() })]

        /// Whatever name a hand-edited file or a hostile writer puts in (braces and `$` that
        /// look like Fluent, control characters, device names, very long ones), a refused
        /// name is said in every language with the name as it was, and nothing is left
        /// unfilled.
        #[test]
        fn any_refused_name_is_said_whole_in_every_language(
            name in proptest::string::string_regex("(\\{ ?\\$[a-z]+ ?\\}|[ .a-zA-Zđął0-9<>:\"/\\\\|?*\t\n-]|CON|NUL|COM1){0,80}").expect("regex")
        ) {
            if let Err(e) = super::super::validate_profile_name(&name) {
                let said = e.said();
                for language in Language::ALL {
                    let words = said.localized(&Translator::new(language));
                    proptest::prop_assert!(words.contains(name.as_str()), "{}: {}", language.code(), words);
                    let outside = words.replacen(name.as_str(), "", 1);
                    proptest::prop_assert!(!outside.contains("{$") && !outside.contains("{ $"), "{}", words);
                }
            }
        }
    }

    #[test]
    fn each_company_storage_problem_has_its_own_words() {
        for language in Language::ALL {
            let t = Translator::new(language);
            let words: std::collections::HashSet<String> = S3Problem::ALL
                .into_iter()
                .map(|problem| {
                    ConfigError::CompanyStorage {
                        profile: "Sales".into(),
                        destination: "Office".into(),
                        problem,
                    }
                    .said()
                    .localized(&t)
                })
                .collect();
            assert_eq!(words.len(), S3Problem::ALL.len(), "{}", language.code());
        }
    }

    #[test]
    fn each_name_problem_has_its_own_words() {
        for language in Language::ALL {
            let t = Translator::new(language);
            let mut seen = std::collections::HashSet::new();
            for problem in NameProblem::ALL {
                let said = ConfigError::ProfileName {
                    name: "x".into(),
                    problem,
                }
                .said();
                assert!(
                    seen.insert(said.localized(&t)),
                    "{} words two name problems alike",
                    language.code()
                );
            }
        }
    }
}
