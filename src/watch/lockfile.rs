//! The lock ("owner") files spreadsheet applications keep next to an open workbook:
//!
//! - Excel (Windows and Mac) and WPS on Windows: `~$` + the full file name, a 165-byte owner
//!   file. Excel writes none for legacy `.xls`.
//! - LibreOffice: `.~lock.<full name>#`, one CSV line: user, OS user, host, time, profile URL.
//! - WPS on Linux: `.~<name>`, sometimes with the first one or two characters of the name dropped.
//!
//! A lock file outliving its application (after a crash) is *stale*; it must not silence backups
//! for ever, so `is_stale` tells what can be told from here.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Which application family a lock file belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LockKind {
    /// `~$Name.xlsx` (Excel, WPS on Windows).
    ExcelOwner,
    /// `.~lock.Name.xlsx#` (LibreOffice).
    LibreOffice,
    /// `.~Name.xlsx` and its shortened forms (WPS on Linux).
    Wps,
}

impl LockKind {
    /// The application as a user would name it.
    pub fn application(self) -> &'static str {
        match self {
            LockKind::ExcelOwner => "Excel or WPS",
            LockKind::LibreOffice => "LibreOffice",
            LockKind::Wps => "WPS Office",
        }
    }
}

/// A lock file found next to a workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockFile {
    pub path: PathBuf,
    pub kind: LockKind,
}

/// Every lock-file name that can belong to `workbook_name`, with its kind.
pub fn candidate_names(workbook_name: &str) -> Vec<(String, LockKind)> {
    let mut names = vec![
        (format!("~${workbook_name}"), LockKind::ExcelOwner),
        (format!(".~lock.{workbook_name}#"), LockKind::LibreOffice),
        (format!(".~{workbook_name}"), LockKind::Wps),
    ];
    // WPS on Linux sometimes drops the first one or two characters of the name.
    let mut chars = workbook_name.char_indices().skip(1).map(|(i, _)| i);
    for cut in [chars.next(), chars.next()].into_iter().flatten() {
        names.push((format!(".~{}", &workbook_name[cut..]), LockKind::Wps));
    }
    names
}

/// True when `file_name` (a name in the workbook's folder) is one of the workbook's lock files.
pub fn is_lock_name_for(file_name: &str, workbook_name: &str) -> bool {
    candidate_names(workbook_name).iter().any(|(n, _)| n == file_name)
}

/// The lock files that exist next to `workbook` right now.
pub fn present(workbook: &Path) -> Vec<LockFile> {
    let (Some(dir), Some(name)) = (workbook.parent(), workbook.file_name()) else {
        return Vec::new();
    };
    candidate_names(&name.to_string_lossy())
        .into_iter()
        .map(|(n, kind)| LockFile {
            path: dir.join(n),
            kind,
        })
        .filter(|l| l.path.is_file())
        .collect()
}

/// Whether a lock file's owner is demonstrably gone. Only what can be proven is reported stale:
/// a LibreOffice lock naming this computer while no LibreOffice runs here; on Windows, an Excel
/// owner file whose workbook can be opened exclusively (Excel holds it open while editing).
/// Anything else (another computer's lock on a shared folder) counts as a live lock.
pub fn is_stale(lock: &LockFile, workbook: &Path, processes: &dyn ProcessProbe) -> bool {
    match lock.kind {
        LockKind::LibreOffice => {
            let Ok(text) = std::fs::read_to_string(&lock.path) else {
                return false;
            };
            let host = text.split(',').nth(2).map(str::trim).unwrap_or_default();
            host.eq_ignore_ascii_case(&crate::host::host_name()) && !processes.libreoffice_running()
        }
        LockKind::ExcelOwner | LockKind::Wps => exclusive_open_succeeds(workbook),
    }
}

/// Asks the operating system which applications run; a trait so tests can answer for it.
pub trait ProcessProbe {
    fn libreoffice_running(&self) -> bool;
}

/// The real process list.
#[derive(Debug, Default)]
pub struct SystemProcesses;

impl ProcessProbe for SystemProcesses {
    fn libreoffice_running(&self) -> bool {
        use sysinfo::{ProcessRefreshKind, ProcessesToUpdate, RefreshKind, System};
        let system = System::new_with_specifics(RefreshKind::nothing().with_processes(ProcessRefreshKind::nothing()));
        let mut system = system;
        system.refresh_processes_specifics(ProcessesToUpdate::All, true, ProcessRefreshKind::nothing());
        system.processes().values().any(|p| {
            let name = p.name().to_string_lossy().to_lowercase();
            (name.starts_with("soffice") || name.starts_with("oosplash")) && is_alive(p.status())
        })
    }
}

/// True for a process that can still hold a document open. A killed LibreOffice whose parent
/// has not collected it yet stays in the process list as a zombie (or, briefly, dead): it
/// holds nothing, so its lock file is stale.
fn is_alive(status: sysinfo::ProcessStatus) -> bool {
    !matches!(status, sysinfo::ProcessStatus::Zombie | sysinfo::ProcessStatus::Dead)
}

/// On Windows, Excel keeps a workbook it is editing open without delete/write sharing, so an
/// exclusive open fails while Excel has it and succeeds once it is really closed.
#[cfg(windows)]
pub fn exclusive_open_succeeds(workbook: &Path) -> bool {
    use std::os::windows::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .share_mode(0)
        .open(workbook)
        .is_ok()
}

/// Elsewhere applications do not lock files against readers, so nothing can be proven.
#[cfg(not(windows))]
pub fn exclusive_open_succeeds(_workbook: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    /// A real killed child that nobody has collected yet is a zombie, and counts as gone.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_zombie_process_holds_nothing_open() {
        use sysinfo::{Pid, ProcessRefreshKind, ProcessesToUpdate, System};
        let status_of = |pid: u32| {
            let mut system = System::new();
            let pid = Pid::from_u32(pid);
            system.refresh_processes_specifics(ProcessesToUpdate::Some(&[pid]), true, ProcessRefreshKind::nothing());
            system.process(pid).map(sysinfo::Process::status)
        };
        let mut child = std::process::Command::new("sleep").arg("30").spawn().expect("sleep");
        let running = status_of(child.id()).expect("listed");
        assert!(is_alive(running), "{running:?}");
        child.kill().expect("kill");
        // Not waited for yet: the kernel keeps it as a zombie until its parent collects it.
        let mut zombie = None;
        for _ in 0..100 {
            zombie = status_of(child.id());
            if zombie.is_some_and(|s| !is_alive(s)) {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let zombie = zombie.expect("still listed");
        assert!(!is_alive(zombie), "{zombie:?}");
        child.wait().expect("collect");
    }

    use super::*;

    struct NoOffice;
    impl ProcessProbe for NoOffice {
        fn libreoffice_running(&self) -> bool {
            false
        }
    }
    struct OfficeRunning;
    impl ProcessProbe for OfficeRunning {
        fn libreoffice_running(&self) -> bool {
            true
        }
    }

    #[test]
    fn recognises_every_application_s_lock_name() {
        for lock in [
            "~$Sales.xlsm",
            ".~lock.Sales.xlsm#",
            ".~Sales.xlsm",
            ".~ales.xlsm",
            ".~les.xlsm",
        ] {
            assert!(is_lock_name_for(lock, "Sales.xlsm"), "{lock}");
        }
        for other in [
            "Sales.xlsm",
            "~$Stock.xlsm",
            "A1B2C3D4",
            "Sales.xlsm.osl-tmp",
            ".~es.xlsm",
        ] {
            assert!(!is_lock_name_for(other, "Sales.xlsm"), "{other}");
        }
    }

    #[test]
    fn non_ascii_names_are_cut_on_character_boundaries() {
        assert!(is_lock_name_for(".~án hàng.xlsx", "Bán hàng.xlsx"));
        assert!(is_lock_name_for(".~n hàng.xlsx", "Bán hàng.xlsx"));
    }

    #[test]
    fn libreoffice_lock_of_this_host_without_libreoffice_is_stale() {
        let dir = tempfile::tempdir().expect("tempdir");
        let workbook = dir.path().join("Sales.ods");
        std::fs::write(&workbook, b"x").expect("write");
        let lock = LockFile {
            path: dir.path().join(".~lock.Sales.ods#"),
            kind: LockKind::LibreOffice,
        };
        let line = format!(
            "Anna,anna,{},21.11.2026 17:30,file:///home/anna/.config/libreoffice/4;",
            crate::host::host_name()
        );
        std::fs::write(&lock.path, line).expect("write lock");
        assert!(is_stale(&lock, &workbook, &NoOffice));
        assert!(!is_stale(&lock, &workbook, &OfficeRunning));
        std::fs::write(&lock.path, "Bob,bob,OTHER-PC,21.11.2026 17:30,file:///x;").expect("write lock");
        assert!(
            !is_stale(&lock, &workbook, &NoOffice),
            "another computer's lock is never presumed stale"
        );
        assert_eq!(present(&workbook), vec![lock]);
    }
}
