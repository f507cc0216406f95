# Problems the status reports, as the app shows them (src/problem.rs picks the id and the
# arguments). No command-line syntax here: the app's buttons are named instead.

problem-agent-not-running = Sheetsafe is not watching your workbooks, so closing one makes no backup. Keep the Sheetsafe app running (turn on "Start Sheetsafe when I log in" in Settings).
problem-config-invalid = The settings file could not be read: { $reason } Backups continue with the previous settings.
problem-folder-not-watched = The folder { $folder } cannot be watched ({ $reason }); closing a workbook there is not noticed until it is back.
problem-catalog-unreadable = { $reason }
problem-workbook-missing = The workbook { $workbook } cannot be found. If it was moved or renamed, edit the profile; if its drive is unplugged, connect it.
problem-no-backup-yet = { $workbook } has no backup yet. Click "Back up now".
problem-no-copy-off-disk = Every copy of { $profile } is on the same disk as its workbooks ({ $folder }): a failed, stolen or encrypted disk takes the workbooks and their backups together. Add a second copy on a USB disk or in a cloud-drive folder: click "Add a second copy".
problem-changed-no-agent = { $workbook } was saved at { $since } and that save is not backed up. Click "Back up now", and keep the Sheetsafe app running.
problem-changed-open-since = { $workbook } has changes saved since { $since } that are not backed up yet: it has been open since { $open }. Close it to back it up now; otherwise Sheetsafe backs it up once it has not been saved for a while.
problem-changed-open = { $workbook } has changes saved since { $since } that are not backed up yet: it is still open. Close it to back it up now.
problem-changed-failing = { $workbook } has changes saved since { $since } that are not backed up: backing it up is failing (the reason is below). Sheetsafe keeps trying.
problem-changed-pending = { $workbook } has changes saved since { $since } that are not backed up yet. Click "Back up now" to back it up.
problem-open-too-long = { $workbook } has been open for hours with changes that are not backed up yet. Save and close it to make a backup.
problem-stale-lock = The lock file { $lock } was left behind by { $application }, which is no longer running (perhaps after a crash). Backups go on; if the application says the workbook is locked, delete that file.
problem-backup-failed = Backing up { $workbook } failed: { $reason }
problem-damaged = The newest backup { $file } is of a damaged workbook. Repair the workbook, or restore an older version from History.
problem-not-checked = The newest backup { $file } could not be checked for damage (the copy itself is verified). Update Sheetsafe, then click "Verify".
problem-check-found = The regular check found: { $finding }
problem-not-repaired = { $reason }
problem-copy-overdue-away = The second copy { $destination } is overdue because { $folder } is not there. Plug in the drive or reconnect the share; the copy starts by itself.
problem-copy-overdue = The second copy { $destination } is overdue. Keep the Sheetsafe app running; the copy starts by itself when it is due.
problem-copy-failed = The second copy { $destination } failed: { $reason }
problem-unknown = A newer Sheetsafe reported a problem this version cannot describe. Update Sheetsafe to see it.
problem-mass-loss = { $count } workbooks lost their data at once ({ $workbooks }): this is how ransomware looks. Every earlier version is kept. Disconnect this computer from the network and unplug the backup disks, then restore the workbooks on a clean computer. If the change was intended, say so with “The change was intended” beside each workbook's alarm.
