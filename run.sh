#!/usr/bin/env bash
# Starts Fifty.Ops on http://127.0.0.1:5000 with its SQLite database in ./data (created and seeded on first start).
set -euo pipefail
cd "$(dirname "$0")"
source ./scripts/ensure-deps.sh
ensure_packages chromium fonts-nanum
# The local tools (dotnet-ef) are restored as the README's commands promise, so migrations can be generated here too.
dotnet tool restore >/dev/null
export ConnectionStrings__Default="${ConnectionStrings__Default:-Data Source=$PWD/data/fifty-ops.db}"
exec dotnet run --project Fifty.Ops -c Release -- --urls "${URLS:-http://127.0.0.1:5000}"
