#!/usr/bin/env bash
# Debian's redis-server, for the tests of the gateway's Redis cache backend (they start their own
# server on a free port and stop it; nothing here starts or enables a service). Only installed
# when missing, so a machine that has it pays nothing. Needs root (CI and the developer machines
# run as root); prints what it does.
set -euo pipefail

if command -v redis-server >/dev/null; then
  echo "ensure-redis: $(redis-server --version | cut -d' ' -f1-3) already installed"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
  command -v sudo >/dev/null || { echo "ensure-redis: need root to install redis-server" >&2; exit 1; }
else
  SUDO=
fi

echo "ensure-redis: installing redis-server from Debian's packages"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# policy-rc.d exit 101 keeps the package from starting a system-wide server on port 6379.
POLICY=/usr/sbin/policy-rc.d
if [ ! -e "$POLICY" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null
  $SUDO chmod +x "$POLICY"
  trap '$SUDO rm -f "$POLICY"' EXIT
fi
$SUDO apt-get install -y -qq redis-server >/dev/null
redis-server --version | cut -d' ' -f1-3
