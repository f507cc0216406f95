//! The `sheetsafe` program: parses the command line and hands over to the CLI commands.
//! Exit codes follow ripgrep's convention: 0 all good, 1 problems found, 2 could not run.

mod cli;
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
        Err(error) => {
            tracing::error!("{error:#}");
            eprintln!("sheetsafe: {error:#}");
            ExitCode::from(2)
        }
    }
}
