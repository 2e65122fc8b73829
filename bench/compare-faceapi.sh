#!/usr/bin/env bash
# Runs the original face-api.js (tfjs 4.22, WASM backend, Node) and this engine (attendance bench) on the same
# folder of stills in one run, and prints the medians (decode to descriptors, per still) and the ratios, for the
# engine's reference-faithful detector and for its 8-bit fast detector (docs/decisions/008-fast-detector.md).
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
dll="$root/src/AttendanceBlazor.Cli/bin/Release/net10.0/attendance.dll"
echo "== AttendanceBlazor engine, reference detector"
reference_out=$(dotnet "$dll" bench --images "$images" --runs "$runs" --index 0 --detector reference)
echo "$reference_out"
echo "== AttendanceBlazor engine, fast detector"
fast_out=$(dotnet "$dll" bench --images "$images" --runs "$runs" --index 0 --detector fast)
echo "$fast_out"

faceapi_median=$(echo "$faceapi_out" | awk '/^median_ms/ {print $2}')
reference_median=$(echo "$reference_out" | awk '$1 == "total" {print $2}')
fast_median=$(echo "$fast_out" | awk '$1 == "total" {print $2}')
echo "== summary"
echo "face-api.js median:             ${faceapi_median} ms per still"
awk -v a="$faceapi_median" -v b="$reference_median" 'BEGIN { printf "engine (reference) median: %8.2f ms per still, %.1fx faster\n", b, a / b }'
awk -v a="$faceapi_median" -v b="$fast_median" 'BEGIN { printf "engine (fast) median:      %8.2f ms per still, %.1fx faster\n", b, a / b }'
