#!/bin/bash
# Stop the nginx started by nginx-dav-start.sh (QUIT = graceful), by its PID file.
# WP2BOT_SERVERS_KEEP=1 keeps its files for inspection.
set -euo pipefail
. "$(dirname "$0")/_lib.sh"
stop_pidfile "$WP2BOT_SERVERS_DIR/nginx-dav/nginx.pid" QUIT
rm -f "$WP2BOT_SERVERS_DIR/nginx-dav.env"
[ "${WP2BOT_SERVERS_KEEP:-0}" = 1 ] || rm -rf "${WP2BOT_SERVERS_DIR:?}/nginx-dav"
