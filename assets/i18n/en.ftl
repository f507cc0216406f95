# Sheetsafe — English. Every message here must also exist in vi.ftl and pl.ftl with the same
# variables; `cargo test` checks it.

app-name = Sheetsafe
versions-count = { $count ->
    [one] 1 version
   *[other] { $count } versions
}
level-ok = All backups are verified and recent
level-attention = Something needs your attention
level-failed = A backup or a check failed
tray-open = Open Sheetsafe
tray-backup-all = Back up all now
tray-verify-all = Verify all
tray-pause = Pause for 1 hour
tray-resume = Resume backups
tray-quit = Quit
tray-last-backup = Last backup: { $when }
tray-no-backup = No backup yet
# The vanishing-data alarm and the reader's findings (status, CLI, notifications).
alarm-lost-sheet = { $workbook }: the sheet “{ $sheet }” ({ $before } rows) vanished in the version of { $when }.
alarm-lost-rows = { $workbook }: { $lost } of the { $before } rows of the sheet “{ $sheet }” vanished in the version of { $when }.
alarm-lost-cells = { $workbook }: { $lost } of the { $before } filled cells of the sheet “{ $sheet }” vanished in the version of { $when }.
alarm-pinned = The version of { $kept } still holds them and is kept until you say the change was intended. Restore it with: sheetsafe restore "{ $profile }" --workbook "{ $workbook }" --version "{ $file }" --to COPY; or accept the change with: sheetsafe accept-change "{ $profile }" --workbook "{ $workbook }"
alarm-kept = The version of { $kept } still holds them and is kept until you say the change was intended: restore it with the button beside this, or click “The change was intended”.
finding-sheet-unreadable = Sheetsafe could not read the sheet “{ $sheet }” of { $workbook } (version { $file }): { $detail }. The copy itself is verified; this is a limit of Sheetsafe's reader, not damage.
finding-workbook-unreadable = Sheetsafe could not read the sheets of { $workbook } (version { $file }): { $detail }. The copy itself is verified; this is a limit of Sheetsafe's reader, not damage.
finding-timed-out = reading it took too long
