#!/usr/bin/env bash
# Stop the PostgreSQL server that postgres-start.sh started in DIR, and remove DIR.
set -uo pipefail
D=${1:?usage: postgres-stop.sh DIR}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ -s "$D/data/postmaster.pid" ]; then
  as_pg "$PGBIN/pg_ctl" -D "$D/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
fi
rm -rf "$D"
