# Sheetsafe app screens — polski.

button-add = Dodaj
button-back = Wstecz
button-browse = Przeglądaj…
button-cancel = Anuluj
button-next = Dalej
button-remove = Usuń
button-save = Zapisz

time-just-now = przed chwilą
time-minutes-ago = { $count ->
    [one] minutę temu
    [few] { $count } minuty temu
   *[many] { $count } minut temu
}
time-hours-ago = { $count ->
    [one] godzinę temu
    [few] { $count } godziny temu
   *[many] { $count } godzin temu
}
time-days-ago = { $count ->
    [one] wczoraj
   *[other] { $count } dni temu
}

wizard-welcome-title = Witamy w Sheetsafe
wizard-welcome-body = Twoje skoroszyty zawierają lata sprzedaży, magazynu i księgowości. Uszkodzony plik, zepsuty komputer albo ransomware mogą zabrać je wszystkie naraz, a uratuje je tylko kopia, którą naprawdę wykonano. Sheetsafe kopiuje skoroszyt przy każdym zamknięciu, sprawdza każdą kopię bajt po bajcie i przechowuje kopie jako zwykłe pliki, które otworzysz także bez Sheetsafe. Konfiguracja zajmuje dwie minuty.
wizard-workbooks-title = Które skoroszyty chronić?
wizard-workbooks-help = Arkusze zmieniane ostatnio, z Dokumentów i Pulpitu. Zaznacz te do kopiowania albo dodaj inne.
wizard-none-found = W Dokumentach ani na Pulpicie nie znaleziono arkuszy. Dodaj swój przyciskiem Przeglądaj… albo wpisz jego ścieżkę.
wizard-path-placeholder = Ścieżka skoroszytu, np. C:\Dane\Sprzedaz.xlsm
wizard-browse-workbooks = Wybierz skoroszyty do kopiowania
wizard-no-such-file = { $path } nie istnieje albo nie jest plikiem. Sprawdź ścieżkę.
wizard-need-workbook = Wybierz co najmniej jeden skoroszyt.
wizard-folder-title = Gdzie zapisywać kopie?
wizard-folder-help = Najlepiej tam, gdzie przetrwają awarię tego komputera: na dysku USB albo w folderze dysku w chmurze. Miejsca znalezione na tym komputerze:
wizard-folder-placeholder = Folder kopii, np. E:\Kopie
wizard-browse-folder = Wybierz folder kopii
wizard-folder-chosen = Kopie trafią do: { $folder }
wizard-same-disk = Ten folder jest na tym samym dysku co skoroszyt. Chroni przed uszkodzeniem pliku, ale nie przed awarią lub kradzieżą dysku: później dodaj dysk USB albo folder w chmurze jako drugą kopię.
wizard-need-folder = Wybierz folder kopii.
wizard-second-title = Druga kopia, poza tym komputerem
wizard-second-help = Folder kopii powyżej chroni przed uszkodzonym skoroszytem. Kopia na dysku USB lub w folderze w chmurze przetrwa też awarię komputera, kradzież lub ransomware. Miejsca znalezione na tym komputerze:
wizard-second-chosen = Drugie kopie trafiają do: { $folder }
wizard-second-on-plug = Kopiuj przy każdym podłączeniu tego dysku (inaczej codziennie o 18:00)
wizard-second-skip = Pomiń na razie
wizard-second-need = Wybierz miejsce na drugą kopię albo kliknij „Pomiń na razie”.
wizard-second-same = Druga kopia musi trafić gdzie indziej niż folder kopii: wybierz dysk USB lub folder w chmurze.
wizard-not-a-spreadsheet = { $path } nie wygląda na arkusz kalkulacyjny (nie zawiera skoroszytu Excela ani OpenDocument). Wybierz właściwy skoroszyt albo dodaj ten plik mimo to, jeśli o niego chodzi.
wizard-add-anyway = Dodaj mimo to
wizard-no-places = Nie znaleziono dysku USB ani folderu w chmurze. Wpisz folder albo wybierz go przyciskiem „Przeglądaj…”.
wizard-folder-missing = Folder { $folder } jeszcze nie istnieje. Utwórz go albo wybierz inny folder.
wizard-folder-inside = Folder { $folder } leży wewnątrz { $workbooks }, gdzie jest Twój skoroszyt: usunięcie, przeniesienie albo synchronizacja tamtego folderu zabrałaby też kopie zapasowe. Wybierz folder gdzie indziej albo kliknij „Użyj tego folderu mimo to”.
wizard-folder-inside-anyway = Użyj tego folderu mimo to
wizard-create-folder = Utwórz ten folder
wizard-consent-key = lub naciśnij { $keys }
wizard-folder-not-created = Nie można utworzyć folderu { $folder }: { $reason }. Wybierz inny folder.
wizard-folder-not-writable = Sheetsafe nie może zapisywać w { $folder }: { $reason }. Wybierz inny folder albo podłącz dysk ponownie.
io-permission-denied = brak uprawnień
io-read-only = dysk jest tylko do odczytu
io-disk-full = dysk jest pełny
io-not-found = nie ma go (może dysk został odłączony)
io-other = system odmówił (szczegóły są w dzienniku)
watch-too-many = osiągnięto systemowy limit obserwowanych folderów
failure-open = Nie udało się otworzyć { $file }: { $reason }.
wizard-options-title = Kilka ustawień
wizard-name-label = Nazwa tego profilu kopii (staje się nazwą folderu)
wizard-name-placeholder = np. Sprzedaż
wizard-on-close = Twórz kopię przy każdym zamknięciu skoroszytu
wizard-start-at-login = Uruchamiaj Sheetsafe po zalogowaniu
wizard-keep-summary = Sheetsafe zachowuje ostatnie wersje (liczba: { $last }), jedną dziennie przez { $daily } dni, jedną tygodniowo przez { $weekly } tyg. i jedną miesięcznie przez { $monthly } mies. Możesz to później zmienić.
wizard-test-title = Pierwsza kopia
wizard-test-running = Tworzę pierwszą kopię i odczytuję ją do sprawdzenia…
wizard-test-passed = Pierwsza kopia jest gotowa i sprawdzona:
wizard-test-next = Od teraz po każdym zamknięciu skoroszytu pojawi się tu nowa, sprawdzona kopia.
wizard-test-failed = Pierwsza kopia nie powiodła się.
wizard-test-fix = Usuń przyczynę opisaną powyżej (np. podłącz dysk albo wybierz inny folder przyciskiem Wstecz) i spróbuj ponownie.
wizard-try-again = Spróbuj ponownie
wizard-finish = Zakończ

overview-title = Twoje kopie
overview-loading = Odczytuję kopie…
overview-never = Jeszcze nie ma kopii
overview-last-backup = Ostatnia kopia { $ago }
overview-verified = sprawdzona
overview-not-verified = jeszcze niesprawdzona
overview-back-up-now = Utwórz kopię teraz
overview-verify = Sprawdź
overview-open-folder = Otwórz folder kopii
overview-history = Historia
overview-edit = Edytuj
overview-add-profile = Dodaj profil
overview-settings = Ustawienia
overview-backup-ok = { $count ->
    [0] Kopia: nic się nie zmieniło.
    [one] Kopia: 1 nowa sprawdzona wersja.
    [few] Kopia: { $count } nowe sprawdzone wersje.
   *[many] Kopia: { $count } nowych sprawdzonych wersji.
}
overview-verify-ok = { $count ->
    [one] Sprawdzono: 1 wersja jest nienaruszona.
    [few] Sprawdzono: wszystkie { $count } wersje są nienaruszone.
   *[many] Sprawdzono: wszystkie { $count } wersji jest nienaruszonych.
}

profile-new-title = Nowy profil kopii
profile-edit-title = Edycja profilu kopii
profile-name = Nazwa
profile-workbooks = Skoroszyty
profile-folder = Folder kopii
profile-settle = Sekundy oczekiwania po zamknięciu przed kopiowaniem
profile-keep-last = Ostatnie
profile-keep-daily = Dzienne
profile-keep-weekly = Tygodniowe
profile-keep-monthly = Miesięczne
profile-not-a-number = „{ $field }” musi być liczbą całkowitą.
profile-comments-note = Zapis nadpisuje plik ustawień; komentarze wpisane w nim ręcznie nie zostaną zachowane (poprzedni plik zostaje jako .bak).
profile-duplicate = Powiel
profile-delete = Usuń
profile-delete-confirm = Usunąć profil „{ $name }”? Jego kopie w { $folder } zostaną na dysku; usuń ten folder samodzielnie, jeśli nie są już potrzebne.
profile-delete-yes = Tak, usuń profil

history-title = Historia: { $profile }
history-workbook = Skoroszyt:
history-empty = Jeszcze nie ma wersji.
history-open = Otwórz tę wersję
history-restore = Przywróć…
history-save-as = Zapisz jako…
history-restore-confirm = Zastąpić { $workbook } wersją z { $time }? Obecny skoroszyt zostanie najpierw zapisany jako nowa wersja, więc można to cofnąć.
history-restore-yes = Tak, przywróć
history-restored = Przywrócono do { $path }; zawartość zgadza się z kopią.
history-verified = sprawdzona { $ago }
history-never-verified = nigdy niesprawdzona
history-newest = najnowsza
history-last-healthy = ostatnia poprawna

health-healthy = w porządku
health-damaged = USZKODZONA
health-encrypted = zaszyfrowana
health-unchecked = niesprawdzana
health-irregular = w porządku (nietypowy plik)
health-not-checked = nie udało się sprawdzić

trigger-manual = ręcznie
trigger-close = przy zamknięciu
trigger-idle = po zmianach
trigger-startup = przy starcie
trigger-restore-safety = przed przywróceniem
trigger-schedule = według harmonogramu
trigger-adopted = znaleziona w folderze
trigger-saved-while-open = zapisany przy otwartym pliku
trigger-after-crash = po awarii programu

settings-title = Ustawienia
settings-language = Język

bad-config-title = Nie można odczytać ustawień
bad-config-help = Otwórz folder, popraw { $file } w edytorze tekstu (albo przenieś go, aby zacząć od nowa) i naciśnij Wczytaj ponownie.
bad-config-open-folder = Otwórz jego folder
bad-config-reload = Wczytaj ponownie

notify-backup-failed = Sheetsafe: kopia nie powiodła się
notify-verify-failed = Sheetsafe: kopia jest uszkodzona
notify-first-backup = Sheetsafe chroni Twój skoroszyt
notify-first-backup-body = Pierwsza kopia profilu „{ $profile }” jest gotowa i sprawdzona.
progress-line = { $file }: { $percent } % ({ $done } z { $total })
overview-copy-now = Kopiuj teraz
overview-copy-ok = { $count ->
    [one] Skopiowano 1 wersję do { $destination } i odczytano ją ponownie.
    [few] Skopiowano { $count } wersje do { $destination } i odczytano je ponownie.
   *[other] Skopiowano { $count } wersji do { $destination } i odczytano je ponownie.
}
copy-never = jeszcze nic nie skopiowano
copy-up-to-date = skopiowano { $last }; następna kopia { $next }
copy-due = kopia jest należna (ostatnia: { $last }); zostanie zrobiona przy najbliższej okazji
copy-waiting = czekam na { $folder } (ostatnia kopia: { $last }); kopia zostanie zrobiona, gdy tylko będzie dostępny
copy-overdue = zaległa (ostatnia kopia: { $last })
copy-failed = ostatnia kopia nie powiodła się (przyczyna powyżej)
profile-second-copies = Drugie kopie (dysk USB, folder w chmurze, udział sieciowy):
profile-add-destination = Dodaj tę drugą kopię
profile-remove-destination-confirm = Przestać kopiować do { $destination }? Kopie, które już są w { $folder }, zostają tam; Sheetsafe nie będzie ich uzupełniać, sprawdzać ani naprawiać z nich.
profile-remove-destination-yes = Tak, przestań tam kopiować
profile-is-private = Ten profil jest prywatny: jego kopie są zaszyfrowane i otwiera je tylko jego hasło lub arkusz odzyskiwania.
profile-not-private = Ten profil nie jest szyfrowany. Aby kopie były prywatne, dodaj nowy profil prywatny (jego folder musi być nowy).
profile-making-keys = Tworzenie kluczy i zaszyfrowanego folderu kopii…
profile-duplicate-private = Profilu prywatnego nie można powielić: jego klucze należą do jego folderu. Dodaj zamiast tego nowy profil prywatny.
wizard-second-need-editor = Najpierw wybierz folder na drugą kopię.
overview-add-second-copy = Dodaj drugą kopię
close-no-tray-question = Ten pulpit nie pokazuje ikony w zasobniku, więc zamkniętego okna nie da się stamtąd otworzyć. Zostawić Sheetsafe działające w tle (kopie przy zamykaniu nadal powstają; uruchom Sheetsafe ponownie, aby zobaczyć to okno) czy zakończyć (do ponownego uruchomienia zamknięcie skoroszytu nie tworzy kopii)?
close-keep-running = Działaj w tle
close-quit = Zakończ Sheetsafe
dialog-unavailable = Nie otwarto okna wyboru pliku (ten pulpit go nie ma): wpisz ścieżkę w polu.
contents-rows = { $count ->
    [one] 1 wiersz
    [few] { $count } wiersze
   *[other] { $count } wierszy
}
contents-hidden = { $sheet } (ukryty)
contents-macros = makra
contents-encrypted = zaszyfrowany: nie można odczytać zawartości
contents-damaged = uszkodzony: zawartości nie odczytano
contents-no-sheets = brak arkuszy do odczytania
contents-reader-failed = nie można odczytać arkuszy
contents-too-large = za duży, by odczytać arkusze
contents-timed-out = odczyt arkuszy trwał za długo
contents-unknown = zawartość nieznana
overview-verify-cancelled = { $count ->
    [one] Sprawdzanie przerwane: 1 wersja została odczytana i jest nienaruszona; pozostałych tym razem nie sprawdzono. Nic nie zostało zmienione.
    [few] Sprawdzanie przerwane: { $count } wersje zostały odczytane i są nienaruszone; pozostałych tym razem nie sprawdzono. Nic nie zostało zmienione.
   *[many] Sprawdzanie przerwane: { $count } wersji zostało odczytanych i są nienaruszone; pozostałych tym razem nie sprawdzono. Nic nie zostało zmienione.
}
overview-copy-cancelled = Kopiowanie przerwane. Wersje skopiowane wcześniej są kompletne i odczytane ponownie; reszta zostanie skopiowana następnym razem.
wizard-test-cancelled = Test przerwany. Nie zachowano niczego zapisanego do połowy; naciśnij „Spróbuj ponownie”, aby go uruchomić.
progress-left = { $line }, zostało około { $left }
duration-seconds = { $count ->
    [one] 1 sekunda
    [few] { $count } sekundy
   *[many] { $count } sekund
}
duration-minutes = { $count ->
    [one] 1 minuta
    [few] { $count } minuty
   *[many] { $count } minut
}
history-restoring = Przywracanie…
history-restore-cancelled = Przywracanie przerwane: nic nie zapisano, skoroszyt jest taki jak był.
overview-dismiss = Odrzuć
overview-dismissed = { $count ->
    [one] Odrzucono 1 zgłoszenie (zapisane w dismissed.toml w folderze danych); nie wpływa już na kolor.
    [few] Odrzucono { $count } zgłoszenia (zapisane w dismissed.toml w folderze danych); nie wpływają już na kolor.
   *[many] Odrzucono { $count } zgłoszeń (zapisane w dismissed.toml w folderze danych); nie wpływają już na kolor.
}
overview-accept-change = Zmiana była zamierzona
overview-restore-kept = Przywróć wersję z { $time }…
hero-ok = Każdy skoroszyt ma sprawdzoną kopię, a jedna kopia leży poza dyskiem tego komputera.
hero-attention = Skoroszyty mają kopie, ale coś poniżej wymaga uwagi.
hero-failed = Kopia nie powiodła się albo jest uszkodzona: poniżej napisano, która i co zrobić.
hero-last-verified = Ostatnio sprawdzona kopia: { $ago }.
hero-never-verified = Żadna kopia nie została jeszcze sprawdzona.
change-rows = { $sheet }: { $before } → { $after } wierszy
change-sheet-added = dodano arkusz { $sheet }
change-sheet-removed = usunięto arkusz { $sheet }
change-same-rows = te same arkusze i wiersze co w wersji poprzedniej
notify-data-vanished = Sheetsafe: dane zniknęły ze skoroszytu
notify-mass-loss = Sheetsafe: wiele skoroszytów straciło dane jednocześnie
history-locked = Kopie profilu „{ $profile }” są zaszyfrowane. Wpisz hasło, aby je zobaczyć i przywrócić (albo użyj arkusza odzyskiwania w wierszu poleceń).
history-passphrase = Hasło
history-unlock = Otwórz
history-wrong-passphrase = To hasło nie otwiera tych kopii. Wpisz je ponownie (liczą się litery i spacje) albo użyj arkusza odzyskiwania.
wizard-private = Zachowaj tę kopię w tajemnicy (szyfrowanie)
wizard-private-explain = Kto ma dysk z kopiami, folder w chmurze lub serwer firmy, widzi tylko, ile jest kopii i czy są nienaruszone, nigdy Twoich skoroszytów. Kopie robią się same; przywrócenie wymaga tego hasła albo arkusza odzyskiwania z następnego kroku. Nazwa profilu jest nazwą jego folderu i pozostaje widoczna: wybierz taką, która nie zdradza niczego prywatnego.
wizard-private-passphrase = Hasło (kilka słów najłatwiej zapamiętać)
wizard-private-again = To samo hasło jeszcze raz
wizard-private-company-key = Firmowy klucz odzyskiwania (age1…, opcjonalnie: od osoby, która dba o komputery w firmie)
wizard-private-strength-short = Za krótkie
wizard-private-strength-fair = Średnie: kilka słów więcej i będzie mocne
wizard-private-strength-strong = Mocne
wizard-private-honest = Jeśli zapomnisz hasło i zgubisz arkusz odzyskiwania (a nie ma klucza firmowego), nikt nie otworzy tych kopii: ani Ty, ani firma, ani Sheetsafe.
wizard-private-too-short = Hasło musi mieć co najmniej { $count } znaków.
wizard-private-differ = Hasła się różnią. Wpisz je ponownie.
wizard-private-bad-key = Firmowy klucz odzyskiwania nie jest kluczem age (zaczyna się od age1). Wklej go tak, jak go otrzymałeś, albo zostaw pole puste.
wizard-private-sheet-title = Twój arkusz odzyskiwania
wizard-private-sheet-explain = Arkusz odzyskiwania otwiera te kopie bez hasła. Zapisz go tam, gdzie go znajdziesz, a potem wydrukuj albo skopiuj na pendrive i trzymaj z dala od tego komputera.
wizard-private-sheet-path = Plik arkusza odzyskiwania
wizard-private-sheet-file = Arkusz odzyskiwania Sheetsafe.txt
wizard-private-save-sheet = Zapisz arkusz odzyskiwania
wizard-private-sheet-saved = Zapisano w { $path } (odcisk klucza { $fingerprint }).
wizard-private-check = Dla pewności: otwórz arkusz i wpisz cztery znaki, które w ostatnim wierszu następują po AGE-SECRET-KEY-1.
wizard-private-check-first = Najpierw zapisz arkusz odzyskiwania i wpisz jego cztery znaki.
wizard-private-sheet-exists = { $path } już istnieje i pozostał nietknięty. Wybierz inną nazwę pliku.
wizard-private-sheet-failed = Nie udało się zapisać arkusza odzyskiwania w { $path }. Wybierz folder, do którego możesz pisać.
history-compare = Porównaj z poprzednią
history-comparing = Porównuję z poprzednią wersją…
history-compare-close = Zamknij porównanie
diff-title = Co się zmieniło od wersji z { $time }:
diff-none = Żaden arkusz się nie zmienił.
diff-sheet-added = { $sheet }: dodany arkusz ({ $rows })
diff-sheet-removed = { $sheet }: usunięty arkusz ({ $rows })
diff-sheet-renamed = { $sheet }: zmieniona nazwa z { $from }, zawartość bez zmian
diff-sheet-unreadable = { $sheet }: nie udało się odczytać w jednej z wersji
diff-sheet-unchanged = { $sheet }: bez zmian ({ $rows })
diff-sheet-changed = { $sheet }: { $changes }
diff-rows-added = { $count ->
    [one] dodano 1 wiersz
    [few] dodano { $count } wiersze
   *[other] dodano { $count } wierszy
}
diff-rows-removed = { $count ->
    [one] usunięto 1 wiersz
    [few] usunięto { $count } wiersze
   *[other] usunięto { $count } wierszy
}
diff-cells-changed = { $count ->
    [one] zmieniono 1 komórkę
    [few] zmieniono { $count } komórki
   *[other] zmieniono { $count } komórek
}
diff-cell = { $cell }: { $old } → { $new }
diff-empty = (pusta)
autostart-error-no-program = Sheetsafe nie może znaleźć własnego pliku programu, więc nie może uruchamiać się przy logowaniu. Zainstaluj Sheetsafe ponownie i spróbuj jeszcze raz.
autostart-error-path-not-unicode = Program Sheetsafe jest w folderze, którego nazwy nie da się zapisać we wpisie uruchamiania przy logowaniu ({ $file }). Przenieś go do folderu o prostej nazwie.
autostart-error-unavailable = Uruchamianie przy logowaniu nie jest dostępne w tym systemie (szczegóły są w dzienniku).
autostart-error-turn-on = Nie można włączyć uruchamiania przy logowaniu: nie można zapisać { $place } ({ $reason }). Sprawdź, czy folder istnieje i można do niego pisać.
autostart-error-turn-off = Nie można wyłączyć uruchamiania przy logowaniu: nie można usunąć { $place } ({ $reason }). Usuń go ręcznie.
autostart-error-read = Nie można sprawdzić, czy Sheetsafe uruchamia się przy logowaniu: nie można odczytać { $place } ({ $reason }).
