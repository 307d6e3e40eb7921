#!/usr/bin/env bash
# Fuzzes one target with AFL++ through SharpFuzz for the given minutes:
#   tools/fuzz/run.sh <pd|md|toml|js|pcap> <minutes>
#   for t in pd md toml js pcap; do FUZZ_REUSE=1 tools/fuzz/run.sh $t 12; done   # a series, published once
# Installs afl++ (Debian) when missing, publishes tools/fuzz/TrdpSim.Fuzz, instruments TrdpSim.Core (and Tomlyn for
# the toml target) with the SharpFuzz.CommandLine tool, seeds from ../shared/vectors, configs/ and plugins/
# (tools/fuzz/seeds.py), runs afl-fuzz and prints its figures. Findings stay in artifacts/fuzz/<target>/ (crashes/,
# hangs/). Reproduce one with the same harness outside AFL (it gives the instrumented code a coverage map of its
# own): dotnet artifacts/fuzz/bin/TrdpSim.Fuzz.dll <target> <file> [runs] — with runs > 1 it also prints how long
# the first run (the JIT a fresh AFL child pays) and the later runs took. A fixed finding's input goes into
# tests/TrdpSim.Tests/Fuzz/Findings/ as <target>-<what>.<ext> (FuzzFindingTests runs every file there).
# Never part of tools/test.sh or CI: AFL++ wants whole cores for minutes to hours.
set -euo pipefail
cd "$(dirname "$0")/../.."
target=${1:?usage: tools/fuzz/run.sh <pd|md|toml|js|pcap> <minutes>}
minutes=${2:?usage: tools/fuzz/run.sh <pd|md|toml|js|pcap> <minutes>}
case "$target" in pd|md|toml|js|pcap) ;; *) echo "unknown target '$target' (pd, md, toml, js, pcap)" >&2; exit 2 ;; esac
out=artifacts/fuzz
mkdir -p "$out"

if ! command -v afl-fuzz >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq afl++ >/dev/null
fi

if [ ! -x "$out/tools/sharpfuzz" ]; then
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$out/tools" >/dev/null
fi

# sharpfuzz instruments the assemblies in place, once: a fresh publish each time, unless FUZZ_REUSE=1 and an earlier
# run of this tree left a published, instrumented harness (bin/instrumented.txt lists what is instrumented) — then
# only what this target adds is instrumented, so a series of targets publishes once. Reuse only while the engine's
# sources are unchanged: the harness then fuzzes the code it was published from.
marker="$out/bin/instrumented.txt"
if [ "${FUZZ_REUSE:-0}" != 1 ] || [ ! -f "$marker" ]; then
  rm -rf "$out/bin"
  dotnet publish tools/fuzz/TrdpSim.Fuzz -c Release -o "$out/bin" -nologo -v q >"$out/publish.log" 2>&1 || { cat "$out/publish.log"; exit 1; }
  "$out/tools/sharpfuzz" "$out/bin/TrdpSim.Core.dll"
  echo TrdpSim.Core.dll >"$marker"
fi
if [ "$target" = toml ] && ! grep -qx Tomlyn.dll "$marker"; then
  "$out/tools/sharpfuzz" "$out/bin/Tomlyn.dll"
  echo Tomlyn.dll >>"$marker"
fi

seeds="$out/seeds/$target"
rm -rf "$seeds"
python3 tools/fuzz/seeds.py "$target" "$seeds"

findings="$out/$target"
# -i - resumes an earlier session of the same target (its queue), so runs add up.
input="$seeds"; [ -f "$findings/default/fuzzer_stats" ] && input=-
# FUZZ_TIMEOUT_MS: AFL's time limit per input (default 5000). A warm execution takes well under a millisecond to a
# few (the js target's sandbox stops a script at 500 ms); the limit is for the first input of every fresh child
# process (at the start and after each crash or time-out), which pays the runtime's start and the JIT: about 1-2 s
# for js on a loaded 2-core machine. Raise it on a machine loaded far beyond that.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1
afl-fuzz -i "$input" -o "$findings" -t "${FUZZ_TIMEOUT_MS:-5000}" -m none -V $((minutes * 60)) -- dotnet "$out/bin/TrdpSim.Fuzz.dll" "$target" >"$out/$target.log" 2>&1 || { tail -30 "$out/$target.log"; exit 1; }

stats="$findings/default/fuzzer_stats"
get() { sed -n "s/^$1 *: *//p" "$stats"; }
echo "fuzz $target: run $(get run_time) s, $(get execs_done) executions ($(get execs_per_sec)/s), corpus $(get corpus_count) (paths found $(get corpus_found)), crashes $(get saved_crashes), hangs $(get saved_hangs), stability $(get stability)"
ls "$findings/default/crashes" "$findings/default/hangs" 2>/dev/null | grep -v README || true
