#!/bin/bash
# Start nginx as a second, independent WebDAV server on loopback (plain HTTP):
# PUT/DELETE/MKCOL/COPY/MOVE plus PROPFIND/OPTIONS (dav-ext). No checksums
# (Want-Digest is ignored) and no TPC. /forbidden/ answers 403 to everything and
# /ro/ is a directory the workers cannot write, for the failure tests.
#   scripts/servers/nginx-dav-start.sh        env: WP2BOT_SERVERS_DIR, NGINX_DAV_PORT (28090)
set -euo pipefail
. "$(dirname "$0")/_lib.sh"
D="$WP2BOT_SERVERS_DIR/nginx-dav"
PIDF="$D/nginx.pid"
MOD=/usr/lib/nginx/modules/ngx_http_dav_ext_module.so
{ command -v nginx >/dev/null && [ -f "$MOD" ]; } || die "nginx/dav-ext missing: run scripts/servers/install.sh"
if [ -f "$PIDF" ] && alive "$(cat "$PIDF")"; then die "nginx-dav already running (pid $(cat "$PIDF"))"; fi
PORT=$(pick_port "${NGINX_DAV_PORT:-28090}")
mkdir -p "$D/data/ro" "$D/data/forbidden" "$D/tmp"
USERLINE=""
if [ "$(id -u)" = 0 ]; then
  # as root the workers would run as 'nobody'; give them an owner for data/
  USERLINE="user www-data www-data;"
  chown www-data:www-data "$D/data" "$D/tmp"
fi
chmod 555 "$D/data/ro"
cat > "$D/nginx.conf" <<NGINXCONF
load_module $MOD;
$USERLINE
worker_processes 1;
pid $PIDF;
error_log $D/error.log info;
events { worker_connections 256; }
http {
  access_log $D/access.log;
  client_body_temp_path $D/tmp/body;
  proxy_temp_path $D/tmp/proxy;
  fastcgi_temp_path $D/tmp/fastcgi;
  uwsgi_temp_path $D/tmp/uwsgi;
  scgi_temp_path $D/tmp/scgi;
  server {
    listen $SERVERS_HOST:$PORT;
    root $D/data;
    location /forbidden/ { return 403; }
    location / {
      dav_methods PUT DELETE MKCOL COPY MOVE;
      dav_ext_methods PROPFIND OPTIONS;
      create_full_put_path on;
      dav_access user:rw group:rw all:r;
      client_max_body_size 0;
      autoindex on;
    }
  }
}
NGINXCONF
nginx -t -q -p "$D" -c "$D/nginx.conf" -e "$D/error.log"
# 'daemon off' under setsid keeps the master's PID equal to $!
setsid nginx -p "$D" -c "$D/nginx.conf" -e "$D/error.log" -g 'daemon off;' </dev/null >>"$D/stdout" 2>&1 &
PID=$!
echo "$PID" > "$PIDF"
if ! wait_until 10 "$PID" curl -sf -o /dev/null -X OPTIONS "http://$SERVERS_HOST:$PORT/"; then
  echo "servers: nginx-dav did not come up:" >&2; tail -n 20 "$D/error.log" "$D/stdout" >&2 || true
  if alive "$PID"; then kill "$PID"; fi
  rm -f "$PIDF"; exit 1
fi
cat > "$WP2BOT_SERVERS_DIR/nginx-dav.env" <<ENVF
NGINX_DAV_URL=http://$SERVERS_HOST:$PORT
NGINX_DAV_DATA_DIR=$D/data
NGINX_DAV_PID=$PID
ENVF
echo "servers: nginx-dav up (pid $PID) http://$SERVERS_HOST:$PORT"
