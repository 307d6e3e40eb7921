#!/usr/bin/env python3
"""Where a window's thread time went, from two saved scrapes of /metrics: CPU and run-queue wait per thread kind,
own stalls per source and GC pause, each as a per cent of the window's wall time.

    bench/load/thread_time.py before.txt after.txt <window seconds>
"""
import json
import re
import sys

NAMES = {
    "trdpsim_thread_cpu_seconds_total": "cpu",
    "trdpsim_thread_run_queue_wait_seconds_total": "runQueueWait",
    "trdpsim_stall_seconds_total": "stall",
    "trdpsim_gc_pause_seconds_total": "gcPause",
}


def figures(path):
    out = {}
    for line in open(path):
        m = re.match(r'([a-z_]+)\{([^}]*)\} ([0-9.eE+-]+)$', line.strip())
        if m and m.group(1) in NAMES:
            labels = dict(re.findall(r'([a-z]+)="([^"]*)"', m.group(2)))
            who = labels.get("thread") or labels.get("source")
            out[NAMES[m.group(1)] + ("." + who if who else "")] = float(m.group(3))
    return out


def main():
    before, after, seconds = figures(sys.argv[1]), figures(sys.argv[2]), float(sys.argv[3])
    print(json.dumps({key: round(100 * (value - before.get(key, 0.0)) / seconds, 2)
                      for key, value in sorted(after.items()) if value - before.get(key, 0.0) > 0}))


if __name__ == "__main__":
    main()
