# shellcheck shell=bash
# Sourced by scripts/test-windows and scripts/package: the Windows build of Sheetsafe for
# x86_64-pc-windows-gnu, cross-compiled with Debian's Rust (see debian-rust.sh) and linked by
# mingw-w64. Both scripts use the same release build, so it is compiled once.

# The command-line program only: the Wine tests drive the command line, and the desktop app's
# Windows code is type-checked by scripts/check-platforms.
WINDOWS_TARGET=x86_64-pc-windows-gnu

install_windows_build_tools() {
    install_debian_rust
    apt_install gcc-mingw-w64-x86-64 binutils-mingw-w64-x86-64
}

# build_windows_exe [CARGO ARGS...] builds target/debian-rust/x86_64-pc-windows-gnu/release/
# sheetsafe.exe and sheetsafe-app.exe beside it (cargo does nothing when they are up to date)
# and prints the path of sheetsafe.exe. Without the app, sheetsafe-app.exe is the small stub of
# src/app_main.rs, still of the GUI subsystem, which is what the installer tests look at.
build_windows_exe() {
    CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc \
        deb_cargo build --locked --release --target "$WINDOWS_TARGET" -Zbuild-std=std,panic_abort \
        --bin sheetsafe --bin sheetsafe-app "$@" >&2
    echo "$(platforms_target_dir)/$WINDOWS_TARGET/release/sheetsafe.exe"
}
