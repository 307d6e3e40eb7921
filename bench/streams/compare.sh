#!/usr/bin/env bash
# Before/after of the live fan-out: bench/streams/run.sh alternated between two trdpsim binaries, ROUNDS times in the
# default mode and once each with `--realtime fifo`, so both see the same machine (it is shared and noisy). Prints
# each run's per-phase lines and JSON summary; the summaries stay in artifacts/bench/streams/compare-<label>.json.
#
#   BEFORE_BIN=<old trdpsim> AFTER_BIN=<new trdpsim> bench/streams/compare.sh
#   ROUNDS=1 FIFO=0 PHASES=4 ... bench/streams/compare.sh        # shorter; PHASES/PHASE_SECONDS go to run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
out="$(pwd)/artifacts/bench/streams"
mkdir -p "$out"
: "${BEFORE_BIN:?set BEFORE_BIN to the binary before the change}" "${AFTER_BIN:?set AFTER_BIN to the binary after it}"
rounds=${ROUNDS:-2}
export CLIENT_NICE=${CLIENT_NICE:-19} PHASES=${PHASES:-6} PHASE_SECONDS=${PHASE_SECONDS:-20}

run() { # label binary extra-args
  echo "=== $1 $(date -u +%T), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  TRDPSIM_BIN=$2 TRDPSIM_ARGS=$3 bench/streams/run.sh >"$out/compare-$1.json" 2>"$out/compare-$1.err" || { cat "$out/compare-$1.err"; exit 1; }
  grep -F '"phase"' "$out/compare-$1.err" || true
  cat "$out/compare-$1.json"
}

for round in $(seq 1 "$rounds"); do
  run "before$round" "$BEFORE_BIN" ""
  run "after$round" "$AFTER_BIN" ""
done
if [ "${FIFO:-1}" = 1 ]; then
  run before-fifo "$BEFORE_BIN" "--realtime fifo"
  run after-fifo "$AFTER_BIN" "--realtime fifo"
fi
