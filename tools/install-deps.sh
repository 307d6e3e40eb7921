#!/usr/bin/env bash
# Installs what the tests need beyond the .NET SDK: promtool (Debian package "prometheus") to lint
# the /metrics output. Idempotent; needs root (CI runs as root) or passwordless sudo.
set -euo pipefail
if command -v promtool >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# --no-install-recommends: only promtool is needed, not a running Prometheus server.
$SUDO apt-get install -y -qq --no-install-recommends prometheus >/dev/null
# The package may start a server where an init system exists; the tests do not want it.
$SUDO systemctl stop prometheus >/dev/null 2>&1 || true
command -v promtool >/dev/null
