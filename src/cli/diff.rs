//! `sheetsafe diff`: what changed between two versions of a workbook, sheet by sheet.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use serde::Serialize;
use sheetsafe::contents::{SheetChange, SheetDiff, WorkbookDiff};
use sheetsafe::store::{ProfileStore, Version};

use super::output::print_json;
use super::{Paths, format, load_existing};

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The profile
    name: String,
    /// The workbook (needed when the profile has several)
    #[arg(long, value_name = "PATH")]
    workbook: Option<PathBuf>,
    /// The older version's file name [default: the one before the newer]
    version_a: Option<String>,
    /// The newer version's file name [default: the newest]
    version_b: Option<String>,
    /// Print JSON
    #[arg(long)]
    json: bool,
}

/// `sheetsafe diff`.
pub fn run(paths: &Paths, args: &DiffArgs) -> anyhow::Result<ExitCode> {
    let config = load_existing(paths)?;
    let profile = config.profile(&args.name)?;
    let workbook = sheetsafe::restore::choose_workbook(profile, args.workbook.as_deref())?;
    let workbook_name = workbook
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let store = ProfileStore::new(&profile.backup_folder, &profile.name);
    let catalog = store.load_catalog()?;
    let mut versions: Vec<&Version> = catalog.versions_of(&workbook_name).collect();
    versions.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
    let find = |file: &str| -> anyhow::Result<usize> {
        versions.iter().position(|v| v.file == file).ok_or_else(|| {
            anyhow::anyhow!(
                "There is no version `{file}` of `{workbook_name}` in `{}`. `sheetsafe versions \"{}\"` lists them.",
                store.dir().display(),
                profile.name
            )
        })
    };
    let (a, b) = match (&args.version_a, &args.version_b) {
        (Some(a), Some(b)) => (find(a)?, find(b)?),
        (Some(a), None) => {
            let a = find(a)?;
            (a, versions.len() - 1)
        }
        (None, _) => {
            if versions.len() < 2 {
                anyhow::bail!(
                    "`{workbook_name}` has {} version(s) in `{}`; there is nothing to compare yet.",
                    versions.len(),
                    store.dir().display()
                );
            }
            (versions.len() - 2, versions.len() - 1)
        }
    };
    let (old, new) = (versions[a], versions[b]);
    let diff = sheetsafe::contents::diff_files(
        &store.version_path(old),
        &store.version_path(new),
        std::path::Path::new(&workbook_name),
    )?;
    if args.json {
        print_json(&DiffReport {
            workbook: &workbook_name,
            old: Side::of(old),
            new: Side::of(new),
            sheets: &diff.sheets,
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    outln!(
        "Comparing {} ({}) with {} ({}):",
        old.file,
        format::time(&old.created),
        new.file,
        format::time(&new.created)
    )?;
    print_diff(&diff)?;
    Ok(ExitCode::SUCCESS)
}

fn print_diff(diff: &WorkbookDiff) -> anyhow::Result<()> {
    if diff.is_empty() {
        outln!("  No sheet changed.")?;
    }
    for sheet in &diff.sheets {
        outln!("  {}", sheet_line(sheet))?;
        for cell in &sheet.examples {
            outln!(
                "    {}: {} → {}",
                cell.cell,
                cell.old.as_deref().map_or_else(|| "(empty)".to_string(), quoted),
                cell.new.as_deref().map_or_else(|| "(empty)".to_string(), quoted)
            )?;
        }
    }
    Ok(())
}

fn quoted(text: &str) -> String {
    let short: String = text.chars().take(60).collect();
    if short.len() < text.len() {
        format!("“{short}…”")
    } else {
        format!("“{short}”")
    }
}

/// One line per sheet: what happened to it.
fn sheet_line(sheet: &SheetDiff) -> String {
    let rows = |n: u64| {
        if n == 1 {
            "1 row".to_string()
        } else {
            format!("{} rows", format::count(n))
        }
    };
    match &sheet.change {
        SheetChange::Added => format!("{}: added ({})", sheet.name, rows(sheet.rows_after)),
        SheetChange::Removed => format!("{}: removed ({})", sheet.name, rows(sheet.rows_before)),
        SheetChange::Renamed { from } => format!("{}: renamed from {from}, content unchanged", sheet.name),
        SheetChange::Unreadable { detail } => format!("{}: could not be read ({detail})", sheet.name),
        SheetChange::Kept if sheet.is_unchanged() => format!("{}: unchanged ({})", sheet.name, rows(sheet.rows_after)),
        SheetChange::Kept => {
            let mut parts = Vec::new();
            if sheet.rows_removed > 0 {
                parts.push(format!("{} removed", rows(sheet.rows_removed)));
            }
            if sheet.rows_added > 0 {
                parts.push(format!("{} added", rows(sheet.rows_added)));
            }
            if sheet.rows_changed > 0 {
                let cells = if sheet.cells_changed == 1 {
                    "1 cell".to_string()
                } else {
                    format!("{} cells", format::count(sheet.cells_changed))
                };
                parts.push(format!("{} changed ({cells})", rows(sheet.rows_changed)));
            }
            format!(
                "{}: {}; {} → {}",
                sheet.name,
                parts.join(", "),
                rows(sheet.rows_before),
                rows(sheet.rows_after)
            )
        }
    }
}

#[derive(Serialize)]
struct DiffReport<'a> {
    workbook: &'a str,
    old: Side<'a>,
    new: Side<'a>,
    sheets: &'a [SheetDiff],
}

#[derive(Serialize)]
struct Side<'a> {
    file: &'a str,
    sequence: u64,
    created: chrono::DateTime<chrono::FixedOffset>,
}

impl<'a> Side<'a> {
    fn of(v: &'a Version) -> Side<'a> {
        Side {
            file: v.file.as_str(),
            sequence: v.sequence,
            created: v.created,
        }
    }
}
