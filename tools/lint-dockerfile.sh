#!/usr/bin/env bash
# Lints the Dockerfile with dockerfile-utils (the linter behind the Docker language server; pinned in
# tools/dockerlint/package-lock.json): unknown instructions, missing or malformed arguments, bad flags
# and ports. hadolint is no Debian package and fetching its binary is not possible here, and no Docker
# engine is at hand to build the image, so the project's own rules — published base-image tags, the
# plugins shipped, a non-root final stage — are checked by the unit test
# tests/TrdpSim.Tests/Container/DockerfileTests.cs. Needs Node.js and npm.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/tools/dockerlint"
npm ci --no-audit --no-fund --loglevel=error >/dev/null
# dockerfile-utils exits 1 and prints every problem with its line when the Dockerfile has any.
node_modules/.bin/dockerfile-utils lint "$root/Dockerfile"
echo "Dockerfile: lint passed"
