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
