//! Every corpus file round-trips byte-exact through backup and restore, non-ASCII names
//! included, and the store passes `sha256sum -c`; every CORRUPT file is recorded damaged.

use std::path::PathBuf;

use crate::util::{Workspace, assert_sha256sum_passes, corpus_files, corpus_tagged, sha256_hex};

#[test]
fn every_corpus_file_round_trips_byte_exact() {
    let ws = Workspace::new();
    let mut workbooks: Vec<PathBuf> = corpus_files()
        .iter()
        .map(|src| {
            let name = src.file_name().expect("name").to_string_lossy().into_owned();
            ws.add_corpus_file(&name, &name)
        })
        .collect();
    // Names users in Vietnam and Poland give their workbooks.
    workbooks.push(ws.add_corpus_file("poi__SampleSS.xlsx", "Bán hàng tháng 11 – Đặng.xlsx"));
    workbooks.push(ws.add_corpus_file("poi__SimpleMacro.xlsm", "Księgowość żółć 2026.xlsm"));
    assert!(workbooks.len() >= 48, "corpus has {} files", workbooks.len());

    let refs: Vec<&std::path::Path> = workbooks.iter().map(PathBuf::as_path).collect();
    ws.add_profile("Corpus", &refs, &[]).ok();
    let backup = ws.run(["backup", "Corpus"]);
    backup.ok();
    assert_eq!(
        backup.stdout().matches("verified.").count(),
        workbooks.len(),
        "{}",
        backup.stdout()
    );

    let store = ws.store("Corpus");
    assert_sha256sum_passes(&store);
    // The five corrupt workbooks are the only problems the verifier reports, each by name.
    let verify = ws.run(["verify", "--full", "--json", "Corpus"]);
    verify.expect_code(1);
    let report: serde_json::Value = serde_json::from_str(&verify.stdout()).expect("json");
    let findings = report["profiles"][0]["findings"].as_array().expect("findings").clone();

    let catalog = std::fs::read_to_string(store.join("catalog.toml")).expect("catalog");
    let corrupt = corpus_tagged("CORRUPT");
    assert_eq!(corrupt.len(), 5, "SOURCES.md should tag five files CORRUPT");
    assert_eq!(findings.len(), corrupt.len(), "{findings:#?}");
    for finding in &findings {
        assert_eq!(finding["kind"], "damaged", "{finding}");
        let file = finding["file"].as_str().expect("file");
        assert!(
            corrupt
                .iter()
                .any(|c| file.starts_with(c.rsplit_once('.').map_or(c.as_str(), |p| p.0))),
            "{file}"
        );
    }
    let json = ws.run(["versions", "Corpus", "--json"]);
    let versions: serde_json::Value = serde_json::from_str(&json.ok().stdout()).expect("json");
    for workbook in &workbooks {
        let name = workbook.file_name().expect("name").to_string_lossy().into_owned();
        let entry = versions
            .as_array()
            .expect("array")
            .iter()
            .find(|v| v["source"].as_str().is_some_and(|s| s.ends_with(&*name)))
            .unwrap_or_else(|| panic!("no version of {name} in the catalog:\n{catalog}"));
        let stored = store.join(entry["file"].as_str().expect("file"));
        assert_eq!(sha256_hex(&stored), sha256_hex(workbook), "{name}: stored copy differs");
        let damaged = entry["health"] == "damaged";
        assert_eq!(
            damaged,
            corrupt.contains(&name),
            "{name}: health recorded as {}",
            entry["health"]
        );

        let restored = ws.path("restored").join(&name);
        std::fs::create_dir_all(restored.parent().expect("parent")).expect("mkdir");
        let file = entry["file"].as_str().expect("file").to_string();
        let wb = workbook.to_string_lossy().into_owned();
        let to = restored.to_string_lossy().into_owned();
        ws.run(["restore", "Corpus", "--workbook", &wb, "--version", &file, "--to", &to])
            .ok();
        assert_eq!(
            sha256_hex(&restored),
            sha256_hex(workbook),
            "{name}: restored copy differs"
        );
    }
}

#[test]
fn unchanged_workbook_makes_no_new_version() {
    let ws = Workspace::new();
    let wb = ws.add_corpus_file("poi__SampleSS.xlsx", "Sales.xlsx");
    ws.add_profile("Sales", &[&wb], &[]).ok();
    ws.run(["backup"]).ok();
    let second = ws.run(["backup"]);
    assert!(second.ok().stdout().contains("unchanged"), "{}", second.stdout());
    assert_eq!(ws.versions("Sales").len(), 1);

    // Same size and time but different bytes must still be noticed (hash, not metadata).
    let mut bytes = std::fs::read(&wb).expect("read");
    let modified = std::fs::metadata(&wb).expect("meta").modified().expect("mtime");
    let last = bytes.len() - 1;
    bytes[last] ^= 0x01;
    std::fs::write(&wb, &bytes).expect("write");
    std::fs::File::options()
        .write(true)
        .open(&wb)
        .expect("open")
        .set_modified(modified)
        .expect("set mtime");
    ws.run(["backup"]).ok();
    assert_eq!(
        ws.versions("Sales").len(),
        2,
        "a changed workbook must get a new version"
    );
}
