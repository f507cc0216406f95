//! The app's words for what a check found ([`Finding`]): one message per kind, in the user's
//! language, naming the file and the next step in words a shop owner can act on (no command
//! lines; a raw operating-system text goes only where nothing better is known). The command
//! line keeps [`Finding::message`], its English sentences with the commands to run.

use std::path::Path;

use crate::i18n::Arg;
use crate::store;
use crate::verify::Finding;
use crate::verify::sealed::SealedFinding;

/// The Fluent message id for `finding` (in `assets/i18n/problems-*.ftl`).
pub fn message_id(finding: &Finding) -> &'static str {
    match finding {
        Finding::Unreachable { .. } => "finding-unreachable",
        Finding::CatalogDamaged { .. } => "finding-catalog-damaged",
        Finding::NewerFormat { .. } => "finding-newer-format",
        Finding::CatalogLost { .. } => "finding-catalog-lost",
        Finding::Rejected { .. } => "finding-rejected",
        Finding::Duplicate { .. } => "finding-duplicate",
        Finding::NotAFile { .. } => "finding-not-a-file",
        Finding::ClockSetBack { .. } => "finding-clock-set-back",
        Finding::Missing { .. } => "finding-missing",
        Finding::SizeMismatch { .. } => "finding-size-mismatch",
        Finding::HashMismatch { .. } => "finding-hash-mismatch",
        Finding::Unreadable { .. } => "finding-unreadable-file",
        Finding::Damaged { .. } => "finding-damaged",
        Finding::NotChecked { .. } => "finding-not-checked",
        Finding::Unlisted { .. } => "finding-unlisted",
        Finding::Leftover { .. } => "finding-leftover",
        Finding::SumsOutOfDate => "finding-sums-out-of-date",
    }
}

/// The arguments of [`message_id`]: `folder` is the folder the check read; files are shown
/// with their whole path, so the user can find them.
pub fn args(folder: &Path, finding: &Finding) -> Vec<(&'static str, Arg<'static>)> {
    let at = |file: &str| Arg::from(folder.join(file).display().to_string());
    let folder_arg = || ("folder", Arg::from(folder.display().to_string()));
    match finding {
        Finding::Unreachable { .. } | Finding::CatalogDamaged { .. } | Finding::NewerFormat { .. } => {
            vec![folder_arg()]
        }
        Finding::SumsOutOfDate => vec![("file", at(store::SUMS_FILE))],
        Finding::CatalogLost { unlisted } => vec![folder_arg(), ("count", (*unlisted).into())],
        Finding::Rejected { file, .. } => vec![folder_arg(), ("file", Arg::from(file.escape_debug().to_string()))],
        Finding::Duplicate { file, count } => vec![("file", at(file)), ("count", (*count).into())],
        Finding::ClockSetBack { file, after } => vec![("file", at(file)), ("after", Arg::from(after.clone()))],
        Finding::SizeMismatch { file, expected, actual } => vec![
            ("file", at(file)),
            ("expected", Arg::from(expected.to_string())),
            ("actual", Arg::from(actual.to_string())),
        ],
        Finding::Unreadable { file, detail } => vec![("file", at(file)), ("reason", Arg::from(detail.clone()))],
        Finding::NotAFile { file }
        | Finding::Missing { file }
        | Finding::HashMismatch { file, .. }
        | Finding::Damaged { file, .. }
        | Finding::NotChecked { file }
        | Finding::Unlisted { file }
        | Finding::Leftover { file } => vec![("file", at(file))],
    }
}

/// The Fluent message id for what a keyless check of an encrypted folder found.
pub fn sealed_message_id(finding: &SealedFinding) -> &'static str {
    match finding {
        SealedFinding::Unreachable { .. } => "sealed-unreachable",
        SealedFinding::SumsMissing { .. } => "sealed-sums-missing",
        SealedFinding::KeyMissing { .. } => "sealed-key-missing",
        SealedFinding::NotOurs { .. } => "sealed-not-ours",
        SealedFinding::NotAFile { .. } => "sealed-not-a-file",
        SealedFinding::Missing { .. } => "sealed-missing",
        SealedFinding::Damaged { .. } => "sealed-damaged",
        SealedFinding::Unreadable { .. } => "sealed-unreadable",
        SealedFinding::Leftover { .. } => "sealed-leftover",
        SealedFinding::Unlisted { .. } => "sealed-unlisted",
    }
}

/// The arguments of [`sealed_message_id`]: the file's whole path.
pub fn sealed_args(finding: &SealedFinding) -> Vec<(&'static str, Arg<'static>)> {
    let file = ("file", Arg::from(finding.path().display().to_string()));
    match finding {
        SealedFinding::Unreadable { detail, .. } => vec![file, ("reason", Arg::from(detail.clone()))],
        _ => vec![file],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Language, variables_by_message};
    use crate::store::NameProblem;
    use std::path::PathBuf;

    /// One finding of every kind.
    fn samples() -> Vec<Finding> {
        let file = || "Sổ bán hàng__2026-11-30_170500.xlsx".to_string();
        vec![
            Finding::Unreachable { detail: "gone".into() },
            Finding::CatalogDamaged { detail: "bad".into() },
            Finding::NewerFormat { detail: "v9".into() },
            Finding::CatalogLost { unlisted: 3 },
            Finding::Rejected {
                file: "../x".into(),
                problem: NameProblem::Separator,
            },
            Finding::Duplicate { file: file(), count: 2 },
            Finding::NotAFile { file: file() },
            Finding::ClockSetBack {
                file: file(),
                after: "a.xlsx".into(),
            },
            Finding::Missing { file: file() },
            Finding::SizeMismatch {
                file: file(),
                expected: 10,
                actual: 5,
            },
            Finding::HashMismatch {
                file: file(),
                expected: "a".into(),
                actual: "b".into(),
            },
            Finding::Unreadable {
                file: file(),
                detail: "Input/output error".into(),
            },
            Finding::Damaged {
                file: file(),
                detail: "bad zip".into(),
            },
            Finding::NotChecked { file: file() },
            Finding::Unlisted { file: file() },
            Finding::Leftover { file: file() },
            Finding::SumsOutOfDate,
        ]
    }

    #[test]
    fn every_sealed_finding_has_its_words_in_every_language_with_exactly_its_arguments() {
        let path = || PathBuf::from("/backups/Cửa hàng/v/0f3a9c.age");
        let samples = [
            SealedFinding::Unreachable {
                path: path(),
                detail: "gone".into(),
            },
            SealedFinding::SumsMissing { path: path() },
            SealedFinding::KeyMissing { path: path() },
            SealedFinding::NotOurs {
                sums: path(),
                name: "../x".into(),
            },
            SealedFinding::NotAFile { path: path() },
            SealedFinding::Missing { path: path() },
            SealedFinding::Damaged { path: path() },
            SealedFinding::Unreadable {
                path: path(),
                detail: "I/O error".into(),
            },
            SealedFinding::Leftover { path: path() },
            SealedFinding::Unlisted { path: path() },
        ];
        let ids: std::collections::BTreeSet<&str> = samples.iter().map(sealed_message_id).collect();
        assert_eq!(ids.len(), samples.len(), "two findings share one message");
        for language in Language::ALL {
            let messages = variables_by_message(&language.source());
            for finding in &samples {
                let id = sealed_message_id(finding);
                let vars = messages
                    .get(id)
                    .unwrap_or_else(|| panic!("{id} is missing in {}", language.code()));
                let mut given: Vec<String> = sealed_args(finding).iter().map(|(n, _)| (*n).to_string()).collect();
                given.sort();
                let mut wanted = vars.clone();
                wanted.sort();
                assert_eq!(given, wanted, "{id} in {}", language.code());
            }
        }
    }

    #[test]
    fn every_finding_has_its_words_in_every_language_with_exactly_its_arguments_and_no_command() {
        let samples = samples();
        let ids: std::collections::BTreeSet<&str> = samples.iter().map(message_id).collect();
        assert_eq!(ids.len(), samples.len(), "two findings share one message");
        let folder = Path::new("/backups/Cửa hàng");
        for language in Language::ALL {
            let messages = variables_by_message(&language.source());
            let t = crate::i18n::Translator::new(language);
            for finding in &samples {
                let id = message_id(finding);
                let vars = messages
                    .get(id)
                    .unwrap_or_else(|| panic!("{id} is missing in {}", language.code()));
                let mut given: Vec<String> = args(folder, finding).iter().map(|(n, _)| (*n).to_string()).collect();
                given.sort();
                let mut wanted: Vec<String> = vars.clone();
                wanted.sort();
                assert_eq!(given, wanted, "{id} in {}", language.code());
                let words = t.format(id, &args(folder, finding));
                assert!(!words.contains("sheetsafe ") && !words.contains("--"), "{id}: {words}");
            }
        }
    }
}
