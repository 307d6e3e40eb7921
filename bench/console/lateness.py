#!/usr/bin/env python3
"""Send lateness of one phase of the console bench, from two saved scrapes of /metrics (its start and its end).

Prints JSON: the p99 interpolated inside its bucket like PromQL's histogram_quantile, the bound of the bucket that
holds it, and the exact share of the phase's sends later than each bound from 250 µs to 5 ms (a count at a bucket
bound needs no interpolation, so a with/without comparison does not hinge on where inside a wide bucket the p99
falls). The arithmetic is bench/streams/fanout.py's, so both benches read the histogram the same way.

    bench/console/lateness.py metrics-a0.txt metrics-a1.txt
    bench/console/lateness.py a0.txt a1.txt a2.txt a3.txt     # several phases of one kind: their sends pooled
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "streams"))
from fanout import HIST, late_shares, quantile  # noqa: E402


def buckets(path):
    """Cumulative bucket counts summed over every telegram label, as fanout.scrape_buckets gives them."""
    sums = {}
    for line in open(path):
        if line.startswith(HIST + "{"):
            le = re.search(r'[{,]le="([^"]+)"', line).group(1)
            bound = float("inf") if le == "+Inf" else float(le)
            sums[bound] = sums.get(bound, 0.0) + float(line.rsplit(" ", 1)[1])
    return sorted(sums.items())


def pooled(paths):
    """(start, end) pairs of scrapes -> one (zero, summed increase) pair: the sends of every phase together."""
    total = None
    for start_path, end_path in zip(paths[0::2], paths[1::2]):
        start, end = buckets(start_path), buckets(end_path)
        delta = [(bound, e - s) for (bound, e), (_, s) in zip(end, start)]
        total = delta if total is None else [(bound, t + d) for (bound, t), (_, d) in zip(total, delta)]
    return [(bound, 0.0) for bound, _ in total], total


def main():
    if len(sys.argv) < 3 or len(sys.argv) % 2 == 0:
        sys.exit("usage: lateness.py <start scrape> <end scrape> [<start> <end>]...")
    before, after = pooled(sys.argv[1:])
    p99, total = quantile(0.99, before, after)
    bucket = None
    for (bound, cumulative), (_, start) in zip(after, before):
        if total > 0 and cumulative - start >= 0.99 * total:
            bucket = bound
            break
    print(json.dumps({"sends": int(total), "p99_us": None if total <= 0 else round(p99 * 1e6, 1),
                      "p99Bucket_s": bucket, "latePercentOver": late_shares(before, after)}))


if __name__ == "__main__":
    main()
