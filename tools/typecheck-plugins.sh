#!/usr/bin/env bash
# Type-checks plugins/trdpsim.d.ts and every library scenario against it with the TypeScript compiler
# (pinned in tools/typecheck/package-lock.json), so the editor declarations plugin authors rely on stay
# true to the API the library actually uses. Needs Node.js and npm.
set -euo pipefail
cd "$(dirname "$0")/typecheck"
npm ci --no-audit --no-fund --loglevel=error >/dev/null
node_modules/.bin/tsc -p .
echo "plugin scenarios and trdpsim.d.ts: type check passed"
