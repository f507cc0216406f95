//! `sheetsafe status`: the state of every profile, its workbooks and second copies, and whether
//! the agent runs.

use std::process::ExitCode;

use clap::Args;

use super::output::print_json;
use super::{Paths, format, load_existing};

// Default: the status as text, which `sheetsafe` with no command prints too.
#[derive(Debug, Default, Args)]
pub struct StatusArgs {
    /// Print JSON
    #[arg(long)]
    json: bool,
}

/// Prints each profile's state. Exit 1 when something needs attention.
pub fn run(paths: &Paths, args: &StatusArgs) -> anyhow::Result<ExitCode> {
    let config = load_existing(paths)?;
    let overview = sheetsafe::status::overview(&config, &paths.data_dir);
    let ok = overview.level == sheetsafe::status::Level::Ok;
    if args.json {
        print_json(&overview)?;
    } else {
        match &overview.agent {
            Some(a) => outln!("Agent: running since {} (process {}).", format::time(&a.started), a.pid),
            None if overview.agent_running => outln!("Agent: running."),
            None => outln!("Agent: not running."),
        }?;
        for p in &overview.problems {
            outln!("! {p}")?;
        }
        for s in &overview.profiles {
            let state = if !s.enabled {
                "disabled"
            } else if s.is_ok() {
                "OK"
            } else {
                "NEEDS ATTENTION"
            };
            outln!("{} [{state}] → {}", s.profile, s.folder.display())?;
            for p in &s.problems {
                outln!("  ! {p}")?;
            }
            for w in &s.workbooks {
                let state = w.watch_state.map(|s| format!(" [{}]", s.word())).unwrap_or_default();
                outln!(
                    "  {}{state}: {} version(s), {}, last backup {}, all verified since {}",
                    w.workbook.display(),
                    w.versions,
                    format::size(w.bytes),
                    format::maybe_time(w.last_backup.as_ref()),
                    format::maybe_time(w.verified_through.as_ref())
                )?;
                for p in &w.problems {
                    outln!("    ! {p}")?;
                }
            }
            for d in &s.destinations {
                outln!("  second copy `{}` ({}): {}", d.name, d.schedule, d.summary)?;
            }
        }
    }
    Ok(if ok { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
