#!/usr/bin/env bash
# Install everything the tests need on a fresh Debian machine, then lint, type-check and test.
#   bash scripts/test.sh [PYTEST ARGS...]
# Needs root (or sudo) for the Debian packages. Servers (PostgreSQL, XRootD, nginx WebDAV,
# Prometheus, Indico) are started by the tests' own fixtures on free loopback ports and stopped
# at the end; nothing is left running.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive

# 1. Debian packages: the real servers the integration tests talk to, and Python's venv.
PKGS=(
  python3 python3-venv python3-dev gcc curl openssl ca-certificates
  postgresql postgresql-contrib libpq-dev redis-server   # storage tests, and the Indico peer
  xrootd-server xrootd-client                            # root:// and HTTPS/WebDAV endpoints
  nginx libnginx-mod-http-dav-ext                        # a second WebDAV implementation
  prometheus                                             # monitoring checks and firing alerts
)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  # Without systemd, installing nginx/prometheus/postgresql would start their daemons on the
  # default ports; a policy-rc.d that answers 101 stops that (ours is removed afterwards).
  own_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod +x /usr/sbin/policy-rc.d; own_policy=1
  fi
  echo "test.sh: installing ${missing[*]}"
  $SUDO apt-get -o DPkg::Lock::Timeout=300 update -qq
  $SUDO apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  [ "$own_policy" = 1 ] && $SUDO rm -f /usr/sbin/policy-rc.d
fi

# 2. The project and its test tools in a virtualenv.
PY=$(command -v python3.11 || command -v python3)
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q -U pip
.venv/bin/python -m pip install -q -e ".[test]"

# 3. Lint, format, types, then the whole test suite (warnings are errors).
.venv/bin/ruff check wp2bot tests benchmarks
.venv/bin/ruff format --check wp2bot tests benchmarks
.venv/bin/mypy wp2bot
.venv/bin/python -m pytest "$@"
