#!/usr/bin/env bash
# Debian's Chromium for the browser tests (test/explorer.e2e.ts drives it with playwright-core).
# Never a downloaded browser build: only Debian's package, and only when it is missing, so a
# machine that has it pays nothing. A CJK font comes along so screenshots show the Chinese terms.
# Needs root (CI and the developer machines run as root); prints what it does.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
CJK_FONT_PACKAGE=fonts-wqy-microhei

missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
dpkg-query -W -f='${Status}' "$CJK_FONT_PACKAGE" 2>/dev/null | grep -q 'install ok installed' || missing+=("$CJK_FONT_PACKAGE")

if [ ${#missing[@]} -eq 0 ]; then
  echo "ensure-chromium: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM") already installed"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
  command -v sudo >/dev/null || { echo "ensure-chromium: need root to install ${missing[*]}" >&2; exit 1; }
else
  SUDO=
fi

echo "ensure-chromium: installing ${missing[*]} from Debian's packages"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
"$CHROMIUM" --version 2>/dev/null
