//! Logging through `tracing`: always to a daily-rolling file in the data folder (so a user can
//! send it when something went wrong), and to the console as well with `-v`.

use std::path::Path;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt;
use tracing_subscriber::prelude::*;

/// Starts logging. The returned guard flushes the file log when dropped at exit.
pub fn init(data_dir: &Path, verbose: u8) -> Option<WorkerGuard> {
    let console_level = match verbose {
        0 => "off",
        1 => "info",
        2 => "debug",
        _ => "trace",
    };
    let console = fmt::layer()
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_target(false)
        .without_time()
        .with_filter(EnvFilter::new(console_level));

    let log_dir = data_dir.join("logs");
    let file = std::fs::create_dir_all(&log_dir).ok().and_then(|()| {
        tracing_appender::rolling::Builder::new()
            .rotation(tracing_appender::rolling::Rotation::DAILY)
            .filename_prefix("sheetsafe")
            .filename_suffix("log")
            .max_log_files(14)
            .build(&log_dir)
            .ok()
    });
    if let Some(appender) = file {
        let (writer, guard) = tracing_appender::non_blocking(appender);
        let file_layer = fmt::layer()
            .with_writer(writer)
            .with_ansi(false)
            .with_filter(EnvFilter::try_from_env("SHEETSAFE_LOG").unwrap_or_else(|_| EnvFilter::new("info")));
        tracing_subscriber::registry().with(console).with(file_layer).init();
        Some(guard)
    } else {
        tracing_subscriber::registry().with(console).init();
        eprintln!(
            "sheetsafe: warning: cannot write the log folder `{}`; continuing without a log file.",
            log_dir.display()
        );
        None
    }
}
