//! `sheetsafe profile dest …`: second-copy destinations of a profile (add, remove, list) and
//! the places on this computer that could hold one (suggest).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{ArgGroup, Args, Subcommand};
use sheetsafe::config::{Destination, KeepRules};
use sheetsafe::copies::{self, CopyState};
use sheetsafe::destination::{self, Candidate};
use sheetsafe::schedule::{self, Schedule};

use super::keep::KeepArgs;
use super::output::print_json;
use super::{Paths, change_config, load_existing, require_config_file};

#[derive(Debug, Subcommand)]
// Parsed once per run; boxing it would only make the match arms noisier.
#[allow(clippy::large_enum_variant)]
pub enum DestCommand {
    /// Add a second copy: another folder that regularly receives the versions
    ///
    /// See `sheetsafe profile dest suggest` for the cloud-drive folders and removable drives
    /// found on this computer.
    Add(AddArgs),
    /// Remove a second copy from the profile (the copies already made stay where they are)
    Remove {
        /// The profile
        name: String,
        /// The destination's name
        dest: String,
    },
    /// List a profile's second copies and their state
    List {
        /// The profile
        name: String,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Show cloud-drive folders (OneDrive, Google Drive, Dropbox) and removable drives found here
    Suggest {
        /// A profile, to be warned about places on the same disk as its workbooks
        name: Option<String>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("schedule").required(true).args(["daily", "weekly", "monthly", "on_plug"])))]
#[command(group(ArgGroup::new("place").required(true).args(["folder", "s3"])))]
// The keep flags are said of the second copy, with its own defaults.
#[command(mut_args(KeepArgs::help_for_a_second_copy))]
pub struct AddArgs {
    /// The profile
    name: String,
    /// A name for the destination, e.g. "USB disk" or "OneDrive"
    #[arg(long, value_name = "NAME")]
    dest_name: String,
    /// The backup folder there (a folder named after the profile is made inside it)
    #[arg(long, value_name = "DIR")]
    folder: Option<PathBuf>,
    /// Company storage instead of a folder: the S3 server and bucket, e.g.
    /// http://server:3900/alice-backups (encrypted profiles only)
    #[arg(long, value_name = "URL", requires = "access_key_id", conflicts_with = "on_plug")]
    s3: Option<String>,
    /// The bucket's access key id (GK… on Garage); the secret comes from SHEETSAFE_S3_SECRET or
    /// is asked, and is kept in the data folder, not in the configuration
    #[arg(long, value_name = "ID", requires = "s3")]
    access_key_id: Option<String>,
    /// The region requests to the bucket are signed for
    #[arg(long, value_name = "NAME", default_value = "garage", requires = "s3")]
    region: String,
    /// Copy every day at this time
    #[arg(long, value_name = "HH:MM")]
    daily: Option<String>,
    /// Copy every week on this day (monday … sunday)
    #[arg(long, value_name = "DAY")]
    weekly: Option<String>,
    /// Copy every month on this day (1-31; in shorter months the last day)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=31))]
    monthly: Option<u32>,
    /// The time of day for --weekly and --monthly [default: 18:00]
    #[arg(long, value_name = "HH:MM", conflicts_with_all = ["daily", "on_plug"])]
    at: Option<String>,
    /// Copy whenever the folder appears (a USB drive plugged in), and daily while it stays
    #[arg(long)]
    on_plug: bool,
    #[command(flatten)]
    keep: KeepArgs,
    /// Do not let the background agent repair damaged copies there on its own
    #[arg(long)]
    no_repair: bool,
}

pub fn run(paths: &Paths, command: &DestCommand) -> anyhow::Result<ExitCode> {
    match command {
        DestCommand::Add(args) => add(paths, args),
        DestCommand::Remove { name, dest } => remove(paths, name, dest),
        DestCommand::List { name, json } => list(paths, name, *json),
        DestCommand::Suggest { name, json } => suggest(paths, name.as_deref(), *json),
    }
}

fn parse_schedule(args: &AddArgs) -> anyhow::Result<Schedule> {
    let time = |text: &str| {
        schedule::parse_time_of_day(text)
            .ok_or_else(|| anyhow::anyhow!("`{text}` is not a time of day. Write it as HH:MM, for example 18:00."))
    };
    let at = args.at.as_deref().map(time).transpose()?;
    let at = at.unwrap_or_else(|| time("18:00").unwrap_or_default());
    Ok(if let Some(daily) = &args.daily {
        Schedule::Daily { at: time(daily)? }
    } else if let Some(day) = &args.weekly {
        Schedule::Weekly {
            day: schedule::parse_weekday(day).ok_or_else(|| {
                anyhow::anyhow!("`{day}` is not a day of the week. Write monday, tuesday, … sunday (or mon, tue, …).")
            })?,
            at,
        }
    } else if let Some(day) = args.monthly {
        Schedule::Monthly { day, at }
    } else {
        Schedule::OnPlug
    })
}

fn add(paths: &Paths, args: &AddArgs) -> anyhow::Result<ExitCode> {
    require_config_file(paths)?;
    let schedule = parse_schedule(args)?;
    let folder = args.folder.as_deref().map(sheetsafe::config::absolute);
    let s3 = match &args.s3 {
        Some(url) => Some(company_storage(paths, args, url)?),
        None => None,
    };
    let dest = Destination {
        name: args.dest_name.trim().to_string(),
        folder: folder.clone().unwrap_or_default(),
        s3,
        schedule,
        keep: args.keep.rules(Destination::default_keep()),
        repair: !args.no_repair,
    };
    let (profile_name, encrypted, warnings) = change_config(paths, |config| {
        let profile = config.profile_mut(&args.name)?;
        if profile.encryption.is_some() {
            refuse_keep_rules(args, &profile.name)?;
        }
        profile.destinations.push(dest.clone());
        let warnings = profile.validate()?;
        if let Some(folder) = &folder {
            ensure_folder_usable(folder)?;
        }
        Ok((profile.name.clone(), profile.encryption.is_some(), warnings))
    })
    .inspect_err(|_| {
        // Nothing was saved, so the secret kept for it goes too.
        if let Some(s3) = &dest.s3 {
            forget_secret(s3);
        }
    })?;
    for w in warnings.iter().filter(|w| w.destination() == Some(dest.name.as_str())) {
        eprintln!("sheetsafe: warning: {w}");
    }
    outln!(
        "Added the second copy `{}` to profile `{profile_name}`: versions go to `{}`, {}, keeping {}.",
        dest.name,
        dest.place(&profile_name).display(),
        dest.schedule,
        if encrypted {
            MIRROR_WORDS.to_string()
        } else {
            keep_words(&dest.keep)
        }
    )?;
    outln!(
        "The running agent makes the first copy by itself; to make it now: sheetsafe copy \"{profile_name}\" --dest \"{}\"",
        dest.name
    )?;
    Ok(ExitCode::SUCCESS)
}

/// A company-storage destination for `url`: a new random folder for this computer in the
/// bucket, and the secret (asked, checked against the server) kept in the data folder.
#[cfg(feature = "company-storage")]
fn company_storage(paths: &Paths, args: &AddArgs, url: &str) -> anyhow::Result<sheetsafe::config::S3Destination> {
    use sheetsafe::s3::S3Error;
    use sheetsafe::s3::secret::Kept;
    let key_id = args.access_key_id.clone().unwrap_or_default();
    // A mistyped address is said before the secret is asked for.
    super::company::client(url, &args.region, &key_id, "")?;
    let secret = super::company::ask_secret(&key_id)?;
    let client = super::company::client(url, &args.region, &key_id, &secret)?;
    match client.check() {
        Ok(()) => {}
        // The server may be away now; the copies wait for it like for an unplugged drive.
        Err(e) if e.is_away() => eprintln!("sheetsafe: warning: {e}"),
        Err(
            e @ (S3Error::UnknownKey { .. }
            | S3Error::WrongSecret { .. }
            | S3Error::Denied { .. }
            | S3Error::NoSuchBucket { .. }
            | S3Error::ClockSkew { .. }
            | S3Error::BadAddress { .. }
            | S3Error::Refused { .. }
            | S3Error::Garbled { .. }),
        ) => {
            return Err(anyhow::anyhow!("{e} Nothing was added."));
        }
        Err(e) => eprintln!("sheetsafe: warning: {e}"),
    }
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness for the computer's folder name: {e}"))?;
    let device = hex::encode(bytes);
    let fallback = paths.data_dir.join("company-storage").join(format!("{device}.secret"));
    let kept = sheetsafe::s3::secret::keep(&device, &secret, &fallback).map_err(|e| {
        anyhow::anyhow!(
            "Could not keep the secret in `{}` ({e}). Check that the data folder is writable, then add the destination again.",
            fallback.display()
        )
    })?;
    match &kept {
        Kept::InStore { store } => outln!("The secret is kept in the {store}, not in any file.")?,
        Kept::InFile {
            path,
            store_refused: Some(reason),
        } => outln!(
            "The secret is kept in `{}`, readable by you alone: the {} did not take it ({reason}).",
            path.display(),
            sheetsafe::s3::secret::store_name()
        )?,
        Kept::InFile {
            path,
            store_refused: None,
        } => outln!(
            "The secret is kept in `{}`, readable by you alone ({}=file).",
            path.display(),
            sheetsafe::s3::secret::STORE_VAR
        )?,
    }
    Ok(sheetsafe::config::S3Destination {
        url: url.trim().trim_end_matches('/').to_string(),
        region: args.region.clone(),
        access_key_id: key_id,
        device,
        secret_in: if kept.file().is_some() {
            sheetsafe::config::SecretPlace::File
        } else {
            sheetsafe::config::SecretPlace::CredentialStore
        },
        secret_file: kept.file().map(Path::to_path_buf).unwrap_or_default(),
    })
}

#[cfg(feature = "company-storage")]
fn forget_secret(s3: &sheetsafe::config::S3Destination) {
    sheetsafe::s3::secret::forget(sheetsafe::copies::bucket::secret_place(s3));
}

/// Without company storage there is no credential store to ask; a secret file is removed.
#[cfg(not(feature = "company-storage"))]
fn forget_secret(s3: &sheetsafe::config::S3Destination) {
    if !s3.secret_file.as_os_str().is_empty() {
        let _ = std::fs::remove_file(&s3.secret_file);
    }
}

#[cfg(not(feature = "company-storage"))]
fn company_storage(_: &Paths, _: &AddArgs, _: &str) -> anyhow::Result<sheetsafe::config::S3Destination> {
    anyhow::bail!("This Sheetsafe was built without company storage. Install the full Sheetsafe to use --s3.")
}

/// What an encrypted profile's destination keeps, in the words `keeps …` is followed by.
const MIRROR_WORDS: &str = "what the main folder keeps (encrypted profile)";

/// An encrypted profile's destination mirrors the main folder: its own keep rules would need
/// the catalog to tell versions apart, and the agent that runs the copies holds no key that
/// opens it. Rules given anyway would silently do nothing, so they are refused.
fn refuse_keep_rules(args: &AddArgs, profile: &str) -> anyhow::Result<()> {
    if let Some(flag) = args.keep.first_given() {
        anyhow::bail!(
            "A second copy of the encrypted profile `{profile}` keeps exactly what the main folder keeps (its own keep rules would need the key, which the copies never use), so {flag} is not allowed: leave out the --keep-… options, or change the profile's own keep rules."
        );
    }
    Ok(())
}

/// The destination folder must exist, or be creatable right inside an existing folder, and be
/// writable. A missing parent usually means an unplugged drive: refused, so the copies never
/// land on the PC's own disk under an empty mount point.
fn ensure_folder_usable(folder: &Path) -> anyhow::Result<()> {
    if folder.exists() && !folder.is_dir() {
        anyhow::bail!(
            "`{}` is a file, not a folder. Choose a folder for the second copy.",
            folder.display()
        );
    }
    if !folder.is_dir() {
        let parent = folder.parent().unwrap_or(folder);
        if !parent.is_dir() {
            anyhow::bail!(
                "The folder `{}` cannot be made because `{}` does not exist. Plug in the drive or connect the share (or create the folder) first, then add the destination again.",
                folder.display(),
                parent.display()
            );
        }
        std::fs::create_dir(folder)
            .map_err(|e| anyhow::anyhow!("{}", sheetsafe::store::StoreError::from_write(&folder.join("x"), e)))?;
    }
    let probe = sheetsafe::fsutil::temp_path_for(folder, "probe");
    match sheetsafe::fsutil::create_new(&probe) {
        Ok(_) => {
            std::fs::remove_file(&probe).ok();
            Ok(())
        }
        Err(e) => Err(sheetsafe::store::StoreError::from_write(&probe, e).into()),
    }
}

fn remove(paths: &Paths, name: &str, dest: &str) -> anyhow::Result<ExitCode> {
    require_config_file(paths)?;
    let (profile_name, removed) = change_config(paths, |config| {
        let profile = config.profile_mut(name)?;
        let chosen = copies::choose(profile, &[dest.to_string()])?;
        let removed = chosen[0].clone();
        profile.destinations.retain(|d| d.name != removed.name);
        Ok((profile.name.clone(), removed))
    })?;
    outln!(
        "Removed the second copy `{}` from profile `{profile_name}`. The copies already made stay in `{}`; delete them yourself if you no longer need them.",
        removed.name,
        removed.place(&profile_name).display()
    )?;
    if let Some(s3) = &removed.s3 {
        // The secret is of no use without the destination; the bucket's copies stay.
        forget_secret(s3);
    }
    Ok(ExitCode::SUCCESS)
}

fn list(paths: &Paths, name: &str, json: bool) -> anyhow::Result<ExitCode> {
    let config = load_existing(paths)?;
    let profile = config.profile(name)?;
    let statuses = copies::destination_status(profile, chrono::Local::now());
    if json {
        print_json(&statuses)?;
        return Ok(ExitCode::SUCCESS);
    }
    if statuses.is_empty() {
        outln!(
            "Profile `{}` has no second copies yet. A second copy protects against a dead or encrypted PC.",
            profile.name
        )?;
        print_candidates(&destination::candidates(), Some(&profile.name))?;
        return Ok(ExitCode::SUCCESS);
    }
    outln!("Second copies of profile `{}`:", profile.name)?;
    for (dest, status) in profile.destinations.iter().zip(&statuses) {
        outln!(
            "  {} [{}] → {}",
            status.name,
            state_word(status.state),
            status.folder.display()
        )?;
        outln!(
            "    {}; keeps {}; repair {}.",
            status.schedule,
            if profile.encryption.is_some() {
                MIRROR_WORDS.to_string()
            } else {
                keep_words(&dest.keep)
            },
            if dest.repair { "on" } else { "off" }
        )?;
        outln!("    {}", status.summary)?;
        if let Some(n) = status.lacking.filter(|n| *n > 0) {
            outln!("    {n} version(s) still to copy.")?;
        }
        for p in &status.problems {
            outln!("    ! {p}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn suggest(paths: &Paths, name: Option<&str>, json: bool) -> anyhow::Result<ExitCode> {
    let profile = match name {
        Some(name) => Some(load_existing(paths)?.profile(name)?.clone()),
        None => None,
    };
    let found = destination::candidates();
    if json {
        print_json(&found)?;
        return Ok(ExitCode::SUCCESS);
    }
    print_candidates(&found, profile.as_ref().map(|p| p.name.as_str()))?;
    if let Some(profile) = profile {
        for c in &found {
            let probe = Destination {
                name: c.label.clone(),
                folder: c.suggested_folder(),
                ..Destination::default()
            };
            if let Some(w) = sheetsafe::config::same_disk_warning(&profile, &probe) {
                outln!("  ! {w}")?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_candidates(found: &[Candidate], profile: Option<&str>) -> std::io::Result<()> {
    if found.is_empty() {
        outln!(
            "No cloud-drive folder (OneDrive, Google Drive, Dropbox) or removable drive was found. Plug in a USB drive, or name any folder with --folder."
        )?;
        return Ok(());
    }
    outln!("Places for a second copy found on this computer:")?;
    let width = found.iter().map(|c| c.label.chars().count()).max().unwrap_or(0);
    for c in found {
        outln!("  {:<width$}  {}", c.label, c.path.display())?;
    }
    let first = &found[0];
    outln!(
        "Add one with: sheetsafe profile dest add \"{}\" --dest-name \"{}\" --folder \"{}\" {}",
        profile.unwrap_or("PROFILE"),
        first.label,
        first.suggested_folder().display(),
        if first.kind.is_cloud() {
            "--daily 18:00"
        } else {
            "--on-plug"
        }
    )
}

/// The keep rules in words: "the newest of each of the last 30 days and 12 months".
pub fn keep_words(k: &KeepRules) -> String {
    if k.keeps_everything() {
        return "every version".to_string();
    }
    let mut parts = Vec::new();
    if k.last > 0 {
        parts.push(format!("the newest {}", k.last));
    }
    let buckets: Vec<String> = [(k.daily, "days"), (k.weekly, "weeks"), (k.monthly, "months")]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
    if let Some((last, rest)) = buckets.split_last() {
        let list = if rest.is_empty() {
            last.clone()
        } else {
            format!("{} and {last}", rest.join(", "))
        };
        parts.push(format!("the newest of each of the last {list}"));
    }
    parts.join(" and ")
}

pub fn state_word(state: CopyState) -> &'static str {
    match state {
        CopyState::UpToDate => "up to date",
        CopyState::Due => "due",
        CopyState::WaitingForFolder => "waiting for the folder",
        CopyState::Overdue => "OVERDUE",
        CopyState::Failed => "FAILED",
    }
}
