//! The command-line interface: the top-level arguments, the list of commands, dispatch, and the
//! configuration helpers every command uses. Each command lives in its own file,
//! `cli/<command>.rs`, with its arguments and its `run`, so a command is read and changed in
//! one place; all of them print plain sentences, or JSON with `--json`.

#[macro_use]
pub(crate) mod output;

// One file per command, named after it.
mod accept_change;
mod agent;
mod backup;
#[cfg(feature = "company-storage")]
mod company;
mod copy;
mod diff;
mod export;
mod key;
mod pin;
mod profile;
mod restore;
mod status;
mod verify;
mod versions;

// Subcommands of `profile`, and helpers several commands share.
mod dest;
mod encrypted;
mod keep;
mod key_setup;
mod overview;
mod places;

pub(crate) use crate::format;
pub use sheetsafe::paths::Paths;

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
    /// With no command: open the app at this screen (wizard, overview, history, history:PROFILE, settings)
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
    Backup(backup::BackupArgs),
    /// List the versions of a profile's workbooks
    Versions(versions::VersionsArgs),
    /// What changed between two versions of a workbook [default: the newest and the one before]
    Diff(diff::DiffArgs),
    /// Keep a version whatever the keep rules say
    Pin(pin::PinArgs),
    /// Let the keep rules decide about a pinned version again
    Unpin(pin::PinArgs),
    /// Say that data which vanished from a workbook was removed on purpose (ends the alarm)
    AcceptChange(accept_change::AcceptChangeArgs),
    /// Check the backups: present and same size; with --full also the same SHA-256
    Verify(verify::VerifyArgs),
    /// Put a version back, as a new file or over the original workbook
    Restore(restore::RestoreArgs),
    /// Make the second copies of a profile now (all its destinations, due or not)
    Copy(copy::CopyArgs),
    /// Restore from company storage on any computer: list what the bucket holds, restore a version
    #[cfg(feature = "company-storage")]
    RestoreFrom(company::RestoreFromArgs),
    /// For whoever runs the company's storage: counts and integrity, never names or contents
    #[cfg(feature = "company-storage")]
    #[command(subcommand)]
    Admin(company::AdminCommand),
    /// Write one zip file with the newest healthy version of each workbook, to send by e-mail
    Export(export::ExportArgs),
    /// Watch every workbook and back it up whenever it is closed (runs until Ctrl-C)
    Agent(agent::AgentArgs),
    /// Keys of encrypted profiles: change the passphrase, show the fingerprint
    #[command(subcommand)]
    Key(key::KeyCommand),
    /// Show the state of every profile
    Status(status::StatusArgs),
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
            None => overview::print(&paths),
        };
        #[cfg(not(feature = "gui"))]
        return overview::print(&paths);
    };
    match command {
        Command::Profile(cmd) => profile::run(&paths, &cmd),
        Command::Backup(a) => backup::run(&paths, &a),
        Command::Versions(a) => versions::run(&paths, &a),
        Command::Diff(a) => diff::run(&paths, &a),
        Command::Pin(a) => pin::pin(&paths, &a),
        Command::Unpin(a) => pin::unpin(&paths, &a),
        Command::AcceptChange(a) => accept_change::run(&paths, &a),
        Command::Verify(a) => verify::run(&paths, &a),
        Command::Restore(a) => restore::run(&paths, &a),
        Command::Copy(a) => copy::run(&paths, &a),
        #[cfg(feature = "company-storage")]
        Command::RestoreFrom(a) => company::restore_from(&a),
        #[cfg(feature = "company-storage")]
        Command::Admin(a) => company::admin(&a),
        Command::Export(a) => export::run(&paths, &a),
        Command::Agent(a) => agent::run(&paths, &a),
        Command::Key(cmd) => key::run(&paths, &cmd),
        Command::Status(a) => status::run(&paths, &a),
    }
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
