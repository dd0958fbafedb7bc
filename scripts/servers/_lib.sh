# Helpers shared by the server start/stop scripts. Source it, don't run it.
# Everything a server writes lives under $WP2BOT_SERVERS_DIR (default /tmp/wp2bot-servers).
WP2BOT_SERVERS_DIR="${WP2BOT_SERVERS_DIR:-${TMPDIR:-/tmp}/wp2bot-servers}"
SERVERS_HOST=127.0.0.1
PY="${PYTHON:-python3}"

die() { echo "servers: $*" >&2; exit 1; }

# port_free PORT -> 0 if nothing listens on PORT on any address (XRootD binds the
# wildcard address, so a port must be free on 0.0.0.0 and ::, not only on lo).
port_free() {
  "$PY" - "$1" <<'PYEOF'
import socket, sys
p = int(sys.argv[1])
for fam, addr in ((socket.AF_INET, "0.0.0.0"), (socket.AF_INET6, "::")):
    s = socket.socket(fam, socket.SOCK_STREAM)
    try:
        s.bind((addr, p))
    except OSError:
        sys.exit(1)
    finally:
        s.close()
PYEOF
}

# pick_port PREFERRED -> PREFERRED if free, otherwise a kernel-chosen free port.
pick_port() {
  if port_free "$1"; then echo "$1"; return; fi
  "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# alive PID -> 0 if the process exists and is not a zombie (PID 1 may reap late).
alive() {
  [ -n "$1" ] && kill -0 "$1" 2>/dev/null || return 1
  [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]
}

# wait_until TIMEOUT_S PID CMD... : run CMD every 0.1 s until it succeeds; fail if PID dies.
wait_until() {
  local t=$1 pid=$2; shift 2
  local end=$(( $(date +%s%N) + t * 1000000000 ))
  while [ "$(date +%s%N)" -lt "$end" ]; do
    "$@" >/dev/null 2>&1 && return 0
    alive "$pid" || return 2
    sleep 0.1
  done
  return 1
}

# stop_pidfile PIDFILE [SIGNAL]: signal that one PID, wait up to 10 s, then KILL it.
stop_pidfile() {
  local f=$1 sig=${2:-TERM} pid i
  [ -f "$f" ] || { echo "servers: no pid file $f (not running?)"; return 0; }
  pid=$(cat "$f")
  if alive "$pid"; then
    kill -"$sig" "$pid"
    for i in $(seq 1 100); do alive "$pid" || break; sleep 0.1; done
    if alive "$pid"; then echo "servers: $pid ignored SIG$sig, sending KILL"; kill -KILL "$pid"; fi
  fi
  rm -f "$f"
  echo "servers: stopped pid $pid ($f)"
}

# mk_pki: a throw-away CA and a host certificate for localhost/127.0.0.1/::1, made once.
mk_pki() {
  local k="$WP2BOT_SERVERS_DIR/pki"
  [ -s "$k/host.pem" ] && return 0
  mkdir -p "$k/cadir"
  chmod 755 "$k"
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=wp2bot test CA" \
    -keyout "$k/ca.key" -out "$k/ca.pem" \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
    -keyout "$k/host.key" -out "$k/host.csr" 2>/dev/null
  printf '%s\n' "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1" \
    "basicConstraints=CA:FALSE" "keyUsage=digitalSignature,keyEncipherment" \
    "extendedKeyUsage=serverAuth,clientAuth" > "$k/ext.cnf"
  openssl x509 -req -in "$k/host.csr" -CA "$k/ca.pem" -CAkey "$k/ca.key" \
    -CAcreateserial -days 30 -extfile "$k/ext.cnf" -out "$k/host.pem" 2>/dev/null
  # XRootD clients and davix want an OpenSSL hashed CA directory (X509_CERT_DIR).
  cp "$k/ca.pem" "$k/cadir/" && openssl rehash "$k/cadir" >/dev/null
  chmod 600 "$k/host.key" "$k/ca.key"
}
