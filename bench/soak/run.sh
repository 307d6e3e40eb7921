#!/usr/bin/env bash
# Soak benchmark of the NativeAOT binary: the soak-baseline library scenario (PD at 100k telegrams/s,
# MD request/reply, a hook every report period, strict thresholds) for SOAK_MINUTES, with /metrics
# scraped every SOAK_SAMPLE seconds. Prints a markdown block for bench/RESULTS.md: resident memory,
# managed heap and GC counts over time, the resident-memory slope after warm-up (least squares), and the
# run's own verdict (exit code, thresholds). Raw samples stay in artifacts/bench/soak/.
#
#   bench/soak/run.sh                                # 20 minutes, sample every 30 s
#   SOAK_MINUTES=75 bench/soak/run.sh                # the 75-minute soak of bench/RESULTS.md
#   SOAK_MINUTES=480 SOAK_SAMPLE=60 bench/soak/run.sh   # an 8-hour soak
#   SOAK_ARGS="--realtime fifo" bench/soak/run.sh    # more `run` options (wait, real-time, stall rules)
# Besides memory it reports the engine's wait and CPU, trdpsim's own stalls and what fell inside them
# (self-inflicted timeouts, losses, late samples: kept out of the threshold verdict by default).
set -euo pipefail
cd "$(dirname "$0")/../.."
out="$(pwd)/artifacts/bench/soak"
mkdir -p "$out"
minutes=${SOAK_MINUTES:-20}
seconds=${SOAK_SECONDS:-$((minutes * 60))}  # SOAK_SECONDS: a quick check of the script itself
sample=${SOAK_SAMPLE:-30}
telegrams=${SOAK_TELEGRAMS:-1000}
port=${SOAK_METRICS_PORT:-19464}
extra=${SOAK_ARGS:-}

commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- engine || echo "+changes")
bin=${TRDPSIM_BIN:-$out/trdpsim/trdpsim}  # TRDPSIM_BIN: a binary built already (of this tree)
if [ -z "${TRDPSIM_BIN:-}" ]; then
  echo "== building the AOT binary" >&2
  dotnet publish engine/TrdpSim -c Release -r linux-x64 -p:PublishAot=true -o "$out/trdpsim" -nologo -v q >"$out/publish.log" 2>&1 || { cat "$out/publish.log"; exit 1; }
fi

echo "== soak-baseline for ${seconds} s, ${telegrams} telegrams on a 10 ms cycle" >&2
python3 - "$out" "$seconds" "$sample" "$telegrams" "$port" "$commit" "$extra" "$bin" <<'PY'
import json, os, re, subprocess, sys, time, urllib.request
out, seconds, sample, telegrams, port, commit = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
minutes = seconds / 60
extra = sys.argv[7].split()
binary = sys.argv[8]
args = [binary, "run", "plugins/soak-baseline",
        "--param", f"duration={seconds}s", "--param", f"telegrams={telegrams}", "--param", "mdRate=1000",
        "--param", "report=1m", "--metrics", f"127.0.0.1:{port}", "--no-progress", "--summary-json", os.path.join(out, "summary.json")] + extra
log = open(os.path.join(out, "run.txt"), "w")
proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
start = time.monotonic()
names = {"rss": "trdpsim_process_resident_memory_bytes", "heap": "trdpsim_gc_heap_bytes", "alloc": "trdpsim_gc_allocated_bytes_total",
         "sent": "trdpsim_pd_sent_total"}
samples = []
def scrape():
    text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5).read().decode()
    row = {"t": time.monotonic() - start}
    for key, name in names.items():
        row[key] = sum(float(m.group(1)) for m in re.finditer(r"^" + name + r"(?:\{[^}]*\})? ([0-9.e+]+)$", text, re.M))
    row["gc0"] = sum(float(m.group(1)) for m in re.finditer(r'^trdpsim_gc_collections_total\{generation="0"\} ([0-9.e+]+)$', text, re.M))
    row["gc2"] = sum(float(m.group(1)) for m in re.finditer(r'^trdpsim_gc_collections_total\{generation="2"\} ([0-9.e+]+)$', text, re.M))
    return row
next_at = min(10, sample)
while proc.poll() is None:
    time.sleep(max(0, next_at - (time.monotonic() - start)))
    next_at += sample
    try:
        samples.append(scrape())
    except Exception:
        pass
code = proc.wait()
with open(os.path.join(out, "samples.csv"), "w") as f:
    f.write("seconds,rss,heap,allocated,sent,gen0,gen2\n")
    for r in samples:
        f.write(f"{r['t']:.0f},{r['rss']:.0f},{r['heap']:.0f},{r['alloc']:.0f},{r['sent']:.0f},{r['gc0']:.0f},{r['gc2']:.0f}\n")
summary = json.load(open(os.path.join(out, "summary.json")))
warm = [r for r in samples if r["t"] >= 120] or samples
n = len(warm); mt = sum(r["t"] for r in warm) / n; mr = sum(r["rss"] for r in warm) / n
slope = sum((r["t"] - mt) * (r["rss"] - mr) for r in warm) / max(1e-9, sum((r["t"] - mt) ** 2 for r in warm))
mib = lambda b: b / 1048576
first, last = warm[0], warm[-1]
gc = os.environ.get("DOTNET_GCgen0size")
print(f"Commit `{commit}`, {minutes:g} min, /metrics scraped every {sample} s{f', DOTNET_GCgen0size={gc}' if gc else ''}, "
      f"{telegrams} telegrams on a 10 ms cycle ({telegrams * 100:,}/s) plus MD at 1,000 requests/s; exit code {code}.")
print()
print("| after | RSS | managed heap | allocated since start | gen0 / gen2 collections | telegrams sent |")
print("|---|---|---|---|---|---|")
step = max(1, len(samples) // 8)
for r in samples[::step] + ([samples[-1]] if (len(samples) - 1) % step else []):
    print(f"| {r['t'] / 60:.1f} min | {mib(r['rss']):.1f} MiB | {mib(r['heap']):.1f} MiB | {mib(r['alloc']):.1f} MiB | {r['gc0']:.0f} / {r['gc2']:.0f} | {r['sent']:,.0f} |")
print()
late = summary["sendLatenessNs"]; t = summary["totals"]
print(f"- Resident memory after the 2-minute warm-up: {mib(first['rss']):.1f} → {mib(last['rss']):.1f} MiB; "
      f"least-squares slope {slope * 3600 / 1024:+.0f} KiB/hour over {n} samples.")
print(f"- Allocated after warm-up: {mib(last['alloc'] - first['alloc']):.1f} MiB in {(last['t'] - first['t']) / 60:.1f} min "
      f"({(last['alloc'] - first['alloc']) / max(1, last['sent'] - first['sent']):.3f} B per telegram sent); "
      f"gen0 {last['gc0'] - first['gc0']:.0f}, gen2 {last['gc2'] - first['gc2']:.0f} collections.")
print(f"- Sent {t['sent']:,}, received {t['received']:,}, lost {t['lost']}, timeouts {t['timeouts']}, dropped cycles {t['droppedCycles']}; "
      f"send lateness p50 {late['p50'] / 1000:.1f} µs, p99 {late['p99'] / 1000:.1f} µs, p99.9 {late['p999'] / 1000:.1f} µs, max {late['max'] / 1000:.1f} µs.")
th = summary.get("thresholds")
if th:
    results = th.get("results", [])
    print(f"- Thresholds: {'all passed' if th['passed'] else 'FAILED'} ({sum(1 for r in results if r['passed'])} of {len(results)} held).")
engine = summary.get("engine", {})
cpu = summary.get("cpu", {}).get("steadyWindow") or summary.get("cpu", {}).get("run") or {}
if engine or cpu:
    threads = cpu.get("threads", {})
    print(f"- Engine: {engine.get('wait', '?')} wait, send grid {engine.get('sendGridNs', 0) / 1e6:g} ms, wheel {engine.get('scheduling', '?')}; "
          f"CPU {cpu.get('percentOfCore', 0):.1f} % of one core (wheel {threads.get('wheel', {}).get('percentOfCore', 0):.1f}, "
          f"receive {threads.get('receive', {}).get('percentOfCore', 0):.1f}, scripts {threads.get('scripts', {}).get('percentOfCore', 0):.1f}, "
          f"http {threads.get('http', {}).get('percentOfCore', 0):.1f}), {cpu.get('nsPerTelegramSent', 0) / 1000:.2f} µs per telegram sent.")
stalls = summary.get("ownStalls")
if stalls is not None:
    self_ = summary.get("selfInflicted", {})
    by = ", ".join(f"{k} {v['count']}× {v['totalNs'] / 1e6:.1f} ms" for k, v in stalls.get("bySource", {}).items() if v["count"])
    print(f"- trdpsim's own stalls (≥ {stalls['thresholdNs'] / 1e6:g} ms): {stalls['totalNs'] / 1e6:.1f} ms in {stalls['stretches']} stretches, "
          f"longest {stalls['longestNs'] / 1e6:.1f} ms ({by or 'none'}). Self-inflicted, kept out of the verdict: "
          f"{self_.get('pdTimeouts', 0)} subscription timeouts, {self_.get('pdLost', 0)} lost (kernel drops at our sockets), "
          f"{self_.get('mdTimeouts', 0)} MD timeouts, {self_.get('jitterNs', {}).get('count', 0)} jitter samples "
          f"(max {self_.get('jitterNs', {}).get('max', 0) / 1e6:.1f} ms), {self_.get('roundTripNs', {}).get('count', 0)} MD round trips "
          f"(max {self_.get('roundTripNs', {}).get('max', 0) / 1e6:.1f} ms).")
for warning in summary.get("warnings", []):
    print(f"- Warning: {warning}")
PY
