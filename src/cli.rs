//! The command-line interface: argument definitions and dispatch. Each group of commands lives
//! in its own child module; all of them print plain sentences, or JSON with `--json`.

#[macro_use]
pub(crate) mod output;

mod agent;
mod backup;
mod contents;
mod copy;
mod dest;
mod key;
pub(crate) use crate::format;
pub use sheetsafe::paths::Paths;
mod places;
mod profile;
mod restore;
mod verify;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use sheetsafe::config::{Config, Loaded};

/// Automatic, verified backups of Excel workbooks.
#[derive(Debug, Parser)]
#[command(name = "sheetsafe", version, about, long_about = None)]
pub struct Args {
    /// Configuration file [default: the platform config folder]
    #[arg(long, global = true, env = "SHEETSAFE_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Folder for logs and status [default: the platform data folder]
    #[arg(long, global = true, env = "SHEETSAFE_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Also print the log to the console (-vv for more)
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// With no command: open the app at this screen (wizard, overview, history, history:PROFILE)
    #[cfg(feature = "gui")]
    #[arg(long, value_name = "SCREEN")]
    pub show: Option<crate::gui::Show>,
    /// With no command: start in the tray without opening the window (how it starts at login)
    #[cfg(feature = "gui")]
    #[arg(long)]
    pub background: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add, list, show, copy or remove backup profiles
    #[command(subcommand)]
    Profile(profile::ProfileCommand),
    /// Back up now: every workbook of the named profiles (all enabled profiles if none named)
    Backup {
        /// Profiles to back up
        names: Vec<String>,
    },
    /// List the versions of a profile's workbooks
    Versions {
        name: String,
        /// Only this workbook (path or file name)
        #[arg(long)]
        workbook: Option<PathBuf>,
        /// Print JSON
        #[arg(long)]
        json: bool,
        /// Encrypted profiles: the recovery sheet (age identity file) instead of the passphrase
        #[arg(long, value_name = "FILE")]
        identity: Option<PathBuf>,
    },
    /// What changed between two versions of a workbook [default: the newest and the one before]
    Diff(contents::DiffArgs),
    /// Keep a version whatever the keep rules say
    Pin(contents::PinArgs),
    /// Let the keep rules decide about a pinned version again
    Unpin(contents::PinArgs),
    /// Say that data which vanished from a workbook was removed on purpose (ends the alarm)
    AcceptChange(contents::AcceptArgs),
    /// Check the backups: present and same size; with --full also the same SHA-256
    Verify(verify::VerifyArgs),
    /// Put a version back, as a new file or over the original workbook
    Restore(restore::RestoreArgs),
    /// Make the second copies of a profile now (all its destinations, due or not)
    Copy(copy::CopyArgs),
    /// Write one zip file with the newest healthy version of each workbook, to send by e-mail
    Export(copy::ExportArgs),
    /// Watch every workbook and back it up whenever it is closed (runs until Ctrl-C)
    Agent,
    /// Keys of encrypted profiles: change the passphrase, show the fingerprint
    #[command(subcommand)]
    Key(key::KeyCommand),
    /// Show the state of every profile
    Status {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
}

impl Args {
    /// The configuration file and data folder in effect.
    pub fn paths(&self) -> Paths {
        Paths::resolve(self.config.clone(), self.data_dir.clone())
    }
}

/// The whole program: parses the command line, runs it and turns an error into its sentence on
/// stderr and exit code 2. Both programs call it: `sheetsafe` and, on Windows, the windowless
/// `sheetsafe-app` (src/app_main.rs).
pub fn main() -> ExitCode {
    let args = Args::parse();
    let _log_guard = crate::logging::init(&args.paths().data_dir, args.verbose);
    match run(args) {
        Ok(code) => code,
        // The reader of our output went away (`| head -1`): it has what it wanted.
        Err(error) if output::is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            let sentence = output::sentence(&error);
            tracing::error!("{sentence}");
            eprintln!("sheetsafe: {sentence}");
            ExitCode::from(2)
        }
    }
}

/// Runs the parsed command.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let paths = args.paths();
    let Some(command) = args.command else {
        // With no command: the desktop app when it is built in, else the status in the console.
        #[cfg(feature = "gui")]
        return match crate::gui::run(&paths, args.show, args.background)? {
            Some(code) => Ok(code),
            // No display (a remote shell, a server): the status as text instead.
            None => status_in_console(&paths),
        };
        #[cfg(not(feature = "gui"))]
        return status_in_console(&paths);
    };
    match command {
        Command::Profile(cmd) => profile::run(&paths, cmd),
        Command::Backup { names } => backup::backup(&paths, &names),
        Command::Versions {
            name,
            workbook,
            json,
            identity,
        } => backup::versions(&paths, &name, workbook.as_deref(), json, identity.as_deref()),
        Command::Key(cmd) => key::run(&paths, cmd),
        Command::Diff(a) => contents::diff(&paths, &a),
        Command::Pin(a) => contents::pin(&paths, &a, true),
        Command::Unpin(a) => contents::pin(&paths, &a, false),
        Command::AcceptChange(a) => contents::accept_change(&paths, &a),
        Command::Verify(a) => verify::run(&paths, &a),
        Command::Restore(a) => restore::run(&paths, &a),
        Command::Copy(a) => copy::copy(&paths, &a),
        Command::Export(a) => copy::export(&paths, &a),
        Command::Status { json } => backup::status(&paths, json),
        Command::Agent => agent::run(&paths),
    }
}

/// The status (or how to begin) as text: what `sheetsafe` shows without a window.
pub fn status_in_console(paths: &Paths) -> anyhow::Result<ExitCode> {
    backup::overview(paths)
}

/// Loads the configuration, printing its warnings to stderr.
pub fn load_config(paths: &Paths) -> anyhow::Result<Loaded> {
    let loaded = Config::load(&paths.config_file)?;
    for warning in &loaded.warnings {
        eprintln!("sheetsafe: warning: {warning}");
        tracing::warn!("{warning}");
    }
    Ok(loaded)
}

/// Changes the configuration file as it is now, under its writers' lock (see
/// `sheetsafe::config::update`), printing the warnings met while reading it.
pub fn change_config<T>(paths: &Paths, change: impl FnOnce(&mut Config) -> anyhow::Result<T>) -> anyhow::Result<T> {
    let updated = sheetsafe::config::update(&paths.config_file, change)?;
    for warning in &updated.warnings {
        eprintln!("sheetsafe: warning: {warning}");
        tracing::warn!("{warning}");
    }
    Ok(updated.value)
}

/// Loads a configuration that must exist and hold at least one profile.
pub fn load_existing(paths: &Paths) -> anyhow::Result<Config> {
    let loaded = load_config(paths)?;
    if !loaded.existed {
        return Err(no_config_yet(paths));
    }
    Ok(loaded.config)
}

/// Refuses to go on when there is no configuration file yet, for commands that change one.
pub fn require_config_file(paths: &Paths) -> anyhow::Result<()> {
    if paths.config_file.is_file() {
        Ok(())
    } else {
        Err(no_config_yet(paths))
    }
}

fn no_config_yet(paths: &Paths) -> anyhow::Error {
    anyhow::anyhow!(
        "There is no configuration at `{}` yet. Add a profile first: sheetsafe profile add NAME --workbook PATH --backup-folder DIR",
        paths.config_file.display()
    )
}

/// Picks the named profiles, or all enabled ones when none are named.
pub fn select_profiles<'a>(config: &'a Config, names: &[String]) -> anyhow::Result<Vec<&'a sheetsafe::Profile>> {
    if names.is_empty() {
        let enabled: Vec<_> = config.profiles.iter().filter(|p| p.enabled).collect();
        if enabled.is_empty() {
            anyhow::bail!("There are no enabled profiles. Add one with `sheetsafe profile add`.");
        }
        return Ok(enabled);
    }
    names
        .iter()
        .map(|n| config.profile(n).context("Unknown profile"))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| {
            // Show the config error's own sentence, not the context label.
            anyhow::anyhow!("{}", e.root_cause())
        })
}

/// Prints a value as pretty JSON on stdout.
pub fn print_json<T: serde::Serialize>(value: &T) -> anyhow::Result<()> {
    outln!("{}", serde_json::to_string_pretty(value)?)?;
    Ok(())
}
