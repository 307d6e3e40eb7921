#!/usr/bin/env bash
# The long soak (issue 11, "Runs that last"): the soak-baseline library scenario — PD at 100k telegrams/s
# (1,000 telegrams on a 10 ms cycle, each supervised), MD request/reply at 1,000/s, its thresholds — played by
# the NativeAOT binary for SOAK_HOURS with the run store on (10-second intervals) and, when this build has
# it, the pcapng recording on. Its output is the run's HTML report plus a markdown block for bench/RESULTS.md:
#   - resident memory and managed heap after the warm-up (first 10 minutes): Theil-Sen slope in MiB/h and the
#     level of the last hour, and GC counts — flat memory means the slope is ~0 and the last hour's level holds;
#   - send lateness p50/p99/max per 10-minute window (the median over the window's intervals of the publish
#     groups' p99, and the window's worst max) — stable timing means no rise from window to window;
#   - the run store's size per hour of run.
# Run it on a quiet machine (nothing else building or benchmarking): it needs ~2 cores for itself.
#
#   tools/soak/long-soak.sh                       # 2 hours (the measured run of bench/RESULTS.md)
#   SOAK_HOURS=8 tools/soak/long-soak.sh          # the 8-hour soak
#   SOAK_HOURS=0.1 tools/soak/long-soak.sh        # 6 minutes: a dry run of the procedure
#
# Everything lands in artifacts/soak/long-<UTC start>/: the binary's publish log, the data directory (runs.db),
# the capture (when recorded), report.html, series.json and results.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
hours=${SOAK_HOURS:-2}
telegrams=${SOAK_TELEGRAMS:-1000}
md_rate=${SOAK_MD_RATE:-1000}
out="$(pwd)/artifacts/soak/long-$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$out"
commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- engine || echo "+changes")

echo "== building the NativeAOT binary ($commit)" >&2
dotnet publish engine/TrdpSim -c Release -r linux-x64 -p:PublishAot=true -o "$out/trdpsim" -nologo -v q >"$out/publish.log" 2>&1 \
  || { cat "$out/publish.log"; exit 1; }
bin="$out/trdpsim/trdpsim"

minutes=$(python3 -c "print(max(1, round(float('$hours') * 60)))")
args=(run plugins/soak-baseline --param "duration=${minutes}m" --param "telegrams=$telegrams" --param "mdRate=$md_rate"
      --param report=10m --metrics off --no-progress --data-dir "$out/data" --interval 10s --summary-json "$out/summary.json")
if "$bin" run --help | grep -q -- "--record"; then
  args+=(--record "$out/capture.pcapng")
fi

echo "== soak-baseline for $minutes min: $telegrams telegrams on 10 ms, MD $md_rate/s, run store on" >&2
set +e
"$bin" "${args[@]}" >"$out/run.txt" 2>&1
code=$?
set -e
echo "== run ended with exit code $code" >&2

"$bin" report --latest --data-dir "$out/data" -o "$out/report.html"
"$bin" report --latest --data-dir "$out/data" --format json -o "$out/series.json"
python3 - "$out" "$code" "$commit" "$hours" "$telegrams" "$md_rate" <<'PY'
import json, os, statistics, sys
out, code, commit, hours, telegrams, md_rate = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4]), sys.argv[5], sys.argv[6]
s = json.load(open(os.path.join(out, "series.json")))
MiB = 1024 * 1024

def theil_sen(xs, ys):
    slopes = [(ys[j] - ys[i]) / (xs[j] - xs[i]) for i in range(len(xs)) for j in range(i + 1, len(xs)) if xs[j] != xs[i]]
    return statistics.median(slopes) if slopes else 0.0

proc = s["process"]
warm = [p for p in proc if p["endMs"] > 600_000] or proc
# Thin the points for the O(n²) slope: one in every few intervals is plenty for hours of 10-s rows.
step = max(1, len(warm) // 400)
thin = warm[::step]
xs = [p["endMs"] / 3_600_000 for p in thin]
rss_slope = theil_sen(xs, [p["rssBytes"] / MiB for p in thin])
heap_slope = theil_sen(xs, [p["heapBytes"] / MiB for p in thin])
last_hour = [p for p in proc if p["endMs"] > proc[-1]["endMs"] - 3_600_000]
lines = [f"### Long soak — `tools/soak/long-soak.sh` (SOAK_HOURS={hours:g})", "",
         f"NativeAOT binary, commit `{commit}`; soak-baseline: {telegrams} telegrams on a 10 ms cycle, MD {md_rate}/s, run store on "
         f"(10-s intervals); run `{s['run']['id']}`, state {s['run']['state']}, verdict {s['run']['verdict']}, exit code {code}.", "",
         f"- Resident memory after the first 10 minutes: Theil-Sen slope {rss_slope:+.2f} MiB/h; first {warm[0]['rssBytes']/MiB:.1f} MiB, "
         f"last {proc[-1]['rssBytes']/MiB:.1f} MiB, last hour {min(p['rssBytes'] for p in last_hour)/MiB:.1f}–{max(p['rssBytes'] for p in last_hour)/MiB:.1f} MiB.",
         f"- Managed heap: slope {heap_slope:+.2f} MiB/h; GCs at the end gen0 {proc[-1]['gen0']}, gen1 {proc[-1]['gen1']}, gen2 {proc[-1]['gen2']}; "
         f"open files {min(p['openFiles'] for p in warm)}–{max(p['openFiles'] for p in warm)}, threads {min(p['threads'] for p in warm)}–{max(p['threads'] for p in warm)}.",
         "", "| window | send lateness p50 (median) | p99 (median) | max | wheel p99 (median) |", "|---|---|---|---|---|"]
publish = [g for g in s["groups"] if g["kind"] == "publish"]
window_ms = 600_000
end = proc[-1]["endMs"]
for w in range(0, end, window_ms):
    p50, p99, mx = [], [], 0
    for g in publish:
        for i in g["intervals"]:
            if w < i["endMs"] <= w + window_ms and i["lat"]["count"] > 0:
                p50.append(i["lat"]["p50"]); p99.append(i["lat"]["p99"]); mx = max(mx, i["lat"]["max"])
    wheel = [p["wheelP99Ns"] for p in proc if w < p["endMs"] <= w + window_ms]
    if p99:
        lines.append(f"| {w // 60000}–{(w + window_ms) // 60000} min | {statistics.median(p50)/1000:.1f} µs | {statistics.median(p99)/1000:.1f} µs | "
                     f"{mx/1e6:.2f} ms | {statistics.median(wheel)/1000:.1f} µs |")
db = sum(os.path.getsize(os.path.join(out, "data", f)) for f in os.listdir(os.path.join(out, "data")) if f.startswith("runs.db"))
played_h = end / 3_600_000
lines += ["", f"- Run store: {db / MiB:.1f} MiB for {played_h:.2f} h played ({db / MiB / max(played_h, 1e-9):.1f} MiB per hour)."]
cap = os.path.join(out, "capture.pcapng")
if os.path.exists(cap):
    lines.append(f"- Recording: {os.path.getsize(cap) / MiB:.0f} MiB of pcapng ({os.path.getsize(cap) / MiB / max(played_h, 1e-9):.0f} MiB per hour).")
lines.append(f"- Report: `{os.path.relpath(os.path.join(out, 'report.html'))}` (charts of every figure over time).")
text = "\n".join(lines) + "\n"
open(os.path.join(out, "results.md"), "w").write(text)
print(text)
PY
