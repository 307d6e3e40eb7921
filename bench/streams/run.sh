#!/usr/bin/env bash
# Live fan-out benchmark: a 100k telegrams/s run (configs/load-10k.toml) with its live streams on, played in
# alternating phases without and with 10 WebSocket subscribers (bench/streams/fanout.py). During a phase with
# subscribers an ingest feeder posts events at INGEST_RATE lines/s, which every subscriber receives besides the
# run's samples; the figures are the messages delivered to all subscribers per second and the send lateness p99
# of each phase alone (from the /metrics histogram, bucket deltas), with vs. without subscribers in the same run.
#
#   bench/streams/run.sh                                   # 6 phases of 20 s, 10 subscribers, 10 000 events/s
#   PHASE_SECONDS=3 PHASES=2 bench/streams/run.sh          # a quick check that it works (figures mean nothing)
#   TRDPSIM_BIN=artifacts/bin/TrdpSim/release/trdpsim bench/streams/run.sh   # skip the AOT publish
#   CLIENT_NICE=19 bench/streams/run.sh                    # subscribers and feeder at nice 19: on a 2-core machine they
#                                                          # stand in for clients on other hosts, so what is left is trdpsim's own cost
#   TRDPSIM_ARGS="--realtime fifo" bench/streams/run.sh    # more options for the run (here: the wheel at real-time priority)
#
# Targets: ≥ 100 000 messages/s delivered in all; send-lateness p99 with subscribers within 10 % of without.
# Prints the per-phase lines on stderr and a JSON summary on stdout; raw output stays in artifacts/bench/streams/.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
out="$root/artifacts/bench/streams"
mkdir -p "$out"
phase_s=${PHASE_SECONDS:-20}
phases=${PHASES:-6}
subscribers=${SUBSCRIBERS:-10}
rate=${INGEST_RATE:-10000}

bin=${TRDPSIM_BIN:-}
if [ -z "$bin" ]; then
  echo "== publishing the AOT binary" >&2
  dotnet publish engine/TrdpSim -c Release -r linux-x64 -p:PublishAot=true -o "$out/trdpsim" -nologo -v q >"$out/publish.log" 2>&1 || { cat "$out/publish.log"; exit 1; }
  bin="$out/trdpsim/trdpsim"
fi

duration=$(( phase_s * phases + 60 ))   # ended with Ctrl-C after the last phase; the margin covers a slow start
echo "== configs/load-10k.toml for up to ${duration} s, streams on 127.0.0.1" >&2
"$bin" run configs/load-10k.toml --duration "${duration}s" --warmup 3s --metrics 127.0.0.1:0 --no-progress \
  --summary-json "$out/run.json" ${TRDPSIM_ARGS:-} >"$out/run.txt" 2>"$out/run.err" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT

base=""
for _ in $(seq 1 100); do
  base=$(sed -n 's/.*metrics at \(http:\/\/[0-9.]*:[0-9]*\/\)metrics.*/\1/p' "$out/run.err" | head -1)
  [ -n "$base" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$out/run.err" >&2; exit 1; }
  sleep 0.1
done
[ -n "$base" ] || { echo "no metrics address in $out/run.err" >&2; exit 1; }
echo "== streams at $base; warming up 3 s" >&2
sleep 3

${CLIENT_NICE:+nice -n $CLIENT_NICE} python3 bench/streams/fanout.py "$base" "$subscribers" "$rate" "$phase_s" "$phases" | tee "$out/fanout.json"

kill -INT "$pid" 2>/dev/null || true
wait "$pid" || true
trap - EXIT
grep -i "overload\|warn" "$out/run.err" >&2 || true
