#!/usr/bin/env bash
# Regenerates the face-api.js reference fixture used by the parity tests:
#   1. the engine's own decoder writes lossless PNG copies of ../shared/faces (attendance export-png);
#   2. the original face-api.js (tfjs, WASM backend, in Node) runs on those PNGs and writes the fixture.
# usage: tests/faceapi-reference/regenerate-fixtures.sh [FACES_DIR] [OUT_JSON]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
faces=${1:-${ATTENDANCE_TEST_FACES:-$root/../shared/faces}}
out=${2:-$root/tests/AttendanceBlazor.Recognition.Tests/Fixtures/faceapi-reference.json}
[ -d "$faces" ] || { echo "faces folder not found: $faces (set ATTENDANCE_TEST_FACES)" >&2; exit 2; }
(cd "$root/tests/faceapi-reference" && [ -d node_modules/@vladmandic/face-api ] || npm ci --ignore-scripts --no-audit --no-fund)
png=$(mktemp -d)
trap 'rm -rf "$png"' EXIT
dotnet run --project "$root/src/AttendanceBlazor.Cli" -c Release -- export-png --out "$png" "$faces" >/dev/null
node "$root/tests/faceapi-reference/reference.mjs" --images "$png" --out "$out"
