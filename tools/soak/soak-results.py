#!/usr/bin/env python3
"""The figures of a long soak from its run store (tools/soak/long-soak.sh calls this; it also serves a soak run by
hand): resident-memory and heap slopes after the warm-up, send lateness per 10-minute window, the run store's and
the recording's size per hour. Writes <out>/results.md and prints it.

  soak-results.py <out> <exit code> <commit> <hours> <telegrams> <md rate> [<data dir> [<capture dir>]]

<out>/series.json is `trdpsim report --latest --format json` of the soak's data directory (default <out>/data);
the capture directory (default <out>) is searched for *.pcapng (rotated files included)."""
import glob, json, os, statistics, sys
out, code, commit, hours, telegrams, md_rate = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4]), sys.argv[5], sys.argv[6]
data = sys.argv[7] if len(sys.argv) > 7 else os.path.join(out, "data")
captures = sys.argv[8] if len(sys.argv) > 8 else out
s = json.load(open(os.path.join(out, "series.json")))
MiB = 1024 * 1024

def theil_sen(xs, ys):
    slopes = [(ys[j] - ys[i]) / (xs[j] - xs[i]) for i in range(len(xs)) for j in range(i + 1, len(xs)) if xs[j] != xs[i]]
    return statistics.median(slopes) if slopes else 0.0

def heap_lines(proc):
    """Retained memory or uncollected garbage: the heap after each full collection (what was alive then) against
    generation 2's size (which grows with everything promoted, alive or not, until the next full collection)."""
    if "gen2Bytes" not in proc[-1]:
        return []  # a store written before these figures were recorded
    fulls = {}
    for p in proc:
        if p["fullGcIndex"] > 0 and p["fullGcIndex"] not in fulls:
            fulls[p["fullGcIndex"]] = p
    points = list(fulls.values())
    last = proc[-1]
    text = (f"- Generation 2 at the end {last['gen2Bytes']/MiB:.1f} MiB (managed heap {last['heapBytes']/MiB:.1f} MiB); "
            f"{len(points)} full collection(s) seen")
    if points:
        text += (": heap after them " + ", ".join(f"{p['fullHeapBytes']/MiB:.1f} MiB at {p['endMs']/60000:.0f} min" for p in points[-6:])
                 + f" (fragmentation after the last {last['fullFragmentedBytes']/MiB:.1f} MiB)")
        after_warm = [p for p in points if p["endMs"] > 600_000]
        if len(after_warm) >= 3:
            # The retained memory's trend: a leak shows here whatever the runtime's collection schedule.
            slope = theil_sen([p["endMs"] / 3_600_000 for p in after_warm], [p["fullHeapBytes"] / MiB for p in after_warm])
            text += (f"; after the first 10 minutes {len(after_warm)} full collections, heap after them "
                     f"{min(p['fullHeapBytes'] for p in after_warm)/MiB:.1f}–{max(p['fullHeapBytes'] for p in after_warm)/MiB:.1f} MiB, "
                     f"Theil-Sen slope {slope:+.2f} MiB/h")
        growth = last["heapBytes"] - points[-1]["fullHeapBytes"]
        text += (f"; the heap has grown {growth/MiB:+.1f} MiB since the last full collection at {points[-1]['endMs']/60000:.0f} min — "
                 "garbage promoted since then until a full collection says otherwise, retained only where the heap after full "
                 "collections rises from one to the next")
    return [text + "."]


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
         f"(10-s intervals){', extra options `' + os.environ['SOAK_ARGS'] + '`' if os.environ.get('SOAK_ARGS') else ''}; run `{s['run']['id']}`, state {s['run']['state']}, verdict {s['run']['verdict']}, exit code {code}.", "",
         f"- Resident memory after the first 10 minutes: Theil-Sen slope {rss_slope:+.2f} MiB/h; first {warm[0]['rssBytes']/MiB:.1f} MiB, "
         f"last {proc[-1]['rssBytes']/MiB:.1f} MiB, last hour {min(p['rssBytes'] for p in last_hour)/MiB:.1f}–{max(p['rssBytes'] for p in last_hour)/MiB:.1f} MiB.",
         f"- Managed heap: slope {heap_slope:+.2f} MiB/h; GCs at the end gen0 {proc[-1]['gen0']}, gen1 {proc[-1]['gen1']}, gen2 {proc[-1]['gen2']}; "
         f"open files {min(p['openFiles'] for p in warm)}–{max(p['openFiles'] for p in warm)}, threads {min(p['threads'] for p in warm)}–{max(p['threads'] for p in warm)}.",
         *heap_lines(proc),
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
db = sum(os.path.getsize(os.path.join(data, f)) for f in os.listdir(data) if f.startswith("runs.db"))
played_h = end / 3_600_000
lines += ["", f"- Run store: {db / MiB:.1f} MiB for {played_h:.2f} h played ({db / MiB / max(played_h, 1e-9):.1f} MiB per hour)."]
caps = sorted(glob.glob(os.path.join(captures, "*.pcapng")))
if caps:
    size = sum(os.path.getsize(c) for c in caps)
    lines.append(f"- Recording: {size / MiB:.0f} MiB of pcapng in {len(caps)} file(s) ({size / MiB / max(played_h, 1e-9):.0f} MiB per hour).")
lines.append(f"- Report: `{os.path.relpath(os.path.join(out, 'report.html'))}` (charts of every figure over time).")
text = "\n".join(lines) + "\n"
open(os.path.join(out, "results.md"), "w").write(text)
print(text)
