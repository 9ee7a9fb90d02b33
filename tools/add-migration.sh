#!/usr/bin/env bash
# Adds a generated migration for both providers from the one model (decision record 0019):
#   tools/add-migration.sh <Name>            -> Data/Migrations/Sqlite/<ts>_<Name>.cs and Data/Migrations/Postgres/<ts>_<Name>.cs
#   tools/add-migration.sh <Name> sqlite     -> only SQLite (or: postgres)
# Builds once, then asks dotnet-ef for each context. ./test.sh fails while either provider lacks a migration.
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: tools/add-migration.sh <MigrationName> [sqlite|postgres]}"
only="${2:-both}"
dotnet tool restore >/dev/null
dotnet build Fifty.Ops -c Release >/dev/null
if [ "$only" = both ] || [ "$only" = sqlite ]; then
  dotnet ef migrations add "$name" --project Fifty.Ops --configuration Release --no-build --context FiftyOpsDbContext \
    --output-dir Data/Migrations/Sqlite --namespace Fifty.Ops.Data.Migrations.Sqlite
  dotnet build Fifty.Ops -c Release >/dev/null
fi
if [ "$only" = both ] || [ "$only" = postgres ]; then
  dotnet ef migrations add "$name" --project Fifty.Ops --configuration Release --no-build --context PostgresFiftyOpsDbContext \
    --output-dir Data/Migrations/Postgres --namespace Fifty.Ops.Data.Migrations.Postgres
fi
dotnet build Fifty.Ops -c Release >/dev/null
for context in FiftyOpsDbContext PostgresFiftyOpsDbContext; do
  dotnet ef migrations has-pending-model-changes --project Fifty.Ops --configuration Release --no-build --context "$context"
done
