# Problemy zgłaszane przez stan, tak jak pokazuje je aplikacja (src/problem.rs wybiera
# identyfikator i argumenty).

problem-agent-not-running = Sheetsafe nie obserwuje Twoich skoroszytów, więc zamknięcie skoroszytu nie tworzy kopii. Pozostaw aplikację Sheetsafe uruchomioną (włącz „Uruchamiaj Sheetsafe po zalogowaniu” w Ustawieniach).
problem-config-invalid = Nie można odczytać pliku ustawień: { $reason } Kopie są nadal tworzone według poprzednich ustawień.
problem-folder-not-watched = Nie można obserwować folderu { $folder } ({ $reason }); zamknięcie skoroszytu w nim nie zostanie zauważone, dopóki folder nie wróci.
problem-catalog-unreadable = { $reason }
problem-workbook-missing = Nie znaleziono skoroszytu { $workbook }. Jeśli został przeniesiony lub zmienił nazwę, popraw profil; jeśli jego dysk jest odłączony, podłącz go.
problem-no-backup-yet = { $workbook } nie ma jeszcze kopii. Kliknij „Utwórz kopię teraz”.
problem-no-copy-off-disk = Wszystkie kopie { $profile } są na tym samym dysku co skoroszyty ({ $folder }): awaria, kradzież lub zaszyfrowanie dysku zabierze skoroszyty razem z kopiami. Dodaj drugą kopię na dysku USB lub w folderze w chmurze: kliknij „Dodaj drugą kopię”.
problem-changed-no-agent = { $workbook } zapisano o { $since } i ten zapis nie ma kopii. Kliknij „Utwórz kopię teraz” i pozostaw aplikację Sheetsafe uruchomioną.
problem-changed-open-since = { $workbook } ma zmiany zapisane od { $since }, które nie mają jeszcze kopii: jest otwarty od { $open }. Zamknij go, aby od razu utworzyć kopię; inaczej Sheetsafe zrobi ją, gdy przez chwilę nie będzie zapisywany.
problem-changed-open = { $workbook } ma zmiany zapisane od { $since }, które nie mają jeszcze kopii: jest nadal otwarty. Zamknij go, aby od razu utworzyć kopię.
problem-changed-failing = { $workbook } ma zmiany zapisane od { $since }, które nie mają kopii: tworzenie kopii się nie udaje (przyczyna poniżej). Sheetsafe próbuje dalej.
problem-changed-pending = { $workbook } ma zmiany zapisane od { $since }, które nie mają jeszcze kopii. Kliknij „Utwórz kopię teraz”.
problem-open-too-long = { $workbook } jest otwarty od wielu godzin ze zmianami bez kopii. Zapisz go i zamknij, aby utworzyć kopię.
problem-stale-lock = Plik blokady { $lock } pozostawił program { $application }, który już nie działa (może po awarii). Kopie są nadal tworzone; jeśli program mówi, że skoroszyt jest zablokowany, usuń ten plik.
problem-backup-failed = Nie udało się utworzyć kopii { $workbook }: { $reason }
problem-damaged = Najnowsza kopia { $file } pochodzi z uszkodzonego skoroszytu. Napraw skoroszyt albo przywróć starszą wersję z Historii.
problem-not-checked = Nie można sprawdzić, czy najnowsza kopia { $file } jest uszkodzona (sama kopia jest zweryfikowana). Zaktualizuj Sheetsafe, a potem kliknij „Sprawdź”.
problem-check-found = Regularne sprawdzenie wykryło: { $finding }
problem-not-repaired = { $reason }
problem-copy-overdue-away = Druga kopia { $destination } jest zaległa, bo { $folder } jest niedostępny. Podłącz dysk lub połącz ponownie udział; kopiowanie zacznie się samo.
problem-copy-overdue = Druga kopia { $destination } jest zaległa. Pozostaw aplikację Sheetsafe uruchomioną; kopiowanie zacznie się samo, gdy nadejdzie termin.
problem-copy-failed = Druga kopia { $destination } nie powiodła się: { $reason }
problem-unknown = Nowsza wersja Sheetsafe zgłosiła problem, którego ta wersja nie umie opisać. Zaktualizuj Sheetsafe, aby go zobaczyć.
problem-mass-loss = { $count ->
    [one] 1 skoroszyt stracił dane
    [few] { $count } skoroszyty straciły dane
   *[many] { $count } skoroszytów straciło dane
} jednocześnie ({ $workbooks }): tak wygląda atak ransomware. Wszystkie wcześniejsze wersje są zachowane. Odłącz ten komputer od sieci i odłącz dyski z kopiami, a potem przywróć skoroszyty na czystym komputerze. Jeśli zmiana była zamierzona, kliknij „Zmiana była zamierzona” przy alarmie każdego skoroszytu.
