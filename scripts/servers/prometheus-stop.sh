#!/bin/bash
# Stop the Prometheus started by prometheus-start.sh, by its PID file.
# WP2BOT_SERVERS_KEEP=1 keeps its files (config, TSDB, log).
set -euo pipefail
. "$(dirname "$0")/_lib.sh"
stop_pidfile "$WP2BOT_SERVERS_DIR/prometheus/prometheus.pid" TERM
rm -f "$WP2BOT_SERVERS_DIR/prometheus.env"
[ "${WP2BOT_SERVERS_KEEP:-0}" = 1 ] || rm -rf "${WP2BOT_SERVERS_DIR:?}/prometheus"
