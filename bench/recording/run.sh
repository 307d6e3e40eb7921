#!/usr/bin/env bash
# Recording and replay benchmark of the NativeAOT binary on loopback, with the C timer probe of
# ../shared/tools/perf measured in the same run (the machine is shared: compare ratios, not absolutes).
#
#   bench/recording/run.sh                                # full: 2 × (60 s without, 60 s with --record) + replay of 100k frames
#   LOAD_SECONDS=5 RUNS=1 bench/recording/run.sh          # a quick check that it works (figures mean nothing)
#   TRDPSIM_BIN=<published trdpsim> bench/recording/run.sh  # skip the AOT publish
#
# 1. Recording cost: configs/load-10k.toml (100,000 telegrams/s sent and received) without and with
#    `--record` (both directions: 200,000 frames/s into the file), alternated RUNS times; CPU = user + system
#    time of the trdpsim process (getrusage of the child). Target: ≤ 10 % extra CPU, 0 recorder drops.
# 2. Replay fidelity: a 100,000-frame capture of the same load (sent frames only) replayed at speed 1 to
#    loopback; inter-frame gap error p99 against the C clock_nanosleep probe's p99 in the same run.
#    Target: gap error p99 ≤ 1 ms.
# Prints a markdown block for bench/RESULTS.md; raw outputs stay in artifacts/bench/recording/.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
perf="$root/../shared/tools/perf"
out="$root/artifacts/bench/recording"
mkdir -p "$out"
load_s=${LOAD_SECONDS:-60}
runs=${RUNS:-2}
frames=${REPLAY_FRAMES:-100000}

echo "== building the C timer probe" >&2
gcc -O2 -o "$out/timerjit" "$perf/c/timerjit.c"
bin=${TRDPSIM_BIN:-}
if [ -z "$bin" ]; then
  echo "== publishing the AOT binary" >&2
  dotnet publish engine/TrdpSim -c Release -r linux-x64 -p:PublishAot=true -o "$out/trdpsim" -nologo -v q >"$out/publish.log" 2>&1 || { cat "$out/publish.log"; exit 1; }
  bin="$out/trdpsim/trdpsim"
fi

# Runs trdpsim with the given arguments and prints its CPU seconds (user + system) on stdout.
cpu_of() {
  python3 - "$@" <<'PY'
import resource, subprocess, sys
with open(sys.argv[1], "w") as log:
    code = subprocess.run(sys.argv[2:], stdout=log, stderr=subprocess.STDOUT).returncode
r = resource.getrusage(resource.RUSAGE_CHILDREN)
if code != 0:
    sys.exit(f"trdpsim exited {code} (see {sys.argv[1]})")
print(f"{r.ru_utime + r.ru_stime:.3f}")
PY
}

common=(run configs/load-10k.toml --duration "${load_s}s" --warmup 5s --metrics off --no-progress)
: >"$out/cpu.tsv"
for i in $(seq 1 "$runs"); do
  echo "== load without recording, run $i (${load_s} s)" >&2
  plain=$(cpu_of "$out/plain-$i.txt" "$bin" "${common[@]}" --summary-json "$out/plain-$i.json")
  echo "== load with --record (both directions), run $i (${load_s} s)" >&2
  rm -f "$out/load-$i.pcapng"
  recorded=$(cpu_of "$out/rec-$i.txt" "$bin" "${common[@]}" --summary-json "$out/rec-$i.json" --record "$out/load-$i.pcapng")
  echo -e "$i\t$plain\t$recorded" >>"$out/cpu.tsv"
  rm -f "$out/load-$i.pcapng" # ~20 MB/s: keep the disk free
done

echo "== a capture of $frames sent frames" >&2
rm -f "$out/capture.pcapng"
"$bin" run configs/load-10k.toml --duration "$(( frames / 100000 + 2 ))s" --metrics off --no-progress \
  --record "$out/capture.pcapng" --record-direction sent >"$out/capture.txt" 2>&1
if command -v editcap >/dev/null 2>&1; then
  editcap -r "$out/capture.pcapng" "$out/replay-input.pcapng" "1-$frames" >/dev/null
else
  cp "$out/capture.pcapng" "$out/replay-input.pcapng"
fi

echo "== C clock_nanosleep probe (1 ms period, 10 s)" >&2
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }
c_timer=$("$out/timerjit" -m nanosleep -p 1000 -t 10)
c_p99=$(echo "$c_timer" | field late_p99)

echo "== replay at speed 1" >&2
"$bin" replay "$out/replay-input.pcapng" --summary-json "$out/replay.json" >"$out/replay.txt" 2>&1

python3 - "$out" "$c_p99" "$load_s" <<'PY'
import json, sys, statistics
out, c_p99, load_s = sys.argv[1], float(sys.argv[2]), sys.argv[3]
rows = [line.split("\t") for line in open(f"{out}/cpu.tsv").read().split("\n") if line]
plain = [float(r[1]) for r in rows]; rec = [float(r[2]) for r in rows]
extra = [(b - a) / a * 100 for a, b in zip(plain, rec)]
drops, frames, sent = [], [], []
for r in rows:
    s = json.load(open(f"{out}/rec-{r[0]}.json"))
    drops.append(s["recording"]["dropped"]); frames.append(s["recording"]["frames"]); sent.append(s["totals"]["sent"])
# Same-run figures from the summaries' steady window: the capture writer thread's share of the recorded run's CPU
# (no second run to compare with, so none of the run-to-run noise), and the wheel and receive threads' CPU per
# telegram without and with recording (the taps that copy each frame for the writer run on those threads).
def window(name):
    return json.load(open(f"{out}/{name}.json"))["cpu"]["steadyWindow"]
writer_share, hot_plain, hot_rec = [], [], []
for r in rows:
    w = window(f"rec-{r[0]}")
    writer_share.append(w["threads"]["capture"]["cpuNs"] / w["processNs"] * 100)
    hot = lambda c: (c["threads"]["wheel"]["cpuNs"] + c["threads"]["receive"]["cpuNs"]) / max(1, c["telegramsSent"])
    hot_rec.append(hot(w)); hot_plain.append(hot(window(f"plain-{r[0]}")))
tap_extra = [(b - a) / a * 100 for a, b in zip(hot_plain, hot_rec)]
rp = json.load(open(f"{out}/replay.json")); gap = rp["timing"]["gapErrorNs"]; late = rp["timing"]["latenessNs"]
us = lambda ns: ns / 1000.0
print("| figure | value | target |")
print("|---|---|---|")
print(f"| CPU without / with recording ({len(rows)} × {load_s} s, alternated) | {' / '.join(f'{a:.1f} s / {b:.1f} s' for a, b in zip(plain, rec))} | |")
print(f"| extra CPU for recording | {', '.join(f'{e:+.1f} %' for e in extra)} (median {statistics.median(extra):+.1f} %) | ≤ 10 % |")
print(f"| capture writer thread, share of the recorded run's CPU (same run) | {', '.join(f'{x:.1f} %' for x in writer_share)} (median {statistics.median(writer_share):.1f} %) | |")
print(f"| wheel + receive threads per telegram, without / with recording | {', '.join(f'{a:.0f} / {b:.0f} ns ({e:+.1f} %)' for a, b, e in zip(hot_plain, hot_rec, tap_extra))} | |")
print(f"| frames recorded / telegrams sent | {', '.join(f'{f} / {s}' for f, s in zip(frames, sent))} | 2 per telegram (sent + received) |")
print(f"| recorder drops | {', '.join(str(d) for d in drops)} | 0 |")
print(f"| replay: frames sent / in capture | {rp['sent']} / {rp['frames']}, intended {rp['intendedSeconds']:.3f} s, actual {rp['actualSeconds']:.3f} s | |")
print(f"| replay gap error p50 / p99 / p99.9 / max | {us(gap['p50']):.1f} / {us(gap['p99']):.1f} / {us(gap['p999']):.1f} / {us(gap['max']):.1f} µs | p99 ≤ 1 ms |")
print(f"| replay lateness p50 / p99 / max | {us(late['p50']):.1f} / {us(late['p99']):.1f} / {us(late['max']):.1f} µs | |")
print(f"| C clock_nanosleep probe p99 (same run) | {c_p99:.1f} µs | |")
print(f"| replay gap error p99 / C p99 | {us(gap['p99']) / c_p99:.2f} | |")
PY
