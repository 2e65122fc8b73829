#!/usr/bin/env bash
# Runs the original face-api.js (tfjs 4.22, WASM backend, Node) and this engine (attendance bench) on the same
# folder of stills in one run, and prints both medians (decode to descriptors, per still) and the ratio.
# usage: bench/compare-faceapi.sh [IMAGES_DIR] [RUNS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
images=${1:-${ATTENDANCE_TEST_FACES:-$root/../shared/faces}}
runs=${2:-3}
(cd "$root/tests/faceapi-reference" && { [ -d node_modules/@vladmandic/face-api ] || npm ci --ignore-scripts --no-audit --no-fund >&2; })
dotnet build "$root/src/AttendanceBlazor.Cli" -c Release -v quiet -nologo >&2

echo "== face-api.js"
faceapi_out=$(node "$root/tests/faceapi-reference/bench.mjs" --images "$images" --runs "$runs")
echo "$faceapi_out"
echo "== AttendanceBlazor engine"
ours_out=$(dotnet "$root/src/AttendanceBlazor.Cli/bin/Release/net10.0/attendance.dll" bench --images "$images" --runs "$runs" --index 0)
echo "$ours_out"

faceapi_median=$(echo "$faceapi_out" | awk '/^median_ms/ {print $2}')
ours_median=$(echo "$ours_out" | awk '$1 == "total" {print $2}')
echo "== summary"
echo "face-api.js median: ${faceapi_median} ms per still"
echo "engine median:      ${ours_median} ms per still"
awk -v a="$faceapi_median" -v b="$ours_median" 'BEGIN { printf "ratio: %.1fx faster\n", a / b }'
