#!/usr/bin/env bash
# The test command (README): build, unit tests, loopback integration tests, then the NativeAOT publish
# with its smoke run (zero trim/AOT warnings, quickstart on loopback, promtool check of /metrics).
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh

echo "== build (Release, warnings are errors)"
dotnet build Engine.sln -c Release -nologo -clp:ErrorsOnly

echo "== unit tests"
dotnet test tests/TrdpSim.Tests -c Release --no-build -nologo --logger "console;verbosity=minimal" --results-directory artifacts/TestResults

echo "== integration tests (loopback)"
dotnet test tests/TrdpSim.IntegrationTests -c Release --no-build -nologo --logger "console;verbosity=minimal" --results-directory artifacts/TestResults

echo "== NativeAOT publish + smoke run"
tools/aot-smoke.sh
