/* Test helper for scripts/test-windows: holds a file open the way a spreadsheet application
 * does, so that another process's open fails with a sharing violation until this one lets go.
 *
 *   hold-open.exe FILE MILLISECONDS READY [read]
 *
 * opens FILE with share mode 0 (as during a save: nobody may open it), or with `read` sharing
 * only (as Excel while a workbook is open: others may read it, but not open it exclusively),
 * creates READY once it holds FILE, sleeps, then closes FILE. */
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>
#include <windows.h>

int wmain(int argc, wchar_t **argv) {
    if (argc != 4 && !(argc == 5 && wcscmp(argv[4], L"read") == 0)) {
        fputs("usage: hold-open.exe FILE MILLISECONDS READY [read]\n", stderr);
        return 2;
    }
    DWORD share = argc == 5 ? FILE_SHARE_READ : 0;
    HANDLE held = CreateFileW(argv[1], GENERIC_READ, share, NULL, OPEN_EXISTING, 0, NULL);
    if (held == INVALID_HANDLE_VALUE) {
        fprintf(stderr, "hold-open: could not open the file (error %lu)\n", GetLastError());
        return 2;
    }
    HANDLE ready = CreateFileW(argv[3], GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    if (ready != INVALID_HANDLE_VALUE) {
        CloseHandle(ready);
    }
    Sleep((DWORD)_wtoi(argv[2]));
    CloseHandle(held);
    return 0;
}
