#!/usr/bin/env bash
# Fault benchmark of the NativeAOT binary on loopback: the 100k telegrams/s load without faults
# (configs/load-10k.toml) and with every PD fault kind active (bench/faults/all-faults.toml), run
# back to back so the (shared, noisy) machine is compared with itself.
#
#   bench/faults/run.sh                       # 70 s each (10 s warm-up + 60 s steady)
#   FAULT_SECONDS=20 bench/faults/run.sh      # quicker look
#
# Prints a markdown block for bench/RESULTS.md; raw outputs stay in artifacts/bench/faults/.
set -euo pipefail
cd "$(dirname "$0")/../.."
out="$(pwd)/artifacts/bench/faults"
mkdir -p "$out"
seconds=${FAULT_SECONDS:-70}

echo "== building the AOT binary" >&2
dotnet publish engine/TrdpSim -c Release -r linux-x64 -p:PublishAot=true -o "$out/trdpsim" -nologo -v q >"$out/publish.log" 2>&1 || { cat "$out/publish.log"; exit 1; }
bin="$out/trdpsim/trdpsim"

echo "== baseline: configs/load-10k.toml for ${seconds} s" >&2
"$bin" run configs/load-10k.toml --duration "${seconds}s" --warmup 10s --metrics off --no-progress \
  --summary-json "$out/baseline.json" >"$out/baseline.txt" 2>&1

echo "== every PD fault kind: bench/faults/all-faults.toml for ${seconds} s" >&2
"$bin" run bench/faults/all-faults.toml --duration "${seconds}s" --warmup 10s --metrics off --no-progress \
  --summary-json "$out/faults.json" >"$out/faults.txt" 2>&1

python3 - "$out/baseline.json" "$out/faults.json" <<'PY'
import json, sys
base, faults = (json.load(open(p)) for p in sys.argv[1:3])
us = lambda ns: ns / 1000.0
def row(label, s):
    t, late, w = s["totals"], s["sendLatenessNs"], s.get("steadyWindow", {})
    per = w.get("allocatedBytes", 0) / max(w.get("sentInWindow", 1), 1)
    rate = t["sent"] / s["elapsedSeconds"]
    print(f"| {label} | {rate:,.0f}/s | {us(late['p50']):.1f} / {us(late['p99']):.1f} / {us(late['p999']):.1f} / {us(late['max']):.1f} µs "
          f"| {t['droppedCycles']} | {per:.4f} B, gen0 {w.get('gen0', '-')} | {s['processEnd']['peakResidentBytes'] / 2**20:.1f} MiB |")
print("| run | sent | send lateness p50 / p99 / p99.9 / max | dropped cycles | steady allocation per telegram | peak RSS |")
print("|---|---|---|---|---|---|")
row("no faults (load-10k)", base)
row("13 PD fault kinds (all-faults)", faults)
print()
print("| fault | kind | strikes |")
print("|---|---|---|")
for f in faults.get("faults", []):
    print(f"| {f['name']} | {f['kind']} | {f['strikes']} |")
r = faults["rejects"]
print()
print(f"Receiver rejects with faults: bad_fcs {r['bad_fcs']}, topo_mismatch {r['topo_mismatch']}; "
      f"lost {faults['totals']['lost']}, duplicates {faults['totals']['duplicates']}, out-of-order {faults['totals']['outOfOrder']}, "
      f"delayed {faults['totals']['delayed']}. Target: the fault run keeps the PD core's lateness targets (p50 ≤ 50 µs, p99 ≤ 1 ms).")
PY
