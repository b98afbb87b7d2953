#!/usr/bin/env bash
# Debian's PostgreSQL server programs, for the tests that run the graph on PostgreSQL (they start
# their own throwaway server on a free port, in a temp directory, as the `postgres` user, and stop
# and delete it; nothing here starts or enables a service). Only installed when missing, so a
# machine that has it pays nothing. Needs root (CI and the developer machines run as root);
# prints what it does.
set -euo pipefail

# Where packages/local-stack/src/postgres.ts looks: initdb on PATH, else Debian's per-version folder.
find_initdb() {
  command -v initdb 2>/dev/null && return 0
  ls -1d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 | grep . && return 0
  return 1
}

if initdb=$(find_initdb) && id postgres >/dev/null 2>&1; then
  echo "ensure-postgres: $("$initdb" --version) already installed"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
  command -v sudo >/dev/null || { echo "ensure-postgres: need root to install postgresql" >&2; exit 1; }
else
  SUDO=
fi

echo "ensure-postgres: installing postgresql from Debian's packages"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# policy-rc.d exit 101 keeps the package from starting a system-wide server on port 5432.
POLICY=/usr/sbin/policy-rc.d
if [ ! -e "$POLICY" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null
  $SUDO chmod +x "$POLICY"
  trap '$SUDO rm -f "$POLICY"' EXIT
fi
$SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
initdb=$(find_initdb)
"$initdb" --version
