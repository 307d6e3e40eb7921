#!/usr/bin/env python3
"""Send lateness of one phase of the console bench, from two saved scrapes of /metrics (its start and its end).

Prints JSON: the p99 interpolated inside its bucket like PromQL's histogram_quantile, the bound of the bucket that
holds it, and the exact share of the phase's sends later than each bound from 250 µs to 5 ms (a count at a bucket
bound needs no interpolation, so a with/without comparison does not hinge on where inside a wide bucket the p99
falls). The arithmetic is bench/streams/fanout.py's, so both benches read the histogram the same way.

    bench/console/lateness.py metrics-a0.txt metrics-a1.txt
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


def main():
    before, after = buckets(sys.argv[1]), buckets(sys.argv[2])
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
