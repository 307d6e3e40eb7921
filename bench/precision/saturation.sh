#!/usr/bin/env bash
# Saturation with self-receive against the C sendmmsg ceiling measured in the same run: device A publishes N
# telegrams on a 100 ms cycle to B, which subscribes them all (bench/load/saturation.toml.in), N raised in
# steps until the rate is no longer sustained (receive loss, received < sent, achieved < 99 % of offered, or
# any dropped cycle: a rate at which the wheel skips cycles is not kept, even if the totals look whole).
# The ratio highest-sustained / C-ceiling is the figure (target ≥ 0.85). The C ceiling is the median of
# C_SAMPLES runs before and C_SAMPLES after the sweep: single 5-s samples on this VM spread by up to 3×.
# trdpsim hands runs of datagrams to one destination to the kernel as segmented messages ([engine] segment-sends),
# which the sendmmsg probe does not: the C probe of segmented sends (segment-ceiling.c, 64 datagrams per message) is
# measured the same way and its ratio printed too, so neither ceiling flatters the figure. trdpsim also reads such runs
# whole on loopback-bound sockets (UDP_GRO); the probe's -G mode does so too and its rate is printed last — it only
# counts datagrams from the kernel's segment size, doing no work per datagram at all, so it bounds the kernel's share.
#
#   bench/precision/saturation.sh                          # 10 s per step from 300k/s in 25k steps, ~5 min
#   SAT_SECONDS=3 SAT_START=200000 SAT_MAX=250000 bench/precision/saturation.sh   # a quick look
#   WAIT_ARGS="--wait precision" bench/precision/saturation.sh                   # another wait
#
# Environment: SAT_SECONDS (10), SAT_START (300000), SAT_STEP (25000), SAT_MAX (900000), WAIT_ARGS (""), TRDPSIM_BIN (a built binary),
# C_SAMPLES (3).
# Prints a markdown block; raw outputs in artifacts/bench/saturation/.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
perf="$root/../shared/tools/perf"
out="$root/artifacts/bench/saturation"
mkdir -p "$out"
sat_s=${SAT_SECONDS:-10}
start=${SAT_START:-300000}
step=${SAT_STEP:-25000}
max=${SAT_MAX:-900000}
wait_args=${WAIT_ARGS:-}
c_samples=${C_SAMPLES:-3}

echo "== building the C probe and the AOT binary" >&2
gcc -O2 -pthread -o "$out/udpbench" "$perf/c/udpbench.c"
gcc -O2 -pthread -o "$out/segment-ceiling" bench/precision/segment-ceiling.c
if [ -n "${TRDPSIM_BIN:-}" ]; then
  bin=$TRDPSIM_BIN   # a binary built already (of this tree: the commit line below names the tree)
else
  dotnet publish engine/TrdpSim -c Release -r linux-x64 -p:PublishAot=true -o "$out/trdpsim" -nologo -v q >"$out/publish.log" 2>&1 || { cat "$out/publish.log"; exit 1; }
  bin="$out/trdpsim/trdpsim"
fi
commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- engine || echo "+changes")
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }

c_ceiling() { # prints C_SAMPLES receive rates of the C probe, space-separated
  local i
  for i in $(seq 1 "$c_samples"); do
    "$out/udpbench" -r both -a mmsgc -b 64 -s 64 -t 5 -p 29311 | field rx_pps
  done | tr '\n' ' '
}
segment_ceiling() { # the same for segmented sends ($1: extra probe flags)
  local i
  for i in $(seq 1 "$c_samples"); do
    "$out/segment-ceiling" -s 64 -g 64 -t 5 -p 29312 ${1:-} | field rx_pps
  done | tr '\n' ' '
}
echo "== C sendmmsg ceiling (connected, batch 64, 64 B, 5 s) × $c_samples, before the sweep" >&2
c_before=$(c_ceiling)
echo "== C segmented-send ceiling (64 datagrams per message) × $c_samples, before the sweep" >&2
s_before=$(segment_ceiling)

rows="$out/rows.txt"
: >"$rows"
best=0
rate=$start
while [ "$rate" -le "$max" ]; do
  per_cycle=$((rate / 10))
  cfg="$out/sat-$rate.toml"
  sed -e "s/@COUNT@/$per_cycle/g" -e "s/@HALF@/$((per_cycle / 2))/g" bench/load/saturation.toml.in >"$cfg"
  echo "== offered $rate/s (${sat_s} s)" >&2
  # shellcheck disable=SC2086
  "$bin" run "$cfg" --duration "${sat_s}s" --warmup 2s --metrics off --no-progress $wait_args \
    --summary-json "$out/sat-$rate.json" >"$out/sat-$rate.txt" 2>&1 || true
  row=$(python3 - "$out/sat-$rate.json" "$rate" <<'PY'
import json, os, sys
if not os.path.exists(sys.argv[1]):
    print("error 0 0 0 0 0")  # the run did not start (see its .txt)
    sys.exit()
s = json.load(open(sys.argv[1])); t = s["totals"]; offered = int(sys.argv[2])
achieved = t["sent"] / s["elapsedSeconds"]
ok = (t["lost"] == 0 and t["sendFailures"] == 0 and t["droppedCycles"] == 0
      and t["received"] >= 0.999 * t["sent"] and achieved >= 0.99 * offered)
cpu = s.get("cpu", {}).get("steadyWindow") or s.get("cpu", {}).get("run") or {}
print("yes" if ok else "no", round(achieved), t["lost"], t["droppedCycles"], f"{cpu.get('percentOfCore', 0):.0f}", f"{cpu.get('nsPerTelegramSent', 0) / 1000:.2f}")
PY
)
  echo "$rate $row" >>"$rows"
  echo "   sustained, achieved/s, lost, dropped cycles, CPU %, µs/telegram = $row" >&2
  case $row in error*) tail -3 "$out/sat-$rate.txt" >&2 ;; esac
  set -- $row
  if [ "$1" = yes ]; then best=$rate; else break; fi
  rate=$((rate + step))
done

echo "== C sendmmsg ceiling again × $c_samples, after the sweep" >&2
c_after=$(c_ceiling)
s_after=$(segment_ceiling)
echo "== C segmented sends read whole (-G) × $c_samples, after the sweep" >&2
g_after=$(segment_ceiling -G)

python3 - "$rows" "$best" "$c_before" "$c_after" "$commit" "$sat_s" "$wait_args" "$s_before" "$s_after" "$g_after" <<'PY'
import statistics, sys
rows, best, commit, secs, wait = sys.argv[1], int(sys.argv[2]), sys.argv[5], sys.argv[6], sys.argv[7]
before = [float(x) for x in sys.argv[3].split()]
after = [float(x) for x in sys.argv[4].split()]
print(f"Commit `{commit}`, {secs} s per step, wait args '{wait or 'default'}'.")
print()
print("| offered telegrams/s | achieved/s | lost | dropped cycles | process CPU % | CPU per telegram sent | sustained |")
print("|---|---|---|---|---|---|---|")
for line in open(rows):
    rate, ok, achieved, lost, dropped, cpu, per = line.split()
    print(f"| {int(rate):,} | {int(achieved):,} | {lost} | {dropped} | {cpu} | {per} µs | {ok} |")
ceiling = statistics.median(before + after)
fmt = lambda xs: " / ".join(f"{x:,.0f}" for x in xs)
print()
print(f"C connected sendmmsg ceiling, same run: {fmt(before)} before, {fmt(after)} after the sweep (median {ceiling:,.0f} pps).")
print(f"Highest sustained rate with self-receive: {best:,} telegrams/s; **ratio {best / ceiling:.2f}** (target ≥ 0.85).")
seg_before = [float(x) for x in sys.argv[8].split()]
seg_after = [float(x) for x in sys.argv[9].split()]
seg_ceiling = statistics.median(seg_before + seg_after)
print(f"C segmented-send ceiling (received, 64 per message), same run: {fmt(seg_before)} before, {fmt(seg_after)} after "
      f"(median {seg_ceiling:,.0f} pps): ratio {best / seg_ceiling:.2f}.")
whole = [float(x) for x in sys.argv[10].split()]
print(f"C segmented sends read whole (UDP_GRO; counting only, no work per datagram), after the sweep: {fmt(whole)} pps "
      f"(median {statistics.median(whole):,.0f}): ratio {best / statistics.median(whole):.2f}.")
PY
