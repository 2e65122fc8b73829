#!/usr/bin/env bash
# Regenerates database/sqlserver-idempotent.sql from the SQL Server migrations. Run after every new migration;
# a test fails when the script is out of date. Needs no SQL Server: EF writes the script from the migrations.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
dotnet tool restore >/dev/null
dotnet ef migrations script --idempotent \
  --project src/AttendanceBlazor.Migrations.SqlServer --startup-project src/AttendanceBlazor.Migrations.SqlServer \
  --output database/sqlserver-idempotent.sql
