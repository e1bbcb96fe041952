#!/usr/bin/env bash
# Installs the system libraries Qt needs (Debian/Ubuntu), only when some are missing.
# Qt's offscreen platform (tests, PNG/SVG export) needs GL, EGL, X11 client, xkbcommon,
# fontconfig with at least one font, glib and dbus (read off `ldd` of PySide6's Qt libraries
# and platform plugins); the xcb ones are for a real window (make run).
# With --with-postgresql (make test) it also installs a PostgreSQL server when none is
# installed: the tests start a throwaway cluster of their own (tests/pg_server.py).
set -euo pipefail
packages="libgl1 libegl1 libx11-6 libxkbcommon0 libfontconfig1 fonts-dejavu-core
  libglib2.0-0 libdbus-1-3 libxcb1 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4
  libxcb-keysyms1 libxcb-shape0 libxcb-image0 libxcb-util1 libxcb-render-util0 libxcb-render0
  libxcb-randr0 libxcb-shm0 libxcb-sync1 libxcb-xfixes0 libxcb-xinerama0 libxcb-xkb1
  libx11-xcb1"
command -v dpkg >/dev/null 2>&1 || exit 0   # not Debian-like: install Qt's libraries yourself
missing=""
for p in $packages; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ "${1:-}" = "--with-postgresql" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  missing="$missing postgresql"
fi
[ -z "$missing" ] && exit 0
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "Installing system packages:$missing"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
