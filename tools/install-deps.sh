#!/usr/bin/env bash
# Installs what the tests need beyond the .NET SDK, from Debian's packages: promtool (package
# "prometheus") to lint the /metrics output, and the prometheus server binary of the same package, which an
# integration test starts on 127.0.0.1 to query histogram_quantile over a scraped run, and Node.js with npm for the TypeScript check of the plugin
# API declarations and for the Dockerfile lint (machines of this kind usually have Node already; npm then
# fetches the pinned TypeScript and dockerfile-utils), and tshark, with which the integration tests read
# a recording as Wireshark does (they skip that check where tshark is missing), and Chromium for the headless
# check of the HTML report (driven by Playwright, which never downloads a browser).
# Idempotent; needs root (CI runs as
# root) or passwordless sudo when something is missing.
set -euo pipefail
packages=()
command -v promtool >/dev/null 2>&1 && command -v prometheus >/dev/null 2>&1 || packages+=(prometheus)
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
command -v tshark >/dev/null 2>&1 || packages+=(tshark)
[ -x /usr/bin/chromium ] || packages+=(chromium)
if [ ${#packages[@]} -eq 0 ]; then
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
# tshark's package asks whether non-root users may capture; the tests only read files: no.
echo "wireshark-common wireshark-common/install-setuid boolean false" | $SUDO debconf-set-selections
$SUDO apt-get update -qq
# --no-install-recommends: promtool and the server binary are in the package itself; no service is wanted;
# a headless chromium needs none of its recommended desktop packages.
$SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
# The prometheus package may start a server where an init system exists; the tests do not want it.
$SUDO systemctl stop prometheus >/dev/null 2>&1 || true
command -v promtool >/dev/null
command -v prometheus >/dev/null
command -v npm >/dev/null
command -v tshark >/dev/null
[ -x /usr/bin/chromium ]
