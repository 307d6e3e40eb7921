#!/usr/bin/env bash
# Redundancy switchover gap: two partners in redundancy group 1 publish on a 10 ms cycle, the lead moves to the
# other partner every 50 ms (SWITCHOVERS times, 1,000 by default), and the subscriber that names both records
# each gap (last telegram of the old leader → first of the new one). Prints the gap percentiles and the counts
# as a markdown block for bench/RESULTS.md; raw outputs stay in artifacts/bench/redundancy/.
#
#   bench/redundancy/run.sh                       # full: 1,000 switchovers (about 52 s)
#   SWITCHOVERS=20 bench/redundancy/run.sh        # a quick check that it works (figures mean little)
#   BIN=artifacts/bin/TrdpSim/release/trdpsim …   # use an existing build instead of publishing NativeAOT
#
# The new leader sends from its own next cycle on its own grid (traffic shaping puts the partners half a cycle
# apart), so a gap is about half a cycle or one and a half cycles, depending on where the command lands.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
out="$root/artifacts/bench/redundancy"
mkdir -p "$out"
switchovers=${SWITCHOVERS:-1000}
cycle=${CYCLE:-10ms}
every=${EVERY:-50ms}

if [[ -n "${BIN:-}" ]]; then
  bin="$BIN"
else
  echo "== building the AOT binary" >&2
  dotnet publish engine/TrdpSim -c Release -r linux-x64 -p:PublishAot=true -o "$out/trdpsim" -nologo -v q >"$out/publish.log" 2>&1 || { cat "$out/publish.log"; exit 1; }
  bin="$out/trdpsim/trdpsim"
fi

every_ms=${every%ms}
duration_s=$(( (switchovers * every_ms) / 1000 + 3 ))
echo "== $switchovers switchovers, cycle $cycle, one every $every (${duration_s} s)" >&2
"$bin" run bench/redundancy/switchover.js --param "switchovers=$switchovers" --param "cycle=$cycle" --param "every=$every" \
  --duration "${duration_s}s" --metrics off --no-progress --summary-json "$out/summary.json" >"$out/run.txt" 2>&1 || { cat "$out/run.txt"; exit 1; }

python3 - "$out/summary.json" "$switchovers" "$cycle" <<'PY'
import json, sys
summary = json.load(open(sys.argv[1]))
rows = [t for t in summary["telegrams"] if t["device"] == "rx"]
row = rows[0]
c = row["counters"]
gap = row.get("switchoverGapNs", {})
ms = lambda ns: f"{ns / 1e6:.2f} ms"
print(f"### Redundancy switchover gap ({sys.argv[2]} switchovers asked, cycle {sys.argv[3]})\n")
print("| switchovers seen | starting at counter 0 | lost | gap p50 | p90 | p99 | max |")
print("|---|---|---|---|---|---|---|")
print(f"| {c['switchovers']} | {c['switchoversFromZero']} | {c['lost']} | {ms(gap.get('p50', 0))} | {ms(gap.get('p90', 0))} | {ms(gap.get('p99', 0))} | {ms(gap.get('max', 0))} |")
PY
