#!/usr/bin/env bash
# Alternates ways of playing the same 100k telegrams/s plan (configs/load-10k.toml) with one binary, and gives each
# run's send lateness over one window (bucket deltas of /metrics between two scrapes, read by bench/console/lateness.py)
# and where its threads' time went (CPU and run-queue wait per thread kind, own stalls):
#   run      trdpsim run, defaults
#   pinned   trdpsim run --wheel-cpus 1 --receive-cpus 0 (the wheel and the receive thread on different CPUs)
#   serve    the same plan started over HTTP on a trdpsim serve daemon
#
#   TRDPSIM_BIN=<published trdpsim> bench/load/modes.sh                 # 2 rounds of the three, 120-s windows (~15 min)
#   MODES="run serve" ROUNDS=3 WINDOW=60 TRDPSIM_BIN=… bench/load/modes.sh
#
# Run it on a quiet machine. Raw scrapes stay in artifacts/bench/modes/.
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${TRDPSIM_BIN:?set TRDPSIM_BIN to a published trdpsim (dotnet publish engine/TrdpSim -c Release -r linux-x64 -p:PublishAot=true)}
out=artifacts/bench/modes
mkdir -p "$out"
rounds=${ROUNDS:-2}
window=${WINDOW:-120}
modes=${MODES:-"run pinned serve"}
duration=$((window + 25))
plan="$(pwd)/configs/load-10k.toml"

for round in $(seq 1 "$rounds"); do
  for mode in $modes; do
    port=$((20000 + RANDOM % 20000)); url="http://127.0.0.1:$port"
    rm -rf "$out/store-$mode"
    case $mode in
      run)    "$bin" run "$plan" --duration "${duration}s" --metrics "127.0.0.1:$port" --no-progress --data-dir "$out/store-$mode" >"$out/$mode-$round.txt" 2>&1 & ;;
      pinned) "$bin" run "$plan" --duration "${duration}s" --metrics "127.0.0.1:$port" --no-progress --data-dir "$out/store-$mode" \
                --wheel-cpus 1 --receive-cpus 0 >"$out/$mode-$round.txt" 2>&1 & ;;
      serve)  "$bin" serve --urls "$url" --token-file "$out/token" --data-dir "$out/store-$mode" >"$out/$mode-$round.txt" 2>&1 & ;;
      *) echo "bench/load/modes.sh: unknown mode '$mode' (run, pinned, serve)" >&2; exit 2 ;;
    esac
    pid=$!
    if [ "$mode" = serve ]; then
      for _ in $(seq 1 100); do curl -fsS "$url/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
      curl -fsS -X POST "$url/api/runs" -H "Authorization: Bearer $(cat "$out/token")" -H 'Content-Type: application/json' \
        -d "{\"files\":[\"$plan\"],\"duration\":\"${duration}s\"}" >/dev/null
    fi
    sleep 15
    curl -fsS "$url/metrics" -o "$out/$mode-$round-0.txt"
    sleep "$window"
    curl -fsS "$url/metrics" -o "$out/$mode-$round-1.txt"
    if [ "$mode" = serve ]; then sleep 12; kill -TERM "$pid"; fi
    wait "$pid" || true
    echo "$mode $round $(python3 bench/console/lateness.py "$out/$mode-$round-0.txt" "$out/$mode-$round-1.txt")"
    echo "$mode $round $(python3 bench/load/thread_time.py "$out/$mode-$round-0.txt" "$out/$mode-$round-1.txt" "$window")"
  done
done
