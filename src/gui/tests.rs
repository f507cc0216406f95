//! Headless tests of the screens with `iced_test`: the real views are built, clicked by their
//! visible text, and the messages they produce are fed back into the real `update`. Slow work
//! that the app runs as a `Task` is run here by calling the same `tasks` function directly.

use std::path::{Path, PathBuf};

use iced_test::simulator;
use sheetsafe::config::{Config, Profile};
use sheetsafe::i18n::{Language, Translator};
use sheetsafe::status::Level;

use super::failure::Failure;
use super::screen::{history, overview, privacy, profile, wizard};
use super::tasks;
use sheetsafe::i18n::Explain as _;

fn english() -> Translator {
    Translator::new(Language::En)
}

/// A file of the test corpus (`tests/corpus/`, or where `SHEETSAFE_CORPUS` points).
fn corpus(name: &str) -> PathBuf {
    std::env::var_os("SHEETSAFE_CORPUS")
        .map_or_else(
            || Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus"),
            PathBuf::from,
        )
        .join(name)
}

/// A writable copy of a corpus workbook in `dir/work`: beside the tests' backup folders
/// (`dir/backup`), not around them, as the wizard asks of a backup folder.
fn workbook(dir: &Path, corpus_name: &str, name: &str) -> PathBuf {
    std::fs::create_dir_all(dir.join("work")).expect("work folder");
    let path = dir.join("work").join(name);
    std::fs::copy(corpus(corpus_name), &path).expect("copy corpus file");
    let mut perms = std::fs::metadata(&path).expect("meta").permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&path, perms).expect("chmod");
    path
}

/// Clicks the widget showing `label` in the wizard's current view and feeds the messages back.
/// A profile "Sales" backing up `Sales.xlsx` (a copy of the corpus file `corpus_name` in
/// `dir`) into `dir/backup`: the setup most screens' tests start from.
fn sales_profile(dir: &Path, corpus_name: &str) -> (PathBuf, sheetsafe::Profile) {
    let wb = workbook(dir, corpus_name, "Sales.xlsx");
    let profile = sheetsafe::Profile {
        name: "Sales".into(),
        workbooks: vec![wb.clone()],
        backup_folder: dir.join("backup"),
        ..sheetsafe::Profile::default()
    };
    (wb, profile)
}

/// A private (encrypted) profile "Cửa hàng" backing up `name` (a copy of the corpus file
/// `corpus_name` in `dir`) into `dir/backup`, its keys made with the passphrase
/// "bốn con ngựa kẹp giấy".
fn private_profile(dir: &Path, corpus_name: &str, name: &str) -> (PathBuf, sheetsafe::Profile) {
    let wb = workbook(dir, corpus_name, name);
    let mut profile = sheetsafe::Profile {
        name: "Cửa hàng".into(),
        workbooks: vec![wb.clone()],
        backup_folder: dir.join("backup"),
        ..sheetsafe::Profile::default()
    };
    let user = sheetsafe::crypto::SecretKey::generate();
    let passphrase = sheetsafe::crypto::Passphrase::new("bốn con ngựa kẹp giấy");
    let device = sheetsafe::keys::device_key_path(&dir.join("config.toml"), &profile.name);
    profile.encryption = Some(sheetsafe::keys::create(&profile, &device, &user, &passphrase, None).expect("keys"));
    (wb, profile)
}

fn click_wizard(w: &mut wizard::Wizard, t: &Translator, label: &str) -> Option<wizard::Event> {
    let mut ui = simulator(w.view(t));
    ui.click(label)
        .unwrap_or_else(|e| panic!("no `{label}` to click: {e:?}"));
    let messages: Vec<_> = ui.into_messages().collect();
    let mut last = None;
    for m in messages {
        let (_, event) = w.update(m, t);
        last = event.or(last);
    }
    last
}

#[test]
#[allow(clippy::too_many_lines)] // the whole first run, step by step, reads best as one story
fn wizard_makes_a_verified_first_backup_and_shows_it() {
    let t = english();
    let dir = tempfile::tempdir().expect("tempdir");
    let wb = workbook(dir.path(), "poi__SimpleMacro.xlsm", "Sales.xlsm");
    let (mut w, _) = wizard::Wizard::new();

    click_wizard(&mut w, &t, "Next");
    assert_eq!(w.step, wizard::Step::Workbooks);
    // Nothing chosen yet: the wizard says so instead of moving on.
    click_wizard(&mut w, &t, "Next");
    assert_eq!(w.step, wizard::Step::Workbooks);
    assert!(simulator(w.view(&t)).find("Choose at least one workbook.").is_ok());
    // The file dialog's answer, through the test seam.
    let _ = w.update(wizard::Message::WorkbooksChosen(vec![wb.clone()]), &t);
    click_wizard(&mut w, &t, "Next");
    assert_eq!(w.step, wizard::Step::Folder);
    let backup = dir.path().join("backup");
    let _ = w.update(wizard::Message::FolderChosen(Some(backup.clone())), &t);
    assert!(
        simulator(w.view(&t))
            .find(format!("Backups go to: {}", backup.display()).as_str())
            .is_ok()
    );
    // The folder does not exist yet: the wizard asks before making it.
    click_wizard(&mut w, &t, "Next");
    assert_eq!(w.step, wizard::Step::Folder);
    click_wizard(&mut w, &t, "Create this folder");
    assert!(backup.is_dir(), "the folder was not created");
    assert_eq!(w.step, wizard::Step::SecondCopy);
    // Nothing chosen: the wizard says what to do.
    click_wizard(&mut w, &t, "Next");
    assert!(
        simulator(w.view(&t))
            .find("Choose a place for the second copy, or click \"Skip for now\".")
            .is_ok()
    );
    // The backup folder itself is refused as the second copy.
    let _ = w.update(
        wizard::Message::SecondCopy(wizard::SecondCopyMessage::Typed(backup.display().to_string())),
        &t,
    );
    click_wizard(&mut w, &t, "Next");
    assert_eq!(w.step, wizard::Step::SecondCopy);
    // A folder on a USB disk (here: another folder), copied to whenever it is plugged in.
    let usb = dir.path().join("USB DISK").join("Sheetsafe");
    let _ = w.update(
        wizard::Message::SecondCopy(wizard::SecondCopyMessage::Typed(usb.display().to_string())),
        &t,
    );
    click_wizard(
        &mut w,
        &t,
        "Copy whenever this disk is plugged in (otherwise every day at 18:00)",
    );
    click_wizard(&mut w, &t, "Next");
    click_wizard(&mut w, &t, "Create this folder");
    assert_eq!(w.step, wizard::Step::Options);
    assert_eq!(w.profile_name, "Sales");
    let dest = &w.profile().destinations[0];
    assert_eq!(
        (dest.folder.as_path(), dest.schedule),
        (usb.as_path(), sheetsafe::schedule::Schedule::OnPlug)
    );
    click_wizard(&mut w, &t, "Next");
    assert_eq!(w.step, wizard::Step::Test);
    assert!(matches!(w.test, wizard::TestState::Running), "{:?}", w.test);

    // While it runs, the screen says how far it is.
    let size = std::fs::metadata(&wb).expect("workbook").len();
    let _ = w.update(
        wizard::Message::TestProgress(crate::gui::background::Done {
            file: wb.clone(),
            bytes: size / 2,
            total: size,
            files: 0,
            elapsed: std::time::Duration::ZERO,
        }),
        &t,
    );
    let halfway = format!(
        "Sales.xlsm: 50 % ({} of {})",
        super::fmt::size(&t, size / 2),
        super::fmt::size(&t, size)
    );
    assert!(
        simulator(w.view(&t)).find(halfway.as_str()).is_ok(),
        "no progress line: {halfway}"
    );
    // The live test, exactly as the app's task runs it.
    let result = tasks::first_backup(&w.profile(), &());
    let _ = w.update(wizard::Message::TestFinished(result), &t);
    let wizard::TestState::Passed(files) = &w.test else {
        panic!("first backup failed: {:?}", w.test)
    };
    let version = files[0].clone();
    assert_eq!(
        std::fs::read(&version).expect("version on disk"),
        std::fs::read(&wb).expect("workbook")
    );
    // The second copy was made in the test too, and is named on the screen.
    let copy = files
        .iter()
        .find(|f| f.starts_with(&usb))
        .expect("a second copy among the files");
    assert_eq!(
        std::fs::read(copy).expect("copy"),
        std::fs::read(&wb).expect("workbook")
    );
    crate::gui::tests::sha256sum_passes(&usb.join("Sales"));
    {
        let mut ui = simulator(w.view(&t));
        assert!(
            ui.find("✔ The first backup is made and verified:").is_ok(),
            "the screen must show it verified"
        );
        assert!(
            ui.find(version.display().to_string().as_str()).is_ok(),
            "the screen must name the file"
        );
    }

    let Some(wizard::Event::Finished { config, .. }) = click_wizard(&mut w, &t, "Finish") else {
        panic!("Finish must end the wizard")
    };
    assert_eq!(config.profiles[0].workbooks, vec![wb]);
}

/// Presses Enter in the field `id` of the wizard's current view (clicked first, as a user
/// would) and feeds back what the field did with it.
fn enter_in_field(w: &mut wizard::Wizard, t: &Translator, id: &'static str) {
    let mut ui = simulator(w.view(t));
    ui.click(iced::widget::Id::new(id))
        .unwrap_or_else(|e| panic!("no field `{id}` on the step {:?}: {e:?}", w.step));
    let status = ui.tap_key(iced::keyboard::key::Named::Enter);
    assert_eq!(
        status,
        iced::event::Status::Captured,
        "the field `{id}` did not take Enter"
    );
    for m in ui.into_messages().collect::<Vec<_>>() {
        let _ = w.update(m, t);
    }
}

/// Presses `key` where no field has the keyboard: no widget may take it, and the app hands it
/// to the wizard (`App::key`).
fn key_in_wizard(w: &mut wizard::Wizard, t: &Translator, key: crate::gui::keys::Key) {
    use iced::keyboard::{Modifiers, key::Named};
    let (named, modifiers) = match key {
        crate::gui::keys::Key::Enter => (Named::Enter, Modifiers::empty()),
        crate::gui::keys::Key::Escape => (Named::Escape, Modifiers::empty()),
        crate::gui::keys::Key::Tab => (Named::Tab, Modifiers::empty()),
        crate::gui::keys::Key::ShiftTab => (Named::Tab, Modifiers::SHIFT),
        crate::gui::keys::Key::Confirm => (Named::Enter, Modifiers::COMMAND),
    };
    let press = iced::Event::Keyboard(iced::keyboard::Event::KeyPressed {
        key: iced::keyboard::Key::Named(named),
        modified_key: iced::keyboard::Key::Named(named),
        physical_key: iced::keyboard::key::Physical::Unidentified(iced::keyboard::key::NativeCode::Unidentified),
        location: iced::keyboard::Location::Standard,
        modifiers,
        text: None,
        repeat: false,
    });
    let status = simulator(w.view(t))
        .simulate([press])
        .first()
        .copied()
        .unwrap_or(iced::event::Status::Ignored);
    assert_eq!(
        status,
        iced::event::Status::Ignored,
        "a widget took {key:?} on {:?}",
        w.step
    );
    if let Some(m) = w.on_key(key) {
        let _ = w.update(m, t);
    }
}

#[test]
fn wizard_walks_to_a_verified_first_backup_with_the_keyboard_alone() {
    use crate::gui::keys::Key;
    let t = english();
    let dir = tempfile::tempdir().expect("tempdir");
    let wb = workbook(dir.path(), "poi__SampleSS.xlsx", "Ledger.xlsx");
    let backup = dir.path().join("backup");
    let usb = dir.path().join("usb");
    std::fs::create_dir(&backup).expect("backup folder");
    std::fs::create_dir(&usb).expect("usb folder");
    let (mut w, _) = wizard::Wizard::new();

    // Escape on the first step goes nowhere; Enter is Next.
    assert!(w.on_key(Key::Escape).is_none());
    key_in_wizard(&mut w, &t, Key::Enter);
    assert_eq!(w.step, wizard::Step::Workbooks);
    // Enter in the path field adds the typed workbook; Enter in the empty field moves on.
    let _ = w.update(wizard::Message::PathTyped(wb.display().to_string()), &t);
    enter_in_field(&mut w, &t, wizard::PATH_INPUT);
    assert_eq!((w.step, w.chosen.clone()), (wizard::Step::Workbooks, vec![wb.clone()]));
    enter_in_field(&mut w, &t, wizard::PATH_INPUT);
    assert_eq!(w.step, wizard::Step::Folder);
    // Escape goes back, Enter forward again (the chosen workbook stays chosen).
    key_in_wizard(&mut w, &t, Key::Escape);
    assert_eq!(w.step, wizard::Step::Workbooks);
    key_in_wizard(&mut w, &t, Key::Enter);
    assert_eq!(w.step, wizard::Step::Folder);
    let _ = w.update(wizard::Message::FolderTyped(backup.display().to_string()), &t);
    enter_in_field(&mut w, &t, wizard::FOLDER_INPUT);
    assert_eq!(w.step, wizard::Step::SecondCopy);
    let _ = w.update(
        wizard::Message::SecondCopy(wizard::SecondCopyMessage::Typed(usb.display().to_string())),
        &t,
    );
    enter_in_field(&mut w, &t, super::screen::second_copy::INPUT);
    assert_eq!(w.step, wizard::Step::Options);
    assert_eq!(w.profile_name, "Ledger");
    enter_in_field(&mut w, &t, wizard::NAME_INPUT);
    assert_eq!(w.step, wizard::Step::Test);
    // While the test runs, no key does anything: Cancel is a click.
    assert!(matches!(w.test, wizard::TestState::Running), "{:?}", w.test);
    assert!(w.on_key(Key::Enter).is_none() && w.on_key(Key::Escape).is_none());
    let result = tasks::first_backup(&w.profile(), &());
    let _ = w.update(wizard::Message::TestFinished(result), &t);
    assert!(matches!(w.test, wizard::TestState::Passed(_)), "{:?}", w.test);
    crate::gui::tests::sha256sum_passes(&backup.join("Ledger"));
    crate::gui::tests::sha256sum_passes(&usb.join("Ledger"));
    // Enter is Finish.
    let Some(wizard::Message::Finish) = w.on_key(Key::Enter) else {
        panic!("Enter must finish the wizard after a passed test")
    };
    let (_, event) = w.update(wizard::Message::Finish, &t);
    let Some(wizard::Event::Finished { config, .. }) = event else {
        panic!("Finish must end the wizard")
    };
    assert_eq!(config.profiles[0].workbooks, vec![wb]);
    assert_eq!(config.profiles[0].destinations[0].folder, usb);
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(96))]
    /// Any keys pressed in any order (a cat on the keyboard, a held Enter), with or without
    /// each field filled in: the wizard never passes a step whose answer is missing, never
    /// leaves a running test, and never ends without a passed first backup.
    #[test]
    fn no_key_sequence_skips_a_step_or_finishes_without_a_verified_backup(
        keys in proptest::collection::vec(0..5u8, 0..60),
        filled in proptest::array::uniform3(proptest::bool::ANY),
    ) {
        use crate::gui::keys::Key;
        use wizard::{Message, SecondCopyMessage, Step};
        let t = english();
        let dir = tempfile::tempdir().expect("tempdir");
        let wb = workbook(dir.path(), "poi__SampleSS.xlsx", "Ledger.xlsx");
        let (backup, usb) = (dir.path().join("backup"), dir.path().join("usb"));
        std::fs::create_dir(&backup).expect("backup folder");
        std::fs::create_dir(&usb).expect("usb folder");
        let (mut w, _) = wizard::Wizard::new();
        let [has_workbook, has_folder, has_usb] = filled;
        if has_workbook {
            let _ = w.update(Message::PathTyped(wb.display().to_string()), &t);
        }
        if has_folder {
            let _ = w.update(Message::FolderTyped(backup.display().to_string()), &t);
        }
        if has_usb {
            let _ = w.update(
                Message::SecondCopy(SecondCopyMessage::Typed(usb.display().to_string())),
                &t,
            );
        }
        let order = |s: Step| [Step::Welcome, Step::Workbooks, Step::Folder, Step::SecondCopy,
            Step::Options, Step::RecoverySheet, Step::Test].iter().position(|x| *x == s);
        for k in keys {
            let running = matches!(w.test, wizard::TestState::Running);
            let before = w.step;
            // 0-3: a key no field took; 4: Enter in the step's field (what the field sends).
            let message = match k {
                0 => w.on_key(Key::Enter),
                1 => w.on_key(Key::Escape),
                2 => w.on_key(Key::Tab),
                3 => w.on_key(Key::Confirm),
                _ => match w.step {
                    Step::Workbooks => Some(Message::AddTypedPath),
                    Step::Folder | Step::Options => Some(Message::Next),
                    Step::SecondCopy => Some(Message::SecondCopy(SecondCopyMessage::Submit)),
                    _ => None,
                },
            };
            if let Some(m) = message {
                let (_, event) = w.update(m, &t);
                // The test's task is not run here, so it never passes: nothing may finish.
                proptest::prop_assert!(event.is_none(), "finished without a passed test");
            }
            if running {
                proptest::prop_assert_eq!(w.step, before, "a key left the running test");
            }
            let at = order(w.step);
            proptest::prop_assert!(has_workbook || at <= order(Step::Workbooks), "past the workbooks without one: {:?}", w.step);
            proptest::prop_assert!(has_folder || at <= order(Step::Folder), "past the folder without one: {:?}", w.step);
            proptest::prop_assert!(has_usb || at <= order(Step::SecondCopy), "past the second copy without one: {:?}", w.step);
        }
    }
}

#[test]
fn wizard_refuses_a_text_file_unless_meant_and_names_the_profile_after_what_is_ticked() {
    let t = english();
    let dir = tempfile::tempdir().expect("tempdir");
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "not a workbook").expect("write");
    let stock = workbook(dir.path(), "poi__SampleSS.xlsx", "Stock.xlsx");
    let sales = workbook(dir.path(), "poi__SampleSS.xls", "Sales.xls");
    let (mut w, _) = wizard::Wizard::new();
    w.step = wizard::Step::Workbooks;
    let _ = w.update(wizard::Message::WorkbooksChosen(vec![notes.clone()]), &t);
    assert!(w.chosen.is_empty(), "a text file was taken as a workbook");
    let said = format!(
        "{} does not look like a spreadsheet (it holds no Excel or OpenDocument workbook). Choose the workbook itself, or add this file anyway if it is meant.",
        notes.display()
    );
    assert!(simulator(w.view(&t)).find(said.as_str()).is_ok(), "not said: {said}");
    click_wizard(&mut w, &t, "Add it anyway");
    assert_eq!(w.chosen, vec![notes.clone()], "\"Add it anyway\" did not add it");
    let _ = w.update(wizard::Message::ToggleWorkbook(notes, false), &t);
    let _ = w.update(wizard::Message::WorkbooksChosen(vec![stock.clone(), sales.clone()]), &t);
    assert_eq!(w.profile_name, "Stock");
    // Unticking the workbook the name came from renames the profile after the next one.
    let _ = w.update(wizard::Message::ToggleWorkbook(stock, false), &t);
    assert_eq!(w.profile_name, "Sales");
    // A name the user typed stays.
    let _ = w.update(wizard::Message::NameTyped("Cửa hàng".into()), &t);
    let _ = w.update(wizard::Message::ToggleWorkbook(sales, false), &t);
    assert_eq!(w.profile_name, "Cửa hàng");
}

/// Backups inside the workbook's folder go with it when that folder is deleted, moved or
/// synced: the wizard says so and goes on only when the user means it, or picks another.
#[test]
fn wizard_asks_before_a_backup_folder_inside_the_workbooks_folder() {
    let t = english();
    let dir = tempfile::tempdir().expect("tempdir");
    let wb = workbook(dir.path(), "poi__SampleSS.xlsx", "Sales.xlsx");
    let work = wb.parent().expect("the workbook's folder").to_path_buf();
    let (mut w, _) = wizard::Wizard::new();
    let _ = w.update(wizard::Message::WorkbooksChosen(vec![wb.clone()]), &t);
    w.step = wizard::Step::Folder;
    for inside in [work.clone(), work.join("Backups")] {
        std::fs::create_dir_all(&inside).expect("folder");
        let _ = w.update(wizard::Message::FolderTyped(inside.display().to_string()), &t);
        click_wizard(&mut w, &t, "Next");
        assert_eq!(
            w.step,
            wizard::Step::Folder,
            "{} taken without a word",
            inside.display()
        );
        let said = format!(
            "The folder {} is inside {}, where your workbook is: deleting, moving or syncing that folder would take the backups with it. Choose a folder elsewhere, or click \"Use this folder anyway\".",
            inside.display(),
            work.display()
        );
        assert!(simulator(w.view(&t)).find(said.as_str()).is_ok(), "not said: {said}");
    }
    // Another folder typed instead: the question about the first one is gone, and it is taken.
    let elsewhere = dir.path().join("backup");
    std::fs::create_dir_all(&elsewhere).expect("folder");
    let _ = w.update(wizard::Message::FolderTyped(elsewhere.display().to_string()), &t);
    assert!(simulator(w.view(&t)).find("Use this folder anyway").is_err());
    click_wizard(&mut w, &t, "Next");
    assert_eq!(w.step, wizard::Step::SecondCopy);
    // Back, and the folder inside meant after all.
    w.step = wizard::Step::Folder;
    let inside = work.join("Backups");
    let _ = w.update(wizard::Message::FolderTyped(inside.display().to_string()), &t);
    click_wizard(&mut w, &t, "Next");
    assert_eq!(w.step, wizard::Step::Folder);
    click_wizard(&mut w, &t, "Use this folder anyway");
    assert_eq!(w.step, wizard::Step::SecondCopy);
    assert_eq!(w.backup_folder.as_deref(), Some(inside.as_path()));
    for language in [Language::Vi, Language::Pl] {
        let t = Translator::new(language);
        assert!(t.has("wizard-folder-inside") && t.has("wizard-folder-inside-anyway"));
    }
}

/// Every question the wizard asks can be answered from the keyboard: plain Enter asks again,
/// Ctrl+Enter (named beside the button, in the user's language) says yes.
#[test]
fn wizard_questions_are_answered_with_ctrl_enter_and_never_with_plain_enter() {
    use crate::gui::keys::{Key, confirm_keys};
    let t = english();
    let dir = tempfile::tempdir().expect("tempdir");
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "not a workbook").expect("write");
    let wb = workbook(dir.path(), "poi__SampleSS.xlsx", "Sales.xlsx");
    let work = wb.parent().expect("the workbook's folder").to_path_buf();
    let hint = format!("or press {}", confirm_keys());
    let (mut w, _) = wizard::Wizard::new();
    w.step = wizard::Step::Workbooks;

    // A file that is no spreadsheet: Ctrl+Enter adds it.
    let _ = w.update(wizard::Message::WorkbooksChosen(vec![notes.clone()]), &t);
    assert!(
        simulator(w.view(&t)).find(hint.as_str()).is_ok(),
        "no key hint beside \"Add it anyway\""
    );
    key_in_wizard(&mut w, &t, Key::Confirm);
    assert_eq!(w.chosen, vec![notes.clone()]);
    let _ = w.update(wizard::Message::ToggleWorkbook(notes, false), &t);
    let _ = w.update(wizard::Message::WorkbooksChosen(vec![wb.clone()]), &t);
    key_in_wizard(&mut w, &t, Key::Enter);
    assert_eq!(w.step, wizard::Step::Folder);

    // A folder that does not exist: Enter asks again, Ctrl+Enter creates it.
    let missing = dir.path().join("new").join("backups");
    let _ = w.update(wizard::Message::FolderTyped(missing.display().to_string()), &t);
    key_in_wizard(&mut w, &t, Key::Enter);
    assert!(
        simulator(w.view(&t)).find(hint.as_str()).is_ok(),
        "no key hint beside \"Create this folder\""
    );
    key_in_wizard(&mut w, &t, Key::Enter);
    assert!(!missing.exists(), "plain Enter created the folder");
    assert_eq!(w.step, wizard::Step::Folder);
    key_in_wizard(&mut w, &t, Key::Confirm);
    assert!(missing.is_dir(), "Ctrl+Enter did not create the folder");
    assert_eq!(w.step, wizard::Step::SecondCopy);

    // A folder inside the workbook's: Enter asks again, Ctrl+Enter uses it.
    key_in_wizard(&mut w, &t, Key::Escape);
    assert_eq!(w.step, wizard::Step::Folder);
    let inside = work.join("Backups");
    std::fs::create_dir_all(&inside).expect("folder");
    let _ = w.update(wizard::Message::FolderTyped(inside.display().to_string()), &t);
    key_in_wizard(&mut w, &t, Key::Enter);
    key_in_wizard(&mut w, &t, Key::Enter);
    assert_eq!(
        w.step,
        wizard::Step::Folder,
        "plain Enter used a folder inside the workbook's"
    );
    assert!(
        simulator(w.view(&t)).find(hint.as_str()).is_ok(),
        "no key hint beside \"Use this folder anyway\""
    );
    key_in_wizard(&mut w, &t, Key::Confirm);
    assert_eq!(w.step, wizard::Step::SecondCopy);
    assert_eq!(w.backup_folder.as_deref(), Some(inside.as_path()));
    // No question, no yes: Ctrl+Enter on a step that asks nothing does nothing.
    assert!(w.on_key(Key::Confirm).is_none());
    for language in [Language::Vi, Language::Pl] {
        let t = Translator::new(language);
        let said = t.format("wizard-consent-key", &[("keys", confirm_keys().into())]);
        assert!(
            said.contains(confirm_keys()) && !said.starts_with("or press"),
            "{language:?}: {said}"
        );
    }
}

#[test]
fn wizard_test_can_be_cancelled_and_run_again() {
    let t = english();
    let dir = tempfile::tempdir().expect("tempdir");
    let wb = workbook(dir.path(), "poi__SampleSS.xlsx", "Stock.xlsx");
    let backup = dir.path().join("Backups");
    std::fs::create_dir(&backup).expect("mkdir");
    let (mut w, _) = wizard::Wizard::new();
    let _ = w.update(wizard::Message::WorkbooksChosen(vec![wb]), &t);
    let _ = w.update(wizard::Message::FolderChosen(Some(backup.clone())), &t);
    w.step = wizard::Step::Options;
    click_wizard(&mut w, &t, "Next");
    assert!(matches!(w.test, wizard::TestState::Running), "{:?}", w.test);
    // While it runs there is a Cancel button, and no way to finish.
    assert!(simulator(w.view(&t)).find("Finish").is_err());
    click_wizard(&mut w, &t, "Cancel");
    assert!(
        w.cancel_switch().is_cancelled(),
        "Cancel did not reach the running test"
    );
    // The test as the app runs it, reading that switch: it stops before recording anything.
    let result = tasks::first_backup(&w.profile(), w.cancel_switch());
    assert!(matches!(result, Ok(tasks::Ran::Cancelled)), "{result:?}");
    let store = sheetsafe::store::ProfileStore::new(&backup, &w.profile_name);
    let versions = store.load_catalog().map_or(0, |c| c.versions.len());
    assert_eq!(versions, 0, "a cancelled test recorded a version");
    let _ = w.update(wizard::Message::TestFinished(result), &t);
    {
        let mut ui = simulator(w.view(&t));
        assert!(
            ui.find("The test was cancelled. Nothing half-written was kept; press “Try again” to run it.")
                .is_ok()
        );
        assert!(ui.find("Finish").is_err(), "no way to finish after a cancel");
    }
    // "Try again" runs it anew with a fresh switch, and this time it passes.
    click_wizard(&mut w, &t, "Try again");
    assert!(
        !w.cancel_switch().is_cancelled(),
        "the new run inherited the old cancel"
    );
    let _ = w.update(
        wizard::Message::TestFinished(tasks::first_backup(&w.profile(), w.cancel_switch())),
        &t,
    );
    assert!(matches!(w.test, wizard::TestState::Passed(_)), "{:?}", w.test);
}

/// The four characters after `AGE-SECRET-KEY-1` on the saved recovery sheet, as a user types
/// them back.
fn sheet_check_of(sheet: &Path) -> String {
    let text = std::fs::read_to_string(sheet).expect("the sheet was written");
    text.lines()
        .find_map(|l| l.strip_prefix("AGE-SECRET-KEY-1"))
        .expect("a key line")
        .chars()
        .take(4)
        .collect()
}

#[test]
fn wizard_makes_a_private_profile_only_after_the_recovery_sheet_is_saved_and_proven() {
    let t = english();
    let dir = tempfile::tempdir().expect("tempdir");
    let wb = workbook(dir.path(), "poi__SampleSS.xlsx", "Sổ lương.xlsx");
    let original = std::fs::read(&wb).expect("read");
    let backup = dir.path().join("Backups");
    std::fs::create_dir(&backup).expect("mkdir");
    let (mut w, _) = wizard::Wizard::new();
    w.config_file = dir.path().join("config").join("config.toml");
    let _ = w.update(wizard::Message::WorkbooksChosen(vec![wb.clone()]), &t);
    let _ = w.update(wizard::Message::FolderChosen(Some(backup.clone())), &t);
    w.step = wizard::Step::Options;
    click_wizard(&mut w, &t, "Keep this backup private (encrypted)");
    let say = |w: &mut wizard::Wizard, m: privacy::Message| {
        let _ = w.update(wizard::Message::Privacy(m), &t);
    };
    // Too short, then two that differ: refused in words, and nothing is made.
    say(&mut w, privacy::Message::PassphraseTyped("short".into()));
    click_wizard(&mut w, &t, "Next");
    assert_eq!(w.step, wizard::Step::Options);
    assert!(
        simulator(w.view(&t))
            .find("The passphrase needs at least 8 characters.")
            .is_ok()
    );
    let passphrase = "ba con mèo trên mái nhà";
    say(&mut w, privacy::Message::PassphraseTyped(passphrase.into()));
    say(&mut w, privacy::Message::AgainTyped("ba con mèo".into()));
    click_wizard(&mut w, &t, "Next");
    assert!(
        simulator(w.view(&t))
            .find("The two passphrases differ. Type them again.")
            .is_ok()
    );
    say(&mut w, privacy::Message::AgainTyped(passphrase.into()));
    assert!(simulator(w.view(&t)).find("Strong").is_ok(), "no strength shown");
    click_wizard(&mut w, &t, "Next");
    assert_eq!(w.step, wizard::Step::RecoverySheet);
    // The sheet must be saved and four of its characters typed back.
    click_wizard(&mut w, &t, "Next");
    assert_eq!(w.step, wizard::Step::RecoverySheet, "moved on without the sheet");
    let sheet = dir.path().join("recovery sheet.txt");
    say(&mut w, privacy::Message::SheetPathTyped(sheet.display().to_string()));
    click_wizard(&mut w, &t, "Save the recovery sheet");
    let check = sheet_check_of(&sheet);
    say(&mut w, privacy::Message::CheckTyped("ZZZZ".into()));
    click_wizard(&mut w, &t, "Next");
    assert_eq!(w.step, wizard::Step::RecoverySheet, "a wrong check was accepted");
    say(&mut w, privacy::Message::CheckTyped(check.to_lowercase()));
    click_wizard(&mut w, &t, "Next");
    assert_eq!(w.step, wizard::Step::Test);
    // The test makes the keys first (as the app's task does), then the first backup.
    let (user, pass, recovery) = w.privacy.keys_to_make().expect("keys to make");
    let device = sheetsafe::keys::device_key_path(&w.config_file, &w.profile().name);
    let made = sheetsafe::keys::create(&w.profile(), &device, &user, &pass, recovery.as_ref())
        .map_err(|e| Failure::Said(e.said()));
    assert!(made.is_ok(), "the keys were not made: {made:?}");
    let _ = w.update(wizard::Message::KeysMade(made), &t);
    assert!(w.privacy.keys_to_make().is_none(), "the keys would be made twice");
    let _ = w.update(
        wizard::Message::TestFinished(tasks::first_backup(&w.profile(), &())),
        &t,
    );
    assert!(matches!(w.test, wizard::TestState::Passed(_)), "{:?}", w.test);
    let Some(wizard::Event::Finished { config, .. }) = click_wizard(&mut w, &t, "Finish") else {
        panic!("no Finish")
    };
    let profile = config.profiles[0].clone();
    assert!(profile.encryption.is_some(), "the saved profile is not encrypted");
    // The backup folder holds no readable name; the passphrase opens and restores it.
    let store = profile.backup_folder.join(&profile.name);
    // (The profile's own folder carries the profile's name, as the wizard's text says.)
    for entry in walkdir::WalkDir::new(&store)
        .min_depth(1)
        .into_iter()
        .filter_map(Result::ok)
    {
        assert!(
            !entry.file_name().to_string_lossy().contains("lương"),
            "{}",
            entry.path().display()
        );
    }
    let unlocked = tasks::unlock_versions(&profile, &wb, passphrase).expect("unlock");
    let to = dir.path().join("back.xlsx");
    let target = sheetsafe::restore::RestoreTarget::To(to.clone());
    tasks::restore(&profile, &wb, &unlocked.versions[0], &target, Some(&unlocked.key), &()).expect("restore");
    assert_eq!(std::fs::read(&to).expect("restored"), original);
}

#[test]
fn wizard_uses_a_folder_corrected_after_a_failed_test() {
    let t = english();
    let dir = tempfile::tempdir().expect("tempdir");
    let wb = workbook(dir.path(), "poi__SampleSS.xlsx", "Stock.xlsx");
    let (mut w, _) = wizard::Wizard::new();
    let _ = w.update(wizard::Message::WorkbooksChosen(vec![wb]), &t);
    let unplugged = dir.path().join("unplugged").join("Backups");
    let _ = w.update(wizard::Message::FolderTyped(unplugged.display().to_string()), &t);
    w.step = wizard::Step::Options;
    click_wizard(&mut w, &t, "Next");
    let _ = w.update(
        wizard::Message::TestFinished(tasks::first_backup(&w.profile(), &())),
        &t,
    );
    assert!(matches!(w.test, wizard::TestState::Failed(_)));
    // Back to the folder, a corrected folder typed over the old one, and the test again.
    let good = dir.path().join("good");
    std::fs::create_dir(&good).expect("mkdir");
    w.step = wizard::Step::Folder;
    let _ = w.update(wizard::Message::FolderTyped(good.display().to_string()), &t);
    click_wizard(&mut w, &t, "Next");
    assert_eq!(w.step, wizard::Step::SecondCopy);
    click_wizard(&mut w, &t, "Skip for now");
    assert_eq!(w.step, wizard::Step::Options);
    assert!(w.profile().destinations.is_empty(), "skipped, yet a second copy");
    assert_eq!(w.profile().backup_folder, good, "the corrected folder was ignored");
    let _ = w.update(
        wizard::Message::TestFinished(tasks::first_backup(&w.profile(), &())),
        &t,
    );
    assert!(matches!(w.test, wizard::TestState::Passed(_)), "{:?}", w.test);
}

/// A folder that refuses writes: read-only by its mode, or, for root (whom modes do not stop),
/// a read-only tmpfs mounted over it. `None` when neither can be made here.
#[cfg(unix)]
fn unwritable_folder(dir: &Path) -> Option<(PathBuf, Option<PathBuf>)> {
    use std::os::unix::fs::PermissionsExt as _;
    let folder = dir.join("locked");
    std::fs::create_dir(&folder).expect("mkdir");
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    if std::fs::write(folder.join("probe"), b"x").is_err() {
        return Some((folder, None));
    }
    let _ = std::fs::remove_file(folder.join("probe"));
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "ro,size=1m", "tmpfs"])
        .arg(&folder)
        .status()
        .is_ok_and(|s| s.success());
    mounted.then(|| (folder.clone(), Some(folder)))
}

#[cfg(unix)]
#[test]
fn wizard_says_when_the_backup_folder_cannot_be_written() {
    let t = english();
    let dir = tempfile::tempdir().expect("tempdir");
    let wb = workbook(dir.path(), "poi__SampleSS.xlsx", "Stock.xlsx");
    let Some((locked, mount)) = unwritable_folder(dir.path()) else {
        eprintln!("skipping: this user writes into read-only folders and cannot mount a read-only one");
        return;
    };
    let (mut w, _) = wizard::Wizard::new();
    let _ = w.update(wizard::Message::WorkbooksChosen(vec![wb]), &t);
    w.step = wizard::Step::Folder;
    let _ = w.update(wizard::Message::FolderChosen(Some(locked.clone())), &t);
    click_wizard(&mut w, &t, "Next");
    let stayed = w.step == wizard::Step::Folder;
    let reason = if mount.is_some() {
        "the disk is read-only"
    } else {
        "you do not have permission there"
    };
    let expected = format!(
        "Sheetsafe cannot write in {}: {reason}. Choose another folder, or connect the disk again.",
        locked.display()
    );
    let said = simulator(w.view(&t)).find(expected.as_str()).is_ok();
    if let Some(m) = mount {
        let _ = std::process::Command::new("umount").arg(&m).status();
    }
    assert!(stayed, "the wizard moved on to a folder it cannot write in");
    assert!(said, "no sentence: {expected}");
}

/// `sha256sum -c SHA256SUMS` passes in `dir`: the independent judge of a profile folder.
fn sha256sum_passes(dir: &Path) {
    let out = std::process::Command::new("sha256sum")
        .args(["-c", "--quiet", "SHA256SUMS"])
        .current_dir(dir)
        .output()
        .expect("run sha256sum");
    assert!(
        out.status.success(),
        "sha256sum -c failed in {}: {:?}",
        dir.display(),
        out
    );
}

#[test]
fn wizard_never_ends_on_a_failed_test() {
    let t = english();
    let dir = tempfile::tempdir().expect("tempdir");
    let wb = workbook(dir.path(), "poi__SampleSS.xlsx", "Stock.xlsx");
    let (mut w, _) = wizard::Wizard::new();
    let _ = w.update(wizard::Message::WorkbooksChosen(vec![wb]), &t);
    // A backup folder on a drive that is not there.
    let _ = w.update(
        wizard::Message::FolderChosen(Some(dir.path().join("unplugged").join("Backups"))),
        &t,
    );
    w.step = wizard::Step::Options;
    click_wizard(&mut w, &t, "Next");
    let result = tasks::first_backup(&w.profile(), &());
    assert!(result.is_err());
    let _ = w.update(wizard::Message::TestFinished(result), &t);
    let mut ui = simulator(w.view(&t));
    assert!(ui.find("The first backup failed.").is_ok());
    assert!(ui.find("Try again").is_ok());
    assert!(ui.find("Finish").is_err(), "no way to finish after a failure");
}

#[test]
fn overview_shows_the_backup_and_reacts_to_back_up_now() {
    let t = english();
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, profile) = sales_profile(dir.path(), "poi__SampleSS.xlsx");
    let config = Config {
        profiles: vec![profile.clone()],
        ..Config::default()
    };
    let mut screen = overview::Overview::default();
    let status = tasks::overview(&config, &dir.path().join("data"));
    assert!(simulator(screen.view(&t, Some(&status))).find("No backup yet").is_ok());

    // "Back up now" is clicked; the root runs the backup and reports back.
    let mut ui = simulator(screen.view(&t, Some(&status)));
    ui.click("Back up now").expect("button");
    let messages: Vec<_> = ui.into_messages().collect();
    let (_, event) = screen.update(messages.into_iter().next().expect("a message"));
    assert_eq!(event, Some(overview::Event::BackUpNow("Sales".into())));
    let lines = tasks::back_up(&[profile], std::time::Duration::from_secs(5), &());
    assert!(lines[0].result.is_ok());
    screen.note(
        "Sales",
        t.format("overview-backup-ok", &[("count", 1usize.into())]),
        Level::Ok,
    );

    let status = tasks::overview(&config, &dir.path().join("data"));
    let mut ui = simulator(screen.view(&t, Some(&status)));
    assert!(ui.find("Backed up: 1 new verified version.").is_ok());
    assert!(ui.find("1 version").is_ok());
    assert!(ui.find("✔ verified").is_ok());
}

#[test]
fn a_running_check_shows_its_progress_with_cancel_and_a_cancelled_check_finds_nothing() {
    let t = english();
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, profile) = sales_profile(dir.path(), "poi__SampleSS.xlsx");
    let config = Config {
        profiles: vec![profile.clone()],
        ..Config::default()
    };
    assert!(
        tasks::back_up(std::slice::from_ref(&profile), std::time::Duration::from_secs(5), &())[0]
            .result
            .is_ok()
    );
    let status = tasks::overview(&config, &dir.path().join("data"));
    let version = status.profiles[0].folder.join("some version.xlsx");
    let mut screen = overview::Overview::default();
    let _ = screen.update(overview::Message::Verify("Sales".into()));
    screen.set_running(true);
    screen.set_progress(Some(crate::gui::background::Done {
        file: version,
        bytes: 300_000_000,
        total: 400_000_000,
        files: 0,
        elapsed: std::time::Duration::from_secs(6),
    }));
    let mut ui = simulator(screen.view(&t, Some(&status)));
    // 300 MB in 6 s: the last 100 MB take about 2 s more.
    assert!(
        ui.find("some version.xlsx: 75 % (300.0 MB of 400.0 MB), about 2 seconds left")
            .is_ok(),
        "no progress line with the time left"
    );
    ui.click("Cancel").expect("a Cancel button beside the progress");
    let messages: Vec<_> = ui.into_messages().collect();
    let (_, event) = screen.update(messages.into_iter().next().expect("a message"));
    assert_eq!(event, Some(overview::Event::Cancel));
    // The check as the app runs it, after Cancel: no finding, and it says it was cut short.
    let switch = sheetsafe::progress::CancelSwitch::default();
    switch.cancel();
    let summary = tasks::verify_profile(&profile, &switch);
    assert!(summary.ok && summary.cancelled, "{summary:?}");
    assert!(summary.problems.is_empty(), "a cancel became a problem: {summary:?}");
}

#[test]
fn a_finding_nobody_can_mend_can_be_dismissed_and_the_dismissal_is_recorded() {
    let t = Translator::new(Language::Vi);
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let config = Config::default();
    let mut status = tasks::overview(&config, &data);
    // What the scheduled check reports for an old version of a workbook long removed from the
    // profile, damaged, with no good copy anywhere.
    let old = sheetsafe::problem::Problem::CheckFound {
        folder: dir.path().join("backup").join("Cửa hàng"),
        finding: sheetsafe::verify::Finding::HashMismatch {
            file: "Sổ cũ__2019-03-01_101010.xlsx".into(),
            expected: "a".repeat(64),
            actual: "b".repeat(64),
        },
    };
    status.problems.push(old.clone());
    status.level = Level::of(status.all_problems());
    assert_eq!(status.level, Level::Failed);
    let mut screen = overview::Overview::default();
    let mut ui = simulator(screen.view(&t, Some(&status)));
    ui.click(t.tr("overview-dismiss").as_str())
        .expect("a Dismiss button beside the finding");
    let messages: Vec<_> = ui.into_messages().collect();
    let (_, event) = screen.update(messages.into_iter().next().expect("a message"));
    assert_eq!(event, Some(overview::Event::Dismiss(old.clone())));
    // What the app does with the event, then what the next status refresh reads.
    sheetsafe::status::dismissed::dismiss(&data, &old).expect("recorded");
    let record = sheetsafe::status::dismissed::Dismissed::load(&data);
    let (shown, dismissed) = record.split(status.problems.clone());
    assert!(shown.is_empty() && dismissed == vec![old], "{shown:?} / {dismissed:?}");
    status.problems = shown;
    status.dismissed = dismissed;
    status.level = Level::of(status.all_problems());
    assert_eq!(status.level, Level::Ok, "a dismissed finding still sets the colour");
    let said = t.format("overview-dismissed", &[("count", 1usize.into())]);
    assert!(
        simulator(screen.view(&t, Some(&status))).find(said.as_str()).is_ok(),
        "not said: {said}"
    );
}

#[test]
fn a_vanishing_data_alarm_offers_restoring_the_kept_version_or_the_change_was_intended() {
    let t = english();
    let dir = tempfile::tempdir().expect("tempdir");
    let (wb, profile) = sales_profile(dir.path(), "sheetjs__חישוב_נקודות_זיכוי.xlsx");
    let config = Config {
        profiles: vec![profile.clone()],
        ..Config::default()
    };
    let wait = std::time::Duration::from_secs(5);
    let summarize = || sheetsafe::inspect::summarize_missing(&profile, wait, sheetsafe::contents::Limits::default());
    tasks::back_up(std::slice::from_ref(&profile), wait, &());
    summarize().expect("summaries");
    // Every sheet gone: the workbook saved as plain text.
    std::fs::write(&wb, "nothing left").expect("overwrite");
    tasks::back_up(std::slice::from_ref(&profile), wait, &());
    assert_eq!(summarize().expect("summaries").alarms.len(), 1, "no alarm");
    let status = tasks::overview(&config, &dir.path().join("data"));
    let mut screen = overview::Overview::default();

    // The alarm names the app's buttons, not commands.
    for said in status.all_problems().map(|p| p.localized(&t)) {
        assert!(!said.contains("sheetsafe ") && !said.contains("--"), "{said}");
    }
    // The other way out: one click opens the history at the restore of the version kept from
    // before the loss, asking first.
    let kept = tasks::versions(&profile, &wb).expect("versions")[1].clone();
    assert!(kept.pin.is_some(), "{kept:?}");
    let label = format!("Restore the version of {}…", super::fmt::time_to_second(&kept.created));
    let mut ui = simulator(screen.view(&t, Some(&status)));
    ui.click(label.as_str()).expect("a restore button beside the alarm");
    let messages: Vec<_> = ui.into_messages().collect();
    let (_, event) = screen.update(messages.into_iter().next().expect("a message"));
    let Some(overview::Event::RestoreKept(p, w, file)) = event else {
        panic!("not a restore: {event:?}")
    };
    assert_eq!((p.as_str(), &w, file.as_str()), ("Sales", &wb, kept.file.as_str()));
    let (mut h, _) = history::History::at_restore_of(profile.clone(), &w, file);
    let _ = h.update(history::Message::Loaded(tasks::versions(&profile, &wb)), &t);
    let confirm = t.format(
        "history-restore-confirm",
        &[
            ("workbook", wb.display().to_string().into()),
            ("time", super::fmt::time_to_second(&kept.created).into()),
        ],
    );
    let mut ui = simulator(h.view(&t));
    assert!(ui.find(confirm.as_str()).is_ok(), "no confirmation: {confirm}");
    assert!(ui.find("Yes, restore").is_ok(), "no way to confirm");
    assert_eq!(
        std::fs::read(&wb).expect("read"),
        b"nothing left",
        "restored before asking"
    );

    let mut ui = simulator(screen.view(&t, Some(&status)));
    ui.click("The change was intended")
        .expect("the button beside the alarm");
    let messages: Vec<_> = ui.into_messages().collect();
    let (_, event) = screen.update(messages.into_iter().next().expect("a message"));
    assert_eq!(event, Some(overview::Event::AcceptChange("Sales".into(), wb.clone())));
    // What the app does with it.
    let released = sheetsafe::inspect::accept_change(&profile, "Sales.xlsx", wait).expect("accept");
    assert_eq!(released.len(), 1);
    let status = tasks::overview(&config, &dir.path().join("data"));
    let left: Vec<_> = status
        .all_problems()
        .filter(|p| matches!(p, sheetsafe::problem::Problem::DataVanished { .. }))
        .collect();
    assert!(
        left.is_empty(),
        "the alarm stays after the change was accepted: {left:?}"
    );
}

#[test]
fn a_second_copy_shows_its_state_in_words_and_copy_now_copies_and_reads_back() {
    let t = Translator::new(sheetsafe::i18n::Language::Pl);
    let dir = tempfile::tempdir().expect("tempdir");
    let wb = workbook(dir.path(), "poi__SampleSS.xlsx", "Sprzedaż.xlsx");
    let usb = dir.path().join("USB");
    let mut profile = sheetsafe::Profile {
        name: "Sklep".into(),
        workbooks: vec![wb],
        backup_folder: dir.path().join("backup"),
        ..sheetsafe::Profile::default()
    };
    profile.destinations.push(sheetsafe::config::Destination {
        name: "Pendrive".into(),
        folder: usb.clone(),
        schedule: sheetsafe::schedule::Schedule::OnPlug,
        ..sheetsafe::config::Destination::default()
    });
    let config = Config {
        profiles: vec![profile.clone()],
        ..Config::default()
    };
    tasks::back_up(std::slice::from_ref(&profile), std::time::Duration::from_secs(5), &());
    let mut screen = overview::Overview::default();
    // The USB disk is not plugged in: the card waits for it, in Polish.
    let status = tasks::overview(&config, &dir.path().join("data"));
    let waiting = format!(
        "→ Pendrive: czekam na {} (ostatnia kopia: jeszcze nic nie skopiowano); kopia zostanie zrobiona, gdy tylko będzie dostępny",
        usb.display()
    );
    assert!(
        simulator(screen.view(&t, Some(&status))).find(waiting.as_str()).is_ok(),
        "no line: {waiting}"
    );
    // Plugged in; "Copy now" clicked.
    std::fs::create_dir(&usb).expect("plug in");
    let mut ui = simulator(screen.view(&t, Some(&status)));
    ui.click("Kopiuj teraz").expect("a Copy now button");
    let messages: Vec<_> = ui.into_messages().collect();
    let (_, event) = screen.update(messages.into_iter().next().expect("a message"));
    assert_eq!(event, Some(overview::Event::CopyNow("Sklep".into(), "Pendrive".into())));
    let copied = tasks::copy_now(&profile, "Pendrive", std::time::Duration::from_secs(5), &());
    assert!(matches!(copied, Ok(tasks::Ran::Finished(1))), "{copied:?}");
    sha256sum_passes(&usb.join("Sklep"));
    let status = tasks::overview(&config, &dir.path().join("data"));
    let d = &status.profiles[0].destinations[0];
    assert_eq!(d.state, sheetsafe::copies::CopyState::UpToDate, "{d:?}");
    let copied_line = format!(
        "→ Pendrive: {}",
        t.format(
            "copy-up-to-date",
            &[
                ("last", t.tr("time-just-now").into()),
                ("next", super::fmt::time(&d.next_due).into())
            ]
        )
    );
    assert!(
        simulator(screen.view(&t, Some(&status)))
            .find(copied_line.as_str())
            .is_ok(),
        "no line: {copied_line}"
    );
    // Unplugged again, "Copy now" says why in Polish and names the folder: no English, no
    // system error code.
    std::fs::remove_dir_all(&usb).expect("unplug");
    let failed = tasks::copy_now(&profile, "Pendrive", std::time::Duration::from_secs(5), &());
    let Err(why) = failed else {
        panic!("a copy to an unplugged disk did not fail: {failed:?}")
    };
    let said = why.localized(&t);
    assert!(
        said.starts_with("Nie ma folderu") && said.contains(&*usb.display().to_string()),
        "{said}"
    );
    assert!(!said.contains("The ") && !said.contains("os error"), "{said}");
}

#[test]
fn a_profile_with_every_copy_on_its_disk_is_amber_until_a_second_copy_is_added_and_made() {
    let t = english();
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, profile) = sales_profile(dir.path(), "poi__SampleSS.xlsx");
    let mut config = Config {
        profiles: vec![profile.clone()],
        ..Config::default()
    };
    tasks::back_up(std::slice::from_ref(&profile), std::time::Duration::from_secs(5), &());
    let status = tasks::overview(&config, &dir.path().join("data"));
    assert!(
        status.profiles[0]
            .problems
            .iter()
            .any(|p| matches!(p, sheetsafe::problem::Problem::NoCopyOffThisDisk { .. })),
        "{:?}",
        status.profiles[0].problems
    );
    assert_eq!(status.profiles[0].level(), Level::Attention);
    // The card's button opens the profile editor.
    let mut screen = overview::Overview::default();
    let mut ui = simulator(screen.view(&t, Some(&status)));
    ui.click("Add a second copy")
        .expect("the one-click way to add a second copy");
    let message = ui.into_messages().next().expect("a message");
    assert_eq!(screen.update(message).1, Some(overview::Event::Edit("Sales".into())));

    // In the editor: a folder on another disk (unplugged now: it counts as elsewhere).
    let mut editor = profile::Editor::without_places(config.clone(), Some("Sales"));
    let usb = std::path::Path::new("/media/sheetsafe-test-usb-that-is-not-plugged-in/Sheetsafe");
    let _ = editor.update(
        profile::Message::SecondCopy(wizard::SecondCopyMessage::Typed(usb.display().to_string())),
        &t,
    );
    let _ = editor.update(profile::Message::AddDestination, &t);
    // Removing one asks first and says what happens to the copies there.
    let _ = editor.update(profile::Message::RemoveDestination(0), &t);
    let confirm = format!(
        "Stop making copies to Sheetsafe? The copies already in {} stay there; Sheetsafe no longer adds to them, checks them or repairs from them.",
        usb.join("Sales").display()
    );
    assert!(
        simulator(editor.view(&t)).find(confirm.as_str()).is_ok(),
        "no question: {confirm}"
    );
    let (_, event) = editor.update(profile::Message::Save, &t);
    let Some(profile::Event::Changed(saved)) = event else {
        panic!("not saved: {:?}", editor.error)
    };
    assert_eq!(saved.profiles[0].destinations[0].folder, usb);
    config = saved;
    // A second copy never made is no copy off this disk yet: still amber, now saying so.
    let status = tasks::overview(&config, &dir.path().join("data"));
    let off_disk = |status: &sheetsafe::status::Overview| {
        status.profiles[0]
            .problems
            .iter()
            .filter(|p| {
                matches!(
                    p,
                    sheetsafe::problem::Problem::NoCopyOffThisDisk { .. }
                        | sheetsafe::problem::Problem::FirstCopyNotMade { .. }
                )
            })
            .cloned()
            .collect::<Vec<_>>()
    };
    let found = off_disk(&status);
    assert!(
        matches!(found.as_slice(), [sheetsafe::problem::Problem::FirstCopyNotMade { destination, .. }] if destination == "Sheetsafe"),
        "{found:?}"
    );
    assert_eq!(status.profiles[0].level(), Level::Attention);
    let said = found[0].localized(&t);
    assert!(
        said.contains("has left this disk") && said.contains("Copy now"),
        "{said}"
    );

    // Once a copy reaches a folder on another disk (tmpfs here, where there is one), the
    // profile has its copy off this disk.
    let other_disk = std::path::Path::new("/dev/shm");
    if sheetsafe::fsutil::device_of(other_disk).is_some_and(|d| Some(d) != sheetsafe::fsutil::device_of(dir.path())) {
        let usb = tempfile::tempdir_in(other_disk).expect("a folder on the other disk");
        config.profiles[0].destinations[0].folder = usb.path().to_path_buf();
        let _ = sheetsafe::copies::run_now(
            &config.profiles[0],
            &[],
            chrono::Local::now(),
            std::time::Duration::from_secs(5),
            &(),
        )
        .expect("copy");
        let status = tasks::overview(&config, &dir.path().join("data"));
        assert_eq!(off_disk(&status), Vec::new());
    } else {
        eprintln!(
            "no second disk (/dev/shm) here: the copy that makes the profile safe is checked by scripts/test-gui"
        );
    }
}

#[test]
fn profile_editor_names_each_mistake_before_saving() {
    let t = english();
    let dir = tempfile::tempdir().expect("tempdir");
    let wb = workbook(dir.path(), "poi__SampleSS.xlsx", "Sales.xlsx");
    let mut editor = profile::Editor::without_places(Config::default(), None);
    let mut feed = |m| editor.update(m, &t).1;

    feed(profile::Message::NameTyped("Sales/2026".into()));
    feed(profile::Message::WorkbooksChosen(vec![wb]));
    feed(profile::Message::FolderTyped(
        dir.path().join("backup").display().to_string(),
    ));
    assert!(feed(profile::Message::Save).is_none());
    assert!(
        editor.error.as_deref().is_some_and(|e| e.contains("folder names")),
        "{:?}",
        editor.error
    );
    assert!(
        simulator(editor.view(&t))
            .find(editor.error.clone().unwrap_or_default().as_str())
            .is_ok()
    );

    let mut feed = |m| editor.update(m, &t).1;
    feed(profile::Message::NameTyped("Sales".into()));
    feed(profile::Message::KeepTyped(profile::Rule::Daily, "many".into()));
    assert!(feed(profile::Message::Save).is_none());
    assert!(
        editor
            .error
            .as_deref()
            .is_some_and(|e| e.contains("“Daily” must be a whole number")),
        "{:?}",
        editor.error
    );

    let mut feed = |m| editor.update(m, &t).1;
    feed(profile::Message::KeepTyped(profile::Rule::Daily, "7".into()));
    // The backup folder does not exist yet: the editor asks before making it.
    let backup = dir.path().join("backup");
    assert!(feed(profile::Message::Save).is_none());
    let missing = format!(
        "The folder {} does not exist yet. Create it, or choose another folder.",
        backup.display()
    );
    assert_eq!(editor.error.as_deref(), Some(missing.as_str()));
    let mut ui = simulator(editor.view(&t));
    ui.click("Create this folder").expect("the button to create it");
    let message = ui.into_messages().next().expect("a message");
    let Some(profile::Event::Changed(config)) = editor.update(message, &t).1 else {
        panic!("{:?}", editor.error)
    };
    assert!(backup.is_dir(), "the folder was not created");
    assert_eq!(config.profiles[0].keep.daily, 7);
}

/// The editor asks the wizard's question about a new or changed backup folder inside the
/// workbook's folder (the same `folder_check` as the wizard, whose tests cover a folder that
/// cannot be written): it is used only when meant.
#[test]
fn profile_editor_asks_before_a_backup_folder_inside_the_workbooks_folder() {
    let t = english();
    let dir = tempfile::tempdir().expect("tempdir");
    let wb = workbook(dir.path(), "poi__SampleSS.xlsx", "Sales.xlsx");
    let work = wb.parent().expect("the workbook's folder").to_path_buf();
    let mut editor = profile::Editor::without_places(Config::default(), None);
    let _ = editor.update(profile::Message::NameTyped("Sales".into()), &t);
    let _ = editor.update(profile::Message::WorkbooksChosen(vec![wb]), &t);
    let inside = work.join("Backups");
    std::fs::create_dir_all(&inside).expect("folder");
    let _ = editor.update(profile::Message::FolderTyped(inside.display().to_string()), &t);
    assert!(editor.update(profile::Message::Save, &t).1.is_none());
    assert!(
        editor.error.as_deref().is_some_and(|e| e.starts_with(&format!(
            "The folder {} is inside {}, where your workbook is",
            inside.display(),
            work.display()
        ))),
        "{:?}",
        editor.error
    );
    // Another folder typed: the question about the first one goes.
    let _ = editor.update(profile::Message::FolderTyped(dir.path().display().to_string()), &t);
    assert!(simulator(editor.view(&t)).find("Use this folder anyway").is_err());
    let _ = editor.update(profile::Message::FolderTyped(inside.display().to_string()), &t);
    assert!(editor.update(profile::Message::Save, &t).1.is_none());
    let mut ui = simulator(editor.view(&t));
    ui.click("Use this folder anyway").expect("the button to mean it");
    let message = ui.into_messages().next().expect("a message");
    let Some(profile::Event::Changed(config)) = editor.update(message, &t).1 else {
        panic!("{:?}", editor.error)
    };
    assert_eq!(config.profiles[0].backup_folder, inside);
}

#[test]
fn profile_editor_makes_a_private_profile_after_the_sheet_is_proven() {
    let t = english();
    let dir = tempfile::tempdir().expect("tempdir");
    let wb = workbook(dir.path(), "poi__SampleSS.xlsx", "Sổ lương.xlsx");
    let original = std::fs::read(&wb).expect("read");
    let mut editor = profile::Editor::without_places(Config::default(), None);
    editor.config_file = dir.path().join("config").join("config.toml");
    let passphrase = "ba con mèo trên mái nhà";
    for m in [
        profile::Message::NameTyped("Lương".into()),
        profile::Message::WorkbooksChosen(vec![wb.clone()]),
        profile::Message::FolderTyped(dir.path().join("backup").display().to_string()),
        profile::Message::Privacy(privacy::Message::Toggled(true)),
        profile::Message::Privacy(privacy::Message::PassphraseTyped(passphrase.into())),
        profile::Message::Privacy(privacy::Message::AgainTyped("ba con".into())),
    ] {
        let _ = editor.update(m, &t);
    }
    // Two passphrases that differ: refused in words, nothing saved.
    assert!(editor.update(profile::Message::Save, &t).1.is_none());
    assert!(
        simulator(editor.view(&t))
            .find("The two passphrases differ. Type them again.")
            .is_ok()
    );
    let _ = editor.update(
        profile::Message::Privacy(privacy::Message::AgainTyped(passphrase.into())),
        &t,
    );
    // Accepted: the recovery sheet part shows, and Save does not save before it is proven.
    assert!(editor.update(profile::Message::Save, &t).1.is_none());
    assert!(simulator(editor.view(&t)).find("Save the recovery sheet").is_ok());
    let sheet = dir.path().join("sheet.txt");
    for m in [
        privacy::Message::SheetPathTyped(sheet.display().to_string()),
        privacy::Message::SaveSheet,
        privacy::Message::CheckTyped("ZZZZ".into()),
    ] {
        let _ = editor.update(profile::Message::Privacy(m), &t);
    }
    assert!(
        editor.update(profile::Message::Save, &t).1.is_none(),
        "saved with a wrong check"
    );
    assert!(!dir.path().join("backup").exists(), "nothing is made before the check");
    let check = sheet_check_of(&sheet);
    let _ = editor.update(profile::Message::Privacy(privacy::Message::CheckTyped(check)), &t);
    // Save now starts making the keys (the app runs it in the background; made here the same way).
    assert!(editor.update(profile::Message::Save, &t).1.is_none());
    let (user, pass, recovery) = editor.privacy.keys_to_make().expect("keys to make");
    let base = Profile {
        name: "Lương".into(),
        workbooks: vec![wb.clone()],
        backup_folder: dir.path().join("backup"),
        ..Profile::default()
    };
    let device = sheetsafe::keys::device_key_path(&editor.config_file, "Lương");
    let made =
        sheetsafe::keys::create(&base, &device, &user, &pass, recovery.as_ref()).map_err(|e| Failure::Said(e.said()));
    let Some(profile::Event::Changed(config)) = editor.update(profile::Message::KeysMade(made), &t).1 else {
        panic!("not saved: {:?}", editor.error)
    };
    let profile = config.profiles[0].clone();
    assert!(profile.encryption.is_some(), "the saved profile is not encrypted");
    assert!(tasks::first_backup(&profile, &()).is_ok());
    let unlocked = tasks::unlock_versions(&profile, &wb, passphrase).expect("unlock");
    let to = dir.path().join("back.xlsx");
    let target = sheetsafe::restore::RestoreTarget::To(to.clone());
    tasks::restore(&profile, &wb, &unlocked.versions[0], &target, Some(&unlocked.key), &()).expect("restore");
    assert_eq!(std::fs::read(&to).expect("restored"), original);

    // Editing it says it is private; duplicating it is refused in words.
    let mut again = profile::Editor::without_places(config, Some("Lương"));
    assert!(
        simulator(again.view(&t))
            .find(t.tr("profile-is-private").as_str())
            .is_ok()
    );
    assert!(again.update(profile::Message::Duplicate, &t).1.is_none());
    assert_eq!(again.error.as_deref(), Some(t.tr("profile-duplicate-private").as_str()));
}

/// Regression: the app wrote back the whole configuration it had loaded, so a profile added
/// with the CLI while the app ran vanished at the next Save in the app.
#[test]
fn saving_a_profile_keeps_a_profile_the_cli_added_meanwhile() {
    let t = english();
    let dir = tempfile::tempdir().expect("tempdir");
    let config_file = dir.path().join("config.toml");
    let sales = workbook(dir.path(), "poi__SampleSS.xlsx", "Sales.xlsx");
    let stock = workbook(dir.path(), "poi__SampleSS.xlsx", "Stock.xlsx");
    let backup = dir.path().join("backup");
    let profile = |name: &str, wb: &Path| Profile {
        name: name.into(),
        workbooks: vec![wb.to_path_buf()],
        backup_folder: backup.clone(),
        ..Profile::default()
    };
    sheetsafe::config::update(&config_file, |c| c.add_profile(profile("Sales", &sales))).expect("first profile");
    // The app loads the configuration and the user opens the profile …
    let base = Config::load(&config_file).expect("load").config;
    let mut editor = profile::Editor::without_places(base.clone(), Some("Sales"));
    // … while `sheetsafe profile add Stock` runs in a terminal …
    sheetsafe::config::update(&config_file, |c| c.add_profile(profile("Stock", &stock))).expect("cli add");
    // … then the user changes a keep rule and saves.
    let _ = editor.update(profile::Message::KeepTyped(profile::Rule::Last, "3".into()), &t);
    let Some(profile::Event::Changed(mine)) = editor.update(profile::Message::Save, &t).1 else {
        panic!("{:?}", editor.error)
    };
    let saved = tasks::save_edits(&config_file, &base, &mine).expect("save");
    let on_disk = Config::load(&config_file).expect("reload").config;
    assert_eq!(on_disk, saved);
    let names: Vec<_> = on_disk.profiles.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Sales", "Stock"]);
    assert_eq!(on_disk.profiles[0].keep.last, 3);
}

#[test]
fn history_restores_a_version_after_confirmation() {
    let t = english();
    let dir = tempfile::tempdir().expect("tempdir");
    let (wb, profile) = sales_profile(dir.path(), "poi__SampleSS.xlsx");
    tasks::back_up(std::slice::from_ref(&profile), std::time::Duration::from_secs(5), &());
    let original = std::fs::read(&wb).expect("read");
    std::fs::write(&wb, b"oops, overwritten").expect("damage the workbook");

    let (mut h, _) = history::History::new(profile.clone());
    let _ = h.update(history::Message::Loaded(tasks::versions(&profile, &wb)), &t);
    assert_eq!(h.versions.len(), 1);
    let mut ui = simulator(h.view(&t));
    ui.click("Restore…").expect("restore button");
    for m in ui.into_messages().collect::<Vec<_>>() {
        let _ = h.update(m, &t);
    }
    let mut ui = simulator(h.view(&t));
    let confirm = format!("Replace {} with the version of", wb.display());
    assert!(ui.find(confirm.as_str()).is_err() || ui.find("Yes, restore").is_ok());
    ui.click("Yes, restore").expect("confirm button");
    for m in ui.into_messages().collect::<Vec<_>>() {
        let _ = h.update(m, &t);
    }
    // The confirmation started the restore: it shows with a Cancel button. Cancelled, the
    // restore (as the app runs it, reading the switch) writes nothing.
    let mut ui = simulator(h.view(&t));
    assert!(ui.find("Restoring…").is_ok(), "the running restore is not shown");
    ui.click("Cancel").expect("a Cancel button beside the running restore");
    for m in ui.into_messages().collect::<Vec<_>>() {
        let _ = h.update(m, &t);
    }
    let switch = h.restore_switch().expect("a running restore");
    assert!(switch.is_cancelled(), "Cancel did not reach the running restore");
    let target = sheetsafe::restore::RestoreTarget::ReplaceOriginal;
    let cancelled = tasks::restore(&profile, &wb, &h.versions[0], &target, None, &switch);
    assert!(matches!(cancelled, Ok(tasks::Ran::Cancelled)), "{cancelled:?}");
    let _ = h.update(history::Message::Restored(cancelled), &t);
    assert_eq!(
        std::fs::read(&wb).expect("read"),
        b"oops, overwritten",
        "a cancelled restore wrote"
    );
    assert!(
        simulator(h.view(&t))
            .find("Restore cancelled: nothing was written, and the workbook is as it was.")
            .is_ok()
    );
    // Asked again and left to finish.
    let _ = h.update(history::Message::AskRestore(0), &t);
    let _ = h.update(history::Message::ConfirmRestore, &t);
    let restored = tasks::restore(&profile, &wb, &h.versions[0], &target, None, &());
    let _ = h.update(history::Message::Restored(restored), &t);
    assert_eq!(std::fs::read(&wb).expect("read"), original, "the workbook is back");
    assert!(
        h.note
            .as_ref()
            .is_some_and(|(n, ok)| *ok && n.starts_with("Restored to")),
        "{:?}",
        h.note
    );
    // The overwritten file was kept as a safety version first.
    let versions = tasks::versions(&profile, &wb).expect("versions");
    assert!(versions.iter().any(|v| v.trigger == sheetsafe::Trigger::RestoreSafety));
}

#[test]
fn an_encrypted_profiles_history_asks_for_the_passphrase_then_restores_byte_exact() {
    let t = english();
    let dir = tempfile::tempdir().expect("tempdir");
    let (wb, profile) = private_profile(dir.path(), "poi__SampleSS.xlsx", "Sổ bán hàng.xlsx");
    let original = std::fs::read(&wb).expect("read");
    let made = tasks::back_up(std::slice::from_ref(&profile), std::time::Duration::from_secs(5), &());
    assert!(made[0].result.is_ok(), "{made:?}");

    // Nothing is listed before the passphrase; a wrong one is told in words.
    let (mut h, _) = history::History::new(profile.clone());
    assert!(simulator(h.view(&t)).find("Passphrase").is_ok(), "no passphrase field");
    let _ = h.update(
        history::Message::Unlocked(tasks::unlock_versions(&profile, &wb, "wrong horse")),
        &t,
    );
    assert!(h.versions.is_empty());
    let said = t.tr("history-wrong-passphrase");
    assert!(simulator(h.view(&t)).find(said.as_str()).is_ok(), "not said: {said}");
    // The right one lists the version, with its readable name for "Open".
    let _ = h.update(history::Message::PassphraseTyped("bốn con ngựa kẹp giấy".into()), &t);
    let unlocked = tasks::unlock_versions(&profile, &wb, "bốn con ngựa kẹp giấy");
    let key = unlocked.as_ref().map(|u| u.key.clone()).expect("unlocked");
    let _ = h.update(history::Message::Unlocked(unlocked), &t);
    assert_eq!(h.versions.len(), 1);
    let mut ui = simulator(h.view(&t));
    assert!(ui.find("Restore…").is_ok(), "no version card after unlocking");
    // Restored to a new file with the key the passphrase opened: byte-exact.
    let to = dir.path().join("restored.xlsx");
    let target = sheetsafe::restore::RestoreTarget::To(to.clone());
    let restored = tasks::restore(&profile, &wb, &h.versions[0], &target, Some(&key), &());
    assert!(
        matches!(&restored, Ok(tasks::Ran::Finished(p)) if *p == to),
        "{restored:?}"
    );
    assert_eq!(std::fs::read(&to).expect("restored"), original);

    // Verify checks it without the key; a changed byte is found and said in the user's words.
    let summary = tasks::verify_profile(&profile, &());
    assert!(summary.ok && summary.intact == 1, "{summary:?}");
    let versions_dir = profile.backup_folder.join(&profile.name).join("v");
    let file = std::fs::read_dir(&versions_dir)
        .expect("v/")
        .map(|e| e.expect("entry").path())
        .find(|p| p.extension().is_some_and(|e| e == "age"))
        .expect("an encrypted version");
    let mut bytes = std::fs::read(&file).expect("read");
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    std::fs::write(&file, bytes).expect("damage");
    let summary = tasks::verify_profile(&profile, &());
    assert!(!summary.ok, "{summary:?}");
    let vi = Translator::new(Language::Vi);
    let said: Vec<String> = summary.problems.iter().map(|p| p.localized(&vi)).collect();
    assert!(
        said.iter()
            .any(|s| s.contains("bị hỏng") && s.contains(&*file.display().to_string())),
        "{said:?}"
    );
}

#[test]
fn history_shows_seconds_size_changes_and_marks_the_newest_and_last_healthy() {
    let t = english();
    let dir = tempfile::tempdir().expect("tempdir");
    let (wb, profile) = sales_profile(dir.path(), "poi__SampleSS.xlsx");
    tasks::back_up(std::slice::from_ref(&profile), std::time::Duration::from_secs(5), &());
    // Saved again, damaged this time: the newest version is not the last healthy one.
    std::fs::copy(corpus("poi__invalid.xlsx"), &wb).expect("save a damaged workbook");
    tasks::back_up(std::slice::from_ref(&profile), std::time::Duration::from_secs(5), &());

    // What the agent's worker does after each backup: read what each version holds.
    sheetsafe::inspect::summarize_missing(
        &profile,
        std::time::Duration::from_secs(5),
        sheetsafe::contents::Limits::default(),
    )
    .expect("summaries");
    let (mut h, _) = history::History::new(profile.clone());
    let _ = h.update(history::Message::Loaded(tasks::versions(&profile, &wb)), &t);
    assert_eq!(h.versions.len(), 2);
    let mut ui = simulator(h.view(&t));
    assert!(
        ui.find("First Sheet: 3 rows · Sheet Number 2: 5 rows · Sheet3: 0 rows")
            .is_ok(),
        "the history does not say what the healthy version holds"
    );
    for v in &h.versions {
        let to_the_second = crate::format::time(&v.created);
        assert!(
            ui.find(to_the_second.as_str()).is_ok(),
            "no {to_the_second} in the history"
        );
    }
    assert!(ui.find("newest").is_ok(), "the newest version is not marked");
    assert!(
        ui.find("last healthy").is_ok(),
        "the last healthy version is not marked"
    );
    let change = super::fmt::size_change(&t, h.versions[0].bytes, h.versions[1].bytes);
    assert!(
        ui.find(format!("{} ({change})", super::fmt::size(&t, h.versions[0].bytes)).as_str())
            .is_ok(),
        "the size change from the version before is not shown"
    );
}

#[test]
fn without_a_tray_closing_the_window_asks_and_keep_running_does_not_quit() {
    use super::app::{App, Message, Show};
    let dir = tempfile::tempdir().expect("tempdir");
    let paths = sheetsafe::paths::Paths {
        config_file: dir.path().join("config.toml"),
        data_dir: dir.path().join("data"),
    };
    for keep in [true, false] {
        // Booted, never shown by a desktop: no tray icon was made.
        let (mut app, _) = App::boot(&paths, Some(&Show::Wizard), false);
        let (Some(id), false) = app.window_and_quitting() else {
            panic!("the app opened no window")
        };
        let _ = app.update(Message::CloseRequested(id));
        let question = english().tr("close-no-tray-question");
        let mut ui = simulator(app.view(id));
        assert!(ui.find(question.as_str()).is_ok(), "closing without a tray did not ask");
        let answer = if keep {
            "Keep running in the background"
        } else {
            "Quit Sheetsafe"
        };
        ui.click(answer).expect("an answer button");
        for m in ui.into_messages().collect::<Vec<_>>() {
            let _ = app.update(m);
        }
        let _ = app.update(Message::WindowClosed(id));
        assert_eq!(app.window_and_quitting(), (None, !keep), "answered {answer}");
    }
}

#[test]
fn every_message_the_app_uses_exists() {
    let t = english();
    let ids = Translator::ids(Language::En);
    let mut sources = String::new();
    for entry in walkdir::WalkDir::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/gui")) {
        let entry = entry.expect("walk");
        if entry.path().extension().is_some_and(|e| e == "rs") {
            sources.push_str(&std::fs::read_to_string(entry.path()).expect("read"));
        }
    }
    let mut used = Vec::new();
    for part in sources.split("tr(\"").skip(1).chain(sources.split("format(\n").skip(1)) {
        let id: String = part
            .trim_start()
            .trim_start_matches('"')
            .chars()
            .take_while(|c| *c != '"')
            .collect();
        if id.chars().all(|c| c.is_ascii_lowercase() || c == '-') && !id.is_empty() {
            used.push(id);
        }
    }
    for part in sources
        .split("t.format(\"")
        .skip(1)
        .chain(sources.split("self.t.format(\"").skip(1))
    {
        used.push(part.chars().take_while(|c| *c != '"').collect());
    }
    for trigger in [
        "manual",
        "close",
        "idle",
        "startup",
        "restore-safety",
        "schedule",
        "adopted",
    ] {
        used.push(format!("trigger-{trigger}"));
    }
    used.extend(["time-minutes-ago", "time-hours-ago", "time-days-ago"].map(String::from));
    for id in used {
        assert!(
            ids.contains(&id),
            "the app uses `{id}`, which en.ftl / app-en.ftl does not define"
        );
    }
    assert_eq!(t.tr("button-next"), "Next");
}

#[test]
fn history_compares_a_version_with_the_one_before_in_the_users_language() {
    let t = Translator::new(Language::Pl);
    let dir = tempfile::tempdir().expect("tempdir");
    let (wb, profile) = sales_profile(dir.path(), "sheetjs__large_strings.xlsx");
    let wait = std::time::Duration::from_secs(5);
    tasks::back_up(std::slice::from_ref(&profile), wait, &());
    // Saved again as another workbook: its one sheet is gone, others came.
    std::fs::copy(corpus("sheetjs__sushi.xlsx"), &wb).expect("save again");
    tasks::back_up(std::slice::from_ref(&profile), wait, &());
    let (mut h, _) = history::History::new(profile.clone());
    let _ = h.update(history::Message::Loaded(tasks::versions(&profile, &wb)), &t);
    assert_eq!(h.versions.len(), 2);

    // The newest card's button (the oldest has nothing before it) starts the comparison.
    let mut ui = simulator(h.view(&t));
    ui.click("Porównaj z poprzednią").expect("a compare button");
    let messages: Vec<_> = ui.into_messages().collect();
    assert_eq!(messages.len(), 1);
    for m in messages {
        let _ = h.update(m, &t);
    }
    assert!(
        simulator(h.view(&t)).find("Porównuję z poprzednią wersją…").is_ok(),
        "the running comparison is not shown"
    );
    // What the app's background task returns, fed back as the app does.
    let found = tasks::compare(&profile, &wb, &h.versions[1], &h.versions[0], None);
    let diff = found.as_ref().expect("compared").clone();
    let _ = h.update(history::Message::Compared(0, found), &t);
    let mut ui = simulator(h.view(&t));
    let removed = "Large Strings: usunięty arkusz (9999 wierszy)";
    assert!(ui.find(removed).is_ok(), "no line: {removed}");
    // Every sheet the comparison found has its line on the screen.
    for line in super::fmt::diff_lines(&t, &diff) {
        assert!(ui.find(line.as_str()).is_ok(), "not shown: {line}");
    }
    assert!(
        diff.sheets
            .iter()
            .any(|s| s.change == sheetsafe::contents::SheetChange::Added),
        "the new version's sheets are not there: {diff:?}"
    );
    ui.click("Zamknij porównanie").expect("a close button");
    for m in ui.into_messages().collect::<Vec<_>>() {
        let _ = h.update(m, &t);
    }
    assert!(h.comparison.is_none());
    assert!(
        simulator(h.view(&t)).find(removed).is_err(),
        "the comparison stayed open"
    );
}

#[test]
fn comparing_encrypted_versions_leaves_nothing_decrypted_behind() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (wb, profile) = private_profile(dir.path(), "sheetjs__large_strings.xlsx", "Đơn hàng.xlsx");
    let wait = std::time::Duration::from_secs(5);
    tasks::back_up(std::slice::from_ref(&profile), wait, &());
    std::fs::copy(corpus("sheetjs__sushi.xlsx"), &wb).expect("save again");
    tasks::back_up(std::slice::from_ref(&profile), wait, &());
    let unlocked = tasks::unlock_versions(&profile, &wb, "bốn con ngựa kẹp giấy").expect("unlocked");
    assert_eq!(unlocked.versions.len(), 2);
    let left_before = leftovers_in_temp();
    let diff = tasks::compare(
        &profile,
        &wb,
        &unlocked.versions[1],
        &unlocked.versions[0],
        Some(&unlocked.key),
    )
    .expect("compared");
    // The same answer as comparing the plain workbooks.
    let plain = sheetsafe::contents::diff_files(
        &corpus("sheetjs__large_strings.xlsx"),
        &corpus("sheetjs__sushi.xlsx"),
        Path::new("Đơn hàng.xlsx"),
    )
    .expect("plain diff");
    assert_eq!(diff, plain);
    assert_eq!(leftovers_in_temp(), left_before, "decrypted copies were left behind");
    // Without the right key nothing is compared, and the reason is in words.
    let other = sheetsafe::crypto::SecretKey::generate();
    let refused = tasks::compare(
        &profile,
        &wb,
        &unlocked.versions[1],
        &unlocked.versions[0],
        Some(&other),
    );
    let Err(why) = refused else {
        panic!("another key compared the versions")
    };
    assert!(!why.localized(&english()).is_empty());
    assert_eq!(
        leftovers_in_temp(),
        left_before,
        "a refused comparison left files behind"
    );
}

/// This process's decrypted-comparison folders in the system's temporary folder.
fn leftovers_in_temp() -> Vec<PathBuf> {
    let prefix = format!("sheetsafe-compare-{}-", std::process::id());
    let mut found: Vec<PathBuf> = std::fs::read_dir(std::env::temp_dir())
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
                .map(|e| e.path())
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}
