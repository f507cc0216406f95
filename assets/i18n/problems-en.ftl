# Problems the status reports, as the app shows them (src/problem.rs picks the id and the
# arguments). No command-line syntax here: the app's buttons are named instead.

problem-agent-not-running = Sheetsafe is not watching your workbooks, so closing one makes no backup. Keep the Sheetsafe app running (turn on "Start Sheetsafe when I log in" in Settings).
problem-config-invalid = The settings file could not be read: { $reason } Backups continue with the previous settings.
problem-folder-not-watched = The folder { $folder } cannot be watched ({ $reason }); closing a workbook there is not noticed until it is back.
problem-catalog-unreadable = { $reason }
problem-workbook-missing = The workbook { $workbook } cannot be found. If it was moved or renamed, edit the profile; if its drive is unplugged, connect it.
problem-no-backup-yet = { $workbook } has no backup yet. Click "Back up now".
problem-no-copy-off-disk = Every copy of { $profile } is on the same disk as its workbooks ({ $folder }): a failed, stolen or encrypted disk takes the workbooks and their backups together. Add a second copy on a USB disk or in a cloud-drive folder: click "Add a second copy".
problem-first-copy-not-made = No copy of { $profile } has left this disk yet: its second copy { $destination } in { $folder } has not been made. Plug in the disk or reconnect the share and it is made at once, or click "Copy now".
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
problem-not-repaired = { $reason }
problem-copy-overdue-away = The second copy { $destination } is overdue because { $folder } is not there. Plug in the drive or reconnect the share; the copy starts by itself.
problem-copy-overdue = The second copy { $destination } is overdue. Keep the Sheetsafe app running; the copy starts by itself when it is due.
problem-copy-failed = The second copy { $destination } failed: { $reason }
problem-unknown = A newer Sheetsafe reported a problem this version cannot describe. Update Sheetsafe to see it.
problem-mass-loss = { $count } workbooks lost their data at once ({ $workbooks }): this is how ransomware looks. Every earlier version is kept. Disconnect this computer from the network and unplug the backup disks, then restore the workbooks on a clean computer. If the change was intended, say so with “The change was intended” beside each workbook's alarm.
finding-unreachable = The backup folder { $folder } cannot be read. Connect its drive or share, or check that it still exists.
finding-catalog-damaged = The list of versions in { $folder } (catalog.toml) is damaged, so nothing there could be checked. Put back catalog.toml from a second copy before making changes there.
finding-newer-format = The backups in { $folder } were written by a newer Sheetsafe; nothing there was checked or changed. Update Sheetsafe.
finding-catalog-lost = The list of versions in { $folder } is missing or empty, although the folder holds { $count } version files. The next backup lists them again in the order of their names.
finding-rejected = The list of versions in { $folder } names “{ $file }”, which is not a backup file of this folder; it is ignored and nothing was read or changed through it. Check who changed the backup folder.
finding-duplicate = The list of versions names { $file } { $count } times (two copies of the list were probably merged by a sync program). Nothing needs doing.
finding-not-a-file = The version { $file } is a folder, a link or a special file, not a backup file, so it was not read. Remove it; a repair puts back the real file from a second copy if there is one.
finding-clock-set-back = The version { $file } was made after { $after } but carries an earlier time: the computer's clock was set back. Nothing is lost; check the date and time settings.
finding-missing = The version { $file } is missing from the backup folder. A second copy may still hold it; make a new backup to be safe.
finding-size-mismatch = The version { $file } has { $actual } bytes instead of { $expected }: it was changed or cut short. Do not restore it; use another version.
finding-hash-mismatch = The version { $file } no longer matches its checksum: its bytes were changed on disk. Do not restore it; use another version, and check the backup disk.
finding-unreadable-file = The version { $file } could not be read ({ $reason }). Check the backup disk.
finding-damaged = The newest version { $file } is of a workbook that was already damaged when it was copied. Repair or replace the workbook; older versions may still be sound.
finding-not-checked = The newest version { $file } could not be checked for damage, although its bytes are verified. Update Sheetsafe and check again.
finding-unlisted = The file { $file } is in the backup folder but not in the list of versions (perhaps left by an interrupted backup). The next backup takes it in if it is a version.
finding-leftover = The temporary file { $file } was left by an interrupted backup; the next backup removes it.
finding-sums-out-of-date = The checksum list { $file } is missing or out of date; the next backup rewrites it.
sealed-unreachable = The encrypted backup folder { $file } cannot be read. Connect its drive or share, or check that it still exists.
sealed-sums-missing = The checksum list { $file } is missing or empty although the folder holds encrypted backups; the next backup rewrites it.
sealed-key-missing = The key file { $file } is missing: the passphrase cannot open these backups until it is put back from a second copy (the recovery sheet still can).
sealed-not-ours = The checksum list { $file } names a file that does not belong in an encrypted backup folder; it was not checked. Check who changed the folder.
sealed-not-a-file = The encrypted backup { $file } is a folder, a link or a special file, so it was not read. Put the real file back from a second copy.
sealed-missing = The encrypted backup { $file } is missing. Put it back from a second copy of the backup folder.
sealed-damaged = The encrypted backup { $file } is damaged or was changed. Put it back from a second copy.
sealed-unreadable = The encrypted backup { $file } could not be read ({ $reason }). Check the backup disk.
sealed-leftover = The temporary file { $file } was left by an interrupted backup; the next backup removes it.
sealed-unlisted = The file { $file } is not in the checksum list (left by an interrupted backup, or put there by someone else).

# Errors of a backup folder (src/store.rs), an encrypted one (src/store/sealed.rs) and a second
# copy (src/copies.rs, src/copies/note.rs), as the app shows them.
store-unreachable = The backup folder { $folder } cannot be reached ({ $reason }). Plug in the drive or reconnect the network share, or choose another backup folder.
store-read-only = The backup folder { $folder } is read-only. Make it writable, or choose another backup folder.
store-full = The backup folder { $folder } is full. Free some space there, or keep fewer versions, and try again.
store-write = Could not write { $file }: { $reason }.
store-read = Could not read { $file }: { $reason }.
store-catalog-damaged = The list of versions { $file } is damaged at line { $line }. The version files are untouched; put back catalog.toml from a second copy.
store-newer-format = { $file } was written by a newer Sheetsafe, so it was left untouched. Update Sheetsafe to use this backup folder.
store-not-a-file = { $file } is a folder, a link or a special file, not a plain file. Sheetsafe never follows links inside a backup folder: remove it, and put the real file back from a second copy if you have one.
store-busy = The backup folder { $folder } is busy: another Sheetsafe is changing it. Try again when it has finished.
sealed-error-key-missing = The key file { $file } is missing, so the passphrase cannot open these backups. Put it back from a copy of the backup folder, or use the recovery sheet.
sealed-error-wrong-passphrase = The passphrase does not open { $file }. Type it again (capital letters count), or use the recovery sheet.
sealed-error-key-damaged = { $file } is not a Sheetsafe key file, or it is damaged. Put it back from a copy of the backup folder, or use the recovery sheet.
sealed-error-not-an-identity = { $file } holds no secret key (AGE-SECRET-KEY-1…). Choose this profile's recovery sheet.
sealed-error-not-for-this-key = The key given does not open { $file }: it belongs to another profile, or the file was replaced. Use this profile's passphrase or recovery sheet.
sealed-error-catalog-damaged = The encrypted list of versions { $file } is damaged or was changed. Nothing was written; put it back from a second copy of the backup folder.
sealed-error-catalog-missing = The encrypted list of versions { $file } is missing although the folder holds backups. Nothing was written; put it back from a second copy of the backup folder.
sealed-error-version-damaged = The encrypted backup { $file } is damaged or was changed, so it was not restored. Choose another version, or put the file back from a second copy.
sealed-error-version-swapped = The encrypted backup { $file } holds other bytes than its list records (a file was swapped), so it was not restored. Choose another version, or put the file back from a second copy.
sealed-error-device-key-missing = This computer's key for the private profile ({ $file }) is missing or does not fit, so backups cannot be recorded. Remove the profile and add it again with its passphrase.
sealed-error-kind-mismatch = { $file } holds plain backups, but the profile is private (or the other way round). Nothing was written; choose an empty folder for the profile.
sealed-error-recipients-invalid = The private profile's public keys in the settings are missing or damaged. Remove the profile and add it again with its passphrase.
copy-stop-absent = The folder { $folder } for the second copy is not there (drive unplugged or share offline). The copy runs as soon as it is back.
copy-stop-vanished = The folder { $folder } disappeared during the copy (drive unplugged or share offline). What was copied is complete; the rest follows as soon as it is back.
copy-stop-read-back = The copy { $file } read back differently from what was written, so it was thrown away. The disk may be failing: check it, or choose another place for the second copy.
copy-stop-unknown-destination = The profile { $profile } has no second copy called { $destination }. Open the profile's settings to see its second copies.
copy-stop-cancelled = The copy to { $folder } was cancelled. The versions copied before are complete; the rest follow at the next copy.
copy-stop-source-missing = The encrypted backup { $file } is missing in the main backup folder, so the second copy kept its previous state. Click "Verify" to check the profile; a second copy may still hold the file.
copy-stop-source-damaged = The encrypted backup { $file } in the main backup folder is damaged, so the second copy kept its previous state. Click "Verify" to check the profile; a second copy may still hold a good one.
copy-stop-sums-invalid = The checksum list { $file } names a file that does not belong there, so nothing was copied. Check who changed the backup folder, then make a backup, which rewrites the list.
copy-stop-sums-stale = The checksum list { $file } does not match the list of versions beside it (a backup was interrupted), so nothing was copied. The next backup rewrites both, and the copy follows it.
copy-stop-source-busy = The main backup folder { $folder } kept changing during the copy. What was copied is kept; the copy runs again at the next opportunity.
copy-stop-secret = The secret of the company storage { $destination } could not be read from { $file }. Remove the second copy and add it again with its secret.
copy-stop-secret-store = The secret of the company storage { $destination } is kept in the { $store }, which did not give it. Unlock it by logging in to the desktop, or remove the second copy and add it again with its secret.
copy-stop-no-company-storage = This Sheetsafe was installed without company storage, so the second copy { $destination } cannot be made here. Install the full Sheetsafe.
copy-note-nothing-yet = There is nothing to copy to { $destination } yet: make a first backup of { $profile }.
copy-note-source-missing = The version { $file } is missing in the main backup folder, so it was not copied. Click "Verify" to check the profile; a second copy may still hold it.
copy-note-source-unreadable = The version { $file } could not be read ({ $reason }), so it was not copied. Check the main backup disk.
copy-note-source-changed = The version { $file } in the main backup folder no longer matches its checksum, so it was not copied. Click "Verify" to check the profile; a second copy may still hold a good one.
copy-note-old-copy-not-deleted = The old copy { $file } is no longer listed but could not be deleted ({ $reason }). Delete it by hand, or the next copy tries again.
copy-note-key-not-copied = The key file { $file } in the main backup folder looks damaged, so it was not copied over the good one at { $kept }. Put it back from there, or use the recovery sheet.
diff-error-read = The version { $file } could not be read to compare it (the details are in the log). Open it to look at it, or compare other versions.
diff-error-internal = Comparing the versions failed because of an error in Sheetsafe's reader (the details are in the log); the versions themselves are untouched.
diff-error-too-large = { $file } is larger than Sheetsafe reads, so it was not compared. Open it in Excel or LibreOffice to see its contents.
backup-error-missing = The workbook { $file } cannot be found. If it is on a removable or network drive, connect it; if it was moved, edit the profile with its new place.
backup-error-unreadable = The workbook { $file } could not be read ({ $reason }). If it is open in a program that locks it, close it and back up again.
backup-error-kept-changing = The workbook { $file } kept changing while it was being copied, so no copy was kept. It is backed up once it is quiet; if this repeats, close the program that writes to it.
backup-error-read-back = The copy of { $file } read back differently from what was written, so it was thrown away. The backup disk may be failing: check it, or choose another backup folder.
backup-error-not-a-file = { $file } is not a workbook file (a folder, a device or a pipe), so it cannot be backed up. Edit the profile so it names the workbook file itself.
backup-error-cancelled = The backup of { $file } was cancelled: nothing was kept, and the earlier versions are as they were.
restore-error-no-such-version = That version is not in the backup folder. Choose one from the list.
restore-error-which-workbook = The profile { $profile } has several workbooks ({ $names }). Choose one of them.
restore-error-version-damaged = The backup { $file } is damaged (it no longer matches its checksum), so it was not restored. Choose another version; "Verify" tells the sound ones.
restore-error-target-exists = { $file } already exists and was left untouched. Choose another file name.
restore-error-workbook-open = The workbook { $file } is open in { $application } (its lock file { $lock } exists). Close it there first, then restore; if no program has it open, delete that lock file.
restore-error-version-missing = The backup { $file } is missing from the backup folder, so it was not restored. Choose another version, or click "Verify", which puts it back from a second copy if one holds it.
restore-error-not-a-file = { $file } is not a workbook file (a folder, a device or a pipe), so nothing was restored over it. Save the version as a new file instead.
restore-error-busy = Another restore into { $folder } is running. Wait for it to finish, then try again.
restore-error-write = Could not write { $file } ({ $reason }). Nothing was changed there.
restore-error-needs-key = The profile { $profile } is private: restoring needs its passphrase or recovery sheet. Open its history and type the passphrase.
restore-error-cancelled = The restore of { $file } was cancelled: nothing was written, and the workbook is as it was.
config-error-read = Could not read the settings file { $file } ({ $reason }). Check that it is there and can be read, then start Sheetsafe again.
config-error-syntax = The settings file { $file } has a mistake at line { $line }, column { $column }: { $detail }. Fix that line in a text editor, or move the file away to start again.
config-error-write = Could not save the settings file { $file } ({ $reason }). Nothing was changed; check that its folder can be written, then try again.
config-error-profile-name = The profile name { $name } { $problem ->
    [empty] is empty
    [too-long] is too long (at most 64 characters)
    [forbidden-character] holds one of < > : " / \ | ? *, which folder names cannot hold
    [control-character] holds a tab or a line break
    [dot-or-space-at-edge] starts with a dot, or ends with a dot or a space
    [surrounding-space] starts or ends with a space
   *[device-name] is a name Windows keeps for devices
}. Profile names become folder names: choose a plain name such as "Sales".
config-error-profile-name-in-file = The settings file { $file } has a profile named { $name }, and that name { $problem ->
    [empty] is empty
    [too-long] is too long (at most 64 characters)
    [forbidden-character] holds one of < > : " / \ | ? *, which folder names cannot hold
    [control-character] holds a tab or a line break
    [dot-or-space-at-edge] starts with a dot, or ends with a dot or a space
    [surrounding-space] starts or ends with a space
   *[device-name] is a name Windows keeps for devices
}. Change it to a plain name such as "Sales" in a text editor, then start Sheetsafe again.
config-error-duplicate-profile = A profile called { $name } already exists. Choose another name, or remove the old profile first.
config-error-duplicate-profile-in-file = The settings file { $file } has two profiles called { $first } and { $second }, which would share one backup folder on Windows and macOS. Rename one of them in a text editor, then start Sheetsafe again.
config-error-lock = Could not lock the settings file { $file } to change it ({ $reason }). Check that its folder can be written, then try again.
config-error-unknown-profile = There is no profile called { $name } any more (it may have been removed meanwhile). Close this screen to see the profiles there are.
config-error-no-workbook = The profile { $profile } has no workbook. Add at least one.
config-error-no-backup-folder = The profile { $profile } has no backup folder. Choose one.
config-error-not-a-workbook-file = { $file } is not a workbook file. Choose the workbook file itself.
config-error-duplicate-workbook = The profile { $profile } has two workbooks called { $name }. Versions are named after the workbook, so put the second one in a profile of its own.
config-error-backup-folder-holds-workbook = The backup folder { $folder } would hold the workbook { $workbook } itself, so Sheetsafe would back up its own backups. Choose a backup folder outside { $outside }.
config-error-destination-name = The second copy's name { $name } { $problem ->
    [empty] is empty
    [too-long] is longer than 64 characters
   *[control-character] holds a tab or a line break
}. Choose a short name such as "USB disk" or "OneDrive".
config-error-duplicate-destination = The profile { $profile } has two second copies called { $destination }. Give each one its own name.
config-error-destination-without-folder = The second copy { $destination } of the profile { $profile } has no folder. Choose one.
config-error-company-storage = The company storage { $destination } of the profile { $profile } { $problem ->
    [not-encrypted] needs a private (encrypted) profile, or whoever runs the server could read the workbooks. Make the profile private first
    [also-folder] names a folder as well as a server. Keep one of them
    [address] has no valid server address. Write it like http://server:3900/bucket-name
    [no-key] has no access key or region. Enter the access key you were given
    [device] has a computer folder Sheetsafe did not make. Remove it and add it again
    [shared-folder] uses the same folder on the server as another second copy, so each would delete the other's copies. Remove it and add it again
   *[no-secret] has no saved secret. Remove it and add it again with its secret
}.
config-error-destination-in-main-folder = The second copy { $destination } would put its copies in { $folder }, which is the main backup folder { $main } or inside it, so it would be no second copy. Choose a folder on another drive or in a cloud-drive folder.
config-error-destination-folder-shared = Two second copies of the profile { $profile } use the folder { $folder }. Each second copy needs a folder of its own.
config-error-destination-holds-workbook = The second copy { $destination } would put its copies in { $folder }, the folder of the workbook { $workbook } itself. Choose a folder on another drive or in a cloud-drive folder.
not-repaired-repair-off = { $file } in { $place ->
    [main] the main backup folder
   *[copy] the second copy { $destination }
} is damaged or missing, but automatic repair is off for that place, so it was left as it is. Check that disk; the other places are checked and repaired on their own.
not-repaired-no-intact-copy = { $file } in { $place ->
    [main] the main backup folder
   *[copy] the second copy { $destination }
} { $damage ->
    [missing] is missing
    [damaged] is damaged
   *[unreadable] cannot be read
}, and no other place holds an intact copy of it. If you need that version, choose another one in History; the next backup makes a new one.
not-repaired-failed = Could not repair { $file } in { $place ->
    [main] the main backup folder
   *[copy] the second copy { $destination }
}: { $reason }
repair-error-source-changed = The intact copy { $file } no longer matches its checksum either, so it was not used. Check that disk too.
repair-error-read-back = The repaired file { $file } read back differently from what was written. The disk may be failing: check it.
keys-error-device-key-exists = This computer already has a key for a profile named { $profile } ({ $file }). Remove that file if the profile is gone, or choose another name.
keys-error-sheet-exists = The recovery sheet { $file } already exists and was left untouched. Choose a new file name.
keys-error-write = Could not write { $file } ({ $reason }). Check that the folder exists and can be written.
keys-error-lock = Could not lock the new key with the passphrase ({ $reason }). Nothing was saved; try again.
dismiss-not-dismissable = Only a check's finding about one backup file can be dismissed.

# Company storage (an S3 server such as Garage).
s3-error-unreachable = The storage server { $server } cannot be reached. Nothing was lost: the copy runs again when it is back; check the network or ask whoever runs the server.
s3-error-busy = The storage server { $server } says it is busy or failing (HTTP { $status }). Nothing was lost: the copy runs again later; if it keeps failing, ask whoever runs the server.
s3-error-bad-address = { $address } is not the address of a storage server. Write it like http://server:3900/bucket-name.
s3-error-unknown-key = The storage server { $server } does not know the access key { $key }. Check the key, or ask whoever runs the server for a new one.
s3-error-wrong-secret = The storage server { $server } refused the secret of access key { $key }. Enter the secret again exactly as you were given it.
s3-error-clock = The storage server { $server } refused the request because this computer's clock is { $unit ->
        [unknown] wrong
        [days] { $amount } { $amount ->
                 [one] day
                *[other] days
            } { $direction ->
                 [ahead] ahead
                *[behind] behind
            }
        [hours] { $amount } { $amount ->
                 [one] hour
                *[other] hours
            } { $direction ->
                 [ahead] ahead
                *[behind] behind
            }
       *[minutes] { $amount } { $amount ->
                 [one] minute
                *[other] minutes
            } { $direction ->
                 [ahead] ahead
                *[behind] behind
            }
    }. Set the clock right (turn on automatic time) and try again.
s3-error-denied = The access key { $key } may not use the bucket { $bucket } on { $server }. Check the bucket's name, or ask whoever runs the server to allow this key on it.
s3-error-no-bucket = The bucket { $bucket } does not exist on { $server }. Check its name, or ask whoever runs the server to create it.
s3-error-quota = The bucket { $bucket } is full, so nothing more was stored. Ask whoever runs the server for more space, or keep fewer versions.
s3-error-checksum = The server refused { $object } because its bytes did not match their checksum. Nothing damaged was stored; check the profile's backups.
s3-error-not-confirmed = { $object } could not be confirmed after the upload. The copy runs again at the next opportunity; if this repeats, ask whoever runs the server to check it.
s3-error-no-object = { $object } is not in the bucket.
s3-error-refused = The server { $server } gave an answer that is not from a storage server (HTTP { $status }). Check the address, or ask whoever runs the server.
s3-error-garbled = The server { $server } gave an answer that is not from a storage server. Check that the address points at the storage port (3900 on Garage).
s3-error-local = Could not read or write { $file }: { $reason }.
s3-error-cancelled = The transfer was cancelled; what was confirmed before is kept.
