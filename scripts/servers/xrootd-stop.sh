#!/bin/bash
# Stop an XRootD instance started by xrootd-start.sh, by its PID file.
#   scripts/servers/xrootd-stop.sh [NAME]   (default xrd1); WP2BOT_SERVERS_KEEP=1 keeps its files
set -euo pipefail
. "$(dirname "$0")/_lib.sh"
NAME=${1:-xrd1}
stop_pidfile "$WP2BOT_SERVERS_DIR/$NAME/xrootd.pid" TERM
rm -f "$WP2BOT_SERVERS_DIR/$NAME.env"
[ "${WP2BOT_SERVERS_KEEP:-0}" = 1 ] || rm -rf "${WP2BOT_SERVERS_DIR:?}/$NAME"
