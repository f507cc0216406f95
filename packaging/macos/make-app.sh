#!/usr/bin/env bash
# Lays out Sheetsafe.app: Contents/Info.plist (version filled in), Contents/MacOS/sheetsafe and
# Contents/Resources/sheetsafe.icns. Used by scripts/package (without a program: a Mac is
# needed to build one) and by .github/workflows/release.yml on a macOS runner (with it).
#
#   packaging/macos/make-app.sh OUT_DIR VERSION ICNS [PROGRAM]
set -euo pipefail
out=$1 version=$2 icns=$3 program=${4:-}
here=$(cd "$(dirname "$0")" && pwd)
app=$out/Sheetsafe.app
rm -rf "$app"
mkdir -p "$app/Contents/MacOS" "$app/Contents/Resources"
sed "s/@VERSION@/$version/g" "$here/Info.plist" >"$app/Contents/Info.plist"
printf 'APPL????' >"$app/Contents/PkgInfo"
cp "$icns" "$app/Contents/Resources/sheetsafe.icns"
if [ -n "$program" ]; then
    install -m 755 "$program" "$app/Contents/MacOS/sheetsafe"
fi
