#!/bin/bash
# Start one standalone XRootD data server for tests: root:// plus XrdHttp (plain
# HTTP and HTTPS on one port), adler32/md5/crc32 checksums, HTTP and root:// TPC,
# anonymous access. It listens on every address; tests only target 127.0.0.1.
#   scripts/servers/xrootd-start.sh [NAME]        (NAME default: xrd1)
# env: WP2BOT_SERVERS_DIR, XRD_ROOT_PORT (21094), XRD_HTTP_PORT (28443);
#      a busy preferred port is replaced by a free one.
# Writes $WP2BOT_SERVERS_DIR/NAME/ (config, data/, admin/xrootd.log, xrootd.pid) and
# $WP2BOT_SERVERS_DIR/NAME.env (URLs, data dir, PID, CA paths).
set -euo pipefail
. "$(dirname "$0")/_lib.sh"
NAME=${1:-xrd1}
D="$WP2BOT_SERVERS_DIR/$NAME"
PIDF="$D/xrootd.pid"
command -v xrootd >/dev/null || die "xrootd missing: run scripts/servers/install.sh"
if [ -f "$PIDF" ] && alive "$(cat "$PIDF")"; then die "$NAME already running (pid $(cat "$PIDF"))"; fi

ROOT_PORT=$(pick_port "${XRD_ROOT_PORT:-21094}")
HTTP_PORT=$(pick_port "${XRD_HTTP_PORT:-28443}")
[ "$ROOT_PORT" != "$HTTP_PORT" ] || die "root and http ports must differ"

mkdir -p "$WP2BOT_SERVERS_DIR" "$D/data/ro" "$D/admin"
# the server user must traverse every parent directory
chmod 755 "$WP2BOT_SERVERS_DIR" "$D"
mk_pki
K="$WP2BOT_SERVERS_DIR/pki"

RUNAS=()
if [ "$(id -u)" = 0 ]; then
  # xrootd refuses to run as root ("Security reasons prohibit running as superuser");
  # Debian's xrootd-server package creates the 'xrootd' user.
  id xrootd >/dev/null 2>&1 || die "no 'xrootd' user (install xrootd-server)"
  RUNAS=(-R xrootd)
  chown -R xrootd:xrootd "$D/data" "$D/admin"
  chown xrootd:xrootd "$K/host.key"     # the server must read its key
  chown root:root "$D/data/ro"          # a read-only path for the failure tests
  runuser -u xrootd -- test -w "$D/data" || die "xrootd cannot write $D/data (parents not world-x?)"
fi
chmod 555 "$D/data/ro"

cat > "$D/xrootd.cfg" <<CFG
all.export /
all.adminpath $D/admin
all.pidpath $D/admin
oss.localroot $D/data
xrd.port $ROOT_PORT
xrootd.chksum max 4 adler32 md5 crc32
ofs.tpc pgm /usr/bin/xrdcp --server
xrd.tls $K/host.pem $K/host.key
xrd.tlsca certfile $K/ca.pem
if exec xrootd
xrd.protocol XrdHttp:$HTTP_PORT libXrdHttp.so
http.exthandler xrdtpc libXrdHttpTPC.so
fi
CFG

# The log lives in admin/: the logger creates a .lock beside it, so the directory
# must be writable by the (dropped-privilege) server user.
setsid xrootd -c "$D/xrootd.cfg" -n "$NAME" -l "=$D/admin/xrootd.log" "${RUNAS[@]}" \
  </dev/null >>"$D/xrootd.stdout" 2>&1 &
PID=$!
echo "$PID" > "$PIDF"

if ! wait_until 20 "$PID" curl -sf -o /dev/null "http://$SERVERS_HOST:$HTTP_PORT/" \
   || ! wait_until 10 "$PID" xrdfs "root://$SERVERS_HOST:$ROOT_PORT" query config version; then
  echo "servers: $NAME did not come up; log tail:" >&2
  tail -n 20 "$D/admin/xrootd.log" "$D/xrootd.stdout" >&2 || true
  if alive "$PID"; then kill "$PID"; fi
  rm -f "$PIDF"; exit 1
fi

U=$(echo "$NAME" | tr '[:lower:]-' '[:upper:]_')
cat > "$WP2BOT_SERVERS_DIR/$NAME.env" <<ENVF
${U}_ROOT_URL=root://$SERVERS_HOST:$ROOT_PORT
${U}_HTTP_URL=http://$SERVERS_HOST:$HTTP_PORT
${U}_HTTPS_URL=https://$SERVERS_HOST:$HTTP_PORT
${U}_DATA_DIR=$D/data
${U}_PID=$PID
SERVERS_CA_FILE=$K/ca.pem
SERVERS_CA_DIR=$K/cadir
ENVF
echo "servers: $NAME up (pid $PID) root://$SERVERS_HOST:$ROOT_PORT http(s)://$SERVERS_HOST:$HTTP_PORT"
