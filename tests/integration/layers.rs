//! The modules of `src/` form layers: reading every `crate::<module>` reference, no two
//! top-level modules may depend on each other, directly or through others (a cycle blurs which
//! one is the foundation). The binary's `cli` may call into `gui`, never the reverse.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The top-level module a source file belongs to (`src/engine/copy.rs` → `engine`); `None` for
/// the crate roots (the library, `sheetsafe` and the Windows `sheetsafe-app`).
fn module_of(relative: &Path) -> Option<String> {
    let first = relative.components().next()?.as_os_str().to_string_lossy().into_owned();
    let name = first.trim_end_matches(".rs").to_owned();
    (!matches!(name.as_str(), "lib" | "main" | "app_main")).then_some(name)
}

/// Every top-level module each module's files name as `crate::<module>`.
fn dependencies() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.expect("walk src");
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let Some(module) = module_of(entry.path().strip_prefix(&src).expect("under src")) else {
            continue;
        };
        let source = std::fs::read_to_string(entry.path()).expect("read source");
        // Comments may name any module; only code depends on one.
        let text: String = source
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let uses = graph.entry(module.clone()).or_default();
        for (at, _) in text.match_indices("crate::") {
            let preceded_by_word = text[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_');
            let target: String = text[at + 7..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !preceded_by_word && !target.is_empty() && target != module {
                uses.insert(target);
            }
        }
    }
    graph
}

#[test]
fn no_two_modules_depend_on_each_other() {
    let graph = dependencies();
    let reaches = |from: &str, to: &str| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.to_owned()];
        while let Some(m) = stack.pop() {
            for next in graph.get(&m).into_iter().flatten() {
                if next == to {
                    return true;
                }
                if seen.insert(next.clone()) {
                    stack.push(next.clone());
                }
            }
        }
        false
    };
    let mut cycles = Vec::new();
    for (module, uses) in &graph {
        for used in uses {
            if module < used && reaches(used, module) {
                cycles.push(format!("{module} <-> {used}"));
            }
        }
    }
    assert!(cycles.is_empty(), "modules that depend on each other: {cycles:?}");
}

/// The library's layers, lowest first, as `ARCHITECTURE.md` draws them. A module may use only
/// modules of lower layers; a new module must be placed here before it compiles into a pass.
const LAYERS: &[&[&str]] = &[
    // Foundations: no other module of the crate.
    &[
        "fsutil", "host", "progress", "paths", "i18n", "health", "schedule", "crypto",
    ],
    // Leaves over the foundations.
    &["copy", "destination"],
    // The two formats on disk: the configuration and a profile folder.
    &["config", "store", "s3"],
    // Pure decisions and single checks over them; reading a version's cells.
    &["retention", "watch", "verify", "export", "contents", "company"],
    // Making versions, mending them, and the words for what needs the user.
    &["engine", "repair", "problem", "keys"],
    // Putting versions back, second copies, and reading what versions hold (an encrypted
    // profile's catalog is opened with this computer's key, as the engine opens it).
    &["restore", "copies", "inspect"],
    // What the user is shown.
    &["status"],
    // The background worker that drives it all.
    &["agent"],
];

/// The binary's modules: they use the library through `sheetsafe::`, never `crate::<library>`.
const BINARY: &[&str] = &["cli", "gui", "format", "logging"];

#[test]
fn every_module_uses_only_lower_layers() {
    let layer_of = |m: &str| LAYERS.iter().position(|layer| layer.contains(&m));
    let mut wrong = Vec::new();
    for (module, uses) in dependencies() {
        if BINARY.contains(&module.as_str()) {
            continue;
        }
        let Some(own) = layer_of(&module) else {
            wrong.push(format!("`{module}` is in no layer of tests/integration/layers.rs"));
            continue;
        };
        for used in &uses {
            match layer_of(used) {
                Some(layer) if layer < own => {}
                Some(_) => wrong.push(format!("`{module}` (layer {own}) uses `{used}`, which is not below it")),
                None if BINARY.contains(&used.as_str()) => {
                    wrong.push(format!("the library module `{module}` uses the binary's `{used}`"));
                }
                None => wrong.push(format!("`{module}` uses `{used}`, which is in no layer")),
            }
        }
    }
    assert!(wrong.is_empty(), "imports against the layers:\n{}", wrong.join("\n"));
}
