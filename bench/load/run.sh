#!/usr/bin/env bash
# Load benchmark of the NativeAOT binary on loopback, with the C baselines of ../shared/tools/perf
# measured in the same run (the machine is shared and noisy: compare ratios, not absolutes).
#
#   bench/load/run.sh                 # full: 70 s load (10 s warm-up + 60 s steady) + saturation sweep
#   LOAD_SECONDS=20 SAT_SECONDS=5 bench/load/run.sh   # quicker look
#
# Prints a markdown block for bench/RESULTS.md; raw outputs stay in artifacts/bench/.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
perf="$root/../shared/tools/perf"
out="$root/artifacts/bench"
mkdir -p "$out"
load_s=${LOAD_SECONDS:-70}
sat_s=${SAT_SECONDS:-10}

echo "== building C probes and the AOT binary" >&2
gcc -O2 -pthread -o "$out/udpbench" "$perf/c/udpbench.c"
gcc -O2 -o "$out/timerjit" "$perf/c/timerjit.c"
dotnet publish engine/TrdpSim -c Release -r linux-x64 -p:PublishAot=true -o "$out/trdpsim" -nologo -v q >"$out/publish.log" 2>&1 || { cat "$out/publish.log"; exit 1; }
bin="$out/trdpsim/trdpsim"

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }

echo "== C clock_nanosleep probe (1 ms period, 10 s)" >&2
c_timer=$("$out/timerjit" -m nanosleep -p 1000 -t 10)
c_p50=$(echo "$c_timer" | field late_p50); c_p99=$(echo "$c_timer" | field late_p99)

echo "== load: configs/load-10k.toml for ${load_s} s" >&2
"$bin" run configs/load-10k.toml --duration "${load_s}s" --warmup 10s --metrics off --no-progress \
  --summary-json "$out/load.json" >"$out/load.txt" 2>&1

echo "== C sendmmsg ceiling (connected, batch 64, 64 B, 5 s)" >&2
c_sat=$("$out/udpbench" -r both -a mmsgc -b 64 -s 64 -t 5 -p 29311)
c_pps=$(echo "$c_sat" | field rx_pps)

echo "== saturation sweep (${sat_s} s per step)" >&2
best=0
for rate in 200000 300000 400000 500000 600000 700000 800000 900000 1000000 1100000 1200000; do
  per_cycle=$((rate / 10))   # telegrams per 100 ms cycle
  cfg="$out/sat-$rate.toml"
  sed -e "s/@COUNT@/$per_cycle/g" -e "s/@HALF@/$((per_cycle / 2))/g" bench/load/saturation.toml.in >"$cfg"
  "$bin" run "$cfg" --duration "${sat_s}s" --warmup 2s --metrics off --no-progress --summary-json "$out/sat-$rate.json" >"$out/sat-$rate.txt" 2>&1 || true
  ok=$(python3 - "$out/sat-$rate.json" "$sat_s" "$rate" <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); t = s["totals"]
# Sustained: no receive loss, everything sent was received, and the achieved rate is within 1 % of
# the offered one (a few cycles dropped by a host stall are tolerated, a sender that cannot keep up is not).
offered = int(sys.argv[3])
achieved = t["sent"] / s["elapsedSeconds"]
clean = t["lost"] == 0 and t["sendFailures"] == 0 and t["received"] >= 0.999 * t["sent"] and achieved >= 0.99 * offered
print("yes" if clean else "no", round(achieved), t["lost"], t["droppedCycles"], t["timeouts"])
PY
)
  echo "   offered $rate/s: sustained, achieved/s, lost, dropped cycles, timeouts = $ok" >&2
  set -- $ok
  if [ "$1" = yes ]; then best=$rate; else break; fi
done

python3 - "$out/load.json" "$c_p50" "$c_p99" "$c_pps" "$best" "$load_s" <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); c_p50, c_p99, c_pps, best, load_s = float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
t = s["totals"]; late = s["sendLatenessNs"]; w = s.get("steadyWindow", {})
us = lambda ns: ns / 1000.0
print(f"| figure | value | target |")
print(f"|---|---|---|")
print(f"| telegrams sent / received | {t['sent']} / {t['received']} over {s['elapsedSeconds']:.1f} s | 100k/s |")
print(f"| lost / dropped cycles / timeouts / send failures | {t['lost']} / {t['droppedCycles']} / {t['timeouts']} / {t['sendFailures']} | 0 |")
print(f"| send lateness p50 / p99 / p99.9 / max | {us(late['p50']):.1f} / {us(late['p99']):.1f} / {us(late['p999']):.1f} / {us(late['max']):.1f} µs | p50 ≤ 50 µs, p99 ≤ 1 ms |")
print(f"| C clock_nanosleep probe p50 / p99 (same run) | {c_p50:.1f} / {c_p99:.1f} µs | |")
print(f"| our p99 / C p99 | {us(late['p99']) / c_p99:.2f} | ≤ 2 |")
if w:
    per = w['allocatedBytes'] / max(w.get('sentInWindow', 1), 1)
    print(f"| steady window | {w['seconds']:.1f} s: {w['allocatedBytes']} B allocated ({per:.4f} B/telegram), gen0 {w['gen0']}, gen1 {w['gen1']}, gen2 {w['gen2']} | 0 B/telegram, no gen0 |")
cpu = s.get("cpu", {}).get("steadyWindow") or s.get("cpu", {}).get("run")
if cpu:
    th = cpu["threads"]
    print(f"| CPU ({s.get('engine', {}).get('wait', '?')} wait) | {cpu['percentOfCore']:.1f} % of one core (wheel {th['wheel']['percentOfCore']:.1f}, receive {th['receive']['percentOfCore']:.1f}), "
          f"{cpu['nsPerTelegramSent'] / 1000:.2f} µs per telegram sent | |")
print(f"| RSS end / peak | {s['processEnd']['residentBytes'] / 2**20:.1f} / {s['processEnd']['peakResidentBytes'] / 2**20:.1f} MiB | ≤ 150 MB |")
print(f"| saturation (no loss, self-receive) | {best} telegrams/s | |")
print(f"| C connected sendmmsg ceiling (same run) | {c_pps:.0f} pps | |")
print(f"| saturation / C ceiling | {best / c_pps:.2f} | ≥ 0.5 |")
PY
