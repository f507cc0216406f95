# Problemy zgłaszane przez stan, tak jak pokazuje je aplikacja (src/problem.rs wybiera
# identyfikator i argumenty).

problem-agent-not-running = Sheetsafe nie obserwuje Twoich skoroszytów, więc zamknięcie skoroszytu nie tworzy kopii. Pozostaw aplikację Sheetsafe uruchomioną (włącz „Uruchamiaj Sheetsafe po zalogowaniu” w Ustawieniach).
problem-config-invalid = Nie można odczytać pliku ustawień: { $reason } Kopie są nadal tworzone według poprzednich ustawień.
problem-folder-not-watched = Nie można obserwować folderu { $folder } ({ $reason }); zamknięcie skoroszytu w nim nie zostanie zauważone, dopóki folder nie wróci.
problem-catalog-unreadable = { $reason }
problem-workbook-missing = Nie znaleziono skoroszytu { $workbook }. Jeśli został przeniesiony lub zmienił nazwę, popraw profil; jeśli jego dysk jest odłączony, podłącz go.
problem-no-backup-yet = { $workbook } nie ma jeszcze kopii. Kliknij „Utwórz kopię teraz”.
problem-no-copy-off-disk = Wszystkie kopie { $profile } są na tym samym dysku co skoroszyty ({ $folder }): awaria, kradzież lub zaszyfrowanie dysku zabierze skoroszyty razem z kopiami. Dodaj drugą kopię na dysku USB lub w folderze w chmurze: kliknij „Dodaj drugą kopię”.
problem-first-copy-not-made = Żadna kopia { $profile } nie opuściła jeszcze tego dysku: druga kopia { $destination } w { $folder } nie została jeszcze utworzona. Podłącz dysk lub połącz ponownie udział, a zostanie utworzona od razu, albo kliknij „Kopiuj teraz”.
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
finding-unreachable = Nie można odczytać folderu kopii { $folder }. Podłącz dysk lub udział sieciowy albo sprawdź, czy folder nadal istnieje.
finding-catalog-damaged = Lista wersji w { $folder } (catalog.toml) jest uszkodzona, więc niczego tam nie sprawdzono. Zanim coś tam zmienisz, przywróć catalog.toml z drugiej kopii.
finding-newer-format = Kopie w { $folder } zapisała nowsza wersja Sheetsafe; niczego tam nie sprawdzono ani nie zmieniono. Zaktualizuj Sheetsafe.
finding-catalog-lost = Lista wersji w { $folder } zniknęła lub jest pusta, choć folder zawiera { $count } plików wersji. Następna kopia odtworzy listę w kolejności nazw.
finding-rejected = Lista wersji w { $folder } wymienia „{ $file }”, który nie jest plikiem kopii tego folderu; wpis jest pomijany i nic przez niego nie odczytano ani nie zmieniono. Sprawdź, kto zmienił folder kopii.
finding-duplicate = Lista wersji wymienia { $file } { $count } razy (program synchronizujący prawdopodobnie połączył dwie kopie listy). Nic nie trzeba robić.
finding-not-a-file = Wersja { $file } jest folderem, dowiązaniem lub plikiem specjalnym, a nie plikiem kopii, więc jej nie odczytano. Usuń ją; naprawa przywróci prawdziwy plik z drugiej kopii, jeśli taka jest.
finding-clock-set-back = Wersja { $file } powstała po { $after }, ale ma wcześniejszy czas: zegar komputera cofnięto. Nic nie zginęło; sprawdź ustawienia daty i godziny.
finding-missing = W folderze kopii brakuje wersji { $file }. Druga kopia może ją nadal zawierać; na wszelki wypadek zrób nową kopię.
finding-size-mismatch = Wersja { $file } ma { $actual } bajtów zamiast { $expected }: została zmieniona lub ucięta. Nie przywracaj jej; użyj innej wersji.
finding-hash-mismatch = Wersja { $file } nie zgadza się już ze swoją sumą kontrolną: jej zawartość zmieniła się na dysku. Nie przywracaj jej; użyj innej wersji i sprawdź dysk z kopiami.
finding-unreadable-file = Nie udało się odczytać wersji { $file } ({ $reason }). Sprawdź dysk z kopiami.
finding-damaged = Najnowsza wersja { $file } pochodzi ze skoroszytu, który był już uszkodzony podczas kopiowania. Napraw lub zastąp skoroszyt; starsze wersje mogą być w porządku.
finding-not-checked = Nie udało się sprawdzić, czy najnowsza wersja { $file } jest uszkodzona, choć jej zawartość jest zweryfikowana. Zaktualizuj Sheetsafe i sprawdź ponownie.
finding-unlisted = Plik { $file } jest w folderze kopii, ale nie ma go na liście wersji (być może został po przerwanej kopii). Następna kopia przyjmie go, jeśli jest wersją.
finding-leftover = Plik tymczasowy { $file } został po przerwanej kopii; następna kopia go usunie.
finding-sums-out-of-date = Lista sum kontrolnych { $file } nie istnieje lub jest nieaktualna; następna kopia zapisze ją od nowa.
sealed-unreachable = Nie można odczytać zaszyfrowanego folderu kopii { $file }. Podłącz dysk lub udział sieciowy albo sprawdź, czy folder nadal istnieje.
sealed-sums-missing = Lista sum kontrolnych { $file } nie istnieje lub jest pusta, choć folder zawiera zaszyfrowane kopie; następna kopia zapisze ją od nowa.
sealed-key-missing = Brakuje pliku klucza { $file }: hasło nie otworzy tych kopii, dopóki plik nie zostanie przywrócony z drugiej kopii (arkusz odzyskiwania nadal je otworzy).
sealed-not-ours = Lista sum kontrolnych { $file } wymienia plik, który nie należy do zaszyfrowanego folderu kopii; nie sprawdzono go. Sprawdź, kto zmienił folder.
sealed-not-a-file = Zaszyfrowana kopia { $file } jest folderem, dowiązaniem lub plikiem specjalnym, więc jej nie odczytano. Przywróć prawdziwy plik z drugiej kopii.
sealed-missing = Brakuje zaszyfrowanej kopii { $file }. Przywróć ją z drugiej kopii folderu kopii.
sealed-damaged = Zaszyfrowana kopia { $file } jest uszkodzona lub została zmieniona. Przywróć ją z drugiej kopii.
sealed-unreadable = Nie udało się odczytać zaszyfrowanej kopii { $file } ({ $reason }). Sprawdź dysk z kopiami.
sealed-leftover = Plik tymczasowy { $file } został po przerwanej kopii; następna kopia go usunie.
sealed-unlisted = Pliku { $file } nie ma na liście sum kontrolnych (został po przerwanej kopii albo ktoś go tam umieścił).

# Błędy folderu kopii, folderu zaszyfrowanego i drugiej kopii, tak jak pokazuje je aplikacja.
store-unreachable = Nie można dostać się do folderu kopii { $folder } ({ $reason }). Podłącz dysk lub ponownie połącz udział sieciowy albo wybierz inny folder kopii.
store-read-only = Folder kopii { $folder } jest tylko do odczytu. Zezwól na zapis albo wybierz inny folder kopii.
store-full = Folder kopii { $folder } jest pełny. Zwolnij tam miejsce albo przechowuj mniej wersji i spróbuj ponownie.
store-write = Nie można zapisać { $file }: { $reason }.
store-read = Nie można odczytać { $file }: { $reason }.
store-catalog-damaged = Lista wersji { $file } jest uszkodzona w wierszu { $line }. Pliki wersji są nienaruszone; przywróć catalog.toml z drugiej kopii.
store-newer-format = { $file } zapisała nowsza wersja Sheetsafe, więc pozostał nietknięty. Zaktualizuj Sheetsafe, aby używać tego folderu kopii.
store-not-a-file = { $file } to folder, dowiązanie lub plik specjalny, a nie zwykły plik. Sheetsafe nigdy nie podąża za dowiązaniami w folderze kopii: usuń go i przywróć prawdziwy plik z drugiej kopii, jeśli ją masz.
store-busy = Folder kopii { $folder } jest zajęty: zmienia go inny Sheetsafe. Spróbuj ponownie, gdy skończy.
sealed-error-key-missing = Brakuje pliku klucza { $file }, więc hasło nie otworzy tych kopii. Przywróć go z kopii folderu kopii albo użyj arkusza odzyskiwania.
sealed-error-wrong-passphrase = Hasło nie otwiera { $file }. Wpisz je ponownie (wielkość liter ma znaczenie) albo użyj arkusza odzyskiwania.
sealed-error-key-damaged = { $file } nie jest plikiem klucza Sheetsafe albo jest uszkodzony. Przywróć go z kopii folderu kopii albo użyj arkusza odzyskiwania.
sealed-error-not-an-identity = { $file } nie zawiera klucza tajnego (AGE-SECRET-KEY-1…). Wybierz arkusz odzyskiwania tego profilu.
sealed-error-not-for-this-key = Podany klucz nie otwiera { $file }: należy do innego profilu albo plik został podmieniony. Użyj hasła lub arkusza odzyskiwania tego profilu.
sealed-error-catalog-damaged = Zaszyfrowana lista wersji { $file } jest uszkodzona lub została zmieniona. Nic nie zapisano; przywróć ją z drugiej kopii folderu kopii.
sealed-error-catalog-missing = Brakuje zaszyfrowanej listy wersji { $file }, choć folder zawiera kopie. Nic nie zapisano; przywróć ją z drugiej kopii folderu kopii.
sealed-error-version-damaged = Zaszyfrowana kopia { $file } jest uszkodzona lub została zmieniona, więc jej nie przywrócono. Wybierz inną wersję albo przywróć plik z drugiej kopii.
sealed-error-version-swapped = Zaszyfrowana kopia { $file } zawiera inne dane, niż zapisano na liście (plik podmieniono), więc jej nie przywrócono. Wybierz inną wersję albo przywróć plik z drugiej kopii.
sealed-error-device-key-missing = Klucza tego komputera dla prywatnego profilu ({ $file }) brakuje albo nie pasuje, więc nie można zapisywać kopii. Usuń profil i dodaj go ponownie z jego hasłem.
sealed-error-kind-mismatch = { $file } zawiera zwykłe kopie, a profil jest prywatny (lub odwrotnie). Nic nie zapisano; wybierz pusty folder dla profilu.
sealed-error-recipients-invalid = Brakuje kluczy publicznych prywatnego profilu w ustawieniach albo są uszkodzone. Usuń profil i dodaj go ponownie z jego hasłem.
copy-stop-absent = Nie ma folderu { $folder } na drugą kopię (dysk odłączony lub udział sieciowy niedostępny). Kopia zostanie zrobiona, gdy tylko wróci.
copy-stop-vanished = Folder { $folder } zniknął w trakcie kopiowania (dysk odłączony lub udział sieciowy niedostępny). To, co skopiowano, jest kompletne; reszta zostanie skopiowana, gdy tylko wróci.
copy-stop-read-back = Kopia { $file } odczytana ponownie różniła się od zapisanej, więc ją odrzucono. Dysk może się psuć: sprawdź go albo wybierz inne miejsce na drugą kopię.
copy-stop-unknown-destination = Profil { $profile } nie ma drugiej kopii o nazwie { $destination }. Otwórz ustawienia profilu, aby zobaczyć jego drugie kopie.
copy-stop-cancelled = Kopiowanie do { $folder } zostało anulowane. Wersje skopiowane wcześniej są kompletne; reszta zostanie skopiowana następnym razem.
copy-stop-source-missing = Brakuje zaszyfrowanej kopii { $file } w głównym folderze kopii, więc druga kopia pozostała bez zmian. Kliknij „Sprawdź”, aby sprawdzić profil; druga kopia może nadal mieć ten plik.
copy-stop-source-damaged = Zaszyfrowana kopia { $file } w głównym folderze kopii jest uszkodzona, więc druga kopia pozostała bez zmian. Kliknij „Sprawdź”, aby sprawdzić profil; druga kopia może nadal mieć dobrą wersję.
copy-stop-sums-invalid = Lista sum kontrolnych { $file } wymienia plik, który do niej nie należy, więc nic nie skopiowano. Sprawdź, kto zmienił folder kopii, a potem zrób kopię, która zapisze listę na nowo.
copy-stop-sums-stale = Lista sum kontrolnych { $file } nie pasuje do listy wersji obok (kopia została przerwana), więc nic nie skopiowano. Następna kopia zapisze obie na nowo, a kopiowanie pójdzie za nią.
copy-stop-source-busy = Główny folder kopii { $folder } zmieniał się w trakcie kopiowania. To, co skopiowano, zostaje; kopiowanie ruszy ponownie przy najbliższej okazji.
copy-stop-secret = Nie można odczytać hasła magazynu firmy { $destination } z { $file }. Usuń tę drugą kopię i dodaj ją ponownie z hasłem.
copy-stop-secret-store = Hasło magazynu firmy { $destination } jest przechowywane w { $store }, który go nie wydał. Odblokuj go, logując się na pulpit, albo usuń tę drugą kopię i dodaj ją ponownie z hasłem.
copy-stop-no-company-storage = Ten Sheetsafe zainstalowano bez magazynu firmy, więc drugiej kopii { $destination } nie da się tu zrobić. Zainstaluj pełny Sheetsafe.
copy-note-nothing-yet = Nie ma jeszcze czego kopiować do { $destination }: zrób pierwszą kopię profilu { $profile }.
copy-note-source-missing = Brakuje wersji { $file } w głównym folderze kopii, więc jej nie skopiowano. Kliknij „Sprawdź”, aby sprawdzić profil; druga kopia może ją nadal mieć.
copy-note-source-unreadable = Nie udało się odczytać wersji { $file } ({ $reason }), więc jej nie skopiowano. Sprawdź główny dysk z kopiami.
copy-note-source-changed = Wersja { $file } w głównym folderze kopii nie zgadza się już ze swoją sumą kontrolną, więc jej nie skopiowano. Kliknij „Sprawdź”, aby sprawdzić profil; druga kopia może nadal mieć dobrą wersję.
copy-note-old-copy-not-deleted = Stara kopia { $file } nie jest już na liście, ale nie dało się jej usunąć ({ $reason }). Usuń ją ręcznie albo następne kopiowanie spróbuje ponownie.
copy-note-key-not-copied = Plik klucza { $file } w głównym folderze kopii wygląda na uszkodzony, więc nie nadpisano nim dobrego pliku w { $kept }. Przywróć go stamtąd albo użyj arkusza odzyskiwania.
diff-error-read = Nie udało się odczytać wersji { $file }, by ją porównać (szczegóły są w dzienniku). Otwórz ją, aby ją obejrzeć, albo porównaj inne wersje.
diff-error-internal = Porównanie wersji nie powiodło się z powodu błędu w czytniku Sheetsafe (szczegóły są w dzienniku); same wersje są nienaruszone.
diff-error-too-large = { $file } jest większy, niż Sheetsafe odczytuje, więc go nie porównano. Otwórz go w Excelu lub LibreOffice, aby zobaczyć zawartość.
backup-error-missing = Nie można znaleźć skoroszytu { $file }. Jeśli jest na dysku wymiennym lub sieciowym, podłącz go; jeśli został przeniesiony, popraw profil, podając nowe miejsce.
backup-error-unreadable = Nie udało się odczytać skoroszytu { $file } ({ $reason }). Jeśli jest otwarty w programie, który go blokuje, zamknij go i zrób kopię ponownie.
backup-error-kept-changing = Skoroszyt { $file } zmieniał się w trakcie kopiowania, więc kopii nie zachowano. Zostanie skopiowany, gdy przestanie się zmieniać; jeśli to się powtarza, zamknij program, który do niego zapisuje.
backup-error-read-back = Kopia { $file } odczytana ponownie różniła się od zapisanej, więc ją odrzucono. Dysk z kopiami może się psuć: sprawdź go albo wybierz inny folder kopii.
backup-error-not-a-file = { $file } nie jest plikiem skoroszytu (to folder, urządzenie lub potok), więc nie można go skopiować. Popraw profil tak, aby wskazywał sam plik skoroszytu.
backup-error-cancelled = Kopia { $file } została anulowana: nic nie zachowano, a wcześniejsze wersje są bez zmian.
restore-error-no-such-version = Tej wersji nie ma w folderze kopii. Wybierz jedną z listy.
restore-error-which-workbook = Profil { $profile } ma kilka skoroszytów ({ $names }). Wybierz jeden z nich.
restore-error-version-damaged = Kopia { $file } jest uszkodzona (nie zgadza się już ze swoją sumą kontrolną), więc jej nie przywrócono. Wybierz inną wersję; „Sprawdź” wskaże te dobre.
restore-error-target-exists = { $file } już istnieje i pozostał nietknięty. Wybierz inną nazwę pliku.
restore-error-workbook-open = Skoroszyt { $file } jest otwarty w { $application } (istnieje jego plik blokady { $lock }). Najpierw go tam zamknij, a potem przywróć; jeśli żaden program go nie ma otwartego, usuń ten plik blokady.
restore-error-version-missing = Brakuje kopii { $file } w folderze kopii, więc jej nie przywrócono. Wybierz inną wersję albo kliknij „Sprawdź”, co przywróci ją z drugiej kopii, jeśli ta ją ma.
restore-error-not-a-file = { $file } nie jest plikiem skoroszytu (to folder, urządzenie lub potok), więc nic nad nim nie przywrócono. Zapisz wersję jako nowy plik.
restore-error-busy = Trwa inne przywracanie do { $folder }. Poczekaj, aż się skończy, i spróbuj ponownie.
restore-error-write = Nie można zapisać { $file } ({ $reason }). Nic tam nie zmieniono.
restore-error-needs-key = Profil { $profile } jest prywatny: przywrócenie wymaga hasła lub arkusza odzyskiwania. Otwórz jego historię i wpisz hasło.
restore-error-cancelled = Przywracanie { $file } zostało anulowane: nic nie zapisano, a skoroszyt jest taki, jak był.
config-error-read = Nie można odczytać pliku ustawień { $file } ({ $reason }). Sprawdź, czy plik istnieje i da się go odczytać, a potem uruchom Sheetsafe ponownie.
config-error-syntax = Plik ustawień { $file } ma błąd w wierszu { $line }, kolumnie { $column }: { $detail }. Popraw ten wiersz w edytorze tekstu albo przenieś plik w inne miejsce, aby zacząć od nowa.
config-error-write = Nie można zapisać pliku ustawień { $file } ({ $reason }). Nic nie zostało zmienione; sprawdź, czy do jego folderu można pisać, i spróbuj ponownie.
config-error-profile-name = Nazwa profilu { $name } { $problem ->
    [empty] jest pusta
    [too-long] jest za długa (najwyżej 64 znaki)
    [forbidden-character] zawiera jeden ze znaków < > : " / \ | ? *, których nie może mieć nazwa folderu
    [control-character] zawiera tabulator lub koniec wiersza
    [dot-or-space-at-edge] zaczyna się od kropki albo kończy kropką lub spacją
    [surrounding-space] zaczyna się lub kończy spacją
   *[device-name] jest nazwą, którą Windows rezerwuje dla urządzeń
}. Nazwy profili stają się nazwami folderów: wybierz prostą nazwę, np. „Sprzedaż”.
config-error-profile-name-in-file = Plik ustawień { $file } ma profil o nazwie { $name }, a ta nazwa { $problem ->
    [empty] jest pusta
    [too-long] jest za długa (najwyżej 64 znaki)
    [forbidden-character] zawiera jeden ze znaków < > : " / \ | ? *, których nie może mieć nazwa folderu
    [control-character] zawiera tabulator lub koniec wiersza
    [dot-or-space-at-edge] zaczyna się od kropki albo kończy kropką lub spacją
    [surrounding-space] zaczyna się lub kończy spacją
   *[device-name] jest nazwą, którą Windows rezerwuje dla urządzeń
}. Zmień ją w edytorze tekstu na prostą nazwę, np. „Sprzedaż”, a potem uruchom Sheetsafe ponownie.
config-error-duplicate-profile = Profil o nazwie { $name } już istnieje. Wybierz inną nazwę albo najpierw usuń stary profil.
config-error-duplicate-profile-in-file = Plik ustawień { $file } ma dwa profile o nazwach { $first } i { $second }, które w systemach Windows i macOS dzieliłyby jeden folder kopii. Zmień nazwę jednego z nich w edytorze tekstu, a potem uruchom Sheetsafe ponownie.
config-error-lock = Nie można zablokować pliku ustawień { $file } do zmiany ({ $reason }). Sprawdź, czy do jego folderu można pisać, i spróbuj ponownie.
config-error-unknown-profile = Nie ma już profilu o nazwie { $name } (mógł zostać w międzyczasie usunięty). Zamknij ten ekran, aby zobaczyć istniejące profile.
config-error-no-workbook = Profil { $profile } nie ma żadnego skoroszytu. Dodaj co najmniej jeden.
config-error-no-backup-folder = Profil { $profile } nie ma folderu kopii. Wybierz go.
config-error-not-a-workbook-file = { $file } nie jest plikiem skoroszytu. Wybierz sam plik skoroszytu.
config-error-duplicate-workbook = Profil { $profile } ma dwa skoroszyty o nazwie { $name }. Wersje są nazywane od skoroszytu, więc przenieś drugi do osobnego profilu.
config-error-backup-folder-holds-workbook = Folder kopii { $folder } zawierałby sam skoroszyt { $workbook }, więc Sheetsafe kopiowałby własne kopie. Wybierz folder kopii poza { $outside }.
config-error-destination-name = Nazwa drugiej kopii { $name } { $problem ->
    [empty] jest pusta
    [too-long] ma więcej niż 64 znaki
   *[control-character] zawiera tabulator lub koniec wiersza
}. Wybierz krótką nazwę, np. „Dysk USB” albo „OneDrive”.
config-error-duplicate-destination = Profil { $profile } ma dwie drugie kopie o nazwie { $destination }. Nadaj każdej własną nazwę.
config-error-destination-without-folder = Druga kopia { $destination } profilu { $profile } nie ma folderu. Wybierz go.
config-error-company-storage = Magazyn firmy { $destination } profilu { $profile } { $problem ->
    [not-encrypted] wymaga profilu prywatnego (zaszyfrowanego), inaczej osoba prowadząca serwer mogłaby czytać skoroszyty. Najpierw ustaw profil jako prywatny
    [also-folder] wskazuje zarówno folder, jak i serwer. Zostaw jedno z nich
    [address] nie ma poprawnego adresu serwera. Wpisz go w postaci http://serwer:3900/nazwa-zasobnika
    [no-key] nie ma klucza dostępu ani regionu. Wpisz otrzymany klucz dostępu
    [device] ma folder komputera, którego nie utworzył Sheetsafe. Usuń go i dodaj ponownie
    [shared-folder] używa na serwerze tego samego folderu co inna druga kopia, więc każda usuwałaby kopie drugiej. Usuń go i dodaj ponownie
   *[no-secret] nie ma zapisanego hasła. Usuń go i dodaj ponownie z hasłem
}.
config-error-destination-in-main-folder = Druga kopia { $destination } zapisywałaby kopie w { $folder }, czyli w głównym folderze kopii { $main } lub w jego wnętrzu, więc nie byłaby drugą kopią. Wybierz folder na innym dysku lub w folderze dysku w chmurze.
config-error-destination-folder-shared = Dwie drugie kopie profilu { $profile } używają folderu { $folder }. Każda druga kopia potrzebuje własnego folderu.
config-error-destination-holds-workbook = Druga kopia { $destination } zapisywałaby kopie w { $folder }, czyli w folderze samego skoroszytu { $workbook }. Wybierz folder na innym dysku lub w folderze dysku w chmurze.
not-repaired-repair-off = { $file } { $place ->
    [main] w głównym folderze kopii
   *[copy] w drugiej kopii { $destination }
} jest uszkodzony lub go brakuje, ale automatyczna naprawa jest tam wyłączona, więc pozostał bez zmian. Sprawdź ten dysk; pozostałe miejsca są sprawdzane i naprawiane osobno.
not-repaired-no-intact-copy = { $file } { $place ->
    [main] w głównym folderze kopii
   *[copy] w drugiej kopii { $destination }
} { $damage ->
    [missing] zniknął
    [damaged] jest uszkodzony
   *[unreadable] nie daje się odczytać
}, a żadne inne miejsce nie ma jego nienaruszonej kopii. Jeśli potrzebujesz tej wersji, wybierz inną w Historii; następna kopia zapasowa utworzy nową.
not-repaired-failed = Nie można naprawić { $file } { $place ->
    [main] w głównym folderze kopii
   *[copy] w drugiej kopii { $destination }
}: { $reason }
repair-error-source-changed = Nienaruszona kopia { $file } też nie zgadza się już ze swoją sumą kontrolną, więc nie została użyta. Sprawdź także ten dysk.
repair-error-read-back = Naprawiony plik { $file } po odczycie różni się od tego, co zapisano. Dysk może się psuć: sprawdź go.
keys-error-device-key-exists = Ten komputer ma już klucz dla profilu o nazwie { $profile } ({ $file }). Usuń ten plik, jeśli profilu już nie ma, albo wybierz inną nazwę.
keys-error-sheet-exists = Arkusz odzyskiwania { $file } już istnieje i pozostał nietknięty. Wybierz nową nazwę pliku.
keys-error-write = Nie można zapisać { $file } ({ $reason }). Sprawdź, czy folder istnieje i można do niego pisać.
keys-error-lock = Nie można zablokować nowego klucza hasłem ({ $reason }). Nic nie zostało zapisane; spróbuj ponownie.
dismiss-not-dismissable = Odrzucić można tylko wynik sprawdzenia dotyczący jednego pliku kopii.

# Magazyn firmy (serwer S3, np. Garage).
s3-error-unreachable = Nie można połączyć się z serwerem magazynu { $server }. Nic nie przepadło: kopia zostanie zrobiona, gdy serwer wróci; sprawdź sieć albo zapytaj osobę, która prowadzi serwer.
s3-error-busy = Serwer magazynu { $server } jest zajęty albo ma awarię (HTTP { $status }). Nic nie przepadło: kopia zostanie zrobiona później; jeśli to się powtarza, zapytaj osobę, która prowadzi serwer.
s3-error-bad-address = { $address } nie jest adresem serwera magazynu. Wpisz go w postaci http://serwer:3900/nazwa-zasobnika.
s3-error-unknown-key = Serwer magazynu { $server } nie zna klucza dostępu { $key }. Sprawdź klucz albo poproś osobę, która prowadzi serwer, o nowy.
s3-error-wrong-secret = Serwer magazynu { $server } odrzucił hasło klucza dostępu { $key }. Wpisz je ponownie dokładnie tak, jak je otrzymano.
s3-error-clock = Serwer magazynu { $server } odrzucił żądanie, bo zegar tego komputera { $unit ->
        [unknown] jest źle ustawiony
        [days] { $direction ->
                 [ahead] spieszy się
                *[behind] spóźnia się
            } o { $amount } { $amount ->
                 [one] dzień
                *[other] dni
            }
        [hours] { $direction ->
                 [ahead] spieszy się
                *[behind] spóźnia się
            } o { $amount } { $amount ->
                 [one] godzinę
                 [few] godziny
                *[other] godzin
            }
       *[minutes] { $direction ->
                 [ahead] spieszy się
                *[behind] spóźnia się
            } o { $amount } { $amount ->
                 [one] minutę
                 [few] minuty
                *[other] minut
            }
    }. Ustaw poprawny czas (włącz czas automatyczny) i spróbuj ponownie.
s3-error-denied = Klucz dostępu { $key } nie ma prawa do zasobnika { $bucket } na { $server }. Sprawdź nazwę zasobnika albo poproś osobę, która prowadzi serwer, o dostęp dla tego klucza.
s3-error-no-bucket = Zasobnik { $bucket } nie istnieje na { $server }. Sprawdź nazwę albo poproś osobę, która prowadzi serwer, o jego utworzenie.
s3-error-quota = Zasobnik { $bucket } jest pełny, więc nic więcej nie zapisano. Poproś osobę, która prowadzi serwer, o więcej miejsca albo przechowuj mniej wersji.
s3-error-checksum = Serwer odrzucił { $object }, bo jego bajty nie zgadzały się z sumą kontrolną. Nic uszkodzonego nie zapisano; sprawdź kopie zapasowe profilu.
s3-error-not-confirmed = Nie udało się potwierdzić { $object } po wysłaniu. Kopia zostanie ponowiona przy następnej okazji; jeśli to się powtarza, poproś osobę, która prowadzi serwer, o sprawdzenie.
s3-error-no-object = W zasobniku nie ma { $object }.
s3-error-refused = Serwer { $server } odpowiedział inaczej niż serwer magazynu (HTTP { $status }). Sprawdź adres albo zapytaj osobę, która prowadzi serwer.
s3-error-garbled = Serwer { $server } odpowiedział inaczej niż serwer magazynu. Sprawdź, czy adres wskazuje port magazynu (3900 w Garage).
s3-error-local = Nie można odczytać ani zapisać { $file }: { $reason }.
s3-error-cancelled = Przesyłanie anulowano; to, co wcześniej potwierdzono, zostaje.
