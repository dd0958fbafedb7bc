#!/bin/bash
# Install the real servers the probe integration tests run against, from Debian
# packages only: XRootD (root:// + HTTPS/WebDAV + TPC), nginx WebDAV, Prometheus.
# Idempotent; needs root (or sudo). Starts no daemon (see scripts/apt-install.sh).
#   scripts/servers/install.sh
set -euo pipefail

PKGS=(
  curl openssl ca-certificates
  xrootd-server xrootd-client          # pulls xrootd-plugins + xrootd-server-plugins (XrdHttp, XrdHttpTPC)
  nginx libnginx-mod-http-dav-ext      # Debian's nginx has the dav module; dav-ext adds PROPFIND/OPTIONS
  prometheus                           # includes promtool
)

bash "$(dirname "$0")/../apt-install.sh" "${PKGS[@]}"
echo "servers: installed xrootd $(xrootd -v 2>&1), $(nginx -v 2>&1 | cut -d' ' -f3)," \
  "prometheus $(prometheus --version 2>&1 | head -1 | cut -d' ' -f3)"
