#!/usr/bin/env bash
# Type-checks plugins/trdpsim.d.ts and every library scenario against it with the TypeScript compiler
# (pinned in tools/typecheck/package-lock.json), so the editor declarations plugin authors rely on stay
# true to the API the library actually uses; then a strict-mode TypeScript fixture (typecheck/strict/) that
# uses every hook kind's event and the run API as a TypeScript author would. Needs Node.js and npm.
set -euo pipefail
cd "$(dirname "$0")/typecheck"
npm ci --no-audit --no-fund --loglevel=error >/dev/null
node_modules/.bin/tsc -p .
# A strict-mode TypeScript author's use of the API (strict/hooks.ts): each hook kind's event type, run.inject/repair.
node_modules/.bin/tsc -p strict
echo "plugin scenarios, trdpsim.d.ts and the strict-mode fixture: type check passed"
