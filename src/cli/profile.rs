//! `sheetsafe profile …`: manage backup profiles in the configuration file.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use sheetsafe::config::{KeepRules, Profile};

use super::keep::KeepArgs;
use super::key_setup::{EncryptRequest, set_up};
use super::{Paths, change_config, format, load_config, load_existing, require_config_file};

#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// Add a profile
    Add(AddArgs),
    /// List the profiles
    List,
    /// Show one profile's settings
    Show { name: String },
    /// Remove a profile from the configuration (its backups are left on disk)
    Remove { name: String },
    /// Copy a profile's settings under a new name
    Copy { name: String, new: String },
    /// Add, remove, list or find second-copy destinations (USB drive, cloud folder, share)
    #[command(subcommand)]
    Dest(super::dest::DestCommand),
}

#[derive(Debug, Args)]
pub struct AddArgs {
    name: String,
    /// A workbook to back up (repeat for several)
    #[arg(long = "workbook", required = true, value_name = "PATH")]
    workbooks: Vec<PathBuf>,
    /// Folder the versions go to (a folder named after the profile is made inside it)
    #[arg(long, value_name = "DIR")]
    backup_folder: PathBuf,
    #[command(flatten)]
    keep: KeepArgs,
    /// Keep the backups private: encrypt them (asks for a passphrase, or reads
    /// SHEETSAFE_PASSPHRASE)
    #[arg(long)]
    encrypt: bool,
    /// With --encrypt: a company recovery key (age1…) that can open the backups too
    #[arg(long, value_name = "AGE1…", requires = "encrypt")]
    recovery_key: Option<String>,
    /// With --encrypt: write the recovery sheet (the secret key and how to restore) here
    #[arg(long, value_name = "FILE", requires = "encrypt")]
    recovery_sheet: Option<PathBuf>,
    /// With --encrypt, for a folder made on another computer: open it with this recovery
    /// sheet instead of the passphrase
    #[arg(long, value_name = "FILE", requires = "encrypt")]
    identity: Option<PathBuf>,
}

pub fn run(paths: &Paths, command: &ProfileCommand) -> anyhow::Result<ExitCode> {
    match command {
        ProfileCommand::Add(args) => add(paths, args),
        ProfileCommand::List => list(paths),
        ProfileCommand::Show { name } => show(paths, name),
        ProfileCommand::Remove { name } => remove(paths, name),
        ProfileCommand::Copy { name, new } => copy(paths, name, new),
        ProfileCommand::Dest(cmd) => super::dest::run(paths, cmd),
    }
}

fn add(paths: &Paths, args: &AddArgs) -> anyhow::Result<ExitCode> {
    let encrypt = args.encrypt.then_some(EncryptRequest {
        recovery_key: args.recovery_key.as_deref(),
        recovery_sheet: args.recovery_sheet.as_deref(),
        identity: args.identity.as_deref(),
    });
    for workbook in &args.workbooks {
        if let Ok(meta) = std::fs::metadata(workbook)
            && let Some(kind) = sheetsafe::fsutil::SpecialKind::of(&meta)
        {
            anyhow::bail!(
                "`{}` is {kind}, not a workbook file. Give the path of the workbook itself (a .xlsx, .xlsm or .xls file).",
                workbook.display()
            );
        }
        if !workbook.is_file() {
            anyhow::bail!(
                "The workbook `{}` does not exist or is not a file. Check the path (use quotes around names with spaces).",
                workbook.display()
            );
        }
    }
    let mut profile = Profile {
        name: args.name.trim().to_string(),
        enabled: true,
        workbooks: args.workbooks.iter().map(|w| sheetsafe::config::absolute(w)).collect(),
        backup_folder: sheetsafe::config::absolute(&args.backup_folder),
        keep: args.keep.rules(KeepRules::default()),
        ..Profile::default()
    };
    check_backup_folder_usable(&profile)?;
    sheetsafe::config::validate_profile_name(&profile.name)?;
    if let Ok(config) = load_config(paths)
        && config
            .config
            .profiles
            .iter()
            .any(|p| p.name.eq_ignore_ascii_case(profile.name.trim()))
    {
        // Checked before any key is made, so a refused name leaves no key files behind.
        anyhow::bail!(
            "A profile named `{}` already exists. Choose another name, or remove that one first.",
            profile.name
        );
    }
    if let Some(request) = &encrypt {
        profile.encryption = Some(set_up(paths, &profile, request)?);
    } else if sheetsafe::store::sealed::is_sealed_folder(&profile.backup_folder.join(&profile.name)) {
        anyhow::bail!(
            "`{}` holds encrypted backups. Add the profile with --encrypt (it asks for their passphrase) to use them.",
            profile.backup_folder.join(&profile.name).display()
        );
    }
    let warnings = change_config(paths, |config| Ok(config.add_profile(profile.clone())?))?;
    for w in warnings {
        eprintln!("sheetsafe: warning: {w}");
    }
    outln!(
        "Added profile `{}`: {} workbook(s), versions go to `{}`.",
        profile.name,
        profile.workbooks.len(),
        profile.backup_folder.join(&profile.name).display()
    )?;
    outln!("Make the first backup now with: sheetsafe backup \"{}\"", profile.name)?;
    Ok(ExitCode::SUCCESS)
}

fn list(paths: &Paths) -> anyhow::Result<ExitCode> {
    let config = load_config(paths)?.config;
    if config.profiles.is_empty() {
        outln!("No profiles yet. Add one with: sheetsafe profile add NAME --workbook PATH --backup-folder DIR")?;
    }
    for p in &config.profiles {
        let state = if p.enabled { "" } else { " (disabled)" };
        outln!(
            "{}{state}: {} workbook(s) → {}",
            p.name,
            p.workbooks.len(),
            p.backup_folder.display()
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

fn show(paths: &Paths, name: &str) -> anyhow::Result<ExitCode> {
    let config = load_existing(paths)?;
    let p = config.profile(name)?;
    outln!("Profile:        {}", p.name)?;
    outln!("Enabled:        {}", if p.enabled { "yes" } else { "no" })?;
    outln!("Backup folder:  {}", p.backup_folder.join(&p.name).display())?;
    if let Some(encryption) = &p.encryption {
        let fingerprint = encryption
            .recipients
            .first()
            .and_then(|r| r.parse::<sheetsafe::crypto::PublicKey>().ok())
            .map_or_else(|| "?".to_string(), |k| k.fingerprint());
        outln!("Encrypted:      yes (key {fingerprint})")?;
    }
    for w in &p.workbooks {
        outln!("Workbook:       {}", w.display())?;
    }
    let k = p.keep;
    outln!(
        "Keep:           last {}, daily {}, weekly {}, monthly {}",
        k.last,
        k.daily,
        k.weekly,
        k.monthly
    )?;
    let status = sheetsafe::status::profile_status(p);
    let total: u64 = status.workbooks.iter().map(|w| w.bytes).sum();
    let count: usize = status.workbooks.iter().map(|w| w.versions).sum();
    outln!("Stored:         {count} version(s), {}", format::size(total))?;
    Ok(ExitCode::SUCCESS)
}

fn remove(paths: &Paths, name: &str) -> anyhow::Result<ExitCode> {
    require_config_file(paths)?;
    let removed = change_config(paths, |config| Ok(config.remove_profile(name)?))?;
    outln!(
        "Removed profile `{}`. Its backups stay in `{}`; delete that folder yourself if you no longer need them.",
        removed.name,
        removed.backup_folder.join(&removed.name).display()
    )?;
    Ok(ExitCode::SUCCESS)
}

fn copy(paths: &Paths, name: &str, new: &str) -> anyhow::Result<ExitCode> {
    require_config_file(paths)?;
    let (copy, warnings) = change_config(paths, |config| {
        let mut copy = config.profile(name)?.clone();
        if copy.encryption.is_some() {
            // Its keys belong to its own folder (a copy would write where its passphrase opens
            // nothing), and its company storage's folder in the bucket is its alone.
            anyhow::bail!(
                "The private profile `{}` cannot be copied: its keys belong to its own folder. Add a new private profile instead (sheetsafe profile add … --encrypt).",
                copy.name
            );
        }
        copy.name = new.trim().to_string();
        let warnings = config.add_profile(copy.clone())?;
        Ok((copy, warnings))
    })?;
    for w in warnings {
        eprintln!("sheetsafe: warning: {w}");
    }
    outln!(
        "Copied profile `{}` to `{}`; its versions will go to `{}`.",
        name,
        copy.name,
        copy.backup_folder.join(&copy.name).display()
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Refuses a backup folder that cannot be written now, so the user learns at once rather than
/// at the first close. A folder on an unplugged drive is refused too: add the profile when the
/// drive is connected.
fn check_backup_folder_usable(profile: &Profile) -> anyhow::Result<()> {
    let folder = &profile.backup_folder;
    if folder.exists() && !folder.is_dir() {
        anyhow::bail!(
            "The backup folder `{}` is a file, not a folder. Choose a folder.",
            folder.display()
        );
    }
    let probe_dir = if folder.is_dir() {
        folder.clone()
    } else {
        folder.parent().map(PathBuf::from).unwrap_or_default()
    };
    if !probe_dir.is_dir() {
        anyhow::bail!(
            "The backup folder `{}` cannot be created because `{}` does not exist. Connect the drive or create the folder first.",
            folder.display(),
            probe_dir.display()
        );
    }
    let probe = sheetsafe::fsutil::temp_path_for(&probe_dir, "probe");
    match sheetsafe::fsutil::create_new(&probe) {
        Ok(_) => {
            std::fs::remove_file(&probe).ok();
            Ok(())
        }
        Err(e) => Err(sheetsafe::store::StoreError::from_write(&probe, e).into()),
    }
}
