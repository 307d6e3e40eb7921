#!/usr/bin/env python3
"""Inter-departure error of cyclic PD telegrams, measured from outside the process: a capture of the wire.

Send lateness inside trdpsim is one-sided (actual - intended) and includes the batch's system call. This
reads a classic pcap (dumpcap -P, Ethernet or Linux cooked framing, IPv4/UDP) and, per telegram
stream (source address, ComId), takes the gaps between consecutive departures and their error against
the stream's cycle: |gap - cycle|. The cycle is the stream's median gap unless --cycle-ms is given.

  interdeparture.py capture.pcap [--cycle-ms 100] [--port 17224] [--json out.json]

Prints one line of key=value pairs (streams, gaps, p50/p90/p99/p99.9/max error in microseconds, capture
drops if known) and optionally writes them as JSON. Only the standard library is used.
"""
import argparse
import json
import statistics
import struct
import sys


def packets(path):
    """Yields (timestamp in ns, link payload bytes) from a classic pcap file (µs or ns timestamps)."""
    with open(path, "rb") as f:
        header = f.read(24)
        if len(header) < 24:
            raise SystemExit(f"{path}: not a pcap file (too short)")
        magic = struct.unpack("<I", header[:4])[0]
        if magic in (0xA1B2C3D4, 0xA1B23C4D):
            endian = "<"
        elif magic in (0xD4C3B2A1, 0x4D3CB2A1):
            endian = ">"
        else:
            raise SystemExit(f"{path}: not a classic pcap file (write it with dumpcap -P)")
        nanos = magic in (0xA1B23C4D, 0x4D3CB2A1)
        linktype = struct.unpack(endian + "I", header[20:24])[0]
        while True:
            record = f.read(16)
            if len(record) < 16:
                return
            seconds, fraction, captured, _ = struct.unpack(endian + "IIII", record)
            data = f.read(captured)
            yield seconds * 1_000_000_000 + (fraction if nanos else fraction * 1000), linktype, data


def trdp(linktype, data, port):
    """(source address, ComId) of a TRDP PD frame to `port`, or None."""
    if linktype == 1:      # Ethernet (what Linux gives for lo)
        offset, ethertype = 14, data[12:14]
    elif linktype == 113:  # Linux cooked capture (any interface)
        offset, ethertype = 16, data[14:16]
    elif linktype == 276:  # Linux cooked v2
        offset, ethertype = 20, data[0:2]
    else:
        return None
    if ethertype != b"\x08\x00" or len(data) < offset + 20:
        return None
    ip = data[offset:]
    if ip[0] >> 4 != 4 or ip[9] != 17:
        return None
    udp = ip[(ip[0] & 0x0F) * 4:]
    if len(udp) < 8 + 12 or struct.unpack(">H", udp[2:4])[0] != port:
        return None
    comid = struct.unpack(">I", udp[8 + 8:8 + 12])[0]
    return ip[12:16], comid


def quantile(sorted_values, q):
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, max(0, int(-(-q * len(sorted_values) // 1)) - 1))
    return sorted_values[index]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("capture")
    parser.add_argument("--cycle-ms", type=float, default=None, help="the streams' cycle (default: each stream's median gap)")
    parser.add_argument("--port", type=int, default=17224)
    parser.add_argument("--drops", type=int, default=None, help="packets the capture dropped (from dumpcap's report)")
    parser.add_argument("--json", default=None)
    args = parser.parse_args()

    streams = {}
    for stamp, linktype, data in packets(args.capture):
        key = trdp(linktype, data, args.port)
        if key is not None:
            streams.setdefault(key, []).append(stamp)

    errors = []
    for stamps in streams.values():
        gaps = [b - a for a, b in zip(stamps, stamps[1:])]
        if not gaps:
            continue
        cycle = args.cycle_ms * 1e6 if args.cycle_ms else statistics.median(gaps)
        # A gap of about k cycles is k - 1 telegrams missing from the capture (or skipped): judge each
        # departure against the nearest multiple of the cycle, so one missing frame is not a "cycle error".
        for gap in gaps:
            k = max(1, round(gap / cycle))
            errors.append(abs(gap - k * cycle) / 1000.0)
    errors.sort()
    result = {
        "streams": len(streams),
        "gaps": len(errors),
        "p50_us": round(quantile(errors, 0.50), 1),
        "p90_us": round(quantile(errors, 0.90), 1),
        "p99_us": round(quantile(errors, 0.99), 1),
        "p999_us": round(quantile(errors, 0.999), 1),
        "max_us": round(errors[-1], 1) if errors else 0.0,
    }
    if args.drops is not None:
        result["capture_drops"] = args.drops
    print("RESULT " + " ".join(f"{k}={v}" for k, v in result.items()))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=2)
    return 0 if errors else 1


if __name__ == "__main__":
    sys.exit(main())
