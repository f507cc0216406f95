//! `sheetsafe-app`: on Windows, the desktop app without a console window. `sheetsafe.exe` is a
//! console program (so the command line shows its output in cmd and PowerShell, returns its exit
//! code and the shell waits for it), and Windows opens a console window beside any console
//! program started from the Start menu or at login. This program is the same code, the same
//! modules as src/main.rs (this crate root declares them again, so no line is copied), built
//! for the Windows GUI subsystem: the Start-menu shortcut, the installer's start at login and
//! the app's own start at login (src/gui/autostart.rs) run it. It takes the same arguments;
//! what a command prints goes nowhere unless redirected, so commands belong to `sheetsafe.exe`.
//!
//! Elsewhere, or built without the app (feature `gui`), it is a stub that says so: Linux and
//! macOS have no console windows to avoid, and the stub keeps every other build from compiling
//! the command line and the app a second time (the `.deb` and the macOS bundle ship
//! `sheetsafe` alone).

// A Windows program of the GUI subsystem: no console window. Also for the stub, so that the
// installer tests can check the subsystem of the program the shortcut starts.
#![cfg_attr(windows, windows_subsystem = "windows")]

#[cfg(all(windows, feature = "gui"))]
mod cli;
#[cfg(all(windows, feature = "gui"))]
mod format;
#[cfg(all(windows, feature = "gui"))]
mod gui;
#[cfg(all(windows, feature = "gui"))]
mod logging;

#[cfg(all(windows, feature = "gui"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(not(all(windows, feature = "gui")))]
fn main() -> std::process::ExitCode {
    eprintln!(
        "sheetsafe-app: this is the Windows desktop app without a console window, and this build has none (it needs Windows and the feature `gui`). Run `sheetsafe` instead."
    );
    std::process::ExitCode::from(2)
}
