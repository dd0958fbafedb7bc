#!/usr/bin/env bash
# Stop what scripts/servers/indico/start.sh started, and only that: each server is found
# through its PID file under $WP2BOT_INDICO_HOME; nothing is killed by name.  Data is kept,
# so start.sh brings the same server back in seconds.  Pass --purge to delete the state too
# (the virtualenv is kept unless WP2BOT_INDICO_PURGE_VENV=1).
set -uo pipefail
STATE="${WP2BOT_INDICO_HOME:-${TMPDIR:-/tmp}/wp2bot-indico}"
RUN="$STATE/run"
PGDATA="$STATE/pgdata"

log() { printf '[indico] %s\n' "$*" >&2; }
running() { kill -0 "$1" 2>/dev/null && [[ "$(ps -o stat= -p "$1" 2>/dev/null)" != Z* ]]; }

stop_pidfile() {  # stop_pidfile NAME PIDFILE EXPECTED: TERM the PID if its command matches
  local name="$1" file="$2" expect="$3" pid args
  [ -s "$file" ] || { log "$name: not running (no PID file)"; return 0; }
  pid="$(head -n1 "$file")"
  if ! running "$pid"; then log "$name: not running"; rm -f "$file"; return 0; fi
  args="$(ps -ww -o args= -p "$pid" 2>/dev/null || true)"
  if [[ "$args" != *"$expect"* ]]; then
    log "$name: PID $pid is '$args', not $expect; left alone"; rm -f "$file"; return 0
  fi
  kill -TERM "$pid"
  for _ in $(seq 100); do running "$pid" || break; sleep 0.1; done
  if running "$pid"; then log "$name: still alive after 10 s, KILL"; kill -KILL "$pid" 2>/dev/null; fi
  rm -f "$file"
  log "$name: stopped (PID $pid)"
}

stop_pidfile indico "$RUN/indico.pid" "indico run"
stop_pidfile redis "$RUN/redis.pid" "redis-server"
if [ -s "$PGDATA/postmaster.pid" ] && running "$(head -n1 "$PGDATA/postmaster.pid")"; then
  PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w -t 60 stop >/dev/null \
    && log "postgres: stopped"
else
  log "postgres: not running"
fi
if [ "${1:-}" = --purge ]; then
  for d in pgdata redis indico run log; do rm -rf "${STATE:?}/$d"; done
  rm -f "$STATE"/{indico.env,indico.json,seed.json,token.txt,ports.env,secret_key}
  [ "${WP2BOT_INDICO_PURGE_VENV:-0}" = 1 ] && rm -rf "$STATE/venv"
  log "state under $STATE removed"
fi
exit 0
