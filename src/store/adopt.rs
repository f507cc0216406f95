//! Adoption of unlisted versions. A backup renames its finished, read-back copy into place and
//! then records it; a run killed between the two leaves a complete version the catalog does not
//! list, and a catalog that was deleted or emptied leaves every version unlisted. Such files
//! (recognised by their version-pattern name, and passing the name gate) are hashed, checked
//! and added, each in its true place in the order: by the time and same-second suffix in its
//! name, among the listed versions.

use std::path::{Path, PathBuf};

use chrono::{Local, NaiveDateTime, TimeZone};

use crate::copy;
use crate::health::{self, Health};
use crate::host::host_name;
use crate::store::{
    Catalog, ParsedName, ProfileStore, StoreError, Trigger, Version, VersionFileName, parse_version_name,
};

/// Adds unlisted version files to `catalog` (the caller holds the lock and saves the catalog).
/// Returns the adopted file names.
pub fn adopt_unlisted(
    store: &ProfileStore,
    catalog: &mut Catalog,
    workbooks: &[PathBuf],
) -> Result<Vec<String>, StoreError> {
    let entries = store.entries()?;
    let mut found: Vec<(ParsedName, Version)> = Vec::new();
    let unlisted: Vec<String> = super::files_not_listed(catalog, &entries)
        .filter(|name| !crate::fsutil::is_temp_name(std::ffi::OsStr::new(name)))
        .map(str::to_owned)
        .collect();
    for file in unlisted {
        let (Some(parsed), Ok(name)) = (parse_version_name(&file), VersionFileName::parse(&file)) else {
            continue;
        };
        let workbook_name = parsed.workbook_name();
        let source = workbooks
            .iter()
            .find(|w| w.file_name().is_some_and(|n| n.to_string_lossy() == workbook_name))
            .cloned()
            .unwrap_or_else(|| PathBuf::from(&workbook_name));
        let path = store.path_of(&name);
        let read_err = |e| StoreError::Read {
            path: path.clone(),
            source: e,
        };
        let digest = copy::hash_stored(&path, &()).map_err(read_err)?;
        let check = health::check_file(&path).map_err(read_err)?;
        let created = Local
            .from_local_datetime(&parsed.when)
            .earliest()
            .map_or_else(|| Local::now().fixed_offset(), |t| t.fixed_offset());
        tracing::info!("adopted unlisted version {}", Path::new(&file).display());
        let version = Version {
            file: name,
            sequence: 0,
            sha256: digest.sha256,
            bytes: digest.bytes,
            created,
            source,
            source_modified: None,
            trigger: Trigger::Adopted,
            host: host_name(),
            health: check.health,
            health_detail: (check.health != Health::Healthy).then_some(check.detail),
            verified: Some(Local::now().fixed_offset()),
            pin: None,
            summary: None,
        };
        found.push((parsed, version));
    }
    let adopted: Vec<String> = found.iter().map(|(_, v)| v.file.to_string()).collect();
    if !found.is_empty() {
        merge_in_order(catalog, found);
    }
    Ok(adopted)
}

/// Where a version stands in time by its name: local time to the second, then the suffix.
fn name_key(parsed: &ParsedName) -> (NaiveDateTime, u32) {
    (parsed.when, parsed.index)
}

/// Merges adopted versions into the catalog's order and numbers them. Listed versions keep
/// their relative order (it may rest on sequences that a clock set back made necessary);
/// adopted ones go before the first listed version whose name says it is later. Sequences only
/// ever grow, so a second copy that holds some of these versions keeps a consistent order.
fn merge_in_order(catalog: &mut Catalog, mut found: Vec<(ParsedName, Version)>) {
    found.sort_by(|a, b| name_key(&a.0).cmp(&name_key(&b.0)).then(a.1.file.cmp(&b.1.file)));
    catalog.sort();
    let listed = std::mem::take(&mut catalog.versions);
    let listed_key = |v: &Version| {
        parse_version_name(v.file.as_str())
            .map_or_else(|| (v.created.with_timezone(&Local).naive_local(), 1), |p| name_key(&p))
    };
    let mut merged = Vec::with_capacity(listed.len() + found.len());
    let mut found = found.into_iter().peekable();
    for version in listed {
        let key = listed_key(&version);
        while let Some((parsed, _)) = found.peek() {
            if name_key(parsed) < key {
                merged.push((true, found.next().map(|(_, v)| v).expect("peeked")));
            } else {
                break;
            }
        }
        merged.push((false, version));
    }
    merged.extend(found.map(|(_, v)| (true, v)));
    let mut last = 0;
    for (adopted, version) in &mut merged {
        if *adopted || version.sequence <= last {
            version.sequence = last + 1;
        }
        last = version.sequence;
    }
    catalog.versions = merged.into_iter().map(|(_, v)| v).collect();
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    fn version(file: &str, sequence: u64, created: &str) -> Version {
        Version {
            file: VersionFileName::parse(file).expect("valid"),
            sequence,
            sha256: "ab".repeat(32),
            bytes: 1,
            created: DateTime::parse_from_rfc3339(created).expect("time"),
            source: PathBuf::from("Sales.xlsx"),
            source_modified: None,
            trigger: Trigger::Close,
            host: "pc".into(),
            health: Health::Healthy,
            health_detail: None,
            verified: None,
            pin: None,
            summary: None,
        }
    }

    fn found(file: &str) -> (ParsedName, Version) {
        let parsed = parse_version_name(file).expect("version name");
        let created = Local
            .from_local_datetime(&parsed.when)
            .earliest()
            .expect("local time")
            .fixed_offset()
            .to_rfc3339();
        (parsed, version(file, 0, &created))
    }

    fn local(naive: &str) -> String {
        let when = NaiveDateTime::parse_from_str(naive, "%Y-%m-%d %H:%M:%S").expect("time");
        Local
            .from_local_datetime(&when)
            .earliest()
            .expect("local time")
            .fixed_offset()
            .to_rfc3339()
    }

    #[test]
    fn adopted_versions_take_their_place_by_name_and_sequences_only_grow() {
        let mut catalog = Catalog::with_versions(vec![
            version("Sales__2026-11-21_090000.xlsx", 4, &local("2026-11-21 09:00:00")),
            version("Sales__2026-11-21_110000.xlsx", 9, &local("2026-11-21 11:00:00")),
        ]);
        let adopted = vec![
            found("Sales__2026-11-21_100000_10.xlsx"),
            found("Sales__2026-11-21_100000_9.xlsx"),
            found("Sales__2026-11-21_120000.xlsx"),
        ];
        merge_in_order(&mut catalog, adopted);
        let order: Vec<(&str, u64)> = catalog.versions.iter().map(|v| (v.file.as_str(), v.sequence)).collect();
        assert_eq!(
            order,
            [
                ("Sales__2026-11-21_090000.xlsx", 4),
                ("Sales__2026-11-21_100000_9.xlsx", 5),
                ("Sales__2026-11-21_100000_10.xlsx", 6),
                ("Sales__2026-11-21_110000.xlsx", 9),
                ("Sales__2026-11-21_120000.xlsx", 10),
            ]
        );
    }
}
