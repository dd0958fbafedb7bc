#!/usr/bin/env bash
# Start a throw-away PostgreSQL server on loopback for the tests (Debian's postgresql package).
#   scripts/servers/postgres-start.sh DIR       -> prints the SQLAlchemy URL on stdout
# DIR holds the cluster, socket, log and pid; scripts/servers/postgres-stop.sh DIR stops it.
# PostgreSQL refuses to run as root: as root the cluster belongs to the 'postgres' user.
set -euo pipefail
D=${1:?usage: postgres-start.sh DIR}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
[ -x "$PGBIN/initdb" ] || { echo "postgres-start: no PostgreSQL server binaries (apt-get install postgresql)" >&2; exit 3; }
mkdir -p "$D"
chmod 755 "$D"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres:postgres "$D"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
if [ ! -s "$D/data/PG_VERSION" ]; then
  as_pg "$PGBIN/initdb" -D "$D/data" -U wp2bot -E UTF8 --locale=C.UTF-8 --auth=trust >"$D/initdb.log" 2>&1 \
    || { cat "$D/initdb.log" >&2; exit 1; }
fi
as_pg "$PGBIN/pg_ctl" -D "$D/data" -l "$D/postgres.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $PORT -c unix_socket_directories=$D -c fsync=off -c max_connections=50" \
  start >/dev/null || { tail -n 20 "$D/postgres.log" >&2; exit 1; }
as_pg "$PGBIN/psql" -X -q -h 127.0.0.1 -p "$PORT" -U wp2bot -d postgres -c "CREATE DATABASE wp2bot" >/dev/null
echo "postgresql://wp2bot@127.0.0.1:$PORT/wp2bot"
