#!/usr/bin/env bash
# Redundancy switchover gap: two partners in redundancy group 1 publish on a 10 ms cycle and the lead moves to the
# other partner SWITCHOVERS times (1,000 by default) for each cause in CAUSES:
#   command         run.switchover() every EVERY (50 ms): a control change;
#   leader-silence  the leader is switched off every SILENCE_EVERY (100 ms) and the follower takes over once it has
#                   not heard it for TAKEOVER_AFTER (30 ms, three cycles).
# The subscriber that names both records each gap (last telegram of the old leader → first of the new one); the
# group records the gap on the wire and counts switchovers by cause. Prints one markdown block for
# bench/RESULTS.md; raw outputs stay in artifacts/bench/redundancy/.
#
#   bench/redundancy/run.sh                                  # full: 1,000 of each cause (about 52 s + 103 s)
#   SWITCHOVERS=20 bench/redundancy/run.sh                   # a quick check that it works (figures mean little)
#   CAUSES=leader-silence bench/redundancy/run.sh            # one cause only
#   BIN=artifacts/bin/TrdpSim/release/trdpsim …              # use an existing build instead of publishing NativeAOT
#
# Command: the new leader sends from its own next cycle on its own grid (traffic shaping puts the partners half a
# cycle apart), so a gap is about half a cycle or one and a half cycles, depending on where the command lands.
# Leader silence: the gap is the takeover time plus up to one follower cycle (the followers check once a cycle)
# plus the wait for the new leader's next cycle.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
out="$root/artifacts/bench/redundancy"
mkdir -p "$out"
switchovers=${SWITCHOVERS:-1000}
cycle=${CYCLE:-10ms}
every=${EVERY:-50ms}
silence_every=${SILENCE_EVERY:-100ms}
takeover_after=${TAKEOVER_AFTER:-30ms}
causes=${CAUSES:-command leader-silence}

if [[ -n "${BIN:-}" ]]; then
  bin="$BIN"
else
  echo "== building the AOT binary" >&2
  dotnet publish engine/TrdpSim -c Release -r linux-x64 -p:PublishAot=true -o "$out/trdpsim" -nologo -v q >"$out/publish.log" 2>&1 || { cat "$out/publish.log"; exit 1; }
  bin="$out/trdpsim/trdpsim"
fi

echo "### Redundancy switchovers ($switchovers asked per cause, cycle $cycle)"
echo
echo "| cause | switchovers (group: command / leader silence) | seen by the subscriber | starting at counter 0 | lost | subscriber's gap p50 | p90 | p99 | max | gap on the wire p50 | p99 |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for cause in $causes; do
  case "$cause" in
    command) step=$every ;;
    leader-silence) step=$silence_every ;;
    *) echo "unknown cause '$cause' (command, leader-silence)" >&2; exit 2 ;;
  esac
  step_ms=${step%ms}
  duration_s=$(( (switchovers * step_ms) / 1000 + 3 ))
  echo "== $cause: $switchovers switchovers, cycle $cycle, one every $step (${duration_s} s)" >&2
  "$bin" run bench/redundancy/switchover.js --param "switchovers=$switchovers" --param "cycle=$cycle" --param "every=$step" \
    --param "cause=$cause" --param "takeoverAfter=$takeover_after" \
    --duration "${duration_s}s" --metrics off --no-progress --summary-json "$out/summary-$cause.json" >"$out/run-$cause.txt" 2>&1 \
    || { cat "$out/run-$cause.txt"; exit 1; }
  python3 - "$out/summary-$cause.json" "$cause" <<'PY'
import json, sys
summary = json.load(open(sys.argv[1]))
row = [t for t in summary["telegrams"] if t["device"] == "rx"][0]
c = row["counters"]
gap = row.get("switchoverGapNs", {})
group = summary["redundancy"][0]
wire = group.get("gapNs", {})
ms = lambda ns: f"{ns / 1e6:.2f} ms"
s = group["switchovers"]
print(f"| {sys.argv[2]} | {s['command']} / {s['leaderSilence']} | {c['switchovers']} | {c['switchoversFromZero']} | {c['lost']} | "
      f"{ms(gap.get('p50', 0))} | {ms(gap.get('p90', 0))} | {ms(gap.get('p99', 0))} | {ms(gap.get('max', 0))} | "
      f"{ms(wire.get('p50', 0))} | {ms(wire.get('p99', 0))} |")
PY
done
