#!/usr/bin/env python3
"""Live fan-out benchmark driver (Python standard library only).

Against a running `trdpsim run` (streams beside /metrics), alternates phases without and with N WebSocket
subscribers on `/api/stream`. During a phase with subscribers an ingest feeder posts NDJSON events to
`/api/runs/current/ingest` at a fixed rate; every subscriber takes `run.*`, `pd.*` and `anomalies`, so it gets the
ingested events, the live samples and whatever else the run says. Per phase it records the messages delivered to
all subscribers (and the drops they were told of), and the send lateness p99 of that phase alone, from the
`trdpsim_pd_send_lateness_distribution_seconds` histogram of /metrics (bucket deltas between the phase's start
and end, interpolated inside a bucket like PromQL's histogram_quantile) — and, since a p99 interpolated inside the
1-2.5 ms bucket is coarse, the exact share of the phase's sends later than each bucket bound from 250 µs to 5 ms
(counts at a bound need no interpolation).

Prints one JSON object with the phases and the totals.
"""
import base64
import json
import os
import re
import socket
import struct
import sys
import threading
import time
import urllib.request

HIST = "trdpsim_pd_send_lateness_distribution_seconds_bucket"


def scrape_buckets(base):
    """Cumulative bucket counts of publications' send lateness, summed over every telegram label."""
    text = urllib.request.urlopen(base + "metrics", timeout=10).read().decode()
    sums = {}
    for line in text.splitlines():
        if line.startswith(HIST + "{"):
            le = re.search(r'[{,]le="([^"]+)"', line).group(1)
            bound = float("inf") if le == "+Inf" else float(le)
            sums[bound] = sums.get(bound, 0.0) + float(line.rsplit(" ", 1)[1])
    return sorted(sums.items())


FIGURES = {
    "trdpsim_thread_cpu_seconds_total": "cpu_s",
    "trdpsim_thread_run_queue_wait_seconds_total": "runq_wait_s",
    "trdpsim_gc_collections_total": "gc",
    "trdpsim_gc_allocated_bytes_total": "allocated",
    "trdpsim_gc_pause_seconds_total": "gc_pause_s",
    "trdpsim_stall_seconds_total": "stall_s",
}


def scrape_figures(base):
    """The process figures that say where a phase's CPU went: thread CPU and run-queue wait by kind, GC, stalls."""
    text = urllib.request.urlopen(base + "metrics", timeout=10).read().decode()
    figures = {}
    for line in text.splitlines():
        m = re.match(r'([a-z_]+)(?:\{[a-z]+="([^"]*)"\})? ([0-9.eE+-]+)$', line)
        if m and m.group(1) in FIGURES:
            key = FIGURES[m.group(1)] + ("." + m.group(2) if m.group(2) else "")
            figures[key] = float(m.group(3))
    return figures


def figure_deltas(before, after, seconds):
    """Per-second deltas of the process figures (allocation in MB/s, CPU and waits in shares of a core)."""
    out = {}
    for key, value in sorted(after.items()):
        delta = value - before.get(key, 0.0)
        if key == "allocated":
            out["allocated_MB_per_s"] = round(delta / seconds / 1e6, 2)
        elif key.startswith("gc."):
            out["gc" + key[3:] + "_per_s"] = round(delta / seconds, 2)
        else:
            out[key.replace(".", "_") + "_per_s"] = round(delta / seconds, 4)
    return out


def quantile(q, before, after):
    """histogram_quantile over the deltas of two cumulative scrapes (linear inside the bucket)."""
    deltas = [(b, a - c) for (b, a), (_, c) in zip(after, before)]
    total = deltas[-1][1] if deltas else 0
    if total <= 0:
        return float("nan"), 0
    rank = q * total
    lower, below = 0.0, 0.0
    for bound, cumulative in deltas:
        if cumulative >= rank:
            if bound == float("inf"):
                return lower, total
            inside = cumulative - below
            return lower + (bound - lower) * ((rank - below) / inside if inside > 0 else 1), total
        lower, below = bound, cumulative
    return lower, total


LATE_BOUNDS = (0.00025, 0.0005, 0.001, 0.0025, 0.005)


def late_shares(before, after):
    """Per cent of the phase's sends later than each bound of LATE_BOUNDS: exact from the cumulative counts."""
    deltas = {b: a - c for (b, a), (_, c) in zip(after, before)}
    total = deltas.get(float("inf"), 0)
    if total <= 0:
        return {}
    return {f"{bound * 1e6:g}us": round(100 * (total - deltas[bound]) / total, 4) for bound in LATE_BOUNDS if bound in deltas}


class Subscriber(threading.Thread):
    """A minimal RFC 6455 client: handshake, one subscribe request (masked, as clients must), then it counts the
    messages of each batch frame without parsing them (one `"topic":` per message)."""

    def __init__(self, host, port, topics):
        super().__init__(daemon=True)
        self.messages = 0
        self.dropped = 0
        self.closed = None
        self.stop = False
        self.sock = socket.create_connection((host, port))
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET /api/stream HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += self.sock.recv(4096)
        if not head.startswith(b"HTTP/1.1 101"):
            raise RuntimeError(head.decode(errors="replace"))
        self.rest = head.split(b"\r\n\r\n", 1)[1]
        self.send(json.dumps({"op": "subscribe", "topics": topics}).encode())

    def send(self, payload):
        mask = os.urandom(4)
        header = bytes([0x81]) + (bytes([0x80 | len(payload)]) if len(payload) < 126 else bytes([0x80 | 126]) + struct.pack(">H", len(payload)))
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def read(self, n):
        while len(self.rest) < n:
            chunk = self.sock.recv(1 << 20)
            if not chunk:
                raise EOFError
            self.rest += chunk
        data, self.rest = self.rest[:n], self.rest[n:]
        return data

    def run(self):
        try:
            while not self.stop:
                b0, b1 = self.read(2)
                length = b1 & 0x7F
                if length == 126:
                    length = struct.unpack(">H", self.read(2))[0]
                elif length == 127:
                    length = struct.unpack(">Q", self.read(8))[0]
                payload = self.read(length)
                opcode = b0 & 0x0F
                if opcode == 8:
                    self.closed = struct.unpack(">H", payload[:2])[0] if len(payload) >= 2 else 1005
                    return
                if payload.startswith(b'{"type":"batch"'):
                    self.messages += payload.count(b'"topic":')
                    m = re.search(rb'"dropped":(\d+)', payload[:64])
                    if m:
                        self.dropped = max(self.dropped, int(m.group(1)))
        except (EOFError, OSError):
            pass

    def close(self):
        self.stop = True
        try:
            self.sock.close()
        except OSError:
            pass


class Feeder(threading.Thread):
    """Posts NDJSON to the ingest endpoint at `rate` lines/s, in 20 ms chunks over one streamed (chunked) POST."""

    def __init__(self, host, port, rate):
        super().__init__(daemon=True)
        self.host, self.port, self.rate = host, port, rate
        self.stop = False
        self.lines = 0
        self.reply = None

    def run(self):
        sock = socket.create_connection((self.host, self.port))
        sock.sendall((f"POST /api/runs/current/ingest HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                      "Content-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n").encode())
        per_chunk = max(1, self.rate // 50)
        start = time.monotonic()
        while not self.stop:
            lines = "".join(f'{{"source":"bench","name":"load","value":{self.lines + i}}}\n' for i in range(per_chunk)).encode()
            sock.sendall(b"%x\r\n%s\r\n" % (len(lines), lines))
            self.lines += per_chunk
            wait = start + self.lines / self.rate - time.monotonic()
            if wait > 0:
                time.sleep(wait)
        sock.sendall(b"0\r\n\r\n")
        reply = b""
        while b"}" not in reply:
            chunk = sock.recv(65536)
            if not chunk:
                break
            reply += chunk
        self.reply = reply.split(b"\r\n\r\n", 1)[-1].decode(errors="replace")
        sock.close()


def main():
    base, subscribers, rate, phase_seconds, phases = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
    host, port = re.match(r"http://([^:/]+):(\d+)/", base).groups()
    port = int(port)
    results = []
    for p in range(phases):
        with_subscribers = p % 2 == 1
        clients, feeder = [], None
        if with_subscribers:
            clients = [Subscriber(host, port, ["run.*", "pd.*", "anomalies"]) for _ in range(subscribers)]
            for c in clients:
                c.start()
            time.sleep(0.3)  # subscribed before the feeder starts
            feeder = Feeder(host, port, rate)
            feeder.start()
        before = scrape_buckets(base)
        figures_before = scrape_figures(base)
        t0 = time.monotonic()
        time.sleep(phase_seconds)
        after = scrape_buckets(base)
        figures_after = scrape_figures(base)
        elapsed = time.monotonic() - t0
        delivered = sum(c.messages for c in clients)
        phase = {"phase": p + 1, "subscribers": len(clients), "seconds": round(elapsed, 2)}
        if feeder:
            feeder.stop = True
            feeder.join(10)
            time.sleep(0.3)  # the last batch
            delivered = sum(c.messages for c in clients)
            phase.update({
                "ingestedLines": feeder.lines,
                "deliveredMessages": delivered,
                "deliveredPerSecond": round(delivered / elapsed),
                "perSubscriberPerSecond": round(delivered / elapsed / len(clients)),
                "droppedMax": max(c.dropped for c in clients),
                "closedByServer": sum(1 for c in clients if c.closed),
                "ingestReply": feeder.reply[:200] if feeder.reply else None,
            })
        p99, samples = quantile(0.99, before, after)
        phase.update({"lateness_p99_us": round(p99 * 1e6, 1), "latenessSamples": int(samples),
                      "latePercentOver": late_shares(before, after)})
        phase["process"] = figure_deltas(figures_before, figures_after, elapsed)
        for c in clients:
            c.close()
        results.append(phase)
        print(json.dumps(phase), file=sys.stderr)
    without = [r["lateness_p99_us"] for r in results if r["subscribers"] == 0]
    with_ = [r["lateness_p99_us"] for r in results if r["subscribers"] > 0]
    summary = {
        "phases": results,
        "lateness_p99_us_without": round(sum(without) / len(without), 1) if without else None,
        "lateness_p99_us_with": round(sum(with_) / len(with_), 1) if with_ else None,
        "deliveredPerSecond": round(sum(r.get("deliveredPerSecond", 0) for r in results) / max(1, len(with_))),
    }
    if without and with_ and summary["lateness_p99_us_without"] > 0:
        summary["latenessRatio"] = round(summary["lateness_p99_us_with"] / summary["lateness_p99_us_without"], 3)
    for label, rows in (("without", [r for r in results if r["subscribers"] == 0]), ("with", [r for r in results if r["subscribers"] > 0])):
        shares = [r["latePercentOver"].get("1000us") for r in rows if r["latePercentOver"].get("1000us") is not None]
        if shares:
            summary[f"latePercentOver1ms_{label}"] = round(sum(shares) / len(shares), 4)
    print(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
