# shellcheck shell=bash
# Sourced by the platform scripts: installs Debian's Rust 1.96 (`rustc-web`, with the standard
# library's source) and gives `deb_cargo`, which runs Debian's cargo with that toolchain only.
# Rust's own Windows and macOS standard libraries cannot be downloaded here, so the scripts
# build them from source (`-Zbuild-std`); the project's own toolchain is left alone for
# everything else.

# apt_install PKG... installs the Debian packages that are missing (after `apt-get update`).
apt_install() {
    local need=() pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || need+=("$pkg")
    done
    [ ${#need[@]} -eq 0 ] && return 0
    echo "Installing ${need[*]} from Debian…"
    # Through sudo when not root (the release workflow's runner), so cargo stays the user's.
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
        --no-install-recommends "${need[@]}" >/dev/null
}

install_debian_rust() {
    apt_install rustc-web cargo-web rust-web-src rust-web-clippy
    if [ ! -d /usr/lib/rustlib/src/rust/library ]; then
        echo "check-platforms: /usr/lib/rustlib/src/rust/library is missing after installing rust-web-src; reinstall it with: apt-get install --reinstall rust-web-src" >&2
        exit 2
    fi
}

# Every build with the Debian toolchain gets a folder of its own under the one target folder:
# its artifacts never match the project toolchain's, and keeping them apart keeps both warm.
platforms_target_dir() {
    echo "${CARGO_TARGET_DIR:-$PWD/target}/debian-rust"
}

# deb_cargo ARGS... runs /usr/bin/cargo with /usr/bin/rustc, without rustup's variables or its
# proxies on PATH, so nothing of the project's toolchain is mixed in. RUSTC_BOOTSTRAP lets this
# stable compiler accept -Zbuild-std, which builds std for targets that have no prebuilt one.
deb_cargo() {
    deb_env /usr/bin/cargo "$@"
}

# deb_clippy ARGS... is `cargo clippy ARGS...` with Debian's clippy. `cargo clippy` would run
# the first `cargo-clippy` in $CARGO_HOME/bin, which is rustup's, so Debian's is called directly
# (it runs the `cargo` on PATH, Debian's).
deb_clippy() {
    deb_env /usr/bin/cargo-clippy clippy "$@"
}

deb_env() {
    env -u RUSTUP_TOOLCHAIN -u RUSTUP_HOME -u RUSTC_WRAPPER -u RUSTC_WORKSPACE_WRAPPER \
        -u CARGO_BUILD_TARGET -u RUSTFLAGS \
        PATH="/usr/bin:/bin:/usr/sbin:/sbin" \
        RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 \
        CARGO_TARGET_DIR="$(platforms_target_dir)" \
        CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}" \
        CARGO_TERM_COLOR=never \
        "$@"
}
