//! What `sheetsafe` with no command prints when there is no window (no `gui` feature, or no
//! display): the status, or how to begin when there is no profile yet. Not a command of its own,
//! so it is apart from `status`.

use std::process::ExitCode;

use super::status::StatusArgs;
use super::{Paths, load_config};

/// What `sheetsafe` with no command shows: the status, or how to begin.
pub fn print(paths: &Paths) -> anyhow::Result<ExitCode> {
    let loaded = load_config(paths)?;
    if loaded.config.profiles.is_empty() {
        outln!("Sheetsafe makes verified copies of your workbooks.")?;
        outln!("Start by adding a profile:")?;
        outln!("  sheetsafe profile add Sales --workbook \"C:\\Data\\Sales.xlsm\" --backup-folder \"E:\\Backups\"")?;
        outln!("Then: sheetsafe backup    (see `sheetsafe --help` for everything else)")?;
        outln!("Configuration file: {}", paths.config_file.display())?;
        return Ok(ExitCode::SUCCESS);
    }
    super::status::run(paths, &StatusArgs::default())
}
