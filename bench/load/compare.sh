#!/usr/bin/env bash
# Load benchmark of two trdpsim builds in one session: a baseline binary (an earlier commit, published with
# the same dotnet publish command) and this checkout's, alternated ROUNDS times on configs/load-10k.toml
# (100k telegrams/s sent and received on loopback), with the C clock_nanosleep probe of ../shared/tools/perf
# measured in the same session. Ratios against the baseline are the figures (the machine is shared and noisy).
#
#   BASE_BIN=/path/to/old/trdpsim BASE_CONFIG=/path/to/old/configs/load-10k.toml bench/load/compare.sh
#   LOAD_SECONDS=20 ROUNDS=2 NEW_WAITS="hybrid efficient" …     # defaults
#
# NEW_WAITS runs this checkout once per wait mode (hybrid = the baseline's spinning default).
# Prints a markdown table for bench/RESULTS.md; raw outputs stay in artifacts/bench/compare/.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
out="$root/artifacts/bench/compare"
mkdir -p "$out"
load_s=${LOAD_SECONDS:-20}
rounds=${ROUNDS:-2}
waits=${NEW_WAITS:-"hybrid efficient"}
: "${BASE_BIN:?BASE_BIN must name the baseline binary}"
base_config=${BASE_CONFIG:-configs/load-10k.toml}
bin=${NEW_BIN:-}
if [ -z "$bin" ]; then
  dotnet publish engine/TrdpSim -c Release -r linux-x64 -p:PublishAot=true -o "$out/trdpsim" -nologo -v q >"$out/publish.log" 2>&1 || { cat "$out/publish.log"; exit 1; }
  bin="$out/trdpsim/trdpsim"
fi
gcc -O2 -o "$out/timerjit" "$root/../shared/tools/perf/c/timerjit.c"
c_p99=$("$out/timerjit" -m nanosleep -p 1000 -t 10 | sed -n 's/.* late_p99=\([^ ]*\).*/\1/p')
: >"$out/runs.tsv"
for r in $(seq 1 "$rounds"); do
  echo "== round $r: baseline" >&2
  "$BASE_BIN" run "$base_config" --duration "${load_s}s" --warmup 5s --metrics off --no-progress --summary-json "$out/base-$r.json" >"$out/base-$r.txt" 2>&1 || true
  echo -e "base\t$out/base-$r.json" >>"$out/runs.tsv"
  for w in $waits; do
    echo "== round $r: this checkout, --wait $w" >&2
    "$bin" run configs/load-10k.toml --duration "${load_s}s" --warmup 5s --metrics off --no-progress --no-store --wait "$w" \
      --summary-json "$out/new-$w-$r.json" >"$out/new-$w-$r.txt" 2>&1 || true
    echo -e "new $w\t$out/new-$w-$r.json" >>"$out/runs.tsv"
  done
done
python3 - "$out/runs.tsv" "$c_p99" <<'PY'
import json, sys, statistics
rows = [l.split("\t") for l in open(sys.argv[1]).read().splitlines() if l]
c_p99 = float(sys.argv[2])
by = {}
for name, path in rows:
    s = json.load(open(path)); t = s["totals"]; late = s["sendLatenessNs"]; w = s.get("steadyWindow", {})
    per = w.get("allocatedBytes", 0) / max(w.get("sentInWindow", 1), 1) if w else float("nan")
    cpu = (s.get("cpu", {}) or {}).get("steadyWindow") or (s.get("cpu", {}) or {}).get("run")
    by.setdefault(name, []).append((late["p50"] / 1000, late["p99"] / 1000, t["lost"], t["droppedCycles"], t["sent"] / s["elapsedSeconds"], per,
                                    cpu["percentOfCore"] if cpu else float("nan")))
base = by["base"]
med = lambda xs, i: statistics.median(x[i] for x in xs)
print(f"C clock_nanosleep p99 in the same session: {c_p99:.1f} µs")
print("| build | send lateness p50 / p99 (median of rounds) | p99 / baseline p99 | lost / dropped | sent/s | B per telegram | CPU % of a core |")
print("|---|---|---|---|---|---|---|")
for name, xs in by.items():
    print(f"| {name} | {med(xs,0):.1f} / {med(xs,1):.1f} µs | {med(xs,1) / med(base,1):.2f} | {sum(x[2] for x in xs)} / {sum(x[3] for x in xs)} | "
          f"{med(xs,4):,.0f} | {med(xs,5):.4f} | {med(xs,6):.1f} |")
PY
