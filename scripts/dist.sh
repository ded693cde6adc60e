#!/usr/bin/env bash
# Builds the release packages for department IT:
#
#   dist/rollcall-VERSION-x86_64-linux.tar.gz    rollcall, README.md, LICENSE-*, QUICKSTART.txt
#   dist/rollcall-VERSION-x86_64-windows.zip     rollcall.exe, README.md, LICENSE-*, QUICKSTART.txt
#   dist/SHA256SUMS
#
# The courses are built into the binaries. Linux is a static musl binary when the musl target
# and musl-gcc (Debian: musl-tools, needed by the TLS library's C code) can be had; otherwise a
# glibc binary, and the script says why. Windows is cross-built with mingw
# (gcc-mingw-w64-x86-64). Missing targets and packages are installed when this user may.
#
# Usage: scripts/dist.sh            (from anywhere; writes dist/ at the top of the repository)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VERSION=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
[ -n "$VERSION" ] || { echo "dist: cannot read the version from Cargo.toml" >&2; exit 2; }
DIST=$ROOT/dist
WORK=$(mktemp -d "${TMPDIR:-/tmp}/rollcall-dist.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

say() { printf 'dist: %s\n' "$*"; }
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo "$@"
  else return 1
  fi
}
have_target() { rustup target list --installed 2>/dev/null | grep -qx "$1" || rustup target add "$1" >/dev/null 2>&1; }
apt_install() { as_root apt-get update -qq >/dev/null 2>&1 && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1; }

# --- Linux ---------------------------------------------------------------------------------
LINUX_KIND=""
if ! have_target x86_64-unknown-linux-musl; then
  LINUX_WHY="the x86_64-unknown-linux-musl target cannot be installed (rustup target add failed)"
elif ! command -v musl-gcc >/dev/null && ! apt_install musl-tools; then
  LINUX_WHY="musl-gcc (Debian package musl-tools) is missing and cannot be installed; the TLS library (ring) compiles C code for the target"
else
  say "building Linux x86_64 (static, musl)"
  if cargo build --locked --release --target x86_64-unknown-linux-musl --bin rollcall; then
    LINUX_BIN=target/x86_64-unknown-linux-musl/release/rollcall
    LINUX_KIND="static (musl)"
  else
    LINUX_WHY="the musl build failed (see the cargo output above)"
  fi
fi
if [ -z "$LINUX_KIND" ]; then
  say "NOTE: the Linux binary is NOT static: $LINUX_WHY; building for glibc instead"
  cargo build --locked --release --bin rollcall
  LINUX_BIN=target/release/rollcall
  LINUX_KIND="dynamic (glibc $(ldd --version 2>/dev/null | head -1 | grep -o '[0-9.]*$'))"
fi

# --- Windows -------------------------------------------------------------------------------
have_target x86_64-pc-windows-gnu || { echo "dist: cannot install the x86_64-pc-windows-gnu target" >&2; exit 2; }
command -v x86_64-w64-mingw32-gcc >/dev/null || apt_install gcc-mingw-w64-x86-64 ||
  { echo "dist: x86_64-w64-mingw32-gcc (Debian: gcc-mingw-w64-x86-64) is missing and cannot be installed" >&2; exit 2; }
command -v zip >/dev/null || apt_install zip || { echo "dist: zip is missing and cannot be installed" >&2; exit 2; }
say "building Windows x86_64 (mingw)"
CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc \
  cargo build --locked --release --target x86_64-pc-windows-gnu --bin rollcall
WIN_BIN=target/x86_64-pc-windows-gnu/release/rollcall.exe

# --- packages ------------------------------------------------------------------------------
# Text files get CRLF in the Windows zip so Notepad on older Windows shows them as lines.
crlf() { sed 's/\r*$/\r/' "$1" >"$2"; }
package() { # os, binary path, binary name in the package
  local os=$1 bin=$2 name=$3 dir=$WORK/rollcall-$VERSION-x86_64-$1
  mkdir -p "$dir"
  cp "$bin" "$dir/$name"
  for f in README.md LICENSE-MIT LICENSE-APACHE docs/quickstart.txt; do
    local base
    base=$(basename "$f")
    [ "$base" = quickstart.txt ] && base=QUICKSTART.txt
    if [ "$os" = windows ]; then crlf "$f" "$dir/$base"; else cp "$f" "$dir/$base"; fi
  done
}
rm -rf "$DIST"
mkdir -p "$DIST"
package linux "$LINUX_BIN" rollcall
package windows "$WIN_BIN" rollcall.exe
chmod 755 "$WORK/rollcall-$VERSION-x86_64-linux/rollcall"
# Stable archives: sorted names, fixed owner and time, so a rebuild of the same binaries gives
# the same bytes.
STAMP=$(git log -1 --format=%ct 2>/dev/null || echo 0)
(cd "$WORK" && tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$STAMP" \
  -czf "$DIST/rollcall-$VERSION-x86_64-linux.tar.gz" "rollcall-$VERSION-x86_64-linux")
find "$WORK" -exec touch -h -d "@$STAMP" {} +
(cd "$WORK" && find "rollcall-$VERSION-x86_64-windows" | LC_ALL=C sort |
  zip -X -q -D "$DIST/rollcall-$VERSION-x86_64-windows.zip" -@)
(cd "$DIST" && sha256sum rollcall-*.tar.gz rollcall-*.zip >SHA256SUMS)

say "Linux binary: $LINUX_KIND, $(stat -c %s "$LINUX_BIN") bytes"
say "Windows binary: $(stat -c %s "$WIN_BIN") bytes"
say "wrote:"
(cd "$DIST" && ls -l && cat SHA256SUMS)
