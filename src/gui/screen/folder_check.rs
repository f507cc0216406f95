//! What a backup folder the user typed or chose must pass before it is used: it exists (or is
//! made with the user's consent), it takes a write, and it is not inside a workbook's own
//! folder unless the user means it. Shared by the wizard's folder step and the profile editor,
//! so both ask the same questions in the same words.

use std::path::{Path, PathBuf};

use sheetsafe::i18n::Translator;

/// Why a folder cannot be used as it is.
#[derive(Debug)]
pub enum Trouble {
    /// It does not exist: the screen offers "Create this folder".
    Missing,
    /// It exists but refused a small test write (read-only media, permissions, a full disk).
    NotWritable(std::io::Error),
    /// It is `dir`, the folder of a chosen workbook, or inside it: deleting, moving or
    /// cloud-syncing that folder takes the backups along. The screen offers "Use this folder
    /// anyway".
    InsideWorkbooks { dir: PathBuf },
}

impl Trouble {
    /// The sentence naming `folder` and the way on, in the translator's language.
    pub fn said(&self, t: &Translator, folder: &Path) -> String {
        let shown = folder.display().to_string();
        match self {
            Trouble::Missing => t.format("wizard-folder-missing", &[("folder", shown.into())]),
            Trouble::NotWritable(e) => t.format(
                "wizard-folder-not-writable",
                &[
                    ("folder", shown.into()),
                    ("reason", crate::gui::fmt::io_reason(t, e).into()),
                ],
            ),
            Trouble::InsideWorkbooks { dir } => t.format(
                "wizard-folder-inside",
                &[
                    ("folder", shown.into()),
                    ("workbooks", dir.display().to_string().into()),
                ],
            ),
        }
    }
}

/// Checks `folder` for backups of `workbooks`; `inside_meant` is the user's "Use this folder
/// anyway" for this very folder.
pub fn check(folder: &Path, workbooks: &[PathBuf], inside_meant: bool) -> Result<(), Trouble> {
    if !folder.is_dir() {
        return Err(Trouble::Missing);
    }
    probe_writable(folder).map_err(Trouble::NotWritable)?;
    match workbook_folder_holding(folder, workbooks) {
        Some(dir) if !inside_meant => Err(Trouble::InsideWorkbooks { dir }),
        _ => Ok(()),
    }
}

/// The folder of the first of `workbooks` that is `folder` or holds it, if any (as the
/// workbook's path names it, for the sentence).
pub fn workbook_folder_holding(folder: &Path, workbooks: &[PathBuf]) -> Option<PathBuf> {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let inside = resolved(folder);
    workbooks
        .iter()
        .filter_map(|w| absolute(w).parent().map(Path::to_path_buf))
        .find(|dir| inside.starts_with(resolved(dir)))
}

/// `path` as the file system sees it, for comparing two paths: the longest part that exists is
/// canonicalised (links followed, `..` gone, and on Windows and macOS the letter case the disk
/// uses, so `c:\shop\backups` is seen inside `C:\Shop`), and the rest, not made yet, is
/// appended with `.` and `..` worked out by hand.
fn resolved(path: &Path) -> PathBuf {
    use std::path::Component;
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = path.as_path();
    let mut rest = Vec::new();
    let mut base = loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            break real;
        }
        // The last component, `..` included (`file_name` would give up on one).
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last.as_os_str().to_owned());
                existing = parent;
            }
            // Not even the root answers: compare the path as given.
            _ => return path.clone(),
        }
    };
    for name in rest.iter().rev() {
        match Path::new(name).components().next() {
            Some(Component::ParentDir) => {
                base.pop();
            }
            Some(Component::CurDir) | None => {}
            Some(_) => base.push(name),
        }
    }
    base
}

/// Writes, flushes and removes a small file in `folder`: a folder that lists fine can still
/// refuse writes (read-only media, permissions, a full disk).
pub fn probe_writable(folder: &Path) -> std::io::Result<()> {
    use std::io::Write as _;
    let probe = sheetsafe::fsutil::temp_path_for(folder, "probe");
    let written = sheetsafe::fsutil::create_new(&probe).and_then(|mut f| {
        f.write_all(b"sheetsafe")?;
        f.sync_all()
    });
    let removed = std::fs::remove_file(&probe);
    written.and(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_is_held_by_the_workbooks_folder_at_any_depth_but_not_beside_it() {
        let root = Path::new("/home/lan/Documents");
        let workbooks = vec![root.join("Shop").join("Sales.xlsx")];
        let shop = root.join("Shop");
        assert_eq!(workbook_folder_holding(&shop, &workbooks), Some(shop.clone()));
        assert_eq!(
            workbook_folder_holding(&shop.join("a").join("b"), &workbooks),
            Some(shop.clone())
        );
        // A sibling whose name begins the same is not inside (paths compare by component).
        assert_eq!(workbook_folder_holding(&root.join("Shop backups"), &workbooks), None);
        assert_eq!(workbook_folder_holding(root, &workbooks), None);
        assert_eq!(workbook_folder_holding(&shop, &[]), None);
    }

    /// The same folder named another way is still the workbook's folder: through `..`, through
    /// a link, and with a tail that does not exist yet.
    #[test]
    fn a_folder_named_another_way_is_still_inside() {
        let dir = tempfile::tempdir().expect("tempdir");
        let shop = dir.path().join("Shop");
        std::fs::create_dir(&shop).expect("folder");
        let workbooks = vec![shop.join("Sales.xlsx")];
        let round_about = shop.join("..").join("Shop").join("new").join(".").join("backups");
        assert!(workbook_folder_holding(&round_about, &workbooks).is_some());
        let out_again = shop.join("new").join("..").join("..").join("Elsewhere");
        assert_eq!(workbook_folder_holding(&out_again, &workbooks), None);
        #[cfg(unix)]
        {
            let link = dir.path().join("Link to shop");
            std::os::unix::fs::symlink(&shop, &link).expect("link");
            assert_eq!(
                workbook_folder_holding(&link.join("backups"), &workbooks),
                Some(shop.clone())
            );
        }
    }
}
