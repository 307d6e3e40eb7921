#!/usr/bin/env bash
# The test command (README): build, unit tests, loopback integration tests, a type check of the plugin
# API declarations, a lint of the Dockerfile, then the NativeAOT publish with its smoke run (zero trim/AOT warnings, quickstart on loopback, promtool check of /metrics).
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh
# The report check drives Debian's chromium; Playwright must never fetch a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

echo "== build (Release, warnings are errors)"
dotnet build Engine.sln -c Release -nologo -clp:ErrorsOnly

mkdir -p artifacts
echo "== unit tests"
dotnet test tests/TrdpSim.Tests -c Release --no-build -nologo --logger "console;verbosity=minimal" --results-directory artifacts/TestResults \
  | tee artifacts/unit-tests.log

echo "== integration tests (loopback)"
dotnet test tests/TrdpSim.IntegrationTests -c Release --no-build -nologo --logger "console;verbosity=minimal" --results-directory artifacts/TestResults \
  | tee artifacts/integration-tests.log


echo "== web console unit tests (vitest; the bundle itself was built and embedded by the build above)"
(cd web/console && { [ -f node_modules/.package-lock.json ] || npm ci --no-audit --no-fund --loglevel=error; } && npm test --silent)

echo "== plugin API declarations (TypeScript check of trdpsim.d.ts and the library scenarios)"
tools/typecheck-plugins.sh

# The Dockerfile's own rules (tags, plugins, non-root) are unit tests (Container/DockerfileTests); no Docker engine here.
echo "== Dockerfile lint"
tools/lint-dockerfile.sh

echo "== NativeAOT publish + smoke run"
tools/aot-smoke.sh

# One plain closing line over both test projects (vstest prints one summary per assembly); reached
# only when the smoke run passed too (set -e).
python3 - artifacts/unit-tests.log artifacts/integration-tests.log <<'PY'
import re, sys
passed = failed = skipped = 0
for path in sys.argv[1:]:
    for m in re.finditer(r"Failed:\s+(\d+), Passed:\s+(\d+), Skipped:\s+(\d+)", open(path).read()):
        failed += int(m[1]); passed += int(m[2]); skipped += int(m[3])
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
