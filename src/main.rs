//! The `sheetsafe` program: parses the command line and hands over to the CLI commands, or opens
//! the desktop app when no command is given. Exit codes follow ripgrep's convention: 0 all
//! good, 1 problems found, 2 could not run. On Windows this is a console program, so the
//! command line works in cmd and PowerShell; the app's shortcut and start at login use
//! `sheetsafe-app.exe` (src/app_main.rs), the same code without a console window.

mod cli;
mod format;
#[cfg(feature = "gui")]
mod gui;
mod logging;

fn main() -> std::process::ExitCode {
    cli::main()
}
