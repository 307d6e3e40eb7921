#!/usr/bin/env bash
# Control latency of the daemon: an HTTP fault injection (or repair) → the first frame on the wire that
# shows it. `trdpsim serve` (NativeAOT) plays bench/control/control.toml — one telegram every 10 ms from
# 127.88.0.1 to 127.88.0.2:17224 — and a receiver of this script listens on 127.88.0.2:17224. Each round
# injects a `topo-change` fault (ETB topography counter n, visible in the header of every frame it
# strikes) with POST /api/runs/{id}/faults, then repairs it with DELETE; the latency of each is from just
# before the request to the arrival of the first frame carrying (or no longer carrying) the counter, on
# one monotonic clock. A frame leaves only on its cycle, so the floor is uniform over 0…10 ms (mean 5 ms):
# the goal is p99 ≤ one cycle + 5 ms = 15 ms.
#
#   bench/control/run.sh                        # 1000 injections + 1000 repairs (~35 s)
#   CONTROL_ROUNDS=50 bench/control/run.sh      # a quick look
#   TRDPSIM_BIN=artifacts/publish/trdpsim/trdpsim bench/control/run.sh   # skip the publish
#
# Prints a markdown block for bench/RESULTS.md; raw samples stay in artifacts/bench/control/.
set -euo pipefail
cd "$(dirname "$0")/../.."
out="$(pwd)/artifacts/bench/control"
mkdir -p "$out"
rounds=${CONTROL_ROUNDS:-1000}
bin=${TRDPSIM_BIN:-}
if [ -z "$bin" ]; then
  echo "== building the AOT binary" >&2
  dotnet publish engine/TrdpSim -c Release -r linux-x64 -p:PublishAot=true -o "$out/trdpsim" -nologo -v q >"$out/publish.log" 2>&1 || { cat "$out/publish.log"; exit 1; }
  bin="$out/trdpsim/trdpsim"
fi

port=$((20000 + RANDOM % 20000))
url="http://127.0.0.1:$port"
token=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
TRDPSIM_TOKEN="$token" "$bin" serve --urls "$url" >"$out/serve.txt" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null || true; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do sleep 0.1; curl -fsS "$url/healthz" >/dev/null 2>&1 && break; done

TRDPSIM_TOKEN="$token" python3 - "$url" "$rounds" "$out" "$(pwd)/bench/control/control.toml" <<'PY'
import http.client, json, os, queue, random, socket, struct, sys, threading, time
url, rounds, out, plan = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
host, port = url[len("http://"):].split(":")
token = os.environ["TRDPSIM_TOKEN"]
frames = queue.Queue()

# The receiver: every frame's arrival time and ETB topography counter (PD header offset 12, big-endian).
rx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
rx.bind(("127.88.0.2", 17224))
def receive():
    while True:
        data = rx.recv(2048)
        now = time.monotonic_ns()
        if len(data) >= 40:
            frames.put((now, struct.unpack_from(">I", data, 12)[0]))
threading.Thread(target=receive, daemon=True).start()

conn = http.client.HTTPConnection(host, int(port), timeout=10)
def call(method, path, body=None):
    headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json", "X-Trdpsim-Client": "bench"}
    conn.request(method, path, body=None if body is None else json.dumps(body), headers=headers)
    response = conn.getresponse()
    text = response.read()
    if response.status >= 300:
        raise SystemExit(f"{method} {path}: {response.status} {text.decode()}")
    return json.loads(text) if text else None

run = call("POST", "/api/runs", {"files": [plan]})["id"]
time.sleep(0.5)

def wait_for(topo, since):
    while True:
        t, seen = frames.get(timeout=5)
        if t >= since and seen == topo:
            return (t - since) / 1e6

inject, repair = [], []
# Each call waits a random part of a cycle first: right after a frame (where the previous wait ends) every
# call would meet the worst phase, a whole cycle before the next frame.
rng = random.Random(1)
for i in range(rounds):
    topo = 1 + i % 200
    time.sleep(rng.uniform(0, 0.010))
    while not frames.empty():
        frames.get_nowait()
    t0 = time.monotonic_ns()
    call("POST", f"/api/runs/{run}/faults", {"kind": "topo-change", "name": f"t{i}", "telegram": "out", "etb-topo-count": topo})
    inject.append(wait_for(topo, t0))
    time.sleep(rng.uniform(0, 0.010))
    t0 = time.monotonic_ns()
    call("DELETE", f"/api/runs/{run}/faults/t{i}")
    repair.append(wait_for(0, t0))

detail = call("GET", f"/api/runs/{run}")
call("POST", f"/api/runs/{run}/stop")
json.dump({"inject_ms": inject, "repair_ms": repair}, open(os.path.join(out, "samples.json"), "w"))

def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]
print(f"### Control latency (bench/control/run.sh, {rounds} injections + {rounds} repairs, 10 ms cycle)\n")
print("| action | n | p50 ms | p90 ms | p99 ms | max ms | goal p99 |")
print("|---|---|---|---|---|---|---|")
for name, values in (("inject", inject), ("repair", repair)):
    print(f"| {name} | {len(values)} | {pct(values, 50):.2f} | {pct(values, 90):.2f} | {pct(values, 99):.2f} | {max(values):.2f} | ≤ 15 ms |")
print(f"\nRun {run}: {detail['totals']['sent']} frames sent, {detail['auditTotal']} control actions audited.")
PY
