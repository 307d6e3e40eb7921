#!/usr/bin/env bash
# Hook benchmark of the NativeAOT binary (bench/hooks/hooks.js), back to back on the same (shared, noisy)
# machine:
#   1. throughput: 250k telegrams/s on the in-process network with a telegram hook on every one — the
#      script queue stays full, so events delivered per second is what JavaScript keeps up with;
#   2. lateness: the 100k telegrams/s loopback load without a hook, then with a hook sampling every
#      100th telegram (1k events/s), then with a hook on every telegram (100k events/s) — send-lateness
#      p99 of each, as ratios to the run without a hook.
#
#   bench/hooks/run.sh                      # 40 s per run (10 s warm-up)
#   HOOK_SECONDS=15 bench/hooks/run.sh      # quicker look
#
# Prints a markdown block for bench/RESULTS.md; raw outputs stay in artifacts/bench/hooks/.
set -euo pipefail
cd "$(dirname "$0")/../.."
out="$(pwd)/artifacts/bench/hooks"
mkdir -p "$out"
seconds=${HOOK_SECONDS:-40}
warmup=$((seconds / 4))

echo "== building the AOT binary" >&2
dotnet publish engine/TrdpSim -c Release -r linux-x64 -p:PublishAot=true -o "$out/trdpsim" -nologo -v q >"$out/publish.log" 2>&1 || { cat "$out/publish.log"; exit 1; }
bin="$out/trdpsim/trdpsim"

run() { # name, extra args…
  local name=$1; shift
  echo "== $name (${seconds} s)" >&2
  "$bin" run bench/hooks/hooks.js "$@" --duration "${seconds}s" --warmup "${warmup}s" --metrics off --no-progress \
    --summary-json "$out/$name.json" >"$out/$name.txt" 2>&1
}

run throughput --param transport=in-memory --param count=25000 --param hook=true
run off --param count=10000 --param hook=false
run sampled --param count=10000 --param hook=true --param sample=100
run every --param count=10000 --param hook=true --param sample=1

python3 - "$out" <<'PY'
import json, sys, os
out = sys.argv[1]
load = lambda n: json.load(open(os.path.join(out, n + ".json")))
t = load("throughput"); sc = t["scenarios"]
print(f"Throughput (in-process network, 250k telegrams/s offered, hook on every telegram): "
      f"{sc['eventsDelivered'] / t['elapsedSeconds']:,.0f} events/s delivered to JavaScript, "
      f"{sc['eventsDropped'] / t['elapsedSeconds']:,.0f}/s dropped (queue full); "
      f"{t['totals']['sent'] / t['elapsedSeconds']:,.0f} telegrams/s sent.")
print()
base = load("off")["sendLatenessNs"]["p99"]
print("| loopback 100k telegrams/s | events/s to JS | dropped/s | send lateness p50 / p99 / max | p99 vs no hook | dropped cycles |")
print("|---|---|---|---|---|---|")
for name, label in (("off", "no hook"), ("sampled", "hook, every 100th"), ("every", "hook, every telegram")):
    s = load(name); late = s["sendLatenessNs"]; sc = s.get("scenarios") or {"eventsDelivered": 0, "eventsDropped": 0}
    print(f"| {label} | {sc['eventsDelivered'] / s['elapsedSeconds']:,.0f} | {sc['eventsDropped'] / s['elapsedSeconds']:,.0f} "
          f"| {late['p50'] / 1000:.1f} / {late['p99'] / 1000:.1f} / {late['max'] / 1000:.1f} µs | {late['p99'] / base:.2f} | {s['totals']['droppedCycles']} |")
PY
