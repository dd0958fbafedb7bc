#!/usr/bin/env bash
# Install wp2bot in a virtualenv and run the main job on the embedded default: SQLite, the
# sample minutes in data/, the console transport. No server is needed.
#   bash scripts/quickstart.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if ! python3 -m venv --help >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get -o DPkg::Lock::Timeout=300 update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3 python3-venv >/dev/null
fi
PY=$(command -v python3.11 || command -v python3)
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q -U pip
.venv/bin/python -m pip install -q -e .
export WP2BOT_DATABASE_URL="${WP2BOT_DATABASE_URL:-sqlite:///$PWD/.wp2bot/wp2bot.db}"
mkdir -p .wp2bot
.venv/bin/wp2bot ingest data/wp2-meeting-2020-03-11.txt
.venv/bin/wp2bot actions
echo
echo "== The chair's summary the day before the next meeting (wp2bot summary) =="
.venv/bin/wp2bot summary --at 2020-03-24T09:00 --format text
echo
echo "== The chat commands on the console transport (wp2bot console) =="
.venv/bin/wp2bot console --at 2020-03-12T10:00 -c "show 3" -c "accept 3"
