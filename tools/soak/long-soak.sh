#!/usr/bin/env bash
# The long soak (issue 11, "Runs that last"): the soak-baseline library scenario — PD at 100k telegrams/s
# (1,000 telegrams on a 10 ms cycle, each supervised), MD request/reply at 1,000/s, its thresholds — played by
# the NativeAOT binary for SOAK_HOURS with the run store on (10-second intervals) and, when this build has
# it, the pcapng recording on (MD and one PD telegram; SOAK_RECORD_FILTER). Its output is the run's HTML report plus a markdown block for bench/RESULTS.md:
#   - resident memory and managed heap after the warm-up (first 10 minutes): Theil-Sen slope in MiB/h and the
#     level of the last hour, and GC counts — flat memory means the slope is ~0 and the last hour's level holds;
#   - the heap after the full collections forced every 10 minutes (SOAK_FULL_COLLECTION): what the run keeps, and
#     its slope — the figure that tells a leak from garbage not yet collected;
#   - send lateness p50/p99/max per 10-minute window (the median over the window's intervals of the publish
#     groups' p99, and the window's worst max) — stable timing means no rise from window to window;
#   - the run store's size per hour of run.
# Run it on a quiet machine (nothing else building or benchmarking): it needs ~2 cores for itself.
#
#   tools/soak/long-soak.sh                       # 2 hours (the measured run of bench/RESULTS.md)
#   SOAK_HOURS=8 tools/soak/long-soak.sh          # the 8-hour soak
#   SOAK_HOURS=0.1 tools/soak/long-soak.sh        # 6 minutes: a dry run of the procedure
#   SOAK_ARGS="--realtime fifo --realtime-receive --lock-memory" tools/soak/long-soak.sh   # on a shared host (root or CAP_SYS_NICE)
#   TRDPSIM_BIN=<published trdpsim> tools/soak/long-soak.sh                             # skip the publish
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

if [ -n "${TRDPSIM_BIN:-}" ]; then
  # a binary published already, of this tree; its folder holds the native libraries it loads (SQLite)
  mkdir -p "$out/trdpsim" && cp -r "$(dirname "$TRDPSIM_BIN")"/. "$out/trdpsim/"
else
  echo "== building the NativeAOT binary ($commit)" >&2
  dotnet publish engine/TrdpSim -c Release -r linux-x64 -p:PublishAot=true -o "$out/trdpsim" -nologo -v q >"$out/publish.log" 2>&1 \
    || { cat "$out/publish.log"; exit 1; }
fi
bin="$out/trdpsim/trdpsim"

minutes=$(python3 -c "print(max(1, round(float('$hours') * 60)))")
args=(run plugins/soak-baseline --param "duration=${minutes}m" --param "telegrams=$telegrams" --param "mdRate=$md_rate"
      --param report=10m --metrics off --no-progress --data-dir "$out/data" --interval 10s --summary-json "$out/summary.json")
# A full collection every SOAK_FULL_COLLECTION (default 10m; "" for none): the heap after each is what the run keeps,
# so the memory verdict does not wait for the runtime's own rare full collections (a steady run may go hours without one).
full_collection=${SOAK_FULL_COLLECTION-10m}
if [ -n "$full_collection" ] && "$bin" run --help | grep -q -- "--full-collection-every"; then
  args+=(--full-collection-every "$full_collection")
fi
# shellcheck disable=SC2206
[ -n "${SOAK_ARGS:-}" ] && args+=($SOAK_ARGS)
# The recording keeps the MD exchange and one PD telegram of the thousand (both directions): all of them would be
# ~204k frames/s ≈ 44 MB/s ≈ 155 GB per hour of pcapng, more than a rig's disk. SOAK_RECORD_FILTER="" records all.
record_filter=${SOAK_RECORD_FILTER-comid=10000,10100}
if "$bin" run --help | grep -q -- "--record"; then
  args+=(--record "$out/capture.pcapng" --record-rotate 1GB)
  [ -n "$record_filter" ] && args+=(--record-filter $record_filter)
fi

echo "== soak-baseline for $minutes min: $telegrams telegrams on 10 ms, MD $md_rate/s, run store on" >&2
set +e
"$bin" "${args[@]}" >"$out/run.txt" 2>&1
code=$?
set -e
echo "== run ended with exit code $code" >&2

"$bin" report --latest --data-dir "$out/data" -o "$out/report.html"
"$bin" report --latest --data-dir "$out/data" --format json -o "$out/series.json"
python3 "$(dirname "$0")/soak-results.py" "$out" "$code" "$commit" "$hours" "$telegrams" "$md_rate" "$out/data" "$out"
