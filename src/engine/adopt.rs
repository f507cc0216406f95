//! Adoption of unlisted versions. A backup renames its finished, read-back copy into place and
//! then records it; a run killed between the two leaves a complete version the catalog does not
//! list. Such files (recognised by their version-pattern name) are hashed, checked and added.

use std::path::{Path, PathBuf};

use chrono::{Local, TimeZone};

use crate::engine::{copy, host_name};
use crate::health::{self, Health};
use crate::store::{Catalog, ProfileStore, StoreError, Trigger, Version, parse_version_name};

/// Adds unlisted version files to `catalog` (the caller holds the lock and saves the catalog).
/// Returns the adopted file names.
pub fn adopt_unlisted(
    store: &ProfileStore,
    catalog: &mut Catalog,
    workbooks: &[PathBuf],
) -> Result<Vec<String>, StoreError> {
    let entries = store.entries()?;
    let mut adopted = Vec::new();
    for finding in crate::verify::unlisted_and_leftovers(catalog, &entries) {
        let crate::verify::Finding::Unlisted { file } = finding else {
            continue;
        };
        let Some((stem, when, ext)) = parse_version_name(&file) else {
            continue;
        };
        let workbook_name = ext.map_or_else(|| stem.clone(), |e| format!("{stem}.{e}"));
        let source = workbooks
            .iter()
            .find(|w| w.file_name().is_some_and(|n| n.to_string_lossy() == workbook_name))
            .cloned()
            .unwrap_or_else(|| PathBuf::from(&workbook_name));
        let path = store.dir().join(&file);
        let read_err = |e| StoreError::Read {
            path: path.clone(),
            source: e,
        };
        let digest = copy::hash_file(&path, &()).map_err(read_err)?;
        let check = health::check_file(&path).map_err(read_err)?;
        let created = Local
            .from_local_datetime(&when)
            .earliest()
            .map_or_else(|| Local::now().fixed_offset(), |t| t.fixed_offset());
        tracing::info!("adopted unlisted version {}", Path::new(&file).display());
        catalog.versions.push(Version {
            file: file.clone(),
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
        });
        adopted.push(file);
    }
    catalog.versions.sort_by_key(|v| v.created);
    Ok(adopted)
}
