//! Where the configuration file and the data folder (logs, agent status, app state) are: the
//! platform folders from `directories`, unless the user named others (`--config`,
//! `--data-dir`, or their environment variables). Shared by the command line and the app.

use std::path::PathBuf;

/// The configuration file and data folder in effect.
#[derive(Debug, Clone)]
pub struct Paths {
    pub config_file: PathBuf,
    pub data_dir: PathBuf,
}

impl Paths {
    /// The platform folders, or the ones given.
    pub fn resolve(config_file: Option<PathBuf>, data_dir: Option<PathBuf>) -> Paths {
        let dirs = directories::ProjectDirs::from("org", "Sheetsafe", "Sheetsafe");
        let config_file = config_file.unwrap_or_else(|| {
            dirs.as_ref().map_or_else(
                || PathBuf::from("sheetsafe.toml"),
                |d| d.config_dir().join("config.toml"),
            )
        });
        let data_dir = data_dir.unwrap_or_else(|| {
            dirs.as_ref()
                .map_or_else(|| PathBuf::from(".sheetsafe"), |d| d.data_local_dir().to_path_buf())
        });
        Paths { config_file, data_dir }
    }
}
