#!/bin/bash
# Stop everything all-up.sh started (each by its PID file) and remove $WP2BOT_SERVERS_DIR.
# Safe to run when some or none are running.
set -uo pipefail
H=$(cd "$(dirname "$0")" && pwd)
. "$H/_lib.sh"
export WP2BOT_SERVERS_DIR
"$H/prometheus-stop.sh"
"$H/nginx-dav-stop.sh"
"$H/xrootd-stop.sh" xrd2
"$H/xrootd-stop.sh" xrd1
[ "${WP2BOT_SERVERS_KEEP:-0}" = 1 ] || rm -rf "${WP2BOT_SERVERS_DIR:?}"
