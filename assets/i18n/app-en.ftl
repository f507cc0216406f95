# Sheetsafe app screens — English. Every message must also exist in app-vi.ftl and app-pl.ftl.

button-add = Add
button-back = Back
button-browse = Browse…
button-cancel = Cancel
button-next = Next
button-remove = Remove
button-save = Save

time-just-now = just now
time-minutes-ago = { $count ->
    [one] 1 minute ago
   *[other] { $count } minutes ago
}
time-hours-ago = { $count ->
    [one] 1 hour ago
   *[other] { $count } hours ago
}
time-days-ago = { $count ->
    [one] 1 day ago
   *[other] { $count } days ago
}

wizard-welcome-title = Welcome to Sheetsafe
wizard-welcome-body = Your workbooks hold years of sales, stock and accounts. A damaged file, a dead PC or ransomware can take them all at once, and only a backup you really made brings them back. Sheetsafe copies each workbook every time you close it, checks every copy byte for byte, and keeps the copies as ordinary files you can open without Sheetsafe. This takes two minutes to set up.
wizard-workbooks-title = Which workbooks should be protected?
wizard-workbooks-help = Spreadsheets you changed recently, from Documents and the Desktop. Tick the ones to back up, or add others.
wizard-none-found = No spreadsheets were found in Documents or on the Desktop. Add yours with Browse… or type its path.
wizard-path-placeholder = Path of a workbook, e.g. C:\Data\Sales.xlsm
wizard-browse-workbooks = Choose workbooks to back up
wizard-no-such-file = { $path } does not exist or is not a file. Check the path.
wizard-need-workbook = Choose at least one workbook.
wizard-folder-title = Where should the backups go?
wizard-folder-help = Best is a place that survives this PC: a USB disk, or a cloud-drive folder. Places found on this computer:
wizard-folder-placeholder = Backup folder, e.g. E:\Backups
wizard-browse-folder = Choose the backup folder
wizard-folder-chosen = Backups go to: { $folder }
wizard-same-disk = This folder is on the same disk as the workbook. It protects against a damaged file, not against a failed or stolen disk: add a USB disk or cloud folder later as a second copy.
wizard-need-folder = Choose a backup folder.
wizard-second-title = A second copy, away from this computer
wizard-second-help = The backup folder above protects against a damaged workbook. A copy on a USB disk or in a cloud-drive folder also survives a dead PC, a theft or ransomware. Places found on this computer:
wizard-second-chosen = Second copies go to: { $folder }
wizard-second-on-plug = Copy whenever this disk is plugged in (otherwise every day at 18:00)
wizard-second-skip = Skip for now
wizard-second-need = Choose a place for the second copy, or click "Skip for now".
wizard-second-same = The second copy must go somewhere else than the backup folder: choose a USB disk or a cloud-drive folder.
wizard-not-a-spreadsheet = { $path } does not look like a spreadsheet (it holds no Excel or OpenDocument workbook). Choose the workbook itself, or add this file anyway if it is meant.
wizard-add-anyway = Add it anyway
wizard-no-places = No USB disk or cloud-drive folder was found. Type a folder, or choose one with “Browse…”.
wizard-folder-missing = The folder { $folder } does not exist yet. Create it, or choose another folder.
wizard-folder-inside = The folder { $folder } is inside { $workbooks }, where your workbook is: deleting, moving or syncing that folder would take the backups with it. Choose a folder elsewhere, or click "Use this folder anyway".
wizard-folder-inside-anyway = Use this folder anyway
wizard-create-folder = Create this folder
wizard-consent-key = or press { $keys }
wizard-folder-not-created = The folder { $folder } could not be created: { $reason }. Choose another folder.
wizard-folder-not-writable = Sheetsafe cannot write in { $folder }: { $reason }. Choose another folder, or connect the disk again.
io-permission-denied = you do not have permission there
io-read-only = the disk is read-only
io-disk-full = the disk is full
io-not-found = it is not there (perhaps the disk was unplugged)
io-other = the system refused (the log has the details)
watch-too-many = the system's limit on watched folders is reached
failure-open = Could not open { $file }: { $reason }.
wizard-options-title = A few choices
wizard-name-label = Name of this backup profile (it becomes the folder name)
wizard-name-placeholder = e.g. Sales
wizard-on-close = Back up every time the workbook is closed
wizard-start-at-login = Start Sheetsafe when I log in
wizard-keep-summary = Sheetsafe keeps the last { $last } versions, one a day for { $daily } days, one a week for { $weekly } weeks and one a month for { $monthly } months. You can change this later.
wizard-test-title = First backup
wizard-test-running = Making the first backup and reading it back…
wizard-test-passed = The first backup is made and verified:
wizard-test-next = From now on, every time you close the workbook a new verified copy appears here.
wizard-test-failed = The first backup failed.
wizard-test-fix = Fix the problem above (for example connect the disk or choose another folder with Back), then try again.
wizard-try-again = Try again
wizard-finish = Finish

overview-title = Your backups
overview-loading = Reading the backups…
overview-never = No backup yet
overview-last-backup = Last backup { $ago }
overview-verified = verified
overview-not-verified = not verified yet
overview-back-up-now = Back up now
overview-verify = Verify
overview-open-folder = Open backup folder
overview-history = History
overview-edit = Edit
overview-add-profile = Add profile
overview-settings = Settings
overview-backup-ok = { $count ->
    [0] Backed up: nothing had changed.
    [one] Backed up: 1 new verified version.
   *[other] Backed up: { $count } new verified versions.
}
overview-verify-ok = { $count ->
    [one] Verified: 1 version is intact.
   *[other] Verified: all { $count } versions are intact.
}

profile-new-title = New backup profile
profile-edit-title = Edit backup profile
profile-name = Name
profile-workbooks = Workbooks
profile-folder = Backup folder
profile-settle = Seconds to wait after closing before copying
profile-keep-last = Keep last
profile-keep-daily = Daily
profile-keep-weekly = Weekly
profile-keep-monthly = Monthly
profile-not-a-number = “{ $field }” must be a whole number.
profile-comments-note = Saving rewrites the settings file; comments written in it by hand are not kept (the previous file is kept as .bak).
profile-duplicate = Duplicate
profile-delete = Delete
profile-delete-confirm = Delete the profile “{ $name }”? Its backups in { $folder } stay on disk; delete that folder yourself if you no longer need them.
profile-delete-yes = Yes, delete the profile

history-title = History of { $profile }
history-workbook = Workbook:
history-empty = No versions yet.
history-open = Open this version
history-restore = Restore…
history-save-as = Save as…
history-restore-confirm = Replace { $workbook } with the version of { $time }? The workbook as it is now is first saved as a new version, so this can be undone.
history-restore-yes = Yes, restore
history-restored = Restored to { $path }; its bytes match the backup.
history-verified = verified { $ago }
history-never-verified = never verified
history-newest = newest
history-last-healthy = last healthy

health-healthy = healthy
health-damaged = DAMAGED
health-encrypted = encrypted
health-unchecked = not checked
health-irregular = healthy (irregular file)
health-not-checked = could not be checked

trigger-manual = backed up by hand
trigger-close = on close
trigger-idle = after changes
trigger-startup = at start
trigger-restore-safety = before a restore
trigger-schedule = scheduled
trigger-adopted = found in folder
trigger-saved-while-open = saved while open
trigger-after-crash = after the program stopped

settings-title = Settings
settings-language = Language

bad-config-title = The settings cannot be read
bad-config-help = Open the folder, fix { $file } in a text editor (or move it away to start again), then press Reload.
bad-config-open-folder = Open its folder
bad-config-reload = Reload

notify-backup-failed = Sheetsafe: a backup failed
notify-verify-failed = Sheetsafe: a backup is damaged
notify-first-backup = Sheetsafe is protecting your workbook
notify-first-backup-body = The first backup of “{ $profile }” is made and verified.
progress-line = { $file }: { $percent } % ({ $done } of { $total })
overview-copy-now = Copy now
overview-copy-ok = { $count ->
    [one] 1 version copied to { $destination } and read back.
   *[other] { $count } versions copied to { $destination } and read back.
}
copy-never = nothing copied yet
copy-up-to-date = copied { $last }; next copy { $next }
copy-due = a copy is due (last: { $last }); it runs at the next opportunity
copy-waiting = waiting for { $folder } (last copy: { $last }); the copy runs as soon as it is there
copy-overdue = overdue (last copy: { $last })
copy-failed = the last copy failed (the reason is above)
profile-second-copies = Second copies (a USB disk, a cloud-drive folder, a share):
profile-add-destination = Add this second copy
profile-remove-destination-confirm = Stop making copies to { $destination }? The copies already in { $folder } stay there; Sheetsafe no longer adds to them, checks them or repairs from them.
profile-remove-destination-yes = Yes, stop copying there
profile-is-private = This profile is private: its backups are encrypted, and only its passphrase or recovery sheet opens them.
profile-not-private = This profile is not encrypted. To keep backups private, add a new private profile (its folder must be new).
profile-making-keys = Making the keys and the encrypted backup folder…
profile-duplicate-private = A private profile cannot be duplicated: its keys belong to its own folder. Add a new private profile instead.
wizard-second-need-editor = Choose a folder for the second copy first.
overview-add-second-copy = Add a second copy
close-no-tray-question = This desktop shows no tray icon, so a closed window cannot be reopened from there. Keep Sheetsafe running in the background (backups on close go on; start Sheetsafe again to see this window), or quit it (nothing is backed up on close until it runs again)?
close-keep-running = Keep running in the background
close-quit = Quit Sheetsafe
dialog-unavailable = No file chooser opened (this desktop has none): type the path in the box instead.
contents-rows = { $count ->
    [one] 1 row
   *[other] { $count } rows
}
contents-hidden = { $sheet } (hidden)
contents-macros = macros
contents-encrypted = encrypted: contents not readable
contents-damaged = damaged: contents not read
contents-no-sheets = no sheets to read
contents-reader-failed = could not read the sheets
contents-too-large = too large to read the sheets
contents-timed-out = reading the sheets took too long
contents-unknown = contents unknown
overview-verify-cancelled = { $count ->
    [one] Check cancelled: 1 version was read and is intact; the others were not checked this time. Nothing was changed.
   *[other] Check cancelled: { $count } versions were read and are intact; the others were not checked this time. Nothing was changed.
}
overview-copy-cancelled = Copy cancelled. The versions copied before are complete and read back; the rest follow at the next copy.
wizard-test-cancelled = The test was cancelled. Nothing half-written was kept; press “Try again” to run it.
progress-left = { $line }, about { $left } left
duration-seconds = { $count ->
    [one] 1 second
   *[other] { $count } seconds
}
duration-minutes = { $count ->
    [one] 1 minute
   *[other] { $count } minutes
}
history-restoring = Restoring…
history-restore-cancelled = Restore cancelled: nothing was written, and the workbook is as it was.
overview-dismiss = Dismiss
overview-dismissed = { $count ->
    [one] 1 finding was dismissed (recorded in dismissed.toml in the data folder); it no longer sets the colour.
   *[other] { $count } findings were dismissed (recorded in dismissed.toml in the data folder); they no longer set the colour.
}
overview-accept-change = The change was intended
overview-restore-kept = Restore the version of { $time }…
hero-ok = Every workbook has a verified backup, and a copy is kept off this computer's disk.
hero-attention = Your workbooks are backed up, but something below needs a look.
hero-failed = A backup failed or a copy is damaged: below it says which and what to do.
hero-last-verified = Last verified copy: { $ago }.
hero-never-verified = No copy has been verified yet.
change-rows = { $sheet }: { $before } → { $after } rows
change-sheet-added = sheet { $sheet } added
change-sheet-removed = sheet { $sheet } removed
change-same-rows = same sheets and rows as the version before
notify-data-vanished = Sheetsafe: data vanished from a workbook
notify-mass-loss = Sheetsafe: many workbooks lost their data at once
history-locked = The backups of “{ $profile }” are encrypted. Type the passphrase to see them and restore one (or use the recovery sheet with the command line).
history-passphrase = Passphrase
history-unlock = Open
history-wrong-passphrase = That passphrase does not open these backups. Type it again (letters and spaces count), or use the recovery sheet.
wizard-private = Keep this backup private (encrypted)
wizard-private-explain = Whoever holds the backup disk, the cloud folder or the company server sees only how many backups there are and whether they are intact, never your workbooks. Backups run on their own; restoring one needs this passphrase or the recovery sheet of the next step. The profile's name is its folder's name and stays visible: choose one that tells nothing private.
wizard-private-passphrase = Passphrase (several words are easiest to remember)
wizard-private-again = The same passphrase again
wizard-private-company-key = Company recovery key (age1…, optional: from whoever looks after your company's computers)
wizard-private-strength-short = Too short
wizard-private-strength-fair = Fair: a few more words make it strong
wizard-private-strength-strong = Strong
wizard-private-honest = If you forget the passphrase and lose the recovery sheet (and there is no company key), nobody can open these backups: not you, not your company, not Sheetsafe.
wizard-private-too-short = The passphrase needs at least { $count } characters.
wizard-private-differ = The two passphrases differ. Type them again.
wizard-private-bad-key = The company recovery key is not an age key (it starts with age1). Paste it as you received it, or leave the field empty.
wizard-private-sheet-title = Your recovery sheet
wizard-private-sheet-explain = The recovery sheet opens these backups without the passphrase. Save it where you will find it, then print it or copy it to a USB stick and keep it away from this computer.
wizard-private-sheet-path = File for the recovery sheet
wizard-private-sheet-file = Sheetsafe recovery sheet.txt
wizard-private-save-sheet = Save the recovery sheet
wizard-private-sheet-saved = Saved to { $path } (key fingerprint { $fingerprint }).
wizard-private-check = To be sure you have it: open the sheet and type the four characters that follow AGE-SECRET-KEY-1 on its last line.
wizard-private-check-first = Save the recovery sheet and type its four characters first.
wizard-private-sheet-exists = { $path } already exists and was left untouched. Choose another file name.
wizard-private-sheet-failed = The recovery sheet could not be written to { $path }. Choose a folder you can write to.
history-compare = Compare with previous
history-comparing = Comparing with the version before…
history-compare-close = Close the comparison
diff-title = What changed since the version of { $time }:
diff-none = No sheet changed.
diff-sheet-added = { $sheet }: sheet added ({ $rows })
diff-sheet-removed = { $sheet }: sheet removed ({ $rows })
diff-sheet-renamed = { $sheet }: renamed from { $from }, content unchanged
diff-sheet-unreadable = { $sheet }: could not be read in one of the versions
diff-sheet-unchanged = { $sheet }: unchanged ({ $rows })
diff-sheet-changed = { $sheet }: { $changes }
diff-rows-added = { $count ->
    [one] 1 row added
   *[other] { $count } rows added
}
diff-rows-removed = { $count ->
    [one] 1 row removed
   *[other] { $count } rows removed
}
diff-cells-changed = { $count ->
    [one] 1 cell changed
   *[other] { $count } cells changed
}
diff-cell = { $cell }: { $old } → { $new }
diff-empty = (empty)
autostart-error-no-program = Sheetsafe could not find its own program file, so it cannot start at login. Reinstall Sheetsafe, then try again.
autostart-error-path-not-unicode = The Sheetsafe program is in a folder whose name a start-at-login entry cannot hold ({ $file }). Move it to a folder with a plain name.
autostart-error-unavailable = Start at login is not available on this system (the details are in the log).
autostart-error-turn-on = Could not turn on start at login: { $place } could not be written ({ $reason }). Check that the folder exists and can be written to.
autostart-error-turn-off = Could not turn off start at login: { $place } could not be removed ({ $reason }). Remove it by hand.
autostart-error-read = Could not tell whether Sheetsafe starts at login: { $place } could not be read ({ $reason }).
