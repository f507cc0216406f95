//! `sheetsafe agent`: run the background agent in the foreground until Ctrl-C or SIGTERM.

use std::process::ExitCode;

use clap::Args;
use sheetsafe::agent::{Agent, AgentCommand, AgentOptions, watched_workbooks};

use super::{Paths, load_existing};

// No options yet; the struct gives `agent` the same shape as every other command, so a flag
// added later has its place.
#[derive(Debug, Args)]
pub struct AgentArgs {}

pub fn run(paths: &Paths, _args: &AgentArgs) -> anyhow::Result<ExitCode> {
    let config = load_existing(paths)?;
    let count = watched_workbooks(&config).len();
    let options = AgentOptions {
        data_dir: paths.data_dir.clone(),
        config_file: Some(paths.config_file.clone()),
    };
    let (agent, handle) = Agent::new(config, options)?;
    // Ctrl-C and SIGTERM ask the agent to stop; a backup in flight finishes first, and one cut
    // short by a harder kill leaves only a temporary file that the next run removes.
    ctrlc::set_handler(move || {
        handle.send(AgentCommand::Shutdown);
    })?;
    outln!("Watching {count} workbook(s); a version is made whenever one is closed. Press Ctrl-C to stop.")?;
    agent.run();
    outln!("Stopped.")?;
    Ok(ExitCode::SUCCESS)
}
