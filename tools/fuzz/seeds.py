#!/usr/bin/env python3
"""Writes the seed inputs of one fuzz target into a folder: TRDP frames extracted from ../shared/vectors (PD: UDP
payloads on port 17224; MD: UDP payloads on 17225, and each TCP conversation's bytes as one stream), the capture
files themselves plus pcapng re-wraps of them, configs/*.toml, and the plugin scenarios. The vectors stay where
they are: nothing is copied into the repository.
usage: seeds.py <pd|md|toml|js|pcap> <out-dir>"""
import glob, os, struct, sys

root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
vectors = os.path.join(root, "..", "shared", "vectors")
target, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)


def packets(path):
    """(proto, src port, dst port, payload) of a classic little-endian Ethernet pcap."""
    data = open(path, "rb").read()
    at = 24
    while at + 16 <= len(data):
        length = struct.unpack_from("<I", data, at + 8)[0]
        frame = data[at + 16:at + 16 + length]
        at += 16 + length
        if len(frame) < 34 or frame[12:14] != b"\x08\x00":
            continue
        ip = frame[14:]
        ihl = (ip[0] & 15) * 4
        total = struct.unpack_from(">H", ip, 2)[0]
        seg = ip[ihl:total]
        sport, dport = struct.unpack_from(">HH", seg, 0)
        if ip[9] == 17:
            yield 17, sport, dport, seg[8:]
        elif ip[9] == 6:
            yield 6, sport, dport, seg[(seg[12] >> 4) * 4:]


def pcapng(path):
    """The same packets re-wrapped as a little-endian pcapng with nanosecond timestamps."""
    data = open(path, "rb").read()
    blocks = [struct.pack("<IIIHHqI", 0x0A0D0D0A, 28, 0x1A2B3C4D, 1, 0, -1, 28)]
    opts = struct.pack("<HHB3xI", 9, 1, 9, 0)
    blocks.append(struct.pack("<IIHHI", 1, 20 + len(opts), 1, 0, 0) + opts + struct.pack("<I", 20 + len(opts)))
    at = 24
    while at + 16 <= len(data):
        sec, usec, length = struct.unpack_from("<III", data, at)
        frame = data[at + 16:at + 16 + length]
        at += 16 + length
        ts = sec * 1_000_000_000 + usec * 1000
        pad = frame + b"\0" * (-len(frame) % 4)
        total = 32 + len(pad)
        blocks.append(struct.pack("<IIIIIII", 6, total, 0, ts >> 32, ts & 0xFFFFFFFF, len(frame), len(frame)) + pad + struct.pack("<I", total))
    return b"".join(blocks)


n = 0
def write(name, content):
    global n
    n += 1
    open(os.path.join(out, f"{n:03d}-{name}"), "wb").write(content)


for path in sorted(glob.glob(os.path.join(vectors, "*.pcap"))):
    name = os.path.basename(path)[:-5]
    streams = {}
    for i, (proto, sport, dport, payload) in enumerate(packets(path)):
        if target == "pd" and proto == 17 and 17224 in (sport, dport):
            write(f"{name}-{i + 1}", payload)
        elif target == "md" and proto == 17 and 17225 in (sport, dport):
            write(f"{name}-{i + 1}", payload)
        elif target == "md" and proto == 6:
            streams.setdefault((sport, dport), bytearray()).extend(payload)
    for (sport, dport), stream in streams.items():
        if stream:
            write(f"{name}-tcp-{sport}-{dport}", b"\x40" + bytes(stream))  # first byte: the chunk size
    if target == "pcap":
        write(name + ".pcap", open(path, "rb").read())
        write(name + ".pcapng", pcapng(path))

if target == "toml":
    for path in sorted(glob.glob(os.path.join(root, "configs", "*.toml"))):
        write(os.path.basename(path), open(path, "rb").read())
if target == "js":
    for path in sorted(glob.glob(os.path.join(root, "plugins", "**", "*.js"), recursive=True)):
        write(os.path.basename(path), open(path, "rb").read())
print(f"{n} seeds for {target} in {out}")
