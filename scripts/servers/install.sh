#!/bin/bash
# Install the real servers the probe integration tests run against, from Debian
# packages only: XRootD (root:// + HTTPS/WebDAV + TPC), nginx WebDAV, Prometheus.
# Idempotent; needs root (or sudo). Starts no daemon (see the policy-rc.d guard).
#   scripts/servers/install.sh
set -euo pipefail
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive

PKGS=(
  curl openssl ca-certificates
  xrootd-server xrootd-client          # pulls xrootd-plugins + xrootd-server-plugins (XrdHttp, XrdHttpTPC)
  nginx libnginx-mod-http-dav-ext      # Debian's nginx has the dav module; dav-ext adds PROPFIND/OPTIONS
  prometheus                           # includes promtool
)

# On a box without systemd, installing nginx/prometheus runs their init scripts
# through invoke-rc.d, which would start nginx on *:80 and prometheus on *:9090.
# A policy-rc.d answering 101 forbids that; add ours only if none exists.
OWN_POLICY=0
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
  $SUDO chmod +x /usr/sbin/policy-rc.d
  OWN_POLICY=1
fi
cleanup() { if [ "$OWN_POLICY" = 1 ]; then $SUDO rm -f /usr/sbin/policy-rc.d; fi; }
trap cleanup EXIT

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  # Another apt run may hold the dpkg lock (unattended upgrades, a parallel job): wait for it.
  APT=(apt-get -o DPkg::Lock::Timeout=300)
  $SUDO "${APT[@]}" update -qq
  $SUDO "${APT[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "servers: installed xrootd $(xrootd -v 2>&1), $(nginx -v 2>&1 | cut -d' ' -f3)," \
  "prometheus $(prometheus --version 2>&1 | head -1 | cut -d' ' -f3)"
