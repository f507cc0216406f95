# shellcheck shell=bash
# Sourced by scripts/test-windows and scripts/package: a Wine prefix of the tests' own under the
# target folder, made once and reused, with the test-only ProcessPrng shim in its system32.

install_wine() {
    apt_install wine wine64 gcc-mingw-w64-x86-64
}

wine_setup() {
    export WINEPREFIX
    WINEPREFIX="${CARGO_TARGET_DIR:-$PWD/target}/wine/prefix"
    export WINEDEBUG=-all
    # No Mono or Gecko: nothing here needs .NET or HTML, and their installers would ask. No
    # winemenubuilder: it would copy the installer's Start-menu shortcut into this machine's
    # own desktop menus. bcryptprimitives: the shim below, not a built-in.
    export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d;bcryptprimitives=n"
    export WINEARCH=win64
    local helpers="${CARGO_TARGET_DIR:-$PWD/target}/wine/helpers"
    mkdir -p "$helpers"
    if [ ! -f "$WINEPREFIX/system.reg" ]; then
        echo "Making the Wine prefix $WINEPREFIX…"
        wineboot --init >/dev/null 2>&1
        wineserver -w
    fi
    # Built from source each time it changed: a few lines of C, test scaffolding only.
    local shim=tests/windows/bcryptprimitives-shim.c dll="$helpers/bcryptprimitives.dll"
    if [ ! -f "$dll" ] || [ "$shim" -nt "$dll" ]; then
        x86_64-w64-mingw32-gcc -O2 -shared -o "$dll" "$shim" -ladvapi32
    fi
    cp "$dll" "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
    local hold=tests/windows/hold-open.c exe="$helpers/hold-open.exe"
    if [ ! -f "$exe" ] || [ "$hold" -nt "$exe" ]; then
        x86_64-w64-mingw32-gcc -O2 -municode -o "$exe" "$hold"
    fi
    # One wineserver for the whole run. By default it exits a few seconds after its last client;
    # a wine process started in that moment connects to a server on its way out and dies
    # ("recvmsg: Connection reset by peer", or a segmentation fault), failing a check at random.
    # Callers stop it with `wineserver -k` on exit.
    wineserver -p
    # Both used by the scripts that source this file.
    # shellcheck disable=SC2034
    HOLD_OPEN_EXE=$exe
    # shellcheck disable=SC2034
    WINE_USER_DIR=$(find "$WINEPREFIX/drive_c/users" -mindepth 1 -maxdepth 1 -type d ! -name Public | head -n1)
}

# winpath PATH prints the Windows form of a Linux path (Z:\…).
winpath() {
    printf 'Z:%s' "$(printf '%s' "$1" | tr '/' '\\')"
}
