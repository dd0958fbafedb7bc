#!/usr/bin/env bash
# Start a real Indico 3.2.9 on loopback for wp2bot's integration tests: its own PostgreSQL
# cluster, Redis and `indico run`, each on a free 127.0.0.1 port, seeded with demo meetings.
#
#   sudo scripts/servers/indico/start.sh      # idempotent; prints the env file path last
#   scripts/servers/indico/stop.sh
#
# Installs what is missing: Debian packages (postgresql, redis-server, libpq-dev, curl) and a
# virtualenv with indico==3.2.9 (Python 3.9-3.11) outside the repository.  Writes
#   $WP2BOT_INDICO_HOME/indico.env   INDICO_URL, INDICO_TOKEN, INDICO_CATEGORY_ID, ... (KEY=VALUE)
#   $WP2BOT_INDICO_HOME/indico.json  the same plus every seeded id
# Environment (all optional):
#   WP2BOT_INDICO_HOME    state directory (default ${TMPDIR:-/tmp}/wp2bot-indico); the
#                         'postgres' user must be able to traverse it
#   WP2BOT_INDICO_PYTHON  interpreter for the venv (default python3.11)
#   WP2BOT_INDICO_PG_PORT / _REDIS_PORT / _PORT   fixed ports instead of free ones
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE="${WP2BOT_INDICO_HOME:-${TMPDIR:-/tmp}/wp2bot-indico}"
INDICO_VERSION=3.2.9
HOST=127.0.0.1
VENV="$STATE/venv"
RUN="$STATE/run"
LOG="$STATE/log"
PGDATA="$STATE/pgdata"
PGSOCK="$RUN/pgsock"
ROOT="$STATE/indico"
CONF="$ROOT/etc/indico.conf"
PORTS="$STATE/ports.env"
DB_PASSWORD="wp2bot-indico"   # loopback-only test server

log() { printf '[indico] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
T0=$(date +%s.%N)
step() { log "$(awk -v a="$T0" -v b="$(date +%s.%N)" 'BEGIN{printf "%5.1fs", b-a}') $*"; }

[ "$(id -u)" = 0 ] || die "run as root (apt-get, and PostgreSQL runs as the 'postgres' user)"
mkdir -p "$STATE" "$RUN" "$LOG"
chmod 755 "$STATE"

# alive PIDFILE PATTERN: the PID exists, is no zombie and its command line has PATTERN
# (a stale PID file may name a recycled PID)
alive() {
  [ -s "$1" ] || return 1
  local pid; pid="$(head -n1 "$1")"
  kill -0 "$pid" 2>/dev/null && [[ "$(ps -o stat= -p "$pid" 2>/dev/null)" != Z* ]] \
    && [[ "$(ps -ww -o args= -p "$pid" 2>/dev/null)" == *"$2"* ]]
}
port_busy() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# ---------------------------------------------------------------- 1. Debian packages
pg_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1; }
step "checking postgresql, redis-server, libpq-dev, curl (apt)"
bash "$HERE/../../apt-install.sh" postgresql postgresql-contrib redis-server libpq-dev curl \
  >"$LOG/apt.log" 2>&1 || { tail -20 "$LOG/apt.log" >&2; die "apt-get failed"; }
PGBIN="$(pg_bindir)"
[ -x "$PGBIN/initdb" ] || die "no PostgreSQL server binaries found"

# ---------------------------------------------------------------- 2. virtualenv with Indico
PY="${WP2BOT_INDICO_PYTHON:-$(command -v python3.11 || command -v python3)}"
if ! "$VENV/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('indico') != '$INDICO_VERSION')" 2>/dev/null; then
  "$PY" -c 'import sys; sys.exit(0 if (3, 9) <= sys.version_info[:2] < (3, 12) else 1)' \
    || die "$PY is not Python 3.9-3.11, which indico $INDICO_VERSION needs (set WP2BOT_INDICO_PYTHON)"
  step "creating $VENV with indico==$INDICO_VERSION (pip, about 30-70 s)"
  rm -rf "$VENV"
  "$PY" -m venv "$VENV"
  # setuptools<70: flask-pluginengine (an Indico 3.2 dependency) still imports pkg_resources
  "$VENV/bin/pip" install -q -U pip "setuptools<70" wheel >"$LOG/pip.log" 2>&1 \
    && "$VENV/bin/pip" install -q "indico==$INDICO_VERSION" >>"$LOG/pip.log" 2>&1 \
    || { grep -v '^WARNING: Location' "$LOG/pip.log" | tail -20 >&2; die "pip install failed"; }
fi

# ---------------------------------------------------------------- 3. ports (kept across runs)
PG_PORT="" REDIS_PORT="" INDICO_PORT=""
# shellcheck disable=SC1090
[ -s "$PORTS" ] && . "$PORTS"
choose() {  # choose NAME CURRENT OVERRIDE PIDFILE PATTERN -> a port for NAME
  local current="$2" override="$3"
  if [ -n "$override" ]; then echo "$override"; return; fi
  if [ -n "$current" ] && { alive "$4" "$5" || ! port_busy "$current"; }; then echo "$current"; return; fi
  free_port
}
PG_PORT="$(choose pg "$PG_PORT" "${WP2BOT_INDICO_PG_PORT:-}" "$PGDATA/postmaster.pid" postgres)"
REDIS_PORT="$(choose redis "$REDIS_PORT" "${WP2BOT_INDICO_REDIS_PORT:-}" "$RUN/redis.pid" redis-server)"
INDICO_PORT="$(choose indico "$INDICO_PORT" "${WP2BOT_INDICO_PORT:-}" "$RUN/indico.pid" "indico run")"
printf 'PG_PORT=%s\nREDIS_PORT=%s\nINDICO_PORT=%s\n' "$PG_PORT" "$REDIS_PORT" "$INDICO_PORT" >"$PORTS"
BASE_URL="http://$HOST:$INDICO_PORT"

# ---------------------------------------------------------------- 4. PostgreSQL
as_pg() { runuser -u postgres -- "$@"; }
psql_su() { as_pg "$PGBIN/psql" -X -q -h "$PGSOCK" -p "$PG_PORT" -v ON_ERROR_STOP=1 "$@"; }
mkdir -p "$PGSOCK" && chown postgres:postgres "$PGSOCK"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  step "initdb $PGDATA"
  mkdir -p "$PGDATA" && chown postgres:postgres "$PGDATA" && chmod 700 "$PGDATA"
  pwfile="$(mktemp)"; echo "$DB_PASSWORD" >"$pwfile"; chown postgres "$pwfile"
  as_pg "$PGBIN/initdb" -D "$PGDATA" -U postgres --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 \
    --auth-local=peer --auth-host=scram-sha-256 >"$LOG/initdb.log" 2>&1 || { rm -f "$pwfile"; die "initdb failed"; }
  rm -f "$pwfile"
  rm -f "$STATE/seed.json" "$STATE/token.txt"   # a new database has neither
fi
if ! alive "$PGDATA/postmaster.pid" postgres; then
  port_busy "$PG_PORT" && die "port $PG_PORT is taken"
  step "starting PostgreSQL on $HOST:$PG_PORT"
  touch "$LOG/postgresql.log" && chown postgres:postgres "$LOG/postgresql.log"
  as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$LOG/postgresql.log" -w -t 60 \
    -o "-c listen_addresses=$HOST -p $PG_PORT -c unix_socket_directories=$PGSOCK -c fsync=off" start >/dev/null
fi
if [ "$(psql_su -d postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname='indico'")" != 1 ]; then
  psql_su -d postgres -c "CREATE ROLE indico LOGIN PASSWORD '$DB_PASSWORD'"
fi
if [ "$(psql_su -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='indico'")" != 1 ]; then
  psql_su -d postgres -c "CREATE DATABASE indico OWNER indico TEMPLATE template0 ENCODING 'UTF8'"
  # Indico's install guide: a superuser creates these two extensions before `db prepare`
  psql_su -d indico -c "CREATE EXTENSION IF NOT EXISTS unaccent; CREATE EXTENSION IF NOT EXISTS pg_trgm"
fi

# ---------------------------------------------------------------- 5. Redis
if ! alive "$RUN/redis.pid" redis-server; then
  port_busy "$REDIS_PORT" && die "port $REDIS_PORT is taken"
  step "starting Redis on $HOST:$REDIS_PORT"
  mkdir -p "$STATE/redis"
  redis-server --bind "$HOST" --port "$REDIS_PORT" --protected-mode yes --daemonize yes \
    --pidfile "$RUN/redis.pid" --logfile "$LOG/redis.log" --dir "$STATE/redis" \
    --save '' --appendonly no
  for _ in $(seq 50); do alive "$RUN/redis.pid" redis-server && break; sleep 0.1; done
  alive "$RUN/redis.pid" redis-server || die "redis did not start (see $LOG/redis.log)"
fi

# ---------------------------------------------------------------- 6. indico.conf (ports may change)
export INDICO_CONFIG="$CONF"
mkdir -p "$ROOT"/{etc,archive,cache,log,tmp}
[ -s "$STATE/secret_key" ] || "$VENV/bin/python" -c 'import os; print(repr(os.urandom(32)))' >"$STATE/secret_key"
cat >"$CONF.new" <<EOF
# written by wp2bot's scripts/servers/indico/start.sh (the keys 'indico setup wizard' writes)
SQLALCHEMY_DATABASE_URI = 'postgresql://indico:$DB_PASSWORD@$HOST:$PG_PORT/indico'
SECRET_KEY = $(cat "$STATE/secret_key")
BASE_URL = '$BASE_URL'
CELERY_BROKER = 'redis://$HOST:$REDIS_PORT/0'
REDIS_CACHE_URL = 'redis://$HOST:$REDIS_PORT/1'
DEFAULT_TIMEZONE = 'Europe/Zurich'
DEFAULT_LOCALE = 'en_GB'
ENABLE_ROOMBOOKING = False
CACHE_DIR = '$ROOT/cache'
TEMP_DIR = '$ROOT/tmp'
LOG_DIR = '$ROOT/log'
STORAGE_BACKENDS = {'default': 'fs:$ROOT/archive'}
ATTACHMENT_STORAGE = 'default'
SMTP_SERVER = ('localhost', 25)
SMTP_USE_TLS = False
SMTP_LOGIN = ''
SMTP_PASSWORD = ''
SUPPORT_EMAIL = 'admin@example.org'
PUBLIC_SUPPORT_EMAIL = 'admin@example.org'
NO_REPLY_EMAIL = 'noreply@example.org'
# offline test server: no daily fetch of system notices
SYSTEM_NOTICES_URL = None
EOF
if ! cmp -s "$CONF.new" "$CONF"; then
  mv "$CONF.new" "$CONF"
  # a running server read the old ports: restart it
  if alive "$RUN/indico.pid" "indico run"; then kill -TERM "$(head -n1 "$RUN/indico.pid")"; sleep 1; fi
else
  rm -f "$CONF.new"
fi
[ -s "$ROOT/etc/logging.yaml" ] || "$VENV/bin/indico" setup create-logging-config "$ROOT/etc" >/dev/null 2>&1

# ---------------------------------------------------------------- 7. schema
if [ "$(psql_su -d indico -tAc "SELECT to_regclass('users.users') IS NOT NULL")" != t ]; then
  step "indico db prepare"
  "$VENV/bin/indico" db prepare >"$LOG/db-prepare.log" 2>&1 || { tail -20 "$LOG/db-prepare.log" >&2; die "db prepare failed"; }
fi

# ---------------------------------------------------------------- 8. Indico web server
if ! alive "$RUN/indico.pid" "indico run"; then
  port_busy "$INDICO_PORT" && die "port $INDICO_PORT is taken"
  step "starting Indico (indico run, no reloader) on $BASE_URL"
  nohup "$VENV/bin/indico" run -h "$HOST" -p "$INDICO_PORT" --reloader none -q \
    >"$LOG/indico.log" 2>&1 </dev/null &
  echo $! >"$RUN/indico.pid"
fi

# ---------------------------------------------------------------- 9. demo data (while it boots)
if [ ! -s "$STATE/seed.json" ]; then
  step "seeding demo data"
  "$VENV/bin/python" "$HERE/seed.py" seed --summary "$STATE/seed.json.new" >"$LOG/seed.log" 2>&1 \
    || { tail -30 "$LOG/seed.log" >&2; die "seeding failed"; }
  mv "$STATE/seed.json.new" "$STATE/seed.json"
fi
admin_id="$("$VENV/bin/python" -c "import json,sys; print(json.load(open(sys.argv[1]))['admin_user_id'])" "$STATE/seed.json")"

# A personal token with the one scope the bot needs.  Only its hash is stored in the database,
# so the plain value lives in a file; if the file is lost the token is reset.
TOKEN_FILE="$STATE/token.txt"
if [ ! -s "$TOKEN_FILE" ]; then
  out="$("$VENV/bin/indico" user token create "$admin_id" wp2bot-tests -s read:legacy_api 2>&1 || true)"
  if grep -q 'already exists' <<<"$out"; then
    out="$("$VENV/bin/indico" user token update "$admin_id" wp2bot-tests --reset 2>&1)"
  fi
  grep -o 'indp_[A-Za-z0-9_-]*' <<<"$out" | head -n1 >"$TOKEN_FILE"
  [ -s "$TOKEN_FILE" ] || die "could not create the API token"
  chmod 600 "$TOKEN_FILE"
fi

for _ in $(seq 240); do
  curl -s -o /dev/null "$BASE_URL/" && break
  alive "$RUN/indico.pid" "indico run" || { tail -20 "$LOG/indico.log" >&2; die "indico exited"; }
  sleep 0.25
done
curl -sf -o /dev/null -H "Authorization: Bearer $(cat "$TOKEN_FILE")" "$BASE_URL/export/event/1.json?nc=yes" \
  || die "Indico does not answer the export API (see $LOG/indico.log)"

"$VENV/bin/python" - "$STATE" "$BASE_URL" <<'PYEOF'
import json, pathlib, sys
state, base = pathlib.Path(sys.argv[1]), sys.argv[2]
seed = json.loads((state / "seed.json").read_text())
info = {"url": base, "token_file": str(state / "token.txt"),
        "python": str(state / "venv" / "bin" / "python"), **seed}
env = {
    "INDICO_URL": base,
    "INDICO_TOKEN": (state / "token.txt").read_text().strip(),
    "INDICO_CATEGORY_ID": seed["category_id"],
    "INDICO_CATEGORY_URL": f"{base}/category/{seed['category_id']}/",
    "INDICO_PROTECTED_EVENT_ID": seed["protected"]["id"],
    "INDICO_PYTHON": info["python"],
    "INDICO_CONFIG": str(state / "indico" / "etc" / "indico.conf"),
}
(state / "indico.json").write_text(json.dumps(info, indent=2))
(state / "indico.env").write_text("".join(f"{k}={v}\n" for k, v in env.items()))
(state / "indico.env").chmod(0o600)
PYEOF
step "Indico $INDICO_VERSION is up at $BASE_URL (login admin / wp2bot-indico)"
echo "$STATE/indico.env"
