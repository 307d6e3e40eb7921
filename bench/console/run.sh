#!/usr/bin/env bash
# Console cost benchmark: `trdpsim serve` plays a 10,000-telegram train at 100k telegrams/s (configs/load-10k.toml),
# first PHASE_SECONDS without a browser, then PHASE_SECONDS with the web console open on the run's Run page in
# headless chromium (bench/console/driver.mjs, playwright-core driving Debian's /usr/bin/chromium). Figures: the
# browser's CPU (all chromium processes of the profile, from /proc), the page's JS heap at the start and the end
# (CDP), and the engine's send lateness of each phase alone (bucket deltas of the /metrics histogram: the p99
# interpolated in its bucket and the exact share of sends later than 250 µs … 5 ms, bench/console/lateness.py), with
# vs. without the page (target: p99 within 10 %).
#
#   bench/console/run.sh                                   # 2 phases of 600 s (the 10-minute figure)
#   ROUNDS=2 PHASE_SECONDS=300 bench/console/run.sh        # without/with alternated twice: drift shows as rounds that disagree
#   PHASE_SECONDS=20 bench/console/run.sh                  # a quick check that it works (figures mean nothing)
#   TRDPSIM_BIN=artifacts/publish/trdpsim/trdpsim bench/console/run.sh   # skip the AOT publish
#
# Prints a JSON summary on stdout; raw output stays in artifacts/bench/console/.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
out="$root/artifacts/bench/console"
mkdir -p "$out"
phase_s=${PHASE_SECONDS:-600}
rounds=${ROUNDS:-1}
config=${CONFIG:-$root/configs/load-10k.toml}   # another plan only to try the script out: the figure is load-10k's
[ -x /usr/bin/chromium ] || { echo "bench/console: /usr/bin/chromium is missing (tools/install-deps.sh)" >&2; exit 1; }
(cd bench/console && { [ -d node_modules/playwright-core ] || PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error; })

bin=${TRDPSIM_BIN:-}
if [ -z "$bin" ]; then
  echo "== publishing the AOT binary" >&2
  dotnet publish engine/TrdpSim -c Release -r linux-x64 -p:PublishAot=true -o "$out/trdpsim" -nologo -v q >"$out/publish.log" 2>&1 || { cat "$out/publish.log"; exit 1; }
  bin="$out/trdpsim/trdpsim"
fi

port=$((20000 + RANDOM % 20000))
url="http://127.0.0.1:$port"
TRDPSIM_DATA_DIR="$out/store" "$bin" serve --urls "$url" --token-file "$out/token" >"$out/serve.txt" 2>&1 &
serve=$!
trap 'kill "$serve" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -fsS "$url/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
token=$(cat "$out/token")
duration=$(( (phase_s * 2 + 30) * rounds + 60 ))
run=$(curl -fsS -X POST "$url/api/runs" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d "{\"files\":[\"$config\"],\"duration\":\"${duration}s\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
echo "== run $run ($config) on $url; warming up 5 s" >&2
sleep 5

scrape() { curl -fsS "$url/metrics" -o "$out/metrics-$1.txt"; }
lateness() { python3 bench/console/lateness.py "$out/metrics-$1.txt" "$out/metrics-$2.txt"; }

: >"$out/rounds.jsonl"
for r in $(seq 1 "$rounds"); do
  echo "== round $r/$rounds: ${phase_s} s without the page" >&2
  scrape "a${r}s"; sleep "$phase_s"; scrape "a${r}e"
  echo "== round $r/$rounds: ${phase_s} s with the console open" >&2
  scrape "b${r}s"
  browser=$(node bench/console/driver.mjs "$url" "$token" "$run" "$phase_s")
  scrape "b${r}e"
  echo "$browser" >&2
  python3 -c 'import json,sys; print(json.dumps({"round": int(sys.argv[1]), "without": json.loads(sys.argv[2]), "with": json.loads(sys.argv[3]), "browser": json.loads(sys.argv[4])}))' \
    "$r" "$(lateness "a${r}s" "a${r}e")" "$(lateness "b${r}s" "b${r}e")" "$browser" >>"$out/rounds.jsonl"
done
pool() { local files=(); for r in $(seq 1 "$rounds"); do files+=("$out/metrics-$1${r}s.txt" "$out/metrics-$1${r}e.txt"); done; python3 bench/console/lateness.py "${files[@]}"; }
without=$(pool a); with=$(pool b)
curl -fsS -X POST "$url/api/runs/$run/stop" -H "Authorization: Bearer $token" >/dev/null || true
kill -TERM "$serve" 2>/dev/null || true
wait "$serve" || true
trap - EXIT
python3 - "$out/rounds.jsonl" "$without" "$with" "$phase_s" <<'PY'
import json, statistics, sys
rounds = [json.loads(line) for line in open(sys.argv[1])]
without, with_page = json.loads(sys.argv[2]), json.loads(sys.argv[3])
def ratio(a, b):
    return round(b["p99_us"] / a["p99_us"], 3) if a["p99_us"] and b["p99_us"] else None
browser = {k: statistics.mean(r["browser"][k] for r in rounds) for k in ("browserCpuCores", "jsHeapStartBytes", "jsHeapEndBytes")
           if all(r["browser"].get(k) is not None for r in rounds)}
# The pooled figures are every phase's sends of one kind together; each round's ratio shows whether they agree.
print(json.dumps({"phaseSeconds": int(sys.argv[4]), "rounds": len(rounds), "sendLatenessWithoutPage": without,
                  "sendLatenessWithPage": with_page, "p99Ratio": ratio(without, with_page),
                  "p99RatioPerRound": [ratio(r["without"], r["with"]) for r in rounds], **browser,
                  "chartPoints": rounds[-1]["browser"].get("chartPoints"), "connection": rounds[-1]["browser"].get("connection")}, indent=2))
PY
