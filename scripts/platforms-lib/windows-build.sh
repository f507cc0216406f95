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
# sheetsafe.exe (cargo does nothing when it is up to date) and prints its path.
build_windows_exe() {
    CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc \
        deb_cargo build --locked --release --target "$WINDOWS_TARGET" -Zbuild-std=std,panic_abort \
        --bin sheetsafe "$@" >&2
    echo "$(platforms_target_dir)/$WINDOWS_TARGET/release/sheetsafe.exe"
}
