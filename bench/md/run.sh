#!/usr/bin/env bash
# MD benchmarks of the NativeAOT binary on loopback (caller and replier in one process):
#  1. throughput: request/reply transactions per second with a zero reply delay, raised until the
#     run is no longer clean (every call answered, nothing skipped or timed out);
#  2. delay fidelity: with ~10,000 sessions outstanding (10k/s × ~1 s delay), the replier's measured
#     reply-delay p50/p90/p99 against the configured distribution's, for every family (calls stop
#     after 10 s and the run goes on 10 s so the tail is answered, not cut off).
#   bench/md/run.sh            (SECONDS_PER_STEP=10 by default)
set -euo pipefail
cd "$(dirname "$0")/../.."
out=artifacts/bench-md
mkdir -p "$out"
step=${SECONDS_PER_STEP:-10}
dotnet publish engine/TrdpSim -c Release -r linux-x64 -p:PublishAot=true -o "$out/trdpsim" -nologo -v q >"$out/publish.log" 2>&1 || { cat "$out/publish.log"; exit 1; }
bin="$out/trdpsim/trdpsim"

run() { # rate delay name calls-seconds run-seconds
  sed -e "s/@RATE@/$1/" -e "s|@DELAY@|$2|" -e "s/@COUNT@/$(( $1 * $4 ))/" bench/md/md.toml.in >"$out/$3.toml"
  "$bin" run "$out/$3.toml" --duration "${5}s" --warmup 3s --metrics off --no-progress --summary-json "$out/$3.json" >"$out/$3.txt" 2>&1 || true
}

echo "| offered tx/s | completed tx/s | ok / calls | timeouts | skipped | rtt p50 / p99 | B/transaction (steady window) |"
echo "|---|---|---|---|---|---|---|"
for rate in 20000 40000 60000 80000 100000 120000; do
  run "$rate" "constant:0" "tput-$rate" 1000 "$step"
  line=$(python3 - "$out/tput-$rate.json" "$rate" <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); rate = int(sys.argv[2])
c = next(m for m in s["messageData"] if m["role"] == "caller")
e = c["events"]; w = s.get("steadyWindow", {})
done = e["ok"] / s["elapsedSeconds"]
clean = e["timeout"] == 0 and e["skipped"] == 0 and e["ok"] >= 0.999 * (e["calls"] - 2000) and done >= 0.97 * rate
per = w["allocatedBytes"] / max(e["calls"] * w["seconds"] / s["elapsedSeconds"], 1) if w else float("nan")
print(("ok" if clean else "no"), f"| {rate} | {done:.0f} | {e['ok']} / {e['calls']} | {e['timeout']} | {e['skipped']} | {c['rttNs']['p50']/1e3:.0f} / {c['rttNs']['p99']/1e3:.0f} µs | {per:.3f} |")
PY
)
  echo "${line#* }"
  [ "${line%% *}" = ok ] || break
done

echo
echo "| distribution (10k/s, ~10k outstanding) | measured p50 / p90 / p99 | configured p50 / p90 / p99 | worst error | within 2 % or 100 µs |"
echo "|---|---|---|---|---|"
for spec in "constant:1s" "uniform:500ms..1500ms" "normal:mean=1s,stddev=200ms" "lognormal:median=800ms,p99=2s" \
            "exponential:mean=1s" "pareto:scale=500ms,shape=2.5" "empirical:p0=200ms,p50=900ms,p90=1400ms,p99=2s,p100=3s"; do
  name=fid-$(echo "$spec" | cut -d: -f1)
  # Calls for 10 s (≈ 10,000 outstanding at ~1 s delays), then 10 s more so that even the slow tail
  # is answered: otherwise the run's end would cut off long delays and bias every percentile low.
  run 10000 "$spec" "$name" 10 20
  python3 - "$out/$name.json" "$spec" <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); spec = sys.argv[2]
r = next(m for m in s["messageData"] if m["role"] == "replier" and m["name"] == "shaped")
m = r["replyDelayNs"]; c = r["configuredDelayNs"]
errs = []
ok = True
for k in ("p50", "p90", "p99"):
    diff = abs(m[k] - c[k]); tol = max(0.02 * c[k], 100_000)
    errs.append(diff / c[k] if c[k] else 0); ok &= diff <= tol
ms = lambda v: f"{v/1e6:.1f}"
print(f"| `{spec}` | {ms(m['p50'])} / {ms(m['p90'])} / {ms(m['p99'])} ms | {ms(c['p50'])} / {ms(c['p90'])} / {ms(c['p99'])} ms | {max(errs)*100:.2f} % | {'yes' if ok else 'NO'} |")
PY
done
