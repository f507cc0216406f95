# Sheetsafe — polski.

app-name = Sheetsafe
versions-count = { $count ->
    [one] 1 wersja
    [few] { $count } wersje
   *[many] { $count } wersji
}
level-ok = Wszystkie kopie są sprawdzone i aktualne
level-attention = Coś wymaga Twojej uwagi
level-failed = Kopia zapasowa lub sprawdzenie nie powiodło się
tray-open = Otwórz Sheetsafe
tray-backup-all = Utwórz kopie teraz
tray-verify-all = Sprawdź wszystkie
tray-pause = Wstrzymaj na 1 godzinę
tray-resume = Wznów kopie
tray-quit = Zakończ
tray-last-backup = Ostatnia kopia: { $when }
tray-no-backup = Jeszcze nie ma kopii
