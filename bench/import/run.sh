#!/usr/bin/env bash
# Import benchmark: reading a 10,000-telegram train from TCNopen XML against reading the same train from
# TOML, in one run (the machine is shared and noisy, so the ratio is the figure; the absolute times move
# with its load).
#
#   bench/import/run.sh        # generates the train, imports it once, then BenchmarkDotNet (short job, in process), ~3 min
#
# The train: 20 device files on a vehicle's addresses (10.20.x.y; import sends nothing), 10 publishers of
# 1,000 telegrams each (100 ms cycle, a 32-byte dataset) and 10 subscribers of 1,000 each: 10,000 telegrams
# published and subscribed, like configs/load-10k.toml. The TOML is what `trdpsim import` writes from it
# (tested to read back into the same plan). Files stay in artifacts/bench/import/.
set -euo pipefail
cd "$(dirname "$0")/../.."
out="$(pwd)/artifacts/bench/import"
rm -rf "$out" && mkdir -p "$out/xml"

python3 - "$out/xml" <<'PY'
import sys, os
out = sys.argv[1]
dataset = """  <data-set-list>
    <data-set id="1100" name="load">
      <element name="counter" type="UINT32"/>
      <element name="values" type="UINT16" array-size="14"/>
    </data-set>
  </data-set-list>"""
def device(name, address, telegrams):
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<device host-name="{name}">
  <bus-interface-list>
    <bus-interface network-id="1" name="eth0" host-ip="{address}">
      <pd-com-parameter port="17224" qos="5" ttl="64" timeout-value="300000"/>
{telegrams}
    </bus-interface>
  </bus-interface-list>
{dataset}
</device>
"""
for d in range(10):
    pub, sub = f"10.20.{d}.2", f"10.20.{d}.3"
    first = 10000 + d * 1000
    sends = "\n".join(
        f'      <telegram name="t{c}" com-id="{c}" data-set-id="1100"><pd-parameter cycle="100000"/><destination id="1" uri="{sub}"/></telegram>'
        for c in range(first, first + 1000))
    sinks = "\n".join(
        f'      <telegram name="t{c}" com-id="{c}" data-set-id="1100" type="sink"><pd-parameter timeout="300000"/><source id="1" uri1="{pub}"/></telegram>'
        for c in range(first, first + 1000))
    open(os.path.join(out, f"pub-{d:02}.xml"), "w").write(device(f"pub{d:02}", pub, sends))
    open(os.path.join(out, f"sub-{d:02}.xml"), "w").write(device(f"sub{d:02}", sub, sinks))
PY

echo "== building" >&2
dotnet build engine/TrdpSim -c Release -nologo -v q -clp:ErrorsOnly >&2
trdpsim=artifacts/bin/TrdpSim/release/trdpsim
"$trdpsim" import "$out"/xml/*.xml --address-map 10.20.0.0/16=127.20.0.0/16 -o "$out/train.toml" 2>"$out/import.log"
tail -1 "$out/import.log" >&2
echo "== files: $(du -cb "$out"/xml/*.xml | tail -1 | cut -f1) bytes of XML, $(stat -c %s "$out/train.toml") bytes of TOML" >&2
echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before the run" >&2

TRDPSIM_IMPORT_DIR="$out" dotnet run -c Release --project bench/TrdpSim.Benchmarks -- \
  --filter '*PlanImportBenchmarks*' --job short --inProcess --artifacts "$out/bdn"
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
