//! Start at login: registers this program with the system so the app (and with it backup on
//! close) runs after every login, through `auto-launch`. On Linux that is an XDG autostart entry
//! `~/.config/autostart/Sheetsafe.desktop`, on Windows the current user's `Run` registry key,
//! on macOS a launch agent `~/Library/LaunchAgents/Sheetsafe.plist`. On Windows the entry starts
//! `sheetsafe-app.exe`, the app without a console window, when it sits beside this program.

use std::path::{Path, PathBuf};

use auto_launch::{AutoLaunch, AutoLaunchBuilder};
use sheetsafe::i18n::Translator;

/// The name of the entry (the file name on Linux and macOS, the value name on Windows).
const ENTRY: &str = "Sheetsafe";

/// The Windows program that opens the app without a console window (src/app_main.rs).
const WINDOWLESS_APP: &str = "sheetsafe-app.exe";

/// Why start at login could not be turned on or off. The English words (with the system's
/// own) go to the log; the app says it in the user's language (`autostart-error-*`).
#[derive(Debug, thiserror::Error)]
pub enum AutostartError {
    #[error("Could not find the path of the running Sheetsafe program: {0}.")]
    NoProgramPath(std::io::Error),
    #[error(
        "The path of the Sheetsafe program, `{}`, is not valid Unicode, so it cannot start at login. Move it to a folder with a plain name.",
        .0.display()
    )]
    PathNotUnicode(PathBuf),
    #[error("Start at login is not available here: {0}.")]
    Unavailable(auto_launch::Error),
    #[error(
        "Could not turn on start at login: {place} could not be written ({source}). Check that the folder exists and can be written to."
    )]
    TurnOn {
        place: EntryPlace,
        source: auto_launch::Error,
    },
    #[error("Could not turn off start at login: {place} could not be removed ({source}). Remove it by hand.")]
    TurnOff {
        place: EntryPlace,
        source: auto_launch::Error,
    },
    #[error("{place} could not be read: {source}.")]
    Read {
        place: EntryPlace,
        source: auto_launch::Error,
    },
}

/// Where the entry lives: a registry value on Windows, a file elsewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryPlace {
    Registry(String),
    File(PathBuf),
}

/// As the English sentences name it.
impl std::fmt::Display for EntryPlace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EntryPlace::Registry(value) => write!(f, "the registry value `{value}`"),
            EntryPlace::File(path) => write!(f, "`{}`", path.display()),
        }
    }
}

impl AutostartError {
    /// The sentence in the translator's language: the place by its name, the system's reason
    /// in words (its own text is in the log).
    pub fn localized(&self, t: &Translator) -> String {
        tracing::warn!("{self}");
        let reason = |e: &auto_launch::Error| match e {
            // Not `fmt::io_reason`, which logs the error again: it was logged just above.
            auto_launch::Error::Io(io) => t.tr(sheetsafe::fsutil::io_reason_id(io)),
            _ => t.tr("io-other"),
        };
        let place = |p: &EntryPlace| match p {
            EntryPlace::Registry(value) => value.clone(),
            EntryPlace::File(path) => path.display().to_string(),
        };
        match self {
            AutostartError::NoProgramPath(_) => t.tr("autostart-error-no-program"),
            AutostartError::PathNotUnicode(path) => t.format(
                "autostart-error-path-not-unicode",
                &[("file", path.display().to_string().into())],
            ),
            AutostartError::Unavailable(_) => t.tr("autostart-error-unavailable"),
            AutostartError::TurnOn { place: p, source } => t.format(
                "autostart-error-turn-on",
                &[("place", place(p).into()), ("reason", reason(source).into())],
            ),
            AutostartError::TurnOff { place: p, source } => t.format(
                "autostart-error-turn-off",
                &[("place", place(p).into()), ("reason", reason(source).into())],
            ),
            AutostartError::Read { place: p, source } => t.format(
                "autostart-error-read",
                &[("place", place(p).into()), ("reason", reason(source).into())],
            ),
        }
    }
}

/// Turns starting at login on or off for the program that is running now.
pub fn set_start_at_login(enabled: bool) -> Result<(), AutostartError> {
    let launcher = launcher()?;
    if enabled {
        // Written again even when present: the program may have moved since (an update).
        launcher
            .enable()
            .map_err(|source| AutostartError::TurnOn { place: place(), source })
    } else if launcher.is_enabled().unwrap_or(true) {
        launcher
            .disable()
            .map_err(|source| AutostartError::TurnOff { place: place(), source })
    } else {
        Ok(())
    }
}

/// Whether starting at login is on. A check that fails counts as off (and is logged).
pub fn is_start_at_login() -> bool {
    match launcher().and_then(|l| {
        l.is_enabled()
            .map_err(|source| AutostartError::Read { place: place(), source })
    }) {
        Ok(enabled) => enabled,
        Err(e) => {
            tracing::warn!("{e}");
            false
        }
    }
}

fn launcher() -> Result<AutoLaunch, AutostartError> {
    let exe = std::env::current_exe().map_err(AutostartError::NoProgramPath)?;
    let exe = if cfg!(target_os = "windows") {
        // The console program `sheetsafe.exe` would open a console window at every login.
        windowless_app_beside(&exe).unwrap_or(exe)
    } else {
        exe
    };
    let Some(path) = exe.to_str() else {
        return Err(AutostartError::PathNotUnicode(exe.clone()));
    };
    AutoLaunchBuilder::new()
        .set_app_name(ENTRY)
        .set_app_path(&command_path(path))
        // At login, start in the tray: the window would only be in the way.
        .set_args(&["--background"])
        .build()
        .map_err(AutostartError::Unavailable)
}

/// `sheetsafe-app.exe` in the folder of `exe` (`exe` itself when it is that program), if it is
/// there: the installer puts it beside `sheetsafe.exe`; a program built or copied alone has none.
fn windowless_app_beside(exe: &Path) -> Option<PathBuf> {
    let app = exe.with_file_name(WINDOWLESS_APP);
    app.is_file().then_some(app)
}

/// The program path as the entry's command line needs it. auto-launch writes the path into a
/// command line unquoted on Linux and Windows, where `C:\Program Files\…` would split at the
/// space; on macOS it goes into an argument list as it is.
fn command_path(path: &str) -> String {
    if cfg!(target_os = "windows") {
        format!("\"{path}\"")
    } else if cfg!(target_os = "macos") {
        path.to_owned()
    } else {
        desktop_exec_path(path)
    }
}

/// Quotes a path for the `Exec` key of a desktop entry (Desktop Entry Specification, "The Exec
/// key"): inside double quotes `"`, `` ` ``, `$` and `\` take a backslash, `%` is doubled
/// (field codes), and then the value's own escaping doubles every backslash again.
fn desktop_exec_path(path: &str) -> String {
    let plain = path.chars().all(|c| c.is_alphanumeric() || "/._-+,@:=".contains(c));
    let quoted = if plain {
        path.to_owned()
    } else {
        let mut q = String::from('"');
        for c in path.chars() {
            if matches!(c, '"' | '`' | '$' | '\\') {
                q.push('\\');
            }
            q.push(c);
        }
        q.push('"');
        q
    };
    quoted.replace('%', "%%").replace('\\', "\\\\")
}

/// Where the entry lives, as error messages name it.
fn place() -> EntryPlace {
    let home = directories::BaseDirs::new().map_or_else(|| PathBuf::from("~"), |d| d.home_dir().to_path_buf());
    if cfg!(target_os = "windows") {
        EntryPlace::Registry(format!(
            r"HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Run\{ENTRY}"
        ))
    } else if cfg!(target_os = "macos") {
        EntryPlace::File(home.join("Library/LaunchAgents").join(format!("{ENTRY}.plist")))
    } else {
        // auto-launch uses ~/.config even where XDG_CONFIG_HOME points elsewhere.
        EntryPlace::File(home.join(".config/autostart").join(format!("{ENTRY}.desktop")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Set for the child process of the round-trip test only.
    const CHILD: &str = "SHEETSAFE_TEST_AUTOSTART_HOME";

    #[cfg(target_os = "linux")]
    #[test]
    fn turning_it_on_writes_an_entry_that_starts_this_program_and_turning_it_off_removes_it() {
        // The real thing writes into $HOME, so it runs in a child process (this test binary
        // again) whose HOME is a temporary folder: never the user's own autostart folder.
        let home = tempfile::tempdir().expect("temp dir");
        let exe = std::env::current_exe().expect("test binary path");
        let status = std::process::Command::new(exe)
            .args(["--exact", "gui::autostart::tests::round_trip_in_child", "--ignored"])
            .env("HOME", home.path())
            .env(CHILD, home.path())
            .status()
            .expect("run the child test");
        assert!(status.success(), "the round trip failed in the child process");
    }

    #[test]
    #[ignore = "run by the test above in a child process with a temporary HOME"]
    fn round_trip_in_child() {
        let Some(home) = std::env::var_os(CHILD).map(PathBuf::from) else {
            // Started by hand (`--ignored`) rather than by the test above: leave HOME alone.
            return;
        };
        assert_eq!(std::env::var_os("HOME").map(PathBuf::from), Some(home.clone()));
        let entry = home.join(".config/autostart").join(format!("{ENTRY}.desktop"));
        assert!(!is_start_at_login());
        set_start_at_login(true).expect("turn on");
        assert!(is_start_at_login());
        let text = std::fs::read_to_string(&entry).expect("the desktop entry was written");
        let exe = std::env::current_exe().expect("test binary path");
        let exec = format!(
            "Exec={} --background",
            desktop_exec_path(exe.to_str().expect("UTF-8 path"))
        );
        assert!(text.lines().any(|l| l.trim_end() == exec), "{exec} not in:\n{text}");
        set_start_at_login(false).expect("turn off");
        assert!(!is_start_at_login());
        assert!(!entry.exists());
        // Turning off what is off is no error.
        set_start_at_login(false).expect("turn off again");
    }

    #[test]
    fn on_windows_login_starts_the_windowless_app_beside_the_program_when_there_is_one() {
        let dir = tempfile::tempdir().expect("temp dir");
        let console = dir.path().join("sheetsafe.exe");
        let app = dir.path().join(WINDOWLESS_APP);
        std::fs::write(&console, b"MZ").expect("write sheetsafe.exe");
        // Built or copied alone: no windowless program to start, so the entry keeps this one.
        assert_eq!(windowless_app_beside(&console), None);
        std::fs::write(&app, b"MZ").expect("write sheetsafe-app.exe");
        assert_eq!(windowless_app_beside(&console), Some(app.clone()));
        // Started from the shortcut: the app is the running program itself.
        assert_eq!(windowless_app_beside(&app), Some(app.clone()));
    }

    #[test]
    fn every_failure_is_said_in_every_language_with_its_place_and_no_placeholder() {
        let denied = || auto_launch::Error::Io(std::io::Error::from(std::io::ErrorKind::PermissionDenied));
        let file = || EntryPlace::File(PathBuf::from("/home/lan/.config/autostart/Sheetsafe.desktop"));
        let registry = || {
            EntryPlace::Registry(r"HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Run\Sheetsafe".into())
        };
        let all = [
            AutostartError::NoProgramPath(std::io::Error::from(std::io::ErrorKind::NotFound)),
            AutostartError::PathNotUnicode(PathBuf::from("/opt/x")),
            AutostartError::Unavailable(auto_launch::Error::UnsupportedOS),
            AutostartError::TurnOn {
                place: file(),
                source: denied(),
            },
            AutostartError::TurnOff {
                place: registry(),
                source: denied(),
            },
            AutostartError::Read {
                place: file(),
                source: auto_launch::Error::UnsupportedOS,
            },
        ];
        for language in sheetsafe::i18n::Language::ALL {
            let t = Translator::new(language);
            for e in &all {
                let words = e.localized(&t);
                assert!(!words.contains("{$") && !words.contains('`'), "{words}");
                // The system's own words stay in the log, not on the screen.
                assert!(!words.contains("os error") && !words.contains("Unsupported"), "{words}");
                if let AutostartError::TurnOn { .. } | AutostartError::Read { .. } = e {
                    assert!(words.contains("Sheetsafe.desktop"), "{words}");
                }
                if language != sheetsafe::i18n::Language::En {
                    assert_ne!(words, e.localized(&Translator::new(sheetsafe::i18n::Language::En)));
                }
            }
        }
    }

    #[test]
    fn a_plain_path_goes_into_the_desktop_entry_as_it_is() {
        assert_eq!(desktop_exec_path("/usr/bin/sheetsafe"), "/usr/bin/sheetsafe");
        assert_eq!(
            desktop_exec_path("/home/anna/.local/bin/sheetsafe-1.0"),
            "/home/anna/.local/bin/sheetsafe-1.0"
        );
    }

    #[test]
    fn a_path_with_spaces_or_special_characters_is_quoted_and_escaped() {
        assert_eq!(
            desktop_exec_path("/opt/My Apps/sheetsafe"),
            "\"/opt/My Apps/sheetsafe\""
        );
        // `$` takes a backslash inside the quotes, and the value's escaping doubles it.
        assert_eq!(desktop_exec_path("/opt/a$b/sheetsafe"), "\"/opt/a\\\\$b/sheetsafe\"");
        assert_eq!(desktop_exec_path("/opt/100% sure/s"), "\"/opt/100%% sure/s\"");
    }

    #[test]
    fn non_ascii_letters_need_no_quoting_but_spaces_do() {
        assert_eq!(
            desktop_exec_path("/home/łucja/Tài liệu/s"),
            "\"/home/łucja/Tài liệu/s\""
        );
        assert_eq!(desktop_exec_path("/home/łucja/bin/s"), "/home/łucja/bin/s");
    }
}
