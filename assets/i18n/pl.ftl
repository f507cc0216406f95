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
alarm-lost-sheet = { $workbook }: arkusz „{ $sheet }” ({ $before } wierszy) zniknął w wersji z { $when }.
alarm-lost-rows = { $workbook }: { $lost } z { $before } wierszy arkusza „{ $sheet }” zniknęło w wersji z { $when }.
alarm-lost-cells = { $workbook }: { $lost } z { $before } wypełnionych komórek arkusza „{ $sheet }” zniknęło w wersji z { $when }.
alarm-pinned = Wersja z { $kept } nadal je zawiera i jest zachowana, dopóki nie potwierdzisz, że zmiana była zamierzona. Przywróć ją poleceniem: sheetsafe restore "{ $profile }" --workbook "{ $workbook }" --version "{ $file }" --to KOPIA; albo zaakceptuj zmianę: sheetsafe accept-change "{ $profile }" --workbook "{ $workbook }"
alarm-kept = Wersja z { $kept } nadal je zawiera i jest zachowana, dopóki nie potwierdzisz, że zmiana była zamierzona: przywróć ją przyciskiem obok albo kliknij „Zmiana była zamierzona”.
finding-sheet-unreadable = Sheetsafe nie może odczytać arkusza „{ $sheet }” skoroszytu { $workbook } (wersja { $file }): { $detail }. Sama kopia jest sprawdzona; to ograniczenie czytnika Sheetsafe, a nie uszkodzenie.
finding-workbook-unreadable = Sheetsafe nie może odczytać arkuszy skoroszytu { $workbook } (wersja { $file }): { $detail }. Sama kopia jest sprawdzona; to ograniczenie czytnika Sheetsafe, a nie uszkodzenie.
finding-timed-out = odczyt trwał zbyt długo
