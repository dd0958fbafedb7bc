#!/usr/bin/env bash
# Install the Debian packages named that are not installed yet; idempotent, starts no daemon.
#   bash scripts/apt-install.sh PKG...
# Needs root (or sudo). Without systemd, installing nginx, prometheus or postgresql would start
# their daemons on the default ports through invoke-rc.d; a policy-rc.d answering 101 forbids
# that while apt runs (ours only, removed afterwards, also when apt fails).
set -euo pipefail
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive

missing=()
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

own_policy=0
cleanup() { if [ "$own_policy" = 1 ]; then $SUDO rm -f /usr/sbin/policy-rc.d; fi; }
trap cleanup EXIT
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
  $SUDO chmod +x /usr/sbin/policy-rc.d
  own_policy=1
fi
echo "apt-install: installing ${missing[*]}"
# another apt run may hold the dpkg lock (unattended upgrades, a parallel job): wait for it
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
