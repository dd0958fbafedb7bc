#!/bin/bash
# Start Prometheus on loopback, scraping itself plus static "storage endpoint"
# targets, with two rules that fire: StorageEndpointDown (up == 0 on job
# storage-endpoints) and Watchdog (always).
#   scripts/servers/prometheus-start.sh
# env: WP2BOT_SERVERS_DIR, PROM_PORT (29090),
#      PROM_TARGETS  comma list for job storage-endpoints; default: one free port
#                    with nothing behind it, so StorageEndpointDown fires
#      PROM_WAIT     ready (default) | alerts - what to wait for. Targets appear
#                    ~5 s after start (discovery is throttled), alerts ~1 s later.
set -euo pipefail
. "$(dirname "$0")/_lib.sh"
D="$WP2BOT_SERVERS_DIR/prometheus"
PIDF="$D/prometheus.pid"
command -v prometheus >/dev/null || die "prometheus missing: run scripts/servers/install.sh"
if [ -f "$PIDF" ] && alive "$(cat "$PIDF")"; then die "prometheus already running (pid $(cat "$PIDF"))"; fi
PORT=$(pick_port "${PROM_PORT:-29090}")
TARGETS=${PROM_TARGETS:-$SERVERS_HOST:$(pick_port 29099)}
TLIST=$(echo "$TARGETS" | sed "s/[^,][^,]*/'&'/g")
mkdir -p "$D/data"

cat > "$D/prometheus.yml" <<PROMYML
global:
  scrape_interval: 1s
  evaluation_interval: 1s
  external_labels: {env: wp2bot-test}
rule_files: [rules.yml]
scrape_configs:
  - job_name: prometheus
    static_configs: [{targets: ['$SERVERS_HOST:$PORT']}]
  - job_name: storage-endpoints
    static_configs:
      - targets: [$TLIST]
        labels: {site: LOCAL-TEST}
PROMYML
cat > "$D/rules.yml" <<'RULES'
groups:
  - name: wp2bot-test
    rules:
      - alert: StorageEndpointDown
        expr: up{job="storage-endpoints"} == 0
        for: 0s
        labels: {severity: critical}
        annotations: {summary: "storage endpoint {{ $labels.instance }} is down"}
      - alert: Watchdog
        expr: vector(1)
        labels: {severity: none}
        annotations: {summary: "always firing"}
RULES
promtool check config "$D/prometheus.yml" >/dev/null

setsid prometheus --config.file="$D/prometheus.yml" --storage.tsdb.path="$D/data" \
  --web.listen-address="$SERVERS_HOST:$PORT" --web.enable-lifecycle \
  </dev/null >>"$D/prometheus.log" 2>&1 &
PID=$!
echo "$PID" > "$PIDF"
B="http://$SERVERS_HOST:$PORT"
has_firing() {
  curl -sf "$B/api/v1/alerts" | "$PY" -c "import json,sys; d=json.load(sys.stdin)['data']; \
sys.exit(0 if any(a['labels']['alertname']=='StorageEndpointDown' and a['state']=='firing' for a in d['alerts']) else 1)"
}
ok=0
case "${PROM_WAIT:-ready}" in
  ready)  if wait_until 20 "$PID" curl -sf "$B/-/ready"; then ok=1; fi ;;
  alerts) if wait_until 30 "$PID" has_firing; then ok=1; fi ;;
  *) die "PROM_WAIT must be ready|alerts" ;;
esac
if [ "$ok" != 1 ]; then
  echo "servers: prometheus did not reach '${PROM_WAIT:-ready}':" >&2; tail -n 20 "$D/prometheus.log" >&2 || true
  if alive "$PID"; then kill "$PID"; fi
  rm -f "$PIDF"; exit 1
fi
cat > "$WP2BOT_SERVERS_DIR/prometheus.env" <<ENVF
PROMETHEUS_URL=$B
PROMETHEUS_TARGETS=$TARGETS
PROMETHEUS_PID=$PID
ENVF
echo "servers: prometheus up (pid $PID) $B (storage targets: $TARGETS)"
