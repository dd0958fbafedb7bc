#!/usr/bin/env bash
# Install everything the tests need on a fresh Debian machine, then lint, type-check and test.
#   bash scripts/test.sh [PYTEST ARGS...]
# Needs root (or sudo) for the Debian packages. Servers (PostgreSQL, XRootD, nginx WebDAV,
# Prometheus, Indico) are started by the tests' own fixtures on free loopback ports and stopped
# at the end; nothing is left running.
set -euo pipefail
cd "$(dirname "$0")/.."

# 1. Debian packages: the real servers the integration tests talk to, and Python's venv.
PKGS=(
  python3 python3-venv python3-dev gcc curl openssl ca-certificates
  postgresql postgresql-contrib libpq-dev redis-server   # storage tests, and the Indico peer
  xrootd-server xrootd-client                            # root:// and HTTPS/WebDAV endpoints
  nginx libnginx-mod-http-dav-ext                        # a second WebDAV implementation
  prometheus                                             # monitoring checks and firing alerts
  chromium chromium-driver                               # the web board in a real browser
)
bash scripts/apt-install.sh "${PKGS[@]}"

# 2. The project and its test tools in a virtualenv.
PY=$(command -v python3.11 || command -v python3)
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q -U pip
.venv/bin/python -m pip install -q -e ".[test]"

# 3. Lint, format, types, the import contracts, then the whole test suite (warnings are errors).
.venv/bin/ruff check wp2bot tests benchmarks
.venv/bin/ruff format --check wp2bot tests benchmarks
.venv/bin/mypy wp2bot
.venv/bin/lint-imports
.venv/bin/python -m pytest "$@"
