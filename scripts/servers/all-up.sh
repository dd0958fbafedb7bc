#!/bin/bash
# Bring up every test server on loopback:
#   xrd1, xrd2   XRootD (root:// + HTTP/HTTPS/WebDAV + TPC); two instances for TPC
#   nginx-dav    nginx WebDAV (second implementation); a /metrics file is PUT here
#   prometheus   scrapes itself, nginx-dav's /metrics file and one dead target
# then writes $WP2BOT_SERVERS_DIR/servers.env (KEY=VALUE lines: URLs, CA paths, PIDs).
#   scripts/servers/all-up.sh          (run install.sh first)
# On failure everything already started is stopped again.
set -euo pipefail
H=$(cd "$(dirname "$0")" && pwd)
. "$H/_lib.sh"
export WP2BOT_SERVERS_DIR
mkdir -p "$WP2BOT_SERVERS_DIR"
chmod 755 "$WP2BOT_SERVERS_DIR"
trap 'echo "servers: all-up failed, stopping what started" >&2; "$H/all-down.sh" >&2' ERR
"$H/xrootd-start.sh" xrd1
XRD_ROOT_PORT=${XRD2_ROOT_PORT:-21095} XRD_HTTP_PORT=${XRD2_HTTP_PORT:-28444} "$H/xrootd-start.sh" xrd2
"$H/nginx-dav-start.sh"
. "$WP2BOT_SERVERS_DIR/nginx-dav.env"
# a metric the tests control through a real server: Prometheus scrapes this file
printf '# TYPE storage_free_bytes gauge\nstorage_free_bytes{endpoint="nginx-dav"} 1e+12\n' |
  curl -sf -o /dev/null -T - "$NGINX_DAV_URL/metrics"
DEAD=$SERVERS_HOST:$(pick_port 29099)
PROM_TARGETS="${NGINX_DAV_URL#http://},$DEAD" PROM_WAIT=${PROM_WAIT:-alerts} "$H/prometheus-start.sh"
cat "$WP2BOT_SERVERS_DIR"/xrd1.env "$WP2BOT_SERVERS_DIR"/xrd2.env \
  "$WP2BOT_SERVERS_DIR"/nginx-dav.env "$WP2BOT_SERVERS_DIR"/prometheus.env |
  sort -u > "$WP2BOT_SERVERS_DIR/servers.env"
trap - ERR
echo "servers: all up; env in $WP2BOT_SERVERS_DIR/servers.env"
