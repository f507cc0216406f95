//! The configuration file is one document shared by the app, the CLI, the agent and a person's
//! text editor, with one writer at a time. Every change is a read-modify-write of the *current*
//! file under an operating-system lock: the file is read, the change is applied to what it says
//! now (never to a copy read earlier), and the result is written back through `toml_edit`, which
//! touches only the keys that changed, so the comments and layout a user wrote survive. The write
//! itself is atomic (temporary file, flush, rename).

use std::collections::HashSet;
use std::fs::{self, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, TableLike};

use super::{Config, ConfigError, names};
use crate::fsutil;

/// The first line of a configuration Sheetsafe creates.
const HEADER: &str = "# Sheetsafe configuration. See config/sheetsafe.example.toml for every setting.\n\n";

/// The result of a change: what the change returned, the configuration as now written, and
/// the warnings met while reading the current file.
#[derive(Debug)]
pub struct Updated<T> {
    pub value: T,
    pub config: Config,
    pub warnings: Vec<super::ConfigWarning>,
}

/// The lock file that writers of `config_file` take: a file of its own next to it, because
/// the configuration itself is replaced by a rename and a lock on the replaced file would
/// protect nothing.
pub fn lock_path(config_file: &Path) -> PathBuf {
    let name = config_file
        .file_name()
        .map_or_else(|| "config".into(), |n| n.to_string_lossy().into_owned());
    config_file.with_file_name(format!(".{name}.lock"))
}

/// Applies `change` to the configuration at `path` as it is on disk right now, under the
/// writers' lock, and writes the result back keeping the file's comments and layout. A missing
/// file starts empty. A file that does not load (a syntax error, a bad profile name) is left
/// alone and its error returned: the user's hand edit is theirs to fix.
pub fn update<T, E: From<ConfigError>>(
    path: &Path,
    change: impl FnOnce(&mut Config) -> Result<T, E>,
) -> Result<Updated<T>, E> {
    let write_err = |source| ConfigError::Write {
        path: path.to_path_buf(),
        source,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(write_err)?;
    }
    let (value, updated, warnings) = locked_update(path, change)?;
    Ok(Updated {
        value,
        config: updated,
        warnings,
    })
}

/// `update` once the folder exists; separate so that the change's own error type passes
/// through while every error of the file itself is a `ConfigError`.
fn locked_update<T, E: From<ConfigError>>(
    path: &Path,
    change: impl FnOnce(&mut Config) -> Result<T, E>,
) -> Result<(T, Config, Vec<super::ConfigWarning>), E> {
    let write_err = |source| ConfigError::Write {
        path: path.to_path_buf(),
        source,
    };
    let lock_file = lock_path(path);
    let lock = OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(&lock_file)
        .map_err(|source| ConfigError::Lock {
            path: lock_file.clone(),
            source,
        })?;
    // Released when `lock` is dropped at the end of this function, after the rename.
    lock.lock().map_err(|source| ConfigError::Lock {
        path: lock_file.clone(),
        source,
    })?;

    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => String::new(),
        Err(source) => {
            return Err(ConfigError::Read {
                path: path.to_path_buf(),
                source,
            }
            .into());
        }
    };
    let (mut config, mut warnings) = Config::parse(&text, path)?;
    warnings.extend(config.sanitize());
    config.check_names(path)?;
    let base = config.clone();
    let value = change(&mut config)?;
    if config == base {
        return Ok((value, config, warnings));
    }

    let new_doc = to_document(&config).map_err(write_err)?;
    let new_text = if text.trim().is_empty() {
        // Nothing of the user's to keep: write the whole configuration, with a pointer to the
        // commented example.
        format!("{HEADER}{new_doc}")
    } else {
        let mut doc: DocumentMut = text.parse().map_err(|e| write_err(io::Error::other(e)))?;
        let base_doc = to_document(&base).map_err(write_err)?;
        sync_table(doc.as_table_mut(), Some(base_doc.as_table()), new_doc.as_table());
        doc.to_string()
    };
    fsutil::write_atomic(path, new_text.as_bytes()).map_err(write_err)?;
    drop(lock);
    Ok((value, config, warnings))
}

/// Applies the edits that turned `base` into `mine` to `current`, the configuration as it is
/// on disk now. The app uses it on Save: the user edited a copy loaded earlier, and meanwhile
/// the CLI or a text editor may have changed other profiles, which must survive.
///
/// Profiles are matched by name (case-insensitively): one removed from `base` is removed, one
/// added or changed is put in place of the current one of that name (or appended), and the
/// settings are taken from `mine` only if the user changed them.
pub fn rebase(base: &Config, mine: &Config, current: &mut Config) {
    if mine.settings != base.settings {
        current.settings = mine.settings.clone();
    }
    let mine_keys: HashSet<String> = mine.profiles.iter().map(|p| names::folder_key(&p.name)).collect();
    for gone in base
        .profiles
        .iter()
        .filter(|p| !mine_keys.contains(&names::folder_key(&p.name)))
    {
        let key = names::folder_key(&gone.name);
        current.profiles.retain(|p| names::folder_key(&p.name) != key);
    }
    for profile in &mine.profiles {
        let key = names::folder_key(&profile.name);
        let unchanged = base
            .profiles
            .iter()
            .any(|b| names::folder_key(&b.name) == key && b == profile);
        if unchanged {
            continue;
        }
        match current.profiles.iter_mut().find(|p| names::folder_key(&p.name) == key) {
            Some(slot) => *slot = profile.clone(),
            None => current.profiles.push(profile.clone()),
        }
    }
}

/// The configuration as the serializer writes it, as an editable document to compare with.
fn to_document(config: &Config) -> io::Result<DocumentMut> {
    let text = toml::to_string_pretty(config).map_err(io::Error::other)?;
    text.parse().map_err(io::Error::other)
}

/// Makes `doc` say what `new` says, touching only what differs from `base` (what `doc` said
/// when it was read): unchanged keys keep their formatting and comments, keys Sheetsafe does
/// not know are left alone, and arrays of tables (`[[profile]]`, `[[profile.destination]]`)
/// are matched by their `name`.
fn sync_table(doc: &mut dyn TableLike, base: Option<&dyn TableLike>, new: &dyn TableLike) {
    for (key, new_item) in new.iter() {
        let base_item = base.and_then(|b| b.get(key));
        match (doc.get_mut(key), new_item) {
            (Some(Item::ArrayOfTables(doc_array)), Item::ArrayOfTables(new_array)) => {
                let base_array = base_item.and_then(Item::as_array_of_tables);
                sync_named_tables(doc_array, base_array, new_array);
            }
            (Some(doc_item), new_item) if doc_item.is_table_like() && new_item.is_table_like() => {
                if let (Some(doc_table), Some(new_table)) = (doc_item.as_table_like_mut(), new_item.as_table_like()) {
                    sync_table(doc_table, base_item.and_then(Item::as_table_like), new_table);
                }
            }
            (Some(doc_item), Item::Value(new_value)) => {
                if base_item
                    .and_then(Item::as_value)
                    .is_some_and(|b| same_value(b, new_value))
                {
                    continue;
                }
                if let Some(doc_value) = doc_item.as_value_mut() {
                    // Keep the spacing and any comment at the end of the line.
                    let decor = doc_value.decor().clone();
                    *doc_value = new_value.clone();
                    *doc_value.decor_mut() = decor;
                } else {
                    *doc_item = placed(new_item);
                }
            }
            (Some(doc_item), new_item) => *doc_item = placed(new_item),
            (None, new_item) => {
                doc.insert(key, placed(new_item));
            }
        }
    }
    if let Some(base) = base {
        let gone: Vec<String> = base
            .iter()
            .map(|(key, _)| key.to_string())
            .filter(|key| new.get(key).is_none())
            .collect();
        for key in gone {
            doc.remove(&key);
        }
    }
}

/// Syncs an array of tables whose entries are identified by `name`.
fn sync_named_tables(doc: &mut ArrayOfTables, base: Option<&ArrayOfTables>, new: &ArrayOfTables) {
    let new_keys: HashSet<String> = new.iter().map(table_key).collect();
    let base_keys: HashSet<String> = base.map(|b| b.iter().map(table_key).collect()).unwrap_or_default();
    doc.retain(|t| {
        let key = table_key(t);
        new_keys.contains(&key) || !base_keys.contains(&key)
    });
    for new_table in new {
        let key = table_key(new_table);
        let base_table = base.and_then(|b| b.iter().find(|t| table_key(t) == key));
        let index = doc.iter().position(|t| table_key(t) == key);
        if let Some(doc_table) = index.and_then(|i| doc.get_mut(i)) {
            sync_table(doc_table, base_table.map(|t| t as &dyn TableLike), new_table);
        } else {
            let mut table = new_table.clone();
            forget_positions(&mut table);
            doc.push(table);
        }
    }
}

/// A copy of an item from the serializer's document, ready to go into the user's: tables
/// there carry their place in *that* document, which would put them at a wrong place in this
/// one. Without a place, a table is written right after the one before it.
fn placed(item: &Item) -> Item {
    let mut item = item.clone();
    match &mut item {
        Item::Table(table) => forget_positions(table),
        Item::ArrayOfTables(array) => array.iter_mut().for_each(forget_positions),
        Item::None | Item::Value(_) => {}
    }
    item
}

fn forget_positions(table: &mut Table) {
    table.set_position(None);
    for (_, item) in table.iter_mut() {
        match item {
            Item::Table(inner) => forget_positions(inner),
            Item::ArrayOfTables(array) => array.iter_mut().for_each(forget_positions),
            Item::None | Item::Value(_) => {}
        }
    }
}

fn table_key(table: &Table) -> String {
    table
        .get("name")
        .and_then(Item::as_str)
        .map(names::folder_key)
        .unwrap_or_default()
}

/// Values compared without their formatting.
fn same_value(a: &toml_edit::Value, b: &toml_edit::Value) -> bool {
    let mut a = a.clone();
    let mut b = b.clone();
    a.decor_mut().clear();
    b.decor_mut().clear();
    a.to_string() == b.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Profile;

    const COMMENTED: &str = "# My settings, written by hand.\n\n[settings]\nlock_wait_seconds = 120 # two minutes\n\n# The shop's stock book.\n[[profile]]\nname = \"Shop\"\nworkbooks = [\"/data/Shop.xlsm\"]\nbackup_folder = \"/backup\"\n\n[profile.keep]\nlast = 5 # enough\n";

    fn profile(name: &str) -> Profile {
        Profile {
            name: name.into(),
            workbooks: vec![PathBuf::from(format!("/data/{name}.xlsx"))],
            backup_folder: PathBuf::from("/backup"),
            ..Profile::default()
        }
    }

    /// Regression: tables copied from the serializer's document kept their positions there and
    /// landed inside another profile, so the file no longer loaded.
    #[test]
    fn every_change_reads_back_as_written() {
        type Step = Box<dyn Fn(&mut Config) -> Result<(), ConfigError>>;
        use crate::config::Destination;
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("config.toml");
        let dest = |name: &str| Destination {
            name: name.into(),
            folder: PathBuf::from(format!("/media/{name}")),
            ..Destination::default()
        };
        let steps: Vec<Step> = vec![
            Box::new(|c| c.add_profile(profile("Sales")).map(|_| ())),
            Box::new(|c| c.add_profile(profile("Stock")).map(|_| ())),
            Box::new(|c| {
                let mut copy = c.profile("Stock")?.clone();
                copy.name = "Stock2".into();
                c.add_profile(copy).map(|_| ())
            }),
            Box::new(|c| c.remove_profile("Stock2").map(|_| ())),
            Box::new(move |c| {
                c.profile_mut("Sales")?.destinations.push(dest("USB"));
                Ok(())
            }),
            Box::new(|c| {
                c.profile_mut("Stock")?.keep.daily = 2;
                Ok(())
            }),
            Box::new(|c| {
                c.profile_mut("Sales")?.destinations.clear();
                Ok(())
            }),
            Box::new(|c| c.remove_profile("Sales").map(|_| ())),
        ];
        for (i, step) in steps.iter().enumerate() {
            let written = update(&path, |c| step(c)).expect("update").config;
            let text = fs::read_to_string(&path).expect("read");
            let loaded = Config::load(&path).unwrap_or_else(|e| panic!("step {i}: {e}\n{text}"));
            assert_eq!(loaded.config, written, "step {i}:\n{text}");
            assert!(text.starts_with("# Sheetsafe configuration."), "step {i}:\n{text}");
        }
    }

    #[test]
    fn adding_a_profile_keeps_the_users_comments() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("config.toml");
        fs::write(&path, COMMENTED).expect("write");
        update(&path, |c| c.add_profile(profile("Stock"))).expect("update");
        let text = fs::read_to_string(&path).expect("read");
        for kept in [
            "# My settings, written by hand.",
            "# two minutes",
            "# The shop's stock book.",
            "# enough",
        ] {
            assert!(text.contains(kept), "lost {kept:?}:\n{text}");
        }
        let loaded = Config::load(&path).expect("load").config;
        assert_eq!(loaded.profiles.len(), 2);
        assert_eq!(loaded.profiles[0].keep.last, 5);
        assert_eq!(loaded.profiles[1].name, "Stock");
        assert_eq!(loaded.settings.lock_wait_seconds, 120);
    }

    #[test]
    fn a_changed_value_keeps_its_line_comment_and_removing_a_profile_drops_only_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("config.toml");
        fs::write(&path, COMMENTED).expect("write");
        update(&path, |c| c.add_profile(profile("Stock"))).expect("add");
        update(&path, |c| {
            c.profile_mut("shop")?.keep.last = 9;
            Ok::<_, ConfigError>(())
        })
        .expect("change");
        let text = fs::read_to_string(&path).expect("read");
        assert!(text.contains("last = 9 # enough"), "{text}");
        update(&path, |c| c.remove_profile("SHOP").map(|_| ())).expect("remove");
        let loaded = Config::load(&path).expect("load").config;
        assert_eq!(
            loaded.profiles.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
            ["Stock"]
        );
        assert!(fs::read_to_string(&path).expect("read").contains("# My settings"));
    }

    #[test]
    fn a_save_from_a_stale_copy_keeps_a_profile_added_meanwhile() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("config.toml");
        update(&path, |c| c.add_profile(profile("Shop"))).expect("first");
        // The app loads the configuration …
        let base = Config::load(&path).expect("load").config;
        // … the CLI adds a second profile while the app runs …
        update(&path, |c| c.add_profile(profile("Stock"))).expect("cli add");
        // … and the user changes the first profile in the app and saves.
        let mut mine = base.clone();
        mine.profiles[0].keep.last = 3;
        let saved = update(&path, |current| {
            rebase(&base, &mine, current);
            Ok::<_, ConfigError>(())
        })
        .expect("app save");
        let loaded = Config::load(&path).expect("load").config;
        assert_eq!(loaded, saved.config);
        assert_eq!(loaded.profiles.len(), 2, "{loaded:?}");
        assert_eq!(loaded.profiles[0].keep.last, 3);
        assert_eq!(loaded.profiles[1].name, "Stock");
    }

    #[test]
    fn a_removal_in_the_app_does_not_resurrect_or_drop_others() {
        let base = Config {
            profiles: vec![profile("A"), profile("B")],
            ..Config::default()
        };
        let mut mine = base.clone();
        mine.profiles.remove(0);
        let mut current = base.clone();
        current.profiles.push(profile("C"));
        rebase(&base, &mine, &mut current);
        let names: Vec<_> = current.profiles.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["B", "C"]);
    }

    #[test]
    fn a_broken_file_is_not_overwritten() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("config.toml");
        let broken = "[[profile]]\nname = \"../x\"\nworkbooks = [\"/a.xlsx\"]\nbackup_folder = \"/b\"\n";
        fs::write(&path, broken).expect("write");
        let err = update(&path, |c| c.add_profile(profile("Stock"))).expect_err("must refuse");
        assert!(matches!(err, ConfigError::ProfileNameInFile { .. }), "{err}");
        assert_eq!(fs::read_to_string(&path).expect("read"), broken);
    }

    #[test]
    fn concurrent_writers_lose_no_change() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("config.toml");
        std::thread::scope(|scope| {
            for i in 0..8 {
                let path = &path;
                scope.spawn(move || {
                    update(path, |c| c.add_profile(profile(&format!("P{i}")))).expect("update");
                });
            }
        });
        let loaded = Config::load(&path).expect("load").config;
        assert_eq!(loaded.profiles.len(), 8, "{loaded:?}");
    }

    /// One change a user or the CLI might make.
    #[derive(Debug, Clone)]
    enum Op {
        Add(usize),
        Remove(usize),
        Keep(usize, u32),
        AddDest(usize, usize),
        RemoveDests(usize),
        LockWait(u64),
        Language(bool),
    }

    const NAMES: [&str; 4] = ["Sales", "Stock", "Księgowość", "Bán hàng"];

    fn apply(op: &Op, c: &mut Config) -> Result<(), ConfigError> {
        use crate::config::Destination;
        // Changes to profiles that do not exist are no-ops, like a user's click on nothing.
        match *op {
            Op::Add(i) => {
                if c.profile(NAMES[i]).is_err() {
                    c.add_profile(profile(NAMES[i]))?;
                }
            }
            Op::Remove(i) => {
                let _ = c.remove_profile(NAMES[i]);
            }
            Op::Keep(i, n) => {
                if let Ok(p) = c.profile_mut(NAMES[i]) {
                    p.keep.last = n;
                }
            }
            Op::AddDest(i, d) => {
                if let Ok(p) = c.profile_mut(NAMES[i]) {
                    let name = format!("D{d}");
                    if p.destinations.iter().all(|x| x.name != name) {
                        p.destinations.push(Destination {
                            name,
                            folder: PathBuf::from(format!("/media/d{d}")),
                            ..Destination::default()
                        });
                    }
                }
            }
            Op::RemoveDests(i) => {
                if let Ok(p) = c.profile_mut(NAMES[i]) {
                    p.destinations.clear();
                }
            }
            Op::LockWait(s) => c.settings.lock_wait_seconds = s,
            Op::Language(on) => c.settings.language = if on { "pl".into() } else { String::new() },
        }
        Ok(())
    }

    fn op() -> impl proptest::strategy::Strategy<Value = Op> {
        use proptest::prelude::*;
        prop_oneof![
            (0..4usize).prop_map(Op::Add),
            (0..4usize).prop_map(Op::Remove),
            (0..4usize, 0..50u32).prop_map(|(i, n)| Op::Keep(i, n)),
            (0..4usize, 0..3usize).prop_map(|(i, d)| Op::AddDest(i, d)),
            (0..4usize).prop_map(Op::RemoveDests),
            (1..3600u64).prop_map(Op::LockWait),
            any::<bool>().prop_map(Op::Language),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { cases: 64, ..Default::default() })]

        /// Whatever sequence of changes is made to a hand-written file, after each one the file
        /// loads as exactly what was written, and the user's comments are still there.
        #[test]
        fn any_sequence_of_changes_reads_back_and_keeps_comments(ops in proptest::collection::vec(op(), 1..12)) {
            let dir = tempfile::tempdir().expect("tempdir");
            let path = dir.path().join("config.toml");
            fs::write(&path, COMMENTED).expect("write");
            for (i, op) in ops.iter().enumerate() {
                let written = update(&path, |c| apply(op, c)).expect("update").config;
                let text = fs::read_to_string(&path).expect("read");
                let loaded = Config::load(&path).map_err(|e| proptest::test_runner::TestCaseError::fail(format!("step {i} {op:?}: {e}\n{text}")))?;
                proptest::prop_assert_eq!(&loaded.config, &written, "step {} {:?}:\n{}", i, op, text);
                proptest::prop_assert!(text.contains("# My settings, written by hand."), "{}", text);
            }
        }
    }
}
