#!/usr/bin/env bash
# Publishes trdpsim as NativeAOT, fails on any trim/AOT warning from our own code, then runs the native
# binary briefly on loopback: the quickstart must exit 0, /metrics must pass `promtool check metrics`,
# `validate` must reject a broken config with file:line:col, plugin packs must pack reproducibly, install,
# list and run, a tampered pack must be refused, and SIGTERM must still print the summary, say the run was
# interrupted and exit 143. The command line (System.CommandLine) must print --version with the commit and
# turn a bad option value into exit 2. TCNopen XML must import (the XmlReader path under NativeAOT), run must
# refuse addresses off loopback, and a DTD must be refused with file:line:col. `serve` must start, answer
# /healthz, /openapi/v1.json and the web console at / (its script Brotli-compressed), refuse a request without its token, and complete a run started over HTTP
# (seen with `ctl status`). Every run records into a run
# store of its own (not the user's): the native binary must write it (SQLite's native library published beside
# it), list it, report it as HTML and Parquet and mark a SIGKILLed run crashed.
set -euo pipefail
cd "$(dirname "$0")/.."
export TRDPSIM_DATA_DIR
TRDPSIM_DATA_DIR=$(mktemp -d)
out=artifacts/publish/trdpsim
log=artifacts/aot-publish.log
mkdir -p artifacts

dotnet publish engine/TrdpSim -c Release -r linux-x64 -p:PublishAot=true -o "$out" -nologo >"$log" 2>&1 || { cat "$log"; exit 1; }
# IL2xxx = trim analysis, IL3xxx = AOT analysis. Any such warning in our sources or naming our types
# fails (MSBuild's trailing "[project]" is cut first: it names our project for every warning).
ours=$(grep -E "warning IL[23][0-9]{3}" "$log" | sed -E 's/ \[[^]]*\]$//' | grep -E "^$(pwd)/|TrdpSim" || true)
if [ -n "$ours" ]; then
  echo "$ours"; echo "aot-smoke: trim/AOT warnings from our own code (above)"; exit 1
fi
others=$(grep -E "warning IL[23][0-9]{3}" "$log" | sed -E 's/ \[[^]]*\]$//' | sort -u || true)
[ -z "$others" ] || echo "aot-smoke: third-party trim/AOT warnings (not ours, reported for the record):" && echo "$others" 
echo "aot-smoke: published $(du -h "$out/trdpsim" | cut -f1) native binary, no trim/AOT warnings from our code"
bin="$out/trdpsim"

echo "aot-smoke: --version names the commit; --help exits 0; a bad option value exits 2 with a plain message"
"$bin" --version | tee artifacts/smoke-version.txt
grep -qE '^trdpsim [0-9]+\.[0-9]+\.[0-9]+\S* \(commit ([0-9a-f]{7,40}|unknown)\)$' artifacts/smoke-version.txt \
  || { echo "aot-smoke: --version does not name the commit"; exit 1; }
"$bin" run --help >artifacts/smoke-help.txt
set +e; "$bin" run configs/quickstart.toml --metrics foo >/dev/null 2>artifacts/smoke-badopt.txt; rc=$?; set -e
[ $rc -eq 2 ] && grep -q -- "--metrics 'foo': expected ip:port" artifacts/smoke-badopt.txt \
  || { cat artifacts/smoke-badopt.txt; echo "aot-smoke: a bad --metrics value did not exit 2 with a plain message (exit $rc)"; exit 1; }

echo "aot-smoke: validate rejects an unknown key with file:line:col"
bad=$(mktemp --suffix=.toml)
printf '[run]\nname = "x"\n[nosuchsection]\nfoo = 1\n' >"$bad"
if "$bin" validate "$bad" 2>"$bad.err"; then echo "aot-smoke: validate accepted a bad file"; exit 1; fi
grep -E "$(basename "$bad"):3:[0-9]+" "$bad.err" >/dev/null || { cat "$bad.err"; echo "aot-smoke: no file:line:col"; exit 1; }

echo "aot-smoke: TCNopen XML under NativeAOT: import writes a TOML that validates, run refuses a vehicle's addresses, a DTD is refused with file:line:col"
"$bin" import configs/xml/*.xml --address-map 10.0.0.0/16=127.77.0.0/16 -o artifacts/smoke-train.toml 2>artifacts/smoke-import.txt \
  || { cat artifacts/smoke-import.txt; echo "aot-smoke: import failed"; exit 1; }
grep -q 'address = "10.0.1.11" # plays as 127.77.1.11' artifacts/smoke-train.toml || { echo "aot-smoke: the imported TOML lacks the mapped device"; exit 1; }
grep -q 'interfaces = \["10.0.1.10", "10.0.2.10"\] # play as 127.77.1.10, 127.77.2.10' artifacts/smoke-train.toml \
  || { echo "aot-smoke: the imported TOML lacks the multi-homed device's mapped interfaces"; exit 1; }
"$bin" validate artifacts/smoke-train.toml 2>/dev/null
set +e; "$bin" run configs/xml/*.xml --duration 1s --metrics off --no-progress >/dev/null 2>artifacts/smoke-refused.txt; rc=$?; set -e
[ $rc -eq 2 ] && grep -q "refusing to send outside the loopback range" artifacts/smoke-refused.txt \
  || { cat artifacts/smoke-refused.txt; echo "aot-smoke: run did not refuse addresses off loopback (exit $rc)"; exit 1; }
dtd=$(mktemp --suffix=.xml)
printf '<!DOCTYPE device [<!ENTITY a "x">]>\n<device host-name="&a;"/>\n' >"$dtd"
if "$bin" validate "$dtd" 2>"$dtd.err"; then echo "aot-smoke: validate accepted a DTD"; exit 1; fi
grep -qE "$(basename "$dtd"):1:[0-9]+: error: .*DTD is prohibited" "$dtd.err" || { cat "$dtd.err"; echo "aot-smoke: the DTD was not refused at file:line:col"; exit 1; }
rm -f "$dtd" "$dtd.err"

echo "aot-smoke: quickstart for 5 s with /metrics scraped and linted"
port=$((20000 + RANDOM % 20000))
summary=artifacts/smoke-summary.json
"$bin" run configs/quickstart.toml --duration 5s --metrics "127.0.0.1:$port" --no-progress --summary-json "$summary" >artifacts/smoke-run.txt 2>&1 &
pid=$!
ok=""
for _ in $(seq 1 40); do
  sleep 0.1
  if curl -fsS "http://127.0.0.1:$port/metrics" -o artifacts/smoke-metrics.txt 2>/dev/null; then ok=1; break; fi
done
sleep 2
curl -fsS "http://127.0.0.1:$port/metrics" -o artifacts/smoke-metrics.txt
wait $pid || { cat artifacts/smoke-run.txt; echo "aot-smoke: run exited non-zero"; exit 1; }
[ -n "$ok" ] || { echo "aot-smoke: /metrics never answered"; exit 1; }
promtool check metrics <artifacts/smoke-metrics.txt
grep -q '^trdpsim_pd_sent_total' artifacts/smoke-metrics.txt
cat artifacts/smoke-run.txt
python3 - "$summary" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
t = s["totals"]
assert t["sent"] > 0 and t["received"] > 0, t
assert s["engineErrors"] == 0, s["engineErrors"]
m = s["manifest"]
assert m["stopReason"] == "completed" and m["host"]["nativeAot"] is True, m
assert m["inputs"][0]["path"] == "configs/quickstart.toml" and len(m["inputs"][0]["sha256"]) == 64, m["inputs"]
print(f"aot-smoke: summary ok: sent {t['sent']}, received {t['received']}, lost {t['lost']}; manifest: commit {m['trdpsim']['commit']}, {m['host']['os']}")
PY

echo "aot-smoke: run store under NativeAOT: the quickstart run was recorded; runs list, report --latest, compare"
"$bin" runs list | tee artifacts/smoke-runs.txt
grep -qE "^[0-9]{8}-[0-9]{6}-[0-9a-f]{4} +quickstart +completed +passed" artifacts/smoke-runs.txt \
  || { echo "aot-smoke: runs list does not show the completed quickstart run"; exit 1; }
"$bin" report --latest -o artifacts/smoke-report.html
grep -q '<script type="application/json" id="run-data">' artifacts/smoke-report.html && grep -q "u-legend" artifacts/smoke-report.html \
  || { echo "aot-smoke: the report lacks its data or its chart bundle"; exit 1; }
"$bin" report --latest --format parquet -o artifacts/smoke-series.parquet
python3 - artifacts/smoke-series.parquet <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
# A Parquet file starts and ends with PAR1; the footer (schema) names the columns.
assert data[:4] == b"PAR1" and data[-4:] == b"PAR1" and b"lat_p99" in data and b"end_ms" in data, "not a Parquet series export"
print(f"aot-smoke: parquet export ok ({len(data)} bytes)")
PY
latest=$(awk 'NR==3 {print $1}' artifacts/smoke-runs.txt)
"$bin" compare "$latest" "$latest" | tail -1
"$bin" run configs/quickstart.toml --duration 1m --interval 1s --metrics off --no-progress >artifacts/smoke-kill.txt 2>&1 &
pid=$!
sleep 4
kill -KILL $pid; wait $pid 2>/dev/null || true
"$bin" runs list 2>artifacts/smoke-recover.txt | tee artifacts/smoke-runs2.txt
grep -q "marked crashed" artifacts/smoke-recover.txt && grep -qE " crashed +- " artifacts/smoke-runs2.txt \
  || { cat artifacts/smoke-recover.txt; echo "aot-smoke: a SIGKILLed run was not found crashed"; exit 1; }

echo "aot-smoke: message data (configs/md.toml) for 4 s: every flow completes, UDP and TCP"
md_port=$((20000 + RANDOM % 20000))
"$bin" run configs/md.toml --duration 4s --metrics "127.0.0.1:$md_port" --no-progress --summary-json artifacts/smoke-md.json >artifacts/smoke-md.txt 2>&1 &
pid=$!
sleep 2.5
curl -fsS "http://127.0.0.1:$md_port/metrics" -o artifacts/smoke-md-metrics.txt
wait $pid || { cat artifacts/smoke-md.txt; echo "aot-smoke: md run exited non-zero"; exit 1; }
promtool check metrics <artifacts/smoke-md-metrics.txt
grep -q '^trdpsim_md_events_total' artifacts/smoke-md-metrics.txt
python3 - artifacts/smoke-md.json <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
callers = {m["name"]: m["events"] for m in s["messageData"] if m["role"] == "caller"}
assert s["engineErrors"] == 0, s["engineErrors"]
for name, e in callers.items():
    if name == "nobody":
        assert e["me_no_replier"] > 0, (name, e)
    elif name == "event-log":
        assert e["calls"] > 0, (name, e)
    else:
        assert e["ok"] > 0, (name, e)
print("aot-smoke: md ok: " + ", ".join(f"{n} {e['ok']}/{e['calls']}" for n, e in callers.items()))
PY

echo "aot-smoke: JavaScript scenario (plugins/basic-train) validates and runs under NativeAOT"
"$bin" validate plugins/basic-train --param cycle=50ms
"$bin" run plugins/basic-train --param cycle=50ms --duration 3s --metrics off --no-progress --summary-json artifacts/smoke-js.json >artifacts/smoke-js.txt 2>&1 \
  || { cat artifacts/smoke-js.txt; echo "aot-smoke: scenario run exited non-zero"; exit 1; }
python3 -c "import json,sys; t=json.load(open('artifacts/smoke-js.json'))['totals']; assert t['sent']>0 and t['received']>0, t; print('aot-smoke: scenario ok: sent', t['sent'], 'received', t['received'])"
echo "aot-smoke: scenario runtime under NativeAOT: timeline, hooks, a phase, run.inject, end-hook verdict, settle"
rt_js=$(mktemp --suffix=.js)
cat >"$rt_js" <<'JS'
export default function (plan) {
  plan.network({ transport: "in-memory" });
  const a = plan.device({ name: "a", address: "10.9.0.1" });
  const b = plan.device({ name: "b", address: "10.9.0.2" });
  a.publish({ name: "out", comId: 1000, payloadLength: 8, cycle: "10ms", destination: "10.9.0.2" });
  b.subscribe({ name: "in", comId: 1000, timeout: "1s" });
  let seen = 0, injected = null;
  plan.on("telegram", { sample: 10 }, (ev, run) => { seen += ev.data.length > 0 ? 1 : 0; });
  plan.at("500ms", run => { injected = run.inject({ kind: "loss", device: "a", probability: 0.5 }); });
  plan.phase({ name: "fast", duration: "1500ms", pdRate: 2 });
  plan.lifecycle({ settle: "200ms" });
  plan.on("end", (s, run) => { if (seen === 0 || injected === null) run.fail(`hook saw ${seen}, fault ${injected}`); });
}
JS
"$bin" run "$rt_js" --duration 2500ms --metrics off --no-progress --summary-json artifacts/smoke-runtime.json >artifacts/smoke-runtime.txt 2>&1 \
  || { cat artifacts/smoke-runtime.txt; echo "aot-smoke: scenario runtime run failed"; exit 1; }
python3 - artifacts/smoke-runtime.json <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); sc = s["scenarios"]
assert sc["eventsDelivered"] > 0 and sc["list"][0]["state"] == "settled" and sc["list"][0]["error"] is None, sc
assert s["faults"][0]["strikes"] > 0 and s["thresholds"]["passed"], s["faults"]
print("aot-smoke: runtime ok:", sc["eventsDelivered"], "events delivered, fault strikes", s["faults"][0]["strikes"])
PY
sed -i 's/run.inject({ kind: "loss"/run.inject({ kind: "wobble"/' "$rt_js"
set +e; "$bin" run "$rt_js" --duration 1s --metrics off --no-progress >artifacts/smoke-runtime-bad.txt 2>&1; rc=$?; set -e
[ $rc -eq 3 ] && grep -qE "$(basename "$rt_js"):9:[0-9]+" artifacts/smoke-runtime-bad.txt \
  || { cat artifacts/smoke-runtime-bad.txt; echo "aot-smoke: a failing callback did not end with exit 3 and its position (exit $rc)"; exit 1; }
rm -f "$rt_js"
bad_js=$(mktemp --suffix=.js)
printf 'export default function (plan) {\n  plan.device({ name: "a", address: "not-an-address" });\n}\n' >"$bad_js"
if "$bin" validate "$bad_js" 2>"$bad_js.err"; then echo "aot-smoke: validate accepted a bad scenario"; exit 1; fi
grep -E "$(basename "$bad_js"):2:[0-9]+" "$bad_js.err" >/dev/null || { cat "$bad_js.err"; echo "aot-smoke: no file:line:col for a scenario error"; exit 1; }

echo "aot-smoke: plugin packs: validate, reproducible pack, install, list, run by name; a tampered pack is refused"
pdir=$(mktemp -d)
"$bin" plugin validate plugins/md-shaped
for p in plugins/*/plugin.toml; do "$bin" plugin validate "$(dirname "$p")" >/dev/null || { echo "aot-smoke: $(dirname "$p") does not validate"; exit 1; }; done
"$bin" plugin pack plugins/basic-train --out "$pdir/a" >/dev/null
"$bin" plugin pack plugins/basic-train --out "$pdir/b" >/dev/null
pack=$(ls "$pdir"/a/basic-train-*.trdpplugin)
cmp "$pack" "$pdir/b/$(basename "$pack")" || { echo "aot-smoke: packing twice gave different bytes"; exit 1; }
(cd "$pdir/a" && sha256sum -c "$(basename "$pack").sha256" >/dev/null)
"$bin" plugin validate "$pack"
"$bin" plugin install "$pack" --dir "$pdir/installed"
"$bin" plugin list --dir "$pdir/installed" | tee "$pdir/list.txt"
grep -E "^basic-train +[0-9]+\.[0-9]+\.[0-9]+ +1 " "$pdir/list.txt" >/dev/null || { echo "aot-smoke: list does not show the installed plugin"; exit 1; }
(cd "$pdir/installed/basic-train" && sha256sum -c MANIFEST.sha256 >/dev/null)
"$bin" plugin validate "$pdir/installed/basic-train"
TRDPSIM_PLUGINS="$pdir/installed" "$bin" run basic-train --param doors=1 --duration 2s --metrics off --no-progress >artifacts/smoke-plugin.txt 2>&1 \
  || { cat artifacts/smoke-plugin.txt; echo "aot-smoke: run of an installed plugin by name failed"; exit 1; }
mkdir "$pdir/t" && cp "$pack" "$pack.sha256" "$pdir/t/"
python3 -c "import sys; p=sys.argv[1]; b=bytearray(open(p,'rb').read()); b[len(b)//2]^=1; open(p,'wb').write(b)" "$pdir/t/$(basename "$pack")"
set +e; "$bin" plugin install "$pdir/t/$(basename "$pack")" --dir "$pdir/other" 2>"$pdir/t.err"; rc=$?; set -e
[ $rc -eq 2 ] && grep -q "does not match" "$pdir/t.err" && [ ! -e "$pdir/other/basic-train" ] \
  || { cat "$pdir/t.err"; echo "aot-smoke: a tampered pack was not refused (exit $rc)"; exit 1; }
rm -rf "$pdir"

echo "aot-smoke: fault library (configs/faults.toml) for 3 s: faults strike, /metrics stays promtool-clean"
f_port=$((20000 + RANDOM % 20000))
"$bin" run configs/faults.toml --duration 3s --metrics "127.0.0.1:$f_port" --no-progress --summary-json artifacts/smoke-faults.json >artifacts/smoke-faults.txt 2>&1 &
pid=$!
sleep 2
curl -fsS "http://127.0.0.1:$f_port/metrics" -o artifacts/smoke-faults-metrics.txt
wait $pid || { cat artifacts/smoke-faults.txt; echo "aot-smoke: faults run exited non-zero"; exit 1; }
promtool check metrics <artifacts/smoke-faults-metrics.txt
grep -q '^trdpsim_fault_strikes_total{fault="door-loss",kind="loss"}' artifacts/smoke-faults-metrics.txt
python3 -c "import json; f={x['name']: x for x in json.load(open('artifacts/smoke-faults.json'))['faults']}; assert len(f)==10 and f['door-loss']['strikes']>0, f; print('aot-smoke: faults ok: door-loss strikes', f['door-loss']['strikes'])"

echo "aot-smoke: serve under NativeAOT: /healthz, /openapi/v1.json, the console at /, 401 without the token, a run started over HTTP completes, ctl status"
d_port=$((20000 + RANDOM % 20000))
d_dir=$(mktemp -d)
d_url="http://127.0.0.1:$d_port"
TRDPSIM_PLUGINS="$d_dir/plugins" "$bin" serve --urls "$d_url" --token-file "$d_dir/token" >artifacts/smoke-serve.txt 2>&1 &
d_pid=$!
for _ in $(seq 1 50); do sleep 0.1; curl -fsS "$d_url/healthz" -o artifacts/smoke-healthz.json 2>/dev/null && break; done
grep -q '"status":"ok"' artifacts/smoke-healthz.json || { cat artifacts/smoke-serve.txt; echo "aot-smoke: /healthz did not answer"; exit 1; }
[ "$(stat -c %a "$d_dir/token")" = 600 ] || { echo "aot-smoke: the token file is not mode 0600"; exit 1; }
! grep -qF "$(cat "$d_dir/token")" artifacts/smoke-serve.txt || { echo "aot-smoke: the token was printed"; exit 1; }
# The web console from the binary: the page (no-cache), its hashed script Brotli-compressed, the fault kinds for its form.
curl -fsS -D artifacts/smoke-console-headers.txt "$d_url/" -o artifacts/smoke-console.html
grep -q '<title>trdpsim console</title>' artifacts/smoke-console.html && grep -qi '^cache-control: no-cache' artifacts/smoke-console-headers.txt \
  || { cat artifacts/smoke-console-headers.txt; echo "aot-smoke: GET / did not return the console page"; exit 1; }
script=$(grep -o 'assets/main-[A-Z0-9]*\.js' artifacts/smoke-console.html)
curl -fsS -H 'Accept-Encoding: br' -D artifacts/smoke-console-js.txt "$d_url/$script" -o /dev/null
grep -qi '^content-encoding: br' artifacts/smoke-console-js.txt && grep -qi 'immutable' artifacts/smoke-console-js.txt \
  || { cat artifacts/smoke-console-js.txt; echo "aot-smoke: the console's script was not served compressed and immutable"; exit 1; }
curl -fsS "$d_url/api/fault-kinds" | grep -q '"kind":"loss"' || { echo "aot-smoke: /api/fault-kinds did not list the fault kinds"; exit 1; }
curl -fsS "$d_url/openapi/v1.json" | python3 -c "import json,sys; d=json.load(sys.stdin); assert '/api/runs' in d['paths'] and 'post' in d['paths']['/api/runs'], list(d['paths'])"
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$d_url/api/runs" -H 'Content-Type: application/json' -d '{"files":["x"]}')
[ "$code" = 401 ] || { echo "aot-smoke: POST /api/runs without the token answered $code"; exit 1; }
auth="Authorization: Bearer $(cat "$d_dir/token")"
curl -fsS -X POST "$d_url/api/runs" -H "$auth" -H 'Content-Type: application/json' \
  -d "{\"files\":[\"$(pwd)/configs/quickstart.toml\"],\"duration\":\"2s\"}" -o artifacts/smoke-serve-run.json \
  || { cat artifacts/smoke-serve.txt; echo "aot-smoke: a run could not be started over HTTP"; exit 1; }
run_id=$(python3 -c "import json; print(json.load(open('artifacts/smoke-serve-run.json'))['id'])")
code=$(curl -s -o artifacts/smoke-serve-bad.json -w '%{http_code}' -X POST "$d_url/api/runs" -H "$auth" -H 'Content-Type: application/json' -d '{"files":["x"],"nope":1}')
[ "$code" = 400 ] && grep -q "unknown field 'nope'" artifacts/smoke-serve-bad.json || { cat artifacts/smoke-serve-bad.json; echo "aot-smoke: an unknown field answered $code"; exit 1; }
sleep 3
TRDPSIM_TOKEN="$(cat "$d_dir/token")" "$bin" ctl status "$run_id" --url "$d_url" >artifacts/smoke-ctl.txt \
  || { cat artifacts/smoke-ctl.txt artifacts/smoke-serve.txt; echo "aot-smoke: ctl status failed"; exit 1; }
grep -q "completed" artifacts/smoke-ctl.txt || { cat artifacts/smoke-ctl.txt; echo "aot-smoke: the run over HTTP did not complete"; exit 1; }
curl -fsS "$d_url/metrics" -o artifacts/smoke-serve-metrics.txt && promtool check metrics <artifacts/smoke-serve-metrics.txt
kill -TERM $d_pid
set +e; wait $d_pid; rc=$?; set -e
[ $rc -eq 0 ] || { cat artifacts/smoke-serve.txt; echo "aot-smoke: serve did not exit 0 on SIGTERM (exit $rc)"; exit 1; }
rm -rf "$d_dir"
echo "aot-smoke: serve ok: run $run_id completed over HTTP"

echo "aot-smoke: SIGTERM stops cleanly, still prints the summary, says so and exits 143"
"$bin" run configs/quickstart.toml --metrics off --no-progress >artifacts/smoke-term.txt 2>&1 &
pid=$!
sleep 2
kill -TERM $pid
set +e; wait $pid; rc=$?; set -e
[ $rc -eq 143 ] && grep -q "trdpsim summary" artifacts/smoke-term.txt && grep -q "stopped: interrupted (SIGTERM)" artifacts/smoke-term.txt \
  || { cat artifacts/smoke-term.txt; echo "aot-smoke: SIGTERM did not end as an interrupted run (exit $rc)"; exit 1; }
rm -rf "$TRDPSIM_DATA_DIR"
echo "aot-smoke: ok"
