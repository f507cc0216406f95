//! Profile names in a hand-edited configuration pass the same gate as `profile add`: names
//! that would leave the backup folder, be the backup folder itself, or fail on Windows, and two
//! names for one folder, are refused when the file is loaded, with one sentence naming the file,
//! the profile and the fix. Generated hostile names check the invariant for every accepted one.

use std::collections::HashSet;
use std::path::Path;

use proptest::prelude::*;
use sheetsafe::config::{self, Config};

use crate::util::{Workspace, toml_path, write_workbook};

fn config_text(names: &[&str], workbook: &Path, backup: &Path) -> String {
    use std::fmt::Write as _;
    let mut text = String::new();
    for name in names {
        let _ = write!(
            text,
            "[[profile]]\nname = {}\nworkbooks = [{}]\nbackup_folder = {}\n\n",
            toml_string(name),
            toml_path(workbook),
            toml_path(backup)
        );
    }
    text
}

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

#[test]
fn hostile_profile_names_in_the_file_are_refused_at_load_and_nothing_is_written() {
    for bad in [
        "../x",
        "/abs/x",
        "",
        "a/b",
        "COM0",
        "CONIN$",
        "nul.txt",
        &"x".repeat(300),
    ] {
        let ws = Workspace::new();
        let wb = ws.data("Sales.xlsx");
        write_workbook(&wb, 1, 1000);
        std::fs::write(ws.config(), config_text(&[bad], &wb, &ws.backup())).expect("write config");
        let run = ws.run(["backup"]);
        run.expect_code(2);
        let err = run.stderr();
        assert!(err.contains(&ws.config().display().to_string()), "{bad:?}: {err}");
        assert!(err.contains("change that `name`"), "{bad:?}: {err}");
        assert_eq!(err.lines().count(), 1, "one sentence, printed once: {err}");
        // Nothing was written next to, inside or outside the backup folder.
        assert!(!ws.path("x").exists() && !ws.path("abs").exists(), "{bad:?}");
        assert_eq!(
            std::fs::read_dir(ws.backup()).expect("list").count(),
            0,
            "{bad:?}: the backup folder must stay empty"
        );
    }
}

#[test]
fn two_profiles_whose_names_differ_only_in_case_are_refused_at_load() {
    let ws = Workspace::new();
    let wb = ws.data("Sales.xlsx");
    write_workbook(&wb, 1, 1000);
    std::fs::write(ws.config(), config_text(&["Shop", "shop"], &wb, &ws.backup())).expect("write config");
    let run = ws.run(["restore", "shop", "--replace"]);
    run.expect_code(2);
    let err = run.stderr();
    assert!(err.contains("`Shop` and `shop`") && err.contains("Rename one"), "{err}");
    assert!(err.contains(&ws.config().display().to_string()), "{err}");
}

#[test]
fn profile_add_refuses_a_name_that_differs_only_in_case() {
    let ws = Workspace::new();
    let wb = ws.data("Sales.xlsx");
    write_workbook(&wb, 1, 1000);
    ws.add_profile("Shop", &[&wb], &[]).ok();
    let run = ws.add_profile("SHOP", &[&wb], &[]);
    run.expect_code(2);
    assert!(run.stderr().contains("already exists"), "{}", run.stderr());
    let run = ws.add_profile("CONIN$", &[&wb], &[]);
    run.expect_code(2);
    assert!(run.stderr().contains("reserves for devices"), "{}", run.stderr());
}

/// Names a hostile or careless editor could write.
fn hostile_name() -> impl Strategy<Value = String> {
    let device = prop::sample::select(vec![
        "CON", "PRN", "AUX", "NUL", "COM0", "COM1", "COM9", "LPT0", "LPT5", "CONIN$", "CONOUT$", "COM¹", "LPT³",
    ]);
    let case = prop::sample::select(vec![
        "Shop",
        "shop",
        "SHOP",
        "ShOp",
        "Księgowość",
        "KSIĘGOWOŚĆ",
        "Bán hàng",
    ]);
    prop_oneof![
        // Device names in any case, with or without an extension or trailing space.
        (
            device,
            prop::sample::select(vec!["", ".txt", ".xlsx", " ", " .x"]),
            any::<bool>()
        )
            .prop_map(|(d, ext, lower)| {
                let d = if lower { d.to_lowercase() } else { d.to_string() };
                format!("{d}{ext}")
            }),
        // Traversal and separators around a plain name.
        (
            prop::sample::select(vec!["", "..", ".", "/", "\\", "C:", "../..", "./"]),
            "[a-zA-Z]{0,6}",
            prop::sample::select(vec!["", "/", "\\", "/..", "/x", ":", "."])
        )
            .prop_map(|(pre, mid, post)| {
                let sep = if pre.is_empty() || pre.ends_with(['/', '\\']) {
                    ""
                } else {
                    "/"
                };
                format!("{pre}{sep}{mid}{post}")
            }),
        // Case variants of a few names, so collisions appear.
        case.prop_map(str::to_string),
        // Long names in several scripts.
        (prop::sample::select(vec!["a", "ą", "ế", "😀", "中"]), 1usize..120).prop_map(|(c, n)| c.repeat(n)),
        // Anything printable, control characters included.
        "\\PC{0,20}",
        "[ -~\t\n]{0,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Whatever names a file holds, a configuration that loads has profile folders that are
    /// direct children of their backup folder (never the folder itself, never outside it), and
    /// no two names that are one folder on Windows or macOS.
    #[test]
    fn accepted_names_stay_inside_the_backup_folder_and_never_collide(
        names in prop::collection::vec(hostile_name(), 1..5)
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        let backup = dir.path().join("backup");
        let path = dir.path().join("config.toml");
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        std::fs::write(&path, config_text(&refs, &dir.path().join("Sales.xlsx"), &backup)).expect("write");
        let Ok(loaded) = Config::load(&path) else {
            return Ok(());
        };
        let mut seen = HashSet::new();
        for profile in &loaded.config.profiles {
            let folder = config::absolute(&profile.backup_folder.join(&profile.name));
            prop_assert_eq!(folder.parent(), Some(backup.as_path()), "{:?} leaves the backup folder", profile.name);
            prop_assert!(seen.insert(profile.name.to_lowercase()), "{:?} collides", profile.name);
            // The same gate as `profile add`.
            prop_assert!(config::validate_profile_name(&profile.name).is_ok());
        }
        for name in &names {
            if config::validate_profile_name(name.trim()).is_err() {
                prop_assert!(
                    loaded.config.profiles.iter().all(|p| p.name != name.trim()),
                    "{:?} was refused by profile add but accepted at load", name
                );
            }
        }
    }
}
