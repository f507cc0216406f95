//! The `sheetsafe` program: parses the command line and hands over to the CLI commands.
//! Exit codes follow ripgrep's convention: 0 all good, 1 problems found, 2 could not run.

mod cli;
mod format;
#[cfg(feature = "gui")]
mod gui;
mod logging;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Args::parse();
    let _log_guard = logging::init(&args.paths().data_dir, args.verbose);
    match cli::run(args) {
        Ok(code) => code,
        // The reader of our output went away (`| head -1`): it has what it wanted.
        Err(error) if cli::output::is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            let sentence = cli::output::sentence(&error);
            tracing::error!("{sentence}");
            eprintln!("sheetsafe: {sentence}");
            ExitCode::from(2)
        }
    }
}
