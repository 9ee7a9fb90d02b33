#!/usr/bin/env bash
# Runs every test: unit, integration (WebApplicationFactory on real SQLite), component (bUnit) and browser
# (Playwright driving Debian's Chromium against the app on 127.0.0.1).
set -euo pipefail
cd "$(dirname "$0")"
source ./scripts/ensure-deps.sh
ensure_packages chromium fonts-nanum poppler-utils
dotnet tool restore
dotnet build Fifty.Ops.sln -c Release
# Every model change has its generated migration (docs/decisions/0008-platform-net10-ef-identity.md).
dotnet ef migrations has-pending-model-changes --project Fifty.Ops --configuration Release --no-build
log=$(mktemp)
set +e
dotnet test Fifty.Ops.sln -c Release --no-build --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
passed=$(awk '/^ +Passed: +[0-9]+$/ {s += $2} END {print s + 0}' "$log")
failed=$(awk '/^ +Failed: +[0-9]+$/ {s += $2} END {print s + 0}' "$log")
rm -f "$log"
echo "${passed:-0} passed, ${failed:-0} failed"
exit "$status"
