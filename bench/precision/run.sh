#!/usr/bin/env bash
# Timing and CPU of the wait modes on a shared host: configs/load-10k.toml (100k telegrams/s sent and
# received by one process on loopback) for each mode × competitor, all in one sitting on one machine.
#
#   modes:        default (efficient wait) | precision (--wait precision) | realtime (--realtime fifo)
#   competitors:  idle | busy (one `sh -c 'while :; do :; done'`) | capture (`tshark -i lo -w`)
#
# Per run: process CPU (% of one core) and per thread, CPU per telegram sent, send lateness p50/p99/p99.9/max,
# wheel wake-up p99, dropped cycles, lost, timeouts, how long trdpsim itself was stalled, what was
# self-inflicted, and the host warning. Then the external timing check: a filtered capture of the wire
# (100 of the 10,000 streams) read by interdeparture.py, so the timing holds from outside the process too.
#
#   bench/precision/run.sh                                  # 20 s per run (5 s warm-up), 9 runs + check, ~5 min
#   RUN_SECONDS=3 MODES=default COMPETITORS=idle bench/precision/run.sh   # a quick look
#
# Environment: RUN_SECONDS (20), WARMUP_SECONDS (RUN_SECONDS/4), MODES, COMPETITORS, CONFIG, TRDPSIM_BIN (a built binary)
# (configs/load-10k.toml), EXTERNAL (1: run the capture check), EXTRA_ARGS (more `run` options for every run).
# Prints a markdown block for bench/RESULTS.md; raw outputs stay in artifacts/bench/precision/.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
out="$root/artifacts/bench/precision"
mkdir -p "$out"
seconds=${RUN_SECONDS:-20}
warmup=${WARMUP_SECONDS:-$((seconds / 4))}
modes=${MODES:-"default precision realtime"}
competitors=${COMPETITORS:-"idle busy capture"}
config=${CONFIG:-configs/load-10k.toml}
external=${EXTERNAL:-1}
extra=${EXTRA_ARGS:-}

need_tshark() {
  if ! command -v tshark >/dev/null || ! command -v dumpcap >/dev/null; then
    echo "== installing tshark (non-interactive)" >&2
    echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections 2>/dev/null || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q tshark >"$out/apt.log" 2>&1 || { cat "$out/apt.log"; exit 1; }
  fi
}

case " $competitors " in *" capture "*) need_tshark ;; esac
[ "$external" = 1 ] && need_tshark

echo "== building the AOT binary" >&2
if [ -n "${TRDPSIM_BIN:-}" ]; then
  bin=$TRDPSIM_BIN   # a binary built already (of this tree: the commit line below names the tree)
else
  dotnet publish engine/TrdpSim -c Release -r linux-x64 -p:PublishAot=true -o "$out/trdpsim" -nologo -v q >"$out/publish.log" 2>&1 || { cat "$out/publish.log"; exit 1; }
  bin="$out/trdpsim/trdpsim"
fi
commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- engine || echo "+changes")

competitor_pid=""
start_competitor() { # idle | busy | capture
  case $1 in
    idle) competitor_pid="" ;;
    busy) sh -c 'while :; do :; done' & competitor_pid=$! ;;
    capture) tshark -q -i lo -w "$out/competitor.pcapng" >"$out/tshark.log" 2>&1 & competitor_pid=$!; sleep 2 ;;
  esac
}
stop_competitor() {
  if [ -n "$competitor_pid" ]; then
    kill "$competitor_pid" 2>/dev/null || true
    wait "$competitor_pid" 2>/dev/null || true
    competitor_pid=""
    rm -f "$out/competitor.pcapng"
  fi
}
trap stop_competitor EXIT

mode_args() {
  case $1 in
    default) echo "" ;;
    precision) echo "--wait precision" ;;
    realtime) echo "--realtime fifo --realtime-priority 10" ;;
    *) echo "unknown mode $1" >&2; exit 2 ;;
  esac
}

for mode in $modes; do
  for competitor in $competitors; do
    name="$mode-$competitor"
    echo "== $name: $config for ${seconds} s" >&2
    start_competitor "$competitor"
    # shellcheck disable=SC2046
    "$bin" run "$config" --duration "${seconds}s" --warmup "${warmup}s" --metrics off --no-progress \
      $(mode_args "$mode") $extra --summary-json "$out/$name.json" >"$out/$name.txt" 2>&1 || true
    stop_competitor
  done
done

if [ "$external" = 1 ]; then
  # 100 of the 10,000 streams (ComIds 10000…10099): ~1k packets/s, light enough not to be a competitor itself.
  echo "== external check: default mode, capture of ComIds 10000-10099 on lo" >&2
  dumpcap -i lo -P -f "udp dst port 17224 and udp[16:4] >= 10000 and udp[16:4] < 10100" \
    -w "$out/external.pcap" >"$out/dumpcap.log" 2>&1 &
  cap=$!
  sleep 2
  "$bin" run "$config" --duration "${seconds}s" --warmup "${warmup}s" --metrics off --no-progress $extra \
    --summary-json "$out/external.json" >"$out/external.txt" 2>&1 || true
  sleep 1
  kill -INT "$cap" 2>/dev/null || true
  wait "$cap" 2>/dev/null || true
  drops=$(sed -n "s/.*received\/dropped on interface .*': *[0-9]*\/\([0-9]*\).*/\1/p" "$out/dumpcap.log" | tail -1)
  python3 bench/precision/interdeparture.py "$out/external.pcap" --cycle-ms 100 ${drops:+--drops "$drops"} \
    --json "$out/external-interdeparture.json" >"$out/external-interdeparture.txt" || true
  cat "$out/external-interdeparture.txt" >&2
fi

python3 - "$out" "$commit" "$seconds" "$modes" "$competitors" "$external" <<'PY'
import json, os, sys
out, commit, seconds, modes, competitors, external = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4].split(), sys.argv[5].split(), sys.argv[6]
us = lambda ns: ns / 1000.0
print(f"Commit `{commit}`, {seconds} s per run, configs/load-10k.toml (100k telegrams/s sent and received).")
print()
print("| mode | competitor | wait | CPU % of one core (wheel / receive) | CPU per telegram sent | send lateness p50 / p99 / p99.9 / max | wheel p99 | dropped cycles | lost / timeouts | own stalls | warning |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for mode in modes:
    for competitor in competitors:
        path = os.path.join(out, f"{mode}-{competitor}.json")
        if not os.path.exists(path):
            print(f"| {mode} | {competitor} | (no summary: see {mode}-{competitor}.txt) |||||||||")
            continue
        s = json.load(open(path))
        t = s["totals"]; late = s["sendLatenessNs"]; wheel = s["wheelLatenessNs"]
        cpu = s.get("cpu", {}).get("steadyWindow") or s.get("cpu", {}).get("run") or {}
        threads = cpu.get("threads", {})
        engine = s.get("engine", {})
        stalls = s.get("ownStalls", {})
        self_ = s.get("selfInflicted", {})
        wait = engine.get("wait", "?") + (f" ({engine.get('scheduling')})" if engine.get("realtimeThreads") else "")
        cpu_text = f"{cpu.get('percentOfCore', 0):.1f} ({threads.get('wheel', {}).get('percentOfCore', 0):.1f} / {threads.get('receive', {}).get('percentOfCore', 0):.1f})"
        per = cpu.get("nsPerTelegramSent", 0) / 1000.0
        lost = f"{t['lost']} ({t.get('selfLost', 0)} self) / {t['timeouts']} ({t.get('selfTimeouts', 0)} self)"
        stall_text = f"{stalls.get('totalNs', 0) / 1e6:.1f} ms in {stalls.get('stretches', 0)}" if stalls else "-"
        warning = "yes" if s.get("warnings") else "no"
        print(f"| {mode} | {competitor} | {wait} | {cpu_text} | {per:.2f} µs | {us(late['p50']):.1f} / {us(late['p99']):.1f} / {us(late['p999']):.1f} / {us(late['max']):.1f} µs "
              f"| {us(wheel['p99']):.1f} µs | {t['droppedCycles']} | {lost} | {stall_text} | {warning} |")
if external == "1" and os.path.exists(os.path.join(out, "external-interdeparture.json")):
    e = json.load(open(os.path.join(out, "external-interdeparture.json")))
    print()
    print(f"External check (default mode, idle; {e['streams']} streams, {e['gaps']} gaps from a capture of lo, "
          f"capture drops {e.get('capture_drops', '?')}): inter-departure error |gap − 100 ms| "
          f"p50 {e['p50_us']} / p90 {e['p90_us']} / p99 {e['p99_us']} / p99.9 {e['p999_us']} / max {e['max_us']} µs.")
PY
